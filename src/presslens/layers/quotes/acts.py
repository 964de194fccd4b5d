"""Whether a cue verb reports speech that happened: not negated, not hypothetical.

"North Korean media did not mention the visit", "someone might say", "if they come
and say: ..." report no words of that speaker. `not_said` names why a cue verb
reports nothing, or returns None when it reports a speech act:

- "negated": the verb has a negation ("did not mention", "never said"), or its
  subject is "nobody", "no one", "none";
- "hypothetical": a modal of possibility on the verb ("would say", "could argue",
  "might claim"), or an "if"/"unless" clause holding it ("if Russia comes and says");
- "plan": parties agreeing to do something, with an infinitive and no clause ("the two
  leaders agreed to instruct their representatives"): what they will do, not words;
- "topic": something other than a person mentioning a thing, with an object and no
  clause ("Western media mentioned North Korea's military aid"): what was reported on;
- "idiom": "All told, ..." sums up, no one tells;
- "name": a participle naming a noun ("a super PAC called Our Principles").

PolNeAR annotates these as attributions (in train about 400 of 22,468 cues are negated
and 271 carry would/could/might/may/should): dropping them trades a little PolNeAR
recall for the issue-12 rule that a quote is something its speaker said.
"""

from __future__ import annotations

from spacy.tokens import Token

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "n’t"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "no one", "none", "neither", "nothing"})
# "will say" stays: a promise of speech, often speech the article then reports.
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "'d"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "lest", "whether", "suppose", "supposing"})
# How a verb hangs from the one whose "if" clause holds it: "if they come and say",
# "if they come, saying", "if he were to say".
CLAUSE_CHAIN_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp"})
# Far enough for "if Russia comes to you and says" and "if he wants to say".
MAX_CHAIN_HOPS = 3
# Verbs whose infinitive is a plan when parties share it: "the two leaders agreed to
# instruct" (issue 12's hand count of kremlin_67315). Not for one person: blocking every
# "agreed to" cost PolNeAR dev source and cue 0.0014 each, the parties alone 0.0007.
PLAN_VERBS = frozenset({"agree"})
# Verbs whose object is a topic when no person is the subject: "Western media mentioned
# North Korea's military aid" (issue 12's hand count of the seed). "mentioned that ..."
# keeps its clause and stays a quote. For every subject it cost PolNeAR dev source
# 0.0014 and cue 0.0017; PolNeAR marks "Trump mentioned her emails".
TOPIC_VERBS = frozenset({"mention"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
PARTY_PRONOUNS = frozenset({"they", "both", "we"})
PERSON_PRONOUNS = frozenset({"he", "she", "i", "you", "who"})
# The parse's labels for "that ..." clauses.
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
# Participles that name what a noun is called, not what anyone said: "a super PAC called
# Our Principles", "a group known as X" (PolNeAR train: the name's clause read as content).
NAMING_VERBS = frozenset({"call", "name", "dub", "title", "know", "label", "nickname"})


def not_said(verb: Token) -> str | None:
    """Why `verb` reports no speech act ("negated", "hypothetical", "plan", "topic"),
    or None."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATIONS):
            return "negated"
        if child.dep_ in ("nsubj", "nsubjpass") and _negative_subject(child):
            return "negated"
        if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_MODALS:
            return "hypothetical"
    if (what := _plan_or_topic(verb)) is not None:
        return what
    if (what := _idiom_or_name(verb)) is not None:
        return what
    tok = verb
    for _hop in range(MAX_CHAIN_HOPS + 1):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in tok.children):
            return "hypothetical"
        if tok.dep_ not in CLAUSE_CHAIN_DEPS or tok.head.i == tok.i:
            return None
        if tok.dep_ in ("advcl", "ccomp"):
            # "said that if ...": the "if" belongs under the verb, not above it; only an
            # advcl/ccomp that is itself conditional counts, checked on this hop.
            return None
        tok = tok.head
    return None


def _idiom_or_name(verb: Token) -> str | None:
    """ "All told, ...": a sum, no telling; "a PAC called Our Principles": a name given."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.lower_ == "told" and before is not None and before.lower_ == "all":
        return "idiom"
    if verb.lemma_.lower() not in NAMING_VERBS:
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return "name"
    # The parse may make the participle the main verb: "a PAC called Our Principles is
    # ramping up" as "the PAC called [Our Principles] [is ramping up]".
    deps = {c.dep_ for c in verb.children}
    return "name" if {"oprd", "ccomp"} <= deps else None


def _plan_or_topic(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma not in PLAN_VERBS | TOPIC_VERBS:
        return None
    deps = {c.dep_ for c in verb.children if c.i > verb.i}
    if deps & CLAUSE_DEPS:
        return None
    if lemma in PLAN_VERBS and "xcomp" in deps and _parties(verb):
        return "plan"
    if lemma in TOPIC_VERBS and "dobj" in deps and not _person(verb):
        return "topic"
    return None


def _person(verb: Token) -> bool:
    """Whether the subject is a person ("Trump mentioned her emails", "she mentioned the
    cuts"): PolNeAR marks a person's mention as words of theirs; media and reports
    mentioning something report on it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.ent_type_ == "PERSON" or subject.lower_ in PERSON_PRONOUNS
    )


def _parties(verb: Token) -> bool:
    """Whether the subject is several parties ("the two leaders", "both sides", "they"):
    what parties agree to do is a decision of their meeting; one person's "agreed to
    debate" is consent given in words, as PolNeAR marks it."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.tag_ in PLURAL_TAGS or subject.lower_ in PARTY_PRONOUNS


def _negative_subject(subject: Token) -> bool:
    words = " ".join(t.lower_ for t in subject.subtree)
    return subject.lower_ in NEGATIVE_SUBJECTS or words in NEGATIVE_SUBJECTS
