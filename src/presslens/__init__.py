"""presslens: take news and opinion articles apart into evidence-linked briefs.

>>> import presslens
>>> brief = presslens.analyze("Officials said 300 people attended.")  # doctest: +SKIP
>>> print(brief.to_json())  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from presslens.brief import Brief
from presslens.errors import PresslensError, UnusableInput
from presslens.pipeline import analyze_raw
from presslens.readers import RawArticle, read_path, read_text
from presslens.settings import Settings

__all__ = ["Brief", "PresslensError", "Settings", "analyze", "analyze_many", "analyze_path"]
__version__ = "0.1.0"


def analyze(text_or_path: str | Path, settings: Settings | None = None) -> Brief:
    """Analyse one article and return its brief: a `str` is the article's text, a `Path` a file.

    A string is never taken for a path, so a typo in a file name cannot turn
    into an analysis of the name; pass `pathlib.Path("article.txt")` (or use
    `analyze_path`) to read a file. Raises `UnusableInput` (a `PresslensError`)
    when the input has no usable article, or holds more than one (use
    `analyze_path` for batches); a missing file is `UnusableInput` too.
    """
    settings = settings or Settings()
    if isinstance(text_or_path, Path):
        results = list(analyze_path(text_or_path, settings))
        if len(results) != 1:
            raise UnusableInput(
                f"holds {len(results)} articles; use analyze_path for batches",
                source=str(text_or_path),
            )
        result = results[0]
    else:
        (result,) = analyze_raw([read_text(text_or_path)], settings)
    if isinstance(result, PresslensError):
        raise result
    return result


def analyze_path(
    path: str | Path, settings: Settings | None = None, fmt: str | None = None
) -> Iterator[Brief | PresslensError]:
    """Analyse every article in a file (text, HTML, JSON, JSON Lines), streaming, in order."""
    settings = settings or Settings()
    return analyze_raw(read_path(path, settings, fmt), settings)


def analyze_many(
    articles: Iterable[RawArticle | PresslensError], settings: Settings | None = None
) -> Iterator[Brief | PresslensError]:
    """Analyse already-read articles in `nlp.pipe` batches; errors pass through in place."""
    return analyze_raw(articles, settings or Settings())
