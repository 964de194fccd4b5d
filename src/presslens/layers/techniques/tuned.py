"""The accurate profile's span tagger: the encoder's top layers fine-tuned for token tagging.

`python -m presslens.models.techniques_tune DATA --fold 0 --ship` trains it on PTC
train folds 1-4 (`presslens.models.techniques_tune`) and ships, in
`weights/encoder_techniques_si.npz`, the token head and the top layers' int8
differences from the pinned base encoder (`presslens.models.tuned_layers`), with its
decoding settings in `encoder_techniques_si.json` and its calibration in
`propaganda_accurate_tuned_calibration.json`, both chosen on fold 0.

The tuned layers read every candidate sentence; their word-piece probabilities,
averaged over each spaCy token and mixed with the linear tagger's, are decoded into
spans. Only then do the base top layers (whose token vectors the technique head reads,
`encoded.py`) run, and only on the sentences that hold a decoded span: on 10
news-sample articles that is a fraction of the candidates. Both stacks start from the
encoder's kept lower-layer states (`encoder.LowerStates`), so a sentence read by both
runs the embeddings and the frozen lower layers once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
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


def tag(view: ArticleView, linear: NDArray[np.float64], tagger: TunedTagger) -> NDArray[np.float64]:
    """Every token's span probability: the tuned tagger mixed with the linear one (`linear`,
    its token probabilities) in the sentences the linear tagger proposes, zero elsewhere."""
    from presslens.layers.techniques.encoded import candidates

    wanted = candidates(view, linear, tagger.setting("candidate"))
    tagged = tuned_probabilities(view, wanted, tagger)
    inside = np.zeros(len(view.doc), dtype=bool)
    for n in wanted:
        inside[view.sentences[n][0] : view.sentences[n][1]] = True
    mix = tagger.setting("mix_si")
    mixed: NDArray[np.float64] = np.where(inside, mix * tagged + (1 - mix) * linear, 0.0)
    return mixed


def tuned_probabilities(
    view: ArticleView, wanted: Sequence[int], tagger: TunedTagger
) -> NDArray[np.float64]:
    """Each token's probability of lying in a propaganda span, from the tuned layers, in the
    `wanted` sentences (zero elsewhere): the mean of its word pieces' probabilities."""

    weight = tagger.arrays["head.weight"].astype(np.float32).reshape(-1)
    bias = float(tagger.arrays["head.bias"][0])
    probs = np.zeros(len(view.doc))
    for tokens, starts, ends, tuned in _read(view, wanted, list(_layers(tagger))):
        tagged = (1.0 / (1.0 + np.exp(-(tuned @ weight + bias)))).astype(np.float32)
        for i in tokens:
            inside = (starts < view.ends[i]) & (ends > view.starts[i])
            if inside.any():
                probs[i] = float(tagged[inside].mean())
    return probs


def base_vectors(
    view: ArticleView, wanted: Sequence[int], tagger: TunedTagger
) -> NDArray[np.float32]:
    """Each token's vector from the base encoder's top layers (the technique head's input)
    in the `wanted` sentences, zeros elsewhere: the mean of its word pieces' states. The
    stage asks only for the sentences that hold a decoded span."""
    from presslens.models import encoder

    _tokenizer, model = encoder.loaded()
    top = list(model.encoder.layer[int(tagger.settings["first_tuned"]) :])
    vectors = np.zeros((len(view.doc), encoder.WIDTH), dtype=np.float32)
    for tokens, starts, ends, states in _read(view, wanted, top):
        for i in tokens:
            inside = (starts < view.ends[i]) & (ends > view.starts[i])
            if inside.any():
                vectors[i] = states[inside].mean(axis=0)
    return vectors


def _read(
    view: ArticleView, wanted: Sequence[int], top: Sequence[Any]
) -> Iterator[tuple[range, NDArray[np.int64], NDArray[np.int64], NDArray[np.float32]]]:
    """Per non-blank `wanted` sentence: its token range, its word pieces' start and end in the
    article and their states after the kept lower layers and `top` (`encoder.encode_tops`:
    a sentence read by both stacks, or by check-worthiness at the same depth, runs the lower
    layers once)."""
    from presslens.models import encoder

    texts, offsets, rows = [], [], []
    for n in wanted:
        offset, text = sentence_text(view, n)
        if text.strip():
            texts.append(text)
            offsets.append(offset)
            rows.append(range(*view.sentences[n]))
    for offset, tokens, (spans, (states,)) in zip(
        offsets, rows, encoder.encode_tops(texts, [top]), strict=True
    ):
        yield tokens, spans[:, 0] + offset, spans[:, 1] + offset, states
