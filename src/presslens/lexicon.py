"""Word lists: the one loader for every layer's lexicons, per language.

Each layer keeps its word lists beside its code, one folder per language:
`layers/<layer>/lexicons/<language>/<name>` (`layers/quotes/lexicons/en/reporting_verbs.txt`).
Lists that belong to no language (time zones) sit in `layers/<layer>/lexicons/`;
lists several layers read (caption words, spelling variants) in `presslens/lexicons/<language>/`.
Every file opens with `#` comment lines saying where its entries came from and
how they were checked; comments and blank lines are not entries.

Adding a language to a layer means adding its folder of files with the same
names; the code asks for `lines("quotes", "reporting_verbs.txt", language="ru")`.

>>> "say" in words("quotes", "reporting_verbs.txt")
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

#: The language a lexicon is read in when the caller names none.
DEFAULT_LANGUAGE = "en"


def path(layer: str, name: str, language: str | None = DEFAULT_LANGUAGE) -> Traversable:
    """Where the lexicon `name` of `layer` lives (`language=None`: language-neutral lists)."""
    if layer == SHARED:
        folder = resources.files("presslens").joinpath("lexicons")
    else:
        folder = resources.files("presslens.layers").joinpath(layer, "lexicons")
    return folder.joinpath(language, name) if language else folder.joinpath(name)


@lru_cache(maxsize=128)
def lines(layer: str, name: str, language: str | None = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The entries of a lexicon: non-blank lines not starting with `#`, right-stripped."""
    text = path(layer, name, language).read_text(encoding="utf-8")
    stripped = (line.rstrip() for line in text.splitlines())
    return tuple(line for line in stripped if line.strip() and not line.startswith("#"))


def rows(layer: str, name: str, language: str | None = DEFAULT_LANGUAGE) -> list[list[str]]:
    """The entries of a TAB-separated lexicon, each as its stripped columns."""
    return [
        [column.strip() for column in line.split("\t")] for line in lines(layer, name, language)
    ]


def words(layer: str, name: str, language: str | None = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The first column of every entry, stripped and lower-cased: a set to look words up in."""
    return frozenset(row[0].lower() for row in rows(layer, name, language) if row[0])


@lru_cache(maxsize=32)
def mapping(layer: str, name: str, language: str | None = DEFAULT_LANGUAGE) -> dict[str, str]:
    """A two-column TAB-separated lexicon as a dict: first column -> second column."""
    return {row[0]: row[1] for row in rows(layer, name, language)}


#: The "layer" name of the lists several layers share, kept in `presslens/lexicons/`.
SHARED = "shared"


def caption_words(language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """Words that open an image caption or a credit ("photo", "screenshot"): shared list."""
    return words(SHARED, "caption_words.txt", language)


def spelling_variants(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Variant spelling -> preferred spelling ("Kiev" -> "Kyiv"): shared list."""
    return mapping(SHARED, "spelling_variants.tsv", language)
