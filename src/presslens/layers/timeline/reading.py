"""What the readers of `expressions.py` share: the context checks around a match ("a year"
as a rate, a bare year's preposition) and numbers in figures or words (split out of
`expressions.py`)."""

from __future__ import annotations

import re

from presslens.layers.timeline.durations import duration_value
from presslens.layers.timeline.grammar import Grammar

#: After a sentence-initial "Now": a comma makes it a discourse marker ("Now, let us ..."),
#: as does "that" ("Now that the vote is over") and a turn to the next topic ("Now let us move
#: on", "Now regarding the proposal", "Now back to"): TimeML 1.2.1 tags no discourse marker.
DISCOURSE = re.compile(r"\s*,|\s+(?:that|let|let['’]s|regarding|turning|back\s+to|on\s+to)\b")
#: The most quarters a duration counts: a bigger number is a year ("the 1988 quarter").
MAX_QUARTERS = 100
#: Before "a year", "a week": money, or a count of things, that makes it a rate ("$1.76 a
#: year", "$500 million a year", "700 seats a week"). TimeBank+AQUAINT train, study half: 5
#: such untagged, 1 tagged ("hundreds of interviews a day", a bare "day").
RATE = re.compile(
    r"(?:[$£€]\s?\d[\d,.]*|\b(?:million|billion|thousand|percent|cents|dollars)"
    r"|\d%|(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|dozen"
    r"|hundreds|thousands|several|many))\s+[a-z]+s)\s+$",
    re.IGNORECASE,
)
#: A bare number before "a year": how many times (MEANTIME: "at a rate of 15 a year", SET P1Y).
FREQUENCY = re.compile(r"(?<![$£€\d,.])\d[\d,.]*\s+$")
#: After "the past" / "the future": a count means a duration, not a reference.
COUNTED = re.compile(
    r"\s+(?:\d|few\b|several\b|couple\b|"
    + "|".join(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")
    )
    + r")\b"
)
#: Before a decade in two figures: a possessive makes it an age ("in his early 20s", "women in
#: their 30s and 40s"), not the 1920s.
AGE = re.compile(
    r"\b(?:his|her|their|my|your|our|its)\s+(?:(?:early|mid|late)[\s-]+)?"
    r"(?:'?\d0s\s+(?:and|or|to)\s+)?(?:(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)
SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)$")


def year_ok(gr: Grammar, text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start]
    return bool(gr.year_context.search(before))


def year_modifier(gr: Grammar, text: str, start: int, end: int) -> bool:
    """A year qualifying a noun ("кампании 2020 года", "2020 年总统大选"), by the text before
    or after it: a date, but none that dates the narrative's year-less dates."""
    before = gr.year_modifier
    after = gr.year_modifier_after
    return (before is not None and before.search(text[max(0, start - 30) : start]) is not None) or (
        after is not None and after.match(text, end) is not None
    )


def year_subject(gr: Grammar, text: str, start: int, end: int) -> bool:
    """A year opening a sentence as the subject of a verb ("2020 marks the centenary")."""
    if gr.year_subject is None or not SENTENCE_START.search(text[max(0, start - 3) : start]):
        return False
    return gr.year_subject.match(text, end) is not None


def strip_right(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " (":
        end -= 1
    return end


def said_before(pod: str | None, after: str | None, text: str, start: int, gr: Grammar) -> bool:
    """Whether the clock time's hour is after noon by a word before it: captured (`pod`),
    or just before the match (`after` is set when the rule saw one there, 昨天下午3点)."""
    if pod is None and after is not None:
        pod = text[max(0, start - 2) : start]
    return pod in gr.after_noon


def to_int(value: str | None) -> int | None:
    return int(value) if value else None


def day_number(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def month_key(name: str) -> str:
    return name.lower().rstrip(".")


def count_of(gr: Grammar, words: str) -> float | None:
    """A count in figures or words; None for vague counts ("several")."""
    key = " ".join(words.lower().replace("-", " ").split())
    if key in gr.vague_counts:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    parts = key.split()
    if key in gr.number_words:
        return gr.number_words[key]
    if len(parts) == 2 and parts[0] in gr.number_words and parts[1] in gr.number_words:
        return gr.number_words[parts[0]] + gr.number_words[parts[1]]
    return None


def span_end(first: int, end: int) -> int:
    """The last year of a span written "2019-20", "1999-00" (a financial year or a season) or
    "1981-87": an end in two figures is the next year, or a later one no month could be
    ("2010-05" is May 2010: its end stays 5, no year after the first)."""
    if end < 100 and (end == (first + 1) % 100 or end > max(12, first % 100)):
        end += first // 100 * 100 + (100 if end <= first % 100 else 0)
    return end


def set_value(gr: Grammar, g: dict[str, str | None]) -> str:
    """A set's TimeML value: "every week" P1W, "every other day" P2D, "each winter" XXXX-WI."""
    word = (g["every"] or g["per"] or g["ly"] or g.get("wds") or "").lower()
    if word in gr.weekdays:
        part = gr.parts_of_day.get((g.get("pods") or "").lower())
        return f"XXXX-WXX-{gr.weekdays[word] + 1}" + (f"T{part}" if part else "")
    if word in gr.seasons:
        return f"XXXX-{gr.seasons[word]}"
    if word in gr.parts_of_day:
        return f"XXXX-XX-XXT{gr.parts_of_day[word]}"
    unit = gr.set_units.get(word) or gr.word(word)
    every = 2 if g["every"] and "other" in (g.get("other") or "") else 1
    return duration_value(every, unit)


def point_mod(gr: Grammar, word: str | None) -> str | None:
    """TimeML's mod for a word before a date ("early" START, "the end of" END)."""
    return gr.point_mods.get(" ".join(word.lower().split())) if word else None


def part_of_day(gr: Grammar, word: str | None) -> str | None:
    """TimeML's part-of-day code for a word ("morning" MO)."""
    return gr.parts_of_day.get(word.lower()) if word else None
