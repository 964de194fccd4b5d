"""The `presslens serve` command: the web app and HTTP API on a local port."""

from __future__ import annotations

from pathlib import Path

import click

from presslens.settings import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: The sample article `--example` offers, in a source checkout.
EXAMPLE_ARTICLE = Path(__file__).resolve().parents[3] / "examples" / "republished-opinion.txt"


@click.command()
@click.option(
    "--db",
    default=None,
    metavar="PATH_OR_URL",
    help="Corpus store (SQLite file or postgresql:// URL); adds the corpus pages.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    default=None,
    envvar="PRESSLENS_TOKEN",
    help="Bearer token that writes (ingest) need [env PRESSLENS_TOKEN]; without it, read-only.",
)
@click.option(
    "--example", is_flag=True, help="Offer the shipped example article (default without --db)."
)
@click.option(
    "--max-upload",
    type=click.IntRange(min=1),
    default=None,
    metavar="BYTES",
    help="Refuse request bodies larger than this (default 5 MB).",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    example: bool,
    max_upload: int | None,
) -> None:
    """Serve the analyse page, the corpus pages (with --db) and the HTTP API."""
    import uvicorn

    from presslens.web import WebSettings, create_app
    from presslens.web.state import DEFAULT_MAX_UPLOAD_BYTES

    limit = max_upload or DEFAULT_MAX_UPLOAD_BYTES
    offer_example = (example or db is None) and EXAMPLE_ARTICLE.is_file()
    settings = WebSettings(
        db=db,
        token=token or None,
        max_upload_bytes=limit,
        example=EXAMPLE_ARTICLE if offer_example else None,
        analysis=Settings(max_input_bytes=limit),
    )
    app = create_app(settings)
    mode = "read-only" if settings.read_only else "ingest needs the token"
    click.echo(f"presslens: serving on http://{host}:{port}/ ({mode})", err=True)
    if host not in LOOPBACK_HOSTS:
        click.echo(
            f"presslens: {host} is reachable beyond this machine; anyone who can reach it can read",
            err=True,
        )
    # No "server: uvicorn" banner: a version string only helps an attacker.
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
