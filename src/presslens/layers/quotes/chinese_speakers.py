"""Who speaks in Chinese reported speech: the words before a cue, resolved to an entity.

The speaker is the last person named between the start of the clause and the cue
(外交部发言人毛宁4日表示 -> 毛宁), unless a noun right before the cue heads a phrase
of its own (西米德兰兹郡警方称); else a pronoun (他/她 stand for the last person named,
他们/她们 for no one named); else the clause's opening noun phrase (一位分析人士,
监督投票的机构); else the last organisation or place named. A cue right after a comma
(…，称…) takes the subject of the clause before it, or of its sentence.

Every walk from a cue is bounded (`MAX_CLAUSE_TOKENS`, `MAX_SENTENCE_TOKENS`) and the
entities are indexed once (`Mentions`), so a text of a hundred thousand cues stays linear.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from presslens.brief import Brief, Entity, Span, Speaker
from presslens.nlp_chinese_names import NAME_DOTS, titles

#: Punctuation that closes a clause: a speaker is looked for after the last of these.
CLAUSE_BREAKS = frozenset("，,。！？!?；;：:\n、")
OPENING_MARKS = frozenset("“「『")
CLOSING_MARKS = frozenset("”」』")
SENTENCE_ENDS = frozenset("。！？!?")
PRONOUNS = frozenset({"他", "她", "他们", "她们"})
SINGULAR = frozenset({"他", "她"})
#: A speaker stands within this many words before its cue (外交部 发言人 毛宁 4 日 在 例行
#: 记者会 上 表示 is 10); the walk back to the clause start stops here.
MAX_CLAUSE_TOKENS = 40
#: The walk back to a sentence's subject stops after this many words.
MAX_SENTENCE_TOKENS = 120
#: Opening words of a clause that can stand as a speaker without a name
#: (一位分析人士, 有关专家): nouns, numbers and measure words, adjectives.
_NOMINAL_TAGS = frozenset(
    {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "m", "q", "a", "b", "vn", "r"}
)
#: Words an opening noun phrase may hold before its head noun: 批评/v 人士, 监督投票 的/uj 机构.
_INSIDE_TAGS = frozenset({"v", "uj", "f", "rg"})
#: The last word of an opening noun phrase that can be a speaker (人士, 官员, 外交部).
_HEAD_TAGS = frozenset({"n", "nz", "nt", "j"})
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns"})
#: The longest opening noun phrase taken as a speaker, in characters.
MAX_SPEAKER_CHARS = 20
_NAMED = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class _Name:
    """An entity span of the Doc: its tokens, characters and label."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str


class Mentions:
    """The brief's entity mentions, indexed once for the speaker look-ups."""

    def __init__(self, brief: Brief) -> None:
        self.exact: dict[tuple[int, int], Entity] = {}
        spans: list[tuple[int, int, Entity]] = []
        people: list[tuple[int, Entity]] = []
        for entity in brief.entities:
            for m in entity.mentions:
                self.exact[(m.start, m.end)] = entity
                spans.append((m.start, m.end, entity))
                if entity.type == "PERSON":
                    people.append((m.end, entity))
        spans.sort(key=lambda s: (s[0], s[1]))
        people.sort(key=lambda p: p[0])
        self.starts = [s[0] for s in spans]
        self.spans = spans
        self.person_ends = [p[0] for p in people]
        self.people = people

    def inside(self, who: Span) -> Entity | None:
        """A person or organisation named inside the words (据俄罗斯卫星通讯社)."""
        low, high = bisect_left(self.starts, who.start), bisect_left(self.starts, who.end)
        for _start, end, entity in self.spans[low:high]:
            if end <= who.end and entity.type in ("PERSON", "ORG"):
                return entity
        return None

    def last_person_before(self, at: int) -> Entity | None:
        index = bisect_right(self.person_ends, at)
        return self.people[index - 1][1] if index else None


def speaker_of(who: Span, mentions: Mentions, text: str) -> Speaker:
    """The speaker the words `who` name: an entity, a pronoun resolved, or the words."""
    words = text[who.start : who.end]
    if words in PRONOUNS:
        person = mentions.last_person_before(who.start) if words in SINGULAR else None
        return Speaker(
            entity_id=person.id if person else None,
            name=person.name if person else None,
            start=who.start,
            end=who.end,
            pronoun=True,
        )
    entity = mentions.exact.get((who.start, who.end)) or mentions.inside(who)
    return Speaker(
        entity_id=entity.id if entity else None,
        name=entity.name if entity else words,
        start=who.start,
        end=who.end,
    )


def speaker_words(doc: Doc, cue: Token) -> Span | None:
    """The words naming who speaks before `cue`, or None."""
    first = _clause_start(doc, cue.i)
    if first == cue.i and first > 0 and doc[first - 1].text in "，,":
        return _sentence_subject(doc, first - 1)  # 波兰反对…，称这会…
    names = [n for n in _names(doc, first, cue.i) if n.label in _NAMED]
    people = [n for n in names if n.label == "PERSON"]
    # 西米德兰兹郡警方称: a noun right before the cue heads the speaker's phrase, and a
    # name inside it (米德兰) is not the speaker; a title there (普京总统说) is the name's.
    before = doc[cue.i - 1] if cue.i > first else None
    headed = (
        before is not None
        and before.tag_ in _HEAD_TAGS
        and before.text not in titles()
        and not (people and people[-1].start <= before.i < people[-1].end)
    )
    if people and not headed:
        return _span(people[-1])
    pronoun = next((t for t in reversed(doc[first : cue.i]) if t.text in PRONOUNS), None)
    if pronoun is not None and not headed:
        return Span(pronoun.idx, pronoun.idx + len(pronoun))
    phrase = _opening_phrase(doc, first, cue.i)
    if phrase is not None:
        return phrase
    if people or names:
        return _span((people or names)[-1])
    return None


def clause_edge(token: Token) -> bool:
    """Punctuation, a quotation mark or a line break: where a speaker's clause begins."""
    text = token.text
    return text in CLAUSE_BREAKS or text in OPENING_MARKS or text in CLOSING_MARKS or text.isspace()


def _clause_start(doc: Doc, at: int) -> int:
    first = at
    while first > 0 and at - first < MAX_CLAUSE_TOKENS and not clause_edge(doc[first - 1]):
        first -= 1
    return first


def _sentence_subject(doc: Doc, comma: int) -> Span | None:
    """Who says "，称...": the name or named phrase opening the clause before the comma
    (欧盟委员会拒绝…，称…), else the last person named earlier in the sentence (马克龙…，
    价格约为…，声称…), else the named phrase opening the sentence (波兰反对…，称…)."""
    first = _clause_start(doc, comma)
    found = _subject_of(doc, first, comma)
    if found is not None:
        return found
    while first > 0 and comma - first < MAX_SENTENCE_TOKENS and not _sentence_edge(doc[first - 1]):
        first -= 1
    people = [n for n in _names(doc, first, comma) if n.label == "PERSON"]
    if people:
        return _span(people[-1])
    end = first
    while end < comma and not clause_edge(doc[end]):
        end += 1
    return _subject_of(doc, first, end)


def _sentence_edge(token: Token) -> bool:
    return token.text in SENTENCE_ENDS or "\n" in token.text


def _subject_of(doc: Doc, first: int, end: int) -> Span | None:
    """The phrase or name opening a clause, when it holds a name (价格 "the price" is no one)."""
    phrase = _opening_phrase(doc, first, end, heads=_HEAD_TAGS | _NAME_TAGS)
    named = [n for n in _names(doc, first, end) if n.label in _NAMED]
    if phrase is not None and any(phrase.start <= n.start_char < phrase.end for n in named):
        return phrase
    if named and named[0].start == first:
        return _span(named[0])
    return None


def _opening_phrase(
    doc: Doc, first: int, end: int, heads: frozenset[str] = _HEAD_TAGS
) -> Span | None:
    """The noun phrase a clause opens with, when it ends with a head noun (一位分析人士)."""
    while first < end and (doc[first].tag_ in ("c", "d") or doc[first].text == "据"):
        first += 1  # 但当局表示, 据法国军方称: the linking word is not the speaker's
    last = first
    while last < end and (
        doc[last].tag_ in _NOMINAL_TAGS
        or doc[last].tag_ in _INSIDE_TAGS
        or doc[last].text in NAME_DOTS
    ):
        last += 1
    if last == first or doc[last - 1].tag_ not in heads:
        return None
    span = Span(doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    return span if span.end - span.start <= MAX_SPEAKER_CHARS else None


def _names(doc: Doc, first: int, end: int) -> list[_Name]:
    """The entity spans lying within tokens first..end, read from the tokens' IOB tags."""
    names = []
    index = first
    while index < end:
        token = doc[index]
        if token.ent_iob_ != "B":
            index += 1
            continue
        stop = index + 1
        while stop < len(doc) and doc[stop].ent_iob_ == "I":
            stop += 1
        if stop <= end:
            last = doc[stop - 1]
            names.append(_Name(index, stop, token.idx, last.idx + len(last), token.ent_type_))
        index = stop
    return names


def _span(name: _Name) -> Span:
    return Span(name.start_char, name.end_char)
