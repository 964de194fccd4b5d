"""`presslens evaluate`: run the evaluations and check their floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from presslens.evaluation import EVALUATIONS, below_floors, by_name, read_floors, run


@click.command()
@click.argument("name", type=click.Choice([e.name for e in EVALUATIONS] + ["all"]))
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--floors",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="TOML file of floors; exit 1 if a score is below one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the headline scores as JSON too.")
def evaluate(name: str, data_dir: Path, floors: Path | None, as_json: bool) -> None:
    """Score presslens on real annotated data in DATA_DIR.

    DATA_DIR is the data set's own folder (e.g. ../shared/data/polnear), or, with
    NAME 'all', the folder holding all of them (../shared/data).
    """
    chosen = list(EVALUATIONS) if name == "all" else [by_name(name)]
    floor_table = read_floors(floors) if floors else {}
    problems: list[str] = []
    results: dict[str, dict[str, float]] = {}
    for evaluation in chosen:
        directory = data_dir / evaluation.subdir if name == "all" else data_dir
        click.echo(f"== {evaluation.name}: {evaluation.what} ({directory})")
        scores = run(evaluation, directory)
        results[evaluation.name] = scores
        click.echo("   " + "  ".join(f"{k}={v:.4f}" for k, v in scores.items()))
        problems += below_floors(evaluation.name, scores, floor_table)
    if as_json:
        click.echo(json.dumps(results, indent=2))
    if floors:
        for problem in problems:
            click.echo(f"FLOOR: {problem}", err=True)
        if problems:
            sys.exit(1)
        click.echo(f"all scores at or above their floors in {floors}")
