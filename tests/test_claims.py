"""The claims layer: which sentences become claims, their certainty, source and amounts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language

from presslens.article import Article
from presslens.brief import Brief, Claim, Document, Entity, Quote, Span, Speaker
from presslens.layers.claims.checkworthy import load_calibration, load_model
from presslens.layers.claims.stage import claim_candidates, dropped_reasons, find_claims
from presslens.models.calibration import Calibration
from presslens.nlp import load_pipeline
from presslens.readers import RawArticle
from presslens.settings import DEFAULT_PIPELINE, Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(DEFAULT_PIPELINE)


def run_claims(nlp: Language, text: str, **layers: object) -> tuple[Brief, Article]:
    article = Article(raw=RawArticle(text=text, origin="test"), doc=nlp(text), settings=Settings())
    brief = Brief(document=Document(sha256="0", language="en"), text=text, **layers)  # type: ignore[arg-type]
    return find_claims(article, brief), article


def claim_at(brief: Brief, fragment: str) -> Claim:
    start = brief.text.index(fragment)
    (claim,) = [c for c in brief.claims if c.start <= start < c.end]
    return claim


def surface(brief: Brief, item: object) -> str:
    return brief.text[item.start : item.end]  # type: ignore[attr-defined]


def test_shipped_model_ranks_a_factual_sentence_above_a_courtesy() -> None:
    model = load_model()
    factual, courtesy = model.score(
        ["Unemployment fell to 3.5 percent last year.", "Thank you all for coming tonight."]
    )
    assert factual > model.threshold > courtesy


def test_sentence_attribution_gives_source_span_and_attributed_certainty(nlp: Language) -> None:
    text = "An analysis report claimed that the army lost 300 tanks in May."
    brief, _ = run_claims(nlp, text)
    (claim,) = brief.claims
    assert claim.certainty == "attributed"
    assert claim.source is not None
    assert (claim.source.start, claim.source.end) == (0, 18)
    assert surface(brief, claim.source) == "An analysis report"
    assert [surface(brief, a) for a in claim.amounts] == ["300 tanks"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to CNN, the plant produced 40 drones a month.", "CNN"),
        ("Experts believe that the bridge will be rebuilt by spring.", "Experts"),
        ("Western media suddenly mentioned the army's new supply route.", "Western media"),
    ],
)
def test_attribution_cues_name_their_source(nlp: Language, text: str, source: str) -> None:
    brief, _ = run_claims(nlp, text)
    (claim,) = brief.claims
    assert claim.certainty == "attributed"
    assert claim.source is not None and surface(brief, claim.source) == source


def test_according_to_instructions_attributes_nothing(nlp: Language) -> None:
    text = "The minister flew to Paris according to the president's instructions."
    brief, _ = run_claims(nlp, text)
    assert all(c.source is None for c in brief.claims)


def test_first_person_subject_is_not_a_source(nlp: Language) -> None:
    brief, _ = run_claims(nlp, "We think that the tax cut cost 40 billion dollars.")
    (claim,) = brief.claims
    assert claim.source is None
    assert claim.certainty == "hedged"


def test_claim_inside_quote_takes_the_quote_speaker(nlp: Language) -> None:
    text = 'The mayor spoke on Monday. "The city hired 200 nurses in 2023," Jane Roe said.'
    content_start = text.index("The city")
    content_end = text.index(',"')
    speaker_start = text.index("Jane Roe")
    quote = Quote(
        start=content_start,
        end=content_end,
        kind="direct",
        speaker=Speaker("e1", "Jane Roe", speaker_start, speaker_start + 8),
        cue=Span(text.index("said"), text.index("said") + 4),
    )
    person = Entity("e1", "Jane Roe", "PERSON", (Span(speaker_start, speaker_start + 8),))
    brief, _ = run_claims(nlp, text, quotes=(quote,), entities=(person,))
    claim = claim_at(brief, "The city hired")
    assert claim.certainty == "attributed"
    assert claim.source is not None
    assert (claim.source.entity_id, claim.source.start) == ("e1", speaker_start)
    assert "attributed: quote" in claim.evidence


def test_author_claim_beside_a_quote_stays_the_authors(nlp: Language) -> None:
    text = 'The city hired 200 nurses in 2023. "We are proud," Jane Roe said.'
    quote_start = text.index("We are")
    speaker_start = text.index("Jane Roe")
    quote = Quote(
        start=quote_start,
        end=quote_start + 12,
        kind="direct",
        speaker=Speaker(None, "Jane Roe", speaker_start, speaker_start + 8),
        cue=None,
    )
    brief, _ = run_claims(nlp, text, quotes=(quote,))
    claim = claim_at(brief, "The city hired")
    assert claim.source is None
    assert claim.certainty == "asserted"


def test_source_before_a_closing_colon_carries_to_the_next_paragraph(nlp: Language) -> None:
    text = (
        "A ministry report claimed that the aid was large:\n\n"
        "The country sent 5 million shells and 300 tanks last year.\n\n"
        "The bridge reopened in June after repairs costing 20 million euros."
    )
    brief, _ = run_claims(nlp, text)
    carried = claim_at(brief, "The country sent")
    assert carried.source is not None
    assert surface(brief, carried.source) == "A ministry report"
    assert "attributed: colon" in carried.evidence
    later = claim_at(brief, "The bridge reopened")
    assert later.source is None


def test_hedged_and_speculative_claims_keep_their_cues(nlp: Language) -> None:
    text = (
        "It is highly likely that the talks covered arms sales. "
        "It is reasonable to speculate that the visit was urgent. "
        "There is no doubt that the army will attack in July."
    )
    brief, _ = run_claims(nlp, text)
    hedged = claim_at(brief, "It is highly")
    assert hedged.certainty == "hedged"
    assert [surface(brief, h) for h in hedged.hedges] == ["highly likely"]
    speculative = claim_at(brief, "It is reasonable")
    assert speculative.certainty == "speculative"
    assert [surface(brief, h) for h in speculative.hedges] == ["It is reasonable to speculate"]
    boosted = claim_at(brief, "There is no doubt")
    assert boosted.certainty == "asserted"
    assert boosted.hedges == ()
    assert [surface(brief, b) for b in boosted.boosters] == ["There is no doubt"]


def test_headings_questions_and_disclaimer_are_not_claims(nlp: Language) -> None:
    text = (
        "Army sends new units to the border\n\n"
        "The army sent 4,000 troops to the border in March. "
        "What did the generals want? "
        "Disclaimer: The article expresses the author's personal views."
    )
    disclaimer_start = text.index("Disclaimer")
    document = Document(sha256="0", language="en", disclaimer=Span(disclaimer_start, len(text)))
    article = Article(raw=RawArticle(text=text, origin="test"), doc=nlp(text), settings=Settings())
    brief = find_claims(article, Brief(document=document, text=text))
    assert [surface(brief, c) for c in brief.claims] == [
        "The army sent 4,000 troops to the border in March."
    ]
    reasons = dropped_reasons(claim_candidates(article.doc, brief))
    assert reasons == {"heading": 1, "question": 1, "disclaimer": 1}


def test_evidence_names_the_model_score_and_the_reasons(nlp: Language) -> None:
    brief, _ = run_claims(nlp, "Unemployment fell to 3.5 percent last year.")
    (claim,) = brief.claims
    assert claim.evidence == f"model {claim.checkworthy:.2f}; check-worthy: very likely; has amount"
    assert 0.0 <= claim.checkworthy <= 1.0


def test_confidence_is_the_calibrated_score_and_the_threshold_is_recorded(nlp: Language) -> None:
    brief, _ = run_claims(nlp, "Unemployment fell to 3.5 percent last year.")
    (claim,) = brief.claims
    status = brief.layers["claims"]
    calibration = load_calibration(status.profile or "fast")  # the profile that ran
    assert claim.confidence == round(calibration.confidence(claim.checkworthy), 4)
    assert calibration.clears(claim.confidence)
    assert status.threshold == calibration.threshold and status.withheld == 0


def test_a_sentence_only_the_model_takes_is_withheld_below_the_display_threshold(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A calibration under which nothing reaches the display threshold: the model's own
    # decision threshold still takes the sentence, so it is withheld and counted.
    strict = Calibration(xs=(0.0, 1.0), ys=(0.0, 0.6), threshold=0.99, target_precision=0.8,
                         precision=0.9, shown=40, items=100, ece=0.0)  # fmt: skip
    monkeypatch.setattr("presslens.layers.claims.stage.load_calibration", lambda _p: strict)
    text = "The government spent record sums on roads and bridges under the new plan."
    brief, article = run_claims(nlp, text)
    assert load_model().score([text])[0] >= load_model().threshold
    assert brief.claims == () and brief.layers["claims"].withheld == 1
    shown = find_claims(replace(article, settings=Settings(show_withheld=True)), brief)
    (claim,) = shown.claims
    assert claim.evidence.endswith("check-worthy, below the display threshold")


def test_reported_speech_without_a_speaker_stays_the_authors(nlp: Language) -> None:
    text = "It should be noted that the treaty has 23 articles."
    content_start = text.index("the treaty")
    quote = Quote(content_start, len(text) - 1, "indirect", speaker=None, cue=None)
    brief, _ = run_claims(nlp, text, quotes=(quote,))
    (claim,) = brief.claims
    assert claim.source is None
    assert claim.certainty == "asserted"


def test_source_links_the_entity_that_holds_its_head_word(nlp: Language) -> None:
    text = "North Korean media reported that the plant built 40 drones."
    nationality = Entity("e1", "North Korean", "NORP", (Span(0, 12),))
    brief, _ = run_claims(nlp, text, entities=(nationality,))
    (claim,) = brief.claims
    assert claim.source is not None
    assert surface(brief, claim.source) == "North Korean media"
    assert claim.source.entity_id is None


@pytest.mark.parametrize(
    "text",
    [
        "The state media did not mention that the army lost 300 tanks in May.",
        "Legally binding guarantees ruling out new bases near the border cost 40 billion dollars.",
    ],
)
def test_negated_speech_and_things_are_no_sources(nlp: Language, text: str) -> None:
    brief, _ = run_claims(nlp, text)
    assert all(c.source is None for c in brief.claims)


def test_a_claim_takes_the_quote_covering_most_of_it(nlp: Language) -> None:
    text = 'Jane Roe said: "The city hired 200 nurses in 2023 and 50 doctors in 2024."'
    whole = Quote(
        start=text.index("The city"),
        end=text.index('."'),
        kind="direct",
        speaker=Speaker(None, "Jane Roe", 0, 8),
        cue=Span(9, 13),
    )
    part = Quote(
        start=text.index("50 doctors"),
        end=text.index('."'),
        kind="indirect",
        speaker=Speaker(None, "the city", text.index("city"), text.index("city") + 4),
        cue=None,
    )
    brief, _ = run_claims(nlp, text, quotes=(part, whole))
    claim = claim_at(brief, "The city hired")
    assert claim.source is not None and claim.source.name == "Jane Roe"


def test_treaty_text_is_a_provision_not_speculation(nlp: Language) -> None:
    text = (
        "If either party comes under armed attack, the other party shall provide it "
        "with military aid of 300 tanks without delay."
    )
    brief, _ = run_claims(nlp, text)
    assert all(c.certainty != "speculative" for c in brief.claims)
    plain, _ = run_claims(nlp, "If the talks fail, the army will lose 300 tanks in May.")
    assert [c.certainty for c in plain.claims] == ["speculative"]


def test_vague_quantities_and_subject_counts_invent_no_number(nlp: Language) -> None:
    text = "The two presidents met for a few hours and agreed to send two or three experts."
    brief, _ = run_claims(nlp, text)
    amounts = [a for c in brief.claims for a in c.amounts]
    assert [(surface(brief, a), a.approx, a.upper) for a in amounts] == [
        ("a few hours", "vague", None),
        ("two or three experts", "range", 3),
    ]


def test_an_unresolved_pronoun_speaker_is_no_source(nlp: Language) -> None:
    text = "We can speculate about which 300 tanks the army will send to the north."
    quote = Quote(
        start=text.index("which"),
        end=len(text) - 1,
        kind="indirect",
        speaker=Speaker(None, "We", 0, 2, pronoun=True),
        cue=Span(text.index("speculate"), text.index(" which")),
    )
    brief, _ = run_claims(nlp, text, quotes=(quote,))
    assert all(c.source is None for c in brief.claims)


def test_a_source_never_reaches_into_the_headline(nlp: Language) -> None:
    text = "Talks end - Anna Berg\n\nThe ministry claims that the army lost 300 tanks in May."
    brief, _ = run_claims(nlp, text)
    sources = [surface(brief, c.source) for c in brief.claims if c.source is not None]
    assert all("Anna Berg" not in source and "\n" not in source for source in sources)


@pytest.mark.parametrize(
    "sentences",
    [
        ["Unemployment fell to 3.5 percent in 2023.", "Unemployment fell, unemployment rose."],
        ["", "   ", "a", "İstanbul ÉTÉ naïve\tco-operation\u00a0x"],
        # Words of 1 to 5 characters, whose padded form is no longer than some n-grams.
        ["I a an the ward words governmental", "x xy xyz wxyz"],
    ],
)
def test_char_counts_equal_sklearns_char_ngram_counts(sentences: list[str]) -> None:
    model = load_model()
    ours = model.char_counts(sentences)
    theirs = model.chars.transform(sentences)
    assert ours.shape == theirs.shape
    assert (model.chars._tfidf.transform(ours, copy=False) != theirs).nnz == 0


@pytest.mark.parametrize(
    "sentences",
    [
        ["Unemployment fell to 3.5 percent in 2023.", "Unemployment fell, unemployment rose."],
        ["", "zzqx", "The minister said the minister said it twice."],
    ],
)
def test_features_equal_sklearns_tfidf_transforms(sentences: list[str]) -> None:
    model = load_model()
    ours = model.features(sentences)
    words = model.words.transform(sentences)
    chars = model.chars.transform(sentences)
    assert ours.shape[1] == words.shape[1] + chars.shape[1] + 4
    assert (ours[:, : words.shape[1]] != words).nnz == 0
    assert (ours[:, words.shape[1] : words.shape[1] + chars.shape[1]] != chars).nnz == 0
