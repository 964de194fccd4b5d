"""The Chinese timeline stage: the shared one, plus a day of the month written alone.

Chinese news dates an event by its day alone when it falls in the month of
publication: 外交部发言人毛宁4日表示 ("said on the 4th"). The shared grammar has no
rule for a date without a month, so this stage adds those days after the shared stage
has run: the day in the publication month, or in the month before when that day is
still to come (a 28日 in a text published on the 3rd), anchored to the publication
date; without one, unresolved. A day followed by 内, 前, 后, 起, 至 or 以来 is a count
or the start of a range (3日内 "within three days"), not a date.

>>> from presslens import Settings, analyze  # doctest: +SKIP
>>> brief = analyze("毛宁4日表示，会谈顺利。", Settings(published="2025-06-05"))  # doctest: +SKIP
>>> [t.value for t in brief.timeline]  # doctest: +SKIP
['2025-06-04']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from presslens.article import Article
from presslens.brief import Brief, TimeExpression
from presslens.layers.timeline.events import clause_around
from presslens.layers.timeline.stage import find_timeline, publication_moment

_DAY_ALONE = re.compile(
    r"(?<![\d.月年号])(?<![\d.月年][ \t])(?P<d>[12]\d|3[01]|[1-9])[ \t]?日"
    r"(?![\d内前后起至]|以来|之内|以内)"
)


def find_chinese_timeline(article: Article, brief: Brief) -> Brief:
    """The shared timeline stage, then the days of the month the Chinese grammar leaves."""
    brief = find_timeline(article, brief)
    published = publication_moment(brief.document.published)
    # The shared stage's items do not overlap: sorted by start, so are their ends.
    taken_starts = [t.start for t in brief.timeline]
    taken_ends = [t.end for t in brief.timeline]
    added = []
    for match in _DAY_ALONE.finditer(article.text):
        start, end = match.span()
        index = bisect_left(taken_starts, end)
        if index and taken_ends[index - 1] > start:
            continue  # inside a date the grammar read (6月4日)
        value, anchor, why = None, "unresolved", "day of the month without a publication date"
        if published is not None:
            day = _day_in_publication_month(published.date(), int(match["d"]))
            if day is not None:
                value, anchor = day.isoformat(), "document-date"
                why = f"day of the month, from publication date {published:%Y-%m-%d}"
        if anchor == "unresolved" and published is not None:
            continue  # no such day (31日 in a month of 30): no date
        added.append(
            TimeExpression(
                start=start,
                end=end,
                value=value,
                anchor=anchor,  # type: ignore[arg-type]
                event=clause_around(article.text, start, end),
                evidence=why,
            )
        )
    timeline = tuple(sorted((*brief.timeline, *added), key=lambda t: (t.start, t.end)))
    return replace(brief, timeline=timeline)


def _day_in_publication_month(published: date, day: int) -> date | None:
    """The day in the publication month, or the month before when it is still to come."""
    year, month = published.year, published.month
    if day > published.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return date(year, month, day)
    except ValueError:
        return None
