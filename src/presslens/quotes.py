"""Stage: the `quotes` layer. Direct, indirect and mixed quotes with their cue and speaker.

These rules find what was said, each named in `Quote.evidence`:

- "marks": text between quotation marks of any script (`quotemarks.py`), across
  paragraphs when each new paragraph reopens the quote. Attributed through the
  parse ("marks+verb": a token of the quote hangs from a reporting verb), a
  colon before it ("marks+colon") or the quote just before it ("marks+chain"). Unattributed short
  or verbless ones are scare quotes and names, not quotes, and are dropped.
- "ccomp-reporting-verb": the clause (spaCy `ccomp`) of a verb from
  `lexicons/reporting_verbs.txt`; "parenthetical-reporting-verb": the sentence
  around a "he said" set off by commas; "xcomp-intention-verb": the infinitive
  of "urged them to ...", "pledged to ..." (`lexicons/intention_verbs.txt`);
  "dobj-stance-verb": an object of three words or more of "cited", "criticized"
  (`lexicons/stance_verbs.txt`); "according-to": the clause an "according to X"
  phrase attaches to. Clauses without a speaker ("it is worth noting that") are
  the author's own and are dropped.
- "colon-intro": a speaker and reporting verb ending in a colon, with no marks
  after it: the next paragraph, or when the colon sits inside a paragraph, the
  following sentences up to the next introduction (see `_continuation`).
- "view-intro": "X expressed similar views." followed by those views.

A quote whose marks hold most of an indirect quote's clause takes that clause's
speaker and cue; a marked fragment inside a longer clause makes it "mixed".
Speakers are resolved in `speakers.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.article import Article
from presslens.brief import Brief, Quote, QuoteKind, Span, Speaker
from presslens.quotemarks import QUOTE_PAIRS, Marked, find_marked
from presslens.speakers import FIRST_PERSON, SpeakerResolver, subject_of

TERMINAL = frozenset(".!?…")
_WORD = re.compile(r"\w+")
TERMINAL = frozenset(".!?…")
REPORTING_POS = frozenset({"VERB", "ADJ", "AUX"})
# How a quoted clause hangs from the verb that reports it ("X," he said / said "X").
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "oprd", "attr", "dep"})

# Scare quotes: an unattributed quotation of up to this many words, or one with no
# finite verb ("the 'North Korean card'", a title), is a term, not a quote.
SCARE_MAX_WORDS = 3
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# What may follow a parenthetical "he said" before its closing comma: "told reporters
# on Monday", "said in a statement".
PARENTHETICAL_TAIL = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod", "agent"})
# A stated position shorter than this ("attacked Clinton") names a target, not content.
MIN_OBJECT_WORDS = 3
# What sets a parenthetical "he said" off from the words it reports.
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "-", '"', "”", "’", "»"})
# How far (in tokens) a verb of saying may sit from a quote the parse left unattached:
# `"...," Mr. Trump boasted` puts it within three.
ADJACENT_TOKENS = 4
# A clause this short ("he said so") is not reported content.
MIN_CONTENT_WORDS = 2
# A marked quote holding this share of an indirect quote's clause is that quote.
SAME_QUOTE_SHARE = 0.8
# At most this many sentences follow a colon or "expressed views" as the speaker's
# words when the paragraph does not end first; longer runs in the seed-like
# flattened texts were always editorial by then.
MAX_CONTINUATION_SENTENCES = 8
# A question this short after quoted words is an editorial subheading ("What now?").
SHORT_QUESTION_WORDS = 5
# An attribution between two parts of one quote ("said Caddell, speaking of her
# health") is at most this long; PolNeAR dev's split quotes stay under it.
CHAIN_MAX_ATTRIBUTION_WORDS = 12
# Words allowed between two quotes by the same speaker: `"A," and "B"`.
_CHAIN_GAP = re.compile(r"[\s,;]*(?:and|or|but)?[\s,;]*", re.IGNORECASE)


def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("presslens.lexicons").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas that cue reported speech or belief."""
    return _lexicon("reporting_verbs.txt")


@lru_cache(maxsize=1)
def intention_verbs() -> frozenset[str]:
    """Lemmas whose infinitive is reported content ("urged them to vote")."""
    return _lexicon("intention_verbs.txt")


@lru_cache(maxsize=1)
def stance_verbs() -> frozenset[str]:
    """Lemmas whose object states a position ("cited a study", "criticized the plan")."""
    return _lexicon("stance_verbs.txt")


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Nouns naming what was said ("views", "opinion")."""
    return _lexicon("speech_nouns.txt")


@lru_cache(maxsize=1)
def according_to_non_sources() -> frozenset[str]:
    """Objects of "according to" that are rules or plans, not sources."""
    return _lexicon("according_to_non_sources.txt")


@dataclass
class _Found:
    """A quote being built: content, cue, and the token that names its speaker."""

    start: int
    end: int
    kind: QuoteKind
    evidence: str
    cue: Span | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    #: True when a reporting verb attributes it (not only a colon or a neighbour).
    firm: bool = True

    def words(self, text: str) -> int:
        return _count_words(text, self.start, self.end)


def find_quotes(article: Article, brief: Brief) -> Brief:
    """Add the `quotes` layer: every quote with its content, kind, cue and speaker."""
    finder = _QuoteFinder(article.text, article.doc)
    found = finder.find()
    resolver = SpeakerResolver(article.doc, article.text, brief.entities)
    quotes: list[Quote] = []
    for item in sorted(found, key=lambda f: f.cue.start if f.cue else f.start):
        speaker, how = item.speaker, ""
        if item.subject is not None:
            enclosing = next(
                (q.speaker for q in reversed(quotes) if q.start <= item.subject.idx < q.end),
                None,
            )
            speaker, how = resolver.speaker(item.subject, enclosing)
        if speaker is not None:
            resolver.remember(speaker)
        evidence = item.evidence + (f"+{how}" if how and how != "subject" else "")
        quotes.append(Quote(item.start, item.end, item.kind, speaker, item.cue, evidence))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return replace(brief, quotes=tuple(quotes))


class _QuoteFinder:
    """One article's quotes, before speakers are resolved."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.token_starts = [t.idx for t in doc]
        verbs = reporting_verbs() | intention_verbs() | stance_verbs()
        self.cues: list[Token] = []
        self.according: list[Token] = []
        self.colons: list[Token] = []
        for tok in doc:  # the one pass over the tokens
            if tok.pos_ in REPORTING_POS and tok.lemma_.lower() in verbs:
                self.cues.append(tok)
            elif tok.lower_ == "according":
                self.according.append(tok)
            elif tok.text == ":":
                self.colons.append(tok)
        self.cue_ids = {tok.i for tok in self.cues}

    def token_at(self, char: int) -> Token:
        return self.doc[max(bisect_right(self.token_starts, char) - 1, 0)]

    def find(self) -> list[_Found]:
        indirect = [
            f for f in map(self._from_clause, self.cues) if f is not None and f.subject is not None
        ]
        indirect += [f for f in map(self._according_to, self.according) if f is not None]
        unmarked = self._colon_intros() + self._view_intros()
        marked = self._from_marks(indirect)
        return indirect + unmarked + marked

    # -- indirect speech ------------------------------------------------------------------

    def _from_clause(self, verb: Token) -> _Found | None:
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return (
                self._from_infinitive(verb)
                or self._from_object(verb)
                or self._around_parenthetical(verb)
            )
        tokens = self.doc[clause.left_edge.i : clause.right_edge.i + 1]
        if tokens.start <= verb.i < tokens.end:
            return None
        lead = tokens[0]
        cue_end = verb.idx + len(verb)
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        if particle is not None and particle.i < tokens.start:
            cue_end = particle.idx + len(particle)
        if lead.dep_ == "mark" and lead.i > verb.i:
            cue_end = lead.idx + len(lead)
            tokens = tokens[1:]
        bounds = self._trim(tokens)
        if bounds is None:
            return None
        before_cue = tokens.start < verb.i
        bounds = _clip_at_breaks(self.text, *bounds, before_cue=before_cue)
        if bounds is None or (before_cue and _breaks_between(self.text, bounds[1], verb.idx)):
            return None
        if not before_cue and "\n" in self.text[verb.idx : bounds[0]]:
            return None  # a clause in the next paragraph is a misparse
        found = _Found(
            *bounds,
            kind="indirect",
            evidence="ccomp-reporting-verb",
            cue=Span(verb.idx, cue_end),
            subject=subject_of(verb),
        )
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _from_infinitive(self, verb: Token) -> _Found | None:
        """ "urged Republicans to join", "pledged to cut", "called for a ban": the wish."""
        if verb.lemma_.lower() not in intention_verbs():
            return None
        wish = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if wish is None and verb.lemma_.lower() == "call":
            prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
            wish = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if wish is None:
            return None
        first = wish.left_edge.i
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.i < wish.i), None)
        if target is not None:
            first = target.left_edge.i
        bounds = self._trim(self.doc[first : wish.right_edge.i + 1])
        if bounds is None:
            return None
        bounds = _clip_at_breaks(self.text, *bounds, before_cue=False)
        if bounds is None:
            return None
        found = _Found(
            *bounds, "indirect", "xcomp-intention-verb", Span(verb.idx, verb.idx + len(verb))
        )
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _from_object(self, verb: Token) -> _Found | None:
        """ "cited a 2014 study by the university": a stated position, three words or more."""
        if verb.lemma_.lower() not in stance_verbs() or _is_infinitive(verb):
            return None
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if target is None:
            return None
        bounds = self._trim(self.doc[target.left_edge.i : target.right_edge.i + 1])
        if bounds is None:
            return None
        found = _Found(
            *bounds, "indirect", "dobj-stance-verb", Span(verb.idx, verb.idx + len(verb))
        )
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_OBJECT_WORDS else None

    def _around_parenthetical(self, verb: Token) -> _Found | None:
        """ "The plan, he said, is dead." / "The plan is dead, officials said.": the rest.

        A reporting verb with its own subject and no clause, set off by commas (or
        ending the sentence), reports the sentence around it.
        """
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("it", "there", "one", "who", "which", "that"):
            return None
        doc, sent = self.doc, verb.sent
        first = min(subject.left_edge.i, verb.i)
        last = verb.i
        for child in verb.rights:
            if child.dep_ not in PARENTHETICAL_TAIL or child.left_edge.i != last + 1:
                break
            last = child.right_edge.i
        if first > sent.start and doc[first - 1].text not in PARENTHETICAL_MARKS:
            return None
        if last + 1 < sent.end and not doc[last + 1].is_punct:
            return None
        before = [t for t in doc[sent.start : first] if not t.is_punct]
        after = [t for t in doc[last + 1 : sent.end] if not t.is_punct]
        if not before:
            return None  # "Officials said, ..." opens a quote the marks rules read
        tokens = doc[sent.start : sent.end] if after else doc[sent.start : first]
        bounds = self._trim(tokens)
        if bounds is None:
            return None
        found = _Found(
            *bounds,
            "indirect",
            "parenthetical-reporting-verb",
            Span(verb.idx, verb.idx + len(verb)),
        )
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_CONTENT_WORDS + 1 else None

    def _according_to(self, according: Token) -> _Found | None:
        doc = self.doc
        if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != "to":
            return None
        to = doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None or source.lemma_.lower() in according_to_non_sources():
            return None
        phrase_end = source.right_edge.i + 1
        sent = according.sent
        if not any(not t.is_punct for t in doc[sent.start : according.i]):
            tokens = doc[phrase_end : sent.end]
        elif not any(not t.is_punct for t in doc[phrase_end : sent.end]):
            tokens = doc[sent.start : according.i]
        else:
            head = according.head
            tokens = doc[head.left_edge.i : head.right_edge.i + 1]
            if tokens.start <= according.i < tokens.end and according.i == tokens.start:
                tokens = doc[phrase_end : tokens.end]
        bounds = self._trim(tokens)
        if bounds is None:
            return None
        found = _Found(
            *bounds,
            kind="indirect",
            evidence="according-to",
            cue=Span(according.idx, to.idx + len(to)),
            subject=source,
        )
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _trim(self, tokens: TokenSpan) -> tuple[int, int] | None:
        first, last = 0, len(tokens) - 1
        while first <= last and (tokens[first].is_punct or tokens[first].is_space):
            first += 1
        while last >= first and (tokens[last].is_punct or tokens[last].is_space):
            last -= 1
        if first > last:
            return None
        return tokens[first].idx, tokens[last].idx + len(tokens[last])

    # -- unmarked quotes after a colon or "expressed views" ---------------------------------

    def _colon_intros(self) -> list[_Found]:
        found: list[_Found] = []
        for colon in self.colons:
            after = _skip_spaces(self.text, colon.idx + 1)
            if after >= len(self.text) or self.text[after] in QUOTE_PAIRS:
                continue
            verb = self._intro_verb(colon)
            subject = subject_of(verb) if verb is not None else None
            if verb is None or subject is None:
                continue
            nested = any(f.start <= colon.idx < f.end for f in found)
            if self.text[colon.idx + 1 : after].count("\n"):
                bounds = _paragraph_at(self.text, after)
            else:
                bounds = self._continuation(after, first_only=nested)
            if bounds is None:
                continue
            clause = self._from_clause(verb)
            cue = clause.cue if clause is not None else Span(verb.idx, colon.idx + 1)
            found.append(_Found(*bounds, "direct", "colon-intro", cue, subject))
        return found

    def _intro_verb(self, colon: Token, *, any_verb: bool = False) -> Token | None:
        """The verb of the clause a colon ends: its reporting verb nearest the root.

        With `any_verb`, the verb nearest the root when no reporting verb is there.
        """
        sent = colon.sent
        first = sent.start
        for tok in self.doc[sent.start : colon.i]:
            if tok.text == ":" or "\n" in tok.text_with_ws:
                # "A declare: B said: ..." looks after the last colon, in this paragraph
                first = tok.i + 1
        clause = self.doc[first : colon.i]
        verbs = [t for t in clause if t.i in self.cue_ids]
        speech = [t for t in verbs if t.lemma_.lower() in reporting_verbs()]
        verbs = speech or verbs  # "threatened them, demanding:" is introduced by "demanding"
        if not verbs and any_verb:
            verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return None
        return min(verbs, key=lambda t: (_depth(t), -t.i))

    def _view_intros(self) -> list[_Found]:
        found: list[_Found] = []
        nouns = speech_nouns()
        for verb in self.cues:
            if any(c.dep_ == "ccomp" for c in verb.children):
                continue
            views = next(
                (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None
            )
            subject = subject_of(verb)
            if views is None or subject is None or not _names_person(subject):
                continue
            sent = verb.sent
            if self.text[sent.end_char - 1 : sent.end_char] == ":":
                continue
            after = _skip_spaces(self.text, sent.end_char)
            if after >= len(self.text):
                continue
            if self.text[sent.end_char : after].count("\n"):
                bounds = _paragraph_at(self.text, after)
            else:
                bounds = self._continuation(after, first_only=False)
            if bounds is None:
                continue
            cue = Span(verb.idx, views.idx + len(views))
            found.append(_Found(*bounds, "direct", "view-intro", cue, subject))
        return found

    def _continuation(self, start: int, *, first_only: bool) -> tuple[int, int] | None:
        """The speaker's words from `start` on, in a paragraph that goes on after them.

        Stopping rule, for texts whose paragraph breaks were lost: the words run
        sentence by sentence and stop before the first sentence that (1) starts a
        new paragraph, (2) introduces another speaker (a reporting verb with a
        subject other than "I"/"we"/"you", or "according to"), (3) holds a colon
        (a new introduction: "A question arises:"), (4) is a subheading (no final
        punctuation, a run-in quoted title, or a short question), or after
        `MAX_CONTINUATION_SENTENCES`. The first sentence is always taken whole: it
        may itself quote someone ("Now the elites declare: ...").
        """
        text = self.text
        paragraph_end = text.find("\n", start)
        if paragraph_end < 0:
            paragraph_end = len(text)
        sent = self.token_at(start).sent
        end = min(sent.end_char, paragraph_end)
        end = self._cut_at_heading(start, end)
        taken = 1
        while not first_only and end < paragraph_end and taken < MAX_CONTINUATION_SENTENCES:
            nxt_start = _skip_spaces(text, end)
            if nxt_start >= paragraph_end:
                break
            nxt = self.token_at(nxt_start).sent
            if nxt.start_char < end or self._stops(nxt):
                break
            cut = self._cut_at_heading(nxt_start, min(nxt.end_char, paragraph_end))
            if cut <= nxt_start:
                break
            end = cut
            taken += 1
            if cut < min(nxt.end_char, paragraph_end):
                break
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _stops(self, sent: TokenSpan) -> bool:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            return True
        last = sent.text.rstrip().rstrip("\"'”’»」』")
        if not last or last[-1] not in TERMINAL:
            return True
        if last[-1] == "?" and len(words) <= SHORT_QUESTION_WORDS:
            return True
        for tok in sent:
            if tok.text == ":" or (tok.lower_ == "according" and tok.i + 1 < sent.end):
                return True
            if tok.i in self.cue_ids and tok.lemma_.lower() in reporting_verbs():
                subject = subject_of(tok)
                if (
                    subject is not None
                    and subject.dep_ == "nsubj"
                    and subject.lower_ not in FIRST_PERSON | {"you"}
                ):
                    return True
        return False

    def _cut_at_heading(self, start: int, end: int) -> int:
        """Where a run-in quoted subheading (`"Title" Next sentence`) starts, else `end`."""
        for marked in self.marked_in(start, end):
            inner = self.text[marked.start : marked.end].rstrip()
            after = _skip_spaces(self.text, marked.close + 1)
            before = self.text[start : marked.open].rstrip()
            if (
                inner
                and inner[-1] not in TERMINAL
                and after < len(self.text)
                and self.text[after].isupper()
                and (not before or before[-1] in TERMINAL)
            ):
                return marked.open
        return end

    def marked_in(self, start: int, end: int) -> list[Marked]:
        return [m for m in self.all_marked if start <= m.open and m.close < end]

    @property
    def all_marked(self) -> list[Marked]:
        if not hasattr(self, "_marked"):
            self._marked = find_marked(self.text)
        return self._marked

    # -- quotation marks ----------------------------------------------------------------------

    def _from_marks(self, clauses: list[_Found]) -> list[_Found]:
        owner, swallowed = self._fold_clauses(clauses)
        found: list[_Found] = []
        previous: _Found | None = None
        for marked in self.all_marked:
            if any(s.open <= marked.open and marked.close <= s.close for s in swallowed):
                continue
            item = self._attribute(marked)
            clause = owner.get(marked)
            if clause is not None and (item is None or item.subject is None):
                item = _Found(marked.start, marked.end, "direct", "marks+verb", clause.cue)
                item.subject = clause.subject
            if item is None and previous is not None and self._continues(previous, marked):
                item = replace(previous, start=marked.start, end=marked.end)
                item.evidence = "marks+chain"
            if item is None or not item.firm:
                if self._is_scare_quote(marked):
                    continue
                item = item or _Found(marked.start, marked.end, "direct", "marks")
            item.end = _strip_trailing(self.text, item.start, item.end)
            found.append(item)
            if item.cue is not None:
                previous = item
        return found

    def _continues(self, previous: _Found, marked: Marked) -> bool:
        """Whether a quote goes on from the attributed one before it.

        `"A," and "B"`, or `"A," said X, on Y. "B."` in one paragraph: the words
        between are nothing, or only the attribution of the first part.
        """
        gap_start = _skip_spaces(self.text, previous.end)
        while gap_start < marked.open and self.text[gap_start] in ",;:\"”’»」』'":
            gap_start += 1
        gap = self.text[gap_start : marked.open]
        if _CHAIN_GAP.fullmatch(gap):
            return True
        if _opens_paragraph(self.text, marked.open):
            # A paragraph opening with a quote goes on with the quote that ended the last
            # one, when only its attribution came after it ("...," Ms. Hall said.).
            gap = gap.rstrip()
        if "\n" in gap or previous.cue is None or not gap_start <= previous.cue.start:
            return False
        return _count_words(gap, 0, len(gap)) <= CHAIN_MAX_ATTRIBUTION_WORDS

    def _fold_clauses(self, clauses: list[_Found]) -> tuple[dict[Marked, _Found], list[Marked]]:
        """Settle marked quotes that overlap indirect clauses.

        A clause mostly inside marks is those marked quotes (they take its cue and
        speaker; the clause goes). A clause with a marked fragment is "mixed"; the
        fragment is part of it, not a quote of its own. A clause whose cue is inside
        the marks is a quote within the quote and stays apart.
        """
        owner: dict[Marked, _Found] = {}
        swallowed: list[Marked] = []
        for clause in list(clauses):
            if clause.cue is None:
                continue
            cue = clause.cue.start
            overlapping = [
                m
                for m in self.all_marked
                if m.start < clause.end and clause.start < m.end and not m.start <= cue < m.end
            ]
            outer = [
                m
                for m in overlapping
                if not any(o.open < m.open and m.close < o.close for o in overlapping)
            ]
            if not outer:
                continue
            in_marks = sum(
                _count_words(self.text, max(m.start, clause.start), min(m.end, clause.end))
                for m in outer
            )
            if in_marks >= SAME_QUOTE_SHARE * clause.words(self.text):
                clauses.remove(clause)
                for m in outer:
                    owner.setdefault(m, clause)
                continue
            inside = [m for m in outer if clause.start <= m.start and m.end <= clause.end]
            if inside:
                clause.kind = "mixed"
                swallowed.extend(inside)
        return owner, swallowed

    def _attribute(self, marked: Marked) -> _Found | None:
        tokens = self._tokens(marked.start, marked.end)
        if tokens is None:
            return None
        for tok in tokens:
            head = tok.head
            if (
                tok.dep_ in CONTENT_DEPS
                and not tokens.start <= head.i < tokens.end
                and head.i in self.cue_ids
                and (self._is_long(marked) or _names_speech(tok, head))
            ):
                cue = Span(head.idx, head.idx + len(head))
                return _Found(
                    marked.start, marked.end, "direct", "marks+verb", cue, subject_of(head)
                )
        verb = self._adjacent_reporting_verb(marked)
        if verb is not None:
            cue = Span(verb.idx, verb.idx + len(verb))
            found = _Found(marked.start, marked.end, "direct", "marks+adjacent", cue)
            found.subject = subject_of(verb)
            found.firm = False  # no parse link: a quoted name before "X said" is no quote
            return found
        before = marked.open - 1
        while before >= 0 and self.text[before].isspace():
            before -= 1
        if before < 0 or self.text[before] != ":":
            return None
        colon = self.token_at(before)
        verb = self._intro_verb(colon)
        firm = verb is not None
        if verb is None:
            # "Washington avoided the topic: "..."": the subject of the clause before
            # the colon, held to the scare-quote test since no verb of saying vouches.
            verb = self._intro_verb(colon, any_verb=True)
            if verb is None:
                return None
        cue = Span(verb.idx, colon.idx + 1)
        found = _Found(marked.start, marked.end, "direct", "marks+colon", cue, subject_of(verb))
        found.firm = firm
        return found

    def _adjacent_reporting_verb(self, marked: Marked) -> Token | None:
        """A verb of saying with a subject right after the quote (`"...," Trump boasted`),
        or right before it (`Trump boasted, "..."`), when the parse did not join them."""
        after = self.token_at(_skip_spaces(self.text, marked.close + 1))
        ends_sentence = self.text[marked.start : marked.end].rstrip()[-1:] == "."
        if after.idx > marked.close and not ends_sentence:
            window = self.doc[after.i : min(after.i + ADJACENT_TOKENS, len(self.doc))]
            for tok in window:
                if "\n" in tok.text_with_ws or tok.text in TERMINAL:
                    break
                if self._is_speech_verb(tok):
                    return tok
        opening = self.token_at(marked.open)
        if opening.i > 0 and self.doc[opening.i - 1].text in (",", ":"):
            first = max(opening.i - 1 - ADJACENT_TOKENS, 0)
            for tok in reversed(self.doc[first : opening.i - 1]):
                if "\n" in tok.text_with_ws or tok.text in TERMINAL:
                    break
                if self._is_speech_verb(tok):
                    return tok
        return None

    def _is_speech_verb(self, tok: Token) -> bool:
        """A verb of saying in the active voice, with its subject: "Trump boasted"."""
        subject = subject_of(tok) if tok.i in self.cue_ids else None
        return (
            subject is not None
            and subject.dep_ == "nsubj"
            and tok.lemma_.lower() in reporting_verbs()
        )

    def _is_long(self, marked: Marked) -> bool:
        return _count_words(self.text, marked.start, marked.end) > SCARE_MAX_WORDS

    def _is_scare_quote(self, marked: Marked) -> bool:
        if not self._is_long(marked):
            return True
        tokens = self._tokens(marked.start, marked.end)
        return tokens is None or not any(t.tag_ in FINITE_TAGS for t in tokens)

    def _tokens(self, start: int, end: int) -> TokenSpan | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None and len(span) else None


def _count_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def _strip_trailing(text: str, start: int, end: int) -> int:
    """Drop the comma or colon a quotation ends with before its closing mark."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return end


def _opens_paragraph(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _names_speech(fragment: Token, verb: Token) -> bool:
    """A short quoted fragment is speech when a verb of saying takes it as what was said.

    `called it a "rumor"` names a label (oprd/attr), not words someone said.
    """
    return verb.lemma_.lower() in reporting_verbs() and fragment.dep_ not in ("oprd", "attr")


def _is_infinitive(verb: Token) -> bool:
    """ "to describe the visit": a purpose or plan, not a position someone took."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _names_person(tok: Token) -> bool:
    """A subject that names a person: a PERSON name, "he"/"she", or one in apposition."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she"):
        return True
    return any(t.ent_type_ == "PERSON" for t in tok.subtree)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok = tok.head
        depth += 1
    return depth


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _clip_at_breaks(text: str, start: int, end: int, *, before_cue: bool) -> tuple[int, int] | None:
    """A clause's content stops at a colon or a line break, on the side away from its cue.

    What follows "X said that A: B" is B introduced by the colon (a quote of its
    own); a clause that runs over a paragraph break is a bad parse.
    """
    if before_cue:
        cut = max(text.rfind(":", start, end), text.rfind("\n", start, end))
        start = _skip_spaces(text, cut + 1) if cut >= 0 else start
    else:
        cuts = [c for c in (text.find(":", start, end), text.find("\n", start, end)) if c >= 0]
        end = min(cuts) if cuts else end
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "\"'”’»)"):
        end -= 1
    return (start, end) if end > start else None


def _breaks_between(text: str, start: int, end: int) -> bool:
    """A colon or line break between content and a cue after it: they belong apart."""
    gap = text[start:end]
    return ":" in gap or "\n" in gap


def _paragraph_at(text: str, start: int) -> tuple[int, int] | None:
    """The paragraph starting at `start`, when it does not open with a quotation mark."""
    if start >= len(text) or text[start] in QUOTE_PAIRS:
        return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
