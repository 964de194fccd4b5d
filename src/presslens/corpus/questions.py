"""Questions across the corpus: who is quoted, what happened when, which outlets use what.

Each question is one function over a `Store` returning small frozen records;
the CLI (`presslens.cli.corpus`) and the web app only render them. Articles in
one republication cluster count once wherever counting them twice would
mislead (quotes, timeline entries).

>>> from presslens.corpus.store import open_store
>>> quoted(open_store(":memory:"))
[]
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO, Any

from presslens.corpus.queries import name_clause
from presslens.corpus.records import ArticleFilter, ArticleRow, Facets, SearchHit
from presslens.corpus.republish import earliest_of, explain
from presslens.corpus.speakers import join_scripts, shown_name
from presslens.corpus.store import Store
from presslens.errors import BadSetting

__all__ = [
    "ArticleRow",
    "ClusterReport",
    "Facets",
    "SpeakerRecord",
    "StatsRow",
    "TimelineEntry",
    "articles",
    "export",
    "facets",
    "quoted",
    "republications",
    "search",
    "stats",
    "timeline",
]

SAMPLE_QUOTES = 3
# Articles one listing returns unless asked for another page size.
ARTICLES_PAGE_SIZE = 50
# Articles a free-text timeline subject may pull in through full-text search.
MAX_TIMELINE_ARTICLES = 1000
STATS_GROUPS = {
    "outlet": "coalesce(a.outlet, '(unknown)')",
    "month": "coalesce(substr(a.published, 1, 7), '(undated)')",
}
EXPORT_FORMATS = ("jsonl", "csv")
_WORDS = re.compile(r"\w+")
#: A quoted speaker's key; rows stored before keys existed fall back to the lower-cased name.
_SPEAKER_KEY = "coalesce(q.speaker_key, lower(q.speaker_name))"


@dataclass(frozen=True)
class SpeakerRecord:
    """One speaker across the corpus: roles, outlets, how often and when quoted."""

    name: str
    roles: tuple[str, ...]
    outlets: tuple[str, ...]
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    samples: tuple[str, ...]
    #: Where the articles quoting this speaker were read from.
    origins: tuple[str, ...] = ()
    #: False for words that name nobody the article identifies ("I", "the ministry").
    resolved: bool = True


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event, merged across the articles (and republications) that report it."""

    value: str
    end_value: str | None
    text: str
    event: str | None
    articles: tuple[int, ...]
    outlets: tuple[str, ...]
    #: Where those articles were read from.
    origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatsRow:
    """Techniques and claim certainty in one group (an outlet or a month)."""

    group: str
    articles: int
    techniques: dict[str, int]
    claims: int
    certainty: dict[str, int]


@dataclass(frozen=True)
class ClusterReport:
    """A set of articles that are copies of one another, with why, pair by pair."""

    cluster_id: int
    #: The member published first; None when no member is dated.
    earliest_id: int | None
    members: tuple[dict[str, Any], ...]
    pairs: tuple[dict[str, Any], ...]


def search(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching a full-text query, best first."""
    return store.search(query, limit)


def articles(
    store: Store,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    technique: str | None = None,
    speaker: str | None = None,
    query: str | None = None,
    limit: int = ARTICLES_PAGE_SIZE,
    offset: int = 0,
) -> list[ArticleRow]:
    """Stored articles passing every filter given, newest first.

    `since` and `until` are ISO dates (YYYY-MM-DD), both inclusive; `speaker`
    matches quoted speakers whose name contains it; `query` is a full-text
    search. Empty strings count as not given.

    >>> from presslens.corpus.store import open_store
    >>> articles(open_store(":memory:"), outlet="Daily", since="2024-03-01")
    []
    """
    filters = ArticleFilter(
        outlet=outlet or None,
        since=_iso_date(since, "since") if since else None,
        until=_iso_date(until, "until") if until else None,
        technique=technique or None,
        speaker=speaker or None,
        query=query if query and query.strip() else None,
    )
    return store.articles(filters, limit=limit, offset=offset)


def facets(store: Store) -> Facets:
    """The outlets, techniques and speakers `articles` can filter on, with article counts."""
    return store.facets()


def quoted(store: Store, speaker: str | None = None) -> list[SpeakerRecord]:
    """Every quoted speaker (or those whose name contains `speaker`), most quoted first.

    Speakers resolved to a person or organisation of their article come first,
    counted by that entity's name; words that name nobody the text identifies
    ("I" outside a transcript turn, "the ministry") follow, marked
    `resolved=False`, so an index of who speaks is never topped by a pronoun.
    """
    sql = (
        "SELECT q.speaker_name, q.text, q.article_id, a.outlet, a.published, a.origin,"
        f" q.speaker_entity_id IS NOT NULL, {_SPEAKER_KEY}"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.speaker_name IS NOT NULL"
    )
    params: list[Any] = []
    if speaker:
        condition, params = name_clause("q.speaker_name", "q.speaker_key", speaker)
        sql += f" AND {condition}"
    rows = store.rows(sql + " ORDER BY a.published, q.article_id, q.start_char", params)
    roles: dict[str, set[str]] = defaultdict(set)
    for key, role in store.rows(
        f"SELECT DISTINCT {_SPEAKER_KEY}, r.role FROM quotes q JOIN roles r"
        " ON r.article_id = q.article_id AND r.entity_id = q.speaker_entity_id"
    ):
        roles[key].add(role)
    cluster_of = _cluster_of(store)
    # One speaker is one key: Шойгу in a Russian article and Shoigu in an English one.
    grouped: dict[tuple[bool, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        grouped[(bool(row[6]), row[7])].append(row)
    grouped = join_scripts(grouped)
    records = []
    for (resolved, key), speaker_rows in grouped.items():
        distinct: dict[tuple[int, str], str] = {}
        for _name, text, article_id, _outlet, _published, _origin, _resolved, _k in speaker_rows:
            distinct.setdefault((cluster_of.get(article_id, article_id), _fold(text)), text)
        dates = [r[4] for r in speaker_rows if r[4]]
        names = Counter(r[0] for r in speaker_rows)
        records.append(
            SpeakerRecord(
                name=shown_name(names),
                roles=tuple(sorted(roles.get(key, ()))),
                outlets=tuple(sorted({r[3] for r in speaker_rows if r[3]})),
                quotes=len(distinct),
                articles=len({r[2] for r in speaker_rows}),
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
                samples=tuple(list(distinct.values())[:SAMPLE_QUOTES]),
                origins=tuple(dict.fromkeys(r[5] for r in speaker_rows if r[5])),
                resolved=resolved,
            )
        )
    return sorted(records, key=lambda r: (not r.resolved, -r.quotes, r.name))


def timeline(store: Store, subject: str) -> list[TimelineEntry]:
    """One timeline of the articles naming `subject` (an entity, or any search query).

    Entries reporting the same date and event in copies of one article merge
    into one, listing every article that carries it.
    """
    condition, params = name_clause("name", "key", subject)
    ids = {
        int(r[0])
        for r in store.rows(f"SELECT DISTINCT article_id FROM entities WHERE {condition}", params)
    }
    ids.update(hit.article_id for hit in store.search(subject, MAX_TIMELINE_ARTICLES))
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = store.rows(
        "SELECT t.value, t.end_value, t.text, t.event_text, t.article_id, a.outlet, a.origin"
        f" FROM timeline t JOIN articles a ON a.id = t.article_id WHERE t.article_id IN ({marks})"
        # Unresolved expressions ("next week" with no publication date) have no place on
        # a timeline across articles; each article's brief keeps them.
        " AND t.value IS NOT NULL"
        " ORDER BY t.value, t.article_id, t.start_char",
        sorted(ids),
    )
    cluster_of = _cluster_of(store)
    merged: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        value, end_value, text, event, article_id, _outlet, _origin = row
        key = (cluster_of.get(article_id, -article_id), value, end_value, _fold(event or text))
        merged.setdefault(key, []).append(row)
    entries = []
    for group in merged.values():
        value, end_value, text, event, _article_id, _outlet, _origin = group[0]
        entries.append(
            TimelineEntry(
                value=value,
                end_value=end_value,
                text=text,
                event=event,
                articles=tuple(sorted({r[4] for r in group})),
                outlets=tuple(sorted({r[5] for r in group if r[5]})),
                origins=tuple(sorted({r[6] for r in group if r[6]})),
            )
        )
    return sorted(entries, key=lambda e: (e.value, e.articles))


def stats(store: Store, by: str = "outlet") -> list[StatsRow]:
    """Techniques and claim certainty per outlet or per month (`by`)."""
    if by not in STATS_GROUPS:
        raise BadSetting(f"cannot group by {by!r}; use one of {', '.join(STATS_GROUPS)}")
    group = STATS_GROUPS[by]
    articles = dict(store.rows(f"SELECT {group}, count(*) FROM articles a GROUP BY {group}"))
    techniques: dict[str, dict[str, int]] = defaultdict(dict)
    for key, technique, n in store.rows(
        f"SELECT {group}, t.technique, count(*) FROM techniques t"
        f" JOIN articles a ON a.id = t.article_id GROUP BY {group}, t.technique"
    ):
        techniques[key][technique] = int(n)
    certainty: dict[str, dict[str, int]] = defaultdict(dict)
    for key, level, n in store.rows(
        f"SELECT {group}, c.certainty, count(*) FROM claims c"
        f" JOIN articles a ON a.id = c.article_id GROUP BY {group}, c.certainty"
    ):
        certainty[key][level] = int(n)
    return [
        StatsRow(
            group=key,
            articles=int(n),
            techniques=dict(sorted(techniques[key].items(), key=lambda kv: (-kv[1], kv[0]))),
            claims=sum(certainty[key].values()),
            certainty=dict(sorted(certainty[key].items())),
        )
        for key, n in sorted(articles.items())
    ]


def republications(store: Store) -> list[ClusterReport]:
    """Every republication cluster, its members and an explanation of each confirmed pair."""
    pairs_by_cluster: dict[int, list[tuple[int, int, str, float]]] = defaultdict(list)
    cluster_of = _cluster_of(store)
    for pair in store.pairs():
        pairs_by_cluster[cluster_of[pair[0]]].append(pair)
    reports = []
    for cluster_id, member_ids in store.clusters().items():
        briefs = dict(store.briefs(member_ids))
        explanations = []
        for a_id, b_id, kind, similarity in pairs_by_cluster[cluster_id]:
            why = explain(a_id, briefs[a_id], b_id, briefs[b_id], kind, similarity)
            explanations.append(why.to_dict(briefs[a_id], briefs[b_id]))
        members = tuple(
            {
                "id": article_id,
                "title": brief.document.title,
                "outlet": brief.document.outlet,
                "published": brief.document.published,
                "url": brief.document.source_url,
                "origin": brief.document.origin,
            }
            for article_id, brief in sorted(briefs.items())
        )
        earliest_id = earliest_of(briefs)
        reports.append(ClusterReport(cluster_id, earliest_id, members, tuple(explanations)))
    return reports


def export(store: Store, fmt: str, out: IO[str]) -> int:
    """Write every stored brief (jsonl) or one summary row per article (csv); return the count."""
    if fmt not in EXPORT_FORMATS:
        raise BadSetting(f"cannot export as {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for _article_id, brief in store.briefs():
            out.write(brief.to_json(indent=None) + "\n")
            count += 1
        return count
    cluster_of = _cluster_of(store)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "origin",
            "record_id",
            "sha256",
            "outlet",
            "published",
            "title",
            "url",
            "language",
            "entities",
            "quotes",
            "claims",
            "timeline",
            "techniques",
            "republication_cluster",
        ]
    )
    for article_id, brief in store.briefs():
        doc = brief.document
        writer.writerow(
            [
                article_id,
                doc.origin,
                doc.id,
                doc.sha256,
                doc.outlet,
                doc.published,
                doc.title,
                doc.source_url,
                doc.language,
                len(brief.entities),
                len(brief.quotes),
                len(brief.claims),
                len(brief.timeline),
                len(brief.techniques),
                cluster_of.get(article_id, ""),
            ]
        )
        count += 1
    return count


def as_json(records: Iterable[Any]) -> str:
    """Records of this module as a JSON array."""
    return json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2)


def _cluster_of(store: Store) -> dict[int, int]:
    return {
        article_id: cluster_id
        for cluster_id, members in store.clusters().items()
        for article_id in members
    }


def _iso_date(value: str, name: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadSetting(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _fold(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
