"""A technique's evidence in an analyst's words: the phrase, why it counts, the words that weighed.

"labels its target with a loaded name: 'the Kiev regime'; the words that weighed most:
'regime'" rather than feature names. The sentence for each technique is in
`lexicons/en/explanations.tsv`; the words are those of the span that pushed the
linear technique classifier towards its label (word, lemma and lexicon features
only, and only where they are words of the span itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from presslens import lexicon

#: The longest phrase quoted whole; a longer one keeps its first and last words around "...".
MAX_PHRASE_WORDS = 14
#: Words named after the phrase.
MAX_CUE_WORDS = 3
#: Feature kinds that name words of the span (see `features.describe_feature`).
_WORD_KINDS = ("w", "l", "first", "last", "b", "x")


@lru_cache(maxsize=1)
def _templates() -> dict[str, str]:
    return lexicon.mapping("techniques", "explanations.tsv")


def quoted(phrase: str) -> str:
    """The phrase in quotes, its middle elided when long.

    >>> quoted("a b c")
    "'a b c'"
    """
    words = phrase.split()
    if len(words) > MAX_PHRASE_WORDS:
        half = MAX_PHRASE_WORDS // 2
        phrase = " ".join(words[:half]) + " ... " + " ".join(words[-half:])
    else:
        phrase = " ".join(words)
    return f"'{phrase}'"


def explain(phrase: str, technique: str, cues: Sequence[str]) -> str:
    """Why `phrase` is marked as `technique`, with the words of it that weighed most.

    >>> explain("the Kiev regime", "Name_Calling,Labeling", ["regime"])
    "labels its target with a loaded name: 'the Kiev regime'; the words that weighed most: 'regime'"
    """
    template = _templates().get(technique, technique.replace("_", " ") + ": {phrase}")
    text = template.format(phrase=quoted(phrase))
    lower = phrase.lower()
    words: list[str] = []
    for cue in cues:
        cue = cue.strip()
        if cue and cue.lower() in lower and cue.lower() not in (w.lower() for w in words):
            words.append(cue)
    if words:
        named = ", ".join(f"'{w}'" for w in words[:MAX_CUE_WORDS])
        text += f"; the words that weighed most: {named}"
    return text


def cue_words(feature_names: Sequence[str], fired: dict[str, str]) -> list[str]:
    """The words of the text behind feature names: `w=regime` -> 'regime'; lexicon hits as fired."""
    words = []
    for name in feature_names:
        kind, _, value = name.partition("=")
        if kind not in _WORD_KINDS:
            continue
        words.append(fired.get(name, "") if kind == "x" else value.replace("|", " "))
    return [w for w in words if w]
