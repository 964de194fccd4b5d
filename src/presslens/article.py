"""The article as the pipeline's stages see it: the normalised text, its spaCy Doc, its metadata."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from presslens.readers import RawArticle
from presslens.settings import Settings


@dataclass(frozen=True)
class Article:
    """One article under analysis. `text` is the one owner of the characters."""

    raw: RawArticle
    doc: Doc
    settings: Settings
    #: The detected language (ISO 639-1), decided before parsing (`languages.detect`): it
    #: chose the front that built `doc` and the stages that read it (`pipeline.STAGES`).
    language: str = "en"

    @property
    def text(self) -> str:
        """The normalised article text every offset points into."""
        return self.raw.text
