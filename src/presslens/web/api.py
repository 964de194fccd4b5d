"""The JSON API: analyse an article, ingest into the store, search and list it, read a brief.

Every route reads the request, calls one library function and returns its
result; errors go through the app's one handler (`presslens.web.app`); shared state is in
`presslens.web.state`.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from presslens import analyze_many
from presslens.brief import Brief
from presslens.corpus import questions as corpus
from presslens.corpus.store import Store
from presslens.errors import PresslensError
from presslens.readers import RawArticle
from presslens.settings import Settings
from presslens.web.schema import (
    ERROR_RESPONSES,
    ArticleOut,
    ArticlesOut,
    BriefOut,
    ErrorOut,
    IngestOut,
    SearchHitOut,
    SearchOut,
)
from presslens.web.state import MAX_ARTICLE_ID, WebState, require_store, shared, stored_brief
from presslens.web.uploads import ArticleRecord, articles_from_request, request_body_schema

router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={422: {"model": ErrorOut, "description": "The request or its input is unusable."}},
)
bearer = HTTPBearer(auto_error=False, description="The token `presslens serve --token` set.")

# Search results a client may ask for at once.
MAX_SEARCH_LIMIT = 100
# Articles a client may list at once.
MAX_ARTICLES_LIMIT = 500

NO_STORE: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "The server runs without a corpus store."}
}
BRIEF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "model": BriefOut,
        "description": "The brief (`format=json`) or its HTML report (`format=html`).",
        "content": {"text/html": {"schema": {"type": "string"}}},
    },
    **ERROR_RESPONSES,
}
RECORD_SCHEMA = ArticleRecord.model_json_schema()
BATCH_SCHEMA = {"anyOf": [RECORD_SCHEMA, {"type": "array", "items": RECORD_SCHEMA}]}


@router.post(
    "/analyze",
    summary="Analyse one article into its brief",
    responses=BRIEF_RESPONSES,
    openapi_extra={"requestBody": request_body_schema(RECORD_SCHEMA)},
)
async def analyze(
    request: Request,
    format: Literal["json", "html"] = "json",
    all_items: Annotated[
        bool,
        Query(
            description="Also keep the items below each layer's display threshold "
            "(the web app shows them dimmed); `layers[...].withheld` counts them either way."
        ),
    ] = False,
) -> Response:
    """Send `{"text": ...}` or `{"html": ...}` as JSON, or upload a text, HTML or JSON file.

    Read-only: nothing is stored.
    """
    state = shared(request)
    settings = replace(state.settings.analysis, show_withheld=all_items)
    (raw,) = await articles_from_request(request, settings, batch=False)
    if isinstance(raw, PresslensError):
        raise raw
    brief = await run_in_threadpool(_analyze_one, state, raw, settings)
    if format == "html":
        from presslens.outputs.report import render_html

        return HTMLResponse(
            render_html([brief]),
            headers={"content-disposition": 'attachment; filename="brief.html"'},
        )
    return JSONResponse(brief.to_dict())


@router.post(
    "/ingest",
    summary="Analyse articles and store their briefs",
    response_model=IngestOut,
    responses={
        **ERROR_RESPONSES,
        **NO_STORE,
        401: {"model": ErrorOut, "description": "The token is missing or wrong."},
        403: {"model": ErrorOut, "description": "The server is read-only (no --token)."},
    },
    openapi_extra={"requestBody": request_body_schema(BATCH_SCHEMA)},
)
async def ingest(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> IngestOut:
    """Send one record or a list of them as JSON, or upload a JSON, JSON Lines, text or HTML file.

    Needs `Authorization: Bearer TOKEN`; a server started without `--token` refuses writes.
    """
    state = shared(request)
    require_token(state, credentials)
    store = require_store(state)
    found = await articles_from_request(request, state.settings.analysis, batch=True)
    results = await run_in_threadpool(_analyze_all, state, found)
    briefs = [r for r in results if isinstance(r, Brief)]
    rejected = [" ".join(str(r).split()) for r in results if isinstance(r, PresslensError)]
    added = await run_in_threadpool(_store_briefs, state, store, briefs)
    return IngestOut(
        added=[article_id for article_id, _brief in added],
        duplicates=len(briefs) - len(added),
        rejected=rejected,
    )


@router.get("/search", summary="Full-text search of the store", responses=NO_STORE)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words or a quoted phrase.")],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = 20,
) -> SearchOut:
    """Articles whose title or text hold every word (stemmed) or the quoted phrase."""
    state = shared(request)
    store = require_store(state)
    with state.store_lock:
        hits = store.search(q, limit=limit)
    return SearchOut(
        query=q,
        hits=[
            SearchHitOut(
                id=h.article_id,
                title=h.title,
                outlet=h.outlet,
                published=h.published,
                url=h.url,
                snippet=h.snippet,
                matches=list(h.matches),
                origin=h.origin,
            )
            for h in hits
        ],
    )


@router.get(
    "/articles",
    summary="Stored articles by outlet, date, technique and speaker",
    responses={**NO_STORE, 422: {"model": ErrorOut, "description": "A date is not YYYY-MM-DD."}},
)
def articles(
    request: Request,
    outlet: Annotated[str, Query(max_length=500, description="The outlet, exactly.")] = "",
    since: Annotated[str, Query(max_length=10, description="Published on or after.")] = "",
    until: Annotated[str, Query(max_length=10, description="Published on or before.")] = "",
    technique: Annotated[str, Query(max_length=100, description="A technique they use.")] = "",
    speaker: Annotated[
        str, Query(max_length=500, description="Part of a quoted speaker's name.")
    ] = "",
    q: Annotated[str, Query(max_length=500, description="Words or a quoted phrase.")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_ARTICLES_LIMIT)] = corpus.ARTICLES_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_ARTICLE_ID)] = 0,
) -> ArticlesOut:
    """Articles passing every filter given (dates as YYYY-MM-DD, inclusive), newest first."""
    state = shared(request)
    store = require_store(state)
    with state.store_lock:
        rows = corpus.articles(
            store,
            outlet=outlet,
            since=since,
            until=until,
            technique=technique,
            speaker=speaker,
            query=q,
            limit=limit,
            offset=offset,
        )
    return ArticlesOut(
        articles=[
            ArticleOut(
                id=r.article_id,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                url=r.url,
                quotes=r.quotes,
                claims=r.claims,
                techniques=r.techniques,
            )
            for r in rows
        ]
    )


@router.get(
    "/articles/{article_id}",
    summary="The brief of a stored article",
    responses={
        200: {
            "model": BriefOut,
            "description": "The brief (`format=json`) or its HTML report (`format=html`).",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
        404: {"model": ErrorOut, "description": "No such article, or no store."},
    },
)
def article(
    request: Request,
    article_id: Annotated[int, Path(ge=1, le=MAX_ARTICLE_ID)],
    format: Literal["json", "html"] = "json",
) -> Response:
    """The stored brief as JSON, or (`format=html`) its self-contained HTML report."""
    brief = stored_brief(shared(request), article_id)
    if format == "html":
        from presslens.outputs.report import render_html

        return HTMLResponse(
            render_html([brief]),
            headers={"content-disposition": f'attachment; filename="brief-{article_id}.html"'},
        )
    return JSONResponse(brief.to_dict())


# -- helpers shared with the pages --------------------------------------------


def require_token(state: WebState, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Let a write through only with the server's token."""
    token = state.settings.token
    if token is None:
        raise HTTPException(403, "this server is read-only; start it with --token to allow ingest")
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401, "a valid bearer token is needed to write", headers={"WWW-Authenticate": "Bearer"}
        )


def _analyze_one(state: WebState, raw: RawArticle, settings: Settings) -> Brief:
    with state.lane_for(len(raw.text)).slot():
        (result,) = analyze_many([raw], settings)
    if isinstance(result, PresslensError):
        raise result
    return result


def _store_briefs(
    state: WebState, store: Store, briefs: Sequence[Brief]
) -> list[tuple[int, Brief]]:
    with state.store_lock:
        return store.add_briefs(briefs)


def _analyze_all(state: WebState, found: Sequence[RawArticle | PresslensError]) -> list[object]:
    """Every record's result in its place: a brief, or the error that says why not."""
    raws = [item for item in found if isinstance(item, RawArticle)]
    with state.lane_for(sum(len(raw.text) for raw in raws)).slot():
        return list(analyze_many(found, state.settings.analysis))
