"""Calendar values: a resolved moment at its granularity, a resolution with its anchor,
and the calendar arithmetic anchoring uses (split out of `anchoring.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from presslens.brief import Anchor, TimeType
from presslens.layers.timeline.found import Found

Grain = Literal["year", "month", "week", "day", "minute"]


@dataclass(frozen=True)
class Moment:
    """A resolved calendar value at some granularity."""

    when: datetime
    grain: Grain

    def iso(self) -> str:
        """ISO 8601 at this granularity ("2025", "2025-06", "2025-W22", "2025-06-01T15:00")."""
        if self.grain == "year":
            return f"{self.when.year:04d}"
        if self.grain == "month":
            return f"{self.when.year:04d}-{self.when.month:02d}"
        if self.grain == "week":
            year, week, _day = self.when.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.grain == "day":
            return self.when.strftime("%Y-%m-%d")
        return self.when.strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Resolved:
    value: str | None
    anchor: Anchor
    evidence: str
    end_value: str | None = None
    moment: Moment | None = None
    #: TimeML type when the words' kind does not say it ("three years later" with nothing
    #: before it is the duration it states).
    type: TimeType | None = None


def with_part(value: str, item: Found) -> str:
    """A day's value with the part of day the words name ("2025-06-03TEV")."""
    return f"{value}T{item.part}" if item.part and len(value) == 10 else value


GRAIN_RANK: dict[Grain, int] = {"year": 0, "month": 1, "week": 2, "day": 3, "minute": 4}


def unit_grain(unit: str) -> Grain:
    return {"week": "week", "weekend": "week", "month": "month", "year": "year"}.get(
        unit, "day" if unit == "day" else "year"
    )  # type: ignore[return-value]


def shifted(base: datetime, unit: str, shift: int) -> datetime:
    if unit == "day":
        return base + timedelta(days=shift)
    if unit in ("week", "weekend"):
        return base + timedelta(weeks=shift)
    if unit == "month":
        months = base.year * 12 + base.month - 1 + shift
        return datetime(months // 12, months % 12 + 1, 1)
    years = {"year": 1, "decade": 10, "century": 100}.get(unit, 1) * shift
    return datetime(base.year + years, 1, 1)
