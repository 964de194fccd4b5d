"""The HTML report: every layer highlighted at its exact offsets; hostile input stays inert."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from presslens.brief import (
    Artifact,
    Brief,
    Claim,
    Document,
    Entity,
    Quote,
    Span,
    Speaker,
    Technique,
    TimeExpression,
)
from presslens.cli import main
from presslens.outputs.report import (
    LAYERS,
    Mark,
    highlighted_text,
    linkable,
    render_html,
    script_json,
)

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

TEXT = (
    "Port talks end\n\nBy Ann Lee\n\n"
    'Mayor Jane Roe said that "the port will reopen" on 3 May 2024. '
    "This shameful deal betrays every sailor. Views are the author's own."
)


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def hand_built_brief() -> Brief:
    sentence = at('Mayor Jane Roe said that "the port will reopen" on 3 May 2024.')
    roe = at("Jane Roe")
    return Brief(
        document=Document(
            sha256="ab12",
            language="en",
            title="Port talks end",
            author="Ann Lee",
            title_span=Span(*at("Port talks end")),
            author_span=Span(*at("Ann Lee")),
            disclaimer=Span(*at("Views are the author's own.")),
        ),
        text=TEXT,
        entities=(Entity("e1", "Jane Roe", "PERSON", (Span(*roe),), roles=(Span(*at("Mayor")),)),),
        quotes=(
            Quote(
                *at("the port will reopen"),
                kind="direct",
                speaker=Speaker("e1", "Jane Roe", *roe),
                cue=Span(*at("said that")),
            ),
        ),
        claims=(Claim(*sentence, checkworthy=0.7, certainty="attributed"),),
        timeline=(
            TimeExpression(*at("3 May 2024"), "2024-05-03", "explicit", event=Span(*sentence)),
        ),
        techniques=(Technique(*at("shameful deal betrays"), "Loaded_Language", 0.91, "lexicon"),),
        artifacts=(Artifact(*at("port will"), "other", "overlaps the quote"),),
    )


class Page(HTMLParser):
    """Every element with its attributes, the text of the article and of each script."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.segments: list[dict[str, str | None]] = []
        self._in: str | None = None
        self._depth_in_text = 0
        self.article_text = ""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append((attributes, ""))
            else:
                self.styles.append("")
        if self._depth_in_text:
            self._depth_in_text += 1
        elif tag == "div" and attributes.get("class") == "text":
            self._depth_in_text = 1
        if tag == "span" and attributes.get("class") == "seg":
            self.segments.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None
        if self._depth_in_text:
            self._depth_in_text -= 1

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "style":
            self.styles[-1] += data
        elif self._depth_in_text:
            self.article_text += data

    def items(self) -> dict[str, dict[str, object]]:
        (block,) = [t for a, t in self.scripts if a.get("type") == "application/json"]
        items: dict[str, dict[str, object]] = json.loads(block)
        return items


def covered(page: Page, item_id: str, attribute: str = "data-items") -> list[tuple[int, int]]:
    """The offsets the segments carrying an item cover, merged into runs."""
    runs: list[tuple[int, int]] = []
    for seg in page.segments:
        if item_id in (seg.get(attribute) or "").split():
            start, end = int(seg["data-start"] or 0), int(seg["data-end"] or 0)
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
    return runs


def test_every_layer_has_a_toggle_and_a_panel_section() -> None:
    page = Page(render_html([hand_built_brief()]))
    toggles = [a["data-layer"] for tag, a in page.elements if a.get("class") == "layer-toggle"]
    assert toggles == [name for name, _title in LAYERS]
    panels = [a["data-layer"] for tag, a in page.elements if a.get("class") == "panel-layer"]
    assert panels == toggles


def test_every_item_is_highlighted_at_exactly_its_offsets() -> None:
    brief = hand_built_brief()
    page = Page(render_html([brief]))
    items = page.items()
    assert {item["layer"] for item in items.values()} == {name for name, _title in LAYERS}
    for item_id, item in items.items():
        spans = [tuple(span) for span in item["spans"]]  # type: ignore[attr-defined]
        assert covered(page, item_id) == spans, item_id
    quote_id = next(i for i, item in items.items() if item["layer"] == "quotes")
    assert items[quote_id]["spans"] == [list(at("the port will reopen"))]
    assert covered(page, quote_id, "data-parts") == [at("Jane Roe"), at("said that")]


def test_article_text_renders_whole_and_in_order() -> None:
    page = Page(render_html([hand_built_brief()]))
    assert page.article_text == TEXT


def test_overlapping_items_of_different_layers_all_render_on_the_shared_piece() -> None:
    page = Page(render_html([hand_built_brief()]))
    items = page.items()
    start, end = at("port will")
    (seg,) = [s for s in page.segments if s["data-start"] == str(start)]
    layers = {items[i]["layer"] for i in (seg["data-items"] or "").split()}
    assert layers == {"quotes", "claims", "artifacts"}
    assert seg["data-end"] == str(end)


def test_overlap_nests_one_highlight_per_layer_in_layer_order() -> None:
    marks = [Mark(0, 5, "c0", "claims"), Mark(2, 4, "a0", "artifacts"), Mark(1, 3, "q0", "quotes")]
    html = str(highlighted_text("abcdef", marks))
    assert (
        '<span class="seg" data-start="2" data-end="3" data-items="c0 q0 a0" data-parts=""'
        ' tabindex="0"><span class="hl hl-quotes"><span class="hl hl-claims">'
        '<span class="hl hl-artifacts">c</span></span></span></span>'
    ) in html
    assert html.endswith("</span>f")


def report_tags() -> set[str]:
    """The elements the report itself is made of, seen on a harmless brief."""
    return {tag for tag, _attrs in Page(render_html([hand_built_brief()])).elements}


HOSTILE = (
    "<script>alert(1)</script> said the <img src=x onerror=alert(1)> mayor. "
    '" onmouseover="alert(2)" and </script><script>alert(3)</script> <!-- & '
    "<a href=javascript:alert(4)>click</a> <iframe src=//x></iframe> <b>bold</b>"
)


def hostile_brief(original_url: str, source_url: str | None = None) -> Brief:
    whole = (0, len(HOSTILE))
    return Brief(
        document=Document(
            sha256="0",
            language='en" onload="alert(5)',
            title="<b onclick=alert(6)>Title</b>",
            author="</script><script>alert(7)</script>",
            original_url=original_url,
            source_url=source_url,
            title_span=Span(*at("<script>alert(1)</script>", HOSTILE)),
        ),
        text=HOSTILE,
        quotes=(Quote(*at("<img src=x onerror=alert(1)>", HOSTILE), "direct", None, None),),
        claims=(Claim(*whole, 0.5, "asserted", evidence="</script><img src=y onerror=alert(8)>"),),
        techniques=(Technique(*whole, "Doubt", 0.5, '"><svg onload=alert(9)>'),),
    )


@pytest.mark.parametrize(
    "original_url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x"],
)
def test_hostile_article_and_metadata_render_only_as_text(original_url: str) -> None:
    html = render_html([hostile_brief(original_url)])
    page = Page(html)
    report_js = (Path(__file__).parents[1] / "src/presslens/outputs/static/report.js").read_text()
    assert [(a.get("type"), body == report_js) for a, body in page.scripts] == [
        ("application/json", False),
        (None, True),
    ]
    assert {tag for tag, _attrs in page.elements} <= report_tags()
    assert all(a.get("href") is None for tag, a in page.elements if tag == "a")
    for _tag, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")]
    assert page.article_text == HOSTILE
    assert page.items()["b0-c0"]["rows"] == [
        ["Certainty", "asserted"],
        ["Check-worthy", "score 0.50"],
        ["Evidence", "</script><img src=y onerror=alert(8)>"],
    ]


def test_urls_become_links_only_when_http_with_noopener() -> None:
    brief = hostile_brief("javascript:alert(1)", source_url='https://ok.example/a?b=1&c="x')
    page = Page(render_html([brief]))
    links = [a for tag, a in page.elements if tag == "a"]
    assert links == []  # the quote in the source URL makes it unsafe to link
    brief = hostile_brief("javascript:alert(1)", source_url="https://ok.example/a?b=1&c=2")
    links = [a for tag, a in Page(render_html([brief])).elements if tag == "a"]
    assert links == [
        {"href": "https://ok.example/a?b=1&c=2", "rel": "noopener noreferrer", "target": "_blank"}
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        ("https://x.org/ onmouseover=1", False),
        ("//example.org/a", False),
        ("data:text/html;base64,AAAA", False),
        ('https://x.org/"><b>', False),
        ("", False),
        (None, False),
    ],
)
def test_linkable_only_accepts_plain_http_urls(url: str | None, expected: bool) -> None:
    assert (linkable(url) is not None) is expected


def test_script_json_cannot_close_its_script_element() -> None:
    value = {"text": "</script><script>alert(1)</script><!-- & \u2028"}
    encoded = script_json(value)
    assert not set(encoded) & {"<", ">", "&", "\u2028"}
    assert json.loads(encoded) == value


def test_content_security_policy_blocks_the_network_and_names_the_inline_code() -> None:
    page = Page(render_html([hand_built_brief()]))
    (policy,) = [
        a["content"]
        for tag, a in page.elements
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    (script,) = [body for a, body in page.scripts if a.get("type") is None]
    assert directives["script-src"] == f"'{sha256(script)}'"
    assert directives["style-src"] == f"'{sha256(page.styles[0])}'"


def sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


def test_several_briefs_get_one_section_each_with_distinct_item_ids() -> None:
    other = Brief(
        document=Document(sha256="cd", language="en", title="Second"),
        text="Tallinn on 2 June.",
        timeline=(TimeExpression(11, 17, "2024-06-02", "document-date"),),
    )
    page = Page(render_html([hand_built_brief(), other]))
    sections = [a["id"] for tag, a in page.elements if tag == "article"]
    assert sections == ["b0", "b1"]
    assert page.items()["b1-t0"]["spans"] == [[11, 17]]
    assert "b0-t0" in page.items()


def test_html_report_through_the_cli_writes_the_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Harbour talks end\n\nThe talks in Tallinn ended on 3 May 2024 <b>early</b>.\n"
    )
    out = tmp_path / "out.html"
    result = CliRunner().invoke(main, ["analyze", str(article), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    page = Page(out.read_text(encoding="utf-8"))
    assert page.article_text == article.read_text()
    assert [a["id"] for tag, a in page.elements if tag == "article"] == ["b0"]
    assert {tag for tag, _attrs in page.elements} <= report_tags()


CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian chromium at /usr/bin/chromium (bash scripts/browser.sh ensure)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        yield launched
        launched.close()


def open_report(browser: Any, tmp_path: Path, briefs: list[Brief]) -> tuple[Any, list[str]]:
    """The report in a page, and what the page logged, fired or requested beyond the file."""
    path = tmp_path / "report.html"
    path.write_text(render_html(briefs), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    events: list[str] = []
    page.on("console", lambda message: events.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: events.append(f"error: {error}"))

    def on_dialog(dialog: Dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "request",
        lambda request: None if request.url == path.as_uri() else events.append(request.url),
    )
    page.goto(path.as_uri())
    return page, events


@pytest.mark.browser
@needs_chromium
def test_in_chromium_the_script_runs_under_its_policy_and_clicks_show_evidence(
    browser: Any, tmp_path: Path
) -> None:
    page, events = open_report(browser, tmp_path, [hand_built_brief()])
    start, _end = at("the port will reopen")
    page.click(f'.seg[data-start="{start}"]')
    card = page.locator("#card")
    assert card.is_visible()
    assert "Jane Roe" in card.inner_text()
    assert "“said that”" in card.inner_text()
    assert page.locator(f'.seg.part-on[data-start="{at("said that")[0]}"]').count() == 1
    page.uncheck('input[data-layer="claims"]')
    assert "hide-claims" in page.evaluate("document.body.className")
    # Techniques open hidden (not every layer stacked); one click shows them.
    assert "hide-techniques" in page.evaluate("document.body.className")
    assert not page.locator('.panel-layer[data-layer="techniques"]').is_visible()
    page.check('input[data-layer="techniques"]')
    page.click('.panel-layer[data-layer="techniques"] .item')
    page.wait_for_timeout(600)
    assert "Loaded_Language" in card.inner_text()
    assert events == []
    page.close()


@pytest.mark.browser
@needs_chromium
def test_in_chromium_a_hostile_article_fires_nothing_and_loads_nothing(
    browser: Any, tmp_path: Path
) -> None:
    page, events = open_report(browser, tmp_path, [hostile_brief("javascript:alert(1)")])
    for box in page.locator(".layer-toggle").all():
        box.check()
    page.hover(".seg[tabindex]")
    page.click(".seg[tabindex]")
    for button in page.locator(".item").all():
        button.click()
    page.wait_for_timeout(500)
    assert page.locator(".text").inner_text() == HOSTILE
    assert events == []
    page.close()
