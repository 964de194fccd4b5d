"""The Russian front: spaCy Docs built from Natasha's analysis (`nlp.FRONTS["ru"]`).

Natasha 1.6.0 does what it does well and presslens does not redo it: razdel cuts
tokens and sentences (at their exact character offsets), Slovnet tags
morphology (UD part of speech and features), parses syntax (UD heads and
relations) and finds names (PER, LOC, ORG), and `MorphVocab` (pymorphy2) gives
lemmas. The Doc carries all of it through spaCy's own attributes, so the Russian
stages read a Doc like the English ones do. A name's nominative form (Natasha's
`normalize`: "Сергея Лаврова" -> "Сергей Лавров") is kept per entity span in the
Doc extension `NORMALS_EXTENSION`, keyed by character offsets. A name span with
brackets is cut into its parts ("Джоэл Саймон", "Joel Simon"), the later ones
recorded as aliases of the first (`ALIASES_EXTENSION`).

Natasha labels places LOC whether they are countries, cities or rivers; they
come out as LOC (it does not tell a GPE from a LOC).

>>> doc = next(parse(["Сергей Лавров прибыл в Москву."]))  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]  # doctest: +SKIP
[('Сергей Лавров', 'PERSON'), ('Москву', 'LOC')]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Natasha's NER labels -> the labels presslens's Docs and brief use.
LABELS: dict[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
#: Doc extension: {(start_char, end_char): nominative form} for every entity span.
NORMALS_EXTENSION = "presslens_normals"
_BRACKETS = re.compile(r"\s*[()]\s*")
#: The part of speech and relation a whitespace token gets (spaCy's own for spaces).
_SPACE_POS = "SPACE"
_SPACE_DEP = "dep"

#: Doc extension: {(start_char, end_char): (start_char, end_char)}: a name given again in
#: brackets ("Джоэл Саймон (Joel Simon)") -> the name before the brackets.
ALIASES_EXTENSION = "presslens_aliases"

for _extension in (NORMALS_EXTENSION, ALIASES_EXTENSION):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


@dataclass(frozen=True)
class Natasha:
    """Natasha's segmenter, taggers and lemmatiser, loaded once (`natasha_models`)."""

    segmenter: Any
    morph_vocab: Any
    morph: Any
    syntax: Any
    ner: Any


@lru_cache(maxsize=1)
def natasha_models() -> Natasha:
    """Load Natasha's models (they ship inside the packages; nothing downloads)."""
    with warnings.catch_warnings():
        # pymorphy2 imports pkg_resources, which setuptools 80 marks deprecated.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        embedding = NewsEmbedding()
        return Natasha(
            segmenter=Segmenter(),
            morph_vocab=MorphVocab(),
            morph=NewsMorphTagger(embedding),
            syntax=NewsSyntaxParser(embedding),
            ner=NewsNERTagger(embedding),
        )


@lru_cache(maxsize=1)
def _vocab() -> Vocab:
    """spaCy's Russian vocabulary: its lexical attributes (lower case, shape, like_num)."""
    vocab: Vocab = spacy.blank("ru").vocab
    return vocab


def parse(texts: Sequence[str]) -> Iterator[Doc]:
    """One spaCy Doc per text, in order, from Natasha's analysis of it."""
    models = natasha_models()
    for text in texts:
        yield to_doc(text, analyse(text, models), models)


def analyse(text: str, models: Natasha | None = None) -> Any:
    """Natasha's own `Doc` for `text`: segmented, tagged, parsed, names found."""
    from natasha import Doc as NatashaDoc

    models = models or natasha_models()
    found = NatashaDoc(text)
    found.segment(models.segmenter)
    found.tag_morph(models.morph)
    found.parse_syntax(models.syntax)
    found.tag_ner(models.ner)
    return found


def to_doc(text: str, found: Any, models: Natasha) -> Doc:
    """The spaCy Doc of `text` with Natasha's tokens, tags, lemmas, parse and names.

    Gaps between tokens other than one space become whitespace tokens, as spaCy
    writes them, so the Doc's text is `text` exactly.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: dict[int, int] = {}  # a token's start char -> its index in the Doc
    ids: dict[str, int] = {}  # Natasha's token id -> its index in the Doc
    natasha_heads: list[tuple[int, str]] = []
    at = 0
    for token in found.tokens:
        gap = text[at : token.start]
        if gap and gap != " ":
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            _space_token(gap, words, spaces, pos, morphs, lemmas, heads, deps)
        elif gap == " ":
            spaces[-1] = True
        index = len(words)
        starts[token.start] = index
        ids[token.id] = index
        words.append(token.text)
        spaces.append(False)
        pos.append(token.pos or "X")
        morphs.append(_morph(token.feats))
        lemmas.append(_lemma(models.morph_vocab, token.text, token.pos, token.feats))
        heads.append(index)
        deps.append(token.rel or "dep")
        natasha_heads.append((index, token.head_id))
        at = token.stop
    ends = _token_ends(words, spaces)
    if at < len(text):
        gap = text[at:]
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            _space_token(gap, words, spaces, pos, morphs, lemmas, heads, deps)
    for index, head_id in natasha_heads:
        heads[index] = ids.get(head_id, index)  # a root ("1_0") heads itself
    # Whitespace hangs on the token before it (or after it, at the start), as in spaCy.
    for index, tag in enumerate(pos):
        if tag == _SPACE_POS:
            heads[index] = index - 1 if index else min(1, len(words) - 1)
    sentence_starts = {starts[s.tokens[0].start] for s in _within_guillemets(text, found.sents)}
    _one_tree_per_sentence(_sentences(words, pos, sentence_starts), heads, deps)
    ents = ["O"] * len(words)
    normals: dict[tuple[int, int], str] = {}
    aliases: dict[tuple[int, int], tuple[int, int]] = {}
    for span in found.spans:
        first = starts.get(span.start)
        label = LABELS.get(span.type)
        if first is None or label is None:
            continue
        last = first
        while last + 1 < len(words) and ends[last] < span.stop:
            last += 1
        span.normalize(models.morph_vocab)
        parts = _bracket_parts(words, first, last + 1)
        normal_parts = [p for p in _BRACKETS.split(span.normal or span.text) if p.strip()]
        if len(normal_parts) != len(parts):
            normal_parts = [" ".join(words[a:b]) for a, b in parts]
        for (a, b), normal in zip(parts, normal_parts, strict=True):
            ents[a] = f"B-{label}"
            for index in range(a + 1, b):
                ents[index] = f"I-{label}"
            normals[(ends[a] - len(words[a]), ends[b - 1])] = normal.strip()
            if (a, b) != parts[0]:
                aliases[(ends[a] - len(words[a]), ends[b - 1])] = (
                    ends[parts[0][0]] - len(words[parts[0][0]]),
                    ends[parts[0][1] - 1],
                )
    doc = Doc(
        _vocab(),
        words=words,
        spaces=spaces,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        ents=ents,
    )
    doc._.set(NORMALS_EXTENSION, normals)
    doc._.set(ALIASES_EXTENSION, aliases)
    return doc


def _bracket_parts(words: list[str], first: int, end: int) -> list[tuple[int, int]]:
    """A name span cut at its brackets: "Джоэл Саймон (Joel Simon)" is two mentions of one
    person, "Союз координационных советов (СКС)" a name and its abbreviation."""
    parts: list[tuple[int, int]] = []
    start = first
    for index in range(first, end + 1):
        if index == end or words[index] in ("(", ")"):
            if index > start and any(ch.isalnum() for w in words[start:index] for ch in w):
                parts.append((start, index))
            start = index + 1
    return parts


def _sentences(words: list[str], pos: list[str], starts: set[int]) -> list[tuple[int, int]]:
    """Token ranges of the sentences: razdel's, also cut at every line break (a headline
    or a caption has no full stop, and razdel runs it into the next paragraph)."""
    cuts = sorted(
        {0, len(words)}
        | {i for i in starts if i > 0}
        | {i + 1 for i, tag in enumerate(pos) if tag == _SPACE_POS and "\n" in words[i]}
    )
    ranges: list[tuple[int, int]] = []
    for first, last in pairwise(cuts):
        if ranges and all(pos[i] == _SPACE_POS for i in range(ranges[-1][0], ranges[-1][1])):
            first = ranges.pop()[0]  # leading whitespace joins the sentence after it
        ranges.append((first, last))
    return ranges


def _one_tree_per_sentence(
    sentences: list[tuple[int, int]], heads: list[int], deps: list[str]
) -> None:
    """Make each sentence one tree, so spaCy's sentences are exactly these: a token whose
    head lies outside its sentence, every root but the first, and a token on a cycle hang
    on the first root."""
    for first, last in sentences:
        roots = [i for i in range(first, last) if heads[i] == i or not first <= heads[i] < last]
        main = next((i for i in roots if deps[i] == "root"), roots[0] if roots else first)
        for index in roots:
            if index != main:
                heads[index] = main
                deps[index] = "parataxis" if deps[index] == "root" else deps[index]
        heads[main] = main
        deps[main] = "ROOT"
        _break_cycles(first, last, main, heads)


def _break_cycles(first: int, last: int, main: int, heads: list[int]) -> None:
    """Hang on the root every token whose chain of heads never reaches it: Natasha's parse
    can hold a cycle (two tokens heading each other), on which spaCy's `Span.root` fails."""
    rooted = {main}
    for index in range(first, last):
        chain = []
        node = index
        while node not in rooted and node not in chain:
            chain.append(node)
            node = heads[node]
        if node not in rooted:  # the chain came back on itself at `node`: cut the cycle there
            heads[node] = main
        rooted.update(chain)


def _token_ends(words: list[str], spaces: list[bool]) -> list[int]:
    """The end character of every token, from the words and the spaces after them."""
    ends = []
    at = 0
    for word, space in zip(words, spaces, strict=True):
        at += len(word)
        ends.append(at)
        at += space
    return ends


def _space_token(
    gap: str,
    words: list[str],
    spaces: list[bool],
    pos: list[str],
    morphs: list[str],
    lemmas: list[str],
    heads: list[int],
    deps: list[str],
) -> None:
    words.append(gap)
    spaces.append(False)
    pos.append(_SPACE_POS)
    morphs.append("")
    lemmas.append(gap)
    heads.append(len(words) - 1)
    deps.append(_SPACE_DEP)


def _within_guillemets(text: str, sents: list[Any]) -> list[Any]:
    """Natasha's sentences with tokens, those that open inside a «...» left open by the
    sentence before (razdel cuts at a full stop inside guillemets: «... прозрачность.
    Озеро ...») joined to it, when the guillemets close in the same paragraph."""
    kept: list[Any] = []
    open_marks = 0
    for sent in sents:
        if not sent.tokens:
            continue
        if kept and open_marks > 0 and "\n" not in text[kept[-1].stop : sent.start]:
            newline = text.find("\n", sent.start)
            opened = text[kept[-1].start : len(text) if newline < 0 else newline]
            if opened.count("«") <= opened.count("»"):  # closed in this paragraph
                open_marks += sent.text.count("«") - sent.text.count("»")
                continue  # the same sentence goes on
        kept.append(sent)
        open_marks = sent.text.count("«") - sent.text.count("»")
    return kept


def _morph(feats: dict[str, str] | None) -> str:
    return "|".join(f"{key}={value}" for key, value in sorted((feats or {}).items()))


@lru_cache(maxsize=50_000)
def _cached_lemma(morph_vocab: Any, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    lemma: str = morph_vocab.lemmatize(word, pos, dict(feats))
    return lemma


def _lemma(morph_vocab: Any, word: str, pos: str | None, feats: dict[str, str] | None) -> str:
    if not pos or pos in ("PUNCT", "NUM", "SYM", "X"):
        return word.lower()
    return _cached_lemma(morph_vocab, word, pos, tuple(sorted((feats or {}).items())))
