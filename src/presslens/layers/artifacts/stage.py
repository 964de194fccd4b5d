"""Stage: the `artifacts` layer. Traces of translation and republication left in the text.

Each finder is pure (text and earlier layers in, artifacts out); `find_artifacts` joins
them. The kinds:

* `foreign-script`: letters of a script other than the text's own ("特意" in English);
* `name-variant`: one person named two ways: a headline name the body never uses where
  the matching body sentence names someone else, or near-identical surnames merged into
  one entity by the entities layer (Zhebin / Zhebine);
* `spelling-variant`: one place spelled two ways (Kiev / Kyiv), from
  `presslens/lexicons/en/spelling_variants.tsv`;
* `placeholder`: a vague stand-in where an edition removed a name ("relevant
  countries"), from `lexicons/en/placeholders.txt`;
* `boilerplate`: captions and credits, the "Original: URL" line, the disclaimer, "Read
  more" and "Subscribe" lines.

On Chinese text, placeholders and furniture lines (原标题, 来源, 免责声明) come from
`chinese.py` instead of the English lists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Artifact, Brief, Entity, Span
from presslens.layers.artifacts.chinese import (
    chinese_boilerplate,
    chinese_placeholders,
    in_brackets,
)

# Unicode blocks of the scripts a news text is written in. Latin includes its extensions
# and combining marks so accented names ("Pokrovsk", "Türkiye") stay Latin.
SCRIPTS: dict[str, str] = {
    "Latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f",
    "Cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Hebrew": "\u0590-\u05ff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Hiragana": "\u3040-\u309f",
    "Katakana": "\u30a0-\u30ff",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Thai": "\u0e00-\u0e7f",
    "Devanagari": "\u0900-\u097f",
    "Georgian": "\u10a0-\u10ff",
    "Armenian": "\u0530-\u058f",
}
_SCRIPT_RUNS = {name: re.compile(f"[{chars}]+") for name, chars in SCRIPTS.items()}
# Words of one script with only spaces, hyphens, apostrophes or full stops between them
# are one fragment ("Bodymoor Heath" in a Chinese text is one name, not two artifacts).
_SCRIPT_PHRASES = {
    name: re.compile(f"[{chars}]+(?:[ '’.-]+[{chars}]+)*") for name, chars in SCRIPTS.items()
}

# A caption or credit line is short; longer lines that open on "Photo" are prose.
MAX_CAPTION_CHARS = 300
# A "Read more" / "Subscribe" line is shorter still.
MAX_PROMPT_LINE_CHARS = 160

_CAPTION_WORDS = "|".join(sorted(lexicon.caption_words(), key=len, reverse=True))
_CAPTION_LINE = re.compile(
    rf"^[ \t]*(?:{_CAPTION_WORDS})\b[ \t]*(?:[:：|—–]|-\s|of\b|from\b|by\b|courtesy\b)[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_CAPTION_AFTER_SENTENCE = re.compile(
    rf"(?<=[.!?…\"”])[ \t]+(?P<caption>(?:{_CAPTION_WORDS})[ \t]*[:：][^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
_CAPTION_MARK = re.compile(rf"[ \t]//[ \t]*(?:{_CAPTION_WORDS})\b", re.IGNORECASE)
_ORIGINAL_LINK = re.compile(
    r"(?:Original(?:ly published)?(?: (?:at|in|on))?|Source|Via|Read more at|原文|来源)"
    r"\s*[:：]\s*https?://[^\s<>\"']+",
    re.IGNORECASE,
)
_PROMPT_LINE = re.compile(
    r"^[ \t]*(?:Read more|Read also|Related|Subscribe|Follow us|Sign up|Share this|Click here"
    r"|Advertisement|All rights reserved|©|Copyright ©)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)

#: A headline sentence and a body sentence tell the same event when at least this share of
#: the headline's content words (the name left out) recur in it, and at least
#: `MIN_SHARED_WORDS` of them. Chosen by hand (a retelling of the headline keeps most of
#: its content words); not yet measured on annotated headline/lead pairs.
NAME_SLOT_MIN_OVERLAP = 0.5
MIN_SHARED_WORDS = 2


def find_artifacts(article: Article, brief: Brief) -> Brief:
    """Add every artifact kind, in text order."""
    text = article.text
    found = list(_foreign_script(text, article.language))
    if article.language == "zh":
        # Chinese news glosses a foreign name with its spelling in brackets: not a trace.
        found = [a for a in found if not in_brackets(text, a.start, a.end)]
        # Names and spellings are compared by their words, which Chinese does not space.
        found += [*chinese_placeholders(text, article.doc), *chinese_boilerplate(text)]
    else:
        found += [*_name_variants(article, brief), *_spelling_variants(text), *_placeholders(text)]
    found += _boilerplate(text, brief)
    found.sort(key=lambda a: (a.start, a.end, a.kind))
    return replace(brief, artifacts=tuple(dict.fromkeys(found)))


# --- foreign script ---------------------------------------------------------------------


#: The script each routed language is written in: a short Chinese text with a few English
#: names has more Latin letters than Han characters, yet Han is its own script.
LANGUAGE_SCRIPTS = {"en": "Latin", "ru": "Cyrillic", "zh": "Han"}


def _foreign_script(text: str, language: str) -> Iterator[Artifact]:
    counts = {name: sum(map(len, run.findall(text))) for name, run in _SCRIPT_RUNS.items()}
    own = LANGUAGE_SCRIPTS.get(language) or max(counts, key=lambda name: counts[name])
    if not counts[own]:
        return
    for name in _SCRIPT_RUNS:
        if name == own or not counts[name]:
            continue
        for match in _SCRIPT_PHRASES[name].finditer(text):
            start, end = match.span()
            glued = (start > 0 and text[start - 1].isalpha()) or (
                end < len(text) and text[end].isalpha()
            )
            note = f"{name} script in a {own}-script text" + (
                ", glued to the word beside it (an untranslated word)" if glued else ""
            )
            yield Artifact(start, end, "foreign-script", note)


# --- name variants ----------------------------------------------------------------------


def _name_variants(article: Article, brief: Brief) -> Iterator[Artifact]:
    people = [e for e in brief.entities if e.type == "PERSON"]
    yield from _headline_names(article, brief, people)
    yield from _merged_spellings(brief, people)


def _headline_names(article: Article, brief: Brief, people: list[Entity]) -> Iterator[Artifact]:
    """A person named only in the headline, where the body's retelling names someone else."""
    title = brief.document.title_span
    if title is None:
        return
    in_title = [
        e for e in people if all(title.start <= m.start and m.end <= title.end for m in e.mentions)
    ]
    if not in_title:
        return
    doc = article.doc
    title_people = {e.id for e in people if any(m.end <= title.end for m in e.mentions)}
    body_sentences = [s for s in doc.sents if s.start_char >= title.end]
    for entity in in_title:
        for mention in entity.mentions:
            head = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if head is None:
                continue
            words = _content_words(head.sent, exclude=(mention.start, mention.end))
            best = max(
                body_sentences,
                key=lambda s: len(words & _content_words(s)),
                default=None,
            )
            if best is None:
                continue
            shared = words & _content_words(best)
            if len(shared) < MIN_SHARED_WORDS or len(shared) < NAME_SLOT_MIN_OVERLAP * len(words):
                continue
            other = _same_slot(doc, head, best, shared, people, title_people)
            if other is None:
                continue
            yield Artifact(
                mention.start,
                mention.end,
                "name-variant",
                f"headline name never used in the body; the body's matching sentence names "
                f"'{other.name}' instead: also spelled '{_surname(other, brief)}' "
                f"({len(other.mentions)}x)",
            )


def _same_slot(
    doc: Doc,
    title_mention: SpacySpan,
    sentence: SpacySpan,
    shared: set[str],
    people: list[Entity],
    title_people: set[str],
) -> Entity | None:
    """The person the body sentence names where the headline names its own: the same
    syntactic role (subject, object...), then the nearest to the words both share."""
    anchors = [t.idx for t in sentence if t.lemma_.lower() in shared]
    ranked: list[tuple[bool, int, Entity]] = []
    for entity in people:
        if entity.id in title_people:
            continue
        for m in entity.mentions:
            if not sentence.start_char <= m.start < sentence.end_char:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            distance = min(abs(a - m.start) for a in anchors) if anchors else 0
            ranked.append((span.root.dep_ != title_mention.root.dep_, distance, entity))
    if not ranked:
        return None
    return min(ranked, key=lambda r: (r[0], r[1]))[2]


def _content_words(sentence: SpacySpan, exclude: tuple[int, int] | None = None) -> set[str]:
    return {
        t.lemma_.lower()
        for t in sentence
        if t.is_alpha
        and not t.is_stop
        and not (exclude and exclude[0] <= t.idx < exclude[1])
        and t.ent_type_ != "PERSON"
    }


def _surname(entity: Entity, brief: Brief) -> str:
    forms = Counter(brief.surface(m).split()[-1] for m in entity.mentions)
    return forms.most_common(1)[0][0]


def _merged_spellings(brief: Brief, people: list[Entity]) -> Iterator[Artifact]:
    """Mentions of one person whose surname is spelled the minority way."""
    variants = lexicon.spelling_variants()
    for entity in people:
        surnames = Counter(_last_word(brief.surface(m)) for m in entity.mentions)
        if len(surnames) < 2:
            continue
        (main, main_count), *_rest = surnames.most_common()
        for mention in entity.mentions:
            surname = _last_word(brief.surface(mention))
            if surname == main or variants.get(surname) == main or variants.get(main) == surname:
                continue
            yield Artifact(
                mention.start,
                mention.end,
                "name-variant",
                f"also spelled '{main}' ({main_count}x) for {entity.name}",
            )


def _last_word(surface: str) -> str:
    word = surface.split()[-1] if surface.split() else surface
    return word.removesuffix("'s").removesuffix("’s")


# --- spelling variants ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _variant_pattern() -> re.Pattern[str]:
    forms = set(lexicon.spelling_variants()) | set(lexicon.spelling_variants().values())
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def _spelling_variants(text: str) -> Iterator[Artifact]:
    variants = lexicon.spelling_variants()
    by_place: dict[str, list[re.Match[str]]] = {}
    for match in _variant_pattern().finditer(text):
        form = match.group()
        by_place.setdefault(variants.get(form, form), []).append(match)
    for preferred, matches in by_place.items():
        counts = Counter(m.group() for m in matches)
        if len(counts) < 2:
            continue
        # The spelling used less is the odd one out; on a tie, the older one.
        main = max(counts, key=lambda f: (counts[f], f == preferred))
        others = ", ".join(f"'{f}' ({n}x)" for f, n in counts.items() if f != main)
        for match in matches:
            if match.group() != main:
                yield Artifact(
                    match.start(),
                    match.end(),
                    "spelling-variant",
                    f"also spelled '{main}' ({counts[main]}x); this text mixes {others} "
                    f"with it" + ("" if main == preferred else f"; current style is '{preferred}'"),
                )


# --- placeholders -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _placeholder_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon.lines("artifacts", "placeholders.txt"), key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b(?:{alternation})(?![\w-])", re.IGNORECASE)


def _placeholders(text: str) -> Iterator[Artifact]:
    matches = list(_placeholder_pattern().finditer(text))
    counts = Counter(m.group().lower() for m in matches)
    for match in matches:
        yield Artifact(
            match.start(),
            match.end(),
            "placeholder",
            f"vague stand-in ({counts[match.group().lower()]}x in this text) where a name may "
            "have been removed, as in Chinese-edition editing (有关国家 'relevant countries', "
            "某国 'a certain country')",
        )


# --- boilerplate ------------------------------------------------------------------------


def _boilerplate(text: str, brief: Brief) -> Iterator[Artifact]:
    for match in _CAPTION_LINE.finditer(text):
        if len(match.group().strip()) <= MAX_CAPTION_CHARS:
            yield _trimmed(text, match.start(), match.end(), "image caption or credit")
    for match in _CAPTION_AFTER_SENTENCE.finditer(text):
        if len(match.group("caption")) <= MAX_CAPTION_CHARS:
            start, end = match.span("caption")
            yield _trimmed(text, start, end, "image caption or credit after the paragraph")
    for match in _CAPTION_MARK.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        start = line_start if line_end - line_start <= MAX_CAPTION_CHARS else match.start()
        yield _trimmed(text, start, line_end, "image caption with a '// Image' credit")
    for match in _ORIGINAL_LINK.finditer(text):
        yield _trimmed(text, match.start(), match.end(), "link to the original publication")
    for match in _PROMPT_LINE.finditer(text):
        if len(match.group().strip()) <= MAX_PROMPT_LINE_CHARS:
            yield _trimmed(text, match.start(), match.end(), "reader prompt or site furniture")
    disclaimer = brief.document.disclaimer
    if disclaimer is not None:
        yield Artifact(disclaimer.start, disclaimer.end, "boilerplate", "publisher's disclaimer")


def _trimmed(text: str, start: int, end: int, note: str) -> Artifact:
    span = _strip(text, start, end)
    return Artifact(span.start, span.end, "boilerplate", note)


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
