"""Persuasion techniques (SemEval-2020 Task 11): find propaganda spans and name their technique.

Two small linear models, trained on the Propaganda Techniques Corpus (PTC):

- `SpanTagger` (span identification, SI): a per-token logistic regression over
  the token, its neighbours, lexicon cues and sentence-level cues; runs of
  runs of likely tokens (with hysteresis) become spans, trimmed as the PTC gold is.
- `TechniqueClassifier` (technique classification, TC): a 14-class logistic
  regression over the span's words and characters, its sentence, its length,
  whether it repeats elsewhere in the article and lexicon cues; the features
  that pushed a span to its label are its evidence.

Weights ship in `presslens/models/propaganda_{si,tc}.{npz,json}`;
`python -m presslens.propaganda.train DATA_DIR` rebuilds them from PTC train.
"""
