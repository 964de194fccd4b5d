"""The entity layer's word lists, read once: the gazetteer, titles, honorifics, name shapes.

The files live in `lexicons/en/` beside this module, each with a header saying
where its entries came from; `presslens.lexicon` reads them.
"""

from __future__ import annotations

from functools import lru_cache

from presslens import lexicon

LAYER = "entities"


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[str, str], ...]:
    """(name, spaCy label) pairs from `gazetteer.tsv`."""
    return tuple((name, label) for name, label in lexicon.rows(LAYER, "gazetteer.tsv"))


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lowercase title and role words ("president", "expert"), from `titles.txt`."""
    return frozenset(lexicon.lines(LAYER, "titles.txt"))


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Lowercase forms of address ("mr", "dr") that open a name but are no role."""
    return frozenset(lexicon.lines(LAYER, "honorifics.txt"))


@lru_cache(maxsize=1)
def org_head_words() -> frozenset[str]:
    """Lowercase words that head an organisation's name ("ministry", "staff")."""
    return frozenset(lexicon.lines(LAYER, "org_head_words.txt"))


@lru_cache(maxsize=1)
def facility_words() -> frozenset[str]:
    """Lowercase words that end a named facility ("abbey", "square", "airport")."""
    return frozenset(lexicon.lines(LAYER, "facility_words.txt"))


@lru_cache(maxsize=1)
def place_suffixes() -> frozenset[str]:
    """Lowercase words that make a name a region ("oblast", "krai", "province")."""
    return frozenset(lexicon.lines(LAYER, "place_suffixes.txt"))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lowercase given names frequent in news ("paul", "alexey"), from `given_names.txt`."""
    return frozenset(lexicon.lines(LAYER, "given_names.txt"))


def speech_verbs() -> tuple[str, ...]:
    """Lemmas of saying that follow a name the model missed ("Petrov said")."""
    return lexicon.lines(LAYER, "speech_verbs.txt")


def korean_surnames() -> tuple[str, ...]:
    """Korean surnames that open a three-part name ("Kim Jong Un")."""
    return lexicon.lines(LAYER, "korean_surnames.txt")
