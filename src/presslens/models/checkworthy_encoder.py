"""Train the accurate profile's check-worthiness head on frozen encoder sentence vectors.

    python -m presslens.models.checkworthy_encoder /work/shared/data/checkthat2024-en

Encodes every train, dev and dev-test sentence of CLEF-2024 CheckThat! Task 1
English once (the encoder's own mean-pooled sentence vector; cached under /tmp),
fits a logistic regression on train, and on dev chooses how it mixes with the
n-gram model (`presslens.layers.claims.checkworthy`) and the decision threshold
(smoothed dev F1, as the n-gram model's was chosen). The isotonic calibration of
the mixed score and the precision-first display threshold (8 in 10 right, at least
30 shown) are fitted on dev too; dev-test, untouched by all of it, is reported.
Writes `weights/checkworthy_encoder.npz` (float16 coefficients) and
`weights/checkworthy_accurate_calibration.json`.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from presslens.errors import DataDirError
from presslens.layers.claims.checkworthy import ENCODER_MODEL, EncoderCheckworthy, load_model
from presslens.models.checkworthy import (
    DEV_FILE,
    DEVTEST_FILE,
    TRAIN_FILE,
    display_calibration,
    f1_score,
    pick_threshold,
    read_sentences,
)

CACHE = Path("/tmp/presslens-encoder-cache")
#: Inverse regularisation of the head; the best of 0.3, 1, 3, 10 on dev F1.
C_GRID = (0.3, 1.0, 3.0, 10.0)
MIX_GRID = (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0)
#: The name the calibration ships under.
CALIBRATION = "checkworthy_accurate"


def vectors(texts: Sequence[str]) -> NDArray[np.float32]:
    """Sentence vectors of `texts`, cached on disk by their joined text."""
    from presslens.models import encoder

    CACHE.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"sentences-{digest}.npy"
    if path.is_file():
        cached: NDArray[np.float32] = np.load(path, allow_pickle=False).astype(np.float32)
        return cached
    found = encoder.sentence_vectors(texts)
    np.save(path, found.astype(np.float16), allow_pickle=False)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m presslens.models.checkworthy_encoder DATA_DIR", file=sys.stderr)
        return 2
    folder = Path(args[0])
    try:
        data = {
            name: read_sentences(folder / f)
            for name, f in (("train", TRAIN_FILE), ("dev", DEV_FILE), ("devtest", DEVTEST_FILE))
        }
    except DataDirError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    x = {name: vectors(texts) for name, (texts, _labels) in data.items()}
    y = {name: np.asarray(labels) for name, (_texts, labels) in data.items()}
    ngram = {name: load_model().score(texts) for name, (texts, _labels) in data.items()}
    best: tuple[float, float, float, float, object] = (-1.0, 0.0, 0.0, 0.0, None)
    for c in C_GRID:
        head = LogisticRegression(C=c, max_iter=2000).fit(x["train"], y["train"])
        encoded = head.predict_proba(x["dev"])[:, 1]
        for mix in MIX_GRID:
            mixed = mix * encoded + (1 - mix) * ngram["dev"]
            threshold = pick_threshold(mixed, list(y["dev"]))
            f1 = f1_score(list(y["dev"]), list(mixed >= threshold))[2]
            if f1 > best[0]:
                best = (f1, c, mix, threshold, head)
    _f1, c, mix, threshold, head = best
    assert isinstance(head, LogisticRegression)
    model = EncoderCheckworthy(
        coef=head.coef_[0].astype(np.float32),
        intercept=float(head.intercept_[0]),
        mix=mix,
        threshold=threshold,
    )
    scores = {name: model.mixed(x[name], ngram[name]) for name in data}
    calibration = display_calibration(list(scores["dev"]), list(y["dev"]), threshold)
    calibration.save(CALIBRATION)
    model.save(ENCODER_MODEL)
    print(f"head C={c}, mix {mix} (encoder share), threshold {threshold:.2f} (dev F1)")
    for name in ("dev", "devtest"):
        p, r, f1 = f1_score(list(y[name]), list(scores[name] >= threshold))
        confidence = [calibration.confidence(s) for s in scores[name]]
        shown = [calibration.clears(v) for v in confidence]
        sp, sr, _sf = f1_score(list(y[name]), shown)
        from presslens.models.calibration import expected_calibration_error

        ece = expected_calibration_error(confidence, y[name].astype(float))
        print(
            f"  {name:8s} F1 threshold: P {p:.4f} R {r:.4f} F1 {f1:.4f}; display threshold "
            f"{calibration.threshold:.3f}: P {sp:.4f} R {sr:.4f} ({sum(shown)} shown); "
            f"ECE {ece:.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
