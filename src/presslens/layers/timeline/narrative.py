"""The year of a year-less date or a season, read from the narrative: the tense of its clause.

HeidelTime's news strategy is the reference: the publication date anchors the
expression and the tense decides which side of it the date lies on. "In
August", said in a past-tense clause of a March article, is last August; in a
future-tense clause it is the coming one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: How far a year-less date may lie on the "wrong" side of the publication date before
#: the tense moves it a year ("was set for Nov. 10" in a Nov. 2 article is this year's).
#: Set on TimeBank+AQUAINT train: value F1 0.740 with no slack, 0.747 with 31 days.
NARRATIVE_SLACK = timedelta(days=31)

#: TimeML seasons in calendar order, and the season each month belongs to (winter spans
#: the turn of the year and takes the year of its December).
SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_OF_MONTH = {m: (3 if m in (12, 1, 2) else (m - 3) // 3) for m in range(1, 13)}


def narrative_year(published: datetime, month: int, day: int | None, tense: str) -> int:
    """The year of a year-less date in a clause of the given tense.

    The closest year to the publication date, moved a year back in a past-tense
    clause when the date would lie more than `NARRATIVE_SLACK` after publication,
    a year on in a future-tense clause when it would lie that far before.

    >>> narrative_year(datetime(2025, 3, 10), 8, None, "past")
    2024
    >>> narrative_year(datetime(2025, 3, 10), 8, None, "future")
    2025
    """
    year = closest_year(published, month, day or 15)
    first = datetime(year, month, day or 1)
    last = datetime(year, month, day or 28)
    if tense == "past" and first - published > NARRATIVE_SLACK:
        return year - 1
    if tense == "future" and published - last > NARRATIVE_SLACK:
        return year + 1
    return year


def season_year(published: datetime, season: str, direction: str | None, tense: str) -> int:
    """The year of a season ("last winter", "this summer", "in the autumn" in a past clause).

    >>> season_year(datetime(2025, 3, 10), "WI", "last", "present")
    2024
    >>> season_year(datetime(2025, 3, 10), "FA", None, "past")
    2024
    """
    now = published.year * 4 + _SEASON_OF_MONTH[published.month]
    if published.month < 3:
        now -= 4  # January and February: the winter that began last December
    order = SEASON_ORDER[season]
    seasons = [year * 4 + order for year in range(published.year - 2, published.year + 2)]
    if direction == "last" or (direction is None and tense == "past"):
        strict = direction == "last"
        return max(s for s in seasons if s < now or (s == now and not strict)) // 4
    if direction == "next" or (direction is None and tense == "future"):
        strict = direction == "next"
        return min(s for s in seasons if s > now or (s == now and not strict)) // 4
    return published.year


def closest_year(published: datetime, month: int, day: int) -> int:
    """The year that puts month/day closest to the publication date."""

    def distance(year: int) -> float:
        try:
            return abs((datetime(year, month, day) - published).total_seconds())
        except ValueError:  # 29 February
            return float("inf")

    return min((published.year, published.year - 1, published.year + 1), key=distance)
