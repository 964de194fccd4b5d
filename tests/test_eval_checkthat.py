"""The CheckThat! evaluation: reading the organisers' TSV quirks and scoring the shipped model."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from presslens.errors import DataDirError
from presslens.evaluation.checkthat import evaluate
from presslens.models import encoder
from presslens.models.checkworthy import (
    DEV_FILE,
    DEVTEST_FILE,
    f1_score,
    pick_threshold,
    read_sentences,
)

HEADER = "Sentence_id\tText\tclass_label"
ROWS = [
    ("1", "Unemployment fell to 3.5 percent last year.", "Yes"),
    ("2", "Thank you all for coming tonight.", "No"),
    ("3", "The state spent 40 billion dollars on roads in 2019.", "Yes"),
    ("4", 'I said "good luck" to him.', "No"),
]


def write_tsv(path: Path, rows: list[tuple[str, str, str]], newline: str) -> None:
    lines = [HEADER, *("\t".join(row) for row in rows)]
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))


def test_reader_keeps_raw_quotes_and_crlf(tmp_path: Path) -> None:
    write_tsv(tmp_path / "dev.tsv", ROWS, "\r\n")
    texts, labels = read_sentences(tmp_path / "dev.tsv")
    assert texts[3] == 'I said "good luck" to him.'
    assert labels == [True, False, True, False]


def test_reader_splits_two_records_run_together(tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"
    path.write_text(f"{HEADER}\n7\tWe must grow.\tNo8\tJobs fell by half.\tYes\n", "utf-8")
    assert read_sentences(path) == (["We must grow.", "Jobs fell by half."], [False, True])


def test_reader_refuses_a_row_without_a_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(f"{HEADER}\n7\tWe must grow.\n", "utf-8")
    with pytest.raises(DataDirError, match="line 2"):
        read_sentences(path)


def test_f1_of_the_positive_class() -> None:
    assert f1_score([True, True, False, False], [True, False, True, False]) == (0.5, 0.5, 0.5)


def test_threshold_separates_clean_scores() -> None:
    scores = np.array([0.9, 0.8, 0.2, 0.1])
    threshold = pick_threshold(scores, [True, True, False, False])
    assert 0.2 < threshold <= 0.8


@pytest.mark.slow
def test_evaluate_scores_dev_and_devtest(tmp_path: Path) -> None:
    write_tsv(tmp_path / DEV_FILE, ROWS, "\r\n")
    write_tsv(tmp_path / DEVTEST_FILE, ROWS[:2], "\r\n")
    out = io.StringIO()
    scores = evaluate(tmp_path, out)
    fast = {"f1_dev", "f1_devtest"} | {
        f"{kind}_{name}"
        for kind in ("display_precision", "calibration_error", "average_precision")
        for name in ("dev", "devtest")
    }
    accurate = {f"accurate_{name}" for name in fast}
    assert set(scores) == (fast | accurate if encoder.available() else fast)
    assert scores["f1_devtest"] == 1.0
    assert scores["average_precision_devtest"] == 1.0  # the check-worthy row ranks first
    assert "devtest      2 sentences,    1 check-worthy" in out.getvalue()
    if encoder.available():
        assert scores["accurate_f1_devtest"] == 1.0


def test_evaluate_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataDirError, match="missing"):
        evaluate(tmp_path, io.StringIO())
