"""The Russian pipeline: Natasha's front, and each layer's Russian rules, on texts written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief
from presslens.languages import SUPPORTED, route
from presslens.layers.artifacts.russian import boilerplate, placeholders
from presslens.layers.claims.russian_amounts import find_russian_amounts
from presslens.layers.timeline.expressions import find_expressions
from presslens.layers.timeline.russian import GRAMMAR

NEWS = (
    "Министр иностранных дел России Сергей Лавров заявил в четверг, что переговоры "
    "продолжатся. «Мы готовы к диалогу», — сказал Лавров журналистам.\n\n"
    "Пресс-секретарь Кремля Дмитрий Песков отметил: «Решение пока не принято». "
    "По словам Пескова, президент обсудит вопрос на следующей неделе.\n\n"
    "— Мы не комментируем слухи, — заявил он.\n"
)
BriefOf = Callable[..., Brief]


def words(brief: Brief, item: object) -> str:
    return brief.text[item.start : item.end]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def news(brief_of: BriefOf) -> Brief:
    return brief_of(NEWS, published="2024-03-15")


# --- routing and the front ----------------------------------------------------------------


def test_russian_is_routed_to_its_own_pipeline_and_supported() -> None:
    assert route(NEWS) == "ru"
    assert "ru" in SUPPORTED


@pytest.mark.slow
def test_the_front_keeps_every_character_and_cuts_sentences_at_line_breaks() -> None:
    from presslens.nlp_russian import parse

    text = "  Заголовок без точки\n\nСергей Лавров прибыл в Тулу.  Он  уехал.\n"
    (doc,) = parse([text])
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == [
        "Заголовок без точки",
        "Сергей Лавров прибыл в Тулу.",
        "Он  уехал.",
    ]
    assert [(e.text, e.label_) for e in doc.ents] == [("Сергей Лавров", "PERSON"), ("Тулу", "LOC")]
    assert [t.lemma_ for t in doc if t.text == "прибыл"] == ["прибыть"]


def test_a_full_stop_inside_guillemets_closed_in_the_paragraph_ends_no_sentence() -> None:
    from presslens.nlp_russian import parse

    text = "Он видит «прозрачность. Озеро чистое». Потом уехал.\n«Открыто. Закрыто. Всё.\n"
    (doc,) = parse([text])
    assert [s.text.strip() for s in doc.sents] == [
        "Он видит «прозрачность. Озеро чистое».",
        "Потом уехал.",
        "«Открыто.",  # never closed in its paragraph: the splitter's sentences stay
        "Закрыто.",
        "Всё.",
    ]


@pytest.mark.slow
def test_a_reported_clause_runs_to_the_guillemet_it_opened(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Эксперт Иван Петров говорит, что наблюдает «исключительную прозрачность. Озеро, "
        "я думаю, самое чистое в стране». Потом он уехал в Москву."
    )
    (quote,) = brief.quotes
    assert brief.surface(quote) == (
        "наблюдает «исключительную прозрачность. Озеро, я думаю, самое чистое в стране»"
    )


@pytest.mark.slow
def test_a_russian_brief_says_techniques_are_not_available_and_how_claims_are_scored(
    news: Brief,
) -> None:
    assert news.document.language == "ru"
    assert news.layers["techniques"].computed is False
    assert news.layers["techniques"].reason == "not available for Russian"
    assert news.techniques == ()
    for layer in ("entities", "quotes", "claims", "timeline", "artifacts"):
        assert news.layers[layer].computed is True
    assert news.layers["claims"].profile is None
    assert any("not by a check-worthiness model" in n for n in news.document.notices)
    assert any("no techniques for Russian" in n for n in news.document.notices)


@pytest.mark.slow
def test_every_item_of_a_russian_brief_points_at_its_text(news: Brief) -> None:
    data = news.to_dict()
    assert data["schema"] == "presslens.brief/2"
    stack: list[object] = [data[k] for k in data if k != "text"]
    seen = 0
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and "text" in value:
                assert data["text"][value["start"] : value["end"]] == value["text"]
                seen += 1
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    assert seen > 20


# --- entities -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_name_in_several_cases_is_one_entity_in_the_nominative_with_its_role(
    news: Brief,
) -> None:
    lavrov = next(e for e in news.entities if e.name == "Сергей Лавров")
    assert lavrov.type == "PERSON"
    assert lavrov.key == "sergei lavrov"
    assert [words(news, m) for m in lavrov.mentions] == ["Сергей Лавров", "Лавров"]
    assert [words(news, r) for r in lavrov.roles] == ["Министр иностранных дел России"]
    peskov = next(e for e in news.entities if e.name == "Дмитрий Песков")
    assert [words(news, m) for m in peskov.mentions] == ["Дмитрий Песков", "Пескова"]
    assert [words(news, r) for r in peskov.roles] == ["Пресс-секретарь Кремля"]


# --- quotes -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "kind", "speaker", "cue", "evidence"),
    [
        ("переговоры продолжатся", "indirect", "Сергей Лавров", "заявил", "что-clause"),
        ("Мы готовы к диалогу", "direct", "Сергей Лавров", "сказал", "marks+dash-cue"),
        ("Решение пока не принято", "direct", "Дмитрий Песков", "отметил", "marks+colon"),
        (
            "президент обсудит вопрос на следующей неделе",
            "indirect",
            "Дмитрий Песков",
            "По словам",
            "source-phrase",
        ),
        ("Мы не комментируем слухи", "direct", "Дмитрий Песков", "заявил", "dash-speech"),
    ],
)
def test_each_russian_quote_shape_finds_its_content_cue_and_speaker(
    news: Brief, content: str, kind: str, speaker: str, cue: str, evidence: str
) -> None:
    (quote,) = [q for q in news.quotes if words(news, q) == content]
    assert (quote.kind, quote.evidence) == (kind, evidence)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.speaker.entity_id == next(e.id for e in news.entities if e.name == speaker)
    assert quote.cue is not None and words(news, quote.cue) == cue


@pytest.mark.slow
def test_a_pronoun_speaker_is_resolved_to_the_person_before_it(news: Brief) -> None:
    (quote,) = [q for q in news.quotes if q.evidence == "dash-speech"]
    assert quote.speaker is not None and quote.speaker.pronoun is True
    assert news.text[quote.speaker.start : quote.speaker.end] == "он"  # type: ignore[misc]


@pytest.mark.slow
def test_titles_in_guillemets_are_not_quotes(brief_of: BriefOf) -> None:
    brief = brief_of("Компания «Северный ветер» открыла офис в Казани. Акция «День города» прошла.")
    assert brief.quotes == ()


@pytest.mark.slow
def test_a_headline_turn_names_its_speaker_by_surname(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Лавров: переговоры продолжатся\n\nМинистр Сергей Лавров выступил в Женеве с речью о "
        "будущем переговоров и ответил на вопросы журналистов.\n"
    )
    (turn,) = [q for q in brief.quotes if q.evidence == "turn"]
    assert words(brief, turn) == "переговоры продолжатся"
    assert turn.speaker is not None and turn.speaker.name == "Сергей Лавров"


# --- claims -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Выпущено 9 млн снарядов.", [("9 млн снарядов", 9e6, "снарядов", "exact")]),
        (
            "Прибыли свыше 14 тыс. военных.",
            [("свыше 14 тыс. военных", 14e3, "военных", "at-least")],
        ),
        ("Запущено не менее 100 ракет.", [("не менее 100 ракет", 100, "ракет", "at-least")]),
        ("Бой шёл около трёх часов.", [("около трёх часов", 3, "часов", "about")]),
        ("Пришли сотни тысяч человек.", [("сотни тысяч человек", 2e5, "человек", "vague")]),
        ("Рост составил 5,5%.", [("5,5%", 5.5, "percent", "exact")]),
        ("Цена: 1 200 рублей.", [("1 200 рублей", 1200, "rubles", "exact")]),
        ("Встреча 14 марта 2024 года в 15:00.", []),
        ("Самолёты Су-35 и С-400 на учениях.", []),
        ("Граждане двух стран и два материала.", []),
        ("Симптомы шли между 11 и 19 июля.", []),
        ("Слой в 2-3 нанометра.", [("2-3 нанометра", 2, "нанометра", "range")]),
        ("Нагрев от 15 до 30 градусов.", [("от 15 до 30 градусов", 15, "градусов", "range")]),
        ("Ждать 80 — 100 лет.", [("80 — 100 лет", 80, "лет", "range")]),
        (
            "Довести более чем до 50 градусов.",
            [("более чем до 50 градусов", 50, "градусов", "at-least")],
        ),
    ],
)
def test_russian_amounts_read_value_unit_and_approximation(
    text: str, found: list[tuple[str, float, str, str]]
) -> None:
    amounts = find_russian_amounts(text)
    assert [(text[a.start : a.end], a.value, a.unit, a.approx) for a in amounts] == found


def test_a_russian_range_keeps_its_upper_bound() -> None:
    (amount,) = find_russian_amounts("Болезнь длится от четырех до семи дней.")
    assert (amount.value, amount.upper, amount.approx) == (4, 7, "range")


@pytest.mark.slow
def test_a_russian_claim_says_which_signals_it_carries(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Вероятно, ряд стран поддержит решение, отметил эксперт. Погода была хорошей. "
        "Несомненно, это важный шаг. Концерн выпустил около 9 млн снарядов, сообщила компания.\n"
    )
    by_text = {words(brief, c): c for c in brief.claims}
    assert list(by_text) == [
        "Вероятно, ряд стран поддержит решение, отметил эксперт.",
        "Несомненно, это важный шаг.",
        "Концерн выпустил около 9 млн снарядов, сообщила компания.",
    ]
    hedged = by_text["Вероятно, ряд стран поддержит решение, отметил эксперт."]
    assert hedged.certainty == "attributed" and hedged.checkworthy == pytest.approx(2 / 3, abs=1e-4)
    assert [words(brief, h) for h in hedged.hedges] == ["Вероятно"]
    assert hedged.source is not None and hedged.source.name == "эксперт"
    boosted = by_text["Несомненно, это важный шаг."]
    assert boosted.certainty == "asserted" and boosted.checkworthy == pytest.approx(1 / 3, abs=1e-4)
    assert [words(brief, b) for b in boosted.boosters] == ["Несомненно"]
    assert "1 of 3 signals" in boosted.evidence


# --- timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "read"),
    [
        ("14 марта 2024 года", "day-month-year", (2024, 3, 14)),
        ("с 27 по 29 мая", "range", (None, 5, 27)),
        ("в марте 2024 года", "month-year", (2024, 3, None)),
        ("в 2023 году", "year", (2023, None, None)),
        ("12.05.2024", "numeric date", (2024, 5, 12)),
        ("между 11 и 19 июля", "range", (None, 7, 11)),
        ("в 2019-м", "year", (2019, None, None)),
    ],
)
def test_russian_dates_are_read_by_the_shared_reader(
    text: str, rule: str, read: tuple[int | None, int | None, int | None]
) -> None:
    (found,) = find_expressions(f"Это было {text}.", GRAMMAR)
    assert found.rule == rule
    assert (found.year, found.month, found.day) == read


@pytest.mark.parametrize(
    ("text", "decade"),
    [("в конце 1990-х годов", "199"), ("в начале 2000-х", "200"), ("в середине 1980-х", "198")],
)
def test_a_decade_with_a_point_in_it_is_the_decade_not_its_first_year(
    text: str, decade: str
) -> None:
    (found,) = find_expressions(f"Это было {text}.", GRAMMAR)
    assert (found.rule, found.decade, found.year) == ("decade", decade, None)


@pytest.mark.parametrize(
    ("text", "hour", "surface"),
    [
        ("Сбор назначен в 19 часов", 19, "19 часов"),
        ("Площадь закрыли с 15 часов дня", 15, "15 часов дня"),
        ("Колонна вышла в 3 часа ночи", 3, "3 часа ночи"),
    ],
)
def test_an_hour_after_a_preposition_is_a_time_of_day_and_no_amount(
    text: str, hour: int, surface: str
) -> None:
    sentence = f"{text}, сообщили очевидцы."
    (found,) = find_expressions(sentence, GRAMMAR)
    assert (found.rule, found.hour, sentence[found.start : found.end]) == (
        "clock time",
        hour,
        surface,
    )
    assert find_russian_amounts(sentence) == []


def test_hours_without_a_preposition_stay_a_length() -> None:
    sentence = "Переговоры длились 15 часов, а в течение 5 часов шёл дождь."
    assert [f.rule for f in find_expressions(sentence, GRAMMAR)] == ["duration", "duration"]
    assert [a.value for a in find_russian_amounts(sentence)] == [15, 5]


@pytest.mark.slow
def test_russian_time_expressions_are_anchored_to_the_publication_date(
    brief_of: BriefOf,
) -> None:
    brief = brief_of(
        "Встреча прошла 14 марта 2024 года. Переговоры пройдут с 27 по 29 мая. В прошлый "
        "четверг около 15:00 по московскому времени министр прибыл в Минск. Вчера он уехал, "
        "а два дня назад выступал. Заседание длилось около трёх часов.\n",
        published="2024-03-20",
    )
    got = [(words(brief, t), t.value, t.end_value, t.anchor, t.mod) for t in brief.timeline]
    assert got == [
        ("14 марта 2024 года", "2024-03-14", None, "explicit", None),
        ("с 27 по 29 мая", "2024-05-27", "2024-05-29", "text-year", None),
        ("прошлый четверг", "2024-03-14", None, "document-date", None),
        ("15:00 по московскому времени", "2024-03-14T15:00", None, "document-date", None),
        ("Вчера", "2024-03-19", None, "document-date", None),
        ("два дня назад", "2024-03-18", None, "document-date", None),
        ("около трёх часов", "PT3H", None, "explicit", "APPROX"),
    ]


@pytest.mark.parametrize(("text", "direction"), [("этим летом", "this"), ("прошлым летом", "last")])
def test_a_season_takes_its_relation_word_in_the_instrumental(text: str, direction: str) -> None:
    (found,) = find_expressions(f"Это было {text}.", GRAMMAR)
    assert (found.rule, found.direction, found.season) == ("season", direction, "SU")


# --- artifacts ----------------------------------------------------------------------------


def test_russian_placeholders_are_found_in_their_case_forms() -> None:
    text = "Санкции поддержал ряд стран, а некая страна и соответствующих стран нет."
    assert [text[a.start : a.end] for a in placeholders(text)] == [
        "ряд стран",
        "некая страна",
        "соответствующих стран",
    ]


def test_source_and_photo_lines_are_boilerplate_but_prose_about_a_source_is_not() -> None:
    text = "Источник: РИА Новости\nФото: ТАСС\nИсточник в правительстве сообщил о встрече.\n"
    assert [text[a.start : a.end] for a in boilerplate(text)] == [
        "Источник: РИА Новости",
        "Фото: ТАСС",
    ]


@pytest.mark.slow
def test_case_forms_of_one_name_are_no_name_variant_artifact(news: Brief) -> None:
    assert [a for a in news.artifacts if a.kind == "name-variant"] == []


@pytest.mark.slow
def test_latin_names_are_no_artifact_but_chinese_and_lowercase_latin_words_are(
    brief_of: BriefOf,
) -> None:
    brief = brief_of(
        "Агентство Reuters сообщило, что компания MySQL провела встречу. Это был shutdown "
        "переговоров, а делегация 有关国家 не приехала.\n"
    )
    found = [words(brief, a) for a in brief.artifacts if a.kind == "foreign-script"]
    assert found == ["shutdown", "有关国家"]


# --- more entities and quotes -------------------------------------------------------------


@pytest.mark.slow
def test_a_name_with_its_original_in_brackets_is_one_entity_with_two_mentions(
    brief_of: BriefOf,
) -> None:
    brief = brief_of("Директор Джоэл Саймон (Joel Simon) прибыл в Тулу. Саймон выступил.\n")
    simon = next(e for e in brief.entities if e.type == "PERSON")
    assert simon.name == "Джоэл Саймон"
    assert [words(brief, m) for m in simon.mentions] == ["Джоэл Саймон", "Joel Simon", "Саймон"]


@pytest.mark.slow
def test_organisations_that_read_like_places_and_an_organisation_with_its_country(
    brief_of: BriefOf,
) -> None:
    brief = brief_of("В Кремле и в ЕС обсудили доклад МЧС России, сообщил источник.\n")
    got = {(e.name, e.type) for e in brief.entities}
    assert {("Кремль", "ORG"), ("ЕС", "ORG"), ("МЧС России", "ORG"), ("Россия", "LOC")} <= got


@pytest.mark.slow
def test_a_form_of_address_is_left_out_of_the_name(brief_of: BriefOf) -> None:
    brief = brief_of("Министр Фиона Хислоп выступила в Эдинбурге. Г-жа Хислоп заявила, что рада.\n")
    (person,) = [e for e in brief.entities if e.type == "PERSON"]
    assert [words(brief, m) for m in person.mentions] == ["Фиона Хислоп", "Хислоп"]


@pytest.mark.slow
def test_a_quotation_whose_closing_mark_never_comes_runs_to_the_line_end(
    brief_of: BriefOf,
) -> None:
    brief = brief_of("Председатель Питер Дати выступил. Он сказал: «Финансирование очень нужно\n")
    (quote,) = brief.quotes
    assert words(brief, quote) == "Финансирование очень нужно"
    assert quote.speaker is not None and quote.speaker.name == "Питер Дати"
    assert quote.evidence == "unclosed-marks+colon"


@pytest.mark.slow
def test_two_reporting_verbs_joined_by_and_give_two_quotes_of_one_speaker(
    brief_of: BriefOf,
) -> None:
    brief = brief_of(
        "Министр Сергей Лавров напомнил, что уже внёс в парламент законопроект о визах и "
        "подчеркнул, что правительство намерено пересмотреть ряд соглашений.\n"
    )
    got = [(words(brief, q), q.speaker.name if q.speaker else None) for q in brief.quotes]
    assert got == [
        ("уже внёс в парламент законопроект о визах", "Сергей Лавров"),
        ("правительство намерено пересмотреть ряд соглашений", "Сергей Лавров"),
    ]


@pytest.mark.slow
def test_people_of_an_organisation_are_not_part_of_its_name(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Исследователи Брукхейвенской национальной лаборатории сообщили об открытии нового "
        "эффекта в физике сверхпроводников.\n"
    )
    names = [words(brief, m) for e in brief.entities for m in e.mentions]
    assert "Брукхейвенской национальной лаборатории" in names
    assert "Исследователи Брукхейвенской национальной лаборатории" not in names


@pytest.mark.slow
def test_a_source_phrase_without_a_name_keeps_its_words_as_the_source(brief_of: BriefOf) -> None:
    brief = brief_of(
        "По информации испанской газеты, клуб уже определился с задачами. По сообщениям, "
        "тренер останется.\n"
    )
    (quote,) = brief.quotes
    assert words(brief, quote) == "клуб уже определился с задачами"
    assert quote.speaker is not None and quote.speaker.entity_id is None
    assert quote.speaker.name == "испанской газеты"


@pytest.mark.slow
def test_a_title_alone_as_speaker_is_the_one_person_given_that_title(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Пресс-секретарь Кремля Дмитрий Песков встретился с журналистами в Москве. "
        "Пресс-секретарь также заявил, что визит президента состоится осенью.\n"
    )
    (quote,) = brief.quotes
    assert words(brief, quote) == "визит президента состоится осенью"
    assert quote.speaker is not None and quote.speaker.name == "Дмитрий Песков"


def test_an_adjective_after_the_number_hands_the_unit_to_the_noun_after_it() -> None:
    text = "Как минимум 12 первых звезд ушли, а 300 раненых доставлены."
    nouns = frozenset({text.index("звезд")})
    got = [(text[a.start : a.end], a.unit) for a in find_russian_amounts(text, 0, nouns)]
    assert got == [("Как минимум 12 первых звезд", "звезд"), ("300 раненых", "раненых")]


@pytest.mark.slow
def test_a_role_between_commas_after_the_name_is_found(brief_of: BriefOf) -> None:
    brief = brief_of(
        "Дмитрий Песков, пресс-секретарь президента России, встретился с журналистами.\n"
    )
    peskov = next(e for e in brief.entities if e.type == "PERSON")
    assert [words(brief, r) for r in peskov.roles] == ["пресс-секретарь президента России"]


@pytest.mark.slow
def test_a_marked_quote_after_that_is_mixed_and_a_trailing_source_phrase_attributes(
    brief_of: BriefOf,
) -> None:
    brief = brief_of(
        "Министр Сергей Лавров заявил, что «переговоры продолжатся в мае». Учения начнутся "
        "в понедельник, как сообщает ТАСС.\n"
    )
    got = [(words(brief, q), q.kind, q.speaker.name if q.speaker else None) for q in brief.quotes]
    assert got == [
        ("переговоры продолжатся в мае", "mixed", "Сергей Лавров"),
        ("Учения начнутся в понедельник", "indirect", "ТАСС"),
    ]


@pytest.mark.slow
def test_a_womans_foreign_name_in_the_accusative_is_named_in_the_nominative(
    brief_of: BriefOf,
) -> None:
    brief = brief_of("Полиция опознала 30-летнюю Лакию Бенсон и её дочь.\n")
    (person,) = [e for e in brief.entities if e.type == "PERSON"]
    assert person.name == "Лакия Бенсон"
    assert [words(brief, m) for m in person.mentions] == ["Лакию Бенсон"]


def test_only_endings_no_womans_nominative_has_are_taken_off() -> None:
    from presslens.layers.entities.russian_cases import nominative_word

    assert nominative_word("Шакии", "Gen", "Fem") == "Шакия"
    assert nominative_word("Шакией", "Ins", "Fem") == "Шакия"
    assert nominative_word("Лулу", "Acc", "Fem") is None  # "-у" is left: Лулу, Кейшу alike
    assert nominative_word("Эппл", "Acc", "Fem") is None
