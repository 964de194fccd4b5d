"""The techniques' cue words: lexicon phrases found in a text, and whole-word search.

The lexicons (`layers/techniques/lexicons/en/<name>.txt`, one cue class each) feed the
features of `presslens.layers.techniques.features`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens import lexicon

#: Lexicon files `lexicons/en/<name>.txt`, one cue class each.
LEXICON_NAMES: tuple[str, ...] = (
    "authority",
    "bandwagon",
    "black_white",
    "causal",
    "cliches",
    "doubt",
    "exaggeration",
    "fear",
    "flag_waving",
    "loaded",
    "name_calling",
    "slogans",
    "whataboutism",
)

#: A word for lexicon matching: letters/digits joined by inner hyphens or apostrophes.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=1)
def lexicon_phrases() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Lexicon phrases by first word: `first -> ((words, cue class), ...)`, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in LEXICON_NAMES:
        for line in lexicon.lines("techniques", f"{name}.txt"):
            words = tuple(_normal(m.group()) for m in _WORD.finditer(line))
            if words:
                by_first.setdefault(words[0], []).append((words, name))
    return {
        first: tuple(sorted(set(entries), key=lambda e: -len(e[0])))
        for first, entries in by_first.items()
    }


def find_lexicon_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, cue class) of every lexicon phrase in `text`, whole words only."""
    phrases = lexicon_phrases()
    matches = list(_WORD.finditer(text))
    normal: dict[str, str] = {}  # each distinct word normalised once
    words = [
        normal.get(w) or normal.setdefault(w, _normal(w)) for w in map(re.Match.group, matches)
    ]
    hits = []
    for n, word in enumerate(words):
        for entry, cue in phrases.get(word, ()):
            last = n + len(entry)
            if last <= len(words) and tuple(words[n:last]) == entry:
                hits.append((matches[n].start(), matches[last - 1].end(), cue))
    return hits


def _is_word_char(char: str) -> bool:
    # What the regular expression `\w` matches in a str pattern.
    return char.isalnum() or char == "_"


def whole_word_occurrences(text: str, needle: str) -> list[int]:
    r"""Starts of the non-overlapping occurrences of `needle` in `text` that neither
    start nor end inside a word, as `(?<!\w)needle(?!\w)` would find them."""
    found: list[int] = []
    at = text.find(needle) if needle else -1
    while at >= 0:
        end = at + len(needle)
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        if not (before and _is_word_char(before)) and not (after and _is_word_char(after)):
            found.append(at)
            at = text.find(needle, end)
        else:
            at = text.find(needle, at + 1)
    return found
