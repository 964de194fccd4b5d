"""Republications: the same article published again, whole, cut, lightly edited or translated.

Two signals, each a MinHash LSH index (datasketch) for candidates and an
exact check to confirm them:

- **copies**: word shingles of the article text with its boilerplate and
  disclaimer blanked out. LSH at a low Jaccard threshold finds candidates;
  containment (shared shingles over the smaller set) confirms them, so a
  truncated copy matches its full original.
- **translations of copies**: the article's fingerprint, the set of its
  numbers, dates, people and places (cross-script keys) and quoted speakers
  (`translations.py`). Two articles of one language sharing most of it are
  likely two translations of one source even when no sentence matches; two
  articles of different languages sharing enough of it, figures among it, are a
  translation and its source (`translations.TranslationIndex`).

Pairs are joined into clusters (union-find). `explain` says why two
articles are copies: the passages they share, what one adds or removes, the
names they spell differently and which came first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from rapidfuzz import fuzz

from presslens.brief import Brief, Span
from presslens.corpus.records import StoredSignature
from presslens.corpus.store import Store
from presslens.corpus.translations import TranslationIndex, fingerprint, summary, unshared_spans
from presslens.corpus.variants import name_variants

NUM_PERM = 128
# Stored signatures are only comparable under the same seed and hashing scheme.
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"
HASH_DTYPE = np.uint32  # the hash values of the affine32 scheme
FINGERPRINT_PERM = 64
# Words per shingle: 5 keeps formulaic phrases shared by unrelated articles of one
# outlet ("the President of the Russian Federation") from looking like copies.
SHINGLE_WORDS = 5
# Candidates: a truncated copy keeping half of the original has Jaccard ~0.5,
# so the LSH band threshold sits well under it (benchmarks/ingest.py: recall 1.0
# on truncations keeping >= 50% at 0.3, 0.97 at 0.45).
LSH_THRESHOLD = 0.3
# Confirmation: share of the smaller article's shingles found in the larger.
# Unrelated news-sample articles reach at most ~0.1; injected copies >= 0.6.
MIN_CONTAINMENT = 0.5
# Articles shorter than this many shingles are too short to call copies.
MIN_SHINGLES = 20
# Fingerprints: at least this many names/numbers each, and this Jaccard overlap.
MIN_FINGERPRINT = 6
FINGERPRINT_LSH_THRESHOLD = 0.5
MIN_FINGERPRINT_JACCARD = 0.6
# Sentences this similar (rapidfuzz ratio) are one sentence edited, not two.
EDITED_SENTENCE_RATIO = 85

_WORD = re.compile(r"\w+")
# A sentence ends after a run of . ! ? (and closing quotes) before a space, or at a line
# end. Runs are found without overlap, so a text of 60,000 full stops is one pass.
# Chinese and Japanese full stops end a sentence with no space after them.
_SENTENCE_END = re.compile(r"([.!?]+)[\"'”’)]*|[。！？]+[”」』）]*|\n")

Pair = tuple[int, int, str, float]


def content_text(brief: Brief) -> str:
    """The text with boilerplate artifacts and the disclaimer blanked out (offsets kept)."""
    cut = [a for a in brief.artifacts if a.kind == "boilerplate"]
    spans: list[Any] = [*cut]
    if brief.document.disclaimer:
        spans.append(brief.document.disclaimer)
    if not spans:
        return brief.text
    chars = list(brief.text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def shingles(text: str) -> set[str]:
    """Lower-cased word shingles of `SHINGLE_WORDS` words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _minhash(tokens: Iterable[str], num_perm: int) -> LeanMinHash:
    minhash = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    minhash.update_batch([t.encode() for t in tokens])
    return LeanMinHash(minhash)


def _from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(
        seed=MINHASH_SEED, hashvalues=np.frombuffer(data, dtype=HASH_DTYPE), scheme=MINHASH_SCHEME
    )


class RepublicationIndex:
    """The LSH indexes over every stored article, checked against the store's texts."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._text_lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._fingerprint_lsh = MinHashLSH(
            threshold=FINGERPRINT_LSH_THRESHOLD, num_perm=FINGERPRINT_PERM
        )
        self._translations = TranslationIndex()
        self._languages: dict[int, str] = {
            int(i): str(language or "")
            for i, language in store.rows("SELECT id, language FROM articles")
        }
        for signature in store.signatures():
            self._insert(signature)

    def _insert(self, signature: StoredSignature) -> None:
        language = self._languages.get(signature.article_id, "")
        self._translations.insert(signature.article_id, language, signature.fingerprint)
        if signature.shingles >= MIN_SHINGLES:
            self._text_lsh.insert(signature.article_id, _from_bytes(signature.minhash))
        if len(signature.fingerprint) >= MIN_FINGERPRINT:
            self._fingerprint_lsh.insert(
                signature.article_id, _minhash(signature.fingerprint, FINGERPRINT_PERM)
            )

    def add(self, added: Sequence[tuple[int, Brief]]) -> list[Pair]:
        """Index newly stored articles; store and return the republication pairs they form."""
        pairs: list[Pair] = []
        with self._store.transaction():
            for article_id, brief in added:
                self._languages[article_id] = brief.document.language
                own = shingles(content_text(brief))
                minhash = _minhash(own, NUM_PERM)
                prints = fingerprint(brief)
                copies = self._confirmed_copies(article_id, own, minhash)
                pairs.extend(copies)
                found = {p[0] for p in copies}
                same_language = self._confirmed_translations(article_id, prints, found)
                pairs.extend(same_language)
                found.update(p[0] for p in same_language)
                language = brief.document.language
                pairs.extend(
                    (other_id, article_id, "translation", share)
                    for other_id, share in self._translations.matches(language, prints)
                    if other_id not in found
                )
                hashes = minhash.hashvalues.astype(HASH_DTYPE).tobytes()
                signature = StoredSignature(article_id, hashes, len(own), prints)
                self._insert(signature)
                self._store.add_signatures([signature])
            if pairs:
                self._store.add_pairs(pairs)
                self._store.set_clusters(clusters(self._store.pairs()))
        return pairs

    def _confirmed_copies(self, article_id: int, own: set[str], minhash: LeanMinHash) -> list[Pair]:
        if len(own) < MIN_SHINGLES:
            return []
        pairs = []
        for other_id in sorted(self._text_lsh.query(minhash)):
            other = shingles(content_text(self._store.get_brief(other_id)))
            share = len(own & other) / max(min(len(own), len(other)), 1)
            if share >= MIN_CONTAINMENT:
                pairs.append((other_id, article_id, "copy", round(share, 4)))
        return pairs

    def _confirmed_translations(
        self, article_id: int, prints: tuple[str, ...], copied: set[int]
    ) -> list[Pair]:
        if len(prints) < MIN_FINGERPRINT:
            return []
        candidates = sorted(
            set(self._fingerprint_lsh.query(_minhash(prints, FINGERPRINT_PERM))) - copied
        )
        own = set(prints)
        language = self._languages.get(article_id, "")
        pairs = []
        for other in self._store.signatures(candidates):
            if self._languages.get(other.article_id, "") != language:
                continue  # across languages, `TranslationIndex` decides
            theirs = set(other.fingerprint)
            jaccard = len(own & theirs) / len(own | theirs)
            if jaccard >= MIN_FINGERPRINT_JACCARD:
                pairs.append((other.article_id, article_id, "translation", round(jaccard, 4)))
        return pairs


def clusters(pairs: Iterable[Pair]) -> dict[int, int]:
    """Union-find over pairs: article id -> cluster id (the smallest id in its cluster)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b, _kind, _similarity in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: root(node) for node in parent}


@dataclass(frozen=True)
class PairExplanation:
    """Why two stored articles are copies, every passage as offsets into each text."""

    a_id: int
    b_id: int
    kind: str
    similarity: float
    #: The copy published first; None when neither copy is dated.
    earliest_id: int | None
    shared: tuple[tuple[Span, Span], ...]
    removed: tuple[Span, ...]  # in a only
    added: tuple[Span, ...]  # in b only
    edited: tuple[tuple[Span, Span], ...]
    name_variants: tuple[tuple[str, str], ...]
    #: For translations: what the two share and what one adds or drops, in a sentence.
    summary: str | None = None

    def to_dict(self, a: Brief, b: Brief) -> dict[str, Any]:
        """JSON-ready, with the text of every passage derived from its offsets."""

        def span(brief: Brief, s: Span) -> dict[str, Any]:
            return {"start": s.start, "end": s.end, "text": brief.text[s.start : s.end]}

        return {
            "a": self.a_id,
            "b": self.b_id,
            "kind": self.kind,
            "similarity": self.similarity,
            "earliest": self.earliest_id,
            "shared": [{"a": span(a, x), "b": span(b, y)} for x, y in self.shared],
            "removed": [span(a, s) for s in self.removed],
            "added": [span(b, s) for s in self.added],
            "edited": [{"a": span(a, x), "b": span(b, y)} for x, y in self.edited],
            "name_variants": [list(pair) for pair in self.name_variants],
            "summary": self.summary,
        }


def sentences(text: str) -> list[Span]:
    """Sentence-like stretches of text (split at . ! ? and line ends), stripped; linear time."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() == "\n":
            _add_sentence(spans, text, start, match.start())
            start = match.end()
        elif match.group(1) is None or (
            (match.end() == len(text) or text[match.end()].isspace())
            # A sentence holds at least one character before its closing run.
            and (match.start() > start or len(match.group(1)) > 1)
        ):
            _add_sentence(spans, text, start, match.end())
            start = match.end()
    _add_sentence(spans, text, start, len(text))
    return spans


def _add_sentence(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    if not _WORD.search(piece):
        return
    spans.append(
        Span(start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip())))
    )


def explain(
    a_id: int, a: Brief, b_id: int, b: Brief, kind: str = "copy", similarity: float = 0.0
) -> PairExplanation:
    """Shared passages, what `b` adds or removes relative to `a`, differing name spellings.

    Copies in two languages share no passage word for word: what `b` adds or removes
    are then the sentences holding facts only one of them states, and `summary` says
    what they share ("translation (Russian -> English): shares 3 people, 7 numbers...").
    """
    if a.document.language != b.document.language:
        return _explain_translation(a_id, a, b_id, b, similarity)
    a_sents, b_sents = sentences(content_text(a)), sentences(content_text(b))
    a_keys = [_sentence_key(a.text, s) for s in a_sents]
    b_keys = [_sentence_key(b.text, s) for s in b_sents]
    shared: list[tuple[Span, Span]] = []
    edited: list[tuple[Span, Span]] = []
    removed: list[Span] = []
    added: list[Span] = []
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            shared.append(
                (
                    Span(a_sents[i1].start, a_sents[i2 - 1].end),
                    Span(b_sents[j1].start, b_sents[j2 - 1].end),
                )
            )
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        while (
            left
            and right
            and fuzz.ratio(a_keys[left[0]], b_keys[right[0]]) >= EDITED_SENTENCE_RATIO
        ):
            edited.append((a_sents[left.pop(0)], b_sents[right.pop(0)]))
        removed.extend(a_sents[i] for i in left)
        added.extend(b_sents[j] for j in right)
    earliest = earliest_of({a_id: a, b_id: b})
    return PairExplanation(
        a_id,
        b_id,
        kind,
        similarity,
        earliest,
        tuple(shared),
        tuple(removed),
        tuple(added),
        tuple(edited),
        name_variants(a, b),
        summary(a, b) if kind == "translation" else None,
    )


def _explain_translation(
    a_id: int, a: Brief, b_id: int, b: Brief, similarity: float
) -> PairExplanation:
    only_a, only_b = unshared_spans(a, b)
    return PairExplanation(
        a_id,
        b_id,
        "translation",
        similarity,
        earliest_of({a_id: a, b_id: b}),
        shared=(),
        removed=_holding(content_text(a), only_a),
        added=_holding(content_text(b), only_b),
        edited=(),
        name_variants=(),
        summary=summary(a, b),
    )


def _holding(text: str, facts: list[Span]) -> tuple[Span, ...]:
    """The sentences of `text` that hold any of `facts`, in order."""
    return tuple(
        sentence
        for sentence in sentences(text)
        if any(sentence.start <= f.start < sentence.end for f in facts)
    )


def _sentence_key(text: str, span: Span) -> str:
    return " ".join(_WORD.findall(text[span.start : span.end].lower()))


def earliest_of(briefs: dict[int, Brief]) -> int | None:
    """The id of the copy published first (ties: the lower id); None when none is dated."""
    dated = [(b.document.published, i) for i, b in briefs.items() if b.document.published]
    return min(dated)[1] if dated else None
