"""Sidecar metadata: a CSV or TSV table beside the articles, one row per file.

Corpora often keep what a plain text file cannot say in a table beside it
(`manifest.tsv`: file, outlet, original URL, publication time, headline). A
sidecar has a file column (`file`, `path`, `filename` or `name`) whose values
are paths relative to the table's own folder; its other columns are read by
name, the first present of each:

| brief field | column names |
|---|---|
| id | `id`, `record_id`, `doc_id` |
| outlet | `outlet`, `source`, `site`, `publisher` |
| URL | `url`, `original_url`, `source_url`, `link` |
| published | `published`, `date`, `published_at`, `datetime` |
| title | `title`, `headline` |
| author | `author`, `byline` |

A directory given to `presslens ingest` is searched (at its top level) for
`manifest.tsv`, `manifest.csv`, `metadata.tsv` and `metadata.csv`; a table
without a file column is not a sidecar and is left alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import UnusableInput

#: File names looked for at the top of a directory being ingested.
SIDECAR_NAMES = ("manifest.tsv", "manifest.csv", "metadata.tsv", "metadata.csv")
FILE_COLUMNS = ("file", "path", "filename", "name")
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "record_id", "doc_id"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "url": ("url", "original_url", "source_url", "link"),
    "published": ("published", "date", "published_at", "datetime"),
    "title": ("title", "headline"),
    "author": ("author", "byline"),
}
# Sidecars are small tables; a bigger file under one of these names is something else.
MAX_SIDECAR_BYTES = 50_000_000


@dataclass(frozen=True)
class SidecarRow:
    """What a sidecar says about one file; None where it says nothing."""

    id: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Sidecar:
    """One sidecar table: its path and its rows by the resolved path of their file."""

    path: Path
    rows: dict[Path, SidecarRow]

    @classmethod
    def read(cls, path: Path) -> Sidecar:
        """Read a sidecar; a table without a file column is `UnusableInput`."""
        sidecar = cls.parse(path)
        if sidecar is None:
            raise UnusableInput(
                f"not a sidecar table: no column named {' or '.join(FILE_COLUMNS)}",
                source=str(path),
            )
        return sidecar

    @classmethod
    def parse(cls, path: Path) -> Sidecar | None:
        """The sidecar at `path`, or None when the table has no file column."""
        try:
            if path.stat().st_size > MAX_SIDECAR_BYTES:
                raise UnusableInput("too large for a sidecar table", source=str(path))
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise UnusableInput(
                f"cannot read the sidecar table ({err})", source=str(path)
            ) from None
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
        header = {name.strip().lower(): name for name in reader.fieldnames or ()}
        file_column = next((header[c] for c in FILE_COLUMNS if c in header), None)
        if file_column is None:
            return None
        columns = {
            field: next((header[c] for c in names if c in header), None)
            for field, names in COLUMNS.items()
        }
        rows: dict[Path, SidecarRow] = {}
        for record in reader:
            name = (record.get(file_column) or "").strip()
            if not name:
                continue
            values = {
                field: _value(record.get(column)) if column else None
                for field, column in columns.items()
            }
            rows[(path.parent / name).resolve()] = SidecarRow(**values)
        return cls(path, rows)

    def row_for(self, file: Path) -> SidecarRow | None:
        """This table's row for `file`, if it has one."""
        return self.rows.get(file.resolve())


def find_sidecars(directory: Path) -> list[Sidecar]:
    """The sidecar tables at the top of `directory` (tables without a file column are not)."""
    found = []
    for name in SIDECAR_NAMES:
        candidate = directory / name
        if candidate.is_file() and (sidecar := Sidecar.parse(candidate)) is not None:
            found.append(sidecar)
    return found


def _value(cell: str | None) -> str | None:
    text = " ".join((cell or "").split())
    return text or None
