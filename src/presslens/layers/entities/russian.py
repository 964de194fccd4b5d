"""Stage for Russian: Natasha's names grouped into entities, in the nominative, with roles.

The Russian front (`presslens.nlp_russian`) gives PER, ORG and LOC spans and
each span's nominative form (Natasha's `normalize`: "Сергея Лаврова" ->
"Сергей Лавров"). Mentions are grouped by that form, so one name in every case
is one entity; surname-only mentions join the fullest matching person
(`stage.merge_people`, as in English). An entity's name is its fullest
nominative form, its key `entity_key(name)` (Лавров -> "lavrov").

Roles (`russian_roles.py`): the title phrase right before a person's name
("министр иностранных дел России Сергей Лавров") or between commas after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Entity, EntityType, Span
from presslens.layers.entities.keys import entity_key
from presslens.layers.entities.russian_cases import common_word_name, nominative_name
from presslens.layers.entities.russian_roles import find_roles
from presslens.layers.entities.stage import MentionGroup, merge_by_key, merge_people
from presslens.nlp_russian import ALIASES_EXTENSION, NORMALS_EXTENSION

#: The Doc's labels (from `nlp_russian.LABELS`) -> the brief's entity types.
_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}
EVIDENCE = "natasha:ner"
_QUOTE_MARKS = frozenset('«»"„“”')


def find_russian_entities(article: Article, brief: Brief) -> Brief:
    """Group the Doc's PER/ORG/LOC spans into entities with every mention and role."""
    doc = article.doc
    normals: dict[tuple[int, int], str] = doc._.get(NORMALS_EXTENSION) or {}
    groups: dict[str, MentionGroup] = {}
    forms: dict[str, Counter[str]] = {}
    aliases: dict[tuple[int, int], tuple[int, int]] = doc._.get(ALIASES_EXTENSION) or {}
    keys: dict[tuple[int, int], str] = {}
    for ent, label, (start, end), normal in _mentions(doc, normals):
        alias_of = aliases.get((start, end))
        key = keys.get(alias_of) if alias_of else None
        key = key or group_key(normal)
        keys[(start, end)] = key
        group = groups.get(key)
        if group is None:
            group = MentionGroup(key, [], Counter(), [EVIDENCE], [], tuple(key.split()))
            groups[key] = group
        group.mentions.append((start, end))
        group.labels[label] += 1
        if alias_of is None:
            forms.setdefault(key, Counter())[normal] += 1
        if label == "PERSON":
            group.roles.extend(find_roles(doc, ent))
    merged = merge_by_key(merge_people(list(groups.values())))
    merged.sort(key=lambda g: min(g.mentions))
    entities = []
    merged = [g for g in merged if g.label != "PERSON" or not _no_person(_name(g, forms))]
    for number, group in enumerate(merged, start=1):
        name = _name(group, forms)
        entities.append(
            Entity(
                id=f"E{number}",
                name=name,
                type=_TYPES[group.label],
                mentions=tuple(Span(s, e) for s, e in sorted(set(group.mentions))),
                roles=tuple(Span(s, e) for s, e in sorted(set(group.roles))),
                evidence="+".join(group.evidence),
                key=entity_key(name),
            )
        )
    return replace(brief, entities=tuple(entities))


def _mentions(
    doc: Doc, normals: dict[tuple[int, int], str]
) -> Iterator[tuple[TokenSpan, str, tuple[int, int], str]]:
    """Each name span with its label, offsets and nominative form; organisations that read
    like places relabelled (`lexicons/ru/organisations.txt`), and an organisation followed
    by its country in the genitive taken whole ("Конгресса США", "МЧС России")."""
    ents = [e for e in doc.ents if e.label_ in _TYPES]
    words = frozenset(t.text for t in doc if t.text[:1].isupper())
    nominatives = frozenset(t.text for t in doc if "Nom" in t.morph.get("Case", []))
    for index, ent in enumerate(ents):
        normal = " ".join(normals.get((ent.start_char, ent.end_char), ent.text).split())
        label = "ORG" if group_key(normal) in organisation_names() else ent.label_
        if label == "PERSON":
            normal = nominative_name(ent, normal, words, nominatives)
        start, end = ent.start_char, ent.end_char
        if label == "PERSON" and len(ent) > 1 and ent[0].lower_ in honorifics():
            # "Г-жа Хислоп" is Хислоп: the form of address is neither name nor role
            start = ent[1].idx
            normal = " ".join(normal.split()[1:]) or normal
        elif label != "PERSON" and len(ent) > 1 and _animate_noun(ent[0]):
            # "Исследователи Брукхейвенской лаборатории": people of the place, not its name
            # (Natasha's nominative was made for the whole phrase: the words as written)
            start = ent[1].idx
            normal = doc.text[start:end]
        after = ents[index + 1] if index + 1 < len(ents) else None
        if label == "ORG" and after is not None and _country_of(ent, after):
            end = after.end_char
            normal = f"{normal} {after.text}"
        yield ent, label, (start, end), normal


def _no_person(name: str) -> bool:
    """A common word Natasha took for a name, or a name with a digit ("Марс-2020")."""
    return common_word_name(name) or any(ch.isdigit() for ch in name)


def _animate_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and "Anim" in token.morph.get("Animacy", [])


def _country_of(org: TokenSpan, place: TokenSpan) -> bool:
    """A place right after an organisation, in the genitive, names whose it is."""
    return (
        place.label_ == "LOC"
        and place.start == org.end
        and org[-1].text not in _QUOTE_MARKS
        and "Gen" in place[0].morph.get("Case", [])
        and len(place) == 1
    )


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Forms of address that open a name ("г-жа", "господин"), from `honorifics.txt`."""
    return lexicon.words("entities", "honorifics.txt", language="ru")


@lru_cache(maxsize=1)
def organisation_names() -> frozenset[str]:
    """Nominative names (lower case) of organisations that read like places ("кремль")."""
    return lexicon.words("entities", "organisations.txt", language="ru")


def group_key(normal: str) -> str:
    """How two mentions' nominative forms compare: case, "ё" and quote marks set aside.

    >>> group_key("«Газпром»") == group_key("Газпром")
    True
    """
    folded = normal.casefold().replace("ё", "е")
    return " ".join(folded.strip('«»"„“”').split())


def _name(group: MentionGroup, forms: dict[str, Counter[str]]) -> str:
    """The group's own nominative form (the fullest: `merge_people` folds shorter names into
    longer ones), its most frequent spelling."""
    found = forms[group.key]
    return max(found, key=lambda form: (found[form], form))
