"""One key per person across scripts and spellings (`layers/entities/keys.py`)."""

from __future__ import annotations

import pytest

from presslens.layers.entities.keys import entity_key, name_class, sound_key


@pytest.mark.parametrize(
    "names",
    [
        ("Шойгу", "Shoigu", "Shoygu", "绍伊古"),
        ("Сергей Лавров", "Sergei Lavrov", "Sergey Lavrov", "谢尔盖·拉夫罗夫"),
        ("Зеленский", "Zelensky", "Zelenskyy", "Zelenskiy", "泽连斯基"),
        ("Дмитрий Песков", "Dmitry Peskov", "Dmitri Peskov"),
        ("Александр", "Aleksandr", "Alexander"),
        ("Фёдор", "Fyodor", "Fedor"),
        ("习近平", "Xi Jinping"),
    ],
)
def test_spellings_of_one_name_share_a_key(names: tuple[str, ...]) -> None:
    assert len({entity_key(name) for name in names}) == 1


def test_different_people_keep_different_keys() -> None:
    assert entity_key("Лавров") != entity_key("Лаврова")
    assert entity_key("Sergei Lavrov") != entity_key("Sergei Shoigu")
    assert entity_key("王毅") != entity_key("李强")


def test_a_key_is_lower_case_ascii_letters_and_single_spaces() -> None:
    key = entity_key("  José-María  O'Neill  ")
    assert key == key.strip()
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert "  " not in key


@pytest.mark.parametrize(
    "names",
    [
        ("Москва", "Москве", "Moscow", "Moskva", "莫斯科"),
        ("США", "U.S.", "US", "the United States", "美国"),
        ("Киев", "Kiev", "Kyiv", "基辅"),
        ("НАТО", "NATO", "北约"),
        ("Кремль", "the Kremlin", "克里姆林宫"),
        ("Сербия", "Serbia", "塞尔维亚"),  # CLDR's countries (presslens.world_places)
        ("Белград", "Belgrade", "贝尔格莱德"),  # and cities
        ("Европа", "Europe", "欧洲"),
    ],
)
def test_places_and_organisations_share_a_key_across_scripts(names: tuple[str, ...]) -> None:
    assert len({entity_key(name) for name in names}) == 1


def test_different_places_keep_different_keys() -> None:
    assert entity_key("Москва") != entity_key("Минск")
    assert entity_key("Austria") != entity_key("Australia")


@pytest.mark.parametrize(
    ("latin", "russian"),
    [
        ("Biden", "Байден"),
        ("Johnson", "Джонсон"),
        ("Harris", "Харрис"),
        ("Virginia", "Вирджиния"),
        ("Raj Kejwani", "Радж Кеджвани"),  # an English j, folded to y, meets дж
        ("George Jessup", "Джордж Джессап"),
        ("Tom Herbin", "Том Гербин"),  # Russian renders an English h as г
        ("Ana Gonçalves", "Ана Гонсалвеш"),  # ç is an s; a Portuguese final s is ш
        ("Luis Guerra", "Луис Герра"),
        ("Algeria", "Алжир"),
        ("Nigeria", "Нигерия"),
        ("Yuri Zhukov", "Юрий Жуков"),
    ],
)
def test_a_latin_name_and_its_russian_rendering_share_a_sound_key(latin: str, russian: str) -> None:
    assert sound_key(entity_key(latin)) == sound_key(entity_key(russian))


def test_a_doubled_digraph_is_one_sound() -> None:
    assert sound_key(entity_key("Маччини")) == sound_key(entity_key("Machini"))


def test_sound_keys_of_different_names_differ() -> None:
    assert sound_key(entity_key("Biden")) != sound_key(entity_key("Bolton"))


@pytest.mark.parametrize(
    ("latin", "chinese"),
    [
        ("Jones", "琼斯"),
        ("Douglas", "道格拉斯"),
        ("Denee Benton", "丹妮·本顿"),
        ("Harris", "哈里斯"),
        ("Owen Paterson", "欧文·帕特森"),  # an r before a consonant is silent
        ("Perry Cooper", "佩里·库珀"),  # and at the end
        ("Mike Lawler", "迈克·劳勒"),  # a w after a vowel
        ("Mike McCarthy", "麦克·麦卡锡"),  # a th inside the name is an s
        ("Thomas", "托马斯"),  # at its start a t
        ("Patrick Campbell", "帕特里克·坎贝尔"),  # m before b
        ("Kenneth Polite Jr.", "肯尼思·波利特"),  # the suffix is no part of the name
        ("Merrick Garland", "梅里克·加兰德"),  # 加 is ga in a name
        ("Anna Walker", "安娜·沃克"),
        ("Akin Akinwale", "阿金·阿金瓦勒"),  # 金 is kin in a name
    ],
)
def test_a_chinese_rendering_and_its_latin_name_share_consonant_classes(
    latin: str, chinese: str
) -> None:
    assert name_class(latin) == name_class(chinese)


def test_consonant_classes_of_different_names_differ() -> None:
    assert name_class("Jones") != name_class("道格拉斯")
    assert name_class("") == ""
