"""Quotes between quotation marks: which marked stretches are quotes, and whose.

A marked stretch (`marks.py`) is a quote when the parse hangs it from a
reporting verb ("marks+verb"), a colon introduces it ("marks+colon") or it
continues the quote before it ("marks+chain"); a marked fragment inside an
indirect quote's clause makes that quote "mixed". Unattributed short or
verbless stretches are scare quotes and names, and are dropped.

`MarkedRules` is a part of the quote finder in `stage.py`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from presslens.brief import Span
from presslens.layers.quotes.intros import IntroRules
from presslens.layers.quotes.labels import NameLabel, NameLabels
from presslens.layers.quotes.marks import QUOTE_PAIRS, Marked
from presslens.layers.quotes.parts import (
    CLAUSE_OPENERS,
    MIN_CONTENT_WORDS,
    TERMINAL,
    Found,
    count_words,
    reporting_verbs,
    skip_spaces,
    speech_events,
)
from presslens.layers.quotes.subjects import subject_of

# How a quoted clause hangs from the verb that reports it ("X," he said / said "X").
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "oprd", "attr", "dep"})
# Scare quotes: an unattributed quotation of up to this many words, or one with no
# finite verb ("the 'North Korean card'", a title), is a term, not a quote.
SCARE_MAX_WORDS = 3
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# How far (in tokens) a verb of saying may sit from a quote the parse left unattached:
# `"...," Mr. Trump boasted` puts it within three, `"...?" the Head of State remarked`
# within five (president-ua texts; PolNeAR dev figures in the issue-12 notes).
ADJACENT_TOKENS = 6
# Texts that "read" (`_document_read`) besides the written speech events. Not "it": the
# pronoun resolver would give the text's words to the organisation named before it.
WRITTEN_TEXTS = frozenset(
    {"editorial", "sign", "note", "petition", "banner", "headline", "caption", "notice"}
)
# What the words of a speaker's name and title never are ("screenwriter Anna Berg").
NOT_NAME_POS = frozenset({"PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PUNCT", "PART", "NUM"})
# What a short quotation ends with inside its marks when it is an utterance of its own
# ('"I'm honored!" she said'), and how many tokens may name its speaker before the verb
# (five: '"The bullying," Fox's Chris Wallace said'; PolNeAR train 400-680 gained two
# right quotes and nothing else when it went from three to five).
UTTERANCE_ENDINGS = frozenset("!?,")
# What a quotation that ends its sentence ends with inside its marks ('said, "Probably."').
SENTENCE_ENDINGS = frozenset(".!?…")
UTTERANCE_ATTRIBUTION_TOKENS = 5
# A marked quote holding this share of an indirect quote's clause is that quote.
SAME_QUOTE_SHARE = 0.8
# An attribution between two parts of one quote ("said Caddell, speaking of her
# health") is at most this long; PolNeAR dev's split quotes stay under it.
CHAIN_MAX_ATTRIBUTION_WORDS = 12
# Words of a clause before the marks that hold the rest of it ('She had "wanted to fly"'):
# more, and the marks are a fragment of a longer sentence, which the clause rule reads.
CLAUSE_LEAD_MAX_WORDS = 6
# A verbless quotation of at least this many words, a sentence of its own after an
# attributed quote in its paragraph, goes on with that quote ('"A," Ash wrote. "Reopening
# the nominations to permit another candidate."'), which `carry.py` attributes.
VERBLESS_SENTENCE_MIN_WORDS = 6
# Words allowed between two quotes by the same speaker: `"A," and "B"`.
_CHAIN_GAP = re.compile(r"[\s,;]*(?:and|or|but)?[\s,;]*", re.IGNORECASE)


class MarkedRules(IntroRules):
    """The quotation-mark rules over one article's parse."""

    #: The names that label quotes after a colon, read once when needed.
    _name_labels: NameLabels | None = None

    # -- quotation marks ----------------------------------------------------------------------

    def _from_marks(self, clauses: list[Found]) -> list[Found]:
        owner, swallowed = self._fold_clauses(clauses)
        found: list[Found] = []
        previous: Found | None = None
        for marked in self.all_marked:
            if any(s.open <= marked.open and marked.close <= s.close for s in swallowed):
                continue
            item = self._attribute(marked)
            clause = owner.get(marked)
            if clause is not None and (item is None or item.subject is None):
                item = Found(marked.start, marked.end, "direct", "marks+verb", clause.cue)
                item.subject = clause.subject
            # '"A," the judge said, "B."': the second half of a split quote goes on with the
            # first, however short ("B" hangs from no verb; "said" is the first half's).
            weak = item is None or (
                not item.firm and previous is not None and item.cue == previous.cue
            )
            # "... he used the word 'unqualified.' ...": marks inside the quote before, with
            # no cue of their own, are its words, not a quote or a second part of it.
            if weak and previous is not None and previous.start <= marked.start < previous.end:
                continue
            if weak and previous is not None and self._continues(previous, marked):
                item = replace(previous, start=marked.start, end=marked.end)
                item.evidence = "marks+chain"
            if item is None or not item.firm:
                if self._is_scare_quote(marked) and not self._goes_on(previous, marked):
                    continue
                item = item or Found(marked.start, marked.end, "direct", "marks")
            item.end = _strip_trailing(self.text, item.start, item.end)
            if not any(ch.isalnum() for ch in self.text[item.start : item.end]):
                continue  # '""': two marks with no words between them say nothing
            if clause is not None and item.cue == clause.cue:
                self._with_clause_lead(item, clause, marked)
            found.append(item)
            # A quote inside the one before ('She says ‘yes’' inside Smith's) leaves
            # that one the quote a next paragraph's quote may go on with.
            inside = previous is not None and previous.start <= item.start < previous.end
            if item.cue is not None and not inside:
                previous = item
        return found

    def _ends_in(self, marked: Marked, clause: Found) -> bool:
        """Whether `marked` ends inside `clause`, or past its end by punctuation only (the
        clause was trimmed of the full stop inside the marks)."""
        return marked.end <= clause.end or (
            marked.start < clause.end
            and not any(ch.isalnum() for ch in self.text[clause.end : marked.end])
        )

    def _runs_on(self, marked: Marked, clause: Found) -> bool:
        """Whether `marked`, opening inside `clause`, ends in it or runs on past its end
        within the paragraph."""
        if self._ends_in(marked, clause):
            return True
        return marked.start < clause.end and "\n" not in self.text[clause.end : marked.end]

    def _clause_words(self, clause: Found) -> int:
        """The words of a clause, without the "that" or "whether" opening it."""
        words = clause.words(self.text)
        opener = self.text[clause.start : clause.end].split(maxsplit=1)[:1]
        return words - 1 if opener and opener[0].lower() in CLAUSE_OPENERS else words

    def _with_clause_lead(self, item: Found, clause: Found, marked: Marked) -> None:
        """A marked quote that is the rest of its cue's clause opens where the clause does:
        'said that "X"' reports 'that "X"', 'She had "wanted to fly," he told' reports 'She
        had "wanted to fly"' (PolNeAR's Content spans; train: 422 quotes short on the left).
        It then ends with its closing mark, so the content's marks stay paired."""
        if not clause.start < marked.open or "\n" in self.text[clause.start : marked.open]:
            return
        lead_text = self.text[clause.start : marked.open]
        lead = lead_text.split()
        if len(lead) > CLAUSE_LEAD_MAX_WORDS or any(ch in QUOTE_PAIRS for ch in lead_text):
            return  # '"A," and "B"': the words before B hold the quote A, not B's clause
        if [w.lower() for w in lead] != ["that"]:
            item.kind = "mixed"
        item.start = clause.start
        item.end = marked.close + 1

    def _continues(self, previous: Found, marked: Marked) -> bool:
        """Whether a quote goes on from the attributed one before it.

        `"A," and "B"`, or `"A," said X, on Y. "B."` in one paragraph: the words
        between are nothing, or only the attribution of the first part.
        """
        gap_start = skip_spaces(self.text, previous.end)
        while gap_start < marked.open and self.text[gap_start] in ",;:\"”’»」』'":
            gap_start += 1
        gap = self.text[gap_start : marked.open]
        if _CHAIN_GAP.fullmatch(gap):
            return True
        if _opens_paragraph(self.text, marked.open):
            # A paragraph opening with a quote goes on with the quote that ended the last
            # one, when only its attribution came after it ("...," Ms. Hall said.).
            gap = gap.rstrip()
        if "\n" in gap or previous.cue is None or not gap_start <= previous.cue.start:
            return False
        return count_words(gap, 0, len(gap)) <= CHAIN_MAX_ATTRIBUTION_WORDS

    def _fold_clauses(self, clauses: list[Found]) -> tuple[dict[Marked, Found], list[Marked]]:
        """Settle marked quotes that overlap indirect clauses.

        A clause mostly inside marks is those marked quotes (they take its cue and
        speaker; the clause goes). A clause with a marked fragment is "mixed"; the
        fragment is part of it, not a quote of its own. A clause whose cue is inside
        the marks is a quote within the quote and stays apart.
        """
        owner: dict[Marked, Found] = {}
        swallowed: list[Marked] = []
        for clause in list(clauses):
            if clause.cue is None:
                continue
            cue = clause.cue.start
            if not self._kept_inside_marks(clause):
                clauses.remove(clause)
                continue
            overlapping = [
                m
                for m in self.all_marked
                if m.start < clause.end and clause.start < m.end and not m.start <= cue < m.end
            ]
            outer = [
                m
                for m in overlapping
                if not any(o.open < m.open and m.close < o.close for o in overlapping)
            ]
            if not outer:
                continue
            in_marks = sum(
                count_words(self.text, max(m.start, clause.start), min(m.end, clause.end))
                for m in outer
            )
            if in_marks >= SAME_QUOTE_SHARE * self._clause_words(clause):
                clauses.remove(clause)
                for m in outer:
                    owner.setdefault(m, clause)
                continue
            # 'saying she is "soft on crime, you know. Soft."': the parse ended the clause
            # inside marks its own words opened; the marks go on with the clause's speaker.
            inside = [m for m in outer if clause.start <= m.start and self._runs_on(m, clause)]
            if inside:
                clause.kind = "mixed"
                swallowed.extend(inside)
                # 'said the budget "is a disaster."': the clause ends with the marks it holds.
                clause.end = max(clause.end, max(m.close + 1 for m in inside))
        return owner, swallowed

    def _kept_inside_marks(self, clause: Found) -> bool:
        """A clause whose cue is inside quotation marks ends where they close: in
        '"... Sanders saying, 'vote for her,' " Sanders told CNN', the parse ran the clause
        of "saying" on into "Sanders told CNN". Cut there; False when nothing of the
        clause is left inside (it is then no quote)."""
        cue = clause.cue.start if clause.cue is not None else clause.start
        holding = [m for m in self.all_marked if m.start <= cue < m.end]
        if not holding:
            return True
        marks = min(holding, key=lambda m: m.end - m.start)
        beyond = list(self.text[marks.end : clause.end])
        for other in self.all_marked:
            # 'is just saying, "we hope ..."' with straight marks read as two quotes: what
            # the clause runs on into is a quote of its own, the clause's words.
            for at in range(max(other.start, marks.end), min(other.end, clause.end)):
                beyond[at - marks.end] = " "
        if not any(ch.isalnum() for ch in beyond):
            return True
        if clause.start <= marks.start:
            # '"What we need is, I think, a plan," he said': the marks are the quote, and
            # "he said" its attribution.
            return False
        clause.end = _strip_trailing(self.text, clause.start, min(clause.end, marks.end))
        return count_words(self.text, clause.start, clause.end) >= MIN_CONTENT_WORDS

    def _attribute(self, marked: Marked) -> Found | None:
        tokens = self._tokens(marked.start, marked.end)
        if tokens is None:
            return None
        # Marks inside a quote are said by someone that quote speaks of: a cue outside
        # the quote around them is that quote's ("She says 'yes,'" Smith said).
        around = [m for m in self.all_marked if m.open < marked.open and marked.close < m.close]
        lo, hi = (
            max((m.start for m in around), default=0),
            min((m.end for m in around), default=len(self.text)),
        )
        for tok in tokens:
            head = tok.head
            if (
                tok.dep_ in CONTENT_DEPS
                and not tokens.start <= head.i < tokens.end
                and lo <= head.idx < hi
                and head.i in self.cue_ids
                and (self._is_long(marked) or _names_speech(tok, head))
                and not self._across_paragraphs(tok, head)
            ):
                cue = Span(head.idx, head.idx + len(head))
                return Found(
                    marked.start, marked.end, "direct", "marks+verb", cue, subject_of(head)
                )
        adjacent = self._adjacent_reporting_verb(marked)
        if adjacent is not None and lo <= adjacent[0].idx < hi:
            said, subject = adjacent
            cue = Span(said.idx, said.idx + len(said))
            found = Found(marked.start, marked.end, "direct", "marks+adjacent", cue)
            found.subject = subject
            # No parse link: a quoted name before "X said" is no quote, unless the marks hold
            # an utterance of its own ('"I'm honored!" she said').
            found.firm = self._utterance_before(marked, said) or self._utterance_after(said, marked)
            return found
        before = marked.open - 1
        while before >= 0 and self.text[before].isspace():
            before -= 1
        if before < 0 or self.text[before] != ":":
            return None
        colon = self.token_at(before)
        labelled = self._name_label(colon)
        if labelled is not None:
            return labelled.speaking(marked)
        verb = self._intro_verb(colon)
        firm = verb is not None
        if verb is None:
            # "Washington avoided the topic: "..."": the subject of the clause before
            # the colon, held to the scare-quote test since no verb of saying vouches.
            verb = self._intro_verb(colon, any_verb=True)
            if verb is None:
                return None
        cue = Span(verb.idx, colon.idx + 1)
        found = Found(marked.start, marked.end, "direct", "marks+colon", cue, subject_of(verb))
        found.firm = firm
        return found

    def _name_label(self, colon: Token) -> NameLabel | None:
        if self._name_labels is None:
            self._name_labels = NameLabels(self.doc, self.cue_ids)
        return self._name_labels.before(colon)

    def _across_paragraphs(self, tok: Token, head: Token) -> bool:
        """A parse link over a paragraph break: a misparse (NYT's ''...'' marks run the
        sentence on into the next paragraph, whose quote then hangs from the last "said")."""
        low, high = sorted((tok.idx, head.idx))
        return self.text.find("\n", low, high) >= 0

    def _adjacent_reporting_verb(self, marked: Marked) -> tuple[Token, Token] | None:
        """A verb of saying and its subject right after the quote (`"...," Trump boasted`),
        or right before it (`Trump boasted, "..."`), when the parse did not join them."""
        after = self.token_at(skip_spaces(self.text, marked.close + 1))
        ends_sentence = self.text[marked.start : marked.end].rstrip()[-1:] == "."
        # Not across a line break: the next paragraph's "Syracuse showed ..." is its own.
        if after.idx > marked.close and "\n" not in self.text[marked.close : after.idx]:
            window = self.doc[after.i : min(after.i + ADJACENT_TOKENS, len(self.doc))]
            for n, tok in enumerate(window):
                if "\n" in tok.text_with_ws or tok.text in TERMINAL:
                    break
                subject = (
                    self._speech_subject(tok)
                    or _name_before(window[:n], tok)
                    or _document_read(tok, window[:n])
                )
                if subject is not None and (
                    not ends_sentence or _ends_with(window, n, UTTERANCE_ATTRIBUTION_TOKENS)
                ):
                    # After a full stop in the marks, only '"..." Smith said.'
                    return tok, subject
        opening = self.token_at(marked.open)
        if opening.i > 0 and self.doc[opening.i - 1].text in (",", ":"):
            first = max(opening.i - 1 - ADJACENT_TOKENS, 0)
            for tok in reversed(self.doc[first : opening.i - 1]):
                if "\n" in tok.text_with_ws or tok.text in TERMINAL:
                    break
                if (subject := self._speech_subject(tok)) is not None:
                    return tok, subject
        return None

    def _utterance_before(self, marked: Marked, verb: Token) -> bool:
        """Whether `marked` opens a sentence and ends like an utterance ("!", "?", ",") right
        before its speaker and verb: '"I'm honored!" she said', '"Why now?" Ms. Ruiz asked'."""
        inner = self.text[marked.start : marked.end].rstrip()
        if inner[-1:] not in UTTERANCE_ENDINGS or verb.idx < marked.close:
            return False
        between = self.doc.char_span(marked.close + 1, verb.idx, alignment_mode="expand")
        if between is None or len(between) > UTTERANCE_ATTRIBUTION_TOKENS:
            return False
        before = self.text[: marked.open].rstrip()
        return not before or before[-1] in TERMINAL or before.endswith("\n")

    def _utterance_after(self, verb: Token, marked: Marked) -> bool:
        """Whether `marked` is a whole utterance that ends the sentence its verb of saying
        and a comma or colon open: 'Priebus said, "Probably."', 'Wallace asked, "Why?"'."""
        if verb.idx > marked.open:
            return False
        inner = self.text[marked.start : marked.end].rstrip()
        if inner[-1:] not in SENTENCE_ENDINGS:
            return False
        after = self.text[marked.close + 1 : marked.close + 3]
        return not after.strip() or after[:1] == "\n" or (after[:1] == " " and after[1:].isupper())

    def _speech_subject(self, tok: Token) -> Token | None:
        """The subject of a verb of saying in the active voice: "Trump" of "Trump boasted"."""
        subject = subject_of(tok) if tok.i in self.cue_ids else None
        if subject is None or subject.dep_ != "nsubj":
            return None
        return subject if tok.lemma_.lower() in reporting_verbs() else None

    def _is_long(self, marked: Marked) -> bool:
        return count_words(self.text, marked.start, marked.end) > SCARE_MAX_WORDS

    def _is_scare_quote(self, marked: Marked) -> bool:
        if not self._is_long(marked):
            return True
        tokens = self._tokens(marked.start, marked.end)
        return tokens is None or not any(t.tag_ in FINITE_TAGS for t in tokens)

    def _goes_on(self, previous: Found | None, marked: Marked) -> bool:
        """Whether a verbless quotation is a sentence of the attributed quote before it
        (`"A," Ash wrote in the email. "Reopening the nominations to permit ...."`)."""
        if previous is None or "\n" in self.text[previous.end : marked.open]:
            return False
        inner = self.text[marked.start : marked.end].rstrip()
        before = self.text[: marked.open].rstrip()
        return (
            count_words(self.text, marked.start, marked.end) >= VERBLESS_SENTENCE_MIN_WORDS
            and inner[-1:] in (".", "!", "?")
            and before[-1:] in (".", "!", "?")
        )

    def _tokens(self, start: int, end: int) -> TokenSpan | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None and len(span) else None


def _ends_with(window: TokenSpan, n: int, most: int) -> bool:
    """Whether the sentence in `window` ends right after its token `n`, within `most` tokens."""
    return n < most and n + 1 < len(window) and window[n + 1].text in TERMINAL


def _strip_trailing(text: str, start: int, end: int) -> int:
    """Drop the comma or colon a quotation ends with before its closing mark."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return end


def _opens_paragraph(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _names_speech(fragment: Token, verb: Token) -> bool:
    """A short quoted fragment is speech when a verb of saying takes it as what was said.

    `called it a "rumor"` names a label (oprd/attr), not words someone said.
    """
    return verb.lemma_.lower() in reporting_verbs() and fragment.dep_ not in ("oprd", "attr")


def _document_read(verb: Token, words: TokenSpan) -> Token | None:
    """The document whose words a quote is: '"...," the letter read', '"...," read the
    statement'. "Read" reports only a text, never a reader; `words` are
    those between the quote and the verb (the parser may make "the editorial" no subject).
    """
    if verb.lemma_.lower() != "read":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and not objects and words:
        subject = words[-1]
    if subject is not None:
        named = not objects and subject.lemma_.lower() in written_texts()
    else:
        named = bool(objects) and not words and objects[0].lemma_.lower() in written_texts()
        subject = objects[0] if named else None
    return subject if named else None


def written_texts() -> frozenset[str]:
    """What can "read" ('"...," the sign read'): the speech events and a few more texts."""
    return speech_events() | WRITTEN_TEXTS


def _name_before(words: TokenSpan, verb: Token) -> Token | None:
    """The name that the words between a quote and its verb of saying are, when the parse
    gave the verb no subject ('"...," screenwriter Anna Berg wrote on Twitter'): a run of
    title words ending in a proper name, right before a verb with no subject."""
    if not words or verb.lemma_.lower() not in reporting_verbs() or verb.pos_ != "VERB":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    run = [t for t in words if not (t.pos_ == "PUNCT" and t.i == words.start)]
    if not run or run[-1].pos_ != "PROPN":
        return None
    # The tagger may misread a title ("screenwriter" as a verb); no finite verb, pronoun
    # or linking word may stand in the run.
    return (
        run[-1]
        if all(t.tag_ not in FINITE_TAGS and t.pos_ not in NOT_NAME_POS for t in run)
        else None
    )
