"""English number words and digits: "twenty-three thousand" -> 23000.0, "3.5 million" -> 3500000.0.

The small parser the amounts of `presslens.layers.claims.amounts` read numbers with; spaCy's
`like_num` is only its first filter, since it also accepts ordinals ("first").
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12, "lakh": 100_000, "lakhs": 100_000,
          "crore": 10_000_000, "crores": 10_000_000}  # fmt: skip
# The least a vague quantity allows: "a few" and "a couple" are at least 2, "dozens of" 24.
VAGUE = {"few": 2.0, "couple": 2.0}
VAGUE_PLURALS = {
    "tens": 20.0, "dozens": 24.0, "hundreds": 200.0, "thousands": 2_000.0, "millions": 2e6,
    "billions": 2e9,
}  # fmt: skip
# The words an amount without a digit can start at, or needs ("a few", "several thousand").
_START_WORDS = tuple(sorted({*ONES, *TENS, *SCALES, *VAGUE, *VAGUE_PLURALS}))
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def number_word(token: Token) -> bool:
    lower = token.lower_
    return lower in ONES or lower in TENS or lower in SCALES


def is_number_token(token: Token) -> bool:
    # `like_num` is a cached lexeme flag: a cheap first filter (it also passes ordinals).
    if not token.like_num and token.lower_ not in SCALES:
        return False
    return bool(DIGITS.match(token.text)) or number_word(token)


def parse_number(words: list[str]) -> float | None:
    """The value of a run of number tokens: ["3.5", "million"] -> 3500000.0.

    >>> parse_number(["twenty", "-", "three", "thousand"])
    23000.0
    """
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        lower = word.lower().replace(",", "")
        if lower in ("-", "and"):
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", lower):
            current += float(lower)
        elif lower in ONES:
            current += ONES[lower]
        elif lower in TENS:
            current += TENS[lower]
        elif lower == "hundred":
            current = (current or 1) * 100
        elif lower in SCALES:
            total += (current or 1) * SCALES[lower]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


class AmountGate:
    """Which sentences of one Doc can hold an amount, told without a look at their tokens.

    Every amount `presslens.layers.claims.amounts.find_amounts` reads starts at a token
    with a digit ("14,000", "6bn", "2-1") or at one of `_START_WORDS` ("twenty",
    "million", "a few", "dozens of", "several thousand"); a sentence with neither gives
    no amount, so its tokens are not walked. The words are counted once per Doc from
    `Doc.to_array(LOWER)`; `Token.lower_` is `str.lower` of the token, so the gate is
    exact, not a guess.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        words = np.isin(doc.to_array(LOWER), _start_hashes(doc))
        self._words: NDArray[np.intp] = np.concatenate(([0], np.cumsum(words, dtype=np.intp)))
        self._text = text  # the Doc's text: sentences are searched in place, not cut out

    def may_hold(self, sentence: TokenSpan) -> bool:
        """False only when `sentence` has no digit and no start word: no amount there."""
        if self._words[sentence.end] > self._words[sentence.start]:
            return True
        return _DIGIT.search(self._text, sentence.start_char, sentence.end_char) is not None


# Sentence texts searched for a digit: `DIGITS`, `_SUFFIXED` and the scores' pattern all
# need one (`\d`, the same Unicode digits).
_DIGIT = re.compile(r"\d")


def _start_hashes(doc: Doc) -> NDArray[np.uint64]:
    strings = doc.vocab.strings
    return np.array([strings[word] for word in _START_WORDS], dtype=np.uint64)
