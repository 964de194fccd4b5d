"""SemEval-2020 Task 11 scoring, written from the task's description (see the PTC README).

SI: gold spans of an article are merged where they overlap, predictions too;
every (predicted, gold) pair earns precision credit `|s∩t|/|s|` and recall
credit `|s∩t|/|t|`; P and R average the credits over all predicted and all
gold spans.

TC: every gold span has one prediction; labels of identical spans are matched
as multisets (so their order does not matter); micro-F1 is then accuracy.

>>> si_score({"1": [(0, 10)]}, {"1": [(5, 10)]}).f1
0.6666666666666666
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from presslens.brief import TECHNIQUES
from presslens.errors import DataDirError
from presslens.semeval.data import merge


@dataclass(frozen=True)
class SiScore:
    """Span identification precision, recall and F1 with partial-overlap credit."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


def si_score(
    gold: Mapping[str, Iterable[tuple[int, int]]],
    predicted: Mapping[str, Iterable[tuple[int, int]]],
) -> SiScore:
    """Score predicted spans against gold, per article id; gold articles missing from
    `predicted` count in the recall denominator."""
    precision_credit = recall_credit = 0.0
    n_pred = n_gold = 0
    for key in set(gold) | set(predicted):
        gold_spans = merge(gold.get(key, ()))
        pred_spans = merge(predicted.get(key, ()))
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        for s_start, s_end in pred_spans:
            for t_start, t_end in gold_spans:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_credit += overlap / (s_end - s_start)
                    recall_credit += overlap / (t_end - t_start)
    if n_pred == 0 and n_gold == 0:
        return SiScore(1.0, 1.0, 1.0, 0, 0)
    precision = precision_credit / n_pred if n_pred else 0.0
    recall = recall_credit / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return SiScore(precision, recall, f1, n_pred, n_gold)


@dataclass(frozen=True)
class TcScore:
    """Technique classification micro-F1 and per-technique F1."""

    micro_f1: float
    per_technique: dict[str, float] = field(default_factory=dict)
    spans: int = 0


LabelledSpan = tuple[str, int, int, str]  # article id, start, end, technique


def tc_score(gold: Sequence[LabelledSpan], predicted: Sequence[LabelledSpan]) -> TcScore:
    """Micro-F1 over spans; predictions must cover exactly the gold spans (duplicates included)."""
    gold_groups: dict[tuple[str, int, int], Counter[str]] = {}
    pred_groups: dict[tuple[str, int, int], Counter[str]] = {}
    for groups, spans in ((gold_groups, gold), (pred_groups, predicted)):
        for key, start, end, label in spans:
            groups.setdefault((key, start, end), Counter())[label] += 1
    for span, labels in gold_groups.items():
        found = pred_groups.get(span, Counter())
        if found.total() != labels.total():
            raise DataDirError(
                f"article {span[0]} span {span[1]}-{span[2]}: {labels.total()} gold label(s), "
                f"{found.total()} predicted"
            )
    if set(pred_groups) - set(gold_groups):
        raise DataDirError("predictions hold spans that are not in the gold file")
    correct: Counter[str] = Counter()
    gold_count: Counter[str] = Counter(label for *_span, label in gold)
    pred_count: Counter[str] = Counter(label for *_span, label in predicted)
    for span, labels in gold_groups.items():
        # Multiset intersection: the best re-ordering of labels on identical spans.
        correct.update(labels & pred_groups[span])
    total = len(gold)
    micro = correct.total() / total if total else 1.0
    per_technique = {}
    for technique in TECHNIQUES:
        tp = correct[technique]
        p = tp / pred_count[technique] if pred_count[technique] else 0.0
        r = tp / gold_count[technique] if gold_count[technique] else 0.0
        per_technique[technique] = 2 * p * r / (p + r) if p and r else 0.0
    return TcScore(micro, per_technique, total)
