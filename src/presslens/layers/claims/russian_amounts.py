"""Amounts in Russian text: "9 млн снарядов", "свыше 14 тыс. военных", "не менее 100 ракет".

A number (figures with a space or thin space between thousands and a comma for
decimals, or a number word), an optional scale ("тыс.", "млн", "миллиарда"), the
approximation words before it (`APPROX_BEFORE`) and the unit after it: "%" and
"процентов", a currency, else the noun that follows. Vague plurals ("сотни",
"несколько тысяч") are kept vague. Dates ("14 марта", "2024 года"), clock times and
names with numbers ("Су-35", "С-400") are no amounts.

>>> [(a.value, a.approx) for a in find_russian_amounts("Было свыше 14 тыс. военных.")]
[(14000.0, 'at-least')]
"""

from __future__ import annotations

import re

from presslens.brief import Amount, Approx
from presslens.layers.claims.scores import RESULT_NOUNS, score_at

#: Words before a number that bound it, longest first.
APPROX_BEFORE: tuple[tuple[str, Approx], ...] = (
    ("по меньшей мере", "at-least"),
    ("как минимум", "at-least"),
    ("как максимум", "at-most"),
    ("не менее", "at-least"),
    ("не меньше", "at-least"),
    ("не более", "at-most"),
    ("не больше", "at-most"),
    ("более чем до", "at-least"),
    ("более чем", "at-least"),
    ("более", "at-least"),
    ("больше", "at-least"),
    ("свыше", "at-least"),
    ("менее", "at-most"),
    ("меньше", "at-most"),
    ("почти", "at-most"),
    ("до", "at-most"),
    ("около", "about"),
    ("примерно", "about"),
    ("приблизительно", "about"),
    ("порядка", "about"),
    ("почти что", "about"),
)
#: Scale words (any case form: the stem is matched) -> their factor.
SCALES: tuple[tuple[str, float], ...] = (
    (r"тыс\.?", 1e3),
    (r"тысяч[аиуейью]*", 1e3),
    (r"млн\.?", 1e6),
    (r"миллион\w*", 1e6),
    (r"млрд\.?", 1e9),
    (r"миллиард\w*", 1e9),
    (r"трлн\.?", 1e12),
    (r"триллион\w*", 1e12),
)
#: Number words in the cases a count takes ("трёх часов", "двух тысяч").
NUMBER_WORDS: dict[str, float] = {
    "два": 2, "две": 2, "двух": 2, "двум": 2, "три": 3, "трёх": 3, "трех": 3, "трем": 3,
    "четыре": 4, "четырёх": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6,
    "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10,
    "десяти": 10, "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30,
    "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50, "сто": 100, "ста": 100,
    "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300, "трёхсот": 300,
    "пятьсот": 500, "пятисот": 500, "полтора": 1.5, "полторы": 1.5, "полутора": 1.5,
    "двумя": 2, "тремя": 3, "четырьмя": 4, "пятью": 5, "шестью": 6, "семью": 7,
    "восемью": 8, "девятью": 9, "десятью": 10, "одиннадцать": 11, "двенадцать": 12,
    "пятнадцать": 15, "пятнадцати": 15,
    # collective numerals: "двое детей", "трое полицейских"
    "двое": 2, "двоих": 2, "трое": 3, "троих": 3, "четверо": 4, "четверых": 4,
    "пятеро": 5, "пятерых": 5, "шестеро": 6, "шестерых": 6,
}  # fmt: skip
#: Vague counts -> the value they are read as, kept with approx "vague" (as English
#: "dozens" = 24, "hundreds" = 200 in `amounts.py`).
VAGUE_WORDS: dict[str, float] = {
    "десятки": 24, "десятков": 24, "десятками": 24, "сотни": 200, "сотен": 200,
    "сотнями": 200, "тысячи": 2000, "тысяч": 2000, "тысячами": 2000, "миллионы": 2e6,
    "миллионов": 2e6,
}  # fmt: skip
_CURRENCY: tuple[tuple[str, str], ...] = (
    (r"руб\.?|рубл\w*", "rubles"),
    (r"долл\.?|доллар\w*|\$", "dollars"),
    (r"евро|€", "euros"),
    (r"юан\w*", "yuan"),
    (r"%|процент\w*|проц\.", "percent"),
)
_MONTHS = r"январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр"

#: Measure words a figure is joined to by a hyphen ("37-летний"), any ending.
COMPOUND_UNITS = ("летн", "месячн", "недельн", "дневн", "часов", "минутн", "этажн", "процентн")
_COMPOUNDS = "|".join(rf"{stem}\w*" for stem in COMPOUND_UNITS)
_APPROX = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _kind in APPROX_BEFORE)
_SCALE = "|".join(pattern for pattern, _factor in SCALES)
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(sorted(VAGUE_WORDS, key=len, reverse=True))
_FIGURE = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
#: Thousands grouped with commas, as translations from English and agency copy write them
#: ("600,000", "60,496"): groups of exactly three figures after a first group that is not 0,
#: with no scale word after ("1,234 млн" stays a decimal, 1.234 million). Found in the WMT
#: en-ru references (issue 15), where "60,496 случаев" translates "60,496 cases".
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_AMOUNT = re.compile(
    rf"(?<![\w.,:№-])(?:(?P<approx>{_APPROX})\s+)?(?:(?P<from>от)\s+)?"
    rf"(?:(?P<figure>{_FIGURE})|(?P<word>{_WORDS})"
    rf"|(?:несколько\s+|нескольких\s+)?(?P<vague>{_VAGUE}))"
    # a range: "2-3 нанометра", "80 — 100 лет", "от 15 до 30 градусов"
    rf"(?:(?:\s*[-—–]\s*|(?(from)\s+до\s+|(?!)))(?P<high>{_FIGURE}|{_WORDS}))?"
    rf"(?:\s*(?P<scale>{_SCALE}))?"
    # a figure joined to a measure word: "37-летнего", "10-месячный", "5-этажном" (as English
    # counts "37-year-old", "10-month")
    rf"(?:-(?P<compound>{_COMPOUNDS}))?(?![\w-]|[.,:]\d)",
    re.IGNORECASE,
)
_CURRENCIES = "|".join(p for p, _u in _CURRENCY)
_UNIT_AFTER = re.compile(rf"\s*(?P<unit>(?:{_CURRENCIES})(?!\w)|[А-Яа-яЁё]+)")
#: Adjective endings: a word after the number with one is the noun's modifier, when a noun
#: follows it ("12 первых звезд"); alone, or before a verb, it is a noun made of an
#: adjective ("14 тыс. военных", "300 раненых доставлены").
_ADJECTIVE_END = re.compile(r"(?:ых|их|ым|им|ыми|ими|ая|яя|ое|ее|ые|ие|ой|ый|ий)$")
_NOUN_AFTER_ADJECTIVE = re.compile(r"[ \t]+([А-Яа-яЁё]+)(?!\w)")
#: After a number: a month ("14 марта", "11 и 19 июля") or "год" ("2024 года") makes it a date;
#: a part of the day ("до восьми утра", "в два часа дня") a clock time, no amount.
_NOT_AMOUNT_AFTER = re.compile(
    rf"(?:\s+(?:и|или)\s+\d{{1,2}})?\s*(?:(?:{_MONTHS})\w*|год\w*|гг?\.)"
    r"|(?:\s+час(?:а|ов)?)?\s+(?:утра|дня|вечера|ночи)(?!\w)",
    re.IGNORECASE,
)
#: Words after a number that are no unit: prepositions, conjunctions, verbs of the sentence.
_NOT_UNITS = frozenset(
    {"и", "или", "в", "на", "с", "до", "по", "из", "за", "от", "к", "у", "а", "но", "что",
     "год", "года", "году", "раз", "раза", "же", "бы", "не"}
)  # fmt: skip


def find_russian_amounts(
    text: str, offset: int = 0, nouns: frozenset[int] = frozenset()
) -> list[Amount]:
    """The amounts in `text` (one sentence), offsets + `offset`. `nouns`: where the nouns of
    the text start (offsets + `offset`, from the parse): an adjective after the number
    hands the unit on to the noun right after it ("12 первых звезд" -> "звезд")."""
    found = []
    for match in _AMOUNT.finditer(text):
        if _NOT_AMOUNT_AFTER.match(text, match.end()) and not match.group("scale"):
            continue
        value, approx = _value(match)
        if value is None or _a_score(text, match, offset, nouns) or _an_hour(text, match):
            continue
        if match.group("figure") and _is_year(match) and not match.group("scale"):
            continue
        end = match.end()
        unit: str | None = match.group("compound")
        after = None if unit else _UNIT_AFTER.match(text, end)
        if after is not None and after.group("unit").lower() not in _NOT_UNITS:
            unit = _unit_name(after.group("unit"))
            end = after.end()
            noun = _NOUN_AFTER_ADJECTIVE.match(text, end)
            if _ADJECTIVE_END.search(unit) and noun and offset + noun.start(1) in nouns:
                # "12 первых звезд", "420 смертельным случаям": the noun is the unit
                unit, end = noun.group(1), noun.end()
        bounded = match.group("approx") or match.group("scale") or match.group("high")
        if match.group("word") and not bounded and not _counts_noun(match, after, offset, nouns):
            continue  # "два материала" counted only when the parse finds the noun counted
        upper = _number(match.group("high")) if match.group("high") else None
        if upper is not None:
            upper *= _scale(match)
            approx = "range"
        found.append(Amount(offset + match.start(), offset + end, value, unit, approx, upper))
    return found


#: "в 19 часов", "с 15 часов": an hour of the day (the timeline's clock time), no amount.
_HOUR_BEFORE = re.compile(r"(?:^|\s)(?:в|во|с|со|к|после)\s+$", re.IGNORECASE)
_HOUR_WORD = re.compile(r"\s+час(?:а|ов|ам|у)?(?!\w)")


def _an_hour(text: str, match: re.Match[str]) -> bool:
    figure = match.group("figure")
    return (
        bool(figure)
        and figure.isdigit()
        and int(figure) <= 24
        and not match.group("high")
        and _HOUR_WORD.match(text, match.end("figure")) is not None
        and _HOUR_BEFORE.search(text, 0, match.start()) is not None
    )


def _a_score(text: str, match: re.Match[str], offset: int, nouns: frozenset[int]) -> bool:
    """ "вели 1-0 после перерыва": a sports score (`scores.py`), unless a counted noun
    follows a pair that rises ("2-3 нанометра" is a range)."""
    found = score_at(text, match.start("figure")) if match.group("figure") else None
    if found is None:
        return False
    end, downwards = found
    after = _UNIT_AFTER.match(text, end)
    word = after.group("unit").lower() if after is not None else ""
    # Without a parse (`nouns` empty) any word but a preposition counts.
    noun = after is not None and (not nouns or offset + after.start("unit") in nouns)
    counted = noun and word not in _NOT_UNITS and word not in RESULT_NOUNS
    return downwards or not counted


def _value(match: re.Match[str]) -> tuple[float | None, Approx]:
    approx_words = " ".join((match.group("approx") or "").lower().split())
    approx: Approx = dict(APPROX_BEFORE).get(approx_words, "exact")
    low = match.group("figure") or match.group("word")
    if low:
        if not match.group("scale") and _COMMA_THOUSANDS.fullmatch(low):
            low = low.replace(",", "")
        number = _number(low)
        return (None if number is None else number * _scale(match)), approx
    return VAGUE_WORDS[match.group("vague").lower()] * _scale(match), "vague"


def _counts_noun(
    match: re.Match[str], after: re.Match[str] | None, offset: int, nouns: frozenset[int]
) -> bool:
    """A count in words is an amount when the word after it is a noun the parse found ("две
    недели", "трое полицейских"), as English counts "two weeks"; "в два раза" is no count."""
    if after is None or after.group("unit").lower() in _NOT_UNITS:
        return False
    return offset + after.start("unit") in nouns


def _scale(match: re.Match[str]) -> float:
    if not match.group("scale"):
        return 1.0
    return next(f for p, f in SCALES if re.fullmatch(p, match.group("scale"), re.IGNORECASE))


def _number(words: str) -> float | None:
    """A number in figures ("1 200", "5,5") or a number word ("трёх")."""
    if words.lower() in NUMBER_WORDS:
        return NUMBER_WORDS[words.lower()]
    digits = re.sub(r"[\u00a0\u202f ]", "", words).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _is_year(match: re.Match[str]) -> bool:
    figure = match.group("figure")
    return figure.isdigit() and len(figure) == 4 and 1800 <= int(figure) <= 2100


def _unit_name(word: str) -> str:
    for pattern, name in _CURRENCY:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return name
    return word
