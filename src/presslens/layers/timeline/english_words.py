"""The English words of time expressions: months, weekdays, numbers, modifiers, TimeML codes.

Read by the English grammar (`english.py`), which builds its patterns from them.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


WEEKDAYS: dict[str, int] = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    # TimeML writes "a couple of years" as two (P2Y): both TimeBank+AQUAINT (train) gold
    # values for it, study half, are P2Y.
    "a couple of": 2,
    "couple of": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
}


#: Words that give a count without a number; TimeML writes the count as X.
VAGUE_COUNTS = ("a few", "several", "some", "many", "few")

#: Words before a duration that bound it; TimeML's `mod`. Checked on TimeBank+AQUAINT
#: (train) gold mods, e.g. "more than four hours" MORE_THAN, "at least 72 hours" EQUAL_OR_MORE.
DURATION_MODS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
}


#: Words before a date that say which part of it is meant; TimeML's `mod`.
POINT_MODS: dict[str, str] = {
    "early": "START",
    "earlier": "START",
    "the beginning of": "START",
    "the start of": "START",
    "mid": "MID",
    "mid-": "MID",
    "the middle of": "MID",
    "late": "END",
    "later": "END",
    "the end of": "END",
}


#: Words that name the present, past or future without a date (TimeML's *_REF values).
#: Source: TimeML 1.2.1 guidelines, HeidelTime's English resources. Checked on
#: TimeBank+AQUAINT train ("now" 59 gold PRESENT_REF, "recently" 12 PAST_REF). "soon" and
#: "previously" are left out: gold tags 4 and 2 of them, 13 and 20 more were untagged.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF",
    "the past": "PAST_REF",
    "back then": "PAST_REF",
    "formerly": "PAST_REF",
    "long ago": "PAST_REF",
    "the future": "FUTURE_REF",
    # TimeBank+AQUAINT train: "the near term" and "the short term" 2 of 2 FUTURE_REF (study
    # half), "the near future" 1 of 1 (other half)
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
}


#: TimeML season codes.
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}


#: TimeML part-of-day codes.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}


#: Quarters named by their place beside the publication date's quarter. Financial news
#: reports "the quarter" / "the latest quarter" when the quarter just ended is out
#: (TimeBank+AQUAINT train: 24 gold "the (latest) quarter", most of them the one before).
QUARTER_SHIFTS = {
    "": -1,
    "latest": -1,
    "most recent": -1,
    "recent": -1,
    "current": 0,
    "previous": -2,
    "prior": -2,
    "year-ago": -5,
    "year-earlier": -5,
}


QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}


DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "last night": -1,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


#: Adverbs of a set and the unit they repeat ("daily" = every day).
SET_UNITS = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "hourly": "hour",
    "nightly": "day",
}


# Source: the fixed dates of holidays and US federal law (5 U.S.C. 6103) for Thanksgiving
# Day, the fourth Thursday in November. Checked: 2026-11-30, TimeBank+AQUAINT train (study
# half) values 1999-11-25 for "Thanksgiving Day". Only names that say one day wherever
# English news is written: "Independence Day" and "Election Day" differ by country.
#: A holiday on a fixed day -> (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
}
#: A holiday on a weekday of a month -> (month, weekday 0-6, which one: 4 = the fourth).
FLOATING_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
}
