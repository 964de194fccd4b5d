"""The accurate profile's encoder: lower-layer states kept per sentence and shared by the heads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from presslens.models import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="needs torch and the encoder")

SENTENCES = [
    "The council voted on Tuesday to close two of the city's five libraries.",
    "Thank you.",
    "Prices rose by a third in a year, the statistics office said, and wages did not follow.",
]


def _own_forward_pass(sentence: str) -> np.ndarray:
    import torch

    tokenizer, model = encoder.loaded()
    enc = tokenizer([sentence], return_tensors="pt")
    with torch.inference_mode():
        states: np.ndarray = model(**enc).last_hidden_state[0].numpy()
    return states[1:-1]  # without [CLS] and [SEP]


def test_split_pass_gives_the_models_own_last_layer_states() -> None:
    # Sentences of different lengths share a padded batch in the split pass.
    for sentence, (offsets, states) in zip(SENTENCES, encoder._encode(SENTENCES), strict=True):
        expected = _own_forward_pass(sentence)
        assert states.shape == expected.shape
        assert len(offsets) == len(states)
        assert np.allclose(states, expected, atol=1e-4)


def test_a_sentence_goes_through_the_lower_layers_once_for_both_heads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from presslens.models.tuned_layers import base_copies

    kept = encoder.LowerStates()
    monkeypatch.setattr(encoder, "_LOWER", kept)
    encoder.sentence_vectors(SENTENCES, tuned=base_copies(encoder.SHARED_DEPTH).eval())
    assert kept.computed == len(SENTENCES)
    encoder.token_vectors(SENTENCES[:2], [[(0, 3)], [(0, 5)]])
    assert kept.computed == len(SENTENCES)  # the second head reused the kept states
    encoder.token_vectors(["A sentence not seen before."], [[(0, 1)]])
    assert kept.computed == len(SENTENCES) + 1


def test_only_the_last_sentences_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = encoder.LowerStates(size=2)
    monkeypatch.setattr(encoder, "_LOWER", kept)
    encoder.sentence_vectors(SENTENCES)
    assert len(kept.kept) == 2
    encoder.sentence_vectors(SENTENCES[:1])  # the oldest was dropped: computed again
    assert kept.computed == len(SENTENCES) + 1


def test_two_stacks_read_one_lower_pass_and_pieces_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from presslens.models.tuned_layers import base_copies

    kept = encoder.LowerStates()
    monkeypatch.setattr(encoder, "_LOWER", kept)
    _tokenizer, model = encoder.loaded()
    base_top = list(model.encoder.layer[encoder.SHARED_DEPTH :])
    long_sentence = " ".join(f"word{n}" for n in range(300))  # read in overlapping pieces
    texts = [SENTENCES[0], long_sentence]
    found = encoder.encode_tops(texts, [base_top, list(base_copies(encoder.SHARED_DEPTH).eval())])
    assert kept.computed == len(texts)
    for offsets, (base, copied) in found:
        assert np.allclose(base, copied, atol=1e-5)
        assert len(offsets) == len(base)
    offsets = found[1][0]
    assert offsets[0, 0] == 0 and offsets[-1, 1] == len(long_sentence)
    steps = np.diff(offsets[:, 0])
    assert (steps < 0).sum() >= 1  # read in several pieces ...
    assert steps.min() > -100  # ... in order: each steps back only over the 16-piece overlap


def test_without_overflow_a_long_text_is_cut_to_one_piece() -> None:
    long_text = " ".join(f"word{n}" for n in range(300))
    cut = encoder.lower_pieces([SENTENCES[1], long_text], 2, max_pieces=64, overflow=False)
    windows = encoder.lower_pieces([SENTENCES[1], long_text], 2, max_pieces=64)
    assert [len(pieces) for pieces in cut] == [1, 1]
    assert len(windows[1]) > 1  # read in overlapping pieces
    assert len(cut[1][0][0]) == 64
    short_cut, short_window = cut[0][0], windows[0][0]
    assert np.array_equal(short_cut[0], short_window[0])
    assert np.allclose(short_cut[1].numpy(), short_window[1].numpy(), atol=1e-5)


@pytest.mark.parametrize(
    ("lengths", "most", "expected"),
    [
        ([], 32, []),
        ([7, 7, 7, 7], 32, [range(0, 4)]),
        ([7, 7, 7, 7], 3, [range(0, 3), range(3, 4)]),  # never more than `most` rows
        ([5, 6, 40, 41], 32, [range(0, 2), range(2, 4)]),  # a jump costs more than a pass
        ([10, 10 + encoder.PASS_COST], 32, [range(0, 2)]),  # one row padded by a pass's cost
        ([10, 11 + encoder.PASS_COST], 32, [range(0, 1), range(1, 2)]),
    ],
    ids=["none", "equal", "at-most", "jump", "cost-equal", "cost-over"],
)
def test_rows_sorted_by_length_are_batched_where_padding_costs_less_than_a_pass(
    lengths: list[int], most: int, expected: list[range]
) -> None:
    assert encoder.length_batches(lengths, most) == expected


def test_a_short_text_is_not_padded_to_a_long_one(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes: list[tuple[int, int]] = []
    real = encoder.run_layers

    def recorded(model: Any, enc: Any, layers: Sequence[Any]) -> Any:
        shapes.append(tuple(enc["input_ids"].shape))
        return real(model, enc, layers)

    monkeypatch.setattr(encoder, "run_layers", recorded)
    long_text = " ".join(f"word{n}" for n in range(60))
    together = encoder.lower_pieces([long_text, SENTENCES[1]], 2)
    assert len(shapes) == 2 and min(width for _rows, width in shapes) < 10
    for text, pieces in zip([long_text, SENTENCES[1]], together, strict=True):
        ((offsets, states),) = encoder.lower_pieces([text], 2)[0]
        assert np.array_equal(pieces[0][0], offsets)
        assert np.allclose(pieces[0][1].numpy(), states.numpy(), atol=1e-5)
    assert encoder.lower_pieces([], 2) == []
