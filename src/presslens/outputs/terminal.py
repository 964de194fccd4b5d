"""The terminal brief: every layer of a `Brief` as readable sections, with the evidence.

Rendered with `rich` on the stream given. Article text is untrusted: it only
reaches rich inside `Text` objects (markup, emoji codes and highlighting are
off) after control characters are replaced, so an article can neither style
the output nor send escape sequences to the terminal. When the stream is not a
terminal no colour codes are written.

>>> import io
>>> from presslens.brief import Brief, Document
>>> out = io.StringIO()
>>> render_text(Brief(document=Document(sha256="0", language="en"), text="Hi."), out)
>>> out.getvalue().splitlines()[0]
'Document'
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Protocol, TypeVar

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from presslens.brief import (
    Amount,
    Artifact,
    Brief,
    Claim,
    Entity,
    Quote,
    Speaker,
    Technique,
    TimeExpression,
)
from presslens.models.calibration import Calibration
from presslens.outputs.looks import LOOKS

#: Spans longer than this many characters are shortened with an ellipsis: a
#: typical news sentence (~25 words, ~150 characters) still shows whole.
SHORTEN_CHARS = 160
#: Event clauses in the timeline table are cut shorter, to keep one row a line.
EVENT_CHARS = 90
#: Width used when the output is not a terminal, so files and tests do not
#: depend on the COLUMNS of whoever ran the command.
PLAIN_WIDTH = 100

_WHITESPACE = re.compile(r"\s+")
# C0/C1 controls (ESC starts terminal escape sequences) and the bidi overrides
# that make text display differently from what it is ("Trojan Source").
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: How `Document.published` was found, in the analyst's words.
PUBLISHED_HOW = {
    "metadata": "from the metadata",
    "url-id": "from the URL's id",
    "text": "found in the text",
    "user": "given by the user",
}

_DIM = "dim"
_EVIDENCE = "dim italic"
_LAYER_STYLE = {look.layer: f"bold {look.colour}" for look in LOOKS.values()}

T = TypeVar("T")


class Located(Protocol):
    """Anything with offsets into the text: a span, a quote, an amount..."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def render_text(brief: Brief, out: IO[str], *, width: int | None = None) -> None:
    """Write the brief of one article to `out`: a section per layer, with counts and evidence."""
    is_terminal = bool(getattr(out, "isatty", lambda: False)())
    # Plain output goes through a buffer so the padding rich adds to table cells
    # can be stripped from line ends.
    target: IO[str] = out if is_terminal else io.StringIO()
    console = Console(
        file=target,
        width=width or (None if is_terminal else PLAIN_WIDTH),
        markup=False,
        emoji=False,
        highlight=False,
        no_color=not is_terminal,
        force_terminal=is_terminal,
    )
    for block in _sections(brief):
        console.print(block)
    console.print()
    if isinstance(target, io.StringIO):
        out.write("".join(line.rstrip() + "\n" for line in target.getvalue().splitlines()))


def shorten(text: str, limit: int = SHORTEN_CHARS) -> str:
    """One line of safe text: whitespace collapsed, controls replaced, cut at a word with '…'.

    >>> shorten("a  long\\nline of words", limit=10)
    'a long…'
    """
    flat = _UNSAFE.sub("\N{REPLACEMENT CHARACTER}", _WHITESPACE.sub(" ", text).strip())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    word_end = cut.rfind(" ")
    if word_end > limit // 2:
        cut = cut[:word_end]
    return cut.rstrip(" ,;:") + "…"


def safe(text: str) -> str:
    """Text that prints as itself: control characters and bidi overrides replaced, not cut."""
    return _UNSAFE.sub("\N{REPLACEMENT CHARACTER}", text)


def highlighted(text: str, matches: Sequence[tuple[int, int]], style: str = "bold") -> Text:
    """A rich `Text` of `text` (made safe) with the (start, end) spans styled: no markup read.

    >>> highlighted("the [sanctions] on", [(4, 15)]).plain
    'the [sanctions] on'
    """
    out = Text(safe(text))
    for start, end in matches:
        out.stylize(style, start, end)
    return out


def speaker_name(brief: Brief, speaker: Speaker | None) -> str | None:
    """The best name for who said something: its entity, its name, or its span."""
    if speaker is None:
        return None
    entity = brief.entity(speaker.entity_id)
    if entity is not None:
        return entity.name
    if speaker.name:
        return speaker.name
    if speaker.start is not None and speaker.end is not None:
        return brief.text[speaker.start : speaker.end]
    return None


def time_value(item: TimeExpression) -> str:
    """The normalised value of a time expression, with the end of a range; "unresolved" for none."""
    if item.value is None:
        return "unresolved"
    return f"{item.value} → {item.end_value}" if item.end_value else item.value


def amount_value(amount: Amount) -> str:
    """An amount for reading: '3,500,000 shells (about)', '2-3 people (range)', 'a few (vague)'.

    A vague amount shows no number: the value it carries is only the least the words allow.
    """
    unit = f" {amount.unit}" if amount.unit else ""
    if amount.approx == "vague":
        return f"no number stated{unit and ', ' + unit.strip()} (vague)"
    value = readable_number(amount.value)
    if amount.approx == "range" and amount.upper is not None:
        value = f"{value}-{readable_number(amount.upper)}"
    return f"{value}{unit} ({amount.approx})"


def readable_number(value: float) -> str:
    """A normalised amount for reading: 3500000.0 -> '3,500,000', 2.5 -> '2.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _sections(brief: Brief) -> Iterator[RenderableType]:
    yield _document(brief)
    yield _section(brief, "entities", brief.entities, lambda e: _entity(brief, e))
    yield _section(brief, "quotes", brief.quotes, lambda q: _quote(brief, q))
    yield _section(brief, "claims", brief.claims, lambda c: _claim(brief, c))
    yield _timeline(brief)
    yield _section(brief, "techniques", brief.techniques, lambda t: _technique(brief, t))
    yield _section(brief, "artifacts", brief.artifacts, lambda a: _artifact(brief, a))


def _heading(title: str, layer: str | None, count: int | None = None) -> Text:
    label = title if count is None else f"{title} ({count})"
    return Text(label, style=_LAYER_STYLE.get(layer or "", "bold"))


def _empty(brief: Brief, layer: str) -> Text:
    """ "none found" for a layer that ran; "not computed (why)" for one that did not."""
    status = brief.layers.get(layer)
    if status is not None and not status.computed:
        return Text(f"  not computed ({status.reason or 'not asked for'})", style=_DIM)
    if status is not None and status.withheld:
        return Text("  none shown", style=_DIM)
    return Text("  none found", style=_DIM)


def _section(
    brief: Brief,
    layer: str,
    items: Sequence[T],
    describe: Callable[[T], list[Text]],
) -> RenderableType:
    heading = _heading(LOOKS[layer].name, layer, len(items))
    withheld = _withheld(brief, layer)
    if not items:
        return Group(Text(), heading, _empty(brief, layer), *withheld)
    # A grid gives each item a hanging indent under its number when lines wrap.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for number, item in enumerate(items, start=1):
        grid.add_row(f"{number}.", Group(*describe(item)))
    return Group(Text(), heading, Padding(grid, (0, 0, 0, 2)), *withheld)


def _withheld(brief: Brief, layer: str) -> list[Text]:
    """A line saying how many items fell below the layer's display threshold, if any did."""
    status = brief.layers.get(layer)
    if status is None or not status.withheld or status.threshold is None:
        return []
    return [
        Text(
            f"  {status.withheld} more below the display threshold (confidence "
            f"{status.threshold:.2f}); --all-items shows them",
            style=_DIM,
        )
    ]


def _quoted(brief: Brief, span: Located, limit: int) -> str:
    return f"“{shorten(brief.surface(span), limit)}”"


def _offsets(item: Located) -> Text:
    return Text(f"[{item.start}:{item.end}]", style=_DIM)


def _evidence(evidence: str) -> list[Text]:
    return [Text(f"evidence: {shorten(evidence)}", style=_EVIDENCE)] if evidence else []


def _joined(*parts: Text | str | None) -> Text:
    return Text(" · ").join(Text(p) if isinstance(p, str) else p for p in parts if p)


def _document(brief: Brief) -> RenderableType:
    doc = brief.document
    published = doc.published
    if published and doc.published_source:
        published += f" ({PUBLISHED_HOW.get(doc.published_source, doc.published_source)})"
    disclaimer = None
    if doc.disclaimer is not None:
        disclaimer = Text.assemble(_quoted(brief, doc.disclaimer, SHORTEN_CHARS), " ")
        disclaimer.append_text(_offsets(doc.disclaimer))
    rows: list[tuple[str, str | Text | None]] = [
        ("Title", doc.title),
        ("Author", doc.author),
        ("Outlet", doc.outlet),
        ("Published", published),
        ("Source URL", doc.source_url),
        ("Original URL", doc.original_url),
        ("Language", doc.language),
        ("Disclaimer", disclaimer),
        ("Read from", doc.origin),
        ("Record id", doc.id),
        ("SHA-256", doc.sha256),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_DIM, no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if isinstance(value, str):
            value = Text(shorten(value))
        grid.add_row(label, value if value is not None else Text("unknown", style=_DIM))
    notices = [
        Padding(Text(f"Notice: {shorten(n, 400)}", style="bold"), (0, 2)) for n in doc.notices
    ]
    return Group(
        _heading("Document", None),
        *notices,
        Padding(grid, (0, 0, 0, 2)),
        Padding(Text(size_line(brief), style=_DIM), (0, 2)),
    )


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def size_line(brief: Brief) -> str:
    """How long the text is: characters and words; Chinese, unspaced, in Chinese characters.

    >>> from presslens.brief import Document
    >>> size_line(Brief(document=Document(sha256="", language="zh"), text="外交部表示。"))
    '6 characters, 5 Chinese characters'
    """
    if brief.document.language == "zh":
        return (
            f"{len(brief.text):,} characters, {len(_HAN.findall(brief.text)):,} Chinese characters"
        )
    return f"{len(brief.text):,} characters, {len(brief.text.split()):,} words"


def _entity(brief: Brief, entity: Entity) -> list[Text]:
    count = len(entity.mentions)
    first = _joined(
        Text(shorten(entity.name, 80), style="bold"),
        entity.type,
        f"{count} mention{'s' if count != 1 else ''}",
    )
    lines = [first]
    variants = sorted({shorten(brief.surface(m), 60) for m in entity.mentions} - {entity.name})
    if variants:
        lines.append(Text("also as: " + ", ".join(f"“{v}”" for v in variants)))
    if entity.roles:
        roles = dict.fromkeys(shorten(brief.surface(r), 80) for r in entity.roles)
        lines.append(Text("roles: " + "; ".join(roles)))
    return lines + _evidence(entity.evidence)


def _quote(brief: Brief, quote: Quote) -> list[Text]:
    speaker = speaker_name(brief, quote.speaker)
    first = Text.assemble(
        (shorten(speaker, 60) if speaker else "unknown speaker", "bold"),
        " → ",
        _quoted(brief, quote, SHORTEN_CHARS),
    )
    cue = f"cue {_quoted(brief, quote.cue, 80)}" if quote.cue else "no cue"
    learned = (
        f"learned: {Calibration.in_words(quote.confidence)} ({quote.confidence:.2f})"
        if quote.confidence is not None
        else None
    )
    return [first, _joined(quote.kind, cue, learned, _offsets(quote)), *_evidence(quote.evidence)]


def _claim(brief: Brief, claim: Claim) -> list[Text]:
    source = None
    if claim.source is not None:
        name = speaker_name(brief, Speaker(claim.source.entity_id, claim.source.name))
        source = f"source: {shorten(name or brief.surface(claim.source), 60)}"
    lines = [
        Text(_quoted(brief, claim, SHORTEN_CHARS)),
        _joined(
            Text(claim.certainty, style="bold"),
            checkworthy_words(claim),
            source,
            _offsets(claim),
        ),
    ]
    if claim.hedges:
        lines.append(Text("hedges: " + ", ".join(_quoted(brief, h, 40) for h in claim.hedges)))
    if claim.amounts:
        amounts = []
        for amount in claim.amounts:
            amounts.append(f"{_quoted(brief, amount, 40)} = {amount_value(amount)}")
        lines.append(Text("amounts: " + ", ".join(amounts)))
    return lines + _evidence(claim.evidence)


def _timeline(brief: Brief) -> RenderableType:
    # Unresolved items last, never dropped.
    items = sorted(brief.timeline, key=lambda t: (t.value is None, t.value or "", t.start))
    heading = _heading(LOOKS["timeline"].name, "timeline", len(items))
    if not items:
        return Group(Text(), heading, _empty(brief, "timeline"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(max_width=34)
    grid.add_column(style=_DIM, no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        event = shorten(brief.surface(item.event), EVENT_CHARS) if item.event else ""
        grid.add_row(time_value(item), _quoted(brief, item, 32), item.anchor, event)
    return Group(Text(), heading, Padding(grid, (0, 0, 0, 2)))


def checkworthy_words(claim: Claim) -> str:
    """ "check-worthy: likely (0.87)" from the calibrated confidence, else the raw score."""
    if claim.confidence is None:
        return f"check-worthy: score {claim.checkworthy:.2f}"
    return f"check-worthy: {Calibration.in_words(claim.confidence)} ({claim.confidence:.2f})"


def _technique(brief: Brief, technique: Technique) -> list[Text]:
    confidence = technique.confidence
    first = _joined(
        Text(technique.technique, style="bold"),
        f"{Calibration.in_words(confidence)} ({confidence:.2f})"
        if confidence is not None
        else f"score {technique.score:.2f}",
        _offsets(technique),
    )
    return [first, Text(_quoted(brief, technique, SHORTEN_CHARS)), *_evidence(technique.evidence)]


def _artifact(brief: Brief, artifact: Artifact) -> list[Text]:
    first = _joined(
        Text(artifact.kind, style="bold"), _quoted(brief, artifact, 80), _offsets(artifact)
    )
    lines = [first]
    if artifact.note:
        lines.append(Text(f"note: {shorten(artifact.note)}"))
    return lines
