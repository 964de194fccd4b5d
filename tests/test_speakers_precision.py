"""Who said it, precision first (issue 12): a speaker the text does not settle is left
unresolved, and words that are no one's speech are no quote."""

from __future__ import annotations

from presslens.brief import Brief, Quote
from quote_helpers import QuoteBrief, speaker_name


def content(brief: Brief, quote: Quote) -> str:
    return brief.text[quote.start : quote.end]


def speaker_words(brief: Brief, quote: Quote) -> str:
    assert quote.speaker is not None and quote.speaker.start is not None
    return brief.text[quote.speaker.start : quote.speaker.end]


def test_a_title_two_people_hold_names_the_one_the_story_is_about(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Ruritanian President John Miller spoke to reporters on Monday. John Miller said "
        "that he had met Bordurian President Peter Novak in the capital. "
        '"We agreed on the new railway," the Head of State said.'
    )
    brief = quotes_of(text)
    railway = next(q for q in brief.quotes if "railway" in content(brief, q))
    assert speaker_name(brief, railway) == "John Miller"


def test_a_title_two_people_hold_equally_often_stays_unresolved(quotes_of: QuoteBrief) -> None:
    text = (
        "Ruritanian President Anna Lind met Bordurian President Karl Weber on Monday. "
        '"We agreed on the new railway," the President said.'
    )
    brief = quotes_of(text)
    railway = next(q for q in brief.quotes if "railway" in content(brief, q))
    assert railway.speaker is not None and railway.speaker.entity_id is None


def test_the_asker_of_a_question_is_its_speaker_not_the_one_asked(quotes_of: QuoteBrief) -> None:
    text = (
        "When asked by a reporter whether the bridge would open in May, Anna Berg said "
        '"We will see."'
    )
    brief = quotes_of(text)
    asked = [q for q in brief.quotes if "bridge" in content(brief, q)]
    assert all(speaker_name(brief, q) != "Anna Berg" for q in asked)
    answer = next(q for q in brief.quotes if content(brief, q).startswith("We will see"))
    assert speaker_name(brief, answer) == "Anna Berg"


def test_a_reported_clause_does_not_lend_its_subject_to_the_next_said(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Mayor Anna Berg said the move was made by harbour master Karl Weber and said, "
        "“Who are you going to trust on safety and keeping people calm?”"
    )
    brief = quotes_of(text)
    question = next(q for q in brief.quotes if content(brief, q).startswith("Who"))
    assert speaker_name(brief, question) == "Anna Berg"
    assert "move" not in speaker_words(brief, question)


def test_a_headline_never_joins_a_speakers_words(quotes_of: QuoteBrief) -> None:
    text = (
        "Poland is interested in the new port - Ivan Petrenko\n\n"
        "President of Ukraine Ivan Petrenko said that he had discussed the port with the mayor."
    )
    brief = quotes_of(text)
    (port,) = [q for q in brief.quotes if "mayor" in content(brief, q)]
    assert "\n" not in speaker_words(brief, port)
    assert speaker_name(brief, port) == "Ivan Petrenko"


def test_agreeing_to_act_is_a_plan_and_mentioning_a_thing_a_topic(quotes_of: QuoteBrief) -> None:
    text = (
        "The two ministers agreed to instruct their deputies to prepare a new trade deal. "
        "Western newspapers mentioned the army's new budget on Monday."
    )
    assert quotes_of(text).quotes == ()


def test_agreeing_or_mentioning_that_something_is_so_is_a_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "The two ministers agreed that the new trade deal was fair. "
        "Anna Berg mentioned that the army's budget would grow."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert "that the new trade deal was fair" in found
    assert "that the army's budget would grow" in found


def test_according_to_after_an_opening_phrase_reports_the_words_after_it(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Anna Berg visited the port. At the same time, according to the minister, there are "
        "a number of technical issues that are difficult to resolve quickly."
    )
    brief = quotes_of(text)
    (issues,) = [q for q in brief.quotes if "technical issues" in content(brief, q)]
    assert content(brief, issues).startswith("there are a number of technical issues")


def test_as_they_say_marks_an_idiom_not_a_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "We can rearrange the chairs, as they say, or make other decisions, but basically "
        "nothing will change. The deal is dead, as the minister says."
    )
    brief = quotes_of(text)
    assert [content(brief, q) for q in brief.quotes] == ["The deal is dead"]


def test_a_writers_comment_after_the_quoted_words_is_no_part_of_them(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "The press release from the council emphasized that the minister went at the "
        '"president\'s request," which was clearly no coincidence. The mayor said the '
        "budget, which was approved in May, is too small."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert not [f for f in found if "coincidence" in f]
    assert any(f.startswith("that the minister went at the") for f in found)
    assert "the budget, which was approved in May, is too small" in found


def test_a_turn_label_run_into_a_note_is_still_the_named_person(quotes_of: QuoteBrief) -> None:
    text = (
        "Meeting with students\n\n"
        "Vladimir Petrov: Good afternoon, friends. I am glad to see you all here.\n"
        "Question: What should we study?\n"
        "Vladimir Petrov(on early career guidance): You raised a very important question. "
        "Start with mathematics and keep reading."
    )
    brief = quotes_of(text)
    guidance = next(q for q in brief.quotes if content(brief, q).startswith("You raised"))
    assert guidance.speaker is not None and guidance.speaker.entity_id is not None
    assert speaker_name(brief, guidance) == "Vladimir Petrov"


def test_an_infinitive_saying_what_an_object_shows_belongs_to_it(quotes_of: QuoteBrief) -> None:
    text = (
        "The President of Ruritania shared specific examples to illustrate the destructive "
        "nature of the policy to dismantle the agreements. Anna Berg praised the workers to "
        "win their votes."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert any(f.startswith("specific examples to illustrate the destructive") for f in found)
    assert "the workers to win their votes" not in found


def test_a_reason_after_a_warning_and_a_hope_carried_on_belong_to_the_words(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "The leaders expressed hope that the talks on this issue, which resumed in late "
        "November in Vienna, will be constructive, and will bring about solutions that would "
        "be acceptable to all the parties involved. In response, John Miller warned against "
        "shifting the responsibility on Ruritania, since it was the alliance that was "
        "undertaking dangerous attempts to gain a foothold on its territory."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert any(f.endswith("acceptable to all the parties involved") for f in found)
    assert any(f.endswith("to gain a foothold on its territory") for f in found)


def test_words_in_quotation_marks_end_at_the_closing_mark(quotes_of: QuoteBrief) -> None:
    text = (
        'When asked about the old laws, John Miller reportedly said, "You tell me," '
        "repeatedly, before he stopped responding to the reporter."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert "You tell me" in found
    assert not [f for f in found if "stopped responding" in f]


def test_and_said_opening_a_quotation_ends_the_words_before_it(quotes_of: QuoteBrief) -> None:
    text = (
        "Mayor Anna Berg said the move was made by harbour master Karl Weber and said, "
        "\u201cWho are you going to trust on safety and keeping people calm?\u201d "
        "John Miller said the plan was dead and the port would close."
    )
    brief = quotes_of(text)
    found = [content(brief, q) for q in brief.quotes]
    assert "the move was made by harbour master Karl Weber" in found
    assert "the plan was dead and the port would close" in found
