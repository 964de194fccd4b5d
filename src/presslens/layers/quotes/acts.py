"""Whether a cue verb reports speech that happened: not negated, not hypothetical.

"North Korean media did not mention the visit", "someone might say", "if they come
and say: ..." report no words of that speaker. `not_said` names why a cue verb
reports nothing, or returns None when it reports a speech act:

- "negated": the verb has a negation ("did not mention", "never said"), or its
  subject is "nobody", "no one", "none";
- "hypothetical": a modal of possibility on the verb ("would say", "could argue",
  "might claim"), or an "if"/"unless" clause holding it ("if Russia comes and says").

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


def not_said(verb: Token) -> str | None:
    """Why `verb` reports no speech act ("negated", "hypothetical"), or None."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATIONS):
            return "negated"
        if child.dep_ in ("nsubj", "nsubjpass") and _negative_subject(child):
            return "negated"
        if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_MODALS:
            return "hypothetical"
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


def _negative_subject(subject: Token) -> bool:
    words = " ".join(t.lower_ for t in subject.subtree)
    return subject.lower_ in NEGATIVE_SUBJECTS or words in NEGATIVE_SUBJECTS
