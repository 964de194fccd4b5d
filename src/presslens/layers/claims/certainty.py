"""How sure a statement says it is: hedges, speculation and boosters, found by lexicon.

Three lexicons in `lexicons/` (`hedges.txt`, `speculation.txt`, `boosters.txt`)
are compiled into one whole-word, case-insensitive pattern that prefers the
longest phrase, so "will likely" (speculation) wins over "likely" (hedge) and
"there is no doubt" over "no doubt". A sentence that opens with "If" is a
conditional and counts as speculation, unless it states a rule: "If either party is
attacked, the other shall ..." (the "shall" of treaties and laws) is a provision, whose
grammar says nothing about how sure anyone is.

>>> [(c.kind, c.start, c.end) for c in find_cues("It is highly likely that prices rose.")]
[('hedge', 6, 19)]
>>> certainty_of(find_cues("Clearly, prices rose."))
'asserted'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from presslens import lexicon
from presslens.brief import Certainty, Span

CueKind = Literal["hedge", "speculation", "booster"]

LEXICONS: tuple[tuple[CueKind, str], ...] = (
    ("hedge", "hedges.txt"),
    ("speculation", "speculation.txt"),
    ("booster", "boosters.txt"),
)

# A conditional opening the sentence: "If X, (then) Y".
_CONDITIONAL = re.compile(r"^\W*(If)\b")
# The modal of legal and treaty text: a conditional holding it is a provision.
_PROVISION = re.compile(r"\bshall\b", re.IGNORECASE)
# "May" capitalised inside a sentence, or before a number, is the month.
_MONTH_MAY = re.compile(r"\s*(?:\d|[A-Z(,.])")


@dataclass(frozen=True, slots=True)
class Cue:
    """One certainty cue, with offsets relative to the text it was found in."""

    start: int
    end: int
    kind: CueKind


def lexicon_entries(file_name: str, language: str = "en") -> list[str]:
    """The phrases of a lexicon file: first TAB column, comments and blank lines skipped."""
    return [row[0] for row in lexicon.rows("claims", file_name, language) if row[0]]


@lru_cache(maxsize=4)
def _cue_pattern(language: str = "en") -> tuple[re.Pattern[str], dict[str, CueKind]]:
    kinds: dict[str, CueKind] = {}
    for kind, file_name in LEXICONS:
        for phrase in lexicon_entries(file_name, language):
            kinds.setdefault(phrase.lower(), kind)
    alternatives = sorted(kinds, key=len, reverse=True)
    body = "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in alternatives)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])", re.IGNORECASE), kinds


def find_cues(text: str, offset: int = 0, language: str = "en") -> list[Cue]:
    """The hedge, speculation and booster cues in `text` (one sentence), offsets + `offset`;
    `language` chooses the lexicons (`lexicons/<language>/`)."""
    pattern, kinds = _cue_pattern(language)
    cues = []
    conditional = _CONDITIONAL.match(text)
    if conditional and not _PROVISION.search(text):
        cues.append(Cue(offset + conditional.start(1), offset + conditional.end(1), "speculation"))
    for match in pattern.finditer(text):
        found = match.group()
        if found.startswith("May") and (
            text[: match.start()].strip() or _MONTH_MAY.match(text, match.end())
        ):
            continue
        kind = kinds[re.sub(r"\s+", " ", found.lower())]
        cues.append(Cue(offset + match.start(), offset + match.end(), kind))
    return cues


def hedge_spans(cues: Iterable[Cue]) -> tuple[Span, ...]:
    """Where the hedges and speculation cues stand: a claim's `hedges`."""
    return tuple(Span(c.start, c.end) for c in cues if c.kind != "booster")


def booster_spans(cues: Iterable[Cue]) -> tuple[Span, ...]:
    """Where the boosters stand: a claim's `boosters`."""
    return tuple(Span(c.start, c.end) for c in cues if c.kind == "booster")


def certainty_of(cues: Iterable[Cue]) -> Certainty:
    """Speculative if any speculation cue, else hedged if any hedge, else asserted.

    Boosters leave a statement asserted: pressing a point is not evidence for it.
    Attribution (a source) is decided by the caller and overrides all three.
    """
    kinds = {cue.kind for cue in cues}
    if "speculation" in kinds:
        return "speculative"
    if "hedge" in kinds:
        return "hedged"
    return "asserted"
