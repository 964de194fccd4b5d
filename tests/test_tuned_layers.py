"""The encoder's fine-tuned top layers: shipped as differences, rebuilt, run in the brief's path."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from presslens.layers.claims.checkworthy import (
    EncoderCheckworthy,
    load_encoder_model,
    load_model,
)
from presslens.models import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="needs torch and the encoder")

SENTENCES = [
    "Unemployment fell to 3.5 percent last year, the lowest rate in half a century.",
    "Thank you all for coming tonight.",
    "word " * 300,  # longer than one encoded piece: read in overlapping windows
]


def test_base_layers_run_by_hand_equal_the_models_own_forward_pass() -> None:
    from presslens.models.tuned_layers import base_copies

    plain = encoder.sentence_vectors(SENTENCES)
    by_hand = encoder.sentence_vectors(SENTENCES, tuned=base_copies(4).eval())
    assert np.array_equal(plain, by_hand)


def test_untouched_layers_ship_as_zero_differences() -> None:
    from presslens.models.tuned_layers import base_copies, differences

    arrays = differences(base_copies(5), 5)
    assert arrays and all(not np.any(a) for k, a in arrays.items() if not k.endswith(".scale"))


def test_differences_round_trip_within_the_int8_step() -> None:
    import torch

    from presslens.models.tuned_layers import base_copies, differences, rebuilt

    layers = base_copies(5)
    weight = layers[0].output.dense.weight
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        weight += 0.01 * torch.randn(weight.shape, generator=generator)
    back = rebuilt(differences(layers, 5), 5)
    error = (back[0].output.dense.weight - weight).abs().max().item()
    # int8 per row: the error is at most half a step, and a row's largest change of 1,536
    # Gaussian draws (sigma 0.01) stays under 6 sigma.
    assert 0 < error <= 0.5 * 6 * 0.01 / 127


def test_a_model_with_tuned_layers_saves_and_loads_without_pickle(tmp_path: Path) -> None:
    from presslens.models.tuned_layers import base_copies, differences

    model = EncoderCheckworthy(
        coef=np.linspace(-1, 1, encoder.WIDTH).astype(np.float32),
        intercept=0.25,
        mix=0.5,
        threshold=0.4,
        first_tuned=5,
        tuned=differences(base_copies(5), 5),
    )
    path = tmp_path / "model.npz"
    model.save(path)
    again = load_encoder_model.__wrapped__(path)
    assert (again.first_tuned, again.mix, again.threshold) == (5, 0.5, 0.4)
    assert again.tuned.keys() == model.tuned.keys()
    np.testing.assert_allclose(again.score(SENTENCES), model.score(SENTENCES), atol=1e-3)


def test_the_shipped_model_reads_a_statistic_as_check_worthy_and_thanks_as_not() -> None:
    model = load_encoder_model()
    head_only = replace(model, mix=1.0)
    scores = head_only.score(SENTENCES[:2])
    assert scores[0] > model.threshold > scores[1]
    assert model.layers is not None  # the shipped model was fine-tuned, not frozen
    assert len(model.score(SENTENCES)) == len(load_model().score(SENTENCES)) == 3


def test_length_batches_hold_every_item_once_with_similar_lengths() -> None:
    from presslens.models.tuned_layers import length_batches

    lengths = [(n * 37) % 101 for n in range(1000)]
    batches = length_batches(lengths, 10, np.random.default_rng(0))
    items = sorted(int(n) for batch in batches for n in batch)
    assert items == list(range(1000))
    assert all(1 <= len(batch) <= 10 for batch in batches)
    # Sorted by length within chunks of 50 batches: a batch spans a few length steps only.
    assert max(max(lengths[n] for n in b) - min(lengths[n] for n in b) for b in batches) <= 5
    again = length_batches(lengths, 10, np.random.default_rng(0))
    assert all(np.array_equal(a, b) for a, b in zip(batches, again, strict=True))
