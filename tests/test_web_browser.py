"""The analyse page end to end in Debian's chromium, driven by Playwright.

A uvicorn server runs the app in a background thread on a free loopback port.
Screenshots go to `test-artifacts/` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from presslens.brief import (
    Artifact,
    Brief,
    Claim,
    Document,
    Entity,
    LayerStatus,
    Quote,
    Source,
    Span,
    Speaker,
    Technique,
    TimeExpression,
)
from presslens.settings import Settings
from presslens.web import WebSettings, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Long enough for the first analysis, which loads the spaCy pipeline.
ANALYSIS_TIMEOUT_MS = 60_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian chromium at /usr/bin/chromium (bash scripts/browser.sh ensure)",
    ),
]

TOKEN = "browser-test-token"
# Every layer, the shipped propaganda model included, items below its display threshold too.
ANALYSIS = Settings(show_withheld=True)
ARTICLE = (
    "Bridge to reopen in June\n\n"
    'The mayor, Anna Berg, said on Monday that "the bridge will reopen in June." '
    "Critics believe that the plan failed.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    import uvicorn

    port = free_port()
    app = create_app(WebSettings(db=":memory:", token=TOKEN, analysis=ANALYSIS))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/")
    yield page
    context.close()


def screenshot(page: Any, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def analyse_text(page: Any, text: str) -> None:
    page.fill("#article-text", text)
    page.click("#analyse-button")
    page.wait_for_selector("#brief:not([hidden])", timeout=ANALYSIS_TIMEOUT_MS)


def full_brief() -> Brief:
    """A brief with every layer filled, built by hand over a text written here."""
    text = (
        "Minister flies to Oslo\n\n"
        "Defence Minister Pavel Orlov flew to Oslo on March 10th. "
        'Orlov said: "We will never accept this." '
        "Analysts believe that the talks concerned the cable cut on March 3rd. "
        "According to a report, losses reached about 3.5 million euros a day. "
        "This shameful betrayal by the West must stop, 特别 clearly.\n"
    )

    def at(needle: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        return Span(start, start + len(needle))

    orlov, orlov_said = at("Pavel Orlov"), at("Orlov", 1)
    quote = at("We will never accept this.")
    said = at("said:")
    talks = at("the talks concerned the cable cut on March 3rd")
    believe = at("believe that")
    analysts = at("Analysts")
    losses = at("losses reached about 3.5 million euros a day")
    report = at("a report")
    return Brief(
        document=Document(
            sha256="0" * 64,
            language="en",
            title="Minister flies to Oslo",
            author="A. Writer",
            outlet="Example Times",
            published="2025-03-12",
            published_source="metadata",
            source_url="https://example.org/news/1",
            original_url="javascript:alert('original')",
        ),
        text=text,
        entities=(
            Entity("e1", "Pavel Orlov", "PERSON", (orlov, orlov_said), (at("Defence Minister"),)),
            Entity("e2", "Oslo", "GPE", (at("Oslo"), at("Oslo", 1))),
        ),
        quotes=(
            Quote(
                quote.start,
                quote.end,
                "direct",
                Speaker("e1", "Pavel Orlov", orlov_said.start, orlov_said.end),
                said,
            ),
            Quote(
                talks.start,
                talks.end,
                "indirect",
                Speaker(None, "Analysts", analysts.start, analysts.end),
                believe,
            ),
        ),
        claims=(
            Claim(
                losses.start,
                losses.end,
                0.82,
                "attributed",
                source=Source(None, "a report", report.start, report.end),
            ),
            Claim(talks.start, talks.end, 0.55, "hedged", hedges=(believe,)),
        ),
        timeline=(
            TimeExpression(
                at("March 10th").start, at("March 10th").end, "2025-03-10", "document-date"
            ),
            TimeExpression(
                at("March 3rd").start, at("March 3rd").end, "2025-03-03", "document-date"
            ),
        ),
        techniques=(
            Technique(
                at("shameful betrayal").start,
                at("shameful betrayal").end,
                "Loaded_Language",
                0.91,
                "lexicon: shameful",
            ),
            Technique(
                at("never").start,
                at("never").end,
                "Exaggeration,Minimisation",
                0.6,
                "rule: absolute",
            ),
        ),
        artifacts=(
            Artifact(
                at("特别").start,
                at("特别").end,
                "foreign-script",
                "Chinese characters in English text",
            ),
        ),
    )


def show_brief(page: Any, brief: Brief) -> None:
    """Answer the page's analyse request with this brief instead of the pipeline's."""
    body = json.dumps(brief.to_dict())
    page.route(
        "**/api/analyze?format=json*",
        lambda route: route.fulfill(status=200, content_type="application/json", body=body),
    )
    analyse_text(page, brief.text)


def test_pasted_article_is_highlighted_and_a_layer_toggles_off_and_on(page: Any) -> None:
    analyse_text(page, ARTICLE)
    assert page.locator("#article").text_content() == ARTICLE
    quotes = page.locator("#article .hl-quotes.role-content")
    assert quotes.count() > 0
    screenshot(page, "analyse-pasted")

    tint = quotes.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert tint != "rgba(0, 0, 0, 0)"
    page.uncheck('#layer-toggles input[data-layer="quotes"]')
    off = quotes.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert off == "rgba(0, 0, 0, 0)"
    screenshot(page, "analyse-quotes-off")
    page.check('#layer-toggles input[data-layer="quotes"]')
    assert quotes.first.evaluate("e => getComputedStyle(e).backgroundColor") == tint


def test_clicking_a_quote_in_the_panel_shows_its_evidence_and_marks_the_text(page: Any) -> None:
    analyse_text(page, ARTICLE)
    first_quote = page.locator('[data-section="quotes"] .item').first
    first_quote.click()
    evidence = page.locator("#evidence")
    evidence.wait_for(state="visible")
    quoted = page.locator("#evidence .evidence-text").text_content()
    assert quoted and quoted in ARTICLE
    assert page.locator("#evidence dt", has_text="Speaker").count() == 1
    focused = page.locator("#article .seg.focus")
    assert focused.count() > 0
    assert quoted in "".join(focused.all_text_contents())
    screenshot(page, "analyse-quote-evidence")


def test_every_layer_of_a_full_brief_is_drawn_and_linked(page: Any) -> None:
    brief = full_brief()
    show_brief(page, brief)
    for layer, count in [
        ("quotes", 2),
        ("claims", 2),
        ("timeline", 2),
        ("techniques", 2),
        ("artifacts", 1),
        ("entities", 2),
    ]:
        assert page.locator(f'#layer-toggles [data-count="{layer}"]').text_content() == str(count)
        assert page.locator(f'[data-section="{layer}"] .item').count() == count
        assert page.locator(f"#article .hl-{layer}").count() > 0
    assert page.locator(".speakers .speaker").count() == 2
    assert page.locator("#timeline-strip g.event").count() == 2
    # A link that is not http(s) is shown as text, never as a link.
    assert page.locator('#doc-meta a[href^="javascript"]').count() == 0
    assert page.locator("#doc-meta a").get_attribute("href") == "https://example.org/news/1"

    page.locator("#timeline-strip g.event").first.click()
    assert page.locator("#evidence .evidence-title").text_content() == "Date"
    assert page.locator("#evidence .evidence-text").text_content() == "March 3rd"
    screenshot(page, "full-brief-date-evidence")

    # Techniques start hidden (the default view does not stack every layer); one click shows them.
    techniques = page.locator('#layer-toggles input[data-layer="techniques"]')
    assert not techniques.is_checked()
    techniques.check()
    page.locator('[data-section="techniques"] .item').first.click()
    assert "Loaded Language" in (page.locator("#evidence .evidence-title").text_content() or "")
    page.locator(".speakers .speaker-name", has_text="Pavel Orlov").click()
    assert page.locator("#evidence .evidence-text").text_content() == "We will never accept this."
    screenshot(page, "full-brief-speaker", full_page=False)


def test_items_below_the_display_threshold_are_asked_for_and_shown_dimmed(page: Any) -> None:
    brief = full_brief()
    sure, unsure = (
        replace(t, confidence=c) for t, c in zip(brief.techniques, (0.9, 0.3), strict=True)
    )
    status = LayerStatus(computed=True, profile="accurate", threshold=0.6, withheld=1)
    brief = replace(brief, techniques=(sure, unsure), layers={**brief.layers, "techniques": status})
    asked: list[str] = []
    body = json.dumps(brief.to_dict())

    def answer(route: Any) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="application/json", body=body)

    page.route("**/api/analyze?format=json*", answer)
    page.check("#all-items")
    analyse_text(page, brief.text)
    assert asked and asked[0].endswith("all_items=true")
    page.check('#layer-toggles input[data-layer="techniques"]')
    items = page.locator('[data-section="techniques"] .item')
    dimmed = page.locator('[data-section="techniques"] .item.below-threshold')
    assert items.count() == 2 and dimmed.count() == 1
    assert "below the display threshold" in (dimmed.text_content() or "")
    note = page.locator('[data-section="techniques"] li.withheld').text_content() or ""
    assert note.startswith("1 of these below the display threshold")
    assert float(dimmed.evaluate("e => getComputedStyle(e).opacity")) < 1
    dimmed.scroll_into_view_if_needed()
    screenshot(page, "analyse-below-threshold", full_page=False)


def test_clicking_highlighted_text_selects_the_narrowest_item(page: Any) -> None:
    show_brief(page, full_brief())
    page.check('#layer-toggles input[data-layer="techniques"]')
    page.locator("#article .hl-techniques", has_text="shameful betrayal").first.click()
    assert page.locator("#evidence .evidence-title").text_content() == "Technique: Loaded Language"


def test_broken_upload_shows_a_clear_message(page: Any) -> None:
    page.set_input_files(
        "#article-file",
        files=[
            {
                "name": "broken.bin",
                "mimeType": "application/octet-stream",
                "buffer": bytes(range(256)) * 8,
            }
        ],
    )
    error = page.locator("#form-error")
    error.wait_for(state="visible", timeout=ANALYSIS_TIMEOUT_MS)
    assert (
        error.text_content()
        == "Could not analyse this: broken.bin: looks like a binary file, not text"
    )
    assert page.locator("#brief").is_hidden()
    screenshot(page, "upload-broken")


def test_empty_submit_asks_for_an_article(page: Any) -> None:
    page.click("#analyse-button")
    assert page.locator("#form-error").text_content() == (
        "Paste an article into the box, or upload a file, first."
    )


def test_hostile_article_renders_as_text_and_fires_nothing(page: Any) -> None:
    hostile = (
        'The mayor said "<script>alert(1)</script>" and '
        '<img src=x onerror="alert(2)"> was posted on Monday.\n'
    )
    analyse_text(page, hostile)
    page.wait_for_timeout(300)
    assert page.locator("#article").text_content() == hostile
    assert page.locator("#article img, #article script, #brief img").count() == 0
    assert page.dialogs == []
    screenshot(page, "hostile-text")


def test_hostile_metadata_and_names_render_as_text(page: Any) -> None:
    brief = full_brief()
    doc = brief.document
    hostile_doc = type(doc)(
        **{
            **{f: getattr(doc, f) for f in doc.__dataclass_fields__},
            "title": "<img src=x onerror=alert('title')>",
            "author": "<script>alert('author')</script>",
        }
    )
    entity = brief.entities[0]
    hostile_entity = type(entity)(
        entity.id,
        "<b onmouseover=alert('name')>Orlov</b>",
        entity.type,
        entity.mentions,
        entity.roles,
    )
    show_brief(
        page,
        type(brief)(
            **{
                **{f: getattr(brief, f) for f in brief.__dataclass_fields__},
                "document": hostile_doc,
                "entities": (hostile_entity, brief.entities[1]),
            }
        ),
    )
    assert (
        page.locator("#doc-meta .doc-title").text_content() == "<img src=x onerror=alert('title')>"
    )
    page.click('[data-section="entities"] summary')
    page.locator('[data-section="entities"] .item').first.click()
    page.hover("#evidence")
    assert page.locator("#brief img, #brief b, #brief script").count() == 0
    assert page.dialogs == []


def test_brief_downloads_as_json_and_as_html_report(page: Any, tmp_path: Path) -> None:
    analyse_text(page, ARTICLE)
    with page.expect_download() as json_download:
        page.click("#download-json")
    assert json_download.value.suggested_filename == "brief.json"
    saved = tmp_path / "brief.json"
    json_download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["text"] == ARTICLE

    with page.expect_download(timeout=ANALYSIS_TIMEOUT_MS) as html_download:
        page.click("#download-html")
    assert html_download.value.suggested_filename == "brief.html"
    report = tmp_path / "brief.html"
    html_download.value.save_as(report)
    assert "Anna Berg" in report.read_text(encoding="utf-8")


def test_stored_article_page_draws_its_brief(page: Any, base_url: str) -> None:
    records = [
        {"text": ARTICLE, "title": "Bridge to reopen", "outlet": "Daily A"},
        {
            "text": "Officials said on 3 March 2025 that the road is closed. The cold-blooded "
            "butchers slaughtered innocent children in a barbaric, horrific massacre.",
            "outlet": "Daily B",
        },
    ]
    response = page.request.post(
        base_url + "/api/ingest", data=records, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.ok
    article_id = response.json()["added"][0]
    page.goto(f"{base_url}/articles/{article_id}")
    page.wait_for_selector("#brief:not([hidden])")
    assert page.locator("#doc-meta .doc-title").text_content() == "Bridge to reopen"
    assert page.locator("#article").text_content() == ARTICLE
    screenshot(page, "corpus-article")
    page.goto(f"{base_url}/articles?q=bridge")
    assert page.locator("#article-list a").first.text_content() == "Bridge to reopen"
    marked = page.locator("#article-list .snippet mark").all_text_contents()
    assert marked and {word.lower() for word in marked} == {"bridge"}
    screenshot(page, "corpus-search")
    page.goto(f"{base_url}/articles")
    page.locator("#article-filters [name=q]").fill("")
    page.select_option("#article-filters [name=outlet]", "Daily B")
    page.locator("#article-filters button[type=submit]").click()
    page.wait_for_url("**/articles?*outlet=Daily+B*")
    road_id = response.json()["added"][1]
    assert page.locator("#article-list a").all_text_contents() == [f"Untitled article #{road_id}"]
    screenshot(page, "corpus-articles-filtered")
    page.goto(f"{base_url}/charts?subject=road")
    assert "Loaded Language" in (page.locator("main").text_content() or "")
    screenshot(page, "corpus-charts")
    page.goto(f"{base_url}/speakers")
    screenshot(page, "corpus-speakers")
    assert page.dialogs == []


def clustered_brief() -> Brief:
    """Seven dates in one week of June 2025, one month and one whole year long before."""
    days = [f"{n} June" for n in range(1, 8)]
    sentences = [f"Talks resumed on {day}." for day in days]
    sentences += ["Work began in March 2023.", "The plan dates from 2019."]
    text = "Talks\n\n" + " ".join(sentences) + "\n"
    items = []
    for n, day in enumerate(days, start=1):
        start = text.index(day)
        items.append(
            TimeExpression(
                start, start + len(day), f"2025-06-0{n}", "document-date", evidence="rule"
            )
        )
    for phrase, value in (("March 2023", "2023-03"), ("2019", "2019")):
        start = text.index(phrase)
        items.append(TimeExpression(start, start + len(phrase), value, "explicit", evidence="rule"))
    return Brief(
        document=Document(sha256="0" * 64, language="en", title="Talks", published="2025-06-08"),
        text=text,
        timeline=tuple(items),
    )


def label_boxes(page: Any) -> list[dict[str, float]]:
    return [
        box
        for box in (t.bounding_box() for t in page.locator("#timeline-strip text.label").all())
        if box
    ]


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    def meet(a: dict[str, float], b: dict[str, float]) -> bool:
        return (
            a["x"] < b["x"] + b["width"]
            and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"]
            and b["y"] < a["y"] + a["height"]
        )

    return [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if meet(boxes[i], boxes[j])
    ]


def test_timeline_with_clustered_dates_never_overprints_and_zooms(page: Any) -> None:
    show_brief(page, clustered_brief())
    strip = page.locator("#timeline-strip")
    strip.wait_for(state="visible")
    assert page.locator("#timeline-strip g.event").count() == 9
    # The year and the month are drawn as the stretch they cover, not as a day.
    assert page.locator("#timeline-strip g.event rect").count() >= 2
    assert overlapping(label_boxes(page)) == []
    screenshot(page, "timeline-clustered-all", full_page=False)
    page.get_by_role("button", name="Busiest period").click()
    assert page.locator("#timeline-strip g.event").count() == 7
    boxes = label_boxes(page)
    assert len(boxes) >= 4
    assert overlapping(boxes) == []
    assert "2 earlier" in (strip.text_content() or "")
    screenshot(page, "timeline-clustered-zoomed", full_page=False)
    page.get_by_role("button", name="All dates").click()
    assert page.locator("#timeline-strip g.event").count() == 9


def test_api_docs_render_from_the_package_with_no_outside_request(page: Any, base_url: str) -> None:
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 4
    assert "/api/analyze" in (page.locator("#swagger-ui").text_content() or "")
    screenshot(page, "api-docs")
    assert outside == []
    assert errors == []
