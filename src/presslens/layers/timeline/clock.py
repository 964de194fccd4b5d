"""Clock times: the day a clock time falls on, and its value (split out of `anchoring.py`).

The value is the local clock time the text states, as TimeML writes it ("3 p.m. EST" on
1998-02-12 = `1998-02-12T15:00` in TimeBank), with ISO 8601's `Z` only when the
zone named is UTC itself ("18:00 UTC" = `...T18:00Z`, as MEANTIME writes it). For any
other named zone the same instant in UTC is given in the evidence ("EST = 1998-02-12T20:00
UTC"), so a reader comparing two zones still has it.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from presslens.brief import Anchor
from presslens.layers.timeline.found import Found
from presslens.layers.timeline.moments import Moment, Resolved
from presslens.layers.timeline.zones import names_utc, to_utc


def resolve_clock_time(
    item: Found,
    found: list[Found],
    resolved: dict[int, Resolved],
    sentence_starts: list[int],
    published: datetime | None,
) -> Resolved | str:
    """A clock time on the day of a date in its sentence, before it, or of publication."""
    assert item.hour is not None and item.minute is not None
    day, anchor, evidence = _day_of_time(item, found, resolved, sentence_starts, published)
    if day is None or anchor is None:
        return "clock time without a date"
    moment = Moment(day.replace(hour=item.hour, minute=item.minute), "minute")
    if item.zone is not None and names_utc(item.zone):
        return Resolved(moment.iso() + "Z", anchor, f"time rule, UTC as stated; {evidence}")
    utc = to_utc(moment.when, item.zone) if item.zone is not None else None
    if utc is not None:
        instant = utc.strftime("%Y-%m-%dT%H:%M")
        zone = f"local time as stated, {item.zone} = {instant} UTC"
        return Resolved(moment.iso(), anchor, f"time rule, {zone}; {evidence}")
    return Resolved(moment.iso(), anchor, f"time rule, local time; {evidence}")


def _day_of_time(
    item: Found,
    found: list[Found],
    resolved: dict[int, Resolved],
    sentence_starts: list[int],
    published: datetime | None,
) -> tuple[datetime | None, Anchor | None, str]:
    sentence = bisect.bisect_right(sentence_starts, item.start) - 1
    days = [
        (found[i], r)
        for i, r in resolved.items()
        if r.moment is not None and r.moment.grain == "day" and r.end_value is None
    ]
    same = [
        (f, r) for f, r in days if bisect.bisect_right(sentence_starts, f.start) - 1 == sentence
    ]
    if same:
        _f, r = min(same, key=lambda fr: abs(fr[0].start - item.start))
        assert r.moment is not None
        return r.moment.when, r.anchor, f"date {r.value} in its sentence"
    before = [(f, r) for f, r in days if f.start < item.start]
    if before:
        _f, r = max(before, key=lambda fr: fr[0].start)
        assert r.moment is not None
        return r.moment.when, "previous-date", f"date {r.value} before it"
    if published is not None:
        return published, "document-date", "publication date"
    return None, None, ""
