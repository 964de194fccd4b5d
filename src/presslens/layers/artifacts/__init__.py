"""Layer `artifacts`: what translation and republication left behind in the text.

The stage `find_artifacts` (`stage.py`) marks foreign-script fragments, one
person spelled two ways, spelling variants ("Kiev"/"Kyiv", from the shared
`presslens/lexicons/en/spelling_variants.tsv`), placeholders left by a
translator or an aggregator ("relevant countries", `lexicons/en/placeholders.txt`)
and boilerplate (captions, "Original:" links, prompt lines).

For Russian, `find_russian_artifacts` (`russian.py`) adds Russian placeholders
("ряд стран") and boilerplate lines ("Источник:", "Фото:") from `lexicons/ru/`,
and leaves out the name variants Russian case endings would fake.
"""

from presslens.layers.artifacts.russian import find_russian_artifacts
from presslens.layers.artifacts.stage import find_artifacts

__all__ = ["find_artifacts", "find_russian_artifacts"]
