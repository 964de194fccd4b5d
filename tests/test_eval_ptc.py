"""The SemEval-2020 Task 11 scorer on hand-made spans, with P/R/F1 worked out by hand."""

from __future__ import annotations

import pytest

from presslens.errors import DataDirError
from presslens.semeval.data import merge
from presslens.semeval.scorer import si_score, tc_score


def test_si_merges_overlapping_gold_and_gives_partial_credit() -> None:
    # Gold in "a": (0,10)+(5,15) merge into (0,15); (20,30). Gold in "b": (0,4), not predicted.
    # (0,5) in (0,15): precision 5/5, recall 5/15. (25,35) on (20,30): precision 5/10, recall 5/10.
    gold = {"a": [(0, 10), (5, 15), (20, 30)], "b": [(0, 4)]}
    predicted = {"a": [(0, 5), (25, 35)]}
    score = si_score(gold, predicted)
    assert score.precision == pytest.approx(1.5 / 2)
    assert score.recall == pytest.approx((1 / 3 + 1 / 2) / 3)
    assert score.f1 == pytest.approx(15 / 37)
    assert (score.predicted, score.gold) == (2, 3)


def test_si_prediction_over_two_gold_spans_collects_credit_from_both() -> None:
    score = si_score({"a": [(0, 4), (6, 10)]}, {"a": [(0, 10)]})
    assert score.precision == pytest.approx(0.8)
    assert score.recall == pytest.approx(1.0)
    assert score.f1 == pytest.approx(8 / 9)


def test_si_overlapping_predictions_are_merged_before_scoring() -> None:
    score = si_score({"a": [(0, 10)]}, {"a": [(0, 6), (4, 10)]})
    assert (score.precision, score.recall, score.predicted) == (1.0, 1.0, 1)


@pytest.mark.parametrize(
    ("gold", "predicted", "f1"),
    [({}, {}, 1.0), ({"a": [(0, 5)]}, {}, 0.0), ({}, {"a": [(0, 5)]}, 0.0)],
)
def test_si_empty_sides(
    gold: dict[str, list[tuple[int, int]]], predicted: dict[str, list[tuple[int, int]]], f1: float
) -> None:
    assert si_score(gold, predicted).f1 == f1


def test_merge_keeps_touching_spans_apart() -> None:
    assert merge([(5, 9), (0, 5), (2, 4)]) == [(0, 5), (5, 9)]


def test_tc_reorders_labels_of_identical_spans_and_reports_per_technique_f1() -> None:
    gold = [
        ("1", 0, 5, "Loaded_Language"),
        ("1", 0, 5, "Repetition"),
        ("1", 10, 20, "Doubt"),
        ("1", 30, 40, "Flag-Waving"),
    ]
    predicted = [
        ("1", 0, 5, "Repetition"),
        ("1", 0, 5, "Loaded_Language"),
        ("1", 10, 20, "Doubt"),
        ("1", 30, 40, "Doubt"),
    ]
    score = tc_score(gold, predicted)
    assert score.micro_f1 == pytest.approx(3 / 4)
    assert score.per_technique["Doubt"] == pytest.approx(2 / 3)  # P 1/2, R 1/1
    assert score.per_technique["Loaded_Language"] == pytest.approx(1.0)
    assert score.per_technique["Flag-Waving"] == 0.0
    assert score.spans == 4


def test_tc_refuses_predictions_that_miss_a_gold_duplicate() -> None:
    gold = [("1", 0, 5, "Loaded_Language"), ("1", 0, 5, "Repetition")]
    with pytest.raises(DataDirError, match="2 gold label"):
        tc_score(gold, [("1", 0, 5, "Repetition")])
