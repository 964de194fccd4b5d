"""Sports scores are results, not amounts, in every language: "2-1", "3:0", "1-0", 2比1.

A score is two whole numbers of one or two figures written together with a hyphen, a
dash or a colon ("won 2-1", "со счётом 3:0", "вели 1-0 после перерыва"). The same
figures also write a range ("3-4 weeks", "2-3 нанометра"), so a pair is a score when
no counted noun follows it, or when it runs downwards (no range goes from 2 to 1: "lost
2-1", "a 5-4 vote" are tallies). A result noun after it ("a 2-1 win") keeps it a score.
The English (`amounts.py`), Russian (`russian_amounts.py`) and Chinese
(`chinese_amounts.py`, which reads no bare figures) readers all leave scores out.
"""

from __future__ import annotations

import re

_SCORE = re.compile(r"(?<![\w.,:/-])(\d{1,2})[-–:](\d{1,2})(?![\w/]|[-.,:–]\d)")
#: Nouns that name a match's result: after a score they do not make it a range.
#: Source: written for presslens (issue 15) from sports copy ("a 2-1 win", "победа 2:1").
RESULT_NOUNS = frozenset(
    {"win", "victory", "defeat", "loss", "lead", "draw", "scoreline", "result", "triumph"}
    | {"comeback", "thrashing", "success", "победа", "победу", "поражение", "ничья", "ничью"}
)


def score_at(text: str, start: int) -> tuple[int, bool] | None:
    """Where a compact pair of small numbers starting at `start` ends, and whether it runs
    downwards (or stays level: "1-1"); None when there is no such pair there."""
    match = _SCORE.match(text, start)
    if match is None or (start > 0 and not _edge(text[start - 1])):
        return None
    return match.end(), int(match.group(2)) <= int(match.group(1))


def _edge(char: str) -> bool:
    return not (char.isalnum() or char in ".,:/-")
