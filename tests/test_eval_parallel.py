"""The parallel-text evaluation on a tiny folder of pairs written here, and its scoring parts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from corpus_fixtures import entity, make_brief
from presslens.brief import Quote, Speaker, TimeExpression
from presslens.errors import DataDirError
from presslens.evaluation.parallel import (
    Agreement,
    Pair,
    _people_agreement,
    _quote_agreement,
    compare,
    evaluate,
)

PAIRS = {
    "seed.1": (
        "Defense Minister Sergei Shoigu said on March 14, 2024 that the army had received "
        "1,530 tanks and 2,518 armoured vehicles.\n"
        "Kremlin spokesman Dmitry Peskov said 14,000 specialists were trained in Moscow.",
        "Министр обороны Сергей Шойгу заявил 14 марта 2024 года, что армия получила "
        "1 530 танков и 2 518 бронемашин.\n"
        "Пресс-секретарь Кремля Дмитрий Песков сообщил, что 14 000 специалистов прошли "
        "обучение в Москве.",
    ),
    "port.2": (
        "The port of Tallinn handled 3,412 ships in 2023, its director Mart Kask said.\n"
        "Traffic rose by 27 per cent after the new terminal opened on 5 June 2023.",
        "Порт Таллина принял 3 412 судов в 2023 году, сообщил его директор Март Каск.\n"
        "Движение выросло на 27 процентов после открытия нового терминала 5 июня 2023 года.",
    ),
}


def _write(folder: Path) -> None:
    pairs = folder / "en-ru"
    pairs.mkdir()
    rows = ["docid\ttestset\tsegments"]
    for docid, (english, russian) in PAIRS.items():
        (pairs / f"{docid}.en.txt").write_text(english + "\n", encoding="utf-8")
        (pairs / f"{docid}.ru.txt").write_text(russian + "\n", encoding="utf-8")
        rows.append(f"{docid}\ttest\t2")
    (pairs / "pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_pairs_are_compared_and_each_linked_to_its_translation_only(tmp_path: Path) -> None:
    _write(tmp_path)
    out = io.StringIO()
    scores = evaluate(tmp_path, out)
    assert (scores["link_precision"], scores["link_recall"]) == (1.0, 1.0)
    assert (scores["ru_link_precision"], scores["ru_link_recall"]) == (1.0, 1.0)
    assert scores["ru_dates"] == 1.0  # 2024-03-14, 2023, 2023-06-05 on both sides
    assert scores["ru_people"] == 1.0  # Shoigu, Peskov, Kask under their sound keys
    assert out.getvalue().startswith("en-ru: 2 article pairs\n")


def test_a_folder_without_language_pairs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataDirError, match="no en-XX folders"):
        evaluate(tmp_path, io.StringIO())


def test_a_listed_file_that_is_missing_is_named(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "en-ru" / "port.2.ru.txt").unlink()
    with pytest.raises(DataDirError, match=r"port\.2\.ru\.txt is listed in pairs\.tsv but missing"):
        evaluate(tmp_path, io.StringIO())


def test_a_quote_is_found_when_a_quote_covers_one_of_its_lines() -> None:
    english_text = 'He said: "We will build it."\nNothing else.\n"Later," she said.'
    other_text = "Он сказал: «Мы построим».\nБольше ничего.\nОна промолчала."
    speaker = Speaker(None, "he")

    def quote(text: str, words: str) -> Quote:
        start = text.index(words)
        return Quote(start, start + len(words), "direct", speaker, None)

    english = make_brief(
        english_text,
        quotes=(quote(english_text, "We will build it."), quote(english_text, "Later,")),
    )
    other = make_brief(other_text, quotes=(quote(other_text, "Мы построим"),))
    # The first English quote is on line 0 with the Russian one; "Later," on line 2 is not.
    assert _quote_agreement(english, other) == (2, 1, 1, 1)


def test_agreement_counts_both_sides() -> None:
    agreement = Agreement()
    agreement.add(english=4, other=2, english_found=2, other_found=2)
    assert agreement.score == pytest.approx(4 / 6)
    assert Agreement().score == 0.0


def test_a_chinese_name_is_found_under_its_family_name_written_first() -> None:
    english_text = "Xi met the press. Jones left."
    chinese_text = "习近平会见记者。琼斯离开了。"
    english = make_brief(
        english_text,
        entities=(entity(english_text, "Xi", "E1"), entity(english_text, "Jones", "E2")),
    )
    chinese = make_brief(
        chinese_text,
        entities=(entity(chinese_text, "习近平", "E1"), entity(chinese_text, "琼斯", "E2")),
    )
    # 习近平 is Xi (family name first), 琼斯 is Jones (consonant classes): all found.
    assert _people_agreement(english, chinese) == (2, 2, 2, 2)
    alone = make_brief("李明走了。", entities=(entity("李明走了。", "李明", "E1"),))
    assert _people_agreement(english, alone) == (2, 1, 0, 0)


def test_a_korean_name_in_latin_letters_is_found_under_its_family_name() -> None:
    english_text = "Lee Jung-wook spoke first."
    chinese_text = "李正旭首先发言。"
    english = make_brief(english_text, entities=(entity(english_text, "Lee Jung-wook", "E1"),))
    chinese = make_brief(chinese_text, entities=(entity(chinese_text, "李正旭", "E1"),))
    assert _people_agreement(english, chinese) == (1, 1, 1, 1)


def test_a_range_states_both_its_ends() -> None:
    # "between 1961 and 1972" read as one range on one side, as two years on the other: the
    # same two years on both; a year stated on one side only still counts against it.
    def year(text: str, words: str, end: str | None = None) -> TimeExpression:
        start = text.index(words)
        return TimeExpression(
            start, start + len(words), words[-4:] if end is None else words[:4], "explicit", end
        )

    english_text = "Between 1961 and 1972 the mill doubled its output, and again by 1990."
    other_text = "С 1961 по 1972 год фабрика удвоила выпуск."
    english = make_brief(
        english_text, timeline=(year(english_text, "1961"), year(english_text, "1972"),
                                year(english_text, "1990"))
    )  # fmt: skip
    other = make_brief(other_text, timeline=(year(other_text, "1961 по 1972", end="1972"),))
    agreement = compare([Pair("mill.1", "ru", english, other)], "dates")
    assert (agreement.english, agreement.other, agreement.english_found) == (3, 2, 2)
    assert agreement.score == pytest.approx(4 / 5)
