"""The terminal brief (placeholder until the rich view lands)."""

from __future__ import annotations

from typing import IO

from presslens.brief import Brief


def render_text(brief: Brief, out: IO[str]) -> None:
    out.write(f"{brief.document.title}\n")
