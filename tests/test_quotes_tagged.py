"""The accurate profile's attribution tagger: how its tagged runs become quotes, and when not.

Most tests stub the tagger's output (one role per word, written by the test), so they test
the combination with the rules and the speaker machinery, not the trained weights; the
last ones run the shipped weights."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from presslens.brief import Brief
from presslens.layers.quotes import extended, tagged
from presslens.layers.quotes.tagged import CONTENT, CUE, EVIDENCE, ROLES, SOURCE
from presslens.models import encoder

needs_encoder = pytest.mark.skipif(not encoder.available(), reason="torch is not installed")
LAYERS = frozenset({"entities", "quotes"})


class StubTagger:
    """A tagger whose every word gets the role the test gives its (lowercased) word."""

    def __init__(self, roles: dict[str, int], score: float = 0.9) -> None:
        self.roles = roles
        self.score = score
        self.threshold = 0.5
        self.calls = 0

    def probabilities(
        self, sentences: Sequence[str]
    ) -> list[tuple[NDArray[np.int64], NDArray[np.float32]]]:
        self.calls += 1
        out = []
        for sentence in sentences:
            words = list(re.finditer(r"\w+", sentence))
            offsets = np.array([(m.start(), m.end()) for m in words], dtype=np.int64)
            probs = np.full((len(words), len(ROLES)), (1 - self.score) / 3, dtype=np.float32)
            for n, m in enumerate(words):
                probs[n, self.roles.get(m.group().lower(), 0)] = self.score
            out.append((offsets.reshape(-1, 2), probs))
        return out


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[dict[str, int]], StubTagger]]:
    made: list[StubTagger] = []

    def install(roles: dict[str, int]) -> StubTagger:
        tagger = StubTagger(roles)
        monkeypatch.setattr(tagged, "load_tagger", lambda: tagger)
        monkeypatch.setattr(extended, "load_tagger", lambda: tagger)
        monkeypatch.setattr(tagged, "load_calibration", lambda: None)
        made.append(tagger)
        return tagger

    yield install


def roles_for(source: str, cue: str, content: str) -> dict[str, int]:
    roles = {w: SOURCE for w in source.lower().split()}
    roles |= {w: CUE for w in cue.lower().split()}
    return roles | {w: CONTENT for w in re.findall(r"\w+", content.lower())}


# "was adamant" with its content after a semicolon: no rule reads it.
TEXT = "Harriet Molina was adamant; the new bridge tolls would ruin small shops downtown."
SOURCE_WORDS, CUE_WORDS = "Harriet Molina", "was adamant"
CONTENT_WORDS = "the new bridge tolls would ruin small shops downtown"


def tagger_quotes(brief: Brief) -> list[str]:
    return [brief.text[q.start : q.end] for q in brief.quotes if q.evidence == EVIDENCE]


@needs_encoder
def test_a_tagged_attribution_the_rules_miss_becomes_a_quote(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    assert (
        brief_of(TEXT, layers=LAYERS, profile="fast").quotes == ()
    )  # the fast profile: rules and model
    stub(roles_for(SOURCE_WORDS, CUE_WORDS, CONTENT_WORDS))
    brief = brief_of(TEXT, layers=LAYERS, profile="accurate")
    (quote,) = brief.quotes
    assert quote.evidence == EVIDENCE
    assert brief.text[quote.start : quote.end] == CONTENT_WORDS
    assert quote.cue is not None and brief.text[quote.cue.start : quote.cue.end] == "was adamant"
    assert quote.speaker is not None and "Molina" in (quote.speaker.name or "")


@needs_encoder
def test_the_tagger_does_not_run_in_the_fast_profile(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    tagger = stub(roles_for(SOURCE_WORDS, CUE_WORDS, CONTENT_WORDS))
    assert brief_of(TEXT, layers=LAYERS, profile="fast").quotes == ()
    assert tagger.calls == 0


@needs_encoder
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Harriet Molina never claimed that the new bridge tolls would ruin shops.", "claimed"),
        ("Harriet Molina would claim that the new bridge tolls might ruin shops.", "claim"),
        ("Harriet Molina left without saying the new bridge tolls might ruin shops.", "saying"),
        ("Harriet Molina ensured that the new bridge tolls would not ruin shops.", "ensured"),
        ("Harriet Molina was asked whether the new bridge tolls would ruin shops.", "was asked"),
        ("Harriet Molina wants the new bridge tolls to ruin the old shops downtown.", "wants"),
        (
            "Harriet Molina discussed the new bridge tolls and the shops downtown today.",
            "discussed",
        ),
    ],
)
def test_no_tagged_quote_without_a_speech_act(
    brief_of: Callable[..., Brief],
    stub: Callable[[dict[str, int]], StubTagger],
    text: str,
    cue: str,
) -> None:
    content = "whether that the new bridge tolls would might ruin shops old downtown today"
    stub(roles_for(SOURCE_WORDS, cue, content))
    assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_no_tagged_quote_whose_cue_is_a_preposition(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    text = "Harriet Molina opened the meeting by reviewing the new bridge tolls downtown."
    stub(roles_for(SOURCE_WORDS, "by", "reviewing the new bridge tolls downtown"))
    assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_no_tagged_quote_by_the_author_or_for_a_name_given(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    stub(roles_for("we", CUE_WORDS, CONTENT_WORDS))
    text = "We were adamant; the new bridge tolls would ruin small shops downtown."
    assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []
    stub(roles_for("Harriet Molina", "calls", "the new bridge tolls a robbery of small shops"))
    text = "Harriet Molina calls the new bridge tolls a robbery of small shops downtown."
    assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_no_tagged_quote_without_an_agent_speaker(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    text = "The cold wind was adamant; the new bridge tolls would ruin small shops downtown."
    stub(roles_for("The cold wind", CUE_WORDS, CONTENT_WORDS))
    assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_below_the_threshold_the_tagger_adds_nothing(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    tagger = stub(roles_for(SOURCE_WORDS, CUE_WORDS, CONTENT_WORDS))
    tagger.threshold = 0.95
    assert tagger_quotes(brief_of(TEXT, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_tagged_content_continues_into_the_next_sentence(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    second = "Rents would climb as well."
    text = TEXT + " " + second
    stub(roles_for(SOURCE_WORDS, CUE_WORDS, CONTENT_WORDS + " rents climb as well"))
    brief = brief_of(text, layers=LAYERS, profile="accurate")
    assert tagger_quotes(brief) == [CONTENT_WORDS + ". " + second.rstrip(".")]


CUT = (
    "Maria Lopez stressed that the bridge tolls charged to drivers from the valley "
    "would ruin shops."
)


@needs_encoder
def test_a_rule_quote_the_tagger_reads_on_is_extended(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    (cut,) = brief_of(CUT, layers=LAYERS, profile="fast").quotes
    assert CUT[cut.start : cut.end] == "that the bridge tolls charged to drivers from the valley"
    content = "that the bridge tolls charged to drivers from the valley would ruin shops"
    tagger = stub(roles_for("Maria Lopez", "stressed", content))
    tagger.score = 0.97
    (quote,) = brief_of(CUT, layers=LAYERS, profile="accurate").quotes
    assert CUT[quote.start : quote.end] == content
    assert quote.evidence.endswith(extended.SUFFIX)
    tagger.score = 0.9  # under EXTEND_FROM: as the rules cut it
    (quote,) = brief_of(CUT, layers=LAYERS, profile="accurate").quotes
    assert (quote.start, quote.end) == (cut.start, cut.end)


shipped = pytest.mark.skipif(
    not encoder.available() or tagged.load_tagger() is None, reason="no shipped tagger or torch"
)


@shipped
def test_the_shipped_tagger_finds_a_stance_the_rules_miss(brief_of: Callable[..., Brief]) -> None:
    text = "Mayor Lucia Ferrante is adamant that the new parking fees will stay in place."
    assert brief_of(text, layers=LAYERS, profile="fast").quotes == ()
    brief = brief_of(text, layers=LAYERS, profile="accurate")
    (quote,) = brief.quotes
    assert quote.evidence == EVIDENCE
    assert brief.text[quote.start : quote.end] == ("that the new parking fees will stay in place")
    assert quote.speaker is not None and quote.speaker.name == "Lucia Ferrante"
    assert quote.confidence is not None and 0.0 <= quote.confidence <= 1.0


@shipped
def test_the_shipped_tagger_adds_no_quote_for_speech_that_did_not_happen(
    brief_of: Callable[..., Brief],
) -> None:
    for text in (
        "Mayor Lucia Ferrante is not adamant that the new parking fees will stay in place.",
        "Mayor Lucia Ferrante would be adamant that the new parking fees will stay in place.",
    ):
        assert tagger_quotes(brief_of(text, layers=LAYERS, profile="accurate")) == []


@needs_encoder
def test_a_tagged_run_that_stops_inside_a_phrase_ends_before_it(
    brief_of: Callable[..., Brief], stub: Callable[[dict[str, int]], StubTagger]
) -> None:
    text = TEXT.replace("downtown.", "downtown (as every trader knows).")
    stub(roles_for(SOURCE_WORDS, CUE_WORDS, CONTENT_WORDS + " as"))
    brief = brief_of(text, layers=LAYERS, profile="accurate")
    assert tagger_quotes(brief) == [CONTENT_WORDS]
