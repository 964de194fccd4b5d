"""Readers: decoding, normalisation, formats and the refusals, on inputs written here."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from presslens.decoding import decode_text
from presslens.errors import BadRecord, InputTooLarge, UnusableInput
from presslens.readers import RawArticle, read_path, read_text
from presslens.settings import Settings

TEXT = "Minister Anna Berg said on Monday that 40 ships were in the port.\n"


def only(path: Path, **kwargs: object) -> RawArticle:
    (item,) = list(read_path(path, **kwargs))  # type: ignore[arg-type]
    assert isinstance(item, RawArticle)
    return item


def test_plain_utf8_with_lf_is_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Caf\u00e9 \u201cquoted\u201d \u2014 Kyiv\n\nSecond paragraph.\n"
    path.write_bytes(text.encode("utf-8"))
    assert only(path).text == text


def test_crlf_becomes_lf_and_nfd_becomes_nfc(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Cafe\u0301 opened.\r\nNext line.\r\n".encode())
    assert only(path).text == "Caf\u00e9 opened.\nNext line.\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_byte_order_marks_are_honoured_and_dropped(encoding: str, bom: bytes) -> None:
    assert decode_text(bom + TEXT.encode(encoding), "x") == TEXT


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Министр обороны заявил в понедельник, что сорок кораблей находились в порту. "
            "Эксперты считают, что это только начало длительного кризиса в регионе.\n",
            "cp1251",
        ),
        (
            "外交部发言人周一表示，有关国家应当停止干涉别国内政，并尊重国际法的基本准则。"
            "专家认为这是一个重要的信号。\n",
            "gb18030",
        ),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "x") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the input is empty"),
        (b"  \n\t\n ", "the input holds only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00" * 20, "binary"),
        ("Kyiv said \u201c".encode()[:-1], "truncated UTF-8"),
    ],
)
def test_unusable_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnusableInput, match=reason):
        decode_text(data, "x")


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 300)
    with pytest.raises(InputTooLarge, match="over the limit of 1,000 bytes"):
        list(read_path(path, Settings(max_input_bytes=1000)))


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))


def test_html_page_gives_article_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Port reopens - Harbour Daily</title>"
        '<meta name="author" content="Jan Holm">'
        '<meta property="og:site_name" content="Harbour Daily">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<link rel="canonical" href="https://harbour.example/news/port-reopens"></head>'
        "<body><nav>Home | News | Sport</nav><article><h1>Port reopens</h1>"
        "<p>The port reopened on Monday after a week of repairs, the harbour master said.</p>"
        "<p>More than 300 workers repaired the damaged quay, according to the city council.</p>"
        "</article><footer>All rights reserved</footer></body></html>"
    )
    raw = only(page)
    assert "More than 300 workers repaired the damaged quay" in raw.text
    assert "Home | News" not in raw.text
    assert (raw.author, raw.outlet, raw.published) == ("Jan Holm", "Harbour Daily", "2024-03-05")
    assert raw.url == "https://harbour.example/news/port-reopens"
    assert raw.from_html


def test_html_page_without_article_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Home</nav><script>var x = 1;</script></body></html>")
    with pytest.raises(UnusableInput, match="no article text found"):
        list(read_path(page))


def test_json_lines_report_the_broken_line_and_keep_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "First article text.", "title": "One", "url": "https://a.example/1"}),
        '{"text": "unterminated',
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"text": "Third article text.", "published": "2024-01-02"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == [
        "RawArticle",
        "BadRecord",
        "BadRecord",
        "RawArticle",
    ]
    first, broken, bodyless, last = items
    assert isinstance(first, RawArticle) and first.title == "One"
    assert isinstance(broken, BadRecord) and broken.line == 2 and "not valid JSON" in str(broken)
    assert isinstance(bodyless, BadRecord) and 'needs a "text" or "html"' in str(bodyless)
    assert isinstance(last, RawArticle) and last.published == "2024-01-02"


def test_json_list_of_records_is_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "   "}, {"html": "<p>x</p>" * 0 + ""}]))
    items = list(read_path(path))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[1], BadRecord) and "whitespace" in str(items[1])
    assert isinstance(items[2], BadRecord)


def test_single_json_record_that_is_bad_raises(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": ""}))
    with pytest.raises(UnusableInput, match="empty"):
        list(read_path(path))


def test_text_given_directly_is_normalised() -> None:
    assert read_text("A\r\nB").text == "A\nB"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(encoding: str) -> None:
    text = "The port of Tallinn reopened on Monday after repairs.\n"
    assert decode_text(text.encode(encoding), "a.txt") == text


def test_a_utf8_file_with_bytes_of_another_encoding_is_refused_where_they_start() -> None:
    data = "Президент выступил в Кремле, сказал пресс-секретарь. ".encode() + "Москва".encode(
        "cp1251"
    )
    with pytest.raises(UnusableInput, match=r"not valid UTF-8 at byte 97 .*mixed encodings"):
        decode_text(data, "a.txt")
