"""Roles in Russian: the title phrase a text gives a person, before the name or after it.

Two shapes cover most Russian news copy:

* a title phrase right before the name, in the name's sentence: "министр иностранных дел
  России Сергей Лавров", "пресс-секретарь Кремля Дмитрий Песков", "глава МИД Лавров":
  the words left of the name back to the leftmost title word (`lexicons/ru/titles.txt`,
  by lemma), over nouns, adjectives, names and quote marks only, then any adjectives
  before it ("бывший", "официальный");
* an apposition between commas after the name: "Дмитрий Песков, пресс-секретарь
  Кремля, ...", opening on a title word (an adjective or two may come first).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from presslens import lexicon

#: Parts of speech a title phrase is made of, between its title word and the name.
_PHRASE_POS = frozenset({"NOUN", "ADJ", "PROPN", "ADP", "CCONJ", "NUM"})
_QUOTES = frozenset('«»"„“”')
#: Longest title phrase before a name, in tokens ("заместитель председателя комитета
#: Государственной думы по международным делам": 9).
MAX_PREMODIFIER_TOKENS = 12
#: Longest apposition after a name, in tokens.
MAX_APPOSITION_TOKENS = 15
#: A title word must come within this many words of an apposition's start.
TITLE_WITHIN = 3


@lru_cache(maxsize=1)
def title_lemmas() -> frozenset[str]:
    """Lemmas of Russian title words ("министр", "пресс-секретарь"), from `titles.txt`."""
    return lexicon.words("entities", "titles.txt", language="ru")


def _is_title(token: Token) -> bool:
    return token.lemma_.lower() in title_lemmas() or token.lower_ in title_lemmas()


def find_roles(doc: Doc, ent: Span) -> list[tuple[int, int]]:
    """Character spans of the roles the text gives the person named by `ent`."""
    roles = [_before(doc, ent), _after(doc, ent)]
    return [(part[0].idx, part[-1].idx + len(part[-1])) for part in roles if part]


def _before(doc: Doc, ent: Span) -> list[Token]:
    sentence_start = ent.sent.start
    leftmost: int | None = None
    index = ent.start - 1
    while index >= max(sentence_start, ent.start - MAX_PREMODIFIER_TOKENS):
        token = doc[index]
        if token.pos_ not in _PHRASE_POS and token.text not in _QUOTES:
            break
        if token.ent_type_ == "PERSON":
            break
        if _is_title(token):
            leftmost = index
        index -= 1
    if leftmost is None:
        return []
    while leftmost > sentence_start and doc[leftmost - 1].pos_ == "ADJ":
        leftmost -= 1
    tokens = list(doc[leftmost : ent.start])
    while tokens and tokens[-1].pos_ in ("ADP", "CCONJ"):
        tokens.pop()
    return tokens


def _after(doc: Doc, ent: Span) -> list[Token]:
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return []
    phrase: list[Token] = []
    for token in doc[ent.end + 1 : min(ent.sent.end, ent.end + 1 + MAX_APPOSITION_TOKENS)]:
        if token.text in {",", ";", ":", "(", ")", ".", "—", "–"}:
            break
        if token.pos_ not in _PHRASE_POS and token.text not in _QUOTES:
            return []
        phrase.append(token)
    else:
        return []  # ran to the sentence's end or past the length limit: no bounded apposition
    if not any(_is_title(t) for t in phrase[:TITLE_WITHIN]):
        return []
    return phrase
