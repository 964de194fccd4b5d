"""Calibrated confidence and a precision-first display threshold for a learned layer's items.

A model's raw score is not a probability that the item is right. From items
scored out of fold (cross-validation) and whether each was right, `fit` learns
an isotonic map from score to the observed share of right items (sklearn's
`IsotonicRegression`), and picks the display threshold: the lowest confidence
at which the items shown (those at or above it) are right at least
`target_precision` of the time, with at least `min_support` such items (and, when
asked, no item shown whose own confidence is under `min_confidence`). It
ships as JSON beside the model's weights (`weights/<name>_calibration.json`).

>>> calibration = Calibration(xs=(0.0, 1.0), ys=(0.1, 0.9), threshold=0.5,
...     target_precision=0.7, precision=0.75, shown=40, items=100, ece=0.02)
>>> calibration.confidence(0.5)
0.5
>>> calibration.in_words(0.85)
'likely'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from presslens.errors import ModelMissing
from presslens.models import weights_folder

#: Bins of the expected calibration error (equal width over 0..1).
ECE_BINS = 10
#: Confidence in words, for readers: the lowest confidence each phrase is used from.
WORDS = ((0.9, "very likely"), (0.7, "likely"), (0.5, "possible"), (0.0, "unlikely"))


@dataclass(frozen=True)
class Calibration:
    """An isotonic map from raw score to confidence, and the display threshold it gives."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    #: Items with a confidence below this are withheld unless asked for.
    threshold: float
    target_precision: float
    #: Share of right items among those shown, out of fold, and how many were shown.
    precision: float
    shown: int
    items: int
    #: Expected calibration error of the confidences, out of fold.
    ece: float

    def clears(self, confidence: float) -> bool:
        """True when an item of this confidence is shown by default.

        When no confidence level reached the target precision (`shown == 0`), none is.
        """
        return self.shown > 0 and confidence >= self.threshold

    def confidence(self, score: float) -> float:
        """The calibrated probability that an item with this raw score is right."""
        return float(np.interp(score, self.xs, self.ys))

    @staticmethod
    def in_words(confidence: float) -> str:
        """'very likely', 'likely', 'possible' or 'unlikely'."""
        return next(word for floor, word in WORDS if confidence >= floor)

    def save(self, name: str, folder: Path | None = None) -> Path:
        path = (folder or weights_folder()) / f"{name}_calibration.json"
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, name: str, folder: Path | None = None) -> Calibration:
        path = (folder or weights_folder()) / f"{name}_calibration.json"
        if not path.is_file():
            raise ModelMissing(f"calibration missing at {path} (rebuild the model it belongs to)")
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{**data, "xs": tuple(data["xs"]), "ys": tuple(data["ys"])})


def fit(
    scores: Sequence[float],
    right: Sequence[bool],
    *,
    target_precision: float,
    min_support: int,
    min_confidence: float = 0.0,
) -> Calibration:
    """The calibration of out-of-fold `scores` against whether each item was `right`."""
    from sklearn.isotonic import IsotonicRegression

    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(right, dtype=np.float64)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    xs, ys = _knots(iso.X_thresholds_, iso.y_thresholds_)
    confidence = np.interp(x, xs, ys)
    threshold, precision, shown = _threshold(
        confidence, y, target_precision, min_support, min_confidence
    )
    return Calibration(
        xs=xs,
        ys=ys,
        threshold=threshold,
        target_precision=target_precision,
        precision=precision,
        shown=shown,
        items=len(x),
        ece=expected_calibration_error(confidence, y),
    )


def expected_calibration_error(
    confidence: Sequence[float] | np.ndarray, right: Sequence[float] | np.ndarray
) -> float:
    """Mean |confidence - share right| over equal-width bins, weighted by their size."""
    c = np.asarray(confidence, dtype=np.float64)
    r = np.asarray(right, dtype=np.float64)
    if not len(c):
        return 0.0
    bins = np.minimum((c * ECE_BINS).astype(int), ECE_BINS - 1)
    total = 0.0
    for b in range(ECE_BINS):
        inside = bins == b
        if inside.any():
            total += inside.sum() * abs(c[inside].mean() - r[inside].mean())
    return float(total / len(c))


def _knots(xs: np.ndarray, ys: np.ndarray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return tuple(round(float(v), 6) for v in xs), tuple(round(float(v), 6) for v in ys)


def _threshold(
    confidence: np.ndarray, right: np.ndarray, target: float, min_support: int, lowest: float
) -> tuple[float, float, int]:
    """The lowest confidence, at least `lowest`, whose shown items reach `target` precision
    (1.0: none does)."""
    order = np.argsort(-confidence, kind="stable")
    hits = np.cumsum(right[order])
    shown = np.arange(1, len(order) + 1)
    precision = hits / shown
    best: tuple[float, float, int] = (1.0, 0.0, 0)
    for n in range(min_support - 1, len(order)):
        level = confidence[order[n]]
        if level < lowest:
            break
        # Only cut between distinct confidences: everything at this level is shown together.
        if n + 1 < len(order) and confidence[order[n + 1]] == level:
            continue
        if precision[n] >= target:
            best = (float(level), float(precision[n]), int(shown[n]))
    return best
