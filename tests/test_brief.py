"""The brief's serialisation: offsets carry the text, and a brief survives a JSON round trip."""

from __future__ import annotations

import json

from presslens.brief import (
    Amount,
    Artifact,
    Brief,
    Claim,
    Document,
    Entity,
    Quote,
    Source,
    Span,
    Speaker,
    Technique,
    TimeExpression,
)

TEXT = 'Mayor Ana Ruiz said "the bridge opens in May 2026" after 40 days of work.'


def hand_made_brief() -> Brief:
    return Brief(
        document=Document(sha256="abc", language="en", disclaimer=None),
        text=TEXT,
        entities=(
            Entity("E1", "Ana Ruiz", "PERSON", (Span(6, 14),), roles=(Span(0, 5),), evidence="t"),
        ),
        quotes=(
            Quote(21, 49, "direct", Speaker("E1", "Ana Ruiz", 6, 14), Span(15, 19), "marks+verb"),
            Quote(0, 3, "indirect", Speaker(None, None), None),
        ),
        claims=(
            Claim(
                0,
                73,
                0.9,
                "attributed",
                source=Source("E1", "Ana Ruiz", 6, 14),
                amounts=(Amount(57, 64, 40.0, "days", "exact"),),
            ),
        ),
        timeline=(TimeExpression(41, 49, "2026-05", "explicit", event=Span(21, 49)),),
        techniques=(Technique(25, 31, "Loaded_Language", 0.5, "lexicon"),),
        artifacts=(Artifact(0, 5, "other", "note"),),
    )


def test_every_item_with_offsets_gets_its_text() -> None:
    data = hand_made_brief().to_dict()
    assert list(data)[:3] == ["schema", "document", "text"]
    assert data["entities"][0]["mentions"][0] == {"start": 6, "end": 14, "text": "Ana Ruiz"}
    assert data["entities"][0]["roles"][0]["text"] == "Mayor"
    quote = data["quotes"][0]
    assert quote["text"] == "the bridge opens in May 2026"
    assert quote["speaker"] == {
        "entity_id": "E1",
        "name": "Ana Ruiz",
        "start": 6,
        "end": 14,
        "pronoun": False,
        "text": "Ana Ruiz",
    }
    assert quote["cue"]["text"] == "said"
    assert data["quotes"][1]["speaker"]["text"] is None
    assert data["claims"][0]["amounts"][0]["text"] == "40 days"
    assert data["timeline"][0]["event"]["text"] == "the bridge opens in May 2026"


def test_json_round_trip_gives_the_same_brief() -> None:
    brief = hand_made_brief()
    assert Brief.from_dict(json.loads(brief.to_json())) == brief
