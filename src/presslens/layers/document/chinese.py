"""The publication date a Chinese text states about itself: its dateline or its date line.

Chinese agencies open a report with a dateline ending in 电 ("cable"): 新华社北京2025年
6月5日电; portals put the date on a line of its own or after a label (发布时间：2025-06-05,
2025年06月05日 10:20). A dateline without a year (新华社北京6月4日电) gives no date.

>>> chinese_dateline("新华社北京2025年6月5日电 外交部发言人毛宁5日表示。")
'2025-06-05'
"""

from __future__ import annotations

import re
from datetime import date

#: Characters at the head of the text where a dateline or date line is looked for.
DATELINE_WINDOW = 400
_DATE = r"(?P<y>20\d\d)\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日"
_DATELINE = re.compile(rf"{_DATE}\s?电")
_DATE_LINE = re.compile(
    rf"^[ \t]*(?:(?:发布时间|发布日期|日期|时间)[:：]\s*)?(?:{_DATE}|(?P<iso>20\d\d-\d\d-\d\d))"
    r"(?:\s+\d{1,2}:\d\d(?::\d\d)?)?[ \t]*$",
    re.MULTILINE,
)


def chinese_dateline(text: str) -> str | None:
    """The date of a Chinese dateline or date line near the top of `text`, as YYYY-MM-DD."""
    head = text[:DATELINE_WINDOW]
    found = _DATELINE.search(head) or _DATE_LINE.search(head)
    if found is None:
        return None
    if found.groupdict().get("iso"):
        year, month, day = (int(part) for part in found["iso"].split("-"))
    else:
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
