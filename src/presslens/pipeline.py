"""The pipeline: a literal, ordered list of stages, and the functions that run it.

Every stage has one contract: it takes the `Article` and the `Brief` built by
the stages before it, and returns the brief with its own layer added. Reading
`STAGES` tells the whole flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from presslens.article import Article
from presslens.brief import Brief, Document, LayerStatus, Profile
from presslens.errors import PresslensError, TextTooLong
from presslens.languages import route, unread_notice, unread_reason
from presslens.layers.artifacts import find_artifacts, find_russian_artifacts
from presslens.layers.claims import find_chinese_claims, find_claims, find_russian_claims
from presslens.layers.document import describe_document
from presslens.layers.entities import find_chinese_entities, find_entities, find_russian_entities
from presslens.layers.quotes import find_chinese_quotes, find_quotes, find_russian_quotes
from presslens.layers.techniques import find_techniques
from presslens.layers.timeline import find_chinese_timeline, find_timeline
from presslens.nlp import load_pipeline, parse_languages
from presslens.readers import RawArticle, repaired
from presslens.settings import Settings

Stage = Callable[[Article, Brief], Brief]

#: Stands for every language in `STAGES`: the stage runs whatever the text's language.
ANY = "*"

#: (layer name, its stage for each language it reads), in the order they run. A layer
#: without a stage for the text's language is not computed, and the brief says so.
STAGES: tuple[tuple[str, dict[str, Stage]], ...] = (
    ("document", {ANY: describe_document}),
    ("entities", {"en": find_entities, "ru": find_russian_entities, "zh": find_chinese_entities}),
    ("artifacts", {ANY: find_artifacts, "ru": find_russian_artifacts}),
    ("quotes", {"en": find_quotes, "ru": find_russian_quotes, "zh": find_chinese_quotes}),
    ("claims", {"en": find_claims, "ru": find_russian_claims, "zh": find_chinese_claims}),
    ("timeline", {"en": find_timeline, "ru": find_timeline, "zh": find_chinese_timeline}),
    ("techniques", {"en": find_techniques}),
)

LAYERS: tuple[str, ...] = tuple(name for name, _stages in STAGES)

#: The layers whose items come from a learned model, and which models they ran.
LEARNED_PROFILE: dict[str, Profile] = {"claims": "fast", "techniques": "fast"}


def stage_for(layer: str, language: str) -> Stage | None:
    """The stage that computes `layer` on a text in `language`, or None when there is none."""
    stages = dict(STAGES)[layer]
    return stages.get(language) or stages.get(ANY)


def run_stages(article: Article) -> Brief:
    """Run every wanted stage over one article whose Doc is already parsed.

    Each layer runs its stage for the article's language (`Article.language`,
    decided before parsing); a layer with none for that language is skipped.
    """
    brief = Brief(document=Document(sha256="", language=article.language), text=article.text)
    for layer, _stages in STAGES:
        stage = stage_for(layer, article.language)
        if stage is not None and (layer == "document" or article.settings.wants(layer)):
            brief = stage(article, brief)
    return with_status(article, brief)


def with_status(article: Article, brief: Brief) -> Brief:
    """Record which layers ran, where the article came from, and what a reader must be told."""
    language = article.language
    layers = {}
    unread = []
    for name in LAYERS[1:]:
        if not article.settings.wants(name):
            layers[name] = LayerStatus(computed=False, reason="not asked for")
        elif stage_for(name, language) is None:
            layers[name] = LayerStatus(computed=False, reason=unread_reason(language))
            unread.append(name)
        else:
            # A stage may have said more (a threshold, items withheld): keep what it said.
            layers[name] = brief.layers.get(name) or LayerStatus(
                computed=True, profile=LEARNED_PROFILE.get(name)
            )
    notices = [*article.raw.notices, *brief.document.notices]
    if unread:
        notices.append(unread_notice(language, unread))
    unresolved = sum(1 for t in brief.timeline if t.anchor == "unresolved")
    if unresolved and not brief.document.published:
        notices.append(
            f"No publication date was found: {unresolved} relative date(s) such as "
            '"on Monday" or "last week" are left unresolved (give one with --published).'
        )
    document = replace(
        brief.document,
        id=article.raw.record_id,
        origin=article.raw.origin,
        notices=tuple(notices),
    )
    return replace(brief, document=document, layers=layers)


def analyze_raw(
    raws: Iterable[RawArticle | PresslensError], settings: Settings
) -> Iterator[Brief | PresslensError]:
    """Analyse a stream of articles in `nlp.pipe` batches, keeping input order.

    Bad records, and articles a stage refuses, come out as errors in their
    place so a batch never loses its good articles.
    """
    nlp = load_pipeline(settings.pipeline)
    stream = iter(raws)
    while batch := list(islice(stream, settings.batch_size)):
        checked = [_ready(item, settings) for item in batch]
        good = [item for item in checked if isinstance(item, RawArticle)]
        languages = [route(raw.text) for raw in good]
        docs = iter(parse_languages(nlp, [raw.text for raw in good], languages, settings))
        routed = iter(languages)
        for item in checked:
            if not isinstance(item, RawArticle):
                yield item
                continue
            try:
                language = next(routed)
                yield run_stages(Article(item, next(docs), settings, language))
            except PresslensError as err:
                yield err


def _ready(item: RawArticle | PresslensError, settings: Settings) -> RawArticle | PresslensError:
    """The article ready to parse (its text repaired if it was stored garbled), or the error
    that says why it is too long to analyse."""
    if not isinstance(item, RawArticle):
        return item
    if len(item.text) > settings.max_text_chars:
        return TextTooLong(len(item.text), settings.max_text_chars, source=item.origin)
    return repaired(item)
