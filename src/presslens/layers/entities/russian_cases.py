"""Russian person names Natasha's normaliser leaves declined: back to the nominative.

Natasha's `normalize` (pymorphy2 underneath) knows Russian first names and
surnames; a foreign name it has no paradigm for is often left as written
("Лингардом", "Кассиуса Клея"), so the entity is named in an oblique case and
one person in two cases is two entities. Slovnet's morphology still tags the
word's case and gender. A masculine name whose ending is the one its tagged case
takes is given back its nominative:

- genitive or accusative "-а" / "-я" (Кассиуса -> Кассиус, Клея -> Клей, Уле-Гуннара ->
  Уле-Гуннар);
- dative "-у" / "-ю" (Лингарду -> Лингард);
- instrumental "-ом" / "-ем" / "-ым" (Лингардом -> Лингард, Клеем -> Клей);
- prepositional "-е" (о Лингарде -> Лингард);
- a name in "-а": genitive "-ы", instrumental "-ой" (Силвы -> Силва).

A name in "-у" tagged accusative stays ("Бруну", Portuguese Bruno, is indeclinable).
A feminine name Natasha left as written loses only endings no woman's nominative has
("Шакию" -> "Шакия").
The text itself overrides the tag: when another word of the text is the name
without the ending ("Джесси Лингард ... Лингардом"), that form is the nominative.

>>> nominative_word("Лингардом", "Ins", "Masc")
'Лингард'
>>> nominative_word("Клея", "Acc", "Masc")
'Клей'
>>> nominative_word("Бруну", "Acc", "Masc") is None
True
>>> nominative_word("Шакию", "Acc", "Fem")
'Шакия'
"""

from __future__ import annotations

import re

from spacy.tokens import Span as TokenSpan

from presslens.nlp_russian import natasha_models

#: case (UD) -> the masculine endings that case takes, longest first.
ENDINGS: dict[str, tuple[str, ...]] = {
    "Gen": ("а", "я"),
    "Acc": ("а", "я"),
    "Dat": ("у", "ю"),
    "Ins": ("ом", "ем", "ым"),
    "Loc": ("е",),
}
#: Oblique endings of a masculine name in "-а", declined as a feminine noun (Силвы, Силвой ->
#: Силва); "-у" and "-е" are left, as "Бруну" is a nominative.
#: "-ой" only when tagged instrumental ("Толстой" is a nominative).
A_STEM_ENDINGS = (("ой", ("Ins",)), ("ы", ("Gen", "Acc", "Dat", "Ins", "Loc")))
#: Endings of the soft declension: the stem's nominative ends in "й" after a vowel
#: (Клея -> Клей); after a consonant it would end in "ь" (Игоря -> Игорь), left alone.
_SOFT = frozenset({"я", "ю", "ем"})
_VOWELS = frozenset("аеёиоуыэюя")
_CYRILLIC_WORD = re.compile(r"[А-ЯЁ][а-яё]+")
#: The shortest stem a case ending is taken from ("Лео" -> no "Л").
MIN_STEM = 3


def nominative_word(word: str, case: str, gender: str) -> str | None:
    """`word`'s nominative when it is a masculine name with its tagged case's ending, else None."""
    head, _hyphen, word = word.rpartition("-")  # "Уле-Гуннара": the last part declines
    if gender == "Fem" and _CYRILLIC_WORD.fullmatch(word):
        return _feminine_nominative(head, word, case)
    if case in ("", "Nom") or not _CYRILLIC_WORD.fullmatch(word):
        return None
    if gender != "Masc":
        return None
    # Slovnet tags foreign names' case less surely than that they are oblique: the endings
    # only a genitive, accusative or instrumental takes are read under any oblique tag
    # ("Макклейна" tagged dative, "Лингардом" accusative); "-у" and "-е" only under theirs.
    for ending, cases in A_STEM_ENDINGS:
        # a man's name in "-а" declines as a woman's: "Давида Силвы" is Давид Силва
        if case in cases and word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            if stem[-1].lower() not in _VOWELS:
                return f"{head}-{stem}а" if head else f"{stem}а"
    endings = (*ENDINGS["Gen"], *ENDINGS["Ins"], *ENDINGS.get(case, ()))
    for ending in sorted(set(endings), key=len, reverse=True):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_STEM:
            continue
        stem = f"{head}-{stem}" if head else stem
        if stem[-1].lower() in _VOWELS:
            return stem + "й" if ending in _SOFT else None
        # after a consonant only the hard endings: "Игоря" (Игорь) and "Сегодня" (an adverb
        # Natasha took for a name) look alike, and Natasha knows the Russian soft names
        return None if ending in _SOFT else stem
    return None


#: A woman's foreign name in "-ия" in its oblique cases (Шакию, Шакии, Шакией -> Шакия):
#: endings no nominative of a woman's name has ("-у" is left: Кейшу is Кейша, Лулу is Лулу).
#: Seen on wmt-parallel en-ru ("25-летнюю Шакию Филпот"), issue 15.
#: Slovnet tags such a name's case less surely than its gender ("Лакию" Nom): "-ию" is read
#: under any case tag, the others under theirs.
NEVER_NOMINATIVE = ("ию",)
_ANY_CASE = ("", "Nom", "Gen", "Acc", "Dat", "Ins", "Loc")
_FEMININE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ию", _ANY_CASE, "ия"),
    ("ии", ("Gen", "Dat", "Loc"), "ия"),
    ("ией", ("Ins",), "ия"),
)


def _feminine_nominative(head: str, word: str, case: str) -> str | None:
    for ending, cases, nominative in _FEMININE:
        if case in cases and word.endswith(ending) and len(word) - len(ending) >= MIN_STEM - 1:
            stem = word[: -len(ending)] + nominative
            return f"{head}-{stem}" if head else stem
    return None


def nominative_name(
    ent: TokenSpan, normal: str, words: frozenset[str], nominatives: frozenset[str] = frozenset()
) -> str:
    """A person's `normal` form with each word Natasha left as written (and Slovnet tags as a
    masculine oblique case) in the nominative. `words`: the text's words, whose own forms win:
    a word that is another word with a case ending taken off names itself. `nominatives`:
    the text's words Slovnet tags nominative somewhere; one of them is its own nominative
    ("Погба", a subject in one sentence and undeclined in "контракта Погба")."""
    parts = normal.split()
    if len(parts) != len(ent):
        return normal
    fixed = []
    for token, part in zip(ent, parts, strict=True):
        if (
            token.text in nominatives
            and _unknown_word(token.text)
            and not token.text.endswith(NEVER_NOMINATIVE)
        ):
            fixed.append(token.text)  # a foreign name the text has as a subject: undeclined
            continue
        if part != token.text:
            fixed.append(part)  # Natasha changed it: her form stands
            continue
        seen = _seen_stem(part, words)
        case = token.morph.get("Case", [""])
        gender = token.morph.get("Gender", [""])
        fixed.append(seen or nominative_word(part, case[0], gender[0]) or part)
    return " ".join(fixed)


def _seen_stem(word: str, words: frozenset[str]) -> str | None:
    """The text's own word that is `word` without one case ending ("Лингардом" -> "Лингард")."""
    for endings in ENDINGS.values():
        for ending in endings:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= MIN_STEM and stem in words:
                return stem
    return None


def _unknown_word(word: str) -> bool:
    """Whether pymorphy2's dictionary lacks `word` (a foreign name: "Погба", not "Лаврова")."""
    return not natasha_models().morph_vocab.word_is_known(word.lower())


#: pymorphy2's tags of a word that is a name.
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def common_word_name(name: str) -> bool:
    """Whether a person's name is a common word Natasha took for a name: one word the
    dictionary knows with no reading as a name ("Сегодня", "Сэр", "Пара"; "Мороз" and
    "Путин" read as surnames, "Мейс" is unknown), or a hyphenated word with a common noun
    or adjective in lower case ("Рок-звезда", "депутат-Тори", "Даннинг-стрит").
    Measured on the 68 WMT en-ru references (issue 15): 12 such single-person entities."""
    words = name.split()
    if len(words) == 1 and _common(words[0]):
        return True
    return any(
        part.islower() and _common(part, ("NOUN", "ADJF"))
        for word in words
        for part in word.split("-")[1 if word[:1].isupper() else 0 :]
    )


def _common(word: str, parts_of_speech: tuple[str, ...] = ()) -> bool:
    vocab = natasha_models().morph_vocab
    if not vocab.word_is_known(word.lower()):
        return False
    parses = vocab.parse(word)
    if any(_NAME_TAGS & set(p.tag.grammemes) for p in parses):
        return False
    return not parts_of_speech or any(p.tag.POS in parts_of_speech for p in parses)
