"""The `presslens` command: parse options, call one library function, render.

Exit codes for every command: 0 done; 1 the input was unusable (one line on
stderr, no traceback); 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from presslens.brief import Brief
from presslens.errors import PresslensError
from presslens.pipeline import LAYERS
from presslens.provenance import normalise_published
from presslens.readers import INPUT_FORMATS
from presslens.settings import DEFAULT_MAX_INPUT_BYTES, DEFAULT_PIPELINE, Settings

OUTPUT_FORMATS = ("text", "json", "jsonl", "html")


class PresslensGroup(click.Group):
    """Maps `PresslensError` to exit code 1 with one line; anything else to one line too."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PresslensError as err:
            fail(str(err))
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            fail("interrupted")
        except Exception as err:  # last guard: a user never sees a traceback
            if os.environ.get("PRESSLENS_DEBUG"):
                raise
            fail(f"internal error: {type(err).__name__}: {err} (set PRESSLENS_DEBUG=1 for details)")


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"presslens: {message}", err=True)
    sys.exit(code)


@click.group(cls=PresslensGroup)
@click.version_option(package_name="presslens")
def main() -> None:
    """Take news and opinion articles apart into evidence-linked briefs."""


def settings_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that analyses articles."""
    for option in reversed(
        [
            click.option(
                "--pipeline",
                default=DEFAULT_PIPELINE,
                show_default=True,
                help="Installed spaCy pipeline package to use.",
            ),
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=DEFAULT_MAX_INPUT_BYTES,
                show_default=True,
                help="Refuse inputs (or records) larger than this.",
            ),
            click.option(
                "--published",
                default=None,
                metavar="YYYY-MM-DD",
                help="Publication date to use instead of the one found.",
            ),
            click.option(
                "--layers",
                default=None,
                metavar="LIST",
                help=f"Comma-separated layers to compute (default all): {','.join(LAYERS[1:])}.",
            ),
        ]
    ):
        func = option(func)
    return func


def make_settings(
    pipeline: str, max_bytes: int, published: str | None, layers: str | None
) -> Settings:
    """Build the one settings object from the shared options; bad values are usage errors."""
    wanted = None
    if layers:
        wanted = frozenset(part.strip() for part in layers.split(",") if part.strip())
        unknown = wanted - set(LAYERS)
        if unknown:
            raise click.BadParameter(
                f"unknown layer(s): {', '.join(sorted(unknown))}", param_hint="--layers"
            )
    if published:
        try:
            published = normalise_published(published)
        except PresslensError as err:
            raise click.BadParameter(str(err), param_hint="--published") from None
    return Settings(
        pipeline=pipeline, max_input_bytes=max_bytes, published=published, layers=wanted
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="json: the brief; jsonl: one brief a line; html: report.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="How to read the inputs (default: from suffix and content).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of stdout (written whole or not at all).",
)
@settings_options
def analyze(
    inputs: Sequence[str],
    output_format: str,
    input_format: str | None,
    output: Path | None,
    pipeline: str,
    max_bytes: int,
    published: str | None,
    layers: str | None,
) -> None:
    """Analyse ARTICLE files (text, HTML, JSON, JSON Lines; '-' for stdin) into briefs."""
    from presslens import analyze_path

    settings = make_settings(pipeline, max_bytes, published, layers)
    failures: list[str] = []

    def briefs() -> Iterator[Brief]:
        for path in inputs:
            try:
                for result in analyze_path(path, settings, input_format):
                    if isinstance(result, PresslensError):
                        failures.append(str(result))
                        click.echo(f"presslens: skipped {result}", err=True)
                    else:
                        yield result
            except PresslensError as err:
                if len(inputs) == 1:
                    raise
                failures.append(str(err))
                click.echo(f"presslens: skipped {err}", err=True)

    with open_output(output) as out:
        write_briefs(briefs(), output_format, out)
    if failures:
        sys.exit(1)


def write_briefs(briefs: Iterator[Brief], output_format: str, out: IO[str]) -> None:
    """Render briefs in one of `OUTPUT_FORMATS`; jsonl streams, the others need the whole set."""
    if output_format == "jsonl":
        for brief in briefs:
            out.write(brief.to_json(indent=None) + "\n")
            out.flush()
        return
    collected = list(briefs)
    if not collected:
        return
    if output_format == "json":
        if len(collected) == 1:
            out.write(collected[0].to_json() + "\n")
        else:
            out.write("[\n" + ",\n".join(b.to_json() for b in collected) + "\n]\n")
    elif output_format == "html":
        from presslens.report import render_html

        out.write(render_html(collected))
    else:
        from presslens.terminal import render_text

        for brief in collected:
            render_text(brief, out)


@contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written to a temporary name and renamed only when complete."""
    if path is None:
        yield sys.stdout
        return
    directory = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place on success
        "w", encoding="utf-8", dir=directory, prefix=f".{path.name}.", delete=False
    )
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


# Commands that live with their library code; each module stays thin over it.
from presslens.evaluation.cli import evaluate  # noqa: E402

main.add_command(evaluate)


if __name__ == "__main__":  # pragma: no cover
    main()
