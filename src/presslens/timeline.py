"""Stage: the `timeline` layer (placeholder until its work lands)."""

from __future__ import annotations

from presslens.article import Article
from presslens.brief import Brief


def find_timeline(article: Article, brief: Brief) -> Brief:
    return brief
