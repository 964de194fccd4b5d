"""Reading the coarse time expressions: durations without a number, race times, *_REF words,
sets, centuries and seasons (split out of `expressions.py`, which calls `read_coarse`)."""

from __future__ import annotations

import re

from presslens.layers.timeline.durations import duration_value
from presslens.layers.timeline.found import Found
from presslens.layers.timeline.grammar import Grammar
from presslens.layers.timeline.reading import (
    COUNTED,
    DISCOURSE,
    SENTENCE_START,
    point_mod,
    set_value,
    to_int,
)


def read_coarse(rule: str, m: re.Match[str], text: str, gr: Grammar) -> Found | None:
    """Durations without a number, race times, *_REF words, sets and seasons."""
    start, end = m.start(), m.end()
    g = m.groupdict()
    if rule == "vague duration":
        if g.get("ul"):  # "day-long": one unit, "months-long": an unstated number of them
            count = None if g["plural"] else 1.0
            if count is None and g["ul"].lower() == "decade":
                return None  # "decades-long": MEANTIME writes PXY, TimeBank "decades" P20Y
            value = duration_value(count, gr.word(g["ul"]))
            return Found(start, end, "duration", rule, duration=value)
        unit = gr.word(g["u"] or g.get("ua") or "")
        return Found(start, end, "duration", rule, duration=duration_value(None, unit))
    if rule == "clock duration":
        hours, minutes, seconds = int(g["h"]), int(g["min"]), int(g["sec"])
        value = f"PT{hours}H{minutes}M{seconds}S"
        return Found(start, end, "duration", rule, duration=value)
    if rule == "reference":
        if (
            g["word"].lower() == "now"
            and DISCOURSE.match(text, end)
            and SENTENCE_START.search(text[max(0, start - 3) : start])
        ):
            return None  # "Now, let us turn to ...": a discourse marker, no time
        if g["word"].lower().startswith("the ") and COUNTED.match(text, end):
            return None  # "the past five trading days": a duration the rules did not read
        value = gr.references[" ".join(g["word"].lower().split())]
        return Found(start, end, "reference", rule, value=value)
    if rule == "set":
        return Found(start, end, "set", rule, value=set_value(gr, g))
    if rule == "century":  # TimeML writes a century as its first two digits: "18" = 1800s
        value, mod = f"{int(g['n']) - 1:02d}", point_mod(gr, g["mod"])
        return Found(start, end, "reference", rule, value=value, mod=mod)
    season = gr.seasons[g["s"].lower()]
    year = to_int(g["y"])
    rel = gr.word(g["rel"] or "") or None
    # "the fall of prices", "winter" alone: a bare season only after "in"/"during"
    bare = year is None and rel is None and not g["mod"]
    if bare and not gr.season_context.search(text[max(0, start - 12) : start]):
        return None
    direction = {"this past": "last", "past": "last", "coming": "next"}.get(rel or "", rel)
    mod = point_mod(gr, g["mod"])
    return Found(start, end, "season", rule, year, direction=direction, season=season, mod=mod)
