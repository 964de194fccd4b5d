"""Layer `quotes`: who said what, with the cue that says so.

The stage `find_quotes` (`stage.py`) runs the rules below over each paragraph,
keeps one quote per stretch of text, resolves speakers and carries them on.

Parts:

* `marks.py`: quotation-mark pairs and the marked stretches of a paragraph;
* `intros.py`: colon-introduced and "X said:" paragraphs, marked quotes with a cue beside them;
* `stances.py`: stated positions ("urged them to vote", "cited a study");
* `asides.py`: the sentence around a parenthetical "he said", and "according to X";
* `carry.py`: a speaker carried on to the unattributed quotes that follow;
* `turns.py`: transcript and interview turns ("Vladimir Putin: ...", "Question: ...");
* `acts.py`: negated and hypothetical cues, which report no speech act;
* `agents.py`: whether a speaker's words name an agent (`lexicons/en/agent_nouns.txt`);
* `learned.py`: cue verbs the lexicons miss, from a model trained on PolNeAR train;
* `speakers.py`: the subject of a cue, resolved to an entity of the brief ("it said":
  the organisation before it), with `phrases.py` (where the speaker's words end);
* `descriptions.py`: "the President", "the Head of State" resolved to the person named;
* `russian.py`: the stage for Russian, `find_russian_quotes` («...» with a dash or colon
  cue, dash speech, turns, "заявил, что", "по словам X"), with `russian_speakers.py`;
* `chinese.py`: the stage for Chinese, `find_chinese_quotes` (“”「」『』 with a cue,
  "X表示，...", "据X称，...", cues in `lexicons/zh/`);
* `parts.py`: what the rules share: cue lexicons (`lexicons/en/`), the quote
  under construction, word counts.
"""

from presslens.layers.quotes.chinese import find_chinese_quotes
from presslens.layers.quotes.russian import find_russian_quotes
from presslens.layers.quotes.stage import find_quotes

__all__ = ["find_chinese_quotes", "find_quotes", "find_russian_quotes"]
