"""Stage for Chinese: sentences that carry an amount, a source or a certainty cue.

No check-worthiness model reads Chinese (the shipped one was trained on English
CheckThat! sentences, and no Chinese training data is provided), so a Chinese claim
is chosen by rules alone, like the English layer's rule reasons, and `Claim.evidence`
says which held:

- "has amount": an amount (`chinese_amounts.py`), its noun taken as its unit;
- "attributed: quote": the sentence lies mostly inside a quote's words (the quotes
  layer's speaker is its source);
- "hedged", "speculative", "boosted": a cue of `lexicons/zh/certainty_cues.tsv`.

Each claim's `checkworthy` is the share of those three signals it carries, as for
Russian (`stage.rule_score`), and the brief says so in a notice. Candidates are the
sentences (cut again at line breaks) that are not a heading (no closing punctuation),
a question, the title or boilerplate.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Amount, Brief, Claim, Source
from presslens.layers.claims.certainty import Cue, CueKind, booster_spans, certainty_of, hedge_spans
from presslens.layers.claims.chinese_amounts import find_amounts_chinese
from presslens.layers.claims.stage import rule_score, rule_signals, with_rule_claims

#: Quotes beginning before a claim's end that are looked at for its source: a claim lies in
#: one of the few last quotes before its end (quotes nest at most a few deep).
MAX_QUOTES_LOOKED_AT = 8
#: A sentence shorter than this (in characters, punctuation included) is no claim.
MIN_CLAIM_CHARS = 8
#: A claim lies "inside" a quote when at least this share of its characters does
#: (the English layer's share, `stage.QUOTE_OVERLAP_SHARE`).
QUOTE_OVERLAP_SHARE = 0.5
_CLOSING = "。！!；;：:…”」』）)"
_QUESTION = "？?"
_KIND_REASON = {"hedge": "hedged", "speculation": "speculative", "booster": "boosted"}


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, CueKind]]:
    kinds: dict[str, CueKind] = {}
    for row in lexicon.rows("claims", "certainty_cues.tsv", language="zh"):
        kinds[row[0]] = row[1]  # type: ignore[assignment]
    alternation = "|".join(re.escape(p) for p in sorted(kinds, key=len, reverse=True))
    return re.compile(alternation), kinds


def find_chinese_claims(article: Article, brief: Brief) -> Brief:
    """Add the claims of a Chinese article, each with its amounts, source and certainty."""
    doc, text = article.doc, article.text
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    claims: list[Claim] = []
    sources = _QuoteSources(brief)
    for start, end in _candidates(doc, text, brief):
        cues = _find_cues(text, start, end, starts, ends)
        found = find_amounts_chinese(text[start:end], start, (starts, ends))
        amounts = tuple(_with_noun(doc, a) for a in found)
        source = sources.of(start, end)
        reasons = ["has amount"] if amounts else []
        if source is not None:
            reasons.append("attributed: quote")
        reasons.extend(dict.fromkeys(_KIND_REASON[c.kind] for c in cues))
        if not reasons:
            continue
        certainty = "attributed" if source is not None else certainty_of(cues)
        claims.append(
            Claim(
                start=start,
                end=end,
                checkworthy=rule_score(rule_signals(amounts, source, cues)),
                certainty=certainty,
                hedges=hedge_spans(cues),
                source=source,
                amounts=amounts,
                evidence=", ".join(reasons),
                boosters=booster_spans(cues),
            )
        )
    return with_rule_claims(brief, claims, "Chinese")


def _candidates(doc: Doc, text: str, brief: Brief) -> list[tuple[int, int]]:
    excluded = [a for a in brief.artifacts if a.kind == "boilerplate"]
    if brief.document.title_span is not None:
        excluded.append(brief.document.title_span)  # type: ignore[arg-type]
    out = []
    for sent in doc.sents:
        for start, end in _lines(text, sent.start_char, sent.end_char):
            last = text[end - 1]
            if end - start < MIN_CLAIM_CHARS or last not in _CLOSING or last in _QUESTION:
                continue
            if any(x.start < end and start < x.end for x in excluded):
                continue
            out.append((start, end))
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of a sentence, each stripped of surrounding whitespace."""
    out = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right > left:
            out.append((start + match.start() + left, start + match.start() + right))
    return out


def _find_cues(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> list[Cue]:
    """Cues that begin and end on jieba word boundaries (可能, not 不可能 or 可能性)."""
    pattern, kinds = _cues()
    return [
        Cue(m.start(), m.end(), kinds[m.group()])
        for m in pattern.finditer(text, start, end)
        if m.start() in starts and m.end() in ends
    ]


def _with_noun(doc: Doc, amount: Amount) -> Amount:
    """The noun right after a measure word is the amount's unit (900万发炮弹: 炮弹)."""
    span = doc.char_span(amount.end, amount.end + 1, alignment_mode="expand")
    if span is None or span.start_char != amount.end or amount.unit == "percent":
        return amount
    noun = span[0]
    if noun.tag_ in ("n", "nz", "vn") and not noun.ent_type_:
        return replace(amount, end=noun.idx + len(noun), unit=noun.text)
    return amount


class _QuoteSources:
    """The quotes' speakers as claim sources, looked up by where a claim lies."""

    def __init__(self, brief: Brief) -> None:
        self.quotes = sorted(
            (q for q in brief.quotes if q.speaker is not None and q.speaker.start is not None),
            key=lambda q: q.start,
        )
        self.starts = [q.start for q in self.quotes]

    def of(self, start: int, end: int) -> Source | None:
        """The speaker of a quote holding most of start..end (the nearest quotes that begin
        before its end, `MAX_QUOTES_LOOKED_AT` at most, so the look-up stays bounded)."""
        index = bisect_left(self.starts, end)
        for quote in reversed(self.quotes[max(0, index - MAX_QUOTES_LOOKED_AT) : index]):
            inside = max(0, min(end, quote.end) - max(start, quote.start))
            speaker = quote.speaker
            if inside >= QUOTE_OVERLAP_SHARE * (end - start) and speaker is not None:
                assert speaker.start is not None and speaker.end is not None
                return Source(speaker.entity_id, speaker.name, speaker.start, speaker.end)
        return None
