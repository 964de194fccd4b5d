"""Who is speaking: the speaker of a reporting verb, as a span, resolved to an entity.

`stage.py` finds what was said; this module answers who said it. The speaker
is the subject of the reporting verb (borrowed from the governing verb for
"..., adding that", "demanding they ..."), narrowed to a name where the text
names one, and resolved by offsets to an entity of `brief.entities`. "he" and
"she" point back to the latest person who spoke or was named before them, passing over
one whose honorific ("Mr.", "Ms.") says the other gender (`honorifics.py`);
"I" and "we" inside a quote are the quote's own speaker. A description ("the
experts", "a media close to the office") stays a description, entity_id None.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from presslens.brief import Entity, Speaker
from presslens.layers.entities.wordlists import title_words
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.descriptions import Descriptions
from presslens.layers.quotes.honorifics import PRONOUN_GENDER, genders
from presslens.layers.quotes.phrases import noun_phrase

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A participle or conjoined verb without a subject of its own takes the subject of
# the verb it hangs from: "Macron threatened them, demanding ...", "he said and added".
BORROWING_DEPS = frozenset({"advcl", "conj", "xcomp", "acomp", "pcomp"})
# "officials who said ...", "a statement saying ...": the noun the clause describes.
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Far enough for "X threatened A, demanding B" and "X said and then added, citing ...".
MAX_SUBJECT_HOPS = 3
# Not speakers: expletives ("it was reported", "there are claims") and demonstratives
# ("That said, ...", "This means that ...": the words before, not an agent).
EXPLETIVES = frozenset({"it", "there", "one", "that", "this"})
# Verbs whose active "it" subject is an organisation or a document that speaks ("the
# council ... it recommended", "the report ... it said"), not an expletive ("it seems",
# "it is said"). PolNeAR marks that "it" as the source: on the first 400 train articles
# 46 gold attributions with source "it" were missed (issue 12).
IT_SPEAKS = frozenset(
    {"say", "add", "state", "report", "announce", "write", "warn", "recommend", "note", "tell"}
    | {"claim", "conclude", "argue", "insist", "declare", "urge", "allege", "acknowledge"}
)
# "X, wearing a cowboy hat and campaign pins, said": the longest phrase set off by commas
# between a speaker and a verb the parser left without its subject. The longest seen on
# PolNeAR train (first 200 articles by name) ran 11 tokens; 14 leaves room for a title.
MAX_SET_OFF_TOKENS = 14
# How many phrases set off by commas may stand there: "Jeffrey Salkin, a Hollywood, Fla.,
# rabbi helping to organize the boycott, said" has three (PolNeAR train).
SET_OFF_PHRASES = 4
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
NAME_TYPES = frozenset({"PERSON", "ORG"})
# Verbs whose object is the one addressed: in "emailed supporters saying ...", the
# participle is the sender's message, not the supporters' words.
ADDRESSING_VERBS = frozenset({"email", "e-mail", "text", "message", "tweet", "write", "tell"})
THIRD_PERSON = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# ("''": two apostrophes, the closing mark of PolNeAR's NYT texts.)
CLOSING_MARKS = frozenset({'"', "”", "’", "»", "'", "''"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
PERSONAL_PRONOUNS = THIRD_PERSON | FIRST_PERSON | {"you", "they", "them"}
# Entities a speaker may resolve to: agents and documents, not a work or an event (the
# model reads "Head of State" as a WORK).
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LAW"})
# "he said" points back to the last person quoted when that was at most this many
# characters earlier (about two news paragraphs), else to the last person named.
PRONOUN_SPEAKER_REACH = 600


def subject_of(verb: Token) -> Token | None:
    """The token that says who uttered `verb`, or None (passive without agent, expletive).

    A subject across a paragraph break is a bad parse (a caption before the text).
    """
    subject = _subject(verb)
    if subject is None:
        return None
    low, high = sorted((subject.i, verb.i))
    between = verb.doc[low:high]
    return None if any("\n" in t.text_with_ws for t in between) else subject


def relative_subject(verb: Token) -> Token | None:
    """The relative pronoun a verb's clause takes as subject: "who" in "X, who said ...".

    `subject_of` gives the noun the clause describes (the speaker); PolNeAR marks the
    pronoun as the source, as it marks "he" in "he said", so the speaker's words are it.
    A verb without a subject of its own borrows it as `subject_of` does: "who spoke to
    reporters and said ..." (the "said" hangs from "spoke").
    """
    for _hop in range(MAX_SUBJECT_HOPS):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            relative = subjects[0]
            mine = verb.dep_ == "relcl" and relative.lower_ in RELATIVE_PRONOUNS
            return relative if mine else None
        if verb.dep_ not in BORROWING_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def on_relative_pronoun(speaker: Speaker, subject: Token | None, verb: Token) -> Speaker:
    """`speaker` with its words moved to the "who" of "Thomas Perez, who said ...".

    The span is the pronoun's, as for the "he" of "he said"; the entity and the name
    stay those of the noun it relates to, and `pronoun` stays as it was: the text names
    who "who" is ("officials who said" is a description, not an unresolved pronoun).
    """
    relative = relative_subject(verb)
    if relative is None or subject is None or relative.head.head.i != subject.i:
        return speaker
    start, end = relative.idx, relative.idx + len(relative)
    return replace(speaker, start=start, end=end)


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a verb that follows a quote: '"...," added Landray.'.

    The parser reads the inverted speaker as the verb's object; it counts only when the
    verb comes right after the closing mark and comma and a proper name follows it.
    """
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text not in CLOSING_MARKS:
        return None
    named = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod", "attr") and c.i > verb.i]
    if not named or named[0].pos_ != "PROPN":
        return _name_after(verb)
    name = named[0]
    between = doc[verb.i + 1 : name.i]
    return name if all(t.pos_ == "PROPN" for t in between) else None


def _name_after(verb: Token) -> Token | None:
    """'"...," said Robin Maynard, half joking': the parser made the name the subject of
    "joking"; a person's or organisation's name right after the verb is its speaker."""
    doc = verb.doc
    last = verb.i
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    if last == verb.i or doc[last].ent_type_ not in ("PERSON", "ORG"):
        return None
    return doc[last]


def _name_before_commas(verb: Token) -> Token | None:
    """The name set off by commas before a verb the parser left without a subject: "her
    adviser, Jake Sullivan, said: ...", '"...," Bill Eastland, wearing a hat, said'.

    The verb must be finite and head its own clause (a participle borrows its subject);
    the name is a person or organisation right before the comma, or before the comma
    that opens a phrase set off by commas.
    """
    # A finite verb conjoined to a clause ("It was no accident - Brendan Buck, a spokesman,
    # told ...") has a subject of its own when a name stands set off right before it.
    borrows = verb.dep_ in (BORROWING_DEPS - {"conj"}) | NOUN_CLAUSE_DEPS
    if verb.tag_ not in FINITE_VERB_TAGS or borrows:
        return None
    doc = verb.doc
    comma = verb.i - 1
    for _phrase in range(SET_OFF_PHRASES):
        if comma < 1 or doc[comma].text != ",":
            return None
        name = doc[comma - 1]
        # Not the object of a phrase: "Brendan Buck, a spokesman for Ryan, told" is Buck's.
        if name.pos_ == "PROPN" and name.ent_type_ in NAME_TYPES and name.dep_ != "pobj":
            return name
        start = max(verb.i - 1 - MAX_SET_OFF_TOKENS, 0)
        before = [t for t in doc[start : comma - 1] if t.text == "," or _ends_clause(t)]
        if not before or before[-1].text != ",":
            return None
        comma = before[-1].i
    return None


def _goes_on_speaking(verb: Token, clause: Token, subject: Token) -> bool:
    """Whether `verb`, joined to the clause a speaker reports, is that speaker's own next
    act: in "Kasich says he'd sit Putin down and tells the crowd ...", "tells" is Kasich's,
    not the "he" of the reported clause (the same person, named where the text names him)."""
    return (
        verb.dep_ in ("conj", "advcl")
        and verb.head.i == clause.i
        and subject.lower_ in THIRD_PERSON | PLURAL_PRONOUNS
        and clause.head.i != clause.i
    )


def _ends_clause(tok: Token) -> bool:
    return "\n" in tok.text_with_ws or tok.text in (".", "!", "?", ";", ":")


def _subject(verb: Token) -> Token | None:
    if (by := _passive_agent(verb)) is not None:
        return by
    tok = verb
    for _hop in range(MAX_SUBJECT_HOPS):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and tok is verb and (inverted := _inverted_subject(verb)) is not None:
            return inverted
        if not subjects and tok is verb and (named := _name_before_commas(verb)) is not None:
            return named
        if subjects:
            # Of two (a misparsed list of titles), the one next to the verb names the speaker.
            child = min(subjects, key=lambda c: abs(c.i - tok.i))
            if (
                tok is not verb
                and tok.dep_ == "ccomp"
                and (not is_agent(child) or _goes_on_speaking(verb, tok, child))
            ):
                # "X said the move was made by Y and said, '...'": the parser hung the
                # second "said" on the reported clause, whose subject says nothing.
                tok = tok.head
                continue
            if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            if child.lower_ == "it" and child.dep_ == "nsubj" and _it_speaks(tok):
                return child
            return None if child.lower_ in EXPLETIVES and not _partitive(child) else child
        if tok.dep_ in NOUN_CLAUSE_DEPS and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = tok.head
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ADDRESSING_VERBS:
                # "The senator emailed supporters saying ...": the senator's message.
                tok = noun.head
                continue
            # "officials saying ...", not "guaranties ruling out ...".
            return noun if is_agent(noun) else None
        if tok is verb and _hung_on_root(verb):
            tok = verb.head  # "multiple sources privy to the talks say ...": "say" as `dep`
            continue
        if tok.dep_ not in BORROWING_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _hung_on_root(verb: Token) -> bool:
    """A finite verb the parser hung as `dep` on its sentence's root, right after the
    root's subject phrase: "Majorities of Democrats going to the polls say ...", where the
    participle became the root. A comma between them ("The plan, officials say, ...")
    sets the verb apart, and then it has a subject of its own."""
    if verb.dep_ != "dep" or verb.tag_ not in FINITE_VERB_TAGS or verb.head.dep_ != "ROOT":
        return False
    root = verb.head
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    return subject is not None and not any(t.is_punct for t in verb.doc[subject.i : verb.i])


def _partitive(one: Token) -> bool:
    """ "One of the authors of the report, Ari Fleischer, said", "one in three said": a
    person or a share of people, no expletive."""
    if one.lower_ != "one" or (one.i > 0 and one.doc[one.i - 1].lower_ in ("no", "any")):
        return False  # "Let no one in Russia hope that ...": nobody
    return any(
        c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "in")) for c in one.children
    )


def _passive_agent(verb: Token) -> Token | None:
    """Who spoke in a passive with its agent: "when asked by a reporter whether ...", "was
    told by officials that ...": the one after "by", not the subject the verb would borrow
    (the Trump of "When asked by a reporter whether ..., Trump said")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _it_speaks(verb: Token) -> bool:
    """ "it said", "it recommended": a speaking "it" (see `IT_SPEAKS`), not "it is said"."""
    if verb.lemma_.lower() not in IT_SPEAKS:
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass", "expl") for c in verb.children)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a speaker candidate: an entity's (or a spaCy PERSON's) span."""

    start: int
    end: int
    entity: Entity | None
    is_person: bool


class SpeakerResolver:
    """Turns subject tokens into `Speaker`s; remembers speakers for the pronouns after them."""

    def __init__(self, doc: Doc, text: str, entities: Sequence[Entity]) -> None:
        self.text = text
        self.mentions = sorted(
            (
                Mention(m.start, m.end, e, e.type == "PERSON")
                for e in entities
                if e.type in SPEAKER_TYPES
                for m in e.mentions
            ),
            key=lambda m: m.start,
        )
        # Until the entities layer names people, spaCy's PERSON spans stand in for them.
        self.people = [m for m in self.mentions if m.is_person] or [
            Mention(ent.start_char, ent.end_char, None, True)
            for ent in doc.ents
            if ent.label_ == "PERSON"
        ]
        self.spoken: list[tuple[int, Speaker]] = []
        self.groups: list[tuple[int, Speaker]] = []
        # Whose words the whole text is, when its headline says so (set by the stage).
        self.author: Speaker | None = None
        self.descriptions = Descriptions(text, entities)
        self.person_ids = {e.id for e in entities if e.type == "PERSON"}
        # Indexes so that each lookup costs the few mentions near it, not the whole text
        # (a chain of 10,000 "X said that" clauses made these scans quadratic).
        self._mention_starts = [m.start for m in self.mentions]
        self._longest_mention = max((m.end - m.start for m in self.mentions), default=0)
        self._people_starts = [m.start for m in self.people]
        self._longest_person = max((m.end - m.start for m in self.people), default=0)
        by_end = sorted(range(len(self.people)), key=lambda n: self.people[n].end)
        self._people_by_end = [self.people[n] for n in by_end]
        self._people_ends = [m.end for m in self._people_by_end]
        # Each named person once, at their first mention, in text order.
        first_mention: dict[str, Mention] = {}
        for mention in self.people:
            if mention.entity is not None:
                first_mention.setdefault(mention.entity.id, mention)
        self._named_people = list(first_mention.values())
        self._gender = genders(
            text, ((m.start, m.end, m.entity.id) for m in self.people if m.entity is not None)
        )

    def speaker(self, subject: Token, enclosing: Speaker | None = None) -> tuple[Speaker, str]:
        """The speaker a subject token names, and how it was found (for `Quote.evidence`)."""
        word = subject.lower_
        if word in FIRST_PERSON and enclosing is not None:
            # The quote's own speaker, span included: where the text names who "I" is.
            return enclosing, "first-person->quote"
        if word in FIRST_PERSON and self.author is not None:
            # A whole address or article by someone the headline names (`bylines.py`).
            start, end = subject.idx, subject.idx + len(subject)
            author = self.author
            speaker = Speaker(author.entity_id, author.name, start, end, pronoun=True)
            return speaker, f"first-person->{author.entity_id or author.name}"
        if word in PLURAL_PRONOUNS and enclosing is None:
            group = self._group_before(subject.idx)
            if group is not None:
                start, end = subject.idx, subject.idx + len(subject)
                speaker = Speaker(group.entity_id, group.name, start, end, pronoun=True)
                return speaker, f"pronoun->{group.entity_id or group.name}"
        if word in THIRD_PERSON:
            found = self._antecedent(subject.idx, PRONOUN_GENDER[word])
            if found is not None:
                start, end = subject.idx, subject.idx + len(subject)
                ref = found.entity_id or found.name or ""
                speaker = Speaker(found.entity_id, found.name, start, end, pronoun=True)
                return speaker, f"pronoun->{ref}"
        if word == "it":
            return self._it_speaker(subject)
        start, end = noun_phrase(subject)
        head = subject.idx if start <= subject.idx < end else None
        # A title the model read as a name ("the Head of State" as an organisation) is
        # resolved as the description it is.
        entity = self.descriptions.resolve(self.text[start:end], start)
        if entity is not None:
            return Speaker(entity.id, entity.name, start, end), f"description->{entity.id}"
        found = self.at(start, end, head)
        if found.entity_id is None:
            # A person named inside the phrase that the model read into another entity
            # ("President of Ukraine Volodymyr Zelenskyy" as an organisation).
            words = self.text[start:end]
            named = [
                m for m in self._named_people if m.entity is not None and m.entity.name in words
            ]
            if named and named[0].entity is not None:
                entity = named[0].entity
                return Speaker(entity.id, entity.name, start, end), f"named->{entity.id}"
        if subject.pos_ == "PRON" and word in PERSONAL_PRONOUNS:
            return replace(found, pronoun=True), "subject"
        if subject.tag_ in PLURAL_TAGS and is_agent(subject) and found.start is not None:
            self.groups.append((found.start, found))  # "the two presidents": a "they" later
        return found, "subject"

    def _it_speaker(self, subject: Token) -> tuple[Speaker, str]:
        """A speaking "it": the organisation named last before it, within reach, if any."""
        start, end = subject.idx, subject.idx + len(subject)
        first = bisect_left(self._mention_starts, start - PRONOUN_SPEAKER_REACH)
        last = bisect_left(self._mention_starts, start)
        organisations = [
            m.entity
            for m in self.mentions[first:last]
            if m.end <= start and m.entity is not None and m.entity.type == "ORG"
        ]
        if not organisations:
            return Speaker(None, subject.text, start, end, pronoun=True), "subject"
        entity = organisations[-1]
        return Speaker(entity.id, entity.name, start, end, pronoun=True), f"pronoun->{entity.id}"

    def _group_before(self, before: int) -> Speaker | None:
        """The group a "they" names: the last speaker before it, when that was a group.

        Only within `PRONOUN_SPEAKER_REACH`, and only if no person spoke in between.
        """
        earlier = [(p, s) for p, s in self.groups if p < before]
        group = max(earlier, key=lambda g: g[0]) if earlier else None
        if group is None or before - group[0] > PRONOUN_SPEAKER_REACH:
            return None
        person = next((p for p, _s in reversed(self.spoken) if p < before), -1)
        return group[1] if person < group[0] else None

    def at(self, start: int, end: int, head: int | None = None) -> Speaker:
        """The speaker named by `text[start:end]`, resolved to an overlapping entity.

        With `head` (the character where the phrase's head word starts), only a
        mention covering the head counts: "a media close to the Office" is not the Office.
        """
        best: Mention | None = None
        best_overlap = 0
        first = bisect_left(self._mention_starts, start - self._longest_mention)
        for mention in self.mentions[first:]:
            if mention.start >= end:
                break
            if head is not None and not mention.start <= head < mention.end:
                continue
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > best_overlap:
                best, best_overlap = mention, overlap
        if best is not None and best.entity is not None:
            return Speaker(best.entity.id, best.entity.name, start, end)
        return Speaker(None, self.text[start:end], start, end)

    def remember(self, speaker: Speaker) -> None:
        """Note a speaker so that a later "he"/"she" can point back to it.

        A person, or a description of one ("Retired Colonel of the Border Service"): "he
        said" right after its words is that person, even when the model missed the name.
        """
        if speaker.start is None or speaker.pronoun:
            return
        if self._is_person(speaker) or _describes_a_person(speaker.name or ""):
            self.spoken.append((speaker.start, speaker))

    def _is_person(self, speaker: Speaker) -> bool:
        if speaker.start is None or speaker.end is None:
            return False
        if speaker.entity_id is not None and speaker.entity_id in self.person_ids:
            return True
        first = bisect_left(self._people_starts, speaker.start - self._longest_person)
        last = bisect_left(self._people_starts, speaker.end)
        return any(
            m.start < speaker.end and speaker.start < m.end
            for m in self.people[first:last]
            if m.is_person
        )

    def _antecedent(self, before: int, gender: str | None = None) -> Speaker | None:
        """The person "he"/"she" at `before` points back to: the last one quoted, or else
        the last one named; one whose honorific says the other gender is passed over."""
        spoken = next(
            (s for pos, s in reversed(self.spoken) if pos < before and self._agrees(s, gender)),
            None,
        )
        ends_before = bisect_right(self._people_ends, before)
        # Walked back by index: a slice would copy every person before, per pronoun.
        named = next(
            (
                m
                for k in range(ends_before - 1, -1, -1)
                if (m := self._people_by_end[k]).entity is None
                or self._gender.get(m.entity.id, gender) == gender
            ),
            None,
        )
        # A described speaker ("the President of Russia") gives way to a person named after it.
        described = spoken is not None and spoken.entity_id is None
        if described and named is not None and spoken is not None:
            spoken = spoken if (spoken.start or 0) > named.start else None
        if spoken is not None and before - (spoken.start or 0) <= PRONOUN_SPEAKER_REACH:
            return spoken
        if named is not None:
            if named.entity is not None:
                return Speaker(named.entity.id, named.entity.name, named.start, named.end)
            return Speaker(None, self.text[named.start : named.end], named.start, named.end)
        return spoken

    def _agrees(self, speaker: Speaker, gender: str | None) -> bool:
        known = self._gender.get(speaker.entity_id or "")
        return gender is None or known is None or known == gender


def _describes_a_person(words: str) -> bool:
    """ "Retired Colonel of the Border Service", "the former minister": a title, one person."""
    # A plural ("the experts", "two presidents") matches no title of the singular list.
    return any(t.strip(",.") in title_words() for t in words.lower().split())
