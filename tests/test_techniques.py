"""The techniques stage: propaganda spans, each with one of the 14 techniques and its evidence."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from presslens.brief import TECHNIQUES, Brief
from presslens.layers.techniques.cue_words import whole_word_occurrences
from presslens.layers.techniques.encoded import candidates
from presslens.layers.techniques.features import (
    ArticleView,
    token_features,
    token_parts,
    trim,
)
from presslens.layers.techniques.linear import part_sums, shipped_models
from presslens.layers.techniques.stage import CALIBRATIONS, whole_words
from presslens.models import encoder
from presslens.models.calibration import Calibration
from presslens.nlp import load_pipeline
from presslens.settings import Settings

LOADED = (
    "Residents demand answers\n\n"
    "The cold-blooded butchers slaughtered innocent children in a barbaric, "
    "horrific massacre.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" word.", "word"),
        ("\nso-called experts:", "so-called experts"),
        ("quiet", "quiet"),
        (" ;. ", ""),
    ],
)
def test_trim_drops_space_and_punctuation_the_ptc_gold_never_has_at_the_ends(
    text: str, expected: str
) -> None:
    start, end = trim(text, 0, len(text))
    assert text[start:end] == expected


@given(st.text(alphabet="ab _-é1.", max_size=30), st.text(alphabet="ab _-é.", max_size=4))
def test_whole_word_occurrences_match_the_regular_expression(text: str, needle: str) -> None:
    expected = (
        [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]
        if needle
        else []
    )
    assert whole_word_occurrences(text, needle) == expected


def test_whole_word_occurrences_skip_matches_inside_words() -> None:
    assert whole_word_occurrences("the regime, regimes and the regime.", "regime") == [4, 28]


@pytest.mark.slow
def test_loaded_words_are_marked_with_a_technique_and_evidence(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of(LOADED, layers=frozenset({"techniques"}), show_withheld=True)
    assert brief.techniques
    spans = [brief.surface(t) for t in brief.techniques]
    assert any("cold-blooded" in s or "barbaric" in s or "horrific" in s for s in spans), spans
    for technique in brief.techniques:
        assert technique.technique in TECHNIQUES
        assert 0.0 < technique.score <= 1.0
        assert technique.confidence is not None and 0.0 <= technique.confidence <= 1.0
        assert technique.evidence
        surface = brief.surface(technique)
        assert surface == surface.strip(" \n.,:;")


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["fast", "accurate"])
def test_evidence_says_why_in_words_of_the_text_not_feature_names(
    brief_of: Callable[..., Brief], profile: str
) -> None:
    brief = brief_of(LOADED, layers=frozenset({"techniques"}), show_withheld=True, profile=profile)
    assert brief.techniques
    for technique in brief.techniques:
        surface = brief.surface(technique)
        assert f"'{' '.join(surface.split())}'" in technique.evidence, technique.evidence
        for raw in ("lemma '", "context word", "lexicon:", "span p=", "tag '"):
            assert raw not in technique.evidence
    loaded = [t for t in brief.techniques if t.technique == "Loaded_Language"]
    assert all(t.evidence.startswith("uses emotionally loaded words: ") for t in loaded)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["fast", "accurate"])
def test_by_default_only_items_at_the_display_threshold_are_shown(
    brief_of: Callable[..., Brief], profile: str
) -> None:
    every = brief_of(LOADED, layers=frozenset({"techniques"}), show_withheld=True, profile=profile)
    shown = brief_of(LOADED, layers=frozenset({"techniques"}), profile=profile)
    status = shown.layers["techniques"]
    assert status.profile == profile
    calibration = Calibration.load(CALIBRATIONS[profile])
    assert status.threshold == calibration.threshold
    kept = [t for t in every.techniques if calibration.clears(t.confidence or 0.0)]
    assert list(shown.techniques) == kept
    assert status.withheld == len(every.techniques) - len(kept)


@pytest.mark.slow
def test_without_torch_the_accurate_profile_falls_back_to_fast_and_says_so(
    brief_of: Callable[..., Brief], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoder, "available", lambda: False)
    brief = brief_of(LOADED, layers=frozenset({"techniques"}), profile="accurate")
    status = brief.layers["techniques"]
    assert status.profile == "fast"
    assert status.reason is not None and "torch is not installed" in status.reason


def test_candidate_sentences_are_those_with_a_token_over_the_floor() -> None:
    text = "Calm words here.\nThe butchers lied again.\nMore calm words."
    doc = load_pipeline(Settings().pipeline)(text)
    view = ArticleView.of(doc, text)
    probs = np.zeros(len(doc))
    butchers = next(t.i for t in doc if t.text == "butchers")
    probs[butchers] = 0.4
    assert len(view.sentences) >= 3
    assert candidates(view, probs, 0.3) == [view.sent_of[butchers]]
    assert candidates(view, probs, 0.5) == []


@pytest.mark.slow
def test_flat_report_gets_no_technique(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Library hours\n\nThe library opens at nine on weekdays and at ten on Saturdays.\n",
        layers=frozenset({"techniques"}),
    )
    assert brief.techniques == ()


def test_tagger_fast_scores_equal_the_model_on_named_features() -> None:
    # The tagger sums weights by (kind, value) without building feature names; the
    # result must be exactly the linear model applied to the names training uses.
    text = LOADED + "Why would anyone trust the so-called experts of this corrupt regime?\n"
    doc = load_pipeline(Settings().pipeline)(text)
    view = ArticleView.of(doc, text)
    tagger, _classifier = shipped_models()
    fast = tagger.token_probabilities(view)
    words = [i for i in range(len(doc)) if not view.is_space[i]]
    rows = [token_features(view, i) for i in words]
    logits = tagger.model.matrix(rows) @ tagger.model.coef[0] + tagger.model.intercept[0]
    slow = 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))
    assert len(words) > 20
    assert np.allclose(fast[words], slow, atol=1e-5)


def test_part_sums_are_the_per_token_sums_of_the_parts_float_for_float() -> None:
    # The column layout must give the very float the per-token sum gives (the brief's
    # scores are rounded from it): equality, not closeness. Tokens with several cues,
    # sentence edges on both sides and a one-word line are in the text.
    text = LOADED + "Traitors!\nThe corrupt, evil regime lies and lies, say critics.\n"
    doc = load_pipeline(Settings().pipeline)(text)
    view = ArticleView.of(doc, text)
    pairs = shipped_models()[0].model.pairs
    assert any(view.cues)
    # Tokens with two and three cues (rare in real text) exercise the zero padding.
    cue_names = sorted({value for kind, value in pairs if kind == "x"})
    view.cues[3] = tuple(cue_names[:2])
    view.cues[4] = tuple(cue_names[:3])
    sums = part_sums(view, shipped_models()[0].model.by_kind)
    for i in range(len(doc)):
        if not view.is_space[i]:
            assert sums[i] == sum(pairs.get(part, 0.0) for part in token_parts(view, i))


def test_article_view_reads_the_tokens_as_spacy_does() -> None:
    text = "The So-called EXPERTS said 42 times:\n\nno."
    doc = load_pipeline(Settings().pipeline)(text)
    view = ArticleView.of(doc, text)
    assert view.lower == [t.lower_ for t in doc]
    assert view.lemma == [t.lemma_.lower() for t in doc]
    assert view.tag == [t.tag_ for t in doc]
    shape = dict(zip([t.text for t in doc], view.shape, strict=True))
    assert (shape["The"], shape["EXPERTS"], shape["42"], shape["said"]) == ("Xx", "X", "d", "x")
    assert view.ends == [t.idx + len(t.text) for t in doc]
    assert view.content == [t.is_alpha and not t.is_stop for t in doc]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("the Russian-American summit", "-American summit", "Russian-American summit"),
        ("Kim Jong Un's new tasks", "n's new tasks", "Un's new tasks"),
        ("a gross regional product", "gross regional", "gross regional"),
        ('the "bridge" talks', '"bridge"', '"bridge"'),
        ("cold-blooded attack", "blooded att", "cold-blooded attack"),
    ],
)
def test_technique_spans_never_start_or_end_inside_a_word(
    text: str, part: str, expected: str
) -> None:
    start = text.index(part)
    new_start, new_end = whole_words(text, start, start + len(part))
    assert text[new_start:new_end] == expected


def test_the_best_decoding_finds_the_span_the_probabilities_mark() -> None:
    from presslens.models.encoder_heads import MIX_GRID, best_decoding
    from presslens.models.techniques import parse, views_of
    from presslens.semeval.data import GoldSpan, PtcArticle

    text = "The council met on Monday. Those traitors sold the city out. The vote was held."
    start = text.index("Those traitors")
    article = PtcArticle("1", text, (GoldSpan("1", start, start + len("Those traitors")),))
    (view,) = views_of([article], parse([text]))
    inside = np.array([start <= t.idx < start + 14 for t in view.doc], dtype=float)

    def probs_at(mix: float) -> dict[int, np.ndarray]:
        # Only the second source (weight 1 - mix) marks the span: the lowest mix gives it
        # the most weight, and the first best setting is kept.
        return {0: (1 - mix) * inside}

    gold = {"1": [(start, start + len("Those traitors"))]}
    score, settings = best_decoding([article], [view], gold, probs_at, MIX_GRID)
    assert score.f1 == pytest.approx(1.0)
    assert settings["mix_si"] == min(MIX_GRID)


def test_lexicon_hits_are_whole_phrases_with_curly_apostrophes_read_as_straight() -> None:
    from presslens.layers.techniques.cue_words import find_lexicon_hits, lexicon_phrases

    phrases = lexicon_phrases()
    (words, cue) = next(
        entry for entries in phrases.values() for entry in entries if len(entry[0]) > 1
    )
    phrase = " ".join(words)
    text = f"They said: {phrase.upper()}! And again, {phrase}."
    hits = find_lexicon_hits(text)
    found = [(text[s:e].lower(), c) for s, e, c in hits if c == cue]
    assert found.count((phrase, cue)) == 2
    # A phrase cut short at the end of the text is no hit.
    assert (phrase, cue) not in [(text[s:e], c) for s, e, c in find_lexicon_hits(words[0])]
    # "let’s face it" is the lexicon's "let's face it".
    curly = [c for s, e, c in find_lexicon_hits("Well, let’s face it: no.")]
    assert curly == [c for s, e, c in find_lexicon_hits("Well, let's face it: no.")] != []
    assert ("cold-blooded", "loaded") in [
        (t[s:e].lower(), c) for t in ["A Cold-Blooded attack"] for s, e, c in find_lexicon_hits(t)
    ]
