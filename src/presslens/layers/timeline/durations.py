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
    "quarter": ("Q", False),
}

#: A unit -> how many of the next smaller unit make one, and that unit: a half is written
#: in the smaller unit, as TimeML does ("2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M, "a minute
#: and a half" PT1M30S: TimeBank+AQUAINT train, 3 of 3 such values).
SMALLER_UNITS: dict[str, tuple[int, str]] = {
    "year": (12, "month"),
    "day": (24, "hour"),
    "hour": (60, "minute"),
    "minute": (60, "second"),
}


def duration_value(count: float | None, unit: str) -> str:
    """A TimeML duration: `P2W`, `PT30M`, `PXY` for an unstated count; a fraction in the
    next smaller unit where it comes out whole.

    >>> duration_value(2.5, "year"), duration_value(None, "hour"), duration_value(3, "decade")
    ('P2Y6M', 'PTXH', 'P30Y')
    >>> duration_value(1.5, "minute"), duration_value(1.5, "day"), duration_value(0.5, "week")
    ('PT1M30S', 'P1DT12H', 'P0.5W')
    """
    if unit == "decade" and count is not None:
        count, unit = count * 10, "year"
    if unit == "century" and count is not None:
        count, unit = count * 100, "year"
    letter, clock = TIMEML_UNITS[unit]
    if count is not None and count != int(count) and unit in SMALLER_UNITS:
        factor, smaller = SMALLER_UNITS[unit]
        rest = (count - int(count)) * factor
        if rest == int(rest):
            small_letter, small_clock = TIMEML_UNITS[smaller]
            part = f"{int(rest)}{small_letter}"
            whole = f"{int(count)}{letter}" if count >= 1 else ""
            if small_clock and not clock:  # "P1DT12H"
                return f"P{whole}T{part}"
            return f"PT{whole}{part}" if clock else f"P{whole}{part}"
    amount = "X" if count is None else (f"{count:g}")
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"
