"""The Python API: `analyze` takes text as a str and a file only as a Path."""

from __future__ import annotations

from pathlib import Path

import pytest

import presslens
from presslens.errors import UnusableInput

pytestmark = pytest.mark.slow

ONLY_ENTITIES = presslens.Settings(layers=frozenset({"entities"}))


def test_a_string_is_always_the_article_text_even_when_a_file_has_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "article.txt").write_text("The file's own words about Tallinn.\n")
    monkeypatch.chdir(tmp_path)
    brief = presslens.analyze("article.txt", ONLY_ENTITIES)
    assert brief.text == "article.txt"
    assert brief.document.origin == "<text>"


def test_a_path_is_read_as_a_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The talks in Tallinn ended.\n")
    brief = presslens.analyze(path, ONLY_ENTITIES)
    assert brief.text == "The talks in Tallinn ended.\n"
    assert brief.document.origin == str(path)
    assert brief.layers["entities"].computed
    assert not brief.layers["quotes"].computed


def test_a_missing_file_is_an_error_not_text(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="no such file"):
        presslens.analyze(tmp_path / "articel.txt", ONLY_ENTITIES)


def test_without_a_publication_date_relative_dates_stay_and_the_brief_says_so() -> None:
    text = "Talks resumed\n\nThe minister said on Monday that talks would resume next week.\n"
    brief = presslens.analyze(text, presslens.Settings(layers=frozenset({"timeline"})))
    assert [(brief.surface(t), t.value, t.anchor) for t in brief.timeline] == [
        ("Monday", None, "unresolved"),
        ("next week", None, "unresolved"),
    ]
    assert brief.document.notices == (
        'No publication date was found: 2 relative date(s) such as "on Monday" or "last week" '
        "are left unresolved (give one with --published).",
    )
    dated = presslens.analyze(
        text, presslens.Settings(layers=frozenset({"timeline"}), published="2025-06-05")
    )
    assert dated.document.notices == ()
