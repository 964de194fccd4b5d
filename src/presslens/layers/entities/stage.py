"""Stage: the `entities` layer. People, organisations and places, each with all its mentions.

Two parts, kept apart as the style asks:

* the spaCy component `presslens_entity_fixes` (added after `ner` by `nlp.py`) rewrites
  `doc.ents`: it trims junk from the model's spans, fixes their labels from a gazetteer of
  world places, organisations, media and leaders (`lexicons/gazetteer.tsv`), and adds
  people the model missed by rules (a name after a title, before a verb of saying, before
  a comma-delimited role; Korean three-part names) and places by their suffix ("Kursk
  Oblast"). What fired for each span is kept in `doc._.presslens_entity_evidence`.
* the stage `find_entities` groups those spans into entities: one entity per referent,
  with surname-only mentions, possessives, "the X" forms, spelling variants
  (`lexicons/spelling_variants.tsv`) and near-identical transliterations merged, and the
  titles and affiliations the text gives each person (`roles.py`).

>>> from presslens import analyze  # doctest: +SKIP
>>> [e.name for e in analyze("Expert Ivan Petrov visited Kyiv.").entities]  # doctest: +SKIP
['Ivan Petrov', 'Kyiv']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz.fuzz import ratio
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.article import Article
from presslens.brief import Brief, Entity, EntityType, Span
from presslens.roles import find_roles

EVIDENCE_EXTENSION = "presslens_entity_evidence"
if not Doc.has_extension(EVIDENCE_EXTENSION):
    Doc.set_extension(EVIDENCE_EXTENSION, default=None)

#: spaCy labels that other layers (timeline, claims) read from `doc.ents`; this layer leaves
#: them in the Doc untouched and keeps them out of the entity list.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_CONTRACT_TYPE: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "LAW": "LAW",
    "WORK_OF_ART": "WORK",
    "PRODUCT": "OTHER",
    "LANGUAGE": "OTHER",
}
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

#: Two surnames are one transliterated name when rapidfuzz's ratio reaches this. Chosen by
#: hand from pairs like Zhebin/Zhebine and Zelensky/Zelenskiy (same person) against
#: Ivanov/Ivanenko (different); not yet measured on annotated coreference data.
FUZZY_SURNAME_MIN = 85.0
#: Surnames shorter than this are only merged when spelled the same.
FUZZY_SURNAME_MIN_CHARS = 5


# --- lexicons ---------------------------------------------------------------------------


def read_lexicon(name: str) -> tuple[str, ...]:
    """The non-comment, non-blank lines of `lexicons/NAME`, stripped of trailing spaces."""
    return _read_lexicon(name)


@lru_cache(maxsize=32)
def _read_lexicon(name: str) -> tuple[str, ...]:
    text = resources.files("presslens").joinpath("lexicons", name).read_text(encoding="utf-8")
    lines = (line.rstrip() for line in text.splitlines())
    return tuple(line for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[str, str], ...]:
    """(name, spaCy label) pairs from `lexicons/gazetteer.tsv`."""
    rows = (line.split("\t") for line in read_lexicon("gazetteer.tsv"))
    return tuple((name.strip(), label.strip()) for name, label in rows)


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, str]:
    """Variant spelling -> preferred spelling, from `lexicons/spelling_variants.tsv`."""
    rows = (line.split("\t") for line in read_lexicon("spelling_variants.tsv"))
    return {variant.strip(): preferred.strip() for variant, preferred in rows}


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lowercase title and role words ("president", "expert"), from `entity_titles.txt`."""
    return frozenset(read_lexicon("entity_titles.txt"))


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Lowercase forms of address ("mr", "dr") that open a name but are no role."""
    return frozenset(read_lexicon("entity_honorifics.txt"))


@lru_cache(maxsize=1)
def org_head_words() -> frozenset[str]:
    """Lowercase words that head an organisation's name ("ministry", "staff")."""
    return frozenset(read_lexicon("org_head_words.txt"))


@lru_cache(maxsize=1)
def place_suffixes() -> frozenset[str]:
    """Lowercase words that make a name a region ("oblast", "krai", "province")."""
    return frozenset(read_lexicon("place_suffixes.txt"))


@lru_cache(maxsize=1)
def caption_words() -> frozenset[str]:
    """Lowercase words that open a caption or credit ("photo", "screenshot")."""
    return frozenset(read_lexicon("caption_words.txt"))


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
        speech_verbs = list(read_lexicon("entity_speech_verbs.txt"))
        self.rules.add(
            "rule:title-before-name",
            [[{"LOWER": {"IN": titles}}, {**name_token, "OP": "+"}]],
            greedy="LONGEST",
        )
        self.rules.add(
            "rule:name-before-role",
            [
                [
                    {**name_token, "OP": "+"},
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
                    {**name_token, "OP": "+"},
                    {"LEMMA": {"IN": speech_verbs}},
                ]
            ],
            greedy="LONGEST",
        )
        self.rules.add(
            "rule:korean-name",
            [
                [
                    {"ORTH": {"IN": list(read_lexicon("korean_surnames.txt"))}},
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
        chosen = [c for ent in doc.ents if (c := _clean_model_span(doc, ent)) is not None]
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


def _clean_model_span(doc: Doc, ent: SpacySpan) -> _Candidate | None:
    """The model's span trimmed of glued-on words, or None when nothing name-like is left."""
    if ent.label_ in NUMERIC_LABELS:
        return _Candidate(ent.start, ent.end, ent.label_, "spacy:ner", "numeric")
    if sum(t.text in _QUOTES for t in ent) % 2:
        return None  # cut through a quoted title: 'The "Lions of General'
    start, end = ent.start, ent.end
    while start < end and (
        doc[start].pos_ in _LEADING_JUNK_POS
        or doc[start].lower_ in caption_words()
        or (doc[start].lower_ in _QUESTION_OPENERS and _opens_a_question(doc[start]))
    ):
        start += 1
    while end > start and (
        doc[end - 1].pos_ in _TRAILING_JUNK_POS or doc[end - 1].text in _POSSESSIVES
    ):
        end -= 1
    if ent.label_ == "PERSON":
        start = _after_titles(doc, start, end)
    span = doc[start:end]
    if not span or not any(t.is_title or t.is_upper or t.like_num for t in span):
        return None
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
    if label == "FAC":
        label = "ORG" if any(t.lower_ in org_head_words() for t in span) else "LOC"
    return _Candidate(start, end, label, "spacy:ner", "spacy")


def _opens_a_question(token: Token) -> bool:
    """Whether `token` is the first word of a sentence that ends with "?"."""
    sentence = token.sent
    return token.i == sentence.start and sentence.text.rstrip().endswith("?")


def _after_titles(doc: Doc, start: int, end: int) -> int:
    """Skip a title inside a person span ("Veteran Andrei Shina" -> "Andrei Shina")."""
    last_title = max(
        (i for i in range(start, end) if doc[i].lower_.rstrip(".") in title_words()),
        default=None,
    )
    return start if last_title is None else last_title + 1


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
        elif rule == "rule:korean-name":
            source = "strong"
        else:
            out.append(_Candidate(start, end, "GPE", rule, "place"))
            continue
        while start < end and doc[start].lower_ in _QUESTION_OPENERS | {"the"}:
            start += 1
        start = _after_titles(doc, start, end)
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


# --- the stage --------------------------------------------------------------------------


@dataclass
class _Group:
    key: str
    mentions: list[tuple[int, int]]  # char offsets
    labels: Counter[str]
    evidence: list[str]
    roles: list[tuple[int, int]]
    tokens: tuple[str, ...]  # the key's words, for surname matching

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]


#: How many model votes a byline mention outweighs when an entity's type is chosen.
BYLINE_WEIGHT = 100


def find_entities(article: Article, brief: Brief) -> Brief:
    """Group the Doc's named-entity spans into entities with mentions and roles."""
    doc = article.doc
    evidence_of: dict[tuple[int, int], str] = doc._.get(EVIDENCE_EXTENSION) or {}
    groups: dict[str, _Group] = {}
    # A byline names a person, whatever the model made of it ("Author:\n\nName").
    byline = brief.document.author_span
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS or (
            ent.label_ not in _CONTRACT_TYPE and (ent.label_ != "FAC")
        ):
            continue
        key = _mention_key(ent.text)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, [], Counter(), [], [], tuple(key.split()))
        group.mentions.append((ent.start_char, ent.end_char))
        is_byline = byline is not None and (byline.start, byline.end) == (
            ent.start_char,
            ent.end_char,
        )
        label = "PERSON" if is_byline else ent.label_
        group.labels[label if label != "FAC" else "LOC"] += BYLINE_WEIGHT if is_byline else 1
        if is_byline and "rule:byline" not in group.evidence:
            group.evidence.append("rule:byline")
        for part in evidence_of.get((ent.start, ent.end), "spacy:ner").split("+"):
            if part not in group.evidence:
                group.evidence.append(part)
        if ent.label_ == "PERSON":
            group.roles.extend(find_roles(doc, ent, title_words(), honorifics()))
    merged = _merge_people(list(groups.values()))
    merged.sort(key=lambda g: min(g.mentions))
    entities = tuple(
        _entity(f"E{number}", group, article.text) for number, group in enumerate(merged, start=1)
    )
    return replace(brief, entities=entities)


def _mention_key(surface: str) -> str:
    """How mentions of one referent compare: variants resolved, case and "the" dropped."""
    words = surface.replace("’", "'").split()
    variants = spelling_variants()
    joined = " ".join(words)
    if joined in variants:
        words = variants[joined].split()
    else:
        words = [variants.get(word, word) for word in words]
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words).casefold()


def _merge_people(groups: list[_Group]) -> list[_Group]:
    """Fold surname-only and transliterated person groups into the fullest matching name.

    A surname the model labelled something else ("Orlov" as ORG) joins the person too when
    it is spelled exactly so and nothing but the model vouches for its label.
    """
    people = sorted(
        (g for g in groups if g.label == "PERSON"), key=lambda g: (-len(g.tokens), min(g.mentions))
    )
    mislabelled = [
        g
        for g in groups
        if g.label != "PERSON" and len(g.tokens) == 1 and g.evidence == ["spacy:ner"]
    ]
    absorbed: set[int] = set()
    for index, group in enumerate(people):
        if id(group) in absorbed:
            continue
        for other in people[index + 1 :]:
            if id(other) not in absorbed and _same_person(group.tokens, other.tokens):
                _absorb(group, other)
                absorbed.add(id(other))
        if len(group.tokens) > 1:
            for other in mislabelled:
                if id(other) not in absorbed and other.tokens[0] == group.tokens[-1]:
                    _absorb(group, other)
                    absorbed.add(id(other))
    return [g for g in groups if id(g) not in absorbed]


def _same_person(fuller: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if not fuller or not shorter:
        return False
    if len(shorter) > 1 and shorter[0] != fuller[0]:
        return False
    return _same_surname(fuller[-1], shorter[-1])


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_SURNAME_MIN_CHARS or a[0] != b[0]:
        return False
    # Slavic feminine forms name a different person: Ivanov / Ivanova.
    if a + "a" == b or b + "a" == a:
        return False
    return ratio(a, b) >= FUZZY_SURNAME_MIN


def _absorb(into: _Group, other: _Group) -> None:
    into.mentions.extend(other.mentions)
    into.labels[into.label] += other.labels.total()
    into.roles.extend(other.roles)
    for part in other.evidence:
        if part not in into.evidence:
            into.evidence.append(part)


def _entity(entity_id: str, group: _Group, text: str) -> Entity:
    mentions = tuple(Span(s, e) for s, e in sorted(set(group.mentions)))
    roles = tuple(Span(s, e) for s, e in sorted(set(group.roles)))
    label = group.label
    return Entity(
        id=entity_id,
        name=_canonical_name(group, text),
        type=_CONTRACT_TYPE.get(label, "OTHER"),
        mentions=mentions,
        roles=roles,
        evidence="+".join(group.evidence),
    )


def _canonical_name(group: _Group, text: str) -> str:
    """The fullest form: most words, then most frequent, preferring the lexicon's spelling."""
    variants = spelling_variants()
    forms: Counter[str] = Counter()
    for start, end in group.mentions:
        words = text[start:end].replace("’", "'").split()
        if words and words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
        form = " ".join(words)
        forms[variants.get(form, form)] += 1
    return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
