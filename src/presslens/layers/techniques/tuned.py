"""The accurate profile's span tagger: the encoder's top layers fine-tuned for token tagging.

`python -m presslens.models.techniques_tune DATA --fold 0 --ship` trains it on PTC
train folds 1-4 (`presslens.models.techniques_tune`) and ships, in
`weights/encoder_techniques_si.npz`, the token head and the top layers' int8
differences from the pinned base encoder (`presslens.models.tuned_layers`), with its
decoding settings in `encoder_techniques_si.json` and its calibration in
`propaganda_accurate_tuned_calibration.json`, both chosen on fold 0.

Each candidate sentence is read once: the embeddings and the frozen lower layers
run once (their states kept by the encoder, so a sentence the check-worthiness model
already read does not run them again), then both the base top layers (whose token
vectors the technique head reads, `encoded.py`) and the tuned ones (whose word-piece
probabilities, averaged over each spaCy token, replace the frozen span head's) run on
those states.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from presslens.errors import ModelMissing
from presslens.layers.techniques.encoded import sentence_text
from presslens.layers.techniques.features import ArticleView
from presslens.models import weights_folder

TAGGER = "encoder_techniques_si"


@dataclass(frozen=True, eq=False)
class TunedTagger:
    """The token head, the tuned layers' shipped differences and the decoding settings
    (compared and hashed by identity: the rebuilt layers are cached per loaded tagger)."""

    arrays: dict[str, NDArray[Any]]
    settings: dict[str, Any]

    def setting(self, name: str) -> float:
        return float(self.settings[name])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = dict(self.arrays)
        np.savez_compressed(folder / f"{TAGGER}.npz", **arrays)
        (folder / f"{TAGGER}.json").write_text(
            json.dumps(self.settings, indent=1), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> TunedTagger:
        try:
            settings = json.loads((folder / f"{TAGGER}.json").read_text(encoding="utf-8"))
            with np.load(folder / f"{TAGGER}.npz", allow_pickle=False) as stored:
                arrays = {k: stored[k] for k in stored.files}
        except FileNotFoundError:
            raise ModelMissing(
                f"the accurate profile's tuned span tagger is missing from {folder} (rebuild: "
                "python -m presslens.models.techniques_tune DATA_DIR --fold 0 --ship)"
            ) from None
        return cls(arrays, dict(settings))


@lru_cache(maxsize=1)
def shipped_tagger() -> TunedTagger:
    """The shipped tuned tagger, loaded once."""
    return TunedTagger.load(weights_folder())


@lru_cache(maxsize=2)
def _layers(tagger: TunedTagger) -> Any:
    from presslens.models.tuned_layers import rebuilt

    return rebuilt(tagger.arrays, int(tagger.settings["first_tuned"]))


def tag(
    view: ArticleView, linear: NDArray[np.float64], tagger: TunedTagger
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """The token vectors of the candidate sentences (for the technique head) and every
    token's span probability: the tuned tagger mixed with the linear one (`linear`, its
    token probabilities) in the sentences the linear tagger proposes, zero elsewhere."""
    from presslens.layers.techniques.encoded import candidates

    wanted = candidates(view, linear, tagger.setting("candidate"))
    vectors, tagged = encode_and_tag(view, wanted, tagger)
    inside = np.zeros(len(view.doc), dtype=bool)
    for n in wanted:
        inside[view.sentences[n][0] : view.sentences[n][1]] = True
    mix = tagger.setting("mix_si")
    mixed: NDArray[np.float64] = np.where(inside, mix * tagged + (1 - mix) * linear, 0.0)
    return vectors, mixed


def encode_and_tag(
    view: ArticleView, wanted: Sequence[int], tagger: TunedTagger
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """For the `wanted` sentences: each token's base encoder vector (zeros elsewhere) and
    its probability of lying in a propaganda span from the tuned layers (zero elsewhere)."""
    from presslens.models import encoder

    vectors = np.zeros((len(view.doc), encoder.WIDTH), dtype=np.float32)
    probs = np.zeros(len(view.doc))
    texts, offsets, rows = [], [], []
    for n in wanted:
        offset, text = sentence_text(view, n)
        if text.strip():
            texts.append(text)
            offsets.append(offset)
            rows.append(range(*view.sentences[n]))
    for offset, tokens, (spans, states, tagged) in zip(
        offsets, rows, _read(texts, tagger), strict=True
    ):
        starts, ends = spans[:, 0] + offset, spans[:, 1] + offset
        for i in tokens:
            inside = (starts < view.ends[i]) & (ends > view.starts[i])
            if inside.any():
                vectors[i] = states[inside].mean(axis=0)
                probs[i] = float(tagged[inside].mean())
    return vectors, probs


def _read(
    texts: Sequence[str], tagger: TunedTagger
) -> list[tuple[NDArray[np.int64], NDArray[np.float32], NDArray[np.float32]]]:
    """Per sentence: its word pieces' offsets, base last-layer states and tuned probabilities.
    The lower layers' states are the encoder's kept ones (`encoder.encode_tops`), shared with
    the check-worthiness model when it read the same sentence."""
    from presslens.models import encoder

    _tokenizer, model = encoder.loaded()
    first = int(tagger.settings["first_tuned"])
    weight = tagger.arrays["head.weight"].astype(np.float32).reshape(-1)
    bias = float(tagger.arrays["head.bias"][0])
    tops = [list(model.encoder.layer[first:]), list(_layers(tagger))]
    results = []
    for offsets, (base, tuned) in encoder.encode_tops(texts, tops):
        tagged = 1.0 / (1.0 + np.exp(-(tuned @ weight + bias)))
        results.append((offsets, base, tagged.astype(np.float32)))
    return results
