"""The languages presslens reads, which layers run on the others, and how to name them.

Detection (`py3langid`, in the document stage) gives an ISO 639-1 code; every
layer's rules and lexicons today are English. On a text in another language the
layers that read words (`LANGUAGE_LAYERS`) are not computed, and the brief says
so in `document.notices` and in `layers`, instead of passing English rules off
as an analysis of it. Short texts are too short to tell reliably: they are read
as English unless most of their letters are of another script.

>>> language_name("ru")
'Russian'
"""

from __future__ import annotations

import re

#: Languages every layer has rules and word lists for.
SUPPORTED: frozenset[str] = frozenset({"en"})
#: The layers that read the words of the text; the others (document, artifacts) run anyway.
LANGUAGE_LAYERS: frozenset[str] = frozenset(
    {"entities", "quotes", "claims", "timeline", "techniques"}
)
#: Fewer letters than this and a detected language other than English is not trusted:
#: py3langid guesses from character n-grams, and a headline or a list of names misleads it.
MIN_LETTERS_TO_TRUST = 200
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when it is not in the table."""
    return _NAMES.get(code, code or "an unknown language")


def reads(code: str, text: str) -> bool:
    """True when presslens's layers can read `text`, detected as language `code`."""
    if code in SUPPORTED:
        return True
    letters = _LETTER.findall(text[:5000])
    if len(letters) >= MIN_LETTERS_TO_TRUST:
        return False
    latin = sum(1 for letter in letters if _LATIN.match(letter))
    return latin * 2 >= len(letters)


def unread_notice(code: str) -> str:
    """The sentence a brief carries when its language is not one presslens reads."""
    return (
        f"The text was detected as {language_name(code)}; presslens reads English only, so "
        "its entities, quotes, claims, timeline and techniques are not computed."
    )


def unread_reason(code: str) -> str:
    """Why a layer was not computed for a text in this language."""
    return f"not available for {language_name(code)}"
