"""Speakers for marked quotes that no verb attributes: a dash byline or the speaker before.

Two rules, applied after the quotes layer's speakers are resolved (`stage.py`):

- "marks+dash": a quote followed on its line by a dash and a short name
  (`"We will win." ― Jane Doe`), the byline of vox-pop lists and epigraphs.
- "marks+turn": a quote opening inside a transcript turn ('Cruz: ... 'I Fear ...'') is
  the turn speaker's.
- "marks+carried": a quote with no attribution takes the speaker of the nearest
  attributed quote at most `CARRY_MAX_GAP_WORDS` before it in the same paragraph
  (`"A," Warren said. "B."`), when it ends like a sentence (a quoted heading does not), or,
  when it fills a paragraph of its own, of the quote ending the paragraph before
  (a speech quoted over several paragraphs). It takes that quote's cue too: `"A," Warren
  said. "B."` is one utterance, and PolNeAR annotates it as one attribution whose cue
  is "said".

A marked quote that neither rule attributes and that stands as a heading is dropped:
its line ends without a sentence's end ('"The Kremlin has decided..." - the news
reached Kyiv'), or, with no ending inside its marks, the next sentence starts right
after it ('"North Korean troops will be sent" Although ...', a heading glued to the
text by a scrape that lost its line breaks). Headlines never join a quote.
"""

from __future__ import annotations

import re
from dataclasses import replace

from presslens.brief import Quote, Span, Speaker
from presslens.layers.quotes.parts import count_words
from presslens.layers.quotes.speakers import SpeakerResolver

# A quote is carried from an attributed one at most this many words before it; further
# back, in texts whose paragraph breaks were lost, it is an editorial heading.
CARRY_MAX_GAP_WORDS = 30
# Characters between a marked quote and the clause after it that its cue still covers:
# `"A," Acosta said, referring to the law.` puts "said" and "referring" 20 apart.
UTTERANCE_GAP = 40
# Words that open a relative clause about a speaker: '"A," said X, who added that ...'.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# A sentence's end between an attribution and a clause after it.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»]?\s+[A-Z\"“‘]|\n")
# What a carried quote ends with inside its marks: a sentence's end (a heading has none).
CARRIED_ENDINGS = frozenset(".!?…,")
# What the line of a quote (not a heading) ends with after its closing mark.
HEADING_FREE_ENDINGS = frozenset(".!?…:;,\"”’»」』')")
# A byline after the closing mark: a dash, then up to this many words up to the line's end.
DASH_NAME_MAX_WORDS = 6
# Spaces include the no-break space a byline is often set with ("”\u00a0― Jane Doe\u00a0").
_DASH_BYLINE = re.compile(
    r"[\"”’»」』'.,!?\s]*?[ \t\u00a0]*[―—–][ \t\u00a0]*"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t\u00a0]+[\w.'’-]+){0,"
    + str(DASH_NAME_MAX_WORDS - 1)
    + r"}?)[ \t\u00a0]*(?:\n|$)"
)


def carry_speakers(quotes: list[Quote], text: str, resolver: SpeakerResolver) -> list[Quote]:
    """`quotes` (sorted by start) with unattributed marked quotes given a speaker."""
    out: list[Quote] = []
    for quote in quotes:
        if quote.evidence == "marks" and quote.speaker is None:
            quote = (
                _in_turn(quote, out)
                or _with_dash_byline(quote, text, resolver)
                or _carried(quote, out, text)
                or quote
            )
            if quote.speaker is None and _is_heading(quote, text):
                continue
        out.append(quote)
    return out


def _is_heading(quote: Quote, text: str) -> bool:
    """Whether an unattributed marked quote is a heading (see the module's docstring)."""
    line_end = text.find("\n", quote.end)
    line = text[quote.end : len(text) if line_end < 0 else line_end].rstrip()
    if line and line[-1] not in HEADING_FREE_ENDINGS:
        return True
    inner = text[quote.start : quote.end].rstrip("\"”’»」』' ")
    after = text[quote.end : quote.end + 3].lstrip("\"”’»」』' ")
    return bool(inner) and inner[-1] not in CARRIED_ENDINGS and after[:1].isupper()


def _in_turn(quote: Quote, before: list[Quote]) -> Quote | None:
    """A marked quote opening inside a transcript turn is the turn speaker's: the headline
    'Cruz: Trump Would Put Liberals On Court, 'I Fear The Same Thing Is True''."""
    for turn in reversed(before):
        if turn.evidence.startswith("transcript-turn") and turn.start <= quote.start < turn.end:
            return replace(quote, speaker=turn.speaker, evidence="marks+turn")
    return None


def _with_dash_byline(quote: Quote, text: str, resolver: SpeakerResolver) -> Quote | None:
    byline = _DASH_BYLINE.match(text, quote.end)
    if byline is None:
        return None
    speaker = resolver.at(byline.start("name"), byline.end("name"))
    return replace(quote, speaker=speaker, evidence="marks+dash")


def _carried(quote: Quote, before: list[Quote], text: str) -> Quote | None:
    paragraph_start = text.rfind("\n", 0, quote.start) + 1
    previous = next(
        (q for q in reversed(before) if q.speaker is not None and q.end <= quote.start), None
    )
    if previous is None:
        return None
    inner = text[quote.start : quote.end].rstrip("\"”’»」』' ")
    if not inner or inner[-1] not in CARRIED_ENDINGS:
        return None
    near = count_words(text, previous.end, quote.start) <= CARRY_MAX_GAP_WORDS
    same_paragraph = previous.start >= paragraph_start and near
    if same_paragraph or _fills_paragraph_after(previous, quote, text):
        speaker, cue = _utterance(previous, before, text)
        return replace(quote, speaker=speaker, cue=quote.cue or cue, evidence="marks+carried")
    return None


def _utterance(
    previous: Quote, before: list[Quote], text: str
) -> tuple[Speaker | None, Span | None]:
    """The speaker and cue of the utterance a carried quote continues.

    In `"A," Acosta said, referring to the law. "B."` the quote just before "B" is the
    "referring to" clause; "B" continues "A", whose cue is "said" (PolNeAR annotates
    "A ... B" as one attribution). A marked quote of the same speaker right before an
    indirect `previous`, in the same sentence run, gives its cue. When that clause
    hangs from a relative pronoun in the attribution of the marked quote (`"A," said
    Capt. Pardo, who said he would not vote. "B."`), "B" is the marked quote's, speaker
    span included: the name, not "who".
    """
    if previous.kind != "indirect":
        return previous.speaker, previous.cue
    at = before.index(previous)
    for earlier in reversed(before[:at]):
        if earlier.end > previous.start or earlier.speaker is None:
            continue
        if earlier.kind == "indirect":
            break
        same = _same_speaker(earlier.speaker, previous.speaker)
        if same and previous.start - earlier.end <= UTTERANCE_GAP:
            return previous.speaker, earlier.cue or previous.cue
        if _relative_in_attribution(earlier, previous, text):
            return earlier.speaker, earlier.cue or previous.cue
        break
    return previous.speaker, previous.cue


def _relative_in_attribution(earlier: Quote, previous: Quote, text: str) -> bool:
    """Whether `previous` is said by a relative pronoun ("who said ...") standing after
    `earlier`'s speaker, with no sentence's end between the two."""
    speaker, named = previous.speaker, earlier.speaker
    if speaker is None or speaker.start is None or speaker.end is None:
        return False
    if named is None or named.end is None or not earlier.end <= named.end <= speaker.start:
        return False
    if text[speaker.start : speaker.end].lower() not in RELATIVE_PRONOUNS:
        return False
    return not _SENTENCE_END.search(text, named.end, speaker.start)


def _same_speaker(one: Speaker, other: Speaker | None) -> bool:
    if other is None:
        return False
    if one.entity_id is not None or other.entity_id is not None:
        return one.entity_id == other.entity_id
    return (one.name or "").lower() == (other.name or "").lower()


def _fills_paragraph_after(previous: Quote, quote: Quote, text: str) -> bool:
    """Whether `quote` is a paragraph of its own, right after the one `previous` ends."""
    paragraph_start = text.rfind("\n", 0, quote.start) + 1
    paragraph_end = text.find("\n", quote.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    outside = text[paragraph_start : quote.start] + text[quote.end : paragraph_end]
    if any(ch.isalnum() for ch in outside):
        return False
    previous_paragraph = text.rfind("\n", 0, paragraph_start - 1) + 1
    if not previous_paragraph <= previous.start < paragraph_start:
        return False
    return count_words(text, previous.end, paragraph_start) <= CARRY_MAX_GAP_WORDS
