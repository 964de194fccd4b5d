"""Calibrated confidence and the precision-first display threshold of a learned layer."""

from __future__ import annotations

import pytest

from presslens.models.calibration import Calibration, expected_calibration_error, fit


def test_confidence_follows_the_share_of_right_items_and_the_threshold_meets_the_target() -> None:
    # Scores 0.0 .. 0.99: items right from 0.5 up, and one in four below.
    scores = [n / 100 for n in range(100)]
    right = [s >= 0.5 or n % 4 == 0 for n, s in enumerate(scores)]
    calibration = fit(scores, right, target_precision=0.9, min_support=10)
    assert calibration.confidence(0.9) == pytest.approx(1.0)
    assert calibration.confidence(0.1) == pytest.approx(0.25, abs=0.05)
    assert calibration.precision >= 0.9
    assert calibration.shown >= 50
    assert calibration.items == 100
    assert calibration.ece < 0.05


def test_a_target_no_threshold_reaches_withholds_everything() -> None:
    calibration = fit([0.1, 0.2, 0.3, 0.4], [False, True, False, False], target_precision=0.9,
                      min_support=2)  # fmt: skip
    assert calibration.threshold == 1.0
    assert calibration.shown == 0
    assert not calibration.clears(1.0)


def test_expected_calibration_error_is_zero_when_confidence_matches_the_outcome() -> None:
    assert expected_calibration_error([1.0, 1.0, 0.0], [1.0, 1.0, 0.0]) == 0.0
    assert expected_calibration_error([0.9, 0.9], [0.0, 0.0]) == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("confidence", "words"),
    [(0.95, "very likely"), (0.75, "likely"), (0.55, "possible"), (0.2, "unlikely")],
)
def test_confidence_in_words(confidence: float, words: str) -> None:
    assert Calibration.in_words(confidence) == words


@pytest.mark.parametrize("name", ["propaganda", "propaganda_accurate"])
def test_the_shipped_techniques_calibration_loads_and_aims_at_seven_in_ten(name: str) -> None:
    calibration = Calibration.load(name)
    assert calibration.target_precision == 0.7
    assert 0.0 <= calibration.threshold <= 1.0
    assert list(calibration.xs) == sorted(calibration.xs)
