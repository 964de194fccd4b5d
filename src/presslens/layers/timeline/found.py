"""A time expression as its words say it, before anchoring (split out of `expressions.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "date", "range", "weekday", "relative", "time", "duration", "reference", "set", "season"
]
Base = Literal["document", "previous"]


@dataclass(frozen=True)
class Found:
    """A time expression as its words say it, before anchoring.

    `year`/`month`/`day` are what the words state (None when unstated).
    `shift`/`unit`/`base` describe relative expressions ("two days ago":
    shift -2, unit "day", base "document"). `duration` is a finished TimeML
    duration. A range keeps its end in `end_date`.
    """

    start: int
    end: int
    kind: Kind
    rule: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    #: "last"/"next"/"this" before a weekday or month.
    direction: str | None = None
    shift: int = 0
    unit: str | None = None
    base: Base | None = None
    hour: int | None = None
    minute: int | None = None
    #: The time zone a clock time names, as a key of `lexicons/timezones.tsv` or "gmt+8".
    zone: str | None = None
    duration: str | None = None
    end_date: tuple[int | None, int | None, int | None] | None = None
    #: A decade ("199" for the 1990s), TimeML style.
    decade: str | None = None
    #: A finished TimeML value the words give alone ("PRESENT_REF", a set's "P1W").
    value: str | None = None
    #: TimeML mod ("START" for "early 2024", "APPROX" for "about two years").
    mod: str | None = None
    #: TimeML season ("SU") or part of day ("MO") the words name.
    season: str | None = None
    part: str | None = None
    #: The half of a year ("the first half of last year": 1), TimeML's H1/H2.
    half: int | None = None
    #: A year qualifying a noun ("кампании 2020 года"): it dates no year-less date after it.
    modifier: bool = False
