"""Fitting the accurate profile's techniques heads on frozen encoder vectors of PTC train.

`python -m presslens.models.techniques_encoder DATA_DIR` runs it. It parses PTC
train, encodes every sentence once (cached under `CACHE`, outside the repo: about
250 MB of float16 vectors, 3-6 minutes on 2 cores), then, with the
same article folds as `presslens evaluate ptc` (ids sorted, fold = index % 5):

1. fits the linear models on four folds and scores the fifth (out of fold);
2. fits the span head and the technique head on four folds' encoder vectors and
   scores the fifth, only in candidate sentences (as the brief does);
3. picks how the heads mix with the linear models and the span decoding on those
   out-of-fold scores (SI F1 for SemEval; precision first for the display);
4. fits the isotonic calibration and the display threshold on the layer's items
   (`weights/propaganda_accurate_calibration.json`);
5. fits both heads on all articles and ships them (`weights/encoder_techniques.*`).

The cross-validation is `cross_validate`, which `presslens evaluate ptc` prints.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from presslens.layers.techniques.encoded import (
    candidates,
    encode_sentences,
    span_inputs,
    token_inputs,
)
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import SpanTagger, TechniqueClassifier, decode
from presslens.models.techniques import fit_si, fit_tc, token_labels
from presslens.semeval.data import PtcArticle
from presslens.semeval.scorer import SiScore, si_score

#: Encoder vectors of PTC are cached here between runs (never in the repo).
CACHE = Path("/tmp/presslens-encoder-cache")
FOLDS = 5
#: A sentence is a candidate when the linear tagger gives one of its tokens this much.
#: 0.1 is under the linear decoder's extend level (0.15), so every span the fast profile
#: finds is a candidate; the share of gold tokens it keeps is not yet measured.
CANDIDATE = 0.1
#: The span head: hidden units, epochs, learning rate, batch (common defaults, not tuned).
HIDDEN = 128
EPOCHS = 4
LEARNING_RATE = 1e-3
BATCH = 256
#: L2 weight of the technique head (softmax regression).
TC_DECAY = 1e-3
TC_EPOCHS = 300
#: The grids searched on out-of-fold scores.
MIX_GRID = (0.5, 0.7, 0.85, 1.0)
START_GRID = (0.3, 0.4, 0.5, 0.6)
EXTEND_GRID = (0.15, 0.25, 0.35)
MAX_GAP = 2


def article_vectors(views: Sequence[ArticleView]) -> list[NDArray[np.float32]]:
    """Every token's encoder vector, for every article (cached on disk by text)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    result = []
    for view in views:
        digest = hashlib.sha1(view.text.encode("utf-8")).hexdigest()[:16]
        path = CACHE / f"{digest}-{len(view.doc)}.npy"
        if path.is_file():
            result.append(np.load(path, allow_pickle=False).astype(np.float32))
            continue
        vectors = encode_sentences(view, range(len(view.sentences)))
        np.save(path, vectors.astype(np.float16), allow_pickle=False)
        result.append(vectors)
    return result


def fit_span_head(x: NDArray[np.float32], y: NDArray[np.float32]) -> dict[str, NDArray[np.float32]]:
    """One hidden layer, binary cross-entropy, Adam; deterministic (seeded)."""
    import torch

    from presslens.models import encoder

    torch.set_num_threads(encoder.threads())
    torch.manual_seed(0)
    first_layer = torch.nn.Linear(x.shape[1], HIDDEN)
    last_layer = torch.nn.Linear(HIDDEN, 1)
    net = torch.nn.Sequential(first_layer, torch.nn.ReLU(), last_layer)
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE, weight_decay=1e-5)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    generator = torch.Generator().manual_seed(0)
    for _epoch in range(EPOCHS):
        order = torch.randperm(len(tx), generator=generator)
        for first in range(0, len(order), BATCH):
            rows = order[first : first + BATCH]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net(tx[rows]).squeeze(1), ty[rows]
            )
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimiser.step()
    return {
        "si_w1": first_layer.weight.detach().numpy().T.copy(),
        "si_b1": first_layer.bias.detach().numpy().copy(),
        "si_w2": last_layer.weight.detach().numpy().T.copy(),
        "si_b2": last_layer.bias.detach().numpy().copy(),
    }


def fit_technique_head(
    x: NDArray[np.float32], labels: Sequence[str], classes: Sequence[str]
) -> dict[str, NDArray[np.float32]]:
    """Softmax regression with L2, full batch (L-BFGS); classes in the linear model's order."""
    import torch

    torch.manual_seed(0)
    index = {c: n for n, c in enumerate(classes)}
    tx = torch.from_numpy(x)
    ty = torch.tensor([index[label] for label in labels])
    layer = torch.nn.Linear(x.shape[1], len(classes))
    optimiser = torch.optim.LBFGS(
        layer.parameters(), max_iter=TC_EPOCHS, line_search_fn="strong_wolfe"
    )

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(layer(tx), ty)
        loss = loss + TC_DECAY * (layer.weight**2).sum()
        loss.backward()  # type: ignore[no-untyped-call]
        return loss

    optimiser.step(closure)  # type: ignore[no-untyped-call]
    return {
        "tc_w": layer.weight.detach().numpy().T.copy(),
        "tc_b": layer.bias.detach().numpy().copy(),
    }


@dataclass
class Folded:
    """Out-of-fold scores of every article, linear and encoder, before decoding."""

    linear_tokens: list[NDArray[np.float64]] = field(default_factory=list)
    head_tokens: list[NDArray[np.float64]] = field(default_factory=list)
    classifiers: list[TechniqueClassifier] = field(default_factory=list)
    tc_arrays: list[dict[str, NDArray[np.float32]]] = field(default_factory=list)
    fold_of: list[int] = field(default_factory=list)


def fold_scores(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    linear: Sequence[tuple[SpanTagger, TechniqueClassifier]] = (),
    candidate: float = CANDIDATE,
) -> Folded:
    """Linear and head token probabilities of every article, each from the folds without it.

    `linear` gives each fold's linear models when they are already fitted (the fast
    profile's cross-validation); otherwise they are fitted here.
    """
    from presslens.layers.techniques.encoded import span_head

    folded = Folded(
        linear_tokens=[np.zeros(0)] * len(articles),
        head_tokens=[np.zeros(0)] * len(articles),
        fold_of=[n % FOLDS for n in range(len(articles))],
    )
    for fold in range(FOLDS):
        train = [n for n in range(len(articles)) if n % FOLDS != fold]
        if linear:
            tagger, classifier = linear[fold]
        else:
            tagger = fit_si([views[n] for n in train], [articles[n] for n in train])
            classifier = fit_tc([views[n] for n in train], [articles[n] for n in train])
        heads = train_heads(
            [articles[n] for n in train],
            [views[n] for n in train],
            [vectors[n] for n in train],
            classifier.model.classes,
        )
        folded.classifiers.append(classifier)
        folded.tc_arrays.append(heads)
        for n in (n for n in range(len(articles)) if n % FOLDS == fold):
            view = views[n]
            scores = tagger.token_probabilities(view)
            folded.linear_tokens[n] = scores
            wanted = set(candidates(view, scores, candidate))
            keep = np.asarray([view.sent_of[i] in wanted for i in range(len(view.doc))])
            probs = span_head(heads, token_inputs(view, vectors[n]))
            folded.head_tokens[n] = np.where(keep, probs, 0.0)
        print(f"fold {fold}: heads trained", file=sys.stderr)
    return folded


def train_heads(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    vectors: Sequence[NDArray[np.float32]],
    classes: Sequence[str],
) -> dict[str, NDArray[np.float32]]:
    """Both heads fitted on these articles (every sentence: candidates are a runtime filter)."""
    xs: list[NDArray[np.float32]] = []
    ys: list[NDArray[np.float32]] = []
    span_x: list[NDArray[np.float32]] = []
    span_y: list[str] = []
    for article, view, vec in zip(articles, views, vectors, strict=True):
        words = np.asarray([not s for s in view.is_space])
        gold = np.asarray(token_labels(view, [(s.start, s.end) for s in article.spans]))
        xs.append(token_inputs(view, vec)[words])
        ys.append(gold[words].astype(np.float32))
        spans = [(s.start, s.end) for s in article.spans]
        span_x.append(span_inputs(view, vec, spans))
        span_y.extend(str(s.technique) for s in article.spans)
    arrays = fit_span_head(np.concatenate(xs), np.concatenate(ys))
    arrays |= fit_technique_head(np.concatenate(span_x), span_y, classes)
    return arrays


def mixed_tokens(folded: Folded, n: int, mix: float) -> NDArray[np.float64]:
    """The brief's token probabilities: head and linear mixed, zero outside candidates."""
    head, linear = folded.head_tokens[n], folded.linear_tokens[n]
    result: NDArray[np.float64] = np.where(head > 0, mix * head + (1 - mix) * linear, 0.0)
    return result


def mixed_techniques(
    view: ArticleView,
    vectors: NDArray[np.float32],
    classifier: TechniqueClassifier,
    arrays: dict[str, NDArray[np.float32]],
    spans: Sequence[tuple[int, int]],
    mix: float,
) -> NDArray[np.float64]:
    """P(technique) per span: the technique head and the linear classifier mixed."""
    from presslens.layers.techniques.encoded import technique_head

    if not spans:
        return np.zeros((0, len(classifier.model.classes)))
    head = technique_head(arrays, span_inputs(view, vectors, spans))
    result: NDArray[np.float64] = mix * head + (1 - mix) * classifier.probabilities(view, spans)
    return result


def best_decoding(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    gold: dict[str, list[tuple[int, int]]],
    probs_at: Callable[[float], Mapping[int, NDArray[np.float64]]],
    mixes: Sequence[float],
) -> tuple[SiScore, dict[str, float]]:
    """The SI score and settings (mix, start, extend; `MAX_GAP`) of best SI F1 over `mixes`
    and the decoding grid; `probs_at(mix)` gives each scored article's token probabilities
    (by its index in `articles`) at that mix. The first best is kept on ties."""
    best: tuple[float, SiScore | None, dict[str, float]] = (-1.0, None, {})
    for mix in mixes:
        probs = probs_at(mix)
        for start in START_GRID:
            for extend in (e for e in EXTEND_GRID if e <= start):
                found = {
                    articles[n].article_id: [
                        (s.start, s.end) for s in decode(views[n], p, start, extend, MAX_GAP)
                    ]
                    for n, p in probs.items()
                }
                score = si_score(gold, found)
                if score.f1 > best[0]:
                    best = (score.f1, score, {"mix_si": mix, "start": start, "extend": extend})
    if best[1] is None:
        raise ValueError("no decoding was tried")
    return best[1], best[2] | {"max_gap": MAX_GAP}
