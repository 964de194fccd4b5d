"""The Chinese grammar of time expressions: 2025年6月4日, 6月1日, 上周, 今年, 周四, 三天前.

The rules use the shared rule names and groups (`grammar.py`), so reading and
anchoring are those of every language (`expressions.py`, `anchoring.py`); the words
map Chinese onto the shared values (上 -> "last", 周 -> "week", 周四 -> 3). A group the
shared reader asks for that Chinese never writes is there and never matches (`_NEVER`).
Chinese words are not separated by spaces, so the edges only keep figures whole.

A day of the month alone (毛宁4日表示) is read by `chinese_days.py`. 上周四 is the
Thursday of last week (the calendar week before the publication's), not the last
Thursday, so the rule names it a `week`.
"""

from __future__ import annotations

import re

from presslens.layers.timeline.grammar import Grammar

_CN_DIGITS = "一二三四五六七八九"


def _chinese_numbers() -> dict[str, float]:
    """一 .. 九十九 and 两 -> their values."""
    out: dict[str, float] = {"两": 2.0, "十": 10.0, "半": 0.5}
    for ones, char in enumerate(_CN_DIGITS, start=1):
        out[char] = float(ones)
        out["十" + char] = 10.0 + ones
        out[char + "十"] = 10.0 * ones
        for more, second in enumerate(_CN_DIGITS, start=1):
            out[char + "十" + second] = 10.0 * ones + more
    return out


NUMBER_WORDS = _chinese_numbers()
_NEVER = "(?!)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY_MARK = "[日号]"
#: Translators and many sites put a space between a figure and its character: "12 月 24 日".
_S = "[ \t]?"
_NUM = r"(?:\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十]{1,3}|半)"
_WEEKDAY = r"(?:周|星期|礼拜)[一二三四五六日天]"
_POD = r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间)"
_UNIT = r"(?:小时|分钟|天|周|星期|个月|年)"

MONTHS: dict[str, int] = {str(n): n for n in range(1, 13)}
MONTHS.update({f"0{n}": n for n in range(1, 10)})
MONTHS.update({k: int(v) for k, v in NUMBER_WORDS.items() if v == int(v) and 1 <= v <= 12})
WEEKDAYS: dict[str, int] = {
    prefix + day: number
    for prefix in ("周", "星期", "礼拜")
    for number, day in enumerate("一二三四五六日")
}
WEEKDAYS.update({prefix + "天": 6 for prefix in ("周", "星期", "礼拜")})
DAY_WORDS: dict[str, int] = {
    "前天": -2,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "今天": 0,
    "今日": 0,
    "今晨": 0,
    "今晚": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
}
PARTS_OF_DAY: dict[str, str] = {
    "凌晨": "NI",
    "早上": "MO",
    "上午": "MO",
    "今晨": "MO",
    "中午": "MI",
    "下午": "AF",
    "傍晚": "EV",
    "晚上": "NI",
    "晚间": "NI",
    "夜间": "NI",
    "昨晚": "NI",
    "今晚": "NI",
}
POINT_MODS: dict[str, str] = {
    "初": "START",
    "上旬": "START",
    "年初": "START",
    "月初": "START",
    "中旬": "MID",
    "年中": "MID",
    "下旬": "END",
    "底": "END",
    "末": "END",
    "年底": "END",
    "年末": "END",
    "月底": "END",
    "月末": "END",
}
DURATION_MODS: dict[str, str] = {
    "约": "APPROX",
    "大约": "APPROX",
    "近": "LESS_THAN",
    "将近": "LESS_THAN",
    "不到": "LESS_THAN",
    "超过": "MORE_THAN",
    "至少": "EQUAL_OR_MORE",
}
REFERENCES: dict[str, str] = {
    "目前": "PRESENT_REF",
    "当前": "PRESENT_REF",
    "现在": "PRESENT_REF",
    "如今": "PRESENT_REF",
    "眼下": "PRESENT_REF",
    "未来": "FUTURE_REF",
    "将来": "FUTURE_REF",
    "过去": "PAST_REF",
}
SEASONS: dict[str, str] = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
#: Chinese words the rules capture -> the English word the shared reader knows.
WORDS: dict[str, str] = {
    "上": "last",
    "上个": "last",
    "去": "last",
    "下": "next",
    "下个": "next",
    "明": "next",
    "本": "this",
    "这": "this",
    "这个": "this",
    "今": "this",
    "今年": "this",
    "去年": "last",
    "明年": "next",
    "周": "week",
    "星期": "week",
    "礼拜": "week",
    "月": "month",
    "个月": "month",
    "年": "year",
    "天": "day",
    "日": "day",
    "小时": "hour",
    "分钟": "minute",
    "前": "ago",
    "以前": "ago",
    "之前": "ago",
    "后": "later",
    "以后": "later",
    "之后": "later",
    "次日": "the next day",
    "翌日": "the next day",
    "第二天": "the next day",
    "前一天": "the day before",
    "当天": "the same day",
    "当日": "the same day",
    "同日": "the same day",
    "同一天": "the same day",
}

RULES: tuple[tuple[str, str], ...] = (
    # "5月27日至29日", "2025年5月27日到6月2日"
    (
        "range",
        rf"(?:(?P<y1>{_YEAR}){_S}年{_S})?(?P<m1>{_MONTH}){_S}月{_S}(?P<d1>{_DAY}){_S}{_DAY_MARK}?"
        rf"\s*(?:至|到|-|–|—|~)\s*(?:(?P<y2>{_YEAR}){_S}年{_S})?(?:(?P<m2>{_MONTH}){_S}月{_S})?"
        rf"(?P<d2>{_DAY}){_S}{_DAY_MARK}",
    ),
    # "2019年至2021年", "2019-2021年"
    (
        "year range",
        rf"(?P<ya>{_YEAR}){_S}年?\s*(?:至|到|-|–|—)\s*(?P<yb>{_YEAR}){_S}年"
        rf"|(?P<yc>{_NEVER})(?P<yd>{_NEVER})",
    ),
    # "2025年6月4日", "6月4日", "6月4号"
    (
        "month-day-year",
        rf"(?:(?P<y>{_YEAR}){_S}年{_S})?(?P<m>{_MONTH}){_S}月{_S}(?P<d>{_DAY}){_S}{_DAY_MARK}",
    ),
    ("iso date", r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    # "2025年6月", "2025年6月底"
    (
        "month-year",
        rf"(?P<y>{_YEAR}){_S}年{_S}(?P<m>{_MONTH}){_S}月份?(?P<mod>初|上旬|中旬|下旬|底|末)?"
        rf"(?!{_S}(?:\d|{_DAY_MARK}))",
    ),
    # "6月", "6月初", "6月份"
    (
        "month",
        rf"(?P<body>(?P<rel>{_NEVER})?(?P<m>{_MONTH}){_S}月份?(?P<mod>初|上旬|中旬|下旬|底|末)?)"
        rf"(?!{_S}(?:[\d{_CN_DIGITS}十]|{_DAY_MARK}))"
        rf"|(?P<body2>(?P<rel2>{_NEVER})(?P<mod2>{_NEVER})(?P<m2>{_NEVER}))",
    ),
    # "上世纪90年代", "20世纪80年代", "2010年代", a decade of another century ("19 世纪 80 年代"
    # is the 1880s: `cn` names the century)
    (
        "decade",
        rf"(?:上世纪|(?P<cn>1[7-9]|2[01]){_S}世纪{_S}|(?<!世纪))(?P<c2>[1-9])0{_S}年代"
        rf"|(?P<c>1[6-9]\d|20\d)0{_S}年代",
    ),
    # "今年第三季度", "2025年第一季度"
    (
        "quarter",
        rf"(?:(?P<y>{_YEAR}){_S}年|(?P<rel>今年|去年|明年))?第(?P<q>[一二三四1-4])季度"
        rf"(?P<y2>{_NEVER})?(?P<y3>{_NEVER})?(?P<qn>{_NEVER})?(?P<qrel>{_NEVER})?",
    ),
    # "2025年", "2025年初", "2024年底"
    ("year", rf"(?P<y>{_YEAR}){_S}年(?P<mod>初|底|末|中)?(?!代)"),
    # "周四", "上周四" (Thursday of last week), "下星期一"
    (
        "weekday",
        rf"(?P<rel>{_NEVER})?(?P<week>上个?|下个?|本|这个?)?(?P<w>{_WEEKDAY})(?P<pod>{_POD})?",
    ),
    (
        "day word",
        rf"(?P<word>前天|昨天|昨日|昨晚|今天|今日|今晨|今晚|明天|明日|后天)(?P<pod>{_POD})?",
    ),
    ("previous day", r"(?P<word>次日|翌日|第二天|前一天|当天|当日|同日|同一天)"),
    # "上周", "本月", "今年", "去年", "明年年底"
    (
        "period",
        r"(?P<rel>上个?|下个?|本|这个?|今|去|明)(?P<u>周|星期|礼拜|月|年)"
        r"(?P<pre>年初|年底|年末|年中|月初|月底|月末|初|底|末)?",
    ),
    ("century", r"(?P<n>1\d|2[01]|[1-9])世纪(?P<mod>初|中叶|末)?"),
    # "三天前", "两年后", "3个月之前"
    ("shift", rf"(?P<n>{_NUM}){_S}(?P<u>{_UNIT})(?P<dir>以前|之前|以后|之后|前|后)(?!往)"),
    # "三年来", "过去两周", "24小时", "两年半"
    (
        "duration",
        rf"(?:过去的?|最近|未来的?)?(?:(?P<mod>约|大约|将近|近|不到|超过|至少))?(?<![\d.])"
        rf"(?P<n>{_NUM}){_S}(?P<u>{_UNIT})(?P<half>半)?(?![前后年代])",
    ),
    ("reference", r"(?P<word>目前|当前|现在|如今|眼下|未来|将来|过去)"),
    # "每天", "每周四", "每年"
    (
        "set",
        # "每小时 100 英里" is a speed, not a set: no figure right after
        rf"每个?(?P<every>{_WEEKDAY}|天|日|周|星期|月|年|小时)(?![ \t]?\d)"
        rf"(?P<other>{_NEVER})?(?P<times>{_NEVER})?(?P<per>{_NEVER})?(?P<ly>{_NEVER})?",
    ),
    # "今年夏天", "2024年冬季", "春季"
    (
        "season",
        rf"(?:(?P<y>{_YEAR}){_S}年|(?P<rel>今年|去年|明年))?(?P<the>{_NEVER})?(?P<mod>{_NEVER})?"
        r"(?P<s>春|夏|秋|冬)(?:天|季)(?!节)",
    ),
    # "15时30分", "15:30", "9点30分", "5点半", "15时", "5点钟", "下午3点" (a bare "3点" can
    # be "three points": 点 alone needs a part of the day before it)
    (
        "clock time",
        rf"(?:(?P<pod>{_POD}){_S}|(?P<after>(?<={_POD})))?(?P<h24>[01]?\d|2[0-3])"
        rf"(?:(?:[:：]|{_S}(?:时|点){_S})(?P<min24>[0-5]?\d)(?:{_S}分)?(?!钟)"
        rf"|{_S}(?:时|点){_S}(?P<half>半)|{_S}(?:时|点钟)(?![间代])"
        rf"|{_S}点(?(pod)|(?(after)|(?!))))"
        rf"(?P<h>{_NEVER})?(?P<min>{_NEVER})?(?P<ampm>{_NEVER})?(?P<zone>{_NEVER})?"
        rf"(?P<zone24>{_NEVER})?",
    ),
)

GRAMMAR = Grammar(
    language="zh",
    rules=RULES,
    caseless=frozenset(),
    # Figures stay whole: no match starts inside a number or ends before another digit.
    edge_left=r"(?<![\d.])",
    edge_right=r"(?!\d)",
    months=MONTHS,
    weekdays=WEEKDAYS,
    number_words=NUMBER_WORDS,
    vague_counts=("几", "数", "多"),
    quarters={"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4},
    quarter_shifts={"": -1},
    day_words=DAY_WORDS,
    duration_mods=DURATION_MODS,
    point_mods=POINT_MODS,
    references=REFERENCES,
    seasons=SEASONS,
    parts_of_day=PARTS_OF_DAY,
    set_units={"天": "day", "日": "day", "周": "week", "星期": "week", "月": "month", "年": "year"},
    words=WORDS,
    # "2025年" is a year by its 年; nothing more is needed before it.
    year_context=re.compile(""),
    season_context=re.compile(""),
    # A year naming an election, a games, a season, a budget or a titled law or report
    # ("2020 年总统大选", "2009年《金融条例》") qualifies it, as English "the 2020 presidential
    # election", whose year does not date the narrative (anchoring.Resolver); a year before
    # any other word may be the time of the clause ("2020年发生了疫情"), so the list is short.
    year_modifier_after=re.compile(
        r"\s?(?:《|总统大选|总统选举|中期选举|大选|选举|奥运会|冬奥会|世界杯|赛季|财年|预算|人口普查)"
    ),
    # 凌晨 and 早上 are before noon; 晚上12点 is midnight, left at 12.
    after_noon=frozenset({"中午", "下午", "傍晚", "晚上", "晚间"}),
)
