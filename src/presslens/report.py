"""The self-contained HTML report (placeholder until the report lands)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from presslens.brief import Brief


def render_html(briefs: Sequence[Brief]) -> str:
    return "".join(f"<pre>{html.escape(b.text)}</pre>" for b in briefs)
