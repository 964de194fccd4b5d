"""Hostile and unlucky input: every bad record gets its own named reason, good ones go through.

Inputs are built here: lone surrogates (a JSON `\\ud800` escape), numbers of 5,000
digits, nesting 100,000 deep, wrong-typed metadata, lines over the size limit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import presslens
from presslens.brief import Brief
from presslens.cli import main
from presslens.errors import LoneSurrogate, PresslensError
from presslens.readers import read_path
from presslens.web import WebSettings, create_app

pytestmark = pytest.mark.slow

GOOD = json.dumps({"text": "The harbour in Tallinn reopened on Monday, officials said."})
ONLY_ENTITIES = presslens.Settings(layers=frozenset({"entities"}))

BAD_LINES = {
    "lone surrogate": ('{"text": "bad \\ud800 text"}', "the text holds a lone surrogate (U+D800)"),
    "surrogate in a title": (
        '{"text": "Port news.", "title": "\\udfff"}',
        '"title" holds a lone surrogate (U+DFFF)',
    ),
    "5,000-digit number": ('{"text": "x", "id": ' + "9" * 5000 + "}", "more than 4,300 digits"),
    "100,000-deep nesting": (
        '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested too deeply",
    ),
    "wrong-typed title": ('{"text": "Port news.", "title": {"a": 1}}', '"title" must be a string'),
    "broken JSON": ("{broken", "not valid JSON"),
    "no text": ('{"title": "x"}', 'a record needs a "text" or "html" string'),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_cli_reports_the_bad_line_and_prints_both_good_briefs(tmp_path: Path, case: str) -> None:
    line, reason = BAD_LINES[case]
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{GOOD}\n{line}\n{GOOD}\n")
    result = CliRunner().invoke(main, ["analyze", str(path), "-f", "jsonl", "--layers", "entities"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"presslens: skipped {path}: line 2: ")
    assert reason in message


def test_an_overlong_line_is_skipped_without_being_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    long_line = json.dumps({"text": "word " * 5000})
    path.write_text(f"{GOOD}\n{long_line}\n{GOOD}\n")
    found = list(read_path(path, presslens.Settings(max_input_bytes=1000)))
    assert [type(item).__name__ for item in found] == ["RawArticle", "BadRecord", "RawArticle"]
    assert str(found[1]).endswith(
        f"line 2: record is over {len(long_line):,} bytes, over the limit of 1,000"
    )


def test_api_ingest_stores_the_good_records_and_rejects_the_bad_one_by_name() -> None:
    body = (
        "["
        + ", ".join([GOOD, '{"text": "bad \\ud800 text"}', GOOD.replace("Monday", "Friday")])
        + "]"
    )
    with TestClient(create_app(WebSettings(db=":memory:", token="t", analysis=ONLY_ENTITIES))) as c:
        response = c.post(
            "/api/ingest",
            content=body,
            headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
        )
    assert response.status_code == 200, response.text
    result = response.json()
    assert len(result["added"]) == 2
    assert result["rejected"] == [
        "request: record 2: the text holds a lone surrogate (U+D800), not Unicode text"
    ]


def test_analyze_refuses_a_lone_surrogate_with_its_own_error() -> None:
    with pytest.raises(LoneSurrogate):
        presslens.analyze("The port \ud800 reopened.", ONLY_ENTITIES)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=(), codec=None),
        min_size=0,
        max_size=300,
    )
)
def test_any_text_gives_a_brief_with_valid_offsets_or_the_projects_own_error(text: str) -> None:
    try:
        brief = presslens.analyze(text)
    except PresslensError:
        return
    assert isinstance(brief, Brief)
    data = brief.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")

    def check(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("start"), int):
                assert 0 <= value["start"] <= value["end"] <= len(brief.text)
                assert brief.text[value["start"] : value["end"]] == value["text"]
            for inner in value.values():
                check(inner)
        elif isinstance(value, list):
            for inner in value:
                check(inner)

    check({k: v for k, v in data.items() if k != "text"})
