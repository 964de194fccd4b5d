"""The spaCy component `presslens_entity_fixes`, added after `ner` by `presslens.nlp`.

It rewrites `doc.ents`: it trims junk from the model's spans, fixes their labels from a
gazetteer of world places, organisations, media and leaders (`lexicons/en/gazetteer.tsv`),
and adds people the model missed by rules (a name after a title, before a verb of saying,
before a comma-delimited role; Korean three-part names) and places by their suffix
("Kursk Oblast"). What fired for each span is kept in `doc._.presslens_entity_evidence`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens import lexicon
from presslens.layers.entities.name_edges import (
    PERSON_MISTAKEN_AS,
    after_organisation,
    after_titles,
    before_line_break,
    opens_with_given_name,
    runs_names_together,
)
from presslens.layers.entities.wordlists import (
    facility_words,
    gazetteer,
    korean_surnames,
    org_head_words,
    place_suffixes,
    speech_verbs,
    title_words,
)

EVIDENCE_EXTENSION = "presslens_entity_evidence"
if not Doc.has_extension(EVIDENCE_EXTENSION):
    Doc.set_extension(EVIDENCE_EXTENSION, default=None)

#: The most capitalised tokens a rule takes as one name ("Maria Anna van der Berg"). A bound,
#: not "+": over a run of 10,000 capitalised words an open-ended pattern made the Matcher
#: quadratic (25 s for 40,000 characters, benchmarks/scaling.py "capitalised").
MAX_NAME_TOKENS = 5

#: spaCy labels that other layers (timeline, claims) read from `doc.ents`; this layer leaves
#: them in the Doc untouched and keeps them out of the entity list.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Labels the small model gives unreliably to names it does not know (a Korean name read
#: as WORK_OF_ART, a city as PRODUCT); a weak rule may overrule them, not ORG/GPE/PERSON.
FLAKY_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW"})

#: Words that open a question ("Will Pyongyang restrict...?") and get glued to a name.
_QUESTION_OPENERS = frozenset(
    {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "does", "did"}
    | {"do", "is", "are", "was", "were", "has", "have", "had"}
)
_LEADING_JUNK_POS = frozenset({"DET", "PUNCT", "SYM", "CCONJ", "SCONJ", "ADP", "PRON"})
_TRAILING_JUNK_POS = frozenset({"DET", "PUNCT", "SYM", "CCONJ", "SCONJ", "ADP", "PART"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_QUOTES = frozenset('"“”«»')

# --- the spaCy component ----------------------------------------------------------------


@dataclass
class _Candidate:
    start: int  # token index
    end: int
    label: str
    evidence: str
    source: str  # "spacy", "numeric", "gazetteer", "place", "strong", "weak"


@Language.factory("presslens_entity_fixes")
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    """Build the component that fixes the statistical NER's spans and labels."""
    return EntityFixes(nlp)


class EntityFixes:
    """Rewrite `doc.ents` with the gazetteer and the name rules; record why each span is there."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings  # the matchers' keys are hashes of these names
        self.gazetteer = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[str]] = {}
        for name, label in gazetteer():
            by_label.setdefault(label, []).append(name)
        for label, names in by_label.items():
            self.gazetteer.add(label, [nlp.make_doc(name) for name in names])
        self.rules = Matcher(nlp.vocab)
        titles = sorted(title_words())
        name_token = {"IS_TITLE": True, "POS": "PROPN"}
        name_run = {**name_token, "OP": f"{{1,{MAX_NAME_TOKENS}}}"}
        verbs_of_saying = list(speech_verbs())
        self.rules.add(
            "rule:title-before-name",
            [[{"LOWER": {"IN": titles}}, name_run]],
            greedy="LONGEST",
        )
        self.rules.add(
            "rule:name-before-role",
            [
                [
                    name_run,
                    {"ORTH": ","},
                    {"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"},
                    {"IS_ALPHA": True, "POS": {"NOT_IN": ["CCONJ", "VERB", "AUX"]}, "OP": "{0,2}"},
                    {"LOWER": {"IN": titles}},
                ]
            ],
            greedy="LONGEST",
        )
        self.rules.add(
            "rule:name-before-speech-verb",
            [
                [
                    name_run,
                    {"LEMMA": {"IN": verbs_of_saying}},
                ]
            ],
            greedy="LONGEST",
        )
        self.rules.add(
            "rule:korean-name",
            [
                [
                    {"ORTH": {"IN": list(korean_surnames())}},
                    {"IS_TITLE": True, "LENGTH": {"<=": 5}},
                    {"IS_TITLE": True, "LENGTH": {"<=": 5}},
                ]
            ],
        )
        self.rules.add(
            "rule:place-suffix",
            [
                [
                    {"IS_TITLE": True, "IS_STOP": False, "POS": {"IN": ["PROPN", "NOUN", "ADJ"]}},
                    {"IS_TITLE": True, "IS_STOP": False, "OP": "{0,2}"},
                    {"LOWER": {"IN": sorted(place_suffixes())}},
                ]
            ],
            greedy="LONGEST",
        )

    def __call__(self, doc: Doc) -> Doc:
        lowercase = frozenset(t.text for t in doc if t.is_lower)
        chosen = [
            c
            for ent in doc.ents
            if not _capitalised_common_word(ent, lowercase)
            and (c := _clean_model_span(doc, ent)) is not None
        ]
        gazetteer_spans = [
            _Candidate(s, e, self.strings[key], "gazetteer", "gazetteer")
            for key, s, e in self.gazetteer(doc)
        ]
        for cand in _longest_first(gazetteer_spans):
            _insert_gazetteer(doc, chosen, cand)
        for cand in _rule_candidates(doc, self.rules(doc), self.strings):
            _insert_rule(chosen, cand)
        chosen.sort(key=lambda c: c.start)
        doc.ents = [SpacySpan(doc, c.start, c.end, label=c.label) for c in chosen]
        doc._.set(EVIDENCE_EXTENSION, {(c.start, c.end): c.evidence for c in chosen})
        return doc


def _capitalised_common_word(ent: SpacySpan, lowercase: frozenset[str]) -> bool:
    """A one-word name that opens its sentence and is written in lower case elsewhere in the
    text is a common word capitalised there ("Reserve gas volumes ..." after "reserve gas")."""
    return (
        len(ent) == 1
        and ent.label_ not in NUMERIC_LABELS
        and ent[0].is_sent_start is True
        and ent[0].is_title
        and ent.text.lower() in lowercase
    )


def _clean_model_span(doc: Doc, ent: SpacySpan) -> _Candidate | None:
    """The model's span trimmed of glued-on words, or None when nothing name-like is left."""
    if ent.label_ in NUMERIC_LABELS:
        return _Candidate(ent.start, ent.end, ent.label_, "spacy:ner", "numeric")
    if sum(t.text in _QUOTES for t in ent) % 2:
        return None  # cut through a quoted title: 'The "Lions of General'
    start, end = ent.start, ent.end
    while start < end and (
        doc[start].pos_ in _LEADING_JUNK_POS
        or doc[start].lower_ in lexicon.caption_words()
        or (doc[start].lower_ in _QUESTION_OPENERS and _opens_a_question(doc[start]))
    ):
        start += 1
    while end > start and (
        doc[end - 1].pos_ in _TRAILING_JUNK_POS or doc[end - 1].text in _POSSESSIVES
    ):
        end -= 1
    end = before_line_break(doc, start, end)
    if ent.label_ == "PERSON":
        start = after_titles(doc, start, end)
        start = after_organisation(doc, start, end)
    span = doc[start:end]
    if not span or not any(t.is_title or t.is_upper or t.like_num for t in span):
        return None
    if ent.label_ == "PERSON" and any(ch.isdigit() for ch in span.text):
        return None  # no one's name has a digit: "Wolverhampton 2-0", "MI6", "A3"
    if ent.label_ == "PERSON" and runs_names_together(span):
        return None  # "George, Louis": a list of names read as one
    if all(t.pos_ == "ADV" for t in span):
        return None
    # "Defence minister Pavel Orlov": a one-word name right before a title word is part of
    # the role; the gazetteer adds back the known ones ("NATO spokesman").
    if (
        (label := ent.label_) != "PERSON"
        and len(span) == 1
        and end < len(doc)
        and (doc[end].lower_ in title_words())
    ):
        return None
    if label == "PERSON" and span[-1].lower_ in org_head_words():
        label = "ORG"  # "Freedom Caucus", "Pierce County": no one's last name
    elif label == "PERSON" and span[-1].lower_ in facility_words():
        label = "LOC"  # "Quarr Abbey", "St Peter's Square"
    if label == "FAC":
        label = "ORG" if any(t.lower_ in org_head_words() for t in span) else "LOC"
    if label in PERSON_MISTAKEN_AS:
        # "Director of [Baltrail Yuri Sokolov]", "Minister for ... of the [Temporarily
        # Occupied Territories Iryna Vereshchuk]" read as one ORG: the person at its end.
        cut = next((i for i in range(start, end - 1) if opens_with_given_name(doc[i:end])), start)
        if opens_with_given_name(doc[cut:end]):
            return _Candidate(cut, end, "PERSON", "spacy:ner+given-name", "spacy")
    return _Candidate(start, end, label, "spacy:ner", "spacy")


def _opens_a_question(token: Token) -> bool:
    """Whether `token` is the first word of a sentence that ends with "?"."""
    sentence = token.sent
    return token.i == sentence.start and sentence.text.rstrip().endswith("?")


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longer ones winning (like `spacy.util.filter_spans`)."""
    kept: list[_Candidate] = []
    taken: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not taken.intersection(range(cand.start, cand.end)):
            kept.append(cand)
            taken.update(range(cand.start, cand.end))
    return kept


def _overlapping(chosen: list[_Candidate], cand: _Candidate) -> list[_Candidate]:
    return [c for c in chosen if c.start < cand.end and cand.start < c.end]


def _insert_gazetteer(doc: Doc, chosen: list[_Candidate], cand: _Candidate) -> None:
    """A gazetteer name fixes the model's label, widens its span, or splits "A and B"."""
    hits = _overlapping(chosen, cand)
    if any(h.source == "numeric" for h in hits):
        return
    if not hits:
        chosen.append(cand)
        return
    if len(hits) == 1 and (hits[0].start, hits[0].end) == (cand.start, cand.end):
        hit = hits[0]
        if hit.label != cand.label:
            hit.label = cand.label
        hit.evidence = _join_evidence(hit.evidence, "gazetteer")
        hit.source = "gazetteer"
        return
    if all(cand.start <= h.start and h.end <= cand.end for h in hits):
        for hit in hits:
            chosen.remove(hit)
        chosen.append(cand)
        return
    outer = hits[0]
    if len(hits) == 1 and outer.start <= cand.start and cand.end <= outer.end:
        # "Kharkiv and Odesa" read as one ORG: a span joining names is split into them.
        if outer.source == "spacy" and any(
            t.pos_ == "CCONJ" or t.text == "," for t in doc[outer.start : outer.end]
        ):
            chosen.remove(outer)
            chosen.append(cand)
        return
    # Crossing spans: the longer one stays.
    if all(h.source == "spacy" and h.end - h.start < cand.end - cand.start for h in hits):
        for hit in hits:
            chosen.remove(hit)
        chosen.append(cand)


def _rule_candidates(
    doc: Doc, matches: Iterable[tuple[int, int, int]], strings: StringStore
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for key, start, end in matches:
        rule = strings[key]
        if rule == "rule:title-before-name":
            source = "strong"
        elif rule == "rule:name-before-role":
            end = next(i for i in range(start, end) if doc[i].text == ",")
            source = "strong"
        elif rule == "rule:name-before-speech-verb":
            end -= 1
            source = "weak"
            if start > 0 and doc[start - 1].lower_ == "of":
                continue  # "the Head of State remarked": the end of a title, not a name
        elif rule == "rule:korean-name":
            source = "strong"
        else:
            out.append(_Candidate(start, end, "GPE", rule, "place"))
            continue
        while start < end and doc[start].lower_ in _QUESTION_OPENERS | {"the"}:
            start += 1
        start = after_titles(doc, start, end)
        if start >= end or doc[end - 1].lower_ in org_head_words():
            continue
        out.append(_Candidate(start, end, "PERSON", rule, source))
    return out


def _insert_rule(chosen: list[_Candidate], cand: _Candidate) -> None:
    """A rule span replaces the spans it may overrule; it never splits a gazetteer name."""
    hits = _overlapping(chosen, cand)
    may_overrule: Callable[[_Candidate], bool]
    if cand.source == "place":

        def may_overrule(hit: _Candidate) -> bool:
            return (
                hit.source in ("spacy", "gazetteer")
                and cand.start <= hit.start
                and (hit.end <= cand.end)
            )

    elif cand.source == "strong":

        def may_overrule(hit: _Candidate) -> bool:
            # A title before a name outweighs the model's label, but never cuts a longer
            # organisation or place the model found ("Committee of Korean War Veterans").
            inside = cand.start <= hit.start and hit.end <= cand.end
            return (hit.source == "spacy" and (inside or hit.label in FLAKY_LABELS)) or (
                hit.source != "numeric" and hit.label == "PERSON"
            )

    else:

        def may_overrule(hit: _Candidate) -> bool:
            return hit.source == "spacy" and (hit.label in FLAKY_LABELS or hit.label == "PERSON")

    if not all(may_overrule(h) for h in hits):
        return
    if len(hits) == 1 and (hits[0].start, hits[0].end) == (cand.start, cand.end):
        hits[0].label = cand.label
        hits[0].evidence = _join_evidence(hits[0].evidence, cand.evidence)
        return
    # A rule never shortens a longer person span the model found ("Vladimir Putin" seen as
    # "Putin said").
    if any(h.label == cand.label and h.end - h.start > cand.end - cand.start for h in hits):
        for hit in hits:
            hit.evidence = _join_evidence(hit.evidence, cand.evidence)
        return
    for hit in hits:
        chosen.remove(hit)
    chosen.append(cand)


def _join_evidence(old: str, new: str) -> str:
    parts = old.split("+") if old else []
    return "+".join([*parts, new]) if new not in parts else old
