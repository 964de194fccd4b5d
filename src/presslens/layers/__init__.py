"""The layers of the brief: one package per pipeline stage, in the order the pipeline runs them.

Each package's `__init__` exposes its stage function (`Article, Brief -> Brief`)
and says what the layer adds and which of its parts does what. A layer's word
lists sit beside its code in `lexicons/<language>/`, read through
`presslens.lexicon`.

* `document`: title, author, outlet, links, disclaimer, publication date.
* `entities`: people, organisations and places, with their mentions and roles.
* `artifacts`: traces of translation and republication.
* `quotes`: direct, indirect and mixed quotes with their speakers and cues.
* `claims`: check-worthy claims with certainty, sources and amounts.
* `timeline`: time expressions, normalised and linked to the clause they date.
* `techniques`: persuasion techniques (SemEval-2020 Task 11).
"""
