"""What a GPU machine needs to fine-tune the encoder: token ids, labels and the base weights.

    python -m presslens.models.device_bundle /work/shared/data BUNDLE_DIR

then, on a machine with a CUDA GPU, torch and transformers (no presslens, no spaCy):

    python scripts/device_tune.py BUNDLE_DIR OUT_DIR [si] [tc] [cw]

The fine-tuning commands (`techniques_tune`, `checkworthy_encoder`) train on 2 CPU cores
in tens of minutes a run; a GPU runs the same recipe (same settings, seeds and batching)
for every fold and several depths in minutes. The bundle holds, for PTC train, every
sentence the accurate profile reads (`techniques_tune.sentences_of`), cut at
`techniques_tune.MAX_PIECES` word pieces, with each piece's label (in or out of a merged gold
span, by its middle character) and article; for each gold span the sentences it overlaps
and which of their pieces it covers (technique classification); for CheckThat! train, dev
and dev-test the sentences (cut at 128 pieces) and labels. Word-piece ids are renumbered
over the pieces used, and the base encoder ships with only those rows of its vocabulary,
in float16 (about 35 MB with the data, so it travels with the working tree). The piece
offsets stay here (`offsets.npz`), to map the probabilities that come back onto tokens.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from presslens.errors import DataDirError

#: Pieces kept in the vocabulary whatever the data uses ([PAD], [UNK], [CLS], [SEP], [MASK]).
SPECIAL_IDS = (0, 100, 101, 102, 103)
#: Word pieces read per CheckThat! sentence (`checkworthy_encoder.MAX_PIECES`).
CHECKWORTHY_PIECES = 128


def _tokenised(texts: Sequence[str], max_pieces: int) -> tuple[list[list[int]], list[NDArray[Any]]]:
    from presslens.models import encoder

    tokenizer, _model = encoder.loaded()
    ids: list[list[int]] = []
    offsets: list[NDArray[Any]] = []
    for first in range(0, len(texts), 256):
        enc = tokenizer(
            list(texts[first : first + 256]),
            return_offsets_mapping=True,
            truncation=True,
            max_length=max_pieces,
        )
        ids += enc["input_ids"]
        offsets += [np.asarray(o, np.int32).reshape(-1, 2) for o in enc["offset_mapping"]]
    return ids, offsets


def ptc_arrays(ptc_dir: Path) -> tuple[dict[str, Any], list[list[int]], dict[str, Any]]:
    """The PTC part of the bundle, the ids before renumbering, and what stays here."""
    from presslens.models.techniques_tune import MAX_PIECES, NO_LABEL, ptc_views, sentences_of
    from presslens.semeval.data import merge

    articles, views = ptc_views(ptc_dir)
    rows = [(k, n, off, text) for k, v in enumerate(views) for n, off, text in sentences_of(v)]
    ids, offsets = _tokenised([r[3] for r in rows], MAX_PIECES)
    labels, absolute = [], []
    for (k, _n, off, _text), found in zip(rows, offsets, strict=True):
        gold = merge((s.start, s.end) for s in articles[k].spans)
        label = np.full(len(found), NO_LABEL, np.int8)
        for p, (a, b) in enumerate(found.tolist()):
            if b > a:
                middle = off + (a + b - 1) // 2
                label[p] = int(any(s <= middle < e for s, e in gold))
        labels.append(label)
        absolute.append(found + off)
    classes = sorted({str(s.technique) for a in articles for s in a.spans})
    rows_of: dict[int, list[int]] = {}
    for r, row in enumerate(rows):
        rows_of.setdefault(row[0], []).append(r)
    span_rows: list[int] = []
    cuts, label_of, owner, inside = [0], [], [], []
    for k, article in enumerate(articles):
        for span in article.spans:
            for r in rows_of.get(k, []):
                o = absolute[r]
                covered = (o[:, 1] > o[:, 0]) & (o[:, 0] < span.end) & (o[:, 1] > span.start)
                if covered.any():
                    span_rows.append(r)
                    inside.append(covered)
            cuts.append(len(span_rows))
            label_of.append(classes.index(str(span.technique)))
            owner.append(k)
    arrays: dict[str, Any] = {
        "si_sizes": np.array([len(s) for s in ids], np.int32),
        "si_labels": np.concatenate(labels),
        "si_owner": np.array([r[0] for r in rows], np.int32),
        "tc_rows": np.array(span_rows, np.int32),
        "tc_cuts": np.array(cuts, np.int32),
        "tc_label": np.array(label_of, np.int32),
        "tc_owner": np.array(owner, np.int32),
        "tc_inmask": np.concatenate(inside),
    }
    kept: dict[str, Any] = {
        "classes": classes,
        "rows": [(r[0], r[1], r[2]) for r in rows],
        "offsets": np.concatenate(absolute),
        "sizes": arrays["si_sizes"],
    }
    return arrays, ids, kept


def write(data_dir: Path, out: Path) -> None:
    """Write the bundle (`data.npz`, `base.npz`, `config.json`, `meta.json`) and `offsets.npz`."""
    from presslens.models import encoder
    from presslens.models.checkworthy import DEV_FILE, DEVTEST_FILE, TRAIN_FILE, read_sentences

    _tokenizer, model = encoder.loaded()
    arrays, si_ids, kept = ptc_arrays(data_dir / "ptc")
    checkworthy: dict[str, tuple[list[list[int]], list[NDArray[Any]], list[bool]]] = {}
    for name, file in (("train", TRAIN_FILE), ("dev", DEV_FILE), ("devtest", DEVTEST_FILE)):
        texts, labels = read_sentences(data_dir / "checkthat2024-en" / file)
        ids, offsets = _tokenised(texts, CHECKWORTHY_PIECES)
        checkworthy[name] = (ids, [o[:, 1] > o[:, 0] for o in offsets], labels)
    used = sorted(
        {i for seq in si_ids for i in seq}
        | {i for ids, _p, _l in checkworthy.values() for seq in ids for i in seq}
        | set(SPECIAL_IDS)
    )
    renumber = np.full(model.config.vocab_size, -1, np.int64)
    renumber[used] = np.arange(len(used))

    def joined(seqs: Sequence[Sequence[int]]) -> NDArray[Any]:
        renumbered: NDArray[Any] = renumber[np.concatenate([np.asarray(s, np.int64) for s in seqs])]
        return renumbered.astype(np.int32)

    arrays["si_ids"] = joined(si_ids)
    for name, (ids, pooled, labels) in checkworthy.items():
        arrays[f"cw_{name}_ids"] = joined(ids)
        arrays[f"cw_{name}_sizes"] = np.array([len(s) for s in ids], np.int32)
        arrays[f"cw_{name}_pooled"] = np.concatenate(pooled)
        arrays[f"cw_{name}_labels"] = np.array(labels, np.int8)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "data.npz", **arrays)
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    state["embeddings.word_embeddings.weight"] = state["embeddings.word_embeddings.weight"][used]
    np.savez(
        out / "base.npz",
        **{k: v.astype(np.float16) if v.dtype == np.float32 else v for k, v in state.items()},
    )
    config = model.config.to_dict() | {"vocab_size": len(used)}
    (out / "config.json").write_text(json.dumps(config), encoding="utf-8")
    meta = {"classes": kept["classes"], "rows": kept["rows"]}
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    np.savez_compressed(out / "offsets.npz", offsets=kept["offsets"], sizes=kept["sizes"])


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(
            "usage: python -m presslens.models.device_bundle DATA_DIR BUNDLE_DIR", file=sys.stderr
        )
        return 2
    try:
        write(Path(args[0]), Path(args[1]))
    except DataDirError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote the bundle to {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
