"""The throughput benchmark runs end to end on a tiny directory and prints its comparison."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from presslens.models import encoder
from presslens.pipeline import LAYERS

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "throughput.py"


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_benchmark_prints_rates_ratio_and_stage_breakdown(tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.txt").write_text("Port talks end\n\nThe talks in Tallinn ended on Friday.\n")
    (tmp_path / "nested" / "b.txt").write_text("Mayor Jane Roe said the port will reopen.\n")
    (tmp_path / "ignored.md").write_text("not a text file for the benchmark\n")
    result = bench(str(tmp_path), "--repeat", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"presslens throughput: 2 articles, 18 words, 96 characters from {tmp_path}"
    assert any(line.startswith("spaCy alone (nlp.pipe)") for line in lines)
    assert any(line.startswith("brief, fast profile") for line in lines)
    assert any(line.startswith("fast profile / spaCy alone (articles/s): ") for line in lines)
    first = lines.index(next(x for x in lines if x.startswith("fast profile, time by")))
    stages = lines[first + 1 : first + 2 + len(LAYERS)]
    assert [line.split()[0] for line in stages] == ["nlp.pipe:", *LAYERS]
    if encoder.available():
        assert any(line.startswith("brief, accurate profile") for line in lines)
        assert any(line.startswith("accurate profile / spaCy alone") for line in lines)
    else:
        assert "accurate profile: not measured (torch is not installed)" in lines


def test_benchmark_without_texts_says_so_in_one_line(tmp_path: Path) -> None:
    result = bench(str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == f"throughput: {tmp_path}: no *.txt files with text\n"


LANGUAGES_SCRIPT = SCRIPT.parent / "languages.py"


def test_language_benchmark_names_what_it_cannot_measure(tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text("Only English here.\n")
    result = subprocess.run(
        [sys.executable, str(LANGUAGES_SCRIPT), str(tmp_path), "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"ru: no *.ru.txt files in {tmp_path}",
        f"zh: no *.zh.txt files in {tmp_path}",
    ]


def test_language_benchmark_refuses_a_missing_directory_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = subprocess.run(
        [sys.executable, str(LANGUAGES_SCRIPT), str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f"languages: {missing}: not a directory\n"


def _scaling() -> ModuleType:
    path = SCRIPT.parent / "scaling.py"
    spec = importlib.util.spec_from_file_location("scaling_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scaling_check_fails_a_family_growing_faster_than_prose() -> None:
    failures = _scaling().over_budget({"prose": 4.0, "said-chain": 7.0, "tiny": 5.0}, 1.6, 6.0)
    assert failures == ["over budget: said-chain grows 7.00x per 4x of text"]


def test_scaling_check_fails_prose_itself_growing_faster_than_linear() -> None:
    # A slow path prose shares raises every family's budget with it: only the absolute
    # bound on prose sees it.
    growths = {"prose": 8.3, "said-chain": 8.6, "dense-dates": 3.9}
    assert _scaling().over_budget(growths, 1.6, None) == []
    (failure,) = _scaling().over_budget(growths, 1.6, 6.0)
    assert failure.startswith("over budget: prose itself grows 8.30x")
