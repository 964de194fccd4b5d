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

#: Words before a number that bound it, longest first.
APPROX_BEFORE: tuple[tuple[str, Approx], ...] = (
    ("по меньшей мере", "at-least"),
    ("как минимум", "at-least"),
    ("как максимум", "at-most"),
    ("не менее", "at-least"),
    ("не меньше", "at-least"),
    ("не более", "at-most"),
    ("не больше", "at-most"),
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

_APPROX = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _kind in APPROX_BEFORE)
_SCALE = "|".join(pattern for pattern, _factor in SCALES)
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(sorted(VAGUE_WORDS, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?<![\w.,:№-])(?:(?P<approx>{_APPROX})\s+)?"
    rf"(?:(?P<figure>\d{{1,3}}(?:[\u00a0\u202f ]\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    rf"|(?P<word>{_WORDS})|(?:несколько\s+|нескольких\s+)?(?P<vague>{_VAGUE}))"
    rf"(?:\s*(?P<scale>{_SCALE}))?(?![\w-]|[.,:]\d)",
    re.IGNORECASE,
)
_CURRENCIES = "|".join(p for p, _u in _CURRENCY)
_UNIT_AFTER = re.compile(rf"\s*(?P<unit>(?:{_CURRENCIES})(?!\w)|[А-Яа-яЁё]+)")
#: After a number: a month ("14 марта") or "год" ("2024 года") makes it a date.
_NOT_AMOUNT_AFTER = re.compile(rf"\s*(?:(?:{_MONTHS})\w*|год\w*|гг?\.)", re.IGNORECASE)
#: Words after a number that are no unit: prepositions, conjunctions, verbs of the sentence.
_NOT_UNITS = frozenset(
    {"и", "или", "в", "на", "с", "до", "по", "из", "за", "от", "к", "у", "а", "но", "что",
     "год", "года", "году", "лет", "раз", "же", "бы", "не"}
)  # fmt: skip


def find_russian_amounts(text: str, offset: int = 0) -> list[Amount]:
    """The amounts in `text` (one sentence), offsets + `offset`."""
    found = []
    for match in _AMOUNT.finditer(text):
        if _NOT_AMOUNT_AFTER.match(text, match.end()) and not match.group("scale"):
            continue
        value, approx = _value(match)
        if value is None:
            continue
        if match.group("figure") and _is_year(match) and not match.group("scale"):
            continue
        end = match.end()
        unit: str | None = None
        after = _UNIT_AFTER.match(text, end)
        if after is not None and after.group("unit").lower() not in _NOT_UNITS:
            unit = _unit_name(after.group("unit"))
            end = after.end()
        if match.group("word") and unit is None:
            continue  # "два" alone is no amount: "два года" is, "три часа" is
        found.append(Amount(offset + match.start(), offset + end, value, unit, approx))
    return found


def _value(match: re.Match[str]) -> tuple[float | None, Approx]:
    approx_words = " ".join((match.group("approx") or "").lower().split())
    approx: Approx = dict(APPROX_BEFORE).get(approx_words, "exact")
    scale = 1.0
    if match.group("scale"):
        scale = next(f for p, f in SCALES if re.fullmatch(p, match.group("scale"), re.I))
    if match.group("figure"):
        digits = re.sub(r"[\u00a0\u202f ]", "", match.group("figure")).replace(",", ".")
        try:
            return float(digits) * scale, approx
        except ValueError:
            return None, approx
    if match.group("word"):
        return NUMBER_WORDS[match.group("word").lower()] * scale, approx
    return VAGUE_WORDS[match.group("vague").lower()] * scale, "vague"


def _is_year(match: re.Match[str]) -> bool:
    figure = match.group("figure")
    return figure.isdigit() and len(figure) == 4 and 1800 <= int(figure) <= 2100


def _unit_name(word: str) -> str:
    for pattern, name in _CURRENCY:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return name
    return word
