"""Layer `claims`: sentences that state something checkable, how sure they are, and whose they are.

The stage `find_claims` (`stage.py`) keeps candidate sentences (not headings,
not inside a quote), scores them and attaches what they carry.

Parts:

* `checkworthy.py`: the check-worthiness model (weights in
  `presslens/models/weights/`, trained by `presslens.models.checkworthy`);
* `certainty.py`: hedge, speculation and booster cues (`lexicons/en/`) and the
  certainty label they give;
* `amounts.py`: numbers and quantities with their unit and approximation;
* `attributed.py`: whose a claim is (a quote's speaker, a reporting verb's subject,
  "according to X");
* `russian.py`: the stage for Russian, `find_russian_claims` (rules only, no model: amounts
  from `russian_amounts.py`, sources from the quotes layer, cues from `lexicons/ru/`).
* `chinese.py` and `chinese_amounts.py`: the stage for Chinese, `find_chinese_claims`
  (rules only: amounts, quoted sources, certainty cues of `lexicons/zh/`).

Sources come from attribution verbs (`lexicons/en/attribution_cues.txt`),
"according to" and the quotes layer.
"""

from presslens.layers.claims.chinese import find_chinese_claims
from presslens.layers.claims.russian import find_russian_claims
from presslens.layers.claims.stage import find_claims

__all__ = ["find_chinese_claims", "find_claims", "find_russian_claims"]
