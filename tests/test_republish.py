"""Republication detection: truncated, edited and translated copies; boilerplate ignored."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_fixtures import BACKENDS, backend_store, entity, make_brief
from presslens.brief import Artifact, Brief
from presslens.corpus.republish import RepublicationIndex, clusters, explain, sentences
from presslens.corpus.store import Store

PARAGRAPHS = [
    "The regional council approved a new budget for the river port on Tuesday.",
    "Council chair Mira Talvik said the plan would pay for two new cranes and a rail spur.",
    "Opposition members argued that the port had lost money for three straight years.",
    "The budget sets aside 4.2 million for dredging and 900,000 for a training centre.",
    "Dock workers gathered outside the council building before the vote began.",
    "A spokesman for the port authority declined to comment on the timetable.",
    "Local shipping firms have asked for lower fees since the closure of the northern canal.",
    "The council will meet again in March to review the first quarterly report.",
]
ORIGINAL = " ".join(PARAGRAPHS)
UNRELATED = (
    "A new exhibition of medieval maps opened at the city library this weekend. Curators "
    "spent four years restoring the parchment, which had been stored in a damp basement. "
    "Visitors can see the oldest map of the coastline, drawn by a monk around 1290. The "
    "library plans a lecture series on cartography and a children's workshop in the spring."
)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from backend_store(request.param)


def _add(
    store: Store, index: RepublicationIndex, *briefs: Brief
) -> list[tuple[int, int, str, float]]:
    return index.add(store.add_briefs(list(briefs)))


def test_truncated_copy_is_clustered_with_its_original(store: Store) -> None:
    index = RepublicationIndex(store)
    _add(store, index, make_brief(ORIGINAL, url="u1"), make_brief(UNRELATED, url="u2"))
    truncated = " ".join(PARAGRAPHS[:5])
    pairs = _add(store, index, make_brief(truncated, url="u3"))
    assert [(a, b, kind) for a, b, kind, _ in pairs] == [(1, 3, "copy")]
    assert store.clusters() == {1: [1, 3]}


def test_index_rebuilt_from_the_store_finds_earlier_articles(store: Store) -> None:
    _add(store, RepublicationIndex(store), make_brief(ORIGINAL, url="u1"))
    edited = ORIGINAL.replace("Tuesday", "Wednesday").replace("two new cranes", "three cranes")
    pairs = _add(store, RepublicationIndex(store), make_brief(edited, url="u2"))
    assert [(a, b) for a, b, _, _ in pairs] == [(1, 2)]


def test_unrelated_articles_are_not_republications(store: Store) -> None:
    index = RepublicationIndex(store)
    assert _add(store, index, make_brief(ORIGINAL, url="u1"), make_brief(UNRELATED, url="u2")) == []
    assert store.clusters() == {}


def test_shared_boilerplate_alone_does_not_make_a_copy(store: Store) -> None:
    boilerplate = " ".join(PARAGRAPHS[:6])
    first = f"{UNRELATED}\n{boilerplate}"
    second = f"Ferry services resume after the storm, officials said on Sunday.\n{boilerplate}"

    def marked(text: str, url: str) -> Brief:
        start = text.index(boilerplate)
        artifact = Artifact(start, start + len(boilerplate), "boilerplate", "site footer")
        return make_brief(text, url=url).__class__(
            document=make_brief(text, url=url).document, text=text, artifacts=(artifact,)
        )

    index = RepublicationIndex(store)
    assert _add(store, index, marked(first, "u1"), marked(second, "u2")) == []
    # The same two texts without the boilerplate marked are (wrongly) copies: the marking matters.
    assert _add(store, index, make_brief(first, url="u3"), make_brief(second, url="u4")) != []


def test_translated_copy_is_found_by_its_numbers_and_names(store: Store) -> None:
    facts = (
        "On 12 May 2024, 4,300 troops, 52 tanks, 17 helicopters and 640 trucks crossed at 3 points."
    )
    english = f"{facts} Commander Petrov and Minister Ilves met in Narva. Losses reached 215."
    retold = (
        "Commander Petrov met Minister Ilves in Narva, where 4,300 troops, 52 tanks, 640 trucks "
        "and 17 helicopters had crossed at 3 points on 12 May 2024; losses stood at 215."
    )
    names = ("Petrov", "Ilves", "Narva")
    a = make_brief(english, url="u1", entities=tuple(entity(english, n, n) for n in names))
    b = make_brief(retold, url="u2", entities=tuple(entity(retold, n, n) for n in names))
    pairs = _add(store, RepublicationIndex(store), a, b)
    assert [(x, y, kind) for x, y, kind, _ in pairs] == [(1, 2, "translation")]


def test_explanation_shows_shared_removed_added_and_edited_passages() -> None:
    a_text = " ".join(PARAGRAPHS[:4])
    b_text = " ".join(
        [
            PARAGRAPHS[0],
            PARAGRAPHS[1].replace("Mira Talvik", "Mira Talvick"),
            PARAGRAPHS[2],
            "Readers can comment below.",
        ]
    )
    a = make_brief(a_text, url="u1", published="2024-03-06")
    b = make_brief(b_text, url="u2", published="2024-03-05")
    why = explain(1, a, 2, b)
    data = why.to_dict(a, b)
    assert [s["a"]["text"] for s in data["shared"]] == [PARAGRAPHS[0], PARAGRAPHS[2]]
    assert [s["text"] for s in data["removed"]] == [PARAGRAPHS[3]]
    assert [s["text"] for s in data["added"]] == ["Readers can comment below."]
    assert [e["b"]["text"] for e in data["edited"]] == [b_text.split(". ")[1] + "."]
    assert ("Mira Talvik", "Mira Talvick") in why.name_variants
    assert why.earliest_id == 2


def test_clusters_join_chains_of_pairs() -> None:
    pairs = [(1, 2, "copy", 0.9), (2, 5, "copy", 0.8), (3, 4, "translation", 0.7)]
    assert clusters(pairs) == {1: 1, 2: 1, 5: 1, 3: 3, 4: 3}


def test_sentences_point_into_the_text() -> None:
    text = "First one.  Second one!\nThird"
    assert [(s.start, s.end) for s in sentences(text)] == [(0, 10), (12, 23), (24, 29)]


def test_pair_names_known_spelling_variants_and_has_no_earliest_when_undated() -> None:
    old = ORIGINAL + " Officials in Kiev welcomed the vote."
    new = ORIGINAL + " Officials in Kyiv welcomed the vote."
    why = explain(1, make_brief(old, url="u1"), 2, make_brief(new, url="u2"), "copy", 0.9)
    assert ("Kiev", "Kyiv") in why.name_variants
    assert why.earliest_id is None


def test_earliest_copy_is_the_first_published_not_the_first_stored() -> None:
    later = make_brief(ORIGINAL, url="u1", published="2024-05-02")
    earlier = make_brief(ORIGINAL, url="u2", published="2024-05-01")
    assert explain(1, later, 2, earlier, "copy", 1.0).earliest_id == 2


# The definition `sentences` keeps, as a regular expression: correct, but quadratic on a
# run of full stops, so the module scans runs instead. They must agree.
_REFERENCE_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+[\"'”’)]*(?=\s)|(?=\n)|\Z)")


@settings(max_examples=500)
@given(st.text(alphabet='ab .!?\n"”) \t', max_size=40))
def test_sentences_split_as_the_reference_expression_does(text: str) -> None:
    expected = []
    for match in _REFERENCE_SENTENCE.finditer(text):
        piece = match.group()
        start = match.start() + len(piece) - len(piece.lstrip())
        end = match.end() - (len(piece) - len(piece.rstrip()))
        if re.search(r"\w", piece) and end > start:
            expected.append((start, end))
    assert [(s.start, s.end) for s in sentences(text)] == expected
