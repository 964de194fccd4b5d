"""The fine-tuned span tagger's tooling (`models/techniques_tune.py`, `layers/techniques/tuned.py`):
saved without pickle, the tuned layers read every candidate sentence and the base top layers only
those holding a decoded span, word pieces mapped onto spaCy tokens, zero outside candidate
sentences."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from presslens.brief import Brief
from presslens.errors import ModelMissing
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import SpanTagger
from presslens.models import encoder
from presslens.nlp import load_pipeline
from presslens.settings import Settings

pytestmark = pytest.mark.skipif(not encoder.available(), reason="needs torch and the encoder")

TEXT = (
    "The council met on Tuesday to discuss the library budget.\n"
    "These corrupt, treasonous traitors are destroying our great nation and must be stopped!\n"
)


def view_of(text: str) -> ArticleView:
    return ArticleView.of(load_pipeline(Settings().pipeline)(text), text)


def sentence_with(view: ArticleView, word: str) -> tuple[int, int]:
    """The token range of the sentence holding `word`."""
    return view.sentences[view.sent_of[next(t.i for t in view.doc if t.text == word)]]


def untuned_tagger(mix: float = 0.5) -> Any:
    """A tagger whose 'tuned' layers are the base ones (zero differences) and a fixed head."""
    from presslens.layers.techniques.tuned import TunedTagger
    from presslens.models.tuned_layers import base_copies, differences

    arrays = differences(base_copies(4), 4)
    arrays["head.weight"] = np.linspace(-0.05, 0.05, encoder.WIDTH).astype(np.float32)
    arrays["head.bias"] = np.array([-1.0], np.float32)
    settings = {"first_tuned": 4, "mix_si": mix, "candidate": 0.1, "start": 0.4, "extend": 0.25}
    return TunedTagger(arrays, settings | {"max_gap": 2, "fold": 0})


class FixedTagger:
    """Stands for the linear span tagger: fixed token probabilities."""

    def __init__(self, probs: np.ndarray) -> None:
        self.probs = probs

    def token_probabilities(self, _view: ArticleView) -> np.ndarray:
        return self.probs


def test_a_tagger_saves_and_loads_without_pickle(tmp_path: Path) -> None:
    from presslens.layers.techniques.tuned import TunedTagger

    tagger = untuned_tagger()
    tagger.save(tmp_path)
    again = TunedTagger.load(tmp_path)
    assert again.settings == tagger.settings
    assert again.arrays.keys() == tagger.arrays.keys()
    assert all(np.array_equal(again.arrays[k], a) for k, a in tagger.arrays.items())


def test_a_missing_tagger_is_the_projects_own_error_naming_the_rebuild(tmp_path: Path) -> None:
    from presslens.layers.techniques.tuned import TunedTagger

    with pytest.raises(ModelMissing, match="techniques_tune"):
        TunedTagger.load(tmp_path)


def test_the_base_vectors_are_the_frozen_encoders_and_every_word_gets_a_probability() -> None:
    from presslens.layers.techniques.encoded import encode_sentences
    from presslens.layers.techniques.tuned import base_vectors, tuned_probabilities

    view = view_of(TEXT)
    every = range(len(view.sentences))
    vectors = base_vectors(view, every, untuned_tagger())
    np.testing.assert_allclose(vectors, encode_sentences(view, every), atol=1e-4)
    probs = tuned_probabilities(view, every, untuned_tagger())
    words = np.asarray([not space for space in view.is_space])
    assert ((probs[words] > 0) & (probs[words] < 1)).all()
    assert not probs[~words].any()


def test_tokens_outside_candidate_sentences_score_zero() -> None:
    from presslens.layers.techniques.tuned import tag, tuned_probabilities

    view = view_of(TEXT)
    tagger = untuned_tagger(mix=0.5)
    linear = np.zeros(len(view.doc))
    hot = next(t.i for t in view.doc if t.text == "traitors")
    linear[hot] = 0.9
    mixed = tag(view, linear, tagger)
    a, b = sentence_with(view, "traitors")
    assert not mixed[:a].any() and not mixed[b:].any()
    alone = tuned_probabilities(view, [view.sent_of[hot]], tagger)
    assert mixed[hot] == pytest.approx(0.5 * alone[hot] + 0.5 * 0.9)
    assert not tag(view, np.zeros(len(view.doc)), tagger).any()


def test_base_vectors_are_zero_outside_the_sentences_asked_for() -> None:
    from presslens.layers.techniques.tuned import base_vectors

    view = view_of(TEXT)
    a, b = sentence_with(view, "traitors")
    vectors = base_vectors(view, [view.sent_of[a]], untuned_tagger())
    assert not vectors[:a].any() and not vectors[b:].any()
    assert vectors[a:b].any()


def test_the_technique_head_reads_the_sentences_a_span_covers() -> None:
    from presslens.layers.techniques.encoded import span_sentences

    view = view_of(TEXT)
    (a, _b), (c, _d) = (sentence_with(view, word) for word in ("council", "traitors"))
    traitors = TEXT.index("traitors")
    assert span_sentences(view, [(traitors, traitors + 8)]) == [view.sent_of[c]]
    across = (TEXT.index("budget"), traitors)
    between = list(range(view.sent_of[a], view.sent_of[c] + 1))  # and any sentence between
    assert len(between) >= 2 and span_sentences(view, [across]) == between
    assert span_sentences(view, []) == []


@pytest.mark.parametrize(
    ("linear_word", "spans_found"), [("traitors", True), (None, False)], ids=["span", "none"]
)
def test_the_base_top_layers_run_only_on_sentences_with_a_decoded_span(
    monkeypatch: pytest.MonkeyPatch, linear_word: str | None, spans_found: bool
) -> None:
    from presslens.layers.techniques import stage, tuned
    from presslens.layers.techniques.linear import shipped_models

    view = view_of(TEXT)
    _tagger, classifier = shipped_models()
    linear = np.zeros(len(view.doc))
    linear[next(t.i for t in view.doc if t.text == "met")] = 0.3  # a candidate, no span
    if linear_word:
        linear[next(t.i for t in view.doc if t.text == linear_word)] = 0.95
    fake = untuned_tagger(mix=0.0)  # the linear probabilities alone decide the spans
    fake = tuned.TunedTagger(fake.arrays, fake.settings | {"start": 0.9, "extend": 0.9})
    monkeypatch.setattr(tuned, "shipped_tagger", lambda: fake)
    read: list[list[str]] = []
    real = encoder.encode_tops

    def counted(texts: list[str], tops: Any) -> Any:
        read.append(list(texts))
        return real(texts, tops)

    monkeypatch.setattr(encoder, "encode_tops", counted)
    found, spans, _rows, probs = stage._accurate(
        view, cast(SpanTagger, FixedTagger(linear)), classifier
    )
    assert len(read[0]) == (2 if spans_found else 1)  # the tuned layers read every candidate
    if spans_found:
        assert [view.text[a:b] for a, b in spans] == ["traitors"]
        assert read[1:] == [[TEXT.splitlines()[1]]]  # the base top: only the span's sentence
        assert probs.shape == (1, len(classifier.model.classes))
    else:
        assert not found and len(read) == 1  # no span: the base top layers never ran


def test_a_token_gets_the_mean_probability_of_its_word_pieces() -> None:
    from presslens.models.techniques_tune import token_probabilities

    text = "Unbelievable lies"
    view = view_of(text)
    offsets = np.array([[0, 0], [0, 2], [2, 8], [8, 12], [13, 17], [0, 0]], np.int32)
    probs = np.array([0.9, 0.2, 0.4, 0.6, 0.8, 0.9], np.float32)
    result = token_probabilities(view, [offsets], [probs])
    assert [view.doc[i].text for i in range(len(view.doc))] == ["Unbelievable", "lies"]
    np.testing.assert_allclose(result, [0.4, 0.8], atol=1e-6)  # [CLS], [SEP] not counted


@pytest.mark.slow
def test_accurate_spans_never_start_or_end_inside_a_word(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Trump-hating bureaucrats and Soros-funded radicals want open borders.\n"
        "The so-called experts lied to you again, and the Un-American mob cheered.\n"
    )
    brief = brief_of(text, layers=frozenset({"techniques"}), show_withheld=True, profile="accurate")
    assert brief.layers["techniques"].profile == "accurate"
    assert brief.techniques
    for t in brief.techniques:
        assert t.start == 0 or not text[t.start - 1].isalnum(), brief.surface(t)
        assert t.end == len(text) or not text[t.end].isalnum(), brief.surface(t)


def test_the_shipped_tagger_loads_with_its_settings_and_calibration() -> None:
    from presslens.layers.techniques.stage import CALIBRATIONS
    from presslens.layers.techniques.tuned import shipped_tagger
    from presslens.models.calibration import Calibration
    from presslens.models.techniques_tune_eval import CALIBRATION

    tagger = shipped_tagger()
    assert tagger.arrays["head.weight"].shape == (encoder.WIDTH,)
    assert any(k.endswith(".scale") for k in tagger.arrays)  # int8 rows with their scales
    assert {"mix_si", "start", "extend", "max_gap", "candidate", "fold"} <= tagger.settings.keys()
    assert CALIBRATIONS["accurate"] == CALIBRATION
    assert Calibration.load(CALIBRATION).target_precision == 0.7


def test_the_shipped_tagger_scores_name_calling_over_a_flat_report() -> None:
    from presslens.layers.techniques.tuned import shipped_tagger, tuned_probabilities

    view = view_of(TEXT)
    probs = tuned_probabilities(view, range(len(view.sentences)), shipped_tagger())
    flat, loaded = (sentence_with(view, word) for word in ("council", "traitors"))
    assert probs[flat[0] : flat[1]].max() < 0.5 < probs[loaded[0] : loaded[1]].max()


def test_device_tagger_reads_what_the_device_script_writes(tmp_path: Path) -> None:
    """`techniques_tune --from-device` takes the file `scripts/device_tune.py` writes: the
    layers' differences as they are, the head's (1, 384) weight flattened, the first tuned
    layer read off (not kept among the arrays), and a missing file is a one-line error."""
    from presslens.models.techniques_tune import device_tagger, main

    weight = np.arange(encoder.WIDTH, dtype=np.float32).reshape(1, -1)
    delta = np.ones((3, 3), np.int8)
    path = tmp_path / "si_w_F2.npz"
    arrays_in: dict[str, Any] = {
        "tuned.0.output.dense.weight": delta,
        "head.weight": weight,
        "head.bias": np.array([0.5], np.float32),
        "first_tuned": np.array([2]),
    }
    np.savez(path, **arrays_in)
    arrays, first = device_tagger(path)
    assert first == 2
    assert "first_tuned" not in arrays
    assert arrays["head.weight"].shape == (encoder.WIDTH,)
    assert arrays["head.weight"][5] == 5.0
    assert (arrays["tuned.0.output.dense.weight"] == delta).all()
    assert main([str(tmp_path), "--fold", "0", "--from-device"]) == 2


def test_device_bundle_without_data_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from presslens.models.device_bundle import main

    assert main([str(tmp_path / "nothing-here"), str(tmp_path / "bundle")]) == 1
    assert capsys.readouterr().err.startswith("error: ")
    assert not (tmp_path / "bundle").exists()
    assert main([str(tmp_path)]) == 2


def test_evaluate_ptc_measures_a_tuned_tagger_on_the_fold_it_never_saw() -> None:
    """`measure_tagger` (what `evaluate ptc` runs for the accurate profile) follows the
    stage's order: tag, decode, then the base vectors only where a span was decoded."""
    from presslens.models.calibration import Calibration
    from presslens.models.techniques_tune_eval import measure_tagger
    from presslens.semeval.data import GoldSpan, PtcArticle

    loaded = (
        "The minister spoke about the new road on Monday.\n"
        "These corrupt traitors are destroying our great nation!\n"
        "Residents asked for more buses in the evening.\n"
    )
    named = "Critics called the mayor a clown and a puppet of the bankers.\n"
    articles = []
    for n in range(10):
        text = loaded if n % 2 else loaded + named
        name = f"{n:03d}"
        start = text.index("corrupt traitors")
        spans = [GoldSpan(name, start, text.index(" are"), "Loaded_Language")]
        if not n % 2:
            start = text.index("a clown")
            spans.append(GoldSpan(name, start, start + len("a clown"), "Name_Calling,Labeling"))
        articles.append(PtcArticle(name, text, tuple(spans)))
    views = [view_of(a.text) for a in articles]
    shown_all = Calibration((0.0, 1.0), (0.0, 1.0), 0.0, 0.7, 1.0, 1, 1, 0.0)
    out = io.StringIO()
    settings, calibration, scores = measure_tagger(
        articles, views, untuned_tagger(), out, shown_all
    )
    assert settings["fold"] == 0 and calibration is shown_all
    assert "fold 0, 2 articles it never saw" in out.getvalue()
    assert 0.0 <= scores["si_precision"] <= 1.0 and 0.0 <= scores["si_recall"] <= 1.0
    # This calibration shows every decoded span, so the display figures are the decoded ones.
    assert scores["si_display_recall"] == pytest.approx(scores["si_recall"])
    assert scores["si_display_precision"] == pytest.approx(scores["si_precision"])
