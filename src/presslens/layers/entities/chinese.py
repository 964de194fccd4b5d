"""Stage for Chinese: the Doc's jieba entities grouped into entities, with titles as roles.

The spans come from the Chinese front (`presslens.nlp_chinese`): jieba's name tags,
the curated names of `lexicons/zh/` added to its dictionary first. One entity per
name; a surname written alone (拉夫罗夫) joins the full name whose last part it is
(谢尔盖·拉夫罗夫). A person's roles are the title right before the name with the
organisation or country before it (俄罗斯外长, 外交部发言人), or the title right
after it (普京总统), from `lexicons/zh/titles.txt`.

>>> from presslens import analyze  # doctest: +SKIP
>>> [(e.name, e.key) for e in analyze("俄罗斯外长拉夫罗夫周四表示。").entities]  # doctest: +SKIP
[('俄罗斯', 'rossiya'), ('拉夫罗夫', 'lavrov')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Entity, EntityType, Span
from presslens.layers.entities.fixes import EVIDENCE_EXTENSION
from presslens.layers.entities.keys import MAX_CHINESE_NAME_CHARS, entity_key, foreign_names
from presslens.nlp_chinese import common_word
from presslens.nlp_chinese_names import NAME_DOTS, titles

_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}
#: Words a role before a name may hold besides titles: the organisation or country
#: (jieba's nouns and names: 外交部, 俄罗斯, 社会科学院), never verbs or punctuation.
ROLE_WORD_TAGS = frozenset({"n", "nt", "ns", "nz", "nr", "j", "b", "vn"})
#: A Latin name in brackets right after a mention: its spelling in the original.
LATIN_GLOSS = re.compile(r"\s*[（(]\s*([A-Z][A-Za-z\u00c0-\u024f.'’ -]{1,60}?)\s*[)）]")
#: At most this many words before the name make its role (中国 社会科学院 研究所 研究员).
MAX_ROLE_WORDS = 5


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Common words jieba tags as places (`lexicons/zh/not_names.txt`): 东南, 英里, 外国."""
    return frozenset(lexicon.lines("entities", "not_names.txt", language="zh"))


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The quotes layer's Chinese cue words (its word list, read here as data)."""
    return frozenset(lexicon.lines("quotes", "reporting_verbs.txt", language="zh"))


@dataclass
class _Group:
    name: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[tuple[int, int]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return _name_parts(self.name)


def find_chinese_entities(article: Article, brief: Brief) -> Brief:
    """Group the Doc's entity spans into entities with mentions, roles and keys."""
    doc = article.doc
    evidence_of: dict[tuple[int, int], str] = doc._.get(EVIDENCE_EXTENSION) or {}
    groups: dict[tuple[str, str], _Group] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES or ent.text in not_names():
            continue
        group = groups.setdefault((ent.text, ent.label_), _Group(ent.text, ent.label_))
        group.mentions.append((ent.start_char, ent.end_char))
        why = evidence_of.get((ent.start, ent.end), "jieba")
        if why not in group.evidence:
            group.evidence.append(why)
        if ent.label_ == "PERSON":
            group.roles.extend(_roles(doc, ent))
    dotted = [g for g in groups.values() if g.label == "PERSON" and len(g.parts) > 1]
    parts = {part for g in dotted for part in g.parts}
    text = article.text
    kept = [g for g in groups.values() if g.label != "PERSON" or _vouched(doc, text, g, parts)]
    merged = _merge_surnames(kept)
    merged.sort(key=lambda g: min(g.mentions))
    entities = tuple(
        _entity(f"E{n}", group, _gloss(article.text, group)) for n, group in enumerate(merged, 1)
    )
    return replace(brief, entities=entities)


def _gloss(text: str, group: _Group) -> str | None:
    """The Latin spelling a Chinese text gives in brackets after a foreign name, the way
    Chinese news introduces one (达伦·莫斯（Darren Moss）): the best source of its key."""
    for _start, end in sorted(group.mentions):
        found = LATIN_GLOSS.match(text, end)
        if found:
            return found.group(1)
    return None


def _long_undotted(name: str) -> bool:
    """A foreign name spelled out without a middle dot, longer than a Chinese name and in no
    table: jieba's nr on a place, club or product more often than on a person (阿斯顿维拉,
    坎伯诺德, 奥密克戎: all 11 such on the study half of the wmt-parallel en-zh pairs were
    no person; a person's surname alone is vouched for by the dotted full name)."""
    return len(name) > MAX_CHINESE_NAME_CHARS and name not in foreign_names()


def _vouched(doc: Doc, text: str, group: _Group, dotted_parts: set[str]) -> bool:
    """A person whose name is a common word of jieba's dictionary (滑雪/nr, 道德/nr), or a
    long foreign name written without a middle dot (`_long_undotted`), is kept only where
    the text treats it as a name: a title or gloss beside it, a middle dot in it, or a
    reporting verb right after it (布什说)."""
    if len(group.parts) > 1 or group.roles:
        return True
    if not common_word(group.name) and not _long_undotted(group.name):
        return True
    if group.name in dotted_parts:
        return True  # 赖斯 alone, where the text also writes 安妮·赖斯
    for _start, end in group.mentions:
        if LATIN_GLOSS.match(text, end):
            return True
        after = doc.char_span(end, min(len(text), end + 2), alignment_mode="expand")
        if after is not None and after[0].text in _speech_verbs():
            return True
    return False


def _roles(doc: Doc, ent: SpacySpan) -> list[tuple[int, int]]:
    """The title before the name, with the body or country before it; or the title after."""
    found = []
    if ent.start > 0 and doc[ent.start - 1].text in titles():
        first = ent.start - 1
        while (
            first > 0
            and ent.start - first < MAX_ROLE_WORDS
            and not doc[first - 1].whitespace_  # 新华社北京6月4日电 外交部发言人: a dateline
            and (doc[first - 1].text in titles() or doc[first - 1].tag_ in ROLE_WORD_TAGS)
        ):
            first -= 1
        found.append((doc[first].idx, doc[ent.start - 1].idx + len(doc[ent.start - 1])))
    if ent.end < len(doc) and doc[ent.end].text in titles():
        after = doc[ent.end]
        found.append((after.idx, after.idx + len(after)))
    return found


def _name_parts(name: str) -> list[str]:
    parts, current = [], ""
    for char in name:
        if char in NAME_DOTS:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part for part in [*parts, current] if part]


#: The shortest name read as a full name's last part with its first character cut off
#: (贝里 of 弗兰克·德贝里); a single character is too common to say.
MIN_CLIPPED_CHARS = 2


def _merge_surnames(groups: list[_Group]) -> list[_Group]:
    """Fold a person named by one part alone into the one full name ending (else starting)
    with that part, and a dotted name into a longer one with the same first and last parts
    (赛义夫·卡扎菲 into 赛义夫•伊斯兰•卡扎菲)."""
    people = [g for g in groups if g.label == "PERSON"]
    by_ends: dict[tuple[str, str], list[_Group]] = defaultdict(list)
    by_last: dict[str, list[_Group]] = defaultdict(list)
    by_first: dict[str, list[_Group]] = defaultdict(list)
    # A last part without its first character: jieba cuts 德贝里表示 as 德/ns 贝里/nrt.
    by_clipped: dict[str, list[_Group]] = defaultdict(list)
    for group in people:
        parts = group.parts
        if len(parts) > 1:
            by_ends[(parts[0], parts[-1])].append(group)
            by_last[parts[-1]].append(group)
            by_first[parts[0]].append(group)
            if len(parts[-1]) >= MIN_CLIPPED_CHARS + 1:
                by_clipped[parts[-1][1:]].append(group)
    absorbed: set[int] = set()
    for short in people:
        parts = short.parts
        if len(parts) > 1:
            longer = [g for g in by_ends[(parts[0], parts[-1])] if len(g.parts) > len(parts)]
        else:  # the surname alone, else the given name alone (叶海亚 for 叶海亚·谢里夫)
            longer = (
                by_last.get(short.name)
                or by_first.get(short.name)
                or (by_clipped.get(short.name) if len(short.name) >= MIN_CLIPPED_CHARS else [])
                or []
            )
        if len(longer) == 1 and id(longer[0]) not in absorbed:
            _absorb(longer[0], short)
            absorbed.add(id(short))
    return [g for g in groups if id(g) not in absorbed]


def _absorb(into: _Group, other: _Group) -> None:
    into.mentions.extend(other.mentions)
    into.roles.extend(other.roles)
    into.evidence.extend(e for e in other.evidence if e not in into.evidence)


def _entity(entity_id: str, group: _Group, gloss: str | None = None) -> Entity:
    return Entity(
        id=entity_id,
        name=group.name,
        type=_TYPES[group.label],
        mentions=tuple(Span(s, e) for s, e in sorted(set(group.mentions))),
        roles=tuple(Span(s, e) for s, e in sorted(set(group.roles))),
        evidence="+".join(group.evidence),
        key=entity_key(gloss or group.name),
    )
