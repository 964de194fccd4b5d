"""Stage for Chinese: direct quotes in “”「」『』 and reported speech, with cue and speaker.

Rules, each named in `Quote.evidence`:

* "zh-marks+cue-before": a marked stretch right after "X表示：" / "X说，" (a cue of
  `lexicons/zh/reporting_verbs.txt`, then a colon or comma, or nothing);
* "zh-marks+cue-after": a marked stretch followed by "，X说。" / "X表示。";
* "zh-cue+comma": reported speech, "X表示，..." / "X认为：..." to the end of the sentence;
* "zh-according-to": "据X称，..." / "据X报道，..." to the end of the sentence.

A marked stretch with no cue beside it is a term or scare quote (“一带一路”), not a
quote. Cues are whole jieba words, so 称为 ("is called") is no cue. The speaker is
the last person or organisation named between the start of the clause and the cue
(外交部发言人毛宁4日表示 -> 毛宁), else the clause's opening noun phrase
(一位分析人士); 他/她 stand for the last person named before them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Entity, Quote, Span, Speaker
from presslens.layers.quotes.marks import find_marked
from presslens.nlp_chinese import NAME_DOTS, titles

#: The marks of a Chinese quote (straight quotes are left to other languages' texts).
OPENING_MARKS = frozenset("“「『")
#: Punctuation that closes a clause: a speaker is looked for after the last of these.
CLAUSE_BREAKS = frozenset("，,。！？!?；;：:\n、")
#: A colon or comma between a cue and its words.
CUE_PUNCT = frozenset("：:，,")
#: Sentence-final punctuation that ends reported speech.
SENTENCE_ENDS = frozenset("。！？!?")
PRONOUNS = frozenset({"他", "她", "他们", "她们"})
SINGULAR = frozenset({"他", "她"})
#: Words between a name and its cue that belong to neither: adverbs, times, places
#: (毛宁4日在例行记者会上表示); a speaker is searched for before them.
_BETWEEN_TAGS = frozenset({"d", "t", "m", "p", "f", "c", "ad"})
#: Opening words of a clause that can stand as a speaker without a name
#: (一位分析人士, 有关专家): nouns, numbers and measure words, adjectives.
_NOMINAL_TAGS = frozenset(
    {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "m", "q", "a", "b", "vn", "r"}
)
#: Words an opening noun phrase may hold before its head noun: 批评/v 人士, 监督投票 的/uj 机构.
_INSIDE_TAGS = frozenset({"v", "uj", "f", "rg"})
#: The last word of an opening noun phrase that can be a speaker (人士, 官员, 外交部).
_HEAD_TAGS = frozenset({"n", "nz", "nt", "j"})
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns"})
#: Reported speech without a comma after the cue ("X表示已经...") needs at least this many
#: characters of content: "表示感谢" (thanked) and "表示欢迎" are stances in two words.
MIN_UNPUNCTUATED_CHARS = 6
#: The longest opening noun phrase taken as a speaker, in characters.
MAX_SPEAKER_CHARS = 20


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


def find_quotes_chinese(article: Article, brief: Brief) -> Brief:
    """Add the quotes of a Chinese article: marked with a cue, and reported speech."""
    doc, text = article.doc, article.text
    quotes: list[Quote] = []
    for marked in find_marked(text):
        if text[marked.open] not in OPENING_MARKS or marked.end <= marked.start:
            continue
        quote = _marked_quote(doc, text, brief, marked.start, marked.end)
        if quote is not None:
            quotes.append(quote)
    for token in doc:
        if token.text in reporting_verbs():
            quote = _reported(doc, text, brief, token, quotes)
            if quote is not None:
                quotes.append(quote)
    quotes.extend(_according_to(doc, text, brief, quotes))
    quotes.sort(key=lambda q: (q.start, q.end))
    return replace(brief, quotes=tuple(quotes))


def _marked_quote(doc: Doc, text: str, brief: Brief, start: int, end: int) -> Quote | None:
    before = doc.char_span(start - 1, start, alignment_mode="expand")
    if before is not None and before.start > 0:
        index = before.start - 1
        if doc[index].text in CUE_PUNCT and index > 0:
            index -= 1
        cue = doc[index]
        if cue.text in reporting_verbs():
            return _quote(start, end, "direct", cue, brief, doc, text, "zh-marks+cue-before")
    after = doc.char_span(end, end + 1, alignment_mode="expand")
    if after is None or after.end >= len(doc):
        return None
    index = after.end
    if doc[index].text in "，,":
        index += 1
    for token in doc[index : min(len(doc), index + 8)]:
        if token.text in CLAUSE_BREAKS:
            break
        if token.text in reporting_verbs():
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is None or nxt.text in CLAUSE_BREAKS:
                return _quote(start, end, "direct", token, brief, doc, text, "zh-marks+cue-after")
            break
    return None


def _reported(doc: Doc, text: str, brief: Brief, cue: Token, found: list[Quote]) -> Quote | None:
    """ "X表示，..." : the words after the cue's comma or colon, to the end of the sentence;
    "X表示已经..." and "...，称这会..." without the comma when a speaker is found."""
    if cue.i + 2 >= len(doc) or any(q.cue is not None and q.cue.start == cue.idx for q in found):
        return None  # at the end, or its words are a marked quote already
    after = doc[cue.i + 1]
    if after.text in CUE_PUNCT:
        start, why = doc[cue.i + 2].idx, "zh-cue+comma"
    elif cue.text in unpunctuated_cues() and not _clause_edge(after) and not after.is_punct:
        start, why = after.idx, "zh-cue+clause"
    else:
        return None
    end = _sentence_end(text, start)
    if why == "zh-cue+clause":
        quote = _quote(start, end, "indirect", cue, brief, doc, text, why)
        if quote.speaker is None or end - start < MIN_UNPUNCTUATED_CHARS:
            return None  # 表示感谢: a stance in two words, or no one who speaks
        return quote
    if text[start] in OPENING_MARKS:
        start += 1  # 称：“... running on past its line: the marked words, without the mark
        kind = "direct"
    else:
        kind = "mixed" if any(c in OPENING_MARKS for c in text[start:end]) else "indirect"
    if end - start < 2:
        return None
    return _quote(start, end, kind, cue, brief, doc, text, why)


def _according_to(doc: Doc, text: str, brief: Brief, found: list[Quote]) -> list[Quote]:
    """ "据X称，..." / "据X报道，...": the rest of the sentence, X its speaker."""
    quotes = []
    taken = {(q.start, q.end) for q in found}
    for token in doc:
        if token.text != "据":
            continue
        for word in doc[token.i + 1 : min(len(doc), token.i + 10)]:
            if word.text in CLAUSE_BREAKS:
                break
            if word.text in according_words() and word.i + 1 < len(doc):
                if doc[word.i + 1].text not in "，,：:" or word.i == token.i + 1:
                    break
                start = doc[word.i + 1].idx + 1
                end = _sentence_end(text, start)
                if (start, end) in taken or end - start < 2:
                    break
                who = Span(doc[token.i + 1].idx, word.idx)
                speaker = _speaker_of(who, brief, text)
                cue = Span(token.idx, word.idx + len(word))
                quotes.append(Quote(start, end, "indirect", speaker, cue, "zh-according-to"))
                break
    return quotes


def _quote(
    start: int, end: int, kind: str, cue: Token, brief: Brief, doc: Doc, text: str, why: str
) -> Quote:
    who = _speaker_words(doc, cue, after="after" in why)
    speaker = _speaker_of(who, brief, text) if who is not None else None
    cue_span = Span(cue.idx, cue.idx + len(cue))
    return Quote(start, end, kind, speaker, cue_span, why)  # type: ignore[arg-type]


def _sentence_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in SENTENCE_ENDS and text[end] != "\n":
        end += 1
    return end


def _speaker_words(doc: Doc, cue: Token, *, after: bool) -> Span | None:
    """Who speaks: the last name in the clause before the cue, else its opening noun phrase."""
    first = cue.i
    while first > 0 and not _clause_edge(doc[first - 1]):
        first -= 1
    if first == cue.i and first > 0 and doc[first - 1].text in "，,":
        return _sentence_subject(doc, first - 1)  # 波兰反对…，称这会…: the sentence's subject
    clause = doc[first : cue.i]
    names = [
        e
        for e in doc.ents
        if first <= e.start and e.end <= cue.i and e.label_ in ("PERSON", "ORG", "GPE")
    ]
    people = [e for e in names if e.label_ == "PERSON"]
    # 西米德兰兹郡警方称: a noun right before the cue heads the speaker's phrase, and a
    # name inside it (米德兰) is not the speaker; a title there (普京总统说) is the name's.
    before = doc[cue.i - 1] if cue.i > first else None
    headed = (
        before is not None
        and before.tag_ in _HEAD_TAGS
        and before.text not in titles()
        and not (people and people[-1].start <= before.i < people[-1].end)
    )
    if people and not headed:
        return Span(people[-1].start_char, people[-1].end_char)
    pronoun = next((t for t in reversed(clause) if t.text in PRONOUNS), None)
    if pronoun is not None and not headed:
        return Span(pronoun.idx, pronoun.idx + len(pronoun))
    phrase = _opening_phrase(clause)
    if phrase is not None:
        return phrase
    if people:
        return Span(people[-1].start_char, people[-1].end_char)
    if names:
        return Span(names[-1].start_char, names[-1].end_char)
    return None


def _sentence_subject(doc: Doc, comma: int) -> Span | None:
    """Who says "，称...": the name or named phrase opening the clause before the comma
    (欧盟委员会拒绝…，称…), else the last person named earlier in the sentence (马克龙…，
    价格约为…，声称…), else the named phrase opening the sentence (波兰反对…，称…)."""
    first = comma
    while first > 0 and not _clause_edge(doc[first - 1]):
        first -= 1
    found = _subject_of(doc[first:comma])
    if found is not None:
        return found
    while (
        first > 0 and doc[first - 1].text not in SENTENCE_ENDS and "\n" not in doc[first - 1].text
    ):
        first -= 1
    people = [e for e in doc[first:comma].ents if e.label_ == "PERSON"]
    if people:
        return Span(people[-1].start_char, people[-1].end_char)
    end = first
    while end < comma and not _clause_edge(doc[end]):
        end += 1
    return _subject_of(doc[first:end])


def _subject_of(clause: SpacySpan) -> Span | None:
    """The phrase or name opening a clause, when it holds a name (价格 "the price" is no one)."""
    phrase = _opening_phrase(clause, heads=_HEAD_TAGS | _NAME_TAGS)
    named = [e for e in clause.ents if e.label_ in ("PERSON", "ORG", "GPE")]
    if phrase is not None and any(phrase.start <= e.start_char < phrase.end for e in named):
        return phrase
    if named and named[0].start == clause.start:
        return Span(named[0].start_char, named[0].end_char)
    return None


def _opening_phrase(clause: SpacySpan, heads: frozenset[str] = frozenset()) -> Span | None:
    """The noun phrase a clause opens with, when it ends with a head noun (一位分析人士)."""
    opening = []
    for token in _without_linking_words(clause):
        if token.tag_ not in _NOMINAL_TAGS | _INSIDE_TAGS and token.text not in NAME_DOTS:
            break
        opening.append(token)
    if opening and opening[-1].tag_ in (heads or _HEAD_TAGS):
        span = Span(opening[0].idx, opening[-1].idx + len(opening[-1]))
        if span.end - span.start <= MAX_SPEAKER_CHARS:
            return span  # 一位分析人士, 美国官员
    return None


def _without_linking_words(clause: SpacySpan) -> list[Token]:
    """The clause without the conjunctions and adverbs that open it (但当局表示 -> 当局)."""
    tokens = list(clause)
    while tokens and (tokens[0].tag_ in ("c", "d") or tokens[0].text == "据"):
        tokens.pop(0)
    return tokens


def _clause_edge(token: Token) -> bool:
    """Punctuation, a quotation mark or a line break: where a speaker's clause begins."""
    return (
        token.text in CLAUSE_BREAKS
        or token.text in OPENING_MARKS
        or token.text in "”」』"
        or token.text.isspace()
    )


def _speaker_of(who: Span, brief: Brief, text: str) -> Speaker:
    words = text[who.start : who.end]
    if words in PRONOUNS:
        # 他/她 stand for the last person named; 他们/她们 for a group the text may not name.
        person = _last_person_before(brief, who.start) if words in SINGULAR else None
        return Speaker(
            entity_id=person.id if person else None,
            name=person.name if person else None,
            start=who.start,
            end=who.end,
            pronoun=True,
        )
    entity = _entity_at(brief, who)
    return Speaker(
        entity_id=entity.id if entity else None,
        name=entity.name if entity else words,
        start=who.start,
        end=who.end,
    )


def _entity_at(brief: Brief, who: Span) -> Entity | None:
    for entity in brief.entities:
        if any(m.start == who.start and m.end == who.end for m in entity.mentions):
            return entity
    for entity in brief.entities:  # 据俄罗斯卫星通讯社: the name inside the source's words
        inside = any(who.start <= m.start and m.end <= who.end for m in entity.mentions)
        if inside and entity.type in ("PERSON", "ORG"):
            return entity
    return None


def _last_person_before(brief: Brief, at: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for entity in brief.entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            if mention.end <= at and (best is None or mention.start > best[0]):
                best = (mention.start, entity)
    return best[1] if best else None
