"""Stage: the `timeline` layer. Every time expression, normalised to ISO 8601 and anchored.

`presslens.timex` finds the expressions and reads what their words say; this
stage decides the calendar value of each one and how it got it (`anchor`):

- `explicit`: the words carry the whole value ("June 19, 2024", "in 2022",
  durations such as "for two weeks" = `P2W`).
- `text-year`: a year-less date ("June 4th") takes a year stated in the text.
  With a publication date, the year is the one that puts the date closest to
  it, unless a different year is stated earlier in the same sentence ("In
  2019, after the vote on March 3, ..."), which then wins; the
  anchor is `text-year` when that year is stated somewhere in the text, else
  `document-date`. Without a publication date, the nearest year stated before
  the expression (else after it) is taken.
- `document-date`: relative expressions ("yesterday", "last week", "on
  Monday", "two days ago") resolved from `brief.document.published`.
- `previous-date`: expressions that lean on the narrative ("the same day",
  "two days later", a clock time without a date) resolved from the closest
  date before them (a clock time first looks for a date in its own sentence).

Clock times with a named zone are converted to UTC and written with `Z`
("15:00 Moscow time" on 2025-06-01 = `2025-06-01T12:00Z`); without a zone
they stay local time, without `Z`. Weeks are ISO weeks (`2025-W22`); decades
are TimeML's three digits (`199`). Every item's `event` is the clause of the
verb it attaches to in the dependency parse.

Expressions that cannot be given a value (a relative date without a
publication date, "the same day" with no date before it) are dropped, with
a reason counted by `resolve_timeline`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from spacy.tokens import Doc, Token

from presslens.article import Article
from presslens.brief import Anchor, Brief, Span, TimeExpression
from presslens.timex import Found, find_expressions, parse_with_dateparser, to_utc

Grain = Literal["year", "month", "week", "day", "minute"]

#: spaCy labels whose entities go to dateparser when no rule read them.
SPACY_TIME_LABELS = ("DATE", "TIME")
# spaCy DATE entities that are only words like "recent years" or "the future" have
# no calendar value; dateparser is asked only about phrases with one of these.
_DATEPARSER_WORTHY = re.compile(r"\d|\b(?:yesterday|today|tomorrow)\b", re.IGNORECASE)
#: Dependency labels of clauses inside a verb's subtree that are events of their own
#: (and the punctuation and conjunctions around them), trimmed from the event's edges.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "conj", "cc", "parataxis", "relcl", "punct", "mark"})
#: Adverbial modifiers: trimmed when they hold the time expression or are fronted with a comma.
_ADVERBIALS = frozenset({"prep", "npadvmod", "advmod", "dep", "intj"})


@dataclass(frozen=True)
class Moment:
    """A resolved calendar value at some granularity."""

    when: datetime
    grain: Grain
    utc: bool = False

    def iso(self) -> str:
        """ISO 8601 at this granularity ("2025", "2025-06", "2025-W22", "2025-06-01T12:00Z")."""
        if self.grain == "year":
            return f"{self.when.year:04d}"
        if self.grain == "month":
            return f"{self.when.year:04d}-{self.when.month:02d}"
        if self.grain == "week":
            year, week, _day = self.when.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.grain == "day":
            return self.when.strftime("%Y-%m-%d")
        return self.when.strftime("%Y-%m-%dT%H:%M") + ("Z" if self.utc else "")


@dataclass(frozen=True)
class _Resolved:
    value: str
    anchor: Anchor
    evidence: str
    end_value: str | None = None
    moment: Moment | None = None


def find_timeline(article: Article, brief: Brief) -> Brief:
    """Add every time expression of the article, normalised and linked to its clause."""
    published = publication_moment(brief.document.published)
    items, _dropped = resolve_timeline(article.text, article.doc, published)
    return replace(brief, timeline=tuple(items))


def sorted_timeline(brief: Brief) -> list[TimeExpression]:
    """The timeline in calendar order (durations last), then in text order.

    >>> sorted_timeline(Brief(document=None, text=""))  # type: ignore[arg-type]
    []
    """
    return sorted(brief.timeline, key=timeline_order)


def timeline_order(item: TimeExpression) -> tuple[int, str, int]:
    """A sort key putting dated items in calendar order, then durations, then text order."""
    if item.value.startswith("P"):
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
    text: str, doc: Doc, published: datetime | None
) -> tuple[list[TimeExpression], Counter[str]]:
    """Every time expression in `text` with its value, anchor and event.

    Also returns why the expressions that got no value were dropped, counted by reason.
    """
    found = find_expressions(text)
    found += _spacy_leftovers(doc, found)
    found.sort(key=lambda f: f.start)
    context = _Context(text, doc, published, found)
    dropped: Counter[str] = Counter()
    resolved: dict[int, _Resolved] = {}
    previous: Moment | None = None
    for index, item in enumerate(found):
        if item.kind == "time":
            continue
        outcome = context.resolve(item, previous)
        if isinstance(outcome, str):
            dropped[outcome] += 1
            continue
        resolved[index] = outcome
        if outcome.moment is not None and outcome.moment.grain in ("day", "minute"):
            previous = outcome.moment
    for index, item in enumerate(found):
        if item.kind != "time":
            continue
        outcome = context.resolve_time(item, found, resolved)
        if isinstance(outcome, str):
            dropped[outcome] += 1
        else:
            resolved[index] = outcome
    items = [
        TimeExpression(
            start=found[i].start,
            end=found[i].end,
            value=r.value,
            anchor=r.anchor,
            end_value=r.end_value,
            event=event_span(doc, found[i].start, found[i].end, text),
            evidence=r.evidence,
        )
        for i, r in sorted(resolved.items())
    ]
    return items, dropped


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


class _Context:
    """What resolving needs besides the expression: the text, its parse, the dates around."""

    def __init__(self, text: str, doc: Doc, published: datetime | None, found: list[Found]) -> None:
        self.text = text
        self.doc = doc
        self.published = published
        # Sentences, and paragraphs even where the parser ran a sentence across a break.
        breaks = [m.end() for m in re.finditer(r"\n+", text)]
        self.sentence_starts = sorted({0, *(sent.start_char for sent in doc.sents), *breaks})
        # Years the text states, in text order: (offset, year).
        self.years = sorted(
            (f.start, year)
            for f in found
            for year in (f.year, f.end_date[0] if f.end_date else None)
            if year is not None and f.rule != "dateparser"
        )

    # -- dates -----------------------------------------------------------------------------

    def resolve(self, item: Found, previous: Moment | None) -> _Resolved | str:
        if item.kind == "duration":
            assert item.duration is not None
            return _Resolved(item.duration, "explicit", "duration rule")
        if item.rule == "dateparser":
            return self._dateparser(item)
        if item.decade is not None:
            return _Resolved(item.decade, "explicit", "decade rule")
        if item.rule == "quarter" and item.kind == "date":
            return self._quarter(item)
        if item.kind == "range":
            return self._range(item)
        if item.kind == "weekday":
            return self._weekday(item, previous)
        if item.kind == "relative":
            return self._relative(item, previous)
        return self._date(item)

    def _date(self, item: Found) -> _Resolved | str:
        assert item.month is not None or item.year is not None
        grain: Grain = "day" if item.day else "month" if item.month else "year"
        if item.year is not None:
            moment = Moment(datetime(item.year, item.month or 1, item.day or 1), grain)
            return _Resolved(moment.iso(), "explicit", f"{item.rule} rule", moment=moment)
        assert item.month is not None
        if item.direction and self.published:
            year = self.published.year
            if item.direction == "last" and item.month >= self.published.month:
                year -= 1
            if item.direction == "next" and item.month <= self.published.month:
                year += 1
            moment = Moment(datetime(year, item.month, 1), "month")
            return _Resolved(
                moment.iso(), "document-date", f"{item.direction} month", moment=moment
            )
        found = self._year_for(item.start, item.month, item.day)
        if isinstance(found, str):
            return found
        year, anchor, evidence = found
        try:
            moment = Moment(datetime(year, item.month, item.day or 1), grain)
        except ValueError:
            return "no such day"
        return _Resolved(moment.iso(), anchor, f"{item.rule} rule; {evidence}", moment=moment)

    def _quarter(self, item: Found) -> _Resolved | str:
        """A quarter, written as the range of its months ("2009-07" to "2009-09")."""
        assert item.month is not None
        anchor: Anchor = "explicit"
        evidence = "quarter rule"
        year = item.year
        if year is None:
            if self.published is None:
                return "relative date without a publication date"
            year, anchor = self.published.year + item.shift, "document-date"
            if item.direction is None and item.month > self.published.month:
                year -= 1  # "the fourth quarter" in January: the one just ended
            evidence += f", from publication date {self.published:%Y-%m-%d}"
        first = Moment(datetime(year, item.month, 1), "month")
        last = Moment(datetime(year, item.month + 2, 1), "month")
        return _Resolved(first.iso(), anchor, evidence, last.iso(), moment=first)

    def _range(self, item: Found) -> _Resolved | str:
        assert item.end_date is not None
        end_year, end_month, end_day = item.end_date or (None, None, None)
        if item.month is None:  # a range of years
            assert item.year is not None and end_year is not None
            return _Resolved(f"{item.year:04d}", "explicit", "range rule", f"{end_year:04d}")
        assert item.day is not None and end_month is not None and end_day is not None
        anchor: Anchor = "explicit"
        evidence = "range rule"
        year = item.year
        if year is None:
            found = self._year_for(item.start, item.month, item.day)
            if isinstance(found, str):
                return found
            year, anchor, why = found
            evidence += f"; {why}"
            end_year = year + (1 if (end_month, end_day) < (item.month, item.day) else 0)
        try:
            first = Moment(datetime(year, item.month, item.day), "day")
            last = Moment(datetime(end_year or year, end_month, end_day), "day")
        except ValueError:
            return "no such day"
        return _Resolved(first.iso(), anchor, evidence, last.iso(), moment=first)

    def _year_for(self, at: int, month: int, day: int | None) -> tuple[int, Anchor, str] | str:
        """The year of a year-less date at offset `at` (see the module docstring for the rule)."""
        near = self._year_near(at)
        if self.published is not None:
            year = _closest_year(self.published, month, day or 15)
            if near is not None and near[1] != year:
                return near[1], "text-year", f"anchor: year {near[1]} stated at {near[0]}"
            stated = [pos for pos, y in self.years if y == year]
            if stated:
                pos = min(stated, key=lambda p: abs(p - at))
                return year, "text-year", f"anchor: year {year} stated at {pos}"
            return year, "document-date", f"anchor: publication date {self.published:%Y-%m-%d}"
        before = [(pos, y) for pos, y in self.years if pos < at]
        after = [(pos, y) for pos, y in self.years if pos > at]
        if before or after:
            pos, year = before[-1] if before else after[0]
            return year, "text-year", f"anchor: year {year} stated at {pos}"
        return "no year and no publication date"

    def _year_near(self, at: int) -> tuple[int, int] | None:
        """The closest explicit year stated before `at` in the same sentence."""
        sentence = bisect.bisect_right(self.sentence_starts, at) - 1
        window_start = self.sentence_starts[sentence]
        inside = [(pos, y) for pos, y in self.years if window_start <= pos < at]
        return inside[-1] if inside else None

    def _weekday(self, item: Found, previous: Moment | None) -> _Resolved | str:
        assert item.weekday is not None
        base: datetime | None = self.published
        anchor: Anchor | None = "document-date" if base is not None else None
        if base is None and previous is not None:
            base, anchor = previous.when, "previous-date"
        if base is None or anchor is None:
            return "weekday without a date to count from"
        future = item.direction == "next" or (
            item.direction is None and _tense(self.doc, self.text, item.start, item.end) == "future"
        )
        ahead = (item.weekday - base.weekday()) % 7
        if future:
            day = base + timedelta(days=ahead or (7 if item.direction == "next" else 0))
        else:
            behind = (base.weekday() - item.weekday) % 7
            if item.direction == "last" and behind == 0:
                behind = 7
            day = base - timedelta(days=behind)
        moment = Moment(datetime(day.year, day.month, day.day), "day")
        return _Resolved(moment.iso(), anchor, "weekday rule", moment=moment)

    def _relative(self, item: Found, previous: Moment | None) -> _Resolved | str:
        assert item.unit is not None
        anchor: Anchor
        if item.base == "previous":
            if previous is None:
                return "relative to a previous date, and none came before"
            base, anchor, evidence = previous.when, "previous-date", f"after {previous.iso()}"
            if _GRAIN_RANK[previous.grain] < _GRAIN_RANK[_unit_grain(item.unit)]:
                return "previous date is too coarse"
        elif self.published is not None:
            base, anchor = self.published, "document-date"
            evidence = f"from publication date {self.published:%Y-%m-%d}"
        else:
            return "relative date without a publication date"
        if item.unit == "quarter":
            quarter = (base.year * 4 + (base.month - 1) // 3) + item.shift
            first = Moment(datetime(quarter // 4, quarter % 4 * 3 + 1, 1), "month")
            last = Moment(datetime(quarter // 4, quarter % 4 * 3 + 3, 1), "month")
            return _Resolved(first.iso(), anchor, f"quarter rule, {evidence}", last.iso(), first)
        when = _shifted(base, item.unit, item.shift)
        moment = Moment(when, _unit_grain(item.unit))
        return _Resolved(moment.iso(), anchor, f"{item.rule} rule, {evidence}", moment=moment)

    def _dateparser(self, item: Found) -> _Resolved | str:
        phrase = self.text[item.start : item.end]
        has_year = re.search(r"\b(?:1[6-9]|20)\d\d\b", phrase) is not None
        if not has_year and self.published is None:
            return "relative date without a publication date"
        parsed = parse_with_dateparser(phrase, self.published)
        if parsed is None:
            return "dateparser read nothing"
        when, period = parsed
        grain: Grain = {"year": "year", "month": "month", "week": "week", "time": "minute"}.get(
            period, "day"
        )  # type: ignore[assignment]
        moment = Moment(when, grain)
        anchor: Anchor = "explicit" if has_year else "document-date"
        return _Resolved(moment.iso(), anchor, "dateparser", moment=moment)

    # -- clock times -----------------------------------------------------------------------

    def resolve_time(
        self, item: Found, found: list[Found], resolved: dict[int, _Resolved]
    ) -> _Resolved | str:
        assert item.hour is not None and item.minute is not None
        day, anchor, evidence = self._day_of_time(item, found, resolved)
        if day is None or anchor is None:
            return "clock time without a date"
        local = day.replace(hour=item.hour, minute=item.minute)
        if item.zone is not None:
            utc = to_utc(local, item.zone)
            if utc is not None:
                moment = Moment(utc, "minute", utc=True)
                return _Resolved(moment.iso(), anchor, f"time rule, {item.zone} to UTC; {evidence}")
        moment = Moment(local, "minute")
        return _Resolved(moment.iso(), anchor, f"time rule, local time; {evidence}")

    def _day_of_time(
        self, item: Found, found: list[Found], resolved: dict[int, _Resolved]
    ) -> tuple[datetime | None, Anchor | None, str]:
        sentence = bisect.bisect_right(self.sentence_starts, item.start) - 1
        days = [
            (found[i], r)
            for i, r in resolved.items()
            if r.moment is not None and r.moment.grain == "day" and r.end_value is None
        ]
        same = [
            (f, r)
            for f, r in days
            if bisect.bisect_right(self.sentence_starts, f.start) - 1 == sentence
        ]
        if same:
            _f, r = min(same, key=lambda fr: abs(fr[0].start - item.start))
            assert r.moment is not None
            return r.moment.when, r.anchor, f"date {r.value} in its sentence"
        before = [(f, r) for f, r in days if f.start < item.start]
        if before:
            _f, r = max(before, key=lambda fr: fr[0].start)
            assert r.moment is not None
            return r.moment.when, "previous-date", f"date {r.value} before it"
        if self.published is not None:
            return self.published, "document-date", "publication date"
        return None, None, ""


_GRAIN_RANK: dict[Grain, int] = {"year": 0, "month": 1, "week": 2, "day": 3, "minute": 4}


def _unit_grain(unit: str) -> Grain:
    return {"week": "week", "weekend": "week", "month": "month", "year": "year"}.get(
        unit, "day" if unit == "day" else "year"
    )  # type: ignore[return-value]


def _shifted(base: datetime, unit: str, shift: int) -> datetime:
    if unit == "day":
        return base + timedelta(days=shift)
    if unit in ("week", "weekend"):
        return base + timedelta(weeks=shift)
    if unit == "month":
        months = base.year * 12 + base.month - 1 + shift
        return datetime(months // 12, months % 12 + 1, 1)
    years = {"year": 1, "decade": 10, "century": 100}.get(unit, 1) * shift
    return datetime(base.year + years, 1, 1)


def _closest_year(published: datetime, month: int, day: int) -> int:
    """The year that puts month/day closest to the publication date."""

    def distance(year: int) -> float:
        try:
            return abs((datetime(year, month, day) - published).total_seconds())
        except ValueError:  # 29 February
            return float("inf")

    return min((published.year, published.year - 1, published.year + 1), key=distance)


# -- the event clause ----------------------------------------------------------------------


def event_span(doc: Doc, start: int, end: int, text: str | None = None) -> Span | None:
    """The clause a time expression dates: its governing verb's subtree, own clauses trimmed.

    The verb is the nearest VERB/AUX above the expression in the dependency
    parse, within the expression's paragraph (a parse that runs across a
    paragraph break falls back to the paragraph's own main verb). Subordinate
    and coordinate clauses, punctuation, fronted adverbials ("For example,")
    and the phrase holding the expression itself are trimmed from the edges.
    """
    text = doc.text if text is None else text  # Doc.text joins every token: pass it in
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root, text)
    if verb is None:
        return None
    inside = set(range(span.start, span.end))
    first, last = verb.left_edge.i, verb.right_edge.i
    low, high = _paragraph_tokens(text, span.root)
    first, last = max(first, low), min(last, high)
    for child in verb.lefts:
        if child.left_edge.i <= first and _trimmed(child, inside, left=True):
            first = max(first, child.right_edge.i + 1)
        elif child.right_edge.i >= first:
            break
    for child in reversed(list(verb.rights)):
        if child.right_edge.i >= last and _trimmed(child, inside, left=False):
            last = min(last, child.left_edge.i - 1)
        elif child.left_edge.i <= last:
            break
    first, last = min(first, verb.i), max(last, verb.i)
    return Span(doc[first].idx, doc[last].idx + len(doc[last]))


def _trimmed(child: Token, inside: set[int], *, left: bool) -> bool:
    if child.dep_ in _ADVERBIALS:
        if any(t.i in inside for t in child.subtree):
            return True
        # A fronted adverbial set off by a comma ("For example, ...").
        after = (
            child.doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(child.doc) else None
        )
        return left and after is not None and after.text == ","
    return child.dep_ in _OWN_CLAUSES or child.i in inside


def governing_verb(token: Token, text: str) -> Token | None:
    """The nearest VERB/AUX at or above `token`, not leaving its paragraph of `text`."""
    low, high = _paragraph_tokens(text, token)
    current = token
    for _step in range(40):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        head = current.head
        if head.i == current.i:
            return None
        if not low <= head.i <= high:
            return _paragraph_verb(token.doc, low, high, token.i)
        current = head
    return None


def _paragraph_verb(doc: Doc, low: int, high: int, near: int) -> Token | None:
    """The paragraph's own main verb: a verb whose head lies outside it, closest to `near`."""
    roots = [
        t
        for t in doc[low : high + 1]
        if t.pos_ in ("VERB", "AUX")
        and t.dep_ not in ("aux", "auxpass")
        and (t.head.i == t.i or not low <= t.head.i <= high)
    ]
    return min(roots, key=lambda t: abs(t.i - near)) if roots else None


def _paragraph_tokens(text: str, token: Token) -> tuple[int, int]:
    """First and last token index of the paragraph (text between line breaks) holding `token`."""
    doc = token.doc
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    # The tokens starting inside [start, end): char_span finds them without a walk.
    span = doc.char_span(start, max(end, token.idx + 1), alignment_mode="expand")
    if span is None:
        return token.i, token.i
    low, high = span.start, span.end - 1
    if low < token.i and doc[low].idx < start:
        low += 1
    return min(low, token.i), max(high, token.i)


def _tense(doc: Doc, text: str, start: int, end: int) -> Literal["past", "future", "present"]:
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = governing_verb(span.root, text) if span is not None and len(span) else None
    if verb is None:
        return "present"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = verb.head
        if head.lemma_ == "be" or head.lower_ in ("going", "scheduled", "set", "due", "expected"):
            return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    return "present"
