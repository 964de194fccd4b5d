"""Stage for Chinese: direct quotes in “”「」『』 and reported speech, with cue and speaker.

Rules, each named in `Quote.evidence`:

* "zh-marks+cue-before": a marked stretch right after "X表示：" / "X说，" (a cue of
  `lexicons/zh/reporting_verbs.txt`, then a colon or comma, or nothing);
* "zh-marks+cue-after": a marked stretch followed by "，X说。" / "X表示。";
* "zh-cue+comma": reported speech, "X表示，..." / "X认为：..." to the end of the sentence;
* "zh-cue+clause": the same without the comma ("X表示已经...", "...，称这会..."), for the
  cues of `lexicons/zh/unpunctuated_cues.txt`, only when a speaker is found;
* "zh-according-to": "据X称，..." / "据X报道，..." to the end of the sentence.

A marked stretch with no cue beside it is a term or scare quote (“一带一路”), not a
quote. Cues are whole jieba words, so 称为 ("is called") is no cue. Speakers are found
and resolved in `chinese_speakers.py`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Quote, QuoteKind, Span
from presslens.layers.quotes.chinese_speakers import (
    CLAUSE_BREAKS,
    OPENING_MARKS,
    SENTENCE_ENDS,
    Mentions,
    clause_edge,
    speaker_of,
    speaker_words,
)
from presslens.layers.quotes.marks import find_marked

#: A colon or comma between a cue and its words.
CUE_PUNCT = frozenset("：:，,")
#: Reported speech without a comma after the cue ("X表示已经...") needs at least this many
#: characters of content: "表示感谢" (thanked) and "表示欢迎" are stances in two words.
MIN_UNPUNCTUATED_CHARS = 6
#: Reported speech runs to the end of its sentence, no further than this: the longest
#: sentence of the 48 Chinese wmt-parallel articles is under 200 characters.
MAX_REPORTED_CHARS = 400
#: A cue after a marked quote (“...”，毛宁说。) stands within this many words of it.
MAX_WORDS_TO_CUE_AFTER = 8
#: What follows the source in 据X称 stands within this many words of 据.
MAX_WORDS_AFTER_ACCORDING = 10


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Cue words (`lexicons/zh/reporting_verbs.txt`)."""
    return frozenset(lexicon.lines("quotes", "reporting_verbs.txt", language="zh"))


@lru_cache(maxsize=1)
def unpunctuated_cues() -> frozenset[str]:
    """Cues whose words may follow without a comma (`lexicons/zh/unpunctuated_cues.txt`)."""
    return frozenset(lexicon.lines("quotes", "unpunctuated_cues.txt", language="zh"))


@lru_cache(maxsize=1)
def according_words() -> frozenset[str]:
    """What follows the source in 据X称 (`lexicons/zh/according_to.txt`)."""
    return frozenset(lexicon.lines("quotes", "according_to.txt", language="zh"))


@dataclass
class _Reading:
    """One article's Doc and text, with what the rules look up, indexed once."""

    doc: Doc
    text: str
    mentions: Mentions
    #: Where sentences end (sentence punctuation and line breaks), in order.
    ends: list[int]
    #: Offsets of the cues that already introduce a quote.
    used_cues: set[int] = field(default_factory=set)

    def sentence_end(self, start: int) -> int | None:
        """Where the sentence holding `start` ends; None when no end comes within
        `MAX_REPORTED_CHARS` (no sentence: a list, a table, a run of cues)."""
        index = bisect_left(self.ends, start)
        end = self.ends[index] if index < len(self.ends) else len(self.text)
        return end if end - start <= MAX_REPORTED_CHARS else None

    def quote(self, start: int, end: int, kind: QuoteKind, cue: Token, why: str) -> Quote:
        who = speaker_words(self.doc, cue)
        speaker = speaker_of(who, self.mentions, self.text) if who is not None else None
        self.used_cues.add(cue.idx)
        return Quote(start, end, kind, speaker, Span(cue.idx, cue.idx + len(cue)), why)


def find_chinese_quotes(article: Article, brief: Brief) -> Brief:
    """Add the quotes of a Chinese article: marked with a cue, and reported speech."""
    text = article.text
    ends = [i for i, char in enumerate(text) if char in SENTENCE_ENDS or char == "\n"]
    reading = _Reading(article.doc, text, Mentions(brief), ends)
    quotes: list[Quote] = []
    for marked in find_marked(text):
        if text[marked.open] in OPENING_MARKS and marked.end > marked.start:
            found = _marked_quote(reading, marked.start, marked.end)
            if found is not None:
                quotes.append(found)
    for token in article.doc:
        if token.text in reporting_verbs() and token.idx not in reading.used_cues:
            found = _reported(reading, token)
            if found is not None:
                quotes.append(found)
    quotes.extend(_according_to(reading, {(q.start, q.end) for q in quotes}))
    quotes.sort(key=lambda q: (q.start, q.end))
    return replace(brief, quotes=tuple(quotes))


def _marked_quote(reading: _Reading, start: int, end: int) -> Quote | None:
    doc = reading.doc
    before = doc.char_span(start - 1, start, alignment_mode="expand")
    if before is not None and before.start > 0:
        index = before.start - 1
        if doc[index].text in CUE_PUNCT and index > 0:
            index -= 1
        if doc[index].text in reporting_verbs():
            return reading.quote(start, end, "direct", doc[index], "zh-marks+cue-before")
    after = doc.char_span(end, end + 1, alignment_mode="expand")
    if after is None or after.end >= len(doc):
        return None
    index = after.end + (1 if doc[after.end].text in "，," else 0)
    for token in doc[index : min(len(doc), index + MAX_WORDS_TO_CUE_AFTER)]:
        if token.text in CLAUSE_BREAKS:
            break
        if token.text in reporting_verbs():
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is None or following.text in CLAUSE_BREAKS:
                return reading.quote(start, end, "direct", token, "zh-marks+cue-after")
            break
    return None


def _reported(reading: _Reading, cue: Token) -> Quote | None:
    """ "X表示，..." : the words after the cue's comma or colon, to the end of the sentence;
    "X表示已经..." and "...，称这会..." without the comma when a speaker is found."""
    doc, text = reading.doc, reading.text
    if cue.i + 2 >= len(doc):
        return None
    after = doc[cue.i + 1]
    if after.text in CUE_PUNCT:
        start, why = doc[cue.i + 2].idx, "zh-cue+comma"
    elif cue.text in unpunctuated_cues() and not clause_edge(after) and not after.is_punct:
        start, why = after.idx, "zh-cue+clause"
    else:
        return None
    end = reading.sentence_end(start)
    if end is None:
        return None
    kind: QuoteKind = "indirect"
    if why == "zh-cue+clause":
        if end - start < MIN_UNPUNCTUATED_CHARS:
            return None  # 表示感谢: a stance in two words
        found = reading.quote(start, end, kind, cue, why)
        return found if found.speaker is not None else None
    if text[start] in OPENING_MARKS:
        start += 1  # 称：“... running on past its line: the marked words, without the mark
        kind = "direct"
    elif any(c in OPENING_MARKS for c in text[start:end]):
        kind = "mixed"
    if end - start < 2:
        return None
    return reading.quote(start, end, kind, cue, why)


def _according_to(reading: _Reading, taken: set[tuple[int, int]]) -> list[Quote]:
    """ "据X称，..." / "据X报道，...": the rest of the sentence, X its speaker."""
    doc = reading.doc
    quotes = []
    for token in doc:
        if token.text != "据":
            continue
        for word in doc[token.i + 1 : min(len(doc), token.i + MAX_WORDS_AFTER_ACCORDING)]:
            if word.text in CLAUSE_BREAKS:
                break
            if word.text not in according_words() or word.i + 1 >= len(doc):
                continue
            if doc[word.i + 1].text not in CUE_PUNCT or word.i == token.i + 1:
                break
            start = doc[word.i + 1].idx + 1
            end = reading.sentence_end(start)
            if end is not None and (start, end) not in taken and end - start >= 2:
                who = Span(doc[token.i + 1].idx, word.idx)
                speaker = speaker_of(who, reading.mentions, reading.text)
                cue = Span(token.idx, word.idx + len(word))
                quotes.append(Quote(start, end, "indirect", speaker, cue, "zh-according-to"))
            break
    return quotes
