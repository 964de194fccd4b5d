"""Reading PTC-style folders: `articleID.txt` files and their SI / TC label files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import DataDirError

_ARTICLE_ID = re.compile(r"article(\d+)")


@dataclass(frozen=True)
class GoldSpan:
    """One annotated span; `technique` is None for SI labels and `?` templates."""

    article_id: str
    start: int
    end: int
    technique: str | None = None


@dataclass(frozen=True)
class PtcArticle:
    """One article as stored: its id, its exact text and its TC gold spans."""

    article_id: str
    text: str
    spans: tuple[GoldSpan, ...] = ()


def article_id(path: Path) -> str:
    """The digits PTC uses as an article's id: `article111111111.txt` -> `111111111`."""
    match = _ARTICLE_ID.search(path.name)
    if match is None:
        raise DataDirError(f"{path.name}: not an articleNNN.txt file name")
    return match.group(1)


def read_text(path: Path) -> str:
    """The file's text exactly as stored (offsets are into it; newlines are not translated)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        raise DataDirError(f"{path}: cannot read ({err})") from None


def article_paths(folder: Path) -> list[Path]:
    """Every `article*.txt` in `folder`, sorted by name."""
    if not folder.is_dir():
        raise DataDirError(f"no articles directory at {folder}")
    return sorted(folder.glob("article*.txt"))


def read_spans(path: Path) -> list[GoldSpan]:
    """Span lines: `id start end` (SI) or `id technique start end` (TC, technique may be `?`)."""
    spans = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("\t")
        try:
            if len(fields) == 3:
                spans.append(GoldSpan(fields[0], int(fields[1]), int(fields[2])))
            elif len(fields) == 4:
                label = None if fields[1] == "?" else fields[1]
                spans.append(GoldSpan(fields[0], int(fields[2]), int(fields[3]), label))
            else:
                raise ValueError(f"{len(fields)} tab-separated fields")
        except ValueError as err:
            raise DataDirError(f"{path}:{number}: not a span line ({err})") from None
    return spans


def read_train(data_dir: Path) -> list[PtcArticle]:
    """A PTC train folder (`articles/`, `labels-tc/`), or its parent holding `train/`."""
    root = data_dir / "train" if (data_dir / "train" / "articles").is_dir() else data_dir
    labels = root / "labels-tc"
    if not labels.is_dir():
        raise DataDirError(f"no labels-tc directory in {root}")
    articles = []
    for path in article_paths(root / "articles"):
        key = article_id(path)
        label_file = labels / f"article{key}.task2-TC.labels"
        spans = read_spans(label_file) if label_file.exists() else []
        articles.append(PtcArticle(key, read_text(path), tuple(spans)))
    if not articles:
        raise DataDirError(f"no article*.txt files in {root / 'articles'}")
    return articles


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged into their union, sorted (touching spans stay apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
