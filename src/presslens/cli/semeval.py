"""The `presslens semeval` commands: SemEval-2020 Task 11 output for a folder of articles."""

from __future__ import annotations

from pathlib import Path

import click

from presslens.settings import DEFAULT_PIPELINE

_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group()
def semeval() -> None:
    """SemEval-2020 Task 11 (persuasion techniques) on a folder of articleNNN.txt files."""


@semeval.command()
@click.argument("articles_dir", type=_FOLDER)
@click.option(
    "--pipeline",
    default=DEFAULT_PIPELINE,
    show_default=True,
    help="Installed spaCy pipeline package to use.",
)
def si(articles_dir: Path, pipeline: str) -> None:
    """Print `id<TAB>start<TAB>end` for every propaganda span in ARTICLES_DIR."""
    from presslens.semeval.tasks import identify_spans

    for key, start, end in identify_spans(articles_dir, pipeline):
        click.echo(f"{key}\t{start}\t{end}")


@semeval.command()
@click.argument("articles_dir", type=_FOLDER)
@click.argument("spans_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pipeline",
    default=DEFAULT_PIPELINE,
    show_default=True,
    help="Installed spaCy pipeline package to use.",
)
def tc(articles_dir: Path, spans_file: Path, pipeline: str) -> None:
    """Print SPANS_FILE's lines (`id<TAB>?<TAB>start<TAB>end`) with their technique filled in."""
    from presslens.semeval.data import read_spans
    from presslens.semeval.tasks import classify_spans

    lines = classify_spans(articles_dir, read_spans(spans_file), pipeline)
    click.echo(
        "".join(f"{key}\t{label}\t{start}\t{end}\n" for key, label, start, end in lines), nl=False
    )
