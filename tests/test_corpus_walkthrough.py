"""The README's corpus walk-through, run as a user runs it on a folder like the sample corpus.

The folder holds what real corpora hold beside their articles: a README, a licence
and a manifest table with outlet, URL and publication time per file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from presslens.cli import main

pytestmark = pytest.mark.slow

MANIFEST = (
    "file\toutlet\toriginal_url\tpublished\theadline\n"
    "wire/a.txt\tWire Service\thttps://wire.example/1\t2022-01-10T09:00:00Z\tTalks in Tallinn\n"
    "wire/b.txt\tWire Service\thttps://wire.example/2\t2022-02-03T12:00:00Z\tPort deal\n"
    "herald/c.txt\tCoast Herald\thttps://herald.example/3\t2022-02-04T08:00:00Z\tPort deal, again\n"
)
A = (
    "Talks in Tallinn\n\nForeign Minister Sergei Lavrov said on Monday that the talks in "
    'Tallinn had been useful. "We agreed on a timetable," Lavrov said. The next round of '
    "talks will be held in Riga in March, officials said.\n"
)
B = (
    "Port deal\n\nThe port of Kiev signed a deal with three shipping firms on Thursday. Port "
    "director Anna Berg said the deal would bring 400 new jobs to the city. The agreement "
    "runs for five years and covers the northern and southern docks. Dock workers welcomed "
    "the news but asked for higher pay. The firms will start work in April, Berg said.\n"
)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    (root / "wire").mkdir(parents=True)
    (root / "herald").mkdir()
    (root / "README.md").write_text("# Sample\n\nA corpus with 1602 and 9721 in its notes.\n")
    (root / "LICENSE").write_text("Licence text with the year 1999.\n")
    (root / "manifest.tsv").write_text(MANIFEST)
    (root / "wire" / "a.txt").write_text(A)
    (root / "wire" / "b.txt").write_text(B)
    (root / "herald" / "c.txt").write_text(B.replace("Kiev", "Kyiv"))
    return root


def cli(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    return result


def as_json(*args: str) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_readme_walkthrough_on_a_folder_with_a_readme_and_a_manifest(
    corpus_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "corpus.db")
    first = cli("ingest", str(corpus_dir), "--db", db, "--workers", "1", "--quiet")
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines()[0].startswith(
        "presslens: 3 added, 0 already stored, 3 files skipped, 0 rejected"
    )
    assert "the sidecar metadata table: " + str(corpus_dir / "manifest.tsv") in first.stderr

    again = cli("ingest", str(corpus_dir), "--db", db, "--workers", "1", "--quiet")
    assert again.stderr.startswith(
        "presslens: 0 added, 3 already stored (3 unchanged files not read again)"
    )

    articles = as_json("articles", "--db", db)
    assert sorted((a["outlet"], a["published"][:10], a["url"], a["origin"]) for a in articles) == [
        (
            "Coast Herald",
            "2022-02-04",
            "https://herald.example/3",
            str(corpus_dir / "herald/c.txt"),
        ),
        ("Wire Service", "2022-01-10", "https://wire.example/1", str(corpus_dir / "wire/a.txt")),
        ("Wire Service", "2022-02-03", "https://wire.example/2", str(corpus_dir / "wire/b.txt")),
    ]

    hits = as_json("search", "Tallinn", "--db", db)
    assert [h["origin"] for h in hits] == [str(corpus_dir / "wire/a.txt")]
    assert all(h["snippet"][s:e].lower() == "tallinn" for h in hits for s, e in h["matches"])

    (lavrov,) = as_json("quoted", "--db", db, "--speaker", "Lavrov")
    assert lavrov["name"] == "Sergei Lavrov" and lavrov["outlets"] == ["Wire Service"]

    years = {entry["value"][:4] for entry in as_json("timeline", "Tallinn", "--db", db)}
    assert years <= {"2022"}, years

    by_outlet = {row["group"]: row["articles"] for row in as_json("stats", "--db", db)}
    assert by_outlet == {"Coast Herald": 1, "Wire Service": 2}
    by_month = {row["group"] for row in as_json("stats", "--db", db, "--by", "month")}
    assert by_month == {"2022-01", "2022-02"}

    (cluster,) = as_json("republications", "--db", db)
    assert cluster["earliest_id"] is not None
    (earliest,) = [m for m in cluster["members"] if m["id"] == cluster["earliest_id"]]
    assert earliest["published"].startswith("2022-02-03")
    assert {"Kiev", "Kyiv"} in [set(pair) for pair in cluster["pairs"][0]["name_variants"]]

    out = tmp_path / "articles.csv"
    assert cli("export", "--db", db, "--format", "csv", "-o", str(out)).exit_code == 0
    assert str(corpus_dir / "wire/a.txt") in out.read_text()


def test_a_given_metadata_table_fills_files_named_one_by_one(
    corpus_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "corpus.db")
    table = tmp_path / "meta.csv"
    table.write_text(f"path,source,date\n{corpus_dir / 'wire/a.txt'},Given Outlet,2021-12-01\n")
    result = cli(
        "ingest", str(corpus_dir / "wire/a.txt"), "--db", db, "--metadata", str(table), "-q"
    )
    assert result.exit_code == 0, result.output
    (article,) = as_json("articles", "--db", db)
    assert (article["outlet"], article["published"]) == ("Given Outlet", "2021-12-01")


def test_without_metadata_the_folder_names_the_outlet(corpus_dir: Path, tmp_path: Path) -> None:
    (corpus_dir / "manifest.tsv").unlink()
    db = str(tmp_path / "corpus.db")
    assert cli("ingest", str(corpus_dir), "--db", db, "--workers", "1", "-q").exit_code == 0
    assert sorted(a["outlet"] for a in as_json("articles", "--db", db)) == [
        "herald",
        "wire",
        "wire",
    ]
