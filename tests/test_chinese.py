"""The Chinese pipeline: jieba's front and each layer's Chinese rules, on texts written here."""

from __future__ import annotations

import io
import json

import pytest

import presslens
from brief_helpers import spans_in
from presslens.brief import Brief
from presslens.layers.claims.chinese_amounts import find_amounts_chinese
from presslens.nlp_chinese import parse_one
from presslens.outputs.report import render_html
from presslens.outputs.terminal import render_text

ARTICLE = (
    "外交部发言人毛宁表示：“有关国家应停止干涉。”她强调，中方将采取必要措施。\n\n"
    "据俄罗斯卫星通讯社报道，俄罗斯外长谢尔盖·拉夫罗夫周四说，普京总统将于6月1日访问北京。"
    "拉夫罗夫指出，俄方已运送900万发炮弹和至少100枚导弹，约有1.4万余名士兵参加了上周的演习。\n\n"
    "一位分析人士认为，这一局势或将持续到今年年底。\n\n"
    "原标题：中方回应某国干涉\n"
    "责任编辑：王小明\n"
)


@pytest.fixture(scope="module")
def brief() -> Brief:
    return presslens.analyze(ARTICLE, presslens.Settings(published="2025-06-05"))


def test_the_front_keeps_every_character_and_cuts_sentences_at_chinese_stops() -> None:
    text = "他说：“好。” 然后离开！\n下一句？"
    doc = parse_one(text)
    assert doc.text == text
    assert [s.text_with_ws for s in doc.sents] == ["他说：“好。” ", "然后离开！\n", "下一句？"]


def test_the_front_joins_a_foreign_name_across_its_middle_dot() -> None:
    doc = parse_one("俄罗斯外长谢尔盖·拉夫罗夫访问北京。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("俄罗斯", "GPE"),
        ("谢尔盖·拉夫罗夫", "PERSON"),
        ("北京", "GPE"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("总理米哈伊尔·米舒斯京表示，会谈顺利。", "米哈伊尔·米舒斯京"),  # jieba: 米舒斯/nr 京/j
        ("署长大卫·比斯利说，粮食短缺。", "大卫·比斯利"),  # 利说/n is cut in two
        ("教练斯科特·布鲁斯特说，球队很好。", "斯科特·布鲁斯特"),
        ("唐纳德·特朗普特别强调这一点。", "唐纳德·特朗普"),  # 特别 is a word of its own
        ("教练斯科特·布鲁斯特于去年退休。", "斯科特·布鲁斯特"),  # 特于/d
    ],
)
def test_the_front_keeps_the_last_syllables_of_a_foreign_name(text: str, name: str) -> None:
    doc = parse_one(text)
    assert doc.text == text
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == [name]


def test_a_title_jieba_glued_after_a_surname_is_no_part_of_a_name() -> None:
    doc = parse_one("大学的李教授表示，王明和赵部长都同意。")
    assert doc.text == "大学的李教授表示，王明和赵部长都同意。"
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["王明"]


def test_entities_have_titles_as_roles_and_cross_script_keys(brief: Brief) -> None:
    people = {e.name: e for e in brief.entities if e.type == "PERSON"}
    lavrov = people["谢尔盖·拉夫罗夫"]
    assert lavrov.key == "sergei lavrov"
    assert [brief.surface(m) for m in lavrov.mentions] == ["谢尔盖·拉夫罗夫", "拉夫罗夫"]
    assert [brief.surface(r) for r in lavrov.roles] == ["俄罗斯外长"]
    assert [brief.surface(r) for r in people["毛宁"].roles] == ["外交部发言人"]
    assert [brief.surface(r) for r in people["普京"].roles] == ["总统"]
    assert people["普京"].key == "putin"


def test_a_latin_gloss_in_brackets_gives_the_key() -> None:
    brief = presslens.analyze("达伦·莫斯（Darren Moss）说，雪崩发生在上午。" * 3)
    (moss,) = [e for e in brief.entities if e.type == "PERSON"]
    assert moss.key == "daren mos"
    assert not [a for a in brief.artifacts if a.kind == "foreign-script"]


def test_quotes_get_cue_and_speaker(brief: Brief) -> None:
    found = {
        brief.surface(q): (q.kind, q.speaker and q.speaker.name, q.cue and brief.surface(q.cue))
        for q in brief.quotes
    }
    assert found["有关国家应停止干涉。"] == ("direct", "毛宁", "表示")
    assert found["中方将采取必要措施"] == ("indirect", "毛宁", "强调")
    assert found["俄方已运送900万发炮弹和至少100枚导弹，约有1.4万余名士兵参加了上周的演习"] == (
        "indirect",
        "谢尔盖·拉夫罗夫",
        "指出",
    )
    assert found["这一局势或将持续到今年年底"] == ("indirect", "一位分析人士", "认为")
    according = [q for q in brief.quotes if q.evidence == "zh-according-to"]
    assert [q.speaker and q.speaker.name for q in according] == ["俄罗斯卫星通讯社"]


def test_a_pronoun_speaker_stands_for_the_last_person_named(brief: Brief) -> None:
    (quote,) = [q for q in brief.quotes if brief.surface(q) == "中方将采取必要措施"]
    assert quote.speaker is not None and quote.speaker.pronoun
    assert brief.text[quote.speaker.start : quote.speaker.end] == "她"  # type: ignore[misc]


def test_a_term_in_quotation_marks_without_a_cue_is_no_quote() -> None:
    brief = presslens.analyze("双方在“一带一路”框架下开展合作，项目进展顺利。" * 3)
    assert brief.quotes == ()


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("运送900万发炮弹。", 9_000_000, "发", "exact"),
        ("共1.4万余名士兵。", 14_000, "名", "at-least"),
        ("至少100枚导弹。", 100, "枚", "at-least"),
        ("约300人受伤。", 300, "人", "about"),
        ("近50%的选民。", 50, "percent", "at-most"),
        ("数千名平民。", 2_000, "名", "vague"),
        ("三百五十辆坦克。", 350, "辆", "exact"),
        ("14亿美元。", 1_400_000_000, "美元", "exact"),
    ],
)
def test_amounts_are_read_with_scale_and_approximation(
    text: str, value: float, unit: str, approx: str
) -> None:
    (amount,) = find_amounts_chinese(text)
    assert (amount.value, amount.unit, amount.approx) == (value, unit, approx)


def test_a_count_pointing_back_at_one_already_given_is_no_new_amount() -> None:
    # "the two witnesses" in English is no stated amount either (amounts._DEFINITE).
    text = (
        "两名目击者报了警，这两名目击者看到了雪崩。该10名士兵和另外30名士兵获救。因此5名医生赶到。"
    )
    found = [text[a.start : a.end] for a in find_amounts_chinese(text)]
    assert found == ["两名", "30名", "5名"]  # 因此 "therefore" points at nothing


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("他在狱中度过了30年。", 30, "年"),
        ("近18个月来物价上涨。", 18, "个月"),
        ("罢工持续4天。", 4, "天"),
    ],
)
def test_lengths_of_time_are_amounts_as_in_english(text: str, value: float, unit: str) -> None:
    (amount,) = find_amounts_chinese(text)
    assert (amount.value, amount.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "2025年6月4日。",
        "第3次会议。",
        "一些人说。",
        "F-16战机。",
        "2022年。",
        "90年代。",
        "建校30周年。",
    ],
)
def test_dates_ordinals_and_codes_are_no_amounts(text: str) -> None:
    assert find_amounts_chinese(text) == []


def test_a_length_of_time_inside_a_jieba_word_is_found() -> None:
    # jieba cuts 30 / 年前 ("years ago"): the amount ends inside its word
    brief = presslens.analyze("30 年前，两国议会批准了一项条约。")
    assert [(a.value, a.unit) for c in brief.claims for a in c.amounts] == [(30, "年")]


def test_claims_carry_amounts_with_their_noun_and_certainty_cues(brief: Brief) -> None:
    with_amounts = [c for c in brief.claims if c.amounts]
    (claim,) = with_amounts
    assert [(brief.surface(a), a.unit) for a in claim.amounts] == [
        ("900万发炮弹", "炮弹"),
        ("至少100枚导弹", "导弹"),
        ("1.4万余名士兵", "士兵"),
    ]
    assert claim.certainty == "attributed"
    assert claim.source is not None and claim.source.name == "谢尔盖·拉夫罗夫"
    # Rule-found claims score the share of the three signals they carry (amount, source, cue).
    assert claim.checkworthy == pytest.approx(2 / 3, abs=1e-4) and claim.confidence is None
    assert any("share of those three signals" in n for n in brief.document.notices)


def test_a_speculation_cue_makes_an_unattributed_claim_speculative() -> None:
    brief = presslens.analyze("这一局势或将持续到明年，地区紧张局势显然还会加剧。" * 2)
    assert {c.certainty for c in brief.claims} == {"speculative"}
    assert "或将" in [brief.surface(h) for c in brief.claims for h in c.hedges]


def test_dates_are_anchored_to_the_publication_date(brief: Brief) -> None:
    found = {brief.surface(t): (t.value, t.anchor) for t in brief.timeline}
    assert found["周四"] == ("2025-06-05", "document-date")
    assert found["6月1日"][0] == "2025-06-01"
    assert found["上周"] == ("2025-W22", "document-date")
    assert found["今年年底"] == ("2025", "document-date")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("会议于2025年6月4日举行。", "2025-06-04"),
        ("三天前双方举行会谈。", "2025-06-02"),
        ("去年双方举行会谈。", "2024"),
        ("双方每周举行会谈。", "P1W"),
        ("会谈持续了两年半。", "P2Y6M"),
        ("2024年第三季度经济增长。", "2024-Q3"),
        ("昨晚双方举行会谈。", "2025-06-04TNI"),
        ("他上周四抵达。", "2025-05-29"),  # the Thursday of last week, not yesterday
        ("他上星期一抵达。", "2025-05-26"),
        ("双方下周一会谈。", "2025-06-09"),
        ("代表团下午3点抵达。", "2025-06-05T15:00"),
        ("代表团晚上8点钟抵达。", "2025-06-05T20:00"),
        ("代表团凌晨2点抵达。", "2025-06-05T02:00"),
        ("代表团5点半出发。", "2025-06-05T05:30"),
        ("代表团15时抵达。", "2025-06-05T15:00"),
    ],
)
def test_chinese_time_expressions_get_timeml_values(text: str, value: str) -> None:
    brief = presslens.analyze(text * 2, presslens.Settings(published="2025-06-05"))
    assert brief.timeline[0].value == value


def test_a_decade_of_another_century_is_not_read_as_one_of_the_1900s() -> None:
    settings = presslens.Settings(published="2025-06-05")
    brief = presslens.analyze("故事发生在19世纪80年代。" * 2, settings)
    assert [t.value for t in brief.timeline if t.value and t.value.startswith("19")] == []


def test_a_bare_hour_with_point_is_no_clock_time() -> None:
    brief = presslens.analyze("他提出5点建议。", presslens.Settings(published="2025-06-05"))
    assert brief.timeline == ()


def test_without_a_publication_date_relative_dates_stay_unresolved() -> None:
    brief = presslens.analyze("外交部发言人周四表示，谈判将于下周继续。" * 2)
    assert {t.anchor for t in brief.timeline} == {"unresolved"}


def test_placeholders_and_boilerplate_are_artifacts(brief: Brief) -> None:
    found = [(a.kind, brief.surface(a)) for a in brief.artifacts]
    assert ("placeholder", "有关国家") in found
    assert ("placeholder", "某国") in found
    assert ("boilerplate", "原标题：中方回应某国干涉") in found
    assert ("boilerplate", "责任编辑：王小明") in found


def test_a_placeholder_inside_a_longer_word_is_not_flagged() -> None:
    brief = presslens.analyze("某国际组织发表报告，呼吁各方保持克制。" * 2)
    assert [a for a in brief.artifacts if a.kind == "placeholder"] == []


def test_every_offset_points_at_its_text_and_the_json_is_the_contract(brief: Brief) -> None:
    data = json.loads(brief.to_json())
    assert data["document"]["language"] == "zh"
    assert data["layers"]["techniques"]["computed"] is False
    for item in spans_in(data):
        if "text" in item and item["text"] is not None:
            assert data["text"][item["start"] : item["end"]] == item["text"]
    assert Brief.from_dict(data) == brief


def test_terminal_and_html_render_chinese(brief: Brief) -> None:
    out = io.StringIO()
    render_text(brief, out, width=100)
    assert "毛宁" in out.getvalue()
    assert f"{len(brief.text)} characters, " in out.getvalue()
    assert "Chinese characters" in out.getvalue()
    assert "有关国家" in render_html([brief])


def test_figures_spaced_from_their_units_are_read() -> None:
    found = [
        (a.value, a.upper, a.unit, a.approx)
        for a in find_amounts_chinese("有12 至 15 英寸的降雪，约 85 英里。")
    ]
    assert found == [(12, 15, "英寸", "range"), (85, None, "英里", "about")]


def test_a_weekday_is_no_amount_where_the_words_say_so() -> None:
    brief = presslens.analyze("该委员会在周六发表的一份声明中表示，不会公布结果。" * 2)
    assert [a for c in brief.claims for a in c.amounts] == []


def test_spaced_dates_are_read() -> None:
    brief = presslens.analyze("他于 1989 年至 1994 年担任总统。12 月 24 日举行选举。" * 2)
    values = [(t.value, t.end_value) for t in brief.timeline][:2]
    assert values == [("1989", "1994"), ("1994-12-24", None)]  # the nearest year before it


def test_a_dotted_name_cut_in_pieces_by_jieba_is_one_person() -> None:
    doc = parse_one("南非总统西里尔·拉马福萨周日发表讲话。大使理查德·诺兰德说，选举很重要。")
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people == ["西里尔·拉马福萨", "理查德·诺兰德"]


def test_a_common_word_jieba_tags_as_a_name_is_no_person_without_a_sign_of_one() -> None:
    brief = presslens.analyze("这是一个道德问题，也是一个古老的传统。滑雪需要技巧。" * 2)
    assert [e for e in brief.entities if e.type == "PERSON"] == []


def test_places_are_listed_ones_or_longer_words_not_common_words_tagged_ns() -> None:
    brief = presslens.analyze(
        "大雪在塞尔维亚和欧洲东部造成破坏，贝尔格莱德机场关闭。卡车被困在发生滑坡的公路上，"
        "强风中断了供电。居民上山避险。"
    )
    places = [(e.name, e.key) for e in brief.entities if e.type in ("GPE", "LOC")]
    assert places == [("塞尔维亚", "serbia"), ("欧洲", "europe"), ("贝尔格莱德", "belgrade")]


def test_an_organisation_ends_like_one_or_is_listed() -> None:
    brief = presslens.analyze("公共交通一度停运，乘客改乘公共汽车。卫生部和北约发表声明。")
    orgs = [e.name for e in brief.entities if e.type == "ORG"]
    assert orgs == ["卫生部", "北约"]


def test_a_long_foreign_name_without_a_dot_is_a_person_only_with_a_sign_of_one() -> None:
    brief = presslens.analyze(
        "周六，哈德斯菲尔德对阵布伦特伍德。他在巴斯克维尔庄园住了一周。"
        "工程师阿尔瓦雷斯坦普尔顿说，这座桥很安全。"
    )
    assert [e.name for e in brief.entities if e.type == "PERSON"] == ["阿尔瓦雷斯坦普尔顿"]


def test_a_country_before_a_body_and_a_company_after_a_dotted_name_make_organisations() -> None:
    doc = parse_one("利比亚国民军首领表示反对。洛克希德·马丁公司生产战机。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("利比亚国民军", "ORG"),
        ("洛克希德·马丁公司", "ORG"),
    ]


def test_a_shorter_dotted_name_joins_the_longer_one_with_the_same_ends() -> None:
    brief = presslens.analyze("赛义夫•伊斯兰•卡扎菲宣布参选。此前赛义夫·卡扎菲被判有罪。" * 2)
    people = [e for e in brief.entities if e.type == "PERSON"]
    assert [(e.name, len(e.mentions)) for e in people] == [("赛义夫•伊斯兰•卡扎菲", 4)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("外交部发言人毛宁4日表示，会谈顺利。", [("4日", "2025-06-04")]),
        ("28日双方举行会谈，气氛良好。", [("28日", "2025-05-28")]),
        ("各方应在3日内作出答复，不得拖延。", []),
    ],
)
def test_a_day_of_the_month_alone_falls_in_the_publication_month(
    text: str, found: list[tuple[str, str]]
) -> None:
    brief = presslens.analyze(text * 2, presslens.Settings(published="2025-06-05"))
    days = [(brief.surface(t), t.value) for t in brief.timeline if t.evidence.startswith("day")]
    assert days[: len(found)] == found
    assert len(days) == 2 * len(found)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("新华社北京2025年6月5日电 外交部发言人毛宁5日表示，会谈顺利。", "2025-06-05"),
        ("发布时间：2025-06-05 10:20\n外交部发言人毛宁5日表示，会谈顺利。", "2025-06-05"),
        ("新华社北京6月5日电 外交部发言人毛宁5日表示，会谈顺利。", None),
    ],
)
def test_a_chinese_dateline_gives_the_publication_date(head: str, published: str | None) -> None:
    brief = presslens.analyze(head * 2)
    assert brief.document.published == published
    assert brief.document.published_source == ("text" if published else None)


def test_a_speed_per_hour_is_no_set() -> None:
    brief = presslens.analyze("风速达到每小时 100 英里，道路关闭。每小时都有人巡逻。")
    assert [(brief.surface(t), t.value) for t in brief.timeline] == [("每小时", "PT1H")]


def test_a_title_jieba_tags_as_a_name_is_not_part_of_the_name_after_it() -> None:
    doc = parse_one("英国首相顾问多米尼克·卡明斯表示反对。")
    assert [(e.text, e.label_) for e in doc.ents] == [("多米尼克·卡明斯", "PERSON")]


def test_a_noun_before_the_cue_makes_the_speaker_a_phrase() -> None:
    brief = presslens.analyze("西米德兰兹郡警方称，一名男子受了重伤。普京总统说，会谈很有成效。")
    speakers = [brief.text[q.speaker.start : q.speaker.end] for q in brief.quotes if q.speaker]  # type: ignore[misc]
    assert speakers == ["西米德兰兹郡警方", "普京"]


def test_a_given_name_alone_joins_the_full_name() -> None:
    brief = presslens.analyze("叶海亚·谢里夫在考文垂路被发现。叶海亚当场死亡，警方正在调查。" * 2)
    people = [(e.name, len(e.mentions)) for e in brief.entities if e.type == "PERSON"]
    assert people == [("叶海亚·谢里夫", 4)]


def test_a_marked_quote_running_past_its_line_is_direct_without_its_mark() -> None:
    # Closed on the next line: the whole marked stretch (it was cut at the line end).
    brief = presslens.analyze("声明称：“我们不敢相信他已经离开了。\n我们还不知道原因。”\n" * 2)
    first = brief.quotes[0]
    assert (first.kind, brief.surface(first)) == (
        "direct",
        "我们不敢相信他已经离开了。\n我们还不知道原因。",
    )
    # Never closed: the marked words to the end of the sentence, without the mark.
    brief = presslens.analyze("声明称：“我们不敢相信他已经离开了。\n我们还不知道原因。\n")
    first = brief.quotes[0]
    assert (first.kind, brief.surface(first)) == ("direct", "我们不敢相信他已经离开了")


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("卡明斯表示已经拍下了派对的照片。", "卡明斯", "已经拍下了派对的照片"),
        ("波兰反对修建这条管道，称这会使欧洲依赖进口。", "波兰", "这会使欧洲依赖进口"),
        ("马克龙宣布出售军舰，价格约为35亿美元，声称是时候改变了。", "马克龙", "是时候改变了"),
    ],
)
def test_reported_speech_without_a_comma_after_the_cue_needs_a_speaker(
    text: str, speaker: str, content: str
) -> None:
    brief = presslens.analyze(text * 2)
    first = brief.quotes[0]
    assert first.speaker is not None and first.speaker.start is not None
    said_by = brief.text[first.speaker.start : first.speaker.end]  # type: ignore[misc]
    assert (said_by, brief.surface(first), first.evidence) == (speaker, content, "zh-cue+clause")


def test_a_stance_in_two_words_is_no_quote() -> None:
    brief = presslens.analyze("外交部发言人毛宁表示感谢。会议结束。" * 2)
    assert brief.quotes == ()


def test_a_plural_pronoun_speaker_is_not_the_last_person_named() -> None:
    brief = presslens.analyze("总理肖尔茨访问华沙。他们说德国应支付战时赔偿，态度坚决。" * 2)
    (quote, *_rest) = [q for q in brief.quotes if q.speaker and q.speaker.pronoun]
    assert quote.speaker is not None and quote.speaker.entity_id is None


def test_a_latin_name_after_a_title_is_a_person_and_other_latin_words_are_not() -> None:
    doc = parse_one("联合国秘书长 António Guterres 抵达。比赛在 Adelaide Oval 举行。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("联合国", "ORG"),
        ("António Guterres", "PERSON"),
    ]


def test_a_count_jieba_tags_as_a_place_is_no_place() -> None:
    doc = parse_one("这个家庭准备两棵树，也去了五台山。")
    assert [e.text for e in doc.ents if e.label_ == "GPE"] == ["五台山"]


def test_a_quote_over_a_line_break_is_credited_to_the_full_name_jieba_cut() -> None:
    # jieba cuts 德贝里表示 as 德/ns 贝里/nrt: the clipped name is the full name's last part.
    text = (
        "度假村总裁弗兰克·德贝里说，滑雪季刚开始。\n"
        "“滑雪者有权进入森林。\n他们最后又回到了原地，”德贝里表示。\n"
    )
    brief = presslens.analyze(text)
    (quote,) = [q for q in brief.quotes if q.kind == "direct"]
    assert brief.text[quote.start : quote.end] == "滑雪者有权进入森林。\n他们最后又回到了原地，"
    assert quote.speaker is not None and quote.speaker.name == "弗兰克·德贝里"
    assert [e.name for e in brief.entities if e.type == "PERSON"] == ["弗兰克·德贝里"]
