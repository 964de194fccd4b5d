"""Persuasion techniques on PTC train (SemEval-2020 Task 11): 5-fold cross-validation by article.

Folds are deterministic: article ids sorted, fold = index % 5. Each fold trains
the span tagger and the technique classifier on the other four folds (the same
`presslens.models.techniques` functions that build the shipped models) and
predicts its own articles: SI spans from scratch, TC labels for the gold spans.
Articles are parsed once per run and shared by the folds. Scores come from
`presslens.semeval.scorer`.

Both profiles are reported: the fast one (linear models) and, when the encoder is
installed, the accurate one (scores prefixed `accurate_`). Its SI is the shipped
fine-tuned span tagger on fold 0, the fold it was trained without
(`presslens.models.techniques_tune_eval.measure_tagger`, with the shipped settings
and calibration): CI cannot fine-tune five times. Its TC, and the frozen heads' SI
for comparison (`accurate_frozen_`), are the 5-fold CV of
`presslens.models.techniques_encoder_cv` with the shipped heads' settings.
Encoding PTC train takes 3-6 minutes on 2 cores the first time; the vectors are
cached under /tmp for later runs.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import IO

from presslens.brief import TECHNIQUES
from presslens.layers.techniques.features import ArticleView
from presslens.models.calibration import Calibration, expected_calibration_error
from presslens.models.techniques import parse, views_of
from presslens.models.techniques_cv import CALIBRATION, FOLDS, CrossValidation, cross_validate
from presslens.semeval.data import PtcArticle, read_train
from presslens.semeval.scorer import si_score, tc_score


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Cross-validate SI and TC on `data_dir` (the `ptc` folder or its `train/`)."""
    began = time.perf_counter()
    articles = sorted(read_train(data_dir), key=lambda a: a.article_id)
    views = views_of(articles, parse([a.text for a in articles]))
    parsed = time.perf_counter()
    gold_si = {a.article_id: [(s.start, s.end) for s in a.spans] for a in articles}
    cv = cross_validate(articles, views, FOLDS)
    predicted_si, gold_tc, predicted_tc = cv.predicted_si, cv.gold_tc, cv.predicted_tc
    si = si_score(gold_si, predicted_si)
    tc = tc_score(gold_tc, predicted_tc)
    out.write(
        f"PTC train, {len(articles)} articles, {FOLDS}-fold CV by article "
        f"(ids sorted, fold = index % {FOLDS}); parse {parsed - began:.0f}s, "
        f"total {time.perf_counter() - began:.0f}s\n"
    )
    out.write(
        f"SI  precision {si.precision:.4f}  recall {si.recall:.4f}  F1 {si.f1:.4f}  "
        f"({si.predicted} predicted, {si.gold} gold spans after merging)\n"
    )
    out.write(f"TC  micro-F1 {tc.micro_f1:.4f} over {tc.spans} gold spans\n")
    for technique in TECHNIQUES:
        out.write(f"    {technique:<36} F1 {tc.per_technique[technique]:.4f}\n")
    shown = _layer_as_shown(cv, gold_si, out)
    scores = {
        "si_f1": si.f1,
        "si_precision": si.precision,
        "si_recall": si.recall,
        "tc_micro_f1": tc.micro_f1,
        **shown,
    }
    return scores | _accurate(articles, views, cv, out)


def _accurate(
    articles: list[PtcArticle], views: list[ArticleView], cv: CrossValidation, out: IO[str]
) -> dict[str, float]:
    """The accurate profile's cross-validation, with what ships (settings, calibration)."""
    from presslens.models import encoder

    if not encoder.available():
        out.write("accurate profile: not measured (torch is not installed)\n")
        return {}
    from presslens.layers.techniques.encoded import shipped_heads
    from presslens.layers.techniques.tuned import shipped_tagger
    from presslens.models.encoder_heads import article_vectors
    from presslens.models.techniques_encoder_cv import CALIBRATION as ACCURATE
    from presslens.models.techniques_encoder_cv import cross_validate as accurate_cv
    from presslens.models.techniques_tune_eval import CALIBRATION as TUNED
    from presslens.models.techniques_tune_eval import measure_tagger

    began = time.perf_counter()
    vectors = article_vectors(views)
    shipped = (shipped_heads().settings, Calibration.load(ACCURATE))
    out.write("frozen encoder heads (the technique head ships; its span head is replaced):\n")
    result = accurate_cv(articles, views, vectors, out, cv.models, shipped)
    frozen = {f"accurate_frozen_{name}": value for name, value in result.scores.items()}
    _settings, _calibration, tuned = measure_tagger(
        articles, views, shipped_tagger(), out, Calibration.load(TUNED)
    )
    out.write(f"    (accurate profile: {time.perf_counter() - began:.0f}s)\n")
    return (
        frozen
        | {"accurate_tc_micro_f1": result.scores["tc_micro_f1"]}
        | {f"accurate_{name}": value for name, value in tuned.items()}
    )


def _layer_as_shown(
    cv: CrossValidation, gold_si: dict[str, list[tuple[int, int]]], out: IO[str]
) -> dict[str, float]:
    """The layer as the brief shows it: calibration, and precision at the display threshold.

    The confidences are the shipped calibration applied to out-of-fold scores; a
    calibration fitted on these same folds is printed beside it for comparison.
    """
    shipped = Calibration.load(CALIBRATION)
    refit = cv.calibration()
    confidence = [shipped.confidence(item[4]) for item in cv.items]
    right = [item[5] for item in cv.items]
    at = [shipped.clears(c) for c in confidence]
    shown = [item for item, is_shown in zip(cv.items, at, strict=True) if is_shown]
    precision = sum(item[5] for item in shown) / len(shown) if shown else 0.0
    labelled = [same for same, is_shown in zip(cv.same_technique, at, strict=True) if is_shown]
    technique_precision = sum(labelled) / len(labelled) if labelled else 0.0
    empty: dict[str, list[tuple[int, int]]] = {article: [] for article in gold_si}
    shown_si = empty | _spans_by_article(shown)
    si_shown = si_score(gold_si, shown_si)
    ece = expected_calibration_error(confidence, [float(r) for r in right])
    out.write(
        f"layer as shown ({len(cv.items)} items out of fold, right = overlaps a gold span):\n"
        f"    all items: precision {sum(right) / max(len(right), 1):.4f}; calibration error "
        f"(ECE) {ece:.4f}\n"
        f"    display threshold {shipped.threshold:.3f} (shipped): {len(shown)} shown, "
        f"precision {precision:.4f} (with the gold technique {technique_precision:.4f}); "
        f"SI at it: P {si_shown.precision:.4f} "
        f"R {si_shown.recall:.4f} F1 {si_shown.f1:.4f}\n"
        f"    refit on these folds: threshold {refit.threshold:.3f}, {refit.shown} shown, "
        f"precision {refit.precision:.4f}\n"
    )
    return {
        "shown_precision": precision,
        "shown_items": float(len(shown)),
        "calibration_error": ece,
    }


def _spans_by_article(
    items: list[tuple[str, int, int, str, float, bool]],
) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for article, start, end, *_rest in items:
        found.setdefault(article, []).append((start, end))
    return found
