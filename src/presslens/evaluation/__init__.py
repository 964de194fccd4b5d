"""Evaluation on real annotated data: one module per data set, one registry, one floor check.

Each evaluation module exposes `evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]`:
it prints a readable report to `out` and returns its headline scores. Floors for
those scores live in `floors.toml` at the repository root; `presslens evaluate
... --floors floors.toml` exits 1 when any score is below its floor.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from presslens.errors import DataDirError


@dataclass(frozen=True)
class Evaluation:
    """One evaluation: its data folder under the shared data directory and its module."""

    name: str
    subdir: str
    module: str
    what: str

    def runner(self) -> Callable[[Path, IO[str]], dict[str, float]]:
        module = importlib.import_module(self.module)
        run: Callable[[Path, IO[str]], dict[str, float]] = module.evaluate
        return run


EVALUATIONS: tuple[Evaluation, ...] = (
    Evaluation(
        "polnear",
        "polnear",
        "presslens.evaluation.polnear",
        "attribution (quotes: content overlap F1, source F1) on PolNeAR dev",
    ),
    Evaluation(
        "meantime",
        "meantime-en",
        "presslens.evaluation.meantime",
        "time expressions (detection F1, value accuracy) on MEANTIME",
    ),
    Evaluation(
        "timebank",
        "timebank-aquaint",
        "presslens.evaluation.timebank",
        "time expressions (TempEval-3: detection F1, value F1, type) on TimeBank+AQUAINT",
    ),
    Evaluation(
        "checkthat",
        "checkthat2024-en",
        "presslens.evaluation.checkthat",
        "check-worthiness (positive-class F1) on CheckThat! 2024 English dev",
    ),
    Evaluation(
        "factru",
        "factru-dev",
        "presslens.evaluation.factru",
        "Russian entities (name-mention exact-span F1, PER/ORG/LOC) on factRuEval-2016 dev",
    ),
    Evaluation(
        "ptc",
        "ptc",
        "presslens.evaluation.ptc",
        "persuasion techniques (SI F1, TC micro-F1), 5-fold CV on PTC train",
    ),
    Evaluation(
        "wmt-parallel",
        "wmt-parallel",
        "presslens.evaluation.parallel",
        "the same article in two languages: dates, amounts, people, quotes agree; pairs linked",
    ),
)


def by_name(name: str) -> Evaluation:
    """The registered evaluation called `name`."""
    for evaluation in EVALUATIONS:
        if evaluation.name == name:
            return evaluation
    raise DataDirError(f"no evaluation called {name!r}")


def read_floors(path: Path) -> dict[str, dict[str, float]]:
    """Floors per evaluation and score, from a TOML file."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {name: {k: float(v) for k, v in table.items()} for name, table in data.items()}


def below_floors(
    name: str, scores: dict[str, float], floors: dict[str, dict[str, float]]
) -> list[str]:
    """One line for every score of `name` that is under its floor (or missing)."""
    problems = []
    for score_name, floor in floors.get(name, {}).items():
        value = scores.get(score_name)
        if value is None:
            problems.append(f"{name}.{score_name}: not reported (floor {floor:.3f})")
        elif value < floor:
            problems.append(f"{name}.{score_name} = {value:.4f} is below its floor {floor:.4f}")
    return problems


def run(evaluation: Evaluation, data_dir: Path, out: IO[str] = sys.stdout) -> dict[str, float]:
    """Run one evaluation on its data directory."""
    if not data_dir.is_dir():
        raise DataDirError(f"no data directory at {data_dir}")
    return evaluation.runner()(data_dir, out)
