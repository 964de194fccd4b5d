"""Where a speaker's words start and end: the noun phrase around a subject token.

"Dmitry Drobnitsky, an expert on American issues," gives "Dmitry Drobnitsky"; "the
chairman of the committee" stays whole. Used by `speakers.py`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Left modifiers that belong to a speaker's noun phrase ("the former US ambassador").
NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case", "advmod", "npadvmod"}
)
# Right modifiers that belong to it when no comma comes first ("the chairman of the party").
NP_RIGHT_DEPS = frozenset(
    {"prep", "pobj", "compound", "case", "det", "amod", "poss", "acl", "nummod"}
)  # "nummod": "Article 4 of the treaty"
# A title or description followed by the name it describes: "Chairman X and Veteran
# Andrei Shina said", "the expert, Dmitry Drobnitsky, said": the name is the speaker.
NAMING_DEPS = frozenset({"appos", "conj"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A place whose apposition is a person is a dateline, not a speaker: "CLEVELAND, July 19
# (UPI) — Former Attorney General Michael Mukasey told ..." (the parser's subject).
PLACE_LABELS = frozenset({"GPE"})


def noun_phrase(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase around `head`, cut at commas, appositions, clauses.

    "Dmitry Drobnitsky, an expert on American issues," gives "Dmitry Drobnitsky";
    "the chairman of the committee" stays whole.
    """
    start, end = _phrase(head)
    return _on_heads_line(head, start, end)


def _on_heads_line(head: Token, start: int, end: int) -> tuple[int, int]:
    """The part of `start:end` on the head word's own line: a headline the parser read
    into the first sentence ("... - Volodymyr Zelenskyy\n\nPresident of Ukraine Volodymyr
    Zelenskyy said") never joins the speaker's words."""
    # Only the phrase's own text is read: `Doc.text` joins the whole text on each call,
    # once per speaker (quadratic on a chain of "X said that Y said that ...").
    piece = head.doc.char_span(start, end, alignment_mode="expand")
    if piece is None:
        return start, end
    text, base = piece.text, piece.start_char
    line_start = base + text.rfind("\n", 0, head.idx - base) + 1
    line_end = text.find("\n", head.idx - base, end - base)
    return max(start, line_start), end if line_end < 0 else base + line_end


def _phrase(head: Token) -> tuple[int, int]:
    doc = head.doc
    own = _entity_token_span(head)
    if own is not None and head.ent_type_ not in PLACE_LABELS:
        return own
    for named in _named_in_apposition(head):
        ent = _entity_token_span(named)
        if ent is not None and doc[named.i].ent_type_ == "PERSON":
            return ent
    if own is not None:
        return own  # a place that names no one in apposition speaks for itself ("Kyiv said")
    first = head.i
    for left in reversed(list(head.lefts)):
        if left.dep_ not in NP_LEFT_DEPS or any(t.is_punct for t in doc[left.i : first]):
            break
        dashes = [t.i for t in doc[left.left_edge.i : left.i] if t.is_punct and t.whitespace_]
        if dashes:  # "THE RACE - Harold Quimbly": a spaced dash ends a name on its left
            first = dashes[-1] + 1
            break
        first = left.left_edge.i
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    last = head.i
    for right in head.rights:
        if right.dep_ not in NP_RIGHT_DEPS or right.left_edge.i != last + 1:
            break
        if right.dep_ == "acl" and right.tag_ == "VBG":
            break  # "officials saying that ...": what they say is no part of who they are
        stop = right.right_edge.i
        if any(t.is_punct for t in doc[right.i : stop + 1]):
            break
        last = stop
    # "the mayor's claim": the speaker is "the mayor", not the possessive marker.
    while last > first and doc[last].tag_ == "POS":
        last -= 1
    end = doc[last].idx + len(doc[last])
    # "the security council特意 emphasized": a machine translation glued a Han word onto the
    # last English one; the speaker's words end before it (the artifacts layer flags it).
    if (glued := _HAN_GLUED.search(doc[last].text)) is not None:
        end = doc[last].idx + glued.start()
    return doc[first].idx, end


#: A Han character right after a Latin letter, inside one token.
_HAN_GLUED = re.compile(r"(?<=[A-Za-z])[\u3400-\u4dbf\u4e00-\u9fff]")


def _named_in_apposition(head: Token) -> list[Token]:
    """Tokens in apposition or conjunction with `head`, the last first."""
    found: list[Token] = []
    todo = [head]
    while todo:
        tok = todo.pop()
        for child in tok.children:
            if child.dep_ in NAMING_DEPS:
                found.append(child)
                todo.append(child)
    return sorted(found, key=lambda t: -t.i)


def _entity_token_span(tok: Token) -> tuple[int, int] | None:
    """The character span of the named entity `tok` is in, found from its IOB tags.

    Walking the tags costs the entity's length; `doc.ents` would build every entity
    of the article on each call (quadratic in a chain of "X said that Y said that").
    """
    if tok.ent_type_ not in NAME_LABELS:
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
