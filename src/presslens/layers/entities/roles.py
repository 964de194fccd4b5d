"""Roles: the titles and affiliations a text gives a person, found around each mention.

Three shapes cover most news copy:

* a premodifier in the name's own phrase, read from the dependency parse (the tokens
  left of the name in its subtree): "French President Emmanuel Macron", "Political
  scientist and orientalist Dmitry Biryuz";
* a list of such titles opening the sentence and ending in the name: "Retired Major of
  the Interior Ministry, Chairman of the Veterans' Committee, and Veteran Andrei Shina";
* an apposition between commas after the name: "Alexander Zhebin, Chief Researcher at
  the Center for Korean Studies, said"; "Dmitry Drobnitsky, an expert on American issues,".

A phrase is a role only when it holds a title word (`lexicons/en/titles.txt`) near its
start; phrases joined by "and" or commas become one role each when each opens on a title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

#: Finite verbs end an apposition: "Ivanov, the expert said" is no role.
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_EDGE_POS = frozenset({"DET", "PRON", "PUNCT", "SYM", "CCONJ", "ADP"})
_QUOTES = frozenset('"“”«»')
#: A title word must come within this many words of a phrase's start (after the article):
#: "an expert", "a veteran", "Chief Researcher", "the North Korean Minister".
TITLE_WITHIN = 4
#: Longest apposition read as a role, in tokens. Chosen by hand to admit a researcher's
#: full institute name (about 20 tokens); not yet measured on annotated data.
MAX_ROLE_TOKENS = 40
#: Longest premodifier zone, in tokens ("Deputy Head of the Presidential Administration").
MAX_PREMODIFIER_TOKENS = 15


def find_roles(
    doc: Doc, ent: Span, titles: frozenset[str], honorifics: frozenset[str]
) -> list[tuple[int, int]]:
    """Character spans of the roles given to the person named by `ent`."""
    roles = _premodifier_roles(doc, ent, titles, honorifics)
    roles.extend(_appositive_roles(doc, ent, titles))
    return [(part[0].idx, part[-1].idx + len(part[-1])) for part in roles]


def _is_title(token: Token, titles: frozenset[str]) -> bool:
    return token.lower_.rstrip(".") in titles


def _premodifier_roles(
    doc: Doc, ent: Span, titles: frozenset[str], honorifics: frozenset[str]
) -> list[list[Token]]:
    sentence = ent.sent
    left = max(ent.root.left_edge.i, sentence.start, ent.start - MAX_PREMODIFIER_TOKENS)
    zone = _strip(
        list(doc[left : ent.start]),
        lambda t: t.pos_ in _EDGE_POS or t.lower_ in honorifics or _no_word(t),
    )
    if not zone or not any(_is_title(t, titles) for t in zone):
        return []
    parts = _split_at_titles(zone, titles)
    before = zone[0].i - 1
    # "Retired Major of ..., Chairman of ..., and Veteran NAME": the titles listed before
    # the name's own phrase, when the list is all that precedes it in the sentence.
    if before > sentence.start and doc[before].text in {",", "and"}:
        chunks = _comma_chunks(doc[sentence.start : before + 1])
        if chunks and all(_opens_on_title(chunk, titles) for chunk in chunks):
            parts = [*chunks, *parts]
    return parts


def _no_word(token: Token) -> bool:
    """A token with no letter or digit ("<…>", "*"): never the edge of a role."""
    return not any(ch.isalnum() for ch in token.text)


def _comma_chunks(span: Span) -> list[list[Token]]:
    chunks: list[list[Token]] = [[]]
    for token in span:
        if token.text == "," or token.lower_ == "and":
            if chunks[-1]:
                chunks.append([])
        else:
            chunks[-1].append(token)
    return [chunk for chunk in chunks if chunk]


def _opens_on_title(chunk: Sequence[Token], titles: frozenset[str]) -> bool:
    return (
        chunk[0].is_title
        and any(_is_title(t, titles) for t in chunk[:TITLE_WITHIN])
        and not any(t.tag_ in _FINITE_VERB_TAGS for t in chunk)
    )


def _appositive_roles(doc: Doc, ent: Span, titles: frozenset[str]) -> list[list[Token]]:
    end = ent.end
    if end < len(doc) and doc[end].text in {"'s", "’s"}:
        return []
    if end >= len(doc) or doc[end].text != ",":
        return []
    sentence_end = ent.sent.end
    phrase: list[Token] = []
    for token in doc[end + 1 : min(sentence_end, end + 1 + MAX_ROLE_TOKENS)]:
        if token.text in {",", ";", ":", "(", ")"}:
            if token.text == "," and _odd_quotes(phrase) and _next_is_quote(doc, token):
                phrase.extend((token, doc[token.i + 1]))
            break
        if token.tag_ in _FINITE_VERB_TAGS:
            return []
        phrase.append(token)
    else:
        if phrase and phrase[-1].i + 1 < sentence_end:
            return []  # ran past the length limit: not a bounded apposition
    phrase = _strip(phrase, lambda t: t.pos_ in {"DET", "PUNCT"} and t.text not in _QUOTES)
    if not phrase:
        return []
    if _ends_on_another_person(doc, phrase):
        return []  # "Maxim Oreshkin, Energy Minister Nikolai Shulginov, ...": a list of people
    is_apposition = any(t.dep_ == "appos" and t.head.i in range(ent.start, ent.end) for t in phrase)
    if not is_apposition and not any(_is_title(t, titles) for t in phrase[:TITLE_WITHIN]):
        return []
    return _split_at_titles(phrase, titles)


def _ends_on_another_person(doc: Doc, phrase: Sequence[Token]) -> bool:
    """The phrase after the comma ends on a person named right after their own title (the
    next item of a list), not on one a preposition ties to the role ("adviser to Joe Biden")."""
    last = phrase[-1]
    if last.ent_type_ != "PERSON" or (last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I"):
        return False
    first = last.i
    while first > phrase[0].i and doc[first].ent_iob_ == "I":
        first -= 1
    return first > phrase[0].i and doc[first - 1].pos_ not in {"ADP", "PART"}


def _odd_quotes(tokens: Sequence[Token]) -> bool:
    return sum(t.text in _QUOTES for t in tokens) % 2 == 1


def _next_is_quote(doc: Doc, token: Token) -> bool:
    return token.i + 1 < len(doc) and doc[token.i + 1].text in _QUOTES


def _split_at_titles(tokens: list[Token], titles: frozenset[str]) -> list[list[Token]]:
    """Split "scientist and orientalist" or "veteran of X and founder of Y" into one role each."""
    parts: list[list[Token]] = [[]]
    for index, token in enumerate(tokens):
        joins = token.pos_ == "CCONJ" or token.text == ","
        if joins and parts[-1] and _title_follows(tokens[index + 1 :], titles):
            parts.append([])
            continue
        parts[-1].append(token)
    stripped = (
        _strip(part, lambda t: (t.pos_ in _EDGE_POS or _no_word(t)) and t.text not in _QUOTES)
        for part in parts
    )
    return [part for part in stripped if part]


def _title_follows(rest: Sequence[Token], titles: frozenset[str]) -> bool:
    for token in rest[:3]:
        if _is_title(token, titles):
            return True
        if token.pos_ not in {"DET", "ADJ"}:
            return False
    return False


def _strip(tokens: list[Token], is_junk: Callable[[Token], bool]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and is_junk(tokens[start]):
        start += 1
    while end > start and is_junk(tokens[end - 1]) and tokens[end - 1].text not in _QUOTES:
        end -= 1
    return tokens[start:end]
