"""Clock times and what the rules hand to libraries: time zones (zoneinfo) and dateparser.

Named zones ("Moscow time", "GMT+3", "EST") come from `lexicons/timezones.tsv`
(IANA name or fixed offset); `to_utc` converts a local clock time with its zone.
`parse_with_dateparser` reads the phrases no rule of `expressions.py` could,
with results cached.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from presslens import lexicon


@lru_cache(maxsize=1)
def _zones() -> dict[str, tuple[str | None, timedelta]]:
    zones: dict[str, tuple[str | None, timedelta]] = {}
    for line in lexicon.lines("timeline", "timezones.tsv", language=None):
        name, iana, fixed = line.split("\t")
        zones[name] = (None if iana == "-" else iana, _offset(fixed))
    return zones


def _offset(value: str) -> timedelta:
    sign = -1 if value.startswith("-") else 1
    hours, _sep, minutes = value.lstrip("+-").partition(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes or 0))


def zone_offset(zone: str) -> timedelta | None:
    """The fixed UTC offset a zone phrase names ("UTC", "GMT +8"), or None if unknown.

    Zones whose offset depends on the date ("Moscow time") are looked up again
    with the date by `to_utc`; this is their standard offset.
    """
    key = " ".join(zone.lower().split())
    explicit = re.fullmatch(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})", key)
    if explicit:
        hours = int(explicit.group(2))
        return timedelta(hours=hours if explicit.group(1) == "+" else -hours)
    found = _zones().get(key)
    return found[1] if found else None


#: A zone phrase that names UTC itself ("UTC", "GMT", "GMT+0", "Z"): the stated clock time
#: is then a UTC time, written with ISO 8601's `Z` (MEANTIME writes "18:00 UTC" as
#: `...T18:00Z`; TimeBank writes "5 p.m. EST" as the local `...T17:00`, no zone).
_NAMES_UTC = re.compile(r"(?:utc|gmt|z)(?:\s*[+-]\s*0?0(?::?00)?)?")


def names_utc(zone_text: str) -> bool:
    """True when the zone phrase is UTC itself, not a zone with an offset from it.

    >>> names_utc("UTC"), names_utc("GMT +0"), names_utc("GMT+8"), names_utc("EST")
    (True, True, False, False)
    """
    return bool(_NAMES_UTC.fullmatch(" ".join(zone_text.lower().split())))


def zone_info(zone_text: str) -> tzinfo | None:
    """A tzinfo for a zone phrase: the IANA zone when known and installed, else its fixed offset."""
    key = " ".join(zone_text.lower().split())
    found = _zones().get(key)
    if found and found[0]:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(found[0])
        except (ImportError, KeyError, OSError, ValueError):
            pass
    offset = zone_offset(zone_text)
    return timezone(offset) if offset is not None else None


def to_utc(local: datetime, zone_text: str) -> datetime | None:
    """`local` (naive) in the zone the phrase names, as naive UTC; None for an unknown zone."""
    info = zone_info(zone_text)
    if info is None:
        return None
    return local.replace(tzinfo=info).astimezone(UTC).replace(tzinfo=None)


@lru_cache(maxsize=64)
def _dateparser(base: datetime | None) -> object:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_with_dateparser(phrase: str, base: datetime | None) -> tuple[datetime, str] | None:
    """What `dateparser` reads in a phrase: (moment, period), relative words resolved from `base`.

    Slow (a millisecond or more a call), so only phrases the rules did not read
    come here, and results are cached per (phrase, base).
    """
    parser = _dateparser(base)
    data = parser.get_date_data(phrase)  # type: ignore[attr-defined]
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.replace(tzinfo=None), str(data.period or "day")
