"""Hand-built briefs and a store on each backend, shared by the corpus tests.

The store fixture runs every test on SQLite (in memory) and, when
PRESSLENS_TEST_PG names a server (scripts/postgres.sh), on PostgreSQL in a
schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator

import pytest

from presslens.brief import Brief, Document, Entity, Quote, Span, Speaker, TimeExpression
from presslens.corpus.store import Store, open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def backend_store(backend: str) -> Iterator[Store]:
    """A fresh, empty store on `backend`."""
    if backend == "sqlite":
        store = open_store(":memory:")
        yield store
        store.close()
        return
    url = os.environ.get("PRESSLENS_TEST_PG")
    if not url:
        pytest.skip('PRESSLENS_TEST_PG is not set (eval "$(bash scripts/postgres.sh start)")')
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    store = open_store(f"{url}{separator}options=-csearch_path%3D{schema}")
    try:
        yield store
    finally:
        store.close()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def make_brief(
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    entities: tuple[Entity, ...] = (),
    quotes: tuple[Quote, ...] = (),
    timeline: tuple[TimeExpression, ...] = (),
) -> Brief:
    """A brief built by hand, as the pipeline would hand it over; read from `corpus/URL.txt`."""
    document = Document(
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        language="en",
        title=title,
        outlet=outlet,
        published=published,
        source_url=url,
        origin=f"corpus/{url}.txt" if url else None,
    )
    return Brief(document=document, text=text, entities=entities, quotes=quotes, timeline=timeline)


def entity(
    text: str, name: str, entity_id: str, kind: str = "PERSON", role: str | None = None
) -> Entity:
    """An entity with one mention at the first occurrence of `name` (and a role span)."""
    start = text.index(name)
    roles: tuple[Span, ...] = ()
    if role is not None:
        role_start = text.index(role)
        roles = (Span(role_start, role_start + len(role)),)
    return Entity(entity_id, name, kind, (Span(start, start + len(name)),), roles)  # type: ignore[arg-type]


def quote(text: str, content: str, speaker: str, entity_id: str | None) -> Quote:
    """A direct quote of `content` by `speaker`."""
    start = text.index(content)
    speaker_start = text.index(speaker)
    return Quote(
        start=start,
        end=start + len(content),
        kind="direct",
        speaker=Speaker(entity_id, speaker, speaker_start, speaker_start + len(speaker)),
        cue=None,
    )
