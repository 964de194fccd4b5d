"""Which language a text is in, which languages presslens reads, and how to name them.

Detection (`py3langid`) runs before parsing and gives an ISO 639-1 code; it
chooses the front that parses the text (`nlp.FRONTS`) and the stages that read
it (`pipeline.STAGES`, one per layer and language). On a text in a language a
layer has no stage for, that layer is not computed, and the brief says so in
`document.notices` and in `layers`, instead of passing English rules off as an
analysis of it. Short texts are too short to tell reliably: they are read as
English unless most of their letters are of another script.

>>> language_name("ru")
'Russian'
"""

from __future__ import annotations

import re

#: Languages some layer has rules and word lists for (each layer's own list is in
#: `pipeline.STAGES`).
SUPPORTED: frozenset[str] = frozenset({"en", "ru", "zh"})
#: Codes py3langid gives for written varieties presslens reads as one language: a short
#: Mandarin news text written in simplified characters is often classified as Wu ("wuu").
SAME_WRITTEN_LANGUAGE: dict[str, str] = {"wuu": "zh", "yue": "zh"}
#: The layers that read the words of the text; the others (document, artifacts) run anyway.
LANGUAGE_LAYERS: frozenset[str] = frozenset(
    {"entities", "quotes", "claims", "timeline", "techniques"}
)
#: Characters of the text the detector looks at.
DETECT_CHARS = 5000
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


def detect(text: str) -> str:
    """The language of `text` as an ISO 639-1 code (`py3langid` on its first characters)."""
    import py3langid

    language, _score = py3langid.classify(text[:DETECT_CHARS])
    return str(language)


def route(text: str) -> str:
    """The language whose front and stages `text` goes to: the detected one, except that a
    text too short to tell, whose letters are mostly Latin, is read as English."""
    code = detect(text)
    code = SAME_WRITTEN_LANGUAGE.get(code, code)
    if code not in SUPPORTED and _short_and_latin(text):
        return "en"
    return code


def _short_and_latin(text: str) -> bool:
    letters = _LETTER.findall(text[:DETECT_CHARS])
    if len(letters) >= MIN_LETTERS_TO_TRUST:
        return False
    latin = sum(1 for letter in letters if _LATIN.match(letter))
    return latin * 2 >= len(letters)


def unread_notice(code: str, layers: list[str]) -> str:
    """The sentence a brief carries when some of its layers cannot read its language."""
    name = language_name(code)
    listed = ", ".join(layers[:-1]) + " and " + layers[-1] if len(layers) > 1 else layers[0]
    if set(layers) >= LANGUAGE_LAYERS:
        return (
            f"The text was detected as {name}; presslens does not read {name}, so its "
            f"{listed} are not computed."
        )
    return (
        f"The text was detected as {name}; presslens has no {listed} for {name}, so "
        f"{'that layer is' if len(layers) == 1 else 'those layers are'} not computed."
    )


def unread_reason(code: str) -> str:
    """Why a layer was not computed for a text in this language."""
    return f"not available for {language_name(code)}"
