"""Connections to a store: SQLite (read-write or read-only) or PostgreSQL; their errors explained.

`store.py` holds the verbs; this module only opens connections and turns the
databases' terse error messages into one line a user can act on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from presslens.errors import StoreError


def sqlite_connection(target: str) -> sqlite3.Connection:
    """A read-write SQLite connection (the file is created when missing), or `StoreError`."""
    try:
        connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        if target != ":memory:":
            # WAL: a reader never blocks the writer; a killed writer loses at most
            # its open transaction, never a committed batch.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=10000")
        unicode_lower(connection)
    except sqlite3.Error as err:
        raise StoreError(f"cannot open the store: {err}", source=target) from None
    return connection


def unicode_lower(connection: sqlite3.Connection) -> None:
    """Make SQL `lower()` lower-case every script, as PostgreSQL's does: SQLite's own
    leaves non-ASCII letters as they are, so "Шойгу" would never match "шой"."""
    connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def postgres_connection(target: str) -> Any:
    """A PostgreSQL connection in autocommit mode (the store runs its transactions)."""
    import psycopg

    try:
        return psycopg.connect(target, autocommit=True)
    except psycopg.Error as err:
        raise StoreError(f"cannot connect to PostgreSQL: {err}".strip()) from None


def read_only_sqlite(target: str) -> sqlite3.Connection:
    """A read-only connection; on storage where even SQLite's shared-memory file cannot be
    made, the file is opened as immutable (nothing can change it there anyway)."""
    path = Path(target)
    if not path.is_file():
        raise StoreError("no store at this path (ingest articles into it first)", source=target)
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for flags in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            connection = sqlite3.connect(uri + flags, uri=True, check_same_thread=False)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            unicode_lower(connection)
            return connection
        except sqlite3.Error as err:
            last = err
    raise StoreError(f"cannot open the store: {last}", source=target)


#: What SQLite's terse messages mean for someone running presslens.
_STORAGE_PROBLEMS = (
    ("readonly", "the store cannot be written (read-only file or storage)"),
    ("disk is full", "the disk holding the store is full; nothing of this batch was stored"),
    ("malformed", "the store file is damaged (the database image is malformed)"),
    ("not a database", "the file is not a presslens store"),
    ("unable to open", "the store file cannot be opened"),
)


def explained(err: Exception) -> str:
    text = str(err).strip()
    for clue, meaning in _STORAGE_PROBLEMS:
        if clue in text.lower():
            return f"{meaning} ({text})"
    return f"store query failed: {text}"


def psycopg_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return sqlite3.Error
    return psycopg.Error
