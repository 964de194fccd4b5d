"""The corpus commands: `ingest`, `search`, `articles`, `quoted`, `timeline`, `stats`,
`republications`, `export`. Each parses, calls one function of `presslens.corpus.ingest` /
`presslens.corpus.questions`, renders.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from presslens.cli.options import open_output
from presslens.corpus import questions as corpus
from presslens.corpus.store import Store, open_store
from presslens.outputs.terminal import highlighted, safe

DEFAULT_DB = "presslens.db"
# Unresolved speakers named on the line after the `quoted` table; the rest are counted.
UNRESOLVED_SHOWN = 10


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db`: a SQLite file (default presslens.db, or $PRESSLENS_DB) or a postgresql:// URL."""
    return click.option(
        "--db",
        default=DEFAULT_DB,
        envvar="PRESSLENS_DB",
        show_default=True,
        help="Store: a SQLite file or a postgresql:// URL ($PRESSLENS_DB).",
    )(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--format table|json`."""
    return click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
    )(func)


@contextmanager
def store_at(db: str, *, read_only: bool = True) -> Iterator[Store]:
    """Open the store for one command and close it after; questions open it read-only."""
    store = open_store(db, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def _console() -> Console:
    # Stored article text is untrusted: nothing printed is read as markup or emoji codes.
    return Console(
        soft_wrap=False,
        width=None if sys.stdout.isatty() else 160,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _some(values: Sequence[str], shown: int = 2) -> str:
    """The first few values, and how many more there are."""
    more = f" and {len(values) - shown} more" if len(values) > shown else ""
    return ", ".join(values[:shown]) + more


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table whose cells print as text: `Text` cells keep their styles, the rest are made safe."""
    table = Table(title=Text(safe(title)), show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            *(v if isinstance(v, Text) else Text(safe("" if v is None else str(v))) for v in row)
        )
    _console().print(table)


@click.command()
@click.argument("query")
@db_option
@format_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
def search(query: str, db: str, output_format: str, limit: int) -> None:
    """Full-text search: articles matching QUERY (words, "quoted phrases"), best first."""
    with store_at(db) as store:
        hits = corpus.search(store, query, limit)
    if output_format == "json":
        click.echo(corpus.as_json(hits))
        return
    _table(
        f"{len(hits)} articles matching {query!r}",
        ["id", "published", "outlet", "title", "snippet", "read from"],
        [
            (
                h.article_id,
                h.published,
                h.outlet,
                h.title,
                highlighted(h.snippet, h.matches),
                h.origin,
            )
            for h in hits
        ],
    )


@click.command()
@db_option
@format_option
@click.option("--outlet", default=None, metavar="OUTLET", help="Only articles of this outlet.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Published on or after.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Published on or before.")
@click.option(
    "--technique", default=None, metavar="NAME", help="Only articles using this technique."
)
@click.option(
    "--speaker", default=None, metavar="NAME", help="Only articles quoting a speaker named NAME."
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=corpus.ARTICLES_PAGE_SIZE, show_default=True
)
def articles(
    db: str,
    output_format: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    technique: str | None,
    speaker: str | None,
    limit: int,
) -> None:
    """Stored articles by outlet, date, technique and quoted speaker, newest first."""
    with store_at(db) as store:
        rows = corpus.articles(
            store,
            outlet=outlet,
            since=since,
            until=until,
            technique=technique,
            speaker=speaker,
            limit=limit,
        )
    if output_format == "json":
        click.echo(corpus.as_json(rows))
        return
    _table(
        f"{len(rows)} articles",
        ["id", "published", "outlet", "title", "quotes", "claims", "techniques", "read from"],
        [
            (
                r.article_id,
                r.published,
                r.outlet,
                r.title,
                r.quotes,
                r.claims,
                r.techniques,
                r.origin,
            )
            for r in rows
        ],
    )


@click.command()
@db_option
@format_option
@click.option(
    "--speaker", default=None, metavar="NAME", help="Only speakers whose name contains NAME."
)
def quoted(db: str, output_format: str, speaker: str | None) -> None:
    """Who is quoted: speakers with roles, outlets, counts, first and last seen, sample quotes."""
    with store_at(db) as store:
        records = corpus.quoted(store, speaker)
    if output_format == "json":
        click.echo(corpus.as_json(records))
        return
    unresolved = [r for r in records if not r.resolved]
    records = [r for r in records if r.resolved]
    _table(
        "Quoted speakers",
        [
            "speaker",
            "roles",
            "outlets",
            "quotes",
            "articles",
            "first",
            "last",
            "sample",
            "read from",
        ],
        [
            (
                r.name,
                "; ".join(r.roles),
                ", ".join(r.outlets),
                r.quotes,
                r.articles,
                r.first_seen,
                r.last_seen,
                r.samples[0] if r.samples else "",
                _some(r.origins),
            )
            for r in records
        ],
    )
    if unresolved:
        shown = ", ".join(f"{r.name} ({r.quotes})" for r in unresolved[:UNRESOLVED_SHOWN])
        more = len(unresolved) - UNRESOLVED_SHOWN
        _console().print(
            Text(
                safe(
                    f"Not resolved to a person or organisation: {shown}"
                    + (f" and {more} more" if more > 0 else "")
                )
            )
        )


@click.command()
@click.argument("subject", metavar="ENTITY_OR_QUERY")
@db_option
@format_option
def timeline(subject: str, db: str, output_format: str) -> None:
    """One timeline across the articles naming ENTITY_OR_QUERY, republications merged."""
    with store_at(db) as store:
        entries = corpus.timeline(store, subject)
    if output_format == "json":
        click.echo(corpus.as_json(entries))
        return
    _table(
        f"Timeline: {subject}",
        ["when", "until", "expression", "event", "articles", "outlets", "read from"],
        [
            (
                e.value,
                e.end_value,
                e.text,
                e.event,
                ",".join(map(str, e.articles)),
                ", ".join(e.outlets),
                _some(e.origins),
            )
            for e in entries
        ],
    )


@click.command()
@db_option
@format_option
@click.option(
    "--by", type=click.Choice(sorted(corpus.STATS_GROUPS)), default="outlet", show_default=True
)
def stats(db: str, output_format: str, by: str) -> None:
    """Persuasion techniques and claim certainty per outlet or per month."""
    with store_at(db) as store:
        rows = corpus.stats(store, by)
    if output_format == "json":
        click.echo(corpus.as_json(rows))
        return
    _table(
        f"Techniques and claims by {by}",
        [by, "articles", "techniques", "claims", "certainty"],
        [
            (
                r.group,
                r.articles,
                ", ".join(f"{k} {v}" for k, v in r.techniques.items()),
                r.claims,
                ", ".join(f"{k} {v}" for k, v in r.certainty.items()),
            )
            for r in rows
        ],
    )


@click.command()
@db_option
@format_option
def republications(db: str, output_format: str) -> None:
    """Clusters of copies (whole, cut, edited, translated): what each pair shares, changes."""
    with store_at(db) as store:
        clusters = corpus.republications(store)
    if output_format == "json":
        click.echo(corpus.as_json(clusters))
        return
    rows = []
    for cluster in clusters:
        for pair in cluster.pairs:
            rows.append(
                (
                    cluster.cluster_id,
                    f"{pair['a']} ~ {pair['b']}",
                    pair["kind"],
                    pair["similarity"],
                    pair["earliest"] or "unknown (undated)",
                    len(pair["shared"]),
                    len(pair["removed"]),
                    len(pair["added"]),
                    len(pair["edited"]),
                    "; ".join(f"{x} / {y}" for x, y in pair["name_variants"]),
                    pair["summary"] or "",
                )
            )
    _table(
        f"{len(clusters)} republication clusters",
        [
            "cluster",
            "pair",
            "kind",
            "similarity",
            "earliest",
            "shared",
            "removed",
            "added",
            "edited",
            "name variants",
            "translation",
        ],
        rows,
    )


@click.command()
@db_option
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(corpus.EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(db: str, output_format: str, output: Path) -> None:
    """Write every stored brief (jsonl) or one row per article (csv) to a file."""
    with store_at(db) as store, open_output(output) as out:
        count = corpus.export(store, output_format, out)
    click.echo(f"presslens: exported {count} articles to {output}", err=True)


COMMANDS = (search, articles, quoted, timeline, stats, republications, export)
