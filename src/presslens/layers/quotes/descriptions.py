"""Descriptions as speakers: "the President", "the Head of State", "the Russian President".

A definite description whose words hold a title (the entities layer's `titles.txt`,
or a form of address from `lexicons/en/role_equivalents.txt` such as "Head of State"
for a president) names the nearest person before it whom the text gave that title:
in one of the person's roles (entities layer) or in the words just before one of the
person's mentions ("President of Ukraine Volodymyr Zelenskyy"). Any other word of the
description ("Russian", "of Ukraine") must be there too, by its stem. Without such a
person the description stays unresolved: better no name than a wrong one.

When the text gave the title to more than one person before the description ("Polish
President Andrzej Duda" in a release about President Zelenskyy), it names the one the
text has named most often up to there, the person the story is about; with a tie it
stays unresolved. Nearest-first credited "the Head of State said" to Duda in
president-ua_74665 (issue 12).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from presslens import lexicon
from presslens.brief import Entity
from presslens.layers.entities.wordlists import title_words

# How many characters before a mention are read for its title: "President of the
# Russian Federation Vladimir Putin" needs 40, "Deputy Prime Minister - Minister for
# Reintegration of the Temporarily Occupied Territories Iryna Vereshchuk" 91
# (president-ua). The window stops at a sentence's end and at another person's name, so
# it does not reach the title of someone named just before.
TITLE_CONTEXT_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# Leading characters a description word and a title word must share: "Russian" ~ "Russia".
STEM_CHARS = 5
_WORD = re.compile(r"[\w'’-]+")
_FILLERS = frozenset({"the", "of", "and", "a", "an"})
# Words and marks that join the words of a title ("Minister for Foreign Affairs", "Adviser to
# the Head of the Office", "Deputy Prime Minister - Minister for ...").
_LINKS = frozenset({"the", "of", "for", "to", "and", "on", "-", "–", "—", ","})
_TITLE_TOKEN = re.compile(r"[\w'’.]+|[-–—,]")


@lru_cache(maxsize=1)
def role_equivalents() -> dict[str, str]:
    """Descriptions that stand for a title: "head of state" -> "president"."""
    return lexicon.mapping("quotes", "role_equivalents.txt")


def description_title(words: str) -> tuple[str, tuple[str, ...]] | None:
    """The title a definite description holds and its other words, or None.

    "the Head of State" -> ("president", ()); "the Russian President" ->
    ("president", ("russian",)); "the experts" and "a minister" -> None.
    """
    low = " ".join(_WORD.findall(words.lower()))
    if not low.startswith("the "):
        return None
    rest = low[len("the ") :]
    if rest in role_equivalents():
        return role_equivalents()[rest], ()
    tokens = [w for w in rest.split() if w not in _FILLERS]
    titles = [w for w in tokens if w in title_words()]
    if not titles:
        return None
    return titles[-1], tuple(w for w in tokens if w not in titles)


class Descriptions:
    """Resolves descriptions to the people of one article."""

    def __init__(self, text: str, entities: Sequence[Entity]) -> None:
        self.people: list[tuple[int, Entity]] = []
        self.context: dict[str, str] = {}
        people = [e for e in entities if e.type == "PERSON"]
        names = sorted((m.start, m.end, e.id) for e in people for m in e.mentions)
        for entity in people:
            parts = [text[r.start : r.end] for r in entity.roles]
            # Every place the name is written, also inside another entity's span (the model
            # reads "President of Ukraine Volodymyr Zelenskyy" as one organisation).
            starts = {m.start for m in entity.mentions} | set(_occurrences(text, entity.name))
            for start in sorted(starts):
                parts.append(_title_context(text, start, entity.id, names))
                self.people.append((start, entity))
            self.context[entity.id] = " ".join(parts).lower()
        self.people.sort(key=lambda p: p[0])

    def resolve(self, words: str, before: int) -> Entity | None:
        """The person the description `words` (at `before`) names, or None."""
        held = description_title(words)
        if held is None:
            return None
        title, others = held
        holders: list[Entity] = []
        for start, entity in self.people:
            if start >= before:
                break
            context = self.context[entity.id]
            if title in context and all(w[:STEM_CHARS] in context for w in others):
                holders.append(entity)
        if not holders:
            return None
        ranked = Counter(e.id for e in holders).most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return next(e for e in holders if e.id == ranked[0][0])


def _title_context(text: str, start: int, own: str, names: list[tuple[int, int, str]]) -> str:
    """The words before a person's mention that may hold their title (see above)."""
    first = max(0, start - TITLE_CONTEXT_CHARS)
    for end in (m.end() for m in _SENTENCE_END.finditer(text, first, start)):
        first = max(first, end)
    for other_start, other_end, other in names:
        if other != own and first <= other_end <= start and other_start < start:
            first = other_end
    return _title_run(text[first:start])


def _title_run(before: str) -> str:
    """The words right before a name that can be its title: capitalised words, title words
    and the words that link them ("President of the Russian Federation", "Deputy Prime
    Minister - Minister for Reintegration"), up to the first other word. In "the
    President of Russia informed Emmanuel Macron" nothing before "Emmanuel" is his title."""
    words = list(_TITLE_TOKEN.finditer(before))
    first = len(before)
    for word in reversed(words):
        token = word.group()
        if not (token[0].isupper() or token.lower() in _LINKS or token.lower() in title_words()):
            break
        first = word.start()
    return before[first:]


def _occurrences(text: str, name: str) -> list[int]:
    found: list[int] = []
    at = text.find(name)
    while at >= 0 and name:
        found.append(at)
        at = text.find(name, at + len(name))
    return found
