"""What the corpus store takes and gives back: small frozen records, no behaviour.

`Store` (`store.py`) returns these; the corpus questions, the CLI and the web
app render them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    """One article that matched a full-text query, with a snippet around the match.

    `matches` are (start, end) offsets into `snippet` of the words that matched,
    so every output can mark them its own way (the snippet itself is plain text).
    """

    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str
    rank: float
    matches: tuple[tuple[int, int], ...] = ()
    #: Where the article was read from (file path, `path#record`, ...).
    origin: str | None = None


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles `Store.articles` lists; None (or empty) leaves a field unfiltered.

    >>> ArticleFilter(outlet="Daily", since="2024-03-01").until is None
    True
    """

    #: The outlet, exactly (case-insensitive).
    outlet: str | None = None
    #: Published on or after this ISO date (YYYY-MM-DD); undated articles drop out.
    since: str | None = None
    #: Published on or before this ISO date (YYYY-MM-DD); undated articles drop out.
    until: str | None = None
    #: At least one span of this persuasion technique.
    technique: str | None = None
    #: Quotes a speaker whose name contains this (case-insensitive), as `quoted` matches.
    speaker: str | None = None
    #: Full-text query, as `search` takes it.
    query: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    """One stored article in a list, with how many quotes, claims and technique spans it holds."""

    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    quotes: int
    claims: int
    techniques: int
    #: Where the article was read from (file path, `path#record`, ...).
    origin: str | None = None


@dataclass(frozen=True)
class FacetValue:
    """One value a filter can take and how many articles have it."""

    value: str
    articles: int


@dataclass(frozen=True)
class Facets:
    """The outlets, techniques and speakers in the store, most articles first."""

    outlets: tuple[FacetValue, ...]
    techniques: tuple[FacetValue, ...]
    speakers: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Rejection:
    """A record that could not be stored, with a countable reason and the full message."""

    origin: str
    reason: str
    detail: str


@dataclass(frozen=True)
class StoredSignature:
    """What republication detection keeps per article: MinHash bytes, shingle count, fingerprint."""

    article_id: int
    minhash: bytes
    shingles: int
    fingerprint: tuple[str, ...]
