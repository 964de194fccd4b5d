"""The store's verbs on SQLite and PostgreSQL: idempotent batches, transactions, search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_fixtures import BACKENDS, backend_store, entity, make_brief, quote
from presslens.corpus.schema import SCHEMA_VERSION
from presslens.corpus.store import Store, brief_key, open_store
from presslens.errors import StoreError

TEXT = 'Minister Anna Berg said: "Harvests doubled." The ministry praised farmers.'


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from backend_store(request.param)


def test_same_article_twice_is_stored_once(store: Store) -> None:
    brief = make_brief(TEXT, url="https://a.example/1")
    first = store.add_briefs([brief, brief])
    second = store.add_briefs([brief])
    assert [brief_id for brief_id, _ in first] == [1]
    assert second == []
    assert store.count() == 1
    assert store.has(brief_key(brief))


def test_same_text_from_another_url_is_another_article(store: Store) -> None:
    store.add_briefs([make_brief(TEXT, url="https://a.example/1")])
    store.add_briefs([make_brief(TEXT, url="https://b.example/1")])
    assert store.count() == 2


def test_brief_comes_back_equal_with_its_layers(store: Store) -> None:
    anna = entity(TEXT, "Anna Berg", "e1", role="Minister")
    brief = make_brief(
        TEXT,
        url="https://a.example/1",
        outlet="Daily",
        published="2024-03-05",
        title="Harvest",
        entities=(anna,),
        quotes=(quote(TEXT, "Harvests doubled.", "Anna Berg", "e1"),),
    )
    ((article_id, _),) = store.add_briefs([brief])
    assert store.get_brief(article_id) == brief
    assert store.rows("SELECT speaker_name, text FROM quotes") == [
        ("Anna Berg", "Harvests doubled.")
    ]
    assert store.rows("SELECT entity_id, role FROM roles") == [("e1", "Minister")]


def test_known_keys_are_the_stored_subset(store: Store) -> None:
    stored = make_brief(TEXT, url="https://a.example/1")
    store.add_briefs([stored])
    other = make_brief("Another text entirely.", url="https://a.example/2")
    assert store.known_keys([brief_key(stored), brief_key(other)]) == {brief_key(stored)}


def test_search_matches_word_forms_and_phrases(store: Store) -> None:
    store.add_briefs(
        [
            make_brief(TEXT, url="u1", title="Harvest"),
            make_brief("Farmers protested in the capital on Monday.", url="u2", title="Protest"),
        ]
    )
    assert sorted(h.article_id for h in store.search("farmer")) == [1, 2]
    assert [h.article_id for h in store.search('"praised farmers"')] == [1]
    assert [h.article_id for h in store.search("protests capital")] == [2]
    assert [h.article_id for h in store.search("harvests (")] == [1]
    assert store.search('"') == []


def test_search_snippet_marks_the_match(store: Store) -> None:
    store.add_briefs([make_brief(TEXT, url="u1")])
    (hit,) = store.search("ministry")
    assert [hit.snippet[start:end] for start, end in hit.matches] == ["ministry"]
    assert hit.origin == "corpus/u1.txt"


def test_failed_batch_leaves_nothing_behind(store: Store) -> None:
    brief = make_brief(TEXT, url="u1")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_briefs([brief])
        raise RuntimeError("killed mid-batch")
    assert store.count() == 0
    assert store.add_briefs([brief]) != []


def test_rejected_records_are_counted_by_reason(store: Store) -> None:
    from presslens.corpus.records import Rejection

    store.add_rejected(
        [
            Rejection("f.jsonl:2", "not valid JSON", "f.jsonl: line 2: not valid JSON (x)"),
            Rejection("f.jsonl:5", "not valid JSON", "f.jsonl: line 5: not valid JSON (y)"),
            Rejection("g.txt", "the input is empty", "g.txt: the input is empty"),
        ]
    )
    store.add_rejected([Rejection("f.jsonl:2", "not valid JSON", "again")])
    assert store.rejected_counts() == {"not valid JSON": 2, "the input is empty": 1}


def test_source_done_depends_on_its_stamp(store: Store) -> None:
    store.mark_source_done("a.jsonl", "10:1", articles=3)
    assert store.source_done("a.jsonl", "10:1") == 3
    assert store.source_done("a.jsonl", "11:2") is None


def test_file_store_is_migrated_once_and_reopens(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.add_briefs([make_brief(TEXT, url="u1")])
    with open_store(path) as store:
        assert store.count() == 1
        assert store.rows("SELECT count(*) FROM schema_version") == [(SCHEMA_VERSION,)]


def test_store_from_a_newer_presslens_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        store.rows("INSERT INTO schema_version (version) VALUES (99) RETURNING version")
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(path)


def test_a_store_opened_read_only_answers_and_refuses_writes_by_name(tmp_path: Path) -> None:
    path = str(tmp_path / "c.db")
    with open_store(path) as store:
        store.add_briefs([make_brief(TEXT, url="u1")])
    with open_store(path, read_only=True) as store:
        assert [hit.article_id for hit in store.search("ministry")] == [1]
        with pytest.raises(StoreError, match="cannot be written"):
            store.add_briefs([make_brief(TEXT, url="u2")])


def test_questions_about_a_missing_or_foreign_file_say_what_it_is(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at this path"):
        open_store(str(tmp_path / "none.db"), read_only=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 100)
    with pytest.raises(StoreError, match=r"not a presslens store|cannot open"):
        open_store(str(junk), read_only=True)
