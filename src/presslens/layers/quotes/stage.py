"""Stage: the `quotes` layer. Direct, indirect and mixed quotes with their cue and speaker.

These rules find what was said, each named in `Quote.evidence`:

- "marks": text between quotation marks of any script (`quotemarks.py`), across
  paragraphs when each new paragraph reopens the quote. Attributed through the
  parse ("marks+verb": a token of the quote hangs from a reporting verb), a
  colon before it ("marks+colon") or the quote just before it ("marks+chain").
  Unattributed short or verbless ones are scare quotes and names, not quotes,
  and are dropped.
- "ccomp-reporting-verb": the clause (spaCy `ccomp`) of a verb from
  `lexicons/reporting_verbs.txt`; "parenthetical-reporting-verb": the sentence
  around a "he said" set off by commas; "according-to": the clause an
  "according to X" phrase attaches to. Clauses without a speaker ("it is worth
  noting that") are the author's own and are dropped.
- "xcomp-intention-verb", "dobj-stance-verb", "pobj-topic": what someone wants,
  attacks or complains about (`quote_stances.py`).
- "colon-intro" and "view-intro": the unmarked words after "X said:" or "X
  expressed similar views." (`quote_intros.py`).

A quote whose marks hold most of an indirect quote's clause takes that clause's
speaker and cue; a marked fragment inside a longer clause makes it "mixed".
"I think ..." inside a quote is that quote's speaker; "you know ..." inside one
is no quote of its own.
Speakers are resolved in `speakers.py`; unattributed marked quotes take a dash
byline or the speaker before them (`quote_carry.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.article import Article
from presslens.brief import Brief, Quote, Span
from presslens.quote_carry import carry_speakers
from presslens.quote_intros import IntroRules
from presslens.quote_parts import (
    CLAIM_NOUNS,
    MIN_CONTENT_WORDS,
    TERMINAL,
    Found,
    according_to_non_sources,
    clip_at_breaks,
    count_words,
    intention_verbs,
    reporting_verbs,
    skip_spaces,
    stance_verbs,
)
from presslens.quote_stances import StanceRules
from presslens.quotemarks import Marked
from presslens.speakers import FIRST_PERSON, SpeakerResolver, subject_of

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
SECOND_PERSON = frozenset({"you"})
# What sets a parenthetical "he said" off from the words it reports.
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "-", '"', "”", "’", "»"})
# How far (in tokens) a verb of saying may sit from a quote the parse left unattached:
# `"...," Mr. Trump boasted` puts it within three.
ADJACENT_TOKENS = 4
# A marked quote holding this share of an indirect quote's clause is that quote.
SAME_QUOTE_SHARE = 0.8
# An attribution between two parts of one quote ("said Caddell, speaking of her
# health") is at most this long; PolNeAR dev's split quotes stay under it.
CHAIN_MAX_ATTRIBUTION_WORDS = 12
# Words allowed between two quotes by the same speaker: `"A," and "B"`.
_CHAIN_GAP = re.compile(r"[\s,;]*(?:and|or|but)?[\s,;]*", re.IGNORECASE)


def find_quotes(article: Article, brief: Brief) -> Brief:
    """Add the `quotes` layer: every quote with its content, kind, cue and speaker."""
    finder = _QuoteFinder(article.text, article.doc)
    found = finder.find()
    # "you think ..." inside a quote addresses someone; the words are the quote's own.
    found = [f for f in found if not _speaks_inside(f, found, SECOND_PERSON)]
    resolver = SpeakerResolver(article.doc, article.text, brief.entities)
    quotes: list[Quote] = []
    # "I think ..." inside a quote is the quote's speaker, whose cue may come after it
    # ("'... I think ...,' Sanders said"): those are resolved last.
    for item in sorted(found, key=lambda f: (_speaks_inside(f, found), _order(f))):
        speaker, how = item.speaker, ""
        if item.subject is not None:
            at = item.subject.idx
            enclosing = next(
                (
                    q.speaker
                    for q in sorted(quotes, key=lambda q: q.end - q.start)
                    if q.start <= at < q.end and q.speaker is not None
                ),
                None,
            )
            speaker, how = resolver.speaker(item.subject, enclosing)
        if speaker is not None:
            resolver.remember(speaker)
        evidence = item.evidence + (f"+{how}" if how and how != "subject" else "")
        quotes.append(Quote(item.start, item.end, item.kind, speaker, item.cue, evidence))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return replace(brief, quotes=tuple(carry_speakers(quotes, article.text, resolver)))


def _order(found: Found) -> int:
    return found.cue.start if found.cue else found.start


def _speaks_inside(item: Found, found: list[Found], persons: frozenset[str] = FIRST_PERSON) -> bool:
    """Whether `item`'s subject is one of `persons` ("I", "we") inside another quote."""
    subject = item.subject
    if subject is None or subject.lower_ not in persons:
        return False
    return any(f is not item and f.start <= subject.idx < f.end for f in found)


class _QuoteFinder(IntroRules, StanceRules):
    """One article's quotes, before speakers are resolved."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.token_starts = [t.idx for t in doc]
        verbs = reporting_verbs() | intention_verbs() | stance_verbs()
        self.cues: list[Token] = []
        self.according: list[Token] = []
        self.colons: list[Token] = []
        self.claims: list[Token] = []
        for tok in doc:  # the one pass over the tokens
            if tok.pos_ in REPORTING_POS and tok.lemma_.lower() in verbs:
                self.cues.append(tok)
            elif tok.lower_ == "according":
                self.according.append(tok)
            elif tok.text == ":":
                self.colons.append(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS:
                self.claims.append(tok)
        self.cue_ids = {tok.i for tok in self.cues}

    def find(self) -> list[Found]:
        indirect = [
            f for f in map(self._from_clause, self.cues) if f is not None and f.subject is not None
        ]
        indirect += [f for f in map(self._according_to, self.according) if f is not None]
        indirect += [f for f in map(self._from_claim_noun, self.claims) if f is not None]
        unmarked = self._colon_intros() + self._view_intros()
        marked = self._from_marks(indirect)
        return indirect + unmarked + marked

    # -- indirect speech ------------------------------------------------------------------

    def _from_clause(self, verb: Token) -> Found | None:
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return (
                self._from_infinitive(verb)
                or self._from_object(verb)
                or self._from_topic(verb)
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
        bounds = clip_at_breaks(self.text, *bounds, before_cue=before_cue)
        if bounds is None or (before_cue and _breaks_between(self.text, bounds[1], verb.idx)):
            return None
        if not before_cue and "\n" in self.text[verb.idx : bounds[0]]:
            return None  # a clause in the next paragraph is a misparse
        found = Found(
            *bounds,
            kind="indirect",
            evidence="ccomp-reporting-verb",
            cue=Span(verb.idx, cue_end),
            subject=subject_of(verb),
        )
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _around_parenthetical(self, verb: Token) -> Found | None:
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
        found = Found(
            *bounds,
            "indirect",
            "parenthetical-reporting-verb",
            Span(verb.idx, verb.idx + len(verb)),
        )
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_CONTENT_WORDS + 1 else None

    def _according_to(self, according: Token) -> Found | None:
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
        found = Found(
            *bounds,
            kind="indirect",
            evidence="according-to",
            cue=Span(according.idx, to.idx + len(to)),
            subject=source,
        )
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    # -- quotation marks ----------------------------------------------------------------------

    def _from_marks(self, clauses: list[Found]) -> list[Found]:
        owner, swallowed = self._fold_clauses(clauses)
        found: list[Found] = []
        previous: Found | None = None
        for marked in self.all_marked:
            if any(s.open <= marked.open and marked.close <= s.close for s in swallowed):
                continue
            item = self._attribute(marked)
            clause = owner.get(marked)
            if clause is not None and (item is None or item.subject is None):
                item = Found(marked.start, marked.end, "direct", "marks+verb", clause.cue)
                item.subject = clause.subject
            if item is None and previous is not None and self._continues(previous, marked):
                item = replace(previous, start=marked.start, end=marked.end)
                item.evidence = "marks+chain"
            if item is None or not item.firm:
                if self._is_scare_quote(marked):
                    continue
                item = item or Found(marked.start, marked.end, "direct", "marks")
            item.end = _strip_trailing(self.text, item.start, item.end)
            found.append(item)
            if item.cue is not None:
                previous = item
        return found

    def _continues(self, previous: Found, marked: Marked) -> bool:
        """Whether a quote goes on from the attributed one before it.

        `"A," and "B"`, or `"A," said X, on Y. "B."` in one paragraph: the words
        between are nothing, or only the attribution of the first part.
        """
        gap_start = skip_spaces(self.text, previous.end)
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
        return count_words(gap, 0, len(gap)) <= CHAIN_MAX_ATTRIBUTION_WORDS

    def _fold_clauses(self, clauses: list[Found]) -> tuple[dict[Marked, Found], list[Marked]]:
        """Settle marked quotes that overlap indirect clauses.

        A clause mostly inside marks is those marked quotes (they take its cue and
        speaker; the clause goes). A clause with a marked fragment is "mixed"; the
        fragment is part of it, not a quote of its own. A clause whose cue is inside
        the marks is a quote within the quote and stays apart.
        """
        owner: dict[Marked, Found] = {}
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
                count_words(self.text, max(m.start, clause.start), min(m.end, clause.end))
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

    def _attribute(self, marked: Marked) -> Found | None:
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
                return Found(
                    marked.start, marked.end, "direct", "marks+verb", cue, subject_of(head)
                )
        verb = self._adjacent_reporting_verb(marked)
        if verb is not None:
            cue = Span(verb.idx, verb.idx + len(verb))
            found = Found(marked.start, marked.end, "direct", "marks+adjacent", cue)
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
        found = Found(marked.start, marked.end, "direct", "marks+colon", cue, subject_of(verb))
        found.firm = firm
        return found

    def _adjacent_reporting_verb(self, marked: Marked) -> Token | None:
        """A verb of saying with a subject right after the quote (`"...," Trump boasted`),
        or right before it (`Trump boasted, "..."`), when the parse did not join them."""
        after = self.token_at(skip_spaces(self.text, marked.close + 1))
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
        return count_words(self.text, marked.start, marked.end) > SCARE_MAX_WORDS

    def _is_scare_quote(self, marked: Marked) -> bool:
        if not self._is_long(marked):
            return True
        tokens = self._tokens(marked.start, marked.end)
        return tokens is None or not any(t.tag_ in FINITE_TAGS for t in tokens)

    def _tokens(self, start: int, end: int) -> TokenSpan | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None and len(span) else None


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


def _breaks_between(text: str, start: int, end: int) -> bool:
    """A colon or line break between content and a cue after it: they belong apart."""
    gap = text[start:end]
    return ":" in gap or "\n" in gap
