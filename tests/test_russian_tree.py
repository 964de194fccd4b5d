"""The Russian front makes each sentence one tree, even where Natasha's parse has a cycle."""

from __future__ import annotations

from presslens.nlp_russian import _one_tree_per_sentence


def _reaches(heads: list[int], index: int, root: int) -> bool:
    for _step in heads:
        if index == root:
            return True
        index = heads[index]
    return index == root


def test_tokens_heading_each_other_are_hung_on_the_root() -> None:
    # Token 3 is the root; tokens 0 and 1 head each other, token 2 hangs on 0.
    heads = [1, 0, 0, 3]
    deps = ["nsubj", "obj", "amod", "root"]
    _one_tree_per_sentence([(0, 4)], heads, deps)
    assert heads[3] == 3 and deps[3] == "ROOT"
    assert all(_reaches(heads, index, 3) for index in range(4))
    assert heads[2] == 0  # a token outside the cycle keeps its head
