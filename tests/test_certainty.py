"""Certainty cues: hedges, speculation and boosters, and the certainty class they give."""

from __future__ import annotations

import pytest

from presslens.layers.claims.certainty import certainty_of, find_cues


def cue_texts(text: str) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.kind) for c in find_cues(text)]


@pytest.mark.parametrize(
    ("text", "certainty", "cue"),
    [
        ("Prices rose by a third last year.", "asserted", None),
        ("Clearly, prices rose last year.", "asserted", ("Clearly", "booster")),
        ("There is no doubt that prices rose.", "asserted", ("There is no doubt", "booster")),
        ("It is highly likely that prices rose.", "hedged", ("highly likely", "hedge")),
        ("The most plausible explanation is a drought.", "hedged",
         ("The most plausible explanation", "hedge")),
        ("Prices may rise again.", "hedged", ("may", "hedge")),
        ("A rate cut is unlikely this year.", "hedged", ("is unlikely", "hedge")),
        ("It seems the plan failed.", "hedged", ("It seems", "hedge")),
        ("It is reasonable to speculate that the trip was urgent.", "speculative",
         ("It is reasonable to speculate", "speculation")),
        ("We can speculate about the motive.", "speculative", ("We can speculate", "speculation")),
        ("Perhaps the talks failed.", "speculative", ("Perhaps", "speculation")),
        ("Troops could cross the river.", "speculative", ("could", "speculation")),
        ("Rates will likely fall.", "speculative", ("will likely", "speculation")),
        ("If rates fall, then prices will rise.", "speculative", ("If", "speculation")),
    ],
)  # fmt: skip
def test_certainty_class_follows_its_cue(
    text: str, certainty: str, cue: tuple[str, str] | None
) -> None:
    cues = find_cues(text)
    assert certainty_of(cues) == certainty
    assert cue_texts(text) == ([cue] if cue else [])


def test_longest_phrase_wins_over_its_parts() -> None:
    assert cue_texts("Rates will likely fall.") == [("will likely", "speculation")]


def test_speculation_outranks_hedge_and_booster() -> None:
    text = "Clearly the army may move, and perhaps it will."
    assert certainty_of(find_cues(text)) == "speculative"


def test_month_may_is_not_a_hedge() -> None:
    assert find_cues("The forum met in May and again on May 27.") == []
    assert find_cues("May 27 was a Tuesday.") == []


def test_cue_offsets_are_shifted_by_offset() -> None:
    (cue,) = find_cues("Prices probably rose.", offset=100)
    assert (cue.start, cue.end, cue.kind) == (107, 115, "hedge")
