"""Shared fixtures: a helper that analyses inline text written by the test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens import analyze
from presslens.brief import Brief
from presslens.settings import Settings


@pytest.fixture(scope="session")
def brief_of() -> Callable[..., Brief]:
    """Analyse a text the test writes itself: `brief_of("text", published="2025-01-02")`."""

    def run(text: str, **settings: object) -> Brief:
        return analyze(text, Settings(**settings))  # type: ignore[arg-type]

    return run


@pytest.fixture(scope="module")
def quotes_of(brief_of: Callable[..., Brief]) -> Callable[[str], Brief]:
    """The entities and quotes layers of a text the test writes."""

    def run(text: str) -> Brief:
        return brief_of(text, layers=frozenset({"entities", "quotes"}))

    return run


def span_text(brief: Brief, item: object) -> str:
    """The text an item points at, through its offsets."""
    return brief.text[item.start : item.end]  # type: ignore[attr-defined]
