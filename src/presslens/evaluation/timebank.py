"""Evaluation: time expressions on TimeBank+AQUAINT (TempEval-3 training data), its figures.

Each TimeML `.tml` file gives an article (the `<TEXT>` element with its tags
removed and entities decoded) with inline TIMEX3s, and its document creation
time (the DCT), which is passed to the timeline as the publication date, as
TempEval-3 gave it to systems. Scores follow TempEval-3 (UzZaman et al., 2013):

- strict / relaxed detection P, R, F1: a prediction matches a gold TIMEX3 when
  the character spans are equal (strict) or overlap (relaxed);
- value F1: a relaxed-matched gold TIMEX3 counts when the prediction's value is
  exactly the gold TimeML value; precision over predictions, recall over gold;
- type accuracy: among relaxed-matched gold TIMEX3s, the share whose type
  (DATE, TIME, DURATION, SET) is right.

The brief gives a range as one item with a value and an `end_value`; TimeML
writes its two ends as two TIMEX3s, so a range is scored as two predictions,
split at its connector ("from Aug. 26 | to | Oct. 20").

The report ends with the commonest wrong values and missed expressions, so the
work can be driven by them. All 256 files are TempEval-3's *training* side;
TempEval-3's own held-out articles are elsewhere.

    presslens evaluate timebank /work/shared/data/timebank-aquaint
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from presslens.brief import TimeExpression
from presslens.errors import DataDirError
from presslens.evaluation.spans import detection, f1, ratio
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle
from presslens.settings import Settings

#: Where a range splits into its two ends: the connector between them.
_RANGE_JOINT = re.compile(r"\s*(?:-|–|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)\s*")

#: How many of the commonest errors of each kind the report lists.
REPORTED_ERRORS = 15


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: its character span in the article text, TimeML type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldArticle:
    """A TimeML article as plain text, with its gold TIMEX3s and creation time (YYYY-MM-DD)."""

    name: str
    text: str
    timexes: tuple[GoldTimex, ...]
    creation_time: str | None


def read_article(path: Path) -> GoldArticle:
    """The text of one `.tml` file's `<TEXT>` with its tags removed, and its TIMEX3 offsets."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise DataDirError(f"{path}: not TimeML XML ({err})") from None
    body = root.find("TEXT")
    if body is None:
        raise DataDirError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ET.Element) -> None:
        start = sum(len(p) for p in pieces)
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = sum(len(p) for p in pieces)
            timexes.append(GoldTimex(start, end, element.get("type", ""), element.get("value", "")))

    walk(body)
    dct = root.find("DCT/TIMEX3")
    creation = dct.get("value") if dct is not None else None
    day = re.match(r"\d{4}-\d\d-\d\d", creation or "")
    return GoldArticle(path.stem, "".join(pieces), tuple(timexes), day[0] if day else None)


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Score the timeline layer on every `.tml` article under `data_dir`."""
    paths = sorted(data_dir.rglob("*.tml"))
    if not paths:
        raise DataDirError(f"no TimeML .tml files under {data_dir}")
    began = time.perf_counter()
    counts: Counter[str] = Counter()
    errors: dict[str, Counter[str]] = {"value": Counter(), "missed": Counter(), "extra": Counter()}
    for article in (read_article(path) for path in paths):
        settings = Settings(layers=frozenset({"timeline"}), published=article.creation_time)
        raw = RawArticle(text=article.text, origin=article.name)
        (brief,) = analyze_raw([raw], settings)
        if isinstance(brief, Exception):
            raise brief
        score_article(article, brief.timeline, counts, errors)
    seconds = time.perf_counter() - began
    scores = scores_from(counts)
    out.write(f"TimeBank+AQUAINT: {len(paths)} articles, {counts['gold']} gold TIMEX3s, ")
    out.write(f"{counts['predicted']} predicted, {seconds:.1f}s\n")
    for name, value in scores.items():
        out.write(f"  {name:28} {value:.4f}\n")
    for kind, title in (
        ("value", "wrong values (text: predicted / gold)"),
        ("missed", "missed gold expressions (type: text)"),
        ("extra", "predictions matching no gold expression"),
    ):
        out.write(f"  commonest {title}:\n")
        for error, count in errors[kind].most_common(REPORTED_ERRORS):
            out.write(f"    {count:3}  {error}\n")
    return scores


def score_article(
    article: GoldArticle,
    predicted: tuple[TimeExpression, ...],
    counts: Counter[str],
    errors: dict[str, Counter[str]],
) -> None:
    """Add one article's matches to `counts` and its errors, by kind, to `errors`."""
    text = article.text
    predicted = tuple(piece for item in predicted for piece in range_ends(text, item))
    counts["gold"] += len(article.timexes)
    counts["predicted"] += len(predicted)
    for p in predicted:
        if any(p.start < g.end and g.start < p.end for g in article.timexes):
            counts["predicted_relaxed"] += 1
        else:
            errors["extra"][text[p.start : p.end].lower()] += 1
        if any(p.start == g.start and p.end == g.end for g in article.timexes):
            counts["predicted_strict"] += 1
    for gold in article.timexes:
        overlapping = [p for p in predicted if p.start < gold.end and gold.start < p.end]
        surface = " ".join(text[gold.start : gold.end].split())
        if not overlapping:
            errors["missed"][f"{gold.type}: {surface.lower()}"] += 1
            continue
        counts["gold_relaxed"] += 1
        if any(p.start == gold.start and p.end == gold.end for p in overlapping):
            counts["gold_strict"] += 1
        best = max(overlapping, key=lambda p: min(p.end, gold.end) - max(p.start, gold.start))
        if best.value == gold.value:
            counts["value_right"] += 1
        else:
            errors["value"][f"{surface!r}: {best.value} / {gold.value}"] += 1
        if best.type.upper() == gold.type:
            counts["type_right"] += 1


def range_ends(text: str, item: TimeExpression) -> tuple[TimeExpression, ...]:
    """A range item ("from Aug. 26 to Oct. 20": value and `end_value`) as the two TIMEX3s
    TimeML writes for it, split at its last connector; any other item as itself.

    >>> [(p.start, p.end, p.value) for p in range_ends("May 2 to 9", TimeExpression(
    ...     0, 10, "2025-05-02", "explicit", end_value="2025-05-09"))]
    [(0, 5, '2025-05-02'), (9, 10, '2025-05-09')]
    """
    if item.end_value is None:
        return (item,)
    joints = list(_RANGE_JOINT.finditer(text, item.start, item.end))
    if not joints:
        return (item,)
    joint = joints[-1]
    first = replace(item, end=joint.start(), end_value=None)
    last = replace(item, start=joint.end(), value=item.end_value, end_value=None)
    return (first, last)


def scores_from(counts: Counter[str]) -> dict[str, float]:
    """TempEval-3's figures from the match counts."""
    found = detection(counts)
    value_p = ratio(counts, "value_right", "predicted")
    value_r = ratio(counts, "value_right", "gold")
    return {
        "relaxed_f1": found["f1"],
        "relaxed_precision": found["precision"],
        "relaxed_recall": found["recall"],
        "strict_f1": found["strict_f1"],
        "value_f1": f1(value_p, value_r),
        "value_precision": value_p,
        "value_recall": value_r,
        "type_accuracy": ratio(counts, "type_right", "gold_relaxed"),
    }
