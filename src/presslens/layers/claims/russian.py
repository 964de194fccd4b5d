"""Stage for Russian: sentences that carry an amount, a source or a certainty cue.

There is no Russian check-worthiness training data, so the English model is not run.
A sentence of the article (the Russian front's sentences, cut again at line breaks)
becomes a claim when a rule finds something an analyst checks in it:

- an amount (`russian_amounts.py`: "свыше 14 тыс. военных", "около трёх часов");
- a source: the speaker of a quote it lies mostly inside ("По словам Лаврова, ...",
  "«...», — сказал Песков"), which makes its certainty "attributed";
- a hedge, speculation or booster cue (`lexicons/ru/`: "вероятно", "можно
  предположить", "несомненно").

Headings and captions (a line with no closing punctuation), questions and
boilerplate are not candidates. `checkworthy` is then no model's probability but
the share of those three signals the sentence carries (1/3, 2/3 or 1), and each
claim's evidence says so; the brief's notices say it for the layer.
"""

from __future__ import annotations

from presslens.article import Article
from presslens.brief import Brief, Claim, Quote, Source
from presslens.layers.claims.certainty import booster_spans, certainty_of, find_cues, hedge_spans
from presslens.layers.claims.russian_amounts import find_russian_amounts
from presslens.layers.claims.stage import (
    RULE_SIGNALS,
    rule_score,
    rule_signals,
    with_rule_claims,
)

#: A claim lies "inside" a quote when at least this share of its characters does (as in
#: the English stage).
QUOTE_OVERLAP_SHARE = 0.5
_CLOSING = '.!…:;»"”)'


def find_russian_claims(article: Article, brief: Brief) -> Brief:
    """Add the sentences with an amount, a source or a certainty cue, with what was found."""
    text = article.text
    boilerplate = [a for a in brief.artifacts if a.kind == "boilerplate"]
    nouns = frozenset(t.idx for t in article.doc if t.pos_ in ("NOUN", "PROPN"))
    claims = []
    for start, end in candidate_sentences(article):
        if any(a.start <= start and end <= a.end for a in boilerplate):
            continue
        sentence = text[start:end]
        cues = find_cues(sentence, start, language="ru")
        amounts = tuple(find_russian_amounts(sentence, start, nouns))
        quote = _quote_over(brief, start, end)
        source = _source(brief, quote) if quote is not None else None
        signals = rule_signals(amounts, source, cues)
        if not signals:
            continue
        certainty = certainty_of(cues)
        evidence = [f"rules: {', '.join(signals)} ({len(signals)} of {len(RULE_SIGNALS)} signals)"]
        if source is not None and quote is not None:
            evidence.append(f"attributed: quote ({quote.evidence})")
        claims.append(
            Claim(
                start=start,
                end=end,
                checkworthy=rule_score(signals),
                certainty="attributed" if source is not None else certainty,
                hedges=hedge_spans(cues),
                source=source,
                amounts=amounts,
                evidence="; ".join(evidence),
                boosters=booster_spans(cues),
            )
        )
    return with_rule_claims(brief, claims, "Russian")


def candidate_sentences(article: Article) -> list[tuple[int, int]]:
    """The character spans of the sentences that could be claims: no headings, no questions."""
    text = article.text
    spans = []
    for sentence in article.doc.sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or text[end - 1] == "?" or text[end - 1] not in _CLOSING:
            continue
        spans.append((start, end))
    return spans


def _quote_over(brief: Brief, start: int, end: int) -> Quote | None:
    """The quote with a speaker that covers most of `text[start:end]`, or that lies in it
    with its cue ("Лавров заявил, что ...")."""
    for quote in brief.quotes:
        if quote.speaker is None:
            continue
        shared = min(end, quote.end) - max(start, quote.start)
        cued_inside = quote.cue is not None and start <= quote.cue.start < end
        if shared >= QUOTE_OVERLAP_SHARE * (end - start) or (cued_inside and shared > 0):
            return quote
    return None


def _source(brief: Brief, quote: Quote) -> Source | None:
    speaker = quote.speaker
    if speaker is None or speaker.start is None or speaker.end is None:
        return None
    return Source(speaker.entity_id, speaker.name, speaker.start, speaker.end)
