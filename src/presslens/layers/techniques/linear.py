"""The two linear models (span tagger, technique classifier): weights, prediction, evidence.

Weights are stored as `<name>.npz` (coef, intercept; no pickles) beside
`<name>.json` (feature names, classes, settings) and loaded once.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from presslens.errors import ModelMissing
from presslens.layers.techniques.features import (
    WINDOW_PARTS,
    ArticleView,
    describe_feature,
    sentence_row,
    span_features,
    trim,
)
from presslens.models import weights_folder

SI_MODEL = "propaganda_si"
TC_MODEL = "propaganda_tc"

#: How many features are named in a technique's evidence.
EVIDENCE_FEATURES = 3

#: Features that describe a span's shape or place rather than its words; they
#: are left out of evidence so it names what the span says.
_UNTELLING = ("bias", "t=", "firsttag=", "slen=", "ratio=", "pos=", "len=", "c=", "dup=")


@dataclass(frozen=True)
class LinearModel:
    """A linear model over named features: one row of `coef` per class (one row if binary)."""

    features: tuple[str, ...]
    classes: tuple[str, ...]
    coef: NDArray[np.float32]
    intercept: NDArray[np.float32]
    settings: dict[str, Any]

    @cached_property
    def index(self) -> dict[str, int]:
        """Column of each feature name."""
        return {name: i for i, name in enumerate(self.features)}

    @cached_property
    def weights(self) -> dict[str, float]:
        """Weight of each feature of a binary model (its one row of `coef`)."""
        return dict(zip(self.features, self.coef[0].tolist(), strict=True))

    @cached_property
    def pairs(self) -> dict[tuple[str, str], float]:
        """Weights of a binary model by (kind, value): "w=regime" -> ("w", "regime")."""
        pairs: dict[tuple[str, str], float] = {}
        for name, weight in self.weights.items():
            kind, sep, value = name.partition("=")
            if sep:
                pairs[kind, value] = weight
        return pairs

    @cached_property
    def by_kind(self) -> dict[str, dict[str, float]]:
        """`pairs` split by kind once: "w=regime" -> `by_kind["w"]["regime"]` (a str key
        per lookup, not a tuple built for each)."""
        by_kind: dict[str, dict[str, float]] = {}
        for (kind, value), weight in self.pairs.items():
            by_kind.setdefault(kind, {})[value] = weight
        return by_kind

    def matrix(self, rows: Sequence[dict[str, float] | list[str]]) -> sparse.csr_matrix:
        """Rows of named features as a sparse matrix; unknown names are dropped."""
        index = self.index
        indptr = [0]
        cols: list[int] = []
        vals: list[float] = []
        for row in rows:
            items = row.items() if isinstance(row, dict) else ((name, 1.0) for name in row)
            for name, value in items:
                col = index.get(name)
                if col is not None:
                    cols.append(col)
                    vals.append(value)
            indptr.append(len(cols))
        return sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), cols, indptr),
            shape=(len(rows), len(self.features)),
        )

    def probabilities(self, x: sparse.csr_matrix) -> NDArray[np.float64]:
        """P(class) per row: sigmoid for a binary model (one column), softmax otherwise."""
        scores = np.asarray(x @ self.coef.T, dtype=np.float64) + self.intercept
        if len(self.classes) == 2 and self.coef.shape[0] == 1:
            return 1.0 / (1.0 + np.exp(-scores[:, 0]))
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
        return result

    def strongest(self, row: dict[str, float], label: int, count: int) -> list[str]:
        """Names of the `count` features that pushed `row` most towards class `label`."""
        index = self.index
        pushes = self._pushes
        scored = []
        for name, value in row.items():
            col = index.get(name)
            if col is None or _untelling(name):
                continue
            if (weight := pushes.get((label, col))) is None:
                weight = pushes[label, col] = self._push(label, col)
            if weight * value > 0:
                scored.append((weight * value, name))
        scored.sort(reverse=True)
        return [name for _score, name in scored[:count]]

    @cached_property
    def _pushes(self) -> dict[tuple[int, int], float]:
        """`_push` by (class, column), filled as features are met."""
        return {}

    def _push(self, label: int, col: int) -> float:
        weight = float(self.coef[label, col])
        if len(self.classes) > 2 or self.coef.shape[0] > 1:
            # Push towards this class relative to the average class.
            weight -= float(self.coef[:, col].mean())
        return weight

    def save(self, folder: Path, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / f"{name}.npz",
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )
        meta = {"features": self.features, "classes": self.classes, "settings": self.settings}
        (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, name: str) -> LinearModel:
        try:
            meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
                coef = arrays["coef"].astype(np.float32)
                intercept = arrays["intercept"].astype(np.float32)
        except FileNotFoundError:
            raise ModelMissing(
                f"propaganda model {name!r} is missing from {folder} "
                "(rebuild it: python -m presslens.models.techniques DATA_DIR)"
            ) from None
        return cls(
            features=tuple(meta["features"]),
            classes=tuple(meta["classes"]),
            coef=coef,
            intercept=intercept,
            settings=dict(meta["settings"]),
        )


_WORD_FEATURES = frozenset({"w", "l", "b", "first", "last", "cw"})


@lru_cache(maxsize=65_536)
def _untelling(name: str) -> bool:
    """Features left out of evidence: a span's shape or place, or a function word."""
    return name.startswith(_UNTELLING) or _is_stop(name)


def _is_stop(name: str) -> bool:
    """Features about a function word ("word 'the'") explain nothing to a reader."""
    kind, _, value = name.partition("=")
    if kind not in _WORD_FEATURES:
        return False
    return all(part in STOP_WORDS or not part.isalpha() for part in value.split())


@dataclass(frozen=True)
class FoundSpan:
    """A span the tagger found, with the mean probability of its tokens."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class SpanTagger:
    """Span identification: per-token probabilities decoded into spans with hysteresis.

    A span is a run of tokens of one sentence over `extend` probability (gaps of
    up to `max_gap` tokens bridged) holding at least one token over `start`.
    """

    model: LinearModel

    @property
    def start(self) -> float:
        return float(self.model.settings["start"])

    @property
    def extend(self) -> float:
        return float(self.model.settings["extend"])

    @property
    def max_gap(self) -> int:
        return int(self.model.settings["max_gap"])

    def token_probabilities(self, view: ArticleView) -> NDArray[np.float64]:
        """P(token is in a propaganda span); 0 for whitespace tokens.

        Sums weights directly rather than building a matrix, and scores each
        sentence's shared features once: the model is linear, so this is exact.
        """
        weights = self.model.weights
        shared = np.array(
            [
                sum(weights.get(name, 0.0) for name in sentence_row(view, n))
                for n in range(len(view.sentences))
            ]
        )
        scores = np.full(len(view.doc), -np.inf)
        bias = float(self.model.intercept[0]) + weights.get("bias", 0.0)
        words = np.flatnonzero(~np.array(view.is_space, dtype=bool))
        own = part_sums(view, self.model.by_kind)
        scores[words] = (bias + shared[np.array(view.sent_of, dtype=np.intp)[words]]) + own[words]
        probs: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-scores))
        return probs

    def spans(self, view: ArticleView) -> list[FoundSpan]:
        """Spans found in the article, trimmed as the PTC gold is, in text order."""
        return decode(view, self.token_probabilities(view), self.start, self.extend, self.max_gap)


def part_sums(view: ArticleView, by_kind: dict[str, dict[str, float]]) -> NDArray[np.float64]:
    """Each token's sum of the weights of its `token_parts`, added in the parts' order.

    `by_kind` is the weight table by kind, then value (`LinearModel.by_kind`). Equal,
    float for float, to `sum(pairs.get(part, 0.0) for part in token_parts(view, i))`
    (a test checks it): the parts are laid out as columns in that order, a token with fewer
    cues than another padded with 0.0 (adding 0.0 changes no sum), each column's weights
    looked up once per distinct word, tag or cue set, and the columns added left to right
    for all tokens at once.
    """
    n = len(view.doc)
    at = np.arange(n)
    sentence = np.array(view.sent_of, dtype=np.intp)
    bounds = np.array(view.sentences, dtype=np.intp).reshape(-1, 2)
    first, after = bounds[sentence, 0], bounds[sentence, 1]
    # The words and tags, each read by five kinds ("w" and four window kinds), are split
    # into their distinct values and codes once; a list read once is looked up directly.
    lower, tag = _Distinct(view.lower), _Distinct(view.tag)
    cued = [(i, cues) for i, cues in enumerate(view.cues) if cues]
    columns = [
        lower.weights(by_kind, "w"),
        _weights(by_kind, "l", view.lemma),
        tag.weights(by_kind, "t"),
        _weights(by_kind, "sh", view.shape),
        _weights(by_kind, "s3", [word[-3:] for word in view.lower]),
        *_cue_columns(by_kind, "x", cued, n),
    ]
    for k, w_kind, t_kind, x_kind in WINDOW_PARTS:
        near = np.clip(at + k, 0, max(n - 1, 0))
        inside = (at + k >= first) & (at + k < after)
        edge = by_kind.get(w_kind, {}).get("<edge>", 0.0)
        columns.append(np.where(inside, lower.weights(by_kind, w_kind)[near], edge))
        columns.append(np.where(inside, tag.weights(by_kind, t_kind)[near], 0.0))
        columns.extend(
            np.where(inside, c[near], 0.0) for c in _cue_columns(by_kind, x_kind, cued, n)
        )
    low = view.lower
    prev = [low[i - 1] if i - 1 >= a else "<s>" for i, a in enumerate(first.tolist())]
    nxt = [low[i + 1] if i + 1 < b else "</s>" for i, b in enumerate(after.tolist())]
    columns.append(_weights(by_kind, "b-", [f"{p}|{w}" for p, w in zip(prev, low, strict=True)]))
    columns.append(_weights(by_kind, "b+", [f"{w}|{x}" for w, x in zip(low, nxt, strict=True)]))
    places = [
        str(int((i - a) / max(1, b - a) * 4))
        for i, a, b in zip(range(n), first.tolist(), after.tolist(), strict=True)
    ]
    columns.append(_weights(by_kind, "pos", places))
    total = np.zeros(n)
    for column in columns:
        total += column
    return total


class _Distinct:
    """A list of values as its distinct values and, per position, the code of its value."""

    def __init__(self, values: list[str]) -> None:
        ids: dict[str, int] = {}
        self.codes = np.array([ids.setdefault(value, len(ids)) for value in values], dtype=np.intp)
        self.values = list(ids)

    def weights(self, by_kind: dict[str, dict[str, float]], kind: str) -> NDArray[np.float64]:
        """The weight of (kind, value) at each position, looked up once per distinct value."""
        table = by_kind.get(kind, {})
        weights = np.array([table.get(value, 0.0) for value in self.values], dtype=np.float64)
        return weights[self.codes] if len(self.codes) else np.zeros(0)


def _weights(
    by_kind: dict[str, dict[str, float]], kind: str, values: list[str]
) -> NDArray[np.float64]:
    """The weight of (kind, value) at each position."""
    get = by_kind.get(kind, {}).get
    return np.array([get(value, 0.0) for value in values], dtype=np.float64)


def _cue_columns(
    by_kind: dict[str, dict[str, float]], kind: str, cued: list[tuple[int, tuple[str, ...]]], n: int
) -> list[NDArray[np.float64]]:
    """One column per cue position: the weight of each token's m-th cue, 0.0 past its last.
    `cued` are the (token, its cues) of the tokens with a cue; the others stay 0.0."""
    widest = max((len(cues) for _i, cues in cued), default=0)
    table = by_kind.get(kind, {})
    columns = [np.zeros(n) for _m in range(widest)]
    for i, cues in cued:
        for m, cue in enumerate(cues):
            columns[m][i] = table.get(cue, 0.0)
    return columns


def decode(
    view: ArticleView, probs: NDArray[np.float64], start: float, extend: float, max_gap: int
) -> list[FoundSpan]:
    """Runs of one sentence's tokens over `extend` (gaps of up to `max_gap` tokens bridged)
    holding a token over `start`, trimmed as the PTC gold is, in text order."""
    runs: list[list[int]] = []
    for i in np.flatnonzero(probs >= extend).tolist():
        last = runs[-1][-1] if runs else None
        if last is not None and view.sent_of[last] == view.sent_of[i] and i - last - 1 <= max_gap:
            runs[-1].append(i)
        else:
            runs.append([i])
    found = []
    for run in runs:
        if probs[run].max() < start:
            continue
        begin, end = trim(view.text, view.starts[run[0]], view.ends[run[-1]])
        if end > begin:
            found.append(FoundSpan(begin, end, float(probs[run].mean())))
    return found


@dataclass(frozen=True)
class Labelled:
    """A span with its technique, the probability of that technique and the evidence."""

    start: int
    end: int
    technique: str
    probability: float
    evidence: str


@dataclass(frozen=True)
class TechniqueClassifier:
    """Technique classification of given spans, with the features that decided each."""

    model: LinearModel

    def classify(
        self, view: ArticleView, spans: Sequence[tuple[int, int]], explain: bool = True
    ) -> list[Labelled]:
        """One technique per span, in order; a span listed k times gets its k likeliest labels."""
        if not spans:
            return []
        rows = self.rows(view, spans)
        probs = self.model.probabilities(self.model.matrix([feats for feats, _fired in rows]))
        return self.label(spans, rows, probs, explain)

    def rows(
        self, view: ArticleView, spans: Sequence[tuple[int, int]]
    ) -> list[tuple[dict[str, float], dict[str, str]]]:
        """Each span's features and, for cue features, the text that fired them."""
        counts = Counter(spans)
        texts = Counter(view.text[s:e].lower() for s, e in set(spans))
        return [
            span_features(view, s, e, counts[(s, e)], texts[view.text[s:e].lower()])
            for s, e in spans
        ]

    def probabilities(
        self, view: ArticleView, spans: Sequence[tuple[int, int]]
    ) -> NDArray[np.float64]:
        """P(technique) per span, columns in `model.classes` order."""
        if not spans:
            return np.zeros((0, len(self.model.classes)))
        rows = self.rows(view, spans)
        return self.model.probabilities(self.model.matrix([feats for feats, _fired in rows]))

    def label(
        self,
        spans: Sequence[tuple[int, int]],
        rows: Sequence[tuple[dict[str, float], dict[str, str]]],
        probs: NDArray[np.float64],
        explain: bool = True,
    ) -> list[Labelled]:
        """One technique per span from its probabilities; `rows` give the evidence."""
        seen: dict[tuple[int, int], int] = {}
        labelled = []
        for n, (span, (feats, fired)) in enumerate(zip(spans, rows, strict=True)):
            rank = seen.get(span, 0)
            seen[span] = rank + 1
            # Identical spans carry different techniques in PTC: give the k-th copy the
            # k-th likeliest label rather than repeating the first.
            label = int(np.argsort(-probs[n])[min(rank, len(self.model.classes) - 1)])
            evidence = ""
            if explain:
                names = self.model.strongest(feats, label, EVIDENCE_FEATURES)
                evidence = "; ".join(describe_feature(name, fired) for name in names)
            labelled.append(
                Labelled(
                    span[0], span[1], self.model.classes[label], float(probs[n, label]), evidence
                )
            )
        return labelled


@lru_cache(maxsize=1)
def shipped_models() -> tuple[SpanTagger, TechniqueClassifier]:
    """The shipped span tagger and technique classifier, loaded once."""
    folder = weights_folder()
    return (
        SpanTagger(LinearModel.load(folder, SI_MODEL)),
        TechniqueClassifier(LinearModel.load(folder, TC_MODEL)),
    )
