"""Countries, world regions and major cities in English, Russian and Chinese, from CLDR.

The Unicode CLDR data that Babel ships (a pinned dependency) names every country,
territory and world region (`Locale.territories`) and the city each time zone is
named after ("Europe/Belgrade": Belgrade, Белград, 贝尔格莱德) in each language. One
row per place gives one key across scripts (`keys.py`: Сербия / Serbia / 塞尔维亚)
and tells jieba these words are places (`nlp_chinese.py`). Read once per process,
at run time, from the installed package (about 0.2 s); nothing is copied into the repo.

Left out: groupings that are no place (EU, UN), names CLDR qualifies ("Congo -
Kinshasa", "中国香港特别行政区": not how news names a place), rows missing a
language, and one-character Chinese names (as often a common word).
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("en", "ru", "zh")
#: Region codes of groupings, not places ("EU", "UN", "ZZ" unknown, "QO" outlying Oceania).
#: Of the numbered world regions, the world itself, and names news uses otherwise (中非 is
#: "China-Africa" as often as "Middle Africa").
NOT_PLACES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "001", "017", "021", "057"})
#: The time zone areas named after a city (not "Etc/", "US/").
ZONE_REGIONS = frozenset(
    {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)
#: A name with one of these is CLDR's own qualified form, not a name news writes.
QUALIFIED = re.compile(r"[(),（）&]| - |SAR|特别行政区|Outlying|Unknown|неизвест|未知")
#: CLDR's Russian abbreviations for islands, written out as news writes them.
ISLANDS = {"о-в": "остров", "о-ва": "острова"}
ISLAND = re.compile(r"о-ва?(?= )")


@lru_cache(maxsize=1)
def world_places() -> tuple[tuple[str, str, str], ...]:
    """(English, Russian, Chinese) names of each place, in CLDR's order."""
    import pytz
    from babel import Locale
    from babel.dates import get_timezone_location

    locales = [Locale.parse(code) for code in LANGUAGES]
    found: list[tuple[str, ...]] = []
    for code in sorted(locales[0].territories):
        if code in NOT_PLACES or not ((code.isalpha() and len(code) == 2) or code.isdigit()):
            continue
        found.append(tuple(locale.territories.get(code, "") for locale in locales))
    found.extend(
        tuple(get_timezone_location(zone, locale=lc, return_city=True) for lc in locales)
        for zone in sorted(pytz.all_timezones)
        if zone.split("/")[0] in ZONE_REGIONS
    )
    seen: set[str] = set()
    kept: list[tuple[str, str, str]] = []
    for row in found:
        if not all(row) or any(QUALIFIED.search(name) for name in row) or row[0] in seen:
            continue
        if len(row[2]) < 2:
            continue
        seen.add(row[0])
        english, russian, chinese = row
        kept.append((english, ISLAND.sub(lambda m: ISLANDS[m.group()], russian), chinese))
    return tuple(kept)
