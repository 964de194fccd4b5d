"""spaCy's attribute ruler and rule lemmatizer, applied by lookup: the same output, cheaper.

The English pipeline's `attribute_ruler` runs spaCy's `Matcher` (179 token patterns)
over every token of every text, and its `lemmatizer` walks every token through Python
property calls; on 40 news-sample articles the two took 1.4-2.0 of spaCy's 7.6-8.9 CPU
seconds (the ruler 1.25; the lemmatizer 0.17 on words it had seen, 0.72 on new ones).
Both answers depend only on a few attributes of the token and its neighbours, which
repeat: "the" tagged DT is "the" tagged DT in every article. So `load_pipeline` swaps
them for the two components here, which keep the spaCy component they replace and ask
it once per new combination (0.2-0.3 CPU seconds on the same articles):

- `presslens_attribute_lookup`: each pattern token is compiled into predicates over the
  attributes the ruler's patterns read (TAG, LOWER, DEP, IS_SPACE in `en_core_web_sm`),
  indexed by one exact value; which pattern tokens a token satisfies is cached by its
  values; the rules whose every token is satisfied at its place are merged in rule order
  (later rules override, as the ruler sorts its matches) and set with spaCy's own
  `set_token_attrs`.
- `presslens_lemma_lookup`: spaCy's rule lemmatizer already caches its answer by
  (ORTH, POS, MORPH); this component asks the same question without building the
  Python `Token` and `MorphAnalysis` objects for tokens it has seen.

A ruler with a pattern this module cannot compile (an operator, a comparison) and a
lemmatizer not in "rule" mode are left as spaCy built them (`lookup_components`).
`tests/test_token_rules.py` checks every token attribute equal to spaCy's on texts
written for it; over the 200 news-sample articles (208,964 tokens) no token differs
from the plain pipeline in ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, entity or sentence
start (a throwaway check at issue 14).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: The token attributes a compiled pattern may read, by the name patterns use: string
#: attributes compared as strings, flags as booleans.
STRING_ATTRS: Mapping[str, int] = {
    "ORTH": ORTH,
    "LOWER": LOWER,
    "NORM": NORM,
    "TAG": TAG,
    "DEP": DEP,
    "POS": POS,
}
FLAG_ATTRS: Mapping[str, int] = {"IS_SPACE": IS_SPACE}
#: The predicates a compiled token spec may use (spaCy's Matcher offers more; a ruler using
#: any other keeps spaCy's own matching).
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
#: Distinct token keys each lookup remembers before its cache starts again: the 200
#: news-sample articles give 25,563 for the ruler and 13,049 for the lemmatizer; at a few
#: hundred bytes a key this bounds each cache to some tens of MB on any corpus.
MAX_CACHED_KEYS = 200_000

Predicate = Callable[[tuple[Any, ...]], bool]
#: A token of a pattern: (rule id, alternative, position in the pattern).
Part = tuple[int, int, int]


@dataclass(frozen=True)
class _Spec:
    """One token of a pattern: the exact values that admit a token (any one of them, by
    column and hashed value; none: every token is tried) and the predicates it must pass."""

    part: Part
    gates: tuple[tuple[int, int], ...]
    predicates: tuple[Predicate, ...]


class AttributeLookup:
    """What an `AttributeRuler` sets on each token, found by key and remembered.

    Build with `AttributeLookup.compile(ruler)`, which returns None when a pattern uses
    something this class does not read.
    """

    def __init__(self, ruler: AttributeRuler, names: list[str], specs: list[_Spec]) -> None:
        self.ruler = ruler
        self.names = names  # the attributes a key is made of, as patterns name them
        self.attrs: list[int | str] = [STRING_ATTRS.get(name) or FLAG_ATTRS[name] for name in names]
        self.strings = ruler.vocab.strings
        self.gated: dict[tuple[int, int], list[_Spec]] = {}
        self.ungated: list[_Spec] = []
        for spec in specs:
            for gate in spec.gates:
                self.gated.setdefault(gate, []).append(spec)
            if not spec.gates:
                self.ungated.append(spec)
        # rule id -> (pattern length of each alternative, the index of the token it sets)
        self.shape: dict[int, tuple[dict[int, int], int]] = {}
        for spec in specs:
            rule, alternative, _position = spec.part
            lengths, _index = self.shape.setdefault(rule, ({}, ruler.indices[rule]))
            lengths[alternative] = lengths.get(alternative, 0) + 1
        self.parts: dict[tuple[int, ...], frozenset[Part]] = {}
        self.merged: dict[tuple[int, ...], dict[int, int]] = {}
        # A token's parts -> (the rules of its one-token patterns, sorted: those match
        # wherever the token is; its parts of longer patterns, which need their neighbours)
        self.split: dict[frozenset[Part], tuple[tuple[int, ...], tuple[Part, ...]]] = {}

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> AttributeLookup | None:
        """The lookup that sets what `ruler` sets, or None when a pattern cannot be compiled."""
        names: list[str] = []
        specs: list[_Spec] = []
        entries = cast(list[dict[str, Any]], ruler.patterns)
        for rule, entry in enumerate(entries):
            lengths = {len(pattern) for pattern in entry["patterns"]}
            if 0 in lengths or not -min(lengths) <= int(entry.get("index", 0)) < min(lengths):
                return None
            for alternative, pattern in enumerate(entry["patterns"]):
                for position, token in enumerate(pattern):
                    spec = _spec(token, (rule, alternative, position), names, ruler.vocab.strings)
                    if spec is None:
                        return None
                    specs.append(spec)
        return cls(ruler, names, specs)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs))
        rows = cast(list[list[int]], array.tolist())
        parts = [self._parts(tuple(row)) for row in rows]
        found = []
        for i, here in enumerate(parts):
            if (split := self.split.get(here)) is None:
                split = self._split(here)
            rules, longer = split
            if longer:
                matched = {part[0] for part in longer if self._matches(parts, i, part)}
                rules = tuple(sorted(matched.union(rules)))
            if rules:
                if (attrs := self.merged.get(rules)) is None:
                    attrs = self.merged[rules] = self._merge(rules)
                found.append((i, attrs))
        # All matches are found before any attribute is set, as the ruler does.
        for i, attrs in found:
            set_token_attrs(doc[i], attrs)
        return doc

    def _parts(self, row: tuple[int, ...]) -> frozenset[Part]:
        """The pattern tokens a token with these attribute values satisfies (cached)."""
        if (known := self.parts.get(row)) is not None:
            return known
        values = tuple(
            bool(value) if name in FLAG_ATTRS else self.strings[value]
            for name, value in zip(self.names, row, strict=True)
        )
        tried = [s for gate in enumerate(row) for s in self.gated.get(gate, ())] + self.ungated
        found = frozenset(s.part for s in tried if all(p(values) for p in s.predicates))
        if len(self.parts) >= MAX_CACHED_KEYS:
            self.parts.clear()
        self.parts[row] = found
        return found

    def _split(self, here: frozenset[Part]) -> tuple[tuple[int, ...], tuple[Part, ...]]:
        """`here` as the rules of its one-token patterns and its parts of longer ones (cached)."""
        alone = {
            rule for rule, alternative, _position in here if self._length(rule, alternative) == 1
        }
        longer = tuple(part for part in here if self._length(part[0], part[1]) > 1)
        if len(self.split) >= MAX_CACHED_KEYS:
            self.split.clear()
        split = self.split[here] = (tuple(sorted(alone)), longer)
        return split

    def _length(self, rule: int, alternative: int) -> int:
        return self.shape[rule][0][alternative]

    def _matches(self, parts: list[frozenset[Part]], i: int, part: Part) -> bool:
        """Whether the rule of `part`, which token i satisfies, matches with token i the one
        it sets: every other token of the alternative satisfied at its place."""
        rule, alternative, position = part
        lengths, index = self.shape[rule]
        length = lengths[alternative]
        if position != index % length:
            return False
        start = i - position
        return (
            start >= 0
            and start + length <= len(parts)
            and all(
                (rule, alternative, j) in parts[start + j] for j in range(length) if j != position
            )
        )

    def _merge(self, rules: tuple[int, ...]) -> dict[int, int]:
        """The attributes the rules set, later rules overriding earlier ones (their order in
        the ruler, which sorts its matches by rule)."""
        merged: dict[int, int] = {}
        for rule in rules:
            merged.update(self.ruler.attrs[rule])
        return merged


def _spec(
    token: Mapping[str, Any], part: Part, names: list[str], strings: StringStore
) -> _Spec | None:
    """One pattern token compiled, or None when it uses what this module does not read."""
    gates: tuple[tuple[int, int], ...] = ()
    predicates: list[Predicate] = []
    for name, wanted in token.items():
        if name not in STRING_ATTRS and name not in FLAG_ATTRS:
            return None
        if name not in names:
            names.append(name)
        column = names.index(name)
        predicate = _predicate(column, wanted, flag=name in FLAG_ATTRS)
        if predicate is None:
            return None
        predicates.append(predicate)
        if not gates:
            gates = _gates(column, wanted, strings, flag=name in FLAG_ATTRS)
    return _Spec(part, gates, tuple(predicates))


def _gates(
    column: int, wanted: Any, strings: StringStore, *, flag: bool
) -> tuple[tuple[int, int], ...]:
    """The (column, hashed value) pairs one of which a token must have to pass `wanted`."""
    if flag:
        return ((column, int(wanted)),)
    if isinstance(wanted, str):
        return ((column, strings.add(wanted)),)
    if "IN" in wanted:
        return tuple((column, strings.add(option)) for option in wanted["IN"])
    return ()


def _predicate(column: int, wanted: Any, *, flag: bool) -> Predicate | None:
    if flag:
        if not isinstance(wanted, bool):
            return None
        return lambda values: values[column] is wanted
    if isinstance(wanted, str):
        return lambda values: values[column] == wanted
    if not isinstance(wanted, dict) or len(wanted) != 1 or next(iter(wanted)) not in PREDICATES:
        return None
    ((kind, argument),) = wanted.items()
    if kind == "REGEX":
        pattern = re.compile(argument)
        return lambda values: pattern.search(values[column]) is not None
    options = frozenset(argument)
    if kind == "IN":
        return lambda values: values[column] in options
    return lambda values: values[column] not in options


class LemmaLookup:
    """A rule `Lemmatizer` asked once per (ORTH, POS, MORPH), as its own cache is keyed.

    Its `lemma_index` table (the known lemmas of each part of speech) is turned from
    lists into frozensets: `rule_lemmatize` only asks whether a candidate form is in it,
    once per rule, and on a list of 60,000 nouns that took about 240 microseconds a new
    word (6,063 new words on 40 news-sample articles: 1.5 s under a profiler).
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, forms in list(index.items()):
                index[pos] = frozenset(forms)

    def __call__(self, doc: Doc) -> Doc:
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        ):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            if (known := self.cache.get(key)) is not None:
                doc[i].lemma = known
                continue
            token = doc[i]
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
            if pos:  # spaCy warns on a token without a part of speech: ask it each time
                if len(self.cache) >= MAX_CACHED_KEYS:
                    self.cache.clear()
                self.cache[key] = token.lemma
        return doc


@Language.factory("presslens_attribute_lookup", default_config={"source": "attribute_ruler"})
def make_attribute_lookup(nlp: Language, name: str, source: str) -> AttributeLookup:
    """The `source` attribute ruler's output by lookup (see `lookup_components`)."""
    ruler = nlp.get_pipe(source)
    lookup = AttributeLookup.compile(ruler) if isinstance(ruler, AttributeRuler) else None
    if lookup is None:
        raise ValueError(f"{source}: a pattern this lookup cannot compile")
    return lookup


@Language.factory("presslens_lemma_lookup", default_config={"source": "lemmatizer"})
def make_lemma_lookup(nlp: Language, name: str, source: str) -> LemmaLookup:
    """The `source` rule lemmatizer's output by lookup (see `lookup_components`)."""
    lemmatizer = nlp.get_pipe(source)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        raise ValueError(f"{source}: not a rule lemmatizer")
    return LemmaLookup(lemmatizer)


def lookup_components(nlp: Language) -> Sequence[str]:
    """Swap the pipeline's attribute ruler and rule lemmatizer for their lookups, in place;
    return the names of the components swapped (none when they cannot be)."""
    swapped = []
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler) and AttributeLookup.compile(ruler) is not None:
        nlp.add_pipe("presslens_attribute_lookup", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
        swapped.append("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        nlp.add_pipe("presslens_lemma_lookup", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
        swapped.append("lemmatizer")
    return swapped


__all__ = ["AttributeLookup", "LemmaLookup", "lookup_components"]
