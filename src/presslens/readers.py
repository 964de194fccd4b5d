"""Readers: bytes from files, stdin or records in; normalised article text and metadata out.

Formats: plain text, HTML (boilerplate removed and metadata read by
trafilatura), JSON (one record or a list of records) and JSON Lines (one record
a line, streamed). A record is an object with `text` or `html` and optional
`title`, `url`, `published`, `author`, `outlet`, `id`.

Text is decoded (BOM, UTF-8, then charset-normalizer's guess), normalised to
NFC with LF line ends. A UTF-8 text that is already NFC with LF line ends is
kept exactly as it is, so offsets in the brief are offsets in the file.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from presslens.decoding import check_unicode, decode_text, normalise, repair_garbled
from presslens.errors import (
    BadRecord,
    InputTooLarge,
    NumberTooLong,
    TooDeeplyNested,
    UnusableInput,
    WrongType,
)
from presslens.settings import Settings

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Bytes looked at to tell a JSON list from a JSON object.
_PEEK_BYTES = 4096


# trafilatura's fallback extractors return navigation text ("Home | Contact")
# for pages without an article; a page whose extracted text is shorter than
# this is refused. The shortest item in news-sample has over 200 words; news
# briefs of two sentences still pass.
MIN_HTML_ARTICLE_WORDS = 15


@dataclass(frozen=True)
class RawArticle:
    """Article text as read, with whatever metadata its container gave."""

    text: str
    origin: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    record_id: str | None = None
    #: True when the text came out of an HTML page (offsets are into extracted text).
    from_html: bool = False
    #: What reading did to the text that a reader must be told (a garbled text repaired).
    notices: tuple[str, ...] = ()


def repaired(raw: RawArticle) -> RawArticle:
    """The article with its text repaired when it was stored garbled (`repair_garbled`)."""
    repair = repair_garbled(raw.text)
    if repair is None:
        return raw
    return replace(raw, text=repair.text, notices=(*raw.notices, repair.notice))


INPUT_FORMATS = ("text", "html", "json", "jsonl")


# Bytes read at a time while skipping the rest of an overlong line.
_SKIP_CHUNK = 1 << 20


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes | int]:
    """Each line's bytes; a line over `limit` bytes is skipped unread and yields its length.

    At most `limit` + 2 bytes of a line are ever held (room for a CRLF line end).
    """
    while line := handle.readline(limit + 2):
        cut_short = not line.endswith(b"\n") and len(line) == limit + 2
        if not cut_short and len(line.rstrip(b"\r\n")) <= limit:
            yield line
            continue
        size = len(line.rstrip(b"\r\n"))
        while cut_short and (line := handle.readline(_SKIP_CHUNK)):
            size += len(line.rstrip(b"\r\n"))
            cut_short = not line.endswith(b"\n")
        yield size


def read_path(
    path: str | Path, settings: Settings | None = None, fmt: str | None = None
) -> Iterator[RawArticle | BadRecord]:
    """Read a file (or `-` for stdin) and yield its articles.

    `fmt` is one of `INPUT_FORMATS`; None guesses from the suffix and content.
    A single-article file that is unusable raises `UnusableInput`; in a batch
    (JSON list, JSON Lines) each bad record is yielded as a `BadRecord` so the
    good ones still go through.
    """
    settings = settings or Settings()
    origin = "<stdin>" if str(path) == "-" else str(path)
    suffix = Path(str(path)).suffix.lower()
    if fmt == "jsonl" or (fmt is None and suffix in JSONL_SUFFIXES):
        lines = _open_lines(path, origin, settings.max_input_bytes)
        yield from read_json_lines(lines, origin, settings)
        return
    data = _read_bytes(path, settings, origin)
    if fmt == "json" or (fmt is None and suffix in JSON_SUFFIXES):
        yield from read_json(data, origin, settings)
    elif fmt == "html" or (fmt is None and (suffix in HTML_SUFFIXES or _looks_like_html(data))):
        yield read_html(data, origin)
    else:
        yield RawArticle(text=decode_text(data, origin), origin=origin)


def _open_lines(path: str | Path, origin: str, limit: int) -> Iterator[bytes | int]:
    if str(path) == "-":
        yield from _bounded_lines(sys.stdin.buffer, limit)
        return
    try:
        with open(path, "rb") as handle:
            yield from _bounded_lines(handle, limit)
    except FileNotFoundError:
        raise UnusableInput("no such file", source=origin) from None
    except IsADirectoryError:
        raise UnusableInput("is a directory, not a file", source=origin) from None
    except PermissionError:
        raise UnusableInput("permission denied", source=origin) from None


def read_text(text: str, origin: str = "<text>") -> RawArticle:
    """Wrap text given directly (Python API, web form) after the same checks and normalisation."""
    return RawArticle(text=normalise(text, origin), origin=origin)


def _read_bytes(path: str | Path, settings: Settings, origin: str) -> bytes:
    limit = settings.max_input_bytes
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputTooLarge(len(data), limit, source=origin)
        return data
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputTooLarge(size, limit, source=origin)
        return p.read_bytes()
    except FileNotFoundError:
        raise UnusableInput("no such file", source=origin) from None
    except IsADirectoryError:
        raise UnusableInput("is a directory, not a file", source=origin) from None
    except PermissionError:
        raise UnusableInput("permission denied", source=origin) from None


def parse_json(text: str | bytes, origin: str) -> Any:
    """`json.loads`, with every way it can fail named: syntax, depth, overlong numbers."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UnusableInput(f"not valid JSON ({err.msg})", source=origin) from None
    except RecursionError:
        raise TooDeeplyNested("JSON nested too deeply to read", source=origin) from None
    except ValueError as err:
        if "digits" in str(err):
            raise NumberTooLong("JSON number with more than 4,300 digits", source=origin) from None
        raise UnusableInput(f"not valid JSON ({err})", source=origin) from None


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and b"<body" in data[:65536].lower()
    )


def read_html(data: bytes | str, origin: str, url: str | None = None) -> RawArticle:
    """Extract the article and its metadata from an HTML page with trafilatura."""
    import trafilatura

    html = data if isinstance(data, str) else decode_text(data, origin)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_HTML_ARTICLE_WORDS:
        raise UnusableInput("no article text found in the HTML page", source=origin)
    return RawArticle(
        text=normalise(text, origin),
        origin=origin,
        title=getattr(doc, "title", None) or None,
        author=getattr(doc, "author", None) or None,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        url=getattr(doc, "url", None) or url,
        published=getattr(doc, "date", None) or None,
        from_html=True,
    )


def read_json(data: bytes, origin: str, settings: Settings) -> Iterator[RawArticle | BadRecord]:
    """A JSON file: one record, or a list of records (each bad one reported in its place)."""
    parsed = parse_json(decode_text(data, origin), origin)
    if not isinstance(parsed, list):
        yield read_record(parsed, f"{origin}#1")
        return
    for index, record in enumerate(parsed, start=1):
        try:
            yield read_record(record, f"{origin}#{index}")
        except UnusableInput as err:
            yield placed(err, origin, record=index)


def placed(
    err: UnusableInput, origin: str, *, line: int | None = None, record: int | None = None
) -> BadRecord:
    """The same error for one record of a batch, saying where it is (its kind kept)."""
    kind = type(err) if isinstance(err, BadRecord) else BadRecord
    return kind(err.message, source=origin, line=line, record=record)


def holds_many(path: str | Path, fmt: str | None = None) -> bool:
    """True when the input is a batch (JSON Lines, or a JSON list), not one article.

    Decided from the format or suffix and, for JSON, the first character of the
    content, looked at without consuming it (stdin is peeked, not read).
    """
    suffix = Path(str(path)).suffix.lower()
    if fmt == "jsonl" or (fmt is None and suffix in JSONL_SUFFIXES):
        return True
    if not (fmt == "json" or (fmt is None and suffix in JSON_SUFFIXES)):
        return False
    head: bytes
    try:
        if str(path) == "-":
            stdin = sys.stdin.buffer
            if not isinstance(stdin, io.BufferedReader):
                return False
            head = stdin.peek(_PEEK_BYTES)[:_PEEK_BYTES]
        else:
            with open(path, "rb") as handle:
                head = handle.read(_PEEK_BYTES)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def read_json_lines(
    lines: Iterator[bytes | int], origin: str, settings: Settings
) -> Iterator[RawArticle | BadRecord]:
    """JSON Lines, streamed: one record a line; a broken line is reported and the rest go on.

    `lines` gives each line's bytes, or its length alone when it is over the limit
    (see `_bounded_lines`: such a line is never held in memory).
    """
    for number, raw_line in enumerate(lines, start=1):
        if isinstance(raw_line, int):
            yield BadRecord(
                f"record is over {raw_line:,} bytes, over the limit of "
                f"{settings.max_input_bytes:,}",
                source=origin,
                line=number,
            )
            continue
        if not raw_line.strip():
            continue
        try:
            yield read_record(parse_json(raw_line, origin), f"{origin}:{number}")
        except UnicodeDecodeError:
            yield BadRecord("not valid UTF-8", source=origin, line=number)
        except UnusableInput as err:
            yield placed(err, origin, line=number)


def read_record(record: Any, origin: str) -> RawArticle:
    """One `{"text"|"html", "title", "url", "published", ...}` record."""
    if not isinstance(record, dict):
        raise WrongType("a record must be a JSON object", source=origin)
    fields = {
        key: _field(record.get(key), key, origin)
        for key in ("title", "author", "outlet", "url", "published", "id")
    }
    if isinstance(record.get("text"), str):
        raw = RawArticle(text=normalise(record["text"], origin), origin=origin)
    elif isinstance(record.get("html"), str):
        check_unicode(record["html"], origin, '"html"')
        raw = read_html(record["html"], origin, url=fields["url"])
    else:
        raise UnusableInput('a record needs a "text" or "html" string', source=origin)
    return RawArticle(
        text=raw.text,
        origin=origin,
        title=fields["title"] or raw.title,
        author=fields["author"] or raw.author,
        outlet=fields["outlet"] or raw.outlet,
        url=fields["url"] or raw.url,
        published=fields["published"] or raw.published,
        record_id=fields["id"],
        from_html=raw.from_html,
    )


_JSON_TYPES = {dict: "an object", list: "a list", bool: "true or false", int: "a number"}


def _field(value: Any, key: str, origin: str) -> str | None:
    """A metadata field as text: a string (or, for `id`, an integer); anything else is refused."""
    if value is None:
        return None
    if isinstance(value, str):
        check_unicode(value, origin, f'"{key}"')
        return value or None
    if key == "id" and type(value) is int:
        return str(value)
    kind = _JSON_TYPES.get(type(value), "a number")
    raise WrongType(f'"{key}" must be a string, not {kind}', source=origin)
