"""The factRuEval scorer: name mentions exact, descriptor mentions neutral, LocOrg as LOC."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from presslens.evaluation import by_name
from presslens.evaluation.factru import GoldMention, evaluate, read_gold, score_text, scores

# A hand-made text in factRuEval's layout: "Мэрия Москвы и Иван Петров посетили Тулу."
TEXT = "Мэрия Москвы и Иван Петров посетили Тулу."
SPANS = """\
1 org_descr 0 5 10 1  # 10 Мэрия
2 loc_name 6 6 11 1  # 11 Москвы
3 name 15 4 13 1  # 13 Иван
4 surname 20 6 14 1  # 14 Петров
5 loc_name 36 4 16 1  # 16 Тулу
"""
OBJECTS = """\
100 Org 1 2 # Мэрия Москвы
101 LocOrg 2 # Москвы
102 Person 3 4 # Иван Петров
103 Location 5 # Тулу
104 Project 5 # not scored
"""


def test_gold_mentions_run_from_first_to_last_span_and_know_whether_they_are_all_name() -> None:
    assert read_gold(OBJECTS, SPANS) == [
        GoldMention(0, 12, "ORG", is_name=False),
        GoldMention(6, 12, "LOC", is_name=True),
        GoldMention(15, 26, "PER", is_name=True),
        GoldMention(36, 40, "LOC", is_name=True),
    ]


def test_exact_name_mentions_count_right_and_a_descriptor_overlap_counts_neither_way() -> None:
    gold = read_gold(OBJECTS, SPANS)
    predicted = {
        (6, 12, "LOC"),  # Москвы: right (the LocOrg name mention)
        (6, 12, "ORG"),  # Москвы as ORG: overlaps the descriptor mention "Мэрия Москвы"
        (20, 26, "PER"),  # Петров alone: wrong span
        (36, 40, "LOC"),  # Тулу: right
    }
    counts = score_text(gold, predicted)
    assert counts["tp_LOC"] == 2 and counts["neutral_ORG"] == 1
    assert counts["fp_PER"] == 1 and counts["fn_PER"] == 1
    assert counts["all_tp"] == 2 and counts["all_gold"] == 4 and counts["all_predicted"] == 4
    result = scores(counts)
    assert result["name_precision"] == pytest.approx(2 / 3)
    assert result["name_recall"] == pytest.approx(2 / 3)
    assert result["loc_f1"] == 1.0 and result["per_f1"] == 0.0
    assert result["all_mentions_f1"] == pytest.approx(0.5)


def test_scores_do_not_change_when_read_twice() -> None:
    counts: Counter[str] = Counter({"tp_PER": 1, "fp_PER": 1})
    assert scores(counts) == scores(counts)


def test_factru_is_registered_with_its_folder() -> None:
    assert by_name("factru").subdir == "factru-dev"


@pytest.mark.slow
def test_evaluate_reads_a_folder_in_the_devset_layout(tmp_path: Path) -> None:
    folder = tmp_path / "devset"
    folder.mkdir()
    text = "Министр Сергей Лавров прибыл в Тулу."
    (folder / "book_1.txt").write_text(text, encoding="utf-8")
    (folder / "book_1.spans").write_text(
        "1 name 8 6 1 1  # 1 Сергей\n2 surname 15 6 2 1  # 2 Лавров\n3 loc_name 31 4 4 1  # 4\n",
        encoding="utf-8",
    )
    (folder / "book_1.objects").write_text("1 Person 1 2 # x\n2 Location 3 # y\n", "utf-8")
    out = io.StringIO()
    result = evaluate(tmp_path, out)
    assert "factRuEval-2016 dev: 1 texts" in out.getvalue()
    assert "0 not routed to Russian" in out.getvalue()
    assert result["per_f1"] == 1.0
