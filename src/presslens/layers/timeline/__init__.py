"""Layer `timeline`: when things happened, normalised and anchored.

Parts:

* `grammar.py`: a language's grammar (patterns and words) and the registry
  of grammars; `english.py` and `english_words.py` are the English one,
  `chinese.py` the Chinese one;
* `expressions.py`: finds time expressions with a grammar's rules and reads
  what their words say (a date, a weekday, a shift, a duration, a set, a
  season), with time zones from `lexicons/timezones.tsv`;
* `anchoring.py`: the calendar value of each expression and how it got it;
* `narrative.py`: the year of a year-less date or season from the tense of its clause;
* `stage.py`: the stage `find_timeline`, which anchors each expression
  (explicit, the publication date, a year in the text, the previous date),
  falls back on dateparser for what the rules cannot read, and links it to the
  clause it dates (`events.py`);
* `chinese_days.py`: the stage for Chinese, `find_chinese_timeline`: the shared stage
  with the Chinese grammar, plus a day of the month written alone (毛宁4日表示).
"""

from presslens.layers.timeline.chinese_days import find_chinese_timeline
from presslens.layers.timeline.stage import find_timeline

__all__ = ["find_chinese_timeline", "find_timeline"]
