"""The corpus store: briefs in, questions out. One module, few verbs, one writer.

`open_store("corpus.db")` (SQLite, the default; `":memory:"` for tests) or
`open_store("postgresql://...")` (PostgreSQL through psycopg 3) gives a
`Store` with the same verbs on both:

- `add_briefs(briefs)` stores a batch in one transaction, once per article
  (the key is the sha256 of the text and source URL, `article_key`);
- `has(key)` / `known_keys(keys)` / `get_brief(id)` / `briefs()` read them back;
- `search(query)` is full-text search (FTS5 on SQLite, tsvector on PostgreSQL);
- `articles(filters)` lists articles by outlet, date, technique, speaker and words,
  and `facets()` the values those filters can take;
- `add_rejected`, `mark_source_done`, the republication verbs and `rows(sql)`
  serve `ingest`, `republish` and `corpus`.

The whole brief is kept as JSON (`articles.brief_json`, its text in
`articles.text`); the other tables are indexes over it for the questions in
`presslens.corpus.questions`, rebuilt from the brief and never edited apart from it.
The schema is versioned (`schema_version`) and moved forward by `MIGRATIONS`.

>>> store = open_store(":memory:")
>>> store.add_briefs([])
[]
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from presslens.brief import Brief
from presslens.corpus.connect import (
    explained,
    postgres_connection,
    psycopg_error,
    read_only_sqlite,
    sqlite_connection,
)
from presslens.corpus.queries import (
    MATCH_CLOSE,
    MATCH_OPEN,
    filter_clauses,
    fts_match,
    marked_snippet,
    query_terms,
    websearch,
)
from presslens.corpus.records import (
    ArticleFilter,
    ArticleRow,
    Facets,
    FacetValue,
    Rejection,
    SearchHit,
    StoredSignature,
)
from presslens.corpus.schema import (
    MIGRATIONS,
    POSTGRES,
    SCHEMA_VERSION,
    SQLITE,
    Dialect,
    layer_rows,
)
from presslens.errors import NotFound, StoreError

# Placeholders in this module's SQL are `?`; PostgreSQL gets them as `%s`.
# Keys in one `IN (...)` query: well under SQLite's 32,766 variable limit.
KEY_CHUNK = 500


def article_key(text: str, url: str | None) -> str:
    """The identity of an article in the store: sha256 of its text and source URL."""
    return hashlib.sha256(f"{url or ''}\n{text}".encode()).hexdigest()


def brief_key(brief: Brief) -> str:
    """`article_key` of a brief."""
    return article_key(brief.text, brief.document.source_url)


def open_store(target: str, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) a SQLite file, `:memory:` or a PostgreSQL URL.

    `read_only` opens an existing store for questions only: it works on read-only
    storage (a mounted archive, a shared folder) and never changes the file.
    """
    if target.startswith(("postgresql://", "postgres://")):
        return Store(postgres_connection(target), POSTGRES, read_only=read_only)
    if read_only and target != ":memory:":
        return Store(read_only_sqlite(target), SQLITE, read_only=True)
    return Store(sqlite_connection(target), SQLITE)


class Store:
    """A corpus of briefs. Build one with `open_store`; one process writes to it at a time."""

    def __init__(self, connection: Any, dialect: Dialect, *, read_only: bool = False) -> None:
        self._connection = connection
        self.dialect = dialect
        self.read_only = read_only
        self._depth = 0
        if read_only:
            self._check_version()
        else:
            self._migrate()

    # -- plumbing -------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Everything inside commits together or not at all; nested uses join the outer one."""
        self._depth += 1
        try:
            if self._depth > 1:
                yield self
            elif self.dialect is POSTGRES:
                with self._connection.transaction():
                    yield self
            else:
                self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
                self._connection.execute("COMMIT")
        finally:
            self._depth -= 1

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect is POSTGRES else sql

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._connection.execute(self._sql(sql), params)
        except (sqlite3.Error, psycopg_error()) as err:
            raise StoreError(explained(err)) from None

    def _execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        try:
            if self.dialect is POSTGRES:
                with self._connection.cursor() as cursor:
                    cursor.executemany(self._sql(sql), rows)
            else:
                self._connection.executemany(sql, rows)
        except (sqlite3.Error, psycopg_error()) as err:
            raise StoreError(f"store write failed: {err}".strip()) from None

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query written in portable SQL with `?` placeholders."""
        return [tuple(row) for row in self._execute(sql, params).fetchall()]

    def _check_version(self) -> None:
        """A store opened read-only cannot be migrated: it must already be at this version."""
        try:
            found = self.rows("SELECT max(version) FROM schema_version")[0][0] or 0
        except StoreError:
            raise StoreError("not a presslens store (no schema version)") from None
        if found != SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {found}, this presslens needs {SCHEMA_VERSION}: "
                "run an ingest (which upgrades it) where the store can be written"
            )

    def _migrate(self) -> None:
        with self.transaction():
            self._execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            found = self.rows("SELECT max(version) FROM schema_version")[0][0] or 0
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"the store has schema version {found}; this presslens knows up to "
                    f"{SCHEMA_VERSION} (upgrade presslens)"
                )
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version - 1](self.dialect):
                    self._execute(statement)
                self._execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    @property
    def schema_version(self) -> int:
        """The schema version the store is at."""
        return int(self.rows("SELECT max(version) FROM schema_version")[0][0])

    # -- articles -------------------------------------------------------------

    def add_briefs(self, briefs: Sequence[Brief]) -> list[tuple[int, Brief]]:
        """Store a batch in one transaction; return `(id, brief)` for those not stored before."""
        added: list[tuple[int, Brief]] = []
        with self.transaction():
            for brief in briefs:
                article_id = self._insert_article(brief)
                if article_id is not None:
                    self._insert_layers(article_id, brief)
                    added.append((article_id, brief))
        return added

    def _insert_article(self, brief: Brief) -> int | None:
        doc = brief.document
        data = brief.to_dict()
        del data["text"]
        row = self._execute(
            "INSERT INTO articles (key, sha256, outlet, published, title, url, language, origin,"
            " text, brief_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING RETURNING id",
            (
                brief_key(brief),
                doc.sha256,
                doc.outlet,
                doc.published,
                doc.title,
                doc.source_url,
                doc.language,
                doc.origin,
                brief.text,
                json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            ),
        ).fetchone()
        if row is None:
            return None
        article_id = int(row[0])
        if self.dialect is SQLITE:
            self._execute(
                "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                (article_id, doc.title or "", brief.text),
            )
        return article_id

    def _insert_layers(self, article_id: int, brief: Brief) -> None:
        for sql, rows in layer_rows(article_id, brief):
            self._execute_many(sql, rows)

    def has(self, key: str) -> bool:
        """True when an article with this `article_key` is stored."""
        return bool(self.rows("SELECT 1 FROM articles WHERE key = ?", (key,)))

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The subset of `keys` already stored."""
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), KEY_CHUNK):
            chunk = keys[i : i + KEY_CHUNK]
            marks = ", ".join("?" * len(chunk))
            found.update(
                r[0] for r in self.rows(f"SELECT key FROM articles WHERE key IN ({marks})", chunk)
            )
        return found

    def get_brief(self, article_id: int) -> Brief:
        """The brief stored under this id; `NotFound` when there is none."""
        found = self.rows("SELECT text, brief_json FROM articles WHERE id = ?", (article_id,))
        if not found:
            raise NotFound(f"no article with id {article_id}")
        return _brief_from_row(found[0][0], found[0][1])

    def briefs(self, ids: Iterable[int] | None = None) -> Iterator[tuple[int, Brief]]:
        """`(id, brief)` for the given ids (all when None), in id order."""
        if ids is None:
            for article_id, text, data in self.rows(
                "SELECT id, text, brief_json FROM articles ORDER BY id"
            ):
                yield int(article_id), _brief_from_row(text, data)
            return
        for article_id in sorted(set(ids)):
            yield article_id, self.get_brief(article_id)

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.rows("SELECT count(*) FROM articles")[0][0])

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first.

        Words must all occur (stemmed); `"a phrase"` must occur as written.
        """
        terms = query_terms(query)
        if not terms:
            return []
        if self.dialect is SQLITE:
            found = self.rows(
                "SELECT a.id, a.title, a.outlet, a.published, a.url,"
                f" snippet(articles_fts, 1, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 16),"
                " bm25(articles_fts), a.origin"
                " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?",
                (fts_match(terms), limit),
            )
        else:
            found = self.rows(
                "SELECT id, title, outlet, published, url, ts_headline('english', text, q,"
                f" 'StartSel={MATCH_OPEN},StopSel={MATCH_CLOSE},MaxWords=16,MinWords=8'),"
                " -ts_rank(tsv, q), origin FROM articles, websearch_to_tsquery('english', ?) q"
                " WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT ?",
                (websearch(terms), limit),
            )
        hits = []
        for r in found:
            snippet, matches = marked_snippet(str(r[5]))
            hits.append(
                SearchHit(int(r[0]), r[1], r[2], r[3], r[4], snippet, float(r[6]), matches, r[7])
            )
        return hits

    def articles(
        self, filters: ArticleFilter, limit: int = 50, offset: int = 0
    ) -> list[ArticleRow]:
        """Articles passing every filter, newest first (undated last), `limit` from `offset`."""
        clauses = filter_clauses(filters, self.dialect)
        if clauses is None:
            return []
        where, params = clauses
        found = self.rows(
            "SELECT a.id, a.title, a.outlet, a.published, a.url,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id),"
            " (SELECT count(*) FROM techniques t WHERE t.article_id = a.id),"
            " a.origin FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            ArticleRow(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7]), r[8])
            for r in found
        ]

    def facets(self) -> Facets:
        """The values `articles` can filter on, each with its number of articles."""

        def values(sql: str) -> tuple[FacetValue, ...]:
            return tuple(FacetValue(str(v), int(n)) for v, n in self.rows(sql))

        return Facets(
            outlets=values(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
                " GROUP BY outlet ORDER BY count(*) DESC, outlet"
            ),
            techniques=values(
                "SELECT technique, count(DISTINCT article_id) FROM techniques"
                " GROUP BY technique ORDER BY count(DISTINCT article_id) DESC, technique"
            ),
            speakers=values(
                "SELECT speaker_name, count(DISTINCT article_id) FROM quotes"
                " WHERE speaker_name IS NOT NULL"
                " GROUP BY speaker_name ORDER BY count(DISTINCT article_id) DESC, speaker_name"
            ),
        )

    # -- ingest bookkeeping ---------------------------------------------------

    def add_rejected(self, rejections: Sequence[Rejection]) -> None:
        """Record records that could not be stored (once per origin)."""
        with self.transaction():
            self._execute_many(
                "INSERT INTO rejected (origin, reason, detail) VALUES (?, ?, ?)"
                " ON CONFLICT (origin) DO UPDATE SET reason = excluded.reason,"
                " detail = excluded.detail",
                ((r.origin, r.reason, r.detail) for r in rejections),
            )

    def rejected_counts(self) -> dict[str, int]:
        """How many records were rejected, by reason."""
        return {
            reason: int(n)
            for reason, n in self.rows(
                "SELECT reason, count(*) FROM rejected GROUP BY reason"
                " ORDER BY count(*) DESC, reason"
            )
        }

    def mark_source_done(self, source: str, stamp: str, articles: int = 0) -> None:
        """Remember that every record of `source` (at version `stamp`) is stored or rejected."""
        self._execute(
            "INSERT INTO sources_done (source, stamp, articles) VALUES (?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET stamp = excluded.stamp,"
            " articles = excluded.articles",
            (source, stamp, articles),
        )

    def source_done(self, source: str, stamp: str) -> int | None:
        """How many articles `source` at version `stamp` held, when it was ingested before."""
        found = self.rows(
            "SELECT articles FROM sources_done WHERE source = ? AND stamp = ?", (source, stamp)
        )
        return int(found[0][0]) if found else None

    # -- republications -------------------------------------------------------

    def add_signatures(self, signatures: Sequence[StoredSignature]) -> None:
        """Store the republication signatures of new articles."""
        self._execute_many(
            "INSERT INTO signatures VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING",
            (
                (s.article_id, s.minhash, s.shingles, json.dumps(s.fingerprint, ensure_ascii=False))
                for s in signatures
            ),
        )

    def signatures(self, ids: Sequence[int] | None = None) -> list[StoredSignature]:
        """Stored signatures (all, or those of `ids`), in article order."""
        sql = "SELECT article_id, minhash, shingles, fingerprint FROM signatures"
        params: list[int] = []
        if ids is not None:
            if not ids:
                return []
            params = list(ids)
            sql += f" WHERE article_id IN ({', '.join('?' * len(params))})"
        return [
            StoredSignature(int(i), bytes(m), int(n), tuple(json.loads(f)))
            for i, m, n, f in self.rows(sql + " ORDER BY article_id", params)
        ]

    def add_pairs(self, pairs: Sequence[tuple[int, int, str, float]]) -> None:
        """Store `(a_id, b_id, kind, similarity)` republication pairs, `a_id < b_id`."""
        self._execute_many(
            "INSERT INTO republication_pairs VALUES (?, ?, ?, ?)"
            " ON CONFLICT (a_id, b_id) DO NOTHING",
            pairs,
        )

    def pairs(self) -> list[tuple[int, int, str, float]]:
        """Every republication pair."""
        return [
            (int(a), int(b), str(k), float(s))
            for a, b, k, s in self.rows(
                "SELECT a_id, b_id, kind, similarity FROM republication_pairs ORDER BY a_id, b_id"
            )
        ]

    def set_clusters(self, clusters: dict[int, int]) -> None:
        """Replace the republication clusters: article id -> cluster id."""
        with self.transaction():
            self._execute("DELETE FROM republication_clusters")
            self._execute_many(
                "INSERT INTO republication_clusters VALUES (?, ?)", sorted(clusters.items())
            )

    def clusters(self) -> dict[int, list[int]]:
        """Republication clusters: cluster id -> article ids."""
        out: dict[int, list[int]] = {}
        for article_id, cluster_id in self.rows(
            "SELECT article_id, cluster_id FROM republication_clusters"
            " ORDER BY cluster_id, article_id"
        ):
            out.setdefault(int(cluster_id), []).append(int(article_id))
        return out


def _brief_from_row(text: str, brief_json: str) -> Brief:
    data = json.loads(brief_json)
    data["text"] = text
    return Brief.from_dict(data)
