"""The PolNeAR scorer: brat standoff reading and the token-overlap scores, on a tiny corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from presslens.errors import DataDirError
from presslens.evaluation.polnear import (
    Attribution,
    Tally,
    Tokens,
    evaluate,
    read_brat,
    speech_cues,
)
from presslens.models import encoder

TEXT = "The mayor said the bridge will cost 40 million euros. The weather was fine."
# The mayor | said | the bridge will cost 40 million euros
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 52\tthe bridge will cost 40 million euros\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


def write_corpus(root: Path, ann: str = ANN) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\n"
        "dev\tpaper_2016-01-01_bridge\tab12|cd34\n"
        "train\tpaper_2016-01-02_other\tab12\n",
        encoding="utf-8",
    )
    (root / "dev" / "text" / "paper_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "paper_2016-01-01_bridge_ab12.ann").write_text(
        ann, encoding="utf-8"
    )
    return root


def test_brat_attribution_becomes_word_token_sets() -> None:
    tokens = Tokens(TEXT)
    (gold,) = read_brat(ANN, tokens)
    assert gold.source == frozenset({0, 1})
    assert gold.cue == frozenset({2})
    assert gold.content == frozenset(range(3, 10))


def test_content_scores_count_shared_word_tokens() -> None:
    gold = [Attribution(content=frozenset(range(3, 10)), source=frozenset({0, 1}))]
    predicted = [Attribution(content=frozenset(range(5, 12)), source=frozenset({1}))]
    tally = Tally()
    tally.add(gold, predicted)
    scores = tally.scores()
    assert scores["content_precision"] == pytest.approx(5 / 7)
    assert scores["content_recall"] == pytest.approx(5 / 7)
    assert scores["source_f1"] == pytest.approx(1.0)
    assert scores["cue_f1"] == 0.0  # neither side has a cue counted as found


def test_speaker_on_the_wrong_words_is_a_source_miss() -> None:
    gold = [Attribution(content=frozenset(range(3, 10)), source=frozenset({0, 1}))]
    predicted = [Attribution(content=frozenset(range(3, 10)), source=frozenset({12}))]
    tally = Tally()
    tally.add(gold, predicted)
    scores = tally.scores()
    assert scores["content_f1"] == pytest.approx(1.0)
    assert scores["source_precision"] == 0.0
    assert scores["source_recall"] == 0.0
    assert scores["attribution_f1"] == 0.0


def test_evaluate_scores_the_first_annotator_on_a_tiny_corpus(tmp_path: Path) -> None:
    out = io.StringIO()
    scores = evaluate(write_corpus(tmp_path), out)
    assert scores["content_f1"] == pytest.approx(1.0)
    assert scores["source_f1"] == pytest.approx(1.0)
    assert scores["cue_f1"] == pytest.approx(1.0)
    assert "1 articles, 1 gold attributions" in out.getvalue()


def test_missing_metadata_is_a_data_dir_error(tmp_path: Path) -> None:
    with pytest.raises(DataDirError):
        evaluate(tmp_path, io.StringIO())


@pytest.mark.skipif(not encoder.available(), reason="torch is not installed")
def test_evaluate_prints_the_accurate_profile_row(tmp_path: Path) -> None:
    out = io.StringIO()
    scores = evaluate(write_corpus(tmp_path), out)
    assert "accurate profile (rules + model + encoder tagger)" in out.getvalue()
    assert scores["accurate_content_f1"] == pytest.approx(1.0)
    assert scores["accurate_source_f1"] == pytest.approx(1.0)


def test_evaluate_prints_how_the_annotators_agree(tmp_path: Path) -> None:
    root = write_corpus(tmp_path)
    # The second annotator marks the same content and cue, but no source (the T1 line and
    # the E1 line naming it go; E1 comes back without it).
    second = "\n".join(line for line in ANN.splitlines() if "Source" not in line)
    second += "\nE1\tAttribution:T4 Content:T3 Cue:T2\n"
    (root / "dev" / "attributions" / "paper_2016-01-01_bridge_cd34.ann").write_text(
        second, encoding="utf-8"
    )
    out = io.StringIO()
    evaluate(root, out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("annotators"))
    assert "(1 train and dev articles" in line
    assert "content F1 1.000" in line
    assert "source 0.000" in line


def test_speech_cues_are_verbs_of_saying_by_lemma() -> None:
    assert speech_cues(["said", "has told", "according to", "backed", "seems"]) == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_evaluate_prints_recall_on_the_attributions_whose_cue_is_speech(tmp_path: Path) -> None:
    # A second attribution whose cue is no verb of saying ("was") is left out of that recall.
    stance = (
        "T5\tSource 54 65\tThe weather\n"
        "T6\tCue 66 69\twas\n"
        "T7\tContent 70 74\tfine\n"
        "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"
    )
    out = io.StringIO()
    evaluate(write_corpus(tmp_path, ANN + stance), out)
    assert "recall on the 1 of 2 gold attributions whose cue holds a verb of saying" in (
        out.getvalue()
    )
    assert "content 1.000, source 1.000, cue 1.000" in out.getvalue()
