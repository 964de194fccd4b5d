"""Evaluation: Russian named entities (PER, ORG, LOC) on the factRuEval-2016 development set.

Each `book_N.txt` is analysed with only the `entities` layer (it is routed to the
Russian pipeline by its language) and every entity mention is scored against the
gold mentions of `book_N.objects` built from `book_N.spans`:

- types: Person -> PER, Org -> ORG, Location and LocOrg -> LOC (LocOrg, a place as
  an actor, folded into LOC); Project and Facility are not scored. The brief's
  PERSON, ORG and LOC/GPE mentions are PER, ORG and LOC; other types are not scored.
- a gold mention's extent runs from its first span's start to its last span's end.
- name mentions (the headline figure): gold mentions whose spans are all names
  (`NAME_SPAN_TYPES`). A prediction counts right when its (start, end, type) equals
  a name mention's; a prediction that equals none but overlaps a gold mention of the
  same type holding a descriptor ("мэрии Москвы") or no name at all ("компании")
  counts neither way; any other prediction is wrong. Gold name mentions no
  prediction equals are missed.
- all mentions: exact (start, end, type) F1 against every gold mention.

    presslens evaluate factru /work/shared/data/factru-dev
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from presslens.brief import Brief
from presslens.errors import DataDirError
from presslens.evaluation.spans import f1, ratio
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle
from presslens.settings import Settings

#: factRuEval object types -> the types scored.
GOLD_TYPES: dict[str, str] = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
#: The brief's entity types -> the types scored.
PREDICTED_TYPES: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
#: Span types that are (parts of) names; a mention built only of these is a name mention.
NAME_SPAN_TYPES = frozenset({"name", "surname", "patronymic", "nickname", "org_name", "loc_name"})
SCORED_TYPES = ("PER", "ORG", "LOC")

Mention = tuple[int, int, str]


@dataclass(frozen=True)
class GoldMention:
    """One gold entity mention: its extent, scored type, and whether it is all name."""

    start: int
    end: int
    type: str
    is_name: bool


def read_gold(objects_text: str, spans_text: str) -> list[GoldMention]:
    """The scored gold mentions of one text, from its `.objects` and `.spans` files."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in spans_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 4:
            span_id, kind, start, length = fields[:4]
            spans[span_id] = (kind, int(start), int(start) + int(length))
    mentions = []
    for line in objects_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) < 3 or fields[1] not in GOLD_TYPES:
            continue
        parts = [spans[span_id] for span_id in fields[2:] if span_id in spans]
        if not parts:
            continue
        mentions.append(
            GoldMention(
                start=min(start for _kind, start, _end in parts),
                end=max(end for _kind, _start, end in parts),
                type=GOLD_TYPES[fields[1]],
                is_name=all(kind in NAME_SPAN_TYPES for kind, _start, _end in parts),
            )
        )
    return mentions


def predicted_mentions(brief: Brief) -> set[Mention]:
    """Every scored entity mention of a brief as (start, end, type)."""
    return {
        (mention.start, mention.end, PREDICTED_TYPES[entity.type])
        for entity in brief.entities
        if entity.type in PREDICTED_TYPES
        for mention in entity.mentions
    }


def score_text(gold: list[GoldMention], predicted: Iterable[Mention]) -> Counter[str]:
    """Counts for one text: `tp_<T>`, `fp_<T>`, `fn_<T>`, `neutral_<T>` over name mentions,
    `all_tp`, `all_predicted`, `all_gold` over all mentions."""
    counts: Counter[str] = Counter()
    names = {(g.start, g.end, g.type) for g in gold if g.is_name}
    others = [g for g in gold if not g.is_name]
    everything = {(g.start, g.end, g.type) for g in gold}
    predicted = set(predicted)
    for start, end, kind in predicted:
        if (start, end, kind) in names:
            counts[f"tp_{kind}"] += 1
        elif any(g.type == kind and g.start < end and start < g.end for g in others):
            counts[f"neutral_{kind}"] += 1
        else:
            counts[f"fp_{kind}"] += 1
    for _start, _end, kind in names - predicted:
        counts[f"fn_{kind}"] += 1
    counts["all_tp"] += len(predicted & everything)
    counts["all_predicted"] += len(predicted)
    counts["all_gold"] += len(everything)
    return counts


def scores(counts: Counter[str]) -> dict[str, float]:
    """Micro P/R/F1 over name mentions, F1 per type, and the all-mentions exact F1."""
    out: dict[str, float] = {}
    counts = Counter(counts)
    for kind in SCORED_TYPES:
        counts["tp"] += counts[f"tp_{kind}"]
        counts["fp"] += counts[f"fp_{kind}"]
        counts["fn"] += counts[f"fn_{kind}"]
    for kind in ("", *SCORED_TYPES):
        suffix = f"_{kind}" if kind else ""
        tp = counts[f"tp{suffix}"]
        precision = tp / (tp + counts[f"fp{suffix}"]) if tp + counts[f"fp{suffix}"] else 0.0
        recall = tp / (tp + counts[f"fn{suffix}"]) if tp + counts[f"fn{suffix}"] else 0.0
        if kind:
            out[f"{kind.lower()}_f1"] = f1(precision, recall)
        else:
            out.update(name_f1=f1(precision, recall), name_precision=precision)
            out["name_recall"] = recall
    all_precision = ratio(counts, "all_tp", "all_predicted")
    all_recall = ratio(counts, "all_tp", "all_gold")
    out["all_mentions_f1"] = f1(all_precision, all_recall)
    return out


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Score the entities layer on every text of factRuEval-2016 dev."""
    folder = data_dir / "devset" if (data_dir / "devset").is_dir() else data_dir
    paths = sorted(folder.glob("book_*.txt"))
    if not paths:
        raise DataDirError(f"no factRuEval book_*.txt files in {folder}")
    settings = Settings(layers=frozenset({"entities"}))
    raws = [RawArticle(text=path.read_text(encoding="utf-8"), origin=path.name) for path in paths]
    began = time.perf_counter()
    counts: Counter[str] = Counter()
    for path, brief in zip(paths, analyze_raw(raws, settings), strict=True):
        if not isinstance(brief, Brief):
            raise DataDirError(f"{path.name}: {brief}")
        if brief.document.language != "ru":
            counts["not_routed_ru"] += 1
        gold = read_gold(
            path.with_suffix(".objects").read_text(encoding="utf-8"),
            path.with_suffix(".spans").read_text(encoding="utf-8"),
        )
        counts.update(score_text(gold, predicted_mentions(brief)))
    seconds = time.perf_counter() - began
    result = scores(counts)
    out.write(f"factRuEval-2016 dev: {len(paths)} texts, {seconds:.1f}s")
    out.write(f", {counts['not_routed_ru']} not routed to Russian\n")
    for kind in SCORED_TYPES:
        tp, fp, fn = (counts[f"{n}_{kind}"] for n in ("tp", "fp", "fn"))
        neutral = counts[f"neutral_{kind}"]
        out.write(f"  {kind}: right {tp}, wrong {fp}, missed {fn}, neither way {neutral}\n")
    for name, value in result.items():
        out.write(f"  {name:18} {value:.4f}\n")
    return result
