"""The pipeline: a literal, ordered list of stages, and the functions that run it.

Every stage has one contract: it takes the `Article` and the `Brief` built by
the stages before it, and returns the brief with its own layer added. Reading
`STAGES` tells the whole flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from presslens.article import Article
from presslens.brief import Brief, Document
from presslens.errors import BadRecord, PresslensError
from presslens.layers.artifacts import find_artifacts
from presslens.layers.claims import find_claims
from presslens.layers.document import describe_document
from presslens.layers.entities import find_entities
from presslens.layers.quotes import find_quotes
from presslens.layers.techniques import find_techniques
from presslens.layers.timeline import find_timeline
from presslens.nlp import load_pipeline
from presslens.readers import RawArticle
from presslens.settings import Settings

Stage = Callable[[Article, Brief], Brief]

#: (layer name, stage), in the order they run.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("document", describe_document),
    ("entities", find_entities),
    ("artifacts", find_artifacts),
    ("quotes", find_quotes),
    ("claims", find_claims),
    ("timeline", find_timeline),
    ("techniques", find_techniques),
)

LAYERS: tuple[str, ...] = tuple(name for name, _stage in STAGES)


def run_stages(article: Article) -> Brief:
    """Run every wanted stage over one article whose Doc is already parsed."""
    brief = Brief(document=Document(sha256="", language=""), text=article.text)
    for layer, stage in STAGES:
        if layer == "document" or article.settings.wants(layer):
            brief = stage(article, brief)
    return brief


def analyze_raw(
    raws: Iterable[RawArticle | BadRecord], settings: Settings
) -> Iterator[Brief | PresslensError]:
    """Analyse a stream of articles in `nlp.pipe` batches, keeping input order.

    Bad records, and articles a stage refuses, come out as errors in their
    place so a batch never loses its good articles.
    """
    nlp = load_pipeline(settings.pipeline)
    stream = iter(raws)
    while batch := list(islice(stream, settings.batch_size)):
        good = [item for item in batch if isinstance(item, RawArticle)]
        docs = iter(nlp.pipe((raw.text for raw in good), batch_size=settings.batch_size))
        for item in batch:
            if not isinstance(item, RawArticle):
                yield item
                continue
            try:
                yield run_stages(Article(raw=item, doc=next(docs), settings=settings))
            except PresslensError as err:
                yield err
