"""Weekdays: the date of "Friday", "last Tuesday", "Thursday's close" from the publication date
(or the date the narrative is on), the tense of its clause deciding the side (split out of
`anchoring.py`)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from spacy.tokens import Doc

from presslens.brief import Anchor
from presslens.layers.timeline.events import tense
from presslens.layers.timeline.found import Found
from presslens.layers.timeline.moments import Moment, Resolved, with_part

#: A weekday said of a whole week (Chinese 上周四, 下周一) -> that week, from the base's.
WEEK_SHIFTS = {"last week": -1, "this week": 0, "next week": 1}
#: A weekday counted from the day the narrative is on rather than from publication: "down
#: 4.5% from the previous Friday" after the text has said Friday's close is the Friday
#: before that one (TimeML: the reference time moves with the narrative).
NARRATIVE_SIDES = {"previous": "before", "preceding": "before", "following": "after"}
#: Words before a weekday that make it the end of a term, which may lie after a past clause;
#: a clock time may stand between ("until 9 a.m. Tuesday", "due to expire Friday evening"):
#: TimeBank+AQUAINT train, study half, 2 of 2 such weekdays.
_UNTIL_DAY = re.compile(
    r"\b(?:until|till|through|effective|expires?|extended\s+to)\s+"
    r"(?:(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)(?:\s+[A-Z]{2,4})?,?\s+)?$",
    re.I,
)


def resolve_weekday(
    item: Found, previous: Moment | None, published: datetime | None, doc: Doc, text: str
) -> Resolved | str:
    """The day a weekday names: before the base in a past clause, after it in a future one,
    the nearer side in the present; "last"/"next" and a week named (上周四) say it outright."""
    assert item.weekday is not None
    base: datetime | None = published
    anchor: Anchor | None = "document-date" if base is not None else None
    if base is None and previous is not None:
        base, anchor = previous.when, "previous-date"
    if base is None or anchor is None:
        return "weekday without a date to count from"
    if item.direction in ("before", "after"):
        return _beside_narrative(item, previous, base, anchor)
    if item.direction in WEEK_SHIFTS:  # 上周四: that day in the week before the base's
        monday = base - timedelta(days=base.weekday())
        day = monday + timedelta(days=7 * WEEK_SHIFTS[item.direction] + item.weekday)
        moment = Moment(datetime(day.year, day.month, day.day), "day")
        return Resolved(with_part(moment.iso(), item), anchor, "weekday rule", moment=moment)
    here = tense(doc, text, item.start, item.end) if item.direction is None else ""
    if here and _UNTIL_DAY.search(text[max(0, item.start - 30) : item.start]):
        here = "present"  # the end of a term, which may lie after a past clause
    if here != "future" and text.startswith("'s", item.end):
        here = "past"  # "Thursday's closing price": a weekday said as a noun is one gone by
    ahead = (item.weekday - base.weekday()) % 7
    behind_days = (base.weekday() - item.weekday) % 7
    future = (
        item.direction == "next"
        or here == "future"
        or (here == "present" and 0 < ahead < behind_days)
    )
    if future:
        day = base + timedelta(days=ahead or (7 if item.direction == "next" else 0))
    else:
        behind = (base.weekday() - item.weekday) % 7
        if item.direction == "last" and behind == 0:
            behind = 7
        day = base - timedelta(days=behind)
    moment = Moment(datetime(day.year, day.month, day.day), "day")
    return Resolved(with_part(moment.iso(), item), anchor, "weekday rule", moment=moment)


def _beside_narrative(
    item: Found, previous: Moment | None, base: datetime, anchor: Anchor
) -> Resolved:
    """ "the previous Friday", "the following Monday": the weekday strictly before or after
    the last day the text named (the publication date when it named none)."""
    assert item.weekday is not None
    if previous is not None:
        base, anchor = previous.when, "previous-date"
    if item.direction == "before":
        day = base - timedelta(days=(base.weekday() - item.weekday - 1) % 7 + 1)
    else:
        day = base + timedelta(days=(item.weekday - base.weekday() - 1) % 7 + 1)
    moment = Moment(datetime(day.year, day.month, day.day), "day")
    evidence = f"weekday rule, {item.direction} {base:%Y-%m-%d}"
    return Resolved(with_part(moment.iso(), item), anchor, evidence, moment=moment)
