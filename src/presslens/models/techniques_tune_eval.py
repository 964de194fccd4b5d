"""Scoring the fine-tuned span tagger on one held-out fold beside the frozen heads.

Both go through the brief's path: zero outside the sentences the linear tagger
(fitted on the other folds) proposes, mixed with it, decoded by the grid of
`presslens.models.encoder_heads`. The grid is searched on the held-out fold for
both, so both figures are equally (slightly) optimistic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from presslens.layers.techniques.encoded import candidates, token_inputs
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import FoundSpan, decode
from presslens.layers.techniques.tuned import TunedTagger
from presslens.models.calibration import Calibration, expected_calibration_error, fit
from presslens.models.encoder_heads import (
    CANDIDATE,
    FOLDS,
    MIX_GRID,
    best_decoding,
)
from presslens.models.techniques_cv import MIN_SHOWN, TARGET_PRECISION
from presslens.semeval.data import PtcArticle
from presslens.semeval.scorer import SiScore, si_score

#: Shares of the tuned tagger against the linear one tried (the frozen heads' grid and 0.3).
TUNED_MIXES = (*MIX_GRID, 0.3)


def compare_on_fold(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    fold: int,
    tuned: dict[int, NDArray[np.float64]],
    out: IO[str],
) -> dict[str, SiScore]:
    """SI on fold `fold`: linear alone, frozen heads + linear, tuned tagger + linear, the
    mean of tuned and frozen + linear, and the tuned tagger on every sentence + linear."""
    from presslens.layers.techniques.encoded import span_head
    from presslens.models.encoder_heads import article_vectors, train_heads
    from presslens.models.techniques import fit_si, fit_tc

    train = [n for n in range(len(articles)) if n % FOLDS != fold]
    held = [n for n in range(len(articles)) if n % FOLDS == fold]
    tagger = fit_si([views[n] for n in train], [articles[n] for n in train])
    classifier = fit_tc([views[n] for n in train], [articles[n] for n in train])
    vectors = article_vectors([views[n] for n in range(len(articles))])
    heads = train_heads(
        [articles[n] for n in train],
        [views[n] for n in train],
        [vectors[n] for n in train],
        classifier.model.classes,
    )
    linear = {n: tagger.token_probabilities(views[n]) for n in held}
    keep = {n: _candidate_tokens(views[n], linear[n]) for n in held}
    frozen = {n: span_head(heads, token_inputs(views[n], vectors[n])) for n in held}
    gold = {articles[n].article_id: [(s.start, s.end) for s in articles[n].spans] for n in held}
    scores = {
        "linear": _best(articles, views, gold, linear, linear, keep, (1.0,), out, "linear")[0],
        "frozen": _best(articles, views, gold, frozen, linear, keep, MIX_GRID, out, "frozen")[0],
        "tuned": _best(articles, views, gold, tuned, linear, keep, TUNED_MIXES, out, "tuned")[0],
    }
    both = {n: (tuned[n] + frozen[n]) / 2 for n in held}
    scores["tuned_frozen"] = _best(
        articles, views, gold, both, linear, keep, TUNED_MIXES, out, "tuned+frozen"
    )[0]
    everywhere = {n: np.ones(len(views[n].doc), bool) for n in held}
    scores["tuned_all"] = _best(
        articles, views, gold, tuned, linear, everywhere, TUNED_MIXES, out, "tuned, all"
    )[0]
    return scores


def _candidate_tokens(view: ArticleView, linear: NDArray[np.float64]) -> NDArray[np.bool_]:
    wanted = set(candidates(view, linear, CANDIDATE))
    return np.asarray([view.sent_of[i] in wanted for i in range(len(view.doc))], dtype=bool)


def _best(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    gold: dict[str, list[tuple[int, int]]],
    model: dict[int, NDArray[np.float64]],
    linear: dict[int, NDArray[np.float64]],
    keep: dict[int, NDArray[np.bool_]],
    mixes: Sequence[float],
    out: IO[str],
    name: str,
) -> tuple[SiScore, dict[str, float]]:
    """The best SI F1 over mixes and decodings, printed, and its settings."""

    def probs_at(mix: float) -> dict[int, NDArray[np.float64]]:
        return {n: np.where(keep[n], mix * model[n] + (1 - mix) * linear[n], 0.0) for n in model}

    score, settings = best_decoding(articles, views, gold, probs_at, mixes)
    out.write(
        f"{name:12s} SI P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f} "
        f"({score.predicted} predicted; {settings})\n"
    )
    out.flush()
    return score, settings


#: The name the tuned tagger's calibration ships under.
CALIBRATION = "propaganda_accurate_tuned"


def measure_tagger(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    tagger: TunedTagger,
    out: IO[str],
    calibration: Calibration | None = None,
) -> tuple[dict[str, Any], Calibration, dict[str, float]]:
    """The accurate profile with the tuned tagger on the fold it never saw, through the
    brief's path (the shipped int8 layers, candidate sentences only; linear models and
    technique head fitted on the other folds).

    Without `calibration` it chooses the decoding (best SI F1 on that fold) and fits the
    calibration and display threshold there (what `techniques_tune --ship` ships); with
    the shipped settings and calibration it measures them (`presslens evaluate ptc`).
    """
    from presslens.layers.techniques.encoded import shipped_heads, span_sentences
    from presslens.layers.techniques.tuned import base_vectors, tag
    from presslens.models.encoder_heads import article_vectors, mixed_techniques, train_heads
    from presslens.models.techniques import fit_si, fit_tc

    fold = int(tagger.settings["fold"])
    if tagger.settings.get("articles") != len(articles):
        out.write(
            f"note: the tagger was trained on {tagger.settings.get('articles')} articles, not "
            f"these {len(articles)}: fold {fold} here is not the fold it never saw\n"
        )
    train = [n for n in range(len(articles)) if n % FOLDS != fold]
    held = [n for n in range(len(articles)) if n % FOLDS == fold]
    tagger_linear = fit_si([views[n] for n in train], [articles[n] for n in train])
    classifier = fit_tc([views[n] for n in train], [articles[n] for n in train])
    heads = train_heads(
        [articles[n] for n in train],
        [views[n] for n in train],
        article_vectors([views[n] for n in train]),
        classifier.model.classes,
    )
    gold = {articles[n].article_id: [(s.start, s.end) for s in articles[n].spans] for n in held}
    linear = {n: tagger_linear.token_probabilities(views[n]) for n in held}
    settings = dict(tagger.settings)
    if calibration is None:
        plain = replace(tagger, settings=settings | {"mix_si": 1.0})
        tagged = {n: tag(views[n], linear[n], plain) for n in held}
        keep = {n: tagged[n] > 0 for n in held}
        settings |= _best(articles, views, gold, tagged, linear, keep, TUNED_MIXES, out, "tuned")[1]
    chosen = replace(tagger, settings=settings)
    vectors, spans = {}, {}
    for n in held:
        spans[n] = decode(
            views[n],
            tag(views[n], linear[n], chosen),
            chosen.setting("start"),
            chosen.setting("extend"),
            int(chosen.setting("max_gap")),
        )
        # The technique head's vectors, as the brief reads them: only where a span was found.
        found = [(s.start, s.end) for s in spans[n]]
        vectors[n] = base_vectors(views[n], span_sentences(views[n], found), chosen)
    found_si = {articles[n].article_id: [(s.start, s.end) for s in spans[n]] for n in held}
    si = si_score(gold, found_si)
    items: list[tuple[int, FoundSpan, float, bool]] = []
    mix_tc = shipped_heads().setting("mix_tc")
    for n in held:
        found = [(s.start, s.end) for s in spans[n]]
        probs = mixed_techniques(views[n], vectors[n], classifier, heads, found, mix_tc)
        for span, row in zip(spans[n], probs, strict=True):
            right = any(g.start < span.end and span.start < g.end for g in articles[n].spans)
            items.append((n, span, span.score * float(row.max()), right))
    if calibration is None:
        calibration = fit(
            [i[2] for i in items],
            [i[3] for i in items],
            target_precision=TARGET_PRECISION,
            min_support=MIN_SHOWN,
        )
    confidence = [calibration.confidence(i[2]) for i in items]
    shown = [i for i, c in zip(items, confidence, strict=True) if calibration.clears(c)]
    shown_si: dict[str, list[tuple[int, int]]] = {articles[n].article_id: [] for n in held}
    for n, span, _score, _right in shown:
        shown_si[articles[n].article_id].append((span.start, span.end))
    at = si_score(gold, shown_si)
    precision = sum(i[3] for i in shown) / len(shown) if shown else 0.0
    ece = expected_calibration_error(confidence, [float(i[3]) for i in items])
    out.write(
        f"accurate profile, tuned span tagger (fold {fold}, {len(held)} articles it never saw; "
        f"settings {settings}):\n"
        f"SI  best-F1 decoding: P {si.precision:.4f} R {si.recall:.4f} F1 {si.f1:.4f} "
        f"({si.predicted} predicted)\n"
        f"SI  at the display threshold {calibration.threshold:.3f}: P {at.precision:.4f} "
        f"R {at.recall:.4f} F1 {at.f1:.4f}; items right {precision:.4f} of {len(shown)}; "
        f"ECE {ece:.4f} over {len(items)} items\n"
    )
    scores = {
        "si_f1": si.f1,
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_display_precision": at.precision,
        "si_display_recall": at.recall,
        "si_display_f1": at.f1,
        "shown_precision": precision,
        "shown_items": float(len(shown)),
        "calibration_error": ece,
    }
    return settings, calibration, scores
