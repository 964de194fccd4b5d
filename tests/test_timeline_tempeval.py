"""TempEval-3 conventions the timeline follows (issue 13), each on a sentence written here.

The publication date is Thursday 1989-10-26 unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief, TimeExpression

pytestmark = pytest.mark.slow

Analyse = Callable[..., Brief]
ONLY_TIMELINE = frozenset({"timeline"})
THURSDAY = "1989-10-26"


def found(brief_of: Analyse, text: str, surface: str, published: str = THURSDAY) -> TimeExpression:
    """The item at exactly the span of `surface` (its first occurrence) in `text`."""
    brief = brief_of(text, published=published, layers=ONLY_TIMELINE)
    start = text.index(surface)
    matches = [t for t in brief.timeline if (t.start, t.end) == (start, start + len(surface))]
    assert matches, [brief.surface(t) for t in brief.timeline]
    return matches[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "mod"),
    [
        ("He should have come at least 72 hours after his son was found.", "at least 72 hours",
         "PT72H", "EQUAL_OR_MORE"),
        ("The banks must wait 30 days before closing the deal.", "30 days", "P30D", None),
        ("The team resumed work nearly two months after it was blocked.", "nearly two months",
         "P2M", "LESS_THAN"),
    ],
)  # fmt: skip
def test_count_before_or_after_an_event_is_a_duration(
    brief_of: Analyse, text: str, surface: str, value: str, mod: str | None
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value, item.mod) == ("duration", value, mod)


def test_count_before_a_date_keeps_its_relation_word(brief_of: Analyse) -> None:
    brief = brief_of("Two days after May 3, the talks ended.", published=THURSDAY,
                     layers=ONLY_TIMELINE)  # fmt: skip
    assert [brief.surface(t) for t in brief.timeline] == ["Two days after", "May 3"]


@pytest.mark.parametrize(
    "comparison", ["a year earlier", "a year ago", "year-earlier"]
)  # fmt: skip
def test_a_year_earlier_compares_with_the_quarter_named_paragraphs_before(
    brief_of: Analyse, comparison: str
) -> None:
    text = (
        "Acme Corp. said its third-quarter profit rose 12%.\n\n"
        "The maker of tools cited strong demand in Europe and lower costs.\n\n"
        f"Sales were $40 million, up from $31 million in the {comparison} results."
        if comparison == "year-earlier"
        else "Acme Corp. said its third-quarter profit rose 12%.\n\n"
        "The maker of tools cited strong demand in Europe and lower costs.\n\n"
        f"Sales were $40 million, up from $31 million {comparison}."
    )
    assert found(brief_of, text, comparison).value == "1988-Q3"


def test_the_year_ago_quarter_is_the_named_quarter_a_year_before(brief_of: Analyse) -> None:
    text = "Profit fell in the second quarter. It was lower than in the year-ago quarter."
    assert found(brief_of, text, "the year-ago quarter").value == "1988-Q2"


def test_a_year_ago_without_a_quarter_is_the_year_before(brief_of: Analyse) -> None:
    assert found(brief_of, "The plant opened a year ago.", "a year ago").value == "1988"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("He was seized at 10 p.m. Wednesday, police said.", "10 p.m. Wednesday",
         "1989-10-25T22:00"),
        ("The vote ends at noon Friday.", "noon Friday", "1989-10-27T12:00"),
        ("They met at midday.", "midday", "1989-10-26T12:00"),
    ],
)  # fmt: skip
def test_clock_time_and_its_day_are_one_time(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("time", value)


def test_a_weekday_before_its_date_is_one_date(brief_of: Analyse) -> None:
    text = "The rally is set for Saturday, Oct. 28, organisers said."
    item = found(brief_of, text, "Saturday, Oct. 28")
    assert (item.type, item.value) == ("date", "1989-10-28")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("In June the bank extended the loans through January.", "January", "1990-01"),
        ("The board named him chairman, effective Feb. 1.", "Feb. 1", "1990-02-01"),
        ("The board met in February and named him chairman.", "February", "1989-02"),
    ],
)  # fmt: skip
def test_the_end_of_a_term_set_in_a_past_clause_may_lie_ahead(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Profit rose from the year-earlier third quarter.", "the year-earlier third quarter",
         "1988-Q3"),
        ("Profit rose from the 1987 third quarter.", "the 1987 third quarter", "1987-Q3"),
    ],
)  # fmt: skip
def test_a_quarter_with_its_year_before_it(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


def test_a_couple_of_years_is_two(brief_of: Analyse) -> None:
    item = found(brief_of, "The plant will close in the next couple of years.",
                 "the next couple of years")  # fmt: skip
    assert (item.type, item.value) == ("duration", "P2Y")


@pytest.mark.parametrize(
    ("text", "surface", "value", "mod"),
    [
        ("In the early morning of Oct. 24, the office spoke.", "the early morning of Oct. 24",
         "1989-10-24TMO", "START"),
        ("On the night of May 3, 1988, the dam broke.", "the night of May 3, 1988",
         "1988-05-03TNI", None),
    ],
)  # fmt: skip
def test_a_part_of_day_of_a_date(
    brief_of: Analyse, text: str, surface: str, value: str, mod: str | None
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value, item.mod) == ("time", value, mod)


def test_around_a_clock_time_is_approximate(brief_of: Analyse) -> None:
    text = "Around 15:00 on Oct. 24, the site posted it; they talked about Oct. 24 again."
    assert found(brief_of, text, "15:00").mod == "APPROX"
    brief = brief_of(text, published=THURSDAY, layers=ONLY_TIMELINE)
    assert [t.mod for t in brief.timeline if brief.surface(t) == "Oct. 24"] == [None, None]


def test_long_ago_is_the_past(brief_of: Analyse) -> None:
    item = found(brief_of, "They should have started fearing long ago.", "long ago")
    assert (item.type, item.value) == ("date", "PAST_REF")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Shares rose from Monday's closing price.", "Monday", "1989-10-23"),
        ("Friday's meeting will decide it.", "Friday", "1989-10-27"),
    ],
)
def test_a_weekday_said_as_a_noun_has_gone_by_unless_ahead(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("A deal could come within days.", "days", "PXD"),
        ("It was the worst storm in years.", "years", "PXY"),
    ],
)
def test_an_unstated_number_of_units(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("duration", value)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("Revenue for the year ended March 31 was $76 million.", "the year", "duration", "P1Y"),
        ("Net for the fiscal year ending June 30 rose.", "the fiscal year", "duration", "P1Y"),
        ("It hit a high for the year of $42.", "the year", "date", "1989"),
        ("Growth will reach 42% in the current year.", "the current year", "date", "1989"),
    ],
)
def test_the_year_of_company_reports(
    brief_of: Analyse, text: str, surface: str, kind: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == (kind, value)


def test_most_of_the_year_names_no_date(brief_of: Analyse) -> None:
    brief = brief_of("It rained most of the year.", published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("They stayed two more weeks.", "two more weeks", "P2W"),
        ("The plan needs an additional year.", "an additional year", "P1Y"),
    ],
)
def test_more_units_are_a_duration(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("duration", value)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Leads are checked on a daily basis.", "daily"),
        ("It was printed in the party daily Granma.", "daily"),
    ],
)
def test_daily_as_an_adjective_of_what_recurs(brief_of: Analyse, text: str, surface: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("set", "P1D")


def test_daily_before_another_noun_is_left_out(brief_of: Analyse) -> None:
    brief = brief_of("The daily tally rose.", published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Several years ago he left the firm.", "Several years ago", "PAST_REF"),
        ("A few weeks from now the plant closes.", "A few weeks from now", "FUTURE_REF"),
    ],
)
def test_an_unstated_count_ago_is_kept_as_a_reference(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("date", value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The boy was found Thanksgiving Day off the coast.", "Thanksgiving Day", "1988-11-24"),
        ("Shops closed early on Christmas Eve.", "Christmas Eve", "1988-12-24"),
        ("He was back by Christmas.", "Christmas", "1988-12-25"),
    ],
)
def test_holidays_are_their_dates(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface, published="1989-01-09")
    assert (item.type, item.value) == ("date", value)


def test_a_holiday_as_a_modifier_is_no_date(brief_of: Analyse) -> None:
    brief = brief_of("She sold Christmas trees.", published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The mill closed in June last year.", "June last year", "1988-06"),
        ("It reopened in January this year.", "January this year", "1989-01"),
        ("It will reopen in March next year.", "March next year", "1990-03"),
        ("It will close by October of next year.", "October", "1990-10"),
    ],
)
def test_month_of_a_counted_year_is_one_month(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value, item.anchor) == ("date", value, "document-date")


def test_that_year_takes_the_year_the_narrative_stated(brief_of: Analyse) -> None:
    text = "She moved to Lima in May 1975 and left later that year; the following year she sailed."
    later = found(brief_of, text, "later that year")
    following = found(brief_of, text, "the following year")
    assert (later.type, later.value, later.mod) == ("date", "1975", "END")
    assert (following.type, following.value, following.anchor) == ("date", "1976", "text-year")


def test_that_year_with_no_year_before_it_stays_unresolved(brief_of: Analyse) -> None:
    item = found(brief_of, "The following year she sailed.", "The following year")
    assert (item.type, item.value, item.anchor) == ("date", None, "unresolved")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Last April, the firm was sold.", "Last April", "1989-04"),
        ("The late-December trip was cancelled.", "late-December", "1988-12"),
    ],
)
def test_month_with_capital_relation_or_hyphenated_mod(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("They lived in the camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("A minute and a half later the alarm rang.", "A minute and a half", "PT1M30S"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("Sales fell in the past two quarters.", "the past two quarters", "P2Q"),
        ("Sales fell for several quarters.", "several quarters", "PXQ"),
    ],
)
def test_halves_and_quarters_are_timeml_durations(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("duration", value)


def test_a_share_in_quarters_is_no_duration(brief_of: Analyse) -> None:
    text = "About three-quarters of the votes, and a quarter of the seats."
    brief = brief_of(text, published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


def test_every_quarter_is_a_set(brief_of: Analyse) -> None:
    item = found(brief_of, "Dividends are paid every quarter.", "every quarter")
    assert (item.type, item.value) == ("set", "P1Q")


@pytest.mark.parametrize("surface", ["the near term", "the short term", "the near future"])
def test_near_and_short_term_are_the_future(brief_of: Analyse, surface: str) -> None:
    item = found(brief_of, f"Prices may rise in {surface}.", surface)
    assert (item.type, item.value) == ("date", "FUTURE_REF")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # Thursday 1989-10-26: a term ends on a weekday, past clause or not
        ("The offer had been due to expire Monday evening.", "Monday evening",
         "1989-10-23TEV"),
        ("The agency gave them until 9 a.m. Friday to sign.", "9 a.m. Friday",
         "1989-10-27T09:00"),
    ],
)  # fmt: skip
def test_weekday_ending_a_term_is_the_nearest_one(
    brief_of: Analyse, text: str, surface: str, value: str
) -> None:
    assert found(brief_of, text, surface).value == value


@pytest.mark.parametrize(
    "text", ["Now let us move on to the budget.", "Now regarding the proposal, we agree."]
)
def test_now_turning_to_a_topic_is_no_time(brief_of: Analyse, text: str) -> None:
    brief = brief_of(text, published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


def test_quarter_opening_a_sentence(brief_of: Analyse) -> None:
    item = found(brief_of, "Third quarter revenue rose 4%.", "Third quarter")
    assert (item.type, item.value) == ("date", "1989-Q3")


def test_years_later_landing_after_publication_is_a_duration(brief_of: Analyse) -> None:
    text = "Many died there in the war. Today they mourn. 80 years later they are killed again."
    item = found(brief_of, text, "80 years later")
    assert (item.type, item.value, item.anchor) == ("duration", "P80Y", "explicit")


def test_could_with_a_weekday_takes_the_nearest_one(brief_of: Analyse) -> None:
    # Thursday 1989-10-26: Wednesday is a day behind, six ahead
    item = found(brief_of, "His parents could not be located Wednesday.", "Wednesday")
    assert (item.type, item.value) == ("date", "1989-10-25")
    ahead = found(brief_of, "The group could leave as early as Friday.", "Friday")
    assert ahead.value == "1989-10-27"


@pytest.mark.parametrize(
    "text",
    ["The dividend is $1.76 a year.", "Four flights a week leave.", "It saves $2 million a year."],
)
def test_a_unit_after_an_amount_is_a_rate_not_a_duration(brief_of: Analyse, text: str) -> None:
    brief = brief_of(text, published=THURSDAY, layers=ONLY_TIMELINE)
    assert brief.timeline == ()


def test_a_unit_after_a_verb_stays_a_duration(brief_of: Analyse) -> None:
    item = found(brief_of, "He waited a week for the visa.", "a week")
    assert (item.type, item.value) == ("duration", "P1W")


def test_year_before_quarter_is_no_count_of_quarters(brief_of: Analyse) -> None:
    text = "Sales in the 1988 quarter were flat."
    brief = brief_of(text, published=THURSDAY, layers=ONLY_TIMELINE)
    assert all(not (t.value or "").endswith("Q") for t in brief.timeline)


def test_a_unit_after_a_bare_number_is_how_often(brief_of: Analyse) -> None:
    text = "Tankers are delivered at a rate of 15 a year."
    item = found(brief_of, text, "a year")
    assert (item.type, item.value) == ("set", "P1Y")


def test_part_of_day_takes_the_date_the_narrative_is_on(brief_of: Analyse) -> None:
    text = "Shares fell on Oct. 25. Dealers bought in the morning. By mid afternoon they sold."
    morning = found(brief_of, text, "the morning")
    afternoon = found(brief_of, text, "mid afternoon")
    assert (morning.type, morning.value, morning.anchor) == (
        "time",
        "1989-10-25TMO",
        "previous-date",
    )
    assert (afternoon.value, afternoon.mod) == ("1989-10-25TAF", "MID")


def test_part_of_day_with_a_day_word(brief_of: Analyse) -> None:
    item = found(brief_of, "At mid-afternoon yesterday shares rose.", "mid-afternoon yesterday")
    assert (item.type, item.value) == ("time", "1989-10-25TAF")


def test_clock_hour_in_the_morning_is_no_part_of_day(brief_of: Analyse) -> None:
    brief = brief_of("He will leave at 4 in the morning.", published=THURSDAY, layers=ONLY_TIMELINE)
    assert all(not (t.value or "").endswith("TMO") for t in brief.timeline)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Flights leave on Monday and Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
        ("The shop shuts on Sundays.", "Sundays", "XXXX-WXX-7"),
    ],
)
def test_plural_weekdays_are_sets(brief_of: Analyse, text: str, surface: str, value: str) -> None:
    item = found(brief_of, text, surface)
    assert (item.type, item.value) == ("set", value)


def test_month_named_after_a_quarter_ends_the_quarter_comparison(brief_of: Analyse) -> None:
    text = "Fourth quarter revenue rose. In January, revenue was 27% higher than a year earlier."
    item = found(brief_of, text, "a year earlier", published="1990-02-17")
    assert item.value == "1989"
    earnings = "Profit rose in the third quarter from $4 million a year earlier."
    assert found(brief_of, earnings, "a year earlier").value == "1988-Q3"


def test_the_weeks_ahead_is_an_unstated_number_of_weeks(brief_of: Analyse) -> None:
    item = found(brief_of, "Funds may sell bonds in the weeks ahead.", "the weeks ahead")
    assert (item.type, item.value) == ("duration", "PXW")
