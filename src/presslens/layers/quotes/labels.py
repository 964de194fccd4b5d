"""Names that label the quote after their colon: 'Kasich: "We are ..."', '... TOO EARLY -
Mark Blumenthal and Jon Cohen: "..."', 'Continued Stone: "..."' (evidence "marks+label").

A part of the quotation-mark rules (`marked.py`).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from presslens.brief import Span
from presslens.layers.quotes.marks import Marked
from presslens.layers.quotes.parts import Found, reporting_verbs

# 'Kasich: "..."', '... - Mark Blumenthal and Jon Cohen: "..."': a name that labels the
# quote after its colon is a person or an organisation (on PolNeAR train, 200 articles by
# name, the clause subject these quotes took before was another phrase: "IOWA POLLS").
LABEL_ENTITY_TYPES = frozenset({"PERSON", "ORG"})
# What may come right before such a name: a dash or the end of a sentence.
DASHES = frozenset({"-", "–", "—"})
LABEL_OPENERS = DASHES | {".", "!", "?"}


@dataclass(frozen=True)
class NameLabel:
    """The name before a quote's colon, and the verb of saying before the name if any."""

    name: Token
    cue: Span | None

    def speaking(self, marked: Marked) -> Found:
        """The quote `marked`, said by this name; held to the scare-quote test without a
        verb of saying."""
        found = Found(marked.start, marked.end, "direct", "marks+label", self.cue, self.name)
        found.firm = self.cue is not None
        return found


class NameLabels:
    """The name labels of one article's parse."""

    def __init__(self, doc: Doc, cue_ids: Container[int]) -> None:
        self.doc = doc
        self.cue_ids = cue_ids
        #: The last words of the names of people and organisations, read once when needed.
        self._agent_last_words: set[str] | None = None

    def before(self, colon: Token) -> NameLabel | None:
        """The name a colon ends when it labels the words after it: 'Kasich: "We are ..."',
        '... TOO EARLY - Mark Blumenthal and Jon Cohen: "..."', 'Continued Stone: "..."'.

        The name must open its line, follow a dash or a full stop, or come right after a
        verb of saying; after any other word it is an object ('He praised Obama: "..."').
        """
        last = self.doc[colon.i - 1] if colon.i > 0 else None
        if last is None or last.pos_ != "PROPN":
            return None
        first = last
        while first.i > 0 and self._in_name(self.doc[first.i - 1]):
            first = self.doc[first.i - 1]
        before = self.doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.pos_ == "VERB":
            if before.i not in self.cue_ids and before.lemma_.lower() not in reporting_verbs():
                return None
            return NameLabel(last, Span(before.idx, before.idx + len(before)))
        opens = before is None or "\n" in before.text_with_ws or before.text in LABEL_OPENERS
        # "... for Republican contests - Philip Bump: "..."": a full name after a dash is a
        # byline-like label even where the tagger knows no such person.
        signed = before is not None and before.text in DASHES and first.i < last.i
        return NameLabel(last, None) if opens and (signed or self._names_agent(last)) else None

    def _names_agent(self, last: Token) -> bool:
        """Whether a name's last word names a person or organisation here: tagged so, or
        the last word of a person or organisation the text names ("Kasich" of "John
        Kasich", which the tagger alone reads as a place)."""
        if last.ent_type_ in LABEL_ENTITY_TYPES:
            return True
        if self._agent_last_words is None:
            self._agent_last_words = {
                e[-1].text for e in self.doc.ents if e.label_ in LABEL_ENTITY_TYPES
            }
        return last.text in self._agent_last_words

    def _in_name(self, tok: Token) -> bool:
        """A word of a name or of a list of names ("Mark Blumenthal and Jon Cohen")."""
        if "\n" in tok.text_with_ws:
            return False
        return tok.pos_ == "PROPN" or (tok.lower_ == "and" and tok.head.pos_ == "PROPN")
