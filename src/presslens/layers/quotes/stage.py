"""Stage: the `quotes` layer. Direct, indirect and mixed quotes with their cue and speaker.

These rules find what was said, each named in `Quote.evidence`:

- "marks": text between quotation marks of any script (`marks.py`), across
  paragraphs when each new paragraph reopens the quote. Attributed through the
  parse ("marks+verb": a token of the quote hangs from a reporting verb), a
  colon before it ("marks+colon"; "marks+label" when a name opens the line before the
  colon: 'Kasich: "..."') or the quote just before it ("marks+chain").
  Unattributed short or verbless ones are scare quotes and names, not quotes,
  and are dropped (`marked.py`).
- "ccomp-reporting-verb": the clause (spaCy `ccomp`) of a verb from
  `lexicons/en/reporting_verbs.txt` (after "asked", its "if"/"whether" clause);
  "parenthetical-reporting-verb": the sentence around a "he said" set off by commas;
  "according-to": the clause an "according to X" phrase attaches to (`asides.py`).
  Clauses without a speaker ("it is worth noting that") are the author's own and are
  dropped; a speaking "it" ("it said", "it recommended") is an organisation.
- "xcomp-intention-verb", "dobj-stance-verb", "pobj-topic": what someone wants,
  attacks or complains about (`stances.py`).
- "colon-intro" and "view-intro": the unmarked words after "X said:" or "X
  expressed similar views." (`intros.py`).
- "transcript-turn": the words after a turn label, up to the next (`turns.py`).
- "claim-noun": "Trump's claim that ...", "the leaders expressed hope that ...".

No quote without a speech act by an agent: negated and hypothetical cues are no
cues (`acts.py`), speech a quoted speaker foretells ("..., they will say, ...") is
dropped, and the position, topic and wish rules need an agent as subject
(`agents.py`). Cue verbs the lexicons miss come from a model trained on PolNeAR
train (`learned.py`); attributions no rule reads, from a second one
("learned-attribution", `attribution.py`), only outside the rules' quotes.

A quote whose marks hold most of an indirect quote's clause takes that clause's
speaker and cue; a marked fragment inside a longer clause makes it "mixed".
"I think ..." inside a quote is that quote's speaker; "you know ..." inside one
is no quote of its own.
Speakers are resolved in `speakers.py`; unattributed marked quotes take a dash
byline or the speaker before them (`carry.py`).
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import replace

from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from presslens.article import Article
from presslens.brief import Brief, Quote, Span
from presslens.layers.quotes.acts import not_said
from presslens.layers.quotes.agents import is_agent, shows_without_agent
from presslens.layers.quotes.asides import AsideRules
from presslens.layers.quotes.attribution import learned_quotes, verb_tokens
from presslens.layers.quotes.bylines import headline_speaker
from presslens.layers.quotes.carry import carry_speakers
from presslens.layers.quotes.clauses import (
    QUESTION_VERBS,
    before_second_report,
    controlled_speaker,
    event_clauses,
    for_clauses,
    passive_speaker,
    question_clauses,
    subject_across_preposition,
)
from presslens.layers.quotes.extended import extend_quotes
from presslens.layers.quotes.issued import issuer
from presslens.layers.quotes.learned import learned_cues
from presslens.layers.quotes.marked import MarkedRules
from presslens.layers.quotes.nesting import drop_nested
from presslens.layers.quotes.parts import (
    CLAIM_NOUNS,
    CLAUSE_OPENERS,
    HELD_NOUNS,
    MIN_CONTENT_WORDS,
    Found,
    clip_at_breaks,
    count_words,
    intention_verbs,
    reporting_verbs,
    stance_verbs,
)
from presslens.layers.quotes.passives import undergoes
from presslens.layers.quotes.speakers import FIRST_PERSON, SpeakerResolver
from presslens.layers.quotes.stances import StanceRules
from presslens.layers.quotes.subjects import THIRD_PERSON, on_relative_pronoun, subject_of
from presslens.layers.quotes.tagged import tagged_quotes
from presslens.layers.quotes.turns import find_turns, turn_label_spans
from presslens.models import encoder

REPORTING_POS = frozenset({"VERB", "ADJ", "AUX"})
#: Nouns that introduce what someone said or holds ("the claim that", "his view that").
HEARD_NOUNS = CLAIM_NOUNS | HELD_NOUNS

SECOND_PERSON = frozenset({"you"})
# The rules whose subject is often a thing rather than an agent: they keep only agents.
AGENT_RULES = frozenset({"dobj-stance-verb", "pobj-topic", "xcomp-intention-verb"})
FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall"})
# What opens a clause of time or reason, never one of what was said ("he said as ...").
CIRCUMSTANCE_MARKS = frozenset({"as", "while", "when", "because", "since", "before", "after"})


def find_quotes(article: Article, brief: Brief) -> Brief:
    """Add the `quotes` layer: every quote with its content, kind, cue and speaker."""
    finder = _QuoteFinder(article.text, article.doc)
    resolver = SpeakerResolver(article.doc, article.text, brief.entities)
    resolver.author = headline_speaker(brief, resolver)
    turns = find_turns(article.text, resolver)
    labels = turn_label_spans(turns)
    # A quote running over a turn's label, or taking the label as its words, is a misparse.
    found = [f for f in finder.find() if not _crosses(f, labels)]
    # 'Kasich: "..."' read as a turn is that turn, not a second quote by the label's name.
    found = [f for f in found if f.evidence != "marks+label" or not _inside(f, turns)] + turns
    # Reported speech never runs over a blank line: a headline is not part of the clause.
    found = [c for f in found if (c := _within_paragraph(f, article.text)) is not None]
    # '"... We don't care, the military will say ..."': speech a quoted speaker foretells.
    marked = [(f.start, f.end) for f in found if f.evidence.startswith("marks")]
    found = [f for f in found if not _foretold_inside(f, marked, finder)]
    # A stated position, topic or wish needs an agent holding it (not "guaranties ruling out").
    found = [f for f in found if f.evidence not in AGENT_RULES or _by_agent(f)]
    # "Other crises have shown how essential ...": what events show is no one's words.
    found = [f for f in found if not shows_without_agent(_cue_token(f, finder), f.subject)]
    # "We can speculate about ...", "I want to ...": outside any quote, the author's own.
    found = [
        f
        for f in found
        if f.evidence not in AGENT_RULES
        or f.subject is None
        or f.subject.lower_ not in FIRST_PERSON
        or _speaks_inside(f, found)
    ]
    # A position or wish of a third party inside someone's direct words is those words
    # ("the ministry must get involved while addressing these issues" in a speech).
    direct = [(f.start, f.end) for f in found if f.kind == "direct"]
    found = [f for f in found if not _third_party_inside(f, direct)]
    # "you think ..." inside a quote addresses someone; the words are the quote's own.
    found = [f for f in found if not _speaks_inside(f, found, SECOND_PERSON)]
    # What the rules miss, from the PolNeAR-trained attribution model: only outside them.
    taken = [(f.start, f.end) for f in found] + [(f.cue.start, f.cue.end) for f in found if f.cue]
    found += [
        f for f in learned_quotes(article.doc, article.text, taken) if not _crosses(f, labels)
    ]
    # Accurate profile: what the encoder tagger finds outside all of those (`tagged.py`).
    if encoder.runnable(article.settings.profile) == "accurate":
        found = extend_quotes(article.doc, article.text, found)
        taken = [(f.start, f.end) for f in found]
        taken += [(f.cue.start, f.cue.end) for f in found if f.cue]
        found += [
            f for f in tagged_quotes(article.doc, article.text, taken) if not _crosses(f, labels)
        ]
    quotes: list[Quote] = []
    by_start: list[tuple[int, int]] = []  # (start, index into quotes), sorted
    # "I think ..." inside a quote is the quote's speaker, and "she says" someone else,
    # whose cue may come after it ("'... I think ...,' Sanders said"): those are resolved last.
    inside = FIRST_PERSON | THIRD_PERSON
    for item in sorted(found, key=lambda f: (_speaks_inside(f, found, inside), _order(f))):
        speaker, how = item.speaker, ""
        # "The campaign issued a statement saying ...": the campaign speaks, not the statement.
        item.subject = issuer(item.subject, _cue_token(item, finder))
        # "Sanders was asked to name ...", "Asked if ..., Trump said": the one asked is no
        # speaker, and the text does not name who asked (the "by" agent, if any, does).
        if _undergone(item, _cue_token(item, finder)):
            item.subject = None
        if item.subject is not None:
            around = _enclosing_quote(quotes, by_start, item.subject.idx)
            enclosing = around.speaker if around is not None else None
            # Inside quotation marks, "she" is someone the speaker talks about; a turn of a
            # transcript holds the editor's asides too ("(Golikova went on ...) She ...").
            in_marks = around is not None and around.evidence.startswith("marks")
            speaker, how = resolver.speaker(item.subject, enclosing, in_marks)
        if speaker is not None:
            resolver.remember(speaker)
            if item.cue is not None:
                verb = finder.token_at(item.cue.start)
                speaker = on_relative_pronoun(speaker, item.subject, verb)
        evidence = item.evidence + (f"+{how}" if how and how != "subject" else "")
        insort(by_start, (item.start, len(quotes)))
        quotes.append(
            Quote(item.start, item.end, item.kind, speaker, item.cue, evidence, item.confidence)
        )
    # '"..., I think X," he said', "A said that B claimed X": part of the outer quote.
    quotes = drop_nested(quotes)
    quotes.sort(key=lambda q: (q.start, -q.end))
    return replace(brief, quotes=tuple(carry_speakers(quotes, article.text, resolver)))


def _within_paragraph(item: Found, text: str) -> Found | None:
    """An indirect quote cut to the paragraph of its cue (a parse may run into the headline)."""
    if item.kind == "direct" or "\n\n" not in text[item.start : item.end]:
        return item
    at = item.cue.start if item.cue is not None else item.start
    start = text.rfind("\n\n", item.start, min(at, item.end))
    start = item.start if start < 0 else start + 2
    end = text.find("\n\n", max(at, start), item.end)
    end = item.end if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    if count_words(text, start, end) < MIN_CONTENT_WORDS:
        return None
    return replace(item, start=start, end=end)


def _foretold_inside(item: Found, marked: list[tuple[int, int]], finder: _QuoteFinder) -> bool:
    """A cue in the future tense inside a marked quote: what someone will say, as imagined."""
    if item.cue is None or item.evidence.startswith("marks"):
        return False
    at = item.cue.start
    if not any(start <= at < end for start, end in marked):
        return False
    verb = finder.token_at(at)
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _third_party_inside(item: Found, direct: list[tuple[int, int]]) -> bool:
    if item.evidence not in AGENT_RULES or item.cue is None:
        return False
    if item.subject is not None and item.subject.lower_ in FIRST_PERSON:
        return False
    return any(start <= item.cue.start < end for start, end in direct)


def _cue_token(item: Found, finder: _QuoteFinder) -> Token | None:
    """The cue's first word (the verb of "X shows that ..."), if the quote has a cue."""
    return finder.token_at(item.cue.start) if item.cue is not None else None


def _undergone(item: Found, cue: Token | None) -> bool:
    subject = item.subject
    if cue is None or subject is None or not undergoes(cue):
        return False
    return not (subject.head.dep_ == "agent" and subject.head.head.i == cue.i)


def _by_agent(item: Found) -> bool:
    return item.subject is None or is_agent(item.subject)


def _inside(item: Found, others: list[Found]) -> bool:
    return any(o.start <= item.start and item.end <= o.end for o in others)


def _crosses(item: Found, labels: list[tuple[int, int]]) -> bool:
    return any(item.start < end and start < item.end for start, end in labels)


#: Quotes starting before a position looked at for the one that encloses it: nested
#: quotes are a few deep in real text; a chain of 10,000 "X said that" clauses made an
#: unbounded search quadratic (benchmarks/scaling.py "said-chain").
MAX_ENCLOSING_CANDIDATES = 64


def _enclosing_quote(quotes: list[Quote], by_start: list[tuple[int, int]], at: int) -> Quote | None:
    """The shortest quote with a speaker found so far around `at`, if any."""
    best: Quote | None = None
    first = bisect_right(by_start, (at, len(quotes)))
    for _start, index in reversed(by_start[max(0, first - MAX_ENCLOSING_CANDIDATES) : first]):
        quote = quotes[index]
        inside = quote.start <= at < quote.end and quote.speaker is not None
        if inside and (best is None or quote.end - quote.start < best.end - best.start):
            best = quote
    return best


def _order(found: Found) -> int:
    return found.cue.start if found.cue else found.start


def _speaks_inside(item: Found, found: list[Found], persons: frozenset[str] = FIRST_PERSON) -> bool:
    """Whether `item`'s subject is one of `persons` ("I", "we") inside another quote."""
    subject = item.subject
    if subject is None or subject.lower_ not in persons:
        return False
    return any(f is not item and f.start <= subject.idx < f.end for f in found)


def _lowered(strings: StringStore, keys: list[int]) -> list[str]:
    """The lowercased string of each key, lowercased once per distinct key."""
    seen: dict[int, str] = {}
    return [
        seen[key] if key in seen else seen.setdefault(key, strings[key].lower()) for key in keys
    ]


class _QuoteFinder(MarkedRules, StanceRules, AsideRules):
    """One article's quotes, before speakers are resolved."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        verbs = reporting_verbs() | intention_verbs() | stance_verbs()
        self.cues: list[Token] = []
        self.according: list[Token] = []
        self.colons: list[Token] = []
        self.claims: list[Token] = []
        # The one pass over the tokens reads their columns (`Doc.to_array`), making a
        # Token only for one the rules keep: a Token object per token and per pass was
        # most of this stage's cost.
        columns = doc.to_array([IDX, POS, LEMMA, LOWER, ORTH])
        self.token_starts = columns[:, 0].tolist()
        strings = doc.vocab.strings
        pos = [strings[key] for key in columns[:, 1].tolist()]
        lemmas = _lowered(strings, columns[:, 2].tolist())
        lowers = [strings[key] for key in columns[:, 3].tolist()]
        texts = [strings[key] for key in columns[:, 4].tolist()]
        for i, (tag, lemma) in enumerate(zip(pos, lemmas, strict=True)):
            if tag in REPORTING_POS and lemma in verbs:
                if not_said(doc[i]) is None:  # "did not mention", "would say": no speech act
                    self.cues.append(doc[i])
            elif lowers[i] == "according":
                self.according.append(doc[i])
            elif texts[i] == ":":
                self.colons.append(doc[i])
            elif tag == "NOUN" and lemma in HEARD_NOUNS:
                self.claims.append(doc[i])
        # Verbs the lexicons miss that the PolNeAR-trained model calls cues (`learned.py`);
        # it scores verbs only, so only verbs are made Tokens for it.
        self.learned = learned_cues(verb_tokens(doc), {tok.i for tok in self.cues})
        self.learned = [tok for tok in self.learned if not_said(tok) is None]
        self.cues = sorted(self.cues + self.learned, key=lambda t: t.i)
        self.cue_ids = {tok.i for tok in self.cues}
        self.learned_ids = {tok.i for tok in self.learned}

    def find(self) -> list[Found]:
        indirect = [
            f for f in map(self._from_clause, self.cues) if f is not None and f.subject is not None
        ]
        indirect += [f for f in map(self._according_to, self.according) if f is not None]
        indirect += [f for f in map(self._from_claim_noun, self.claims) if f is not None]
        unmarked = self._colon_intros() + self._view_intros() + self._said_by_after()
        # Cut at paragraphs first: a clause the parse ran into the next paragraph must not
        # swallow that paragraph's marked quote ('... recalled, asked her ...\n\n"A," she said').
        indirect = [c for f in indirect if (c := _within_paragraph(f, self.text)) is not None]
        marked = self._from_marks(indirect)
        return indirect + unmarked + marked

    # -- indirect speech ------------------------------------------------------------------

    def _from_clause(self, verb: Token) -> Found | None:
        # Of two clauses, the one after the verb is what it reports: in "Democrats framed
        # it as X; Republicans have argued that Y" the parser hangs both on "argued".
        clauses = (
            [c for c in verb.children if c.dep_ == "ccomp"]
            or event_clauses(verb)
            or question_clauses(verb)
            or for_clauses(verb)
        )
        clause = next((c for c in clauses if c.i > verb.i), clauses[0]) if clauses else None
        if clause is None:
            return (
                self._from_infinitive(verb)
                or self._from_object(verb)
                or self._from_topic(verb)
                or self._around_parenthetical(verb)
            )
        tokens = self.doc[clause.left_edge.i : clause.right_edge.i + 1]
        if tokens.start <= verb.i < tokens.end or _not_reported(clause, verb):
            return None
        lead = tokens[0]
        cue_end = verb.idx + len(verb)
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        if particle is not None and particle.i < tokens.start:
            cue_end = particle.idx + len(particle)
        # "said that ...", "asked whether ...": the complementiser opens the reported clause.
        if lead.dep_ == "mark" and lead.i > verb.i and lead.lower_ not in CLAUSE_OPENERS:
            cue_end = lead.idx + len(lead)
            tokens = tokens[1:]
        tokens = before_second_report(tokens, self.cue_ids)
        bounds = self._trim(tokens)
        if bounds is None:
            return None
        before_cue = tokens.start < verb.i
        bounds = clip_at_breaks(self.text, *bounds, before_cue=before_cue)
        if bounds is None or (before_cue and _breaks_between(self.text, bounds[1], verb.idx)):
            return None
        if not before_cue and "\n" in self.text[verb.idx : bounds[0]]:
            return None  # a clause in the next paragraph is a misparse
        found = Found(
            *bounds,
            kind="indirect",
            evidence="ccomp-reporting-verb",
            cue=Span(verb.idx, cue_end),
            subject=controlled_speaker(
                verb, passive_speaker(verb, subject_of(verb) or subject_across_preposition(verb))
            ),
        )
        if found.subject is not None and found.start <= found.subject.idx < found.end:
            return None  # '"...," said Robin Maynard, half joking': the speaker is no content
        return found if found.words(self.text) >= MIN_CONTENT_WORDS else None


def _not_reported(clause: Token, verb: Token) -> bool:
    """A clause the parse hung on a verb of saying that is no report of it: a time or a
    reason ("he said as some booed"), a relative clause of its object ("said of people
    whose rights were restored"), or a small clause of a reflexive ("declared himself an
    independent", "found himself playing defense")."""
    first = clause.left_edge
    if first.dep_ == "mark" and first.head == clause and first.lower_ in CIRCUMSTANCE_MARKS:
        return True
    if first.tag_ in ("WDT", "WP", "WP$") and verb.lemma_.lower() not in QUESTION_VERBS:
        return first.lower_ in ("whose", "which", "who", "whom") and first.i > verb.i + 1
    return first.lower_.endswith(("self", "selves")) and first.i == verb.i + 1


def _breaks_between(text: str, start: int, end: int) -> bool:
    """A colon or line break between content and a cue after it: they belong apart."""
    gap = text[start:end]
    return ":" in gap or "\n" in gap
