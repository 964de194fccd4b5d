"""Features of tokens (for span identification) and of spans (for technique classification).

Features are named strings with float values so the linear models stay
readable: the evidence of a technique is the list of its strongest feature
names (`word 'regime'`, `lexicon:loaded 'cold-blooded'`). Everything one
article needs is computed once in an `ArticleView` from its parsed spaCy Doc.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import cast

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, TAG
from spacy.tokens import Doc

from presslens.layers.techniques.cue_words import find_lexicon_hits, whole_word_occurrences

#: Characters the PTC v2 gold never starts or ends a span with.
TRIM_CHARS = " \t\r\n.,:;"

QUOTE_CHARS = frozenset("\"'“”‘’«»")

#: Neighbour offsets whose word, tag and lexicon classes describe a token.
WINDOW = (-2, -1, 1, 2)
# Each offset with the kinds of its word, tag and cue features ("w-1", "t-1", "x-1").
WINDOW_PARTS = tuple((k, f"w{k}", f"t{k}", f"x{k}") for k in WINDOW)

#: The token attributes `ArticleView.of` reads, in the order it unpacks them.
_COLUMNS = [ORTH, LOWER, LEMMA, TAG, IDX, LENGTH, IS_SPACE, IS_ALPHA, IS_STOP]

#: Character n-gram orders for span text (TC).
CHAR_NGRAMS = (3, 4, 5)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "X"
    if word[:1].isupper():
        return "Xx"
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "x"
    return "p"


@dataclass(frozen=True)
class LexiconHit:
    """One lexicon phrase found in the text, as a character range and its class."""

    start: int
    end: int
    cue: str


@dataclass
class ArticleView:
    """Per-token arrays of one parsed article, computed once and shared by SI and TC."""

    doc: Doc
    text: str
    lower: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    shape: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    is_space: list[bool] = field(default_factory=list)
    content: list[bool] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    cues: list[tuple[str, ...]] = field(default_factory=list)
    hits: list[LexiconHit] = field(default_factory=list)
    sentence_features: list[list[str]] = field(default_factory=list)
    sentence_words: list[list[str]] = field(default_factory=list)
    lower_text: str = ""

    @classmethod
    def of(cls, doc: Doc, text: str) -> ArticleView:
        view = cls(doc=doc, text=text, lower_text=text.lower())
        # Whole columns from the Doc (one C call) rather than a Token object per token;
        # each distinct string is looked up (and shaped, lowered) once.
        strings = doc.vocab.strings
        array = doc.to_array(_COLUMNS).reshape(len(doc), len(_COLUMNS))
        columns = cast(list[list[int]], array.T.tolist())
        orth, lower, lemma, tag, idx, length, space, alpha, stop = columns
        view.lower = _strings(lower, strings.__getitem__)
        view.lemma = _strings(lemma, lambda key: strings[key].lower())
        view.tag = _strings(tag, strings.__getitem__)
        view.shape = _strings(orth, lambda key: _shape(strings[key]))
        view.starts = idx
        view.ends = [at + size for at, size in zip(idx, length, strict=True)]
        view.is_space = [bool(flag) for flag in space]
        view.content = [bool(a) and not s for a, s in zip(alpha, stop, strict=True)]
        view._find_sentences()
        view._find_cues()
        view._describe_sentences()
        return view

    def _find_sentences(self) -> None:
        # A newline always ends a sentence: PTC and most scraped articles put one per line.
        start = 0
        for sent in self.doc.sents:
            for i in range(sent.start, sent.end):
                if i > start and (self.is_space[i] and "\n" in self.doc[i].text):
                    self.sentences.append((start, i))
                    start = i
            if sent.end > start:
                self.sentences.append((start, sent.end))
                start = sent.end
        self.sent_of = [0] * len(self.doc)
        for n, (a, b) in enumerate(self.sentences):
            for i in range(a, b):
                self.sent_of[i] = n

    def _find_cues(self) -> None:
        # Only the few tokens a phrase covers get a set; every other token has no cue.
        per_token: dict[int, set[str]] = {}
        token_at = {start: n for n, start in enumerate(self.starts)}
        for start, end, cue in find_lexicon_hits(self.text):
            self.hits.append(LexiconHit(start, end, cue))
            n = token_at.get(start)
            if n is None:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                n = span.start
            while n < len(self.doc) and self.starts[n] < end:
                per_token.setdefault(n, set()).add(cue)
                n += 1
        self.cues = [()] * len(self.doc)
        for n, cues in per_token.items():
            self.cues[n] = tuple(sorted(cues))

    def _describe_sentences(self) -> None:
        for n, (a, b) in enumerate(self.sentences):
            words = [i for i in range(a, b) if not self.is_space[i]]
            chars = self.text[self.starts[a] : self.ends[b - 1]] if b > a else ""
            feats = [f"slen={_bucket(len(words), (3, 8, 15, 25, 40))}"]
            if "!" in chars:
                feats.append("s!")
            if "?" in chars:
                feats.append("s?")
            if not QUOTE_CHARS.isdisjoint(chars):
                feats.append("squote")
            if n == 0:
                feats.append("stitle")
            cues = {cue for i in words for cue in self.cues[i]}
            feats.extend(f"sx={cue}" for cue in sorted(cues))
            self.sentence_features.append(feats)
            lemmas = {self.lemma[i] for i in words if self.content[i]}
            self.sentence_words.append([f"sw={lemma}" for lemma in sorted(lemmas)])

    def words(self, a: int, b: int) -> Iterator[int]:
        """Indices of the non-space tokens in `[a, b)`."""
        return (i for i in range(a, b) if not self.is_space[i])


def _strings(keys: list[int], read: Callable[[int], str]) -> list[str]:
    """`read(key)` for each key, called once per distinct key."""
    known = {key: read(key) for key in set(keys)}
    return [known[key] for key in keys]


def sentence_row(view: ArticleView, sentence: int) -> list[str]:
    """Features every token of a sentence shares (its cues, shape and content words)."""
    return view.sentence_features[sentence] + view.sentence_words[sentence]


def token_features(view: ArticleView, i: int, with_sentence: bool = True) -> list[str]:
    """Features of token `i` for the span tagger: itself, its window and (unless
    `with_sentence` is false) its sentence's `sentence_row`."""
    feats = ["bias"]
    feats.extend(f"{kind}={value}" for kind, value in token_parts(view, i))
    if with_sentence:
        feats.extend(sentence_row(view, view.sent_of[i]))
    return feats


def token_parts(view: ArticleView, i: int) -> list[tuple[str, str]]:
    """Token `i`'s own and window features as (kind, value): the feature is "kind=value".

    The tagger scores these pairs through a (kind, value) weight table, without building
    the names; `token_features` builds the names for training.
    """
    a, b = view.sentences[view.sent_of[i]]
    low = view.lower
    word = low[i]
    parts = [
        ("w", word),
        ("l", view.lemma[i]),
        ("t", view.tag[i]),
        ("sh", view.shape[i]),
        ("s3", word[-3:]),
    ]
    parts.extend(("x", cue) for cue in view.cues[i])
    for k, w_kind, t_kind, x_kind in WINDOW_PARTS:
        j = i + k
        if a <= j < b:
            parts.append((w_kind, low[j]))
            parts.append((t_kind, view.tag[j]))
            parts.extend((x_kind, cue) for cue in view.cues[j])
        else:
            parts.append((w_kind, "<edge>"))
    prev = low[i - 1] if i - 1 >= a else "<s>"
    nxt = low[i + 1] if i + 1 < b else "</s>"
    parts.append(("b-", f"{prev}|{word}"))
    parts.append(("b+", f"{word}|{nxt}"))
    parts.append(("pos", str(int((i - a) / max(1, b - a) * 4))))
    return parts


def _token_range(view: ArticleView, start: int, end: int) -> tuple[int, int]:
    span = view.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


def span_features(
    view: ArticleView, start: int, end: int, duplicates: int = 1, same_text: int = 1
) -> tuple[dict[str, float], dict[str, str]]:
    """Features of the span `text[start:end]` for the technique classifier.

    `duplicates` is how often this exact span is listed for classification,
    `same_text` how many listed spans of the article have the same text.

    Returns the features and, for cue features, the text that fired them
    (used to explain a prediction).
    """
    feats: dict[str, float] = {"bias": 1.0}
    fired: dict[str, str] = {}
    a, b = _token_range(view, start, end)
    words = list(view.words(a, b))
    surface = view.text[start:end]
    low = surface.lower()
    for i in words:
        feats[f"w={view.lower[i]}"] = 1.0
        feats[f"l={view.lemma[i]}"] = 1.0
        feats[f"t={view.tag[i]}"] = 1.0
    for i, j in itertools.pairwise(words):
        feats[f"b={view.lower[i]} {view.lower[j]}"] = 1.0
    if words:
        feats[f"first={view.lower[words[0]]}"] = 1.0
        feats[f"last={view.lower[words[-1]]}"] = 1.0
        feats[f"firsttag={view.tag[words[0]]}"] = 1.0
    padded = f" {low} "
    grams = {padded[k : k + n] for n in CHAR_NGRAMS for k in range(len(padded) - n + 1)}
    weight = 1.0 / max(1.0, len(grams) ** 0.5)
    # In sorted order: a set's order follows Python's string hash seed, and the feature
    # order decides the fitted classifier's last digits (evaluate ptc differed between runs).
    for gram in sorted(grams):
        feats[f"c={gram}"] = weight
    feats[f"len={_bucket(len(words), (1, 2, 3, 5, 8, 13, 21, 34))}"] = 1.0
    for hit in view.hits:
        if hit.start >= start and hit.end <= end:
            key = f"x={hit.cue}"
            feats[key] = 1.0
            fired.setdefault(key, view.text[hit.start : hit.end])
    if any(view.content[i] for i in words):
        # Repetition is of content: whole-word occurrences of the span's text.
        found = whole_word_occurrences(view.lower_text, low)
        if len(found) > 1:
            key = f"rep={_bucket(len(found), (2, 3, 5))}"
            feats[key] = 1.0
            fired[key] = f"{len(found)}x"
            if found[0] < start:
                feats["rep:earlier"] = 1.0
    if duplicates > 1:
        feats[f"dup={min(duplicates, 3)}"] = 1.0
    if same_text > 1:
        feats[f"same={_bucket(same_text, (2, 3, 5))}"] = 1.0
        fired[f"same={_bucket(same_text, (2, 3, 5))}"] = f"{same_text}x"
    if surface.isupper():
        feats["allcaps"] = 1.0
    if surface.rstrip().endswith("?"):
        feats["ends?"] = 1.0
    if surface.rstrip().endswith("!"):
        feats["ends!"] = 1.0
    before = view.text[max(0, start - 1) : start]
    if before and before in QUOTE_CHARS:
        feats["quoted"] = 1.0
    if words:
        s = view.sent_of[words[0]]
        sa, sb = view.sentences[s]
        sent_words = list(view.words(sa, sb))
        ratio = len(words) / max(1, len(sent_words))
        feats[f"ratio={_bucket(int(ratio * 10), (1, 3, 6, 9))}"] = 1.0
        for feat in view.sentence_features[s]:
            feats[feat] = 1.0
        for i in sent_words:
            if (i < a or i >= b) and view.content[i]:
                feats[f"cw={view.lemma[i]}"] = 0.5
        for hit in view.hits:
            if view.starts[sa] <= hit.start < view.ends[sb - 1] and not (
                hit.start >= start and hit.end <= end
            ):
                key = f"cx={hit.cue}"
                feats[key] = 1.0
                fired.setdefault(key, view.text[hit.start : hit.end])
    return feats, fired


_SENTENCE_CUES = {
    "s?": "question in the sentence",
    "s!": "exclamation in the sentence",
    "squote": "quotation marks in the sentence",
    "stitle": "in the headline",
    "quoted": "in quotation marks",
    "allcaps": "all capitals",
    "ends?": "ends with '?'",
    "ends!": "ends with '!'",
}


def describe_feature(name: str, fired: dict[str, str]) -> str:
    """A feature name in an analyst's words: `w=regime` -> `word 'regime'`."""
    kind, _, value = name.partition("=")
    labels = {
        "w": "word",
        "l": "lemma",
        "b": "phrase",
        "first": "first word",
        "last": "last word",
        "c": "characters",
        "cw": "context word",
        "t": "tag",
        "firsttag": "first tag",
    }
    if kind == "x":
        return f"lexicon:{value} '{fired.get(name, '')}'"
    if kind == "cx":
        return f"context lexicon:{value} '{fired.get(name, '')}'"
    if kind == "sx":
        return f"sentence has lexicon:{value} cues"
    if name in _SENTENCE_CUES:
        return _SENTENCE_CUES[name]
    if kind == "same":
        return f"found again in the article ({fired.get(name, value)})"
    if kind == "rep":
        return f"repeated in the article ({fired.get(name, value)})"
    if name == "rep:earlier":
        return "said earlier in the article"
    if kind == "len":
        return f"length <= {value} words" if not value.endswith("+") else f"length > {value[:-1]}"
    if kind in labels:
        return f"{labels[kind]} '{value.strip()}'"
    return name


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink `[start, end)` so it neither starts nor ends with space or `.,:;` (PTC v2 gold)."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end
