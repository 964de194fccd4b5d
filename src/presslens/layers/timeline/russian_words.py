"""The words of the Russian time grammar (`russian.py`), mapped onto the shared values.

Russian inflects what English orders: a month is "марта" after a day, "марте" after
"в", "март" alone; a relation word agrees with its noun ("в прошлом году", "на
прошлой неделе", "в прошлый четверг"). Every form news text uses is listed, each
mapped onto the value the shared reader knows (month numbers, weekdays 0-6, the
English unit and relation words "day", "last" through `WORDS`).

Source: written for presslens (issue 15) from Russian grammar tables (Зализняк's
declension types for the nouns and adjectives used) and the date styles of ТАСС and
РИА Новости copy. Checked by the tests in `tests/test_russian.py` and by hand on
factRuEval-2016 dev and wmt-parallel en-ru texts.
"""

from __future__ import annotations

_MONTH_STEMS = (
    ("январ", "январь"),
    ("феврал", "февраль"),
    ("март", "март"),
    ("апрел", "апрель"),
    ("ма", "май"),
    ("июн", "июнь"),
    ("июл", "июль"),
    ("август", "август"),
    ("сентябр", "сентябрь"),
    ("октябр", "октябрь"),
    ("ноябр", "ноябрь"),
    ("декабр", "декабрь"),
)
#: Every case form of a month name -> its number ("марта", "марте", "март" -> 3).
MONTHS: dict[str, int] = {}
for _number, (_stem, _nominative) in enumerate(_MONTH_STEMS, start=1):
    # "март" and "август" end in a hard consonant; the others in a soft one or "й".
    _endings = ("а", "е", "у", "ом") if _stem in ("март", "август") else ("я", "е", "ю", "ем")
    MONTHS[_nominative] = _number
    MONTHS.update({_stem + ending: _number for ending in _endings})

#: Weekday forms (nominative, and the accusative "в среду") -> 0 (Monday) to 6.
WEEKDAYS: dict[str, int] = {
    "понедельник": 0,
    "вторник": 1,
    "среда": 2,
    "среду": 2,
    "четверг": 3,
    "пятница": 4,
    "пятницу": 4,
    "суббота": 5,
    "субботу": 5,
    "воскресенье": 6,
}
#: The genitive, read only after a part of the day ("вечер воскресенья" = Sunday evening;
#: "среды" alone is as often "of the environment").
WEEKDAYS_GENITIVE: dict[str, int] = {
    "понедельника": 0,
    "вторника": 1,
    "среды": 2,
    "четверга": 3,
    "пятницы": 4,
    "субботы": 5,
    "воскресенья": 6,
}
#: The dative plural, read only after "по": "по воскресеньям" is every Sunday (a set).
WEEKDAYS_PLURAL: dict[str, int] = {
    "понедельникам": 0,
    "вторникам": 1,
    "средам": 2,
    "четвергам": 3,
    "пятницам": 4,
    "субботам": 5,
    "воскресеньям": 6,
}
#: Parts of the day named as nouns before a weekday in the genitive ("утро воскресенья").
PARTS_OF_DAY_NOUNS: dict[str, str] = {"утро": "MO", "день": "AF", "вечер": "EV", "ночь": "NI"}

#: Number words in the cases a count takes ("два дня", "двух недель", "трёх часов").
NUMBER_WORDS: dict[str, float] = {
    "один": 1,
    "одна": 1,
    "одну": 1,
    "одного": 1,
    "одной": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трёх": 3,
    "трех": 3,
    "четыре": 4,
    "четырёх": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "семь": 7,
    "семи": 7,
    "восемь": 8,
    "восьми": 8,
    "девять": 9,
    "девяти": 9,
    "десять": 10,
    "десяти": 10,
    "полтора": 1.5,
    "полторы": 1.5,
    "полутора": 1.5,
    "двадцать": 20,
    "двадцати": 20,
    "тридцать": 30,
    "тридцати": 30,
}
VAGUE_COUNTS = ("несколько", "нескольких", "много", "многих", "считанные", "считанных")

#: Words before a duration that bound it; TimeML's `mod` (as in English: "около" about).
DURATION_MODS: dict[str, str] = {
    "около": "APPROX",
    "примерно": "APPROX",
    "приблизительно": "APPROX",
    "почти": "LESS_THAN",
    "менее": "LESS_THAN",
    "меньше": "LESS_THAN",
    "более": "MORE_THAN",
    "больше": "MORE_THAN",
    "свыше": "MORE_THAN",
    "не менее": "EQUAL_OR_MORE",
    "не более": "EQUAL_OR_LESS",
    "до": "EQUAL_OR_LESS",
}

#: "в начале / в середине / в конце" a month, year or week; TimeML's `mod`.
#: "в начале 2020 года", "до конца 2020 года", "к концу марта", "с начала года".
POINT_MODS: dict[str, str] = {
    "начале": "START",
    "начала": "START",
    "середине": "MID",
    "середины": "MID",
    "конце": "END",
    "конца": "END",
    "концу": "END",
}

#: Words for the present, past or future without a date (TimeML's *_REF values).
REFERENCES: dict[str, str] = {
    "сейчас": "PRESENT_REF",
    "в настоящее время": "PRESENT_REF",
    "в настоящий момент": "PRESENT_REF",
    "в данный момент": "PRESENT_REF",
    "в будущем": "FUTURE_REF",
    "на данный момент": "PRESENT_REF",
    "на сегодняшний день": "PRESENT_REF",
    "в последнее время": "PAST_REF",
}

#: Seasons as adverbs ("летом" = in summer) -> TimeML season codes.
SEASONS: dict[str, str] = {"весной": "SP", "летом": "SU", "осенью": "FA", "зимой": "WI"}

PARTS_OF_DAY: dict[str, str] = {
    "утром": "MO",
    "днем": "AF",
    "днём": "AF",
    "вечером": "EV",
    "ночью": "NI",
}

DAY_WORDS: dict[str, int] = {
    "позавчера": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
}


def _forms(stem: str, endings: tuple[str, ...]) -> list[str]:
    return [stem + ending for ending in endings]


_ADJECTIVE = ("ый", "ий", "ая", "ое", "ее", "ую", "ой", "ом", "ем", "ого", "его", "ей", "ым", "им")
#: Relation and unit words in every form the rules capture -> the English word the shared
#: reader knows ("прошлой" -> "last", "неделе" -> "week", "назад" -> "ago").
WORDS: dict[str, str] = {
    **{form: "last" for form in _forms("прошл", _ADJECTIVE) + _forms("минувш", _ADJECTIVE)},
    **{form: "next" for form in _forms("следующ", _ADJECTIVE) + _forms("будущ", _ADJECTIVE)},
    **{form: "next" for form in _forms("предстоящ", _ADJECTIVE)},
    **{form: "this" for form in _forms("текущ", _ADJECTIVE) + _forms("нынешн", _ADJECTIVE)},
    **dict.fromkeys(("этот", "эта", "это", "эту", "этой", "этом", "этого", "этим"), "this"),
    **dict.fromkeys(("неделя", "недели", "неделе", "неделю", "недель", "неделям"), "week"),
    **dict.fromkeys(("месяц", "месяца", "месяце", "месяцев", "месяцы"), "month"),
    **dict.fromkeys(("год", "года", "году", "лет", "годы", "годов"), "year"),
    **dict.fromkeys(("день", "дня", "дней", "сутки", "суток"), "day"),
    **dict.fromkeys(("час", "часа", "часов"), "hour"),
    **dict.fromkeys(("минута", "минуту", "минуты", "минут"), "minute"),
    **dict.fromkeys(("десятилетие", "десятилетия", "десятилетий"), "decade"),
    "назад": "ago",
    "спустя": "later",
    "позже": "later",
    "раньше": "earlier",
    "на следующий день": "the next day",
    "на другой день": "the next day",
    "в тот же день": "the same day",
    "в тот день": "that day",
    "накануне": "the day before",
}
