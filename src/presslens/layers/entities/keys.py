"""One key per person or place across scripts and spellings: Шойгу, Shoigu and 绍伊古 -> "shoigu".

A key is lower-case ASCII letters and single spaces. Cyrillic is transliterated
with the BGN/PCGN table (the one English-language news agencies follow, give or
take); Chinese renderings of foreign names go through a curated table first
(`lexicons/zh/foreign_names.tsv`), else pinyin (`pypinyin`, its dictionary ships
inside the package). Latin names lose their diacritics. Then a few spelling
folds make the common variants of one transliterated name meet: "Zelenskiy",
"Zelenskyy" and "Zelensky" all end in "zelensky"; "Shoygu" and "Shoigu" meet at
"shoigu". Places and organisations are looked up in a curated table
(`lexicons/places_and_organisations.tsv`): Москва, Moskva and 莫斯科 are all "moscow",
США, U.S. and 美国 all "united states". Russian renderings of foreign names that
transliteration does not bring back (Байден -> "baiden") go through a table too
(`lexicons/ru/foreign_names.tsv`).

`sound_key` is a coarser key for names no table knows, to compare a Latin name with
its Russian rendering (Biden / Байден, Johnson / Джонсон) where a key would differ.

>>> entity_key("Москва") == entity_key("Moscow") == entity_key("莫斯科")
True
>>> entity_key("Сергей Лавров") == entity_key("Sergei Lavrov")
True
>>> entity_key("Zelenskyy") == entity_key("Зеленский")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from presslens import lexicon
from presslens.world_places import world_places

#: BGN/PCGN romanisation of Russian (1947), without its diacritic marks.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
#: Latin letters whose sound their base letter does not keep once the diacritic goes
#: (Lourenço / Лоренсу).
_LATIN = {"ç": "s"}
#: Spelling folds applied after transliteration, in order: each makes two spellings one
#: agencies use for the same Russian or Ukrainian name meet.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:iy|yy|ii|ij|yi)\b"), "y"),  # Zelenskiy, Zelenskyy, Zelenskii -> Zelensky
    (re.compile(r"(?<=[aeou])y(?=[^aeiou]|\b)"), "i"),  # Shoygu, Sergey -> Shoigu, Sergei
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), "y"),  # Maria / Mariya meet at "marya"
    (re.compile(r"ya\b"), "a"),
    (re.compile(r"(?<=[^aeiou ])i\b"), "y"),  # Dmitri / Dmitry
    (re.compile(r"ndr\b"), "nder"),  # Aleksandr / Alexander
    (re.compile(r"yo"), "e"),  # Fyodor / Fedor
    (re.compile(r"kh"), "h"),  # Khodorkovsky / Hodorkovsky
    (re.compile(r"j"), "y"),  # Jurij -> yury
    (re.compile(r"w"), "v"),  # Wladimir -> vladimir
    (re.compile(r"ks"), "x"),  # Aleksandr / Alexander
    (re.compile(r"([a-z])\1"), r"\1"),  # Zelenskyy, Anna / Ana
)
#: A name of Han characters no longer than this, not written with middle dots, is read as
#: a Chinese name (one-character surname, then the given name); longer ones are foreign
#: names spelled out syllable by syllable.
MAX_CHINESE_NAME_CHARS = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
#: The middle dot Chinese writes between the parts of a foreign name (弗拉基米尔·普京).
_NAME_DOTS = re.compile(r"[·•・‧]")
_ARTICLE = "the "
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
#: Rewrites from a key to its sound skeleton, in order (`sound_key`): spellings of one sound
#: in English and in BGN/PCGN transliteration meet, then vowels and doubled letters go.
_SOUNDS: tuple[tuple[re.Pattern[str], str], ...] = (
    # An English j is a y in the key (the fold for Jurij), so its other spellings go with
    # the vowels: Джонсон / Johnson, Кеджривал / Kejriwal, Бриджит / Bridget, Джордж / George,
    # Алжир / Algeria. Russian writes an English h as г (Герберт / Herbert) and h goes, so a
    # soft g goes too (and Pegues / Пегес).
    (re.compile(r"dzh|zh|dg|gu?(?=[ei])"), ""),
    (re.compile(r"sh\b"), "s"),  # Portuguese final s: Fernandes / Фернандеш
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<![sc])h"), ""),  # Thomas / Томас, John / Джон
    (re.compile(r"z"), "s"),  # Lopez / Лопес
    (re.compile(r"ts"), "s"),  # Scindia / Сциндиа
    (re.compile(r"ng\b"), "n"),  # Meng / Мэн
    # Russian writes an English w as a vowel (Williams / Уильямс, Bowen / Боуэн); w became v
    # in the key, so v goes with the vowels.
    (re.compile(r"[aeiouyv]"), ""),
    (re.compile(r"([a-z]|ch|sh)\1+"), r"\1"),  # and Тируччи- / Tiruchi-
)


def entity_key(name: str) -> str:
    """The cross-script key of a name: lower-case ASCII, transliterated and folded.

    A place or organisation in the curated table gets the key of its English name.
    """
    name = unicodedata.normalize("NFC", name).strip()
    surfaces, keys = _known_names()
    if name in surfaces:
        return surfaces[name]
    key = _spelled_key(name)
    if key.startswith(_ARTICLE):  # "the United States", "the Kremlin"
        key = key.removeprefix(_ARTICLE)
    return keys.get(key, key)


def sound_key(key: str) -> str:
    """The consonant skeleton of a key, per word: "biden" and "baiden" (Байден) are "bdn".

    Coarse on purpose: it compares two names already found side by side (a text and its
    translation), not a name against a whole corpus.
    """
    words = []
    for word in key.split():
        for pattern, replacement in _SOUNDS:
            word = pattern.sub(replacement, word)
        words.append(word or "_")
    return " ".join(words)


#: Consonant classes of the sounds Chinese transliteration keeps apart (Xinhua's tables
#: render b and p alike, l and r alike, s, sh, ch, j alike...), per pinyin initial.
_PINYIN_INITIAL = re.compile(r"zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?")
_PINYIN_CLASS = {
    "b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "m": "M", "n": "N",
    "l": "L", "r": "L", "f": "F", "h": "F", "w": "F", "j": "S", "q": "S", "x": "S",
    "z": "S", "c": "S", "s": "S", "zh": "S", "ch": "S", "sh": "S",
}  # fmt: skip
#: The same classes read off a Latin spelling, in order. Chinese renderings follow how a name
#: sounds, not how it is spelled: an r not before a vowel is silent (Paterson 帕特森, Cooper
#: 库珀, Carl 卡尔 keeps its l), as is a w after a vowel (Lawler 劳勒); a th inside a name
#: is an s (McCarthy 麦卡锡, Smith 史密斯), at its start a t (Thomas 托马斯); the l of
#: -alk is silent (Walker 沃克); an m before b or p is the n of 坎 (Campbell 坎贝尔).
#: Checked on the people of the 48 wmt-parallel en-zh pairs; a German -er kept as 尔
#: (Fischer 菲舍尔) is lost to it.
_LATIN_SOUNDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"r+(?![aeiouy])"), ""),
    (re.compile(r"(?<=[aeiou])w(?![aeiouy])"), ""),
    (re.compile(r"(?<=.)th"), "s"),
    (re.compile(r"^th"), "t"),
    (re.compile(r"(?<=a)l(?=k)"), ""),  # Walker 沃克
    (re.compile(r"m(?=[bp])"), "n"),
)
#: Words after a name that are not its last part ("Kenneth Polite Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_LATIN_CLASSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"tch|sh|ch|dg|j|g(?=[eiy])"), "S"),
    (re.compile(r"ph|[fvwh]"), "F"),
    (re.compile(r"th|[dt]"), "T"),
    (re.compile(r"ck|[kqg]|c(?![eiy])"), "K"),
    (re.compile(r"x"), "KS"),
    (re.compile(r"[csz]"), "S"),
    (re.compile(r"[bp]"), "P"),
    (re.compile(r"[lr]"), "L"),
    (re.compile(r"m"), "M"),
    (re.compile(r"n"), "N"),
    (re.compile(r"[a-z]"), ""),
)
_REPEATED = re.compile(r"(.)\1+")


def name_class(name: str) -> str:
    """The consonant classes of a name's last part, to compare a Chinese rendering of a
    foreign name with its Latin spelling where no table knows it: 琼斯 and Jones are "SNS",
    道格拉斯 and Douglas "TKLS". Coarse, like `sound_key`: for names found side by side.
    """
    name = unicodedata.normalize("NFC", name).strip()
    if _HAN.search(name):
        last = _NAME_DOTS.split(name)[-1].strip()
        if last in foreign_names():
            return name_class(foreign_names()[last])
        classes = ""
        for syllable in _pinyin_syllables(last):
            if syllable == "er":  # 尔: the r or l of the name
                classes += "L"
                continue
            initial = _PINYIN_INITIAL.match(syllable).group()  # type: ignore[union-attr]
            classes += _PINYIN_CLASS.get(initial, "")
            if syllable.endswith("n") or syllable.endswith("ng"):
                classes += "N"
        return _REPEATED.sub(r"\1", classes)
    words = [
        _NOT_LETTER.sub(
            "", unicodedata.normalize("NFKD", w.lower()).encode("ascii", "ignore").decode()
        )
        for w in name.split()
    ]
    words = [w for w in words if w and w not in _NAME_SUFFIXES]
    if not words:
        return ""
    last = words[-1]
    for pattern, replacement in (*_LATIN_SOUNDS, *_LATIN_CLASSES):
        last = pattern.sub(replacement, last)
    return _REPEATED.sub(r"\1", last)


#: Characters whose reading in a transliterated name is not pypinyin's everyday one
#: (什 is "shen" in 什么, "shi" in 沃尔什 Walsh; 加 renders "ga", 加兰德 Garland, 卡加梅
#: Kagame; 基 renders "ki", 基尔科因 Kilcoyne, 基思 Keith; 金 "kin", 阿金瓦勒 Akinwale).
_NAME_READINGS = {"什": "shi", "加": "ga", "基": "ki", "金": "kin"}


def _pinyin_syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syllables = [_NAME_READINGS.get(ch) or lazy_pinyin(ch, style=Style.NORMAL)[0] for ch in text]
    return [s for s in syllables if s.isascii() and s.isalpha()]


def _spelled_key(name: str) -> str:
    if _HAN.search(name):
        name = _from_chinese(name)
    if _CYRILLIC_WORD.search(name):
        table = russian_foreign_names()
        name = _CYRILLIC_WORD.sub(lambda m: table.get(m.group(), m.group()), name)
    latin = "".join(_CYRILLIC.get(ch) or _LATIN.get(ch, ch) for ch in name.lower())
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    folded = _SPACES.sub(" ", _NOT_LETTER.sub(" ", folded.replace("-", " "))).strip()
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded


def _from_chinese(name: str) -> str:
    parts = [part for part in _NAME_DOTS.split(name) if part.strip()]
    table = foreign_names()
    out = []
    for part in parts:
        part = part.strip()
        if part in table:
            out.append(table[part])
        elif _HAN.search(part) and len(parts) == 1 and len(part) <= MAX_CHINESE_NAME_CHARS:
            # A Chinese person's name: surname, then given name ("Xi Jinping").
            out.append(_pinyin(part[:1]) + " " + _pinyin(part[1:]))
        elif _HAN.search(part):
            out.append(_pinyin(part))
        else:
            out.append(part)
    return " ".join(out)


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL))


@lru_cache(maxsize=1)
def russian_foreign_names() -> dict[str, str]:
    """Russian renderings of frequent foreign names (one word each) -> their Latin spelling."""
    return lexicon.mapping("entities", "foreign_names.tsv", language="ru")


@lru_cache(maxsize=1)
def _known_names() -> tuple[dict[str, str], dict[str, str]]:
    """The places and organisations table as (exact surface -> key, spelled key -> key)."""
    surfaces: dict[str, str] = {}
    keys: dict[str, str] = {}
    for row in lexicon.rows("entities", "places_and_organisations.tsv", language=None):
        key = _spelled_key(row[0])
        for variant in row:
            surfaces[variant] = key
            keys.setdefault(_spelled_key(variant), key)
    for place in world_places():  # the curated table wins where both name a place
        key = keys.get(_spelled_key(place[0]), _spelled_key(place[0]))
        for variant in place:
            surfaces.setdefault(variant, key)
            keys.setdefault(_spelled_key(variant), key)
    return surfaces, keys


@lru_cache(maxsize=1)
def foreign_names() -> dict[str, str]:
    """Chinese renderings of frequent foreign names -> their usual Latin spelling."""
    return lexicon.mapping("entities", "foreign_names.tsv", language="zh")
