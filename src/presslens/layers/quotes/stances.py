"""Stated positions: what someone wants, attacks or complains about, without a clause.

- "xcomp-intention-verb": the infinitive of "urged them to ...", "pledged to ..."
  (`lexicons/en/intention_verbs.txt`), or what was "called for".
- "dobj-stance-verb": the object of "cited", "criticized", "attacked"
  (`lexicons/en/stance_verbs.txt`), or of any cue verb with a label ("called the plan
  a hoax").
- "pobj-topic": what a cue verb was about ("complained about the lights").

`StanceRules` is a part of the quote finder in `stage.py`.
"""

from __future__ import annotations

import bisect
from functools import cached_property

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.brief import Span
from presslens.layers.quotes.acts import not_said
from presslens.layers.quotes.parts import (
    CLAIM_NOUNS,
    EXPRESSING_VERBS,
    HELD_NOUNS,
    MIN_CONTENT_WORDS,
    Found,
    clip_at_breaks,
    intention_verbs,
    stance_verbs,
)
from presslens.layers.quotes.subjects import subject_of

# Any object of a stance verb is its content, "attacked Clinton" included (PolNeAR
# annotates the target): 3 words scored source F1 0.611 on dev, 1 word 0.619.
# Reflexive objects ("finds itself") are left out.
MIN_OBJECT_WORDS = 1
# Objects that make any cue verb state a position: "noted the importance of the talks",
# "emphasised the need to remember", "stressed the necessity of dialogue".
WEIGHT_NOUNS = frozenset({"importance", "need", "necessity", "significance", "urgency", "value"})
# Objects that name the words as a thing rather than say them: "released the message",
# "published a statement". Through a cue only the PolNeAR-trained model found (no lexicon
# verb vouches for it) they are no content (the seed's "released the message").
CONTAINER_NOUNS = frozenset(
    {"message", "statement", "report", "information", "news", "text", "document", "letter"}
)
# Marks that close a quotation ('"' closes it when a comma comes before it).
CLOSING_MARKS = frozenset({'"', "”", "’", "''", "»"})
# Infinitives that say what a cited object shows: "shared examples to illustrate ...",
# "cited figures to show ...".
SHOWING_VERBS = frozenset({"illustrate", "show", "demonstrate", "prove", "support", "explain"})
# Words that open a reason: "warned against X, since ...".
REASON_MARKS = frozenset({"since", "because", "as"})
# Modals that carry a clause on: "that the talks will be constructive, and will bring ...".
FUTURE_MODALS = frozenset({"will", "would", "can", "could", "should", "must"})
# Quotation marks that open or close quoted words.
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
# The prepositions whose object right after a cue verb is what was said about:
# "complained about", "spoke of", "argued for", "warned against".
TOPIC_PREPOSITIONS = frozenset({"about", "of", "for", "against"})
# The prepositions whose phrase after a stance verb's object belongs to the judgement:
# "praised him for defying the party", "described the comments as fair". Without it the
# content is only the target ("him"); PolNeAR train's gold content includes the phrase.
# "about"/"over": what the judgement is about ("mocked his bluster about a deal",
# "criticized the company over its layoffs"); on PolNeAR train nearly all the words they
# add are gold content (issue 12: +50 predicted, +60 right tokens; with "on", "against",
# "of" too, 144 added at 76%, left out).
JUDGEMENT_PREPOSITIONS = frozenset({"as", "for", "about", "over"})
# Verbs whose judgement needs a preposition of their own: "blamed the violence on a
# disturbed person", "likened the plan to a tax on the poor" (PolNeAR train's gold content
# runs to the end of the phrase).
VERB_PREPOSITIONS: dict[str, frozenset[str]] = {
    "blame": frozenset({"on"}),
    "liken": frozenset({"to"}),
}


class StanceRules:
    """The infinitive, object and topic rules over one article's parse."""

    text: str
    doc: Doc
    learned_ids: set[int]
    cue_ids: set[int]

    def _from_infinitive(self, verb: Token) -> Found | None:
        """ "urged Republicans to join", "pledged to cut", "called for a ban": the wish."""
        if verb.lemma_.lower() not in intention_verbs():
            return None
        wish = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if wish is None and verb.lemma_.lower() == "call":
            prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
            wish = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if wish is None:
            return None
        first = wish.left_edge.i
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.i < wish.i), None)
        if target is not None:
            first = target.left_edge.i
        bounds = self._trim(self.doc[first : wish.right_edge.i + 1])
        if bounds is None:
            return None
        bounds = clip_at_breaks(self.text, *bounds, before_cue=False)
        if bounds is None:
            return None
        found = Found(
            *bounds, "indirect", "xcomp-intention-verb", Span(verb.idx, verb.idx + len(verb))
        )
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _from_object(self, verb: Token) -> Found | None:
        """ "cited a 2014 study", "called the plan a hoax": a stated position or judgement."""
        if _is_infinitive(verb):
            return None
        label = next((c for c in verb.rights if c.dep_ == "oprd"), None)
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if label is not None and target is None:  # "calling him a train wreck"
            target = next((c for c in verb.rights if c.dep_ == "dative"), None)
        if label is not None and target is not None and target.pos_ == "PRON":
            if label.pos_ == "PROPN":
                return None  # "called it The League of Knowledge": a name given, no judgement
            target = label  # "called it a perception problem": the judgement is the label
        # "noted the importance of ...", "stressed the need to ...": the position of readouts.
        weighs = target is not None and target.lemma_.lower() in WEIGHT_NOUNS
        learned = verb.i in self.learned_ids
        if verb.lemma_.lower() not in stance_verbs() and label is None and not (weighs or learned):
            return None
        if target is None or target.lower_.endswith(("self", "selves")):
            return None
        if verb.dep_ == "ROOT" and subject_of(verb) is None:
            return None  # "Thank you, Mr President": an imperative takes no position
        if learned and not weighs and label is None and _names_no_content(target):
            return None
        first = target.left_edge.i
        if target is label:
            # 'called it "shameful" and called on ...': the label alone, its marks kept
            # paired (the words start after an opening mark, and end at its closing one).
            first += _opens(self.doc[first])
            last = max(
                [label.i] + [c.right_edge.i for c in label.rights if not _writers_after_label(c)]
            )
        else:
            last = label.right_edge.i if label is not None else target.right_edge.i
            last = max([last, *_judgement_ends(verb, target), *_purpose_ends(verb, last)])
        bounds = self._trim(self.doc[first : last + 1])
        if bounds is None:
            return None
        found = Found(*bounds, "indirect", "dobj-stance-verb", Span(verb.idx, verb.idx + len(verb)))
        found.subject = subject_of(verb)
        return found if found.words(self.text) >= MIN_OBJECT_WORDS else None

    def _from_topic(self, verb: Token) -> Found | None:
        """ "complained about his microphone", "called for a ban": what the words were about."""
        if _is_infinitive(verb) or any(c.dep_ == "dobj" for c in verb.children):
            return None
        prep = next(
            (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS), None
        )
        # "warned against shifting the responsibility": a gerund (pcomp) is a topic too
        topic = (
            next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        )
        if prep is None or topic is None or prep.i != verb.i + 1 or topic.pos_ == "PRON":
            return None
        last = max([topic.right_edge.i, *_reason_ends(verb, topic.right_edge.i)])
        bounds = self._trim(self.doc[topic.left_edge.i : last + 1])
        if bounds is None:
            return None
        found = Found(*bounds, "indirect", "pobj-topic", Span(verb.idx, prep.idx + len(prep)))
        found.subject = subject_of(verb)
        return found

    def _from_claim_noun(self, noun: Token) -> Found | None:
        """ "Trump's claim that crime is up", "the statement by the FBI that ...": the clause."""
        clause = next(
            (c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i), None
        )
        if clause is None or self.doc[clause.left_edge.i].lower_ != "that":
            return None
        if any(
            c.dep_ in ("nsubj", "dobj", "nsubjpass") for c in clause.children if c.lower_ == "that"
        ):
            return None  # "the claim that he made": a relative clause, not the content
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        cue = Span(noun.idx, noun.idx + len(noun))
        verb = noun.head
        if owner is None and noun.dep_ == "dobj" and verb.lemma_.lower() in EXPRESSING_VERBS:
            # "The leaders expressed hope that ...": the one expressing it holds it.
            if noun.lemma_.lower() not in HELD_NOUNS | CLAIM_NOUNS or not_said(verb):
                return None
            owner, cue = subject_of(verb), Span(verb.idx, noun.idx + len(noun))
        elif noun.lemma_.lower() not in CLAIM_NOUNS:
            return None  # "his hope that ..." is a wish, not a statement
        if owner is None:
            return None
        last = max([clause.right_edge.i, *_continued_ends(verb, clause.right_edge.i)])
        bounds = self._trim(self.doc[clause.left_edge.i + 1 : last + 1])
        if bounds is None:
            return None
        found = Found(*bounds, "indirect", "claim-noun", cue)
        found.subject = owner
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None

    def _before_next_act(self, tokens: TokenSpan) -> int:
        """The last token before "and said, '...'" that the parser hung inside the words
        reported: in 'X said the move was made by Y and said, "Who ..."' the second "said"
        opens words of its own (a cue after "and", with no subject, then a quotation)."""
        acts = self._next_acts
        at = bisect.bisect_left(acts, tokens.start + 1)
        if at < len(acts) and acts[at] < tokens.end - 2:
            return acts[at] - tokens.start - 2
        return len(tokens) - 1

    @cached_property
    def _next_acts(self) -> list[int]:
        """Token indices of the cues that open words of their own after "and" (see
        `_before_next_act`), found once per article: a scan per quote would be quadratic
        on a chain of "X said that Y said that ..."."""
        doc = self.doc
        acts = []
        for i in sorted(self.cue_ids):
            tok = doc[i]
            if i == 0 or tok.dep_ != "conj" or doc[i - 1].dep_ != "cc":
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                continue
            follow = [t for t in doc[i + 1 : i + 3] if t.text != ","]
            if follow and (_opens(follow[0]) or follow[0].text == ":"):
                acts.append(i)
        return acts

    @cached_property
    def _comments(self) -> list[int]:
        """Token indices of a writer's "which" right after a closing mark and a comma (see
        `_before_comment`), found once per article."""
        doc = self.doc
        found = []
        for i in range(2, len(doc)):
            if doc[i].lower_ != "which":
                continue
            pair = {doc[i - 2].text, doc[i - 1].text}
            if "," in pair and pair & CLOSING_MARKS:
                found.append(i)
        return found

    def _before_comment(self, tokens: TokenSpan) -> int:
        """The last token before a writer's comment on quoted words: in 'Shoigu went at the
        "president's request," which was clearly no coincidence' the "which" after the
        closing mark judges the words; it is no part of them."""
        comments = self._comments
        at = bisect.bisect_left(comments, tokens.start + 2)
        if at < len(comments) and comments[at] < tokens.end:
            return comments[at] - tokens.start - 1
        return len(tokens) - 1

    def _trim(self, tokens: TokenSpan) -> tuple[int, int] | None:
        ends = (self._before_comment(tokens), _before_close(tokens), self._before_next_act(tokens))
        first, last = 0, min(ends)
        while first <= last and (tokens[first].is_punct or tokens[first].is_space):
            first += 1
        while last >= first and (tokens[last].is_punct or tokens[last].is_space):
            last -= 1
        if first > last:
            return None
        return tokens[first].idx, tokens[last].idx + len(tokens[last])


def _writers_after_label(tok: Token) -> bool:
    """What follows a label in the writer's words: an apposition ('a "moderate," a subtle
    dig'), a verb joined on ('"shameful" and called on leaders') and its "and"."""
    if tok.dep_ == "appos":
        return True
    if tok.dep_ == "cc":
        return any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in tok.head.children)
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")


def _before_close(tokens: TokenSpan) -> int:
    """The last token of words opened by a quotation mark right before them, when the
    parser ran the clause on past the closing mark: 'said, "You tell me," repeatedly,
    before he stopped responding' reports "You tell me"; the rest is the writer's."""
    doc = tokens.doc
    if tokens.start == 0 or not _opens(doc[tokens.start - 1]):
        return len(tokens) - 1
    depth = 1
    for k, tok in enumerate(tokens):
        if tok.text not in QUOTE_MARKS:
            continue
        depth += 1 if _opens(tok) else -1
        if depth == 0:
            rest = [t for t in tokens[k + 1 :] if not t.is_punct]
            return k if rest else len(tokens) - 1
    return len(tokens) - 1


def _opens(tok: Token) -> bool:
    """Whether a quotation mark opens: glued to the word after it, not to the one before."""
    if tok.text in ("“", "«"):
        return True
    if tok.text != '"' or tok.whitespace_:
        return False
    return tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_)


def _purpose_ends(verb: Token, last: int) -> list[int]:
    """Where an infinitive of purpose right after the object ends: "shared specific
    examples to illustrate the destructive nature of the policy" (kremlin_67315): the
    examples are shown for what they illustrate; without it the content is "specific
    examples". Only an infinitive that says what the object shows (`SHOWING_VERBS`):
    "praised the workers to win their votes" is the writer's reading of a motive."""
    return [
        c.right_edge.i
        for c in verb.rights
        if c.dep_ in ("advcl", "xcomp")
        and c.left_edge.i == last + 1
        and c.left_edge.lower_ == "to"
        and c.lemma_.lower() in SHOWING_VERBS
    ]


def _reason_ends(verb: Token, last: int) -> list[int]:
    """Where a reason right after a topic ends: "warned against shifting the
    responsibility on Russia, since it was NATO that ..." (kremlin_67315): the reason is
    part of the warning."""
    return [
        c.right_edge.i
        for c in verb.rights
        if c.dep_ == "advcl"
        and c.left_edge.i in (last + 1, last + 2)
        and c.left_edge.lower_ in REASON_MARKS
    ]


def _continued_ends(verb: Token, last: int) -> list[int]:
    """Where a clause the parser hung on the cue verb ends when it goes on the reported
    one: in "expressed hope that the talks will be constructive, and will bring about
    solutions" the parser makes "will bring" a second verb of "expressed"; with no subject
    and a modal of its own it says more of what was hoped (kremlin_67315)."""
    return [
        c.right_edge.i
        for c in verb.rights
        if c.dep_ == "conj"
        and c.left_edge.i <= last + 3
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        and any(g.dep_ == "aux" and g.lower_ in FUTURE_MODALS for g in c.children)
    ]


def _judgement_ends(verb: Token, target: Token) -> list[int]:
    """Where the "as ..." or "for ..." phrase of `verb` right after its object (`target`)
    ends: "praised him for defying the party", "named China as a suspect"; or the verb's
    own ("blamed it on ...", `VERB_PREPOSITIONS`). The phrase ends with its object, not
    with a "rather than" the parser hung on it."""
    after = target.right_edge.i + 1
    own = VERB_PREPOSITIONS.get(verb.lemma_.lower(), frozenset())
    ends = []
    for prep in verb.rights:
        if (
            prep.i != after
            or prep.dep_ != "prep"
            or prep.lower_ not in JUDGEMENT_PREPOSITIONS | own
        ):
            continue
        objects = [g.right_edge.i for g in prep.children if g.dep_ in ("pobj", "pcomp", "prep")]
        ends += objects[-1:]
    return ends


def _names_no_content(target: Token) -> bool:
    """ "released the message", "thanked you": the object is the speech or the listener."""
    return target.pos_ == "PRON" or target.lemma_.lower() in CONTAINER_NOUNS


def _is_infinitive(verb: Token) -> bool:
    """ "to describe the visit": a purpose or plan, not a position someone took."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
