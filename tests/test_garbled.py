"""Text stored garbled (a single-byte code page read as Latin-1) is repaired and said to be."""

from __future__ import annotations

import pytest

from presslens import analyze
from presslens.decoding import repair_garbled
from presslens.settings import Settings

RUSSIAN = (
    "Министр заявил журналистам, что переговоры продолжатся на следующей неделе, "
    "а новое соглашение будет подписано до конца года."
)
GARBLED = RUSSIAN.encode("cp1251").decode("latin-1")


def test_a_russian_text_read_as_latin1_is_repaired() -> None:
    assert GARBLED.startswith("Ìèíèñòð")
    repair = repair_garbled(GARBLED)
    assert repair is not None
    assert repair.text == RUSSIAN
    assert repair.code_page == "Windows-1251"
    assert "Windows-1251 read as Latin-1" in repair.notice


@pytest.mark.parametrize(
    "text",
    [
        "L'été dernier, à Orléans, les élèves ont présenté leurs créations théâtrales "
        "à un public ému et très enthousiaste.",
        "Die Bürger äußerten große Sorgen über die Straßenbahn, die künftig "
        "über die Brücke fahren soll, während Kinder spielten.",
        "Þórður og Guðrún fóru á fætur í býtið og gengu út að ánni þar sem "
        "þau sáu hóp af æðarfuglum á sjónum.",
        "Ñoño y Àlex bebían café",  # a few words: too short to judge, whatever the share
    ],
)
def test_real_latin_text_is_left_alone(text: str) -> None:
    assert repair_garbled(text) is None


def test_the_brief_shows_the_repaired_text_and_says_so() -> None:
    brief = analyze(GARBLED, Settings(layers=frozenset()))
    assert brief.text == RUSSIAN
    assert brief.document.language == "ru"
    assert any("repaired" in notice for notice in brief.document.notices)


def test_a_clean_text_gets_no_notice() -> None:
    brief = analyze(RUSSIAN, Settings(layers=frozenset()))
    assert not any("garbled" in notice for notice in brief.document.notices)
