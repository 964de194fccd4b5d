"""Quotation marks: every closed pair in a text, in any script, across paragraphs.

Straight and curly quotes, low-high („...“), guillemets either way («...», »...«)
and CJK corner brackets. Single quotes that double as apostrophes open only
before a word and close only after one, so "the council’s vote" stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> closing mark. "“" also closes „...“ and "»" also closes «...», so
# a mark that can close the innermost open quote is read as closing first.
QUOTE_PAIRS: dict[str, str] = {
    '"': '"',
    "“": "”",
    "„": "“",
    "‘": "’",
    "‚": "‘",
    "'": "'",
    "«": "»",
    "»": "«",
    "「": "」",
    "『": "』",
    "”": "”",  # sloppy ”...” seen in machine-translated copy
}
# Mixed marks in copy-edited text ('“He has that appeal."'): a straight mark closes a
# curly opening (and a curly closing a straight one) where it could not open a quote.
# (PolNeAR train: second quotes after '..." he said.' lost when their marks were mixed.)
# An opening curly mark that cannot open (a space or the line's end follows) closes a
# straight or curly opening: '"A course correction is needed now.“ ' (PolNeAR train:
# 40 quotes left open to their paragraph's end, 17 of them closed so, their added words
# nearly all gold content; the scare quotes it closes ("an “expedited review“ of") no
# longer run on to the paragraph's end).
MIXED_CLOSERS: dict[str, frozenset[str]] = {
    "“": frozenset({'"', "“"}),
    '"': frozenset({"”", "“"}),
}
_ANY_MIXED_CLOSER = frozenset().union(*MIXED_CLOSERS.values())
_MARKS_OR_BREAK = re.compile(r"[\"“”„‘’‚'«»「」『』]|\n+")
# Marks that double as apostrophes: they open only before a word and close only after one.
APOSTROPHES = frozenset({"'", "’", "‘"})
# An apostrophe starting an elided word or year ("six of ‘em", "‘til", "the ‘90s", "in
# ‘16") opens no quote; left open, it kept the quote around it from closing (PolNeAR
# train: about 30 such words, one of them cutting off '“I’ve got six of ‘em ...”').
_ELISION = re.compile(r"(?:em|til|cause|bout|\d\ds?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch between quotation marks: `text[open]` opens, `text[close]` closes.

    `width` is 2 for the doubled apostrophes of ''...'' (the New York Times' archive
    style): the marks are `text[open:open + 2]` and `text[close - 1:close + 1]`.
    """

    open: int
    close: int
    width: int = 1

    @property
    def start(self) -> int:
        return self.open + self.width

    @property
    def end(self) -> int:
        return self.close - self.width + 1


def find_marked(text: str) -> list[Marked]:
    """Every closed pair of quotation marks, nested pairs included, in order of opening.

    An unclosed quote ends with its paragraph unless the next paragraph opens with
    the same mark (a quote running over several paragraphs) or closes it before it opens
    another (text cut into one sentence a line).

    >>> [(m.start, m.end) for m in find_marked('He said "no" and \u201cyes\u201d.')]
    [(9, 11), (18, 21)]
    """
    found: list[Marked] = []
    stack: list[tuple[int, str]] = []  # (position of the opening mark, the mark)
    reopened = -1
    for match in _MARKS_OR_BREAK.finditer(text):
        pos, mark = match.start(), match.group()
        if mark[0] == "\n":
            following = match.end()
            if stack and following < len(text) and text[following] == stack[0][1]:
                reopened = following  # the same quote goes on in this paragraph
            elif not (stack and _closed_on_next_line(text, following, stack[-1][1])):
                stack.clear()
            continue
        if pos == reopened:
            continue
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if stack and _closes(stack[-1][1], mark, before, after):
            opened, _opener = stack.pop()
            found.append(Marked(opened, pos))
        elif mark in QUOTE_PAIRS and _can_open(mark, before, after):
            if mark in APOSTROPHES and _ELISION.match(text, pos + 1):
                continue
            stack.append((pos, mark))
    found.sort(key=lambda m: m.open)
    return _doubled_apostrophes(text, found)


def _closed_on_next_line(text: str, start: int, opener: str) -> bool:
    """Whether the line at `start` closes the open quote before it opens another one: text
    cut into one sentence a line (“...。\n...，”他说。) runs a quote over a line break.
    Only marks whose closer differs from the opener tell which way they point."""
    closer = QUOTE_PAIRS[opener]
    if closer == opener or opener in APOSTROPHES:
        return False
    end = text.find("\n", start)
    for char in text[start : len(text) if end < 0 else end]:
        if char in QUOTE_PAIRS or char in _ANY_MIXED_CLOSER or char == closer:
            return char == closer
    return False


def _doubled_apostrophes(text: str, found: list[Marked]) -> list[Marked]:
    """''...'' read as one quotation, not as '...' around '...' (each quote found twice)."""
    inner = {
        (m.open, m.close)
        for m in found
        if text[m.open] == "'"
        and m.open > 0
        and text[m.open - 1] == "'"
        and m.close + 1 < len(text)
        and text[m.close + 1] == "'"
    }
    spans = {(m.open, m.close) for m in found}
    out = []
    for m in found:
        if (m.open, m.close) in inner and (m.open - 1, m.close + 1) in spans:
            continue
        if (m.open + 1, m.close - 1) in inner:
            m = Marked(m.open, m.close, 2)
        out.append(m)
    return out


def _closes(opener: str, mark: str, before: str, after: str) -> bool:
    if not _can_close(mark, before, after):
        return False
    if QUOTE_PAIRS[opener] == mark:
        return True
    return mark in MIXED_CLOSERS.get(opener, ()) and not _can_open(mark, before, after)


def _can_open(mark: str, before: str, after: str) -> bool:
    if after.isspace():
        return False
    if mark in APOSTROPHES or mark in ('"', "”"):
        return not before.isalnum()
    return True


def _can_close(mark: str, before: str, after: str) -> bool:
    if mark in APOSTROPHES:
        return not after.isalnum() and not before.isspace()
    return True
