"""One quoted speaker across the scripts of a corpus: Тед Круз and Ted Cruz are one index row.

The speakers index (`questions.quoted`) groups quotes by their speaker's cross-script key
(`layers/entities/keys.py`); names no table joins and transliteration leaves apart
("ted kruz" from Тед Круз) are joined here when their sound keys agree, and a foreign
name in Chinese (卡尔·沃尔什) when its consonant classes are those of one Latin speaker.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from rapidfuzz.fuzz import ratio

from presslens.layers.entities.keys import name_class, sound_key

#: Two speakers' keys this close (rapidfuzz ratio), with one sound key, name one person
#: written in two scripts whose renderings no table joins: Ted Cruz / Тед Круз ("ted cruz",
#: "ted kruz"), Steve Mnuchin / Стив Мнучин. Checked by hand on WMT en-ru speakers.
SAME_SPEAKER_RATIO = 80
_NOT_LATIN = re.compile(r"[\u0400-\u04ff\u4e00-\u9fff]")
_FOREIGN_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][·•・‧][\u4e00-\u9fff]")
#: Consonant classes (`keys.name_class`) a Chinese rendering needs to be joined by them:
#: "PTN" (Biden) is distinctive among a corpus's speakers, "SN" is not.
MIN_CLASSES = 3


def join_scripts(
    grouped: dict[tuple[bool, str], list[tuple[Any, ...]]],
) -> dict[tuple[bool, str], list[tuple[Any, ...]]]:
    """Fold a speaker written in Cyrillic or Chinese into the same speaker written in Latin."""
    # Only speakers resolved to an entity: "он" and "he" are not one person.
    latin: dict[str, tuple[bool, str]] = {
        sound_key(key): (resolved, key)
        for (resolved, key), rows in grouped.items()
        if resolved and not _NOT_LATIN.search(rows[0][0])
    }
    by_class: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for (resolved, key), rows in grouped.items():
        if resolved and not _NOT_LATIN.search(rows[0][0]):
            by_class[name_class(rows[0][0])].append((resolved, key))
    joined: dict[tuple[bool, str], list[tuple[Any, ...]]] = defaultdict(list)
    for (resolved, key), rows in grouped.items():
        target = latin.get(sound_key(key)) if resolved else None
        if resolved and target is None and _FOREIGN_IN_CHINESE.search(rows[0][0]):
            # A foreign name in Chinese (dotted: 卡尔·沃尔什) joins the one Latin speaker with
            # its consonant classes, when they are distinctive enough and only one has them.
            classes = name_class(rows[0][0])
            if len(classes) >= MIN_CLASSES and len(by_class.get(classes, ())) == 1:
                joined[by_class[classes][0]].extend(rows)
                continue
        if (
            target is not None
            and _NOT_LATIN.search(rows[0][0])
            and ratio(key, target[1]) >= SAME_SPEAKER_RATIO
            and key + "a" != target[1]
            and target[1] + "a" != key  # Ivanov / Иванова are two people
        ):
            joined[target].extend(rows)
        else:
            joined[(resolved, key)].extend(rows)
    return joined


def shown_name(names: Counter[str]) -> str:
    """The name an index row shows: the most frequent Latin spelling, else the most frequent."""
    latin = [name for name, _count in names.most_common() if not _NOT_LATIN.search(name)]
    return latin[0] if latin else names.most_common(1)[0][0]
