"""Names two copies of an article spell differently: Zelensky / Zelenskiy, Kiev / Kyiv.

Part of explaining a republication pair (`republish.explain`).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from presslens import lexicon
from presslens.brief import Brief

# Names this similar but not equal are spelling variants of one name.
NAME_VARIANT_RATIO = 80

_WORD = re.compile(r"\w+")
_CAPITALISED_NAME = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*")


def name_variants(a: Brief, b: Brief) -> tuple[tuple[str, str], ...]:
    """Names spelled one way in `a` and another in `b`.

    Two kinds: names that fuzzy-match (Zelensky / Zelenskiy), and names or words
    that are known spellings of one another (Kiev / Kyiv, from the shared
    `lexicons/<language>/spelling_variants.tsv`) even where the entities layer did not
    find them as names.
    """
    a_names, b_names = _names(a), _names(b)
    a_folded, b_folded = {n.casefold() for n in a_names}, {n.casefold() for n in b_names}
    variants: dict[tuple[str, str], None] = {}
    for x in sorted(a_names - b_names):
        if x.casefold() in b_folded:
            continue
        for y in sorted(b_names - a_names):
            if y.casefold() in a_folded:
                continue
            if fuzz.ratio(x, y) >= NAME_VARIANT_RATIO or _spelled_alike(x, y):
                variants[(x, y)] = None
    for x, y in _lexicon_variants(a.text, b.text):
        if not any(x in pair[0] and y in pair[1] for pair in variants):
            variants[(x, y)] = None
    return tuple(variants)


def _spelled_alike(x: str, y: str) -> bool:
    """True when `x` and `y` are the same name once known spelling variants are mapped."""
    preferred = lexicon.spelling_variants()
    words = [[preferred.get(w, w) for w in name.split()] for name in (x, y)]
    return words[0] == words[1]


def _lexicon_variants(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """(spelling in a, spelling in b) for known variants where each text uses only its own."""
    a_words, b_words = set(_WORD.findall(a_text)), set(_WORD.findall(b_text))
    found = []
    for variant, preferred in lexicon.spelling_variants().items():
        for x, y in ((variant, preferred), (preferred, variant)):
            if x in a_words and y in b_words and x not in b_words and y not in a_words:
                found.append((x, y))
    return found


def _names(brief: Brief) -> set[str]:
    if brief.entities:
        return {e.name for e in brief.entities}
    # Without an entities layer, capitalised words after the first of a sentence stand in.
    return {m.group() for m in _CAPITALISED_NAME.finditer(brief.text) if len(m.group()) > 3}
