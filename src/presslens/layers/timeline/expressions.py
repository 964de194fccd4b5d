"""Finding time expressions in text and reading what each one says, before any anchoring.

`find_expressions(text)` returns every date, range, clock time, duration and
relative expression the fast rules recognise, as `Found` items: what the words
themselves say ("May 27th" = month 5, day 27, no year; "two days ago" = shift
-2 days from the document date). Turning them into calendar values (which year,
which Monday) is the job of `presslens.layers.timeline.stage`, which knows the document date
and the narrative.

The rules cover the forms news text uses for nearly all of its dates; anything
else spaCy tags DATE/TIME goes to `dateparser` (see `parse_with_dateparser`).
Durations follow TimeML: `P2W`, `P3Y`, `PT30M`, and `X` for an unstated
number ("a few hours" = `PTXH`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from presslens.layers.timeline.english import (
    DAY_WORDS,
    EDGE_LEFT,
    EDGE_RIGHT,
    MONTHS,
    NUMBER_WORDS,
    QUARTERS,
    RULES,
    UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
)
from presslens.layers.timeline.zones import zone_offset

Kind = Literal["date", "range", "weekday", "relative", "time", "duration"]
Base = Literal["document", "previous"]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(EDGE_LEFT + "(?:" + pattern + ")" + EDGE_RIGHT)


# Months, weekdays and day words are matched case-insensitively except the bare
# month (where "may" and "march" are common words): that rule needs the capital.
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, _compile(pattern)) for name, pattern in RULES
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
        number = int(g["qn"]) if g["qn"] else QUARTERS.get(g["q"].lower(), 0)
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
        shift = DAY_WORDS[" ".join(g["word"].lower().split())]
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
