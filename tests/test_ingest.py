"""Ingest: every kind of source, rejected records counted, resumable after kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import main
from presslens.corpus.ingest import ingest
from presslens.corpus.store import open_store

ARTICLE = "The harbour reopened on Monday after repairs, port officials said."
PAGE = (
    "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
    "<p>The old rail bridge over the river was closed on Friday after engineers found cracks "
    "in two of its supports. Trains will run on the southern line until repairs are done.</p>"
    "<p>City officials said the work would take at least six weeks and cost 2 million.</p>"
    "</article></body></html>"
)
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Town Crier</title>
<item><title>Market day</title><link>https://crier.example/market</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The spring market opens on Saturday with forty stalls.&lt;/p&gt;</description>
</item></channel></rss>
"""


def _warc(path: Path) -> None:
    """A WARC file with one HTML page and one image, written as the format spells it."""
    records: list[bytes] = []
    for url, content_type, body in [
        ("https://news.example/bridge", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n"),
    ]:
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:{len(records):08d}-0000-0000-0000-000000000000>\r\n"
            "WARC-Date: 2024-03-05T10:00:00Z\r\n"
            f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        )
        records.append(head.encode() + http + b"\r\n\r\n")
    path.write_bytes(b"".join(records))


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    (root / "nested").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE)
    (root / "nested" / "b.txt").write_text("Ferries resumed on Tuesday, the operator said.")
    (root / "batch.jsonl").write_text(
        json.dumps({"text": "Schools close early on Friday.", "url": "https://s.example/1"})
        + "\n"
        + "{broken\n"
        + json.dumps({"text": ARTICLE})
        + "\n"
    )
    (root / "feed.rss").write_text(FEED)
    _warc(root / "crawl.warc")
    (root / ".hidden.txt").write_text("Not to be read.")
    return root


def test_ingest_reads_every_kind_of_source(sources: Path) -> None:
    store = open_store(":memory:")
    report = ingest([sources], store)
    assert (report.added, report.already_stored, report.rejected) == (5, 1, 1)
    assert report.rejected_by_reason == {"not valid JSON": 1}
    urls = {row[0] for row in store.rows("SELECT url FROM articles WHERE url IS NOT NULL")}
    assert urls == {
        "https://s.example/1",
        "https://crier.example/market",
        "https://news.example/bridge",
    }
    (feed_row,) = store.rows("SELECT title, outlet, text FROM articles WHERE url LIKE '%crier%'")
    assert feed_row == (
        "Market day",
        "Town Crier",
        "The spring market opens on Saturday with forty stalls.",
    )


def test_pages_and_feeds_over_the_size_limit_are_rejected_unread(sources: Path) -> None:
    from presslens.settings import Settings

    store = open_store(":memory:")
    report = ingest([sources], store, Settings(max_input_bytes=300))
    reasons = report.rejected_by_reason
    assert reasons.get("input is N bytes, over the limit of N bytes") == 2, reasons
    titles = {row[0] for row in store.rows("SELECT title FROM articles")}
    assert "Bridge closed" not in titles and "Market day" not in titles


def test_rerun_stores_nothing_twice(sources: Path) -> None:
    store = open_store(":memory:")
    ingest([sources], store)
    (sources / "c.txt").write_text("Snow closed the mountain pass overnight, police said.")
    report = ingest([sources], store)
    assert (report.added, report.files_already_done) == (1, 5)
    assert store.count() == 6


def test_cli_exit_code_says_whether_records_were_rejected(sources: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest", str(sources), "--db", db, "--workers", "1", "-q"])
    assert result.exit_code == 1
    assert "rejected 1x: not valid JSON" in result.output
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text(ARTICLE + " More text.")
    result = CliRunner().invoke(main, ["ingest", str(clean), "--db", db, "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output


def test_process_pool_stores_the_same_briefs_as_one_process(sources: Path) -> None:
    one, pool = open_store(":memory:"), open_store(":memory:")
    ingest([sources], one)
    ingest([sources], pool, workers=2)
    assert one.rows("SELECT key, brief_json FROM articles ORDER BY id") == pool.rows(
        "SELECT key, brief_json FROM articles ORDER BY id"
    )


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_ingest_killed_mid_way_finishes_on_rerun(tmp_path: Path) -> None:
    total = 600
    lines = [
        json.dumps({"text": f"Report {i}: the council met on day {i} and voted {i % 7} times."})
        for i in range(total)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "c.db"
    command = [
        sys.executable,
        "-c",
        "from presslens.cli import main; main()",
        "ingest",
        str(tmp_path / "many.jsonl"),
        "--db",
        str(db),
        "--workers",
        "1",
        "-q",
    ]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    assert 0 < _count(db) < total
    finished = subprocess.run(command, stderr=subprocess.DEVNULL, check=False, env=os.environ)
    assert finished.returncode == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute(
            "SELECT count(*), count(DISTINCT key) FROM articles"
        ).fetchone() == (total, total)


def test_killing_an_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    import psutil

    lines = [json.dumps({"text": f"Report {i}: the council met and voted."}) for i in range(400)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "c.db"
    command = [
        sys.executable,
        *("-c", "from presslens.cli import main; main()"),
        *("ingest", str(tmp_path / "many.jsonl"), "--db", str(db), "--workers", "2", "-q"),
    ]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers, "no worker process was running"
    process.send_signal(signal.SIGKILL)
    process.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=15)
    assert alive == []
