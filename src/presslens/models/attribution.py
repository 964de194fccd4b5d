"""Training the quotes layer's attribution model (`presslens.layers.quotes.attribution`).

Every (verb, content) candidate of the 840 PolNeAR train articles is labelled true
when the verb lies in a gold Cue of the article's first annotator (`metadata.tsv`)
and the candidate's content shares at least half its word tokens (Dice >= 0.5, as
`presslens.evaluation.polnear` pairs attributions) with that attribution's Content.
A logistic regression is fitted on the first 80% of the articles (sorted by name).
On the other 20% the quotes layer runs on its rules alone, the model adds its quotes
outside theirs, and the threshold is the lowest score at which those added quotes
reach `TARGET_PRECISION` (a quote is right when it pairs with a gold attribution
at Dice >= 0.5); the same held-out quotes calibrate its scores into the confidence
each added quote carries (`weights/quote_attributions_calibration.json`, isotonic,
`presslens.models.calibration`). Then the model is refitted on all of train and written as plain
arrays to `presslens/models/weights/quote_attributions.npz`::

    python -m presslens.models.attribution /path/to/polnear [--cache DIR]

`--cache DIR` keeps the spaCy parse of train in DIR (a DocBin) for the next run.
PolNeAR dev is never read here: it stays for `presslens evaluate polnear`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, DocBin

from presslens.errors import DataDirError
from presslens.evaluation.polnear import Attribution, Tokens, read_articles, read_brat
from presslens.layers.quotes.attribution import (
    CALIBRATION,
    MODEL_PATH,
    candidates,
    features,
    rules_only,
    scored_quotes,
)
from presslens.models.calibration import fit
from presslens.models.named import NamedWeights, fit_named, pick_threshold, save_named
from presslens.nlp import load_pipeline
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle
from presslens.settings import DEFAULT_PIPELINE, Settings

# Precision of the quotes the model adds on held-out train articles (a quote is right
# when its content pairs with a gold attribution at Dice >= 0.5 and its speaker
# overlaps that attribution's source). An added quote raises the layer's source and cue
# F1 whenever it is right more often than half their F1 (about 0.36 on dev), so 0.65
# keeps a wide margin while the model still adds quotes. (Until issue 12's recall pass
# the target was the rules' own held-out precision + 0.05; once the rules reached 0.769
# there, that asked 0.819, which no cut of the model reaches, and it added nothing. The
# held-out table at the 0.65 run: top 100 right 0.72, top 150 0.667, top 200 0.61.)
# Refitted on issue 12's second recall pass (rules right at 0.784 on held-out train): top
# 100 0.720, 150 0.660, 200 0.595, 300 0.530; 161 added at 0.652, threshold 0.361. The
# quotes between the 150th and the 300th are right 0.40 of the time (computed from that
# table): far below the rules' 0.784, so 0.65 stays ("fewer, right items"; a lower
# target was not measured on dev).
TARGET_PRECISION = 0.65
HELD_OUT_SHARE = 0.2
REGULARISATION_C = 0.5
MIN_DICE = 0.5
# Fewer added quotes than this on held-out train give no threshold worth trusting.
MIN_ADDED = 30


@dataclass
class TrainArticle:
    """One train article: its text, parse and the first annotator's attributions."""

    name: str
    text: str
    ann: str
    doc: Doc
    gold: list[Attribution]
    tokens: Tokens


def read_train(root: Path, cache: Path | None) -> list[TrainArticle]:
    """The train articles, parsed (from `cache` when it holds the parse)."""
    articles = sorted(read_articles(root, "train"), key=lambda a: a.name)
    names = [a.name for a in articles]
    texts = [a.text for a in articles]
    anns = [a.ann for a in articles]
    nlp = load_pipeline(DEFAULT_PIPELINE)
    stored = cache / "polnear-train.spacy" if cache else None
    if stored is not None and stored.is_file():
        docs = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(stored)
    out = []
    for name, text, ann, doc in zip(names, texts, anns, docs, strict=True):
        tokens = Tokens(text)
        out.append(TrainArticle(name, text, ann, doc, read_brat(ann, tokens), tokens))
    return out


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def examples(article: TrainArticle) -> tuple[list[list[str]], list[int]]:
    """The article's candidates as features, each labelled by the gold attributions."""
    rows, labels = [], []
    for candidate in candidates(article.doc, article.text):
        verb = candidate.verb
        cue = article.tokens.inside([(verb.idx, verb.idx + len(verb))])
        content = article.tokens.inside([(candidate.start, candidate.end)])
        right = any(
            cue & gold.cue and _dice(content, gold.content) >= MIN_DICE for gold in article.gold
        )
        rows.append(features(candidate, article.text))
        labels.append(int(right))
    return rows, labels


def _is_right(article: TrainArticle, start: int, end: int, source: frozenset[int]) -> bool:
    return pairs_with_gold(article, article.tokens.inside([(start, end)]), source)


def pairs_with_gold(article: TrainArticle, content: frozenset[int], source: frozenset[int]) -> bool:
    """Whether a quote (its content's and speaker's word tokens) is right: its content pairs
    with a gold attribution at Dice >= `MIN_DICE` and its speaker overlaps that one's source
    (when it has one). The attribution tagger's trainer judges its quotes the same way."""
    return any(
        _dice(content, gold.content) >= MIN_DICE and (not gold.source or bool(source & gold.source))
        for gold in article.gold
    )


def added_on_held_out(
    held: list[TrainArticle], model: NamedWeights
) -> tuple[list[tuple[float, bool]], float]:
    """Each quote the model adds to the rules' on `held` (its score, whether it is right),
    and the precision of the rules' own quotes there, by the same measure."""
    raws = [RawArticle(text=a.text, origin=a.name) for a in held]
    out: list[tuple[float, bool]] = []
    rules_right = rules_all = 0
    with rules_only():
        briefs = list(analyze_raw(raws, Settings(layers=frozenset({"entities", "quotes"}))))
    for article, brief in zip(held, briefs, strict=True):
        if isinstance(brief, Exception):
            continue
        for quote in brief.quotes:
            speaker = quote.speaker
            where = [(speaker.start, speaker.end)] if speaker and speaker.start is not None else []
            source = article.tokens.inside([(s, e) for s, e in where if e is not None])
            rules_right += _is_right(article, quote.start, quote.end, source)
            rules_all += 1
        taken = [(q.start, q.end) for q in brief.quotes]
        taken += [(q.cue.start, q.cue.end) for q in brief.quotes if q.cue]
        for found, score in scored_quotes(article.doc, article.text, taken, model):
            subject = found.subject
            source = (
                article.tokens.inside([(subject.idx, subject.idx + len(subject))])
                if subject is not None
                else frozenset()
            )
            out.append((score, _is_right(article, found.start, found.end, source)))
    return out, (rules_right / rules_all if rules_all else 1.0)


def main(argv: list[str]) -> int:
    """Fit, pick the threshold on held-out train, refit on all of train, write the weights."""
    cache = None
    if len(argv) == 3 and argv[1] == "--cache":
        cache = Path(argv[2])
    elif len(argv) != 1:
        print(
            "usage: python -m presslens.models.attribution DATA_DIR/polnear [--cache DIR]",
            file=sys.stderr,
        )
        return 2
    try:
        data = read_train(Path(argv[0]), cache)
    except DataDirError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    cut = int(len(data) * (1 - HELD_OUT_SHARE))
    rows: list[list[str]] = []
    labels: list[int] = []
    for article in data[:cut]:
        more_rows, more_labels = examples(article)
        rows += more_rows
        labels += more_labels
    print(f"fit: {cut} articles, {len(rows)} candidates, {sum(labels)} right")
    held_model = fit_named(rows, labels, c=REGULARISATION_C, max_iter=3000)
    scored, rules_precision = added_on_held_out(data[cut:], held_model)
    target = TARGET_PRECISION
    threshold = pick_threshold(scored, target, MIN_ADDED)
    print(
        f"held-out: the rules' own quotes are right at {rules_precision:.3f}; target {target:.3f}"
    )
    ranked = sorted(scored, reverse=True)
    for top in (25, 50, 75, 100, 150, 200, 300, 400):
        if top <= len(ranked):
            print(
                f"  top {top}: precision {sum(r for _s, r in ranked[:top]) / top:.3f} "
                f"(score {ranked[top - 1][0]:.3f})"
            )
    calibration = fit(
        [score for score, _right in scored],
        [right for _score, right in scored],
        target_precision=target,
        min_support=MIN_ADDED,
    )
    calibration.save(CALIBRATION)
    added = [right for score, right in scored if score >= threshold]
    print(
        f"held-out: {len(data) - cut} articles; the model adds {len(added)} quotes at "
        f"precision {(sum(added) / len(added)) if added else 0:.3f} (threshold {threshold:.3f}) "
        f"of {len(scored)} it could add ({sum(r for _s, r in scored)} right)"
    )
    for article in data[cut:]:
        more_rows, more_labels = examples(article)
        rows += more_rows
        labels += more_labels
    model = fit_named(rows, labels, c=REGULARISATION_C, max_iter=3000)
    save_named(MODEL_PATH, replace(model, threshold=threshold))
    print(f"wrote {MODEL_PATH} ({len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
