"""The attribute ruler and the lemmatizer by lookup give spaCy's own answers, token for token."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_PIPELINE
from presslens.token_rules import AttributeLookup, lookup_components

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def plain() -> Language:
    """The pipeline package as spaCy ships it, without presslens's changes."""
    nlp: Language = importlib.import_module(DEFAULT_PIPELINE).load()
    return nlp


@pytest.mark.parametrize(
    "text",
    [
        # one-token rules by tag, by tag and word, by dependency
        "The minister said that the talks were not over, but it is late.",
        # two-token rules: "gonna", "let's", "there is", "y'all", "ain't", "nothin'"
        "We're gonna win. Let's go. There is a port. Y'all ain't seen nothin' yet.",
        # spaces: a run of spaces and line breaks between words gets its own tokens
        "Kyiv  said\n\n  it   would answer.\n",
        # pronouns whose morphology the ruler sets by their role
        "I told you it works; they asked me, and I asked it.",
        "",
    ],
)
def test_lookup_pipeline_sets_the_same_attributes_as_spacy(plain: Language, text: str) -> None:
    ours = load_pipeline(DEFAULT_PIPELINE)
    expected = plain(text).to_array(ATTRS)
    got = ours(text).to_array(ATTRS)
    assert np.array_equal(expected, got)


def test_pipeline_swaps_the_ruler_and_lemmatizer_for_their_lookups() -> None:
    names = load_pipeline(DEFAULT_PIPELINE).pipe_names
    assert "presslens_attribute_lookup" in names and "attribute_ruler" not in names
    assert "presslens_lemma_lookup" in names and "lemmatizer" not in names
    assert names.index("presslens_lemma_lookup") < names.index("ner")


def test_later_rule_overrides_earlier_one_on_the_same_token() -> None:
    nlp = Language()
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "port"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["port", "dock"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "dock"}]], {"LEMMA": "third"}, index=1)
    lookup = AttributeLookup.compile(ruler)
    assert lookup is not None
    doc = lookup(Doc(nlp.vocab, words=["the", "port", "the", "dock", "dock"]))
    assert [t.lemma_ for t in doc] == ["", "second", "", "third", "second"]


def test_ruler_with_an_operator_keeps_spacys_matcher() -> None:
    nlp = Language()
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "port", "OP": "+"}]], {"LEMMA": "port"})
    assert AttributeLookup.compile(ruler) is None
    assert lookup_components(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]
