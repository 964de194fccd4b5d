"""Attributions the rules and the linear model miss, from a tagger over the encoder.

Accurate profile only (off in the fast one, and inside `attribution.rules_only()`).
The sentences of the article not already mostly quoted go through the encoder
(all-MiniLM-L6-v2) whose top two layers were fine-tuned on PolNeAR train to label each
word piece O, Source, Cue or Content (`presslens.models.attribution_tagger`). A run of
Content pieces becomes a quote when:

- it lies outside every quote already found (the rules' and the linear model's);
- its sentence holds a Cue run (the one nearest the content) that is a speech act: no
  word of it negates, its verbs are not negated or hypothetical, plans or topics
  (`acts.not_said`, the `not_speech_verbs` lexicon), not after "without"; a verb no cue
  lexicon lists must be one the cue model calls a cue (`learned.py`); a cue of function
  words only ("by" in "opened the meeting by reviewing ...") is none;
- its sentence holds a Source run (the one nearest the cue) whose head word names an
  agent (`agents.is_agent`), not "I"/"we"/"you" and not the one asked or told (a
  passive subject); that word is the subject the layer's speaker machinery resolves,
  like any rule quote's;
- the content is not a topic or a name: not the object of "on", "about", "of", nor of a
  phrase away from the cue, nor a name given ("call it a 'rumor'"); an object of the cue
  only after a cue lexicon's verb or as a noun of speech (as the linear model reads);
- source, cue and content lie in one paragraph, and the cue not in a headline;
- it has at least `MIN_WORDS` words and its score (the lowest of the three runs' mean
  probabilities) reaches the threshold chosen on held-out train for precision 0.68.

A Content run that ends its sentence continues into a next sentence that opens with
Content and holds no Cue or Source of its own (PolNeAR's contents run across
sentences). Each quote carries evidence "learned-attribution-tagger" and its score's
isotonic calibration on held-out train as `confidence`.

Weights: `models/weights/quote_tagger.npz` (the head and the tuned layers' int8
differences from the pinned encoder, `presslens.models.tuned_layers`). Without them,
or without torch, no quote is added.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.brief import Span
from presslens.errors import ModelMissing
from presslens.layers.quotes.acts import NEGATIONS, not_said
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.attribution import cue_lemmas, models_on, not_speech_verbs
from presslens.layers.quotes.learned import learned_cues
from presslens.layers.quotes.parts import (
    CLAIM_NOUNS,
    HELD_NOUNS,
    Found,
    count_words,
    speech_nouns,
)
from presslens.layers.quotes.speakers import FIRST_PERSON
from presslens.models import weights_folder
from presslens.models.calibration import Calibration

TAGGER_PATH = weights_folder() / "quote_tagger.npz"
CALIBRATION = "quote_tagger"
REBUILD = "python -m presslens.models.attribution_tagger DATA_DIR/polnear"
EVIDENCE = "learned-attribution-tagger"
#: The labels of the tagger's head, in its output order (PolNeAR's roles, IO tagging).
ROLES = ("O", "Source", "Cue", "Content")
SOURCE, CUE, CONTENT = 1, 2, 3
#: Fewer words than this are a name or a phrase, not a quote (as the linear model's).
MIN_WORDS = 4
#: Sentences the tagger reads: at least this many tokens (a source, a cue and `MIN_WORDS`
#: of content), and less than this share of their characters in quotes found already
#: (the tagger adds quotes only outside them). Not tuned: they spare the encoder work.
MIN_SENTENCE_TOKENS = 6
# Words a content run may not end on: it stopped inside a phrase ("and", "(as", "about").
DANGLING_POS = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "PART"})
#: Prepositions that make a speech act one that did not happen.
WITHOUT = frozenset({"without", "instead"})
#: Prepositions whose object is what was talked about, not what was said.
TOPIC_PREPOSITIONS = frozenset({"on", "about", "of", "regarding", "concerning", "over"})
#: How a paragraph that is not a headline ends (a colon ends an intro).
SENTENCE_ENDS = tuple(".!?…:\"'”’»)")
MAX_CLAIMED_SHARE = 0.5


@dataclass(frozen=True)
class Tagger:
    """The tuned top layers and the role head, with the display threshold."""

    weight: NDArray[np.float32]  # (roles, width)
    bias: NDArray[np.float32]  # (roles,)
    first_tuned: int
    tuned: dict[str, NDArray[Any]] = field(repr=False)
    threshold: float = 1.0

    def layers(self) -> Any:
        return _rebuilt(self)

    def probabilities(
        self, sentences: Sequence[str]
    ) -> list[tuple[NDArray[np.int64], NDArray[np.float32]]]:
        """Per sentence: its word pieces' character offsets and their role probabilities."""
        from presslens.models import encoder

        out = []
        for offsets, (states,) in encoder.encode_tops(sentences, [list(self.layers())]):
            logits = states @ self.weight.T + self.bias
            logits = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            out.append((offsets, (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)))
        return out

    def save(self, path: Path = TAGGER_PATH) -> None:
        arrays: dict[str, NDArray[Any]] = {
            "weight": self.weight.astype(np.float16),
            "bias": self.bias.astype(np.float32),
            "first_tuned": np.array([self.first_tuned]),
            "threshold": np.array([self.threshold]),
        }
        np.savez_compressed(path, **arrays, **self.tuned)  # type: ignore[arg-type]


_CACHE: dict[int, Any] = {}


def _rebuilt(tagger: Tagger) -> Any:
    from presslens.models.tuned_layers import rebuilt

    key = id(tagger.tuned)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = rebuilt(tagger.tuned, tagger.first_tuned)
    return _CACHE[key]


@lru_cache(maxsize=1)
def load_tagger(path: Path = TAGGER_PATH) -> Tagger | None:
    """The shipped tagger, or None when its weights are not there."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as arrays:
        return Tagger(
            weight=arrays["weight"].astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
            first_tuned=int(arrays["first_tuned"][0]),
            tuned={k: arrays[k] for k in arrays.files if k.startswith("tuned.")},
            threshold=float(arrays["threshold"][0]),
        )


@lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The isotonic map from a tagged quote's score to the share right on held-out train."""
    try:
        return Calibration.load(CALIBRATION)
    except ModelMissing:
        return None


# Set while choosing the threshold: every tagged quote is kept, its raw score as confidence.
_EVERY: ContextVar[bool] = ContextVar("quote_tagger_every", default=False)


@contextmanager
def every_tagged() -> Iterator[None]:
    """Within this block the tagger keeps every quote, its raw score as its confidence."""
    token = _EVERY.set(True)
    try:
        yield
    finally:
        _EVERY.reset(token)


@dataclass
class _Run:
    """A run of word pieces of one role: characters [start, end) and its mean probability."""

    start: int
    end: int
    score: float


def tagged_quotes(doc: Doc, text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """The tagger's quotes outside `taken` (the quotes and cues found so far)."""
    tagger = load_tagger() if models_on() else None
    if tagger is None:
        return []
    every = _EVERY.get()
    calibration = None if every else load_calibration()
    claimed = _claimed_mask(len(text), taken)
    sentences = [
        s
        for s in doc.sents
        if len(s) >= MIN_SENTENCE_TOKENS
        and claimed[s.start_char : s.end_char].mean() < MAX_CLAIMED_SHARE
    ]
    tagged = tagger.probabilities([s.text for s in sentences])
    found = []
    for item, score in _candidates(doc, text, sentences, tagged):
        if _overlaps(item, taken) or item.words(text) < MIN_WORDS or _apart(item, text):
            continue
        if every:
            found.append(_with_confidence(item, score))
        elif score >= tagger.threshold:
            confidence = calibration.confidence(score) if calibration else None
            found.append(_with_confidence(item, confidence))
    return found


def _apart(item: Found, text: str) -> bool:
    """Whether the quote's parts lie in different paragraphs (a sentence the parse ran over
    a line break, "... paid attention to Article 4:" before the article's text), or its cue
    in a headline (a line with no sentence-final mark: headlines never join a quote)."""
    assert item.cue is not None and item.subject is not None
    first = min(item.start, item.cue.start, item.subject.idx)
    last = max(item.end, item.cue.end, item.subject.idx + len(item.subject))
    if "\n" in text[first:last]:
        return True
    end = text.find("\n", item.cue.end)
    line = text[text.rfind("\n", 0, item.cue.start) + 1 : len(text) if end < 0 else end]
    return not line.rstrip().endswith(SENTENCE_ENDS)


def _claimed_mask(size: int, taken: list[tuple[int, int]]) -> NDArray[np.bool_]:
    edges = np.zeros(size + 1, dtype=np.int32)
    np.add.at(edges, [max(0, min(start, size)) for start, _end in taken], 1)
    np.add.at(edges, [max(0, min(end, size)) for _start, end in taken], -1)
    return np.cumsum(edges[:size]) > 0


def _with_confidence(item: Found, confidence: float | None) -> Found:
    item.confidence = None if confidence is None else round(float(confidence), 4)
    return item


def _overlaps(item: Found, taken: list[tuple[int, int]]) -> bool:
    spans = [(item.start, item.end)] + ([(item.cue.start, item.cue.end)] if item.cue else [])
    return any(a < end and start < b for a, b in spans for start, end in taken)


def _candidates(
    doc: Doc,
    text: str,
    sentences: list[TokenSpan],
    tagged: list[tuple[NDArray[np.int64], NDArray[np.float32]]],
) -> Iterator[tuple[Found, float]]:
    """Each content run with its sentence's cue and source, continued across sentences."""
    open_item: tuple[Found, float, int] | None = None  # a quote reaching its sentence's end
    last = -1  # the token after the sentence read before
    for sentence, (offsets, probs) in zip(sentences, tagged, strict=True):
        if open_item is not None and sentence.start != last:
            yield open_item[0], open_item[1]
            open_item = None
        last = sentence.end
        base = sentence.start_char
        roles = probs.argmax(axis=1)
        contents = _runs(offsets, probs, roles, CONTENT, base)
        cues = _runs(offsets, probs, roles, CUE, base)
        sources = _runs(offsets, probs, roles, SOURCE, base)
        if open_item is not None:
            item, score, pieces = open_item
            open_item = None
            first = contents[0] if contents else None
            if first is not None and not cues and not sources and roles[0] == CONTENT:
                item.end = first.end
                score = (score * pieces + first.score) / (pieces + 1)
                contents = contents[1:]
                if not contents and roles[-1] == CONTENT:
                    open_item = (item, score, pieces + 1)
                    continue
            yield item, score
        for run in contents:
            made = _quote(doc, text, run, cues, sources)
            if made is None:
                continue
            item, score = made
            if run is contents[-1] and len(roles) and roles[-1] == CONTENT:
                open_item = (item, score, 1)
            else:
                yield item, score
    if open_item is not None:
        yield open_item[0], open_item[1]


def _runs(
    offsets: NDArray[np.int64],
    probs: NDArray[np.float32],
    roles: NDArray[Any],
    role: int,
    base: int,
) -> list[_Run]:
    runs: list[_Run] = []
    at = 0
    while at < len(roles):
        if roles[at] != role:
            at += 1
            continue
        first = at
        while at < len(roles) and roles[at] == role:
            at += 1
        runs.append(
            _Run(
                base + int(offsets[first, 0]),
                base + int(offsets[at - 1, 1]),
                float(probs[first:at, role].mean()),
            )
        )
    return runs


def _quote(
    doc: Doc, text: str, content: _Run, cues: list[_Run], sources: list[_Run]
) -> tuple[Found, float] | None:
    """The quote of a content run, or None when its sentence gives no speech act by an agent."""
    if not cues or not sources:
        return None
    cue = min(cues, key=lambda run: _distance(run, content))
    source = min(sources, key=lambda run: _distance(run, cue))
    if _distance(source, content) == 0 or _distance(cue, content) == 0:
        return None
    verb = _speech_act(doc, cue)
    subject = _head(doc, source)
    if verb is None or subject is None or not is_agent(subject):
        return None
    if subject.lower_ in FIRST_PERSON | {"you"}:
        return None  # outside a quote, the author's own words or the reader's
    if subject.dep_ == "nsubjpass":
        return None  # "Lopez was asked whether ...": the one asked or told does not speak
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None or count_words(text, span.start_char, span.end_char) == 0:
        return None
    while len(span) > 1 and (span[-1].is_punct or span[-1].pos_ in DANGLING_POS):
        span = span[:-1]  # "... legal entities, and/or", "... city (as": stopped mid-phrase
    first, limit = span.start, max(verb.i, subject.i) + 1
    while (
        first > limit and not doc[first - 1].is_punct and first <= doc[first - 1].head.i < span.end
    ):
        first -= 1  # "[the Russian] Federation to allocate": a run starts at its phrase
    span = doc[first : span.end]
    if not _may_be_said(verb, span.root):
        return None
    if any(c.dep_ == "oprd" and span.start <= c.i < span.end for c in verb.children):
        return None  # "call it a 'rumor'": a name given, not words said
    score = min(content.score, cue.score, source.score)
    words = doc.char_span(cue.start, cue.end, alignment_mode="expand")  # whole words
    assert words is not None  # (`_speech_act` found a verb in it)
    found = Found(
        span.start_char,
        span.end_char,
        "indirect",
        EVIDENCE,
        Span(words.start_char, words.end_char),
        subject,
    )
    return found, score


def _may_be_said(verb: Token, root: Token) -> bool:
    """Whether a content headed by `root` can be what was said.

    The cue's object, or the object of a preposition on the cue, is said only after a cue
    lexicon's verb or as a noun of speech ("noted the progress", "gave his views"), as the
    linear model reads objects (`attribution._contents`): "remembered his ambition" is no
    one's words. The object of "on", "about", "of" is a topic, whatever introduces it
    ("exchanged views on the situation", "agreed on the first step": issue 12's rule 3);
    the object of a phrase away from the cue ("in connection with the sanctions") is
    no content at all."""
    nouns = speech_nouns() | CLAIM_NOUNS | HELD_NOUNS
    said = verb.lemma_.lower() in cue_lemmas()
    if root.dep_ in ("pobj", "prep"):
        prep = root.head if root.dep_ == "pobj" else root
        if prep.lower_ in TOPIC_PREPOSITIONS or prep.head.i != verb.i:
            return False
        return said
    if root.dep_ == "dobj" and root.head.i == verb.i:
        return said or root.lemma_.lower() in nouns
    return True


def _distance(a: _Run, b: _Run) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _speech_act(doc: Doc, cue: _Run) -> Token | None:
    """The cue's verb (its first main verb, else its head), or None when the cue is no
    speech act: a word of it negates ("made no mention") or a verb of it is negated,
    hypothetical ("would likely point out"), a plan or a topic."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not len(span) or any(t.lower_ in NEGATIONS for t in span):
        return None
    verbs = [t for t in span if t.pos_ == "VERB"]
    if any(not_said(v) is not None or v.lemma_.lower() in not_speech_verbs() for v in verbs):
        return None
    if not verbs and all(t.is_stop or t.is_punct for t in span):
        return None  # "started his report by assessing ...": a function word says nothing
    verb = verbs[0] if verbs else span.root
    if not_said(verb) is not None or verb.head.lower_ in WITHOUT:
        return None  # "left without saying that ...": said nothing
    # A verb no cue lexicon lists is a cue only when the cue model calls it one
    # (`learned.py`): "ensured that the bridge reopened" is a deed, not words.
    if verb.pos_ == "VERB" and verb.lemma_.lower() not in cue_lemmas():
        return verb if learned_cues([verb], set()) else None
    return verb


def _head(doc: Doc, source: _Run) -> Token | None:
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
