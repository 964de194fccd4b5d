"""Amounts in Chinese text: 900万发, 1.4万余名 (at least 14,000), 至少100枚, 约300人, 数千名.

A number in figures or Chinese numerals, a scale (万, 亿, 千万...), then 余/多 ("more
than"), then a measure word or unit (`lexicons/zh/units.txt`) and the noun right after
it. Words before it say how approximate it is (约 about, 近 nearly, 至少 at least...),
as do 左右 and 以上 after it; 数千 / 上万 are vague counts, read as the least they allow.
Dates and clock times (2025年, 6月4日, 15时) are the timeline's, not amounts; a length
of time (30年, 18个月, 4天) is an amount, as "30 years" is in English.

>>> [(a.value, a.approx) for a in find_amounts_chinese("共1.4万余名士兵。")]
[(14000.0, 'at-least')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens import lexicon
from presslens.brief import Amount, Approx
from presslens.layers.claims.amounts import SUBJECT_COUNT_MAX

SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千万": 1e7,
    "百万": 1e6,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}
#: Words before the number -> how approximate it is ("nearly" and "under" are at most).
APPROX_BEFORE: dict[str, Approx] = {
    "大约": "about",
    "约为": "about",
    "大概": "about",
    "约": "about",
    "将近": "at-most",
    "接近": "at-most",
    "近": "at-most",
    "不到": "at-most",
    "不足": "at-most",
    "最多": "at-most",
    "不超过": "at-most",
    "至少": "at-least",
    "不少于": "at-least",
    "不低于": "at-least",
    "超过": "at-least",
    "逾": "at-least",
}
APPROX_AFTER: dict[str, Approx] = {"余": "at-least", "多": "at-least"}
APPROX_TAIL: dict[str, Approx] = {"左右": "about", "上下": "about", "以上": "at-least"}
#: Vague counts -> the least they allow (数千 "thousands" 2,000, as English "thousands").
VAGUE: dict[str, float] = {
    "数以百计": 200.0,
    "数以千计": 2_000.0,
    "数以万计": 20_000.0,
    "数十": 20.0,
    "几十": 20.0,
    "数百": 200.0,
    "几百": 200.0,
    "上百": 100.0,
    "数千": 2_000.0,
    "几千": 2_000.0,
    "上千": 1_000.0,
    "数万": 20_000.0,
    "几万": 20_000.0,
    "上万": 10_000.0,
    "数十万": 200_000.0,
    "数百万": 2_000_000.0,
}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_POWERS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
#: Translators and many sites put a space between a figure and its unit: "85 英里".
_S = "[ \t]?"
#: Characters a number may not follow or precede when written in figures (F-16, G7, 3.5)
_FIGURE_EDGE = r"A-Za-z0-9.\-"


@lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    """Measure words and units, longest first (`lexicons/zh/units.txt`)."""
    return tuple(sorted(lexicon.lines("claims", "units.txt", language="zh"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    before = "|".join(sorted(APPROX_BEFORE, key=len, reverse=True))
    scales = "|".join(sorted(SCALES, key=len, reverse=True))
    vague = "|".join(sorted(VAGUE, key=len, reverse=True))
    unit = "|".join(
        re.escape(u) for u in sorted({*units(), *DURATION_UNITS}, key=len, reverse=True)
    )
    figures = r"\d+(?:,\d{3})*(?:\.\d+)?"
    return re.compile(
        rf"(?P<before>{before})?{_S}"
        rf"(?:(?P<vague>{vague})|(?<![{_FIGURE_EDGE}])(?P<figures>{figures})"
        rf"(?:{_S}(?:至|到|-|–|~){_S}(?P<upper>{figures}))?"
        rf"(?![{_FIGURE_EDGE}])|(?P<numeral>{_NUMERAL}))"
        rf"(?:{_S}(?P<scale>{scales}))?(?P<more>余|多)?"
        rf"(?:{_S}(?:(?P<percent>%|％)|(?P<unit>{unit})))?(?P<tail>左右|上下|以上)?"
    )


#: Lengths of time a number counts, as English amounts count "18 months" and "30 years"
#: (on the 48 wmt-parallel en-zh pairs, 20 English amounts of time had no Chinese
#: counterpart while these were left to the timeline). Longest first in the pattern.
DURATION_UNITS = ("个月", "小时", "分钟", "星期", "天", "周", "年", "秒")
#: Characters jieba joins to a unit of time in one word (年前 "years ago", 天后, 年来, 天内).
_AFTER_DURATION = frozenset("前后来内间")
#: A figure that with 年 is a calendar year, not a length of time (2022年).
_YEAR_FIGURES = re.compile(r"1[6-9]\d\d|20\d\d")
_PERCENT_WORDS = re.compile(rf"百分之(?P<n>\d+(?:\.\d+)?|{_NUMERAL})")
#: What makes a number the timeline's: a time unit right after it, or 第 (an ordinal) before it.
_TIME_AFTER = re.compile(r"(?:年|月|日|号|时|点|分|秒|世纪|周年|岁|个月|天|小时|分钟|周|星期)")
#: After a length of time, what makes it a date or an anniversary instead (90年代, 30周年).
_NOT_DURATION = re.compile(r"年|代")


#: Words that point back at a count already given, as "the two presidents" does in English
#: (`amounts._DEFINITE`): a count after them is no amount. Seen on wmt-parallel en-zh
#: (stop 14 hand check: "两名目击者 ... 这两名目击者" listed twice).
_REFERRING = ("这", "那", "该", "此", "上述", "这些", "那些")
#: Words ending in one of those that point at nothing: 因此 "therefore", 应该 "should".
_NOT_REFERRING = ("因此", "如此", "彼此", "从此", "为此", "对此", "据此", "由此", "应该", "活该")


def find_amounts_chinese(
    text: str, offset: int = 0, words: tuple[set[int], set[int]] | None = None
) -> list[Amount]:
    """Every amount in `text` (one sentence), offsets + `offset`.

    `words`: where the text's words start and end (offsets + `offset`); given, a number
    must start a word and the amount must end one, so 周六发表 holds no amount 六发.
    """
    found: list[Amount] = []
    for match in _PERCENT_WORDS.finditer(text):
        value = _value(match["n"])
        if value is not None:
            found.append(
                Amount(offset + match.start(), offset + match.end(), value, "percent", "exact")
            )
    for match in _pattern().finditer(text):
        if words is not None and not _on_word_edges(match, offset, words):
            continue
        amount = _read(match, text, offset)
        if amount is not None and not any(a.start <= amount.start < a.end for a in found):
            found.append(amount)
    return sorted(found, key=lambda a: a.start)


def _read(match: re.Match[str], text: str, offset: int) -> Amount | None:
    end = match.end()
    if match["unit"] in DURATION_UNITS:
        if not _a_duration(match, text):
            return None
    elif match["tail"] is None and _TIME_AFTER.match(text, _skip_space(text, _number_end(match))):
        return None
    if match.start() > 0 and text[match.start() - 1] == "第":
        return None
    before = text[: match.start()].rstrip()
    if before.endswith(_REFERRING) and not before.endswith(_NOT_REFERRING) and not match["scale"]:
        number = _value(match["figures"] or match["numeral"] or "")
        if number is not None and number < SUBJECT_COUNT_MAX:
            return None  # 这两名目击者 "these two witnesses": the ones named before
    approx: Approx
    if match["vague"]:
        value, approx = VAGUE[match["vague"]], "vague"
    else:
        number = _value(match["figures"] or match["numeral"])
        if number is None:
            return None
        value, approx = number, "exact"
    if match["scale"]:
        value *= SCALES[match["scale"]]
    has_unit = match["unit"] or match["percent"]
    if match["numeral"] and (not has_unit or value == 1):
        return None  # 一些, 统一, 一位: Chinese numerals count only with a unit, and "one" never
    if match["figures"] and not (has_unit or match["scale"] or match["more"]):
        return None  # a bare figure: a code, a page, a score
    if match["more"]:
        approx = APPROX_AFTER[match["more"]]
    if match["before"]:
        approx = APPROX_BEFORE[match["before"]]
    if match["tail"]:
        approx = APPROX_TAIL[match["tail"]]
    upper = None
    if match["upper"]:
        upper = float(match["upper"].replace(",", "")) * SCALES.get(match["scale"] or "", 1.0)
        approx = "range"  # 12 至 15 英寸: from 12 to 15
    unit = "percent" if match["percent"] else match["unit"]
    start = match.start() + (1 if text[match.start()] in " \t" else 0)
    while end > start and text[end - 1] in " \t":
        end -= 1
    return Amount(offset + start, offset + end, value, unit, approx, upper)


def _a_duration(match: re.Match[str], text: str) -> bool:
    """Whether a number with a unit of time is a length of time, not a year (2022年), a
    decade (90年代) or an anniversary (30周年)."""
    if match["unit"] == "年" and match["figures"] and _YEAR_FIGURES.fullmatch(match["figures"]):
        return False
    return not _NOT_DURATION.match(text, match.end("unit"))


def _on_word_edges(match: re.Match[str], offset: int, words: tuple[set[int], set[int]]) -> bool:
    starts, ends = words
    number = next(g for g in ("vague", "figures", "numeral") if match[g])
    end = match.end()
    while end > match.start() and match.string[end - 1] in " \t":
        end -= 1
    if offset + match.start(number) not in starts:
        return False
    if offset + end in ends:
        return True
    # jieba writes 年前, 天后, 年来 as one word: a length of time ends inside it (30年前).
    return (
        match["unit"] in DURATION_UNITS
        and match.string[end : end + 1] in _AFTER_DURATION
        and offset + end + 1 in ends
    )


def _skip_space(text: str, at: int) -> int:
    return at + 1 if text[at : at + 1] in (" ", "\t") else at


def _number_end(match: re.Match[str]) -> int:
    for group in ("more", "scale", "upper", "figures", "numeral", "vague"):
        if match[group]:
            return match.end(group)
    return match.end()


def _value(words: str) -> float | None:
    """A number in figures ("1,400", "1.4") or Chinese numerals ("三百五十", "两").

    >>> _value("三百五十"), _value("十二"), _value("1,400")
    (350.0, 12.0, 1400.0)
    """
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    total, digit = 0, None
    for char in words:
        if char in _DIGITS:
            if digit is not None:
                return None  # "三四" (three or four): no one number
            digit = _DIGITS[char]
        elif char in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[char]
            digit = None
        else:
            return None
    return float(total + (digit or 0))
