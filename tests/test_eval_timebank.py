"""The TimeBank+AQUAINT scorer: TimeML text rebuilt without tags, TempEval-3's figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from presslens.brief import TimeExpression
from presslens.errors import DataDirError
from presslens.evaluation.timebank import range_ends, read_article, score_article, scores_from

# A TimeML article written for this test.
TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-10" functionInDocument="CREATION_TIME">'
    "20250310</TIMEX3></DCT>\n<TEXT>\n"
    'Shares &amp; bonds <EVENT eid="e1">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2025-03-09">yesterday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of gains, '
    '<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


def write(tmp_path: Path, text: str = TML) -> Path:
    path = tmp_path / "T1.tml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_loses_tags_and_keeps_gold_offsets(tmp_path: Path) -> None:
    article = read_article(write(tmp_path))
    assert article.creation_time == "2025-03-10"
    assert article.text.startswith("\nShares & bonds fell yesterday after three years")
    spans = [(article.text[t.start : t.end], t.type, t.value) for t in article.timexes]
    assert spans == [
        ("yesterday", "DATE", "2025-03-09"),
        ("three years", "DURATION", "P3Y"),
        ("now", "DATE", "PRESENT_REF"),
    ]


def test_scores_follow_tempeval3(tmp_path: Path) -> None:
    article = read_article(write(tmp_path))
    text = article.text

    def at(surface: str, value: str | None, kind: str = "date") -> TimeExpression:
        start = text.index(surface)
        return TimeExpression(start, start + len(surface), value, "explicit", type=kind)  # type: ignore[arg-type]

    predicted = (
        at("yesterday", "2025-03-09"),  # strict, right value, right type
        at("after three years", "P3Y"),  # relaxed only, right value, wrong type
        at("gains", None),  # matches nothing
    )
    counts: Counter[str] = Counter()
    errors: dict[str, Counter[str]] = {"value": Counter(), "missed": Counter(), "extra": Counter()}
    score_article(article, predicted, counts, errors)
    scores = scores_from(counts)
    # relaxed: 2 of 3 predictions, 2 of 3 gold; strict: 1 of 3 each
    assert scores["relaxed_f1"] == pytest.approx(2 / 3)
    assert scores["strict_f1"] == pytest.approx(1 / 3)
    assert scores["value_f1"] == pytest.approx(2 / 3)
    assert scores["type_accuracy"] == pytest.approx(1 / 2)
    assert errors["missed"] == Counter({"DATE: now": 1})
    assert errors["extra"] == Counter({"gains": 1})


def test_not_timeml_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataDirError):
        read_article(write(tmp_path, "<TimeML><TEXT>unclosed"))


def test_a_range_is_scored_as_its_two_ends() -> None:
    text = "Shares were bought from Aug. 26 to Oct. 20 last year."
    start, end = text.index("Aug. 26"), text.index(" last")
    item = TimeExpression(start, end, "1989-08-26", "text-year", end_value="1989-10-20")
    ends = [(text[p.start : p.end], p.value, p.end_value) for p in range_ends(text, item)]
    assert ends == [("Aug. 26", "1989-08-26", None), ("Oct. 20", "1989-10-20", None)]
    single = TimeExpression(start, start + 7, "1989-08-26", "text-year")
    assert range_ends(text, single) == (single,)
