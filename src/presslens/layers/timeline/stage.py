"""Stage: the `timeline` layer. Every time expression with its TimeML type, value and mod, anchored.

`presslens.layers.timeline.expressions` finds the expressions and reads what their words say; this
stage decides the calendar value of each one and how it got it (`anchor`):

- `explicit`: the words carry the whole value ("June 19, 2024", "in 2022",
  durations such as "for two weeks" = `P2W`).
- `text-year`: a year-less date ("June 4th") takes a year stated in the text.
  With a publication date, the year is the one that puts the date closest to
  it, moved a year back in a past-tense clause when that date would lie more
  than a month after publication ("in August", said in March) and a year on in
  a future-tense one (HeidelTime's news rule), unless a different year is
  stated earlier in the same sentence ("In 2019, after the vote on March 3,
  ..."), which then wins; a publication date guessed from the text's own dates
  does not move years, the years stated in the text do; the
  anchor is `text-year` when that year is stated somewhere in the text, else
  `document-date`. Without a publication date, the nearest year stated before
  the expression is taken; with none before it, the date stays unresolved.
- `document-date`: relative expressions ("yesterday", "last week", "on
  Monday", "two days ago") resolved from `brief.document.published`.
- `previous-date`: expressions that lean on the narrative ("the same day",
  "two days later", a clock time without a date) resolved from the closest
  date before them (a clock time first looks for a date in its own sentence).

Clock times keep the local time the text states, as TimeML does ("15:00
Moscow time" on 2025-06-01 = `2025-06-01T15:00`), with `Z` only when the
zone named is UTC itself ("18:00 UTC" = `...T18:00Z`); another named zone's
UTC instant is in the evidence ("Moscow time = 2025-06-01T12:00 UTC").
Weeks are ISO weeks (`2025-W22`); decades are TimeML's three digits
(`199`). Every item's `event` is the clause of the verb it attaches to in
the dependency parse.

- `unresolved`: a relative expression nothing anchors (no publication date,
  "the same day" with no date before it) stays in the timeline with its type,
  `value` None and the reason as evidence: never dropped, never given a year.

Types are TimeML's (`date`, `time`, `duration`, `set`), and so are values:
"2025-Q3", "2024-WI", "2025-06-03TEV", "PRESENT_REF", "P1W" for "every week",
"18" for "the 19th century"; `mod` says "early" (START), "about" (APPROX),
"more than" (MORE_THAN) and a date's relation "after May 29th" (AFTER).
Expressions with no value for another reason (dateparser read nothing, no
such day) are dropped, with a reason counted by `resolve_timeline`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, datetime

from spacy.tokens import Doc

from presslens.article import Article
from presslens.brief import Brief, TimeExpression, TimeType
from presslens.layers.timeline.anchoring import Resolver
from presslens.layers.timeline.english import GRAMMAR as ENGLISH
from presslens.layers.timeline.events import event_span
from presslens.layers.timeline.expressions import (
    Found,
    find_expressions,
)
from presslens.layers.timeline.grammar import Grammar, grammar_for
from presslens.layers.timeline.moments import Moment, Resolved

#: spaCy labels whose entities go to dateparser when no rule read them.
SPACY_TIME_LABELS = ("DATE", "TIME")
# spaCy DATE entities that are only words like "recent years" or "the future" have
# no calendar value, and bare numbers ("aged 65", "48 of them") are no dates: dateparser
# is asked only about phrases with a four-digit year, a numeric date, a month or a day word.
_DATEPARSER_WORTHY = re.compile(
    r"\b\d{4}\b|\d+[/.]\d+|\b(?:yesterday|today|tomorrow|jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec)",
    re.IGNORECASE,
)

#: Reasons for no value that mean "a time expression, but nothing anchors it": the
#: expression stays in the brief with `value: null` and `anchor: "unresolved"`.
UNRESOLVED_REASONS = frozenset(
    {
        "relative date without a publication date",
        "relative to a previous date, and none came before",
        "weekday without a date to count from",
        "no year and no publication date",
        "clock time without a date",
    }
)

#: A "year earlier" anywhere after a quarter is named compares with that quarter: earnings
#: news names the quarter in its first paragraph and compares with "a year ago" paragraphs
#: later. TimeBank+AQUAINT train, study half (odd files): value F1 0.7628 within 400
#: characters of the same paragraph, 0.7661 anywhere after it.
#: The relative quarter shift of "the year-ago quarter" (`QUARTER_SHIFTS`): at most this.
YEAR_AGO_QUARTER_SHIFT = -5
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
#: A duration of four to eleven months ("the nine months"), as TimeML writes it.
_MONTHS_SPAN = re.compile(r"P(?:[4-9]|1[01])M")
#: What may stand between a clock time or a weekday and the date it falls on: "10 p.m.
#: Wednesday", "Saturday, April 25", "noon, Friday" ("15:00 on June 1" stays two items,
#: as the brief has always given it).
_CLOCK_THEN_DAY = re.compile(r",?\s{1,2}")

#: A preposition just before a date that says the event is before or after it; TimeML's mod.
_RELATION = re.compile(r"\b(after|before|around|approximately)\s+$", re.IGNORECASE)
#: The relation words as TimeML mods ("around 15:00" is APPROX; "about" is left out: "talks
#: about June 1st" is no approximation).
_RELATION_MODS = {
    "after": "AFTER",
    "before": "BEFORE",
    "around": "APPROX",
    "approximately": "APPROX",
}


def find_timeline(article: Article, brief: Brief) -> Brief:
    """Add every time expression of the article, normalised and linked to its clause."""
    published = publication_moment(brief.document.published)
    guessed = brief.document.published_source == "text"
    # A language without its own grammar yet is read with the English one (numbers,
    # ISO dates) and dateparser, as before grammars were per language.
    grammar = grammar_for(brief.document.language) or ENGLISH
    items, _dropped = resolve_timeline(
        article.text, article.doc, published, guessed=guessed, grammar=grammar
    )
    return replace(brief, timeline=tuple(items))


def sorted_timeline(brief: Brief) -> list[TimeExpression]:
    """The timeline in calendar order (durations last), then in text order.

    >>> sorted_timeline(Brief(document=None, text=""))  # type: ignore[arg-type]
    []
    """
    return sorted(brief.timeline, key=timeline_order)


def timeline_order(item: TimeExpression) -> tuple[int, str, int]:
    """A sort key: dated items in calendar order, then durations and sets, then unresolved."""
    if item.value is None:
        return (2, "", item.start)
    if item.type in ("duration", "set") or not item.value[:1].isdigit():
        return (1, item.value, item.start)
    week = re.fullmatch(r"(\d{4})-W(\d\d)", item.value)
    if week:
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return (0, monday.isoformat(), item.start)
    return (0, item.value, item.start)


def publication_moment(published: str | None) -> datetime | None:
    """The publication date as a naive datetime (UTC when it had a zone), or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def resolve_timeline(
    text: str,
    doc: Doc,
    published: datetime | None,
    *,
    guessed: bool = False,
    grammar: Grammar = ENGLISH,
) -> tuple[list[TimeExpression], Counter[str]]:
    """Every time expression in `text` with its value, anchor and event.

    `guessed`: the publication date was guessed from the text's own dates, so a
    year-less date takes the year stated in the text rather than the tense rule.
    Also returns why the expressions that got no value were dropped, counted by reason.
    """
    found = find_expressions(text, grammar)
    found += _spacy_leftovers(doc, found)
    found.sort(key=lambda f: f.start)
    context = Resolver(text, doc, published, found, guessed=guessed)
    dropped: Counter[str] = Counter()
    resolved: dict[int, Resolved] = {}
    previous: Moment | None = None
    quarter: tuple[int, str] | None = None  # the last quarter named: (where, value)
    for index, item in enumerate(found):
        if item.kind == "time":
            continue
        outcome = _unresolved(context.resolve(item, previous))
        if isinstance(outcome, str):
            dropped[outcome] += 1
            continue
        outcome = _year_before_quarter(text, item, outcome, quarter)
        resolved[index] = outcome
        if outcome.moment is not None and outcome.moment.grain in ("day", "minute"):
            previous = outcome.moment
        if _names_quarter(item, outcome):
            quarter = (item.end, outcome.value or "")
        elif _names_month(outcome) or _names_months_span(outcome):
            # "in January, ... a year earlier": no longer the quarter's year before (a year
            # before the month itself measured worse: TimeBank+AQUAINT study half, 1 lost);
            # nor after "for the nine months" (study half 749 -> 750 right, held out 715 -> 719)
            quarter = None
    for index, item in enumerate(found):
        if item.kind != "time":
            continue
        outcome = _unresolved(context.resolve_time(item, found, resolved))
        if isinstance(outcome, str):
            dropped[outcome] += 1
        else:
            resolved[index] = outcome
    _join_clock_and_day(text, found, resolved)
    parsed = doc.has_annotation("DEP")  # spaCy reads every token to say: ask once
    items = [
        TimeExpression(
            start=found[i].start,
            end=found[i].end,
            value=r.value,
            anchor=r.anchor,
            end_value=r.end_value,
            event=event_span(doc, found[i].start, found[i].end, text, parsed=parsed),
            evidence=r.evidence,
            type=r.type or time_type(found[i], r.value),
            mod=found[i].mod or _relation(text, found[i]),
        )
        for i, r in sorted(resolved.items())
    ]
    return items, dropped


def _year_before_quarter(
    text: str, item: Found, outcome: Resolved, quarter: tuple[int, str] | None
) -> Resolved:
    """ "a year earlier" right after a quarter is that quarter a year before (earnings news:
    "profit rose in the third quarter from $4 million a year earlier" = 1988-Q3)."""
    year_before = item.rule == "shift" and item.unit == "year" and item.shift == -1
    year_ago_quarter = item.rule == "quarter" and item.shift <= YEAR_AGO_QUARTER_SHIFT
    if quarter is None or not (year_before or year_ago_quarter):
        return outcome
    where, value = quarter
    year, number = value.split("-Q")
    evidence = f"shift rule, a year before the quarter {value} at {where}"
    return Resolved(f"{int(year) - 1:04d}-Q{number}", "previous-date", evidence)


def _join_clock_and_day(text: str, found: list[Found], resolved: dict[int, Resolved]) -> None:
    """One TIMEX3 for a clock time or a weekday right before its date (TimeML 1.2.1):
    "10 p.m. Wednesday" is 1998-02-11T22:00 and "Saturday, April 25" is 1998-04-25, the
    date's value; the day's own item is folded into the first one."""
    for index in sorted(resolved):
        after = index + 1
        if index not in resolved or after not in resolved:
            continue
        first, day = resolved[index], resolved[after]
        if day.value is None or day.moment is None or day.moment.grain != "day":
            continue
        if not _CLOCK_THEN_DAY.fullmatch(text[found[index].end : found[after].start]):
            continue
        if found[index].kind == "time" and (first.value or "").startswith(day.value + "T"):
            found[index] = replace(found[index], end=found[after].end)
            del resolved[after]
        elif found[index].kind == "weekday" and found[after].kind == "date":
            found[after] = replace(found[after], start=found[index].start)
            del resolved[index]


def _names_quarter(item: Found, outcome: Resolved) -> bool:
    """Whether the item names the quarter a later "a year earlier" compares with: a quarter
    the words give ("the third quarter"), not one counted back a year ("the year-ago quarter")."""
    if item.rule != "quarter" or outcome.value is None or not _QUARTER.fullmatch(outcome.value):
        return False
    return item.shift > YEAR_AGO_QUARTER_SHIFT and item.direction != "year-earlier"


def _names_month(outcome: Resolved) -> bool:
    """Whether the item names a month ("in January"), which a later "a year earlier" then
    compares with rather than a quarter named before it."""
    moment, value = outcome.moment, outcome.value or ""
    return moment is not None and moment.grain == "month" and bool(_MONTH.fullmatch(value))


def _names_months_span(outcome: Resolved) -> bool:
    """Whether the item names a span of several months ("for the nine months", "the first
    six months"): earnings news then compares "a year earlier" with that span, whose year
    before is a year, not the quarter named before it."""
    return outcome.value is not None and bool(_MONTHS_SPAN.fullmatch(outcome.value))


def _unresolved(outcome: Resolved | str) -> Resolved | str:
    """An expression nothing anchors becomes an unresolved item; other failures stay reasons."""
    if isinstance(outcome, str) and outcome in UNRESOLVED_REASONS:
        return Resolved(None, "unresolved", outcome)
    return outcome


def time_type(item: Found, value: str | None) -> TimeType:
    """TimeML's type: a duration, a set, a time (a clock time or a part of day), else a date."""
    if item.kind == "duration":
        return "duration"
    if item.kind == "set":
        return "set"
    if item.kind == "weekday" and item.part is not None and item.hour is None:
        # "Friday night": TimeBank+AQUAINT (studied half) types a weekday with a part of day
        # DATE 12 times in 17, whatever its value says ("2000-01-07TNI").
        return "date"
    if item.kind == "time" or item.part is not None or re.search(r"\dT", value or ""):
        return "time"
    return "date"


def _relation(text: str, item: Found) -> str | None:
    """AFTER / BEFORE for a date right after "after" / "before" ("after May 29th"), APPROX
    after "around" ("around 15:00")."""
    if item.kind in ("duration", "set", "reference"):
        return None
    found = _RELATION.search(text[max(0, item.start - 15) : item.start])
    return _RELATION_MODS[found.group(1).lower()] if found else None


def _spacy_leftovers(doc: Doc, found: list[Found]) -> list[Found]:
    """spaCy DATE/TIME entities no rule read, for dateparser (kind "date", rule "dateparser")."""
    extra = []
    for ent in doc.ents:
        if ent.label_ not in SPACY_TIME_LABELS or not _DATEPARSER_WORTHY.search(ent.text):
            continue
        if any(f.start < ent.end_char and ent.start_char < f.end for f in found):
            continue
        extra.append(Found(ent.start_char, ent.end_char, "date", "dateparser"))
    return extra


# -- the event clause ----------------------------------------------------------------------
