"""Quotes inside quotes: a reported clause whose cue and words lie in another quote's words.

In '"..., I think the deficit will fall," she said' and "Clinton said that Trump
claimed X", the inner clause is part of what the outer speaker is on record as
saying: the outer speaker said it, or says that someone else did (hearsay, not that
person's words). The inner clause is no quote of its own. Marked quotes (their own
words between quotation marks) stay, and the "I" of a transcript turn stays a quote
of the turn's speaker (`turns.py`).

Measured on PolNeAR (issue 12): on a 150-article sample of train, dropping them raised
source and cue precision while recall barely moved, also when each quote is paired with
the closest gold content, so most are not annotated as attributions of their own. On
dev, this rule and the "said in a statement that" clause of `stage.py` together raised
source F1 from 0.695 to 0.716 (precision 0.800 to 0.858) and cue F1 from 0.676 to
0.696, content unchanged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from presslens.brief import Quote

# Quotes that stay even inside another: words between quotation marks, turns.
KEPT_EVIDENCE = ("marks", "transcript-turn")
# Quotes that do not enclose others here: a turn's "I think ..." is its speaker's quote.
NOT_ENCLOSING = ("transcript-turn",)


def drop_nested(quotes: Sequence[Quote]) -> list[Quote]:
    """`quotes` less the reported clauses whose cue and words lie inside another quote.

    One sort and a prefix maximum: a chain of 10,000 "X said that Y said that ..."
    costs n log n, not n squared (benchmarks/scaling.py "said-chain").
    """
    enclosing = sorted((q.start, q.end) for q in quotes if not q.evidence.startswith(NOT_ENCLOSING))
    starts = [start for start, _end in enclosing]
    # For the first k spans: the furthest end, its span, and the furthest end of any
    # other span (so that a quote is never taken as enclosing itself).
    best: list[tuple[int, tuple[int, int], int]] = []
    top_end, top_span, other_end = -1, (-1, -1), -1
    for span in enclosing:
        if span[1] > top_end:
            if span != top_span:
                other_end = top_end
            top_end, top_span = span[1], span
        elif span != top_span:
            other_end = max(other_end, span[1])
        best.append((top_end, top_span, other_end))
    kept = []
    for quote in quotes:
        if quote.cue is not None and not quote.evidence.startswith(KEPT_EVIDENCE):
            # The words and the cue both inside: the quote adds no word of the text.
            k = bisect_right(starts, min(quote.start, quote.cue.start))
            if k:
                end, span, other = best[k - 1]
                reach = end if span != (quote.start, quote.end) else other
                if reach >= max(quote.end, quote.cue.end):
                    continue
        kept.append(quote)
    return kept
