"""A language's grammar of time expressions, and the registry of grammars by language.

Finding expressions is per language; reading and anchoring them are shared.
A grammar gives the patterns (`rules`) and the words they capture (months,
weekdays, numbers...). Each rule is (name, pattern); the rule's name and its
named groups are what `presslens.layers.timeline.expressions` reads: a grammar
for another language uses the same rule names and groups ("month-day-year"
with `m`, `d`, `y`; "shift" with `n`, `u`, `dir`...) and maps its own words
onto the shared values (month numbers, weekday numbers 0-6, English unit names
"day", "week"... through `words`, TimeML codes "SU", "MO", "PRESENT_REF"). Rules may be left
out; a language can also lean on dateparser for what its rules do not read.

Register a grammar module (exposing `GRAMMAR`) in `GRAMMARS`; `grammar_for`
loads it once.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache

#: Grammar modules by language code; each exposes `GRAMMAR: Grammar`.
GRAMMARS: dict[str, str] = {
    "en": "presslens.layers.timeline.english",
    "ru": "presslens.layers.timeline.russian",
    "zh": "presslens.layers.timeline.chinese",
}


#: Letters `re.IGNORECASE` matches to "i" or "s" that `str.lower` leaves apart from them
#: (Python's `re._compiler` equivalences; "İ" lowers to two characters).
_FOLDED_APART = ("ı", "ſ", "İ")


@dataclass(frozen=True)
class Grammar:
    """What one language contributes to finding time expressions."""

    language: str
    rules: tuple[tuple[str, str], ...]
    #: Rules matched without regard to case (the others need the case they are written in).
    caseless: frozenset[str]
    #: Around every rule: what may not come before and after a match.
    edge_left: str
    edge_right: str
    months: dict[str, int]
    weekdays: dict[str, int]
    number_words: dict[str, float]
    vague_counts: tuple[str, ...]
    quarters: dict[str, int]
    quarter_shifts: dict[str, int]
    day_words: dict[str, int]
    duration_mods: dict[str, str]
    point_mods: dict[str, str]
    references: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    #: Adverbs of a set ("daily") -> the unit they repeat.
    set_units: dict[str, str]
    #: Words as the rules capture them in `u`, `rel`, `dir` -> the English word the
    #: reader knows ("centurie" -> "century"; a Russian grammar: "назад" -> "ago").
    words: dict[str, str]
    #: Text just before a bare four-digit number that makes it a year ("in 2019").
    year_context: re.Pattern[str]
    #: Text just before a bare season word that makes it a time ("in the summer").
    season_context: re.Pattern[str]
    #: Words before a clock hour that put an hour under 12 after noon (Chinese 下午3点 is
    #: 15:00); English says it after the hour ("3 pm", the `ampm` group).
    after_noon: frozenset[str] = frozenset()
    #: Text just after a bare four-digit number that opens a sentence and makes it a year,
    #: the subject of a verb ("2020 marks the centenary"); None: no such reading.
    year_subject: re.Pattern[str] | None = None
    #: Text just before a year that makes it a noun's modifier ("кампании 2020 года", as
    #: English "his 2020 campaign"): a date, but one that does not set the narrative's year
    #: for the year-less dates after it (see `anchoring.Resolver`); None: no such reading.
    year_modifier: re.Pattern[str] | None = None
    #: The same, read in the text just after the year: Chinese puts the noun after it
    #: ("2020 年总统大选", the 2020 presidential election).
    year_modifier_after: re.Pattern[str] | None = None
    #: Rule name -> words (lower case) one of which every match of the rule holds: the rule
    #: is run only on a text that holds one (`rules_for`). A rule not named always runs.
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        compiled = tuple(
            (
                name,
                re.compile(
                    self.edge_left + "(?:" + pattern + ")" + self.edge_right,
                    re.IGNORECASE if name in self.caseless else 0,
                ),
            )
            for name, pattern in self.rules
        )
        object.__setattr__(self, "compiled", compiled)

    def rules_for(self, text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The compiled rules that can match in `text`: those without `needs`, and those
        one of whose needed words the lower-cased text holds.

        Each regular expression scans the whole text, even where it cannot match; a
        substring test is far cheaper (news-sample: see `english.NEEDS`). A text holding
        a letter that `re.IGNORECASE` equates with an ASCII letter but `str.lower` does not
        lower to it ("ſ" with "s") runs every rule, so skipping one never loses a match.
        """
        if not self.needs or any(char in text for char in _FOLDED_APART):
            return self.compiled
        low = text.lower()
        return tuple(
            (name, pattern)
            for name, pattern in self.compiled
            if (words := self.needs.get(name)) is None or any(word in low for word in words)
        )

    def word(self, captured: str) -> str:
        """The English word the reader knows for a unit or relation word the rules captured."""
        key = " ".join(captured.lower().split())
        return self.words.get(key, key)


@cache
def grammar_for(language: str) -> Grammar | None:
    """The grammar registered for `language`, or None when there is none."""
    module = GRAMMARS.get(language)
    if module is None:
        return None
    found: Grammar = importlib.import_module(module).GRAMMAR
    return found
