"""Fine-tuned top layers of the encoder, shipped as int8 differences from the pinned base.

The check-worthiness model and the span tagger of the accurate profile fine-tune the
encoder's top layers (`presslens.models.checkworthy_encoder`,
`presslens.models.techniques_tune`). Only what changed ships: for each
weight matrix of those layers, tuned - base, quantised to int8 per row with a
float32 scale per row (the largest error measured was under 0.02% of the largest
weight); vectors (biases, layer norms) as float16 differences. Loading adds them
back onto copies of the base package's layers, so the base stays shared and
unchanged, and nothing is unpickled.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from presslens.models import encoder

#: Levels of the int8 quantisation on each side of zero.
INT8_LEVELS = 127
#: Key prefix of the layer arrays inside a model's .npz file.
PREFIX = "tuned."
#: Common fine-tuning settings for a small BERT, shared by every fine-tuning command (not
#: searched): 3 epochs, batches of 32, learning rate 5e-5 for the layers and 1e-3 for the
#: new head, 6% warm-up, weight decay 0.01, seed 0.
EPOCHS = 3
BATCH = 32
LAYER_RATE = 5e-5
HEAD_RATE = 1e-3
WARMUP = 0.06
WEIGHT_DECAY = 0.01
SEED = 0


def base_copies(first: int) -> Any:
    """Trainable copies of the base encoder's layers `first`..last (a torch ModuleList)."""
    import torch

    _tokenizer, model = encoder.loaded()
    return torch.nn.ModuleList(copy.deepcopy(layer) for layer in model.encoder.layer[first:])


def differences(layers: Any, first: int) -> dict[str, NDArray[Any]]:
    """The arrays that ship for tuned `layers` (the copies of layers `first`..last)."""
    base = base_copies(first).state_dict()
    arrays: dict[str, NDArray[Any]] = {}
    for name, tensor in layers.state_dict().items():
        delta = (tensor - base[name]).float().numpy()
        key = PREFIX + name
        if delta.ndim == 2:
            scale = np.abs(delta).max(axis=1, keepdims=True) / INT8_LEVELS
            scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
            arrays[key] = np.round(delta / scale).astype(np.int8)
            arrays[key + ".scale"] = scale
        else:
            arrays[key] = delta.astype(np.float16)
    return arrays


def rebuilt(arrays: dict[str, NDArray[Any]], first: int) -> Any:
    """The tuned layers: base copies of layers `first`..last plus the shipped differences."""
    import torch

    layers = base_copies(first)
    state = layers.state_dict()
    for name in state:
        delta = arrays[PREFIX + name].astype(np.float32)
        if delta.ndim == 2:
            delta = delta * arrays[PREFIX + name + ".scale"]
        state[name] = state[name] + torch.from_numpy(delta)
    layers.load_state_dict(state)
    layers.eval()
    return layers


def length_batches(
    lengths: Sequence[int], size: int, rng: np.random.Generator
) -> list[NDArray[np.int64]]:
    """Shuffled batches of `size` items of similar length (little padding): the items
    shuffled, sorted by length within chunks of 50 batches, then the batches shuffled.
    The two fine-tuning commands share it."""
    order = rng.permutation(len(lengths))
    batches = []
    for first in range(0, len(order), size * 50):
        chunk = sorted(order[first : first + size * 50], key=lambda n: lengths[n])
        batches += [np.asarray(chunk[i : i + size]) for i in range(0, len(chunk), size)]
    return [batches[n] for n in rng.permutation(len(batches))]


def cached_lower_states(
    texts: Sequence[str], first: int, cache: Path, max_pieces: int
) -> list[tuple[NDArray[np.float16], NDArray[np.int64]]]:
    """Per text: its word pieces' states after the frozen layers below `first` (float16) and
    the pieces' character offsets, computed once and cached under `cache` by the joined
    text. The fine-tuning commands train the layers above on these."""
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"pieces-{first}-{max_pieces}-{digest}.npz"
    if not path.is_file():
        found = [
            (states.numpy().astype(np.float16), offsets)
            for ((offsets, states),) in encoder.lower_pieces(
                texts, first, max_pieces=max_pieces, overflow=False, batch_size=64
            )
        ]
        np.savez(
            path,
            states=np.concatenate([s for s, _o in found]),
            offsets=np.concatenate([o for _s, o in found]),
            sizes=np.array([len(o) for _s, o in found]),
        )
    with np.load(path, allow_pickle=False) as arrays:
        states, offsets = arrays["states"], arrays["offsets"]
        cuts = np.concatenate([[0], np.cumsum(arrays["sizes"])])
    return [(states[a:b], offsets[a:b]) for a, b in pairwise(cuts)]


def training_parts(
    first: int,
    steps: int,
    rates: tuple[float, float],
    warmup: float,
    weight_decay: float,
    outputs: int = 1,
) -> tuple[Any, Any, Any, Any]:
    """Copies of the base layers from `first` up, a linear head of `outputs` over them, their
    AdamW optimiser (`rates`: the layers', the head's) and its schedule: linear warm-up over
    the `warmup` share of `steps`, then linear decay to zero. Every fine-tuning command
    uses it."""
    import torch

    layers, head = base_copies(first), torch.nn.Linear(encoder.WIDTH, outputs)
    optimiser = torch.optim.AdamW(
        [
            {"params": layers.parameters(), "lr": rates[0]},
            {"params": head.parameters(), "lr": rates[1]},
        ],
        weight_decay=weight_decay,
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (warmup * steps)) * max(0.0, 1 - step / steps)
    )
    return layers, head, optimiser, schedule


def train_step(loss: Any, layers: Any, head: Any, optimiser: Any, schedule: Any) -> float:
    """One optimiser step on `loss` (gradients clipped to norm 1); returns the loss."""
    import torch

    optimiser.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_([*layers.parameters(), *head.parameters()], 1.0)
    optimiser.step()
    schedule.step()
    return float(loss.detach())
