"""The corpus: many briefs in one store, and the questions asked across them.

* `store.py`: the store (SQLite or PostgreSQL), its few verbs, one writer,
  a transaction around every batch; `schema.py` its tables and migrations;
* `sources.py`: what can be ingested (files, folders, JSON Lines, WARC, RSS/Atom);
* `ingest.py`: the resumable, parallel ingest (local processes or Dask);
* `republish.py`: near-duplicate and translated copies, clustered and explained;
* `questions.py`: questions across the corpus (search, who is quoted, one
  timeline, statistics, republications, exports), used by the CLI and the web app.
"""
