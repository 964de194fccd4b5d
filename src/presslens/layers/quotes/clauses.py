"""Which clause a reporting verb reports, where the parse hangs it elsewhere than `ccomp`.

The quotes stage (`stage.py`, rule "ccomp-reporting-verb") reads the clausal complement
of a verb of saying. These find the clause the parser attached otherwise: the question
after "asked" (an adverbial clause), the wish after "called for", the "that" clause
hung on "statement" in "said in a statement that ...".
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from presslens.layers.quotes.parts import reporting_verbs, speech_events
from presslens.layers.quotes.subjects import subject_of

# Verbs whose "if"/"whether" clause is the question asked ("asked if they would vote").
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire"})
# Verbs whose passive subject is the one spoken to: "was asked", "was told", "was warned".
ADDRESSEE_VERBS = frozenset({"ask", "tell", "inform", "warn", "assure", "remind", "advise", "urge"})
# Verbs that make their object act: "led some to speculate", "prompted officials to warn".
CONTROL_VERBS = frozenset(
    {"lead", "prompt", "force", "cause", "push", "encourage", "inspire", "spur", "drive", "get"}
)
# How a second verb of saying joins the reported clause: "found him charming and called
# it ...", "that A, claiming that B".
SECOND_REPORT_DEPS = frozenset({"conj", "advcl"})
# A second verb of saying that is said, not a form that plans or supposes it: "noted",
# "notes", "note", "claiming"; not "can confirm", "so as to find" (kremlin texts).
SECOND_REPORT_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG"})
# What may stand between a reported clause and a second verb of saying joined to it.
JOINING_WORDS = frozenset({",", "and", "but", "—", "–", "-", ";"})
# Prepositions whose gerund is an act of the clause's subject: "after saying", "by noting".
GERUND_PREPOSITIONS = frozenset({"after", "before", "by", "while", "in"})


def question_clauses(verb: Token) -> list[Token]:
    """ "He asked if they planned to attend": the parser hangs the question on "asked" as
    an adverbial clause; after a verb of asking it is what was asked."""
    if verb.lemma_.lower() not in QUESTION_VERBS:
        return []
    return [
        clause
        for clause in verb.children
        if clause.dep_ == "advcl"
        and clause.i > verb.i
        and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in clause.children)
    ]


def for_clauses(verb: Token) -> list[Token]:
    """ "She called for the wage to be raised", "they pressed for the law to pass": the parser
    hangs the wish on the verb as an adverbial clause opened by "for" right after it."""
    return [
        clause
        for clause in verb.children
        if clause.dep_ == "advcl"
        and any(
            m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1 for m in clause.children
        )
    ]


def event_clauses(verb: Token) -> list[Token]:
    """The "that" clause the parser hung on a noun of the verb's prepositional phrase.

    "said in a statement that ...": on a speech event, as a clause or complement.
    "said in one of a series of messages that the truck was ...", "said on CNN, where he
    works, that X should ...": on any noun of the phrase, as a relative clause whose "that"
    is a complementiser (`mark`) and which has its own subject; the "that" of a true
    relative clause is its subject or object ("a statement that was released"), and a
    "that" clause of "reports" or "claims" is theirs (`_that_clause`).
    """
    found = []
    # "convince politicians in some countries that ...": after an object the clause is
    # the object's business; only a bare verb of saying takes it across its phrase.
    bare = not any(c.dep_ == "dobj" for c in verb.children)
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in _phrase_nouns(prep):
            # Only the phrase's own noun: "in response to a statement that ..." reports
            # someone else's statement.
            event = noun.head.i == prep.i and noun.lemma_.lower() in speech_events()
            found += [
                clause
                for clause in noun.children
                if clause.i > noun.i
                and ((clause.dep_ in ("acl", "ccomp") and event) or (bare and _that_clause(clause)))
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            ]
    return found


def _phrase_nouns(prep: Token) -> list[Token]:
    """The objects of a prepositional phrase and of the phrases nested in it ("in one of a
    series of messages": one, series, messages)."""
    nouns = []
    for noun in prep.children:
        if noun.dep_ == "pobj":
            nouns.append(noun)
            nouns += [
                n for inner in noun.children if inner.dep_ == "prep" for n in _phrase_nouns(inner)
            ]
    return nouns


def _that_clause(clause: Token) -> bool:
    """A clause the parser made relative that is a complement: opened by a complementiser
    "that", with a subject of its own. A noun's own complement ("reports that the committee
    has stopped") is parsed `acl` and reports the noun's content, not the verb's."""
    return clause.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("that", "which", "who")
        for c in clause.children
    )


def subject_across_preposition(verb: Token) -> Token | None:
    """The speaker of "Ms. Lee, after first saying she would not run, ..." and "he answered
    by pointing out that ...": a gerund under "after"/"by"/"before"/"while" takes the
    subject of the verb the phrase hangs from (PolNeAR train: 56 attributions with a
    lexicon cue lost for want of it). Not after "without" ("without saying" says nothing)
    and not in the passive ("after being warned by X": X speaks, to the subject)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in GERUND_PREPOSITIONS:
        return None
    if verb.tag_ != "VBG" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    return subject_of(prep.head) if prep.head.pos_ in ("VERB", "AUX") else None


def passive_speaker(verb: Token, subject: Token | None) -> Token | None:
    """Who speaks with a verb of saying in the passive: the "by" agent ("Rubio was asked by
    the moderator whether ..."), else no one when the subject is the one addressed ("Lopez
    was asked whether ...", "the agency was told that ..."); otherwise `subject`."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return subject
    for agent in verb.children:
        if agent.dep_ == "agent":
            return next((c for c in agent.children if c.dep_ == "pobj"), subject)
    return None if verb.lemma_.lower() in ADDRESSEE_VERBS else subject


def controlled_speaker(verb: Token, subject: Token | None) -> Token | None:
    """The speaker of "The announcement led some to speculate that ...": an infinitive of
    saying under a verb that makes someone act speaks with that verb's object ("some"),
    not its subject, which `subject_of` would borrow."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in CONTROL_VERBS:
        return subject
    listener = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return listener if listener is not None else subject


def before_second_report(tokens: TokenSpan, cue_ids: Container[int]) -> TokenSpan:
    """The reported clause `tokens` up to a second verb of saying joined to it: in "he
    found Trump charming and called his standing "unheard of"", "called" says something
    else, which its own clause reports.

    The second verb is a verb of saying hung (as `conj` or `advcl`) on a word of the
    clause whose speaker stands outside the clause: the first speaker goes on ("he"
    there is the speaker himself, `speakers.py`). Speech of someone inside the clause
    ("I think other people look at it and say ...") stays in it. The joining words go.
    """
    doc = tokens.doc
    for tok in tokens[1:]:
        if (
            tok.dep_ in SECOND_REPORT_DEPS
            and tok.i in cue_ids
            and tok.lemma_.lower() in reporting_verbs()
            and tokens.start <= tok.head.i < tok.i
            and tok.tag_ in SECOND_REPORT_TAGS
            and not any(c.dep_ in ("aux", "auxpass", "neg", "mark") for c in tok.children)
        ):
            speaker = subject_of(tok)
            if speaker is None or tokens.start <= speaker.i < tokens.end:
                continue  # "they look at it and say ...": the act of someone in the clause
            # "... and also noted that": the verb's own words before it go with it.
            cut = min([tok.i, *(c.left_edge.i for c in tok.children if c.i < tok.i)])
            while cut > tokens.start and doc[cut - 1].lower_ in JOINING_WORDS:
                cut -= 1
            if cut > tokens.start:
                return doc[tokens.start : cut]
    return tokens
