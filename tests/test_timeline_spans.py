"""Ranges, decades, year spans and weekdays beside dates, in English, Russian and Chinese:
what the two sides of a translated article wrote differently (wmt-parallel, studied half),
each on a text written here."""

from __future__ import annotations

from functools import cache

import pytest

from presslens import analyze
from presslens.layers.timeline.chinese import GRAMMAR as CHINESE
from presslens.layers.timeline.expressions import find_expressions
from presslens.layers.timeline.russian import GRAMMAR as RUSSIAN
from presslens.settings import Settings

#: Most tests here run the pipeline (spaCy, Natasha, jieba).
pytestmark = pytest.mark.slow
ONLY_TIMELINE = Settings(layers=frozenset({"timeline"}))


@cache
def read(text: str) -> list[tuple[str, str | None, str | None]]:
    """Each expression of a text (no publication date), with its value and its end's value."""
    brief = analyze(text, ONLY_TIMELINE)
    return [(brief.surface(t), t.value, t.end_value) for t in brief.timeline]


@pytest.mark.parametrize(
    ("text", "span", "value", "end"),
    [
        ("The fair runs 12-14 September 2031 in the old port.", "12-14 September 2031",
         "2031-09-12", "2031-09-14"),
        ("The fair runs from 12 to 14 September 2031.", "from 12 to 14 September 2031",
         "2031-09-12", "2031-09-14"),
        ("Talks were held between 3 and 6 October 2031.", "between 3 and 6 October 2031",
         "2031-10-03", "2031-10-06"),
    ],
)  # fmt: skip
def test_a_range_with_the_day_first_is_one_range(
    text: str, span: str, value: str, end: str
) -> None:
    assert (span, value, end) in read(text)


def test_days_joined_by_and_without_between_are_two_dates() -> None:
    text = "The meetings of 3 and 6 October 2031 were cancelled."
    assert [value for _span, value, end in read(text) if end] == []


@pytest.mark.parametrize(
    ("text", "span", "value", "end"),
    [
        ("From 1961 to 1972, the mill doubled its output.", "From 1961 to 1972", "1961", "1972"),
        ("Between 1961 and 1972, the mill doubled.", "Between 1961 and 1972", "1961", "1972"),
        ("The club's 2031-32 season opens late.", "2031-32", "2031", "2032"),
        ("The 1999-00 budget was cut twice.", "1999-00", "1999", "2000"),
        ("The board sat from 1961-67 in the town hall.", "1961-67", "1961", "1967"),
    ],
)
def test_year_spans_read_at_any_case_and_with_a_two_figure_end(
    text: str, span: str, value: str, end: str
) -> None:
    assert (span, value, end) in read(text)


def test_a_year_and_a_month_in_figures_are_no_span() -> None:
    assert [f.rule for f in find_expressions("A file dated 2031-05 was kept.")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The painter, in his early 20s, moved to the coast.",
        "Women in their 30s and 40s joined the choir.",
        "She left school in her mid-20s.",
    ],
)
def test_a_decade_after_a_possessive_is_an_age(text: str) -> None:
    assert read(text) == []


def test_a_decade_with_an_apostrophe_or_the_stays_a_decade() -> None:
    assert [value for _span, value, _end in read("Music changed in the 70s and the '80s.")] == [
        "197",
        "198",
    ]


def test_a_number_with_a_thousands_comma_is_no_shift() -> None:
    assert read("Nearly 10,000 years ago, people fished here.") == []


def test_a_year_after_born_is_a_date() -> None:
    assert ("1931", "1931", None) in read("The painter was born 1931 in a fishing village.")


def test_a_weekday_that_contradicts_the_year_found_leaves_the_date_unresolved() -> None:
    # 13 January is a Saturday in 2029, a Sunday in 2030: the year stated before it is no
    # year of the exhibition, so the date stays unresolved rather than take it.
    wrong = "The painter has shown work since 2030.\nThe show opens Saturday, Jan. 13."
    right = "The painter has shown work since 2029.\nThe show opens Saturday, Jan. 13."
    assert [value for _span, value, _end in read(wrong) if value] == ["2030"]
    assert ("Saturday, Jan. 13", "2029-01-13", None) in read(right)


# --- Russian -------------------------------------------------------------------------------


russian = read


def test_russian_day_with_its_ending_is_a_date() -> None:
    assert ("14-го марта 2031 года", "2031-03-14", None) in russian(
        "Суд назначил слушание на 14-го марта 2031 года."
    )


def test_russian_financial_year_is_a_span() -> None:
    assert ("2031/32 год", "2031", "2032") in russian("Отчёт за 2031/32 год опубликован.")


def test_russian_year_qualifying_a_noun_does_not_date_the_narrative() -> None:
    # As English "the 2031 elections": the year of the elections, not of what follows.
    text = "Партия проиграла после выборов 2031 года.\nВ марте она потеряла большинство."
    assert ("марте", None, None) in russian(text)
    assert [value for _span, value, _end in russian(text) if value] == ["2031"]


def test_russian_year_after_a_preposition_dates_the_narrative() -> None:
    text = "В 2031 году партия проиграла.\nВ марте она потеряла большинство."
    assert [value for _span, value, _end in russian(text) if value] == ["2031", "2031-03"]


def test_russian_end_of_a_year_in_the_genitive_is_its_end() -> None:
    found = find_expressions("Завод закроют до конца 2031 года.", RUSSIAN)
    assert [(f.year, f.mod) for f in found] == [(2031, "END")]


# --- Chinese -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decade"),
    [
        ("故事发生在19 世纪 80 年代的纽约。", "188"),
        ("20世纪80年代", "198"),
        ("上世纪90年代", "199"),
    ],
)
def test_chinese_decade_of_a_named_century(text: str, decade: str) -> None:
    assert [f.decade for f in find_expressions(text, CHINESE)] == [decade]


def test_russian_weekdays_every_week_and_in_the_genitive_after_a_part_of_the_day() -> None:
    text = "По пятницам рынок открыт допоздна. Ярмарка откроется утром, а вечер пятницы свободен."
    found = {surface: value for surface, value, _end in russian(text)}
    assert found["По пятницам"] == "XXXX-WXX-5"
    assert "вечер пятницы" in found
    # "среды" alone is "of the environment" as often as "of Wednesday": no date.
    assert russian("Охрана окружающей среды стала главной темой форума.") == []


def test_russian_present_and_past_references() -> None:
    text = "На данный момент завод стоит. В последнее время заказов стало меньше."
    assert [value for _span, value, _end in russian(text)] == ["PRESENT_REF", "PAST_REF"]


def test_chinese_year_naming_an_election_does_not_date_the_narrative() -> None:
    named = "她说对手赢得了 2031 年总统大选。\n\n这位议员 7 月份在网上写道。"
    stated = "2031年，对手赢得了选举。\n\n这位议员 7 月份在网上写道。"
    assert [value for _span, value, _end in read(named) if value] == ["2031"]
    assert ("7 月份", "2031-07", None) in read(stated)
