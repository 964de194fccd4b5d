"""Detection scores both time-expression evaluations share (MEANTIME, TimeBank+AQUAINT).

Counts come in as `Counter` keys: `predicted`, `gold`, and how many of each matched
a counterpart relaxed (overlap) and strict (same span): `predicted_relaxed`,
`gold_relaxed`, `predicted_strict`, `gold_strict`.
"""

from __future__ import annotations

from collections import Counter


def ratio(counts: Counter[str], part: str, whole: str) -> float:
    """counts[part] / counts[whole], 0 when there is no whole."""
    return counts[part] / counts[whole] if counts[whole] else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def detection(counts: Counter[str]) -> dict[str, float]:
    """Relaxed precision, recall and F1, and strict F1."""
    precision = ratio(counts, "predicted_relaxed", "predicted")
    recall = ratio(counts, "gold_relaxed", "gold")
    strict_p = ratio(counts, "predicted_strict", "predicted")
    strict_r = ratio(counts, "gold_strict", "gold")
    return {
        "f1": f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "strict_f1": f1(strict_p, strict_r),
    }
