"""Check-worthiness on CLEF-2024 CheckThat! Task 1 English: positive-class F1, both profiles.

Scores the shipped weights (no training) on the dev file, whose F1 also picked
the decision threshold (and, for the accurate profile, the mix and the calibration),
and on the dev-test file, which nothing was tuned on. The fast profile is the n-gram
model; the accurate one mixes it with a head over the encoder's sentence vectors
(reported when torch is installed, with the prefix `accurate_`).

>>> evaluate(Path("checkthat2024-en"), sys.stdout)  # doctest: +SKIP
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from presslens.layers.claims.checkworthy import load_calibration, load_encoder_model, load_model
from presslens.models.calibration import Calibration, expected_calibration_error
from presslens.models.checkworthy import DEV_FILE, DEVTEST_FILE, f1_score, read_sentences


def evaluate(data_dir: Path, out: IO[str] = sys.stdout) -> dict[str, float]:
    """Print precision, recall and F1 on dev and dev-test, and at the display threshold the
    items shown, their precision and the calibration error; return `f1_dev`, `f1_devtest`,
    `display_precision_devtest`, `calibration_error_devtest` (and the same with the prefix
    `accurate_` when the encoder is installed)."""
    from presslens.models import encoder

    files = {"dev": DEV_FILE, "devtest": DEVTEST_FILE}
    data = {name: read_sentences(data_dir / f) for name, f in files.items()}
    model = load_model()
    calibration = load_calibration("fast")
    print(
        f"fast profile: check-worthy threshold {model.threshold:.2f} (picked on dev); display "
        f"threshold {calibration.threshold:.3f} (8 in 10 right on dev)",
        file=out,
    )
    scores = _profile(data, model.score, model.threshold, calibration, "", out)
    if not encoder.available():
        print("accurate profile: not measured (torch is not installed)", file=out)
        return scores
    accurate = load_encoder_model()
    calibration = load_calibration("accurate")
    print(
        f"accurate profile: encoder head mixed {accurate.mix:.2f} with the n-gram model, "
        f"threshold {accurate.threshold:.2f} (picked on dev); display threshold "
        f"{calibration.threshold:.3f} (8 in 10 right on dev)",
        file=out,
    )
    scores |= _profile(data, accurate.score, accurate.threshold, calibration, "accurate_", out)
    return scores


def _profile(
    data: dict[str, tuple[list[str], list[bool]]],
    score: Callable[[list[str]], np.ndarray],
    threshold: float,
    calibration: Calibration,
    prefix: str,
    out: IO[str],
) -> dict[str, float]:
    """One profile's F1 at its decision threshold and its display figures, per file."""
    scores: dict[str, float] = {}
    for name, (texts, labels) in data.items():
        raw = score(texts)
        scores[f"{prefix}f1_{name}"] = _line(name, labels, raw >= threshold, out)
        scores[f"{prefix}average_precision_{name}"] = _ranking(labels, raw, out)
        scores |= _display(name, labels, raw, calibration, prefix, out)
    return scores


def _display(
    name: str,
    labels: list[bool],
    raw: np.ndarray,
    calibration: Calibration,
    prefix: str,
    out: IO[str],
) -> dict[str, float]:
    """Items shown at the display threshold, their precision and recall, and the ECE."""
    confidence = np.asarray([calibration.confidence(s) for s in raw])
    shown = [calibration.clears(c) for c in confidence]
    precision, recall, _f1 = f1_score(labels, shown)
    ece = expected_calibration_error(confidence, np.asarray(labels, dtype=float))
    print(
        f"  {'':8s} at the display threshold: {sum(shown)} shown, P={precision:.4f} "
        f"R={recall:.4f}; calibration error (ECE) {ece:.4f}",
        file=out,
    )
    return {
        f"{prefix}display_precision_{name}": precision,
        f"{prefix}calibration_error_{name}": ece,
    }


def _ranking(labels: list[bool], raw: np.ndarray, out: IO[str]) -> float:
    """Average precision of the scores: how well they rank, whatever the threshold (the F1
    above depends on the threshold picked on dev, and dev-test has a larger share of
    check-worthy sentences than dev)."""
    from sklearn.metrics import average_precision_score

    found = float(average_precision_score(labels, raw))
    print(f"  {'':8s} average precision (no threshold): {found:.4f}", file=out)
    return found


def _line(name: str, labels: list[bool], predicted: np.ndarray, out: IO[str]) -> float:
    precision, recall, f1 = f1_score(labels, list(predicted))
    print(
        f"  {name:8s} {len(labels):5d} sentences, {sum(labels):4d} check-worthy:"
        f"  P={precision:.4f}  R={recall:.4f}  F1={f1:.4f}",
        file=out,
    )
    return f1
