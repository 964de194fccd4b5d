"""The pieces the quote rules share (`stage.py`, `intros.py`, `marked.py`): the cue lexicons,
the quote being built, and the text helpers both read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from presslens import lexicon
from presslens.brief import QuoteKind, Span, Speaker

TERMINAL = frozenset(".!?…")
# Nouns whose "that" clause is what someone's statement said: "Trump's claim that ...".
CLAIM_NOUNS = frozenset(
    {
        "claim",
        "statement",
        "assertion",
        "allegation",
        "argument",
        "warning",
        "promise",
        "insistence",
    }
)
# Nouns a speaker expresses with a "that" clause: "The leaders expressed hope that ...",
# "voiced the view that ...", "conveyed confidence that ..." (state readouts). The verb's
# subject is the speaker.
HELD_NOUNS = frozenset({"view", "hope", "concern", "confidence", "belief", "opinion", "conviction"})
EXPRESSING_VERBS = frozenset({"express", "voice", "share", "convey", "reiterate", "state"})
# Complementisers that open a reported clause and belong to it, not to its cue: "said that
# X" reports "that X", "asked whether X" asks "whether X" (PolNeAR's Content spans hold
# them; train: 1,587 clause quotes were one word short of the gold content).
CLAUSE_OPENERS = frozenset({"that", "whether", "if"})
# A clause this short ("he said so") is not reported content.
MIN_CONTENT_WORDS = 2
_WORD = re.compile(r"\w+")


def _lexicon(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in lexicon.lines("quotes", name))


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas that cue reported speech or belief."""
    return _lexicon("reporting_verbs.txt")


@lru_cache(maxsize=1)
def intention_verbs() -> frozenset[str]:
    """Lemmas whose infinitive is reported content ("urged them to vote")."""
    return _lexicon("intention_verbs.txt")


@lru_cache(maxsize=1)
def stance_verbs() -> frozenset[str]:
    """Lemmas whose object states a position ("cited a study", "criticized the plan")."""
    return _lexicon("stance_verbs.txt")


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Nouns naming what was said ("views", "opinion")."""
    return _lexicon("speech_nouns.txt")


@lru_cache(maxsize=1)
def speech_events() -> frozenset[str]:
    """Nouns naming where a statement was made ("in a statement", "in an interview")."""
    return _lexicon("speech_events.txt")


@lru_cache(maxsize=1)
def according_to_non_sources() -> frozenset[str]:
    """Objects of "according to" that are rules or plans, not sources."""
    return _lexicon("according_to_non_sources.txt")


@dataclass
class Found:
    """A quote being built: content, cue, and the token that names its speaker."""

    start: int
    end: int
    kind: QuoteKind
    evidence: str
    cue: Span | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    #: True when a reporting verb attributes it (not only a colon or a neighbour).
    firm: bool = True
    #: Calibrated probability it is right, for a quote a model found (None for the rules').
    confidence: float | None = None

    def words(self, text: str) -> int:
        return count_words(text, self.start, self.end)


def count_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def clip_at_breaks(text: str, start: int, end: int, *, before_cue: bool) -> tuple[int, int] | None:
    """A clause's content stops at a colon or a line break, on the side away from its cue.

    What follows "X said that A: B" is B introduced by the colon (a quote of its
    own); a clause that runs over a paragraph break is a bad parse.
    """
    if before_cue:
        cut = max(text.rfind(":", start, end), text.rfind("\n", start, end))
        start = skip_spaces(text, cut + 1) if cut >= 0 else start
    else:
        cuts = [c for c in (text.find(":", start, end), text.find("\n", start, end)) if c >= 0]
        end = min(cuts) if cuts else end
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "\"'”’»)"):
        end -= 1
    return (start, end) if end > start else None
