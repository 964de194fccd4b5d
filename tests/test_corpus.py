"""Questions across the corpus, on hand-built briefs, through the library and the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_fixtures import BACKENDS, backend_store, entity, make_brief, quote
from presslens.brief import Brief, Span, TimeExpression
from presslens.cli import main
from presslens.corpus import questions as corpus
from presslens.corpus.republish import RepublicationIndex
from presslens.corpus.store import Store, open_store

TALVIK = (
    'Port chair Mira Talvik said: "The cranes arrive in May." The council voted on 4 March 2024 '
    "to fund the river port, ending a dispute that had lasted three years and cost the city "
    "dearly in lost shipping fees and repairs to the old northern quay walls."
)
ILVES = 'Minister Jaan Ilves said: "Trains will be late." The rail strike began on 2 April 2024.'


def _talvik(url: str, outlet: str, published: str) -> Brief:
    march = TALVIK.index("4 March 2024")
    event_end = TALVIK.index(", ending")
    return make_brief(
        TALVIK,
        url=url,
        outlet=outlet,
        published=published,
        title="Port",
        entities=(entity(TALVIK, "Mira Talvik", "e1", role="Port chair"),),
        quotes=(quote(TALVIK, "The cranes arrive in May.", "Mira Talvik", "e1"),),
        timeline=(
            TimeExpression(
                march,
                march + 12,
                "2024-03-04",
                "explicit",
                event=Span(TALVIK.index("The council"), event_end),
            ),
        ),
    )


def _ilves() -> Brief:
    april = ILVES.index("2 April 2024")
    return make_brief(
        ILVES,
        url="u3",
        outlet="Rail Daily",
        published="2024-04-02T08:00:00Z",
        title="Strike",
        entities=(entity(ILVES, "Jaan Ilves", "e1", role="Minister"),),
        quotes=(quote(ILVES, "Trains will be late.", "Jaan Ilves", "e1"),),
        timeline=(TimeExpression(april, april + 12, "2024-04-02", "explicit"),),
    )


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    for store in backend_store(request.param):
        index = RepublicationIndex(store)
        index.add(
            store.add_briefs(
                [
                    _talvik("u1", "Port News", "2024-03-05"),
                    _talvik("u2", "Coast Herald", "2024-03-07"),
                    _ilves(),
                ]
            )
        )
        yield store


def test_quoted_counts_a_republished_quote_once(store: Store) -> None:
    ilves, talvik = corpus.quoted(store)
    assert talvik.name == "Mira Talvik"
    assert talvik.roles == ("Port chair",)
    assert talvik.outlets == ("Coast Herald", "Port News")
    assert (talvik.quotes, talvik.articles) == (1, 2)
    assert (talvik.first_seen, talvik.last_seen) == ("2024-03-05", "2024-03-07")
    assert talvik.samples == ("The cranes arrive in May.",)
    assert ilves.name == "Jaan Ilves"


def test_quoted_filters_by_speaker_name(store: Store) -> None:
    assert [r.name for r in corpus.quoted(store, "ilves")] == ["Jaan Ilves"]


def test_timeline_merges_entries_of_republished_copies(store: Store) -> None:
    (entry,) = corpus.timeline(store, "Talvik")
    assert (entry.value, entry.text, entry.articles) == ("2024-03-04", "4 March 2024", (1, 2))
    assert entry.event == TALVIK[TALVIK.index("The council") : TALVIK.index(", ending")]
    assert entry.outlets == ("Coast Herald", "Port News")


def test_timeline_of_a_search_query_spans_articles(store: Store) -> None:
    values = [e.value for e in corpus.timeline(store, "said")]
    assert values == ["2024-03-04", "2024-04-02"]


def test_stats_group_by_month(store: Store) -> None:
    rows = corpus.stats(store, "month")
    assert [(r.group, r.articles) for r in rows] == [("2024-03", 2), ("2024-04", 1)]


def test_republications_explain_the_identical_pair(store: Store) -> None:
    (cluster,) = corpus.republications(store)
    assert [m["id"] for m in cluster.members] == [1, 2]
    assert cluster.earliest_id == 1
    (pair,) = cluster.pairs
    assert (pair["a"], pair["b"], pair["kind"], pair["removed"], pair["added"]) == (
        1,
        2,
        "copy",
        [],
        [],
    )


def test_export_jsonl_gives_back_every_brief(store: Store) -> None:
    out = io.StringIO()
    assert corpus.export(store, "jsonl", out) == 3
    briefs = [Brief.from_dict(json.loads(line)) for line in out.getvalue().splitlines()]
    assert briefs[2] == _ilves()


def test_export_csv_has_one_row_per_article_with_its_cluster(store: Store) -> None:
    out = io.StringIO()
    corpus.export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["id"], r["origin"], r["outlet"], r["republication_cluster"]) for r in rows] == [
        ("1", "corpus/u1.txt", "Port News", "1"),
        ("2", "corpus/u2.txt", "Coast Herald", "1"),
        ("3", "corpus/u3.txt", "Rail Daily", ""),
    ]


def test_cli_quoted_json_through_the_entry_point(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        store.add_briefs([_ilves()])
    result = CliRunner().invoke(main, ["quoted", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "name": "Jaan Ilves",
            "roles": ["Minister"],
            "outlets": ["Rail Daily"],
            "quotes": 1,
            "articles": 1,
            "first_seen": "2024-04-02T08:00:00Z",
            "last_seen": "2024-04-02T08:00:00Z",
            "samples": ["Trains will be late."],
            "origins": ["corpus/u3.txt"],
            "resolved": True,
        }
    ]


def test_cli_search_table_lists_the_hit(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        store.add_briefs([_ilves(), _talvik("u1", "Port News", "2024-03-05")])
    result = CliRunner().invoke(main, ["search", "strike", "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 articles matching 'strike'" in result.output
    assert "Rail Daily" in result.output and "Port News" not in result.output


def test_cli_search_prints_stored_markup_and_controls_as_text_with_the_match(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "c.db")
    text = "Officials [bold red]warned[/] of sanctions \x1b[2J today. [link=x]More[/link] here."
    with open_store(db) as store:
        store.add_briefs([make_brief(text, url="u9", title="[blink]Alert[/blink]")])
    result = CliRunner().invoke(main, ["search", "sanctions [red]", "--db", db])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "\x1b" not in result.output
    assert "[blink]Alert[/blink]" in flat
    assert "[bold red]warned[/] of sanctions" in flat
    assert "articles matching 'sanctions [red]'" in flat
    assert "corpus/u9.txt" in flat


def test_cli_stats_refuses_an_unknown_grouping(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "c.db"), "--by", "year"])
    assert result.exit_code == 2


def test_percent_and_underscore_in_a_filter_match_only_themselves(store: Store) -> None:
    assert corpus.quoted(store, "%") == []
    assert corpus.quoted(store, "_") == []
    assert corpus.timeline(store, "%") == []
    assert corpus.articles(store, speaker="%") == []
    assert [r.name for r in corpus.quoted(store, "ilve")] == ["Jaan Ilves"]
