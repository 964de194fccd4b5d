"""The Chinese front's names: which of jieba's name-tagged words are entities, and where a
person's name ends (the parts of a foreign name joined by middle dots).

jieba tags nr/nrfg/nrt (people), ns (places) and nt (organisations); its own dictionary
tags many common words so, so a place must be listed or long enough, an organisation must
be listed or end like one, and a title before a name is no part of it. The curated
names (`layers/entities/lexicons/zh/`) and the CLDR countries and cities are added to
jieba's dictionary by `nlp_chinese.tagger`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens import lexicon
from presslens.world_places import world_places

#: jieba tag -> the entity label the brief uses.
ENTITY_TAGS: dict[str, str] = {
    "nr": "PERSON",
    "nrfg": "PERSON",
    "nrt": "PERSON",
    "ns": "GPE",
    "nt": "ORG",
}
#: A word jieba tags ns is a place when a list knows it (the curated names, the CLDR
#: countries and cities) or when it is at least this long: its dictionary tags two-character
#: words ns that are none (滑坡 "landslide", 中断 "cut off", 上山, 加密). On the study half
#: of the wmt-parallel en-zh pairs the rule dropped 19 such words and 3 real places (剑桥,
#: 浦项, and 苏联, since listed); of three characters or more, 4 of 30 were no place.
MIN_UNLISTED_PLACE_CHARS = 3
#: A name tagged on one character alone is jieba's guess on an unknown word (泽/nr in
#: 泽连斯基 cut in two) or an abbreviation inside a compound (南, 德, 中 of 中美): not kept.
MIN_ENTITY_CHARS = 2
#: The middle dot Chinese writes between the parts of a foreign name.
NAME_DOTS = frozenset("·•・‧")
#: The jieba tag a curated entity type is added with.
_TAG_OF_TYPE = {"PERSON": "nr", "GPE": "ns", "LOC": "ns", "ORG": "nt"}
#: Tags of the pieces jieba may cut one part of a foreign name into.
NAME_PIECE_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz"})
HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def curated() -> frozenset[str]:
    return frozenset(word for word, _tag in curated_words())


def curated_words() -> list[tuple[str, str]]:
    """The entities layer's Chinese names, each with the jieba tag it is added with."""
    words = [(row[0], "nr") for row in lexicon.rows("entities", "foreign_names.tsv", "zh")]
    for row in lexicon.rows("entities", "gazetteer.tsv", "zh"):
        words.append((row[0], _TAG_OF_TYPE.get(row[1], "nz")))
    # Countries and cities (CLDR): jieba's dictionary has 塞尔维亚 and 贝尔格莱德 as names of
    # people (nrt).
    known = {word for word, _tag in words}
    words.extend((row[2], "ns") for row in world_places() if row[2] not in known)
    return words


def entity_spans(words: list[str], tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, label) of every entity, the parts of a person's name joined."""
    spans: list[tuple[int, int, str]] = []
    index = 0
    while index < len(words):
        label = ENTITY_TAGS.get(tags[index])
        if label == "GPE" and not _place_word(words[index]):
            label = None
        if label == "ORG" and not _organisation_word(words[index]):
            label = None
        if _dotted(words, index):
            # 理查德/n·诺/nz兰德/nrt: parts joined by a middle dot make a foreign name,
            # whatever jieba tagged each part.
            label = "PERSON"
        if label is None or (label == "PERSON" and words[index] in titles()):
            index += 1  # 顾问/nr before 多米尼克·卡明斯: a title, not a part of the name
            continue
        end = _name_end(words, tags, index) if label == "PERSON" else index + 1
        if label == "PERSON" and end < len(words) and words[end] in org_heads():
            label, end = "ORG", end + 1  # 洛克希德·马丁公司
        first = index
        if label == "ORG" and spans and spans[-1][1] == index and spans[-1][2] == "GPE":
            first = spans.pop()[0]  # 利比亚/ns 国民军/nt: the country is part of the name
        if sum(len(w) for w in words[first:end]) >= MIN_ENTITY_CHARS:
            spans.append((first, end, label))
        index = end
    return spans


def _place_word(word: str) -> bool:
    if word in curated():
        return True
    return len(word) >= MIN_UNLISTED_PLACE_CHARS and not _COUNTED.match(word)


#: A number and a measure word open a count, not a place: 两棵树/ns is "two trees" (seen on
#: wmt-parallel en-zh, issue 15); 三亚 and 五台山 stay places (亚 and 台 are not listed).
_COUNTED = re.compile(r"[一二两三四五六七八九十几数][个棵只条名位座张件本]")


def _organisation_word(word: str) -> bool:
    return word in curated() or word.endswith(org_endings())


@lru_cache(maxsize=1)
def org_endings() -> tuple[str, ...]:
    """How an organisation's name ends (`layers/entities/lexicons/zh/org_endings.txt`)."""
    return tuple(lexicon.lines("entities", "org_endings.txt", "zh"))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles written next to a name (`layers/entities/lexicons/zh/titles.txt`)."""
    return frozenset(lexicon.lines("entities", "titles.txt", language="zh"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Words that end an organisation's name (`layers/entities/lexicons/zh/org_heads.txt`)."""
    return frozenset(lexicon.lines("entities", "org_heads.txt", language="zh"))


def _dotted(words: list[str], index: int) -> bool:
    """Whether a name part starts here: a word of Han characters, a middle dot, another."""
    return (
        index + 2 < len(words)
        and words[index + 1] in NAME_DOTS
        and HAN_WORD.fullmatch(words[index]) is not None
        and HAN_WORD.fullmatch(words[index + 2]) is not None
    )


def _name_end(words: list[str], tags: list[str], index: int) -> int:
    """The end of a person's name starting at `index`: adjacent name parts, parts joined by
    middle dots (谢尔盖·拉夫罗夫, 泽/nr 连斯基/nr), and after a dot the pieces jieba cut a
    part into (德贝/nz 巴赫/nr, 拉马/ns 福萨/ns)."""
    end = index + 1
    dotted = False
    while end < len(words):
        if _is_person(tags, end) or (dotted and tags[end] in NAME_PIECE_TAGS):
            end += 1
        elif _dotted(words, end - 1):
            end += 2
            dotted = True
        elif _dotted(words, end):
            end += 1  # 克里斯多/nr 夫·赖斯: the piece before the dot belongs to the part
        else:
            break
    return end


def _is_person(tags: list[str], index: int) -> bool:
    return index < len(tags) and ENTITY_TAGS.get(tags[index]) == "PERSON"


def entity_evidence(tags: list[str]) -> str:
    """Why an entity is there: the jieba tags of its words ("jieba:nr", "jieba:nrt+ns")."""
    return "+".join("jieba:" + tag for tag in dict.fromkeys(tags) if tag != "x")
