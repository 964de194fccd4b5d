"""Train the accurate profile's techniques heads and calibration, and ship them.

    python -m presslens.models.techniques_encoder /work/shared/data/ptc

The steps are in `presslens.models.encoder_heads` (encoding, fitting the heads) and
`presslens.models.techniques_encoder_cv` (the cross-validation that chooses the
mixes, the decoding and the display threshold).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from presslens.layers.techniques.encoded import EncoderHeads
from presslens.models.encoder_heads import article_vectors, train_heads
from presslens.models.techniques import fit_tc


def main(argv: Sequence[str] | None = None) -> int:
    from presslens.models import weights_folder
    from presslens.models.techniques import parse, views_of
    from presslens.models.techniques_encoder_cv import cross_validate
    from presslens.semeval.data import read_train

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m presslens.models.techniques_encoder DATA_DIR", file=sys.stderr)
        return 2
    began = time.perf_counter()
    articles = sorted(read_train(Path(args[0])), key=lambda a: a.article_id)
    views = views_of(articles, parse([a.text for a in articles]))
    vectors = article_vectors(views)
    print(f"parsed and encoded in {time.perf_counter() - began:.0f}s", file=sys.stderr)
    cv = cross_validate(articles, views, vectors, sys.stdout)
    cv.calibration.save(cv.calibration_name)
    classifier = fit_tc(views, articles)
    arrays = train_heads(articles, views, vectors, classifier.model.classes)
    EncoderHeads(arrays, classifier.model.classes, cv.settings).save(weights_folder())
    print(f"shipped heads and calibration in {time.perf_counter() - began:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
