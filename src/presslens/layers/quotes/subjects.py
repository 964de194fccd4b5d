"""Who a reporting verb's subject is: the token that names its speaker.

`subject_of` reads the parse: the verb's own subject, the agent of a passive ("was
asked by the moderator"), a subject borrowed from the verb it hangs from ("..., adding
that"), the noun a clause describes ("officials saying ..."), and where the parse left
the verb without one, the name set off by commas before it or right after a quote
('"...," added Landray'). `speakers.SpeakerResolver` turns that token into a `Speaker`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from presslens.brief import Speaker
from presslens.layers.quotes.agents import is_agent

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
THIRD_PERSON = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
# A participle or conjoined verb without a subject of its own takes the subject of
# the verb it hangs from: "Macron threatened them, demanding ...", "he said and added".
BORROWING_DEPS = frozenset({"advcl", "conj", "xcomp", "acomp", "pcomp"})
# "officials who said ...", "a statement saying ...": the noun the clause describes.
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Far enough for "X threatened A, demanding B" and "X said and then added, citing ...".
MAX_SUBJECT_HOPS = 3
# Not speakers: expletives ("it was reported", "there are claims") and demonstratives
# ("That said, ...", "This means that ...": the words before, not an agent).
EXPLETIVES = frozenset({"it", "there", "one", "that", "this"})
# Verbs whose active "it" subject is an organisation or a document that speaks ("the
# council ... it recommended", "the report ... it said"), not an expletive ("it seems",
# "it is said"). PolNeAR marks that "it" as the source: on the first 400 train articles
# 46 gold attributions with source "it" were missed (issue 12).
IT_SPEAKS = frozenset(
    {"say", "add", "state", "report", "announce", "write", "warn", "recommend", "note", "tell"}
    | {"claim", "conclude", "argue", "insist", "declare", "urge", "allege", "acknowledge"}
)
# "X, wearing a cowboy hat and campaign pins, said": the longest phrase set off by commas
# between a speaker and a verb the parser left without its subject. The longest seen on
# PolNeAR train (first 200 articles by name) ran 11 tokens; 14 leaves room for a title.
MAX_SET_OFF_TOKENS = 14
# How many phrases set off by commas may stand there: "Jeffrey Salkin, a Hollywood, Fla.,
# rabbi helping to organize the boycott, said" has three (PolNeAR train).
SET_OFF_PHRASES = 4
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
NAME_TYPES = frozenset({"PERSON", "ORG"})
# Verbs whose object is the one addressed: in "emailed supporters saying ...", the
# participle is the sender's message, not the supporters' words.
ADDRESSING_VERBS = frozenset({"email", "e-mail", "text", "message", "tweet", "write", "tell"})
# ("''": two apostrophes, the closing mark of PolNeAR's NYT texts.)
CLOSING_MARKS = frozenset({'"', "”", "’", "»", "'", "''"})


def subject_of(verb: Token) -> Token | None:
    """The token that says who uttered `verb`, or None (passive without agent, expletive).

    A subject across a paragraph break is a bad parse (a caption before the text).
    """
    subject = _subject(verb)
    if subject is None:
        return None
    low, high = sorted((subject.i, verb.i))
    between = verb.doc[low:high]
    return None if any("\n" in t.text_with_ws for t in between) else subject


def relative_subject(verb: Token) -> Token | None:
    """The relative pronoun a verb's clause takes as subject: "who" in "X, who said ...".

    `subject_of` gives the noun the clause describes (the speaker); PolNeAR marks the
    pronoun as the source, as it marks "he" in "he said", so the speaker's words are it.
    A verb without a subject of its own borrows it as `subject_of` does: "who spoke to
    reporters and said ..." (the "said" hangs from "spoke").
    """
    for _hop in range(MAX_SUBJECT_HOPS):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            relative = subjects[0]
            mine = verb.dep_ == "relcl" and relative.lower_ in RELATIVE_PRONOUNS
            return relative if mine else None
        if verb.dep_ not in BORROWING_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def on_relative_pronoun(speaker: Speaker, subject: Token | None, verb: Token) -> Speaker:
    """`speaker` with its words moved to the "who" of "Thomas Perez, who said ...".

    The span is the pronoun's, as for the "he" of "he said"; the entity and the name
    stay those of the noun it relates to, and `pronoun` stays as it was: the text names
    who "who" is ("officials who said" is a description, not an unresolved pronoun).
    """
    relative = relative_subject(verb)
    if relative is None or subject is None or relative.head.head.i != subject.i:
        return speaker
    start, end = relative.idx, relative.idx + len(relative)
    return replace(speaker, start=start, end=end)


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a verb that follows a quote: '"...," added Landray.'.

    The parser reads the inverted speaker as the verb's object; it counts only when the
    verb comes right after the closing mark and comma and a proper name follows it.
    """
    doc = verb.doc
    before = verb.i - 1
    while before > 0 and doc[before].is_space:
        before -= 1  # '”\u00a0added Gowdy': the no-break space is a token of its own
    if verb.i < 2 or doc[before].text not in CLOSING_MARKS:
        return None
    named = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod", "attr") and c.i > verb.i]
    if not named or named[0].pos_ != "PROPN":
        return _name_after(verb)
    name = named[0]
    between = doc[verb.i + 1 : name.i]
    return name if all(t.pos_ == "PROPN" for t in between) else None


def _name_after(verb: Token) -> Token | None:
    """'"...," said Robin Maynard, half joking': the parser made the name the subject of
    "joking"; a person's or organisation's name right after the verb is its speaker."""
    doc = verb.doc
    last = verb.i
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    if last == verb.i or doc[last].ent_type_ not in ("PERSON", "ORG"):
        return None
    return doc[last]


def _name_before_commas(verb: Token) -> Token | None:
    """The name set off by commas before a verb the parser left without a subject: "her
    adviser, Jake Sullivan, said: ...", '"...," Bill Eastland, wearing a hat, said'.

    The verb must be finite and head its own clause (a participle borrows its subject);
    the name is a person or organisation right before the comma, or before the comma
    that opens a phrase set off by commas.
    """
    # A finite verb conjoined to a clause ("It was no accident - Brendan Buck, a spokesman,
    # told ...") has a subject of its own when a name stands set off right before it.
    borrows = verb.dep_ in (BORROWING_DEPS - {"conj"}) | NOUN_CLAUSE_DEPS
    if verb.tag_ not in FINITE_VERB_TAGS or borrows:
        return None
    doc = verb.doc
    comma = verb.i - 1
    for _phrase in range(SET_OFF_PHRASES):
        if comma < 1 or doc[comma].text != ",":
            return None
        name = doc[comma - 1]
        # Not the object of a phrase: "Brendan Buck, a spokesman for Ryan, told" is Buck's.
        if name.pos_ == "PROPN" and name.ent_type_ in NAME_TYPES and name.dep_ != "pobj":
            return name
        if _described_after_quote(name):
            return name
        start = max(verb.i - 1 - MAX_SET_OFF_TOKENS, 0)
        before = [t for t in doc[start : comma - 1] if t.text == "," or _ends_clause(t)]
        if not before or before[-1].text != ",":
            return None
        comma = before[-1].i
    return None


def _described_after_quote(noun: Token) -> bool:
    """'"...," an intelligence source, who was not authorized to speak, told': an agent
    described right after a closing quotation mark (the parser took it into the quote)."""
    if noun.pos_ != "NOUN" or noun.dep_ == "pobj" or not is_agent(noun):
        return False
    first = noun.left_edge.i
    while first > 0 and noun.doc[first - 1].is_space:
        first -= 1
    return first > 0 and noun.doc[first - 1].text in CLOSING_MARKS


def _goes_on_speaking(verb: Token, clause: Token, subject: Token) -> bool:
    """Whether `verb`, joined to the clause a speaker reports, is that speaker's own next
    act: in "Kasich says he'd sit Putin down and tells the crowd ...", "tells" is Kasich's,
    not the "he" of the reported clause (the same person, named where the text names him)."""
    return (
        verb.dep_ in ("conj", "advcl")
        and verb.head.i == clause.i
        and subject.lower_ in THIRD_PERSON | PLURAL_PRONOUNS
        and clause.head.i != clause.i
    )


def _ends_clause(tok: Token) -> bool:
    return "\n" in tok.text_with_ws or tok.text in (".", "!", "?", ";", ":")


def _subject(verb: Token) -> Token | None:
    if (by := _passive_agent(verb)) is not None:
        return by
    tok = verb
    for _hop in range(MAX_SUBJECT_HOPS):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and tok is verb and (inverted := _inverted_subject(verb)) is not None:
            return inverted
        if not subjects and tok is verb and (named := _name_before_commas(verb)) is not None:
            return named
        if subjects:
            # Of two (a misparsed list of titles), the one next to the verb names the speaker.
            child = min(subjects, key=lambda c: abs(c.i - tok.i))
            if (
                tok is not verb
                and tok.dep_ == "ccomp"
                and (not is_agent(child) or _goes_on_speaking(verb, tok, child))
            ):
                # "X said the move was made by Y and said, '...'": the parser hung the
                # second "said" on the reported clause, whose subject says nothing.
                tok = tok.head
                continue
            if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            if child.lower_ == "it" and child.dep_ == "nsubj" and _it_speaks(tok):
                return child
            return None if child.lower_ in EXPLETIVES and not _partitive(child) else child
        if tok.dep_ in NOUN_CLAUSE_DEPS and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = tok.head
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ADDRESSING_VERBS:
                # "The senator emailed supporters saying ...": the senator's message.
                tok = noun.head
                continue
            # "officials saying ...", not "guaranties ruling out ...".
            return noun if is_agent(noun) else None
        if tok is verb and _hung_on_root(verb):
            tok = verb.head  # "multiple sources privy to the talks say ...": "say" as `dep`
            continue
        if tok.dep_ not in BORROWING_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _hung_on_root(verb: Token) -> bool:
    """A finite verb the parser hung as `dep` on its sentence's root, right after the
    root's subject phrase: "Majorities of Democrats going to the polls say ...", where the
    participle became the root. A comma between them ("The plan, officials say, ...")
    sets the verb apart, and then it has a subject of its own."""
    if verb.dep_ != "dep" or verb.tag_ not in FINITE_VERB_TAGS or verb.head.dep_ != "ROOT":
        return False
    root = verb.head
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    return subject is not None and not any(t.is_punct for t in verb.doc[subject.i : verb.i])


def _partitive(one: Token) -> bool:
    """ "One of the authors of the report, Ari Fleischer, said", "one in three said": a
    person or a share of people, no expletive."""
    if one.lower_ != "one" or (one.i > 0 and one.doc[one.i - 1].lower_ in ("no", "any")):
        return False  # "Let no one in Russia hope that ...": nobody
    return any(
        c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "in")) for c in one.children
    )


def _passive_agent(verb: Token) -> Token | None:
    """Who spoke in a passive with its agent: "when asked by a reporter whether ...", "was
    told by officials that ...": the one after "by", not the subject the verb would borrow
    (the Trump of "When asked by a reporter whether ..., Trump said")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _it_speaks(verb: Token) -> bool:
    """ "it said", "it recommended": a speaking "it" (see `IT_SPEAKS`), not "it is said"."""
    if verb.lemma_.lower() not in IT_SPEAKS:
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass", "expl") for c in verb.children)
