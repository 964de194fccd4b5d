"""Source and cue spans as PolNeAR marks them: relative pronouns, carried cues, no restating."""

from __future__ import annotations

from presslens.brief import Brief, Quote, Span
from presslens.layers.quotes.marks import find_marked
from presslens.layers.quotes.nesting import drop_nested
from quote_helpers import QuoteBrief, contents, quote_with, speaker_name


def words(brief: Brief, start: int | None, end: int | None) -> str:
    assert start is not None and end is not None
    return brief.text[start:end]


def test_a_relative_pronoun_is_the_source_and_names_the_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The union met on Monday.\n\n"
        "Labor Secretary Thomas Perez, who said the agreement would be finalized by Friday, "
        "left the talks early."
    )
    quote = quote_with(brief, "the agreement would be finalized by Friday")
    assert quote.speaker is not None
    assert words(brief, quote.speaker.start, quote.speaker.end) == "who"
    assert speaker_name(brief, quote) == "Thomas Perez"


def test_who_after_a_description_keeps_the_description_as_the_name(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Two senior officials, who said the talks had stalled over the weekend, left early."
    )
    quote = quote_with(brief, "the talks had stalled over the weekend")
    assert quote.speaker is not None and not quote.speaker.pronoun
    assert words(brief, quote.speaker.start, quote.speaker.end) == "who"
    assert quote.speaker.name is not None and "officials" in quote.speaker.name


def test_who_is_the_source_of_a_second_verb_of_its_clause(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Labor Secretary Thomas Perez, who spoke to reporters on Monday and said the "
        "agreement would be finalized by Friday, left early."
    )
    quote = quote_with(brief, "the agreement would be finalized by Friday")
    assert quote.speaker is not None
    assert words(brief, quote.speaker.start, quote.speaker.end) == "who"
    assert speaker_name(brief, quote) == "Thomas Perez"


def test_a_speaker_named_before_who_is_still_the_he_after(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Labor Secretary Thomas Perez, who said the agreement would be finalized by Friday, "
        "left the talks early. He said the workers would return to work next week."
    )
    later = quote_with(brief, "the workers would return to work next week")
    assert later.speaker is not None
    assert words(brief, later.speaker.start, later.speaker.end) == "He"
    assert speaker_name(brief, later) == "Thomas Perez"


def test_a_subject_noun_without_a_relative_pronoun_keeps_its_words(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of("Secretary Thomas Perez said the agreement would be finalized by Friday.")
    quote = quote_with(brief, "the agreement would be finalized by Friday")
    assert quote.speaker is not None and not quote.speaker.pronoun
    assert words(brief, quote.speaker.start, quote.speaker.end) == "Thomas Perez"


def test_i_think_inside_a_marked_quote_is_no_second_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        '"The budget is balanced, and I think the deficit will fall next year," '
        "said Anna Berg, the finance minister."
    )
    assert contents(brief) == [
        "The budget is balanced, and I think the deficit will fall next year"
    ]
    assert speaker_name(brief, brief.quotes[0]) == "Anna Berg"


def test_a_quote_carried_from_the_one_before_takes_its_cue(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        'Anna Berg told reporters: "The harvest is ahead of last year." '
        'She smiled and pointed at the fields. "Prices will fall before the winter."'
    )
    first = quote_with(brief, "The harvest is ahead of last year.")
    carried = quote_with(brief, "Prices will fall before the winter.")
    assert carried.evidence == "marks+carried"
    assert speaker_name(brief, carried) == "Anna Berg"
    assert first.cue is not None and carried.cue == first.cue


def test_said_in_a_statement_that_reports_the_marked_clause(quotes_of: QuoteBrief) -> None:
    # The parser hangs the clause on "statement", not on "said".
    brief = quotes_of(
        "Jason Kander said in a statement that "
        '"Washington dysfunction has stopped Congress from responding to a health crisis."'
    )
    quote = quote_with(
        brief,
        'that "Washington dysfunction has stopped Congress from responding to a health crisis."',
    )
    assert speaker_name(brief, quote) == "Jason Kander"
    assert quote.cue is not None
    assert brief.text[quote.cue.start : quote.cue.end].startswith("said")


def test_a_that_clause_of_another_noun_is_not_what_was_said(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Jason Kander said in response to reports that "
        '"the committee has stopped all work on the health bill."'
    )
    assert all(q.speaker is None or speaker_name(brief, q) != "Jason Kander" for q in brief.quotes)


def test_a_clause_reported_inside_a_reported_clause_is_the_outer_speakers(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Senator Ellen Park said that the governor claimed the budget would be balanced."
    )
    (quote,) = brief.quotes
    assert speaker_name(brief, quote) == "Ellen Park"
    assert brief.text[quote.start : quote.end].startswith("that the governor claimed")


def _quote(start: int, end: int, cue: int | None, evidence: str) -> Quote:
    span = Span(cue, cue + 4) if cue is not None else None
    return Quote(start, end, "indirect", None, span, evidence)


def test_drop_nested_keeps_marked_quotes_turns_and_the_quote_itself() -> None:
    outer = _quote(10, 100, 2, "ccomp-reporting-verb")
    inner = _quote(40, 90, 30, "ccomp-reporting-verb")
    marked = _quote(50, 80, None, "marks")
    marked_with_cue = _quote(20, 60, 15, "marks+verb")
    twin = _quote(10, 100, 2, "parenthetical-reporting-verb")
    assert drop_nested([outer, inner, marked, marked_with_cue]) == [
        outer,
        marked,
        marked_with_cue,
    ]
    # Two quotes of the same words do not drop each other.
    assert drop_nested([outer, twin]) == [outer, twin]
    # A cue before the enclosing quote's start: not inside it.
    assert drop_nested([inner, _quote(35, 100, 33, "ccomp-reporting-verb")])[0] == inner
    # Words reaching out of the enclosing quote: the quote adds words, it stays.
    wider = _quote(5, 90, 30, "parenthetical-reporting-verb")
    assert drop_nested([outer, wider]) == [outer, wider]
    # A transcript turn encloses nothing: its "I think ..." stays a quote of the turn.
    turn = _quote(0, 200, None, "transcript-turn")
    assert drop_nested([turn, inner]) == [turn, inner]


def test_a_quote_opening_a_paragraph_takes_the_said_after_it_not_the_one_before(
    quotes_of: QuoteBrief,
) -> None:
    # Two-apostrophe marks make the parser run the sentence on over the paragraph break
    # and hang the second quote from the first paragraph's "said".
    brief = quotes_of(
        "On the same day, Mr. Holm said of the episode, ''I don't like it,'' adding that "
        "''they have anger that's unbelievable.''\n\n"
        "''There's also great love for the country,'' he said. ''It's a beautiful thing.''"
    )
    love = [q for q in brief.quotes if "great love" in brief.text[q.start : q.end]]
    assert love
    for quote in love:
        assert quote.cue is not None and quote.speaker is not None
        assert quote.cue.start > quote.end
        assert words(brief, quote.speaker.start, quote.speaker.end) == "he"
        assert speaker_name(brief, quote) == "Holm"


def test_doubled_apostrophes_are_one_quotation(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("''The budget is balanced and the deficit will fall,'' Anna Berg said.")
    assert contents(brief) == ["The budget is balanced and the deficit will fall"]
    assert speaker_name(brief, brief.quotes[0]) == "Anna Berg"


def test_find_marked_reads_doubled_apostrophes_as_one_pair() -> None:
    text = "He said ''no, 'never' again'' and left; it's the firms' ''last word.''"
    found = [(m.start, m.end) for m in find_marked(text)]
    assert [text[a:b] for a, b in found] == ["no, 'never' again", "never", "last word."]


def test_an_opening_curly_mark_with_a_space_after_it_closes_a_quote() -> None:
    text = (
        '“The budget is out of balance," the group wrote. "A correction is needed now.“\n\n'
        "Prices rose again. The council asked for an “urgent review“ of the pipes."
    )
    marked = find_marked(text)
    assert [text[m.start : m.end] for m in marked] == [
        "The budget is out of balance,",
        "A correction is needed now.",
        "urgent review",
    ]


def test_the_second_sentence_of_a_sloppily_closed_quote_is_the_speakers(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        '"The budget is out of balance," the group wrote. "A correction is needed now.“\n\n'
        "Prices rose again last year, and the council met on Friday."
    )
    second = quote_with(brief, "A correction is needed now.")
    assert brief.text[second.start : second.end] == "A correction is needed now."
    assert speaker_name(brief, second) == "the group"
    assert not any("Prices rose" in brief.text[q.start : q.end] for q in brief.quotes)


def test_praising_positions_does_not_announce_the_next_paragraph(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Dana Lee praised the senator’s positions on defense.\n\n"
        "The senator needs a strong result in the next primary after a weak finish."
    )
    brief = quotes_of(text)
    assert not any(q.evidence.startswith("view-intro") for q in brief.quotes)
    assert not any("strong result" in brief.text[q.start : q.end] for q in brief.quotes)


def test_an_elided_word_or_year_opens_no_single_quote() -> None:
    text = (
        "“We taped six of ‘em in the ‘90s and I still watch ‘Game Night,’ too,” "
        "Sam Ortiz said. Fans of ‘emerald’ kits disagreed."
    )
    marked = find_marked(text)
    assert [text[m.start : m.end] for m in marked] == [
        "We taped six of ‘em in the ‘90s and I still watch ‘Game Night,’ too,",
        "Game Night,",
        "emerald",
    ]


def test_a_sentence_confirmed_by_experience_is_no_ones_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The two ports are close partners in trade. This is confirmed by the experience "
        "of many years of shipping between them.\n\n"
        "The ferry is full. This was stated by Harbour Master Anna Berg on Monday."
    )
    assert not any("close partners" in brief.text[q.start : q.end] for q in brief.quotes)
    ferry = quote_with(brief, "The ferry is full")
    assert speaker_name(brief, ferry) == "Anna Berg"


def test_a_verbless_sentence_after_an_attributed_quote_goes_on_with_it(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "The party met on Monday.\n\n"
        '"The rules were followed at every step," Dana Ash wrote in the email, which a '
        "party official first showed to reporters in the capital on Tuesday. "
        '"Reopening the nominations to permit a more acceptable candidate."\n\n'
        'Critics called the plan "a quiet coup."'
    )
    second = quote_with(brief, "Reopening the nominations to permit a more acceptable candidate.")
    assert speaker_name(brief, second) == "Dana Ash"
    assert not any(brief.text[q.start : q.end] == "a quiet coup." for q in brief.quotes)
