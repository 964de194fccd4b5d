"""The two SemEval-2020 Task 11 subtasks over a folder of `articleNNN.txt` files.

- `identify_spans`: SI, every propaganda span of every article.
- `classify_spans`: TC, a technique for each given span, in the given order.

Offsets are into the files as stored on disk (read with `newline=""`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from presslens.errors import DataDirError
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import shipped_models
from presslens.models.techniques import parse
from presslens.semeval.data import GoldSpan, article_id, article_paths, read_text
from presslens.settings import DEFAULT_PIPELINE


def _views(paths: Sequence[Path], pipeline: str) -> Iterator[tuple[str, ArticleView]]:
    texts = [read_text(path) for path in paths]
    for path, text, doc in zip(paths, texts, parse(texts, pipeline), strict=True):
        yield article_id(path), ArticleView.of(doc, text)


def identify_spans(
    articles_dir: Path, pipeline: str = DEFAULT_PIPELINE
) -> Iterator[tuple[str, int, int]]:
    """(article id, start, end) for every span the tagger finds, article by article."""
    tagger, _classifier = shipped_models()
    for key, view in _views(article_paths(articles_dir), pipeline):
        for span in tagger.spans(view):
            yield key, span.start, span.end


def classify_spans(
    articles_dir: Path, spans: Sequence[GoldSpan], pipeline: str = DEFAULT_PIPELINE
) -> list[tuple[str, str, int, int]]:
    """(article id, technique, start, end) for each given span, in the given order."""
    _tagger, classifier = shipped_models()
    paths = {article_id(path): path for path in article_paths(articles_dir)}
    missing = sorted({span.article_id for span in spans} - set(paths))
    if missing:
        raise DataDirError(f"no article file for id(s) {', '.join(missing[:5])} in {articles_dir}")
    wanted = sorted({span.article_id for span in spans})
    labels: dict[tuple[str, int], str] = {}
    for key, view in _views([paths[k] for k in wanted], pipeline):
        numbered = [(n, s) for n, s in enumerate(spans) if s.article_id == key]
        found = classifier.classify(view, [(s.start, s.end) for _n, s in numbered], explain=False)
        for (n, _span), item in zip(numbered, found, strict=True):
            labels[(key, n)] = item.technique
    return [(s.article_id, labels[(s.article_id, n)], s.start, s.end) for n, s in enumerate(spans)]
