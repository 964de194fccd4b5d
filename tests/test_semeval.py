"""`presslens semeval si|tc` on a tiny folder of articles written here, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.brief import TECHNIQUES
from presslens.cli import main
from presslens.layers.techniques.features import TRIM_CHARS

pytestmark = pytest.mark.slow

FIRST = (
    "Council votes on new bus lanes\n\n"
    "The corrupt, cowardly regime of thugs brutally crushed the peaceful protest!\n"
    "Patriots must defend our nation and our children from these vile traitors.\n"
)
SECOND = "Weather report\n\nRain is expected on Tuesday morning.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article700000001.txt").write_text(FIRST, encoding="utf-8", newline="")
    (folder / "article700000002.txt").write_text(SECOND, encoding="utf-8", newline="")
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    return folder


def test_si_prints_trimmed_spans_with_ids_from_file_names(articles: Path) -> None:
    result = CliRunner().invoke(main, ["semeval", "si", str(articles)])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert lines, "the loaded sentences should yield spans"
    texts = {"700000001": FIRST, "700000002": SECOND}
    for key, start, end in lines:
        text = texts[key]
        assert 0 <= int(start) < int(end) <= len(text)
        surface = text[int(start) : int(end)]
        assert surface[0] not in TRIM_CHARS and surface[-1] not in TRIM_CHARS
    assert any(key == "700000001" for key, _s, _e in lines)


def test_tc_fills_the_technique_column_keeping_order_and_duplicates(
    articles: Path, tmp_path: Path
) -> None:
    brutal = FIRST.index("brutally")
    traitors = FIRST.index("vile traitors")
    spans = tmp_path / "spans.txt"
    spans.write_text(
        f"700000001\t?\t{traitors}\t{traitors + 13}\n"
        f"700000001\t?\t{brutal}\t{brutal + 8}\n"
        f"700000001\t?\t{brutal}\t{brutal + 8}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["semeval", "tc", str(articles), str(spans)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("700000001", str(traitors), str(traitors + 13)),
        ("700000001", str(brutal), str(brutal + 8)),
        ("700000001", str(brutal), str(brutal + 8)),
    ]
    assert all(r[1] in TECHNIQUES for r in rows)
    # The same span listed twice gets its two likeliest techniques, not one twice.
    assert rows[1][1] != rows[2][1]


def test_tc_ignores_the_label_column_of_a_gold_file(articles: Path, tmp_path: Path) -> None:
    start = FIRST.index("brutally")
    spans = tmp_path / "gold.labels"
    spans.write_text(f"700000001\tSlogans\t{start}\t{start + 8}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["semeval", "tc", str(articles), str(spans)])
    assert result.exit_code == 0, result.output
    key, label, s, e = result.output.rstrip("\n").split("\t")
    assert (key, s, e) == ("700000001", str(start), str(start + 8))
    assert label in TECHNIQUES


def test_tc_with_an_unknown_article_id_exits_1_with_one_line(
    articles: Path, tmp_path: Path
) -> None:
    spans = tmp_path / "spans.txt"
    spans.write_text("999\t?\t0\t5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["semeval", "tc", str(articles), str(spans)])
    assert result.exit_code == 1
    assert "no article file for id(s) 999" in result.output
    assert len(result.output.strip().splitlines()) == 1
