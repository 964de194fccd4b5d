"""A text presslens cannot read gets a brief that says so, never English rules passed off."""

from __future__ import annotations

import pytest

import presslens
from presslens.languages import LANGUAGE_LAYERS, SUPPORTED, route
from presslens.pipeline import ANY, STAGES

RUSSIAN = (
    "Министр иностранных дел заявил в четверг, что переговоры продолжатся на следующей неделе. "
    "«Мы готовы к диалогу», — сказал министр журналистам после встречи в столице. По его "
    "словам, делегации обсудят вопросы торговли, транспорта и безопасности границ.\n"
)
CHINESE = (
    "外交部发言人周四表示，谈判将于下周继续。他说：“我们愿意进行对话。”双方将讨论贸易和交通问题。\n"
)
FRENCH = (
    "Le ministre des affaires étrangères a déclaré jeudi que les négociations reprendraient "
    "la semaine prochaine. « Nous sommes prêts au dialogue », a-t-il dit aux journalistes "
    "après la réunion. Les délégations discuteront du commerce et des transports.\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "name"), [(FRENCH * 2, "French")])
def test_a_language_presslens_cannot_read_gets_its_layers_marked_not_computed(
    text: str, name: str
) -> None:
    brief = presslens.analyze(text)
    assert brief.document.notices == (
        f"The text was detected as {name}; presslens does not read {name}, so its entities, "
        "quotes, claims, timeline and techniques are not computed.",
    )
    for layer in LANGUAGE_LAYERS:
        assert brief.layers[layer].computed is False
        assert brief.layers[layer].reason == f"not available for {name}"
        assert getattr(brief, layer) == ()
    assert brief.layers["artifacts"].computed is True


@pytest.mark.slow
def test_russian_is_read_by_its_own_stages_and_only_techniques_are_not_computed() -> None:
    brief = presslens.analyze(RUSSIAN)
    assert brief.document.language == "ru"
    assert brief.layers["techniques"].computed is False
    assert brief.layers["techniques"].reason == "not available for Russian"
    for layer in LANGUAGE_LAYERS - {"techniques"}:
        assert brief.layers[layer].computed is True
    assert (
        "The text was detected as Russian; presslens has no techniques for Russian, so that "
        "layer is not computed." in brief.document.notices
    )
    # The English rules would have made "По" or "Как" entities: the Russian ones do not.
    assert all(e.name[:1].isupper() and e.name not in ("По", "Как") for e in brief.entities)
    assert [(brief.text[q.start : q.end], q.kind) for q in brief.quotes] == [
        ("переговоры продолжатся на следующей неделе", "indirect"),
        ("Мы готовы к диалогу", "direct"),
        ("делегации обсудят вопросы торговли, транспорта и безопасности границ", "indirect"),
    ]


def test_a_chinese_text_is_routed_to_the_chinese_front_and_stages() -> None:
    assert route(CHINESE) == "zh"
    brief = presslens.analyze(CHINESE)
    assert brief.document.language == "zh"
    assert brief.layers["quotes"].computed is True
    assert brief.layers["techniques"].computed is False


def test_a_long_latin_text_in_another_language_is_not_read_as_english() -> None:
    assert route(FRENCH * 2) == "fr"


def test_a_short_latin_text_is_read_as_english_whatever_detection_says() -> None:
    assert route("Bridge closed.") == "en"
    assert route("Мост закрыт.") != "en"


def test_every_language_with_a_stage_is_supported_and_every_supported_one_has_stages() -> None:
    languages = {language for _layer, stages in STAGES for language in stages} - {ANY}
    assert languages == SUPPORTED


def test_a_short_chinese_text_classified_as_wu_is_read_as_chinese() -> None:
    assert route("2024年第三季度经济增长。") == "zh"
