"""Who said it: transcript turns, speech acts that did not happen, agents, resolved speakers."""

from __future__ import annotations

import pytest

from presslens.brief import Brief, Quote
from quote_helpers import QuoteBrief, speaker_name


def content(brief: Brief, quote: Quote) -> str:
    return brief.text[quote.start : quote.end]


def turns(brief: Brief) -> list[Quote]:
    return [q for q in brief.quotes if q.evidence.startswith("transcript-turn")]


TRANSCRIPT = (
    "Meeting with the Minister of Agriculture Anna Berg\n\n"
    "President of Ruritania Marcus Holm: Good afternoon, Ms Berg. How is the harvest going?\n"
    "Anna Berg: Good afternoon, Mr President. The harvest is ahead of last year.\n"
    "We have brought in most of the grain. I think the rest will follow in a week.\n"
    "Marcus Holm: Thank you. Let us talk about the exports then."
)


def test_transcript_turns_are_quotes_of_their_speaker_across_paragraphs(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(TRANSCRIPT)
    found = turns(brief)
    assert [speaker_name(brief, q) for q in found] == ["Marcus Holm", "Anna Berg", "Marcus Holm"]
    assert content(brief, found[0]) == "Good afternoon, Ms Berg. How is the harvest going?"
    # The second turn runs over its paragraph break up to the next label.
    assert content(brief, found[1]).startswith("Good afternoon, Mr President.")
    assert content(brief, found[1]).endswith("I think the rest will follow in a week.")
    assert all(q.kind == "direct" and q.speaker and q.speaker.entity_id for q in found)


def test_first_person_inside_a_turn_is_the_turns_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(TRANSCRIPT)
    inner = [q for q in brief.quotes if "first-person->quote" in q.evidence]
    assert inner
    assert all(speaker_name(brief, q) == "Anna Berg" for q in inner)


def test_turns_after_a_sentence_end_in_a_flattened_text(quotes_of: QuoteBrief) -> None:
    text = (
        "The talks took place in the capital. Marcus Holm: We are glad to see you here. "
        "Anna Berg: Thank you, it is an honour to be here. Marcus Holm: Let us begin."
    )
    brief = quotes_of(text)
    found = turns(brief)
    assert [content(brief, q) for q in found] == [
        "We are glad to see you here.",
        "Thank you, it is an honour to be here.",
        "Let us begin.",
    ]


def test_question_and_answer_labels(quotes_of: QuoteBrief) -> None:
    text = (
        "An interview with Anna Berg, the minister of agriculture.\n"
        "Question: Will grain prices rise this winter?\n"
        "Answer: No, our stocks are large enough for the whole season.\n"
    )
    brief = quotes_of(text)
    question, answer = turns(brief)
    assert question.speaker is not None and question.speaker.entity_id is None
    assert question.speaker.name == "Question"
    assert speaker_name(brief, answer) == "Anna Berg"


def test_a_label_with_a_note_in_brackets(quotes_of: QuoteBrief) -> None:
    text = (
        "The press conference of Anna Berg and Marcus Holm.\n"
        "M. Holm (in French): We agree on the quotas.\n"
        "A. Berg (via interpreter): So do we, for the next two years.\n"
    )
    brief = quotes_of(text)
    found = turns(brief)
    assert [content(brief, q) for q in found] == [
        "We agree on the quotas.",
        "So do we, for the next two years.",
    ]
    assert [speaker_name(brief, q) for q in found] == ["Marcus Holm", "Anna Berg"]


def test_a_lone_place_label_is_no_turn(quotes_of: QuoteBrief) -> None:
    text = "Lisbon: The city council approved the new budget on Monday after a long debate."
    assert turns(quotes_of(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The state media did not mention the minister's visit to the border region.",
        "The agency never said that the minister had visited the border region.",
        "Someone might say that the minister visited the border region in secret.",
        "If the neighbours come and say that the border is closed, we will close the road.",
    ],
)
def test_negated_and_hypothetical_speech_is_no_quote(quotes_of: QuoteBrief, text: str) -> None:
    assert quotes_of(text).quotes == ()


def test_speech_foretold_inside_a_quote_is_no_quote_of_its_own(quotes_of: QuoteBrief) -> None:
    text = (
        '"They will come to our towns. We do not care, the soldiers will say, '
        'let us hold a vote," Anna Berg said.'
    )
    brief = quotes_of(text)
    assert [speaker_name(brief, q) for q in brief.quotes] == ["Anna Berg"]


def test_intentions_and_topics_are_no_quotes(quotes_of: QuoteBrief) -> None:
    text = (
        "The governor wants to build a new bridge over the river next year. "
        "The two ministers discussed international affairs at the dinner."
    )
    assert quotes_of(text).quotes == ()


def test_a_noun_phrase_that_is_no_agent_is_no_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "The country seeks legally binding guarantees ruling out the expansion of the "
        "alliance to the east."
    )
    brief = quotes_of(text)
    names = [q.speaker.name for q in brief.quotes if q.speaker is not None]
    assert not [n for n in names if n and "guarantees" in n]
    cues = [brief.text[q.cue.start : q.cue.end] for q in brief.quotes if q.cue]
    assert "ruling" not in cues


def test_the_head_of_state_resolves_to_the_president_named_before(quotes_of: QuoteBrief) -> None:
    text = (
        "Ruritanian President Marcus Holm met the press on Monday. "
        '"Our borders are safe and the army is ready," the Head of State remarked. '
        "The President added that the budget for the army would grow."
    )
    brief = quotes_of(text)
    assert brief.quotes
    for quote in brief.quotes:
        assert speaker_name(brief, quote) == "Marcus Holm"
        assert quote.speaker is not None
        words = brief.text[quote.speaker.start or 0 : quote.speaker.end or 0]
        assert words in ("the Head of State", "The President")


def test_a_description_without_a_matching_person_stays_unresolved(
    quotes_of: QuoteBrief,
) -> None:
    text = "Anna Berg visited the farm. The governor said that the harvest would be large."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert quote.speaker is not None and quote.speaker.entity_id is None


def test_a_pronoun_speaker_is_marked_and_resolved_when_the_text_allows(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Anna Berg spoke at the fair on Monday. She said that the harvest would be large. "
        "They said that the prices would fall."
    )
    brief = quotes_of(text)
    she = next(q for q in brief.quotes if "harvest" in content(brief, q))
    they = next(q for q in brief.quotes if "prices" in content(brief, q))
    assert she.speaker is not None and she.speaker.pronoun and she.speaker.entity_id
    assert they.speaker is not None and they.speaker.pronoun
    assert they.speaker.entity_id is None


def test_readout_positions_are_quotes_of_those_who_hold_them(quotes_of: QuoteBrief) -> None:
    text = (
        "Anna Berg met the trade delegation. The ministers expressed hope that the new "
        "customs rules will be adopted soon. Anna Berg noted the importance of keeping "
        "the border crossings open."
    )
    brief = quotes_of(text)
    contents = {content(brief, q): q for q in brief.quotes}
    hope = contents["the new customs rules will be adopted soon"]
    assert hope.cue is not None and brief.text[hope.cue.start : hope.cue.end] == "expressed hope"
    noted = contents["the importance of keeping the border crossings open"]
    assert speaker_name(brief, noted) == "Anna Berg"


def test_a_headline_never_joins_a_quote(quotes_of: QuoteBrief) -> None:
    text = (
        "Meeting with the Harbour Master Anna Berg\n\n"
        "At the start of the meeting, the minister noted a number of problems in the port, "
        "including the long queues of trucks at the gates."
    )
    brief = quotes_of(text)
    assert all(q.start > text.index("\n\n") for q in brief.quotes)


def test_he_after_a_described_speaker_is_that_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "Marcus Holm wrote the report for the port authority. A retired colonel of the coast "
        'guard believes that the harbour is safe. "We have seen far worse storms here," he said.'
    )
    brief = quotes_of(text)
    direct = next(q for q in brief.quotes if q.kind == "direct")
    assert direct.speaker is not None and direct.speaker.pronoun
    assert direct.speaker.entity_id is None
    assert "colonel" in (direct.speaker.name or "")


def test_a_cue_the_lexicons_miss_is_read_by_the_learned_model(quotes_of: QuoteBrief) -> None:
    # "decry" is in no lexicon; the PolNeAR-trained model calls it a cue.
    text = "The senator decried that the new tax plan was a gift to the banks."
    brief = quotes_of(text)
    (quote,) = brief.quotes
    assert content(brief, quote) == "that the new tax plan was a gift to the banks"
    assert quote.cue is not None and brief.text[quote.cue.start : quote.cue.end] == "decried"


def test_the_learned_model_adds_no_topic(quotes_of: QuoteBrief) -> None:
    assert quotes_of("The two ministers discussed the new tax plan at length.").quotes == ()


def test_the_learned_weights_load_as_plain_arrays() -> None:
    from presslens.layers.quotes.learned import MODEL_PATH, load_cue_model

    model = load_cue_model(MODEL_PATH)
    assert model is not None
    assert 0.5 <= model.threshold < 1.0
    assert "lemma=say" in model.weights


def test_a_person_named_after_a_described_speaker_is_nearer_for_he(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "The Foreign Minister of Ruritania shared several examples of the attacks. "
        'John Carter arrived later. "The moves of the troops are a threat to us," he said.'
    )
    brief = quotes_of(text)
    described = next(q for q in brief.quotes if "threat" in content(brief, q))
    assert speaker_name(brief, described) == "John Carter"


def test_the_authors_own_we_is_no_speaker_but_a_quoted_we_is(quotes_of: QuoteBrief) -> None:
    assert (
        quotes_of("We can only speculate about the clauses the two sides will change.").quotes == ()
    )
    # Inside a turn the "we" is the turn's speaker (inside quotation marks the clause is
    # part of the marked quote: tests/test_quotes_spans.py).
    brief = quotes_of(
        "Anna Berg: We plan to build the bridge and we urge the city to pay for it.\n"
    )
    urged = [q for q in brief.quotes if q.evidence.startswith("xcomp-intention-verb")]
    assert urged and all(speaker_name(brief, q) == "Anna Berg" for q in urged)


def test_this_was_stated_by_credits_the_sentence_before(quotes_of: QuoteBrief) -> None:
    text = (
        "The port will reopen in May once the repairs are finished. "
        "This was stated by Harbour Master Anna Berg during a press conference."
    )
    brief = quotes_of(text)
    (quote,) = [q for q in brief.quotes if q.evidence.startswith("said-by-after")]
    assert content(brief, quote) == "The port will reopen in May once the repairs are finished"
    assert speaker_name(brief, quote) == "Anna Berg"


def test_a_han_word_glued_on_by_a_translation_is_not_part_of_the_speaker(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Firstly, the spokesman of the harbour council特意 emphasized that the minister "
        "travelled at the governor's request."
    )
    (quote,) = [q for q in brief.quotes if content(brief, q).startswith("that the minister")]
    assert speaker_name(brief, quote) == "the spokesman of the harbour council"


def test_a_label_glued_to_a_heading_without_a_title_first(quotes_of: QuoteBrief) -> None:
    # "*** Speech at ... the Summit President of ...": the heading ran into the label.
    text = (
        "First session of the Summit\n\n"
        "The session was held in the capital.*** Speech at the first session of the Farm "
        "Summit President of Ruritania Marcus Holm: Colleagues, I shall speak about the "
        "harvest. I think grain prices will fall next year."
    )
    brief = quotes_of(text)
    (turn,) = turns(brief)
    assert speaker_name(brief, turn) == "Marcus Holm"
    assert content(brief, turn).startswith("Colleagues, I shall speak")
    inner = [q for q in brief.quotes if "first-person->quote" in q.evidence]
    assert inner and all(speaker_name(brief, q) == "Marcus Holm" for q in inner)


def test_capitalised_words_before_a_colon_without_a_title_open_no_turn(
    quotes_of: QuoteBrief,
) -> None:
    text = "The plan was announced at the Farm Summit Marcus Holm: Prices will fall next year."
    assert turns(quotes_of(text)) == []


def test_a_title_case_headline_naming_two_people_opens_no_turn(quotes_of: QuoteBrief) -> None:
    text = (
        "Anna Berg Backs Marcus Holm: The Race Tightens\n\n"
        "Anna Berg said on Monday that Marcus Holm would win the primary in March."
    )
    assert turns(quotes_of(text)) == []


def test_she_inside_a_quote_is_not_the_quotes_speaker(quotes_of: QuoteBrief) -> None:
    text = (
        "Senator Lena Marsh testified on Monday. Ida Kern, a teacher, disagreed.\n\n"
        "“We were face to face,” Kern said. “She told me it was the storm. "
        "She says ‘yes, that is what it was.’ And she knew it was not.”"
    )
    brief = quotes_of(text)
    inner = next(q for q in brief.quotes if content(brief, q).startswith("yes, that is"))
    assert speaker_name(brief, inner) == "Lena Marsh"


def test_she_in_an_editors_aside_inside_a_turn_is_the_turn_speaker(
    quotes_of: QuoteBrief,
) -> None:
    text = (
        "Meeting on the harvest\n\n"
        "Marcus Holm: Good afternoon. How is the harvest going?\n"
        "Anna Berg: Good afternoon. The harvest is ahead of last year. (Anna Berg went on to "
        "share figures on the grain, saying that the rest would follow.) She also reported on "
        "the declining prices in the country, which is attributable to the good weather, as "
        "well as ongoing exports: in May the prices fell by a tenth.\n"
    )
    brief = quotes_of(text)
    reported = next(q for q in brief.quotes if content(brief, q).startswith("in May the prices"))
    assert speaker_name(brief, reported) == "Anna Berg"
