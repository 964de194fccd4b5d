"""Cue verbs the lexicons miss, learned from PolNeAR train: a logistic regression per verb.

The lexicons (`lexicons/en/*.txt`) list the common cues; PolNeAR's long tail ("lashed
out at", "pushed back that", "insisted", misspelt or rare verbs) they cannot. This model
scores every verb with a subject and a clause or object the rules could read as content,
from the verb's lemma, its dependency frame and its subject's kind. A verb scoring at
least the model's threshold (chosen on held-out train articles for precision, see
`presslens.models.cues`) is a cue the rules then read like a lexicon cue.

Weights: `models/weights/quote_cues.npz` (feature names and weights as arrays, no pickle),
rebuilt with `python -m presslens.models.cues DATA/polnear`. Without the file the quotes
layer runs on the lexicons alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from presslens.models import weights_folder
from presslens.models.named import NamedWeights, load_named

MODEL_PATH = weights_folder() / "quote_cues.npz"
REBUILD = "python -m presslens.models.cues DATA_DIR/polnear"
# The dependencies of a verb's content the rules can read.
CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
# Verbs PolNeAR counts as cues that are no quote (issue 12): topics ("discussed the budget")
# and intentions ("wants to", "plans to"). The lexicons leave them out; so does the model.
NOT_SPEECH = frozenset({"discuss", "speak", "talk", "want", "plan", "intend", "prefer"})


def is_candidate(tok: Token) -> bool:
    """A verb with a subject and a clause or object: what the model scores."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in NOT_SPEECH:
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and bool(deps & CONTENT_DEPS)


def features(tok: Token) -> list[str]:
    """The verb's features: lemma, frame, subject kind, and their pairs."""
    lemma = tok.lemma_.lower()
    deps = sorted({c.dep_ for c in tok.children if c.dep_ in CONTENT_DEPS | {"prt", "prep"}})
    subject = next(c for c in tok.children if c.dep_ == "nsubj")
    if subject.lower_ in PRONOUNS:
        kind = "pron"
    elif subject.ent_type_:
        kind = subject.ent_type_
    else:
        kind = subject.pos_
    mark = next((c.lower_ for c in tok.children if c.dep_ == "ccomp" for c in c.children
                 if c.dep_ == "mark"), "")  # fmt: skip
    frame = "+".join(deps)
    return [
        f"lemma={lemma}",
        f"frame={frame}",
        f"subject={kind}",
        f"tag={tok.tag_}",
        f"head_dep={tok.dep_}",
        f"mark={mark}",
        f"lemma+frame={lemma}+{frame}",
        f"lemma+subject={lemma}+{kind}",
        f"frame+subject={frame}+{kind}",
    ]


@lru_cache(maxsize=1)
def load_cue_model(path: Path = MODEL_PATH) -> NamedWeights | None:
    """The shipped model, or None when its weights are not there."""
    return load_named(path)


def learned_cues(tokens: list[Token], known: set[int]) -> list[Token]:
    """The candidate verbs among `tokens`, not in `known`, that the model calls cues."""
    model = load_cue_model()
    if model is None:
        return []
    return [
        t
        for t in tokens
        if t.i not in known
        and is_candidate(t)
        and model.probability(features(t)) >= model.threshold
    ]
