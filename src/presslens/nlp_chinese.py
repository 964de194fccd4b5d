"""The Chinese front: spaCy Docs built from jieba's segmentation and part-of-speech tags.

jieba (its dictionary ships inside the package) cuts the text into words and
tags each; this module only turns that into a spaCy `Doc` the layers can read:

* tokens at their exact character offsets, whitespace kept as spaCy expects (one
  space after a token is its trailing whitespace, any other run a token of its own),
  so `doc.text == text`;
* sentences that start after 。！？ (and the closing quotes or brackets right after
  them) and after line breaks;
* `tag_` the jieba tag, `pos_` its Universal POS, `lemma_` the word itself;
* entities from jieba's name tags: nr/nrfg/nrt PERSON (the parts of a foreign name
  written with a middle dot joined into one: 谢尔盖·拉夫罗夫), ns GPE, nt ORG; the
  entities layer's Chinese word lists (`layers/entities/lexicons/zh/`) are added to
  jieba's dictionary first, so curated names are cut and tagged as one word. Which
  tagged words are names, and where a name ends: `nlp_chinese_names.py`.

There is no dependency parse: the layers that read Chinese work from tokens, tags,
sentences and entities.

>>> doc = next(parse(["外交部发言人毛宁表示。"]))  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]  # doctest: +SKIP
[('外交部', 'ORG'), ('毛宁', 'PERSON')]
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from presslens import lexicon
from presslens.nlp_chinese_names import (
    HAN_WORD,
    MIN_ENTITY_CHARS,
    NAME_DOTS,
    NAME_PIECE_TAGS,
    curated,
    curated_words,
    entity_evidence,
    entity_spans,
    titles,
)

#: "said": jieba's guesses on unknown names glue it to the name (克里斯托弗·赖斯说).
SAID = "说"
#: Words jieba glues after the last syllables of a foreign name (比斯利说 -> 利说): they
#: are cut off and the syllables join the name. Verbs of saying and the particles and
#: conjunctions that follow a subject.
#: Each with its jieba tag.
NAME_FOLLOWERS: dict[str, str] = {
    "说": "v", "称": "v", "表示": "v", "指出": "v", "是": "v", "的": "uj", "和": "c",
    "与": "p", "在": "p", "于": "p", "对": "p", "被": "p", "等": "u", "也": "d", "则": "d",
    "曾": "d", "将": "d", "已": "d", "还": "d", "就": "d", "都": "d", "又": "d",
}  # fmt: skip
#: The most characters joined to a dotted name after its last part (米舒斯 + 京; 科尔斯 + 顿).
MAX_TAIL_CHARS = 3
#: Where a sentence ends, and the marks that may close it after its last punctuation.
SENTENCE_ENDS = frozenset("。！？!?")
CLOSERS = frozenset("”’」』）)》\"'")
#: Frequency given to the curated words added to jieba's dictionary: high enough that
#: jieba cuts them out whole (its own dictionary's common words run to the 10^5s).
USER_WORD_FREQ = 100_000
#: jieba's tag (its first letter) -> Universal POS.
_UPOS = {
    "a": "ADJ",
    "c": "CCONJ",
    "d": "ADV",
    "f": "ADP",
    "m": "NUM",
    "n": "NOUN",
    "p": "ADP",
    "q": "NOUN",
    "r": "PRON",
    "t": "NOUN",
    "u": "PART",
    "v": "VERB",
    "x": "PUNCT",
    "y": "PART",
    "e": "INTJ",
    "o": "INTJ",
    "s": "NOUN",
    "j": "PROPN",
    "l": "NOUN",
    "i": "NOUN",
    "b": "ADJ",
    "z": "ADJ",
    "k": "PART",
    "h": "PART",
    "g": "NOUN",
}
#: The longest title looked for before a Latin name (首席执行官 is 5 characters).
MAX_TITLE_CHARS = 6
_LATIN_PART = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff\u0100-\u017f'’]+"
_LATIN_WORD = rf"{_LATIN_PART}(?:-{_LATIN_PART})?"
#: Two to four capitalised Latin words, not glued to a letter or a bracket before them.
LATIN_NAME = re.compile(
    rf"(?<![A-Za-z\u00c0-\u017f(（] )(?<![A-Za-z\u00c0-\u017f(（])"
    rf"{_LATIN_WORD}(?: {_LATIN_WORD}){{1,3}}(?![A-Za-z\u00c0-\u017f-])"
)
_PROPER = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})


@lru_cache(maxsize=1)
def tagger() -> Any:
    """jieba's part-of-speech tokenizer, its dictionary loaded once, quietly, with the
    curated names added; a tokenizer of its own, so the global one is left as it is."""
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, which setuptools 80 marks deprecated.
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines on stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, tag in curated_words():
        tokenizer.add_word(word, USER_WORD_FREQ, tag)
    return jieba.posseg.POSTokenizer(tokenizer)


def common_word(word: str) -> bool:
    """Whether jieba's own dictionary lists `word` (not one of our curated names): its name
    tags there are unreliable (滑雪 "skiing", 道德 "morality" and 顾问 "adviser" are nr)."""
    return word not in curated() and tagger().tokenizer.FREQ.get(word, 0) > 0


@lru_cache(maxsize=1)
def _vocab() -> Vocab:
    return Vocab()


def parse(texts: Sequence[str]) -> Iterator[Doc]:
    """One Doc per text, in order (the `nlp.FRONTS` contract)."""
    for text in texts:
        yield parse_one(text)


def parse_one(text: str) -> Doc:
    """The Doc of one Chinese text: jieba's words and tags, sentences and entities."""
    from presslens.layers.entities.fixes import EVIDENCE_EXTENSION

    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    for word, tag in _cut(text):
        if word == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            continue
        if word.isspace() and words and words[-1].isspace() and not spaces[-1]:
            words[-1] += word  # one token per whitespace run
            continue
        words.append(word)
        spaces.append(False)
        tags.append("x" if word.isspace() else tag)
    if not words:
        return Doc(_vocab(), words=[])
    doc = Doc(
        _vocab(),
        words=words,
        spaces=spaces,
        tags=tags,
        pos=[_upos(word, tag) for word, tag in zip(words, tags, strict=True)],
        lemmas=words,
        sent_starts=_sentence_starts(words),
    )
    spans = entity_spans(words, tags)
    ents = [SpacySpan(doc, start, end, label=label) for start, end, label in spans]
    evidence = {(s, e): entity_evidence(tags[s:e]) for s, e, _label in spans}
    for name in _latin_names(doc, text):
        if not any(e.start < name.end and name.start < e.end for e in ents):
            ents.append(name)
            evidence[(name.start, name.end)] = "rule:latin-name"
    doc.ents = sorted(ents, key=lambda e: e.start)
    doc._.set(EVIDENCE_EXTENSION, evidence)
    return doc


def _latin_names(doc: Doc, text: str) -> Iterator[SpacySpan]:
    """People a Chinese text names in Latin letters after their title (联合国特使 Ján Kubiš):
    two to four capitalised words right after a title of `titles.txt`. Without a title such
    words name grounds, leagues and firms as often as people (Adelaide Oval, Fox Cricket:
    15 of 25 such runs in the 48 Chinese wmt-parallel articles), and are left out; so is a
    gloss in brackets after a Chinese rendering (达伦·莫斯 (Darren Moss))."""
    for match in LATIN_NAME.finditer(text):
        before = text[max(0, match.start() - MAX_TITLE_CHARS - 1) : match.start()].rstrip()
        if not any(before.endswith(title) for title in titles()):
            continue
        span = doc.char_span(match.start(), match.end(), label="PERSON")
        if span is not None:
            yield span


def _cut(text: str) -> Iterator[tuple[str, str]]:
    for word, tag in _whole_foreign_names((p.word, p.flag) for p in tagger().cut(text)):
        if tag in ("nr", "nrt") and len(word) > MIN_ENTITY_CHARS and word.endswith(SAID):
            # jieba's guess on an unknown name swallows the verb after it (赖斯说).
            yield word[: -len(SAID)], tag
            yield SAID, "v"
        elif tag in ("nr", "nrt") and (title := _title_after_surname(word)):
            # 李教授/nr is "Professor Li": the surname, then the title
            yield word[: -len(title)], tag
            yield title, "n"
        else:
            yield word, tag


def _title_after_surname(word: str) -> str | None:
    """The title a name tag glued after a one- or two-character surname (李教授, 王部长)."""
    for title in titles():
        if word.endswith(title) and 1 <= len(word) - len(title) <= 2:
            return title
    return None


def _whole_foreign_names(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """jieba's words, with the syllables it left after a middle-dotted name joined to it:
    米哈伊尔·米舒斯/nr 京/j -> 京/nz, 大卫·比斯/nrt 利说/n -> 利/nz 说/v (`name_syllables`).

    After the last part of a dotted name, a word of name syllables alone (one character,
    or a word jieba's dictionary does not list) is a piece of it; a word of syllables then
    one of `NAME_FOLLOWERS` is cut in two. At most `MAX_TAIL_CHARS` characters join."""
    seen: list[str] = []  # the last two words
    tail = -1  # characters joined to the name so far; -1: not after a dotted name
    for word, tag in pairs:
        if len(seen) == 2 and seen[1] in NAME_DOTS and HAN_WORD.fullmatch(seen[0] + word):
            tail = 0
        elif tail >= 0 and not (tag in NAME_PIECE_TAGS and HAN_WORD.fullmatch(word)):
            head = _syllables(word)
            rest = word[len(head) :]
            if not head or tail + len(head) > MAX_TAIL_CHARS:
                tail = -1
            elif not rest and (len(word) == 1 or not common_word(word)):
                tail += len(word)
                tag = "nz"
            elif rest in NAME_FOLLOWERS:
                yield head, "nz"
                word, tag = rest, NAME_FOLLOWERS[rest]
                tail = -1
            else:
                tail = -1
        seen = [*seen[-1:], word]
        yield word, tag


def _syllables(word: str) -> str:
    """The name syllables `word` starts with."""
    syllables = name_syllables()
    end = 0
    while end < len(word) and word[end] in syllables:
        end += 1
    return word[:end]


@lru_cache(maxsize=1)
def name_syllables() -> frozenset[str]:
    """Characters that spell foreign names (`layers/entities/lexicons/zh/name_syllables.txt`)."""
    return frozenset(lexicon.lines("entities", "name_syllables.txt", language="zh"))


def _upos(word: str, tag: str) -> str:
    if word.isspace():
        return "SPACE"
    if tag in _PROPER:
        return "PROPN"
    return _UPOS.get(tag[:1], "X")


def _sentence_starts(words: list[str]) -> list[bool | int | None]:
    starts: list[bool | int | None] = [False for _ in words]
    starts[0] = True
    ended = False
    for index, word in enumerate(words):
        if index and ended and not word.isspace() and word not in CLOSERS:
            starts[index] = True
            ended = False
        if word in SENTENCE_ENDS or "\n" in word:
            ended = True
    return starts
