"""Cross-validation of the techniques models on PTC train, and the calibration it gives.

Folds are deterministic: article ids sorted, fold = index % 5. Each fold trains
the span tagger and the technique classifier on the other folds and predicts
its own articles: SI spans from scratch, TC labels for the gold spans (the
task's two scores), and the whole layer as the brief shows it (the tagger's
spans labelled by the classifier, each with its raw score). An item counts as
right, for the calibration and the display threshold, when it overlaps a gold
propaganda span (SI precision, as the techniques issue sets the threshold);
whether its technique is also the gold one is kept beside it and reported.

`presslens evaluate ptc` prints these figures; `python -m presslens.models.techniques_cv
DATA_DIR` ships the calibration they give (`weights/propaganda_calibration.json`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import SpanTagger, TechniqueClassifier
from presslens.models.calibration import Calibration, fit
from presslens.models.techniques import fit_si, fit_tc
from presslens.semeval.data import PtcArticle
from presslens.semeval.scorer import LabelledSpan

FOLDS = 5
#: What the display threshold is chosen for (the techniques issue): 7 of 10 shown right.
TARGET_PRECISION = 0.7
#: The threshold must keep at least this many out-of-fold items, so it is not set by a few.
MIN_SHOWN = 30
#: The name the calibration ships under.
CALIBRATION = "propaganda"


@dataclass
class CrossValidation:
    """Out-of-fold predictions for every article."""

    predicted_si: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    gold_tc: list[LabelledSpan] = field(default_factory=list)
    predicted_tc: list[LabelledSpan] = field(default_factory=list)
    #: The layer's items as shown: (article id, start, end, technique, raw score, right).
    items: list[tuple[str, int, int, str, float, bool]] = field(default_factory=list)
    #: For each item: does a gold span of the same technique overlap it?
    same_technique: list[bool] = field(default_factory=list)
    #: Each fold's models (trained without it), for the accurate profile's cross-validation.
    models: list[tuple[SpanTagger, TechniqueClassifier]] = field(default_factory=list)

    def calibration(self) -> Calibration:
        """The score-to-confidence map and display threshold these items give."""
        return fit(
            [item[4] for item in self.items],
            [item[5] for item in self.items],
            target_precision=TARGET_PRECISION,
            min_support=MIN_SHOWN,
        )


def cross_validate(
    articles: Sequence[PtcArticle], views: Sequence[ArticleView], folds: int = FOLDS
) -> CrossValidation:
    """Train on all folds but one, predict that one, for every fold."""
    result = CrossValidation()
    for fold in range(folds):
        train = [n for n in range(len(articles)) if n % folds != fold]
        tagger = fit_si([views[n] for n in train], [articles[n] for n in train])
        classifier = fit_tc([views[n] for n in train], [articles[n] for n in train])
        result.models.append((tagger, classifier))
        for n in (n for n in range(len(articles)) if n % folds == fold):
            article, view = articles[n], views[n]
            found = tagger.spans(view)
            result.predicted_si[article.article_id] = [(s.start, s.end) for s in found]
            spans = [(s.start, s.end) for s in article.spans]
            for gold, label in zip(
                article.spans, classifier.classify(view, spans, explain=False), strict=True
            ):
                assert gold.technique is not None
                result.gold_tc.append((article.article_id, gold.start, gold.end, gold.technique))
                result.predicted_tc.append(
                    (article.article_id, label.start, label.end, label.technique)
                )
            labelled = classifier.classify(view, [(s.start, s.end) for s in found], explain=False)
            for span, label in zip(found, labelled, strict=True):
                overlapping = [
                    g for g in article.spans if g.start < span.end and span.start < g.end
                ]
                score = span.score * label.probability
                result.items.append(
                    (
                        article.article_id,
                        span.start,
                        span.end,
                        label.technique,
                        score,
                        bool(overlapping),
                    )
                )
                result.same_technique.append(
                    any(g.technique == label.technique for g in overlapping)
                )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m presslens.models.techniques_cv DATA_DIR`: refit the calibration alone."""
    import sys
    from pathlib import Path

    from presslens.models.techniques import parse, views_of
    from presslens.semeval.data import read_train

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m presslens.models.techniques_cv DATA_DIR", file=sys.stderr)
        return 2
    articles = sorted(read_train(Path(args[0])), key=lambda a: a.article_id)
    views = views_of(articles, parse([a.text for a in articles]))
    calibration = cross_validate(articles, views).calibration()
    path = calibration.save(CALIBRATION)
    print(
        f"calibrated on {calibration.items:,} out-of-fold items: display threshold "
        f"{calibration.threshold:.3f} shows {calibration.shown} at precision "
        f"{calibration.precision:.3f} (ECE {calibration.ece:.3f}) -> {path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
