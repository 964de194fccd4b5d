"""The API's response bodies as pydantic models, for the OpenAPI schema.

They describe the `presslens.brief/2` contract (BRIEF.md) as the floor: every
model allows extra keys, as the contract lets the brief grow. Routes return
`Brief.to_dict()` directly; these models document it, and the schemathesis
tests check real responses against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class TextSpan(_Open):
    start: int
    end: int
    text: str


class DocumentOut(_Open):
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    published_source: Literal["metadata", "url-id", "text", "user"] | None
    source_url: str | None
    original_url: str | None
    language: str
    disclaimer: TextSpan | None
    sha256: str
    id: str | None = Field(None, description="The input record's own id, passed through.")
    origin: str | None = Field(None, description="Where this copy was read from.")
    notices: list[str] = Field([], description="Plain sentences a reader must see.")


class LayerStatusOut(_Open):
    computed: bool
    profile: Literal["fast", "accurate"] | None
    threshold: float | None
    withheld: int
    reason: str | None


class EntityOut(_Open):
    id: str
    name: str
    type: Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "WORK", "OTHER"]
    mentions: list[TextSpan]
    roles: list[TextSpan]


class SpeakerOut(_Open):
    entity_id: str | None
    name: str | None
    start: int | None
    end: int | None
    text: str | None
    pronoun: bool = Field(False, description="An unresolved pronoun (no entity_id).")


class QuoteOut(TextSpan):
    kind: Literal["direct", "indirect", "mixed"]
    speaker: SpeakerOut | None
    cue: TextSpan | None
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="For a quote a model found: calibrated probability."
    )


class AmountOut(TextSpan):
    value: float
    unit: str | None
    approx: Literal["exact", "at-least", "at-most", "about", "range", "vague"]
    upper: float | None = Field(None, description="The top of a range ('two or three').")


class SourceOut(TextSpan):
    entity_id: str | None
    name: str | None


class ClaimOut(TextSpan):
    checkworthy: float = Field(ge=0, le=1)
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="Calibrated probability it is check-worthy."
    )
    certainty: Literal["asserted", "hedged", "speculative", "attributed"]
    hedges: list[TextSpan]
    source: SourceOut | None
    amounts: list[AmountOut]


class TimeExpressionOut(TextSpan):
    value: str | None = Field(description="A TimeML value; null when nothing anchors it.")
    end_value: str | None
    anchor: Literal["explicit", "document-date", "text-year", "previous-date", "unresolved"]
    type: Literal["date", "time", "duration", "set"] = Field(description="The TimeML type.")
    mod: str | None = Field(None, description="The TimeML modifier: START, APPROX, AFTER...")
    event: TextSpan | None


class TechniqueOut(TextSpan):
    technique: str
    score: float
    evidence: str


class ArtifactOut(TextSpan):
    kind: Literal[
        "foreign-script",
        "name-variant",
        "spelling-variant",
        "placeholder",
        "mistranslation",
        "boilerplate",
        "other",
    ]
    note: str


class BriefOut(_Open):
    """One article's brief: the `presslens.brief/2` contract."""

    schema_: Literal["presslens.brief/2"] = Field(alias="schema")
    document: DocumentOut
    text: str
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    claims: list[ClaimOut]
    timeline: list[TimeExpressionOut]
    techniques: list[TechniqueOut]
    artifacts: list[ArtifactOut]
    layers: dict[str, LayerStatusOut]


class ErrorOut(BaseModel):
    """Every error: one line saying what was wrong, never a traceback."""

    detail: str


class SearchHitOut(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str = Field(description="Plain text around the match.")
    matches: list[tuple[int, int]] = Field(
        description="(start, end) of each matched word in the snippet."
    )
    origin: str | None = Field(None, description="Where the article was read from.")


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHitOut]


class ArticleOut(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    quotes: int = Field(description="Quotes in the article's brief.")
    claims: int = Field(description="Claims in the article's brief.")
    techniques: int = Field(description="Persuasion-technique spans in the article's brief.")


class ArticlesOut(BaseModel):
    articles: list[ArticleOut] = Field(description="Matching articles, newest first.")


class IngestOut(BaseModel):
    added: list[int] = Field(description="Ids of the articles stored by this request.")
    duplicates: int = Field(description="Articles already in the store, not stored again.")
    rejected: list[str] = Field(description="One line per record that could not be analysed.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "The request body is over the upload limit."},
    422: {"model": ErrorOut, "description": "The input is not a usable article."},
}
