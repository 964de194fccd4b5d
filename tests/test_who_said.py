"""Who said it on the texts analysts bring: glued transcript labels, inverted and plural
speakers, headings and greetings that are no quotes (issue 12)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presslens.brief import Brief
from quote_helpers import QuoteBrief, contents, quote_with, speaker_name

# A scrape glued the guest's profile card into her label, with a space before the colon.
GLUED_CARD = (
    "Meeting with Anna Berg\n\n"
    "President of Ruritania Marcus Holm: Good afternoon, Ms Berg. "
    "Anna Berg Berg AnnaMinister of Agriculture : Good afternoon, Mr President. "
    "Marcus Holm: How is the harvest going this year? "
    "Anna Berg: The harvest is good, we gathered more grain than last year. "
    "Marcus Holm: Thank you. Good luck."
)


def test_a_label_with_a_glued_profile_card_opens_its_own_turn(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(GLUED_CARD)
    first = quote_with(brief, "Good afternoon, Ms Berg.")
    assert speaker_name(brief, first) == "Marcus Holm"
    reply = quote_with(brief, "Good afternoon, Mr President.")
    later = quote_with(brief, "The harvest is good, we gathered more grain than last year.")
    # Her, the person of her later turn, not a name read across the glued card.
    assert reply.speaker is not None and later.speaker is not None
    assert reply.speaker.entity_id is not None
    assert reply.speaker.entity_id == later.speaker.entity_id
    assert "Minister" not in (speaker_name(brief, reply) or "")


def test_thanks_in_a_turn_is_no_quote_of_its_own(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(GLUED_CARD)
    assert "you" not in contents(brief)
    assert speaker_name(brief, quote_with(brief, "Thank you. Good luck.")) == "Marcus Holm"


def test_a_name_after_the_verb_that_follows_a_quote_is_its_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        '"There are many small trials going on in the region but nothing of any substance," '
        "added Halvorsen."
    )
    brief = quotes_of(text)
    quote = quote_with(
        brief, "There are many small trials going on in the region but nothing of any substance"
    )
    assert quote.speaker is not None and quote.speaker.start is not None
    assert text[quote.speaker.start : quote.speaker.end] == "Halvorsen"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "The ministry spoke at noon. "
            '"The border will be closed for trucks next week" Although the decree was '
            "signed, nobody has seen it yet.",
            "The border will be closed for trucks next week",
        ),
        (
            "The talks ended late at night.\n\n"
            '"The council has made its decision..." - the news reached the capital\n\n'
            "Nobody in the capital expected it.",
            "The council has made its decision...",
        ),
    ],
)
def test_a_quoted_heading_is_no_quote(quotes_of: QuoteBrief, text: str, heading: str) -> None:
    assert heading not in contents(quotes_of(text))


def test_a_dash_byline_set_with_no_break_spaces_names_the_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Readers wrote to us.\n"
        "\u201cI cannot believe how little the council has done for our street.\u201d"
        "\u00a0\u2015\u00a0Jacklyn Ashworth\u00a0\n"
        "\u201cWe will vote them out of office next spring.\u201d \u2015 Pedro Almeida\n"
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "I cannot believe how little the council has done for our street.")
    assert quote.evidence == "marks+dash"
    assert speaker_name(brief, quote) == "Jacklyn Ashworth"


def test_according_to_after_a_linking_word_leaves_the_cue_out_of_the_content(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Mayor Lena Ortiz met the traders on Monday. However, according to the mayor, it is "
        "necessary to put pressure on the suppliers rather than persuade them."
    )
    brief = quotes_of(text)
    quote = quote_with(
        brief, "it is necessary to put pressure on the suppliers rather than persuade them"
    )
    assert quote.evidence.startswith("according-to")


def test_they_after_a_group_that_spoke_is_that_group(quotes_of: QuoteBrief) -> None:
    text = (
        "The two ministers stressed that the trade deal must be signed before winter. "
        "They emphasised the need to remember the lessons of the last crisis."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "the need to remember the lessons of the last crisis")
    assert quote.speaker is not None and quote.speaker.pronoun
    assert quote.speaker.name == "The two ministers"


def test_they_with_no_group_before_stays_a_pronoun(quotes_of: QuoteBrief) -> None:
    text = (
        "The harbour closed early on Monday. "
        "They emphasised the need to remember the lessons of the last crisis."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "the need to remember the lessons of the last crisis")
    assert quote.speaker is not None and quote.speaker.name == "They"


def test_a_claim_in_a_transcript_leaves_the_turn_label_out(
    brief_of: Callable[..., Brief],
) -> None:
    text = (
        "Meeting with Anna Berg\n\n"
        "Marcus Holm: Ms Berg, how many farms joined the programme? "
        "Anna Berg: Nine hundred farms joined the programme in 2023, twice as many as before. "
        "Marcus Holm: Good."
    )
    brief = brief_of(text, layers=frozenset({"entities", "quotes", "claims"}))
    claim = next(c for c in brief.claims if any(a.value == 900 for a in c.amounts))
    assert text[claim.start : claim.end].startswith("Nine hundred farms")
    assert claim.source is not None and claim.source.name == "Anna Berg"


@pytest.mark.parametrize("country", ["Russia", "Ruritania"])
def test_a_lone_speech_label_names_its_speaker_and_the_i_inside(
    quotes_of: QuoteBrief, country: str
) -> None:
    text = (
        "Expanded meeting of the Fisheries Board\n\n"
        f"President of {country} Marcus Holm: Comrades, good afternoon. We have always paid "
        "attention to the fleet. I would like to note that the catch has grown a great deal "
        "this year."
    )
    brief = quotes_of(text)
    turn = next(q for q in brief.quotes if q.evidence == "transcript-turn")
    assert text[turn.start :].startswith("Comrades, good afternoon.")
    inner = quote_with(brief, "that the catch has grown a great deal this year")
    assert speaker_name(brief, turn) == speaker_name(brief, inner) == "Marcus Holm"


def test_a_third_partys_position_inside_a_speech_is_the_speakers_words(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Marcus Holm: Good afternoon. The ministry condemned the closure of the harbour. "
        "We will discuss it today. "
        "Anna Berg: We have prepared a report on the harbour for you."
    )
    brief = quotes_of(text)
    assert "the closure of the harbour" not in contents(brief)
    assert quote_with(brief, text[text.index("Good afternoon.") : text.index(" Anna Berg:")])


def test_a_long_title_before_a_name_resolves_its_description(quotes_of: QuoteBrief) -> None:
    text = (
        "On Monday, Deputy Prime Minister - Minister for Reintegration of the Temporarily "
        "Occupied Territories, Olga Marchenko, visited the city. "
        "The Deputy Prime Minister stressed that the buses would leave the city at nine."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that the buses would leave the city at nine")
    assert speaker_name(brief, quote) == "Olga Marchenko"


def test_a_title_before_someone_else_does_not_pass_to_the_next_name(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Prime Minister Anders Lund met the farmers. Later Mark Olsen, a farmer from the "
        "north, spoke to them. The Prime Minister said that the grain prices would be fixed."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that the grain prices would be fixed")
    assert speaker_name(brief, quote) == "Anders Lund"


def test_i_in_an_article_by_a_named_person_is_that_person(quotes_of: QuoteBrief) -> None:
    text = (
        "Article by Mayor Anna Berg on the future of the harbour\n\n"
        "The harbour has served our towns for two centuries. I believe that it will serve "
        "them for two more if we invest in it now."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that it will serve them for two more if we invest in it now")
    assert quote.speaker is not None and quote.speaker.pronoun
    assert speaker_name(brief, quote) == "Anna Berg"
    assert quote.speaker.start is not None
    assert text[quote.speaker.start : quote.speaker.end] == "I"


def test_i_under_a_plain_headline_stays_unresolved(quotes_of: QuoteBrief) -> None:
    text = (
        "Mayor Anna Berg visits the harbour\n\n"
        "The harbour has served our towns for two centuries. I believe that it will serve "
        "them for two more if we invest in it now."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that it will serve them for two more if we invest in it now")
    assert quote.speaker is not None and quote.speaker.entity_id is None


def test_a_title_in_the_sentence_before_a_name_is_not_that_persons(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Telephone conversation with Prime Minister of Ruritania Anna Berg\n\n"
        "The President of Norland informed Anna Berg about the talks. "
        "The President of Norland noted that the border would stay open."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that the border would stay open")
    assert quote.speaker is not None and quote.speaker.entity_id is None


def test_a_title_joined_by_to_before_a_name_resolves_its_description(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "This was stated by Adviser to the Head of the Office of the Mayor Olga Marchenko. "
        "The Adviser to the Mayor noted that the buses would leave the city at nine."
    )
    brief = quotes_of(text)
    quote = quote_with(brief, "that the buses would leave the city at nine")
    assert speaker_name(brief, quote) == "Olga Marchenko"
