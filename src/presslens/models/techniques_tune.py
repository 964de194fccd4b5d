"""Fine-tune the encoder's top layers for propaganda span identification (token tagging).

    python -m presslens.models.techniques_tune /work/shared/data/ptc --fold 0

On PTC train (SemEval-2020 Task 11), with the folds of `presslens evaluate ptc`
(ids sorted, fold = index % 5):

1. every article is parsed once (the project's pipeline, cached as a DocBin under
   `CACHE`) and split into the accurate profile's sentences (`encoded.sentence_text`),
   so training and use read the same sentences;
2. every sentence goes once through the base encoder's lower layers (up to
   `FIRST_TUNED`), cached under `CACHE`; each word piece is labelled in or out of
   a (merged) gold span by its middle character;
3. the top layers (copies of the base ones) and a logistic token head are
   fine-tuned on the training folds' sentences, binary cross-entropy with the
   positives weighted `POSITIVE_WEIGHT`;
4. `--fold K` scores fold K's articles: each spaCy token gets the mean probability
   of its word pieces, zero outside the sentences the linear tagger proposes (as the
   brief runs it), is mixed with the linear tagger and decoded by the grid of
   `encoder_heads` -- the same decoding as the frozen heads, which are scored on the
   same fold beside it, so only the token scores change;
5. `--ship` (after `--fold 0`) takes the tagger trained without fold 0 and, through
   the brief's own path (`layers/techniques/tuned.py`: the shipped int8 layers, the
   encoder only on candidate sentences), chooses the decoding (best SI F1) and fits
   the calibration and display threshold on fold 0, then writes
   `weights/encoder_techniques_si.{npz,json}` and
   `weights/propaganda_accurate_tuned_calibration.json`.

Measured (2026-11-30, 2 shared cores; best SI F1 over the same mix/decoding grid for
each row, chosen on the scored fold itself):

    fold  linear         frozen heads   tuned (2 epochs)  tuned, every sentence
    0     .3890 (P .333)  .4019 (P .343)  .4212 (P .373)    .4259
    1     .3150 (P .255)  .3494 (P .265)  .3760 (P .322)    .3825
    2     .3626 (P .306)  .3911 (P .330)  .4282 (P .348)    .4317

A gain of +0.019, +0.027 and +0.037 F1 over the frozen heads (mean +0.028); far from the
0.50 goal. 3 epochs on fold 0 gave .4136; averaging tuned and frozen gave .3693 on
fold 1 (.4210 on fold 2). Training took 200-550 s for 2 epochs (lower-layer states: 250 s, once).

All five folds and deeper tuning, on a GPU (2026-11-30, `scripts/device_tune.py` on one
H200, the same recipe; the decoding chosen once on the pooled out-of-fold probabilities):

    layers tuned   candidates (as the brief)     every sentence
    none (linear)  .3569 (P .302 R .436)
    top 2 (ships)  .4055 (P .358 R .467)         .4102
    top 4          .4160 (P .355 R .503)         .4251
    all 6          .4210 (P .376 R .478)         .4330

Tuning deeper gains at most +.016 (+.028 reading every sentence) for two to three times
the encoder work on the candidate sentences; the top two stay. The span classifier tuned
the same way, mixed half and half with the linear one, gave TC micro-F1 .617 / .624 / .624
(top 2 / 4 / 6; the linear one alone .593, the frozen heads .613): not shipped.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from presslens.errors import DataDirError
from presslens.layers.techniques.encoded import sentence_text
from presslens.layers.techniques.features import ArticleView
from presslens.models.tuned_layers import BATCH, HEAD_RATE, LAYER_RATE, SEED, WARMUP, WEIGHT_DECAY
from presslens.semeval.data import PtcArticle, merge

CACHE = Path("/tmp/issue-14-si-cache")
#: The first fine-tuned layer: the top two of six, as the check-worthiness model.
FIRST_TUNED = 4
#: The common fine-tuning settings (`tuned_layers`), but 2 epochs.
EPOCHS = 2
#: Weight of an in-span word piece in the loss (about 1 in 8 pieces of PTC is in a span;
#: a mild weight, so that the token probabilities stay near the frozen head's range the
#: decoding grid was set for).
POSITIVE_WEIGHT = 2.0
#: Word pieces read per sentence (the encoder's own limit).
MAX_PIECES = 256
#: Marks a word piece that is not a piece of text ([CLS], [SEP]) in the labels.
NO_LABEL = -1

Pieces = list[tuple[NDArray[np.float16], NDArray[np.int32], NDArray[np.int8]]]


def ptc_views(data_dir: Path) -> tuple[list[PtcArticle], list[ArticleView]]:
    """PTC train, sorted by id, parsed once (cached as a DocBin)."""
    from spacy.tokens import DocBin

    from presslens.models.techniques import parse
    from presslens.nlp import load_pipeline
    from presslens.semeval.data import read_train
    from presslens.settings import DEFAULT_PIPELINE

    articles = sorted(read_train(data_dir), key=lambda a: a.article_id)
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"parsed-{len(articles)}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(load_pipeline(DEFAULT_PIPELINE).vocab))
    else:
        docs = parse([a.text for a in articles])
        DocBin(docs=docs).to_disk(path)
    return articles, [ArticleView.of(d, a.text) for d, a in zip(docs, articles, strict=True)]


def sentences_of(view: ArticleView) -> list[tuple[int, int, str]]:
    """(sentence index, start offset, text) of the sentences the encoder reads."""
    found = []
    for n in range(len(view.sentences)):
        offset, text = sentence_text(view, n)
        if text.strip():
            found.append((n, offset, text))
    return found


def lower_pieces(
    articles: Sequence[PtcArticle], views: Sequence[ArticleView]
) -> tuple[Pieces, NDArray[np.int32], NDArray[np.int32]]:
    """Per sentence of every article: its word pieces' states after the frozen lower layers,
    their character offsets in the article and labels; with each sentence's article and
    sentence index. Cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"lower-{FIRST_TUNED}-{len(articles)}.npz"
    if not path.is_file():
        _encode_lower(articles, views, path)
    with np.load(path, allow_pickle=False) as arrays:
        states, offsets, labels = arrays["states"], arrays["offsets"], arrays["labels"]
        cuts = np.concatenate([[0], np.cumsum(arrays["sizes"])])
        owner, sentence = arrays["owner"], arrays["sentence"]
    pieces = [(states[a:b], offsets[a:b], labels[a:b]) for a, b in pairwise(cuts)]
    return pieces, owner, sentence


def _encode_lower(articles: Sequence[PtcArticle], views: Sequence[ArticleView], path: Path) -> None:
    from presslens.models import encoder

    rows: list[tuple[int, int, int, str, list[tuple[int, int]]]] = []
    for k, (article, view) in enumerate(zip(articles, views, strict=True)):
        gold = merge((s.start, s.end) for s in article.spans)
        for n, offset, text in sentences_of(view):
            rows.append((k, n, offset, text, gold))
    read = encoder.lower_pieces(
        [row[3] for row in rows],
        FIRST_TUNED,
        max_pieces=MAX_PIECES,
        overflow=False,
        batch_size=64,
    )
    found = []
    for (_k, _n, offset, _text, gold), ((span, states),) in zip(rows, read, strict=True):
        labels = np.full(len(span), NO_LABEL, np.int8)
        for p, (a, b) in enumerate(span.tolist()):
            if b > a:
                middle = offset + (a + b - 1) // 2
                labels[p] = int(any(s <= middle < e for s, e in gold))
        found.append((states.numpy().astype(np.float16), (span + offset).astype(np.int32), labels))
    np.savez(
        path,
        states=np.concatenate([f[0] for f in found]),
        offsets=np.concatenate([f[1] for f in found]),
        labels=np.concatenate([f[2] for f in found]),
        sizes=np.array([len(f[2]) for f in found]),
        owner=np.array([r[0] for r in rows], np.int32),
        sentence=np.array([r[1] for r in rows], np.int32),
    )


def fine_tune(pieces: Pieces) -> tuple[Any, Any]:
    """The tuned top layers and the token head (torch modules), trained on `pieces`."""
    import torch

    from presslens.models import encoder
    from presslens.models.tuned_layers import length_batches, train_step, training_parts

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    _tokenizer, model = encoder.loaded()
    lengths = [len(piece[2]) for piece in pieces]
    batches = length_batches(lengths, BATCH, rng)
    layers, head, optimiser, schedule = training_parts(
        FIRST_TUNED, EPOCHS * len(batches), (LAYER_RATE, HEAD_RATE), WARMUP, WEIGHT_DECAY
    )
    weight = torch.tensor(POSITIVE_WEIGHT)
    layers.train()
    began = time.perf_counter()
    for epoch in range(EPOCHS):
        losses = []
        for step, batch in enumerate(length_batches(lengths, BATCH, rng) if epoch else batches):
            states, mask, labels = _padded(pieces, batch)
            logits = head(encoder.through(model, states, mask, layers)).squeeze(-1)
            known = labels >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits[known], labels[known].float(), pos_weight=weight
            )
            losses.append(train_step(loss, layers, head, optimiser, schedule))
            if step % 100 == 0:
                print(
                    f"  epoch {epoch + 1} step {step}/{len(batches)}: loss "
                    f"{np.mean(losses[-100:]):.4f} ({time.perf_counter() - began:.0f}s)",
                    flush=True,
                )
        print(f"  epoch {epoch + 1}/{EPOCHS}: mean loss {np.mean(losses):.4f}", flush=True)
    layers.eval()
    return layers, head


def _padded(pieces: Pieces, batch: Sequence[int] | NDArray[np.int64]) -> tuple[Any, Any, Any]:
    import torch

    size = max(len(pieces[n][2]) for n in batch)
    states = np.zeros((len(batch), size, pieces[batch[0]][0].shape[1]), np.float32)
    mask = np.zeros((len(batch), size), np.int64)
    labels = np.full((len(batch), size), NO_LABEL, np.int64)
    for row, n in enumerate(batch):
        found, _offsets, known = pieces[n]
        states[row, : len(known)] = found
        mask[row, : len(known)] = 1
        labels[row, : len(known)] = known
    return torch.from_numpy(states), torch.from_numpy(mask), torch.from_numpy(labels)


def piece_probabilities(layers: Any, head: Any, pieces: Pieces) -> list[NDArray[np.float32]]:
    """P(in a span) of every word piece of each sentence, through the tuned layers."""
    import torch

    from presslens.models import encoder

    _tokenizer, model = encoder.loaded()
    result: list[NDArray[np.float32]] = [np.zeros(0, np.float32)] * len(pieces)
    order = sorted(range(len(pieces)), key=lambda n: len(pieces[n][2]))
    with torch.inference_mode():
        for first in range(0, len(order), 64):
            batch = order[first : first + 64]
            states, mask, _labels = _padded(pieces, batch)
            logits = head(encoder.through(model, states, mask, layers)).squeeze(-1)
            probs = torch.sigmoid(logits).numpy()
            for row, n in enumerate(batch):
                result[n] = probs[row, : len(pieces[n][2])]
    return result


def token_probabilities(
    view: ArticleView, offsets: Sequence[NDArray[np.int32]], probs: Sequence[NDArray[np.float32]]
) -> NDArray[np.float64]:
    """Each spaCy token's mean word-piece probability (zero where no piece was read)."""
    out = np.zeros(len(view.doc))
    for spans, found in zip(offsets, probs, strict=True):
        real = spans[:, 1] > spans[:, 0]
        spans, found = spans[real], found[real]
        if not len(spans):
            continue
        first = int(np.searchsorted(view.ends, spans[0, 0], side="right"))
        for i in range(first, len(view.doc)):
            a, b = view.starts[i], view.ends[i]
            if a >= spans[-1, 1]:
                break
            inside = (spans[:, 0] < b) & (spans[:, 1] > a)
            if inside.any():
                out[i] = float(found[inside].mean())
    return out


def save_tuned(layers: Any, head: Any, path: Path) -> None:
    """The token head and the tuned layers' int8 differences from the base (no pickle)."""
    from presslens.models.tuned_layers import differences

    arrays: dict[str, Any] = differences(layers, FIRST_TUNED)
    arrays["head.weight"] = head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = head.bias.detach().numpy().astype(np.float32)
    np.savez_compressed(path, **arrays)


def device_tagger(path: Path) -> tuple[dict[str, NDArray[Any]], int]:
    """A tagger `scripts/device_tune.py` trained (its `si_w_F<first>.npz`) in the arrays
    `save_tuned` writes, and its first tuned layer."""
    with np.load(path, allow_pickle=False) as stored:
        arrays = {k: stored[k] for k in stored.files}
    first = int(arrays.pop("first_tuned")[0])
    arrays["head.weight"] = arrays["head.weight"].reshape(-1).astype(np.float32)
    return arrays, first


USAGE = (
    "usage: python -m presslens.models.techniques_tune DATA_DIR --fold K [--ship] "
    "[--from-device SI_W.npz]"
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    ship = "--ship" in args
    args = [a for a in args if a != "--ship"]
    device = None
    if "--from-device" in args:
        at = args.index("--from-device")
        if at + 1 >= len(args):
            print(USAGE, file=sys.stderr)
            return 2
        device = Path(args[at + 1])
        args = args[:at] + args[at + 2 :]
    if len(args) != 3 or args[1] != "--fold" or not args[2].isdigit():
        print(USAGE, file=sys.stderr)
        return 2
    fold = int(args[2])
    began = time.perf_counter()
    try:
        articles, views = ptc_views(Path(args[0]))
    except DataDirError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if device is not None:
        if not device.is_file():
            print(f"error: no tagger at {device}", file=sys.stderr)
            return 1
        arrays, first = device_tagger(device)
        ship_tagger(articles, views, fold, arrays, first)
        return 0
    path = CACHE / f"tuned-fold{fold}.npz"
    if not (ship and path.is_file()):
        compare(articles, views, fold, path, began)
    if ship:
        with np.load(path, allow_pickle=False) as stored:
            ship_tagger(articles, views, fold, {k: stored[k] for k in stored.files}, FIRST_TUNED)
    return 0


def compare(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    fold: int,
    path: Path,
    began: float,
) -> None:
    """Fine-tune on the folds other than `fold`, keep the result at `path`, and compare the
    tuned tagger with the linear one and the frozen heads on `fold`."""
    from presslens.models.encoder_heads import FOLDS
    from presslens.models.techniques_tune_eval import compare_on_fold

    pieces, owner, _sentence = lower_pieces(articles, views)
    print(
        f"{len(articles)} articles, {len(pieces):,} sentences, "
        f"{sum(len(p[2]) for p in pieces):,} word pieces; parsed and encoded in "
        f"{time.perf_counter() - began:.0f}s",
        flush=True,
    )
    train = [n for n in range(len(pieces)) if owner[n] % FOLDS != fold]
    layers, head = fine_tune([pieces[n] for n in train])
    print(f"fine-tuned in {time.perf_counter() - began:.0f}s", flush=True)
    save_tuned(layers, head, path)
    held = [n for n in range(len(pieces)) if owner[n] % FOLDS == fold]
    probs = piece_probabilities(layers, head, [pieces[n] for n in held])
    tuned: dict[int, NDArray[np.float64]] = {}
    for k in sorted({int(owner[n]) for n in held}):
        rows = [r for r, n in enumerate(held) if owner[n] == k]
        tuned[k] = token_probabilities(
            views[k], [pieces[held[r]][1] for r in rows], [probs[r] for r in rows]
        )
    compare_on_fold(articles, views, fold, tuned, sys.stdout)


def ship_tagger(
    articles: Sequence[PtcArticle],
    views: Sequence[ArticleView],
    fold: int,
    arrays: dict[str, NDArray[Any]],
    first: int,
) -> None:
    """Choose the decoding and the calibration on `fold` through the brief's path and ship
    the tagger trained without it (`arrays`, layers `first` up tuned) as
    `weights/encoder_techniques_si.*`."""
    from presslens.layers.techniques.tuned import TunedTagger
    from presslens.models import weights_folder
    from presslens.models.encoder_heads import CANDIDATE, MAX_GAP
    from presslens.models.techniques_tune_eval import CALIBRATION, measure_tagger

    base = {"first_tuned": first, "fold": fold, "candidate": CANDIDATE, "max_gap": MAX_GAP}
    base["articles"] = len(articles)  # held out only in this same set of articles
    settings, calibration, _scores = measure_tagger(
        articles, views, TunedTagger(arrays, base), sys.stdout
    )
    TunedTagger(arrays, settings).save(weights_folder())
    calibration.save(CALIBRATION)
    size = (weights_folder() / "encoder_techniques_si.npz").stat().st_size
    print(f"shipped the tuned tagger ({size / 1e6:.1f} MB) and its calibration")


if __name__ == "__main__":
    sys.exit(main())
