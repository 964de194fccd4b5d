"""Request bodies to articles: a JSON record, or an uploaded text, HTML or JSON file.

The readers do the work (`presslens.readers`); this module only picks which
one from the request's content type and the upload's file name.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from presslens.decoding import check_unicode, decode_text
from presslens.errors import BadRecord, UnusableInput
from presslens.readers import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    RawArticle,
    parse_json,
    placed,
    read_html,
    read_json,
    read_json_lines,
    read_record,
)
from presslens.settings import Settings

#: The name `origin` takes in messages about a JSON request body.
BODY_ORIGIN = "request"

# A multipart upload carries one file and a few fields at most.
MAX_FORM_FILES = 1
MAX_FORM_FIELDS = 8


class ArticleRecord(BaseModel):
    """One article: its `text` or the `html` page it is in, with optional metadata."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {"required": ["text"], "properties": {"text": {"type": "string"}}},
                {"required": ["html"], "properties": {"html": {"type": "string"}}},
            ]
        },
    )

    text: str | None = Field(default=None, min_length=1, description="The article as plain text.")
    html: str | None = Field(
        default=None, min_length=1, description="An HTML page holding the article."
    )
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = Field(default=None, description="Where this copy of the article came from.")
    published: str | None = Field(default=None, description="Publication date, ISO 8601.")
    id: str | None = Field(default=None, description="Your identifier for the record.")

    @model_validator(mode="after")
    def _has_article(self) -> ArticleRecord:
        if self.text is None and self.html is None:
            raise ValueError('a record needs a "text" or "html" string')
        return self


FILE_UPLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "A text, HTML or JSON file (JSON Lines too, for ingest).",
        }
    },
    "required": ["file"],
}


def request_body_schema(record_schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI `requestBody` for routes that take a JSON record or a file upload."""
    return {
        "required": True,
        "content": {
            "application/json": {"schema": record_schema},
            "multipart/form-data": {"schema": FILE_UPLOAD_SCHEMA},
        },
    }


async def articles_from_request(
    request: Request, settings: Settings, *, batch: bool
) -> list[RawArticle | BadRecord]:
    """The articles a request carries. With `batch`, a JSON list or JSON Lines file may hold many.

    Raises `UnusableInput` with one line saying what is wrong.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        try:
            form = await request.form(max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS)
        except HTTPException as err:
            # Starlette answers a malformed multipart body with a bare 400.
            raise UnusableInput(f"malformed upload ({err.detail})", source=BODY_ORIGIN) from None
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise UnusableInput('a multipart upload needs a "file" part', source=BODY_ORIGIN)
            data = await upload.read()
            name = safe_name(upload.filename)
        finally:
            await form.close()
        found = read_upload(data, name, upload.content_type or "", settings)
    elif content_type in ("application/json", ""):
        found = records_from_json(await request.body(), batch=batch)
    else:
        raise UnusableInput(
            f"send application/json or multipart/form-data, not {content_type!r}",
            source=BODY_ORIGIN,
        )
    if not found:
        raise UnusableInput("holds no articles", source=BODY_ORIGIN)
    if not batch and len(found) > 1:
        raise UnusableInput(
            f"holds {len(found)} articles; analyse one at a time or ingest them",
            source=BODY_ORIGIN,
        )
    return found


def records_from_json(body: bytes, *, batch: bool) -> list[RawArticle | BadRecord]:
    """A JSON body: one `ArticleRecord`, or (with `batch`) a list of them."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise UnusableInput("the body is not valid JSON (not UTF-8)", source=BODY_ORIGIN) from None
    try:
        parsed = parse_json(text, BODY_ORIGIN)
    except UnusableInput as err:
        raise type(err)(f"the body is {err.message}", source=BODY_ORIGIN) from None
    if not (batch and isinstance(parsed, list)):
        return [read_record(valid_record(parsed, BODY_ORIGIN), BODY_ORIGIN)]
    # A record of the wrong shape breaks the request's schema and fails it (422); a
    # well-formed record whose content is unusable (empty, a lone surrogate, too long)
    # fails alone in its place, and the others go on.
    unicode_errors = {n: bad for n, item in enumerate(parsed, 1) if (bad := _not_unicode(item))}
    records = {
        n: valid_record(item, f"{BODY_ORIGIN} record {n}")
        for n, item in enumerate(parsed, 1)
        if n not in unicode_errors
    }
    found: list[RawArticle | BadRecord] = []
    for index in range(1, len(parsed) + 1):
        try:
            if index in unicode_errors:
                raise unicode_errors[index]
            found.append(read_record(records[index], f"{BODY_ORIGIN}#{index}"))
        except UnusableInput as err:
            found.append(placed(err, BODY_ORIGIN, record=index))
    return found


def _not_unicode(item: Any) -> UnusableInput | None:
    """The error for a record whose strings hold a lone surrogate (checked before the schema)."""
    if not isinstance(item, dict):
        return None
    for key, value in item.items():
        if isinstance(value, str):
            try:
                check_unicode(value, BODY_ORIGIN, "the text" if key == "text" else f'"{key}"')
            except UnusableInput as err:
                return err
    return None


# Characters a file name may not carry into messages, logs or the store: controls
# (NUL, CR, LF, ESC...) and the bidi overrides that make a name read differently.
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_NAME_CHARS = 200


def safe_name(filename: str | None) -> str:
    """An uploaded file's name as it may be shown: its last part, controls replaced, bounded.

    >>> safe_name("../a\x00b\r\nc.txt")
    'a_b__c.txt'
    """
    name = PurePath((filename or "").replace("\\", "/")).name
    return _UNSAFE_NAME.sub("_", name)[:MAX_NAME_CHARS] or "upload"


def valid_record(item: Any, origin: str) -> dict[str, Any]:
    """One JSON record checked against `ArticleRecord`, as `read_record` takes it."""
    try:
        record = ArticleRecord.model_validate(item)
    except ValidationError as err:
        problem = err.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        raise UnusableInput(f"{where}: {message}" if where else message, source=origin) from None
    return record.model_dump(exclude_none=True)


def read_upload(
    data: bytes, name: str, content_type: str, settings: Settings
) -> list[RawArticle | BadRecord]:
    """An uploaded file, read by the reader its suffix or content type names (text otherwise)."""
    suffix = PurePath(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return list(read_json_lines(iter(data.splitlines(keepends=True)), name, settings))
    if suffix in JSON_SUFFIXES or content_type == "application/json":
        return list(read_json(data, name, settings))
    if suffix in HTML_SUFFIXES or content_type in ("text/html", "application/xhtml+xml"):
        return [read_html(data, name)]
    text = decode_text(data, name)
    if _looks_like_html(text):
        return [read_html(text, name)]
    return [RawArticle(text=text, origin=name)]


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))
