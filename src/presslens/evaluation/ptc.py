"""Persuasion techniques on PTC train (SemEval-2020 Task 11): 5-fold cross-validation by article.

Folds are deterministic: article ids sorted, fold = index % 5. Each fold trains
the span tagger and the technique classifier on the other four folds (the same
`presslens.models.techniques` functions that build the shipped models) and
predicts its own articles: SI spans from scratch, TC labels for the gold spans.
Articles are parsed once per run and shared by the folds. Scores come from
`presslens.semeval.scorer`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import IO

from presslens.brief import TECHNIQUES
from presslens.models.techniques import fit_si, fit_tc, parse, views_of
from presslens.semeval.data import read_train
from presslens.semeval.scorer import LabelledSpan, si_score, tc_score

FOLDS = 5


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Cross-validate SI and TC on `data_dir` (the `ptc` folder or its `train/`)."""
    began = time.perf_counter()
    articles = sorted(read_train(data_dir), key=lambda a: a.article_id)
    views = views_of(articles, parse([a.text for a in articles]))
    parsed = time.perf_counter()
    gold_si = {a.article_id: [(s.start, s.end) for s in a.spans] for a in articles}
    predicted_si: dict[str, list[tuple[int, int]]] = {}
    gold_tc: list[LabelledSpan] = []
    predicted_tc: list[LabelledSpan] = []
    for fold in range(FOLDS):
        train = [n for n in range(len(articles)) if n % FOLDS != fold]
        test = [n for n in range(len(articles)) if n % FOLDS == fold]
        tagger = fit_si([views[n] for n in train], [articles[n] for n in train])
        classifier = fit_tc([views[n] for n in train], [articles[n] for n in train])
        for n in test:
            article, view = articles[n], views[n]
            predicted_si[article.article_id] = [(s.start, s.end) for s in tagger.spans(view)]
            spans = [(s.start, s.end) for s in article.spans]
            for gold, found in zip(
                article.spans, classifier.classify(view, spans, explain=False), strict=True
            ):
                assert gold.technique is not None
                gold_tc.append((article.article_id, gold.start, gold.end, gold.technique))
                predicted_tc.append((article.article_id, found.start, found.end, found.technique))
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
    return {
        "si_f1": si.f1,
        "si_precision": si.precision,
        "si_recall": si.recall,
        "tc_micro_f1": tc.micro_f1,
    }
