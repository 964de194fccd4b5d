"""Evaluation: time expressions (detection and value) on the MEANTIME English corpus.

Each CAT XML document is rebuilt as text from its tokens (with a token -> char
offset map), analysed with only the `timeline` layer and the document creation
time (the TIMEX3 with functionInDocument="CREATION_TIME") as the publication
date, and scored against its TIMEX3 markables:

- detection (in the annotated part, see `ANNOTATED_SENTENCES`): a predicted
  expression matches a gold TIMEX3 when their character spans overlap
  (relaxed) or are equal (strict); precision over predictions, recall over
  gold TIMEX3s.
- value accuracy: among gold TIMEX3s matched (relaxed) by a prediction, the
  creation time itself excluded, the share whose value equals the gold value
  at the gold value's granularity: the prediction is cut to the length of the
  gold value's date/time part ("2009-06-03" counts for gold "2009-06"), and a
  TimeML part-of-day suffix on the gold ("2010-07-16TMO") is left out of the
  comparison because the brief's ISO values have none; a gold quarter
  ("2009-Q3") matches its first month ("2009-07"), as presslens wrote quarters
  before it wrote TimeML's "2009-Q3" (which matches too). Durations and the
  TimeML placeholders (PRESENT_REF, XXXX-XX-XX...) must match exactly.
  `value_accuracy_exact` reports plain string equality.

    presslens evaluate meantime /work/shared/data/meantime-en
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from presslens.errors import DataDirError
from presslens.evaluation.spans import detection, ratio
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle
from presslens.settings import Settings

# Tokens written without a space before them / after them when rebuilding text.
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "n't", "'re", "'ve", "'ll"}
_NO_SPACE_AFTER = {"(", "[", "$", "£", "€"}
# MEANTIME annotates time expressions in the headline, the dateline and the first
# four body sentences only (CAT sentence numbers 0-5; no TIMEX3 of the 120 English
# documents lies in a later sentence, while events go on). Predictions after that are
# not scored, or every later "today" would count as a false positive.
ANNOTATED_SENTENCES = 6
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI|DT)$")
_DATE_VALUE = re.compile(r"\d{2,4}(?:-(?:\d\d|W\d\d|Q\d))?(?:-\d\d)?(?:T\d\d:\d\d)?Z?")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: its character span in the rebuilt text, value and type."""

    start: int
    end: int
    value: str
    type: str
    creation_time: bool


@dataclass(frozen=True)
class GoldDocument:
    """A MEANTIME document rebuilt as text, with its gold TIMEX3s and creation time."""

    name: str
    text: str
    timexes: tuple[GoldTimex, ...]
    creation_time: str | None
    #: Where the part of the text annotated for time expressions ends.
    scored_end: int


def read_document(path: Path) -> GoldDocument:
    """Rebuild one CAT XML document's text and map its TIMEX3 markables onto it."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise DataDirError(f"{path}: not CAT XML ({err})") from None
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length = 0
    previous_sentence: str | None = None
    previous_token = ""
    scored_end: int | None = None
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if previous_sentence is None:
            gap = ""
        elif sentence != previous_sentence and previous_sentence in ("0", "1"):
            gap = "\n\n"  # the headline and the dateline stand apart from the body
        elif word in _NO_SPACE_BEFORE or previous_token in _NO_SPACE_AFTER:
            gap = ""
        else:
            gap = " "
        if scored_end is None and int(sentence or 0) >= ANNOTATED_SENTENCES:
            scored_end = length
        pieces.append(gap + word)
        length += len(gap)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        length += len(word)
        previous_sentence, previous_token = sentence, word
    text = "".join(pieces)
    timexes = []
    markables = root.find("Markables")
    for timex in markables.iter("TIMEX3") if markables is not None else ():
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if not spans:
            continue
        timexes.append(
            GoldTimex(
                start=min(s for s, _e in spans),
                end=max(e for _s, e in spans),
                value=timex.get("value", ""),
                type=timex.get("type", ""),
                creation_time=timex.get("functionInDocument") == "CREATION_TIME",
            )
        )
    creation = next((t.value for t in timexes if t.creation_time), None)
    return GoldDocument(
        path.stem, text, tuple(timexes), _iso_day(creation), scored_end or len(text)
    )


def _iso_day(value: str | None) -> str | None:
    """The creation time as YYYY-MM-DD. One document writes it DD-MM-YYYY ("03-02-2009",
    dateline "February 03, 2009"); anything else unreadable is dropped."""
    if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    swapped = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value or "")
    return f"{swapped[3]}-{swapped[2]}-{swapped[1]}" if swapped else None


def value_matches(predicted: str, gold: str) -> bool:
    """True when `predicted` equals `gold` at the gold value's granularity (module docstring)."""
    if predicted == gold:
        return True
    gold = _PART_OF_DAY.sub("", gold)
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", gold)
    if quarter:  # presslens writes a quarter as the range of its months
        gold = f"{quarter[1]}-{3 * int(quarter[2]) - 2:02d}"
    if not _DATE_VALUE.fullmatch(gold):
        return predicted == gold
    return predicted[: len(gold)] == gold


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Score the timeline layer on every MEANTIME document under `data_dir`."""
    paths = sorted(data_dir.rglob("*.xml"))
    if not paths:
        raise DataDirError(f"no MEANTIME CAT XML files under {data_dir}")
    began = time.perf_counter()
    counts: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for document in (read_document(path) for path in paths):
        settings = Settings(layers=frozenset({"timeline"}), published=document.creation_time)
        raw = RawArticle(text=document.text, origin=document.name)
        (brief,) = analyze_raw([raw], settings)
        if isinstance(brief, Exception):
            raise brief
        predicted = [
            (t.start, t.end, t.value or "") for t in brief.timeline if t.start < document.scored_end
        ]
        _score_document(document, predicted, counts, misses)
    seconds = time.perf_counter() - began
    scores = _scores(counts)
    out.write(f"MEANTIME English: {len(paths)} documents, {counts['gold']} gold TIMEX3s, ")
    out.write(f"{counts['predicted']} predicted, {seconds:.1f}s\n")
    for name, value in scores.items():
        out.write(f"  {name:28} {value:.4f}\n")
    out.write("  most frequent wrong values (text: predicted / gold):\n")
    for miss, count in misses.most_common(12):
        out.write(f"    {count:3}  {miss}\n")
    return scores


def _score_document(
    document: GoldDocument,
    predicted: list[tuple[int, int, str]],
    counts: Counter[str],
    misses: Counter[str],
) -> None:
    counts["gold"] += len(document.timexes)
    counts["predicted"] += len(predicted)
    for start, end, _value in predicted:
        if any(start < g.end and g.start < end for g in document.timexes):
            counts["predicted_relaxed"] += 1
        if any(start == g.start and end == g.end for g in document.timexes):
            counts["predicted_strict"] += 1
    for gold in document.timexes:
        overlapping = [p for p in predicted if p[0] < gold.end and gold.start < p[1]]
        if not overlapping:
            continue
        counts["gold_relaxed"] += 1
        if any(p[0] == gold.start and p[1] == gold.end for p in overlapping):
            counts["gold_strict"] += 1
        if gold.creation_time:
            continue
        best = max(overlapping, key=lambda p: min(p[1], gold.end) - max(p[0], gold.start))
        counts["valued"] += 1
        if value_matches(best[2], gold.value):
            counts["value_right"] += 1
        else:
            surface = document.text[gold.start : gold.end]
            misses[f"{surface!r}: {best[2]} / {gold.value}"] += 1
        if best[2] == gold.value:
            counts["value_exact"] += 1


def _scores(counts: Counter[str]) -> dict[str, float]:
    found = detection(counts)
    return {
        "detection_f1": found["f1"],
        "detection_precision": found["precision"],
        "detection_recall": found["recall"],
        "detection_f1_strict": found["strict_f1"],
        "value_accuracy": ratio(counts, "value_right", "valued"),
        "value_accuracy_exact": ratio(counts, "value_exact", "valued"),
    }
