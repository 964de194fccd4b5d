"""Train the span tagger and the technique classifier on PTC train and ship their weights.

    python -m presslens.models.techniques /work/shared/data/ptc

rebuilds `presslens/models/weights/propaganda_{si,tc}.{npz,json}` from every article of
the train folder; `python -m presslens.models.techniques_cv DATA_DIR` then rebuilds
`propaganda_calibration.json` from 5-fold cross-validation: confidence for each item
and the display threshold.
`presslens.evaluation.ptc` uses the same functions for its cross-validation.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from presslens.brief import TECHNIQUES
from presslens.layers.techniques.features import ArticleView, span_features, token_features
from presslens.layers.techniques.linear import (
    SI_MODEL,
    TC_MODEL,
    LinearModel,
    SpanTagger,
    TechniqueClassifier,
)
from presslens.models import weights_folder
from presslens.nlp import load_pipeline
from presslens.semeval.data import PtcArticle, merge, read_train
from presslens.settings import DEFAULT_PIPELINE

# Set by 5-fold CV on PTC train (`presslens evaluate ptc`): SI decoding (a span
# needs one token over SI_START and extends over tokens above SI_EXTEND, across
# gaps of up to SI_MAX_GAP tokens; F1 0.357, flat within +-0.005 around these)
# and the regularisation of each model (TC micro-F1 0.595 at C=1, 0.596 at C=2, 0.591 at C=6).
SI_START = 0.3
SI_EXTEND = 0.15
SI_MAX_GAP = 2
SI_C = 0.1
TC_C = 2.0
#: A feature seen in fewer training rows than this is dropped (keeps the weights small).
MIN_FEATURE_COUNT = 2

#: spaCy components the propaganda features do not read; skipped when parsing PTC.
UNUSED_COMPONENTS = ("ner", "presslens_entity_fixes")


def parse(texts: Sequence[str], pipeline: str = DEFAULT_PIPELINE) -> list[Doc]:
    """Parse article texts with the presslens spaCy pipeline (no NER: the features skip it)."""
    nlp = load_pipeline(pipeline)
    disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    return list(nlp.pipe(texts, batch_size=16, disable=disabled))


def _vectorize(
    rows: Sequence[dict[str, float] | list[str]],
) -> tuple[tuple[str, ...], sparse.csr_matrix]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row)
    features = tuple(sorted(name for name, n in counts.items() if n >= MIN_FEATURE_COUNT))
    shell = LinearModel(features, (), np.zeros((0, 0), np.float32), np.zeros(0, np.float32), {})
    return features, shell.matrix(rows)


def token_labels(view: ArticleView, gold: Sequence[tuple[int, int]]) -> list[int]:
    """1 for each token whose middle character lies in a (merged) gold span."""
    spans = merge(gold)
    labels = []
    for start, end in zip(view.starts, view.ends, strict=True):
        middle = (start + end - 1) // 2
        labels.append(int(any(a <= middle < b for a, b in spans)))
    return labels


def fit_si(views: Sequence[ArticleView], articles: Sequence[PtcArticle]) -> SpanTagger:
    """Fit the per-token span tagger on parsed articles and their gold spans."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for view, article in zip(views, articles, strict=True):
        gold = token_labels(view, [(s.start, s.end) for s in article.spans])
        for i in range(len(view.doc)):
            if not view.is_space[i]:
                rows.append(token_features(view, i))
                labels.append(gold[i])
    features, x = _vectorize(rows)
    fitted = LogisticRegression(C=SI_C, max_iter=300, solver="liblinear").fit(x, labels)
    model = LinearModel(
        features,
        ("O", "PROPAGANDA"),
        fitted.coef_.astype(np.float32),
        fitted.intercept_.astype(np.float32),
        {"start": SI_START, "extend": SI_EXTEND, "max_gap": SI_MAX_GAP},
    )
    return SpanTagger(model)


def fit_tc(views: Sequence[ArticleView], articles: Sequence[PtcArticle]) -> TechniqueClassifier:
    """Fit the 14-class technique classifier on the gold spans of parsed articles."""
    rows: list[dict[str, float]] = []
    labels: list[str] = []
    for view, article in zip(views, articles, strict=True):
        counts = Counter((s.start, s.end) for s in article.spans)
        texts = Counter(view.text[s:e].lower() for s, e in counts)
        for span in article.spans:
            assert span.technique is not None
            key = (span.start, span.end)
            same = texts[view.text[span.start : span.end].lower()]
            feats, _fired = span_features(view, span.start, span.end, counts[key], same)
            rows.append(feats)
            labels.append(span.technique)
    features, x = _vectorize(rows)
    fitted = LogisticRegression(C=TC_C, max_iter=1000).fit(x, labels)
    classes = tuple(str(c) for c in fitted.classes_)
    unknown = set(classes) - set(TECHNIQUES)
    if unknown:
        raise ValueError(f"labels outside the 14 SemEval-2020 techniques: {sorted(unknown)}")
    model = LinearModel(
        features,
        classes,
        fitted.coef_.astype(np.float32),
        fitted.intercept_.astype(np.float32),
        {"C": TC_C},
    )
    return TechniqueClassifier(model)


def views_of(articles: Sequence[PtcArticle], docs: Sequence[Doc]) -> list[ArticleView]:
    return [ArticleView.of(doc, a.text) for doc, a in zip(docs, articles, strict=True)]


def main(argv: Sequence[str] | None = None) -> int:
    """Train both models on every article of DATA_DIR and write them to presslens/models/weights."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m presslens.models.techniques DATA_DIR", file=sys.stderr)
        return 2
    began = time.perf_counter()
    articles = read_train(Path(args[0]))
    views = views_of(articles, parse([a.text for a in articles]))
    parsed = time.perf_counter()
    tagger = fit_si(views, articles)
    classifier = fit_tc(views, articles)
    folder = weights_folder()
    tagger.model.save(folder, SI_MODEL)
    classifier.model.save(folder, TC_MODEL)
    print(
        f"trained on {len(articles)} articles: parse {parsed - began:.0f}s, "
        f"fit {time.perf_counter() - parsed:.0f}s; SI {len(tagger.model.features):,} features, "
        f"TC {len(classifier.model.features):,} features -> {folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
