"""The MEANTIME scorer: text rebuilt from CAT tokens, gold TIMEX3s mapped, values compared."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from presslens.evaluation.meantime import evaluate, read_document, value_matches

# A CAT document written for this test: headline, dateline (the creation time), one sentence.
CAT_XML = """<?xml version="1.0" ?>
<Document doc_id="1" doc_name="1_Test" lang="en" url="http://example.org/1">
<token number="0" sentence="0" t_id="1">Plant</token>
<token number="1" sentence="0" t_id="2">closes</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">10</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2025</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">plant</token>
<token number="8" sentence="2" t_id="9">closed</token>
<token number="9" sentence="2" t_id="10">yesterday</token>
<token number="10" sentence="2" t_id="11">after</token>
<token number="11" sentence="2" t_id="12">two</token>
<token number="12" sentence="2" t_id="13">years</token>
<token number="13" sentence="2" t_id="14">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2025-03-10">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2025-03-09">
<token_anchor t_id="10"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DURATION" value="P3Y">
<token_anchor t_id="12"/><token_anchor t_id="13"/>
</TIMEX3>
</Markables>
</Document>
"""


def write_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus_test"
    folder.mkdir()
    (folder / "1_Test.xml").write_text(CAT_XML, encoding="utf-8")
    return tmp_path


def test_text_is_rebuilt_from_tokens_with_gold_offsets(tmp_path: Path) -> None:
    document = read_document(write_corpus(tmp_path) / "corpus_test" / "1_Test.xml")
    assert (
        document.text
        == "Plant closes\n\nMarch 10, 2025\n\nThe plant closed yesterday after two years."
    )
    spans = [(document.text[t.start : t.end], t.value) for t in document.timexes]
    assert spans == [
        ("March 10, 2025", "2025-03-10"),
        ("yesterday", "2025-03-09"),
        ("two years", "P3Y"),
    ]
    assert document.creation_time == "2025-03-10"


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("2009-06-03", "2009-06", True),
        ("2009-06", "2009-06-03", False),
        ("2010-07-16", "2010-07-16TMO", True),
        ("2009-07", "2009-Q3", True),
        ("P2Y", "P2Y", True),
        ("P2Y", "P2M", False),
        ("2025-06-01", "PRESENT_REF", False),
    ],
)
def test_values_compare_at_gold_granularity(predicted: str, gold: str, expected: bool) -> None:
    assert value_matches(predicted, gold) is expected


@pytest.mark.slow
def test_evaluate_scores_detection_and_values(tmp_path: Path) -> None:
    out = io.StringIO()
    scores = evaluate(write_corpus(tmp_path), out)
    # All three gold expressions are found; "yesterday" is right and "two years" (P2Y) is not.
    assert scores["detection_recall"] == 1.0
    assert scores["detection_precision"] == 1.0
    assert scores["value_accuracy"] == 0.5
    assert "'two years': P2Y / P3Y" in out.getvalue()
