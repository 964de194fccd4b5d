"""TimeML values, types and mods of the timeline, one test per failure issue 13 lists.

Every text here is written for the test. The publication date is Monday 2025-03-10
unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief, TimeExpression

pytestmark = pytest.mark.slow

Analyse = Callable[..., Brief]
ONLY_TIMELINE = frozenset({"timeline"})
MONDAY = "2025-03-10"


def found(
    brief_of: Analyse, text: str, surface: str, published: str | None = MONDAY
) -> TimeExpression:
    """The item at exactly the span of `surface` (its first occurrence) in `text`."""
    brief = brief_of(text, published=published, layers=ONLY_TIMELINE)
    start = text.index(surface)
    matches = [t for t in brief.timeline if (t.start, t.end) == (start, start + len(surface))]
    assert matches, [brief.surface(t) for t in brief.timeline]
    return matches[0]


def surfaces(brief_of: Analyse, text: str, published: str | None = MONDAY) -> list[str]:
    brief = brief_of(text, published=published, layers=ONLY_TIMELINE)
    return [brief.surface(t) for t in brief.timeline]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The strike lasted a fortnight.", "a fortnight", "P2W"),
        ("The strike lasted three years.", "three years", "P3Y"),
        ("Prices climbed in recent months.", "recent months", "PXM"),
        ("They waited for hours at the gate.", "hours", "PTXH"),
        ("She won the race in 2:05:36 on Sunday.", "2:05:36", "PT2H5M36S"),
        ("The strike lasted a week.", "a week", "P1W"),
        # a duration said as an adjective: one unit, or an unstated number of them
        ("A day-long strike shut the port.", "day-long", "P1D"),
        ("It was a week-long festival.", "week-long", "P1W"),
        ("The months-long talks failed.", "months-long", "PXM"),
    ],
)
def test_durations(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value, item.anchor) == ("duration", value, "explicit")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Rents are now too high.", "now", "PRESENT_REF"),
        ("Few people walk these days.", "these days", "PRESENT_REF"),
        ("The mine is currently closed.", "currently", "PRESENT_REF"),
        ("Floods were rare in the past.", "the past", "PAST_REF"),
        ("Nobody cared back then.", "back then", "PAST_REF"),
        ("Costs will rise in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_present_and_past_references(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("date", value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The board meets every week.", "every week", "P1W"),
        ("The river floods each winter.", "each winter", "XXXX-WI"),
        ("Prices are reviewed twice a year.", "twice a year", "P1Y"),
        ("The report is published annually.", "annually", "P1Y"),
        ("The market opens every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
    ],
)
def test_sets(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("set", value)


def test_adjective_daily_is_no_set(brief_of: Analyse) -> None:
    assert surfaces(brief_of, "She reads a daily newspaper.") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "mod"),
    [
        # March 2025: last winter is the one from December 2024 (TimeML "2024-WI")
        ("The lake froze last winter.", "last winter", "2024-WI", None),
        ("Rates will fall by the end of the year.", "the end of the year", "2025", "END"),
        ("Steel boomed in the 1990s.", "the 1990s", "199", None),
        ("The canal was dug in the 19th century.", "the 19th century", "18", None),
        ("Demand will double in the next decade.", "next decade", "203", None),
        ("Sales rose in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3", None),
        ("The plant reopened in early 2024.", "early 2024", "2024", "START"),
        ("The talks lasted about two years.", "about two years", "P2Y", "APPROX"),
    ],
)
def test_coarse_values_and_mods(
    brief_of: Analyse, text: str, surface: str, value: str, mod: str | None
) -> None:
    item = found(brief_of, text, surface)
    assert (item.value, item.mod) == (value, mod)


def test_weekday_with_part_of_day(brief_of: Analyse) -> None:
    # A DATE with its part of day, as TimeBank+AQUAINT types "Friday night" 12 times in 17.
    item = found(brief_of, "The minister will arrive on Tuesday evening.", "Tuesday evening")
    assert (item.start, item.end, item.type, item.value) == (28, 43, "date", "2025-03-11TEV")


def test_day_word_with_part_of_day_stays_a_time(brief_of: Analyse) -> None:
    item = found(brief_of, "The minister spoke to reporters last night.", "last night")
    assert (item.type, item.value) == ("time", "2025-03-09TNI")


def test_month_in_past_tense_narrative_is_last_years(brief_of: Analyse) -> None:
    # A March article: "in August" in a past-tense clause is August 2024, in a future one 2025.
    past = found(brief_of, "The talks collapsed in August.", "August")
    future = found(brief_of, "The talks will resume in August.", "August")
    assert (past.value, future.value) == ("2024-08", "2025-08")


def test_season_in_past_tense_narrative(brief_of: Analyse) -> None:
    item = found(brief_of, "The dam burst in the autumn.", "the autumn")
    assert item.value == "2024-FA"


@pytest.mark.parametrize(
    "text",
    ["The mayor, aged 65, resigned.", "Of the 60 deputies, 48 of them voted."],
)
def test_bare_numbers_are_no_years(brief_of: Analyse, text: str) -> None:
    assert surfaces(brief_of, text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The union will strike on Monday.", "Monday"),
        ("The union will strike next year.", "next year"),
        ("The union went on strike last week.", "last week"),
    ],
)
def test_relative_dates_without_publication_date_stay_unresolved(
    brief_of: Analyse, text: str, surface: str
) -> None:
    item = found(brief_of, text, surface, published=None)
    assert (item.type, item.value, item.anchor) == ("date", None, "unresolved")
    assert item.end_value is None


def test_date_after_preposition_keeps_its_relation(brief_of: Analyse) -> None:
    text = "The ministers met again after May 29th to sign the deal."
    item = found(brief_of, text, "May 29th", published="2025-06-05")
    assert (item.value, item.mod) == ("2025-05-29", "AFTER")


def test_date_of_a_noun_dates_that_noun_not_the_clause(brief_of: Analyse) -> None:
    text = "It is too soon to claim that the navy will respond to the raid on June 1st."
    brief = brief_of(text, published="2025-06-05", layers=ONLY_TIMELINE)
    (item,) = brief.timeline
    assert item.event is not None
    assert brief.surface(item.event) == "the raid"


def test_clause_date_dates_its_verb(brief_of: Analyse) -> None:
    text = "The council voted on June 2nd, and the mayor resigned."
    brief = brief_of(text, published="2025-06-05", layers=ONLY_TIMELINE)
    (item,) = brief.timeline
    assert item.event is not None
    assert brief.surface(item.event) == "The council voted"


def test_another_language_plugs_in_its_own_grammar() -> None:
    # A toy grammar written for the test: the shared reader turns its words into values.
    from dataclasses import replace

    from presslens.layers.timeline.english import GRAMMAR
    from presslens.layers.timeline.expressions import find_expressions

    toy = replace(
        GRAMMAR,
        language="xx",
        rules=(("month-day-year", r"(?P<d>\d{1,2})\.\s(?P<m>Juni)\s(?P<y>\d{4})"),),
        months={"juni": 6},
    )
    (item,) = find_expressions("Am 4. Juni 2025 fiel Regen.", toy)
    assert (item.start, item.end, item.year, item.month, item.day) == (3, 15, 2025, 6, 4)


@pytest.mark.parametrize(
    "text", ["Now, let us turn to prices.", "Now that the vote is over, we rest."]
)
def test_sentence_initial_discourse_now_is_no_time(brief_of: Analyse, text: str) -> None:
    assert surfaces(brief_of, text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Shares fell over the past five trading days.", "the past five trading days", "P5D"),
        ("Wages stagnated over the past decade.", "past decade", "P10Y"),
    ],
)
def test_counted_past_is_a_duration(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("duration", value)


def test_weekday_in_present_tense_is_the_nearer_one(brief_of: Analyse) -> None:
    # Monday 2025-03-10: Thursday is 3 days ahead and 4 behind; Saturday 5 ahead, 2 behind.
    ahead = found(brief_of, "The team leaves on Thursday.", "Thursday")
    behind = found(brief_of, "The market is closed on Saturday.", "Saturday")
    assert (ahead.value, behind.value) == ("2025-03-13", "2025-03-08")


def test_reference_after_a_quotation_mark_stays(brief_of: Analyse) -> None:
    item = found(brief_of, 'After the "split" recently, trade fell.', "recently")
    assert item.value == "PAST_REF"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Sales peaked in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("It opened in May nineteen eighty-one.", "May nineteen eighty-one", "1981-05"),
        ("They planned it for the year two thousand.", "the year two thousand", "2000"),
    ],
)
def test_years_said_in_words(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.value, item.anchor) == (value, "explicit")


def test_publication_date_guessed_from_text_does_not_move_stated_years() -> None:
    # A date guessed from the text's own dates is weak: a year-less date takes the year
    # the text states, not the tense rule; relative dates say their anchor was guessed.
    from datetime import datetime

    from presslens.layers.timeline.stage import resolve_timeline
    from presslens.nlp import load_pipeline
    from presslens.settings import DEFAULT_PIPELINE

    text = "The storm of March 2, 2023 was the worst. Roads reopened on May 9th."
    doc = load_pipeline(DEFAULT_PIPELINE)(text)
    guessed = datetime(2023, 3, 2)
    items, _dropped = resolve_timeline(text, doc, guessed, guessed=True)
    by_text = {text[t.start : t.end]: t for t in items}
    assert (by_text["May 9th"].value, by_text["May 9th"].anchor) == ("2023-05-09", "text-year")
    trusted, _dropped = resolve_timeline(text, doc, guessed)
    assert {text[t.start : t.end]: t.value for t in trusted}["May 9th"] == "2022-05-09"


def test_year_earlier_after_a_quarter_is_that_quarter_a_year_before(brief_of: Analyse) -> None:
    text = "Profit rose in the third quarter of 2024 from $4 million a year earlier."
    item = found(brief_of, text, "a year earlier", published="2024-10-20")
    assert (item.value, item.anchor) == ("2023-Q3", "previous-date")


def test_year_earlier_after_a_span_of_months_is_the_year_before(brief_of: Analyse) -> None:
    text = (
        "Profit rose in the third quarter of 2024. For the nine months, profit was $9 million,"
        " against $7 million a year earlier."
    )
    item = found(brief_of, text, "a year earlier", published="2024-10-20")
    assert (item.value, item.anchor) == ("2023", "document-date")
    alone = found(brief_of, "Profit rose from $4 million a year earlier.", "a year earlier")
    assert alone.value == "2024"


def test_the_weekend_by_tense(brief_of: Analyse) -> None:
    # Wednesday 2025-03-12: the weekend before is ISO week 10's, the one after week 11's.
    past = found(brief_of, "Talks broke down over the weekend.", "the weekend", "2025-03-12")
    future = found(brief_of, "Talks will resume over the weekend.", "the weekend", "2025-03-12")
    assert (past.value, future.value) == ("2025-W10-WE", "2025-W11-WE")
