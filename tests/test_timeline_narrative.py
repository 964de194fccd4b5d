"""Year-less dates in news narrative (issue 13), each on a sentence written here.

The publication date is Monday 1989-10-30 unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief, TimeExpression

pytestmark = pytest.mark.slow

Analyse = Callable[..., Brief]
ONLY_TIMELINE = frozenset({"timeline"})
MONDAY = "1989-10-30"


def found(brief_of: Analyse, text: str, surface: str, published: str = MONDAY) -> TimeExpression:
    """The item at exactly the span of `surface` (its first occurrence) in `text`."""
    brief = brief_of(text, published=published, layers=ONLY_TIMELINE)
    start = text.index(surface)
    matches = [t for t in brief.timeline if (t.start, t.end) == (start, start + len(surface))]
    assert matches, [brief.surface(t) for t in brief.timeline]
    return matches[0]


def test_last_before_a_month_and_day_leaves_the_day_in_the_date(brief_of: Analyse) -> None:
    text = "The doctor was shot last Oct. 23 at his home in the suburbs."
    item = found(brief_of, text, "Oct. 23", published="1990-04-19")
    assert (item.value, item.type) == ("1989-10-23", "date")


def test_a_clock_time_after_last_month_and_day_takes_that_day(brief_of: Analyse) -> None:
    text = "The doctor was shot last Oct. 23 at his home. He was hit at 10 p.m. in his kitchen."
    item = found(brief_of, text, "10 p.m.", published="1990-04-19")
    assert item.value == "1989-10-23T22:00"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # a month used as a noun's modifier, which only dateparser reads: the past clause
        # keeps it in the year of publication (it lies two days after it)
        ("Traders placed orders to start the first day for November contracts.", "November",
         "1989-11"),
        # ... and a future clause moves it to the coming one
        ("The March accession will let the three countries join the talks.", "March",
         "1990-03"),
    ],
)  # fmt: skip
def test_a_month_only_dateparser_reads_takes_its_year_from_the_tense(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


def test_a_count_ago_with_or_so_is_an_approximate_date(brief_of: Analyse) -> None:
    item = found(brief_of, "The rebels left the city a week or so ago.", "a week or so ago")
    assert (item.value, item.type, item.mod) == ("1989-W43", "date", "APPROX")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Sales rose in the first half of 1988.", "the first half of 1988", "1988-H1"),
        ("Sales fell in the second half of last year.", "the second half of last year",
         "1988-H2"),
        ("Profit will grow in the last half of the year.", "the last half of the year",
         "1989-H2"),
    ],
)  # fmt: skip
def test_a_half_year_is_timeml_h1_or_h2(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.value, item.type) == (value, "date")


def test_a_half_year_without_a_publication_date_stays_unresolved(brief_of: Analyse) -> None:
    brief = brief_of("Sales fell in the second half of last year.", layers=ONLY_TIMELINE)
    assert [(brief.surface(t), t.value, t.anchor) for t in brief.timeline] == [
        ("the second half of last year", None, "unresolved")
    ]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # the narrative is on Friday 1989-10-27: "the previous Friday" is the one before it
        ("Shares closed lower Friday. The index was down 4.5% from the previous Friday.",
         "the previous Friday", "1989-10-20"),
        ("The talks opened on Oct. 3 and ended the following Monday.",
         "the following Monday", "1989-10-09"),
        # no day named before it: counted from publication, strictly before it
        ("Prices fell 3% from the preceding Monday.", "the preceding Monday", "1989-10-23"),
        # "following" without "the" is a preposition: after that Monday, the one gone by
        ("Following Monday's vote, the party split.", "Monday", "1989-10-30"),
    ],
)  # fmt: skip
def test_previous_or_following_weekday_counts_from_the_day_the_narrative_is_on(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


def test_two_months_between_are_each_dated(brief_of: Analyse) -> None:
    text = "The economy shrank 0.9% between April and June, the ministry said."
    brief = brief_of(text, published=MONDAY, layers=ONLY_TIMELINE)
    assert [(brief.surface(t), t.value) for t in brief.timeline] == [
        ("April", "1989-04"),
        ("June", "1989-06"),
    ]


def test_the_year_after_two_months_between_dates_both(brief_of: Analyse) -> None:
    text = "Output fell between November and January 1988, the ministry said."
    brief = brief_of(text, published=MONDAY, layers=ONLY_TIMELINE)
    assert [t.value for t in brief.timeline] == ["1987-11", "1988-01"]


def test_a_weekday_a_past_plan_is_made_for_lies_ahead(brief_of: Analyse) -> None:
    # Published on a Monday: the march planned "on Saturday" is the coming Saturday; the one
    # "held on Saturday" is the past one.
    text = "Farmers planned a march on Saturday. Students held a rally on Saturday."
    brief = brief_of(text, published=MONDAY, layers=ONLY_TIMELINE)
    assert [t.value for t in brief.timeline] == ["1989-11-04", "1989-10-28"]
