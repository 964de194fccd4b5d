"""Learned models: where the shipped weights live and the commands that rebuild them.

Weights are data with a recipe. They ship in `weights/` beside this module as
plain arrays (`.npz`, loaded with `allow_pickle=False`) with a JSON file of
their vocabulary, calibration and threshold where a model needs one. Each model
is rebuilt by one command from a data directory, outside `make test`:

* `python -m presslens.models.checkworthy DATA/checkthat2024-en`: the claims
  layer's check-worthiness model (`presslens.layers.claims.checkworthy`);
* `python -m presslens.models.techniques DATA/ptc`: the techniques layer's span
  tagger and technique classifier (`presslens.layers.techniques.linear`);
* `python -m presslens.models.techniques_encoder DATA/ptc` and
  `python -m presslens.models.techniques_tune DATA/ptc --fold 0 --ship`: the accurate
  profile's technique heads over the encoder and its fine-tuned span tagger
  (`presslens.layers.techniques.encoded`, `presslens.layers.techniques.tuned`);
* `python -m presslens.models.checkworthy_encoder DATA/checkthat2024-en`: the accurate
  profile's fine-tuned check-worthiness encoder;
* `python -m presslens.models.cues DATA/polnear`: the quotes layer's model of cue
  verbs the lexicons miss (`presslens.layers.quotes.learned`), from PolNeAR train;
* `python -m presslens.models.attribution DATA/polnear`: the quotes layer's model of
  attributions no rule reads, cue and content together
  (`presslens.layers.quotes.attribution`), from PolNeAR train.

The layers own the code that scores with a model; this package owns where the
weights are and how they are trained.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def weights_folder() -> Path:
    """The folder of the shipped weights (inside the installed package)."""
    return Path(str(resources.files("presslens.models") / "weights"))
