"""The languages presslens reads, and the words it uses to name the others.

Detection (`py3langid`, in the document stage) gives an ISO 639-1 code; every
layer's rules and lexicons today are English. A brief of another language
says so in `document.notices` instead of passing English rules off as an
analysis of it.

>>> language_name("ru")
'Russian'
"""

from __future__ import annotations

#: Languages every layer has rules and word lists for.
SUPPORTED: frozenset[str] = frozenset({"en"})

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


def unsupported_notice(code: str) -> str | None:
    """The sentence a brief carries when its language is not one presslens reads, else None."""
    if code in SUPPORTED:
        return None
    return (
        f"The text was detected as {language_name(code)}; presslens reads English only, "
        "so the layers below ran English rules on it and are not an analysis of this text."
    )
