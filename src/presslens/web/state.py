"""What the web app's routes share: settings, the store and its lock, templates, page rendering.

The app factory (`app.py`) builds a `WebState`; the routers (`api.py`, `pages.py`)
read it through `shared(request)`. Routers import this module, never the app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from presslens.brief import Brief
from presslens.corpus.store import Store
from presslens.errors import Busy
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


#: Articles up to this many characters (40 news articles) analyse in the small lane, so a
#: long text in the large lane never holds them up.
SMALL_CHARS = 200_000
#: Requests that may wait for one lane; the next one gets 503 at once.
MAX_WAITING = 8
#: How long a request waits for its lane before it gets 503 and may try again.
WAIT_SECONDS = 60.0


class Lane:
    """One analysis at a time, a bounded queue of waiting requests, and a time limit on waiting."""

    def __init__(self, name: str, *, max_waiting: int = MAX_WAITING, wait: float = WAIT_SECONDS):
        self.name = name
        self.max_waiting = max_waiting
        self.wait = wait
        self._running = threading.Lock()
        self._count = threading.Lock()
        self.waiting = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold the lane for one analysis, or raise `Busy` when it is full or the wait too long."""
        with self._count:
            if self.waiting >= self.max_waiting:
                raise Busy(f"{self.waiting} requests already wait for the {self.name} lane")
            self.waiting += 1
        try:
            acquired = self._running.acquire(timeout=self.wait)
        finally:
            with self._count:
                self.waiting -= 1
        if not acquired:
            raise Busy(f"waited {self.wait:.0f} s for the {self.name} lane")
        try:
            yield
        finally:
            self._running.release()


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
        # One spaCy pipeline serves two lanes: articles up to SMALL_CHARS never wait
        # behind a long one. One store connection serves every request, one at a time.
        self.small_lane = Lane("small")
        self.large_lane = Lane("large")
        self.store_lock = threading.Lock()

    def lane_for(self, characters: int) -> Lane:
        """The lane an analysis of this many characters runs in."""
        return self.small_lane if characters <= SMALL_CHARS else self.large_lane


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
