"""The brief: what presslens found in one article, every item pointing into its text.

The article's normalised text lives in `Brief.text` and nowhere else. Every
item is a small frozen dataclass with `start`/`end` (Python string indices,
end exclusive) into that text; surface strings are derived when the brief is
serialised (`Brief.to_dict`), never stored apart from their offsets.

The JSON contract is `presslens.brief/2` (see README, "The brief").
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "presslens.brief/2"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "WORK", "OTHER"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Certainty = Literal["asserted", "hedged", "speculative", "attributed"]
Approx = Literal["exact", "at-least", "at-most", "about", "range", "vague"]
Anchor = Literal["explicit", "document-date", "text-year", "previous-date", "unresolved"]
TimeType = Literal["date", "time", "duration", "set"]
ArtifactKind = Literal[
    "foreign-script",
    "name-variant",
    "spelling-variant",
    "placeholder",
    "mistranslation",
    "boilerplate",
    "other",
]
PublishedSource = Literal["metadata", "url-id", "text", "user"]
Profile = Literal["fast", "accurate"]

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place... with every mention and the roles the text gives it."""

    id: str
    name: str
    type: EntityType
    mentions: tuple[Span, ...]
    roles: tuple[Span, ...] = ()
    #: Why it was found: "spacy:ner", "gazetteer", "rule:...", joined by "+".
    evidence: str = ""
    #: One key per person or place across scripts and spellings (Шойгу, Shoigu, 绍伊古 ->
    #: "shoigu"): `layers/entities/keys.py`.
    key: str = ""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote or claim is attributed to; a span of text and, when known, an entity."""

    entity_id: str | None
    name: str | None
    start: int | None = None
    end: int | None = None
    #: True when the speaker's words are a pronoun ("he", "I" inside a quote or turn):
    #: `entity_id` then says who it stands for, or is None when the text does not say.
    #: Indexes of speakers count entities and list unresolved pronouns apart.
    pronoun: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted or reported speech: the content span, its cue and its speaker."""

    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: Span | None
    evidence: str = ""
    #: Calibrated probability that a quote a model found is right (content and speaker, on
    #: held-out PolNeAR train); None for the quotes the rules found.
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    """A number in a claim, normalised."""

    start: int
    end: int
    value: float
    unit: str | None
    #: "range": from `value` to `upper` ("two or three"); "vague": words, not a number
    #: ("a few", "dozens of"), `value` the least they allow (2, 24) and `upper` None.
    approx: Approx
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is attributed to ("CNN", "an analysis report")."""

    entity_id: str | None
    name: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence or clause stating something that could be checked."""

    start: int
    end: int
    checkworthy: float
    certainty: Certainty
    hedges: tuple[Span, ...] = ()
    source: Source | None = None
    amounts: tuple[Amount, ...] = ()
    evidence: str = ""
    #: Cues pressing the claim as certain ("clearly", "there is no doubt"); it stays asserted.
    boosters: tuple[Span, ...] = ()
    #: Calibrated probability that the sentence is check-worthy (`checkworthy` is the raw
    #: score); None where no calibrated model read it (Russian and Chinese rules).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date, time, range or duration, normalised to ISO 8601, with the clause it dates."""

    start: int
    end: int
    #: A TimeML value ("2025-06-04", "2025-SU", "P2W", "PRESENT_REF"); None when unresolved.
    value: str | None
    anchor: Anchor
    end_value: str | None = None
    event: Span | None = None
    evidence: str = ""
    type: TimeType = "date"
    #: TimeML mod: APPROX, START, MID, END, LESS_THAN, MORE_THAN, ...
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique (SemEval-2020 Task 11 name) found on a span."""

    start: int
    end: int
    technique: str
    score: float
    evidence: str
    #: Calibrated probability that the item is right (a gold span of this technique is there).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Artifact:
    """A trace of translation or republication: foreign script, name variants, placeholders..."""

    start: int
    end: int
    kind: ArtifactKind
    note: str


@dataclass(frozen=True, slots=True)
class Document:
    """Provenance: where the article came from and what it says about itself."""

    sha256: str
    language: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: PublishedSource | None = None
    source_url: str | None = None
    original_url: str | None = None
    disclaimer: Span | None = None
    #: Title and author as spans into the text, when the text itself carries them.
    title_span: Span | None = None
    author_span: Span | None = None
    #: The input record's own id (a JSON Lines or JSON `id`, a sidecar's id), passed through.
    id: str | None = None
    #: Where this copy was read from: a file path, `path#record`, `<stdin>`, `<text>`.
    origin: str | None = None
    #: Plain sentences a reader must see ("no publication date: ...").
    notices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LayerStatus:
    """Whether a layer was computed for this brief, and how its items were chosen.

    An empty layer that was computed means "none found"; one that was not
    computed says why in `reason` ("not asked for").
    """

    computed: bool
    #: Which models produced a learned layer's items; None for rule layers.
    profile: Profile | None = None
    #: The display threshold applied to this layer's items, when it has one.
    threshold: float | None = None
    #: Items found below the threshold and left out.
    withheld: int = 0
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything found in one article. Build one with `presslens.analyze`.

    >>> brief = Brief(document=Document(sha256="0", language="en"), text="Hi.")
    >>> brief.to_dict()["schema"]
    'presslens.brief/2'
    """

    document: Document
    text: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    timeline: tuple[TimeExpression, ...] = ()
    techniques: tuple[Technique, ...] = ()
    artifacts: tuple[Artifact, ...] = ()
    #: Per layer name: whether it was computed (see `LayerStatus`).
    layers: dict[str, LayerStatus] = field(default_factory=dict)
    schema: str = field(default=SCHEMA)

    def surface(self, item: Span | Any) -> str:
        """The text an item points at."""
        return self.text[item.start : item.end]

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The brief as plain JSON-ready data; every item with offsets gains its `text`."""
        out = _to_plain(self, self.text)
        assert isinstance(out, dict)
        ordered = {"schema": out.pop("schema"), "document": out.pop("document"), "text": self.text}
        out.pop("text")
        ordered.update(out)
        return ordered

    def to_json(self, *, indent: int | None = 2) -> str:
        """The brief as a JSON string (the `presslens.brief/2` contract)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        """Rebuild a brief from `to_dict` output (derived `text` fields are dropped)."""
        brief = _from_plain(cls, data)
        assert isinstance(brief, Brief)
        return brief


def _to_plain(value: Any, text: str) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            out[f.name] = _to_plain(getattr(value, f.name), text)
        start, end = out.get("start"), out.get("end")
        if isinstance(start, int) and isinstance(end, int) and "text" not in out:
            out["text"] = text[start:end]
        elif "start" in out and start is None:
            out["text"] = None
        return out
    if isinstance(value, tuple | list):
        return [_to_plain(v, text) for v in value]
    if isinstance(value, dict):
        return {key: _to_plain(v, text) for key, v in value.items()}
    return value


def _from_plain(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(inner[0], data)
    if origin is tuple:
        (inner_tp, _ellipsis) = typing.get_args(tp)
        return tuple(_from_plain(inner_tp, v) for v in data)
    if origin is dict:
        (_key_tp, value_tp) = typing.get_args(tp)
        return {key: _from_plain(value_tp, v) for key, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        kwargs = {
            f.name: _from_plain(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    return data
