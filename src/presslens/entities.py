"""Stage: the `entities` layer (placeholder until the entity work lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from presslens.article import Article
from presslens.brief import Brief


@Language.factory("presslens_entity_fixes")
def make_entity_fixes(nlp: Language, name: str) -> "EntityFixes":
    return EntityFixes()


class EntityFixes:
    def __call__(self, doc: Doc) -> Doc:
        return doc


def find_entities(article: Article, brief: Brief) -> Brief:
    return brief
