"""Stage for Russian: the artifacts every language gets, plus Russian placeholders and
boilerplate, without the name variants that Russian case endings would fake.

* from `find_artifacts`: foreign-script runs (Latin or Chinese letters in a Cyrillic
  text), the "Original: URL" line, the disclaimer; its `name-variant` items are left
  out, since in Russian "Лаврова" and "Лавров" are one name in two cases, not two
  spellings (the entities layer has merged them already);
* `placeholder`: "ряд стран", "некая страна", "соответствующие страны" in their case
  forms (`lexicons/ru/placeholders.txt`);
* `boilerplate`: a line opening on "Источник:", "Фото:", "Читайте также" and the like
  (`lexicons/ru/boilerplate.txt`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from presslens import lexicon
from presslens.article import Article
from presslens.brief import Artifact, Brief
from presslens.layers.artifacts.stage import MAX_CAPTION_CHARS, find_artifacts

#: Openers read as reader prompts even without a colon after them.
_PROMPTS = frozenset({"читайте также", "читайте нас", "подписывайтесь", "поделиться"})


def find_russian_artifacts(article: Article, brief: Brief) -> Brief:
    """Add the shared artifact kinds (no inflection-made name variants) and the Russian ones."""
    shared = find_artifacts(article, brief)
    kept = [a for a in shared.artifacts if a.kind != "name-variant"]
    found = [*kept, *placeholders(article.text), *boilerplate(article.text)]
    found.sort(key=lambda a: (a.start, a.end, a.kind))
    return replace(shared, artifacts=tuple(dict.fromkeys(found)))


@lru_cache(maxsize=1)
def _placeholder_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon.lines("artifacts", "placeholders.txt", "ru"), key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternation})(?![\w-])", re.IGNORECASE)


def placeholders(text: str) -> Iterator[Artifact]:
    """Vague stand-ins where an edition may have removed a name ("ряд стран")."""
    matches = list(_placeholder_pattern().finditer(text))
    counts = Counter(" ".join(m.group().lower().split()) for m in matches)
    for match in matches:
        yield Artifact(
            match.start(),
            match.end(),
            "placeholder",
            f"vague stand-in ({counts[' '.join(match.group().lower().split())]}x in this text) "
            "where a name may have been removed, as in edited editions ('ряд стран' a number "
            "of countries, 'некая страна' a certain country; 有关国家 in Chinese)",
        )


@lru_cache(maxsize=1)
def _boilerplate_pattern() -> re.Pattern[str]:
    openers = sorted(lexicon.lines("artifacts", "boilerplate.txt", "ru"), key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in openers)
    return re.compile(
        rf"^[ \t]*(?P<opener>{alternation})(?![\w-])(?P<rest>[^\n]*)$",
        re.IGNORECASE | re.MULTILINE,
    )


def boilerplate(text: str) -> Iterator[Artifact]:
    """Caption, credit, source and prompt lines ("Фото: ТАСС", "Источник: РИА Новости")."""
    for match in _boilerplate_pattern().finditer(text):
        opener = " ".join(match.group("opener").lower().split())
        rest = match.group("rest").lstrip()
        marked = rest[:1] in (":", "—", "–", "-", "|") or not rest
        if not marked and opener not in _PROMPTS:
            continue
        if len(match.group().strip()) > MAX_CAPTION_CHARS:
            continue
        start = match.start("opener")
        end = match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        yield Artifact(
            start,
            end,
            "boilerplate",
            f"'{match.group('opener')}' line: "
            "caption, credit, source line or reader prompt, not the article's prose",
        )
