"""Russian readings the English-Russian parallel measurement asked for (issue 15):
comma-grouped thousands and counts in words, years named with "года" anywhere,
decades, and foreign names declined in Russian given back their nominative."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief
from presslens.layers.claims.russian_amounts import find_russian_amounts
from presslens.layers.entities.russian_cases import common_word_name, nominative_word
from presslens.layers.timeline.expressions import find_expressions
from presslens.layers.timeline.russian import GRAMMAR

BriefOf = Callable[..., Brief]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Погибли более чем 700,000 жителей.", 700000),
        ("Всего 41,382 заявки.", 41382),
        ("Выпустили 3,250,000 монет.", 3250000),
        ("Бюджет 2,125 млн рублей.", 2125000),  # before a scale word: a decimal comma
        ("Доля 0,375 процента.", 0.375),
        ("Рост 4,5 процента.", 4.5),
        ("Было 12 300 машин.", 12300),
    ],
)
def test_comma_grouped_thousands_and_decimal_commas(text: str, value: float) -> None:
    (amount,) = find_russian_amounts(text)
    assert amount.value == pytest.approx(value)


def test_a_count_in_words_is_an_amount_when_the_parse_finds_the_noun_it_counts() -> None:
    text = "Через три недели пятеро спасателей вернулись, цены выросли в два раза."
    nouns = frozenset({text.index("недели"), text.index("спасателей")})
    found = find_russian_amounts(text, 0, nouns)
    assert [(text[a.start : a.end], a.value) for a in found] == [
        ("три недели", 3),
        ("пятеро спасателей", 5),
    ]
    assert find_russian_amounts(text) == []  # no parse, no noun: no count


def test_a_figure_joined_to_a_measure_word_is_an_amount() -> None:
    text = "Задержали 42-летнего водителя у 9-этажного дома, а не Ту-154."
    found = find_russian_amounts(text)
    assert [(text[a.start : a.end], a.value) for a in found] == [
        ("42-летнего", 42),
        ("9-этажного", 9),
    ]


def test_a_clock_time_is_no_amount_and_a_length_of_time_is() -> None:
    text = "Кафе открыто с 7 утра до десяти вечера, обед в два часа дня, и он длится 2 часа."
    found = find_russian_amounts(text)
    assert [(text[a.start : a.end], a.value) for a in found] == [("2 часа", 2)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("По итогам отчёта 2017 года продажи росли.", 2017),
        ("Рынок за 2016 год вырос.", 2016),
    ],
)
def test_a_year_with_its_year_word_is_a_year_after_any_word(text: str, value: int) -> None:
    (found,) = find_expressions(text, GRAMMAR)
    assert (found.rule, found.year) == ("year", value)


def test_a_bare_number_after_a_noun_is_no_year() -> None:
    assert find_expressions("В зале сидели 2017 зрителей.", GRAMMAR) == []


def test_a_bare_year_after_a_yearly_event_is_a_year() -> None:
    (found,) = find_expressions("Он вспомнил о кампании 2016, заявив, что победит.", GRAMMAR)
    assert (found.rule, found.year) == ("year", 2016)


@pytest.mark.parametrize(
    ("text", "decade"),
    [("в 1980-х годах", "198"), ("в 1950-е", "195"), ("в 70-х", "197"), ("90-е годы", "199")],
)
def test_russian_decades(text: str, decade: str) -> None:
    (found,) = find_expressions(f"Так было {text} везде.", GRAMMAR)
    assert found.decade == decade


def test_a_day_of_the_month_is_no_decade() -> None:
    assert all(f.decade is None for f in find_expressions("Это 30-е число.", GRAMMAR))


@pytest.mark.slow
def test_a_month_takes_the_year_the_text_names_without_a_publication_date(
    brief_of: BriefOf,
) -> None:
    # (A year qualifying a noun, "отчёту фонда 2017 года", dates no month after it, as the
    # English "the fund's 2017 report" does not: tests/test_timeline_spans.py.)
    brief = brief_of("В 2017 году, согласно отчёту фонда, выручка выросла. В мае она упала.\n")
    assert [(brief.text[t.start : t.end], t.value) for t in brief.timeline] == [
        ("2017 году", "2017"),
        ("мае", "2017-05"),
    ]


@pytest.mark.parametrize(
    ("word", "case", "gender", "nominative"),
    [
        ("Маккензи", "Gen", "Masc", None),  # indeclinable: no case ending
        ("Торнтоном", "Ins", "Masc", "Торнтон"),
        ("Торнтона", "Gen", "Masc", "Торнтон"),
        ("Торнтону", "Dat", "Masc", "Торнтон"),
        ("Торнтоне", "Loc", "Masc", "Торнтон"),
        ("Торнтону", "Acc", "Masc", None),  # "-у" is no accusative of a masculine name
        ("Грея", "Acc", "Masc", "Грей"),
        ("Амира", "Acc", "Fem", None),  # feminine names are left to Natasha
        ("Торнтона", "Nom", "Masc", None),
        ("Торнтоном", "Acc", "Masc", "Торнтон"),  # an instrumental ending under any oblique tag
        ("Ян-Ульриха", "Gen", "Masc", "Ян-Ульрих"),
        ("Сантаны", "Gen", "Masc", "Сантана"),  # a man's name in "-а"
        ("Сантаной", "Ins", "Masc", "Сантана"),
        ("Сантану", "Acc", "Masc", None),
    ],
)
def test_a_declined_masculine_name_gets_its_nominative(
    word: str, case: str, gender: str, nominative: str | None
) -> None:
    assert nominative_word(word, case, gender) == nominative


@pytest.mark.slow
def test_a_foreign_name_in_an_oblique_case_is_one_entity_in_the_nominative(
    brief_of: BriefOf,
) -> None:
    brief = brief_of(
        "Тренер остался доволен Торнтоном, сказал он журналистам. "
        "Гол забил полузащитник Майлз Торнтон.\n"
    )
    people = [e for e in brief.entities if e.type == "PERSON"]
    assert [(e.name, len(e.mentions)) for e in people] == [("Майлз Торнтон", 2)]


@pytest.mark.slow
def test_a_foreign_name_the_text_leaves_undeclined_keeps_its_form(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Поль Догба намекнул, что останется в клубе. "
        "Срок действия контракта Догба истекает через год. "
        "Мария Лаврова заявила, что слова Сергея Лаврова верны. Зонд Марс-2030 сел.\n"
    )
    people = [(e.name, len(e.mentions)) for e in brief.entities if e.type == "PERSON"]
    assert people == [("Поль Догба", 2), ("Мария Лаврова", 1), ("Сергей Лавров", 1)]


@pytest.mark.parametrize(
    ("name", "common"),
    [
        ("Вчера", True),  # an adverb
        ("Сэр", True),
        ("Мороз", False),  # a common word that is a surname too
        ("Кортни", False),  # unknown to the dictionary
        ("Поп-звезда", True),
        ("Жан-Поль Ренар", False),
        ("Башар аль-Асад", False),
    ],
)
def test_a_common_word_is_no_person_name(name: str, common: bool) -> None:
    assert common_word_name(name) is common
