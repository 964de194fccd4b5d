"""Check-worthiness on CLEF-2024 CheckThat! Task 1 English: positive-class F1 of the shipped model.

Scores the shipped weights (no training) on the dev file, whose F1 also picked
the decision threshold, and on the dev-test file, which nothing was tuned on.

>>> evaluate(Path("checkthat2024-en"), sys.stdout)  # doctest: +SKIP
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from presslens.layers.claims.checkworthy import load_model
from presslens.models.checkworthy import DEV_FILE, DEVTEST_FILE, f1_score, read_sentences


def evaluate(data_dir: Path, out: IO[str] = sys.stdout) -> dict[str, float]:
    """Print precision, recall and F1 on dev and dev-test; return `f1_dev` and `f1_devtest`."""
    model = load_model()
    scores: dict[str, float] = {}
    print(f"check-worthy threshold {model.threshold:.2f} (picked on dev)", file=out)
    for name, file_name in (("dev", DEV_FILE), ("devtest", DEVTEST_FILE)):
        texts, labels = read_sentences(data_dir / file_name)
        predicted = list(model.score(texts) >= model.threshold)
        precision, recall, f1 = f1_score(labels, predicted)
        print(
            f"  {name:8s} {len(texts):5d} sentences, {sum(labels):4d} check-worthy:"
            f"  P={precision:.4f}  R={recall:.4f}  F1={f1:.4f}",
            file=out,
        )
        scores[f"f1_{name}"] = f1
    return scores
