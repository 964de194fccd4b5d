"""Reported speech around a parenthetical cue and after "according to".

- "parenthetical-reporting-verb": the sentence around a "he said" set off by commas
  ("The plan, he said, is dead.", "The plan is dead, officials said.").
- "according-to": the clause an "according to X" phrase attaches to.

`AsideRules` is a part of the quote finder in `stage.py`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.brief import Span
from presslens.layers.quotes.clauses import ADDRESSEE_VERBS
from presslens.layers.quotes.parts import (
    MIN_CONTENT_WORDS,
    Found,
    according_to_non_sources,
)
from presslens.layers.quotes.subjects import subject_of

# What may follow a parenthetical "he said" before its closing comma: "told reporters
# on Monday", "said in a statement".
PARENTHETICAL_TAIL = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod", "agent"})
# Words that may open a sentence before "according to X," without being reported content.
CONNECTIVE_POS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ"})
# Who "says" a saying: "as they say", "as people say", "as the saying goes".
GENERIC_SAYERS = frozenset({"they", "people", "saying", "one"})
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# How an adverbial opening a sentence hangs from its verb: "At the same time, ...",
# "Last week, ...", "Meanwhile, ...".
LEAD_IN_DEPS = frozenset({"prep", "advmod", "npadvmod"})
# Verbs of a passive "as reported by X, ...": speech, not an expectation ("as expected by").
AS_REPORTED_VERBS = frozenset(
    {"report", "note", "say", "state", "write", "describe", "explain", "reveal", "quote", "tell"}
)
# What sets a parenthetical "he said" off from the words it reports. Not a closing
# quotation mark: '"Too much hate," she said, blaming ...' is the marks rules' quote.
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "-"})


class AsideRules:
    """The parenthetical and "according to" rules over one article's parse."""

    text: str
    doc: Doc
    cue_ids: set[int]

    def _trim(self, tokens: TokenSpan) -> tuple[int, int] | None:
        raise NotImplementedError  # `stances.StanceRules._trim`

    def _around_parenthetical(self, verb: Token) -> Found | None:
        """ "The plan, he said, is dead." / "The plan is dead, officials said.": the rest.

        A reporting verb with its own subject and no clause, set off by commas (or
        ending the sentence), reports the sentence around it.
        """
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.dep_ == "nsubjpass":
            return None  # "..., the memorial was unveiled on ...": what was done, not who spoke
        if subject is None:
            subject = _as_reported_by(verb)  # "As reported by the Times, ..."
        if subject is None or subject.lower_ in ("it", "there", "one", "who", "which", "that"):
            return None
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None  # "compelling Russia to respond": a purpose, not an attribution
        if verb.lemma_.lower() not in ADDRESSEE_VERBS and any(
            c.dep_ == "dobj" for c in verb.children
        ):
            return None  # "As he said goodbye, ...": what was said is its object, no clause
        doc, sent = self.doc, verb.sent
        # A sentence the parser ran on from a headline starts after the line break.
        breaks = [t.i for t in doc[sent.start : verb.i] if "\n" in t.text_with_ws]
        if breaks:
            sent = doc[breaks[-1] + 1 : sent.end]
        first = min(subject.left_edge.i, verb.i)
        # "As the Times reported, ...", "The agency, as he noted, ...": the "as" opens it.
        opener = doc[first - 1] if first > 0 else None
        as_clause = opener is not None and opener.lower_ == "as" and opener.head == verb
        first -= as_clause
        if as_clause and _saying(verb, subject):
            return None  # "We can rearrange the chairs, as they say, ...": an idiom's mark
        last = verb.i
        for child in verb.rights:
            if child.dep_ not in PARENTHETICAL_TAIL or child.left_edge.i != last + 1:
                break
            last = child.right_edge.i
            while doc[last].is_punct and last > verb.i:
                last -= 1  # the parser may hang the closing comma on the phrase's noun
        if as_clause and all(t.is_punct or t.pos_ == "CCONJ" for t in doc[sent.start : first]):
            sent = doc[first : sent.end]  # "But as a reporter noted, ...": "But" links
        # "..., and as Comey noted, people involved ...": the clause after is the one noted.
        joined = (
            as_clause
            and first - 2 >= sent.start
            and doc[first - 1].pos_ == "CCONJ"
            and doc[first - 2].text == ","
            and last + 1 < sent.end
        )
        if first > sent.start and doc[first - 1].text not in PARENTHETICAL_MARKS and not joined:
            return None
        if last + 1 < sent.end and not doc[last + 1].is_punct:
            return None
        before = [t for t in doc[sent.start : first] if not t.is_punct]
        after = [t for t in doc[last + 1 : sent.end] if not t.is_punct]
        if not before and not as_clause:
            return None  # "Officials said, ..." opens a quote the marks rules read
        before_has_verb = any(t.pos_ in ("VERB", "AUX") for t in before)
        if after and verb.dep_ == "ROOT" and not before_has_verb:
            return None  # "In response, X warned ...": the verb heads the sentence
        tokens = doc[sent.start : sent.end] if after else doc[sent.start : first]
        if as_clause and (joined or all(_connective(t) for t in before)):
            tokens = doc[last + 1 : sent.end]  # "Also, as X noted, ...": the words after
        outside = [t for t in tokens if not first <= t.i <= last]
        if not any(t.pos_ in ("VERB", "AUX") for t in outside):
            return None  # "In this context, the presidents recalled ...": no clause reported
        if any(t.i in self.cue_ids and subject_of(t) is not None for t in before):
            return None  # "X stressed that ..., compelling Russia to respond": its own cue
        bounds = self._trim(tokens)
        if bounds is None:
            return None
        found = Found(
            *bounds,
            "indirect",
            "parenthetical-reporting-verb",
            Span(verb.idx, verb.idx + len(verb)),
        )
        found.subject = subject_of(verb) or subject
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
        colons = [t.i for t in doc[sent.start : according.i] if t.text == ":"]
        if colons:
            sent = doc[colons[-1] + 1 : sent.end]  # "It has not gone unnoticed: according to"
        opener = next((t for t in reversed(doc[sent.start : according.i]) if not t.is_punct), None)
        head = according.head
        if opener is not None and _links(opener) and head.i >= phrase_end:
            # "..., because, according to Trump, the media would ...", "..., but according
            # to officials, a new round ...": the clause after the linking word.
            if head.i in self.cue_ids and subject_of(head) is not None:
                return None  # "and, according to our practice, I believe that ...": its own
            tokens = doc[phrase_end : head.right_edge.i + 1]
        elif _lead_in(doc[sent.start : according.i]):
            # "However, according to the President, it is ...", "At the same time, according
            # to the President, there are ...": the words after the phrase.
            tokens = doc[phrase_end : sent.end]
        elif not any(not t.is_punct for t in doc[phrase_end : sent.end]) or (
            according.head.i >= phrase_end and _has_clause(doc[sent.start : according.i])
        ):
            # "X, according to sources who spoke but were not authorized ...": the parser
            # may hang the phrase on a verb inside its own relative clause; a clause before
            # the phrase is what it sources.
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


def _as_reported_by(verb: Token) -> Token | None:
    """The agent of a passive "as reported by X" / "as noted by X", its speaker."""
    if verb.lemma_.lower() not in AS_REPORTED_VERBS or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _links(word: Token) -> bool:
    """A linking word opening the clause after it: "because", "but", or a preposition left
    without its object ("... 30 years ago after, according to him, the network ...")."""
    if word.dep_ in ("mark", "cc"):
        return True
    return word.pos_ == "ADP" and not any(c.dep_ in ("pobj", "pcomp") for c in word.children)


def _has_clause(tokens: TokenSpan) -> bool:
    """Whether `tokens` hold a finite verb with its subject ("the bureau is looking into
    ..."), not only an opener ("In 2015, ...")."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i < tokens.end for t in tokens)


def _saying(verb: Token, subject: Token) -> bool:
    """ "as they say", "as people say", "as the saying goes": a turn of phrase flagged
    as common wisdom, no one's words (the generic "they" of the present tense)."""
    generic = subject.lower_ in GENERIC_SAYERS or subject.lemma_.lower() in GENERIC_SAYERS
    return generic and verb.tag_ in PRESENT_TAGS


def _lead_in(tokens: TokenSpan) -> bool:
    """Whether the words before "according to" only open the sentence: linking words or
    an adverbial phrase ("However,", "At the same time,", "In May,"), not the subject of
    the clause reported ("The plant, according to officials, ...")."""
    inside = range(tokens.start, tokens.end)
    tops = [t for t in tokens if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    return all(_connective(t) or t.dep_ in LEAD_IN_DEPS for t in tops)


def _connective(token: Token) -> bool:
    """Punctuation or a linking word ("However", "But", "And also") opening a sentence."""
    return token.is_punct or token.pos_ in CONNECTIVE_POS
