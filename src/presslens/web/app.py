"""The FastAPI app: settings, security headers, the upload limit and the one error handler.

Routes live in `presslens.web.api` (JSON, in the OpenAPI schema) and
`presslens.web.pages` (server-rendered HTML). Both are thin over the library:
they read the request, call one library function, render.

>>> app = create_app(WebSettings(max_upload_bytes=1_000))
>>> app.state.web.max_upload_bytes
1000
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from presslens import __version__
from presslens.corpus.store import open_store
from presslens.errors import (
    BadSetting,
    Busy,
    InputTooLarge,
    ModelMissing,
    NotFound,
    PresslensError,
    StoreError,
    TextTooLong,
    UnusableInput,
)
from presslens.web import api, pages
from presslens.web.state import (
    STATIC_DIR,
    SWAGGER_UI_DIR,
    TEMPLATES,
    WebSettings,
    WebState,
)

# Article text is untrusted: no inline script or style anywhere, nothing from
# other origins, no plugins, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)

#: HTTP status for each presslens error, most specific first.
ERROR_STATUS: tuple[tuple[type[PresslensError], int], ...] = (
    (InputTooLarge, 413),
    (TextTooLong, 413),
    (UnusableInput, 422),
    (BadSetting, 422),
    (ModelMissing, 503),
    (Busy, 503),
    (NotFound, 404),
    (StoreError, 503),
)

log = logging.getLogger("presslens.web")


def create_app(settings: WebSettings) -> FastAPI:
    """The app for these settings; opens the store now, so a bad `db` fails before serving."""
    # The store lives as long as the app: a server (or test client) may run the
    # lifespan more than once, so it is not closed on shutdown; every batch is
    # committed in its own transaction, so nothing is left half-written.
    store = open_store(settings.db, read_only=settings.read_only) if settings.db else None
    app = FastAPI(
        # The API docs are served from the installed package (see pages.api_docs), not a CDN.
        docs_url=None,
        redoc_url=None,
        title="presslens",
        version=__version__,
        summary="Evidence-linked briefs of news and opinion articles.",
    )
    app.state.web = settings
    app.state.shared = WebState(settings, store)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/docs-assets", StaticFiles(directory=SWAGGER_UI_DIR), name="docs-assets")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(PresslensError, _presslens_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(BodySizeLimit, limit=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


# -- errors -------------------------------------------------------------------


def status_of(err: PresslensError) -> int:
    """The HTTP status a presslens error maps to (400 for any other refusal)."""
    return next((status for kind, status in ERROR_STATUS if isinstance(err, kind)), 400)


def error_message(err: PresslensError) -> str:
    """One line for the user; an upload that is too large names this server's limit."""
    if isinstance(err, InputTooLarge):
        return f"the upload is {err.size:,} bytes, over this server's limit of {err.limit:,} bytes"
    return " ".join(str(err).split())


def error_response(request: Request, status: int, message: str) -> Response:
    """`{"detail": message}` for the API, a small HTML page for a browser on a page route."""
    wants_page = not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )
    if wants_page:
        return TEMPLATES.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "settings": request.app.state.web},
            status_code=status,
        )
    return JSONResponse({"detail": message}, status_code=status)


#: Seconds a client told the server is busy should wait before it sends again.
RETRY_AFTER_S = 5


async def _presslens_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PresslensError)
    response = error_response(request, status_of(exc), error_message(exc))
    if isinstance(exc, Busy):
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 422, validation_message(exc.errors()))


def validation_message(errors: Any) -> str:
    """The first validation error as one line: `query.limit: Input should be ...`."""
    first = next(iter(errors), None)
    if not first:
        return "invalid request"
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = error_response(request, exc.status_code, str(exc.detail))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _internal_error(request: Request, exc: Exception) -> Response:
    # The server log gets the traceback; the user gets one line without details.
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error")


# -- middleware ---------------------------------------------------------------


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses request bodies over `limit` bytes with 413, before reading them whole.

    A declared Content-Length over the limit is answered at once; a body sent
    without one is counted as it streams in and stopped at the limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            err = InputTooLarge(int(declared), self.limit, source="request")
            body = json.dumps({"detail": error_message(err)}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise InputTooLarge(received, self.limit, source="request")
            return message

        await self.app(scope, counted_receive, send)
