"""The English grammar of time expressions: the patterns, over the words of `english_words.py`.

Each rule is (name, pattern); `expressions.py` reads a match by its rule name.
Another language plugs in its own `Grammar` (see `grammar.py`).
"""

from __future__ import annotations

import re

from presslens.layers.timeline.english_words import (
    DAY_WORDS,
    DURATION_MODS,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    POINT_MODS,
    QUARTER_SHIFTS,
    QUARTERS,
    REFERENCES,
    SEASONS,
    SET_UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
)
from presslens.layers.timeline.grammar import Grammar

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


_YEAR = r"(?:1[6-9]\d\d|20\d\d)"


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


_NUM = (
    r"(?:\d+(?:\.\d+)?|a dozen|half an?|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|hundred)"
)


_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"


_TENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)


_VAGUE = r"(?:a few|a couple of|couple of|several|some|many|few)"


_UNIT = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"


_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"


_SEASON = r"(?:spring|summer|autumn|fall|winter)"


#: After "before"/"after": a lower-case word starts an event ("after his son was found"),
#: not a date ("after May 3", "after Monday").
_NO_EVENT = r"(?!\s+(?-i:[a-z]))"


_DURATION_MOD = "|".join(sorted(DURATION_MODS, key=len, reverse=True))


#: "between April and June" (no day after the second month: "between May and June 2" is
#: no pair of months).
_TWO_MONTHS = (
    rf"[Bb]etween\s+(?P<m1>{_MONTH})\s+and\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
    rf"(?!\.?\s*{_DAY}\b)"
)
#: Nor inside a number: "10,000 years ago" is no "000 years ago".
EDGE_LEFT = r"(?<![\w$£€/.-])(?<!\d,)"


EDGE_RIGHT = r"(?![\w/]|-\d|,\d{3}|\.\d)"


RULES: tuple[tuple[str, str], ...] = (
    # "from May 27th to 29th", "May 27-29, 2025", "between June 2 and June 5"
    (
        "range",
        rf"(?:(?:from|between)\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
        rf"\s*(?:-|–|to|through|until|till|and)\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})"
        rf"(?:,?\s+(?P<y2>{_YEAR}))?",
    ),
    # "27-29 May 2024", "from 27 to 29 May", "between 2 and 5 June": the day first, as British
    # news writes it (the month is the last one's; "1 and 2 June" alone is two dates)
    (
        "range",
        rf"(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+)?(?P<d1>{_DAY})"
        rf"(?:\s+(?:of\s+)?(?P<m1>{_MONTH}))?"
        rf"(?P<y1>(?!))?\s*(?:-|–|to|until|till|(?(between)and|(?!)))"
        rf"\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?",
    ),
    # "from 2019 to 2021", "between 2019 and 2021", "2019-2021", a financial year or a season
    # "2019-20", "2019/20" (its end written with two figures)
    (
        "year range",
        rf"(?:(?:from|between)\s+(?P<ya>{_YEAR})\s*(?:-|–|to|and|until|through)\s*(?P<yb>{_YEAR}))"
        rf"|(?P<yc>{_YEAR})\s*[-–/]\s*(?P<yd>{_YEAR}|\d\d)",
    ),
    # "June 19, 2024", "June 4th", "19 June 2024", "the 4th of June", "June 2024"
    (
        "month-day-year",
        rf"(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:\s*,?\s*(?P<y>{_YEAR}))?(?!\s*(?:-|–|to\s+\d))",
    ),
    # "the early morning of June 4th", "the night of May 3, 2024": the date with its part of
    # day (TimeML 1.2.1: 2025-06-04TMO, "early" mod START)
    (
        "part of date",
        rf"(?:the\s+)?(?:(?P<mod>early|late)\s+)?(?P<pod>{_PART_OF_DAY})\s+of\s+(?P<m>{_MONTH})"
        rf"\s+(?P<d>{_DAY})(?:\s*,?\s*(?P<y>{_YEAR}))?",
    ),
    (
        "day-month-year",
        rf"(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?",
    ),
    ("iso date", r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    ("numeric date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)"),
    (
        "month-year",
        rf"(?:(?P<mod>early|mid-?|late|the (?:beginning|end|middle) of)\s*)?(?P<m>{_MONTH}),?\s+"
        rf"(?P<y>{_YEAR})",
    ),
    # "June last year", "in January this year": that month of the year counted from the
    # publication date (TimeML 1.2.1: one TIMEX3, value 2024-06); "October of next year" is
    # two, as MEANTIME writes it: "October" (2026-10), then "next year"
    ("month of year", rf"(?P<m>{_MONTH})\s+(?P<of>of\s+)?(?P<rel>last|this|next)\s+year"),
    # "between April and June": two months, each its own TIMEX3 as in TimeML, the way "from
    # April to June" gives them (the month rule reads those through their prepositions)
    *((name, _TWO_MONTHS) for name in ("first of two months", "last of two months")),
    # "in early May", "since October", "last March"
    (
        "month",
        r"(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|through|from|to|[Bb]efore|[Aa]fter|of"
        r"|till)\s+)"
        rf"(?P<body>(?:(?P<rel>last|next|this)\s+|(?P<mod>early|mid|late)(?:-|\s+))?(?P<m>{_MONTH}))"
        # a sentence may open with it ("Last April, ..."); "late-November" is hyphenated
        rf"|(?P<body2>(?:(?P<rel2>[Ll]ast|[Nn]ext|[Tt]his)\s+|(?P<mod2>[Ee]arly|[Mm]id|[Ll]ate)"
        rf"(?:-|\s+))(?P<m2>{_MONTH}))"
        # "last Oct. 23" is the date, not "last Oct." (a day follows the month)
        rf"(?!\.?\s*{_DAY}\b)",
    ),
    # "the 1990s", "the '70s"
    (
        "decade",
        r"(?:the\s+)?(?:early\s+|mid-|late\s+)?(?:(?P<c>1[6-9]\d|20\d)0s|'?(?P<c2>[2-9])0s)",
    ),
    # "the third quarter of 2009", "the fourth quarter", "Q1 2024", "the 1988 third quarter",
    # "the year-earlier third quarter"
    (
        "quarter",
        rf"(?:the\s+)?(?:(?P<yq>{_YEAR})\s+|(?P<ago>year-(?:earlier|ago))\s+)?"
        rf"(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year)|\s+(?P<y2>{_YEAR}))?"
        rf"|Q(?P<qn>[1-4])\s+(?P<y3>{_YEAR})"
        r"|the\s+(?:(?P<qrel>latest|most recent|recent|current|year-ago|year-earlier|previous"
        r"|prior)\s+)?quarter",
    ),
    (
        "year",
        rf"(?:(?P<mod>early|mid-?|late|the (?:beginning|end|middle) of)\s*)?(?:fiscal\s+)?"
        rf"(?P<y>{_YEAR})",
    ),
    (
        "weekday",
        # "the following Monday" (not "following Monday's vote", which is after that Monday)
        rf"(?:(?P<rel>last|next|this|coming|past|(?:the\s+)?(?:previous|preceding)"
        rf"|the\s+following)\s+)?"
        rf"(?P<w>{_WEEKDAY})"
        rf"(?:\s+(?P<pod>{_PART_OF_DAY}))?",
    ),
    (
        "day word",
        r"(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow"
        r"|tonight|this (?:morning|afternoon|evening)|last night)"
        rf"(?:\s+(?P<pod>{_PART_OF_DAY}))?",
    ),
    (
        "previous day",
        r"(?P<word>(?:on\s+)?the same day|that (?:same )?day|the (?:next|following|previous) day"
        r"|the day before|the day after|later that day|earlier that day)",
    ),
    # "later that year", "the following year": the year of the narrative, counted from the
    # last year the text states
    (
        "that year",
        r"(?:(?P<pre>later|earlier)\s+)?(?:that\s+(?:same\s+)?year|the\s+(?:same|following)\s+year)"
        r"(?!['’]s)",
    ),
    # "in the morning", "by mid afternoon": that part of the day the narrative is on (TimeML
    # 1.2.1: 1989-10-27TMO), the publication date's when no date came before
    (
        "part of day",
        rf"(?:(?<=\bin )|(?<=\bduring )|(?<=\bby ))the\s+(?P<pod>{_PART_OF_DAY})"
        r"|(?P<mod>early|mid|late)[- ]?(?P<pod2>morning|afternoon|evening)"
        r"(?:\s+(?P<dw>yesterday|today|tomorrow))?",
    ),
    # "the first half of 2024", "the second half of last year": TimeML's half years (2024-H1)
    (
        "half",
        rf"(?:the\s+)?(?P<h>first|second|last|latter)[\s-]+half\s+of\s+(?:(?P<y>{_YEAR})"
        r"|(?P<rel>this|last|next|the)\s+year)",
    ),
    # "the year ended March 31": the twelve months of a financial year (P1Y; TimeBank+AQUAINT
    # train, study half: 3 of 3), its end date a separate expression
    ("year ended", r"the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)"),
    # "this week", "last month", "the end of the year", "the current year", "for the year"
    (
        "period",
        r"(?:(?P<pre>earlier|later|early|late|the end of|the beginning of|the start of"
        r"|the middle of)\s+)?(?:(?P<rel>this|last|next|past|previous|coming)"
        r"|(?<=of )the|the\s+(?P<cur>current|fiscal)|(?<=for )the(?=\s+year\b))\s+"
        r"(?P<u>week(?:end)?|month|year|decade|century)",
    ),
    # years said in words, as broadcast transcripts write them: "nineteen ninety-six",
    # "January nineteen ninety-seven", "the year two thousand"
    (
        "spoken year",
        rf"(?:(?P<m>{_MONTH})\s+)?(?:(?P<c>nineteen|eighteen)\s+(?P<t>{_TENS})"
        rf"(?:[- ](?P<o>{_ONES}))?|the\s+year\s+two\s+thousand(?:\s+and\s+(?P<o2>{_ONES}))?)",
    ),
    # "over the weekend": the weekend before or after the publication date, by tense
    ("weekend", r"the\s+weekend"),
    # "the 19th century" (TimeML "18"), "the early 20th century"
    (
        "century",
        r"(?:the\s+)?(?:(?P<mod>early|mid-?|late)\s*)?(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)"
        r"[\s-]+century",
    ),
    # "two days ago", "a year earlier", "a week or so ago" (APPROX); "three days before the
    # vote" is no date but the duration "three days" with "before" as its signal (TimeML
    # 1.2.1 guidelines, SIGNAL): before/after an event, the rule leaves the words to the
    # duration rule.
    (
        "shift",
        rf"(?P<n>{_NUM}|{_VAGUE})\s+(?P<u>{_UNIT})s?\s+(?P<approx>or\s+so\s+)?"
        rf"(?P<dir>ago|earlier|later|before{_NO_EVENT}|after{_NO_EVENT}|from now)",
    ),
    # "year-earlier profit", "year-ago sales": a year before (the quarter named, in earnings news)
    ("year-earlier", r"year-(?:earlier|ago)"),
    # "the past decade", "the next four years", "for two weeks", "a few hours", "12-hour",
    # "two more weeks", "an additional year" (study half: 3 of 3 are TIMEX3 durations)
    (
        "duration",
        rf"(?:(?P<mod>{_DURATION_MOD})\s+)?(?:(?:the\s+)?(?:past|last|next|first|coming)\s+|the\s+"
        rf"(?=\w+\s+(?:months|weeks|years)\s+(?:ended|ending|to)\b))?"
        rf"(?:(?P<n>{_NUM}|{_VAGUE})(?P<half>\s+and\s+a\s+half|\s+1/2)?[\s-]+)?"
        rf"(?:(?:trading|business|working|more|additional|further|extra)\s+)?"
        rf"(?P<u>{_UNIT}|fortnight|quarter)s?"
        # "a minute and a half later": the duration, as TimeBank+AQUAINT writes it (PT1M30S)
        rf"(?:(?P<half2>\s+and\s+a\s+half)"
        rf"|(?![\s-]+(?:old|ago|earlier|later|from now)|\s+(?:before|after){_NO_EVENT}))",
    ),
    # "in recent months", "for hours", "within days", "the best in years": an unstated number
    # of units (TimeBank+AQUAINT train, study half: 3 of 3 "in/within days|weeks" are PX_)
    (
        "vague duration",
        r"(?:(?<=for )|(?<=within )|(?<=\bin )|(?P<recent>recent\s+))"
        r"(?P<u>minute|hour|day|week|month|year|decade)s"
        # "in the weeks ahead" (TimeBank+AQUAINT train, study half: 1 of 1 PXW)
        r"|the\s+(?P<ua>day|week|month|year)s\s+ahead"
        # "a day-long strike" (P1D), "months-long talks" (PXM): a duration said as an adjective
        r"|\b(?P<ul>minute|hour|day|week|month|year|decade)(?P<plural>s)?-long\b",
    ),
    # a race or flight time "2:05:36"
    ("clock duration", r"(?P<h>\d{1,2}):(?P<min>[0-5]\d):(?P<sec>[0-5]\d)"),
    # "now", "currently", "in the past", "the future": TimeML's PRESENT_REF, PAST_REF, FUTURE_REF
    ("reference", r"(?P<word>" + "|".join(sorted(REFERENCES, key=len, reverse=True)) + ")"),
    # "every week", "each winter", "twice a year", "daily" (used as an adverb)
    (
        "set",
        rf"(?:every|each)\s+(?P<other>other\s+)?(?P<every>{_UNIT}|quarter|{_WEEKDAY}|{_SEASON}"
        rf"|{_PART_OF_DAY})"
        rf"|(?P<times>once|twice|three times|four times|(?:\d+|several|many) times)\s+(?:a|an|per|"
        rf"each|every)\s+(?P<per>{_UNIT})"
        rf"|(?P<ly>daily|weekly|monthly|annually|yearly|hourly|nightly)"
        rf"(?=\s*(?:[.,;:)!?]|$|and\b|or\b|in\b|on\b|at\b|for\b|since\b|until\b|by\b"
        # ... or as an adjective of what recurs ("on a daily basis", "their daily lives") and a
        # daily paper's name ("the party daily Granma"): TimeBank+AQUAINT train, study half
        # value F1 0.7931 -> 0.7942, the other half 0.7780 -> 0.7800
        rf"|basis\b|life\b|lives\b|routine\b|average\b|(?-i:[A-Z])))"
        # "on Tuesdays", "Tuesday nights": every such day (TimeML 1.2.1: XXXX-WXX-2TNI)
        rf"|(?P<wds>{_WEEKDAY})(?:s|\s+(?P<pods>{_PART_OF_DAY})s)",
    ),
    # "last fall", "this summer", "in the spring", "winter 2024", "the summer of 1989"
    (
        "season",
        rf"(?:(?P<the>the)\s+|(?P<rel>this past|last|next|this|coming|past)\s+)?"
        rf"(?:(?P<mod>early|late|mid-?)\s*)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?",
    ),
    # "Christmas Eve", "on Thanksgiving", "New Year's Day": the holiday's date that year; the
    # bare "Christmas" / "Thanksgiving" only after a preposition ("Christmas trees" is no date)
    (
        "holiday",
        r"(?P<name>Christmas (?:Day|Eve)|New Year[’']s (?:Day|Eve)|Valentine[’']s Day"
        r"|Thanksgiving Day|Halloween"
        r"|(?:(?<=on )|(?<=by )|(?<=at )|(?<=after )|(?<=since )|(?<=until )|(?<=over )"
        r"|(?<=before ))(?:Christmas|Thanksgiving))",
    ),
    # "noon Thursday", "at midday": 12:00 (TimeML writes the clock time, T12:00)
    ("noon", r"noon|midday"),
    (
        "clock time",
        r"(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)"
        r"(?:\s*\(?(?P<zone>(?:GMT|UTC)\s*[+-]\s*\d{1,2}|[A-Z]{1,4}|[A-Z][a-z]+ time)\)?)?"
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)"
        r"(?:\s*\(?(?P<zone24>(?:GMT|UTC)\s*[+-]\s*\d{1,2}|[A-Z]{1,4}|[A-Z][a-z]+ time)\)?)?",
    ),
)


_MONTHS_NEEDED = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_PARTS_OF_DAY_NEEDED = ("morning", "afternoon", "evening", "night")

#: Words one of which every match of a rule holds (`Grammar.needs`), read off its pattern:
#: each month name starts with one of the twelve abbreviations, and so on. A rule left out
#: has no word that rare (a digit, "day", "year", "the"). On the first 40 news-sample
#: articles `find_expressions` fell from 0.43 to 0.34 CPU s (27 of the 38 rules run on a
#: text, on average), finding the same items on all 2,568 texts of ../shared/data.
NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "range",
            "month-day-year",
            "part of date",
            "day-month-year",
            "month-year",
            "month of year",
            "first of two months",
            "last of two months",
            "month",
        ),
        _MONTHS_NEEDED,
    ),
    "spoken year": ("nineteen", "eighteen", "thousand"),
    "decade": ("0s",),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "day word": ("yesterday", "today", "tomorrow", "tonight", "last night", *_PARTS_OF_DAY_NEEDED),
    "part of day": _PARTS_OF_DAY_NEEDED,
    "half": ("half",),
    "weekend": ("weekend",),
    "century": ("century",),
    "year-earlier": ("year-",),
    "clock duration": (":",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "holiday": ("christmas", "new year", "valentine", "thanksgiving", "halloween"),
    "noon": ("noon", "midday"),
}


GRAMMAR = Grammar(
    language="en",
    rules=RULES,
    needs=NEEDS,
    # Months, weekdays and day words are matched case-insensitively except the bare
    # month (where "may" and "march" are common words): that rule needs the capital.
    caseless=frozenset(
        {
            "day word",
            "previous day",
            "period",
            "year ended",
            "half",
            "that year",
            "part of day",
            # "Fourth quarter revenue", "The latest quarter" open sentences
            "quarter",
            # "From 1970 to 2022, ...", "Between 2015 and 2018, ..." open sentences
            "year range",
            "shift",
            "duration",
            "vague duration",
            "clock duration",
            "reference",
            "set",
            "season",
            "century",
            "spoken year",
            "weekend",
            "year-earlier",
            "noon",
            "part of date",
        }
    ),
    edge_left=EDGE_LEFT,
    edge_right=EDGE_RIGHT,
    months=MONTHS,
    weekdays=WEEKDAYS,
    number_words=NUMBER_WORDS,
    vague_counts=VAGUE_COUNTS,
    quarters=QUARTERS,
    quarter_shifts=QUARTER_SHIFTS,
    day_words=DAY_WORDS,
    duration_mods=DURATION_MODS,
    point_mods=POINT_MODS,
    references=REFERENCES,
    seasons=SEASONS,
    parts_of_day=PARTS_OF_DAY,
    set_units=SET_UNITS,
    words={"centurie": "century", "centuries": "century"},
    # A bare unit ("day", "year") is no time expression; "a year" counts only with a
    # number. Bare years need a preposition or a date context before them.
    year_context=re.compile(
        r"(?:\b(?:in|since|until|till|by|of|from|to|before|after|during|through|between|and|for"
        r"|early|late|mid|year|fiscal|summer|winter|spring|autumn|fall|born)|[,(])\s*-?$",
        re.IGNORECASE,
    ),
    season_context=re.compile(
        r"\b(?:in|during|by|since|until|through|over)\s+(?:the\s+)?$", re.IGNORECASE
    ),
    # A figure that opens a sentence is a year when a verb follows it ("2020 marks the
    # centenary", "1998 was"); news style spells out other numbers there. A count is
    # followed by its noun ("1500 troops were"). wmt-parallel en-ru, study half.
    year_subject=re.compile(
        r"\s+(?:marks|marked|was|is|will|saw|sees|has|had|brought|brings|began|begins|ended"
        r"|ends|promises|proved|became|remains|could|may|might|would|should|must)\b"
    ),
)
