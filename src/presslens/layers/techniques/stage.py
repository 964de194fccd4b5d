"""Stage: the `techniques` layer. Persuasion techniques (SemEval-2020 Task 11) on spans of text.

The span tagger finds stretches of propaganda in the already-parsed Doc, the
technique classifier names each one (one of the 14 SemEval-2020 techniques),
and the features that pushed it to that name become its evidence, e.g.
`word 'regime'; lexicon:name_calling 'regime'`. Both are small linear models
trained on PTC (`linear.py`, weights in `presslens/models/weights/`), loaded once.
"""

from __future__ import annotations

from dataclasses import replace

from presslens.article import Article
from presslens.brief import Brief, Technique
from presslens.layers.techniques.features import ArticleView
from presslens.layers.techniques.linear import shipped_models

#: Digits kept in a technique's score.
SCORE_DIGITS = 3


def find_techniques(article: Article, brief: Brief) -> Brief:
    """Add one `Technique` per propaganda span found, scored P(span) x P(technique | span)."""
    tagger, classifier = shipped_models()
    view = ArticleView.of(article.doc, article.text)
    found = tagger.spans(view)
    labelled = classifier.classify(view, [(s.start, s.end) for s in found])
    techniques = tuple(
        Technique(
            start=item.start,
            end=item.end,
            technique=item.technique,
            score=round(span.score * item.probability, SCORE_DIGITS),
            evidence=f"{item.evidence}; span p={span.score:.2f}"
            if item.evidence
            else f"span p={span.score:.2f}",
        )
        for span, item in zip(found, labelled, strict=True)
    )
    return replace(brief, techniques=techniques)
