"""The `presslens` command: parse options, call one library function, render.

Exit codes for every command: 0 done; 1 the input was unusable (one line on
stderr, no traceback); 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from presslens.brief import Brief
from presslens.cli.options import fail, make_settings, open_output, settings_options
from presslens.errors import PresslensError
from presslens.readers import INPUT_FORMATS
from presslens.settings import ProfileName

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
        except BrokenPipeError:
            # The reader went away (`presslens ... | head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as err:  # last guard: a user never sees a traceback
            if os.environ.get("PRESSLENS_DEBUG"):
                raise
            fail(f"internal error: {type(err).__name__}: {err} (set PRESSLENS_DEBUG=1 for details)")


@click.group(cls=PresslensGroup)
@click.version_option(package_name="presslens")
def main() -> None:
    """Take news and opinion articles apart into evidence-linked briefs."""


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
    all_items: bool,
    profile: ProfileName,
) -> None:
    """Analyse ARTICLE files (text, HTML, JSON, JSON Lines; '-' for stdin) into briefs."""
    from presslens import analyze_path

    settings = make_settings(pipeline, max_bytes, published, layers, all_items, profile)
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

    from presslens.readers import holds_many

    batch = len(inputs) > 1 or any(holds_many(path, input_format) for path in inputs)
    with open_output(output) as out:
        write_briefs(briefs(), output_format, out, batch=batch)
    if failures:
        sys.exit(1)


def write_briefs(
    briefs: Iterator[Brief], output_format: str, out: IO[str], *, batch: bool = False
) -> None:
    """Render briefs in one of `OUTPUT_FORMATS`; jsonl streams, the others need the whole set.

    JSON has one shape per kind of input: one article gives an object, a batch
    (several inputs, JSON Lines, a JSON list) always a list, even of one or none.
    """
    if output_format == "jsonl":
        for brief in briefs:
            out.write(brief.to_json(indent=None) + "\n")
            out.flush()
        return
    collected = list(briefs)
    if output_format == "json" and batch:
        out.write(
            "[\n" + ",\n".join(b.to_json() for b in collected) + "\n]\n" if collected else "[]\n"
        )
        return
    if not collected:
        return
    if output_format == "json":
        out.write(collected[0].to_json() + "\n")
    elif output_format == "html":
        from presslens.outputs.report import render_html

        out.write(render_html(collected))
    else:
        from presslens.outputs.terminal import render_text

        for brief in collected:
            render_text(brief, out)


# Commands that live with their library code; each module stays thin over it.
from presslens.cli.evaluate import evaluate  # noqa: E402

main.add_command(evaluate)

from presslens.cli.serve import serve  # noqa: E402

main.add_command(serve)

from presslens.cli.semeval import semeval  # noqa: E402

main.add_command(semeval)

from presslens.cli.corpus import COMMANDS as CORPUS_COMMANDS  # noqa: E402
from presslens.cli.ingest import ingest  # noqa: E402

main.add_command(ingest)

for corpus_command in CORPUS_COMMANDS:
    main.add_command(corpus_command)
