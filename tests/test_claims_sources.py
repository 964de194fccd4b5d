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


def test_this_was_stated_by_and_a_question_name_no_source_of_their_own(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Ruritania claims to protect the rights of farmers, but most of the farms were "
        "destroyed. This was stated by President of Ruritania John Miller during a press "
        "conference. When asked by a host if the new rules led to the floods, Anna Berg said, "
        '"I have not heard that particular concern" from the engineers.'
    )
    brief = brief_of(text, layers=CLAIM_LAYERS)
    stated = next(c for c in brief.claims if brief.text[c.start :].startswith("This was"))
    assert stated.source is None
    asked = next(c for c in brief.claims if brief.text[c.start :].startswith("When asked"))
    assert asked.source is not None
    assert brief.text[asked.source.start : asked.source.end] == "Anna Berg"
