"""Stage: the `techniques` layer. Persuasion techniques (SemEval-2020 Task 11) on spans of text.

Two profiles (`Settings.profile`), recorded in `brief.layers["techniques"].profile`:

* fast: the span tagger finds stretches of propaganda in the already-parsed Doc
  and the technique classifier names each one; both are small linear models
  trained on PTC (`linear.py`);
* accurate: the pretrained encoder reads the sentences the fast tagger proposes;
  its top layers, fine-tuned for token tagging (`tuned.py`), mixed with the linear
  tagger, find the spans, and a small head over the base encoder's vectors, mixed
  with the linear classifier, names them (`encoded.py`). Without torch installed the
  fast profile runs instead and the layer's `reason` says so.

Each item's raw score (P(span) x P(technique | span)) becomes a calibrated
`confidence` (`presslens.models.calibration`, fitted out of fold on PTC, one
calibration per profile); items below the display threshold, chosen so that 7 in
10 shown items are right, are withheld and counted in `brief.layers["techniques"]`,
unless `Settings.show_withheld` asks for them. The evidence says why in an
analyst's words (`explain.py`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from presslens.article import Article
from presslens.brief import Brief, LayerStatus, Technique
from presslens.layers.techniques.explain import cue_words, explain
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import (
    FoundSpan,
    SpanTagger,
    TechniqueClassifier,
    decode,
    shipped_models,
)
from presslens.models import encoder
from presslens.models.calibration import Calibration
from presslens.settings import ProfileName

#: The name each profile's calibration ships under (`presslens.models.techniques_cv`,
#: `presslens.models.techniques_tune`).
CALIBRATIONS: dict[ProfileName, str] = {
    "fast": "propaganda",
    "accurate": "propaganda_accurate_tuned",
}

#: Digits kept in a technique's score.
SCORE_DIGITS = 3
#: Features of the linear classifier looked through for words of the span to name.
CUE_FEATURES = 12

#: Said in the layer's status when the accurate profile was asked for but cannot run.
NO_ENCODER = encoder.FALLBACK


def find_techniques(article: Article, brief: Brief) -> Brief:
    """Add one `Technique` per propaganda span found, scored P(span) x P(technique | span)."""
    tagger, classifier = shipped_models()
    view = ArticleView.of(article.doc, article.text)
    profile = encoder.runnable(article.settings.profile)
    if profile == "accurate":
        found, spans, rows, probs = _accurate(view, tagger, classifier)
    else:
        found = tagger.spans(view)
        spans = [(s.start, s.end) for s in found]
        rows = classifier.rows(view, spans)
        probs = _linear(classifier, rows)
    labelled = classifier.label(spans, rows, probs, explain=False)
    calibration = shipped_calibration(profile)
    techniques = []
    for span, item, (feats, fired) in zip(found, labelled, rows, strict=True):
        score = span.score * item.probability
        start, end = whole_words(article.text, item.start, item.end)
        label = classifier.model.classes.index(item.technique)
        cues = cue_words(classifier.model.strongest(feats, label, CUE_FEATURES), fired)
        techniques.append(
            Technique(
                start=start,
                end=end,
                technique=item.technique,
                score=round(score, SCORE_DIGITS),
                evidence=explain(article.text[start:end], item.technique, cues),
                confidence=round(calibration.confidence(score), SCORE_DIGITS),
            )
        )
    shown = [t for t in techniques if calibration.clears(t.confidence or 0.0)]
    kept = techniques if article.settings.show_withheld else shown
    status = LayerStatus(
        computed=True,
        profile=profile,
        threshold=calibration.threshold,
        withheld=len(techniques) - len(kept),
        reason=NO_ENCODER if profile != article.settings.profile else None,
    )
    return replace(brief, techniques=tuple(kept), layers={**brief.layers, "techniques": status})


Rows = list[tuple[dict[str, float], dict[str, str]]]


def _linear(classifier: TechniqueClassifier, rows: Rows) -> NDArray[np.float64]:
    if not rows:
        return np.zeros((0, len(classifier.model.classes)))
    return classifier.model.probabilities(classifier.model.matrix([f for f, _fired in rows]))


def _accurate(
    view: ArticleView, tagger: SpanTagger, classifier: TechniqueClassifier
) -> tuple[list[FoundSpan], list[tuple[int, int]], Rows, NDArray[np.float64]]:
    """Spans from the fine-tuned span tagger mixed with the linear one, and technique
    probabilities from the encoder's technique head mixed with the linear classifier: the
    tuned layers read the sentences the linear tagger proposes, the base top layers only
    those of them that hold a decoded span."""
    from presslens.layers.techniques.encoded import shipped_heads, span_inputs, span_sentences
    from presslens.layers.techniques.tuned import base_vectors, shipped_tagger, tag

    heads, tuned = shipped_heads(), shipped_tagger()
    mixed = tag(view, tagger.token_probabilities(view), tuned)
    found = decode(
        view, mixed, tuned.setting("start"), tuned.setting("extend"), int(tuned.setting("max_gap"))
    )
    spans = [(s.start, s.end) for s in found]
    rows = classifier.rows(view, spans)
    mix = heads.setting("mix_tc")
    probs = _linear(classifier, rows) * (1 - mix)
    if spans:
        # The base top layers run only where a span was decoded (mixed is zero outside the
        # candidate sentences, so these are candidates whose lower states are kept).
        vectors = base_vectors(view, span_sentences(view, spans), tuned)
        probs = probs + mix * heads.technique_probabilities(span_inputs(view, vectors, spans))
    return found, spans, rows, probs


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words: it never starts or ends inside a word or a name.

    The tagger works on spaCy tokens, which split "Russian-American" and "Un's"; a
    span starting at "-American" becomes "Russian-American".

    >>> text = "the Russian-American summit"
    >>> start, end = whole_words(text, text.index("-American"), len(text))
    >>> text[start:end]
    'Russian-American summit'
    """
    while start > 0 and _joins(text, start - 1):
        start -= 1
    while end < len(text) and _joins(text, end):
        end += 1
    return start, end


def _joins(text: str, at: int) -> bool:
    """True when the character at `at` belongs to the word around it (a letter or digit, or
    a hyphen or apostrophe between two of them)."""
    char = text[at]
    if char.isalnum():
        return True
    inner = char in "-'’" and 0 < at < len(text) - 1
    return inner and text[at - 1].isalnum() and text[at + 1].isalnum()


@lru_cache(maxsize=2)
def shipped_calibration(profile: ProfileName = "fast") -> Calibration:
    """A profile's calibration and display threshold, loaded once."""
    return Calibration.load(CALIBRATIONS[profile])
