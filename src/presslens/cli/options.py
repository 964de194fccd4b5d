"""Options and output handling shared by every `presslens` command module."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from presslens.errors import PresslensError
from presslens.layers.document.stage import normalise_published
from presslens.pipeline import LAYERS
from presslens.settings import (
    DEFAULT_MAX_INPUT_BYTES,
    DEFAULT_PIPELINE,
    DEFAULT_PROFILE,
    PROFILES,
    ProfileName,
    Settings,
)


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"presslens: {message}", err=True)
    sys.exit(code)


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
            click.option(
                "--all-items",
                is_flag=True,
                help="Keep the items of learned layers (techniques) below their display "
                "threshold too; each carries its confidence.",
            ),
            click.option(
                "--profile",
                type=click.Choice(PROFILES),
                default=DEFAULT_PROFILE,
                show_default=True,
                help="Models of the learned layers: 'fast' (linear, about spaCy's speed) or "
                "'accurate' (the pretrained encoder; falls back to fast without torch).",
            ),
        ]
    ):
        func = option(func)
    return func


def make_settings(
    pipeline: str,
    max_bytes: int,
    published: str | None,
    layers: str | None,
    all_items: bool = False,
    profile: ProfileName = DEFAULT_PROFILE,
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
        pipeline=pipeline,
        max_input_bytes=max_bytes,
        published=published,
        layers=wanted,
        show_withheld=all_items,
        profile=profile,
    )


@contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or the file at `path`, written whole or not at all.

    A regular file is written to a temporary name beside it and renamed into
    place only when complete, with the permissions a new file gets (the umask)
    or those of the file it replaces. A symbolic link is followed: its target
    is what gets written. A device or a named pipe (`-o /dev/null`) is written
    straight into, never replaced.
    """
    if path is None:
        yield sys.stdout
        return
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise PresslensError("is a directory, not a file", source=str(path))
        with open(target, "w", encoding="utf-8") as stream:
            yield stream
        return
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
    directory = target.parent if str(target.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place on success
        "w", encoding="utf-8", dir=directory, prefix=f".{target.name}.", delete=False
    )
    try:
        with handle:
            yield handle
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


def _new_file_mode() -> int:
    """The mode `open()` would give a new file: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
