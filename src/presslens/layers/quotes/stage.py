"""Stage: the `quotes` layer. Direct, indirect and mixed quotes with their cue and speaker.

These rules find what was said, each named in `Quote.evidence`:

- "marks": text between quotation marks of any script (`marks.py`), across
  paragraphs when each new paragraph reopens the quote. Attributed through the
  parse ("marks+verb": a token of the quote hangs from a reporting verb), a
  colon before it ("marks+colon") or the quote just before it ("marks+chain").
  Unattributed short or verbless ones are scare quotes and names, not quotes,
  and are dropped (`marked.py`).
- "ccomp-reporting-verb": the clause (spaCy `ccomp`) of a verb from
  `lexicons/en/reporting_verbs.txt`; "parenthetical-reporting-verb": the sentence
  around a "he said" set off by commas; "according-to": the clause an
  "according to X" phrase attaches to. Clauses without a speaker ("it is worth
  noting that") are the author's own and are dropped.
- "xcomp-intention-verb", "dobj-stance-verb", "pobj-topic": what someone wants,
  attacks or complains about (`stances.py`).
- "colon-intro" and "view-intro": the unmarked words after "X said:" or "X
  expressed similar views." (`intros.py`).

A quote whose marks hold most of an indirect quote's clause takes that clause's
speaker and cue; a marked fragment inside a longer clause makes it "mixed".
"I think ..." inside a quote is that quote's speaker; "you know ..." inside one
is no quote of its own.
Speakers are resolved in `speakers.py`; unattributed marked quotes take a dash
byline or the speaker before them (`carry.py`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from presslens.article import Article
from presslens.brief import Brief, Quote, Span
from presslens.layers.quotes.carry import carry_speakers
from presslens.layers.quotes.marked import MarkedRules
from presslens.layers.quotes.parts import (
    CLAIM_NOUNS,
    MIN_CONTENT_WORDS,
    Found,
    according_to_non_sources,
    clip_at_breaks,
    intention_verbs,
    reporting_verbs,
    stance_verbs,
)
from presslens.layers.quotes.speakers import FIRST_PERSON, SpeakerResolver, subject_of
from presslens.layers.quotes.stances import StanceRules

REPORTING_POS = frozenset({"VERB", "ADJ", "AUX"})

# What may follow a parenthetical "he said" before its closing comma: "told reporters
# on Monday", "said in a statement".
PARENTHETICAL_TAIL = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod", "agent"})
SECOND_PERSON = frozenset({"you"})
# What sets a parenthetical "he said" off from the words it reports.
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "-", '"', "”", "’", "»"})


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


class _QuoteFinder(MarkedRules, StanceRules):
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


def _breaks_between(text: str, start: int, end: int) -> bool:
    """A colon or line break between content and a cue after it: they belong apart."""
    gap = text[start:end]
    return ":" in gap or "\n" in gap
