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
from dataclasses import replace

from presslens.article import Article
from presslens.brief import Brief, Entity, EntityType, Span
from presslens.layers.entities.keys import entity_key
from presslens.layers.entities.russian_roles import find_roles
from presslens.layers.entities.stage import MentionGroup, merge_by_key, merge_people
from presslens.nlp_russian import NORMALS_EXTENSION

#: The Doc's labels (from `nlp_russian.LABELS`) -> the brief's entity types.
_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}
EVIDENCE = "natasha:ner"


def find_russian_entities(article: Article, brief: Brief) -> Brief:
    """Group the Doc's PER/ORG/LOC spans into entities with every mention and role."""
    doc = article.doc
    normals: dict[tuple[int, int], str] = doc._.get(NORMALS_EXTENSION) or {}
    groups: dict[str, MentionGroup] = {}
    forms: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        normal = " ".join(normals.get((ent.start_char, ent.end_char), ent.text).split())
        key = group_key(normal)
        group = groups.get(key)
        if group is None:
            group = MentionGroup(key, [], Counter(), [EVIDENCE], [], tuple(key.split()))
            groups[key] = group
        group.mentions.append((ent.start_char, ent.end_char))
        group.labels[ent.label_] += 1
        forms.setdefault(key, Counter())[normal] += 1
        if ent.label_ == "PERSON":
            group.roles.extend(find_roles(doc, ent))
    merged = merge_by_key(merge_people(list(groups.values())))
    merged.sort(key=lambda g: min(g.mentions))
    entities = []
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
