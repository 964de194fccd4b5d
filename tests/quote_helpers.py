"""What the quote tests share: finding a quote by its words and naming its speaker."""

from __future__ import annotations

from collections.abc import Callable

from presslens.brief import Brief, Quote

#: The `quotes_of` fixture (conftest.py): the entities and quotes layers of a text.
QuoteBrief = Callable[[str], Brief]


def contents(brief: Brief) -> list[str]:
    """The words of every quote, in order."""
    return [brief.text[q.start : q.end] for q in brief.quotes]


def quote_with(brief: Brief, words: str) -> Quote:
    """The first quote whose content is exactly `words` (the test fails listing the others)."""
    found = [q for q in brief.quotes if brief.text[q.start : q.end] == words]
    assert found, contents(brief)
    return found[0]


def speaker_name(brief: Brief, quote: Quote) -> str | None:
    """The speaker's entity name when resolved, else the speaker's own name."""
    if quote.speaker is None:
        return None
    entity = brief.entity(quote.speaker.entity_id)
    return entity.name if entity is not None else quote.speaker.name
