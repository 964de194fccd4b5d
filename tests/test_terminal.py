"""The terminal brief: sections per layer with counts, evidence, sorted timeline, safe text."""

from __future__ import annotations

import io

import pytest

from presslens.brief import (
    Amount,
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
from presslens.outputs.terminal import checkworthy_words, readable_number, render_text, shorten

TEXT = (
    "Port talks end\n\nBy Ann Lee\n\n"
    'Mayor Jane Roe said that "the port will reopen" on 3 May 2024. '
    "Officials probably counted about 300 people at the rally in Tallinn on 1 May 2024. "
    "This shameful deal betrays every sailor."
)


def at(needle: str, text: str = TEXT) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def hand_built_brief() -> Brief:
    quote, first, second = (
        at("the port will reopen"),
        at('Mayor Jane Roe said that "the port will reopen" on 3 May 2024.'),
        at("Officials probably counted about 300 people at the rally in Tallinn on 1 May 2024."),
    )
    roe = at("Jane Roe")
    return Brief(
        document=Document(
            sha256="ab12",
            language="en",
            title="Port talks end",
            author="Ann Lee",
            published="2024-05-04",
            published_source="text",
            original_url="https://example.org/port",
        ),
        text=TEXT,
        entities=(
            Entity("e1", "Jane Roe", "PERSON", (roe,), roles=(at("Mayor"),), evidence="spacy:ner"),
            Entity("e2", "Tallinn", "GPE", (at("Tallinn"),)),
        ),
        quotes=(
            Quote(
                quote.start,
                quote.end,
                "direct",
                Speaker("e1", "Jane Roe", roe.start, roe.end),
                at("said that"),
                evidence="rule:say-that",
            ),
        ),
        claims=(
            Claim(
                second.start,
                second.end,
                0.8,
                "hedged",
                hedges=(at("probably"),),
                source=Source(None, "Officials", *_offsets(at("Officials"))),
                amounts=(Amount(*_offsets(at("about 300 people")), 300, "people", "about"),),
            ),
        ),
        # Listed out of order on purpose: the view sorts by value.
        timeline=(
            TimeExpression(*_offsets(at("3 May 2024")), "2024-05-03", "explicit", event=first),
            TimeExpression(*_offsets(at("1 May 2024")), "2024-05-01", "explicit", event=second),
        ),
        techniques=(
            Technique(*_offsets(at("shameful deal betrays")), "Loaded_Language", 0.91, "lexicon"),
        ),
        artifacts=(
            Artifact(*_offsets(at("Tallinn")), "name-variant", "also spelled 'Tallin' (2x)"),
        ),
    )


def _offsets(span: Span) -> tuple[int, int]:
    return span.start, span.end


def rendered(brief: Brief) -> list[str]:
    out = io.StringIO()
    render_text(brief, out)
    return out.getvalue().splitlines()


def section(lines: list[str], heading: str) -> list[str]:
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def test_document_section_shows_provenance_and_how_the_date_was_found() -> None:
    lines = section(rendered(hand_built_brief()), "Document")
    assert lines[1:9] == [
        "  Title         Port talks end",
        "  Author        Ann Lee",
        "  Outlet        unknown",
        "  Published     2024-05-04 (found in the text)",
        "  Source URL    unknown",
        "  Original URL  https://example.org/port",
        "  Language      en",
        "  Disclaimer    unknown",
    ]


def test_quote_shows_speaker_arrow_quote_kind_cue_and_offsets() -> None:
    assert section(rendered(hand_built_brief()), "Quotes (1)") == [
        "Quotes (1)",
        "  1. Jane Roe → “the port will reopen”",
        "     direct · cue “said that” · [54:74]",
        "     evidence: rule:say-that",
    ]


def test_claim_shows_certainty_score_source_hedges_and_amounts() -> None:
    assert section(rendered(hand_built_brief()), "Claims (1)") == [
        "Claims (1)",
        "  1. “Officials probably counted about 300 people at the rally in Tallinn on 1 May 2024.”",
        "     hedged · check-worthy: score 0.80 · source: Officials · [91:173]",
        "     hedges: “probably”",
        "     amounts: “about 300 people” = 300 people (about)",
    ]


def test_timeline_is_sorted_by_value_with_expression_and_event() -> None:
    lines = section(rendered(hand_built_brief()), "Dates (2)")
    assert [line.split()[0] for line in lines[1:] if line.startswith("  2024")] == [
        "2024-05-01",
        "2024-05-03",
    ]
    assert lines[1].startswith("  2024-05-01  “1 May 2024”  explicit  Officials probably counted")


def test_entities_techniques_and_artifacts_show_their_evidence() -> None:
    lines = rendered(hand_built_brief())
    assert section(lines, "Names (2)")[1:4] == [
        "  1. Jane Roe · PERSON · 1 mention",
        "     roles: Mayor",
        "     evidence: spacy:ner",
    ]
    assert section(lines, "Techniques (1)")[1:] == [
        "  1. Loaded_Language · score 0.91 · [179:200]",
        "     “shameful deal betrays”",
        "     evidence: lexicon",
    ]
    assert section(lines, "Translation traces (1)")[1:] == [
        "  1. name-variant · “Tallinn” · [151:158]",
        "     note: also spelled 'Tallin' (2x)",
    ]


def test_empty_layers_say_none_found() -> None:
    brief = Brief(document=Document(sha256="0", language="en"), text="Nothing here.")
    lines = rendered(brief)
    for heading in ("Names (0)", "Quotes (0)", "Dates (0)", "Translation traces (0)"):
        assert section(lines, heading) == [heading, "  none found"]


def test_markup_emoji_codes_and_escape_sequences_in_the_article_print_as_text() -> None:
    text = "[bold red]Alert[/] :smile: \x1b[2Jcleared said it."
    brief = Brief(
        document=Document(sha256="0", language="en", title=text),
        text=text,
        techniques=(Technique(0, len(text), "Slogans", 0.5, "[link=http://x]y[/link]"),),
    )
    out = io.StringIO()
    render_text(brief, out)
    output = out.getvalue()
    assert "\x1b" not in output
    assert "[bold red]Alert[/] :smile: \N{REPLACEMENT CHARACTER}[2Jcleared said it." in output
    assert "evidence: [link=http://x]y[/link]" in output


def test_long_spans_are_shortened_with_an_ellipsis() -> None:
    text = "word " * 100
    brief = Brief(
        document=Document(sha256="0", language="en"),
        text=text,
        techniques=(Technique(0, len(text), "Repetition", 0.7, "rule"),),
    )
    lines = rendered(brief)
    first = next(i for i, line in enumerate(lines) if line.startswith("     “word"))
    shown = " ".join(line.strip() for line in lines[first : first + 2])
    assert shown.endswith("word…”")
    assert shown.count("word") == 31  # 160 characters, cut at the last whole word


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("two\n\nlines  here", 40, "two lines here"),
        ("one two three four five six", 12, "one two…"),
        ("abcdefghijklmnop", 8, "abcdefg…"),
        ("bell\x07and\u202eflip", 40, "bell\ufffdand\ufffdflip"),
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(300, "300"), (3_500_000.0, "3,500,000"), (2.5, "2.5"), (0.0, "0")]
)
def test_amounts_read_with_thousands_separators(value: float, expected: str) -> None:
    assert readable_number(value) == expected


def test_a_layer_whose_items_are_all_withheld_says_none_shown_and_how_many() -> None:
    brief = Brief(
        document=Document(sha256="0", language="en"),
        text="Nothing shown here.",
        layers={"techniques": LayerStatus(computed=True, threshold=0.8, withheld=3)},
    )
    lines = rendered(brief)
    assert section(lines, "Techniques (0)") == [
        "Techniques (0)",
        "  none shown",
        "  3 more below the display threshold (confidence 0.80); --all-items shows them",
    ]


def test_checkworthiness_reads_as_words_when_calibrated() -> None:
    calibrated = Claim(start=0, end=4, checkworthy=0.62, certainty="asserted", confidence=0.88)
    raw = Claim(start=0, end=4, checkworthy=0.62, certainty="asserted")
    assert checkworthy_words(calibrated) == "check-worthy: likely (0.88)"
    assert checkworthy_words(raw) == "check-worthy: score 0.62"
