"""The SQL the store's read verbs build from what a user typed: search terms and article filters.

A query becomes an FTS5 MATCH (SQLite) or a websearch query (PostgreSQL).

Words must all occur (stemmed); `"a phrase"` must occur as written. Terms are
quoted so that nothing a user types is read as query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from presslens.corpus.records import ArticleFilter
from presslens.corpus.schema import SQLITE, Dialect
from presslens.layers.entities.keys import entity_key

_TERM = re.compile(r'"([^"]+)"|([^\s"]+)')
#: What the search engines put around matched words in a snippet: Unicode noncharacters,
#: which never occur in text, so no article can fake or break a mark.
MATCH_OPEN = "\ufdd0"
MATCH_CLOSE = "\ufdd1"
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")


def marked_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with its match marks taken out: plain text and the (start, end) of each match.

    >>> marked_snippet("the \ufdd0sanctions\ufdd1 on")
    ('the sanctions on', ((4, 13),))
    """
    text: list[str] = []
    matches: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    for piece in re.split(f"({MATCH_OPEN}|{MATCH_CLOSE})", " ".join(raw.split())):
        if piece == MATCH_OPEN:
            opened = length
        elif piece == MATCH_CLOSE:
            if opened is not None and length > opened:
                matches.append((opened, length))
            opened = None
        else:
            clean = _NONCHARACTERS.sub("", piece)
            text.append(clean)
            length += len(clean)
    return "".join(text), tuple(matches)


def query_terms(query: str) -> list[str]:
    """Words and quoted phrases of a user query, without search-syntax characters."""
    terms = []
    for phrase, word in _TERM.findall(query):
        cleaned = " ".join(re.findall(r"\w+", phrase or word))
        if cleaned:
            terms.append(cleaned)
    return terms


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching values that contain `text` (lower-cased), taken literally.

    Use with `LIKE ? ESCAPE '\\'`: `%` and `_` a user types match themselves, not anything.

    >>> contains_pattern("50%_off")
    '%50\\\\%\\\\_off%'
    """
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: The clause that goes with `contains_pattern`.
LIKE_ESCAPE = "ESCAPE '\\'"


def name_clause(name_column: str, key_column: str, name: str) -> tuple[str, list[str]]:
    """A condition matching rows whose name contains `name`, or whose key holds its key's words.

    The key is the cross-script one (`layers/entities/keys.py`): "Шойгу" finds rows named
    "Sergei Shoigu", "Москва" those named "Moscow". Key words match whole: "Li" does not
    find "Lily".

    >>> name_clause("q.speaker_name", "q.speaker_key", "Шойгу")[1]
    ['%шойгу%', '% shoigu %']
    """
    condition = f"lower({name_column}) LIKE ? {LIKE_ESCAPE}"
    params = [contains_pattern(name)]
    key = entity_key(name)
    if key:
        condition = f"({condition} OR (' ' || {key_column} || ' ') LIKE ?)"
        params.append(f"% {key} %")
    return condition, params


def fts_match(terms: Sequence[str]) -> str:
    """Query terms as an FTS5 MATCH expression: every term, each a quoted phrase."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def websearch(terms: Sequence[str]) -> str:
    """Query terms as a PostgreSQL `websearch_to_tsquery` string."""
    return " ".join(f'"{t}"' if " " in t else t for t in terms)


def filter_clauses(filters: ArticleFilter, dialect: Dialect) -> tuple[list[str], list[Any]] | None:
    """WHERE conditions and their parameters for `Store.articles`; None: the query has no term."""
    where: list[str] = []
    params: list[Any] = []
    if filters.outlet:
        where.append("lower(a.outlet) = ?")
        params.append(filters.outlet.lower())
    if filters.since:
        where.append("substr(a.published, 1, 10) >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(filters.until)
    if filters.technique:
        where.append(
            "EXISTS (SELECT 1 FROM techniques t WHERE t.article_id = a.id AND t.technique = ?)"
        )
        params.append(filters.technique)
    if filters.speaker:
        condition, speaker_params = name_clause("q.speaker_name", "q.speaker_key", filters.speaker)
        where.append(f"EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {condition})")
        params.extend(speaker_params)
    if filters.query is not None:
        terms = query_terms(filters.query)
        if not terms:
            return None
        if dialect is SQLITE:
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_match(terms))
        else:
            where.append("a.tsv @@ websearch_to_tsquery('english', ?)")
            params.append(websearch(terms))
    return where, params


def snippet_pieces(snippet: str, matches: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A snippet cut into (text, matched) pieces, for outputs that mark matches with markup.

    >>> snippet_pieces("the sanctions on", [(4, 13)])
    [('the ', False), ('sanctions', True), (' on', False)]
    """
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(matches):
        if start < at:
            continue
        if start > at:
            pieces.append((snippet[at:start], False))
        pieces.append((snippet[start:end], True))
        at = end
    if at < len(snippet):
        pieces.append((snippet[at:], False))
    return pieces
