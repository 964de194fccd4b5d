"""What gender the text gives a person, so that "he" and "she" point back to someone
they can stand for ("Ms. Clinton ... he said" is not Ms. Clinton: PolNeAR's NYT texts).

Only an honorific tells it: "Mr.", "Ms.", "Mrs.", "Miss" right before a mention or
opening it. A person the text gives both, or neither, has no gender here, and any
pronoun may point back to them. `speakers.SpeakerResolver` reads `genders` once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_OPENING = re.compile(r"(Mr|Mrs|Ms|Miss)\.?\s")
# How far before a mention its honorific may start ("Miss " is five characters).
_REACH = 6


def genders(text: str, mentions: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """Each person's gender ("m" or "f") by entity id, from the honorifics of their
    mentions (start, end, entity id); a person told both or neither is left out."""
    told: dict[str, set[str]] = {}
    for start, end, entity in mentions:
        honorific = _BEFORE.search(text, max(0, start - _REACH), start)
        honorific = honorific or _OPENING.match(text, start, end)
        if honorific is not None:
            told.setdefault(entity, set()).add(HONORIFIC_GENDER[honorific[1]])
    return {entity: next(iter(found)) for entity, found in told.items() if len(found) == 1}
