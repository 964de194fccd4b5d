"""The corpus store's schema: the two SQL dialects and the ordered migrations.

`presslens.corpus.store` applies `MIGRATIONS` in order and records `SCHEMA_VERSION`;
`layer_rows` says which index rows a brief becomes.
a new version adds a function to the end of `MIGRATIONS` and never edits an
earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from presslens.brief import Brief
from presslens.layers.entities.keys import entity_key


@dataclass(frozen=True)
class Dialect:
    """What differs between the two backends, in one place."""

    name: str
    primary_key: str
    blob: str
    real: str


SQLITE = Dialect("sqlite", "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "REAL")
POSTGRES = Dialect("postgres", "BIGSERIAL PRIMARY KEY", "BYTEA", "DOUBLE PRECISION")

_SCHEMA_V1 = """
CREATE TABLE articles (
    id {primary_key},
    key TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    outlet TEXT, published TEXT, title TEXT, url TEXT, language TEXT, origin TEXT,
    text TEXT NOT NULL,
    brief_json TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE TABLE entities (
    article_id BIGINT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, mentions INTEGER NOT NULL
);
CREATE INDEX entities_article ON entities (article_id);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE roles (article_id BIGINT NOT NULL, entity_id TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX roles_article ON roles (article_id, entity_id);
CREATE TABLE quotes (
    article_id BIGINT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    kind TEXT NOT NULL, speaker_entity_id TEXT, speaker_name TEXT, text TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker_name);
CREATE TABLE claims (
    article_id BIGINT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    certainty TEXT NOT NULL, checkworthy {real} NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);
CREATE TABLE timeline (
    article_id BIGINT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    value TEXT NOT NULL, end_value TEXT, anchor TEXT NOT NULL, text TEXT NOT NULL,
    event_text TEXT
);
CREATE INDEX timeline_article ON timeline (article_id);
CREATE TABLE techniques (
    article_id BIGINT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    technique TEXT NOT NULL, score {real} NOT NULL
);
CREATE INDEX techniques_article ON techniques (article_id);
CREATE TABLE signatures (
    article_id BIGINT PRIMARY KEY, minhash {blob} NOT NULL, shingles INTEGER NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE TABLE republication_pairs (
    a_id BIGINT NOT NULL, b_id BIGINT NOT NULL, kind TEXT NOT NULL,
    similarity {real} NOT NULL, PRIMARY KEY (a_id, b_id)
);
CREATE TABLE republication_clusters (article_id BIGINT PRIMARY KEY, cluster_id BIGINT NOT NULL);
CREATE TABLE rejected (origin TEXT PRIMARY KEY, reason TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE sources_done (source TEXT PRIMARY KEY, stamp TEXT NOT NULL)
"""

_SEARCH_SQLITE = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
)
"""
_SEARCH_POSTGRES = """
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('english', coalesce(title, '') || ' ' || text)
) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv)
"""


def _migration_1(dialect: Dialect) -> list[str]:
    ddl = _SCHEMA_V1.format(
        primary_key=dialect.primary_key, blob=dialect.blob, real=dialect.real
    ).split(";")
    search = _SEARCH_SQLITE if dialect is SQLITE else _SEARCH_POSTGRES
    return [s for s in ddl + search.split(";") if s.strip()]


def _migration_2(dialect: Dialect) -> list[str]:
    """Sources remember how many articles they held; a time expression may have no value.

    A value is null when nothing anchors a relative date (brief schema 2).
    SQLite cannot drop a NOT NULL constraint, so its timeline table is rebuilt
    with the same columns in the same order.
    """
    steps = ["ALTER TABLE sources_done ADD COLUMN articles INTEGER NOT NULL DEFAULT 0"]
    if dialect is SQLITE:
        return [
            *steps,
            "CREATE TABLE timeline_v2 ("
            " article_id BIGINT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,"
            " value TEXT, end_value TEXT, anchor TEXT NOT NULL, text TEXT NOT NULL,"
            " event_text TEXT)",
            "INSERT INTO timeline_v2 SELECT * FROM timeline",
            "DROP TABLE timeline",
            "ALTER TABLE timeline_v2 RENAME TO timeline",
            "CREATE INDEX timeline_article ON timeline (article_id)",
        ]
    return [*steps, "ALTER TABLE timeline ALTER COLUMN value DROP NOT NULL"]


def _migration_3(dialect: Dialect) -> list[str]:
    """Entities and quoted speakers carry their cross-script key (Шойгу, Shoigu -> "shoigu").

    Rows stored before this version keep a null key; the questions then fall back to the
    lower-cased name.
    """
    return [
        "ALTER TABLE entities ADD COLUMN key TEXT",
        "CREATE INDEX entities_key ON entities (key)",
        "ALTER TABLE quotes ADD COLUMN speaker_key TEXT",
        "CREATE INDEX quotes_speaker_key ON quotes (speaker_key)",
    ]


#: Ordered migrations: the schema at version N is migrations 1..N applied in order.
MIGRATIONS = (_migration_1, _migration_2, _migration_3)
SCHEMA_VERSION = len(MIGRATIONS)


def layer_rows(article_id: int, brief: Brief) -> list[tuple[str, Iterable[Sequence[Any]]]]:
    """The index rows one brief becomes: (INSERT statement, rows) per layer table."""
    inserts: list[tuple[str, Iterable[Sequence[Any]]]] = []
    text = brief.text
    inserts.append(
        (
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
            (
                (article_id, e.id, e.name, e.type, len(e.mentions), e.key or entity_key(e.name))
                for e in brief.entities
            ),
        )
    )
    inserts.append(
        (
            "INSERT INTO roles VALUES (?, ?, ?)",
            ((article_id, e.id, text[r.start : r.end]) for e in brief.entities for r in e.roles),
        )
    )
    quote_rows = []
    for q in brief.quotes:
        speaker = q.speaker
        name = speaker.name if speaker else None
        key = entity_key(name) if name else None
        if speaker and speaker.entity_id and (entity := brief.entity(speaker.entity_id)):
            name = entity.name
            key = entity.key or entity_key(name)
        quote_rows.append(
            (
                article_id,
                q.start,
                q.end,
                q.kind,
                speaker.entity_id if speaker else None,
                name,
                text[q.start : q.end],
                key,
            )
        )
    inserts.append(("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", quote_rows))
    inserts.append(
        (
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
            ((article_id, c.start, c.end, c.certainty, c.checkworthy) for c in brief.claims),
        )
    )
    inserts.append(
        (
            "INSERT INTO timeline VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    article_id,
                    t.start,
                    t.end,
                    t.value,
                    t.end_value,
                    t.anchor,
                    text[t.start : t.end],
                    text[t.event.start : t.event.end] if t.event else None,
                )
                for t in brief.timeline
            ),
        )
    )
    inserts.append(
        (
            "INSERT INTO techniques VALUES (?, ?, ?, ?, ?)",
            ((article_id, t.start, t.end, t.technique, t.score) for t in brief.techniques),
        )
    )
    return inserts
