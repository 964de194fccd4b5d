"""The HTTP API and pages through FastAPI's TestClient: statuses, messages, headers, the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens.errors import (
    BadSetting,
    InputTooLarge,
    ModelMissing,
    NotFound,
    PresslensError,
    StoreError,
    UnusableInput,
)
from presslens.settings import Settings
from presslens.web import WebSettings, create_app
from presslens.web.app import status_of

# The web tests check the web layer; the techniques layer needs a trained
# model that its own (slow) tests cover.
ANALYSIS = Settings(layers=frozenset({"entities", "quotes", "claims", "timeline", "artifacts"}))
TOKEN = "test-token-123"
ARTICLE = (
    'The mayor, Anna Berg, said on Monday that "the bridge will reopen in June."\n'
    "Critics believe that the plan failed.\n"
)


def client_for(tmp_path: Path | None = None, **overrides: object) -> TestClient:
    settings = WebSettings(analysis=ANALYSIS, **overrides)  # type: ignore[arg-type]
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with client_for() as c:
        yield c


@pytest.fixture
def corpus() -> Iterator[TestClient]:
    with client_for(db=":memory:", token=TOKEN) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_analyze_text_returns_the_brief_with_offsets_into_its_text(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": ARTICLE})
    assert response.status_code == 200
    brief = response.json()
    assert brief["schema"] == "presslens.brief/2"
    assert brief["text"] == ARTICLE
    for layer in ("entities", "quotes", "claims", "timeline", "techniques", "artifacts"):
        assert isinstance(brief[layer], list)
    for quote in brief["quotes"]:
        assert ARTICLE[quote["start"] : quote["end"]] == quote["text"]


def test_analyze_keeps_the_metadata_sent_with_the_text(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        json={"text": ARTICLE, "title": "Bridge", "url": "https://example.org/a/1"},
    )
    assert response.status_code == 200
    document = response.json()["document"]
    assert document["title"] == "Bridge"
    assert document["source_url"] == "https://example.org/a/1"


def test_analyze_uploaded_text_file_keeps_its_text(client: TestClient) -> None:
    response = client.post(
        "/api/analyze", files={"file": ("bridge.txt", ARTICLE.encode(), "text/plain")}
    )
    assert response.status_code == 200
    assert response.json()["text"] == ARTICLE


def test_analyze_uploaded_json_record_uses_its_title(client: TestClient) -> None:
    record = json.dumps({"text": ARTICLE, "title": "From JSON"}).encode()
    response = client.post(
        "/api/analyze", files={"file": ("record.json", record, "application/json")}
    )
    assert response.status_code == 200
    assert response.json()["document"]["title"] == "From JSON"


def test_analyze_uploaded_html_page_extracts_the_article(client: TestClient) -> None:
    words = " ".join(["The council met on Tuesday and voted on the new bridge budget."] * 4)
    page = (
        "<html><head><title>Council</title></head>"
        f"<body><article><p>{words}</p></article></body></html>"
    )
    response = client.post(
        "/api/analyze", files={"file": ("page.html", page.encode(), "text/html")}
    )
    assert response.status_code == 200
    assert "voted on the new bridge budget" in response.json()["text"]
    assert "<p>" not in response.json()["text"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (("broken.bin", bytes(range(256)) * 8), "broken.bin: looks like a binary file, not text"),
        (("empty.txt", b""), "empty.txt: the input is empty"),
        (("list.json", b'[{"text": "a"}, {"text": "b"}]'), "holds 2 articles"),
        (("bad.json", b"{not json"), "bad.json: not valid JSON"),
    ],
)
def test_analyze_refuses_unusable_uploads_with_one_line_422(
    client: TestClient, files: tuple[str, bytes], message: str
) -> None:
    response = client.post("/api/analyze", files={"file": files})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert message in detail
    assert "\n" not in detail


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "   \n  "}, "the input holds only whitespace"),
        ({"title": "no text"}, 'a record needs a "text" or "html" string'),
        ({"text": 3}, "text: Input should be a valid string"),
        ({"text": "a", "colour": "red"}, "colour: Extra inputs are not permitted"),
    ],
)
def test_analyze_refuses_bad_json_bodies_with_one_line_422(
    client: TestClient, body: dict[str, object], message: str
) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": f"request: {message}"}


def test_analyze_refuses_a_body_that_is_not_json(client: TestClient) -> None:
    response = client.post(
        "/api/analyze", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("request: the body is not valid JSON")


def test_upload_over_the_limit_gets_413_naming_the_limit() -> None:
    with client_for(max_upload_bytes=1_000) as c:
        response = c.post("/api/analyze", files={"file": ("big.txt", b"word " * 400)})
    assert response.status_code == 413
    assert response.json()["detail"].endswith("over this server's limit of 1,000 bytes")


def test_streamed_body_without_length_is_stopped_at_the_limit() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"word " * 100
        yield b'"}'

    with client_for(max_upload_bytes=10_000) as c:
        response = c.post(
            "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    assert "over this server's limit of 10,000 bytes" in response.json()["detail"]


def test_analyze_as_html_is_a_report_download_with_the_text_escaped(client: TestClient) -> None:
    hostile = 'The <script>alert("x")</script> mayor said the bridge will reopen in June.'
    response = client.post("/api/analyze?format=html", json={"text": hostile})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"] == 'attachment; filename="brief.html"'
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for response in (client.get("/"), client.post("/api/analyze", json={"text": ""})):
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_an_unexpected_failure_is_a_generic_500_without_details(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("presslens.web.api._analyze_one", explode)
    response = client.post("/api/analyze", json={"text": ARTICLE})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InputTooLarge(10, 5), 413),
        (UnusableInput("empty"), 422),
        (BadSetting("bad date"), 422),
        (ModelMissing("no model"), 503),
        (NotFound("no article with id 7"), 404),
        (StoreError("locked"), 503),
        (PresslensError("other"), 400),
    ],
)
def test_presslens_errors_map_to_http_statuses(error: PresslensError, status: int) -> None:
    assert status_of(error) == status


def test_analyse_page_offers_the_example_only_when_configured(tmp_path: Path) -> None:
    example = tmp_path / "sample.txt"
    example.write_text(ARTICLE, encoding="utf-8")
    with client_for(example=example) as c:
        page = c.get("/")
        sample = c.get("/example.txt")
    assert 'id="example-button"' in page.text
    assert sample.text == ARTICLE
    with client_for() as c:
        assert 'id="example-button"' not in c.get("/").text
        assert c.get("/example.txt").status_code == 404


def test_unknown_page_is_an_html_404_for_browsers(client: TestClient) -> None:
    response = client.get("/no-such-page", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not Found" in response.text


def test_corpus_routes_say_there_is_no_store(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "bridge"})
    assert response.status_code == 404
    assert response.json() == {"detail": "this server has no corpus; start it with --db"}


def test_ingest_is_refused_on_a_read_only_server() -> None:
    with client_for(db=":memory:") as c:
        response = c.post("/api/ingest", json={"text": ARTICLE}, headers=auth())
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, auth("wrong-token")])
def test_ingest_needs_the_right_token(corpus: TestClient, headers: dict[str, str]) -> None:
    response = corpus.post("/api/ingest", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingested_article_can_be_read_back_and_searched(corpus: TestClient) -> None:
    records = [{"text": ARTICLE, "title": "Bridge"}, {"text": " \n "}]
    response = corpus.post("/api/ingest", json=records, headers=auth())
    assert response.status_code == 200
    result = response.json()
    assert len(result["added"]) == 1
    assert result["duplicates"] == 0
    assert result["rejected"] == ["request: record 2: the input holds only whitespace"]
    (article_id,) = result["added"]

    brief = corpus.get(f"/api/articles/{article_id}").json()
    assert brief["text"] == ARTICLE
    assert brief["document"]["title"] == "Bridge"

    hits = corpus.get("/api/search", params={"q": "bridge"}).json()["hits"]
    assert [hit["id"] for hit in hits] == [article_id]

    again = corpus.post("/api/ingest", json={"text": ARTICLE, "title": "Bridge"}, headers=auth())
    assert again.json()["added"] == []
    assert again.json()["duplicates"] == 1


def test_missing_article_is_404(corpus: TestClient) -> None:
    response = corpus.get("/api/articles/999")
    assert response.status_code == 404
    assert response.json() == {"detail": "no article with id 999"}
    page = corpus.get("/articles/999", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "no article with id 999" in page.text


def ingest(client: TestClient, records: list[dict[str, str]]) -> list[int]:
    response = client.post("/api/ingest", json=records, headers=auth())
    assert response.status_code == 200
    added: list[int] = response.json()["added"]
    return added


def test_corpus_pages_render_stored_articles_as_escaped_text(corpus: TestClient) -> None:
    hostile = "<script>alert('t')</script> Bridge"
    (article_id,) = ingest(corpus, [{"text": ARTICLE, "title": hostile, "outlet": "Daily A"}])
    html = {"accept": "text/html"}
    search = corpus.get("/articles", params={"q": "bridge"}, headers=html)
    assert f'href="/articles/{article_id}"' in search.text
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Bridge" in search.text
    assert "<script>alert" not in search.text

    page = corpus.get(f"/articles/{article_id}", headers=html)
    assert page.status_code == 200
    assert '<script type="application/json" id="brief-data"' in page.text
    assert "<script>alert" not in page.text  # tojson escapes < and > inside the data block

    charts = corpus.get("/charts", headers=html)
    assert "<strong>Daily A</strong>" in charts.text


def test_corpus_pages_need_a_store(client: TestClient) -> None:
    for path in ("/articles", "/speakers", "/republications", "/charts"):
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 404
        assert "start it with --db" in response.text


def _three_articles(client: TestClient) -> list[int]:
    return ingest(
        client,
        [
            {"text": ARTICLE, "title": "Bridge", "outlet": "Daily A", "published": "2024-03-05"},
            {
                "text": ARTICLE + "More.",
                "title": "Bridge 2",
                "outlet": "Daily B",
                "published": "2024-04-02",
            },
            {"text": "The road is closed for repairs this week.", "outlet": "Daily A"},
        ],
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [1, 0, 2]),
        ({"outlet": "Daily A"}, [0, 2]),
        ({"since": "2024-04-01"}, [1]),
        ({"until": "2024-03-31", "outlet": "Daily A"}, [0]),
        ({"q": "bridge", "outlet": "Daily B"}, [1]),
        ({"technique": "Doubt"}, []),
        ({"speaker": "nobody of that name"}, []),
        ({"limit": "1", "offset": "1"}, [0]),
    ],
)
def test_api_lists_articles_by_filter(
    corpus: TestClient, params: dict[str, str], expected: list[int]
) -> None:
    ids = _three_articles(corpus)
    response = corpus.get("/api/articles", params=params)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["articles"]] == [ids[i] for i in expected]


def test_api_article_rows_hold_metadata_and_layer_counts(corpus: TestClient) -> None:
    first, *_ = _three_articles(corpus)
    (row,) = corpus.get("/api/articles", params={"outlet": "Daily A", "q": "bridge"}).json()[
        "articles"
    ]
    brief = corpus.get(f"/api/articles/{first}").json()
    assert row == {
        "id": first,
        "title": "Bridge",
        "outlet": "Daily A",
        "published": "2024-03-05",
        "url": None,
        "quotes": len(brief["quotes"]),
        "claims": len(brief["claims"]),
        "techniques": len(brief["techniques"]),
    }


def test_api_articles_refuses_a_date_that_is_not_iso(corpus: TestClient) -> None:
    response = corpus.get("/api/articles", params={"since": "5 March"})
    assert response.status_code == 422
    assert response.json() == {"detail": "since must be a date as YYYY-MM-DD, not '5 March'"}


def test_articles_page_filters_with_dropdowns_from_the_store(corpus: TestClient) -> None:
    hostile = "<b>Daily</b> C"
    ids = _three_articles(corpus)
    (hostile_id,) = ingest(corpus, [{"text": "Ferries run late again.", "outlet": hostile}])
    html = {"accept": "text/html"}
    page = corpus.get(
        "/articles", params={"outlet": "Daily A", "until": "2024-03-31"}, headers=html
    )
    assert page.status_code == 200
    assert '<option value="Daily A" selected>Daily A (2)</option>' in page.text
    assert '<option value="Daily B">Daily B (1)</option>' in page.text
    assert '<option value="&lt;b&gt;Daily&lt;/b&gt; C">' in page.text
    assert '<input type="date" name="until" value="2024-03-31">' in page.text
    assert f'href="/articles/{ids[0]}"' in page.text
    for other in (ids[1], ids[2], hostile_id):
        assert f'href="/articles/{other}"' not in page.text
    assert "<b>Daily</b>" not in page.text


@pytest.mark.slow
def test_analyze_keeps_items_below_the_display_threshold_only_when_asked() -> None:
    example = Path(__file__).parent.parent / "examples" / "republished-opinion.txt"
    text = example.read_text(encoding="utf-8")
    settings = Settings(layers=frozenset({"techniques"}))
    with TestClient(create_app(WebSettings(analysis=settings))) as c:
        shown = c.post("/api/analyze", json={"text": text}).json()
        everything = c.post("/api/analyze?all_items=true", json={"text": text}).json()
    status = shown["layers"]["techniques"]
    assert status["withheld"] > 0
    assert len(everything["techniques"]) == len(shown["techniques"]) + status["withheld"]
    below = [t for t in everything["techniques"] if t["confidence"] < status["threshold"]]
    assert len(below) == status["withheld"]
