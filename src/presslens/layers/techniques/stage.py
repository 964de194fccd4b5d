"""Stage: the `techniques` layer. Persuasion techniques (SemEval-2020 Task 11) on spans of text.

The span tagger finds stretches of propaganda in the already-parsed Doc, the
technique classifier names each one (one of the 14 SemEval-2020 techniques),
and the features that pushed it to that name become its evidence, e.g.
`word 'regime'; lexicon:name_calling 'regime'`. Both are small linear models
trained on PTC (`linear.py`, weights in `presslens/models/weights/`), loaded once.

Each item's raw score (P(span) x P(technique | span)) becomes a calibrated
`confidence` (`presslens.models.calibration`, fitted out of fold on PTC); items
below the display threshold, chosen so that 7 in 10 shown items are right, are
withheld and counted in `brief.layers["techniques"]`, unless
`Settings.show_withheld` asks for them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from presslens.article import Article
from presslens.brief import Brief, LayerStatus, Technique
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import shipped_models
from presslens.models.calibration import Calibration

#: The name the techniques calibration ships under (`presslens.models.techniques_cv`).
CALIBRATION = "propaganda"

#: Digits kept in a technique's score.
SCORE_DIGITS = 3


def find_techniques(article: Article, brief: Brief) -> Brief:
    """Add one `Technique` per propaganda span found, scored P(span) x P(technique | span)."""
    tagger, classifier = shipped_models()
    view = ArticleView.of(article.doc, article.text)
    found = tagger.spans(view)
    labelled = classifier.classify(view, [(s.start, s.end) for s in found])
    calibration = shipped_calibration()
    techniques = []
    for span, item in zip(found, labelled, strict=True):
        score = span.score * item.probability
        confidence = calibration.confidence(score)
        start, end = whole_words(article.text, item.start, item.end)
        techniques.append(
            Technique(
                start=start,
                end=end,
                technique=item.technique,
                score=round(score, SCORE_DIGITS),
                evidence=f"{item.evidence}; span p={span.score:.2f}"
                if item.evidence
                else f"span p={span.score:.2f}",
                confidence=round(confidence, SCORE_DIGITS),
            )
        )
    shown = [t for t in techniques if calibration.clears(t.confidence or 0.0)]
    kept = techniques if article.settings.show_withheld else shown
    status = LayerStatus(
        computed=True,
        profile="fast",
        threshold=calibration.threshold,
        withheld=len(techniques) - len(kept),
    )
    return replace(brief, techniques=tuple(kept), layers={**brief.layers, "techniques": status})


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


@lru_cache(maxsize=1)
def shipped_calibration() -> Calibration:
    """The techniques layer's calibration and display threshold, loaded once."""
    return Calibration.load(CALIBRATION)
