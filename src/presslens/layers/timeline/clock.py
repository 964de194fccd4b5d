"""Clock times: the day a clock time falls on, and its value in UTC when a zone is named
(split out of `anchoring.py`)."""

from __future__ import annotations

import bisect
from datetime import datetime

from presslens.brief import Anchor
from presslens.layers.timeline.found import Found
from presslens.layers.timeline.moments import Moment, Resolved
from presslens.layers.timeline.zones import to_utc


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
    local = day.replace(hour=item.hour, minute=item.minute)
    if item.zone is not None:
        utc = to_utc(local, item.zone)
        if utc is not None:
            moment = Moment(utc, "minute", utc=True)
            return Resolved(moment.iso(), anchor, f"time rule, {item.zone} to UTC; {evidence}")
    moment = Moment(local, "minute")
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
