"""Long texts: parsed in pieces joined into one Doc, offsets kept; too long is refused with why."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import presslens
from presslens.errors import TextTooLong
from presslens.nlp import PIECE_CHARS, pieces


@given(st.text(alphabet="ab \n.", max_size=400), st.integers(min_value=1, max_value=60))
def test_pieces_join_back_into_the_text_and_stay_under_the_limit(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(part) <= limit for part in parts)
    assert all(parts[:-1])


def test_pieces_end_at_a_paragraph_break_when_there_is_one() -> None:
    text = "First line.\nSecond line.\n\nThird paragraph here."
    assert pieces(text, limit=30) == ["First line.\nSecond line.\n\n", "Third paragraph here."]


@pytest.mark.slow
def test_a_text_longer_than_a_piece_is_one_brief_with_offsets_into_the_whole() -> None:
    paragraph = "The harbour in Tallinn reopened on Monday, officials said. " * 20
    filler = "\n\n".join([paragraph] * (2 * PIECE_CHARS // len(paragraph) + 2))
    text = filler + "\n\nMayor Anna Berg visited Riga on Friday.\n"
    assert len(pieces(text)) >= 3
    brief = presslens.analyze(text, presslens.Settings(layers=frozenset({"entities"})))
    assert brief.text == text
    names = {e.name: e for e in brief.entities}
    assert {"Anna Berg", "Riga", "Tallinn"} <= set(names)
    (mention,) = names["Anna Berg"].mentions
    assert brief.surface(mention) == "Anna Berg"
    assert mention.start > 2 * PIECE_CHARS
    assert names["Anna Berg"].evidence


@pytest.mark.slow
def test_a_text_over_the_limit_is_refused_with_its_length() -> None:
    with pytest.raises(TextTooLong, match="the text is 1,200 characters, over the 1,000"):
        presslens.analyze("word " * 240, presslens.Settings(max_text_chars=1000))


@pytest.mark.slow
def test_a_long_run_without_spaces_is_tokenized_in_chunks_keeping_the_text() -> None:
    from presslens.nlp import MAX_RUN_CHARS, BoundedTokenizer, load_pipeline
    from presslens.settings import DEFAULT_PIPELINE

    nlp = load_pipeline(DEFAULT_PIPELINE)
    text = 'He said "' + '"' * 5000 + " and left. The port reopened."
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, BoundedTokenizer)
    doc = tokenizer(text)
    assert doc.text == text
    assert max(len(token) for token in doc) <= MAX_RUN_CHARS
    ordinary = "The port reopened on Monday, officials said."
    assert [t.text for t in tokenizer(ordinary)] == [t.text for t in tokenizer.inner(ordinary)]
