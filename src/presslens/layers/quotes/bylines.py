"""Whose words a whole text is, when its headline says so: "... - address by the President
of Ukraine Volodymyr Zelenskyy", "Article by Vladimir Putin ...", "Speech by Jane Doe at
...". The person named after "address by" (and the like) in the headline speaks the
text's first person: an "I think ..." outside any quote or turn is theirs. A title
("address by the President of Ukraine") names the person the text gives that title
(`descriptions.py`). Without such a headline, or with no one it names, "I" stays an
unresolved pronoun.
"""

from __future__ import annotations

import re

from presslens.brief import Brief, Speaker
from presslens.layers.quotes.speakers import SpeakerResolver

# Kinds of text that are one person's words. Checked on news-sample: president-ua's
# "address by the President of Ukraine ...", kremlin's "Article by Vladimir Putin ...".
_OWN_WORDS = re.compile(
    r"\b(?:address|speech|article|statement|message|remarks|appeal|op-ed|column|letter)"
    r"\s+(?:of|by|from)\s+",
    re.IGNORECASE,
)


def headline_speaker(brief: Brief, resolver: SpeakerResolver) -> Speaker | None:
    """The person whose address, speech or article the headline says the text is."""
    span = brief.document.title_span
    if span is None:
        return None
    match = _OWN_WORDS.search(brief.text, span.start, span.end)
    if match is None:
        return None
    named = [
        m for m in resolver.people if match.end() <= m.start and m.end <= span.end and m.entity
    ]
    if named and named[0].entity is not None:
        entity = named[0].entity
        return Speaker(entity.id, entity.name, named[0].start, named[0].end)
    # "address by the President of Ukraine": the person the text gives that title.
    words = brief.text[match.end() : span.end]
    described = resolver.descriptions.resolve(words, len(brief.text))
    if described is None:
        return None
    return Speaker(described.id, described.name, match.end(), span.end)
