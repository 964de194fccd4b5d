"""The timeline layer: values, anchors, ranges, zones, durations and event clauses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief, TimeExpression
from presslens.layers.timeline.expressions import find_expressions
from presslens.layers.timeline.stage import sorted_timeline

pytestmark = pytest.mark.slow

Analyse = Callable[..., Brief]
ONLY_TIMELINE = frozenset({"timeline"})


def timeline(brief_of: Analyse, text: str, published: str | None = None) -> list[TimeExpression]:
    return list(brief_of(text, published=published, layers=ONLY_TIMELINE).timeline)


def item(
    brief_of: Analyse, text: str, surface: str, published: str | None = None
) -> TimeExpression:
    brief = brief_of(text, published=published, layers=ONLY_TIMELINE)
    start = text.index(surface)
    matches = [t for t in brief.timeline if t.start == start and t.end == start + len(surface)]
    assert matches, [brief.surface(t) for t in brief.timeline]
    return matches[0]


def test_full_date_is_explicit_with_exact_offsets(brief_of: Analyse) -> None:
    text = "The treaty was signed on June 19, 2024, in the capital."
    found = item(brief_of, text, "June 19, 2024")
    assert (found.start, found.end) == (25, 38)
    assert (found.value, found.anchor, found.end_value) == ("2024-06-19", "explicit", None)


def test_yearless_date_takes_year_stated_in_text(brief_of: Analyse) -> None:
    text = "The storm of March 2, 2023 was the worst. Roads reopened on March 9th."
    found = item(brief_of, text, "March 9th")
    assert (found.value, found.anchor) == ("2023-03-09", "text-year")
    assert "year 2023 stated at 13" in found.evidence


def test_a_year_stated_only_after_a_yearless_date_does_not_anchor_it(brief_of: Analyse) -> None:
    text = "Talks resumed on 10 January. The target is 40% of sales by 2030."
    found = item(brief_of, text, "10 January")
    assert (found.value, found.anchor) == (None, "unresolved")


def test_yearless_date_falls_near_publication_date(brief_of: Analyse) -> None:
    text = "The council met on December 30th to approve the budget."
    found = item(brief_of, text, "December 30th", published="2025-01-03")
    assert (found.value, found.anchor) == ("2024-12-30", "document-date")


def test_year_stated_earlier_in_same_sentence_wins_over_publication_year(
    brief_of: Analyse,
) -> None:
    text = "The pact was signed on June 19, 2024, and came into force on December 5."
    found = item(brief_of, text, "December 5", published="2025-06-05")
    assert (found.value, found.anchor) == ("2024-12-05", "text-year")


def test_yesterday_resolves_from_publication_date(brief_of: Analyse) -> None:
    found = item(brief_of, "The mayor resigned yesterday.", "yesterday", published="2025-03-10")
    assert (found.value, found.anchor) == ("2025-03-09", "document-date")


def test_relative_date_without_publication_date_stays_unresolved(brief_of: Analyse) -> None:
    (found,) = timeline(brief_of, "The mayor resigned yesterday.")
    assert (found.start, found.end, found.value, found.anchor) == (19, 28, None, "unresolved")
    assert found.type == "date"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Prices rose last week.", "last week", "2025-W10"),
        ("Sales fell two days ago.", "two days ago", "2025-03-08"),
        ("The plant opens next month.", "next month", "2025-04"),
        ("Talks collapsed on Monday.", "Monday", "2025-03-10"),
        ("Talks collapsed on Friday.", "Friday", "2025-03-07"),
        ("Talks will resume on Friday.", "Friday", "2025-03-14"),
        ("Profits doubled in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3"),
    ],
)
def test_relative_expressions_resolve_from_publication_date(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    # 2025-03-10 is a Monday.
    assert item(brief_of, text, surface, published="2025-03-10").value == value


def test_same_day_takes_previous_date_of_narrative(brief_of: Analyse) -> None:
    text = "Riots began on May 30, 2025. On the same day, the minister resigned."
    found = item(brief_of, text, "On the same day")
    assert (found.value, found.anchor) == ("2025-05-30", "previous-date")


def test_days_later_counts_from_previous_date(brief_of: Analyse) -> None:
    text = "The ship left on April 2, 2021. Two days later it sank."
    found = item(brief_of, text, "Two days later")
    assert (found.value, found.anchor) == ("2021-04-04", "previous-date")


def test_day_range_shares_month_and_year(brief_of: Analyse) -> None:
    text = "A forum was held in Oslo from May 27th to 29th, 2025."
    found = item(brief_of, text, "from May 27th to 29th, 2025")
    assert (found.value, found.end_value, found.anchor) == ("2025-05-27", "2025-05-29", "explicit")


def test_year_range_between_two_years(brief_of: Analyse) -> None:
    found = item(brief_of, "Output grew between 2019 and 2021.", "between 2019 and 2021")
    assert (found.value, found.end_value) == ("2019", "2021")


def test_clock_time_with_named_zone_keeps_the_stated_local_time(brief_of: Analyse) -> None:
    # TimeML writes the clock time as stated; the UTC instant goes to the evidence.
    text = "Around 15:00 Moscow time on June 1, 2025, the news broke."
    found = item(brief_of, text, "15:00 Moscow time")
    assert (found.value, found.anchor) == ("2025-06-01T15:00", "explicit")
    assert "2025-06-01T12:00 UTC" in found.evidence


def test_zoned_clock_time_stays_on_its_stated_day(brief_of: Analyse) -> None:
    # 11 p.m. EST is 04:00 UTC the next day: the value keeps the stated evening.
    text = "The polls closed at 11 p.m. EST on Nov. 3, 2020, in the last states."
    found = item(brief_of, text, "11 p.m. EST")
    assert found.value == "2020-11-03T23:00"
    assert "2020-11-04T04:00 UTC" in found.evidence


def test_clock_time_stated_in_utc_is_written_with_z(brief_of: Analyse) -> None:
    text = "The rocket lifted off at 08:30 UTC on April 27, 2005, from the coast."
    found = item(brief_of, text, "08:30 UTC")
    assert found.value == "2005-04-27T08:30Z"


def test_clock_time_without_zone_stays_local_and_uses_previous_date(brief_of: Analyse) -> None:
    text = "The vote was held on March 3, 2022. Results came at 9:30 p.m."
    found = item(brief_of, text, "9:30 p.m.")
    assert (found.value, found.anchor) == ("2022-03-03T21:30", "previous-date")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The strike lasted for two weeks.", "two weeks", "P2W"),
        ("He served three years in office.", "three years", "P3Y"),
        ("She stayed only a few hours.", "a few hours", "PTXH"),
        ("It took two and a half years.", "two and a half years", "P2Y6M"),
        ("A 12-hour shift ended.", "12-hour", "PT12H"),
    ],
)
def test_durations_are_timeml_periods(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    found = item(brief_of, text, surface)
    assert (found.value, found.anchor) == (value, "explicit")


def test_ordinal_second_is_not_a_duration() -> None:
    assert find_expressions("There was no need for a second round of talks.") == []


def test_may_as_a_verb_is_not_a_month() -> None:
    assert find_expressions("Prices may rise, and they may fall.") == []


def test_event_is_the_clause_the_date_attaches_to(brief_of: Analyse) -> None:
    text = "The agreement was signed on June 19, 2024, and came into effect on December 5, 2024."
    brief = brief_of(text, layers=ONLY_TIMELINE)
    events = {brief.surface(t): brief.surface(t.event) for t in brief.timeline if t.event}
    assert events == {
        "June 19, 2024": "The agreement was signed",
        "December 5, 2024": "came into effect",
    }


def test_sorted_timeline_is_in_calendar_order(brief_of: Analyse) -> None:
    text = "It opened on May 3, 2021. It was planned in 2019. It closed for two weeks."
    brief = brief_of(text, layers=ONLY_TIMELINE)
    assert [t.value for t in sorted_timeline(brief)] == ["2019", "2021-05-03", "P2W"]
