"""The learned attribution model of the quotes layer: what it adds, and what it never adds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from presslens.brief import Brief
from presslens.layers.quotes.attribution import (
    EVIDENCE,
    _Claimed,
    candidates,
    load_attribution_model,
    load_calibration,
    rules_only,
    scored_quotes,
    verb_tokens,
)
from presslens.models.attribution import MIN_ADDED, main
from presslens.models.named import pick_threshold
from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_PIPELINE

needs_model = pytest.mark.skipif(
    load_attribution_model() is None, reason="quote_attributions.npz not shipped"
)


@needs_model
def test_model_finds_a_stance_the_rules_miss(quotes_of: Callable[[str], Brief]) -> None:
    text = "Senator Maria Lopez expressed serious concern about the new tariffs on imported steel."
    with rules_only():
        assert quotes_of(text).quotes == ()
    brief = quotes_of(text)
    assert len(brief.quotes) == 1
    quote = brief.quotes[0]
    content = "serious concern about the new tariffs on imported steel"
    assert (quote.start, quote.end) == (text.index(content), text.index(content) + len(content))
    assert quote.evidence.startswith(EVIDENCE)
    assert quote.kind == "indirect"
    assert quote.cue is not None and text[quote.cue.start : quote.cue.end] == "expressed"
    assert quote.speaker is not None and quote.speaker.name is not None
    assert "Maria Lopez" in quote.speaker.name


@needs_model
def test_an_added_quote_carries_its_calibrated_confidence(
    quotes_of: Callable[[str], Brief],
) -> None:
    text = "Senator Maria Lopez expressed serious concern about the new tariffs on imported steel."
    (quote,) = quotes_of(text).quotes
    model, calibration = load_attribution_model(), load_calibration()
    assert model is not None and calibration is not None
    doc = load_pipeline(DEFAULT_PIPELINE)(text)
    ((_found, score),) = scored_quotes(doc, text, [], model)
    assert quote.confidence == round(calibration.confidence(score), 4)
    assert 0.0 < quote.confidence <= 1.0
    with rules_only():
        assert all(q.confidence is None for q in quotes_of('Ann Lee said: "We won."').quotes)


@needs_model
def test_model_reads_a_phrasal_cue_and_its_object(quotes_of: Callable[[str], Brief]) -> None:
    text = "The union leader lashed out at the new rules for overtime pay on Tuesday."
    with rules_only():
        assert quotes_of(text).quotes == ()
    quotes = quotes_of(text).quotes
    assert [text[q.start : q.end] for q in quotes] == ["the new rules for overtime pay"]
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.start is not None
    assert text[speaker.start : speaker.end].endswith("leader")


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez watched the river rise above the old stone wall all night.",
        "Maria Lopez painted the old barn a bright shade of red in June.",
        "Maria Lopez ensured that the old bridge reopened before the winter storms.",
        "Maria Lopez built a new wooden fence around the family farm last summer.",
        "Maria Lopez seemed to enjoy the long drive across the empty plains.",
        "Maria Lopez plans to open a second bakery near the station next spring.",
        "I urge you to persuade your partners to raise the tariffs on imported steel.",
        "We expressed serious concern about the new tariffs on imported steel.",
        "The rebels are trying to portray an alleged new government in the captured towns.",
    ],
)
@needs_model
def test_model_adds_no_quote_without_speech(quotes_of: Callable[[str], Brief], text: str) -> None:
    assert quotes_of(text).quotes == ()


@needs_model
def test_model_never_overlaps_a_rule_quote(quotes_of: Callable[[str], Brief]) -> None:
    text = (
        'Maria Lopez said the new tariffs "will ruin the farmers" of her state. '
        "She also expressed serious concern about the new rules for overtime pay."
    )
    with rules_only():
        rules = quotes_of(text).quotes
    quotes = quotes_of(text).quotes
    added = [q for q in quotes if q.evidence.startswith(EVIDENCE)]
    assert rules and added
    assert len(quotes) == len(rules) + len(added)
    for quote in added:
        assert all(quote.end <= r.start or r.end <= quote.start for r in rules)


def test_without_the_weights_there_is_no_model(tmp_path: Path) -> None:
    assert load_attribution_model(tmp_path / "missing.npz") is None


def test_claimed_spans_answer_overlap() -> None:
    claimed = _Claimed(60, [(10, 20), (40, 50), (12, 15)])
    assert claimed.overlaps(15, 16)
    assert claimed.overlaps(5, 11)
    assert not claimed.overlaps(20, 40)
    assert not claimed.overlaps(0, 10)
    claimed.add(25, 30)
    assert claimed.overlaps(29, 35)
    assert not claimed.overlaps(30, 40)


def test_threshold_is_the_lowest_score_at_the_target_precision() -> None:
    # Ranked: 30 right above 0.8, then 10 wrong at 0.7, then 10 right at 0.6.
    scored = [(0.9 - i * 0.001, True) for i in range(30)]
    scored += [(0.7 - i * 0.001, False) for i in range(10)]
    scored += [(0.6 - i * 0.001, True) for i in range(10)]
    # 40 right of 50 at the bottom: precision 0.8 holds down to the last one.
    assert pick_threshold(scored, 0.8, MIN_ADDED) == pytest.approx(0.591)
    # At 0.9, only the first 30 (and up to 33 with 3 wrong) reach it.
    assert pick_threshold(scored, 0.9, MIN_ADDED) == pytest.approx(0.698)
    assert pick_threshold(scored[:5], 0.5, MIN_ADDED) == 1.0  # too few to trust


def test_training_on_a_folder_without_polnear_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error: no PolNeAR train split")


def test_the_cue_model_training_on_a_folder_without_polnear_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from presslens.models.cues import main as train_cues

    assert train_cues([str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error: no PolNeAR train split")


def test_candidates_from_the_verbs_alone_are_all_the_candidates() -> None:
    text = (
        "The minister said that taxes would fall. Critics argued the plan was reckless, "
        "and a spokesman for the union told reporters it would strike. Rain fell."
    )
    doc = load_pipeline(DEFAULT_PIPELINE)(text)
    verbs = verb_tokens(doc)
    assert [t.i for t in verbs] == [t.i for t in doc if t.pos_ == "VERB"]
    every = [(c.verb.i, c.start, c.end) for c in candidates(doc, text)]
    assert every == [(c.verb.i, c.start, c.end) for c in candidates(doc, text, verbs=verbs)]
    assert len(verbs) >= 4 and every


def test_what_someone_was_informed_of_leaves_the_listener_out(
    quotes_of: Callable[[str], Brief],
) -> None:
    text = (
        "The minister informed her counterpart about the new steps taken to open the "
        "border crossings."
    )
    brief = quotes_of(text)
    informed = [q for q in brief.quotes if q.cue and text[q.cue.start : q.cue.end] == "informed"]
    assert [text[q.start : q.end] for q in informed] == [
        "the new steps taken to open the border crossings"
    ]
