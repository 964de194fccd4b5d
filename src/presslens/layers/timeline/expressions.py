"""Finding time expressions in text and reading what each one says, before any anchoring.

`find_expressions(text)` returns every date, range, clock time, duration and
relative expression the fast rules recognise, as `Found` items: what the words
themselves say ("May 27th" = month 5, day 27, no year; "two days ago" = shift
-2 days from the document date). Turning them into calendar values (which year,
which Monday) is the job of `presslens.timeline`, which knows the document date
and the narrative.

The rules cover the forms news text uses for nearly all of its dates; anything
else spaCy tags DATE/TIME goes to `dateparser` (see `parse_with_dateparser`).
Durations follow TimeML: `P2W`, `P3Y`, `PT30M`, and `X` for an unstated
number ("a few hours" = `PTXH`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from typing import Literal

Kind = Literal["date", "range", "weekday", "relative", "time", "duration"]
Base = Literal["document", "previous"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
}
#: Words that give a count without a number; TimeML writes the count as X.
VAGUE_COUNTS = ("a few", "a couple of", "several", "some", "many", "few", "couple of")
UNITS: dict[str, tuple[str, bool]] = {
    # unit -> (TimeML letter, is a time-of-day unit written after "T")
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = (
    r"(?:\d+(?:\.\d+)?|a dozen|half an?|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|hundred)"
)
_VAGUE = r"(?:a few|a couple of|couple of|several|some|many|few)"
_UNIT = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_EDGE_L = r"(?<![\w$£€/.-])"
_EDGE_R = r"(?![\w/]|-\d|,\d{3}|\.\d)"

_RULES: tuple[tuple[str, str], ...] = (
    # "from May 27th to 29th", "May 27-29, 2025", "between June 2 and June 5"
    (
        "range",
        rf"(?:(?:from|between)\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
        rf"\s*(?:-|–|to|through|until|till|and)\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})"
        rf"(?:,?\s+(?P<y2>{_YEAR}))?",
    ),
    # "from 2019 to 2021", "between 2019 and 2021", "2019-2021"
    (
        "year range",
        rf"(?:(?:from|between)\s+(?P<ya>{_YEAR})\s*(?:-|–|to|and|until|through)\s*(?P<yb>{_YEAR}))"
        rf"|(?P<yc>{_YEAR})\s*[-–]\s*(?P<yd>{_YEAR})",
    ),
    # "June 19, 2024", "June 4th", "19 June 2024", "the 4th of June", "June 2024"
    (
        "month-day-year",
        rf"(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:\s*,?\s*(?P<y>{_YEAR}))?(?!\s*(?:-|–|to\s+\d))",
    ),
    (
        "day-month-year",
        rf"(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?",
    ),
    ("iso date", r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    ("numeric date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)"),
    (
        "month-year",
        rf"(?:(?P<mod>early|mid-?|late|the (?:beginning|end|middle) of)\s*)?(?P<m>{_MONTH}),?\s+"
        rf"(?P<y>{_YEAR})",
    ),
    # "in early May", "since October", "last March"
    (
        "month",
        r"(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|through|from|to|[Bb]efore|[Aa]fter|of"
        r"|till)\s+)"
        rf"(?P<body>(?:(?P<rel>last|next|this)\s+|(?P<mod>early|mid-?|late)\s*)?(?P<m>{_MONTH}))"
        rf"|(?P<body2>(?:(?P<rel2>last|next|this)\s+|(?P<mod2>early|mid-?|late)\s*)"
        rf"(?P<m2>{_MONTH}))",
    ),
    # "the 1990s", "the '70s"
    (
        "decade",
        r"(?:the\s+)?(?:early\s+|mid-|late\s+)?(?:(?P<c>1[6-9]\d|20\d)0s|'?(?P<c2>[2-9])0s)",
    ),
    # "the third quarter of 2009", "the fourth quarter", "Q1 2024"
    (
        "quarter",
        rf"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year)|\s+(?P<y2>{_YEAR}))?"
        rf"|Q(?P<qn>[1-4])\s+(?P<y3>{_YEAR})",
    ),
    (
        "year",
        rf"(?:(?P<mod>early|mid-?|late|the (?:beginning|end|middle) of)\s*)?(?P<y>{_YEAR})",
    ),
    (
        "weekday",
        rf"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<w>{_WEEKDAY})"
        rf"(?:\s+(?P<pod>{_PART_OF_DAY}))?",
    ),
    (
        "day word",
        r"(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow"
        r"|tonight|this (?:morning|afternoon|evening)|last night)",
    ),
    (
        "previous day",
        r"(?P<word>(?:on\s+)?the same day|that (?:same )?day|the (?:next|following|previous) day"
        r"|the day before|the day after|later that day|earlier that day)",
    ),
    (
        "period",
        r"(?P<pre>earlier |later )?(?P<rel>this|last|next|past|previous|coming)\s+"
        r"(?P<u>week(?:end)?|month|year)",
    ),
    (
        "shift",
        rf"(?P<n>{_NUM}|{_VAGUE})\s+(?P<u>{_UNIT})s?\s+(?P<dir>ago|earlier|later|before|after"
        rf"|from now)",
    ),
    # "the past decade", "the next four years", "for two weeks", "a few hours", "12-hour"
    (
        "duration",
        rf"(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?:(?P<n>{_NUM}|{_VAGUE})"
        rf"(?P<half>\s+and\s+a\s+half)?[\s-]+)?(?P<u>{_UNIT})s?(?!\s+(?:old|ago|earlier|later|"
        rf"before|after|from now))",
    ),
    (
        "clock time",
        r"(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)"
        r"(?:\s*\(?(?P<zone>(?:GMT|UTC)\s*[+-]\s*\d{1,2}|[A-Z]{1,4}|[A-Z][a-z]+ time)\)?)?"
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)"
        r"(?:\s*\(?(?P<zone24>(?:GMT|UTC)\s*[+-]\s*\d{1,2}|[A-Z]{1,4}|[A-Z][a-z]+ time)\)?)?",
    ),
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_EDGE_L + "(?:" + pattern + ")" + _EDGE_R)


# Months, weekdays and day words are matched case-insensitively except the bare
# month (where "may" and "march" are common words): that rule needs the capital.
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, _compile(pattern)) for name, pattern in _RULES
)
_CASELESS = {"day word", "previous day", "period", "shift", "duration"}
_COMPILED = tuple(
    (name, re.compile(p.pattern, re.IGNORECASE) if name in _CASELESS else p)
    for name, p in _COMPILED
)

# A bare unit ("day", "year") is no time expression; "a year" counts only with a
# number. Bare years need a preposition or a date context, checked in `_year_ok`.
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|to|before|after|during|through|between|and|for"
    r"|early|late|mid|year|fiscal|summer|winter|spring|autumn|fall)|[,(])\s*-?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A time expression as its words say it, before anchoring.

    `year`/`month`/`day` are what the words state (None when unstated).
    `shift`/`unit`/`base` describe relative expressions ("two days ago":
    shift -2, unit "day", base "document"). `duration` is a finished TimeML
    duration. A range keeps its end in `end_date`.
    """

    start: int
    end: int
    kind: Kind
    rule: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    #: "last"/"next"/"this" before a weekday or month.
    direction: str | None = None
    shift: int = 0
    unit: str | None = None
    base: Base | None = None
    hour: int | None = None
    minute: int | None = None
    #: The time zone a clock time names, as a key of `lexicons/timezones.tsv` or "gmt+8".
    zone: str | None = None
    duration: str | None = None
    end_date: tuple[int | None, int | None, int | None] | None = None
    #: A decade ("199" for the 1990s), TimeML style.
    decade: str | None = None


def find_expressions(text: str) -> list[Found]:
    """Every time expression the rules recognise, longest first on overlaps, in text order.

    >>> [(f.rule, f.month, f.day) for f in find_expressions("On June 4th it rained.")]
    [('month-day-year', 6, 4)]
    """
    candidates: list[Found] = []
    for name, pattern in _COMPILED:
        for match in pattern.finditer(text):
            found = _read(name, match, text)
            if found is not None:
                candidates.append(found)
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[Found] = []
    for found in candidates:
        if all(found.end <= t.start or found.start >= t.end for t in taken):
            taken.append(found)
    return sorted(taken, key=lambda f: f.start)


def _read(rule: str, m: re.Match[str], text: str) -> Found | None:
    start, end = m.start(), m.end()
    g = m.groupdict()
    if rule == "range":
        y1 = _int(g["y1"]) or _int(g["y2"])
        y2 = _int(g["y2"]) or y1
        m1 = MONTHS[_month_key(g["m1"])]
        m2 = MONTHS[_month_key(g["m2"])] if g["m2"] else m1
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if (m2, d2) <= (m1, d1) and y1 == y2:
            return None
        return Found(start, end, "range", rule, y1, m1, d1, end_date=(y2, m2, d2))
    if rule == "year range":
        a, b = (g["ya"], g["yb"]) if g["ya"] else (g["yc"], g["yd"])
        if int(b) <= int(a):
            return None
        return Found(start, end, "range", rule, int(a), end_date=(int(b), None, None))
    if rule in ("month-day-year", "day-month-year", "iso date", "numeric date"):
        year = _int(g["y"])
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
        month = int(g["m"]) if g["m"].isdigit() else MONTHS[_month_key(g["m"])]
        day = _day(g["d"])
        try:
            datetime(year or 2000, month, day)
        except ValueError:
            return None
        return Found(start, end, "date", rule, year, month, day)
    if rule == "month-year":
        return Found(start, end, "date", rule, int(g["y"]), MONTHS[_month_key(g["m"])])
    if rule == "month":
        start = m.start("body") if g["body"] else m.start("body2")
        name = g["m"] or g["m2"]
        direction = g["rel"] or g["rel2"]
        return Found(start, end, "date", rule, None, MONTHS[_month_key(name)], direction=direction)
    if rule == "decade":
        return Found(start, end, "date", rule, decade=g["c"] or f"19{g['c2']}")
    if rule == "quarter":
        number = int(g["qn"]) if g["qn"] else _QUARTERS.get(g["q"].lower(), 0)
        year = _int(g["y"] or g["y2"] or g["y3"])
        shift = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        if number == 0 and year is None and not g["rel"]:
            # "the last quarter": the quarter before the document's
            return Found(start, end, "relative", rule, shift=-1, unit="quarter", base="document")
        number = number or 4
        return Found(
            start,
            end,
            "date",
            rule,
            year,
            3 * number - 2,
            shift=shift,
            end_date=(year, 3 * number, None),
            direction=g["rel"] and g["rel"].lower(),
        )
    if rule == "year":
        if not g["mod"] and not _year_ok(text, start, end):
            return None
        return Found(start, end, "date", rule, int(g["y"]))
    if rule == "weekday":
        direction = {"coming": "next", "past": "last"}.get(g["rel"] or "", g["rel"])
        return Found(
            start, end, "weekday", rule, weekday=WEEKDAYS[g["w"].lower()], direction=direction
        )
    if rule == "day word":
        shift = _DAY_WORDS[" ".join(g["word"].lower().split())]
        return Found(start, end, "relative", rule, shift=shift, unit="day", base="document")
    if rule == "previous day":
        word = " ".join(g["word"].lower().split())
        shift = (
            1
            if re.search(r"next|following|after", word)
            else -1
            if re.search(r"previous|before", word)
            else 0
        )
        return Found(start, end, "relative", rule, shift=shift, unit="day", base="previous")
    if rule == "period":
        rel = g["rel"].lower()
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        unit = g["u"].lower()
        return Found(start, end, "relative", rule, shift=shift, unit=unit, base="document")
    if rule == "shift":
        count = _count(g["n"])
        if count is None or count != int(count):
            return None
        direction = g["dir"].lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        base: Base = "document" if direction in ("ago", "from now") else "previous"
        unit = g["u"].lower().rstrip("s").replace("centurie", "century")
        return Found(start, end, "relative", rule, shift=sign * int(count), unit=unit, base=base)
    if rule == "duration":
        if g["n"] is None:
            return None
        count = _count(g["n"])
        if g["u"].lower() == "second" and g["n"].lower() in ("a", "an"):
            return None  # "a second round": the ordinal, not a duration
        if g["half"] and count is not None:
            count += 0.5
        unit = g["u"].lower().replace("centurie", "century")
        return Found(start, end, "duration", rule, duration=_duration(count, unit))
    if rule == "clock time":
        if g["h"] is not None:
            hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
            minute, zone, zone_start = _int(g["min"]) or 0, g["zone"], m.start("zone")
        else:
            hour, minute, zone, zone_start = (
                int(g["h24"]),
                int(g["min24"]),
                g["zone24"],
                m.start("zone24"),
            )
        key: str | None = None
        if zone and zone_offset(zone) is None:
            end, key = _strip_right(text, start, zone_start), None
        elif zone:
            key = " ".join(zone.lower().split())
        return Found(start, end, "time", rule, hour=hour, minute=minute, zone=key)
    raise AssertionError(rule)


_QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}

_DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "last night": -1,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def _year_ok(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    return bool(_YEAR_CONTEXT.search(before))


def _strip_right(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " (":
        end -= 1
    return end


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _day(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def _month_key(name: str) -> str:
    return name.lower().rstrip(".")


def _count(words: str) -> float | None:
    """A count in figures or words; None for vague counts ("several")."""
    key = " ".join(words.lower().replace("-", " ").split())
    if key in VAGUE_COUNTS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    parts = key.split()
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _duration(count: float | None, unit: str) -> str:
    """A TimeML duration: `P2W`, `PT30M`, `PXY` for an unstated count.

    >>> _duration(2.5, "year"), _duration(None, "hour"), _duration(3, "decade")
    ('P2.5Y', 'PTXH', 'P30Y')
    """
    if unit == "decade" and count is not None:
        count, unit = count * 10, "year"
    if unit == "century" and count is not None:
        count, unit = count * 100, "year"
    letter, clock = UNITS[unit]
    amount = "X" if count is None else (f"{count:g}")
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


@lru_cache(maxsize=1)
def _zones() -> dict[str, tuple[str | None, timedelta]]:
    text = resources.files("presslens").joinpath("lexicons/timezones.tsv").read_text("utf-8")
    zones: dict[str, tuple[str | None, timedelta]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, iana, fixed = line.split("\t")
        zones[name] = (None if iana == "-" else iana, _offset(fixed))
    return zones


def _offset(value: str) -> timedelta:
    sign = -1 if value.startswith("-") else 1
    hours, _sep, minutes = value.lstrip("+-").partition(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes or 0))


def zone_offset(zone: str) -> timedelta | None:
    """The fixed UTC offset a zone phrase names ("UTC", "GMT +8"), or None if unknown.

    Zones whose offset depends on the date ("Moscow time") are looked up again
    with the date by `to_utc`; this is their standard offset.
    """
    key = " ".join(zone.lower().split())
    explicit = re.fullmatch(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})", key)
    if explicit:
        hours = int(explicit.group(2))
        return timedelta(hours=hours if explicit.group(1) == "+" else -hours)
    found = _zones().get(key)
    return found[1] if found else None


def zone_info(zone_text: str) -> tzinfo | None:
    """A tzinfo for a zone phrase: the IANA zone when known and installed, else its fixed offset."""
    key = " ".join(zone_text.lower().split())
    found = _zones().get(key)
    if found and found[0]:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(found[0])
        except (ImportError, KeyError, OSError, ValueError):
            pass
    offset = zone_offset(zone_text)
    return timezone(offset) if offset is not None else None


def to_utc(local: datetime, zone_text: str) -> datetime | None:
    """`local` (naive) in the zone the phrase names, as naive UTC; None for an unknown zone."""
    info = zone_info(zone_text)
    if info is None:
        return None
    return local.replace(tzinfo=info).astimezone(UTC).replace(tzinfo=None)


@lru_cache(maxsize=64)
def _dateparser(base: datetime | None) -> object:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_with_dateparser(phrase: str, base: datetime | None) -> tuple[datetime, str] | None:
    """What `dateparser` reads in a phrase: (moment, period), relative words resolved from `base`.

    Slow (a millisecond or more a call), so only phrases the rules did not read
    come here, and results are cached per (phrase, base).
    """
    parser = _dateparser(base)
    data = parser.get_date_data(phrase)  # type: ignore[attr-defined]
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.replace(tzinfo=None), str(data.period or "day")
