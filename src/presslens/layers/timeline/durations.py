"""TimeML durations: "two weeks" is `P2W`, "30 minutes" `PT30M`, "a few hours" `PTXH`.

Shared by every language's grammar (`expressions.py` reads the words, this writes the value).
"""

from __future__ import annotations

#: unit -> (TimeML letter, is a time-of-day unit written after "T")
TIMEML_UNITS: dict[str, tuple[str, bool]] = {
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


def duration_value(count: float | None, unit: str) -> str:
    """A TimeML duration: `P2W`, `PT30M`, `PXY` for an unstated count.

    >>> duration_value(2.5, "year"), duration_value(None, "hour"), duration_value(3, "decade")
    ('P2.5Y', 'PTXH', 'P30Y')
    """
    if unit == "decade" and count is not None:
        count, unit = count * 10, "year"
    if unit == "century" and count is not None:
        count, unit = count * 100, "year"
    letter, clock = TIMEML_UNITS[unit]
    amount = "X" if count is None else (f"{count:g}")
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"
