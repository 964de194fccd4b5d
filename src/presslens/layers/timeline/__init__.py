"""Layer `timeline`: when things happened, normalised and anchored.

Parts:

* `expressions.py`: finds time expressions with rules and reads what their
  words say (a date, a weekday, a shift, a duration), with time zones from
  `lexicons/timezones.tsv`;
* `stage.py`: the stage `find_timeline`, which anchors each expression
  (explicit, the publication date, a year in the text, the previous date),
  falls back on dateparser for what the rules cannot read, and links it to the
  clause it dates (`events.py`).
"""

from presslens.layers.timeline.stage import find_timeline

__all__ = ["find_timeline"]
