"""The grammar's word gates (`Grammar.needs`): a rule skipped on a text never loses a match."""

from __future__ import annotations

from dataclasses import replace

import pytest

from presslens.layers.timeline.english import GRAMMAR
from presslens.layers.timeline.expressions import find_expressions

EVERY_RULE = replace(GRAMMAR, needs={})

# One phrase per gated rule (and some ungated ones beside it), each written here.
PHRASES = [
    "The talks ran from May 27th to 29th, 2025.",
    "Between 2 and 5 June the port was shut.",
    "He arrived on June 19, 2024, in the early morning of June 4th.",
    "By the 4th of July the deal was done; sales rose in March 2023.",
    "Prices fell in June last year, between April and June, and since October.",
    "In the early 1990s and the '70s, nineteen ninety-six was a dry year.",
    "Q3 2024 profit beat the third quarter of last year and year-earlier sales.",
    "Last Monday night, the day before yesterday and tonight the board met.",
    "In the afternoon the first half of 2024 ended; over the weekend talks resumed.",
    "The 19th century ended; the race took 2:05:36 last summer at noon Thursday.",
    "On Christmas Eve and New Year's Day the markets were closed.",
    "Two days ago, for three weeks, every week and daily, now and in the past.",
    "Exports grew 4% on the year, officials said at 3 pm GMT.",
]


@pytest.mark.parametrize("text", PHRASES)
def test_gated_rules_find_what_every_rule_finds(text: str) -> None:
    found = find_expressions(text, GRAMMAR)
    assert found == find_expressions(text, EVERY_RULE)
    assert found


def test_a_rule_whose_words_are_absent_is_not_run() -> None:
    names = {name for name, _pattern in GRAMMAR.rules_for("The minister spoke for hours.")}
    assert "weekday" not in names and "month" not in names and "century" not in names
    assert "duration" in names  # ungated rules always run
    assert "weekday" in {name for name, _pattern in GRAMMAR.rules_for("See you on Friday.")}


def test_every_rule_runs_where_case_folding_and_lowering_disagree() -> None:
    # re.IGNORECASE matches "ſ" to "s"; str.lower() leaves it: the gates would be unsound.
    assert GRAMMAR.rules_for("ſo it goes") == GRAMMAR.compiled


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("The strike began in ſummer 2024.", "The strike began in summer 2024."),
        ("NİNETEEN NINETY was a dry year.", "NINETEEN NINETY was a dry year."),
        (
            "The vote came \u0131n March 2023 after 2 wee\u212as.",
            "The vote came in March 2023 after 2 weeks.",
        ),
    ],
)
def test_letters_the_rules_match_as_ascii_are_read_as_it(odd: str, plain: str) -> None:
    """'ſ', 'ı', 'İ' and the Kelvin sign match an ASCII letter case-blind but do not lower to
    it: read as that letter, not an error (a KeyError on the month or number word before)."""
    assert len(odd) == len(plain)
    found = [(f.start, f.end, f.rule, f.year, f.month) for f in find_expressions(odd)]
    assert found == [(f.start, f.end, f.rule, f.year, f.month) for f in find_expressions(plain)]
    assert found
