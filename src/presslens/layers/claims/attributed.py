"""Whose a claim is: the speaker of the quote it lies in, or the source its sentence names.

Strongest first: a claim lying mostly inside a quote's content takes the quote's speaker
(a quote with no speaker in the text, such as "it should be noted that ...", leaves the
claim the author's); otherwise a reporting verb's subject in the sentence ("An analysis
report claimed that ...", verbs in `lexicons/en/attribution_cues.txt`) or an "according
to X" with a source noun (`lexicons/en/sayer_nouns.txt`). The stage (`stage.py`) carries
a source across a closing colon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from presslens import lexicon
from presslens.brief import Brief, Quote, Source
from presslens.layers.claims.certainty import lexicon_entries
from presslens.layers.quotes.acts import not_said
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.clauses import QUESTION_VERBS

# A claim lies "inside" a quote when at least this share of its characters does.
QUOTE_OVERLAP_SHARE = 0.5
# Verbs that put a question ("asked", "wondered", "inquired"), as stems of the quotes
# layer's list: a cue's words are matched, not its lemma.
QUESTION_CUES = tuple(verb.removesuffix("e") for verb in sorted(QUESTION_VERBS))
# Why a verb reports no source for a claim: speech that did not happen. What parties
# agreed to do and what media mentioned are no quotes (`acts.not_said`), but they are
# where the claim comes from ("Western media mentioned the army's new supply route").
SAID_NOTHING = frozenset({"negated", "hypothetical"})
_NOT_SOURCES = {"i", "we", "you", "it", "this", "that", "these", "those", "one", "they"}


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Source | None
    how: str


@lru_cache(maxsize=1)
def _attribution_verbs() -> tuple[dict[str, str | None], frozenset[str]]:
    """Lemma -> required particle (or None), and the lemmas whose object carries a statement."""
    verbs: dict[str, str | None] = {}
    takes_object: set[str] = set()
    for line in lexicon.rows("claims", "attribution_cues.txt"):
        words = line[0].split()
        verbs[words[0]] = words[1] if len(words) > 1 else None
        if len(line) > 2 and line[2] == "object":
            takes_object.add(words[0])
    return verbs, frozenset(takes_object)


@lru_cache(maxsize=1)
def _sayer_nouns() -> frozenset[str]:
    return frozenset(lexicon_entries("sayer_nouns.txt"))


def quote_attribution(brief: Brief, start: int, end: int) -> Attribution | None:
    """The speaker of the quote covering most of the claim at `start:end` (not the first
    one found)."""
    length = end - start
    best, best_overlap = None, 0
    for quote in brief.quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap < QUOTE_OVERLAP_SHARE * length or overlap <= best_overlap:
            continue
        speaker = quote.speaker
        if speaker is None or speaker.start is None or speaker.end is None:
            # Reported speech with no speaker in the text ("it should be noted
            # that ...") is the author's own statement.
            continue
        if _is_question(brief.text, quote):
            continue  # "When asked by a host if X, de Blasio said ...": a question claims nothing
        if speaker.pronoun and speaker.entity_id is None:
            continue  # "We can speculate about ...": nobody the text names
        best, best_overlap = speaker, overlap
    if best is None or best.start is None or best.end is None:
        return None
    return Attribution(Source(best.entity_id, best.name, best.start, best.end), "quote")


def sentence_attribution(brief: Brief, tokens: TokenSpan) -> Attribution | None:
    verbs, takes_object = _attribution_verbs()
    ends_with_colon = tokens.text.rstrip().endswith(":")
    for token in tokens:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            source_head = _according_to_head(token.doc[token.i + 1])
            if source_head is not None:
                return Attribution(_source(brief, source_head), "in sentence")
            continue
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in verbs:
            continue
        particle = verbs[lemma]
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
            continue
        if (spoken := _cue_speaker(brief, token, tokens)) is not None:
            return spoken
        subject_deps = ("nsubj", "nsubjpass") if lemma == "convince" else ("nsubj",)
        subject = next((c for c in token.children if c.dep_ in subject_deps), None)
        if subject is None or subject.lower_ in _NOT_SOURCES:
            continue
        if not is_agent(subject) or not_said(token) in SAID_NOTHING:
            continue  # "media did not mention ...", "guarantees ruling out ...": no source
        low, high = sorted((subject.i, token.i))
        if any("\n" in t.text_with_ws for t in token.doc[low:high]):
            continue  # a subject across a line break is a headline the parser ran on from
        deps = {c.dep_ for c in token.children}
        if "ccomp" in deps or (lemma in takes_object and "dobj" in deps) or ends_with_colon:
            return Attribution(_source(brief, subject), "in sentence")
    return None


def _is_question(text: str, quote: Quote) -> bool:
    """Whether a quote is a question put to someone ("asked by a reporter whether ...",
    "wondered if ..."): its words assert nothing, so it names no claim's source."""
    if quote.cue is None:
        return False
    words = text[quote.cue.start : quote.cue.end].lower().split()
    return bool(words) and (words[0].startswith(QUESTION_CUES) or words[-1] in ("whether", "if"))


def _cue_speaker(brief: Brief, verb: Token, sentence: TokenSpan) -> Attribution | None:
    """The speaker of a quote whose cue is `verb` and whose words are in the sentence: the
    quotes layer already resolved who said it ("Chairman X, and Veteran Andrei Shina
    believes that ..." is Andrei Shina, "'...,' he said" is the person "he" is), so the
    claim's source agrees with it. "This was stated by X" credits the sentence before, so
    it is no source of its own sentence."""
    for quote in brief.quotes:
        cue, speaker = quote.cue, quote.speaker
        if cue is None or speaker is None or speaker.start is None or speaker.end is None:
            continue
        if not cue.start <= verb.idx < cue.end:
            continue
        if quote.end <= sentence.start_char or quote.start >= sentence.end_char:
            continue
        if speaker.pronoun and speaker.entity_id is None:
            return None  # "they said": nobody the text names
        return Attribution(
            Source(speaker.entity_id, speaker.name, speaker.start, speaker.end), "quote cue"
        )
    return None


def _according_to_head(to: Token) -> Token | None:
    if to.lower_ != "to":
        return None
    head = next((c for c in to.children if c.dep_ == "pobj"), None)
    if head is None:
        return None
    if head.pos_ == "PROPN" or head.lower_ in _sayer_nouns():
        return head
    return None


def _source(brief: Brief, head: Token) -> Source:
    """The source span: the head's subtree, trimmed of punctuation.

    It is linked to the entity one of whose mentions holds the head word, so
    "North Korean media" is not linked to the nationality "North Korean".
    """
    subtree = list(head.subtree)
    # A subject the parser ran on from a headline starts after the line break.
    breaks = [i for i, t in enumerate(subtree) if t.i < head.i and "\n" in t.text_with_ws]
    if breaks:
        subtree = subtree[breaks[-1] + 1 :]
    while len(subtree) > 1 and subtree[0].is_punct:
        subtree.pop(0)
    while len(subtree) > 1 and subtree[-1].is_punct:
        subtree.pop()
    start = subtree[0].idx
    end = subtree[-1].idx + len(subtree[-1].text)
    for entity in brief.entities:
        inside = any(m.start <= head.idx < m.end and m.end <= end for m in entity.mentions)
        if inside and entity.type in ("PERSON", "ORG", "NORP", "GPE"):
            return Source(entity.id, entity.name, start, end)
    return Source(None, None, start, end)
