"""The clause a time expression dates, and the tense around it, read from the dependency parse.

An expression attaches to the verb that governs it (or the nearest verb of its
paragraph when the parser gives none); its event is that verb's clause, with
clauses that are events of their own trimmed from the edges.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Doc, Token

from presslens.brief import Span

#: Dependency labels of clauses inside a verb's subtree that are events of their own
#: (and the punctuation and conjunctions around them), trimmed from the event's edges.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "conj", "cc", "parataxis", "relcl", "punct", "mark"})


#: Adverbial modifiers: trimmed when they hold the time expression or are fronted with a comma.
_ADVERBIALS = frozenset({"prep", "npadvmod", "advmod", "dep", "intj"})


def event_span(
    doc: Doc, start: int, end: int, text: str | None = None, *, parsed: bool | None = None
) -> Span | None:
    """The clause a time expression dates: its governing verb's subtree, own clauses trimmed.

    The verb is the nearest VERB/AUX above the expression in the dependency
    parse, within the expression's paragraph (a parse that runs across a
    paragraph break falls back to the paragraph's own main verb). Subordinate
    and coordinate clauses, punctuation, fronted adverbials ("For example,")
    and the phrase holding the expression itself are trimmed from the edges.
    """
    text = doc.text if text is None else text  # Doc.text joins every token: pass it in
    if parsed is None:  # reads every token: a caller with many expressions passes it in
        parsed = doc.has_annotation("DEP")
    if not parsed:
        return clause_around(text, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = set(range(span.start, span.end))
    noun = _dated_noun(span.root)
    if noun is not None:
        return _noun_event(noun, inside, text)
    verb = governing_verb(span.root, text)
    if verb is None:
        return None
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


def _dated_noun(root: Token) -> Token | None:
    """The noun a date modifies through a preposition ("the attacks on June 1st"), if any.

    Such a date dates the noun's event, not the clause around it ("it is premature to
    say that troops will take part in strikes against the attacks on June 1st").
    """
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _DATING_PREPOSITIONS:
        return None
    noun = prep.head
    if noun.pos_ != "NOUN" or noun.lower_ in _TIME_NOUNS or noun.ent_type_ in ("DATE", "TIME"):
        return None
    return noun


def _noun_event(noun: Token, inside: set[int], text: str) -> Span:
    """The noun phrase an expression dates, without the phrase holding the expression."""
    low, high = _paragraph_tokens(text, noun)
    first, last = max(noun.left_edge.i, low), min(noun.right_edge.i, high)
    for child in noun.rights:
        if any(t.i in inside for t in child.subtree):
            last = min(last, child.left_edge.i - 1)
            break
    doc = noun.doc
    last = max(last, noun.i)
    return Span(doc[first].idx, doc[last].idx + len(doc[last]))


#: Prepositions through which a date dates a noun ("the vote on Monday", "talks in May").
_DATING_PREPOSITIONS = frozenset({"on", "in", "of", "during", "since", "at"})

#: Nouns that are times themselves ("the morning of June 4th"): no event of their own.
_TIME_NOUNS = frozenset(
    {"day", "morning", "evening", "night", "afternoon", "week", "month", "year", "time"}
)


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


def tense(doc: Doc, text: str, start: int, end: int) -> Literal["past", "future", "present"]:
    if not doc.has_annotation("DEP"):
        return "present"  # a front without a parser (Chinese): no tense to read
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = governing_verb(span.root, text) if span is not None and len(span) else None
    if verb is None:
        return "present"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(a.lemma_ == "have" for a in auxes)
    if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
        return "future"
    if not perfect and any(a.lower_ == "could" for a in auxes):
        # "could" is a past ability as often as a possibility ("could not be located
        # Wednesday", "could come as early as Tuesday"): the nearest side, as the present.
        # TimeBank+AQUAINT train, study half: 2 weekdays right more, none lost.
        return "present"
    if not perfect and any(a.lower_ in _FORWARD_MODALS for a in auxes):
        return "future"  # "must be returned by Jan. 14", "might come on Tuesday"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = verb.head
        if head.lemma_ in ("be", "plan", "intend", "hope", "prepare") or head.lower_ in _PLANNED:
            return "future"  # "is to sign on Monday", "planned to leave on Thursday"
    if verb.lemma_ in ("plan", "schedule") and any(c.dep_ == "dobj" for c in verb.children):
        return "future"  # "planned a demonstration on Saturday": the plan's day lies ahead
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (perfect or not auxes):
        return "past"  # "has closed", "the treaty signed in June"; not "is expected"
    return "present"


#: What ends a clause in a text without a parse: sentence and clause punctuation, line breaks.
_CLAUSE_BREAKS = re.compile(r"[。！？!?；;，,：:\n]")
#: The farthest a clause is looked for on each side of an expression, so a text without
#: punctuation costs a bounded look per expression rather than a scan of the whole text.
MAX_CLAUSE_CHARS = 400


def clause_around(text: str, start: int, end: int) -> Span | None:
    """The clause holding a time expression, between clause punctuation, for a front
    without a dependency parse (the Chinese one): 他周四表示 in 毛宁说，他周四表示，...

    >>> clause_around("据报道，他周四抵达。", 6, 8)
    Span(start=4, end=9)
    """
    floor = max(0, start - MAX_CLAUSE_CHARS)
    left = max((m.end() for m in _CLAUSE_BREAKS.finditer(text, floor, start)), default=floor)
    ceiling = min(len(text), end + MAX_CLAUSE_CHARS)
    found = _CLAUSE_BREAKS.search(text, end, ceiling)
    right = found.start() if found else ceiling
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return Span(left, right) if right > left else None


#: Modals that put an event after the time of speaking (unless perfect: "could have come").
_FORWARD_MODALS = frozenset({"would", "might", "may", "can", "should", "must", "'d"})

#: Heads of "to" + verb that announce a future event ("scheduled to meet on Friday").
_PLANNED = frozenset({"going", "scheduled", "set", "due", "expected", "ready", "about", "poised"})
