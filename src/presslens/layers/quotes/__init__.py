"""Layer `quotes`: who said what, with the cue that says so.

The stage `find_quotes` (`stage.py`) runs the rules below over each paragraph,
keeps one quote per stretch of text, resolves speakers and carries them on.

Parts:

* `marks.py`: quotation-mark pairs and the marked stretches of a paragraph;
* `intros.py`: colon-introduced and "X said:" paragraphs, marked quotes with a cue beside them;
* `stances.py`: stated positions ("urged them to vote", "cited a study");
* `carry.py`: a speaker carried on to the unattributed quotes that follow;
* `speakers.py`: the subject of a cue, resolved to an entity of the brief;
* `parts.py`: what the rules share: cue lexicons (`lexicons/en/`), the quote
  under construction, word counts.
"""

from presslens.layers.quotes.stage import find_quotes

__all__ = ["find_quotes"]
