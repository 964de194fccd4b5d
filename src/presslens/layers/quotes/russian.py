"""Stage for Russian: who said what, from Russian quotation and attribution patterns.

The rules, each a pure finder over the text, the Doc and the entities:

* marked quotes («...», „...", "...") with a cue beside them: after the closing mark,
  a dash and a reporting verb ("«...», — сказал Песков"); before the opening mark, a
  colon ("Лавров заявил: «...»", "Песков: «...»") or a "что" after a reporting verb
  ("заявил, что «...»": kind "mixed"). A marked stretch with no cue is a title or a
  scare quote («Газпром», «День гнева»), not a quote;
* an unclosed quotation after a colon cue ("Он сказал: «..." to the line's end);
* dash speech: a paragraph opening on a dash, its words up to ", — сказал X";
* turns: a line "Имя Фамилия: ..." whose label is a person of the brief;
* reported speech: "X заявил, что ..." (a reporting verb, its subject, a "что"-clause);
* postposed cues: "..., сообщил Лавров." (the sentence before the comma is the content);
* source phrases: "по словам X, ...", "как сообщает X, ...", "..., по данным X".

Reporting verbs and source phrases are in `lexicons/ru/`; speakers are resolved by
`russian_speakers.py`. Where two rules find the same words, the first in this list wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Brief, Entity, Quote, QuoteKind, Span, Speaker
from presslens.layers.quotes.marks import find_marked
from presslens.layers.quotes.russian_speakers import (
    entity_at,
    first_entity_in,
    pronoun_speaker,
    speaker_of_subject,
)

_UNCLOSED = re.compile(r":[ \t]*(?P<mark>[«„“\"])[^«»„“”\"\n]+$", re.MULTILINE)
_DASH_AFTER = re.compile(r"[,.!?…]?\s*[—–-]\s+")
_COLON_BEFORE = re.compile(r":\s*$")
_THAT_BEFORE = re.compile(r"(?:^|[\s,])(?:что|будто)\s*$", re.IGNORECASE)
_DIALOGUE = re.compile(r"^[ \t]*[—–][ \t]+(?P<what>[^\n]+)$", re.MULTILINE)
_DIALOGUE_CUE = re.compile(r"[,!?…]\s+[—–]\s+")
_TURN = re.compile(r"^[ \t]*(?P<who>[А-ЯЁA-Z][^\n:«»\"]{1,60}?):[ \t]+(?P<what>[^\n]+)$", re.M)
_PRONOUN_SOURCE = re.compile(
    r"(?<!\w)по\s+(?P<pronoun>его|её|ее)\s+(?:словам|мнению|данным|оценке)(?!\w)", re.I
)
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
#: Relations of a verb that shares the subject of the verb it hangs on.
_SHARED_SUBJECT = frozenset({"conj", "advcl"})
_CLAUSE_END = ".!?;\n"
#: How many words may stand between a reporting verb and its "что" ("заявил журналистам
#: в пятницу, что"). Chosen by hand on wmt-parallel en-ru texts.
MAX_WORDS_BEFORE_THAT = 5
#: A postposed cue closes its sentence: the verb, its subject and a few words more
#: (", сообщил журналистам пресс-секретарь президента Дмитрий Песков.").
MAX_POSTPOSED_TOKENS = 10
#: Longest source phrase without an entity kept as a source ("испанской газеты").
MAX_SOURCE_WORDS = 4
#: A turn's label is a name, not a sentence: at most this many words.
MAX_TURN_LABEL_WORDS = 4


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    """Lemmas of Russian reporting verbs ("заявить", "сказать"), from `reporting_verbs.txt`."""
    return lexicon.words("quotes", "reporting_verbs.txt", language="ru")


@lru_cache(maxsize=1)
def _source_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon.lines("quotes", "source_phrases.txt", language="ru"), key=len)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in reversed(phrases))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def find_russian_quotes(article: Article, brief: Brief) -> Brief:
    """Add every quote the Russian rules find, speakers resolved, in text order."""
    text, doc = article.text, article.doc
    found: list[Quote] = []
    finders = (_marked, _unclosed, _dialogue, _turns, _reported, _postposed, _sourced)
    for finder in finders:
        for quote in finder(text, doc, brief):
            if quote.end > quote.start and not any(_overlap(quote, q) for q in found):
                found.append(quote)
    found.sort(key=lambda q: (q.start, q.end))
    return replace(brief, quotes=tuple(found))


def is_reporting_verb(token: Token) -> bool:
    """A verb (or a participle / short form) whose lemma reports speech."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in reporting_lemmas()


# --- marked quotes ------------------------------------------------------------------------


def _marked(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    marked = find_marked(text)
    for m in marked:
        if any(o.open < m.open and m.close < o.close for o in marked):
            continue  # a quote inside a quote belongs to the outer one
        content = _trim(text, m.start, m.end)
        after = _cue_after(text, doc, brief, m.close + 1)
        if after is not None:
            speaker, cue = after
            yield Quote(*content, "direct", speaker, cue, evidence="marks+dash-cue")
            continue
        before = _cue_before(text, doc, brief, m.open)
        if before is not None:
            kind, speaker, cue, how = before
            yield Quote(*content, kind, speaker, cue, evidence=f"marks+{how}")


def _unclosed(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    """ "Он сказал: «...": a quotation after a colon cue whose closing mark never comes
    (the copy was cut, or the quote runs to the paragraph's end): content to the line end."""
    for match in _UNCLOSED.finditer(text):
        before = _cue_before(text, doc, brief, match.start("mark"))
        if before is None:
            continue
        kind, speaker, cue, how = before
        content = _trim(text, match.end("mark"), match.end())
        yield Quote(*content, kind, speaker, cue, evidence=f"unclosed-marks+{how}")


def _cue_after(text: str, doc: Doc, brief: Brief, at: int) -> tuple[Speaker | None, Span] | None:
    """ "», — сказал Песков": a dash right after the quote, then a reporting verb."""
    dash = _DASH_AFTER.match(text, at)
    if dash is None:
        return None
    verb = _token_at(doc, dash.end())
    if verb is None or not is_reporting_verb(verb):
        return None
    return _verb_speaker(text, doc, brief, verb), _token_span(verb)


def _cue_before(
    text: str, doc: Doc, brief: Brief, at: int
) -> tuple[QuoteKind, Speaker | None, Span, str] | None:
    """ "Лавров заявил: «", "Песков: «" or "заявил, что «" just before the opening mark."""
    sentence = _sentence_at(doc, at)
    if sentence is None:
        return None
    lead_start = sentence.start_char
    lead = text[lead_start:at]
    colon = _COLON_BEFORE.search(lead)
    verbs = [t for t in sentence if t.idx < at and is_reporting_verb(t)]
    if colon is not None:
        cue = Span(lead_start + colon.start(), lead_start + colon.start() + 1)
        if verbs:
            return (
                "direct",
                _verb_speaker(text, doc, brief, verbs[-1]),
                _token_span(verbs[-1]),
                "colon",
            )
        label = _trim(text, lead_start, lead_start + colon.start())
        if len(text[label[0] : label[1]].split()) <= MAX_TURN_LABEL_WORDS:
            speaker = first_entity_in(brief, *label)
            if speaker is not None:
                return "direct", speaker, cue, "name-colon"
        return None
    if _THAT_BEFORE.search(lead) and verbs:
        verb = verbs[-1]
        return "mixed", _verb_speaker(text, doc, brief, verb), _token_span(verb), "что"
    return None


# --- dash speech and turns ----------------------------------------------------------------


def _dialogue(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    for line in _DIALOGUE.finditer(text):
        what_start = line.start("what")
        cue_at = _DIALOGUE_CUE.search(text, what_start, line.end())
        if cue_at is None:
            continue
        verb = _token_at(doc, cue_at.end())
        if verb is None or not is_reporting_verb(verb):
            continue
        content = _trim(text, what_start, cue_at.start() + (text[cue_at.start()] in "!?…"))
        speaker = _verb_speaker(text, doc, brief, verb)
        yield Quote(*content, "direct", speaker, _token_span(verb), evidence="dash-speech")


def _turns(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    for line in _TURN.finditer(text):
        who = _trim(text, *line.span("who"))
        if len(text[who[0] : who[1]].split()) > MAX_TURN_LABEL_WORDS:
            continue
        entity = entity_at(brief, *who) or _person_by_surname(brief, text[who[0] : who[1]])
        if entity is None or entity.type != "PERSON":
            continue
        speaker = Speaker(entity.id, entity.name, *who)
        colon = Span(who[1], who[1] + 1) if text[who[1]] == ":" else None
        content = _trim(text, *line.span("what"))
        yield Quote(*content, "direct", speaker, colon, evidence="turn")


def _person_by_surname(brief: Brief, label: str) -> Entity | None:
    """A headline's "Лавров:" (the model may miss a name without context): the one person
    of the brief whose surname it is, in the nominative."""
    words = label.split()
    if not words or len(words) > 2 or not all(w[:1].isupper() for w in words):
        return None
    found = [
        e
        for e in brief.entities
        if e.type == "PERSON" and e.name.split()[-1].casefold() == words[-1].casefold()
    ]
    return found[0] if len(found) == 1 else None


# --- reported speech and source phrases ---------------------------------------------------


def _reported(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    """ "X заявил, что ...": the clause after "что", from a reporting verb with a subject."""
    for verb in doc:
        if not is_reporting_verb(verb):
            continue
        that = _that_after(verb)
        if that is None or _subject(verb) is None:
            continue
        end = _through_open_mark(text, that.idx, _clause_end(that))
        joined = _joined_reporting_verb(verb, that, end)
        content = _trim(text, that.idx + len(that), joined.idx if joined is not None else end)
        speaker = _verb_speaker(text, doc, brief, verb)
        yield Quote(*content, "indirect", speaker, _token_span(verb), evidence="что-clause")


def _postposed(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    """ "Переговоры продолжатся, сообщил Лавров.": a reporting verb after a comma at the end
    of the sentence, its subject after it; the words before the comma are the content."""
    for verb in doc:
        if not is_reporting_verb(verb) or verb.i == verb.sent.start:
            continue
        before = doc[verb.i - 1]
        if before.text in ("—", "–") and verb.i - 2 >= verb.sent.start:
            before = doc[verb.i - 2]
        if before.text != "," or verb.sent.end - verb.i > MAX_POSTPOSED_TOKENS:
            continue
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.i > verb.i]
        if not subjects:
            continue
        content = _trim(text, verb.sent.start_char, before.idx)
        speaker = speaker_of_subject(brief, doc, subjects[0])
        yield Quote(*content, "indirect", speaker, _token_span(verb), evidence="postposed-verb")


def _sourced(text: str, doc: Doc, brief: Brief) -> Iterator[Quote]:
    """ "По словам Лаврова, ...", "как сообщает ТАСС, ...", "..., по данным Минобороны",
    "по его словам, ..." (the pronoun resolved to the person before it)."""
    matches = [*_source_pattern().finditer(text), *_PRONOUN_SOURCE.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        sentence = _sentence_at(doc, match.start())
        if sentence is None:
            continue
        source_end = text.find(",", match.end(), sentence.end_char)
        source_end = sentence.end_char if source_end < 0 else source_end
        if match.re is _PRONOUN_SOURCE:
            pronoun = _token_at(doc, match.start("pronoun"))
            speaker = pronoun_speaker(brief, doc, pronoun) if pronoun is not None else None
        else:
            speaker = first_entity_in(brief, match.end(), source_end) or _named_source(
                text, doc, match.end(), source_end
            )
        if speaker is None:
            continue
        cue = Span(match.start(), match.end())
        opening = not text[sentence.start_char : match.start()].strip(' \n\t«"')
        if opening and source_end < sentence.end_char:
            content = _trim(text, source_end + 1, sentence.end_char)
        elif text[: match.start()].rstrip().endswith(","):
            content = _trim(text, sentence.start_char, text.rindex(",", 0, match.start()))
        else:
            continue
        yield Quote(*content, "indirect", speaker, cue, evidence="source-phrase")


def _named_source(text: str, doc: Doc, start: int, end: int) -> Speaker | None:
    """ "по информации испанской газеты": a short noun phrase with no entity in it, kept as
    the source's words (no entity); "по сообщениям," names no source and gives none."""
    words = _trim(text, start, end)
    span = doc.char_span(*words, alignment_mode="expand")
    if span is None or not 0 < len(span) <= MAX_SOURCE_WORDS:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return None
    return Speaker(None, text[words[0] : words[1]], *words)


# --- shared steps -------------------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for a second verb of a pair ("закончила ... и заявила") or an
    adverbial participle ("выступала против, заявив"), the subject of the verb it hangs on;
    for a reporting verb after "и" ("напомнил, что ..., и подчеркнул, что"), the subject of
    the reporting verb before it in the sentence."""
    first = verb
    for _hop in range(2):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ not in _SHARED_SUBJECT or verb.head is verb:
            break
        verb = verb.head
    if first.i > first.sent.start and first.doc[first.i - 1].lower_ == "и":
        earlier = [t for t in first.sent if t.i < first.i - 1 and is_reporting_verb(t)]
        if earlier and earlier[-1] is not first:
            return _subject(earlier[-1])
    return None


def _joined_reporting_verb(verb: Token, that: Token, end: int) -> Token | None:
    """The "и" before a second reporting verb inside a content clause ("напомнил, что внёс
    законопроект и подчеркнул, что ..."): the first content ends there."""
    for token in that.doc[that.i + 1 : verb.sent.end]:
        if token.idx >= end:
            return None
        if token.lower_ == "и" and token.i + 1 < len(token.doc):
            following = token.doc[token.i + 1]
            if is_reporting_verb(following) and _that_after(following) is not None:
                return token
    return None


#: The farthest a clause is carried to close a « it opened: the sentence splitter cuts at a
#: full stop inside guillemets («исключительную прозрачность. Озеро Тахо ...»).
MAX_CARRY_TO_CLOSE = 300


def _through_open_mark(text: str, start: int, end: int) -> int:
    """`end`, or past the » that closes a « opened between `start` and `end` and left open,
    when it comes before a line break and within `MAX_CARRY_TO_CLOSE` characters."""
    if text.count("«", start, end) <= text.count("»", start, end):
        return end
    closing = text.find("»", end, end + MAX_CARRY_TO_CLOSE)
    if closing < 0 or "\n" in text[end:closing]:
        return end
    return closing + 1


def _clause_end(that: Token) -> int:
    """Where the clause "что" opens ends: the last word of its verb's subtree, else the
    sentence's end ("заявило, что не выявило противоречий, Видениус обращается ...")."""
    clause = that.head
    if clause is that or clause.i < that.i:
        return that.sent.end_char
    last = max(t.i for t in clause.subtree)
    return that.doc[last].idx + len(that.doc[last])


def _verb_speaker(text: str, doc: Doc, brief: Brief, verb: Token) -> Speaker | None:
    """The verb's subject resolved, else the first person or organisation in its clause."""
    subject = _subject(verb)
    if subject is not None:
        return speaker_of_subject(brief, doc, subject)
    clause_end = verb.idx
    while clause_end < len(text) and text[clause_end] not in _CLAUSE_END:
        clause_end += 1
    return first_entity_in(brief, verb.idx, clause_end)


def _that_after(verb: Token) -> Token | None:
    """The "что" opening the verb's content clause, within a few words after the verb."""
    doc = verb.doc
    for token in doc[verb.i + 1 : min(verb.sent.end, verb.i + 2 + MAX_WORDS_BEFORE_THAT)]:
        if token.lower_ in ("что", "будто") and doc[token.i - 1].text == ",":
            return token
        finite = "Fin" in token.morph.get("VerbForm", [])
        if finite or token.text in (".", ":", ";", "«", "—"):
            return None
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _sentence_at(doc: Doc, char: int) -> TokenSpan | None:
    token = _token_at(doc, char)
    return token.sent if token is not None else None


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without the spaces, dashes and closing punctuation at its edges."""
    while start < end and text[start] in " \t\n—–-,":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:—–":
        end -= 1
    return start, end


def _overlap(a: Quote, b: Quote) -> bool:
    return a.start < b.end and b.start < a.end
