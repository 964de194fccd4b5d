"""What the web app's routes share: settings, the store and its lock, templates, page rendering.

The app factory (`app.py`) builds a `WebState`; the routers (`api.py`, `pages.py`)
read it through `shared(request)`. Routers import this module, never the app.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from presslens.brief import Brief
from presslens.corpus.store import Store
from presslens.outputs.looks import DEFAULT_SHOWN, LOOKS
from presslens.settings import Settings

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=HERE / "templates")
STATIC_DIR = HERE / "static"
#: Swagger UI's files, shipped inside the pinned `fastapi-offline` package (we use only its
#: static files): the API docs work offline and under the app's CSP.
SWAGGER_UI_DIR = Path(str(resources.files("fastapi_offline") / "static"))

# 5 MB: twice the longest single article in the project's data sets, and small
# enough that a browser upload of a wrong file (a video, a dump) fails at once.
DEFAULT_MAX_UPLOAD_BYTES = 5_000_000


# Ids are 64-bit integers in both SQLite and PostgreSQL.
MAX_ARTICLE_ID = 2**63 - 1


@dataclass(frozen=True)
class WebSettings:
    """How `presslens serve` runs.

    >>> WebSettings(token="s3cret").read_only
    False
    """

    #: SQLite path, `:memory:` or PostgreSQL URL of the corpus store; None: no corpus pages.
    db: str | None = None
    #: Bearer token that writes (ingest) need; None: the server is read-only.
    token: str | None = None
    #: Request bodies over this many bytes are refused with 413.
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    #: A sample article the analyse page offers as a one-click example.
    example: Path | None = None
    #: How articles are analysed.
    analysis: Settings = field(default_factory=Settings)

    @property
    def read_only(self) -> bool:
        """True when nothing can be written: no token was given."""
        return self.token is None


class WebState:
    """What the routes share: settings, the store and the locks that serialise their use."""

    def __init__(self, settings: WebSettings, store: Store | None) -> None:
        self.settings = settings
        self.store = store
        # One spaCy pipeline and one store connection serve every request; the
        # locks keep threadpool workers from using either at the same time.
        self.analysis_lock = threading.Lock()
        self.store_lock = threading.Lock()


def shared(request: Request) -> WebState:
    """The `WebState` of the app serving this request."""
    state: WebState = request.app.state.shared
    return state


def page_response(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    """Render a page template with the settings every page needs."""
    common = {"settings": request.app.state.web, "looks": LOOKS, "shown_layers": DEFAULT_SHOWN}
    response: HTMLResponse = TEMPLATES.TemplateResponse(request, template, {**common, **context})
    return response


def require_store(state: WebState) -> Store:
    """The store, or 404 when the server runs without one."""
    if state.store is None:
        raise HTTPException(404, "this server has no corpus; start it with --db")
    return state.store


def stored_brief(state: WebState, article_id: int) -> Brief:
    """A stored brief; a missing id is `NotFound`, which the app's handler answers with 404."""
    store = require_store(state)
    with state.store_lock:
        return store.get_brief(article_id)
