"""Who issued a statement that speaks: "the campaign sent out a press release saying ...".

In "X issued a statement saying Y" the parse makes "a statement" the subject of
"saying" (its clause describes the noun), so the statement would be credited with Y.
The words are X's, who issued it: PolNeAR's annotators mark X as the source, and a
fact-checker asks who put the statement out. When the noun is a document or message
(`lexicons/en/speech_events.txt`, plus ads) that an agent issued, the agent speaks.
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.parts import speech_events
from presslens.layers.quotes.subjects import subject_of

# Verbs by which an agent puts out a statement, a letter or an ad.
# Source: "issue", "send" and "release" seen before "a statement/press release/ad ...
# saying" among the wrongly credited speakers of a PolNeAR train sample (issue 12, train
# only); the others added by hand as the same act. Checked: 2026-12-01 (train source F1
# .7163 -> .7174 with this rule).
ISSUING_VERBS = frozenset(
    {"issue", "send", "release", "post", "publish", "email", "launch", "run", "air", "put", "tweet"}
)
# Messages that are not in the speech-event lexicon but are issued the same way.
ISSUED_NOUNS = frozenset({"ad", "advertisement", "commercial", "text", "notice", "mailer"})
# The participles that hang the words on the noun ("a statement saying ...").
NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl"})


def issuer(subject: Token | None, verb: Token | None) -> Token | None:
    """The agent that issued `subject` when `subject` is a message `verb` describes, else
    `subject` itself."""
    if (
        subject is None
        or verb is None
        or verb.dep_ not in NOUN_CLAUSE_DEPS
        or verb.head.i != subject.i
    ):
        return subject
    noun = subject.lemma_.lower()
    if noun not in speech_events() | ISSUED_NOUNS or subject.dep_ != "dobj":
        return subject
    issuing = subject.head
    if issuing.lemma_.lower() not in ISSUING_VERBS:
        return subject
    agent = subject_of(issuing)
    return agent if agent is not None and is_agent(agent) else subject
