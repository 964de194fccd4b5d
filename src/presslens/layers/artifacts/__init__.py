"""Layer `artifacts`: what translation and republication left behind in the text.

The stage `find_artifacts` (`stage.py`) marks foreign-script fragments, one
person spelled two ways, spelling variants ("Kiev"/"Kyiv", from the shared
`presslens/lexicons/en/spelling_variants.tsv`), placeholders left by a
translator or an aggregator ("relevant countries", `lexicons/en/placeholders.txt`)
and boilerplate (captions, "Original:" links, prompt lines).
"""

from presslens.layers.artifacts.stage import find_artifacts

__all__ = ["find_artifacts"]
