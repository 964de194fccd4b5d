"""Write `layers/entities/lexicons/world_places.tsv` from the Unicode CLDR data Babel ships.

Countries, territories and world regions (`Locale.territories`) and the cities CLDR names
time zones after (exemplar cities: "Europe/Belgrade" -> Belgrade, Белград, 贝尔格莱德),
each in English, Russian and Chinese. Names CLDR writes with a qualifier
("Congo - Kinshasa", "中国香港特别行政区") are left out: they are not how news names a place.

    python scripts/world_places.py > src/presslens/layers/entities/lexicons/world_places.tsv
"""

from __future__ import annotations

import re
import sys

import babel
import pytz
from babel import Locale
from babel.dates import get_timezone_location

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

HEADER = f"""\
# Countries, territories, world regions and major cities in English, Russian and Chinese, one a row.
# Format: ENGLISH<TAB>RUSSIAN<TAB>CHINESE, read like places_and_organisations.tsv (which wins
# where both name a place): every variant's key becomes the key of the English name.
# Source: Unicode CLDR as shipped in Babel {babel.__version__} (Locale.territories and the
# exemplar cities of time zones), written by scripts/world_places.py; CLDR is under the
# Unicode License v3. Names CLDR qualifies ("Congo - Kinshasa") are left out.
# Checked: 2026-11-30, generated; rows whose three names are not all present are left out.
"""


def rows() -> list[tuple[str, ...]]:
    locales = [Locale.parse(code) for code in LANGUAGES]
    found: list[tuple[str, ...]] = []
    for code in sorted(locales[0].territories):
        if code in NOT_PLACES or not ((code.isalpha() and len(code) == 2) or code.isdigit()):
            continue
        found.append(tuple(locale.territories.get(code, "") for locale in locales))
    cities = [
        tuple(get_timezone_location(zone, locale=lc, return_city=True) for lc in locales)
        for zone in sorted(pytz.all_timezones)
        if zone.split("/")[0] in ZONE_REGIONS
    ]
    found.extend(cities)
    seen: set[str] = set()
    kept = []
    for row in found:
        if not all(row) or any(QUALIFIED.search(name) for name in row) or row[0] in seen:
            continue
        if len(row[2]) < 2:  # a one-character Chinese name is a common word as often
            continue
        seen.add(row[0])
        english, russian, chinese = row
        kept.append((english, ISLAND.sub(lambda m: ISLANDS[m.group()], russian), chinese))
    return kept


def main() -> None:
    sys.stdout.write(HEADER)
    for row in rows():
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
