"""Years the English side used to miss (wmt-parallel en-ru), each on a text written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief

pytestmark = pytest.mark.slow

Analyse = Callable[..., Brief]
ONLY_TIMELINE = frozenset({"timeline"})


def values(brief: Brief) -> dict[str, str | None]:
    return {brief.surface(t): t.value for t in brief.timeline}


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2031 marks the fiftieth year of the festival in the old harbour town.", "2031"),
        ("The club was founded long ago.\n1987 was the year its first stand went up.", "1987"),
    ],
)
def test_a_year_opening_a_sentence_before_its_verb_is_a_date(
    brief_of: Analyse, text: str, year: str
) -> None:
    assert values(brief_of(text, layers=ONLY_TIMELINE)).get(year) == year


@pytest.mark.parametrize(
    "text",
    [
        "1500 troops were sent to the border on the first day.",
        "1200 workers will lose their jobs when the plant closes.",
    ],
)
def test_a_count_opening_a_sentence_is_no_year(brief_of: Analyse, text: str) -> None:
    number = text.split()[0]
    assert number not in values(brief_of(text, layers=ONLY_TIMELINE))


def test_a_year_used_as_a_modifier_does_not_date_the_narrative(brief_of: Analyse) -> None:
    # The elections' year is not the year of the events told after them: with no
    # publication date, "In March" stays unresolved rather than take 2031.
    text = (
        "The party lost three states following the 2031 assembly elections.\n"
        "In March, it lost its majority in the regional parliament."
    )
    brief = brief_of(text, layers=ONLY_TIMELINE)
    (march,) = (t for t in brief.timeline if brief.surface(t) == "March")
    assert march.value is None
    assert march.anchor == "unresolved"


def test_a_year_stated_earlier_in_the_sentence_dates_a_date_of_the_same_verb(
    brief_of: Analyse,
) -> None:
    text = "In 2019, the council met after the vote on March 3 and adjourned."
    brief = brief_of(text, layers=ONLY_TIMELINE, published="2025-06-10")
    assert values(brief)["March 3"] == "2019-03-03"


def test_a_year_in_a_clause_of_its_own_leaves_a_later_date_to_the_narrative(
    brief_of: Analyse,
) -> None:
    # "1998" dates the approval, in a relative clause; "Sept. 29" dates the buying.
    text = (
        "Under a plan that the board approved in 1998, the firm bought back "
        "200,000 shares through Sept. 29."
    )
    brief = brief_of(text, layers=ONLY_TIMELINE, published="2025-10-30")
    assert values(brief)["Sept. 29"] == "2025-09-29"
