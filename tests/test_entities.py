"""The entities layer: spaCy NER fixed by the gazetteer and name rules, mentions merged."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief, Entity
from presslens.layers.entities.wordlists import gazetteer
from presslens.lexicon import spelling_variants
from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_PIPELINE

pytestmark = pytest.mark.slow

LAYERS = frozenset({"entities"})


def _entity(brief: Brief, name: str) -> Entity:
    return next(e for e in brief.entities if e.name == name)


def _mentions(brief: Brief, entity: Entity) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, brief.surface(m)) for m in entity.mentions]


def _roles(brief: Brief, entity: Entity) -> list[str]:
    return [brief.surface(r) for r in entity.roles]


def test_surname_possessive_and_spelling_variant_merge_into_one_entity(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Defence minister Pavel Orlov arrived in Kyiv on Monday. "
        "Orlov's aides said the visit was brief. Later, Orlov left Kiev."
    )
    brief = brief_of(text, layers=LAYERS)
    orlov = _entity(brief, "Pavel Orlov")
    assert orlov.type == "PERSON"
    assert _mentions(brief, orlov) == [
        (17, 28, "Pavel Orlov"),
        (56, 61, "Orlov"),
        (103, 108, "Orlov"),
    ]
    kyiv = _entity(brief, "Kyiv")
    assert kyiv.type == "GPE"
    assert _mentions(brief, kyiv) == [(40, 44, "Kyiv"), (114, 118, "Kiev")]
    assert [e.name for e in brief.entities] == ["Pavel Orlov", "Kyiv"]
    assert [e.id for e in brief.entities] == ["E1", "E2"]


def test_transliterated_surname_joins_the_full_name_but_a_feminine_form_does_not(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of(
        "Analyst Yuri Zhelnin spoke first. Zhelnine added that it was late. "
        "Ivan Petrov spoke. Petrova disagreed.",
        layers=LAYERS,
    )
    zhelnin = _entity(brief, "Yuri Zhelnin")
    assert [text for _s, _e, text in _mentions(brief, zhelnin)] == ["Yuri Zhelnin", "Zhelnine"]
    petrov = _entity(brief, "Ivan Petrov")
    assert [text for _s, _e, text in _mentions(brief, petrov)] == ["Ivan Petrov"]


def test_names_with_one_cross_script_key_are_one_entity(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "The U.S. said the talks would go on. Officials in the United States and the US "
        "Congress agreed.",
        layers=LAYERS,
    )
    (united_states,) = [e for e in brief.entities if e.key == "united states"]
    assert [m[2] for m in _mentions(brief, united_states)] == ["U.S.", "United States", "US"]
    assert united_states.type == "GPE"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Fighting continued near Zaporizhzhia, officials in Sumy said.", "Zaporizhzhia", "GPE"),
        ("Fighting continued near Zaporizhzhia, officials in Sumy said.", "Sumy", "GPE"),
        ("Drones struck Tambov Oblast overnight.", "Tambov Oblast", "GPE"),
        ("Ri Song Chol held talks in Wonsan.", "Ri Song Chol", "PERSON"),
        ("The report quoted KCNA and analysts on Wall Street.", "KCNA", "ORG"),
        ("The report quoted KCNA and analysts on Wall Street.", "Wall Street", "LOC"),
    ],
)
def test_gazetteer_and_rules_fix_the_models_type(
    brief_of: Callable[..., Brief], text: str, name: str, label: str
) -> None:
    brief = brief_of(text, layers=LAYERS)
    assert _entity(brief, name).type == label


def test_teams_events_and_names_with_digits_are_no_people(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Manchester United beat Aston Villa 2-0 on Sunday. Ivan Petrov said Brexit and "
        "Covid-19 had cost the club. Wolverhampton 3-1 was the other result.",
        layers=LAYERS,
    )
    people = {e.name for e in brief.entities if e.type == "PERSON"}
    assert people == {"Ivan Petrov"}
    assert _entity(brief, "Manchester United").type == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Sollerby Abbey said it would reopen.", "Sollerby Abbey", "LOC"),
        ("Harlan Square was packed, Ms Lee said.", "Harlan Square", "LOC"),
        ("Nadia said Calder Caucus would vote.", "Calder Caucus", "ORG"),
    ],
)
def test_a_name_ending_in_a_facility_or_body_word_is_no_person(
    brief_of: Callable[..., Brief], text: str, name: str, label: str
) -> None:
    assert _entity(brief_of(text, layers=LAYERS), name).type == label


def test_place_suffix_rule_names_its_evidence(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("Drones struck Tambov Oblast overnight.", layers=LAYERS)
    assert "rule:place-suffix" in _entity(brief, "Tambov Oblast").evidence.split("+")


def test_question_opener_is_trimmed_from_a_place(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("Will Moscow accept the offer?", layers=LAYERS)
    assert _mentions(brief, _entity(brief, "Moscow")) == [(5, 11, "Moscow")]


def test_name_after_title_is_a_person_with_that_role(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "The report was written by political scientist Oleg Varnavsky, who works in Tula.",
        layers=LAYERS,
    )
    person = _entity(brief, "Oleg Varnavsky")
    assert person.type == "PERSON"
    assert [(r.start, r.end) for r in person.roles] == [(26, 45)]
    assert _roles(brief, person) == ["political scientist"]


def test_apposition_between_commas_is_a_role(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Irina Volkova, a senior researcher at the Institute of Oriental Studies, said the "
        "talks would resume.",
        layers=LAYERS,
    )
    assert _roles(brief, _entity(brief, "Irina Volkova")) == [
        "senior researcher at the Institute of Oriental Studies"
    ]


def test_a_list_of_titled_people_gives_no_one_the_next_ones_title(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of(
        "The hearing was attended by Senior Adviser Olga Marten, Transport Minister Pavel "
        "Gorin, and Director of Baltrail Yuri Sokolov. Karl Weiss, adviser to Anna Brenner, "
        "said the hearing went well.",
        layers=LAYERS,
    )
    assert _roles(brief, _entity(brief, "Olga Marten")) == ["Senior Adviser"]
    assert _roles(brief, _entity(brief, "Pavel Gorin")) == ["Transport Minister"]
    # The organisation of the title before a name is not part of the name.
    assert _entity(brief, "Yuri Sokolov").type == "PERSON"
    # A person the role itself names, after a preposition, leaves the role whole.
    assert _roles(brief, _entity(brief, "Karl Weiss")) == ["adviser to Anna Brenner"]


def test_a_common_word_capitalised_at_a_sentence_start_is_no_name(
    brief_of: Callable[..., Brief],
) -> None:
    # The small model reads the opening "Farmers" as an organisation.
    brief = brief_of(
        "Farmers sold the harvest early. Other farmers waited for Gazprom in Kansas.",
        layers=LAYERS,
    )
    names = [e.name for e in brief.entities]
    assert "Farmers" not in names
    assert "Gazprom" in names  # names never written in lower case stay
    assert "Kansas" in names


def test_a_role_given_again_is_one_role_and_marks_are_no_part_of_it(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of(
        "Energy Minister Pavel Gorin opened the session. <…> Energy Minister Pavel Gorin: "
        "Thank you. * Energy minister Pavel Gorin closed it.",
        layers=LAYERS,
    )
    gorin = _entity(brief, "Pavel Gorin")
    assert _roles(brief, gorin) == ["Energy Minister"]
    assert brief.text[gorin.roles[0].start : gorin.roles[0].end] == "Energy Minister"


def test_premodifier_and_listed_titles_are_roles(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "German Chancellor Friedrich Merz met the delegation. "
        "Retired Colonel of the Border Service, Chairman of the Union of Pilots, and "
        "Veteran Pyotr Lanin believes the talks will fail.",
        layers=LAYERS,
    )
    assert _roles(brief, _entity(brief, "Friedrich Merz")) == ["German Chancellor"]
    assert _roles(brief, _entity(brief, "Pyotr Lanin")) == [
        "Retired Colonel of the Border Service",
        "Chairman of the Union of Pilots",
        "Veteran",
    ]


def test_conjoined_titles_split_into_one_role_each(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Historian and journalist Marta Levina believes the archive was sealed.", layers=LAYERS
    )
    assert _roles(brief, _entity(brief, "Marta Levina")) == ["Historian", "journalist"]


def test_component_keeps_dates_and_numbers_for_other_layers() -> None:
    doc = load_pipeline(DEFAULT_PIPELINE)("Ivan Petrov said 300 people came on 5 May 2024.")
    assert {ent.label_ for ent in doc.ents} >= {"PERSON", "CARDINAL", "DATE"}


def test_lexicons_are_well_formed() -> None:
    labels = {label for _name, label in gazetteer()}
    assert labels <= {"GPE", "LOC", "ORG", "PERSON", "NORP", "EVENT"}
    assert all(v != p and p not in spelling_variants() for v, p in spelling_variants().items())


def test_byline_name_is_a_person_whatever_the_model_says(brief_of: Callable[..., Brief]) -> None:
    text = "Talks end in Tallinn\n\nAuthor:\n\nIrina Lebedeva\n\nThe talks ended on Friday.\n"
    brief = brief_of(text, layers=frozenset({"entities"}))
    (author,) = [e for e in brief.entities if e.name == "Irina Lebedeva"]
    assert author.type == "PERSON"
    assert "rule:byline" in author.evidence.split("+")
    assert [(m.start, m.end) for m in author.mentions] == [(31, 45)]


# --- issue 15: people the small model labels otherwise, lists of names, given names ---------


def test_a_given_name_and_a_surname_the_model_calls_an_organisation_are_a_person(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of("Chelsea won after a goal by Mason Mount.", layers=LAYERS)
    mount = _entity(brief, "Mason Mount")
    assert mount.type == "PERSON"
    assert "given-name" in mount.evidence.split("+")
    assert _entity(brief, "Chelsea").type == "ORG"


def test_a_given_name_opening_a_place_leaves_the_place_alone(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of("The family booked a week at Alice Springs.", layers=LAYERS)
    assert _entity(brief, "Alice Springs").type != "PERSON"


def test_a_comma_inside_a_person_span_runs_two_names_together() -> None:
    from presslens.layers.entities.name_edges import runs_names_together

    nlp = load_pipeline(DEFAULT_PIPELINE)
    doc = nlp.make_doc("They met George, Louis and Martin Luther King, Jr. there.")
    assert runs_names_together(doc[2:5])  # "George, Louis"
    assert not runs_names_together(doc[6:12])  # "Martin Luther King, Jr."


def test_a_given_name_alone_joins_the_one_full_name_it_opens(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of("Paul Pogba scored twice. Later Paul left the pitch.", layers=LAYERS)
    people = [e for e in brief.entities if e.type == "PERSON"]
    assert [(e.name, len(e.mentions)) for e in people] == [("Paul Pogba", 2)]


def test_a_given_name_two_people_share_stays_apart(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(
        "Anna Petrova and Anna Sokolova spoke on Monday. Anna left early.", layers=LAYERS
    )
    full = {e.name: len(e.mentions) for e in brief.entities if e.type == "PERSON"}
    assert full.get("Anna Petrova") == 1 and full.get("Anna Sokolova") == 1


def test_a_fire_service_is_no_person(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("Crews from Cal Fire were on scene, said Dana Ruiz.", layers=LAYERS)
    assert _entity(brief, "Cal Fire").type == "ORG"  # the model says PERSON
    assert _entity(brief, "Dana Ruiz").type == "PERSON"


def test_a_person_span_of_ranks_alone_is_dropped() -> None:
    from spacy.tokens import Span as SpacySpan

    from presslens.layers.entities.fixes import _clean_model_span

    text = "Dana Ruiz retired as Deputy Inspector last year."
    doc = load_pipeline(DEFAULT_PIPELINE).make_doc(text)
    assert _clean_model_span(doc, SpacySpan(doc, 4, 6, label="PERSON")) is None
    kept = _clean_model_span(doc, SpacySpan(doc, 0, 2, label="PERSON"))
    assert kept is not None and (kept.start, kept.end) == (0, 2)


def test_a_name_ends_at_a_line_break() -> None:
    from spacy.tokens import Span as SpacySpan

    from presslens.layers.entities.fixes import _clean_model_span

    text = "Coach praises striker Dario Lentz\nDario Lentz scored twice."
    doc = load_pipeline(DEFAULT_PIPELINE).make_doc(text)
    first = next(t.i for t in doc if t.text == "Dario")
    last = max(t.i for t in doc if t.text == "Lentz")
    cleaned = _clean_model_span(doc, SpacySpan(doc, first, last + 1, label="PERSON"))
    assert cleaned is not None
    assert doc[cleaned.start : cleaned.end].text == "Dario Lentz"


def test_a_name_run_into_a_repeated_label_is_not_the_entitys_name(
    brief_of: Callable[..., Brief],
) -> None:
    # A scraped transcript page runs the speaker's label into the name before the colon.
    text = (
        "Meeting with Defence Minister Pavel Orlov\n\n"
        "President Anna Berg: Mr Orlov, please go ahead. "
        "Defence Minister Pavel Orlov Orlov PavelDefence Minister: Madam President, the "
        "exercises are under way."
    )
    brief = brief_of(text, layers=LAYERS)
    names = [e.name for e in brief.entities if e.type == "PERSON"]
    assert "Pavel Orlov" in names
    assert not any("Orlov Orlov" in name for name in names)
