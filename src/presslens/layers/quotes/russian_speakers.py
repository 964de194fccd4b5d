"""Speakers of Russian quotes: a cue's subject (or the source after "по словам") resolved
to an entity of the brief, as the English `speakers.py` does for English.

A speaker's words resolve, in order: to the entity mention they hold or lie in; to a
person named in their phrase ("министр ... Сергей Лавров": the title heads the
phrase, the name hangs on it); to the person whose role they are ("пресс-секретарь
Кремля", given to Песков earlier); a personal pronoun ("он", "она") to the nearest
person mentioned before it whose name agrees with it in gender. Otherwise the phrase
itself is the speaker, with no entity ("представитель ведомства").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.brief import Brief, Entity, Speaker

#: Pronouns that stand for one person, with the grammatical gender they need.
PERSONAL_PRONOUNS: dict[str, str | None] = {
    "он": "Masc",
    "она": "Fem",
    "его": "Masc",
    "её": "Fem",
    "ее": "Fem",
    "я": None,
    "мы": None,
}
#: Longest phrase kept as an unresolved speaker, in tokens.
MAX_SPEAKER_TOKENS = 8
#: The parts of speech a subject phrase is made of ("представитель ведомства").
_PHRASE_POS = frozenset({"NOUN", "ADJ", "PROPN", "DET", "NUM"})


def speaker_of_subject(brief: Brief, doc: Doc, token: Token) -> Speaker:
    """Who the subject `token` names (see the module's docstring)."""
    found = entity_at(brief, token.idx, token.idx + len(token))
    if found is not None:
        return _entity_speaker(brief, found, token.idx, token.idx + len(token))
    if token.lower_ in PERSONAL_PRONOUNS:
        return pronoun_speaker(brief, doc, token)
    phrase = _phrase(token)
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    inside = first_entity_in(brief, start, end, people_only=True)
    if inside is not None:
        return inside
    owner = role_owner(brief, start, end)
    if owner is not None:
        return Speaker(owner.id, owner.name, start, end)
    return Speaker(None, brief.text[start:end], start, end)


def first_entity_in(
    brief: Brief, start: int, end: int, *, people_only: bool = False
) -> Speaker | None:
    """The first person (else organisation) mentioned in `text[start:end]`, as a speaker."""
    for wanted in ("PERSON",) if people_only else ("PERSON", "ORG", "LOC"):
        hits = [
            (mention.start, mention.end, entity)
            for entity in brief.entities
            if entity.type == wanted
            for mention in entity.mentions
            if start <= mention.start and mention.end <= end
        ]
        if hits:
            m_start, m_end, entity = min(hits, key=lambda hit: hit[0])
            return _entity_speaker(brief, entity, m_start, m_end)
    return None


def entity_at(brief: Brief, start: int, end: int) -> Entity | None:
    """The entity one of whose mentions covers `text[start:end]`."""
    for entity in brief.entities:
        if any(m.start <= start and end <= m.end for m in entity.mentions):
            return entity
    return None


def role_owner(brief: Brief, start: int, end: int) -> Entity | None:
    """The person one of whose roles covers or equals `text[start:end]`."""
    words = brief.text[start:end].casefold()
    for entity in brief.entities:
        for role in entity.roles:
            if role.start <= start and end <= role.end:
                return entity
            if brief.text[role.start : role.end].casefold() == words:
                return entity
    return None


def pronoun_speaker(brief: Brief, doc: Doc, token: Token) -> Speaker:
    """A pronoun as speaker: the nearest person before it whose gender agrees, if any."""
    wanted = PERSONAL_PRONOUNS.get(token.lower_)
    before = [
        (mention.start, entity)
        for entity in brief.entities
        if entity.type == "PERSON"
        for mention in entity.mentions
        if mention.end <= token.idx
    ]
    for _start, entity in sorted(before, key=lambda hit: -hit[0]):
        if wanted is None or _gender(doc, entity) in (wanted, None):
            return Speaker(entity.id, entity.name, token.idx, token.idx + len(token), pronoun=True)
    return Speaker(None, None, token.idx, token.idx + len(token), pronoun=True)


def _gender(doc: Doc, entity: Entity) -> str | None:
    """The grammatical gender of the person's name, as Slovnet tagged its last word."""
    mention = entity.mentions[0]
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    genders = span[-1].morph.get("Gender", [])
    return genders[0] if genders else None


def _entity_speaker(brief: Brief, entity: Entity, start: int, end: int) -> Speaker:
    return Speaker(entity.id, entity.name, start, end)


def _phrase(token: Token) -> list[Token]:
    """The subject's noun phrase: the words of its subtree right around it, bounded."""
    inside = {t.i for t in token.subtree}
    doc = token.doc
    start, end = token.i, token.i + 1
    while start - 1 in inside and doc[start - 1].pos_ in _PHRASE_POS:
        start -= 1
    while end in inside and doc[end].pos_ in _PHRASE_POS and end - start < MAX_SPEAKER_TOKENS:
        end += 1
    return list(doc[start:end])
