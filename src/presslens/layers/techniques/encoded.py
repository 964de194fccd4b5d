"""The accurate profile's techniques: small heads over the frozen encoder, mixed with linear models.

The encoder (`presslens.models.encoder`) runs only on *candidate* sentences: those
where the fast span tagger gives some token at least `candidate` probability. Each
token gets the vector of its word pieces beside the mean vector of its sentence;

* the span head (one hidden layer) gives P(token is in a propaganda span), mixed
  with the linear tagger's: `mix_si * head + (1 - mix_si) * linear`; spans are then
  decoded as the fast profile does (`linear.decode`);
* the technique head (softmax over the 14 techniques) reads a span's mean token
  vector beside its sentence's, mixed with the linear classifier's probabilities
  (`mix_tc`).

Heads ship as float16 arrays in `weights/encoder_techniques.npz` with their settings
in `encoder_techniques.json`; `python -m presslens.models.techniques_encoder DATA`
rebuilds them and their calibration. No torch is needed to score with a head, only
to encode.
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
from presslens.layers.techniques.features import ArticleView
from presslens.models import weights_folder

HEADS = "encoder_techniques"


def sentence_text(view: ArticleView, n: int) -> tuple[int, str]:
    """Where sentence `n` starts and its text (the encoder reads sentences alone)."""
    a, b = view.sentences[n]
    start, end = view.starts[a], view.ends[b - 1]
    return start, view.text[start:end]


def encode_sentences(view: ArticleView, wanted: Sequence[int]) -> NDArray[np.float32]:
    """Token vectors of the article (zeros outside the `wanted` sentences)."""
    from presslens.models import encoder

    vectors = np.zeros((len(view.doc), encoder.WIDTH), dtype=np.float32)
    texts, spans, tokens = [], [], []
    for n in wanted:
        offset, text = sentence_text(view, n)
        a, b = view.sentences[n]
        if not text.strip():
            continue
        texts.append(text)
        spans.append([(view.starts[i] - offset, view.ends[i] - offset) for i in range(a, b)])
        tokens.append(range(a, b))
    for rows, found in zip(tokens, encoder.token_vectors(texts, spans), strict=True):
        vectors[rows.start : rows.stop] = found
    return vectors


def candidates(view: ArticleView, linear: NDArray[np.float64], floor: float) -> list[int]:
    """Sentences where the linear tagger gives some token at least `floor` probability."""
    return sorted({view.sent_of[i] for i in np.flatnonzero(linear >= floor).tolist()})


def token_inputs(view: ArticleView, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """Each token's vector beside its sentence's mean vector (the span head's input)."""
    means = np.zeros_like(vectors)
    for a, b in view.sentences:
        words = [i for i in range(a, b) if not view.is_space[i]]
        if words:
            means[a:b] = vectors[words].mean(axis=0)
    result: NDArray[np.float32] = np.concatenate([vectors, means], axis=1)
    return result


def span_inputs(
    view: ArticleView, vectors: NDArray[np.float32], spans: Sequence[tuple[int, int]]
) -> NDArray[np.float32]:
    """Each span's mean token vector beside its sentence's (the technique head's input)."""
    width = vectors.shape[1]
    out = np.zeros((len(spans), 2 * width), dtype=np.float32)
    for n, (start, end) in enumerate(spans):
        inside = _words_in(view, start, end)
        if not len(inside):
            continue
        out[n, :width] = vectors[inside].mean(axis=0)
        first, last = (
            view.sentences[view.sent_of[inside[0]]][0],
            view.sentences[view.sent_of[inside[-1]]][1],
        )
        words = [i for i in range(first, last) if not view.is_space[i]]
        out[n, width:] = vectors[words].mean(axis=0)
    return out


def span_sentences(view: ArticleView, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The sentences whose token vectors `span_inputs` reads for `spans`: from the sentence
    of a span's first word to that of its last."""
    wanted: set[int] = set()
    for start, end in spans:
        inside = _words_in(view, start, end)
        if len(inside):
            wanted.update(range(view.sent_of[inside[0]], view.sent_of[inside[-1]] + 1))
    return sorted(wanted)


def _words_in(view: ArticleView, start: int, end: int) -> NDArray[np.int_]:
    """The tokens of the span `start`:`end` that are not whitespace, in order."""
    inside = np.flatnonzero((np.asarray(view.starts) < end) & (np.asarray(view.ends) > start))
    return np.asarray([i for i in inside if not view.is_space[i]], dtype=int)


@dataclass(frozen=True)
class EncoderHeads:
    """The span head, the technique head and how they mix with the linear models."""

    arrays: dict[str, NDArray[np.float32]]
    classes: tuple[str, ...]
    settings: dict[str, Any]

    def setting(self, name: str) -> float:
        return float(self.settings[name])

    def span_probabilities(self, inputs: NDArray[np.float32]) -> NDArray[np.float64]:
        """P(token in a span) from the span head alone."""
        return span_head(self.arrays, inputs)

    def technique_probabilities(self, inputs: NDArray[np.float32]) -> NDArray[np.float64]:
        """P(technique) per span from the technique head alone (columns in `classes`)."""
        return technique_head(self.arrays, inputs)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        halves: dict[str, Any] = {k: v.astype(np.float16) for k, v in self.arrays.items()}
        np.savez_compressed(folder / f"{HEADS}.npz", **halves)
        meta = {"classes": self.classes, "settings": self.settings}
        (folder / f"{HEADS}.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EncoderHeads:
        try:
            meta = json.loads((folder / f"{HEADS}.json").read_text(encoding="utf-8"))
            with np.load(folder / f"{HEADS}.npz", allow_pickle=False) as stored:
                arrays = {k: stored[k].astype(np.float32) for k in stored.files}
        except FileNotFoundError:
            raise ModelMissing(
                f"the accurate profile's heads are missing from {folder} "
                "(rebuild: python -m presslens.models.techniques_encoder DATA_DIR)"
            ) from None
        return cls(arrays, tuple(meta["classes"]), dict(meta["settings"]))


def span_head(
    arrays: dict[str, NDArray[np.float32]], x: NDArray[np.float32]
) -> NDArray[np.float64]:
    hidden = np.maximum(x @ arrays["si_w1"] + arrays["si_b1"], 0.0)
    logits = (hidden @ arrays["si_w2"] + arrays["si_b2"]).astype(np.float64).ravel()
    result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logits))
    return result


def technique_head(
    arrays: dict[str, NDArray[np.float32]], x: NDArray[np.float32]
) -> NDArray[np.float64]:
    logits = (x @ arrays["tc_w"] + arrays["tc_b"]).astype(np.float64)
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return result


@lru_cache(maxsize=1)
def shipped_heads() -> EncoderHeads:
    """The shipped heads, loaded once."""
    return EncoderHeads.load(weights_folder())
