"""What gender the text gives a person, so that "he" and "she" point back to someone
they can stand for ("Ms. Clinton ... he said" is not Ms. Clinton: PolNeAR's NYT texts;
"Donald Trump ... she said" is not Donald Trump).

Two things tell it, the first winning:
- an honorific: "Mr.", "Ms.", "Mrs.", "Miss" right before a mention or opening it;
- the first name of a mention of two words or more, in the US Census first-name lists
  that the `names` package ships (1990 census, public domain): a name more than nine
  times in ten of one gender there ("Donald" m, "Hillary" f; not "Jean", "Kim",
  "Leslie"), not a hyphenated one ("Jean-Claude").
A person the honorifics give both genders, or no source any, has no gender here, and any
pronoun may point back to them. `speakers.SpeakerResolver` reads `genders` once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import names as census_names

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_OPENING = re.compile(r"(Mr|Mrs|Ms|Miss)\.?\s")
# How far before a mention its honorific may start ("Miss " is five characters).
_REACH = 6
# The share of a first name's census bearers that one gender must have to tell it.
NAME_GENDER_SHARE = 0.9


def genders(text: str, mentions: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """Each person's gender ("m" or "f") by entity id, from the honorifics of their
    mentions (start, end, entity id), else from their first names; a person told both
    or neither is left out."""
    told: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    for start, end, entity in mentions:
        honorific = _BEFORE.search(text, max(0, start - _REACH), start)
        honorific = honorific or _OPENING.match(text, start, end)
        if honorific is not None:
            told.setdefault(entity, set()).add(HONORIFIC_GENDER[honorific[1]])
            continue
        words = text[start:end].split()
        if len(words) >= 2 and (gender := first_name_genders().get(words[0].lower())):
            named.setdefault(entity, set()).add(gender)
    for entity, found in named.items():
        told.setdefault(entity, found)
    return {entity: next(iter(found)) for entity, found in told.items() if len(found) == 1}


@cache
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> "m" or "f", for the census names one gender holds."""
    share: dict[str, dict[str, float]] = {}
    for gender, key in (("m", "first:male"), ("f", "first:female")):
        with open(census_names.FILES[key], encoding="ascii") as lines:
            for line in lines:
                name, percent, _cumulative, _rank = line.split()
                share.setdefault(name.lower(), {})[gender] = float(percent)
    told = {}
    for name, by_gender in share.items():
        total = sum(by_gender.values())
        for gender, held in by_gender.items():
            if total and held / total > NAME_GENDER_SHARE:
                told[name] = gender
    return told
