"""Ingest: sources -> records -> analysis -> store, resumable and in parallel.

The main process reads the sources, skips articles already stored, sends
batches to be analysed (in this process, a process pool, or a Dask
cluster), and is the one writer: it stores each batch's briefs, its rejected
records and the republications they form in one transaction, in input order.
Killed at any moment, a rerun skips what was committed and finishes the rest,
so nothing is lost and nothing is stored twice.

>>> from presslens.corpus.store import open_store
>>> report = ingest(["articles/"], open_store("corpus.db"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from presslens.brief import Brief
from presslens.corpus.records import Rejection
from presslens.corpus.republish import RepublicationIndex
from presslens.corpus.sources import SkippedFile, SourceFile, list_sources, read_source
from presslens.corpus.store import Store, article_key
from presslens.errors import BadRecord, PresslensError
from presslens.readers import RawArticle
from presslens.settings import Settings

# Articles per stored batch (one transaction each) and per analysis task. 32
# keeps a batch's work (~1 s on one core for news-length articles) large next
# to its commit and task overheads, and what a kill can cost small.
BATCH_SIZE = 32
# Batches in flight per worker: enough to keep every worker busy while the
# writer commits, few enough that memory does not grow with the corpus.
BATCHES_IN_FLIGHT_PER_WORKER = 2


@dataclass
class IngestReport:
    """What one ingest run did.

    `already_stored` counts articles stored before, including those of files
    that did not change since an earlier run (`files_already_done`), which are
    not read again. `skipped` lists the files of a directory that are not
    articles, with why.
    """

    added: int = 0
    already_stored: int = 0
    rejected: int = 0
    republication_pairs: int = 0
    files_total: int = 0
    files_done: int = 0
    files_already_done: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    #: This run's rejections, by reason (the store keeps every run's in `rejected`).
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class _EndOfSource:
    """Marks that every record of a source file was read, and how many articles it held."""

    source: SourceFile
    articles: int


@dataclass
class _Batch:
    articles: list[RawArticle] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    finished_sources: list[tuple[SourceFile, int]] = field(default_factory=list)
    already_stored: int = 0


class _Pending(Protocol):
    def result(self) -> list[Brief | Rejection]: ...


class _Analyser(Protocol):
    def submit(self, articles: list[RawArticle]) -> _Pending: ...


ProgressCallback = Callable[[IngestReport], None]


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    settings: Settings | None = None,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: ProgressCallback | None = None,
    metadata: Path | None = None,
) -> IngestReport:
    """Analyse every new article in `sources` and store it; return what was done.

    `workers` > 1 analyses in a process pool; `dask_address` on a Dask
    cluster instead. Either way the results are stored in input order.
    `metadata` is a sidecar table for every source (see `sidecar.py`).
    """
    settings = settings or Settings()
    started = time.perf_counter()
    listing = list_sources(sources, metadata)
    report = IngestReport(files_total=len(listing.files), skipped=listing.skipped)
    index = RepublicationIndex(store)
    batches = _batches(listing.files, store, settings, batch_size, report)
    with _analyser(settings, workers, dask_address) as analyser:
        window: deque[tuple[_Batch, _Pending | None]] = deque()
        depth = max(1, workers) * BATCHES_IN_FLIGHT_PER_WORKER
        for batch in batches:
            future = analyser.submit(batch.articles) if batch.articles else None
            window.append((batch, future))
            while len(window) >= depth:
                _write(store, index, *window.popleft(), report, on_batch)
        while window:
            _write(store, index, *window.popleft(), report, on_batch)
    report.seconds = time.perf_counter() - started
    return report


def _write(
    store: Store,
    index: RepublicationIndex,
    batch: _Batch,
    future: _Pending | None,
    report: IngestReport,
    on_batch: ProgressCallback | None,
) -> None:
    results = future.result() if future is not None else []
    briefs = [r for r in results if isinstance(r, Brief)]
    rejected = batch.rejected + [r for r in results if isinstance(r, Rejection)]
    with store.transaction():
        added = store.add_briefs(briefs)
        store.add_rejected(rejected)
        report.republication_pairs += len(index.add(added))
        for source, articles in batch.finished_sources:
            store.mark_source_done(str(source.path), source.stamp, articles)
    report.files_done += len(batch.finished_sources)
    report.added += len(added)
    report.already_stored += batch.already_stored + len(briefs) - len(added)
    report.rejected += len(rejected)
    for item in rejected:
        report.rejected_by_reason[item.reason] = report.rejected_by_reason.get(item.reason, 0) + 1
    if on_batch is not None:
        on_batch(report)


def _batches(
    files: Sequence[SourceFile],
    store: Store,
    settings: Settings,
    batch_size: int,
    report: IngestReport,
) -> Iterator[_Batch]:
    """Batches of articles not stored yet, with the rejected records met on the way."""
    seen: set[str] = set()
    stream = _records(files, store, settings, report)
    while chunk := list(islice(stream, batch_size)):
        batch = _Batch()
        candidates: list[tuple[str, RawArticle]] = []
        for item in chunk:
            if isinstance(item, _EndOfSource):
                batch.finished_sources.append((item.source, item.articles))
            elif isinstance(item, PresslensError):
                batch.rejected.append(rejection(item))
            else:
                candidates.append((article_key(item.text, item.url), item))
        stored = store.known_keys(key for key, _ in candidates)
        for key, article in candidates:
            if key in stored or key in seen:
                batch.already_stored += 1
                continue
            seen.add(key)
            batch.keys.append(key)
            batch.articles.append(article)
        yield batch


def _records(
    files: Sequence[SourceFile], store: Store, settings: Settings, report: IngestReport
) -> Iterator[RawArticle | PresslensError | _EndOfSource]:
    for source in files:
        stored = store.source_done(str(source.path), source.stamp)
        if stored is not None:
            report.files_already_done += 1
            report.files_done += 1
            report.already_stored += stored
            continue
        articles = 0
        for item in read_source(source, settings):
            articles += isinstance(item, RawArticle)
            yield item
        yield _EndOfSource(source, articles)


def analyse_batch(articles: list[RawArticle], settings: Settings) -> list[Brief | Rejection]:
    """Analyse one batch (in whatever process runs it); errors become rejections in place."""
    from presslens import analyze_many

    results: list[Brief | Rejection] = []
    for article, result in zip(articles, analyze_many(articles, settings), strict=True):
        if isinstance(result, PresslensError):
            results.append(rejection(result, article.origin))
        else:
            results.append(result)
    return results


_LINE_PREFIX = re.compile(r"^(?:line|record) \d+: ")
_DETAIL = re.compile(r" \([^()]*\)$")
_NUMBER = re.compile(r"\d[\d,]*")


def rejection(error: PresslensError, origin: str | None = None) -> Rejection:
    """A countable reason ("not valid JSON") and the full message of an error."""
    if origin is None:
        origin = error.source or "<unknown>"
        if isinstance(error, BadRecord) and error.line is not None:
            origin = f"{origin}:{error.line}"
        elif isinstance(error, BadRecord) and error.record is not None:
            origin = f"{origin}#{error.record}"
    reason = _NUMBER.sub("N", _DETAIL.sub("", _LINE_PREFIX.sub("", error.message)))
    return Rejection(origin=origin, reason=reason, detail=str(error))


class _Inline:
    """Analysis in this process, run when submitted."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def submit(self, articles: list[RawArticle]) -> Future[list[Brief | Rejection]]:
        future: Future[list[Brief | Rejection]] = Future()
        future.set_result(analyse_batch(articles, self._settings))
        return future


class _Pool:
    """A process pool whose workers each load the spaCy pipeline once."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self._settings = settings
        # spawn: forking a process that already holds threads (rich, BLAS) is unsafe.
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings.pipeline, os.getpid()),
        )

    def submit(self, articles: list[RawArticle]) -> Future[list[Brief | Rejection]]:
        return self._executor.submit(analyse_batch, articles, self._settings)

    def close(self) -> None:
        self._executor.shutdown(cancel_futures=True)


class _Dask:
    """Batches analysed on a Dask distributed cluster; results come back to this process."""

    def __init__(self, settings: Settings, address: str) -> None:
        from distributed import Client

        self._settings = settings
        self._client = Client(address)  # type: ignore[no-untyped-call]

    def submit(self, articles: list[RawArticle]) -> _Pending:
        pending: _Pending = self._client.submit(analyse_batch, articles, self._settings, pure=False)
        return pending

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]


def _start_worker(name: str, parent: int) -> None:
    """A pool worker's start: die with the ingest that started it, then load the pipeline."""
    _die_with_parent(parent)
    from presslens.nlp import load_pipeline

    load_pipeline(name)


# prctl(PR_SET_PDEATHSIG, SIGKILL): Linux kills the worker when its parent dies, even by
# kill -9, which no Python handler in the parent could see.
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # The parent may have died before the line above ran: then nobody would tell us.
    if os.getppid() != parent:
        os._exit(1)


class _analyser:
    def __init__(self, settings: Settings, workers: int, dask_address: str | None) -> None:
        self._runner: _Inline | _Pool | _Dask
        if dask_address:
            self._runner = _Dask(settings, dask_address)
        elif workers > 1:
            self._runner = _Pool(settings, workers)
        else:
            self._runner = _Inline(settings)

    def __enter__(self) -> _Analyser:
        return self._runner

    def __exit__(self, *exc: object) -> None:
        if not isinstance(self._runner, _Inline):
            self._runner.close()
