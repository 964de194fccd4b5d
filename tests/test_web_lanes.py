"""The server stays responsive: a long analysis never holds up a short one; a full lane says 503."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from presslens.brief import Brief, Document
from presslens.errors import Busy, PresslensError
from presslens.readers import RawArticle
from presslens.web import WebSettings, create_app
from presslens.web import api as web_api
from presslens.web.state import SMALL_CHARS, Lane

LONG = "word " * (SMALL_CHARS // 5 + 10)
SHORT = "The port reopened on Monday."


def test_a_lane_refuses_when_its_wait_runs_out() -> None:
    lane = Lane("test", wait=0.05)
    with lane.slot(), pytest.raises(Busy, match="waited 0 s for the test lane"), lane.slot():
        pass


def test_a_lane_refuses_at_once_when_its_queue_is_full() -> None:
    lane = Lane("test", max_waiting=0)
    with pytest.raises(Busy, match="0 requests already wait"), lane.slot():
        pass


class BlockingAnalysis:
    """Stands in for the pipeline: long texts wait for `release`, short ones return at once."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.origins: list[str] = []

    def __call__(
        self, articles: Iterable[RawArticle | PresslensError], settings: Any = None
    ) -> Iterator[Brief | PresslensError]:
        for item in articles:
            if isinstance(item, PresslensError):
                yield item
                continue
            self.origins.append(item.origin)
            if len(item.text) > SMALL_CHARS:
                self.started.set()
                assert self.release.wait(timeout=30)
            yield Brief(document=Document(sha256="0", language="en"), text=item.text)


@pytest.fixture
def blocking(monkeypatch: pytest.MonkeyPatch) -> BlockingAnalysis:
    fake = BlockingAnalysis()
    monkeypatch.setattr(web_api, "analyze_many", fake)
    return fake


def test_a_short_article_is_answered_while_a_long_one_is_in_flight(
    blocking: BlockingAnalysis,
) -> None:
    app = create_app(WebSettings())
    with TestClient(app) as client:
        answers: dict[str, int] = {}
        worker = threading.Thread(
            target=lambda: answers.update(
                long=client.post("/api/analyze", json={"text": LONG}).status_code
            )
        )
        worker.start()
        assert blocking.started.wait(timeout=30)
        short = client.post("/api/analyze", json={"text": SHORT})
        assert short.status_code == 200 and short.json()["text"] == SHORT
        assert "long" not in answers
        blocking.release.set()
        worker.join(timeout=30)
        assert answers == {"long": 200}


def test_a_full_lane_answers_503_with_retry_after(blocking: BlockingAnalysis) -> None:
    app = create_app(WebSettings())
    app.state.shared.large_lane.wait = 0.05
    with TestClient(app) as client:
        worker = threading.Thread(target=lambda: client.post("/api/analyze", json={"text": LONG}))
        worker.start()
        assert blocking.started.wait(timeout=30)
        second = client.post("/api/analyze", json={"text": LONG})
        assert second.status_code == 503
        assert second.headers["retry-after"] == "5"
        assert "large lane" in second.json()["detail"]
        blocking.release.set()
        worker.join(timeout=30)


def test_an_upload_name_with_controls_is_shown_cleaned(blocking: BlockingAnalysis) -> None:
    # Written by hand: an HTTP client would percent-encode the name's control characters.
    body = (
        b"--B\r\n"
        b'Content-Disposition: form-data; name="file"; filename="../evil\x00name\x1b.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n" + SHORT.encode() + b"\r\n--B--\r\n"
    )
    with TestClient(create_app(WebSettings())) as client:
        response = client.post(
            "/api/analyze",
            content=body,
            headers={"Content-Type": "multipart/form-data; boundary=B"},
        )
    assert response.status_code == 200, response.text
    assert blocking.origins == ["evil_name_.txt"]
