"""Where a person's name starts and ends inside a span the statistical model gave, and
when a span it labelled otherwise is a person. Used by the entity-fix component
(`fixes.py`); the word lists are `lexicons/en/` (given names, titles, organisation heads).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.layers.entities.wordlists import (
    facility_words,
    given_names,
    org_head_words,
    place_suffixes,
    title_words,
)

#: What may follow a comma inside one person's name ("Martin Luther King, Jr.").
_SUFFIXES_AFTER_COMMA = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii"})


def runs_names_together(span: SpacySpan) -> bool:
    """A comma inside a person span joins two names, unless "Jr." or "Sr." follows it."""
    return any(
        t.text == "," and t.i + 1 < span.end and t.nbor().lower_ not in _SUFFIXES_AFTER_COMMA
        for t in span[:-1]
    )


#: Labels the small model gives to people it does not know ("Mason Mount" ORG, "Vicente
#: Siso" LOC); on the studied half of wmt-parallel (issue 15) 9 of the English people the
#: Russian and Chinese translations named were labelled so.
PERSON_MISTAKEN_AS = frozenset({"ORG", "GPE", "LOC", "NORP"})
#: Last words that make a given name open a place ("Alice Springs", "Victoria Falls").
_PLACE_ENDINGS = frozenset({"springs", "falls", "island", "islands", "town", "city", "bay"})


def opens_with_given_name(span: SpacySpan) -> bool:
    """A given name, then one or two capitalised words that head no organisation or place
    and are no given name themselves ("Paul Pogba"; not "John Lewis Partnership" or
    "Victoria Falls"). Hyphenated parts count as one word ("Pierre-Emerick Aubameyang")."""
    words = [t for t in span if t.text != "-"]
    if not 2 <= len(words) <= 3 or words[0].lower_ not in given_names():
        return False
    if not all(t.is_alpha and t.is_title for t in words):
        return False
    heads = org_head_words() | facility_words() | place_suffixes() | _PLACE_ENDINGS
    return words[-1].lower_ not in given_names() and not any(t.lower_ in heads for t in words)


def after_organisation(doc: Doc, start: int, end: int) -> int:
    """Where a person span that opens on the organisation of the title before it really
    starts: "Director General of [Rosseti Andrei Ryumin]" is Andrei Ryumin. The first word
    follows "of", "at" or "from", is no given name, and a given name comes next."""
    words = doc[start:end]
    if (
        len(words) >= 3
        and start > 0
        and doc[start - 1].lower_ in {"of", "at", "from"}
        and words[0].lower_ not in given_names()
        and words[1].lower_ in given_names()
    ):
        return start + 1
    return start


def before_line_break(doc: Doc, start: int, end: int) -> int:
    """A name ends at a line break: a headline ending in "Jamie Vardy" over a first line
    opening with it gave the person "Jamie Vardy Jamie Vardy" (wmt-parallel, issue 15)."""
    for i in range(start, end - 1):
        if "\n" in doc[i].text:
            return i
        if "\n" in doc[i].whitespace_:
            return i + 1
    return end


def after_titles(doc: Doc, start: int, end: int) -> int:
    """Skip a title inside a person span ("Veteran Andrei Shina" -> "Andrei Shina")."""
    last_title = max(
        (i for i in range(start, end) if doc[i].lower_.rstrip(".") in title_words()),
        default=None,
    )
    return start if last_title is None else last_title + 1
