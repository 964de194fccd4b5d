"""Whose a claim is (issue 12): the claim's source agrees with the speaker the quotes layer
resolved for the same reporting verb."""

from __future__ import annotations

from collections.abc import Callable

from presslens.brief import Brief

CLAIM_LAYERS = frozenset({"entities", "quotes", "claims"})


def test_a_claims_source_is_the_speaker_its_cue_verb_names(brief_of: Callable[..., Brief]) -> None:
    text = (
        "Retired Major of the Interior Ministry, Chairman of the Committee of War Veterans, "
        "and Veteran Andrei Shina believes that the two countries do not need any reason to "
        "trade based on the signed agreements: I think the trip is less a result of the "
        "events on June 1st and more a continuation of cooperation."
    )
    brief = brief_of(text, layers=CLAIM_LAYERS)
    claim = next(c for c in brief.claims if c.start == 0)
    assert claim.source is not None
    assert brief.text[claim.source.start : claim.source.end] == "Andrei Shina"
    assert claim.source.entity_id is not None
