"""The filtered article list and its facets, through the store, the library and the CLI."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_fixtures import BACKENDS, backend_store, entity, make_brief, quote
from presslens.brief import Brief, Claim, Technique
from presslens.cli import main
from presslens.corpus import questions as corpus
from presslens.corpus.records import ArticleFilter, FacetValue
from presslens.corpus.store import Store, open_store
from presslens.errors import BadSetting, NotFound

PORT = 'Port chair Mira Talvik said: "The cranes arrive in May." Shameful delays cost the city.'
RAIL = 'Minister Jaan Ilves said: "Trains will be late." Nobody can trust the rail board.'
UNDATED = "The library opens a new reading room for the town's children next week."


def _port(url: str, outlet: str, published: str, *, loaded: bool) -> Brief:
    brief = make_brief(
        PORT,
        url=url,
        outlet=outlet,
        published=published,
        title=f"Port ({outlet})",
        entities=(entity(PORT, "Mira Talvik", "e1", role="Port chair"),),
        quotes=(quote(PORT, "The cranes arrive in May.", "Mira Talvik", "e1"),),
    )
    if not loaded:
        return brief
    shameful = PORT.index("Shameful")
    return dataclasses.replace(
        brief,
        claims=(Claim(shameful, len(PORT), 0.8, "asserted"),),
        techniques=(Technique(shameful, shameful + 8, "Loaded_Language", 0.9, "lexicon"),),
    )


def _rail() -> Brief:
    nobody = RAIL.index("Nobody")
    return dataclasses.replace(
        make_brief(
            RAIL,
            url="u3",
            outlet="Rail Daily",
            published="2024-04-02T08:00:00Z",
            title="Strike",
            entities=(entity(RAIL, "Jaan Ilves", "e1", role="Minister"),),
            quotes=(quote(RAIL, "Trains will be late.", "Jaan Ilves", "e1"),),
        ),
        techniques=(
            Technique(nobody, len(RAIL), "Doubt", 0.7, "model"),
            Technique(nobody, nobody + 6, "Loaded_Language", 0.6, "lexicon"),
        ),
    )


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    for store in backend_store(request.param):
        store.add_briefs(
            [
                _port("u1", "Port News", "2024-03-05", loaded=True),
                _port("u2", "Coast Herald", "2024-03-07", loaded=False),
                _rail(),
                make_brief(UNDATED, url="u4"),
            ]
        )
        yield store


FILTERS = ("outlet", "since", "until", "technique", "speaker", "query")


def _ids(
    store: Store, filters: dict[str, str] | None = None, limit: int = 50, offset: int = 0
) -> list[int]:
    """The ids `corpus.articles` lists with `filters` (names from FILTERS)."""
    filters = filters or {}
    assert set(filters) <= set(FILTERS)
    given = {name: filters.get(name) for name in FILTERS}
    rows = corpus.articles(store, limit=limit, offset=offset, **given)
    return [row.article_id for row in rows]


def test_articles_are_listed_newest_first_with_undated_last(store: Store) -> None:
    assert _ids(store) == [3, 2, 1, 4]


def test_article_rows_count_quotes_claims_and_techniques(store: Store) -> None:
    rail, _coast, port, undated = corpus.articles(store)
    assert (rail.title, rail.outlet, rail.published, rail.url) == (
        "Strike",
        "Rail Daily",
        "2024-04-02T08:00:00Z",
        "u3",
    )
    assert (rail.quotes, rail.claims, rail.techniques) == (1, 0, 2)
    assert (port.quotes, port.claims, port.techniques) == (1, 1, 1)
    assert (undated.title, undated.outlet, undated.quotes) == (None, None, 0)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"outlet": "Port News"}, [1]),
        ({"outlet": "port news"}, [1]),
        ({"outlet": "Port"}, []),
        ({"since": "2024-03-07"}, [3, 2]),
        ({"until": "2024-03-07"}, [2, 1]),
        ({"since": "2024-04-02", "until": "2024-04-02"}, [3]),
        ({"technique": "Loaded_Language"}, [3, 1]),
        ({"technique": "Doubt"}, [3]),
        ({"speaker": "talvik"}, [2, 1]),
        ({"speaker": "Jaan Ilves"}, [3]),
        ({"query": "cranes"}, [2, 1]),
        ({"query": '"reading room"'}, [4]),
        ({"query": "cranes", "outlet": "Coast Herald"}, [2]),
        ({"technique": "Loaded_Language", "speaker": "talvik", "since": "2024-03-01"}, [1]),
        ({"outlet": "", "since": "", "technique": "", "query": "  "}, [3, 2, 1, 4]),
    ],
)
def test_each_filter_narrows_the_list(
    store: Store, filters: dict[str, str], expected: list[int]
) -> None:
    assert _ids(store, filters) == expected


def test_articles_page_through_with_limit_and_offset(store: Store) -> None:
    assert _ids(store, limit=2) == [3, 2]
    assert _ids(store, limit=2, offset=2) == [1, 4]


def test_a_query_of_only_search_syntax_matches_nothing(store: Store) -> None:
    assert store.articles(ArticleFilter(query='"')) == []


@pytest.mark.parametrize("bad", ["2024-13-01", "March 2024", "yesterday"])
def test_a_date_that_is_not_iso_is_refused(store: Store, bad: str) -> None:
    with pytest.raises(BadSetting, match="since must be a date as YYYY-MM-DD"):
        corpus.articles(store, since=bad)


def test_facets_count_articles_per_outlet_technique_and_speaker(store: Store) -> None:
    facets = corpus.facets(store)
    assert facets.outlets == (
        FacetValue("Coast Herald", 1),
        FacetValue("Port News", 1),
        FacetValue("Rail Daily", 1),
    )
    assert facets.techniques == (FacetValue("Loaded_Language", 2), FacetValue("Doubt", 1))
    assert facets.speakers == (FacetValue("Mira Talvik", 2), FacetValue("Jaan Ilves", 1))


def test_missing_article_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no article with id 99"):
        store.get_brief(99)


def test_cli_articles_json_through_the_entry_point(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        store.add_briefs([_port("u1", "Port News", "2024-03-05", loaded=True), _rail()])
    result = CliRunner().invoke(
        main,
        [
            *("articles", "--db", db, "--technique", "Loaded_Language"),
            *("--until", "2024-03-31", "--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "article_id": 1,
            "title": "Port (Port News)",
            "outlet": "Port News",
            "published": "2024-03-05",
            "url": "u1",
            "quotes": 1,
            "claims": 1,
            "techniques": 1,
            "origin": "corpus/u1.txt",
        }
    ]


def test_cli_articles_table_lists_the_matches(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        store.add_briefs([_port("u1", "Port News", "2024-03-05", loaded=True), _rail()])
    result = CliRunner().invoke(main, ["articles", "--db", db, "--speaker", "ilves"])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output
    assert "Rail Daily" in result.output and "Port News" not in result.output


def test_cli_articles_refuses_a_bad_date_in_one_line(tmp_path: Path) -> None:
    open_store(str(tmp_path / "c.db")).close()
    result = CliRunner().invoke(
        main, ["articles", "--db", str(tmp_path / "c.db"), "--since", "2024-02-30"]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        .splitlines()[-1]
        .endswith("since must be a date as YYYY-MM-DD, not '2024-02-30'")
    )
