"""The HTML report: one self-contained file showing every layer of one or more briefs.

The article text is shown with each layer's items highlighted in their own
colour; checkboxes show and hide a layer; hovering, focusing or clicking a
highlight shows the items there with their evidence; a side panel lists the
items of each layer and scrolls to them.

Overlapping items from different layers all render: the text is split at
every item boundary and each piece is wrapped once per layer covering it.

Everything from the brief is untrusted. The template autoescapes; the text
pieces are escaped one by one; the item data the script reads is JSON with
`<`, `>` and `&` escaped, inside a `type="application/json"` block; the script
only ever writes it with `textContent`. Links are rendered only for http(s)
URLs. A Content-Security-Policy allows no network access at all and runs only
the report's own inline style and script, named by their hashes.

>>> from presslens.brief import Brief, Document
>>> page = render_html([Brief(document=Document(sha256="0", language="en"), text="Hi.")])
>>> page.startswith("<!doctype html>")
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from presslens.brief import Brief, Span, Speaker
from presslens.models.calibration import Calibration
from presslens.outputs.looks import DEFAULT_SHOWN, LOOKS, layer_css
from presslens.outputs.terminal import (
    PUBLISHED_HOW,
    amount_value,
    checkworthy_words,
    shorten,
    size_line,
    speaker_name,
    time_value,
)

#: (layer, heading), in the order highlights nest and the panel lists them.
LAYERS: tuple[tuple[str, str], ...] = tuple((look.layer, look.name) for look in LOOKS.values())
_PREFIX = {
    "document": "d",
    "entities": "e",
    "quotes": "q",
    "claims": "c",
    "timeline": "t",
    "techniques": "p",
    "artifacts": "a",
}
#: Characters of an item's text shown in the panel and in the hover card.
LABEL_CHARS = 90
CARD_CHARS = 300

# Only absolute http(s) URLs without whitespace, quotes or angle brackets become links.
_LINKABLE = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}
_JSON_UNSAFE = re.compile("[<>&\u2028]")


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of text an item covers, as its main span or as a part (cue, hedge...)."""

    start: int
    end: int
    item_id: str
    layer: str
    part: bool = False


@dataclass
class _Item:
    """What the panel and the hover card show about one item."""

    id: str
    layer: str
    label: str
    start: int
    end: int
    text: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    parts: list[tuple[int, int, str]] = field(default_factory=list)

    def for_script(self) -> dict[str, Any]:
        """What the page's script reads about the item (its id is the key it is filed under)."""
        return {name: value for name, value in asdict(self).items() if name != "id"}


def render_html(briefs: Sequence[Brief]) -> str:
    """One self-contained HTML page with a section per brief; makes no network requests."""
    articles = []
    script_items: dict[str, Any] = {}
    for number, brief in enumerate(briefs):
        items = list(_items(brief, f"b{number}-"))
        script_items.update((item.id, item.for_script()) for item in items)
        articles.append(_article_view(brief, number, items))
    totals = {layer: sum(a["counts"][layer] for a in articles) for layer, _title in LAYERS}
    css, js = layer_css() + _asset("report.css"), _asset("report.js")
    titles = [b.document.title for b in briefs if b.document.title]
    page_title = shorten(titles[0], 80) if titles else "article"
    if len(briefs) > 1:
        page_title += f" and {len(briefs) - 1} more"
    return _template().render(
        page_title=page_title,
        csp=_content_security_policy(css, js),
        css=Markup(css),
        js=Markup(js),
        layers=[
            {
                "name": n,
                "title": t,
                "total": totals[n],
                "shown": n in DEFAULT_SHOWN or n == "document",
            }
            for n, t in LAYERS
        ],
        articles=articles,
        items_json=Markup(script_json(script_items)),
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside a `<script>` element: no `<`, `>` or `&` characters left.

    >>> script_json({"a": "</script>"})
    '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def linkable(url: str | None) -> str | None:
    """The URL when it is safe to put in an href (absolute http or https), else None."""
    if url and _LINKABLE.fullmatch(url):
        return url
    return None


def highlighted_text(text: str, marks: Sequence[Mark]) -> Markup:
    """The text, escaped, split at every mark boundary; each covered piece wrapped per layer.

    A covered piece is `<span class="seg" data-start data-end data-items data-parts>`
    around one `<span class="hl hl-LAYER">` per layer whose items cover it.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    opening: dict[int, list[Mark]] = defaultdict(list)
    closing: dict[int, list[Mark]] = defaultdict(list)
    for mark in valid:
        opening[mark.start].append(mark)
        closing[mark.end].append(mark)
    bounds = sorted({0, len(text), *opening, *closing})
    layer_order = {name: i for i, (name, _title) in enumerate(LAYERS)}
    active: dict[Mark, None] = {}
    pieces: list[str] = []
    for start, end in pairwise(bounds):
        for mark in closing.get(start, ()):
            active.pop(mark, None)
        for mark in opening.get(start, ()):
            active[mark] = None
        piece = str(escape(text[start:end]))
        if not active:
            pieces.append(piece)
            continue
        main = [m for m in active if not m.part]
        items = dict.fromkeys(m.item_id for m in main)
        parts = dict.fromkeys(m.item_id for m in active if m.part)
        layers = sorted({m.layer for m in main}, key=layer_order.__getitem__)
        inner = piece
        for layer in reversed(layers):
            inner = f'<span class="hl hl-{layer}">{inner}</span>'
        focus = ' tabindex="0"' if items else ""
        pieces.append(
            f'<span class="seg" data-start="{start}" data-end="{end}"'
            f' data-items="{" ".join(items)}" data-parts="{" ".join(parts)}"{focus}>'
            f"{inner}</span>"
        )
    return Markup("".join(pieces))


def marks_of(items: Sequence[_Item]) -> list[Mark]:
    """Every main span and part of the items, as marks."""
    marks: list[Mark] = []
    for item in items:
        marks.extend(Mark(s, e, item.id, item.layer) for s, e in item.spans)
        marks.extend(Mark(s, e, item.id, item.layer, part=True) for s, e, _role in item.parts)
    return marks


def _article_view(brief: Brief, number: int, items: list[_Item]) -> dict[str, Any]:
    doc = brief.document
    by_layer: dict[str, list[_Item]] = {layer: [] for layer, _title in LAYERS}
    for item in items:
        by_layer[item.layer].append(item)
    by_layer["timeline"].sort(key=lambda i: (i.rows[0][1], i.start))
    published = None
    if doc.published:
        how = PUBLISHED_HOW.get(doc.published_source or "", doc.published_source or "")
        published = f"{doc.published} ({how})" if how else doc.published
    counts = {layer: len(found) for layer, found in by_layer.items()}
    counts["document"] = sum(1 for s in (doc.title_span, doc.author_span, doc.disclaimer) if s)
    return {
        "id": f"b{number}",
        "title": doc.title or "Untitled article",
        "language": doc.language or "und",
        "fields": [
            ("Author", doc.author),
            ("Outlet", doc.outlet),
            ("Published", published),
            ("Language", doc.language),
            ("Read from", doc.origin),
            ("Record id", doc.id),
        ],
        "notices": list(doc.notices),
        "links": [
            ("Source URL", doc.source_url, linkable(doc.source_url)),
            ("Original URL", doc.original_url, linkable(doc.original_url)),
        ],
        "disclaimer": shorten(brief.surface(doc.disclaimer), 400) if doc.disclaimer else None,
        "sha256": doc.sha256,
        "size": size_line(brief),
        "counts": counts,
        "panel": [
            {
                "name": layer,
                "title": title,
                "items": by_layer[layer],
                "not_computed": _not_computed(brief, layer),
                "withheld": _withheld(brief, layer),
            }
            for layer, title in LAYERS
        ],
        "body": highlighted_text(brief.text, marks_of(items)),
    }


def _withheld(brief: Brief, layer: str) -> str | None:
    """How many items fell below the layer's display threshold, in a sentence, if any did."""
    status = brief.layers.get(layer)
    if status is None or not status.withheld or status.threshold is None:
        return None
    return (
        f"{status.withheld} more below the display threshold (confidence "
        f"{status.threshold:.2f}); presslens analyze --all-items shows them"
    )


def _not_computed(brief: Brief, layer: str) -> str | None:
    """Why a layer has no items because it did not run ("not asked for"), else None."""
    status = brief.layers.get(layer)
    if status is None or status.computed:
        return None
    return status.reason or "not computed"


def _items(brief: Brief, prefix: str) -> Iterator[_Item]:
    """Every item of every layer, with what the panel and the card show about it."""
    text = brief.text

    def snippet(span: Span | Any, limit: int = CARD_CHARS) -> str:
        return shorten(text[span.start : span.end], limit)

    def quoted(span: Span | Any, limit: int = 60) -> str:
        return f"“{snippet(span, limit)}”"

    def new(layer: str, number: int, span: Any, label: str) -> _Item:
        return _Item(
            id=f"{prefix}{_PREFIX[layer]}{number}",
            layer=layer,
            label=label,
            start=span.start,
            end=span.end,
            text=snippet(span),
            spans=[(span.start, span.end)],
        )

    doc = brief.document
    fields = [
        ("Title", doc.title_span),
        ("Author", doc.author_span),
        ("Disclaimer", doc.disclaimer),
    ]
    for number, (name, span) in enumerate(fields):
        if span is not None:
            item = new("document", number, span, f"{name} · “{snippet(span, LABEL_CHARS)}”")
            item.rows = [("Field", name)]
            yield item

    for number, entity in enumerate(brief.entities):
        if not entity.mentions:
            continue
        first = min(entity.mentions, key=lambda m: m.start)
        count = len(entity.mentions)
        item = new(
            "entities", number, first, f"{shorten(entity.name, 60)} · {entity.type} · ×{count}"
        )
        item.spans = [(m.start, m.end) for m in entity.mentions]
        item.parts = [(r.start, r.end, "role") for r in entity.roles]
        variants = sorted({snippet(m, 60) for m in entity.mentions} - {entity.name})
        item.rows = [("Name", shorten(entity.name, 80)), ("Type", entity.type)]
        item.rows.append(("Mentions", str(count)))
        if variants:
            item.rows.append(("Also as", ", ".join(f"“{v}”" for v in variants)))
        if entity.roles:
            roles = dict.fromkeys(snippet(r, 80) for r in entity.roles)
            item.rows.append(("Roles", "; ".join(roles)))
        if entity.evidence:
            item.rows.append(("Evidence", shorten(entity.evidence)))
        yield item

    for number, quote in enumerate(brief.quotes):
        speaker = speaker_name(brief, quote.speaker)
        who = shorten(speaker, 40) if speaker else "unknown speaker"
        item = new("quotes", number, quote, f"{who}: {quoted(quote)}")
        item.rows = [
            ("Speaker", shorten(speaker, 80) if speaker else "unknown"),
            ("Kind", quote.kind),
        ]
        if quote.confidence is not None:
            words = Calibration.in_words(quote.confidence)
            item.rows.append(("Confidence", f"learned: {words} ({quote.confidence:.2f})"))
        sp = quote.speaker
        if sp is not None and sp.start is not None and sp.end is not None:
            item.parts.append((sp.start, sp.end, "speaker"))
        if quote.cue is not None:
            item.rows.append(("Cue", quoted(quote.cue)))
            item.parts.append((quote.cue.start, quote.cue.end, "cue"))
        if quote.evidence:
            item.rows.append(("Evidence", shorten(quote.evidence)))
        yield item

    for number, claim in enumerate(brief.claims):
        item = new("claims", number, claim, f"{quoted(claim, LABEL_CHARS)} · {claim.certainty}")
        item.rows = [
            ("Certainty", claim.certainty),
            ("Check-worthy", checkworthy_words(claim).removeprefix("check-worthy: ")),
        ]
        if claim.source is not None:
            source = speaker_name(brief, Speaker(claim.source.entity_id, claim.source.name))
            item.rows.append(("Source", shorten(source or snippet(claim.source), 80)))
            item.parts.append((claim.source.start, claim.source.end, "source"))
        if claim.hedges:
            item.rows.append(("Hedges", ", ".join(quoted(h, 40) for h in claim.hedges)))
            item.parts.extend((h.start, h.end, "hedge") for h in claim.hedges)
        for amount in claim.amounts:
            value = f"{quoted(amount, 40)} = {amount_value(amount)}"
            item.rows.append(("Amount", value))
            item.parts.append((amount.start, amount.end, "amount"))
        if claim.evidence:
            item.rows.append(("Evidence", shorten(claim.evidence)))
        yield item

    for number, time in enumerate(brief.timeline):
        item = new("timeline", number, time, f"{time_value(time)} · {quoted(time, 40)}")
        item.rows = [("Value", time_value(time)), ("Type", time.type), ("Anchor", time.anchor)]
        if time.mod:
            item.rows.append(("Modifier", time.mod))
        if time.event is not None:
            item.rows.append(("Event", snippet(time.event, 200)))
            item.parts.append((time.event.start, time.event.end, "event"))
        if time.evidence:
            item.rows.append(("Evidence", shorten(time.evidence)))
        yield item

    for number, technique in enumerate(brief.techniques):
        label = f"{technique.technique} · {quoted(technique, 50)}"
        item = new("techniques", number, technique, label)
        item.rows = [
            ("Technique", technique.technique),
            (
                (
                    "Confidence",
                    f"{Calibration.in_words(technique.confidence)} ({technique.confidence:.2f})",
                )
                if technique.confidence is not None
                else ("Score", f"{technique.score:.2f}")
            ),
            ("Evidence", shorten(technique.evidence) or "none given"),
        ]
        yield item

    for number, artifact in enumerate(brief.artifacts):
        item = new("artifacts", number, artifact, f"{artifact.kind} · {quoted(artifact, 50)}")
        item.rows = [("Kind", artifact.kind), ("Note", shorten(artifact.note) or "none given")]
        yield item


def _content_security_policy(css: str, js: str) -> str:
    # No network loads at all; only the report's own style and script run.
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("presslens.outputs").joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> Template:
    env = Environment(
        loader=PackageLoader("presslens.outputs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")
