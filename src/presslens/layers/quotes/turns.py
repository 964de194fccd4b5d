"""Transcript and interview turns: "Vladimir Putin: ...", "Question: ...", "V. Zelensky (in
Russian): ...".

A turn opens with a label at the start of a line or right after the end of a
sentence (the news-sample bodies lost their line breaks), then a colon. The label
is a name or a title with a name, every word capitalised but for linking words
("President of Russia Vladimir Putin"), with an optional note in brackets ("(in
Russian)"); or one of the generic labels of `lexicons/en/turn_labels.txt`.
A named label counts only when it covers a person the text names (an entity or a
spaCy PERSON), or ends with the surname of one. Texts with at least `MIN_TURNS`
such labels are transcripts; in other texts a lone label naming a person opens a
turn that ends with its paragraph (a speech after "President Vladimir Putin:"), and
a lone generic label is none.

Each turn is a direct quote of its speaker ("transcript-turn"), its cue the
colon, running across sentences and paragraphs up to the next label or the end
of the text. "Answer:" turns belong to the one person the text names before its
first turn (the interviewee); "Question:" and the other generic labels stay
unresolved, their label kept as the speaker's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from presslens import lexicon
from presslens.brief import Entity, Span, Speaker
from presslens.layers.entities.wordlists import title_words
from presslens.layers.quotes.parts import Found
from presslens.layers.quotes.speakers import Mention, SpeakerResolver

# Fewer labels than this in a text: not a transcript (a dateline, a "Note:" line).
MIN_TURNS = 2
# Longest label: "President of the Russian Federation Vladimir Putin" has seven words; the
# kremlin.ru scrapes glue a profile card into some ("President of the Republic of Serbia
# Aleksandar Vucic Vucic AleksandarPresident of the Republic of Serbia", fifteen).
# Measured on /work/shared/data/news-sample.
MAX_LABEL_WORDS = 16
# Generic labels whose speaker is the interviewee named before the first turn.
ANSWER_LABELS = frozenset({"answer", "reply", "response", "a"})
# Words before a surname that name the person in the third person ("Mr. Bush", "Senator
# Rubio"): a turn saying them of its own speaker is the author's.
HONORIFICS = r"Mr\.?|Mrs\.?|Ms\.?|Senator|Sen\.|Gov\.|Governor|Rep\."
_LINK = r"(?:of|the|and|for|de|da|del|der|di|du|la|le|van|von|al|bin|ibn|y)"
_CAP = r"[A-Z][\w.'’-]*"
_BODY = (
    rf"(?P<label>{_CAP}(?:[ \t]+(?:{_CAP}|{_LINK})){{0,{MAX_LABEL_WORDS - 1}}})"
    r"(?:[ \t]*\((?P<note>[^()\n]{1,40})\))?"
    # "Rights : Good afternoon": a profile card glued into a label leaves a space before it.
    r"[ \t]?(?P<colon>:)[ \t]+(?=[\"“«'‘(<A-Z0-9])"
)
_LABEL = re.compile(r"(?:(?<![^\n])|(?<=[.!?…\"”»)>*])[ \t]+)" + _BODY)
# A label glued to a heading that lost its full stop ("Beginning of the talks President of
# Russia Vladimir Putin: ..."): only when it opens with a title.
_GLUED_LABEL = re.compile(r"(?<=[a-z])[ \t]+" + _BODY)
# The same label read from a word inside a glued match: "of the G20 Summit President of
# Russia Vladimir Putin: ..." (kremlin_67040: a heading after "***" ran into the label).
_LABEL_AT = re.compile(_BODY)


# "Lvova-Belova MariaPresidential Commissioner": a scrape glued a profile card's words
# together; a name read across the seam is none, and the name written elsewhere counts.
_GLUED_WORDS = re.compile(r"[a-z][A-Z]")


@lru_cache(maxsize=1)
def turn_labels() -> frozenset[str]:
    """Labels that open a turn without naming its speaker ("Question", "Answer")."""
    return lexicon.words("quotes", "turn_labels.txt")


@dataclass(frozen=True, slots=True)
class _Label:
    start: int
    end: int
    colon: int
    speaker: Speaker | None
    generic: str | None


def find_turns(text: str, resolver: SpeakerResolver) -> list[Found]:
    """Every turn of a transcript as a direct quote with its speaker; [] for other texts."""
    matches = list(_LABEL.finditer(text))
    taken = {m.start("colon") for m in matches}
    matches += [
        titled
        for m in _GLUED_LABEL.finditer(text)
        if m.start("colon") not in taken and (titled := _from_title(m, text)) is not None
    ]
    matches.sort(key=lambda m: m.start())
    labels = [lab for m in matches if (lab := _label(m, resolver)) is not None]
    if len(labels) < MIN_TURNS:
        return _lone_turn(text, labels)
    interviewee = _only_person_before(labels[0].start, resolver)
    turns: list[Found] = []
    headings = 0  # turns that are sections about their person (`_names_itself`)
    for this, following in zip(labels, [*labels[1:], None], strict=True):
        start = this.colon + 1
        end = following.start if following is not None else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        speaker = this.speaker
        if this.generic in ANSWER_LABELS and interviewee is not None:
            speaker = Speaker(interviewee.entity_id, interviewee.name, this.start, this.end)
        cue = Span(this.colon, this.colon + 1)
        turns.append(Found(start, end, "direct", "transcript-turn", cue, None, speaker))
        headings += _names_itself(text, this, start, end)
    # Sections headed by names, each about its person in the author's words: no speech.
    return [] if turns and headings == len(turns) else turns


def _names_itself(text: str, label: _Label, start: int, end: int) -> bool:
    """A named label whose words name its speaker again in the third person ("Marco Rubio:
    Retirement accounts. Two years ago, Senator Marco Rubio proposed ...", "Jeb Bush's
    proposal"): a section headed by a name, in the author's words, not a turn. People
    introduce themselves by name ("Alexander Aleshin, Progress Rocket Centre"), so what
    counts is the label's full name after a word (not opening the turn) or its surname
    after an honorific, anywhere in the turn. Only a text whose every turn is
    such a section loses its turns: one sentence of a transcript's narration glued into
    a turn ("... asked Ms Golikova to report") leaves the transcript whole. (PolNeAR
    train: a column's three such sections had been taken as 14,000 words of speech; on
    news-sample no transcript turn is dropped.)"""
    if label.generic is not None:
        return False
    words = [w.strip(".,") for w in text[label.start : label.end].split()]
    if len(words) < 2 or not all(w[:1].isupper() for w in words[-2:]):
        return False
    first, surname = (re.escape(w) for w in words[-2:])
    pattern = re.compile(rf"\b(?:{first} {surname}|(?:{HONORIFICS}) {surname})\b")
    # Not where the turn opens: "Anna Berg, Progress Centre. ..." introduces its speaker.
    return pattern.search(text, start + 1, end) is not None


def _lone_turn(text: str, labels: list[_Label]) -> list[Found]:
    if not labels or labels[0].generic is not None:
        return []
    label = labels[0]
    start = label.colon + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return []
    cue = Span(label.colon, label.colon + 1)
    return [Found(start, end, "direct", "transcript-turn", cue, None, label.speaker)]


def turn_label_spans(turns: list[Found]) -> list[tuple[int, int]]:
    """Where each turn's label sits (its speaker's words up to the colon)."""
    out = []
    for turn in turns:
        if turn.cue is not None and turn.speaker is not None and turn.speaker.start is not None:
            out.append((turn.speaker.start, turn.cue.end))
    return out


def _from_title(match: re.Match[str], text: str) -> re.Match[str] | None:
    """A glued label from its first title word on ("President of Russia ..."), or None."""
    if _GLUED_WORDS.search(match.group("label")):
        return None  # a profile card glued into the label: the words before it are a name
    titles = title_words()
    for word in re.finditer(r"\S+", match.group("label")):
        if word.group().lower() in titles:
            titled = _LABEL_AT.match(text, match.start("label") + word.start())
            if titled is not None and titled.start("colon") == match.start("colon"):
                return titled
            return None
    return None


def _label(match: re.Match[str], resolver: SpeakerResolver) -> _Label | None:
    start, end = match.span("label")
    words = match.group("label").split()
    if words[-1].lower() in {"the", "of", "and", "for"}:
        return None
    colon = match.start("colon")
    generic = match.group("label").lower()
    if generic in turn_labels():
        return _Label(start, end, colon, Speaker(None, match.group("label"), start, end), generic)
    if _two_people(start, end, resolver):
        return None
    person = _person_in(start, end, words[-1], resolver)
    if person is None:
        name = _name_after_title(words)
        if name is None:
            return None
        found = _entity_named(name, resolver)
        speaker = Speaker(found.id if found else None, name, start, end)
        return _Label(start, end, colon, speaker, None)
    entity = person.entity
    name = entity.name if entity is not None else resolver.text[person.start : person.end]
    entity = entity or _entity_named(name, resolver)
    return _Label(start, end, colon, Speaker(entity.id if entity else None, name, start, end), None)


def _two_people(start: int, end: int, resolver: SpeakerResolver) -> bool:
    """A headline in title case before a colon ("Anna Berg Backs Marcus Holm: ..."): two
    different people inside the label with a word between them that joins no name (a verb,
    not "and" of a joint label or the "of" of a title). A label names one speaker."""
    inside = [m for m in resolver.people if start <= m.start and m.end <= end]
    text = resolver.text
    for first, second in pairwise(inside):
        if text[first.start : first.end] == text[second.start : second.end]:
            continue  # a profile card repeats the name
        between = text[first.end : second.start].split()
        if any(not re.fullmatch(_LINK, word) for word in between):
            return True
    return False


def _entity_named(name: str, resolver: SpeakerResolver) -> Entity | None:
    """The person the text names exactly so elsewhere: a label the model read on into the
    words after it ("Vladimir Putin(on video link):") is still that person."""
    return next(
        (m.entity for m in resolver.people if m.entity is not None and m.entity.name == name),
        None,
    )


def _person_in(start: int, end: int, last_word: str, resolver: SpeakerResolver) -> Mention | None:
    """The person a label names: the last person mention inside it, else one with its surname."""
    inside = [m for m in resolver.people if start <= m.start and m.end <= end]
    label = resolver.text[start:end]
    glued = _GLUED_WORDS.search(label) is not None
    if inside and not glued and not _initialled(resolver.text[inside[-1].start : inside[-1].end]):
        return inside[-1]
    # A person the model read on across the colon ("Vladimir Putin: Comrades"): the name is
    # the part inside the label; the misread entity is not linked.
    crossing = [m for m in resolver.people if start <= m.start < end < m.end]
    if crossing and not inside and not glued:
        return Mention(crossing[-1].start, end, None, True)
    # A name the model missed (or misread across a glued card) inside the label but found
    # elsewhere in the text.
    written = [
        m
        for m in resolver.people
        if resolver.text[m.start : m.end] in label
        and not _initialled(resolver.text[m.start : m.end])
        and not (glued and start <= m.start < end)
    ]
    if written:
        return max(written, key=lambda m: m.end - m.start)
    surname = last_word.strip(".").lower()
    if len(surname) < 3:
        return None
    for mention in resolver.people:
        name = resolver.text[mention.start : mention.end].split()
        same = name and name[-1].lower().rstrip("'’s") == surname.rstrip("'’s")
        if same and not _initialled(" ".join(name)):
            return mention
    return inside[-1] if inside else None


def _name_after_title(words: list[str]) -> str | None:
    """ "President of Ruritania Marcus Holm": the first and last name after a title, when
    the entities layer missed the person (or read the label into an organisation)."""
    if len(words) < 3 or words[0].lower() not in title_words():
        return None
    name = words[-2:]
    titled = title_words()
    if any(not w[0].isupper() or w.lower() in titled or _GLUED_WORDS.search(w) for w in name):
        return None
    return " ".join(name)


def _initialled(name: str) -> bool:
    """ "V. Zelensky": a name whose first word is an initial (a fuller mention may exist)."""
    first = name.split()[0] if name.split() else ""
    return len(name.split()) > 1 and len(first) <= 2 and first.endswith(".")


def _only_person_before(position: int, resolver: SpeakerResolver) -> Speaker | None:
    """The one person named before `position`, or None when none or several are."""
    named = [m for m in resolver.people if m.end <= position]
    keys = {m.entity.id if m.entity else resolver.text[m.start : m.end] for m in named}
    if len(keys) != 1:
        return None
    first = named[0]
    if first.entity is not None:
        return Speaker(first.entity.id, first.entity.name, first.start, first.end)
    return Speaker(None, resolver.text[first.start : first.end], first.start, first.end)
