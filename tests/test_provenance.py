"""The document layer: title, author, links, disclaimer, publication date."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief
from presslens.errors import BadSetting
from presslens.layers.document.stage import date_from_url, normalise_published

ARTICLE = (
    "Harbour talks end without a deal\n"
    "\n"
    "Author:\n"
    "\n"
    "Maria Lindqvist\n"
    "\n"
    "The talks in Tallinn ended on Friday without an agreement.\n"
    "\n"
    "Original: https://www.toutiao.com/article/7480848817635853010/\n"
    "\n"
    "Disclaimer: This article expresses the author's personal views.\n"
)


def test_headline_author_link_and_disclaimer_come_from_the_text(
    brief_of: Callable[..., Brief],
) -> None:
    brief = brief_of(ARTICLE, layers=frozenset())
    doc = brief.document
    assert doc.title == "Harbour talks end without a deal"
    assert doc.title_span is not None and (doc.title_span.start, doc.title_span.end) == (0, 32)
    assert doc.author == "Maria Lindqvist"
    assert doc.author_span is not None and brief.surface(doc.author_span) == "Maria Lindqvist"
    assert doc.original_url == "https://www.toutiao.com/article/7480848817635853010/"
    assert doc.disclaimer is not None
    assert brief.surface(doc.disclaimer) == (
        "Disclaimer: This article expresses the author's personal views."
    )
    assert doc.language == "en"


def test_publication_date_decoded_from_a_toutiao_post_id(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(ARTICLE, layers=frozenset())
    assert brief.document.published == "2025-03-12T09:14:05Z"
    assert brief.document.published_source == "url-id"


def test_user_date_overrides_the_url(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of(ARTICLE, layers=frozenset(), published="2025-03-10")
    assert (brief.document.published, brief.document.published_source) == ("2025-03-10", "user")


def test_dateline_in_the_text_dates_the_article(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("TALLINN, March 5, 2024 - The port reopened today.", layers=frozenset())
    assert (brief.document.published, brief.document.published_source) == ("2024-03-05", "text")


@pytest.mark.parametrize(
    "text",
    [
        "Port reopens\n\nMarch 5, 2024\n\nThe port reopened.",
        "Port reopens\n\nPublished: March 5, 2024 at 10:15 by the city desk of the Harbour Times\n"
        "\nThe port reopened.",
    ],
)
def test_a_date_line_or_published_label_dates_the_article(
    brief_of: Callable[..., Brief], text: str
) -> None:
    brief = brief_of(text, layers=frozenset())
    assert (brief.document.published, brief.document.published_source) == ("2024-03-05", "text")


@pytest.mark.parametrize(
    "text",
    [
        "Parade anniversary\n\nOn November 7, 1941, troops marched across the square to the front.",
        "Eighty years ago, on October 30, 1941, the defence of the port began.",
    ],
)
def test_a_date_from_the_storys_history_is_no_publication_date(
    brief_of: Callable[..., Brief], text: str
) -> None:
    brief = brief_of(text, layers=frozenset())
    assert (brief.document.published, brief.document.published_source) == (None, None)


def test_inline_byline(brief_of: Callable[..., Brief]) -> None:
    brief = brief_of("Port reopens\n\nBy Jan Holm\n\nThe port reopened.", layers=frozenset())
    assert brief.document.author == "Jan Holm"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2024/03/05/port-reopens", "2024-03-05"),
        ("https://example.org/news/20240305/port", "2024-03-05"),
        ("https://www.toutiao.com/article/7480848817635853010/", "2025-03-12T09:14:05Z"),
        ("https://x.com/someone/status/1798765432109876543", "2024-06-06T17:14:33Z"),
        ("https://example.org/2024/13/45/not-a-date", None),
        ("https://www.toutiao.com/article/12345678901234567/", None),
        ("https://example.org/news/port", None),
    ],
)
def test_dates_from_urls(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-05", "2025-06-05"),
        ("2025-06-05T10:30:00+03:00", "2025-06-05T07:30:00Z"),
        ("2025-06-05T10:30Z", "2025-06-05T10:30:00Z"),
    ],
)
def test_published_values_are_normalised(value: str, expected: str) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30", "05/06/2025"])
def test_bad_published_values_are_refused(value: str) -> None:
    with pytest.raises(BadSetting):
        normalise_published(value)
