"""Who is speaking: the speaker of a reporting verb, as a span, resolved to an entity.

`stage.py` finds what was said; this module answers who said it. The speaker
is the subject of the reporting verb (`subjects.py` finds it, borrowed from the
governing verb for "..., adding that", "demanding they ..."), narrowed to a name where
the text names one, and resolved by offsets to an entity of `brief.entities`. "he" and
"she" point back to the latest person who spoke or was named before them, passing over
one whose honorific ("Mr.", "Ms.") or first name says the other gender (`genders.py`);
"I" and "we" inside a quote are the quote's own speaker. A description ("the
experts", "a media close to the office") stays a description, entity_id None.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from presslens.brief import Entity, Speaker
from presslens.layers.entities.wordlists import title_words
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.descriptions import Descriptions
from presslens.layers.quotes.genders import PRONOUN_GENDER, genders
from presslens.layers.quotes.phrases import noun_phrase
from presslens.layers.quotes.subjects import PLURAL_PRONOUNS, THIRD_PERSON

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
PERSONAL_PRONOUNS = THIRD_PERSON | FIRST_PERSON | {"you", "they", "them"}
# Entities a speaker may resolve to: agents and documents, not a work or an event (the
# model reads "Head of State" as a WORK).
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LAW"})
# "he said" points back to the last person quoted when that was at most this many
# characters earlier (about two news paragraphs), else to the last person named.
PRONOUN_SPEAKER_REACH = 600


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
        self.doc = doc
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
        self._spoken_starts: list[int] = []
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

    def speaker(
        self, subject: Token, enclosing: Speaker | None = None, marked: bool = False
    ) -> tuple[Speaker, str]:
        """The speaker a subject token names, and how it was found (for `Quote.evidence`).

        `enclosing` is the speaker of the quote around the subject, if any; `marked`, that
        this quote is between quotation marks (not a transcript turn, which holds the
        editor's asides too)."""
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
            # Inside quotation marks, "she" is someone the speaker talks about, never the speaker.
            speaking = enclosing.entity_id if enclosing is not None and marked else None
            found = self._antecedent(subject.idx, PRONOUN_GENDER[word], speaking)
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
        if speaker.start is None or (speaker.pronoun and speaker.entity_id is None):
            return
        if self._is_person(speaker) or _describes_a_person(speaker.name or ""):
            # In text order: speakers inside quotes are resolved after the others.
            self.spoken.insert(
                bisect_right(self._spoken_starts, speaker.start), (speaker.start, speaker)
            )
            insort(self._spoken_starts, speaker.start)

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

    def _antecedent(
        self, before: int, gender: str | None = None, speaking: str | None = None
    ) -> Speaker | None:
        """The person "he"/"she" at `before` points back to: the last one quoted, or else
        the last one named; one whose honorific says the other gender is passed over, and
        so is the entity `speaking` (the pronoun is inside that one's quote)."""
        spoken = next(
            (
                s
                for pos, s in reversed(self.spoken)
                if pos < before
                and self._agrees(s, gender)
                and (speaking is None or s.entity_id != speaking)
            ),
            None,
        )
        ends_before = bisect_right(self._people_ends, before)
        # Walked back by index: a slice would copy every person before, per pronoun.
        named = next(
            (
                m
                for k in range(ends_before - 1, -1, -1)
                if (m := self._people_by_end[k]).entity is None
                or (
                    self._gender.get(m.entity.id, gender) == gender
                    and (speaking is None or m.entity.id != speaking)
                )
            ),
            None,
        )
        # A described speaker ("the President of Russia") gives way to a person named after it.
        described = spoken is not None and spoken.entity_id is None
        if described and named is not None and spoken is not None:
            spoken = spoken if (spoken.start or 0) > named.start else None
        # "..., Lada-Konefal expects ... . Annalena Baerbock was in Warsaw. She voiced ...":
        # a person made the subject of a sentence after the last speaker is the one meant.
        if named is not None and spoken is not None and named.start > (spoken.start or 0):
            spoken = None if self._is_subject(named) else spoken
        if spoken is not None and before - (spoken.start or 0) <= PRONOUN_SPEAKER_REACH:
            return spoken
        if named is not None:
            if named.entity is not None:
                return Speaker(named.entity.id, named.entity.name, named.start, named.end)
            return Speaker(None, self.text[named.start : named.end], named.start, named.end)
        return spoken

    def _is_subject(self, mention: Mention) -> bool:
        """Whether a mention is its sentence's subject, or set beside it ("Germany's new
        foreign minister, Annalena Baerbock, was ..."); not a subordinate clause's."""
        words = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if words is None:
            return False
        root = words.root
        if root.dep_ == "appos":
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"

    def _agrees(self, speaker: Speaker, gender: str | None) -> bool:
        known = self._gender.get(speaker.entity_id or "")
        return gender is None or known is None or known == gender


def _describes_a_person(words: str) -> bool:
    """ "Retired Colonel of the Border Service", "the former minister": a title, one person."""
    # A plural ("the experts", "two presidents") matches no title of the singular list.
    return any(t.strip(",.") in title_words() for t in words.lower().split())
