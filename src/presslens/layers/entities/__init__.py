"""Layer `entities`: people, organisations and places, each with every mention and role.

Parts:

* `fixes.py`: the spaCy component `presslens_entity_fixes` (added after `ner`
  by `presslens.nlp`), which trims and relabels the model's spans with the
  gazetteer and adds the names the model missed, recording why each is there;
* `stage.py`: the stage `find_entities`, which groups the Doc's spans into one
  entity per referent (surnames, possessives, spelling variants and
  transliterations merged);
* `roles.py`: the titles and affiliations the text gives a person;
* `russian.py`: the stage for Russian, `find_russian_entities` (Natasha's names in the
  nominative, merged across cases), with `russian_roles.py` for titles;
* `chinese.py`: the stage for Chinese, `find_chinese_entities`, over the spans of the
  Chinese front (`presslens.nlp_chinese`), with titles as roles (`lexicons/zh/`);
* `wordlists.py`: the layer's word lists (`lexicons/en/`: gazetteer, titles,
  honorifics, organisation heads, place suffixes, speech verbs, Korean surnames).
"""

from presslens.layers.entities.chinese import find_chinese_entities
from presslens.layers.entities.russian import find_russian_entities
from presslens.layers.entities.stage import find_entities

__all__ = ["find_chinese_entities", "find_entities", "find_russian_entities"]
