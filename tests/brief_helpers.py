"""What tests of whole briefs share: walking a brief's JSON for its offsets."""

from __future__ import annotations

from typing import Any


def spans_in(value: Any) -> list[dict[str, Any]]:
    """Every object in the brief that carries offsets (start set), however deep."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int):
            found.append(value)
        for inner in value.values():
            found += spans_in(inner)
    elif isinstance(value, list):
        for inner in value:
            found += spans_in(inner)
    return found
