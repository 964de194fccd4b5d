"""Whether a speaker's words name an agent: a person, group, organisation, outlet or document.

"legally binding guaranties ruling out ..." and "the agreements reached ... when
discussing ..." are noun phrases, not speakers. A subject token names an agent when
it is a personal pronoun, a name (a PERSON, ORG, NORP or GPE entity, or a proper
noun), or a common noun whose lemma is in `lexicons/en/agent_nouns.txt`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from presslens import lexicon

AGENT_PRONOUNS = frozenset(
    {"i", "we", "you", "he", "she", "they", "who", "which", "me", "us", "him", "her", "them"}
    # "some said", "many argue", "others warned": people, by quantity
    | {"some", "many", "most", "others", "other", "each", "all", "both", "few", "several"}
    | {"those", "anybody", "anyone", "everyone", "everybody", "someone", "somebody"}
)
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Lemmas of common nouns that name agents ("official", "ministry", "report")."""
    return lexicon.words("quotes", "agent_nouns.txt")


def is_agent(subject: Token) -> bool:
    """Whether the subject token names someone who can say something.

    A word in apposition counts for its head: in "the firm's founder, a former
    senator," or a misparse that makes "mayor" an apposition, the agent is named there.
    """
    if _names_agent(subject):
        return True
    return any(c.dep_ == "appos" and _names_agent(c) for c in subject.children)


def _names_agent(tok: Token) -> bool:
    if tok.lower_ in AGENT_PRONOUNS or tok.ent_type_ in AGENT_LABELS:
        return True
    if tok.pos_ == "PROPN":
        return True
    return tok.lemma_.lower() in agent_nouns() or tok.lower_ in agent_nouns()


#: Verbs that report what something shows rather than what someone says: "X shows that ..."
#: is a quote only when X is an agent or a record of one (a poll, a study, the data).
EVIDENCE_VERBS = frozenset({"show", "suggest", "indicate", "reveal", "prove", "demonstrate"})
#: Subjects of those verbs that record what people found or said (PolNeAR marks "results
#: show", "polling suggests", "records show" as attributions; "the crises have shown" is not).
RECORD_NOUNS = frozenset(
    {"result", "data", "record", "figure", "evidence", "research", "polling", "statistic"}
    | {"finding", "test", "number", "estimate", "count", "tally", "filing", "transcript"}
)


def shows_without_agent(cue: Token | None, subject: Token | None) -> bool:
    """Whether "`subject` shows that ..." has neither an agent nor a record as its subject
    ("other crises have shown how essential ...", "history shows"): no one is quoted."""
    if cue is None or subject is None or cue.lemma_.lower() not in EVIDENCE_VERBS:
        return False
    if is_agent(subject):
        return False
    return subject.lemma_.lower() not in RECORD_NOUNS and subject.lower_ not in RECORD_NOUNS
