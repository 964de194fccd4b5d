"""The unmarked quotes an introduction announces: "X said:" and "X expressed similar views."

- "colon-intro": a speaker and reporting verb ending in a colon, with no marks
  after it: the next paragraph, or when the colon sits inside a paragraph, the
  following sentences up to the next introduction (see `_continuation`).
- "view-intro": "X expressed similar views." followed by those views.
- "said-by-after": "A. This was stated by X." makes A a quote of X.

`IntroRules` is a part of the quote finder in `stage.py`, which supplies the
parse, the cue tokens and the clause rule these rules read.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presslens.brief import Span
from presslens.layers.quotes.agents import is_agent
from presslens.layers.quotes.marks import QUOTE_PAIRS, Marked, find_marked
from presslens.layers.quotes.parts import (
    TERMINAL,
    Found,
    reporting_verbs,
    skip_spaces,
    speech_nouns,
)
from presslens.layers.quotes.speakers import FIRST_PERSON
from presslens.layers.quotes.subjects import subject_of

# At most this many sentences follow a colon or "expressed views" as the speaker's
# words when the paragraph does not end first; longer runs in the seed-like
# flattened texts were always editorial by then.
MAX_CONTINUATION_SENTENCES = 8
# Verbs whose "X <verb> similar views." announces the views in the sentences after it.
# Others with a speech noun (PolNeAR train: "praised Rubio's positions", "echoed that
# comment", "highlighted comments", "wrote an in-depth assessment") point back at words
# already reported or at a topic: of 24 such quotes on train none matched a gold
# attribution, their words mostly the writer's own.
VIEW_INTRO_VERBS = frozenset({"express", "voice", "share", "state", "outline", "set"})
# "This was stated by X", "That was announced by X": the subject points at the sentence before.
ANAPHORIC_SUBJECTS = frozenset({"this", "that"})  # not "it": "It was said by X that ..."
# A question this short after quoted words is an editorial subheading ("What now?").
SHORT_QUESTION_WORDS = 5


class IntroRules:
    """The colon and "expressed views" rules over one article's parse."""

    text: str
    doc: Doc
    token_starts: list[int]
    cues: list[Token]
    colons: list[Token]
    cue_ids: set[int]

    def token_at(self, char: int) -> Token:
        return self.doc[max(bisect_right(self.token_starts, char) - 1, 0)]

    def _from_clause(self, verb: Token) -> Found | None:
        raise NotImplementedError  # the clause rule of `quotes._QuoteFinder`

    def _colon_intros(self) -> list[Found]:
        found: list[Found] = []
        for colon in self.colons:
            after = skip_spaces(self.text, colon.idx + 1)
            if after >= len(self.text) or self.text[after] in QUOTE_PAIRS:
                continue
            verb = self._intro_verb(colon)
            subject = subject_of(verb) if verb is not None else None
            if verb is None or subject is None:
                continue
            nested = any(f.start <= colon.idx < f.end for f in found)
            if self.text[colon.idx + 1 : after].count("\n"):
                bounds = _paragraph_at(self.text, after)
            else:
                bounds = self._continuation(after, first_only=nested)
            if bounds is None:
                continue
            clause = self._from_clause(verb)
            cue = clause.cue if clause is not None else Span(verb.idx, colon.idx + 1)
            found.append(Found(*bounds, "direct", "colon-intro", cue, subject))
        return found

    def _intro_verb(self, colon: Token, *, any_verb: bool = False) -> Token | None:
        """The verb of the clause a colon ends: its reporting verb nearest the root.

        With `any_verb`, the verb nearest the root when no reporting verb is there.
        """
        sent = colon.sent
        first = sent.start
        for tok in self.doc[sent.start : colon.i]:
            if tok.text == ":" or "\n" in tok.text_with_ws:
                # "A declare: B said: ..." looks after the last colon, in this paragraph
                first = tok.i + 1
        clause = self.doc[first : colon.i]
        verbs = [t for t in clause if t.i in self.cue_ids]
        speech = [t for t in verbs if t.lemma_.lower() in reporting_verbs()]
        verbs = speech or verbs  # "threatened them, demanding:" is introduced by "demanding"
        if not verbs and any_verb:
            verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return None
        return min(verbs, key=lambda t: (_depth(t), -t.i))

    def _said_by_after(self) -> list[Found]:
        """ "X. This was stated by President Y.": the sentence before, said by Y."""
        found: list[Found] = []
        for verb in self.cues:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subject is None or agent is None or by is None:
                continue
            if subject.lower_ not in ANAPHORIC_SUBJECTS:
                continue
            if not is_agent(by):
                continue  # "This is confirmed by the experience of ...": no one spoke
            sent = verb.sent
            if subject.i != sent.start or sent.start == 0:
                continue  # "This was stated by ..." opens its sentence
            before = self.doc[sent.start - 1].sent
            if "\n" in self.text[before.end_char : sent.start_char]:
                continue  # the words said sit in the same paragraph
            start, end = before.start_char, before.end_char
            while end > start and self.text[end - 1] in ".!? ":
                end -= 1
            cue = Span(subject.idx, agent.idx + len(agent))
            found.append(Found(start, end, "indirect", "said-by-after", cue, by))
        return found

    def _view_intros(self) -> list[Found]:
        found: list[Found] = []
        nouns = speech_nouns()
        for verb in self.cues:
            if any(c.dep_ == "ccomp" for c in verb.children):
                continue
            views = next(
                (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None
            )
            subject = subject_of(verb)
            if views is None or subject is None or not _names_person(subject):
                continue
            if verb.lemma_.lower() not in VIEW_INTRO_VERBS:
                continue
            sent = verb.sent
            if self.text[sent.end_char - 1 : sent.end_char] == ":":
                continue
            after = skip_spaces(self.text, sent.end_char)
            if after >= len(self.text):
                continue
            if self.text[sent.end_char : after].count("\n"):
                bounds = _paragraph_at(self.text, after)
            else:
                bounds = self._continuation(after, first_only=False)
            if bounds is None:
                continue
            cue = Span(verb.idx, views.idx + len(views))
            found.append(Found(*bounds, "direct", "view-intro", cue, subject))
        return found

    def _continuation(self, start: int, *, first_only: bool) -> tuple[int, int] | None:
        """The speaker's words from `start` on, in a paragraph that goes on after them.

        Stopping rule, for texts whose paragraph breaks were lost: the words run
        sentence by sentence and stop before the first sentence that (1) starts a
        new paragraph, (2) introduces another speaker (a reporting verb with a
        subject other than "I"/"we"/"you", or "according to"), (3) holds a colon
        (a new introduction: "A question arises:"), (4) is a subheading (no final
        punctuation, a run-in quoted title, or a short question), or after
        `MAX_CONTINUATION_SENTENCES`. The first sentence is always taken whole: it
        may itself quote someone ("Now the elites declare: ...").
        """
        text = self.text
        paragraph_end = text.find("\n", start)
        if paragraph_end < 0:
            paragraph_end = len(text)
        sent = self.token_at(start).sent
        end = min(sent.end_char, paragraph_end)
        end = self._cut_at_heading(start, end)
        taken = 1
        while not first_only and end < paragraph_end and taken < MAX_CONTINUATION_SENTENCES:
            nxt_start = skip_spaces(text, end)
            if nxt_start >= paragraph_end:
                break
            nxt = self.token_at(nxt_start).sent
            if nxt.start_char < end or self._stops(nxt):
                break
            cut = self._cut_at_heading(nxt_start, min(nxt.end_char, paragraph_end))
            if cut <= nxt_start:
                break
            end = cut
            taken += 1
            if cut < min(nxt.end_char, paragraph_end):
                break
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _stops(self, sent: TokenSpan) -> bool:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            return True
        last = sent.text.rstrip().rstrip("\"'”’»」』")
        if not last or last[-1] not in TERMINAL:
            return True
        if last[-1] == "?" and len(words) <= SHORT_QUESTION_WORDS:
            return True
        for tok in sent:
            if tok.text == ":" or (tok.lower_ == "according" and tok.i + 1 < sent.end):
                return True
            if tok.i in self.cue_ids and tok.lemma_.lower() in reporting_verbs():
                subject = subject_of(tok)
                if (
                    subject is not None
                    and subject.dep_ == "nsubj"
                    and subject.lower_ not in FIRST_PERSON | {"you"}
                ):
                    return True
        return False

    def _cut_at_heading(self, start: int, end: int) -> int:
        """Where a run-in quoted subheading (`"Title" Next sentence`) starts, else `end`."""
        for marked in self.marked_in(start, end):
            inner = self.text[marked.start : marked.end].rstrip()
            after = skip_spaces(self.text, marked.close + 1)
            before = self.text[start : marked.open].rstrip()
            if (
                inner
                and inner[-1] not in TERMINAL
                and after < len(self.text)
                and self.text[after].isupper()
                and (not before or before[-1] in TERMINAL)
            ):
                return marked.open
        return end

    def marked_in(self, start: int, end: int) -> list[Marked]:
        return [m for m in self.all_marked if start <= m.open and m.close < end]

    @property
    def all_marked(self) -> list[Marked]:
        if not hasattr(self, "_marked"):
            self._marked = find_marked(self.text)
        return self._marked


def _names_person(tok: Token) -> bool:
    """A subject that names a person: a PERSON name, "he"/"she", or one in apposition."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she"):
        return True
    return any(t.ent_type_ == "PERSON" for t in tok.subtree)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok = tok.head
        depth += 1
    return depth


def _paragraph_at(text: str, start: int) -> tuple[int, int] | None:
    """The paragraph starting at `start`, when it does not open with a quotation mark."""
    if start >= len(text) or text[start] in QUOTE_PAIRS:
        return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
