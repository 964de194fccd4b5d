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
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import BadRecord, PresslensError, UnusableInput
from presslens.readers import RawArticle, normalise, read_html, read_path
from presslens.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom")
# An `.xml` file is read as a feed when its first bytes open one.
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True)
class SourceFile:
    """One file to ingest; `stamp` changes whenever the file does (size and mtime)."""

    path: Path
    stamp: str


def list_sources(paths: Iterable[str | Path]) -> list[SourceFile]:
    """The files named, and every file under the directories named, in a stable order."""
    found: list[SourceFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files = [path]
        else:
            raise UnusableInput("no such file or directory", source=str(path))
        for file in files:
            stat = file.stat()
            found.append(SourceFile(file, f"{stat.st_size}:{stat.st_mtime_ns}"))
    return found


def read_source(path: Path, settings: Settings) -> Iterator[RawArticle | PresslensError]:
    """Every article in one file, in order; an unusable record or file yields its error."""
    name = path.name.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            yield from read_warc(path)
        elif name.endswith(FEED_SUFFIXES) or (name.endswith(".xml") and _opens_feed(path)):
            yield from read_feed(path)
        else:
            yield from read_path(path, settings)
    except PresslensError as err:
        yield err


def read_warc(path: Path) -> Iterator[RawArticle | PresslensError]:
    """HTML responses of a WARC file, each extracted by `readers.read_html`."""
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
                try:
                    yield read_html(record.content_stream().read(), origin, url=url)
                except PresslensError as err:
                    yield err
        except ArchiveLoadFailed as err:
            yield UnusableInput(f"not a readable WARC file ({err})", source=str(path))


def read_feed(path: Path) -> Iterator[RawArticle | PresslensError]:
    """Entries of a saved RSS or Atom feed: content (or summary) with link, title, date."""
    import feedparser

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
