"""A logistic regression over named features, shipped as plain arrays (no pickle).

The quotes layer's two learned models (`layers/quotes/learned.py`, cue verbs, and
`layers/quotes/attribution.py`, whole attributions) score a handful of string features
each ("lemma=insist", "frame=ccomp"). They ship as four arrays: the feature names,
their weights, the bias and the decision threshold picked on held-out train.

>>> model = NamedWeights({"lemma=say": 2.0}, bias=-1.0, threshold=0.5)
>>> round(model.probability(["lemma=say", "unseen"]), 3)
0.731
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class NamedWeights:
    """Feature weights by name, the bias and the decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability for an item with these features (unknown ones weigh 0;
        a feature named twice counts once, as in training)."""
        total = self.bias + sum(self.weights.get(f, 0.0) for f in dict.fromkeys(features))
        return float(1.0 / (1.0 + np.exp(-total)))


def load_named(path: Path) -> NamedWeights | None:
    """The model written by `save_named`, or None when the file is not there."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as arrays:
        names = [str(n) for n in arrays["names"]]
        values = [float(v) for v in arrays["weights"]]
        bias = float(arrays["bias"])
        threshold = float(arrays["threshold"])
    return NamedWeights(dict(zip(names, values, strict=True)), bias, threshold)


def fit_named(rows: list[list[str]], labels: list[int], *, c: float, max_iter: int) -> NamedWeights:
    """A logistic regression (inverse regularisation `c`) fitted on rows of feature names;
    its threshold is 0 until one is picked."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([dict.fromkeys(r, 1.0) for r in rows])
    model = LogisticRegression(C=c, max_iter=max_iter)
    model.fit(matrix, labels)
    names = [str(n) for n in vectoriser.get_feature_names_out()]
    weights = dict(zip(names, (float(w) for w in model.coef_[0]), strict=True))
    return NamedWeights(weights, float(model.intercept_[0]), 0.0)


def save_named(path: Path, model: NamedWeights) -> None:
    """Write the model as four plain arrays (float32 weights)."""
    np.savez_compressed(
        path,
        names=np.array(list(model.weights), dtype=str),
        weights=np.array(list(model.weights.values()), dtype=np.float32),
        bias=np.float32(model.bias),
        threshold=np.float32(model.threshold),
    )


def pick_threshold(scored: list[tuple[float, bool]], target: float, min_items: int) -> float:
    """The lowest score at which the items scoring at least it are right `target` of the
    time, counting only cuts with at least `min_items` items above (1.0: none is)."""
    threshold, hits = 1.0, 0
    for rank, (score, right) in enumerate(sorted(scored, reverse=True), start=1):
        hits += right
        if hits / rank >= target and rank >= min_items:
            threshold = score
    return threshold
