"""The quotes layer: every quote form, with exact content, cue and speaker offsets."""

from __future__ import annotations

import pytest

from presslens.brief import Brief, Quote
from presslens.layers.quotes.marks import find_marked
from quote_helpers import QuoteBrief, quote_with, speaker_name


def at(text: str, part: str, after: str = "") -> tuple[int, int]:
    """The offsets of `part` in `text`, searching from the end of `after`."""
    start = text.index(part, text.index(after) + len(after) if after else 0)
    return start, start + len(part)


def speaker_text(brief: Brief, quote: Quote) -> str | None:
    speaker = quote.speaker
    if speaker is None or speaker.start is None or speaker.end is None:
        return None
    return brief.text[speaker.start : speaker.end]


def cue_text(brief: Brief, quote: Quote) -> str | None:
    return brief.text[quote.cue.start : quote.cue.end] if quote.cue else None


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('The minister said: "We will not retreat from the plan." Nobody answered.', None),
        ("The minister said: “We will not retreat from the plan.” Nobody answered.", None),
        ("The minister said: «We will not retreat from the plan.» Nobody answered.", None),
        ("The minister said: »We will not retreat from the plan.« Nobody answered.", None),
        ("The minister said: „We will not retreat from the plan.“ Nobody answered.", None),
        ("The minister said: 「We will not retreat from the plan.」 Nobody answered.", None),
        ("The minister said: 『We will not retreat from the plan.』 Nobody answered.", None),
        ("The minister said: ‘We will not retreat from the plan.’ Nobody answered.", None),
    ],
)
def test_direct_quote_in_any_marks_gets_content_cue_and_speaker(
    quotes_of: QuoteBrief, text: str, content: None
) -> None:
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "We will not retreat from the plan.")
    assert quote.kind == "direct"
    assert cue_text(brief, quote) == "said"
    assert speaker_text(brief, quote) == "The minister"


def test_apostrophes_do_not_open_or_close_single_quotes() -> None:
    text = "The mayor’s aides said ‘the council’s vote was rigged’ and left."
    (marked,) = find_marked(text)
    assert text[marked.start : marked.end] == "the council’s vote was rigged"


def test_quote_running_over_paragraphs_is_one_quote() -> None:
    text = (
        "“The first part of the speech ends here.\n\n"
        "“The second paragraph goes on and ends the quote.” The crowd left."
    )
    (marked,) = find_marked(text)
    assert (marked.start, marked.end) == (1, text.index("” The crowd"))


def test_a_quote_closed_on_the_next_line_runs_over_the_line_break() -> None:
    # Text cut into one sentence a line: the quote closes on the next line.
    text = "“滑雪要小心。\n我们都要注意安全，”他说。\n“Unclosed here.\nA new “pair” opens first."
    marked = find_marked(text)
    assert [text[m.start : m.end] for m in marked] == ["滑雪要小心。\n我们都要注意安全，", "pair"]


def test_colon_introduced_paragraph_without_marks_is_the_speakers_words(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Anna Berg, a historian at the city museum, explained in an interview with a "
        "local paper that:\n\nThe archive was closed in 1990. Nobody has read the letters "
        "since.\n\nOther experts disagree."
    )
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(
        text, "The archive was closed in 1990. Nobody has read the letters since."
    )
    assert quote.evidence.startswith("colon-intro")
    assert cue_text(brief, quote) == "explained in an interview with a local paper that:"
    assert speaker_text(brief, quote) == "Anna Berg"


def test_colon_quote_in_a_flattened_paragraph_stops_at_the_next_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "The analyst Maria Stone believes that the deal will hold: The tariffs are gone. "
        "Trade will grow next year. Peter Hale, a banker, argued that growth would be slow."
    )
    brief = quotes_of(text)
    colon = next(q for q in brief.quotes if q.evidence.startswith("colon-intro"))
    assert (colon.start, colon.end) == at(text, "The tariffs are gone. Trade will grow next year.")
    assert speaker_text(brief, colon) == "Maria Stone"
    believes = quote_with(brief, "that the deal will hold")
    assert cue_text(brief, believes) == "believes"
    assert believes.kind == "indirect"


def test_indirect_quote_gets_speaker_from_believes_that(quotes_of: QuoteBrief) -> None:
    text = "Professor Lena Ortiz believes that the bridge will be finished in May."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "that the bridge will be finished in May")
    assert quote.kind == "indirect"
    assert quote.evidence == "ccomp-reporting-verb"
    assert cue_text(brief, quote) == "believes"
    assert speaker_text(brief, quote) == "Lena Ortiz"


def test_according_to_names_the_speaker(quotes_of: QuoteBrief) -> None:
    text = "According to the city council, the bridge will cost 40 million euros."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "the bridge will cost 40 million euros")
    assert quote.evidence.startswith("according-to")
    assert cue_text(brief, quote) == "According to"
    assert speaker_text(brief, quote) == "the city council"


def test_according_to_instructions_is_not_a_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("According to the instructions, the guards locked the gate at nine.")
    assert brief.quotes == ()


def test_trailing_attribution_reports_the_clause_before_it(quotes_of: QuoteBrief) -> None:
    text = "The bridge will cost 40 million euros, the mayor said."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "The bridge will cost 40 million euros")
    assert cue_text(brief, quote) == "said"
    assert speaker_text(brief, quote) == "the mayor"


def test_pronoun_speaker_points_back_to_the_person_named_before(quotes_of: QuoteBrief) -> None:
    text = "Tom Lee spoke first at the meeting. He said the budget was wasteful."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "the budget was wasteful")
    assert quote.speaker is not None
    assert speaker_text(brief, quote) == "He"
    assert quote.speaker.name == "Tom Lee"
    assert "pronoun->" in quote.evidence


def test_he_and_she_pass_over_a_person_whose_honorific_says_otherwise(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        '"The budget is a disaster," Ms. Berg said on Monday after meeting Mr. Holm.\n\n'
        '"We will not sign it," he said.\n\n'
        '"Nor will we," she said.'
    )
    brief = quotes_of(text)
    he = next(q for q in brief.quotes if "not sign" in brief.text[q.start : q.end])
    she = next(q for q in brief.quotes if "Nor will" in brief.text[q.start : q.end])
    assert he.speaker is not None and he.speaker.name == "Holm"
    assert she.speaker is not None and she.speaker.name == "Berg"


def test_he_and_she_pass_over_a_person_whose_first_name_says_otherwise(
    quotes_of: QuoteBrief,
) -> None:
    # "Donald" is a man's name and "Hillary" a woman's in the census lists.
    text = (
        "Hillary Berg met Donald Holm in the city hall on Monday.\n\n"
        "She said the budget was a disaster."
    )
    brief = quotes_of(text)
    said = quote_with(brief, "the budget was a disaster")
    assert said.speaker is not None and said.speaker.name == "Hillary Berg"


def test_she_goes_on_with_the_woman_a_pronoun_was_resolved_to(quotes_of: QuoteBrief) -> None:
    # The last quote naming her is more than PRONOUN_SPEAKER_REACH characters before
    # "She added"; the "she" in between was resolved to her.
    filler = "They live in the city, close to the school and the park. " * 6
    text = (
        "Gwyneth Berg has said she wants her children to work hard.\n\n"
        f"Berg has two children with Chris Holm. {filler}\n\n"
        '"Fame opens doors for them," she told the host.\n\n'
        f"{filler}\n\n"
        'She added, "I try not to hand them things."'
    )
    brief = quotes_of(text)
    added = quote_with(brief, "I try not to hand them things.")
    assert added.speaker is not None and added.speaker.name == "Gwyneth Berg"


def test_she_after_a_woman_made_the_subject_is_her_not_the_last_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Agnieszka Berg, an analyst in Lublin, expects the talks to go on.\n\n"
        "The new foreign minister, Annalena Holm, was in Warsaw on Friday.\n\n"
        "She said the border would stay open."
    )
    brief = quotes_of(text)
    said = quote_with(brief, "the border would stay open")
    assert said.speaker is not None and said.speaker.name == "Annalena Holm"


def test_anonymous_description_stays_the_speaker(quotes_of: QuoteBrief) -> None:
    text = 'A newspaper close to the ministry claimed, "The talks have failed completely."'
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "The talks have failed completely.")
    assert quote.speaker is not None
    assert quote.speaker.entity_id is None
    assert quote.speaker.name == "A newspaper close to the ministry"
    assert cue_text(brief, quote) == "claimed"


def test_second_quote_joined_by_and_has_the_same_speaker(quotes_of: QuoteBrief) -> None:
    text = 'The paper claimed, "The talks have failed," and "The army will move soon."'
    brief = quotes_of(text)
    second = quote_with(brief, "The army will move soon.")
    assert speaker_text(brief, second) == "The paper"
    assert cue_text(brief, second) == "claimed"


def test_quote_inside_a_quote_is_its_own_item(quotes_of: QuoteBrief) -> None:
    text = (
        "Dana Cole, an expert on trade, explained that:\n\nThe officials avoided the "
        'subject: "We are watching the border with concern." Nothing else was said.'
    )
    brief = quotes_of(text)
    outer = quote_with(
        brief,
        'The officials avoided the subject: "We are watching the border with concern." '
        "Nothing else was said.",
    )
    inner = quote_with(brief, "We are watching the border with concern.")
    assert speaker_text(brief, outer) == "Dana Cole"
    assert speaker_text(brief, inner) == "The officials"
    assert inner.evidence.startswith("marks+colon")


def test_quoted_fragment_in_reported_clause_makes_it_mixed(quotes_of: QuoteBrief) -> None:
    text = 'The mayor said the plan was "dead on arrival" for the council.'
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, 'the plan was "dead on arrival" for the council')
    assert quote.kind == "mixed"
    assert speaker_text(brief, quote) == "The mayor"


@pytest.mark.parametrize(
    "text",
    [
        'The West plays the "North Korean card" in the press.',
        'The treaty needs to be "clarified" before the summit in June.',
        'The parade of "The Lions of the North" was postponed again.',
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(quotes_of: QuoteBrief, text: str) -> None:
    assert quotes_of(text).quotes == ()


def test_split_quote_after_its_attribution_keeps_the_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "“This is in their heads,” said Pat Morgan, speaking of the polls. "
        "“It is one of the things worrying them.”"
    )
    brief = quotes_of(text)
    second = quote_with(brief, "It is one of the things worrying them.")
    assert speaker_text(brief, second) == "Pat Morgan"
    assert second.evidence.startswith("marks+chain")


def test_expressed_views_introduce_the_following_sentences(quotes_of: QuoteBrief) -> None:
    text = (
        "Alex Kim, a researcher at the institute, expressed similar views. The treaty "
        "gives both sides a reason to act. The rest is politics. Critics argue that the "
        "treaty is void."
    )
    brief = quotes_of(text)
    views = next(q for q in brief.quotes if q.evidence.startswith("view-intro"))
    assert (views.start, views.end) == at(
        text, "The treaty gives both sides a reason to act. The rest is politics."
    )
    assert speaker_text(brief, views) == "Alex Kim"
    assert cue_text(brief, views) == "expressed similar views"


def test_quote_paragraph_after_an_attributed_one_keeps_its_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "“We will win the state,” Ms. Hall said.\n\n"
        "“The voters are with us. They know it.”\n\nThe rally ended."
    )
    brief = quotes_of(text)
    second = quote_with(brief, "The voters are with us. They know it.")
    assert speaker_text(brief, second) == "Hall"
    assert cue_text(brief, second) == "said"


def test_dash_byline_after_a_quote_names_its_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "Readers sent us their thoughts.\n"
        "“The new bridge has made my commute much shorter every day.” ― Maria Lopez\n"
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "The new bridge has made my commute much shorter every day.")
    assert speaker_text(brief, quote) == "Maria Lopez"
    assert quote.evidence == "marks+dash"


def test_unattributed_quote_takes_the_speaker_before_it_in_the_paragraph(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "“The budget is a disgrace,” Senator Ellen Park said on Tuesday, speaking to "
        "reporters outside the Capitol after a long and bitter committee hearing. "
        "“We will vote against it when it reaches the floor.”"
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "We will vote against it when it reaches the floor.")
    assert speaker_text(brief, quote) == "Ellen Park"
    assert quote.evidence == "marks+carried"


def test_quote_filling_the_next_paragraph_takes_the_speaker_before_it(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "“The budget is a disgrace,” Senator Ellen Park said on Tuesday.\n"
        "“We will vote against it when it reaches the floor.”\n"
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "We will vote against it when it reaches the floor.")
    assert speaker_text(brief, quote) == "Ellen Park"


def test_quoted_heading_after_a_quote_takes_no_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "“The budget is a disgrace,” Senator Ellen Park said on Tuesday. "
        "“Why the vote was delayed again” The committee met on Friday."
    )
    brief = quotes_of(text)
    assert all(q.evidence != "marks+carried" for q in brief.quotes)


def test_object_of_stance_verb_of_one_word_is_its_content(quotes_of: QuoteBrief) -> None:
    text = "The governor attacked Republicans on Monday."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "Republicans")
    assert cue_text(brief, quote) == "attacked"
    assert speaker_text(brief, quote) == "The governor"


def test_called_object_with_a_label_is_the_judgement(quotes_of: QuoteBrief) -> None:
    text = "The senator called the tax plan a giveaway to the rich."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "the tax plan a giveaway to the rich")
    assert speaker_text(brief, quote) == "The senator"


def test_topic_after_a_cue_preposition_is_the_content(quotes_of: QuoteBrief) -> None:
    text = "The mayor complained about the broken traffic lights downtown."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert (quote.start, quote.end) == at(text, "the broken traffic lights downtown")
    assert cue_text(brief, quote) == "complained about"
    assert quote.evidence == "pobj-topic"


def test_first_person_clause_in_a_quote_is_the_quotes_words_of_the_speaker_after_it(
    quotes_of: QuoteBrief,
) -> None:
    # The "I think" clause is part of the marked quote (`nesting.py`), no quote of its own.
    text = "“I think the plan will fail in the Senate next month,” Senator Ellen Park said."
    brief = quotes_of(text)
    assert not [q for q in brief.quotes if q.evidence.startswith("ccomp")]
    (quote,) = brief.quotes
    assert speaker_text(brief, quote) == "Ellen Park"


def test_second_person_clause_in_a_quote_is_not_a_quote_of_its_own(
    quotes_of: QuoteBrief,
) -> None:
    text = "“You know the plan will fail in the Senate next month,” Senator Ellen Park said."
    brief = quotes_of(text)
    assert all(q.speaker is None or q.speaker.name != "You" for q in brief.quotes)
    assert all(speaker_text(brief, q) != "You" for q in brief.quotes)


def test_possessive_claim_noun_reports_its_that_clause(quotes_of: QuoteBrief) -> None:
    text = "Voters doubted the mayor's claim that crime had fallen by half last year."
    brief = quotes_of(text)
    quote = quote_with(brief, "crime had fallen by half last year")
    assert cue_text(brief, quote) == "claim"
    assert speaker_text(brief, quote) == "the mayor"
    assert quote.evidence == "claim-noun"


def test_quote_paragraph_after_one_holding_a_nested_quote_keeps_its_speaker(
    quotes_of: QuoteBrief,
) -> None:
    # The nested 'yes, it was' has a cue of its own ("says"); the next paragraph still
    # goes on with the outer quote, whose speaker is Mara Voss.
    text = (
        "Mara Voss rejected the account.\n\n"
        "“We met at the gate,” Voss said, “He says ‘yes, it was the storm.’ "
        "And he knew it was not.”\n\n"
        "“They go on with their little stories. I know what I heard.”\n\nThe hearing ended."
    )
    brief = quotes_of(text)
    last = quote_with(brief, "They go on with their little stories. I know what I heard.")
    assert speaker_text(brief, last) == "Voss"
    assert cue_text(brief, last) == "said"


def test_a_nested_quote_keeps_its_own_cue_and_its_she_is_not_the_outer_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Lena Marsh spoke first. Ida Kern disagreed.\n\n"
        "“She told me it was the storm. She says ‘yes, that is what it was,’” Kern said."
    )
    brief = quotes_of(text)
    inner = quote_with(brief, "yes, that is what it was")
    assert cue_text(brief, inner) == "says"
    assert speaker_text(brief, inner) == "She"
    assert speaker_name(brief, inner) == "Lena Marsh"


def test_a_clause_whose_cue_is_inside_marks_ends_where_they_close(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "\"It's not just Tom Reed saying, 'Oh, yes, just vote for Anna Holm,' \" Reed told CNN "
        "on Sunday."
    )
    brief = quotes_of(text)
    cued_inside = [q for q in brief.quotes if cue_text(brief, q) == "saying"]
    assert cued_inside, [brief.text[q.start : q.end] for q in brief.quotes]
    for quote in cued_inside:
        assert "told" not in brief.text[quote.start : quote.end]


def test_a_parenthetical_i_think_inside_marks_leaves_the_quote_to_its_attribution(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "The mayor of the city, Paul Lutz, has worried about the plan.\n\n"
        '"What we do not need is more fuel on the fire, I think, from the agents in the '
        'streets," he said.'
    )
    brief = quotes_of(text)
    words = "What we do not need is more fuel on the fire, I think, from the agents in the streets"
    quote = quote_with(brief, words)
    assert cue_text(brief, quote) == "said"
    assert all(brief.text[q.start : q.end] != words + '," he said' for q in brief.quotes)


def test_a_verb_after_a_quote_in_the_next_paragraph_does_not_attribute_it(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        '"Did you get the names of everybody here?" Senator Ruth Alder said. "Okay, great!"'
        "\n\nSyracuse showed an awkward but promising transition."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "Okay, great!")
    assert speaker_text(brief, quote) != "Syracuse"


def test_two_marks_with_nothing_between_them_are_no_quote(quotes_of: QuoteBrief) -> None:
    text = '"We will win," she said. "" "And we will stay."'
    brief = quotes_of(text)
    assert all(q.end > q.start for q in brief.quotes)
    assert quote_with(brief, "And we will stay.")


def test_a_quote_carried_past_a_who_clause_takes_the_named_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        '"The candidates do not understand the army," said Army Capt. Dale Pardee, who said '
        'he would vote for neither of them. "Their plans are just so far out there."'
    )
    brief = quotes_of(text)
    carried = quote_with(brief, "Their plans are just so far out there.")
    assert speaker_text(brief, carried) == "Dale Pardee"
    assert cue_text(brief, carried) == "said"


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        (
            'Asked whether he would fire the writer, Mayor Tom Reed said, "Probably."',
            "Probably.",
            "said",
        ),
        ("The host, Dana Cole, then asked, “With nukes?”", "With nukes?", "asked"),
    ],
)
def test_a_short_quotation_ending_the_sentence_of_its_verb_is_a_quote(
    quotes_of: QuoteBrief, text: str, words: str, cue: str
) -> None:
    brief = quotes_of(text)
    quote = quote_with(brief, words)
    assert cue_text(brief, quote) == cue


def test_a_short_quotation_inside_a_sentence_after_said_stays_a_scare_quote(
    quotes_of: QuoteBrief,
) -> None:
    text = 'The mayor said, "sort of," that the plan would change.'
    brief = quotes_of(text)
    assert all(brief.text[q.start : q.end] != "sort of" for q in brief.quotes)


def test_an_inverted_speaker_after_a_no_break_space_is_found(quotes_of: QuoteBrief) -> None:
    text = "“The report is Exhibit A of the delays we faced,”\u00a0added Reed."
    brief = quotes_of(text)
    quote = quote_with(brief, "The report is Exhibit A of the delays we faced")
    assert speaker_text(brief, quote) == "Reed"
