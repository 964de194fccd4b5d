"""Stage: group the Doc's named-entity spans into entities, each with all its mentions.

One entity per referent, with surname-only mentions, possessives, "the X" forms,
spelling variants (`presslens/lexicons/en/spelling_variants.tsv`) and near-identical
transliterations merged, and the titles and affiliations the text gives each person
(`roles.py`). The spans come from the spaCy component in `fixes.py`.

>>> from presslens import analyze  # doctest: +SKIP
>>> [e.name for e in analyze("Expert Ivan Petrov visited Kyiv.").entities]  # doctest: +SKIP
['Ivan Petrov', 'Kyiv']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz.fuzz import ratio

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Entity, EntityType, Span
from presslens.layers.entities.fixes import EVIDENCE_EXTENSION, NUMERIC_LABELS
from presslens.layers.entities.keys import entity_key
from presslens.layers.entities.roles import find_roles
from presslens.layers.entities.wordlists import honorifics, title_words

_CONTRACT_TYPE: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "LAW": "LAW",
    "WORK_OF_ART": "WORK",
    "PRODUCT": "OTHER",
    "LANGUAGE": "OTHER",
}
#: Two surnames are one transliterated name when rapidfuzz's ratio reaches this. Chosen by
#: hand from pairs like Zhebin/Zhebine and Zelensky/Zelenskiy (same person) against
#: Ivanov/Ivanenko (different); not yet measured on annotated coreference data.
FUZZY_SURNAME_MIN = 85.0
#: Surnames shorter than this are only merged when spelled the same.
FUZZY_SURNAME_MIN_CHARS = 5


# --- the stage --------------------------------------------------------------------------


@dataclass
class MentionGroup:
    """The mentions taken for one referent so far (the Russian stage groups with it too)."""

    key: str
    mentions: list[tuple[int, int]]  # char offsets
    labels: Counter[str]
    evidence: list[str]
    roles: list[tuple[int, int]]
    tokens: tuple[str, ...]  # the key's words, for surname matching

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]


#: How many model votes a byline mention outweighs when an entity's type is chosen.
BYLINE_WEIGHT = 100


def find_entities(article: Article, brief: Brief) -> Brief:
    """Group the Doc's named-entity spans into entities with mentions and roles."""
    doc = article.doc
    evidence_of: dict[tuple[int, int], str] = doc._.get(EVIDENCE_EXTENSION) or {}
    groups: dict[str, MentionGroup] = {}
    # A byline names a person, whatever the model made of it ("Author:\n\nName").
    byline = brief.document.author_span
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS or (
            ent.label_ not in _CONTRACT_TYPE and (ent.label_ != "FAC")
        ):
            continue
        key = _mention_key(ent.text)
        group = groups.get(key)
        if group is None:
            group = groups[key] = MentionGroup(key, [], Counter(), [], [], tuple(key.split()))
        group.mentions.append((ent.start_char, ent.end_char))
        is_byline = byline is not None and (byline.start, byline.end) == (
            ent.start_char,
            ent.end_char,
        )
        label = "PERSON" if is_byline else ent.label_
        group.labels[label if label != "FAC" else "LOC"] += BYLINE_WEIGHT if is_byline else 1
        if is_byline and "rule:byline" not in group.evidence:
            group.evidence.append("rule:byline")
        for part in evidence_of.get((ent.start, ent.end), "spacy:ner").split("+"):
            if part not in group.evidence:
                group.evidence.append(part)
        if ent.label_ == "PERSON":
            group.roles.extend(find_roles(doc, ent, title_words(), honorifics()))
    merged = merge_by_key(merge_people(list(groups.values())))
    merged.sort(key=lambda g: min(g.mentions))
    entities = tuple(
        _entity(f"E{number}", group, article.text) for number, group in enumerate(merged, start=1)
    )
    return replace(brief, entities=entities)


def _mention_key(surface: str) -> str:
    """How mentions of one referent compare: variants resolved, case and "the" dropped."""
    words = surface.replace("’", "'").split()
    variants = lexicon.spelling_variants()
    joined = " ".join(words)
    if joined in variants:
        words = variants[joined].split()
    else:
        words = [variants.get(word, word) for word in words]
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words).casefold()


def merge_people(groups: list[MentionGroup]) -> list[MentionGroup]:
    """Fold surname-only and transliterated person groups into the fullest matching name.

    A surname the model labelled something else ("Orlov" as ORG) joins the person too when
    it is spelled exactly so and nothing but the model vouches for its label.
    """
    people = sorted(
        (g for g in groups if g.label == "PERSON"), key=lambda g: (-len(g.tokens), min(g.mentions))
    )
    mislabelled = [
        g
        for g in groups
        if g.label != "PERSON" and len(g.tokens) == 1 and g.evidence == ["spacy:ner"]
    ]
    absorbed: set[int] = set()
    for index, group in enumerate(people):
        if id(group) in absorbed:
            continue
        for other in people[index + 1 :]:
            if id(other) not in absorbed and _same_person(group.tokens, other.tokens):
                _absorb(group, other)
                absorbed.add(id(other))
        if len(group.tokens) > 1:
            for other in mislabelled:
                if id(other) not in absorbed and other.tokens[0] == group.tokens[-1]:
                    _absorb(group, other)
                    absorbed.add(id(other))
    _merge_given_names([g for g in people if id(g) not in absorbed], absorbed)
    return [g for g in groups if id(g) not in absorbed]


def _merge_given_names(people: list[MentionGroup], absorbed: set[int]) -> None:
    """A one-word person who is the given name of exactly one fuller name in the text joins
    it ("Paul" after "Paul Pogba"); a given name two people share stays apart."""
    fuller = [g for g in people if len(g.tokens) > 1]
    for group in people:
        if len(group.tokens) != 1:
            continue
        owners = [g for g in fuller if g.tokens[0] == group.tokens[0]]
        if len(owners) == 1:
            _absorb(owners[0], group)
            absorbed.add(id(group))


#: Labels whose groups may be one referent when their keys agree: a place is GPE in one
#: sentence and LOC in another; a person is a person.
_KEY_FAMILIES = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG"}


def merge_by_key(groups: list[MentionGroup]) -> list[MentionGroup]:
    """Fold groups whose names share a cross-script key (`keys.entity_key`) into one.

    "U.S." and "United States", "Shoygu" and "Shoigu", "Zelenskiy" and "Zelenskyy" are
    one entity; the group with most mentions keeps its name. Only people with people,
    places with places, organisations with organisations.
    """
    first: dict[tuple[str, str], MentionGroup] = {}
    absorbed: set[int] = set()
    ordered = sorted(groups, key=lambda g: (-len(g.mentions), min(g.mentions)))
    for group in ordered:
        family = _KEY_FAMILIES.get(group.label)
        if family is None:
            continue
        slot = (family, entity_key(group.key))
        if slot in first:
            _absorb(first[slot], group)
            absorbed.add(id(group))
        else:
            first[slot] = group
    return [g for g in groups if id(g) not in absorbed]


def _same_person(fuller: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if not fuller or not shorter:
        return False
    if len(shorter) > 1 and shorter[0] != fuller[0]:
        return False
    return _same_surname(fuller[-1], shorter[-1])


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_SURNAME_MIN_CHARS or a[0] != b[0]:
        return False
    # Slavic feminine forms name a different person: Ivanov / Ivanova.
    if a + "a" == b or b + "a" == a:
        return False
    return ratio(a, b) >= FUZZY_SURNAME_MIN


def _absorb(into: MentionGroup, other: MentionGroup) -> None:
    into.mentions.extend(other.mentions)
    into.labels[into.label] += other.labels.total()
    into.roles.extend(other.roles)
    for part in other.evidence:
        if part not in into.evidence:
            into.evidence.append(part)


def _first_of_each(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The first span of each role said in other words: "Gazprom CEO" given at every turn of
    a transcript is one role."""
    seen: set[str] = set()
    kept = []
    for start, end in spans:
        said = " ".join(text[start:end].lower().split())
        if said not in seen:
            seen.add(said)
            kept.append((start, end))
    return kept


def _entity(entity_id: str, group: MentionGroup, text: str) -> Entity:
    mentions = tuple(Span(s, e) for s, e in sorted(set(group.mentions)))
    roles = tuple(Span(s, e) for s, e in _first_of_each(sorted(set(group.roles)), text))
    label = group.label
    name = _canonical_name(group, text)
    return Entity(
        id=entity_id,
        name=name,
        type=_CONTRACT_TYPE.get(label, "OTHER"),
        mentions=mentions,
        roles=roles,
        evidence="+".join(group.evidence),
        key=entity_key(name),
    )


def _canonical_name(group: MentionGroup, text: str) -> str:
    """The fullest form: most words, then most frequent, preferring the lexicon's spelling;
    a form saying a word twice ("Sergei Shoigu Shoigu", a scraped page's label run into
    the name) only when no other form is left."""
    variants = lexicon.spelling_variants()
    forms: Counter[str] = Counter()
    for start, end in group.mentions:
        words = text[start:end].replace("’", "'").split()
        if words and words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
        form = " ".join(words)
        forms[variants.get(form, form)] += 1
    return max(forms, key=lambda f: (not _repeats_a_word(f), len(f.split()), forms[f], len(f)))


def _repeats_a_word(form: str) -> bool:
    words = form.lower().split()
    return len(set(words)) < len(words)
