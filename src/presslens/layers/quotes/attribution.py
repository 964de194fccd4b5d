"""Attributions the rules miss, learned from PolNeAR train: a cue, its content and its source.

The rules (`stage.py` and its parts) read the common patterns. This model looks at
every other verb with a subject that names an agent, and at each way the parse
offers its content:

- "ccomp": the verb's clause ("X insisted the plan was dead");
- "xcomp": its infinitive ("X pledged to end the war");
- "dobj": its object, for a cue lexicon's verb or a noun of speech ("X noted the
  progress", "X gave his views");
- "prep": its prepositional phrase ("X weighed in on the vote");
- "before": the words before "X quipped" in the same sentence, set off by a comma.

Plans, topics and "seems to" are never cues (`lexicons/en/not_speech_verbs.txt`).
A logistic regression scores each (verb, content) pair from the verb's lemma and
frame, the content's kind, length and punctuation, and the subject's kind; a verb's
best pair is a quote when it scores at least the model's threshold, chosen on
held-out train articles for precision (`presslens.models.attribution`). The
speaker is the verb's subject, resolved like any rule quote's. Quotes the model
adds never overlap a rule quote: rules win where they fire.

Weights: `models/weights/quote_attributions.npz` (feature names and weights as
arrays, no pickle), rebuilt with `python -m presslens.models.attribution
DATA/polnear`. Without the file the quotes layer runs on its rules alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from presslens import lexicon
from presslens.brief import Span
from presslens.errors import ModelMissing
from presslens.layers.quotes.acts import not_said
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.clauses import passive_speaker
from presslens.layers.quotes.parts import (
    CLAIM_NOUNS,
    CLAUSE_OPENERS,
    EXPRESSING_VERBS,
    HELD_NOUNS,
    Found,
    clip_at_breaks,
    count_words,
    intention_verbs,
    reporting_verbs,
    speech_nouns,
    stance_verbs,
)
from presslens.layers.quotes.speakers import FIRST_PERSON
from presslens.layers.quotes.subjects import subject_of
from presslens.models import weights_folder
from presslens.models.calibration import Calibration
from presslens.models.named import NamedWeights, load_named

MODEL_PATH = weights_folder() / "quote_attributions.npz"
#: The name its calibration ships under (`weights/quote_attributions_calibration.json`).
CALIBRATION = "quote_attributions"
REBUILD = "python -m presslens.models.attribution DATA_DIR/polnear"
EVIDENCE = "learned-attribution"
# The content kinds, in the order a tie between two scores is broken.
KINDS = ("ccomp", "xcomp", "dobj", "prep", "before")
# Content shorter than this is no statement ("X did so"); PolNeAR train's median
# content is 14 words, and 3-word ones are mostly objects ("hit the brakes").
MIN_WORDS = 4
# Verbs that say nothing by themselves: auxiliaries' lemmas the tagger calls VERB.
EMPTY_VERBS = frozenset({"be", "have", "do", "get", "go", "let"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who", "it"})
QUOTE_MARKS = frozenset('"“”«»')
SECOND_PERSON = frozenset({"you"})
# Verbs whose object is the one told, and its "of"/"about" phrase what they were told.
INFORMING_VERBS = frozenset({"inform", "brief", "notify", "update", "apprise", "remind"})
TOPIC_PREPOSITIONS = frozenset({"of", "about", "on"})
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "'ll"})


@lru_cache(maxsize=1)
def not_speech_verbs() -> frozenset[str]:
    """Lemmas whose clause is no quote of their subject: plans, topics, "seems to"."""
    return lexicon.words("quotes", "not_speech_verbs.txt")


@dataclass(frozen=True)
class Candidate:
    """One way to read a verb as a cue: the content's kind and its character bounds."""

    verb: Token
    subject: Token
    kind: str
    start: int
    end: int


def candidates(
    doc: Doc, text: str, skip: set[int] | None = None, verbs: Iterable[Token] | None = None
) -> list[Candidate]:
    """Every (verb, content) pair the model scores; verbs whose index is in `skip` are left out.

    `verbs` (`verb_tokens(doc)`), when given, spares walking every token of the Doc.
    """
    skip = skip or set()
    found: list[Candidate] = []
    for verb in doc if verbs is None else verbs:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or verb.i in skip or lemma in EMPTY_VERBS | not_speech_verbs():
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in not_speech_verbs():
            continue  # "they are trying to portray ...", "she plans to say ...": no act yet
        subject = passive_speaker(verb, subject_of(verb))  # "was asked by X": X asks
        if subject is None or not is_agent(subject) or not_said(verb) is not None:
            continue
        if subject.lower_ in FIRST_PERSON | SECOND_PERSON:
            continue  # outside any quote, "I ask you ...", "we know ...": the author's own
        for kind, bounds in _contents(verb, subject, text):
            found.append(Candidate(verb, subject, kind, *bounds))
    return found


def verb_tokens(doc: Doc) -> list[Token]:
    """The tokens tagged VERB, in order (read from the Doc's POS column: no Token per word)."""
    return [doc[i] for i in np.flatnonzero(doc.to_array(POS) == VERB).tolist()]


def _contents(verb: Token, subject: Token, text: str) -> Iterable[tuple[str, tuple[int, int]]]:
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj", "prep") and child.i > verb.i:
            tokens = list(child.subtree)
            if child.dep_ == "prep":
                tokens = tokens[1:]  # "on the vote": the words after the preposition
            while tokens and tokens[0].dep_ == "mark":
                tokens = tokens[1:]  # "that ..."
            if child.dep_ == "dobj" and (not _speech_object(verb, child) or _bare_noun(child)):
                continue
            bounds = _bounds(tokens, text, before_cue=False)
            if bounds is not None and "\n" not in text[verb.idx : bounds[0]]:
                yield child.dep_, bounds
    first = min(subject.left_edge.i, verb.i)
    sent = verb.sent
    if first > sent.start and doc[first - 1].text in {",", "—", "–", "”", '"'}:
        bounds = _bounds(list(doc[sent.start : first]), text, before_cue=True)
        if bounds is not None:
            yield "before", bounds


def _speech_object(verb: Token, obj: Token) -> bool:
    """Whether a verb's object can be what was said: a cue lexicon's verb ("noted the
    progress", "expressed concern") or a noun of speech ("gave his views").

    Other verbs with an object are mostly acts and perceptions ("watched the river
    rise", "painted the barn red"), which PolNeAR's metaphors ("painted a dire
    portrait") taught the model to score high.
    """
    nouns = speech_nouns() | CLAIM_NOUNS | HELD_NOUNS
    return verb.lemma_.lower() in cue_lemmas() or obj.lemma_.lower() in nouns


def _bare_noun(obj: Token) -> bool:
    """ "expresses the author's personal views", "gave his opinion": a noun of speech with
    nothing saying what it held (no "about ...", "that ...", "on ...") names words, not content."""
    nouns = speech_nouns() | CLAIM_NOUNS | HELD_NOUNS
    held = ("prep", "acl", "relcl", "ccomp")
    return obj.lemma_.lower() in nouns and not any(c.dep_ in held for c in obj.children)


def _bounds(tokens: list[Token], text: str, *, before_cue: bool) -> tuple[int, int] | None:
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return None
    bounds = clip_at_breaks(
        text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]), before_cue=before_cue
    )
    if bounds is None or count_words(text, *bounds) < MIN_WORDS:
        return None
    return bounds


def features(candidate: Candidate, text: str) -> list[str]:
    """The pair's features: the verb, its frame, the content and the subject."""
    verb, subject, kind = candidate.verb, candidate.subject, candidate.kind
    lemma = verb.lemma_.lower()
    if subject.lower_ in PRONOUNS:
        who = "pron"
    elif subject.ent_type_:
        who = subject.ent_type_
    else:
        who = subject.pos_
    words = count_words(text, candidate.start, candidate.end)
    size = min(int(np.log2(words)), 5)
    content = text[candidate.start : candidate.end]
    first = content.split(maxsplit=1)[0].lower() if content.strip() else ""
    marked = any(ch in QUOTE_MARKS for ch in text[max(0, candidate.start - 1) : candidate.end + 1])
    modal = next((c.lower_ for c in verb.children if c.lower_ in MODALS), "")
    frame = "+".join(sorted({c.dep_ for c in verb.children if c.dep_ in KINDS}))
    head = _content_head(candidate)
    clause = any(t.pos_ in ("VERB", "AUX") for t in _tokens(candidate))
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")), "")
    return [
        f"lexicon={lemma in cue_lemmas()}",
        f"object={head}",
        f"lemma+object={lemma}+{head}",
        f"clause={clause}",
        f"kind+clause={kind}+{clause}",
        f"particle={particle}",
        f"lemma+particle={lemma}+{particle}",
        f"lemma={lemma}",
        f"kind={kind}",
        f"frame={frame}",
        f"who={who}",
        f"tag={verb.tag_}",
        f"dep={verb.dep_}",
        f"head={verb.head.lemma_.lower() if verb.dep_ != 'ROOT' else ''}",
        f"size={size}",
        f"marked={marked}",
        f"first={first if first in ('to', 'the', 'a', 'that', 'if', 'whether') else '-'}",
        f"modal={modal}",
        f"lemma+kind={lemma}+{kind}",
        f"lemma+who={lemma}+{who}",
        f"kind+who={kind}+{who}",
        f"kind+size={kind}+{size}",
        f"kind+marked={kind}+{marked}",
        f"dep+kind={verb.dep_}+{kind}",
    ]


def _tokens(candidate: Candidate) -> list[Token]:
    doc = candidate.verb.doc
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _content_head(candidate: Candidate) -> str:
    """The lemma of an object or prepositional content's head noun ("lawsuit", "plan")."""
    if candidate.kind not in ("dobj", "prep"):
        return ""
    tokens = _tokens(candidate)
    roots = [t for t in tokens if t.head.i == t.i or not tokens[0].i <= t.head.i <= tokens[-1].i]
    return roots[0].lemma_.lower() if roots else ""


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """The lemmas of the rules' cue lexicons."""
    return reporting_verbs() | intention_verbs() | stance_verbs() | EXPRESSING_VERBS


@lru_cache(maxsize=1)
def load_attribution_model(path: Path = MODEL_PATH) -> NamedWeights | None:
    """The shipped model, or None when its weights are not there."""
    return load_named(path)


_MODEL_ON: ContextVar[bool] = ContextVar("quote_attribution_model", default=True)


@contextmanager
def rules_only() -> Iterator[None]:
    """Within this block the quotes layer runs without the models (for the rules' figures)."""
    token = _MODEL_ON.set(False)
    try:
        yield
    finally:
        _MODEL_ON.reset(token)


def models_on() -> bool:
    """False inside `rules_only()`: the learned quote models (this one, the accurate
    profile's tagger in `tagged.py`) stay off."""
    return _MODEL_ON.get()


@lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The isotonic map from the model's score to the share of its quotes that were right
    on held-out train (`presslens.models.attribution`), or None when it is not there."""
    try:
        return Calibration.load(CALIBRATION)
    except ModelMissing:
        return None


def learned_quotes(doc: Doc, text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Quotes the shipped model finds outside `taken` (the rule quotes' content and cues),
    each with its calibrated confidence."""
    model = load_attribution_model() if _MODEL_ON.get() else None
    if model is None:
        return []
    calibration = load_calibration()
    return [
        replace(found, confidence=round(calibration.confidence(score), 4) if calibration else None)
        for found, score in scored_quotes(doc, text, taken, model)
    ]


def scored_quotes(
    doc: Doc, text: str, taken: list[tuple[int, int]], model: NamedWeights
) -> list[tuple[Found, float]]:
    """The quotes `model` finds at its threshold outside `taken`, each with its score.

    Each verb keeps its best-scoring content; the best quotes claim their words
    first, and a later one overlapping them is dropped (a word belongs to one quote).
    """
    claimed = _Claimed(len(text), taken)
    # Only verbs are candidates, so only verbs are checked against the claimed words.
    verbs = verb_tokens(doc)
    skip = {t.i for t in verbs if claimed.overlaps(t.idx, t.idx + len(t))}
    best: dict[int, tuple[float, Candidate]] = {}
    for candidate in candidates(doc, text, skip, verbs):
        score = model.probability(features(candidate, text))
        held = best.get(candidate.verb.i)
        if score >= model.threshold and (held is None or score > held[0]):
            best[candidate.verb.i] = (score, candidate)
    found: list[tuple[Found, float]] = []
    for score, candidate in sorted(best.values(), key=lambda pair: -pair[0]):
        start, end, verb = candidate.start, candidate.end, candidate.verb
        cue = Span(verb.idx, verb.idx + len(verb))
        if claimed.overlaps(start, end) or claimed.overlaps(cue.start, cue.end):
            continue
        claimed.add(start, end)
        claimed.add(cue.start, cue.end)
        start = _with_opener(doc, start, verb)
        if candidate.kind == "dobj":
            start = _past_addressee(verb, start)
        found.append((Found(start, end, "indirect", EVIDENCE, cue, candidate.subject), score))
    return found


def _with_opener(doc: Doc, start: int, verb: Token) -> int:
    """Where a clause's content starts with its "that" or "whether" (as the rules' do).

    The model scores the clause without it (its features were fitted so); the quote
    shown, like PolNeAR's Content, reads "insisted that the plan was dead"."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or first.start == 0:
        return start
    lead = doc[first.start - 1]
    if lead.dep_ == "mark" and lead.lower_ in CLAUSE_OPENERS and lead.i > verb.i:
        return lead.idx
    return start


def _past_addressee(verb: Token, start: int) -> int:
    """Where "informed his interlocutor of the results" says what it informed of: after the
    one addressed ("the results"), as the rules' "informed of ..." reads it."""
    if verb.lemma_.lower() not in INFORMING_VERBS:
        return start
    listener = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if listener is None or start not in (listener.idx, listener.left_edge.idx):
        return start
    for prep in listener.rights:
        topic = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS and topic is not None:
            return topic.left_edge.idx
    return start


class _Claimed:
    """The characters of a text taken by quotes, to ask whether a new span overlaps one.

    A mask, built in one pass however the spans nest (a chain of 10,000 "X said
    that" clauses nests 10,000 deep: benchmarks/scaling.py "said-chain").
    """

    def __init__(self, size: int, spans: list[tuple[int, int]]) -> None:
        edges = np.zeros(size + 1, dtype=np.int32)
        np.add.at(edges, [max(0, min(start, size)) for start, _end in spans], 1)
        np.add.at(edges, [max(0, min(end, size)) for _start, end in spans], -1)
        self.mask = np.cumsum(edges[:size]) > 0

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.mask[start:end].any())

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = True
