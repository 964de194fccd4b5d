"""The Chinese bits of the `artifacts` layer: placeholders and republication furniture.

* `placeholder`: 有关国家, 某国, 相关方面, 个别国家... (`lexicons/zh/placeholders.txt`),
  counted only on whole jieba words, the trace a Chinese edition leaves where it removed
  a country's name;
* `boilerplate`: lines (or bracketed stretches) opened by 原标题, 来源, 免责声明, 责任编辑
  and a colon (`lexicons/zh/boilerplate_labels.txt`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from presslens import lexicon
from presslens.brief import Artifact

#: A gloss in brackets (the Latin spelling of a name) is no longer than this either side.
MAX_GLOSS_CHARS = 80
#: A furniture line is short; a longer line that opens with 来源： is prose.
MAX_LINE_CHARS = 200


@lru_cache(maxsize=1)
def _placeholder_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon.lines("artifacts", "placeholders.txt", language="zh"), key=len)
    return re.compile("|".join(re.escape(p) for p in reversed(phrases)))


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    labels = sorted(lexicon.lines("artifacts", "boilerplate_labels.txt", language="zh"), key=len)
    alternation = "|".join(re.escape(label) for label in reversed(labels))
    line = re.compile(rf"^[ \t]*(?:{alternation})[ \t]*[:：][^\n]*$", re.MULTILINE)
    bracketed = re.compile(rf"[（(](?:{alternation})[:：][^（()）\n]*[)）]")
    return line, bracketed


def chinese_placeholders(text: str, doc: Doc) -> Iterator[Artifact]:
    """Placeholder phrases that begin and end on jieba word boundaries."""
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    matches = [
        m for m in _placeholder_pattern().finditer(text) if m.start() in starts and m.end() in ends
    ]
    counts = Counter(m.group() for m in matches)
    for match in matches:
        yield Artifact(
            match.start(),
            match.end(),
            "placeholder",
            f"vague stand-in ({counts[match.group()]}x in this text) where a Chinese edition "
            "may have removed a name (有关国家 'relevant countries', 某国 'a certain country')",
        )


def chinese_boilerplate(text: str) -> Iterator[Artifact]:
    """Lines and bracketed stretches of republication furniture."""
    line, bracketed = _label_patterns()
    for match in line.finditer(text):
        stripped = match.group().strip()
        if len(stripped) <= MAX_LINE_CHARS:
            start = match.start() + match.group().index(stripped)
            label = stripped.split("：")[0].split(":")[0].strip()
            yield Artifact(start, start + len(stripped), "boilerplate", f"'{label}' line")
    for match in bracketed.finditer(text):
        yield Artifact(
            match.start(), match.end(), "boilerplate", "bracketed original title or source"
        )


def in_brackets(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one line's round brackets (a gloss: （Darren Moss）),
    looking no further than `MAX_GLOSS_CHARS` either side."""
    window = text[max(0, start - MAX_GLOSS_CHARS) : start]
    opened = max(window.rfind("（"), window.rfind("("))
    if opened < 0 or any(c in window[opened:] for c in "\n)）"):
        return False
    after = text[end : end + MAX_GLOSS_CHARS]
    closing = min((i for i in (after.find("）"), after.find(")")) if i >= 0), default=-1)
    return closing >= 0 and "\n" not in after[:closing] and "（" not in after[:closing]
