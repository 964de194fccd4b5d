"""The artifacts layer: foreign script, name and spelling variants, placeholders, boilerplate."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Artifact, Brief

pytestmark = pytest.mark.slow

LAYERS = frozenset({"entities", "artifacts"})


def _found(brief: Brief, kind: str) -> list[tuple[int, int, str]]:
    return [(a.start, a.end, brief.surface(a)) for a in brief.artifacts if a.kind == kind]


def _of(brief: Brief, kind: str) -> list[Artifact]:
    return [a for a in brief.artifacts if a.kind == kind]


def test_han_characters_glued_into_an_english_word_are_foreign_script(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of("The ministry特意 stressed the point.", layers=LAYERS)
    assert _found(brief, "foreign-script") == [(12, 14, "特意")]
    assert "Han" in _of(brief, "foreign-script")[0].note


def test_a_foreign_phrase_is_one_artifact_and_the_language_sets_the_own_script(
    brief_of: Callable[..., Brief],
) -> None:
    # More Latin letters than Han characters, yet a Chinese text: the Latin name is foreign.
    brief = brief_of("球队在Bodymoor Heath基地训练。Sergei said nothing.", layers=LAYERS)
    assert brief.document.language == "zh"
    assert [s for _a, _b, s in _found(brief, "foreign-script")] == [
        "Bodymoor Heath",
        "Sergei said nothing",
    ]
    assert "Latin script in a Han-script text" in _of(brief, "foreign-script")[0].note


def test_minority_spelling_of_a_place_is_a_spelling_variant(
    brief_of: Callable[..., Brief],
) -> None:
    text = "Talks in Kyiv stalled. Kyiv wants guarantees. Critics of the Kiev government disagree."
    brief = brief_of(text, layers=LAYERS)
    assert _found(brief, "spelling-variant") == [(61, 65, "Kiev")]
    assert "also spelled 'Kyiv' (2x)" in _of(brief, "spelling-variant")[0].note


def test_vague_stand_in_for_a_country_is_a_placeholder(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "He warned relevant countries not to interfere, and blamed a certain country.",
        layers=LAYERS,
    )
    assert _found(brief, "placeholder") == [
        (10, 28, "relevant countries"),
        (58, 75, "a certain country"),
    ]


def test_captions_links_prompts_and_disclaimer_are_boilerplate(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Shelling hit the port on Monday.\n"
        "Photo: Reuters\n"
        "Read more: how the talks began\n"
        "Smoke over the port // Image from the city council\n"
        "Officials counted the damage. Screenshot: city website\n"
        "Original: https://example.org/a/1\n"
        "Disclaimer: The views are the author's own."
    )
    brief = brief_of(text, layers=LAYERS)
    assert [t for _s, _e, t in _found(brief, "boilerplate")] == [
        "Photo: Reuters",
        "Read more: how the talks began",
        "Smoke over the port // Image from the city council",
        "Screenshot: city website",
        "Original: https://example.org/a/1",
        "Disclaimer: The views are the author's own.",
    ]
    assert _found(brief, "boilerplate")[0][:2] == (33, 47)


def test_headline_name_that_the_body_retells_with_another_name_is_a_name_variant(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Petrenko quietly visited Minsk at the president's request.\n\n"
        "Defence Minister Igor Belenko visited Minsk at the president's request on Tuesday."
    )
    brief = brief_of(text, layers=LAYERS)
    assert _found(brief, "name-variant") == [(0, 8, "Petrenko")]
    assert "also spelled 'Belenko' (1x)" in _of(brief, "name-variant")[0].note


def test_merged_transliteration_is_a_name_variant(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Analyst Yuri Zhelnin spoke first. Later Zhelnin said the plan had failed. "
        "Zhelnine added that it was late.",
        layers=LAYERS,
    )
    assert _found(brief, "name-variant") == [(74, 82, "Zhelnine")]
    assert "also spelled 'Zhelnin' (2x)" in _of(brief, "name-variant")[0].note


def test_plain_text_has_no_artifacts(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("The council met in Kyiv on Monday to discuss the budget.", layers=LAYERS)
    assert brief.artifacts == ()
