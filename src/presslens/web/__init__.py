"""The web app and HTTP API over the library (`presslens serve`).

>>> from presslens.web import WebSettings, create_app
>>> app = create_app(WebSettings())
>>> app.title
'presslens'
"""

from __future__ import annotations

from presslens.web.app import create_app
from presslens.web.state import WebSettings

__all__ = ["WebSettings", "create_app"]
