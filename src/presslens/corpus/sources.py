"""Sources for the corpus: files, directories, JSON Lines, WARC archives and saved feeds.

Everything comes out as `presslens.readers.RawArticle` items (or the error
that says why a record is unusable, in its place), so decoding and HTML
extraction stay in `readers` (trafilatura) and nothing is done twice.

- a directory is walked recursively, in sorted order, hidden files skipped;
- `.warc` / `.warc.gz`: every `response` record whose HTTP content type is HTML
  (pages' images, scripts and styles are not articles and are passed over);
- `.rss` / `.atom`, or an `.xml` file that is a feed: each entry's content (or
  summary) with its link, title, author and published date;
- anything else goes to `readers.read_path` (text, HTML, JSON, JSON Lines).

A directory holds more than articles: only article files (`ARTICLE_SUFFIXES`)
are ingested from it; READMEs, licences, manifests and anything else are
skipped with a reason. A sidecar metadata table (`manifest.tsv`, `metadata.csv`,
or one given with `--metadata`; see `sidecar.py`) fills in each file's outlet,
URL, publication date, title and id where the file itself does not say them;
when nothing names the outlet, the first folder under the directory given does
(`news/kremlin/a.txt` -> "kremlin").
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from presslens.corpus.sidecar import Sidecar, SidecarRow, find_sidecars
from presslens.decoding import normalise
from presslens.errors import BadRecord, InputTooLarge, PresslensError, UnusableInput
from presslens.readers import RawArticle, read_html, read_path
from presslens.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom")
#: What a directory walk ingests: text, HTML, JSON, JSON Lines, WARC, RSS/Atom (and XML feeds).
ARTICLE_SUFFIXES = (
    ".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson",
    *WARC_SUFFIXES, *FEED_SUFFIXES, ".xml",
)  # fmt: skip
#: Files a directory keeps beside its articles, whatever their suffix ("README.txt").
NOT_ARTICLE_NAMES = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "authors", "citation"}
)
# An `.xml` file is read as a feed when its first bytes open one.
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True)
class SourceFile:
    """One file to ingest; `stamp` changes whenever the file does (size and mtime).

    `metadata` is its sidecar row, if any; `folder` the first folder under the
    directory it was found in, which names the outlet when nothing else does.
    """

    path: Path
    stamp: str
    metadata: SidecarRow | None = None
    folder: str | None = None


@dataclass(frozen=True)
class SkippedFile:
    """A file under a directory that is not an article, and why it was passed over."""

    path: Path
    reason: str


@dataclass
class SourceList:
    """What an ingest will read, and what it passes over."""

    files: list[SourceFile]
    skipped: list[SkippedFile]


def list_sources(paths: Iterable[str | Path], metadata: Path | None = None) -> SourceList:
    """The files named, and the article files under the directories named, in a stable order.

    Files named one by one are always read; a directory's files are filtered to
    articles. `metadata` is a sidecar table for all of them; without it, each
    directory's own `manifest.tsv` (or similar, see `sidecar.py`) is used.
    """
    given_sidecar = Sidecar.read(metadata) if metadata is not None else None
    listing = SourceList([], [])
    for given in paths:
        path = Path(given)
        if path.is_dir():
            sidecars = [given_sidecar] if given_sidecar else find_sidecars(path)
            sidecar_paths = {s.path.resolve() for s in sidecars}
            for file in _walk(path):
                reason = (
                    "the sidecar metadata table"
                    if file.resolve() in sidecar_paths
                    else _not_an_article(file)
                )
                if reason:
                    listing.skipped.append(SkippedFile(file, reason))
                    continue
                row = next((r for s in sidecars if (r := s.row_for(file))), None)
                parts = file.relative_to(path).parts
                folder = parts[0] if len(parts) > 1 else None
                listing.files.append(_source(file, row, folder))
        elif path.is_file():
            row = given_sidecar.row_for(path) if given_sidecar else None
            listing.files.append(_source(path, row, None))
        else:
            raise UnusableInput("no such file or directory", source=str(path))
    return listing


def _walk(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _not_an_article(file: Path) -> str | None:
    name = file.name.lower()
    if name.split(".", 1)[0] in NOT_ARTICLE_NAMES:
        return "not an article (a README, licence or similar)"
    if not name.endswith(ARTICLE_SUFFIXES):
        return f"not an article file ({file.suffix or 'no suffix'})"
    return None


def _source(file: Path, row: SidecarRow | None, folder: str | None) -> SourceFile:
    stat = file.stat()
    return SourceFile(file, f"{stat.st_size}:{stat.st_mtime_ns}", row, folder)


def read_source(source: SourceFile, settings: Settings) -> Iterator[RawArticle | PresslensError]:
    """Every article in one file, in order, with its sidecar metadata; an error in its place."""
    for item in _read_file(source.path, settings):
        yield item if isinstance(item, PresslensError) else _with_metadata(item, source)


def _with_metadata(raw: RawArticle, source: SourceFile) -> RawArticle:
    """The sidecar fills what the file does not say; the folder names a missing outlet."""
    row = source.metadata
    if row is not None:
        raw = replace(
            raw,
            title=raw.title or row.title,
            author=raw.author or row.author,
            outlet=raw.outlet or row.outlet,
            url=raw.url or row.url,
            published=raw.published or row.published,
            record_id=raw.record_id or row.id,
        )
    if raw.outlet is None and source.folder is not None:
        raw = replace(raw, outlet=source.folder)
    return raw


def _read_file(path: Path, settings: Settings) -> Iterator[RawArticle | PresslensError]:
    name = path.name.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            yield from read_warc(path, settings.max_input_bytes)
        elif name.endswith(FEED_SUFFIXES) or (name.endswith(".xml") and _opens_feed(path)):
            yield from read_feed(path, settings.max_input_bytes)
        else:
            yield from read_path(path, settings)
    except PresslensError as err:
        yield err


def read_warc(path: Path, limit: int) -> Iterator[RawArticle | PresslensError]:
    """HTML responses of a WARC file, each extracted by `readers.read_html`.

    A record's page is read up to `limit` bytes; a longer one is reported, not read.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
                page = record.content_stream().read(limit + 1)
                if len(page) > limit:
                    yield InputTooLarge(len(page), limit, source=origin)
                    continue
                try:
                    yield read_html(page, origin, url=url)
                except PresslensError as err:
                    yield err
        except ArchiveLoadFailed as err:
            yield UnusableInput(f"not a readable WARC file ({err})", source=str(path))


def read_feed(path: Path, limit: int) -> Iterator[RawArticle | PresslensError]:
    """Entries of a saved RSS or Atom feed: content (or summary) with link, title, date."""
    import feedparser

    size = path.stat().st_size
    if size > limit:
        raise InputTooLarge(size, limit, source=str(path))
    parsed: Any = feedparser.parse(path.read_bytes())
    if parsed.bozo and not parsed.entries:
        raise UnusableInput("not a readable RSS or Atom feed", source=str(path))
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#{entry.get('id') or index}"
        body = entry["content"][0].get("value", "") if entry.get("content") else ""
        body = body or entry.get("summary", "")
        if not body.strip():
            yield BadRecord("feed entry has no content or summary", source=str(path), line=index)
            continue
        try:
            raw = _entry_text(body, origin, entry.get("link"))
        except PresslensError as err:
            yield err
            continue
        yield RawArticle(
            text=raw.text,
            origin=origin,
            title=entry.get("title") or raw.title,
            author=entry.get("author") or raw.author,
            outlet=outlet or raw.outlet,
            url=entry.get("link") or raw.url,
            published=_entry_date(entry),
            record_id=entry.get("id"),
            from_html=raw.from_html,
        )


def _entry_text(body: str, origin: str, url: str | None) -> RawArticle:
    if "<" not in body:
        return RawArticle(text=normalise(body, origin), origin=origin)
    try:
        return read_html(f"<html><body><article>{body}</article></body></html>", origin, url=url)
    except UnusableInput:
        # trafilatura passes over very short fragments; their plain text is the article.
        import lxml.html

        text = lxml.html.fromstring(body).text_content()
        return RawArticle(text=normalise(text, origin), origin=origin, from_html=True)


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def _opens_feed(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(2048).lower()
    return any(marker in head for marker in _FEED_MARKERS)
