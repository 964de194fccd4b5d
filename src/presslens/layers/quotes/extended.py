"""Indirect quotes cut short, continued where the accurate profile's tagger reads on.

Of the gold content words the quotes layer misses on held-out PolNeAR train, 26% lie
in attributions a quote already overlaps: the rules stopped early (a clause the parse
cut, a second clause after "and"). In the accurate profile an indirect quote whose
sentence the tagger (`tagged.py`) reads on as Content right after the quote's end is
extended to where that run ends, when the run's mean Content probability is at least
`EXTEND_FROM`. Its evidence gains "+extended-by-tagger". Direct quotes end at their
marks and are never extended; an extension stops at a line break and before any other
quote or cue.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from presslens.layers.quotes.attribution import models_on
from presslens.layers.quotes.parts import Found
from presslens.layers.quotes.tagged import CONTENT, load_tagger

#: On 168 held-out train articles (`extend.py` measurement of 2026-12-01, the fast layer's
#: quotes), the words such runs add were gold content at: mean probability >= 0.95: 0.968
#: (41 quotes, 344 words), >= 0.9: 0.911 (80, 619), >= 0.8: 0.811 (125, 988). 0.95 keeps
#: them more precise than the layer's own content words ("fewer, right items").
EXTEND_FROM = 0.95
#: Characters between a quote's end and the run that continues it (a space, a comma).
MAX_GAP = 2
SUFFIX = "+extended-by-tagger"


def extend_quotes(doc: Doc, text: str, found: list[Found]) -> list[Found]:
    """`found` with its indirect quotes continued where the tagger reads on."""
    tagger = load_tagger() if models_on() else None
    wanted = [f for f in found if f.kind == "indirect" and f.end > f.start]
    if tagger is None or not wanted:
        return found
    sentences: dict[int, TokenSpan] = {}
    for item in wanted:
        at = doc.char_span(item.end - 1, item.end, alignment_mode="expand")
        if at is not None:
            sentences[id(item)] = at.sent
    unique = list({s.start: s for s in sentences.values()}.values())
    read = dict(
        zip((s.start for s in unique), tagger.probabilities([s.text for s in unique]), strict=True)
    )
    bounds = [(f.start, f.end) for f in found] + [(f.cue.start, f.cue.end) for f in found if f.cue]
    for item in wanted:
        sent = sentences.get(id(item))
        if sent is None:
            continue
        offsets, probs = read[sent.start]
        stop = min([s for s, _e in bounds if s >= item.end] + [sent.end_char])
        newline = text.find("\n", item.end, stop)
        stop = newline if newline >= 0 else stop
        pieces: list[int] = []
        for n in range(len(offsets)):
            start, end = sent.start_char + int(offsets[n, 0]), sent.start_char + int(offsets[n, 1])
            if start < item.end:
                continue
            if end > stop or probs[n].argmax() != CONTENT:
                break
            if not pieces and start - item.end > MAX_GAP:
                break
            pieces.append(n)
        if not pieces or float(probs[pieces, CONTENT].mean()) < EXTEND_FROM:
            continue
        first = sent.start_char + int(offsets[pieces[0], 0])
        last = sent.start_char + int(offsets[pieces[-1], 1])
        span = doc.char_span(first, last, alignment_mode="expand")
        while span is not None and len(span) and (span[-1].is_punct or span[-1].pos_ == "CCONJ"):
            span = span[:-1]
        if span is not None and len(span) and span.end_char > item.end:
            item.end = span.end_char
            item.evidence += SUFFIX
    return found
