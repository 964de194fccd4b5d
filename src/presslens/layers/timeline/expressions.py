"""Finding time expressions in text and reading what each one says, before any anchoring.

`find_expressions(text, grammar)` returns every date, range, clock time, duration and
relative expression the fast rules recognise, as `Found` items: what the words
themselves say ("May 27th" = month 5, day 27, no year; "two days ago" = shift
-2 days from the document date). Turning them into calendar values (which year,
which Monday) is the job of `presslens.layers.timeline.stage`, which knows the document date
and the narrative.

The patterns and words are a language's `Grammar` (`grammar.py`; English in
`english.py`); the reading below is shared. The rules cover the forms news
text uses for nearly all of its dates; anything else spaCy tags DATE/TIME goes
to `dateparser` (see `parse_with_dateparser`). Values follow TimeML: durations
`P2W`, `PT30M`, `X` for an unstated number ("a few hours" = `PTXH`), sets
(`P1W` for "every week"), seasons (`SU`), parts of day (`MO`), `PRESENT_REF`.
"""

from __future__ import annotations

import bisect
import re
from datetime import datetime

from presslens.layers.timeline.coarse import read_coarse
from presslens.layers.timeline.durations import duration_value
from presslens.layers.timeline.english import GRAMMAR as ENGLISH
from presslens.layers.timeline.english_words import FIXED_HOLIDAYS as HOLIDAYS_FIXED
from presslens.layers.timeline.english_words import FLOATING_HOLIDAYS as HOLIDAYS_FLOATING
from presslens.layers.timeline.found import Base, Found
from presslens.layers.timeline.grammar import Grammar
from presslens.layers.timeline.reading import (
    AGE,
    FREQUENCY,
    MAX_QUARTERS,
    RATE,
    count_of,
    day_number,
    month_key,
    part_of_day,
    point_mod,
    said_before,
    span_end,
    strip_right,
    to_int,
    year_modifier,
    year_ok,
    year_subject,
)
from presslens.layers.timeline.weekdays import NARRATIVE_SIDES
from presslens.layers.timeline.zones import zone_offset

__all__ = ["Found", "find_expressions"]

#: Letters `re.IGNORECASE` matches as an ASCII letter, mapped to it (one character each).
ASCII_ALIKE = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "I", "\u212a": "K"})


def find_expressions(text: str, grammar: Grammar = ENGLISH) -> list[Found]:
    """Every time expression the rules recognise, longest first on overlaps, in text order.

    >>> [(f.rule, f.month, f.day) for f in find_expressions("On June 4th it rained.")]
    [('month-day-year', 6, 4)]
    """
    # Rules match case-blind, where "ſ", "ı", "İ" and the Kelvin sign equal an ASCII letter
    # that `str.lower` does not give them ("in ſummer"); read as that letter, offsets kept.
    text = text.translate(ASCII_ALIKE)
    candidates: list[Found] = []
    for name, pattern in grammar.rules_for(text):
        for match in pattern.finditer(text):
            found = _read(name, match, text, grammar)
            if found is not None:
                candidates.append(found)
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    # Taken expressions never overlap: kept in text order, a candidate only has to be
    # checked against its neighbours there (a bisect, not a scan of all taken so far).
    starts: list[int] = []
    taken: list[Found] = []
    for found in candidates:
        at = bisect.bisect_left(starts, found.start)
        if at > 0 and taken[at - 1].end > found.start:
            continue
        if at < len(taken) and taken[at].start < found.end:
            continue
        starts.insert(at, found.start)
        taken.insert(at, found)
    return taken


def _read(rule: str, m: re.Match[str], text: str, gr: Grammar) -> Found | None:
    start, end = m.start(), m.end()
    g = m.groupdict()
    if rule == "range":
        y1 = to_int(g["y1"]) or to_int(g["y2"])
        y2 = to_int(g["y2"]) or y1
        # English names the first month ("May 27th to 29th"), Russian the last ("с 27 по 29 мая").
        m2_named = gr.months[month_key(g["m2"])] if g["m2"] else None
        m1 = gr.months[month_key(g["m1"])] if g["m1"] else m2_named
        m2 = m2_named or m1
        if m1 is None or m2 is None:
            return None
        d1, d2 = day_number(g["d1"]), day_number(g["d2"])
        if (m2, d2) <= (m1, d1) and y1 == y2:
            return None
        return Found(start, end, "range", rule, y1, m1, d1, end_date=(y2, m2, d2))
    if rule in ("first of two months", "last of two months"):
        # "between November and January 2008": the year stated is the last month's
        m1, m2 = gr.months[month_key(g["m1"])], gr.months[month_key(g["m2"])]
        year = to_int(g["y"])
        if rule == "last of two months":
            return Found(m.start("m2"), end, "date", rule, year, m2)
        first_year = None if year is None else year - (1 if m2 < m1 else 0)
        return Found(m.start("m1"), m.end("m1"), "date", rule, first_year, m1)
    if rule == "year range":
        a, b = (int(g["ya"]), int(g["yb"])) if g["ya"] else (int(g["yc"]), int(g["yd"]))
        b = span_end(a, b)
        if b <= a:
            return None
        return Found(start, end, "range", rule, a, end_date=(b, None, None))
    if rule in ("month-day-year", "day-month-year", "iso date", "numeric date", "part of date"):
        year = to_int(g["y"])
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
        month = int(g["m"]) if g["m"].isdigit() else gr.months[month_key(g["m"])]
        day = day_number(g["d"])
        try:
            datetime(year or 2000, month, day)
        except ValueError:
            return None
        if rule == "part of date":
            part, mod = part_of_day(gr, g["pod"]), point_mod(gr, g["mod"])
            return Found(start, end, "date", rule, year, month, day, part=part, mod=mod)
        return Found(start, end, "date", rule, year, month, day)
    if rule == "month-year":
        month = gr.months[month_key(g["m"])]
        return Found(start, end, "date", rule, int(g["y"]), month, mod=point_mod(gr, g["mod"]))
    if rule == "month":
        start = m.start("body") if g["body"] else m.start("body2")
        name = g["m"] or g["m2"]
        direction = (g["rel"] or g["rel2"] or "").lower() or None
        mod = point_mod(gr, g["mod"] or g["mod2"])
        month = gr.months[month_key(name)]
        return Found(start, end, "date", rule, None, month, direction=direction, mod=mod)
    if rule == "month of year":  # "June last year": the month, in a year counted from publication
        shift = {"last": -1, "next": 1}.get(gr.word(g["rel"]), 0)
        month = gr.months[month_key(g["m"])]
        end = m.end("m") if g.get("of") else end
        return Found(start, end, "date", rule, None, month, shift=shift, unit="year")
    if rule == "that year":  # "later that year": the narrative's year, or the one after it
        shift = 1 if "following" in m.group(0).lower() else 0
        mod = point_mod(gr, g["pre"])
        return Found(
            start, end, "relative", rule, shift=shift, unit="year", base="previous", mod=mod
        )
    if rule == "part of day":  # "in the morning": of the date the narrative is on
        part, mod = part_of_day(gr, g["pod"] or g["pod2"]), point_mod(gr, g["mod"])
        if re.search(r"\d\s+in\s+$", text[max(0, start - 8) : start]):
            return None  # "at 4 in the morning": the clock time's, not the morning's
        if g.get("dw"):  # "mid-afternoon yesterday": that part of the day the word names
            shift = gr.day_words[g["dw"].lower()]
            return Found(start, end, "relative", "day word", shift=shift, unit="day",
                         base="document", part=part, mod=mod)  # fmt: skip
        return Found(start, end, "relative", rule, unit="day", base="previous", part=part, mod=mod)
    if rule == "decade":
        if g["c2"] and AGE.search(text[max(0, start - 40) : start]):
            return None
        century = g.get("cn")  # "19世纪80年代": the 80s of the 19th century, the 1880s
        first = f"{int(century) - 1}{g['c2']}" if century else f"19{g['c2']}"
        return Found(start, end, "date", rule, decade=g["c"] or first)
    if rule == "quarter" and g["q"] is None and g["qn"] is None:
        # "the quarter", "the latest quarter", "the year-ago quarter"
        shift = gr.quarter_shifts[" ".join((g["qrel"] or "").lower().split())]
        return Found(start, end, "relative", rule, shift=shift, unit="quarter", base="document")
    if rule == "quarter":
        number = int(g["qn"]) if g["qn"] else gr.quarters.get(g["q"].lower(), 0)
        year = to_int(g["y"] or g["y2"] or g["y3"] or g.get("yq"))
        shift = {"last": -1, "next": 1}.get(gr.word(g["rel"] or ""), 0)
        direction = g["rel"] and gr.word(g["rel"])
        if g.get("ago") and year is None:  # "the year-earlier third quarter": a year back
            shift, direction = -1, "year-earlier"
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
            direction=direction,
        )
    if rule == "year":
        # A year word after the figures ("доклад 2019 года") makes it a year anywhere.
        named = end > m.end("y")
        if not (
            g["mod"] or named or year_ok(gr, text, start) or year_subject(gr, text, start, end)
        ):
            return None
        modifier = not g["mod"] and year_modifier(gr, text, start, end)
        mod = point_mod(gr, g["mod"])
        return Found(start, end, "date", rule, int(g["y"]), mod=mod, modifier=modifier)
    if rule == "weekday":
        rel = gr.word(g["rel"]) if g["rel"] else None
        direction = {"coming": "next", "past": "last"}.get(rel or "", rel)
        last_word = rel.split()[-1] if rel else ""  # "the previous" -> "previous"
        direction = NARRATIVE_SIDES.get(last_word, direction)
        if g.get("week"):  # 上周四: the Thursday of last week ("last week")
            direction = f"{gr.word(g['week'])} week"
        weekday = gr.weekdays[g["w"].lower()]
        part = part_of_day(gr, g["pod"])
        return Found(start, end, "weekday", rule, weekday=weekday, direction=direction, part=part)
    if rule == "day word":
        word = " ".join(g["word"].lower().split())
        shift = gr.day_words[word]
        part = part_of_day(gr, g["pod"] or word.split()[-1])
        return Found(
            start, end, "relative", rule, shift=shift, unit="day", base="document", part=part
        )
    if rule == "previous day":
        word = gr.word(g["word"])  # in the reader's words: 次日 -> "the next day"
        shift = (
            1
            if re.search(r"next|following|after", word)
            else -1
            if re.search(r"previous|before", word)
            else 0
        )
        return Found(start, end, "relative", rule, shift=shift, unit="day", base="previous")
    if rule == "year ended":
        return Found(start, end, "duration", rule, duration=duration_value(1, "year"))
    if rule == "half":  # "the second half of 2024": TimeML 2024-H2
        half = 1 if g["h"].lower() == "first" else 2
        if g["y"]:
            return Found(start, end, "reference", rule, value=f"{g['y']}-H{half}")
        shift = {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        return Found(start, end, "relative", rule, shift=shift, unit="year", base="document",
                     half=half)  # fmt: skip
    if rule == "period":
        for_the = text[max(0, start - 4) : start].lower() == "for "  # "for the year"
        if g["rel"] is None and g["pre"] is None and g.get("cur") is None and not for_the:
            return None  # "most of the year": no date; "the end of the year" is one
        rel = gr.word(g["rel"] or "this")
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        unit = gr.word(g["u"])
        mod = point_mod(gr, g["pre"])
        if rel == "past" and unit in ("decade", "century") and mod is None:
            # "the past decade" is the ten years up to now (TimeML P10Y), not the 2010s
            return Found(start, end, "duration", rule, duration=duration_value(1, unit))
        return Found(start, end, "relative", rule, shift=shift, unit=unit, base="document", mod=mod)
    if rule == "shift":
        count = count_of(gr, g["n"])
        direction = gr.word(g["dir"])
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        if count is None and direction in ("ago", "from now"):
            # "a few years ago": some time before now, no date (TimeML PAST_REF / FUTURE_REF)
            value = "PAST_REF" if sign < 0 else "FUTURE_REF"
            return Found(start, end, "reference", rule, value=value)
        if count is None or count != int(count):
            return None
        base: Base = "document" if direction in ("ago", "from now") else "previous"
        unit = gr.word(g["u"].lower().rstrip("s"))
        mod = "APPROX" if g.get("approx") else None
        return Found(
            start, end, "relative", rule, shift=sign * int(count), unit=unit, base=base, mod=mod
        )
    if rule == "duration":
        if g["n"] is None:
            return None
        count = count_of(gr, g["n"])
        if g["u"].lower() == "second" and g["n"].lower() in ("a", "an"):
            return None  # "a second round": the ordinal, not a duration
        if g["n"].lower() in ("a", "an") and start == m.start("n"):
            before = text[max(0, start - 40) : start]
            if RATE.search(before):
                return None  # "$1.76 a year", "four flights a week": a rate, no time
            if FREQUENCY.search(before):  # "at a rate of 15 a year": how often (a set)
                value = duration_value(1, gr.word(g["u"]))
                return Found(start, end, "set", rule, value=value)
        if (g["half"] or g.get("half2")) and count is not None:
            count += 0.5
        unit = gr.word(g["u"])
        if unit == "quarter" and (
            not 2 <= (count or 2) < MAX_QUARTERS or "-" in text[m.end("n") : m.start("u")]
        ):
            return None  # "a quarter of the votes", "three-quarters", "the 1988 quarter"
        if unit == "fortnight":
            count, unit = (count or 1) * 2, "week"
        mod = gr.duration_mods.get(" ".join((g["mod"] or "").lower().split()))
        return Found(start, end, "duration", rule, duration=duration_value(count, unit), mod=mod)
    if rule in ("vague duration", "clock duration", "reference", "set", "season", "century"):
        return read_coarse(rule, m, text, gr)
    if rule == "year-earlier":  # read as "a year earlier", so it compares with a quarter
        return Found(start, end, "relative", "shift", shift=-1, unit="year", base="previous")
    if rule == "weekend":
        return Found(start, end, "relative", rule, unit="weekend", base="document")
    if rule == "spoken year":
        words = gr.number_words
        said = int(100 * words[g["c"].lower()] + words[g["t"].lower()]) if g["c"] else 2000
        ones = g["o"] or g["o2"]
        said += int(words[ones.lower()]) if ones else 0
        in_month = gr.months[month_key(g["m"])] if g["m"] else None
        return Found(start, end, "date", rule, said, in_month)
    if rule == "holiday":
        name = g["name"].lower().replace("’", "'")
        if name in HOLIDAYS_FIXED:
            month, day = HOLIDAYS_FIXED[name]
            return Found(start, end, "date", rule, None, month, day)
        month, weekday, nth = HOLIDAYS_FLOATING[name]
        return Found(start, end, "date", rule, None, month, weekday=weekday, shift=nth)
    if rule == "noon":
        return Found(start, end, "time", rule, hour=12, minute=0)
    if rule == "clock time":
        if g["h"] is not None:
            hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
            minute, zone, zone_start = to_int(g["min"]) or 0, g["zone"], m.start("zone")
        else:
            hour, zone, zone_start = int(g["h24"]), g["zone24"], m.start("zone24")
            minute = to_int(g["min24"]) or (30 if g.get("half") else 0)
            if hour < 12 and said_before(g.get("pod"), g.get("after"), text, start, gr):
                hour += 12
        key: str | None = None
        if zone and zone_offset(zone) is None:
            end, key = strip_right(text, start, zone_start), None
        elif zone:
            key = " ".join(zone.lower().split())
        return Found(start, end, "time", rule, hour=hour, minute=minute, zone=key)
    raise AssertionError(rule)
