"""Anchoring: the calendar value of one time expression, and how it got it.

`Resolver` holds what resolving needs besides the expression (the text, its
parse, the publication date, the dates around) and turns each expression found
by `expressions.py` into a value with its anchor, or a reason it has none. The
rules are described in the stage's docstring (`stage.py`).
"""

from __future__ import annotations

import bisect
import re
from datetime import datetime

from spacy.tokens import Doc

from presslens.brief import Anchor
from presslens.layers.timeline.clock import resolve_clock_time
from presslens.layers.timeline.durations import duration_value
from presslens.layers.timeline.events import governing_verb, tense
from presslens.layers.timeline.found import Found
from presslens.layers.timeline.moments import (
    GRAIN_RANK,
    Grain,
    Moment,
    Resolved,
    shifted,
    unit_grain,
    with_part,
)
from presslens.layers.timeline.narrative import NARRATIVE_SLACK, narrative_year, season_year
from presslens.layers.timeline.weekdays import resolve_weekday
from presslens.layers.timeline.zones import parse_with_dateparser

#: Words before a date that make it the end of a term ("until", "through", "effective"):
#: the end may lie after publication even in a past-tense clause.
_UNTIL = re.compile(r"\b(?:until|till|through|effective|expires?|extended\s+to)\s+$", re.I)
#: An English month name in a phrase only dateparser read ("November transactions").
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)


#: What may stand between a date and the weekday said beside it: "Saturday, Jan. 13",
#: "Jan. 13 (Saturday)", "1月13日（周六）", "1月13日周六".
_BESIDE = re.compile(r"[\s,，(（]*")
_WEEKDAY_GAP = 3


class Resolver:
    """What resolving needs besides the expression: the text, its parse, the dates around."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        published: datetime | None,
        found: list[Found],
        *,
        guessed: bool = False,
    ) -> None:
        self.text = text
        self.doc = doc
        self.published = published
        self.guessed = guessed
        # Sentences, and paragraphs even where the parser ran a sentence across a break.
        breaks = [m.end() for m in re.finditer(r"\n+", text)]
        self.sentence_starts = sorted({0, *(sent.start_char for sent in doc.sents), *breaks})
        # Years the text states, in text order: (offset, year). A year the parser took for
        # a date where no rule reads one is left out, also when used as a modifier ("his
        # 2020 presidential campaign", Russian "кампании 2020 года", `Found.modifier`): on
        # wmt-parallel en-ru such years anchored 3 year-less months, 1 right and 2 wrong
        # ("following the 2018 assembly elections. In March, ..." is 2020).
        self.years = sorted(
            (f.start, year)
            for f in found
            for year in (f.year, f.end_date[0] if f.end_date else None)
            if year is not None and f.rule != "dateparser" and not f.modifier
        )
        # Weekdays said beside a date, by where they end and where they start (`_BESIDE`).
        plain = [f for f in found if f.kind == "weekday" and f.direction is None]
        self.weekday_ends = {f.end: f.weekday for f in plain if f.weekday is not None}
        self.weekday_starts = {f.start: f.weekday for f in plain if f.weekday is not None}

    # -- dates -----------------------------------------------------------------------------

    def resolve(self, item: Found, previous: Moment | None) -> Resolved | str:
        if item.kind == "duration":
            assert item.duration is not None
            return Resolved(item.duration, "explicit", f"{item.rule} rule")
        if item.kind in ("reference", "set"):
            assert item.value is not None
            return Resolved(item.value, "explicit", f"{item.rule} rule")
        if item.kind == "season":
            return self._season(item)
        if item.rule == "dateparser":
            return self._dateparser(item)
        if item.decade is not None:
            return Resolved(item.decade, "explicit", "decade rule")
        if item.rule == "quarter" and item.kind == "date":
            return self._quarter(item)
        if item.kind == "range":
            return self._range(item)
        if item.kind == "weekday":
            return resolve_weekday(item, previous, self.published, self.doc, self.text)
        if item.rule == "that year":
            return self._that_year(item, previous)
        if item.kind == "relative":
            return self._relative(item, previous)
        if item.rule == "month of year":
            return self._month_of_year(item)
        return self._date(item)

    def _month_of_year(self, item: Found) -> Resolved | str:
        """ "June last year": the month, in the year counted from the publication date."""
        assert item.month is not None
        if self.published is None:
            return "relative date without a publication date"
        moment = Moment(datetime(self.published.year + item.shift, item.month, 1), "month")
        evidence = f"month of year rule, from publication date {self.published:%Y-%m-%d}"
        return Resolved(moment.iso(), "document-date", evidence, moment=moment)

    def _that_year(self, item: Found, previous: Moment | None) -> Resolved | str:
        """ "later that year", "the following year": the last year the text stated before it
        (or the year of the last date before it), plus the shift."""
        before = [(pos, y) for pos, y in self.years if pos < item.start]
        if before:
            pos, year = before[-1]
            anchor: Anchor = "text-year"
            evidence = f"that year rule, year {year} stated at {pos}"
        elif previous is not None:
            year, anchor = previous.when.year, "previous-date"
            evidence = f"that year rule, after {previous.iso()}"
        else:
            return "relative to a previous date, and none came before"
        moment = Moment(datetime(year + item.shift, 1, 1), "year")
        return Resolved(moment.iso(), anchor, evidence, moment=moment)

    def _date(self, item: Found) -> Resolved | str:
        assert item.month is not None or item.year is not None
        if item.rule == "holiday" and item.day is None and item.month is not None:
            return self._floating_holiday(item, item.month)
        grain: Grain = "day" if item.day else "month" if item.month else "year"
        if item.year is not None:
            moment = Moment(datetime(item.year, item.month or 1, item.day or 1), grain)
            value = with_part(moment.iso(), item)
            return Resolved(value, "explicit", f"{item.rule} rule", moment=moment)
        assert item.month is not None
        if item.direction and self.published:
            year = self.published.year
            if item.direction == "last" and item.month >= self.published.month:
                year -= 1
            if item.direction == "next" and item.month <= self.published.month:
                year += 1
            moment = Moment(datetime(year, item.month, 1), "month")
            return Resolved(moment.iso(), "document-date", f"{item.direction} month", moment=moment)
        found = self._year_for(item.start, item.month, item.day)
        if isinstance(found, str):
            return found
        year, anchor, evidence = found
        try:
            moment = Moment(datetime(year, item.month, item.day or 1), grain)
        except ValueError:
            return "no such day"
        if item.day is not None and self._weekday_beside(item) not in (None, moment.when.weekday()):
            return "the weekday said beside it does not fall on that date in the year found"
        value = with_part(moment.iso(), item)
        return Resolved(value, anchor, f"{item.rule} rule; {evidence}", moment=moment)

    def _weekday_beside(self, item: Found) -> int | None:
        """The weekday said right before or after a date ("Saturday, Jan. 13", "1月13日（周六）"):
        a year-less date whose year was guessed from the text (no publication date, or a year
        stated earlier) is left unresolved when that year puts it on another weekday."""
        for gap in range(_WEEKDAY_GAP + 1):
            before = self.weekday_ends.get(item.start - gap)
            if before is not None and _BESIDE.fullmatch(self.text[item.start - gap : item.start]):
                return before
            after = self.weekday_starts.get(item.end + gap)
            if after is not None and _BESIDE.fullmatch(self.text[item.end : item.end + gap]):
                return after
        return None

    def _floating_holiday(self, item: Found, month: int) -> Resolved | str:
        """A holiday on the n-th weekday of its month ("Thanksgiving Day", the fourth Thursday
        of November), in the year a date late in that month would take."""
        assert item.weekday is not None
        found = self._year_for(item.start, month, 28)
        if isinstance(found, str):
            return found
        year, anchor, evidence = found
        first = datetime(year, month, 1)
        day = 1 + (item.weekday - first.weekday()) % 7 + 7 * (item.shift - 1)
        moment = Moment(datetime(year, month, day), "day")
        return Resolved(moment.iso(), anchor, f"holiday rule; {evidence}", moment=moment)

    def _quarter(self, item: Found) -> Resolved | str:
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
        value = f"{year:04d}-Q{(item.month + 2) // 3}"
        return Resolved(value, anchor, evidence, moment=first)

    def _range(self, item: Found) -> Resolved | str:
        assert item.end_date is not None
        end_year, end_month, end_day = item.end_date or (None, None, None)
        if item.month is None:  # a range of years
            assert item.year is not None and end_year is not None
            return Resolved(f"{item.year:04d}", "explicit", "range rule", f"{end_year:04d}")
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
        return Resolved(first.iso(), anchor, evidence, last.iso(), moment=first)

    def _year_for(self, at: int, month: int, day: int | None) -> tuple[int, Anchor, str] | str:
        """The year of a year-less date at offset `at` (see the module docstring for the rule)."""
        near = self._year_near(at)
        if self.published is not None and not (self.guessed and self.years):
            year = self._narrative_year(at, month, day)
            if near is not None and near[1] != year:
                return near[1], "text-year", f"anchor: year {near[1]} stated at {near[0]}"
            stated = [pos for pos, y in self.years if y == year]
            if stated:
                pos = min(stated, key=lambda p: abs(p - at))
                return year, "text-year", f"anchor: year {year} stated at {pos}"
            return year, "document-date", f"anchor: publication date {self.published:%Y-%m-%d}"
        # Only a year stated before: one stated after the date is as often a target or a
        # forecast ("(10 January) ... by 2030 ... rising to 40% in 2040"), so the date
        # stays unresolved (on the 48 wmt-parallel en-zh pairs, the dates anchored on a later
        # year were wrong on both sides, and the translation often moved that year).
        before = [(pos, y) for pos, y in self.years if pos < at]
        if before:
            pos, year = before[-1]
            return year, "text-year", f"anchor: year {year} stated at {pos}"
        return "no year and no publication date"

    def _narrative_year(self, at: int, month: int, day: int | None) -> int:
        """The year of a year-less date, by the tense of the verb it dates (`narrative.py`)."""
        assert self.published is not None
        if _UNTIL.search(self.text[max(0, at - 12) : at]):
            # "extended the loans through January", "effective Feb. 1": a past clause sets a
            # term that may end after publication, so the tense moves no year.
            return narrative_year(self.published, month, day, "present")
        return narrative_year(self.published, month, day, tense(self.doc, self.text, at, at + 1))

    def _season(self, item: Found) -> Resolved | str:
        """A season: "YYYY-SU", its year stated, or counted from the publication date."""
        assert item.season is not None
        if item.year is not None:
            return Resolved(f"{item.year:04d}-{item.season}", "explicit", "season rule")
        if self.published is None:
            return "relative date without a publication date"
        here = tense(self.doc, self.text, item.start, item.end)
        year = season_year(self.published, item.season, item.direction, here)
        evidence = f"season rule, from publication date {self.published:%Y-%m-%d}"
        return Resolved(f"{year:04d}-{item.season}", "document-date", evidence)

    def _year_near(self, at: int) -> tuple[int, int] | None:
        """The closest explicit year stated before `at` in the same sentence, when it dates
        the same verb: "In 2019, after the vote on March 3, ..." but not "Under a program
        approved in 1987 that ..., it had bought shares through Sept. 29", where the year
        dates a clause of its own."""
        sentence = bisect.bisect_right(self.sentence_starts, at) - 1
        window_start = self.sentence_starts[sentence]
        inside = [(pos, y) for pos, y in self.years if window_start <= pos < at]
        if not inside or not self._same_verb(inside[-1][0], at):
            return None
        return inside[-1]

    def _same_verb(self, first: int, second: int) -> bool:
        """True when the expressions at both offsets hang on the same verb (or no parse says)."""
        if not self.doc.has_annotation("DEP"):
            return True
        verbs = []
        for at in (first, second):
            span = self.doc.char_span(at, at + 1, alignment_mode="expand")
            if span is None or not len(span):
                return True
            verbs.append(governing_verb(span.root, self.text))
        return verbs[0] is None or verbs[1] is None or verbs[0].i == verbs[1].i

    def _relative(self, item: Found, previous: Moment | None) -> Resolved | str:
        assert item.unit is not None
        anchor: Anchor
        if item.base == "previous" and previous is not None:
            base, anchor, evidence = previous.when, "previous-date", f"after {previous.iso()}"
            if GRAIN_RANK[previous.grain] < GRAIN_RANK[unit_grain(item.unit)]:
                return "previous date is too coarse"
        elif item.base == "previous" and item.rule == "shift" and item.shift > 0:
            # "three years later" with no date before it: TimeML writes the stated duration
            value = duration_value(float(item.shift), item.unit)
            return Resolved(value, "explicit", "shift rule, no date before it", type="duration")
        elif item.base == "previous" and (item.rule == "previous day" or self.published is None):
            return "relative to a previous date, and none came before"
        elif self.published is not None:
            # "a year earlier" with no date before it: news counts from the publication date
            base, anchor = self.published, "document-date"
            evidence = f"from publication date {self.published:%Y-%m-%d}"
            if self.guessed:
                evidence += " (guessed from the text)"
        else:
            return "relative date without a publication date"
        if item.unit == "quarter":
            quarter = (base.year * 4 + (base.month - 1) // 3) + item.shift
            first = Moment(datetime(quarter // 4, quarter % 4 * 3 + 1, 1), "month")
            value = f"{quarter // 4:04d}-Q{quarter % 4 + 1}"
            return Resolved(value, anchor, f"quarter rule, {evidence}", moment=first)
        shift = item.shift
        if item.rule == "weekend" and base.weekday() < 5:  # "over the weekend", said midweek
            shift = -1 if tense(self.doc, self.text, item.start, item.end) == "past" else 0
        when = shifted(base, item.unit, shift)
        if anchor == "previous-date" and self._beyond_publication(item, when):
            # "80 years later", counted from a date the narrative left long before: no date
            # after publication in a clause that is not future; TimeML writes the duration
            value = duration_value(float(item.shift), item.unit)
            return Resolved(
                value, "explicit", "shift rule, its date after publication", type="duration"
            )
        evidence = f"{item.rule} rule, {evidence}"
        if item.rule == "period" and item.unit in ("decade", "century"):
            # "the next decade": TimeML writes a decade "203", a century "21";
            # "a decade ago" is the year it names
            value = str(when.year // (10 if item.unit == "decade" else 100))
            return Resolved(value, anchor, evidence)
        moment = Moment(when, unit_grain(item.unit))
        value = moment.iso() + ("-WE" if item.unit == "weekend" else "")
        value += f"-H{item.half}" if item.half else ""
        return Resolved(with_part(value, item), anchor, evidence, moment=moment)

    def _beyond_publication(self, item: Found, when: datetime) -> bool:
        """Whether a count forward from an earlier date lands after publication (by more than
        the narrative's slack) in a clause whose tense is not future."""
        if self.published is None or item.rule != "shift" or item.shift <= 0:
            return False
        if when - self.published <= NARRATIVE_SLACK:
            return False
        return tense(self.doc, self.text, item.start, item.end) != "future"

    def _dateparser(self, item: Found) -> Resolved | str:
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
        if not has_year and grain in ("month", "day") and _MONTH_NAME.search(phrase):
            # "for November transactions": a year-less month dateparser read (always the past
            # one) takes its year as the rules' months do, from the narrative's tense
            day = when.day if grain == "day" else None
            found = self._year_for(item.start, when.month, day)
            if isinstance(found, str):
                return found
            year, anchor, why = found
            moment = Moment(datetime(year, when.month, day or 1), grain)
            return Resolved(moment.iso(), anchor, f"dateparser; {why}", moment=moment)
        moment = Moment(when, grain)
        anchor = "explicit" if has_year else "document-date"
        return Resolved(moment.iso(), anchor, "dateparser", moment=moment)

    # -- clock times -----------------------------------------------------------------------

    def resolve_time(
        self, item: Found, found: list[Found], resolved: dict[int, Resolved]
    ) -> Resolved | str:
        """A clock time on the day of a date in its sentence, before it, or of publication."""
        return resolve_clock_time(item, found, resolved, self.sentence_starts, self.published)
