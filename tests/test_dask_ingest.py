"""Ingest on a Dask distributed cluster stores exactly what a single-process ingest stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.corpus.ingest import ingest
from presslens.corpus.store import open_store

ARTICLES = [
    "The harbour reopened on Monday after repairs, port officials said.",
    "Ferries resumed on Tuesday, the operator said.",
    "Schools close early on Friday because of the storm.",
    "The council met on 4 March 2024 and approved the budget.",
    "Minister Anna Berg said the harvest had doubled since 2021.",
]


@pytest.mark.slow
def test_dask_ingest_matches_the_single_process_ingest(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(json.dumps({"text": text}) + "\n" for text in ARTICLES))
    local, remote = open_store(":memory:"), open_store(":memory:")
    ingest([source], local, batch_size=2)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        report = ingest([source], remote, dask_address=cluster.scheduler_address, batch_size=2)
    assert report.added == len(ARTICLES)
    sql = "SELECT key, brief_json FROM articles ORDER BY id"
    assert remote.rows(sql) == local.rows(sql)
