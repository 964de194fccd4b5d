"""Stage: the `document` layer. Title, author, outlet, links, disclaimer, publication date.

What the container gave (page metadata, record fields) comes first; what the
text itself says fills the gaps: a headline line, an "Author:" line, an
"Original: <url>" link, a "Disclaimer:" paragraph. The publication date comes,
in order of trust, from the user, the page metadata, the URL (a date path or a
platform post id that encodes its creation time) or the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from presslens.article import Article
from presslens.brief import Brief, Document, PublishedSource, Span
from presslens.errors import BadSetting
from presslens.layers.document.chinese import chinese_dateline

# A headline is the first line when a blank line follows it and it is short.
MAX_TITLE_CHARS = 300

_URL = r"https?://[^\s<>\"'）)]+[^\s<>\"'）).,;:!?]"
_ORIGINAL_LINK = re.compile(
    r"(?:^|(?<=\s))(?:Original(?:ly published)?(?: (?:at|in|on))?|Source|Via|Read more at"
    r"|原文|来源)\s*[:：]?\s*(?P<url>" + _URL + ")",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"(?:^|(?<=\s))(?:Disclaimer\s*[:：]|The (?:views|opinions) expressed (?:in|here)"
    r"|免责声明\s*[:：]?)[^\n]*",
    re.IGNORECASE,
)
_AUTHOR_LINE = re.compile(
    r"^(?:Author|Written by|Автор|作者)\s*[:：]\s*(?P<inline>[^\n]*)$"
    r"|^By (?P<by>[A-Z][^\n]{2,80})$",
    re.MULTILINE,
)
# An author name on its own line: two to five capitalised words.
_NAME_LINE = re.compile(r"^\s*([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,4})\s*$")
_DATE_PATH = re.compile(
    r"/(?P<y>20\d\d|19\d\d)[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])"
)
_DATE_COMPACT = re.compile(
    r"/(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)"
)

# A dateline ("March 5, 2024", "2024-03-05") near the top of the text dates the
# article when nothing else does (the least trusted source). 400 characters is
# chosen to cover a headline, a byline and a dateline; not measured on data.
# Only a date stated as the article's counts: on a line of its own (with a place, a time
# or a byline: at most `DATE_LINE_MAX_WORDS` other words), after "Published:" and the
# like, or opening a line as a dateline ("TALLINN, March 5, 2024 - ..."). A date inside a
# sentence is the story's ("On October 30, 1941, ..." dated kremlin_67067 to 1941).
DATELINE_WINDOW = 400
DATE_LINE_MAX_WORDS = 6
_PUBLISHED_LABEL = re.compile(
    r"(?:Published|Posted|Updated|Date|Dated|Released|Опубликовано|发布(?:时间)?)\s*(?:on|at)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
# What may open a line before a dateline's date: a place in capitals, or a place and a comma.
_DATELINE_LEAD = re.compile(r"^\s*(?:[A-Z][A-Za-z.'-]*(?:[ -][A-Z][A-Za-z.'-]*){0,3},?\s*)?$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\(|[-–—:|/]|\d{1,2}:\d\d|$)")
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTHS = {name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES.split("|")[:12], start=1)}
_DATELINE = re.compile(
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"|(?:(?P<month>"
    + _MONTH_NAMES
    + r")\.? (?P<day>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d))"
)

# Platforms whose post ids encode the creation time. Each was checked against
# posts whose publication time the page itself shows (see README, "Dates from URLs").
#   Toutiao (ByteDance): the id's high 32 bits are Unix seconds.
#   X / Twitter: snowflake ids; (id >> 22) + 1288834974657 is Unix milliseconds.
_TOUTIAO = re.compile(r"toutiao\.com/(?:article|group|a|i)/?(?P<id>\d{17,20})")
_TWITTER = re.compile(r"(?:twitter|x)\.com/[^/]+/status(?:es)?/(?P<id>\d{15,20})")
TWITTER_EPOCH_MS = 1_288_834_974_657
# Ids decoding to a time before this are not of the id scheme we assume.
EARLIEST_ID_TIME = datetime(2010, 11, 4, tzinfo=UTC)


def describe_document(article: Article, brief: Brief) -> Brief:
    """Fill `brief.document` from the container's metadata and the text's own signals."""
    text = article.text
    raw = article.raw
    title_span = _title_span(text)
    author_span = _author_span(text)
    original_url = _original_url(text)
    source_url = raw.url
    published, published_source = _publication(article, source_url, original_url)
    document = Document(
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        language=article.language,
        title=raw.title or (text[title_span.start : title_span.end] if title_span else None),
        author=raw.author or (text[author_span.start : author_span.end] if author_span else None),
        outlet=raw.outlet or _host(source_url),
        published=published,
        published_source=published_source,
        source_url=source_url,
        original_url=original_url,
        disclaimer=_disclaimer(text),
        title_span=title_span,
        author_span=author_span,
    )
    return replace(brief, document=document)


def _title_span(text: str) -> Span | None:
    first_end = text.find("\n")
    if first_end <= 0 or not text[first_end:].startswith("\n\n"):
        return None
    line = text[:first_end]
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS:
        return None
    start = line.index(stripped)
    return Span(start, start + len(stripped))


def _author_span(text: str) -> Span | None:
    head = text[:2000]
    for match in _AUTHOR_LINE.finditer(head):
        inline = match.group("inline") if match.group("inline") is not None else match.group("by")
        if inline and inline.strip():
            start = match.start("inline" if match.group("inline") is not None else "by")
            return _strip_span(text, start, match.end())
        # "Author:" alone on its line: the name is on the next non-empty line.
        after = head[match.end() :]
        for offset_line in re.finditer(r"[^\n]+", after):
            name = _NAME_LINE.match(offset_line.group())
            if name:
                start = match.end() + offset_line.start() + name.start(1)
                return Span(start, start + len(name.group(1)))
            break
    return None


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _original_url(text: str) -> str | None:
    match = _ORIGINAL_LINK.search(text)
    return match.group("url") if match else None


def _disclaimer(text: str) -> Span | None:
    match = _DISCLAIMER.search(text)
    return _strip_span(text, match.start(), match.end()) if match else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


def _publication(
    article: Article, source_url: str | None, original_url: str | None
) -> tuple[str | None, PublishedSource | None]:
    if article.settings.published:
        return normalise_published(article.settings.published), "user"
    if article.raw.published:
        try:
            return normalise_published(article.raw.published), "metadata"
        except BadSetting:
            pass
    for url in (source_url, original_url):
        found = date_from_url(url) if url else None
        if found:
            return found, "url-id"
    for dateline in _DATELINE.finditer(article.text[:DATELINE_WINDOW]):
        day = _dateline_day(dateline) if _stated_as_the_articles(article.text, dateline) else None
        if day:
            return day, "text"
    if article.language == "zh" and (day := chinese_dateline(article.text)):
        return day, "text"
    return None, None


def _stated_as_the_articles(text: str, date: re.Match[str]) -> bool:
    """Whether a date is the article's: a date line, a "Published:" label or a dateline."""
    line_start = text.rfind("\n", 0, date.start()) + 1
    line_end = text.find("\n", date.end())
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : date.start()], text[date.end() : line_end]
    if _PUBLISHED_LABEL.search(before):
        return True
    if len(re.findall(r"\w+", before + " " + after)) <= DATE_LINE_MAX_WORDS:
        return True
    return bool(_DATELINE_LEAD.match(before) and _DATELINE_TAIL.match(after))


def _dateline_day(match: re.Match[str]) -> str | None:
    if match.group("iso"):
        value = match.group("iso")
    else:
        month = _MONTHS[match.group("month").lower()[:3]]
        value = f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"
    try:
        return datetime.strptime(value, "%Y-%m-%d").strftime("%Y-%m-%d")
    except ValueError:
        return None


def normalise_published(value: str) -> str:
    """An ISO 8601 date or date-time as `YYYY-MM-DD[THH:MM[:SS]Z]`, or `BadSetting`."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            raise BadSetting(f"not a date: {value!r}") from None
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadSetting(f"not an ISO 8601 date: {value!r} (use YYYY-MM-DD)") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    if moment.hour == moment.minute == moment.second == 0 and "T" not in value:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def date_from_url(url: str) -> str | None:
    """The publication date a URL encodes: a platform post id, or a date path.

    >>> date_from_url("https://example.org/2024/03/05/some-story")
    '2024-03-05'
    """
    for pattern, decode in ((_TOUTIAO, _toutiao_time), (_TWITTER, _twitter_time)):
        match = pattern.search(url)
        if match:
            moment = decode(int(match.group("id")))
            if EARLIEST_ID_TIME <= moment <= datetime.now(UTC) + timedelta(days=1):
                return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    for pattern in (_DATE_PATH, _DATE_COMPACT):
        match = pattern.search(urlparse(url).path)
        if match:
            try:
                day = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            return day.strftime("%Y-%m-%d")
    return None


def _toutiao_time(post_id: int) -> datetime:
    return datetime.fromtimestamp(post_id >> 32, UTC)


def _twitter_time(post_id: int) -> datetime:
    return datetime.fromtimestamp(((post_id >> 22) + TWITTER_EPOCH_MS) / 1000, UTC)
