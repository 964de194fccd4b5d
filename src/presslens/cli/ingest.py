"""`presslens ingest`: read sources into the store, with a progress bar and an honest summary."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from presslens.cli.corpus import db_option, store_at
from presslens.cli.options import make_settings, settings_options
from presslens.settings import ProfileName

if TYPE_CHECKING:
    from presslens.corpus.ingest import IngestReport

# Skipped files named in the ingest summary per reason; the rest are counted.
SKIPPED_NAMES_SHOWN = 5


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all cores",
    help="Analysis processes on this machine.",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="SCHEDULER_ADDRESS",
    help="Analyse on this Dask distributed cluster instead.",
)
@click.option(
    "--metadata",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A CSV/TSV table with a file column giving outlet, URL, date, title, id per file "
    "(default: a manifest.tsv or metadata.csv found in each directory).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@settings_options
def ingest(
    sources: Sequence[str],
    db: str,
    workers: int,
    dask_address: str | None,
    metadata: Path | None,
    quiet: bool,
    pipeline: str,
    max_bytes: int,
    published: str | None,
    layers: str | None,
    all_items: bool,
    profile: ProfileName,
) -> None:
    """Analyse SOURCE files and directories (text, HTML, JSON Lines, WARC, RSS/Atom) into the store.

    In a directory only article files are read; READMEs, licences, manifests and
    other files are skipped and listed. Resumable: a rerun skips what is stored.
    Exit code 1 when any record was rejected.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from presslens.corpus.ingest import ingest as run_ingest

    settings = make_settings(pipeline, max_bytes, published, layers, all_items, profile)
    progress = Progress(
        TextColumn("ingest"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        TextColumn("{task.fields[added]} added"),
        TextColumn("{task.fields[rejected]} rejected"),
        TextColumn("{task.fields[rate]}/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=False,
    )
    with store_at(db, read_only=False) as store, progress:
        task = progress.add_task("ingest", total=None, added=0, rejected=0, rate="-")

        def on_batch(report: IngestReport) -> None:
            elapsed = progress.tasks[task].elapsed or 1e-9
            progress.update(
                task,
                total=report.files_total,
                completed=report.files_done,
                added=report.added,
                rejected=report.rejected,
                rate=f"{report.added / elapsed:.1f}",
            )

        report = run_ingest(
            sources,
            store,
            settings,
            workers=workers,
            dask_address=dask_address,
            on_batch=on_batch,
            metadata=metadata,
        )
    for line in summary_lines(report):
        click.echo(f"presslens: {line}", err=True)
    if report.rejected:
        sys.exit(1)


def summary_lines(report: IngestReport) -> list[str]:
    """What an ingest did, in a few lines: counts first, then each reason with its count."""
    unchanged = (
        f" ({report.files_already_done} unchanged files not read again)"
        if report.files_already_done
        else ""
    )
    lines = [
        f"{report.added} added, {report.already_stored} already stored{unchanged}, "
        f"{len(report.skipped)} files skipped, {report.rejected} rejected, "
        f"{report.republication_pairs} republication pairs in {report.seconds:.1f}s"
    ]
    reasons = Counter(skipped.reason for skipped in report.skipped)
    for reason, count in reasons.most_common():
        names = [str(s.path) for s in report.skipped if s.reason == reason]
        shown = ", ".join(names[:SKIPPED_NAMES_SHOWN])
        more = (
            f" and {len(names) - SKIPPED_NAMES_SHOWN} more"
            if len(names) > SKIPPED_NAMES_SHOWN
            else ""
        )
        lines.append(f"skipped {count}x, {reason}: {shown}{more}")
    lines += [f"rejected {count}x: {reason}" for reason, count in report.rejected_by_reason.items()]
    return lines
