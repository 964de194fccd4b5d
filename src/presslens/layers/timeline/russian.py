"""The Russian grammar of time expressions: the patterns, over the words of `russian_words.py`.

Same rule names and groups as `english.py`, so the shared reader (`expressions.py`)
and anchoring read them: "14 марта 2024 года" (day-month-year), "с 27 по 29 мая"
(range), "в марте 2024 года", "в прошлый четверг", "на прошлой неделе", "два дня
назад", "около трёх часов", "около 15:00 по московскому времени", "вчера".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presslens.layers.timeline.grammar import Grammar
from presslens.layers.timeline.russian_words import (
    DAY_WORDS,
    DURATION_MODS,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    PARTS_OF_DAY_NOUNS,
    POINT_MODS,
    REFERENCES,
    SEASONS,
    VAGUE_COUNTS,
    WEEKDAYS,
    WEEKDAYS_GENITIVE,
    WEEKDAYS_PLURAL,
    WORDS,
)


def _alternation(words: Iterable[str]) -> str:
    """One group matching any of `words`, longest first."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_MONTH = _alternation(MONTHS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
#: "года", "году", "г.", "гг." after a year.
_YEAR_WORD = r"(?:\s*(?:года|году|год|гг?\.))"
_WEEKDAY = _alternation(WEEKDAYS)
_NUM = rf"(?:\d{{1,3}}(?:[.,]\d+)?|{_alternation(NUMBER_WORDS)})"
_VAGUE = _alternation(VAGUE_COUNTS)
_UNIT_WORDS = [
    w
    for w, english in WORDS.items()
    if english in ("minute", "hour", "day", "week", "month", "year", "decade")
]
_UNIT = _alternation(_UNIT_WORDS)
_RELATION = _alternation([w for w, english in WORDS.items() if english in ("last", "next", "this")])
_PART_OF_DAY = _alternation(PARTS_OF_DAY)
_POINT_MOD = _alternation(POINT_MODS)
#: A group that never matches: the shared reader asks for groups some Russian rules lack.
_NEVER = "(?!)"

EDGE_LEFT = r"(?<![\w/.-])"
EDGE_RIGHT = r"(?![\w/]|-\d|\.\d)"

#: "в 19 часов", "с 15 часов дня", "к 9 часам утра": an hour after "в", "с", "к" or "после"
#: is a time of day ("около трёх часов" and "до 5 часов" stay lengths: both readings occur)
_HOUR_AFTER = "|".join(f"(?<={word} )" for word in ("в", "во", "с", "со", "к", "после"))
#: Parts of the day that put an hour under 12 after noon ("в 3 часа дня" is 15:00).
AFTER_NOON = frozenset({"дня", "вечера"})

RULES: tuple[tuple[str, str], ...] = (
    # "с 27 по 29 мая", "27-29 мая 2024 года", "с 30 апреля по 2 мая"
    (
        "range",
        rf"(?:с\s+)?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>{_YEAR}){_YEAR_WORD}?)?"
        rf"\s*(?:-|–|—|по|до)\s*(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
        rf"(?:\s+(?P<y2>{_YEAR}){_YEAR_WORD}?)?",
    ),
    # "между 11 и 19 июля" ("11 и 19 июля" alone is two dates)
    (
        "range",
        rf"между\s+(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?\s+и\s+(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
        rf"(?:\s+(?P<y2>{_YEAR}){_YEAR_WORD}?)?(?P<y1>{_NEVER})?",
    ),
    # "в 1960-х годах", "в 70-е", "90-х": a decade (two figures read in the 1900s, as English
    # reads "the '70s")
    (
        "decade",
        r"(?:(?P<c>1[6-9]\d|20\d)0-?(?:х|е|ых|ые)|(?P<c2>[2-9])0-(?:х|е(?=\s+годы)))"
        r"(?:\s+(?:годах|годов|годы|гг\.))?",
    ),
    # "с 2019 по 2021 год", "2019-2021 годах", a financial year or season "2019/20 год"
    (
        "year range",
        rf"(?:с\s+(?P<ya>{_YEAR})\s+(?:по|до)\s+(?P<yb>{_YEAR}){_YEAR_WORD}?)"
        rf"|(?P<yc>{_YEAR})\s*[-–—/]\s*(?P<yd>{_YEAR}|\d\d)"
        r"(?:\s*(?:годах|годов|годы|год[ау]?|гг\.))?",
    ),
    # "14 марта 2024 года", "14 марта", "14-го марта"
    (
        "day-month-year",
        rf"(?P<d>{_DAY}(?:-?го)?)\s+(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}){_YEAR_WORD}?)?",
    ),
    ("numeric date", r"(?P<d>3[01]|[12]\d|0[1-9])\.(?P<m>1[0-2]|0[1-9])\.(?P<y>\d{4})"),
    ("iso date", r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    # "в марте 2024 года", "в конце марта 2024 года"
    (
        "month-year",
        rf"(?:(?:в\s+)?(?P<mod>{_POINT_MOD})\s+)?(?P<m>{_MONTH})\s+(?P<y>{_YEAR}){_YEAR_WORD}?",
    ),
    # "в марте", "с марта", "до мая"; "в начале марта"
    (
        "month",
        rf"(?:(?:в|во|с|со|до|к|по|к\s+концу)\s+)(?P<body>(?P<rel>{_NEVER})?(?P<mod>{_NEVER})?"
        rf"(?P<m>{_MONTH}))"
        rf"|(?P<body2>(?:в\s+)?(?P<mod2>{_POINT_MOD})\s+(?P<m2>{_MONTH}))(?P<rel2>{_NEVER})?",
    ),
    # "в 2024 году", "2024 год", "в начале 2024 года"
    # (not the first year of a decade: "в конце 1990-х годов" is the 1990s)
    (
        "year",
        rf"(?:(?:в\s+)?(?P<mod>{_POINT_MOD})\s+)?(?P<y>{_YEAR})(?!-(?:х|е|ых|ые)(?!\w))"
        rf"{_YEAR_WORD}?",
    ),
    # "в прошлый четверг", "в четверг вечером"
    (
        "weekday",
        rf"(?:(?P<rel>{_RELATION})\s+)?(?P<w>{_WEEKDAY})(?:\s+(?P<pod>{_PART_OF_DAY}))?",
    ),
    # "утро воскресенья", "вечер пятницы": that weekday's part of the day
    (
        "weekday",
        rf"(?P<rel>{_NEVER})?(?P<pod>{_alternation(PARTS_OF_DAY_NOUNS)})\s+"
        rf"(?P<w>{_alternation(WEEKDAYS_GENITIVE)})",
    ),
    # "по воскресеньям": every Sunday
    (
        "set",
        rf"(?P<every>{_NEVER})?(?P<per>{_NEVER})?(?P<ly>{_NEVER})?(?P<times>{_NEVER})?"
        rf"(?P<other>{_NEVER})?(?P<pods>{_NEVER})?по\s+(?P<wds>{_alternation(WEEKDAYS_PLURAL)})",
    ),
    ("day word", rf"(?P<word>{_alternation(DAY_WORDS)})(?:\s+(?P<pod>{_PART_OF_DAY}))?"),
    (
        "previous day",
        r"(?P<word>на следующий день|на другой день|в тот же день|в тот день|накануне)",
    ),
    # "на прошлой неделе", "в этом году", "в конце прошлого года"
    (
        "period",
        rf"(?:(?:в\s+)?(?P<pre>{_POINT_MOD})\s+)?(?:(?:на|в|во)\s+)?(?P<rel>{_RELATION})\s+"
        r"(?P<u>недел[еиюя]|месяц[аеу]?|год[ау]?)",
    ),
    # an hour after a preposition, before "duration" reads it as a length (see _HOUR_AFTER)
    (
        "clock time",
        rf"(?:(?P<h>{_NEVER})(?P<min>)(?P<ampm>)(?P<zone>)(?P<zone24>))?"
        rf"(?:{_HOUR_AFTER})(?P<h24>[01]?\d|2[0-3])(?P<min24>)\s+час(?:а|ов|ам|у)?"
        r"(?:\s+(?P<pod>утра|дня|вечера|ночи))?",
    ),
    # "два дня назад", "три года спустя"
    ("shift", rf"(?P<n>{_NUM}|{_VAGUE})\s+(?P<u>{_UNIT})\s+(?P<dir>назад|спустя|позже|раньше)"),
    # "в течение трёх часов", "около двух недель", "10 лет"
    (
        "duration",
        rf"(?:(?P<mod>{_alternation(DURATION_MODS)})\s+)?(?P<n>{_NUM}|{_VAGUE})(?P<half>{_NEVER})?"
        rf"\s+(?P<u>{_UNIT})(?!\s+(?:назад|спустя|позже|раньше))",
    ),
    ("reference", rf"(?P<word>{_alternation(REFERENCES)})"),
    (
        "season",
        rf"(?P<the>{_NEVER})?(?:(?P<rel>{_RELATION})\s+)?(?P<mod>{_NEVER})?(?P<s>{_alternation(SEASONS)})"
        rf"(?:\s+(?P<y>{_YEAR}){_YEAR_WORD}?)?",
    ),
    # "15:00", "около 15:00 по московскому времени", "в 9:30 мск"
    (
        "clock time",
        rf"(?:(?P<h>{_NEVER})(?P<min>)(?P<ampm>)(?P<zone>))?"
        r"(?P<h24>[01]?\d|2[0-3])[:.](?P<min24>[0-5]\d)"
        r"(?:\s+(?P<zone24>по\s+московскому\s+времени|по\s+Москве|мск|МСК|UTC|GMT))?",
    ),
)


GRAMMAR = Grammar(
    language="ru",
    rules=RULES,
    caseless=frozenset(name for name, _pattern in RULES),
    edge_left=EDGE_LEFT,
    edge_right=EDGE_RIGHT,
    months=MONTHS,
    weekdays=WEEKDAYS | WEEKDAYS_GENITIVE | WEEKDAYS_PLURAL,
    number_words=NUMBER_WORDS,
    vague_counts=VAGUE_COUNTS,
    quarters={},
    quarter_shifts={},
    day_words=DAY_WORDS,
    duration_mods=DURATION_MODS,
    point_mods=POINT_MODS,
    references=REFERENCES,
    seasons=SEASONS,
    parts_of_day=PARTS_OF_DAY | PARTS_OF_DAY_NOUNS,
    set_units={},
    words=WORDS,
    # A bare four-digit number is a year after one of these prepositions ("в 2019", "с 2014"),
    # or after a noun of a yearly event in the genitive ("кампании 2020", "выборов 2024",
    # "сезона 2021"), as English reads "of 2020".
    year_context=re.compile(
        r"(?:\b(?:в|во|с|со|до|к|по|от|после|начиная\s+с"
        r"|кампании|выборов|сезона|чемпионата|олимпиады|бюджета|переписи)|[,(])\s*$",
        re.IGNORECASE,
    ),
    # A year in the genitive right after a noun qualifies it ("кампании 2020 года", "выборов
    # 2018 года"), as English "his 2020 campaign", "the 2018 elections", whose years the
    # English side does not let date the narrative (anchoring.Resolver): a lower-case word
    # that is no preposition before the year.
    year_modifier=re.compile(
        r"(?<![\w-])(?!(?:в|во|с|со|до|к|ко|по|от|после|на|за|около|между|перед|накануне"
        r"|начиная|вплоть|из|для|течение|ходе|году|года|и|или|а|но)\s)[а-яё]+\s+$"
    ),
    # Seasons are adverbs in Russian ("летом" = in summer): no context needed.
    season_context=re.compile(r"$"),
    after_noon=AFTER_NOON,
)
