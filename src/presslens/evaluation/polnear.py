"""Evaluation: quotes and their speakers and cues on PolNeAR (attribution relations), dev split.

Each dev article is analysed with the `entities` and `quotes` layers and its
quotes are compared with the gold attributions of ONE annotator: the first id
in the `annotators` column of `metadata.tsv` (the README's suggestion; 2 of
the 84 articles were annotated by all six).

Tokens are the word tokens of the article text (runs of letters and digits,
`\\w+`); punctuation and quotation marks do not count, so whether a content
span includes its quotation marks or final full stop does not matter.

- content P/R/F1: per article, the set of tokens inside any predicted quote's
  content against the set inside any gold Content span; micro-averaged over
  all articles (the README's "role-level token-overlap").
- pairing: each predicted quote is paired with the gold attribution sharing
  the most content tokens with it, and each gold attribution with the
  predicted quote sharing the most (no pair when none is shared).
- source P/R/F1: precision over predicted quotes with a speaker span, whose
  paired gold attribution has a Source sharing a token with that span; recall
  over gold attributions with a Source, whose paired predicted quote has a
  speaker span sharing a token with it. A pronoun speaker is scored on the
  pronoun, as PolNeAR annotates it.
- cue P/R/F1: the same with the cue spans.
- attribution P/R/F1: a pair counts when the contents' token Dice is at least
  `ATTRIBUTION_MIN_DICE` and the sources agree (both absent, or overlapping);
  precision over predicted quotes, recall over gold attributions.

- speech recall: content, source and cue recall on the gold attributions whose cue
  holds a verb of saying of the layer's reporting-verb lexicon (`speech_cues`). The
  rest are stances ("called", "blamed": the layer's stance rules take some), beliefs,
  plans and deeds ("seems", "backed", "signed": by design no quotes, issue 12) and
  nouns or prepositions ("in", "decision"); precision has no such split, since
  predictions carry no gold cue.

Both the shipped layer and its rules alone (without the attribution model) are
scored and printed side by side; when the encoder is installed, the accurate profile
too (rules, attribution model and the encoder tagger of `layers/quotes/tagged.py`),
its scores prefixed `accurate_`.

    presslens evaluate polnear /work/shared/data/polnear
"""

from __future__ import annotations

import csv
import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from presslens.brief import Brief
from presslens.errors import DataDirError, PresslensError
from presslens.layers.quotes.attribution import rules_only
from presslens.layers.quotes.parts import reporting_verbs
from presslens.models import encoder
from presslens.nlp import load_pipeline
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle
from presslens.settings import DEFAULT_PIPELINE, ProfileName, Settings

SPLIT = "dev"
# Half of the two contents' tokens shared: the same attribution, cut differently.
ATTRIBUTION_MIN_DICE = 0.5
_WORD = re.compile(r"\w+")
LAYERS = frozenset({"entities", "quotes"})

TokenSet = frozenset[int]


@dataclass(frozen=True)
class Attribution:
    """One attribution as token sets: what was said, by whom, with which cue."""

    content: TokenSet
    source: TokenSet = frozenset()
    cue: TokenSet = frozenset()


@dataclass
class Tally:
    """Counts behind every score, summed over articles."""

    content_tp: int = 0
    content_pred: int = 0
    content_gold: int = 0
    role_tp: dict[str, int] = field(default_factory=lambda: {"source": 0, "cue": 0})
    role_pred: dict[str, int] = field(default_factory=lambda: {"source": 0, "cue": 0})
    role_gold_tp: dict[str, int] = field(default_factory=lambda: {"source": 0, "cue": 0})
    role_gold: dict[str, int] = field(default_factory=lambda: {"source": 0, "cue": 0})
    attribution_pred_tp: int = 0
    attribution_gold_tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> None:
        """Score one article's predicted attributions against its gold ones."""
        gold_tokens = frozenset().union(*(g.content for g in gold))
        pred_tokens = frozenset().union(*(p.content for p in predicted))
        self.content_tp += len(gold_tokens & pred_tokens)
        self.content_pred += len(pred_tokens)
        self.content_gold += len(gold_tokens)
        self.predicted += len(predicted)
        self.gold += len(gold)
        for pred in predicted:
            pair = _best_pair(pred, gold)
            for role in ("source", "cue"):
                mine = getattr(pred, role)
                if mine:
                    self.role_pred[role] += 1
                    if pair is not None and mine & getattr(pair, role):
                        self.role_tp[role] += 1
            if pair is not None and _same_attribution(pred, pair):
                self.attribution_pred_tp += 1
        for wanted in gold:
            pair = _best_pair(wanted, predicted)
            for role in ("source", "cue"):
                theirs = getattr(wanted, role)
                if theirs:
                    self.role_gold[role] += 1
                    if pair is not None and theirs & getattr(pair, role):
                        self.role_gold_tp[role] += 1
            if pair is not None and _same_attribution(pair, wanted):
                self.attribution_gold_tp += 1

    def scores(self) -> dict[str, float]:
        """Precision, recall and F1 of every role, and of whole attributions."""
        out: dict[str, float] = {}
        out.update(
            _prf("content", self.content_tp, self.content_pred, self.content_tp, self.content_gold)
        )
        for role in ("source", "cue"):
            out.update(
                _prf(
                    role,
                    self.role_tp[role],
                    self.role_pred[role],
                    self.role_gold_tp[role],
                    self.role_gold[role],
                )
            )
        out.update(
            _prf(
                "attribution",
                self.attribution_pred_tp,
                self.predicted,
                self.attribution_gold_tp,
                self.gold,
            )
        )
        return out


def _prf(name: str, tp_p: int, pred: int, tp_r: int, gold: int) -> dict[str, float]:
    precision = tp_p / pred if pred else 0.0
    recall = tp_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_precision": precision, f"{name}_recall": recall, f"{name}_f1": f1}


def _best_pair(item: Attribution, others: Iterable[Attribution]) -> Attribution | None:
    best, best_shared = None, 0
    for other in others:
        shared = len(item.content & other.content)
        if shared > best_shared:
            best, best_shared = other, shared
    return best


def _same_attribution(pred: Attribution, gold: Attribution) -> bool:
    dice = 2 * len(pred.content & gold.content) / (len(pred.content) + len(gold.content))
    if dice < ATTRIBUTION_MIN_DICE:
        return False
    if not pred.source and not gold.source:
        return True
    return bool(pred.source & gold.source)


class Tokens:
    """The word tokens of one text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.ends = [end for _start, end in self.spans]

    def inside(self, spans: Iterable[tuple[int, int]]) -> TokenSet:
        """Tokens overlapping any of the character spans."""
        found: set[int] = set()
        for start, end in spans:
            i = bisect_right(self.ends, start)
            while i < len(self.spans) and self.spans[i][0] < end:
                found.add(i)
                i += 1
        return frozenset(found)


def read_brat(ann: str, tokens: Tokens) -> list[Attribution]:
    """The attributions (`E` lines) of a brat standoff file, as token sets."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _sep, offsets = parts[1].partition(" ")
            spans[parts[0]] = [
                (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))
            ]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    found = []
    for event in events:
        if "Content" not in event:
            continue
        found.append(
            Attribution(
                content=tokens.inside(spans[event["Content"]]),
                source=tokens.inside(spans.get(event.get("Source", ""), [])),
                cue=tokens.inside(spans.get(event.get("Cue", ""), [])),
            )
        )
    return found


def predicted_attributions(brief: Brief, tokens: Tokens) -> list[Attribution]:
    """The brief's quotes as token sets."""
    found = []
    for quote in brief.quotes:
        speaker = quote.speaker
        source: list[tuple[int, int]] = []
        if speaker is not None and speaker.start is not None and speaker.end is not None:
            source = [(speaker.start, speaker.end)]
        cue = [(quote.cue.start, quote.cue.end)] if quote.cue else []
        found.append(
            Attribution(
                content=tokens.inside([(quote.start, quote.end)]),
                source=tokens.inside(source),
                cue=tokens.inside(cue),
            )
        )
    return found


@dataclass(frozen=True)
class Article:
    """One dev article: its name, the annotator scored, the text and its annotation."""

    name: str
    annotator: str
    text: str
    ann: str


def read_articles(data_dir: Path, split: str = SPLIT) -> list[Article]:
    """The articles of `split` ("dev", or "train" for the training commands), in the order
    `metadata.tsv` lists them, each with the first listed annotator's attributions."""
    metadata = data_dir / "metadata.tsv"
    if not metadata.is_file():
        raise DataDirError(f"no PolNeAR {split} split under {data_dir} (no metadata.tsv)")
    articles = []
    with metadata.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["compartment"] != split:
                continue
            name, annotator = row["filename"], row["annotators"].split("|")[0]
            text_path = data_dir / split / "text" / f"{name}.txt"
            ann_path = data_dir / split / "attributions" / f"{name}_{annotator}.ann"
            if not text_path.is_file() or not ann_path.is_file():
                raise DataDirError(f"{name}: missing {text_path.name} or {ann_path.name}")
            articles.append(
                Article(
                    name,
                    annotator,
                    text_path.read_text(encoding="utf-8"),
                    ann_path.read_text(encoding="utf-8"),
                )
            )
    if not articles:
        raise DataDirError(f"no {split} articles listed in {metadata}")
    return articles


def annotator_agreement(data_dir: Path) -> tuple[int, Tally]:
    """How the annotators of the articles annotated more than once (in train and dev) score
    against each other, every ordered pair of them, with the same tally as the layer: the
    ceiling a single annotator's gold puts on any system. Returns the number of articles
    and the tally."""
    articles = 0
    tally = Tally()
    with (data_dir / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            split, name = row["compartment"], row["filename"]
            if split not in ("train", "dev"):
                continue
            paths = [
                data_dir / split / "attributions" / f"{name}_{annotator}.ann"
                for annotator in row["annotators"].split("|")
            ]
            paths = [path for path in paths if path.is_file()]
            if len(paths) < 2:
                continue
            tokens = Tokens((data_dir / split / "text" / f"{name}.txt").read_text(encoding="utf-8"))
            golds = [read_brat(path.read_text(encoding="utf-8"), tokens) for path in paths]
            articles += 1
            for one in golds:
                for other in golds:
                    if other is not one:
                        tally.add(one, other)
    return articles, tally


@dataclass
class Scored:
    """The quotes layer's tallies on a set of articles: overall, per publisher, and on the
    gold attributions whose cue holds a verb of saying (recall only: see `speech_cues`)."""

    tally: Tally
    by_publisher: dict[str, Tally]
    speech: Tally


def score_articles(articles: Sequence[Article], profile: ProfileName = "fast") -> Scored:
    """Score the quotes layer on `articles`."""
    settings = Settings(layers=LAYERS, profile=profile)
    raws = [RawArticle(text=a.text, origin=a.name) for a in articles]
    scored = Scored(Tally(), {}, Tally())
    for article, brief in zip(articles, analyze_raw(raws, settings), strict=True):
        if isinstance(brief, PresslensError):
            raise DataDirError(f"{article.name}: {brief}")
        tokens = Tokens(article.text)
        gold = read_brat(article.ann, tokens)
        predicted = predicted_attributions(brief, tokens)
        scored.tally.add(gold, predicted)
        scored.by_publisher.setdefault(article.name.split("_")[0], Tally()).add(gold, predicted)
        cues = [
            " ".join(article.text[slice(*tokens.spans[i])] for i in sorted(g.cue)) for g in gold
        ]
        speech = [g for g, said in zip(gold, speech_cues(cues), strict=True) if said]
        scored.speech.add(speech, predicted)
    return scored


def speech_cues(cues: Sequence[str]) -> list[bool]:
    """Whether each gold cue holds a verb of saying of the quotes layer's reporting-verb
    lexicon (by lemma: "said", "has told", "according to"); not a stance ("called",
    "blamed"), belief, plan or deed ("seems", "backed", "signed"). Recall on those tells
    how much plain reported speech the layer finds."""
    verbs = reporting_verbs()
    nlp = load_pipeline(DEFAULT_PIPELINE)
    return [
        any(t.lemma_.lower() in verbs or t.lower_ == "according" for t in doc)
        for doc in nlp.pipe(cues)
    ]


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Score the quotes layer on PolNeAR dev; print a report to `out`; return the scores.

    The layer is scored twice: as shipped, and on its rules alone (without the
    attribution model of `presslens.layers.quotes.attribution`); the scores
    returned are the shipped layer's.
    """
    articles = read_articles(data_dir)
    started = time.perf_counter()
    scored = score_articles(articles)
    tally, by_publisher = scored.tally, scored.by_publisher
    elapsed = time.perf_counter() - started
    with rules_only():
        rules = score_articles(articles).tally
    scores = tally.scores()
    print(
        f"PolNeAR {SPLIT}: {len(articles)} articles, {tally.gold} gold attributions "
        f"(first annotator listed per article), {tally.predicted} predicted quotes "
        f"({rules.predicted} by the rules alone), {elapsed:.1f}s",
        file=out,
    )
    print(
        f"{'':12} {'P':>7} {'R':>7} {'F1':>7}   rules alone: {'P':>5} {'R':>7} {'F1':>7}", file=out
    )
    for name in ("content", "source", "cue", "attribution"):
        p, r, f = (scores[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
        rp, rr, rf = (rules.scores()[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
        print(
            f"{name:12} {p:7.3f} {r:7.3f} {f:7.3f}   {'':12} {rp:7.3f} {rr:7.3f} {rf:7.3f}",
            file=out,
        )
    _print_speech_recall(scored, out)
    agreed, agreement = annotator_agreement(data_dir)
    if agreed:
        a = agreement.scores()
        print(
            f"annotators against each other ({agreed} train and dev articles annotated more "
            f"than once): content F1 {a['content_f1']:.3f}, source {a['source_f1']:.3f}, "
            f"cue {a['cue_f1']:.3f}, attribution {a['attribution_f1']:.3f}",
            file=out,
        )
    print("content F1 by publisher:", file=out)
    for publisher, part in sorted(by_publisher.items()):
        print(f"  {publisher:18} {part.scores()['content_f1']:.3f}", file=out)
    keys = (
        "content_f1",
        "content_precision",
        "content_recall",
        "source_f1",
        "cue_f1",
        "attribution_f1",
    )
    return {key: scores[key] for key in keys} | _accurate(articles, keys, out)


def _accurate(articles: Sequence[Article], keys: Sequence[str], out: IO[str]) -> dict[str, float]:
    """The accurate profile's scores (rules, model and encoder tagger), prefixed `accurate_`."""
    if not encoder.available():
        print("accurate profile: not measured (torch is not installed)", file=out)
        return {}
    started = time.perf_counter()
    scored = score_articles(articles, "accurate")
    tally = scored.tally
    scores = tally.scores()
    print(
        f"accurate profile (rules + model + encoder tagger): {tally.predicted} predicted "
        f"quotes, {time.perf_counter() - started:.1f}s",
        file=out,
    )
    for name in ("content", "source", "cue", "attribution"):
        p, r, f = (scores[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
        print(f"{name:12} {p:7.3f} {r:7.3f} {f:7.3f}", file=out)
    _print_speech_recall(scored, out)
    return {f"accurate_{key}": scores[key] for key in keys}


def _print_speech_recall(scored: Scored, out: IO[str]) -> None:
    speech = scored.speech.scores()
    print(
        f"recall on the {scored.speech.gold} of {scored.tally.gold} gold attributions whose "
        f"cue holds a verb of saying: content {speech['content_recall']:.3f}, source "
        f"{speech['source_recall']:.3f}, cue {speech['cue_recall']:.3f}",
        file=out,
    )
