"""Cross-validation of the accurate profile's techniques on PTC train, and what it sets.

Same folds as the fast profile (ids sorted, fold = index % 5). From out-of-fold
scores it chooses, in this order:

* the span decoding and the head/linear mix that give the best SI F1 (what
  `presslens semeval si` serves, the task's own metric);
* the technique mix that gives the best TC micro-F1 on the gold spans;
* the calibration of the layer's items (isotonic, right = overlaps a gold span) and
  the display threshold: the lowest confidence at which 7 in 10 shown items are right
  with at least 30 shown.

The choices are made on the same folds they are reported on, so the figures are
slightly optimistic (a grid of 4 x 4 x 3 decodings and 4 technique mixes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from presslens.brief import TECHNIQUES
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import (
    FoundSpan,
    SpanTagger,
    TechniqueClassifier,
    decode,
)
from presslens.models.calibration import Calibration, expected_calibration_error, fit
from presslens.models.encoder_heads import (
    CANDIDATE,
    MIX_GRID,
    Folded,
    best_decoding,
    fold_scores,
    mixed_techniques,
    mixed_tokens,
)
from presslens.models.techniques_cv import MIN_SHOWN, TARGET_PRECISION
from presslens.semeval.data import PtcArticle
from presslens.semeval.scorer import LabelledSpan, SiScore, TcScore, si_score, tc_score

#: The name the accurate profile's calibration ships under.
CALIBRATION = "propaganda_accurate"


@dataclass
class EncoderCV:
    """What the cross-validation measured and chose."""

    settings: dict[str, Any]
    calibration: Calibration
    scores: dict[str, float] = field(default_factory=dict)
    calibration_name: str = CALIBRATION


def cross_validate(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    out: IO[str],
    linear: Sequence[tuple[SpanTagger, TechniqueClassifier]] = (),
    shipped: tuple[dict[str, Any], Calibration] | None = None,
) -> EncoderCV:
    """Score every article out of fold and report the figures.

    Without `shipped` it chooses the settings and fits the calibration (what the
    training command ships); with the shipped settings and calibration it measures
    them as they are (what `presslens evaluate ptc` reports).
    """
    candidate = float(shipped[0]["candidate"]) if shipped else CANDIDATE
    folded = fold_scores(articles, views, vectors, linear, candidate)
    gold_si = {a.article_id: [(s.start, s.end) for s in a.spans] for a in articles}
    if shipped:
        settings = dict(shipped[0])
    else:
        settings = _choose(articles, views, folded, gold_si) | {"candidate": CANDIDATE}
    spans = [
        decode(
            views[n],
            mixed_tokens(folded, n, settings["mix_si"]),
            settings["start"],
            settings["extend"],
            settings["max_gap"],
        )
        for n in range(len(articles))
    ]
    found = {a.article_id: [(s.start, s.end) for s in spans[n]] for n, a in enumerate(articles)}
    si = si_score(gold_si, found)
    if not shipped:
        settings["mix_tc"] = _technique_mix(articles, views, vectors, folded)
    tc = _technique_score(articles, views, vectors, folded, settings["mix_tc"])
    items = _items(articles, views, vectors, folded, spans, settings["mix_tc"])
    scores = [score for score, _right in items]
    right = [is_right for _score, is_right in items]
    refit = fit(scores, right, target_precision=TARGET_PRECISION, min_support=MIN_SHOWN)
    cv = EncoderCV(settings, shipped[1] if shipped else refit)
    cv.scores = _report(cv, si, tc, items, spans, articles, gold_si, out)
    return cv


def _choose(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    folded: Folded,
    gold_si: dict[str, list[tuple[int, int]]],
) -> dict[str, Any]:
    """The head/linear mix and the span decoding of best out-of-fold SI F1."""

    def probs_at(mix: float) -> dict[int, NDArray[np.float64]]:
        return {n: mixed_tokens(folded, n, mix) for n in range(len(articles))}

    return best_decoding(articles, views, gold_si, probs_at, MIX_GRID)[1]


def _technique_mix(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    folded: Folded,
) -> float:
    """The head/linear mix of best out-of-fold TC micro-F1 on the gold spans."""
    scored = [
        (_technique_score(articles, views, vectors, folded, mix).micro_f1, mix)
        for mix in (*MIX_GRID, 0.0)
    ]
    return max(scored)[1]


def _technique_score(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    folded: Folded,
    mix: float,
) -> TcScore:
    gold: list[LabelledSpan] = []
    predicted: list[LabelledSpan] = []
    for n, article in enumerate(articles):
        fold = folded.fold_of[n]
        spans = [(s.start, s.end) for s in article.spans]
        classifier = folded.classifiers[fold]
        probs = mixed_techniques(
            views[n], vectors[n], classifier, folded.tc_arrays[fold], spans, mix
        )
        labelled = classifier.label(spans, [({}, {})] * len(spans), probs, explain=False)
        for g, label in zip(article.spans, labelled, strict=True):
            gold.append((article.article_id, g.start, g.end, str(g.technique)))
            predicted.append((article.article_id, g.start, g.end, label.technique))
    return tc_score(gold, predicted)


def _items(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    folded: Folded,
    spans: Sequence[list[FoundSpan]],
    mix_tc: float,
) -> list[tuple[float, bool]]:
    """The layer's items as the brief builds them: (raw score, overlaps a gold span)."""
    items = []
    for n, article in enumerate(articles):
        fold = folded.fold_of[n]
        found = [(s.start, s.end) for s in spans[n]]
        probs = mixed_techniques(
            views[n], vectors[n], folded.classifiers[fold], folded.tc_arrays[fold], found, mix_tc
        )
        for span, row in zip(spans[n], probs, strict=True):
            right = any(g.start < span.end and span.start < g.end for g in article.spans)
            items.append((span.score * float(row.max()), right))
    return items


def _report(
    cv: EncoderCV,
    si: SiScore,
    tc: TcScore,
    items: list[tuple[float, bool]],
    spans: Sequence[list[FoundSpan]],
    articles: Sequence[PtcArticle],
    gold_si: dict[str, list[tuple[int, int]]],
    out: IO[str],
) -> dict[str, float]:
    calibration = cv.calibration
    confidence = [calibration.confidence(score) for score, _right in items]
    right = [float(is_right) for _score, is_right in items]
    shown_si: dict[str, list[tuple[int, int]]] = {a.article_id: [] for a in articles}
    shown_right: list[float] = []
    title_right: list[float] = []  # items shown on an article's first line (PTC: its title)
    k = 0
    for n, article in enumerate(articles):
        title_end = article.text.find("\n")
        for span in spans[n]:
            if calibration.clears(confidence[k]):
                shown_si[article.article_id].append((span.start, span.end))
                shown_right.append(right[k])
                if span.start < title_end:
                    title_right.append(right[k])
            k += 1
    at_display = si_score(gold_si, shown_si)
    precision = sum(shown_right) / len(shown_right) if shown_right else 0.0
    ece = expected_calibration_error(confidence, right)
    out.write(
        f"accurate profile (encoder heads + linear, {FOLDS_TEXT}): settings {cv.settings}\n"
        f"SI  best-F1 decoding: P {si.precision:.4f} R {si.recall:.4f} F1 {si.f1:.4f} "
        f"({si.predicted} predicted)\n"
        f"SI  at the display threshold {calibration.threshold:.3f}: P {at_display.precision:.4f} "
        f"R {at_display.recall:.4f} F1 {at_display.f1:.4f} ({at_display.predicted} shown); "
        f"items right {precision:.4f} of {len(shown_right)} "
        f"(on titles: {sum(title_right):.0f} of {len(title_right)})\n"
        f"TC  micro-F1 {tc.micro_f1:.4f}\n"
        f"calibration error (ECE) {ece:.4f} over {len(items)} items\n"
    )
    for technique in TECHNIQUES:
        out.write(f"    {technique:<36} F1 {tc.per_technique[technique]:.4f}\n")
    return {
        "si_f1": si.f1,
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_display_precision": at_display.precision,
        "si_display_recall": at_display.recall,
        "si_display_f1": at_display.f1,
        "tc_micro_f1": tc.micro_f1,
        "shown_precision": precision,
        "shown_items": float(len(shown_right)),
        "calibration_error": ece,
    }


FOLDS_TEXT = "5-fold CV by article, ids sorted, fold = index % 5"
