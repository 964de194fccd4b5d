"""Who said it and with which words, on the quotes the rules already find (issue 12): a
name labelling a quote, a speaker the parse left apart from the verb, a second verb of
saying that begins a new quote."""

from __future__ import annotations

from presslens.brief import Brief, Quote
from quote_helpers import QuoteBrief, contents, quote_with, speaker_name


def words(brief: Brief, quote: Quote) -> tuple[str | None, str | None]:
    """The words of the quote's speaker and cue (None where it has none)."""
    speaker, cue = quote.speaker, quote.cue
    said_by = None
    if speaker is not None and speaker.start is not None and speaker.end is not None:
        said_by = brief.text[speaker.start : speaker.end]
    return said_by, (brief.text[cue.start : cue.end] if cue is not None else None)


def test_a_name_before_a_colon_after_a_dash_labels_the_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "POLLS ARE NOT WRONG, JUST EARLY - Mark Blumenthal and Jon Cohen: "
        '"The early surveys have always moved a great deal in the last weeks."'
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "The early surveys have always moved a great deal in the last weeks.")
    assert quote.evidence == "marks+label"
    assert words(brief, quote) == ("Jon Cohen", None)


def test_a_name_after_a_verb_that_is_no_speech_is_no_label(quotes_of: QuoteBrief) -> None:
    text = 'The crowd cheered for Barack Obama: "He was the best president we have had in years."'
    brief = quotes_of(text)
    assert all(q.evidence != "marks+label" for q in brief.quotes)
    assert all(speaker_name(brief, q) != "Barack Obama" for q in brief.quotes)


def test_a_label_read_as_a_transcript_turn_is_one_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "Governor John Kasich spoke in Ohio on Tuesday.\n\n"
        'Kasich: "We are going to go all the way to Cleveland and win the nomination."'
    )
    brief = quotes_of(text)
    about = [q for q in brief.quotes if "Cleveland" in brief.text[q.start : q.end]]
    assert len(about) == 1, contents(brief)
    assert speaker_name(brief, about[0]) == "John Kasich"


def test_a_name_set_off_by_commas_before_said_is_its_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
        "“Hillary Clinton believes that transatlantic cooperation is essential.”"
    )
    brief = quotes_of(text)
    quote = quote_with(
        brief, "Hillary Clinton believes that transatlantic cooperation is essential."
    )
    assert words(brief, quote) == ("Jake Sullivan", "said")


def test_a_phrase_between_a_name_and_said_leaves_the_name_the_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "“We have had more successful conventions than this one,” Texas delegate Bill "
        "Eastland, wearing a cowboy hat and campaign pins, said as confetti fell."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "We have had more successful conventions than this one")
    assert words(brief, quote) == ("Bill Eastland", "said")


def test_a_second_verb_of_saying_begins_a_quote_of_the_same_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Donald Trump insisted that he has expanded the party, claiming that he is "
        "responsible for the higher turnout in the primary states."
    )
    brief = quotes_of(text)
    assert contents(brief) == [
        "that he has expanded the party",
        "that he is responsible for the higher turnout in the primary states",
    ]
    first, second = brief.quotes
    assert words(brief, first) == ("Donald Trump", "insisted")
    assert words(brief, second) == ("Donald Trump", "claiming")


def test_speech_of_someone_inside_the_reported_clause_stays_in_it(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Mayor Anna Berg said that other mayors look at the harbour plan and say it is "
        "too expensive for them."
    )
    brief = quotes_of(text)
    quote = quote_with(
        brief, "that other mayors look at the harbour plan and say it is too expensive for them"
    )
    assert speaker_name(brief, quote) == "Anna Berg"


def test_a_verb_of_saying_under_a_modal_stays_in_the_reported_clause(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Mayor Anna Berg said the new officials will have the right skills and can confirm "
        "their qualifications in the first year."
    )
    brief = quotes_of(text)
    quote = quote_with(
        brief,
        "the new officials will have the right skills and can confirm their qualifications "
        "in the first year",
    )
    assert speaker_name(brief, quote) == "Anna Berg"


def test_an_adverb_before_a_second_verb_of_saying_goes_with_it(quotes_of: QuoteBrief) -> None:
    text = (
        "Governor Igor Petrov reported that the bypass road had reopened and also noted "
        "that the northern road would be twenty kilometres long."
    )
    brief = quotes_of(text)
    assert contents(brief) == [
        "that the bypass road had reopened",
        "that the northern road would be twenty kilometres long",
    ]
    assert [speaker_name(brief, q) for q in brief.quotes] == ["Igor Petrov", "Igor Petrov"]


def test_the_one_asked_is_no_speaker_of_the_question(quotes_of: QuoteBrief) -> None:
    text = (
        "Asked whether the harbour would reopen in May, Mayor Anna Berg said she hoped so. "
        "Governor Karl Weber was asked to name a single project he had finished."
    )
    brief = quotes_of(text)
    question = quote_with(brief, "whether the harbour would reopen in May")
    assert question.speaker is None
    task = quote_with(brief, "to name a single project he had finished")
    assert task.speaker is None


def test_a_view_held_in_the_passive_keeps_its_holder(quotes_of: QuoteBrief) -> None:
    text = "Mayor Anna Berg is convinced that the harbour will reopen in May."
    brief = quotes_of(text)
    quote = quote_with(brief, "that the harbour will reopen in May")
    assert speaker_name(brief, quote) == "Anna Berg"


def test_a_document_agreed_in_the_passive_speaks_its_text(quotes_of: QuoteBrief) -> None:
    text = (
        "After the meeting, the text of the joint statement was agreed as follows: the "
        "parties will reopen the border crossing for freight trains by the end of May."
    )
    brief = quotes_of(text)
    quote = next(q for q in brief.quotes if "freight trains" in brief.text[q.start : q.end])
    assert words(brief, quote)[0] == "the text of the joint statement"


def test_the_sender_of_a_message_speaks_not_its_addressees(quotes_of: QuoteBrief) -> None:
    text = "The Vermont senator emailed supporters saying that the struggle continues in May."
    brief = quotes_of(text)
    quote = quote_with(brief, "that the struggle continues in May")
    assert words(brief, quote) == ("The Vermont senator", "saying")


def test_a_speaker_described_by_what_it_shows_ends_before_it(quotes_of: QuoteBrief) -> None:
    text = "The ministry released documents showing that the new bridge will cost more."
    brief = quotes_of(text)
    quote = quote_with(brief, "that the new bridge will cost more")
    assert words(brief, quote) == ("documents", "showing")


def test_a_full_name_after_a_dash_labels_the_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "TURNOUT DECIDED THE RACE - Harold Quimbly: "
        "“Two weeks ago the strongest territory had been the South.”"
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "Two weeks ago the strongest territory had been the South.")
    assert words(brief, quote) == ("Harold Quimbly", None)


def test_a_marked_quote_inside_a_headline_turn_is_the_turn_speakers(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Weber: Berg Would Put Tolls On The Bridge, "
        "‘I Fear The Same Thing Is True’ for the Quay.\n\n"
        "Governor Karl Weber spoke in the port on Tuesday."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "I Fear The Same Thing Is True")
    assert quote.evidence == "marks+turn"
    assert speaker_name(brief, quote) == "Karl Weber"


def test_a_dateline_place_gives_way_to_the_person_after_it(quotes_of: QuoteBrief) -> None:
    text = (
        "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates "
        "at the convention that the use of a private server should disqualify her."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that the use of a private server should disqualify her")
    assert words(brief, quote) == ("Michael Mukasey", "told")


def test_a_place_with_no_one_beside_it_still_speaks(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("Kyiv said that the talks would resume on Monday.")
    quote = quote_with(brief, "that the talks would resume on Monday")
    assert words(brief, quote) == ("Kyiv", "said")
