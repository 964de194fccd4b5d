"""Geometry for the corpus charts, drawn as inline SVG by the templates (no script, no CDN).

Each function turns corpus records into plain shapes with coordinates; the
templates only place them, so labels are escaped by Jinja like any other text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from presslens.corpus.questions import StatsRow, TimelineEntry

CHART_WIDTH = 760
BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 230
# Techniques shown per outlet; the rest are summed into "other".
TOP_TECHNIQUES = 6
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    title: str
    note: str
    bars: tuple[Bar, ...]
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH


@dataclass(frozen=True)
class Dot:
    label: str
    value: str
    x: float
    y: float
    radius: float
    articles: tuple[int, ...]


@dataclass(frozen=True)
class TimelineChart:
    dots: tuple[Dot, ...]
    ticks: tuple[tuple[float, str], ...]
    width: int
    height: int
    axis_y: int


def technique_charts(rows: Sequence[StatsRow]) -> list[BarChart]:
    """One horizontal bar chart of technique counts per outlet, most used first."""
    charts = []
    for row in rows:
        counts = list(row.techniques.items())
        shown = counts[:TOP_TECHNIQUES]
        rest = sum(n for _name, n in counts[TOP_TECHNIQUES:])
        if rest:
            shown.append(("other", rest))
        top = max((n for _name, n in shown), default=0) or 1
        span = CHART_WIDTH - LABEL_WIDTH - 50
        bars = tuple(
            Bar(
                label=name.replace("_", " ").replace(",", ", "),
                value=n,
                x=LABEL_WIDTH,
                y=i * (BAR_HEIGHT + BAR_GAP),
                width=max(span * n / top, 1),
            )
            for i, (name, n) in enumerate(shown)
        )
        note = f"{row.articles} article(s), {row.claims} claim(s)"
        height = max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)
        charts.append(BarChart(title=row.group, note=note, bars=bars, height=height))
    return charts


def monthly_chart(rows: Sequence[StatsRow]) -> BarChart:
    """Articles per publication month, oldest first; undated articles are counted in the note."""
    dated = sorted((r for r in rows if r.group[:4].isdigit()), key=lambda r: r.group)
    undated = sum(r.articles for r in rows if not r.group[:4].isdigit())
    top = max((r.articles for r in dated), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    bars = tuple(
        Bar(
            label=row.group,
            value=row.articles,
            x=LABEL_WIDTH,
            y=i * (BAR_HEIGHT + BAR_GAP),
            width=max(span * row.articles / top, 1),
        )
        for i, row in enumerate(dated)
    )
    techniques = sum(sum(r.techniques.values()) for r in rows)
    note = f"{techniques} technique span(s) in all"
    if undated:
        note += f"; {undated} article(s) without a date are not shown"
    height = max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(title="Articles per month", note=note, bars=bars, height=height)


def timeline_chart(entries: Sequence[TimelineEntry], width: int = CHART_WIDTH) -> TimelineChart:
    """Dated entries on a horizontal axis; a dot's size grows with the articles reporting it."""
    dated = [(e, _day(e.value)) for e in entries]
    placed = [(e, d) for e, d in dated if d is not None]
    axis_y, height, margin = 40, 80, 20
    if not placed:
        return TimelineChart((), (), width, height, axis_y)
    days = [d.toordinal() for _e, d in placed]
    lo, hi = min(days), max(days)
    if hi == lo:
        lo, hi = lo - 1, hi + 1

    def x(day: int) -> float:
        return margin + (day - lo) / (hi - lo) * (width - 2 * margin)

    stacked: Counter[int] = Counter()
    dots = []
    for entry, day in placed:
        ordinal = day.toordinal()
        level = stacked[ordinal]
        stacked[ordinal] += 1
        dots.append(
            Dot(
                label=entry.event or entry.text,
                value=entry.value,
                x=x(ordinal),
                y=axis_y - 12 * level,
                radius=4 + min(len(entry.articles), 6),
                articles=entry.articles,
            )
        )
    ticks = ((x(lo), date.fromordinal(lo).isoformat()), (x(hi), date.fromordinal(hi).isoformat()))
    return TimelineChart(tuple(dots), ticks, width, height, axis_y)


def _day(value: str) -> date | None:
    """The first day an ISO value ("2025", "2025-03", "2025-03-10T12:00") covers."""
    found = _ISO_DATE.match(value)
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2] or 1), int(found[3] or 1))
    except ValueError:
        return None
