"""Amounts: numbers in a sentence, normalised to value, unit and approximation."""

from __future__ import annotations

import pytest
from spacy.language import Language

from presslens.layers.claims.amounts import find_amounts
from presslens.layers.claims.chinese_amounts import find_amounts_chinese
from presslens.layers.claims.number_words import AmountGate, parse_number
from presslens.layers.claims.russian_amounts import find_russian_amounts
from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_PIPELINE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(DEFAULT_PIPELINE)


@pytest.mark.parametrize(
    ("sentence", "surface", "start", "value", "unit", "approx"),
    [
        (
            "They shipped 9 million rounds of shells.",
            "9 million rounds",
            13,
            9_000_000,
            "rounds",
            "exact",
        ),
        (
            "Over 14,000 soldiers were sent.",
            "Over 14,000 soldiers",
            0,
            14_000,
            "soldiers",
            "at-least",
        ),
        (
            "They fired at least 100 ballistic missiles.",
            "at least 100 ballistic missiles",
            11,
            100,
            "missiles",
            "at-least",
        ),
        (
            'They fired "at least" 100 missiles.',
            '"at least" 100 missiles',
            11,
            100,
            "missiles",
            "at-least",
        ),
        # Vague words stay vague: the least they allow, never a guessed 3.
        ("He stayed for a few hours.", "a few hours", 14, 2, "hours", "vague"),
        ("Dozens of people were hurt.", "Dozens of people", 0, 24, "people", "vague"),
        ("A dozen eggs were left.", "A dozen eggs", 0, 12, "eggs", "about"),
        (
            "It cost about 3.5 million euros.",
            "about 3.5 million euros",
            8,
            3_500_000,
            "euros",
            "about",
        ),
        ("Up to 40 people died.", "Up to 40 people", 0, 40, "people", "at-most"),
        # Bounds said in other words (issue 12, news-sample: "in excess of a trillion").
        (
            "The bank made a profit in excess of a trillion rubles.",
            "in excess of a trillion rubles",
            23,
            1_000_000_000_000,
            "rubles",
            "at-least",
        ),
        ("As many as 100 people left.", "As many as 100 people", 0, 100, "people", "at-most"),
        ("It took six years or so.", "six years or so", 8, 6, "years", "about"),
        ("They sold 300 tonnes or more.", "300 tonnes or more", 10, 300, "tonnes", "at-least"),
        ("The treaty has 23 articles.", "23 articles", 15, 23, "articles", "exact"),
        ("Unemployment fell to 3.5 percent.", "3.5 percent", 21, 3.5, "percent", "exact"),
        ("Turnout reached 62% on Sunday.", "62%", 16, 62, "percent", "exact"),
        ("The state annexed four new regions.", "four new regions", 18, 4, "regions", "exact"),
        ("The fund paid $5 million.", "$5 million", 14, 5_000_000, "dollars", "exact"),
        ("It was minus 17 degrees at noon.", "minus 17 degrees", 7, -17, "degrees", "exact"),
        (
            "Some twenty-three thousand people came.",
            "Some twenty-three thousand people",
            0,
            23_000,
            "people",
            "about",
        ),
    ],
)
def test_amount_is_normalised(
    nlp: Language, sentence: str, surface: str, start: int, value: float, unit: str, approx: str
) -> None:
    (amount,) = find_amounts(nlp(sentence)[:])
    assert (amount.start, amount.end) == (start, start + len(surface))
    assert sentence[amount.start : amount.end] == surface
    assert (amount.value, amount.unit, amount.approx) == (value, unit, approx)


@pytest.mark.parametrize(
    "sentence",
    [
        "The agreement was signed on June 19, 2024.",
        "Only in 2024 did the talks resume.",
        "They met on May 27th and again at 15:00.",
        "Article 12 covers tourism.",
        "The girl was treated at City Hospital No. 4 downtown.",
        "He won his first term easily.",
        "One of them left, and no one stayed.",
        "The meeting ended at 3 p.m. sharp.",
        # A count of what the sentence is about is no stated amount.
        "The two presidents discussed the agenda.",
        "Trade between their two countries grew.",
        # A number inside a name is part of the name.
        "The Nord Stream 2 gas pipeline was filled in October.",
    ],
)
def test_dates_times_ordinals_references_and_subject_counts_are_not_amounts(
    nlp: Language, sentence: str
) -> None:
    assert find_amounts(nlp(sentence)[:]) == []


def test_two_amounts_joined_by_and_stay_apart(nlp: Language) -> None:
    sentence = "They paid $5 million and twenty thousand people came."
    amounts = find_amounts(nlp(sentence)[:])
    assert [sentence[a.start : a.end] for a in amounts] == ["$5 million", "twenty thousand people"]
    assert [a.value for a in amounts] == [5_000_000, 20_000]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["3.5", "million"], 3_500_000),
        (["14,000"], 14_000),
        (["one", "hundred", "and", "five"], 105),
        (["twenty", "-", "three", "thousand"], 23_000),
        (["two", "billion"], 2_000_000_000),
    ],
)
def test_number_words_parse(words: list[str], value: float) -> None:
    assert parse_number(words) == value


def test_non_number_word_does_not_parse() -> None:
    assert parse_number(["ten", "apples"]) is None


@pytest.mark.parametrize(
    ("sentence", "surface", "low", "high", "unit"),
    [
        ("They insulted two or three people in a shop.", "two or three people", 2, 3, "people"),
        ("The repairs took 5 to 7 days.", "5 to 7 days", 5, 7, "days"),
    ],
)
def test_two_numbers_joined_by_or_or_to_are_a_range(
    nlp: Language, sentence: str, surface: str, low: float, high: float, unit: str
) -> None:
    (amount,) = find_amounts(nlp(sentence)[:])
    assert sentence[amount.start : amount.end] == surface
    assert (amount.value, amount.upper, amount.unit, amount.approx) == (low, high, unit, "range")


def test_from_one_number_to_another_is_a_change_not_a_range(nlp: Language) -> None:
    amounts = find_amounts(nlp("Prices rose from 5 to 10 percent.")[:])
    assert [a.approx for a in amounts] == ["exact", "exact"]


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        ("The deal is worth £6bn to the Treasury.", "£6bn", 6e9, "pounds"),
        ("They raised $100m last year.", "$100m", 1e8, "dollars"),
        ("They paid $250k for the house.", "$250k", 250_000, "dollars"),
        ("The fund has 4.67 lakh members.", "4.67 lakh members", 467_000, "members"),
        ("Sales hit Rs 5 crore.", "Rs 5 crore", 5e7, "rupees"),
        ("Debt rose to 1.2 trillion dollars.", "1.2 trillion dollars", 1.2e12, "dollars"),
        ("The budget is €3.5bn a year.", "€3.5bn", 3.5e9, "euros"),
        ("He earned US$2 billion.", "US$2 billion", 2e9, "dollars"),
    ],
)
def test_scale_suffixes_multiply_and_keep_the_currency(
    nlp: Language, sentence: str, surface: str, value: float, unit: str
) -> None:
    (amount,) = find_amounts(nlp(sentence)[:])
    assert sentence[amount.start : amount.end] == surface
    assert amount.value == pytest.approx(value)
    assert (amount.unit, amount.approx) == (unit, "exact")


def test_a_bare_m_without_currency_is_not_millions(nlp: Language) -> None:
    amounts = find_amounts(nlp("She ran the 100m in ten seconds.")[:])
    assert all(a.value < 1_000 for a in amounts)


@pytest.mark.parametrize(
    ("sentence", "surface", "least", "unit"),
    [
        ("Several thousand people are in captivity.", "Several thousand people", 3_000, "people"),
        ("It involved several hundred hospitals.", "several hundred hospitals", 300, "hospitals"),
        ("Trials enrolled a few hundred patients.", "a few hundred patients", 200, "patients"),
        ("Tens of thousands of people fled.", "Tens of thousands of people", 20_000, "people"),
        ("Hundreds of thousands of homes hid.", "Hundreds of thousands of homes", 2e5, "homes"),
    ],
)
def test_a_vague_word_before_a_scale_stays_vague_at_that_scale(
    nlp: Language, sentence: str, surface: str, least: float, unit: str
) -> None:
    (amount,) = find_amounts(nlp(sentence)[:])
    assert sentence[amount.start : amount.end] == surface
    assert (amount.value, amount.unit, amount.approx) == (least, unit, "vague")


def test_a_vague_scale_before_a_possessive_ends_at_the_scale(nlp: Language) -> None:
    sentence = "Several thousand of our people are in captivity."
    (amount,) = find_amounts(nlp(sentence)[:])
    assert sentence[amount.start : amount.end] == "Several thousand"
    assert (amount.value, amount.approx) == (3_000, "vague")


# --- sports scores: not amounts in any language (issue 15) ---------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Leeds won 2-1 at Burnley on Sunday.",
        "The visitors sealed a 3-0 win before the break.",
        "The justices ruled 5-4 against the state.",
        "The sides drew 1-1 in the rain.",
    ],
)
def test_a_sports_score_is_no_amount(nlp: Language, sentence: str) -> None:
    assert find_amounts(nlp(sentence)[:]) == []


def test_a_rising_pair_before_a_counted_noun_is_still_a_range(nlp: Language) -> None:
    sentence = "Recovery takes 3-4 weeks, the doctors said."
    (amount,) = find_amounts(nlp(sentence)[:])
    assert (amount.value, amount.upper, amount.approx) == (3, 4, "range")


def test_scores_are_left_out_in_russian_and_chinese_as_in_english() -> None:
    assert find_russian_amounts("Хозяева вели 1-0 после перерыва и выиграли 2:1.") == []
    assert find_amounts_chinese("主队以2比1获胜，上半场1-0领先，最终3:0。") == []
    (nanometres,) = find_russian_amounts("Толщина слоя 2-3 нанометра.")
    assert (nanometres.value, nanometres.upper) == (2, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "They fired at least 100 ballistic missiles.",
        "He stayed for a few hours.",
        "Dozens of people were hurt.",
        "A dozen eggs were left.",
        "Some twenty-three thousand people came.",
        "The fund paid $5 million.",
        "Several thousand of our people marched.",
        "The bank lost £6bn last year.",
        "The work took 3-4 weeks.",
        "It took TWO weeks.",
    ],
)
def test_the_amount_gate_opens_for_every_sentence_with_an_amount(
    nlp: Language, sentence: str
) -> None:
    doc = nlp(sentence)
    assert find_amounts(doc[:]) != []
    assert AmountGate(doc, sentence).may_hold(doc[:])


@pytest.mark.parametrize(
    "sentence",
    [
        # Number words inside other words ("someone", "often", "attention") are no tokens.
        "Someone often phones the tenant to get her attention.",
        "The minister denied the report on Tuesday.",
    ],
)
def test_the_amount_gate_shuts_a_sentence_without_digit_or_number_word(
    nlp: Language, sentence: str
) -> None:
    doc = nlp(sentence)
    assert not AmountGate(doc, sentence).may_hold(doc[:])
    assert find_amounts(doc[:]) == []


def test_the_amount_gate_reads_each_sentence_of_a_doc_apart(nlp: Language) -> None:
    text = "Nobody came. Then 40 people arrived. Everyone left."
    doc = nlp(text)
    gate = AmountGate(doc, text)
    first, second, third = doc[0:3], doc[3:8], doc[8:]
    assert [s.text for s in (first, second, third)] == [
        "Nobody came.",
        "Then 40 people arrived.",
        "Everyone left.",
    ]
    assert [gate.may_hold(s) for s in (first, second, third)] == [False, True, False]
