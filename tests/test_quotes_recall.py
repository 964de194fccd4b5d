"""What the quote rules found short or wrongly on PolNeAR train (issue 12), on texts we wrote."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from presslens.brief import Brief, Quote
from presslens.layers.quotes.marked import _name_before
from presslens.layers.quotes.subjects import subject_of
from quote_helpers import QuoteBrief, contents, quote_with, speaker_name


def test_a_judgement_keeps_its_as_or_for_phrase(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The senator praised the mayor for defying the party leaders over the budget.\n\n"
        "Investigators named the contractor as a possible source of the leak."
    )
    praised = quote_with(brief, "the mayor for defying the party leaders over the budget")
    assert speaker_name(brief, praised) == "The senator"
    assert brief.text[praised.cue.start : praised.cue.end] == "praised"  # type: ignore[union-attr]
    quote_with(brief, "the contractor as a possible source of the leak")


def test_a_phrase_after_the_object_that_is_no_judgement_stays_out(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("The governor cited the audit in a radio interview on Monday.")
    quote_with(brief, "the audit")
    assert not any("interview" in c for c in contents(brief))


SECTIONS = (
    "Three ideas worth another look\n\n"
    "The candidates who dropped out left some proposals behind.\n\n"
    "Anna Berg: Student loans Some ideas do come to pass. Anna Berg's plan would let "
    "borrowers pay back a share of their income.\n\n"
    "Marcus Holm: Credit scores On his website, Senator Marcus Holm calls for a new "
    "kind of credit report.\n"
)


def test_sections_headed_by_names_are_no_transcript(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(SECTIONS)
    assert not [q for q in brief.quotes if q.evidence.startswith("transcript-turn")]


def test_a_transcript_whose_speaker_is_named_in_one_turn_keeps_its_turns(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Meeting with the Minister of Agriculture Anna Berg\n\n"
        "Marcus Holm: Good afternoon. Ms Berg, how is the harvest going?\n"
        "Anna Berg: Good afternoon. The harvest is ahead of last year.\n"
    )
    found = [q for q in brief.quotes if q.evidence.startswith("transcript-turn")]
    assert [speaker_name(brief, q) for q in found] == ["Marcus Holm", "Anna Berg"]


def test_of_two_clauses_the_one_after_the_verb_is_reported(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The mayor framed the budget as a matter of public safety; by contrast, "
        "the council members have often argued that the city would be safer with more parks."
    )
    argued = quote_with(brief, "that the city would be safer with more parks")
    assert speaker_name(brief, argued) == "the council members"
    assert not any(c.startswith("The mayor framed") for c in contents(brief))


def test_as_someone_reported_attributes_the_sentence(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "As the newspaper reported on Monday, the agency sent letters to the foundation.\n\n"
        "The economy has grown for six straight years, as the senator noted."
    )
    reported = quote_with(brief, "the agency sent letters to the foundation")
    assert speaker_name(brief, reported) == "the newspaper"
    noted = quote_with(brief, "The economy has grown for six straight years")
    assert speaker_name(brief, noted) == "the senator"


def test_as_someone_reported_after_a_linking_word_or_in_the_passive(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "But as a local reporter noted, the minister did not fill half of the hall.\n\n"
        "As reported by the Norland Herald, the agency had known about the leak for months."
    )
    noted = quote_with(brief, "the minister did not fill half of the hall")
    assert speaker_name(brief, noted) == "a local reporter"
    reported = quote_with(brief, "the agency had known about the leak for months")
    assert speaker_name(brief, reported) == "Norland Herald"


def test_as_someone_said_goodbye_is_no_parenthetical(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "As the mayor said goodbye, the crowd cheered loudly for a long time.\n\n"
        "As expected by analysts, the central bank raised its rate again."
    )
    assert not brief.quotes


def test_the_passive_subject_of_a_parenthetical_verb_is_no_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Built on the orders of the mayor, the new bridge over the river was unveiled on Monday."
    )
    assert not brief.quotes


def test_a_that_clause_after_a_phrase_of_the_verb_is_what_was_said(
    quotes_of: QuoteBrief,
) -> None:
    # The parser hangs the clause on "messages" and on "radio" as a relative clause.
    brief = quotes_of(
        "Anna Berg, a former mayor of Lund, said in one of a series of online messages that "
        "the truck was carrying arms when it struck the crowd.\n\n"
        "Marcus Holm said on national radio, where he is now a paid contributor, that the "
        "manager should be held to account for the speech."
    )
    berg = quote_with(brief, "that the truck was carrying arms when it struck the crowd")
    assert speaker_name(brief, berg) == "Anna Berg"
    holm = quote_with(brief, "that the manager should be held to account for the speech")
    assert speaker_name(brief, holm) == "Marcus Holm"


def test_according_to_after_a_linking_word_sources_the_clause_it_opens(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "He will probably attend the debate, because, according to Marcus Holm, the press "
        "would call him a coward if he stayed away.\n\n"
        "The talks failed, but according to officials, a new round is planned for May.\n\n"
        "He left the country ten years ago after, according to Anna Berg, the station "
        "censored his first report."
    )
    holm = quote_with(brief, "the press would call him a coward if he stayed away")
    assert speaker_name(brief, holm) == "Marcus Holm"
    quote_with(brief, "a new round is planned for May")
    berg = quote_with(brief, "the station censored his first report")
    assert speaker_name(brief, berg) == "Anna Berg"
    openers = ("He will probably", "The talks failed", "He left")
    assert not any(c.startswith(openers) for c in contents(brief))


def test_as_in_time_with_an_object_is_no_parenthetical(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("The band played on as the crowd cheered the singer.")
    assert not any("band played" in c for c in contents(brief))


def test_a_bare_noun_of_speech_is_no_content(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Disclaimer: The article expresses the author's personal views.\n\n"
        "The governor voiced serious concern about the new tariffs on steel."
    )
    assert not any("personal views" in c for c in contents(brief))
    quote_with(brief, "serious concern about the new tariffs on steel")


def test_a_quote_with_mixed_marks_is_still_a_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "“The plan has a lot of good parts, and the voters like it,” said Doyle, a governor. "
        '“He deservedly has that appeal among the voters."'
    )
    chained = quote_with(brief, "He deservedly has that appeal among the voters.")
    assert speaker_name(brief, chained) == "Doyle"


def test_blame_and_liken_keep_their_own_phrase(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The mayor blamed the violence on a disturbed person rather than on his religion.\n\n"
        "The governor likened the plan to a tax on the poor."
    )
    quote_with(brief, "the violence on a disturbed person")
    quote_with(brief, "the plan to a tax on the poor")


def cue_words(brief: Brief, quote: Quote) -> str:
    assert quote.cue is not None
    return brief.text[quote.cue.start : quote.cue.end]


def test_a_speaking_it_is_the_organisation_before_it(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The Harbour Workers Union published its review on Tuesday. "
        "''Keep the night shifts at their current level for another year,'' it said."
    )
    recommended = quote_with(brief, "Keep the night shifts at their current level for another year")
    assert recommended.speaker is not None
    assert brief.text[recommended.speaker.start : recommended.speaker.end] == "it"
    assert recommended.speaker.pronoun
    assert cue_words(brief, recommended) == "said"
    assert speaker_name(brief, recommended) == "Harbour Workers Union"


def test_an_expletive_it_is_no_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("It is said that the bridge will close in May for repairs.")
    assert not [q for q in brief.quotes if q.speaker and q.speaker.name == "It"]


def test_a_question_asked_with_if_is_what_was_asked(quotes_of: QuoteBrief) -> None:
    # With a listener ("asked the drivers if") the parser hangs the question on "asked"
    # as an adverbial clause, not a clausal complement.
    brief = quotes_of(
        "At the depot, Senator Alma Ruiz asked the drivers if they planned to strike."
    )
    asked = quote_with(brief, "if they planned to strike")
    assert speaker_name(brief, asked) == "Alma Ruiz"
    assert cue_words(brief, asked).startswith("asked")


def test_a_name_after_said_is_the_speaker_whatever_follows_it(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "''The new ferry runs late more often than the old one did,'' said Tomas Lind, half joking."
    )
    ferry = quote_with(brief, "The new ferry runs late more often than the old one did")
    assert speaker_name(brief, ferry) == "Tomas Lind"
    assert not any("half joking" in c for c in contents(brief))


def test_a_carried_quote_takes_the_cue_of_the_words_it_continues(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "''We need the new statute,'' Ms. Vega said, adding that the bankruptcy law passed by "
        "the council last spring was far too weak to help any of the small firms. "
        "''Give us the tool and we will finish what we are doing.''"
    )
    carried = quote_with(brief, "Give us the tool and we will finish what we are doing.")
    assert carried.evidence == "marks+carried"
    assert cue_words(brief, carried) == "said"


def test_a_clause_run_into_the_next_paragraph_swallows_no_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The aide who drove her to the hotel, Ms. Arden recalled, asked her what she did on "
        "the governor's staff.\n\n"
        "''People still assume that women do not give money,'' Ms. Arden said. "
        "''We are that rare.''"
    )
    first = quote_with(brief, "People still assume that women do not give money")
    assert speaker_name(brief, first) == "Arden"
    assert first.cue is not None and brief.text[first.cue.start : first.cue.end] == "said"


def test_a_short_exclamation_before_she_said_is_her_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("“What a night!” she said. “The whole street came out to cheer.”")
    short = quote_with(brief, "What a night!")
    assert short.speaker is not None and short.speaker.name == "she"
    assert quote_with(brief, "The whole street came out to cheer.").speaker is not None


def test_a_short_title_before_a_verb_stays_no_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("Critics of “Long Road” said the film was too slow.")
    assert "Long Road" not in contents(brief)


def test_a_full_stop_in_the_marks_then_smith_said_is_smiths_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The candidate caused a stir on Wednesday.\n\n"
        "“Voters, if you are listening, I hope you will read the whole plan.” Smith said."
    )
    hope = quote_with(brief, "Voters, if you are listening, I hope you will read the whole plan.")
    assert speaker_name(brief, hope) == "Smith"


def test_what_events_show_is_no_quote_but_what_a_poll_shows_is(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "Other crises on the regional energy markets have shown how essential it is to "
        "keep supplies steady.\n\n"
        "History shows that such sanctions rarely work.\n\n"
        "Recent polls show that most voters back the new plan."
    )
    assert contents(brief) == ["that most voters back the new plan"]
    assert speaker_name(brief, brief.quotes[0]) == "Recent polls"


# -- issue 12, recall on PolNeAR train: content boundaries and speakers ------------------------


def test_a_reported_clause_keeps_its_that_and_the_cue_is_the_verb(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The auditor said that the county had overspent on roads.\n\n"
        "A reporter asked whether the bridge would reopen before winter."
    )
    said = quote_with(brief, "that the county had overspent on roads")
    assert brief.text[said.cue.start : said.cue.end] == "said"  # type: ignore[union-attr]
    asked = quote_with(brief, "whether the bridge would reopen before winter")
    assert speaker_name(brief, asked) == "A reporter"


def test_marks_after_that_open_the_quote_at_that(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("The senator said that “we have to do better as a country.”")
    quote = quote_with(brief, "that “we have to do better as a country.”")
    assert speaker_name(brief, quote) == "The senator"
    assert len(brief.quotes) == 1


def test_a_clause_ending_in_marks_is_one_mixed_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of("The mayor said that the budget “is a disaster.”")
    assert contents(brief) == ["that the budget “is a disaster.”"]
    assert brief.quotes[0].kind == "mixed"


def test_the_short_second_half_of_a_split_quote_is_kept(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "“Everything you said and everything I said,” the judge said, “has completely overlapped.”"
    )
    second = quote_with(brief, "has completely overlapped.")
    first = quote_with(brief, "Everything you said and everything I said")
    assert speaker_name(brief, second) == speaker_name(brief, first) == "the judge"


def test_a_short_marked_phrase_after_an_unrelated_quote_stays_a_scare_quote(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "“We will not raise taxes this year,” the governor said. Critics called the plan "
        "a “paper tiger” on Friday."
    )
    assert not any(c == "paper tiger" for c in contents(brief))


def test_called_for_reports_the_wish_that_follows(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The senator has called for the minimum wage to be raised to $15 by 2020.\n\n"
        "He waited for the bus to arrive before he left."
    )
    called = quote_with(brief, "the minimum wage to be raised to $15 by 2020")
    assert brief.text[called.cue.start : called.cue.end] == "called for"  # type: ignore[union-attr]
    assert not any("bus" in c for c in contents(brief))


def test_a_statement_an_agent_issued_is_the_agents_words(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The ministry issued a statement saying that the talks would resume in May.\n\n"
        "A report released on Monday said that crime had fallen."
    )
    issued = quote_with(brief, "that the talks would resume in May")
    assert speaker_name(brief, issued) == "The ministry"
    report = quote_with(brief, "that crime had fallen")
    assert speaker_name(brief, report) != "Monday"


def test_a_gerund_after_a_preposition_speaks_for_the_clauses_subject(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Ms. Lee, after first saying she would not run ads in the state, bought time on radio."
        "\n\nMr. Ortiz answered the charge by pointing out that she had once opposed the plan."
    )
    saying = quote_with(brief, "she would not run ads in the state")
    assert speaker_name(brief, saying) == "Lee"
    pointing = quote_with(brief, "that she had once opposed the plan")
    assert speaker_name(brief, pointing) == "Ortiz"


def test_without_saying_and_being_told_lend_no_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "He left without saying that the deal was off.\n\n"
        "The agency acted after being warned by the embassy that the man was a threat."
    )
    assert not any(c.endswith("the deal was off") for c in contents(brief))
    assert all(speaker_name(brief, q) != "The agency" for q in brief.quotes)


def test_a_judgement_keeps_what_it_is_about(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The senator mocked the governor's bluster about a better trade deal with Canada.\n\n"
        "The union criticized the company over its handling of the layoffs."
    )
    mocked = quote_with(brief, "the governor's bluster about a better trade deal with Canada")
    assert speaker_name(brief, mocked) == "The senator"
    quote_with(brief, "the company over its handling of the layoffs")


def test_marks_opened_inside_a_clause_go_on_with_its_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The mayor on Thursday stepped up his attacks on Lopez, saying she is "
        '"soft on crime, you know that. Soft - Lopez - soft on crime."'
    )
    (quote,) = brief.quotes
    assert brief.text[quote.start : quote.end].endswith('Soft - Lopez - soft on crime."')
    assert quote.kind == "mixed"
    assert speaker_name(brief, quote) == "The mayor"


def test_in_the_passive_the_by_agent_speaks_and_the_one_asked_does_not(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Rubio was asked by the moderator Gerard Baker whether his plan would cost too much."
        "\n\nLopez was asked whether she would run again."
    )
    asked = quote_with(brief, "whether his plan would cost too much")
    assert speaker_name(brief, asked) == "Gerard Baker"
    assert all(speaker_name(brief, q) != "Lopez" for q in brief.quotes)


def test_according_to_sources_with_a_clause_of_their_own_sources_the_words_before(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "Now the bureau is looking into whether the mayor broke the law, according to three "
        "sources who spoke to the paper but were not authorized to speak publicly."
    )
    quote = quote_with(brief, "Now the bureau is looking into whether the mayor broke the law")
    assert speaker_name(brief, quote) == "three sources"
    assert not any(c.startswith("were not authorized") for c in contents(brief))


def test_someone_made_to_speak_is_the_speaker(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The abrupt announcement led some members to speculate that the split was about money."
        "\n\nThe poll prompted officials to warn that turnout could fall."
    )
    speculate = quote_with(brief, "that the split was about money")
    assert speaker_name(brief, speculate) == "some members"
    warn = quote_with(brief, "that turnout could fall")
    assert speaker_name(brief, warn) == "officials"


def test_verbs_of_saying_seen_unattributed_in_train_attribute(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        'Anna Berg shared her view.\n\n"The way I see it," she elaborated, "no one ever '
        'doubted the plan."\n\n"What was the turning point that changed his mind?" '
        "Marcus Holm questioned."
    )
    first = quote_with(brief, "The way I see it")
    assert brief.text[first.cue.start : first.cue.end] == "elaborated"  # type: ignore[union-attr]
    question = quote_with(brief, "What was the turning point that changed his mind?")
    assert speaker_name(brief, question) == "Marcus Holm"


def _parsed(
    words: list[str], tags: list[str], pos: list[str], deps: list[str], heads: list[int]
) -> Doc:
    return Doc(Vocab(), words=words, tags=tags, pos=pos, deps=deps, heads=heads)


def test_a_title_and_name_before_a_subjectless_verb_of_saying_are_its_speaker() -> None:
    # The parse of '..., " screenwriter Anna Berg wrote on Twitter.' seen on PolNeAR train:
    # the title tagged as a verb, the name its object, "wrote" without a subject.
    words = [",", '"', "screenwriter", "Anna", "Berg", "wrote", "on", "Twitter"]
    tags = [",", "''", "VB", "NNP", "NNP", "VBD", "IN", "NNP"]
    pos = ["PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "VERB", "ADP", "PROPN"]
    deps = ["punct", "punct", "parataxis", "compound", "dobj", "ROOT", "prep", "pobj"]
    heads = [5, 5, 5, 4, 2, 5, 5, 6]
    doc = _parsed(words, tags, pos, deps, heads)
    doc[5].lemma_ = "write"
    found = _name_before(doc[1:5], doc[5])
    assert found is not None and found.i == 4
    said = _parsed(
        ['"', "she", "wrote"],
        ["''", "PRP", "VBD"],
        ["PUNCT", "PRON", "VERB"],
        ["punct", "nsubj", "ROOT"],
        [2, 2, 2],
    )
    said[2].lemma_ = "write"
    assert _name_before(said[0:2], said[2]) is None  # a pronoun subject: the parse's own


def test_a_text_that_reads_is_the_speaker_and_a_reader_is_not(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The council published its reply on Monday.\n\n"
        '"Writing this reply took our team of lawyers many weeks of work," read the '
        "statement, which was signed by the mayor.\n\n"
        'Residents gathered at the gate. "No more delays for the new bridge," the sign read.\n\n'
        'Later the teacher opened the book. "Once upon a time there was a king," she read.'
    )
    statement = quote_with(brief, "Writing this reply took our team of lawyers many weeks of work")
    assert speaker_name(brief, statement) == "the statement"
    sign = quote_with(brief, "No more delays for the new bridge")
    assert speaker_name(brief, sign) == "the sign"
    assert not any(
        q.speaker is not None and "Once upon" in brief.text[q.start : q.end] for q in brief.quotes
    )


def test_clauses_of_time_names_and_idioms_are_not_what_was_said(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "All told, up to five million people could be eligible for the new programme.\n\n"
        "A new group called Fair Roads is ramping up its campaign in the north.\n\n"
        "Initially a liberal, the mayor ran again in 2001 and declared himself an independent."
        '\n\n"The budget is a disaster," the mayor said as some in the hall booed loudly.'
    )
    assert [brief.text[q.start : q.end] for q in brief.quotes] == ["The budget is a disaster"]


def test_one_of_a_group_speaks_and_a_colon_opens_the_words_according_to_someone(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        "One of the authors of the report, Anna Berg, said the merger will test its findings."
        "\n\nIt has not gone unnoticed: according to recent polls, the mayor holds only 14 "
        "percent of the vote.\n\nOne can say that the plan has failed.\n\nLet no one in the "
        "capital hope that the north will forget the floods."
    )
    berg = quote_with(brief, "the merger will test its findings")
    assert speaker_name(brief, berg) == "Anna Berg"
    polls = quote_with(brief, "the mayor holds only 14 percent of the vote")
    assert speaker_name(brief, polls) == "recent polls"
    assert not any("plan has failed" in c or "forget" in c for c in contents(brief))


def test_speakers_the_parse_left_apart_by_commas_or_joined_by_and(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "It was no accident - Tomas Lind, a spokesman for Berg, told reporters that the "
        "mayor had warned the council.\n\n"
        "One in three said the party does not care about the north.\n\n"
        "The vote was close, and as the mayor noted, the council will decide next week."
    )
    lind = quote_with(brief, "that the mayor had warned the council")
    assert speaker_name(brief, lind) == "Tomas Lind"
    share = quote_with(brief, "the party does not care about the north")
    assert speaker_name(brief, share) == "One in three"
    noted = quote_with(brief, "the council will decide next week")
    assert speaker_name(brief, noted) == "the mayor"


def test_a_verb_of_saying_the_parse_hung_on_a_participle_root_keeps_its_subject(
    quotes_of: QuoteBrief,
) -> None:
    # The parse makes "going" the root and hangs "say" on it as `dep`.
    brief = quotes_of(
        "Majorities of farmers in three states going to the polls on Sunday say they would "
        "accept both candidates."
    )
    said = quote_with(brief, "they would accept both candidates")
    assert speaker_name(brief, said) == "Majorities of farmers in three states"


def test_a_quote_then_she_said_and_a_participle_keeps_only_the_quoted_words(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of(
        'The clerk was shaken. "Too much hate," she said, blaming some of it on the mayoral '
        "candidate Anna Berg."
    )
    hate = quote_with(brief, "Too much hate")
    assert brief.text[hate.start : hate.end] == "Too much hate"
    assert not any("hate" in c and "blaming" in c for c in contents(brief))


def test_a_short_quote_before_an_outlet_s_reporter_and_said_is_theirs(
    quotes_of: QuoteBrief,
) -> None:
    brief = quotes_of('"The waste," the Herald\'s Anna Berg said, as the hall cheered.')
    waste = quote_with(brief, "The waste")
    assert speaker_name(brief, waste) == "Anna Berg"


def test_marks_inside_a_quote_are_no_second_quote(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "\"Last week, he used the word 'reckless.' This week it is 'naive.' It is the "
        'same attack," the campaign spokesman Tomas Lind said on Monday.'
    )
    assert contents(brief) == [
        "Last week, he used the word 'reckless.' This week it is 'naive.' It is the same attack"
    ]


def test_called_it_a_label_is_the_label_as_judged(quotes_of: QuoteBrief) -> None:
    brief = quotes_of(
        "The mayor called it a perception problem.\n\n"
        "The senator was calling him a train wreck.\n\n"
        'Anna Berg called it "shameful" and called on leaders to act.\n\n'
        "The council called it Operation Sunrise."
    )
    assert speaker_name(brief, quote_with(brief, "a perception problem")) == "The mayor"
    assert speaker_name(brief, quote_with(brief, "a train wreck")) == "The senator"
    shameful = quote_with(brief, "shameful")
    assert brief.text[shameful.start : shameful.end] == "shameful"
    # A name given is no judgement.
    assert not any("Sunrise" in c for c in contents(brief))
    critics = quotes_of('Critics call it a "rumor" and a "North Korean card" in the press.')
    (labels,) = critics.quotes
    assert critics.text[labels.start : labels.end].startswith('a "rumor" and a "North Korean card"')
    assert speaker_name(critics, labels) == "Critics"


def test_an_agent_described_after_a_closing_mark_speaks_for_a_subjectless_verb() -> None:
    # The parse of '"...," an intelligence source, who was not authorized ..., told Fox
    # News.' seen on PolNeAR train: "source" taken into the quote, "told" left without one.
    words = ["“", "They", "rest", ",", "”", "an", "intelligence", "source", ","]
    words += ["who", "was", "authorized", ",", "told", "reporters", "."]
    tags = ["``", "PRP", "VBP", ",", "''", "DT", "NN", "NN", ",", "WP", "VBD", "VBN", ","]
    tags += ["VBD", "NNS", "."]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "DET", "NOUN", "NOUN", "PUNCT", "PRON"]
    pos += ["AUX", "VERB", "PUNCT", "VERB", "NOUN", "PUNCT"]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "det", "compound", "attr", "punct"]
    deps += ["nsubjpass", "auxpass", "relcl", "punct", "ROOT", "dobj", "punct"]
    heads = [2, 2, 2, 2, 2, 7, 7, 2, 7, 11, 11, 7, 13, 13, 13, 13]
    doc = _parsed(words, tags, pos, deps, heads)
    doc[7].lemma_ = "source"
    doc[13].lemma_ = "tell"
    speaker = subject_of(doc[13])
    assert speaker is not None and speaker.i == 7
    # Not a thing described there: "an intelligence failure" names no one who speaks.
    assert subject_of(_with_noun(doc, "failure")[13]) is None


def _with_noun(doc: Doc, noun: str) -> Doc:
    words = [t.text if t.i != 7 else noun for t in doc]
    again = _parsed(
        words,
        [t.tag_ for t in doc],
        [t.pos_ for t in doc],
        [t.dep_ for t in doc],
        [t.head.i for t in doc],
    )
    again[7].lemma_ = noun
    again[13].lemma_ = "tell"
    return again
