"""The `presslens` command line: thin commands over the library.

* `main.py`: the command group, `analyze`, and the exit-code mapping;
* `options.py`: the options shared by the commands that analyse, and safe output files;
* `ingest.py`: `ingest`, with its progress bar and summary;
* `corpus.py`: `search`, `articles`, `quoted`, `timeline`, `stats`,
  `republications`, `export` over `presslens.corpus`;
* `serve.py`: `serve`, the web app; `evaluate.py`: `evaluate`; `semeval.py`: `semeval si|tc`.
"""

from presslens.cli.main import main

__all__ = ["main"]
