"""Layer `techniques`: persuasion techniques (SemEval-2020 Task 11), their spans and names.

The stage `find_techniques` (`stage.py`) runs two small linear models, trained on the
Propaganda Techniques Corpus (PTC):

- `SpanTagger` (span identification, SI): a per-token logistic regression over
  the token, its neighbours, lexicon cues and sentence-level cues; runs of
  runs of likely tokens (with hysteresis) become spans, trimmed as the PTC gold is.
- `TechniqueClassifier` (technique classification, TC): a 14-class logistic
  regression over the span's words and characters, its sentence, its length,
  whether it repeats elsewhere in the article and lexicon cues; the features
  that pushed a span to its label are its evidence.

Parts: `features.py` (token and span features, lexicon cues from `lexicons/en/`),
`linear.py` (the two models and their evidence). Weights ship in
`presslens/models/weights/propaganda_{si,tc}.{npz,json}`;
`python -m presslens.models.techniques DATA_DIR` rebuilds them from PTC train.
"""

from presslens.layers.techniques.stage import find_techniques

__all__ = ["find_techniques"]
