"""The HTML pages: the analyse page, and the corpus pages when the server has a store.

Pages are rendered by Jinja2 with autoescaping; the analyse page's brief is
drawn by `static/brief-view.js` from the API's JSON, with `textContent` only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from presslens.corpus import questions as corpus
from presslens.corpus.queries import snippet_pieces
from presslens.decoding import decode_text
from presslens.outputs.looks import layer_css
from presslens.pipeline import LAYERS
from presslens.web import charts
from presslens.web.state import MAX_ARTICLE_ID, page_response, require_store, shared, stored_brief

router = APIRouter(include_in_schema=False)

# Articles listed on one page.
ARTICLES_PAGE_SIZE = 50
# Best search matches whose snippet is shown under their title.
SNIPPETS_SHOWN = 50


@router.get("/", response_class=HTMLResponse)
def analyse_page(request: Request) -> HTMLResponse:
    """Paste or upload an article; its brief appears beside it."""
    settings = shared(request).settings
    return page_response(
        request,
        "analyse.html",
        {
            "example": settings.example is not None,
            "max_upload_bytes": settings.max_upload_bytes,
            "layers": LAYERS[1:],
        },
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The HTTP API's documentation (Swagger UI from the installed package, no CDN)."""
    return page_response(request, "docs.html", {"active": "docs"})


@router.get("/layers.css")
def layers_css() -> Response:
    """Each layer's colour as a CSS custom property (the same as in the HTML report)."""
    return Response(layer_css(), media_type="text/css")


@router.get("/example.txt", response_class=PlainTextResponse)
def example_text(request: Request) -> PlainTextResponse:
    """The sample article the analyse page offers (`presslens serve --example`)."""
    example = shared(request).settings.example
    if example is None:
        raise HTTPException(404, "this server has no example article")
    return PlainTextResponse(decode_text(example.read_bytes(), example.name))


# -- corpus pages (with --db) ---------------------------------------------------


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    technique: str = "",
    speaker: str = "",
) -> HTMLResponse:
    """The corpus's articles, filtered by words, outlet, date, technique and speaker."""
    state = shared(request)
    store = require_store(state)
    chosen = {
        "q": q,
        "outlet": outlet,
        "since": since,
        "until": until,
        "technique": technique,
        "speaker": speaker,
    }
    with state.store_lock:
        rows = corpus.articles(
            store,
            outlet=outlet,
            since=since,
            until=until,
            technique=technique,
            speaker=speaker,
            query=q,
            limit=ARTICLES_PAGE_SIZE,
        )
        facets = corpus.facets(store)
        total = store.count()
        hits = corpus.search(store, q, SNIPPETS_SHOWN) if q.strip() else []
    snippets = {h.article_id: snippet_pieces(h.snippet, h.matches) for h in hits}
    return page_response(
        request,
        "articles.html",
        {
            "active": "articles",
            "chosen": chosen,
            "filtered": any(value.strip() for value in chosen.values()),
            "rows": rows,
            "snippets": snippets,
            "facets": facets,
            "total": total,
            "page_size": ARTICLES_PAGE_SIZE,
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, article_id: Annotated[int, Path(ge=1, le=MAX_ARTICLE_ID)]
) -> HTMLResponse:
    """One stored article with its brief, drawn like the analyse page."""
    brief = stored_brief(shared(request), article_id)
    return page_response(
        request,
        "article.html",
        {"active": "articles", "article_id": article_id, "brief": brief.to_dict()},
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, name: str = "") -> HTMLResponse:
    """Who is quoted across the corpus, most quoted first."""
    state = shared(request)
    store = require_store(state)
    with state.store_lock:
        speakers = corpus.quoted(store, name or None)
    return page_response(
        request,
        "speakers.html",
        {
            "active": "speakers",
            "speakers": [s for s in speakers if s.resolved],
            "unresolved": [s for s in speakers if not s.resolved],
            "name": name,
        },
    )


@router.get("/republications", response_class=HTMLResponse)
def republications_page(request: Request) -> HTMLResponse:
    """Republication clusters, with shared, edited, added and removed passages side by side."""
    state = shared(request)
    store = require_store(state)
    with state.store_lock:
        clusters = corpus.republications(store)
    return page_response(
        request, "republications.html", {"active": "republications", "clusters": clusters}
    )


@router.get("/charts", response_class=HTMLResponse)
def charts_page(request: Request, subject: str = "") -> HTMLResponse:
    """Articles per month, techniques per outlet, and the timeline of a subject."""
    state = shared(request)
    store = require_store(state)
    with state.store_lock:
        rows = corpus.stats(store, "outlet")
        months = corpus.stats(store, "month")
        entries = corpus.timeline(store, subject) if subject.strip() else []
    return page_response(
        request,
        "charts.html",
        {
            "active": "charts",
            "technique_charts": charts.technique_charts(rows),
            "monthly": charts.monthly_chart(months),
            "subject": subject,
            "entries": entries,
            "timeline": charts.timeline_chart(entries),
        },
    )
