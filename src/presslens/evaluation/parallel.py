"""Cross-lingual consistency on WMT parallel articles: the same article in two languages.

`wmt-parallel/en-ru/` and `en-zh/` hold English news articles with a human
translation, line *i* of one file translating line *i* of the other. For each
pair, what presslens finds on one side should be found on the other:

- **dates**: calendar values of the timeline (`2021-05-01`, `2021-05`, `1905`, the
  decade `192`), a range's end as well as its start ("2015-2018" gives 2015 and 2018,
  as the same years written as two dates do); unresolved ones have no value to compare,
  and references such as PRESENT_REF ("now") are left out;
- **amounts**: claim amount values (vague ones left out);
- **people**: PERSON entities by the sound key of their family name
  (`keys.sound_key`: Biden and Байден are "bdn"; 拜登 is "biden" through the
  curated table; a Chinese name such as 习近平 writes it first, so "Xi" finds it)
  or, for Chinese renderings no table knows, its consonant classes
  (`keys.name_class`: 琼斯 and Jones are "SNS"); `people_exact` compares the entity
  keys' last words as they are;
- **quotes**: a quote is found on the other side when a quote there covers one of
  the lines it covers.

Each score is the agreement of the two sides over all pairs: twice the items
found on both over the items found on either side, counted per side
(`2 * shared / (left + right)`), with each direction's share printed beside it.
Then every article of the data set is ingested into an in-memory store, and
the republication clusters are scored as pairs: precision (of the pairs the
clusters put together, how many are a translation pair) and recall (of the
translation pairs, how many the clusters put together).

    presslens evaluate wmt-parallel ../shared/data/wmt-parallel
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from presslens import analyze_many
from presslens.brief import Brief
from presslens.corpus.republish import RepublicationIndex
from presslens.corpus.store import open_store
from presslens.corpus.translations import surname_sound
from presslens.errors import DataDirError, PresslensError
from presslens.languages import language_name
from presslens.layers.entities.keys import (
    MAX_CHINESE_NAME_CHARS,
    entity_key,
    name_class,
    sound_key,
)
from presslens.layers.entities.wordlists import korean_surnames
from presslens.readers import RawArticle
from presslens.settings import Settings

#: The layers the comparison reads (techniques are not compared and cost the most).
LAYERS = frozenset({"entities", "quotes", "claims", "timeline", "artifacts"})
#: What is compared, in the order printed.
ITEMS = ("dates", "amounts", "people", "people_exact", "quotes")
_CALENDAR = re.compile(r"^\d{3}")
_PAIR_FOLDER = re.compile(r"^en-([a-z]{2})$")


@dataclass(frozen=True)
class Pair:
    """One article and its translation, both analysed."""

    docid: str
    language: str  # the translation's language
    english: Brief
    other: Brief


@dataclass
class Agreement:
    """Items found on each side and on both, summed over pairs."""

    english: int = 0
    other: int = 0
    english_found: int = 0  # English items found on the other side
    other_found: int = 0

    def add(self, english: int, other: int, english_found: int, other_found: int) -> None:
        self.english += english
        self.other += other
        self.english_found += english_found
        self.other_found += other_found

    @property
    def score(self) -> float:
        total = self.english + self.other
        return (self.english_found + self.other_found) / total if total else 0.0


def evaluate(data_dir: Path, out: IO[str]) -> dict[str, float]:
    """Compare each pair's briefs, then link all articles in one corpus; print, return scores."""
    folders = sorted(p for p in data_dir.iterdir() if p.is_dir() and _PAIR_FOLDER.match(p.name))
    if not folders:
        raise DataDirError(f"no en-XX folders of parallel articles in {data_dir}")
    pairs = [pair for folder in folders for pair in read_pairs(folder)]
    scores: dict[str, float] = {}
    for language in sorted({p.language for p in pairs}):
        mine = [p for p in pairs if p.language == language]
        out.write(f"en-{language}: {len(mine)} article pairs\n")
        for item in ITEMS:
            layer = _LAYER_OF[item]
            read = [p for p in mine if _computed(p.english, layer) and _computed(p.other, layer)]
            left_out = len(mine) - len(read)
            if not read:
                out.write(
                    f"  {item:<13} not measured: the {layer} layer is not computed "
                    f"for the {language_name(language)} articles\n"
                )
                continue
            agreement = compare(read, item)
            scores[f"{language}_{item}"] = agreement.score
            out.write(
                f"  {item:<13} agreement {agreement.score:.4f}  "
                f"(English {agreement.english_found}/{agreement.english} found in the "
                f"translation, translation {agreement.other_found}/{agreement.other} in the "
                "English)"
                + (f"; {left_out} pair(s) left out, {layer} not computed" if left_out else "")
                + "\n"
            )
    precision, recall, per_language = link(pairs)
    for language, (p, r, predicted) in sorted(per_language.items()):
        out.write(
            f"linking en-{language}: precision {p:.4f}  recall {r:.4f}  ({predicted} linked)\n"
        )
        scores[f"{language}_link_precision"] = p
        scores[f"{language}_link_recall"] = r
    out.write(
        f"linking, all articles in one corpus: precision {precision:.4f}  recall {recall:.4f}\n"
    )
    scores["link_precision"] = precision
    scores["link_recall"] = recall
    return scores


#: The layer each compared item comes from.
_LAYER_OF = {
    "dates": "timeline",
    "amounts": "claims",
    "people": "entities",
    "people_exact": "entities",
    "quotes": "quotes",
}


def _computed(brief: Brief, layer: str) -> bool:
    status = brief.layers.get(layer)
    return status is not None and status.computed


def read_pairs(folder: Path) -> list[Pair]:
    """Analyse every pair listed in `folder/pairs.tsv`."""
    language = folder.name.split("-")[1]
    table = folder / "pairs.tsv"
    if not table.is_file():
        raise DataDirError(f"no pairs.tsv in {folder}")
    with table.open(encoding="utf-8", newline="") as handle:
        docids = [row["docid"] for row in csv.DictReader(handle, delimiter="\t")]
    raws = []
    for docid in docids:
        for side in ("en", language):
            path = folder / f"{docid}.{side}.txt"
            if not path.is_file():
                raise DataDirError(f"{path.name} is listed in pairs.tsv but missing")
            raws.append(RawArticle(path.read_text(encoding="utf-8"), str(path), record_id=docid))
    briefs = []
    for result in analyze_many(raws, Settings(layers=LAYERS)):
        if isinstance(result, PresslensError):
            raise result
        briefs.append(result)
    return [
        Pair(docid, language, briefs[2 * i], briefs[2 * i + 1]) for i, docid in enumerate(docids)
    ]


def compare(pairs: Iterable[Pair], item: str) -> Agreement:
    """How many of `item` each side finds that the other finds too, summed over pairs."""
    agreement = Agreement()
    for pair in pairs:
        if item == "quotes":
            agreement.add(*_quote_agreement(pair.english, pair.other))
            continue
        if item == "people":
            agreement.add(*_people_agreement(pair.english, pair.other))
            continue
        english, other = _ITEMS[item](pair.english), _ITEMS[item](pair.other)
        agreement.add(len(english), len(other), len(english & other), len(english & other))
    return agreement


def dates(brief: Brief) -> set[str]:
    """The calendar values of the brief's time expressions: years, months, days, decades.

    References to the present or past ("now", "recently") say nothing a translation must
    keep; unresolved expressions have no value. A range states both its ends: "between
    2015 and 2018" read as one range on one side and as two years on the other (or
    "27-29 May" as a range and "29 May" alone) states the same dates, so a range gives its
    start and its end, each compared as any date.
    """
    return {
        value
        for t in brief.timeline
        for value in (t.value, t.end_value)
        if value and _CALENDAR.match(value)
    }


def amounts(brief: Brief) -> set[float]:
    """The values of the amounts its claims state, vague ones left out."""
    return {a.value for c in brief.claims for a in c.amounts if a.approx != "vague"}


def people(brief: Brief) -> set[tuple[tuple[str, ...], str]]:
    """Its people: the sound keys their family name may have, and its consonant classes.

    A Chinese name (习近平, no middle dot) puts the family name first: English writes it
    "Xi Jinping" or just "Xi", so both its first and its last word are kept; so does a
    Korean name in Latin letters ("Lee Jung-wook" is 李正旭 in Chinese).
    """
    found: set[tuple[tuple[str, ...], str]] = set()
    for e in brief.entities:
        if e.type != "PERSON":
            continue
        key = _key(e.key, e.name)
        sounds: tuple[str, ...] = (surname_sound(key),)
        if (_chinese_name(e.name) or _korean_name(e.name)) and len(key.split()) > 1:
            sounds = (sound_key(key.split()[0]), *sounds)
        found.add((sounds, name_class(e.name)))
    return found


def _chinese_name(name: str) -> bool:
    """A Chinese person's name as Chinese writes it: a few Han characters, no middle dot."""
    name = name.strip()
    return 0 < len(name) <= MAX_CHINESE_NAME_CHARS and all(
        "\u4e00" <= ch <= "\u9fff" for ch in name
    )


def _korean_name(name: str) -> bool:
    """A Korean name in Latin letters, family name first: "Lee Jung-wook", "Kim Jong Un"."""
    words = name.split()
    return (
        len(words) in (2, 3)
        and words[0] in korean_surnames()
        and (len(words) == 3 or "-" in words[-1])
    )


def _people_agreement(english: Brief, other: Brief) -> tuple[int, int, int, int]:
    """A person is found on the other side under one sound key, or for a Chinese rendering
    no table knows, under the same consonant classes (琼斯 / Jones)."""
    mine, theirs = people(english), people(other)

    def same(a: tuple[tuple[str, ...], str], b: tuple[tuple[str, ...], str]) -> bool:
        return bool(set(a[0]) & set(b[0])) or (bool(a[1]) and a[1] == b[1])

    return (
        len(mine),
        len(theirs),
        sum(1 for a in mine if any(same(a, b) for b in theirs)),
        sum(1 for b in theirs if any(same(a, b) for a in mine)),
    )


def people_exact(brief: Brief) -> set[str]:
    """Its people, by the last word of their entity key."""
    return {_key(e.key, e.name).split()[-1] for e in brief.entities if e.type == "PERSON"}


def _key(key: str, name: str) -> str:
    return key or entity_key(name) or "_"


_ITEMS: dict[str, Callable[[Brief], set[str] | set[float]]] = {
    "dates": dates,
    "amounts": amounts,
    "people_exact": people_exact,
}


def _quote_agreement(english: Brief, other: Brief) -> tuple[int, int, int, int]:
    english_lines = [_lines(english, q.start, q.end) for q in english.quotes]
    other_lines = [_lines(other, q.start, q.end) for q in other.quotes]
    covered_english = set().union(*english_lines) if english_lines else set()
    covered_other = set().union(*other_lines) if other_lines else set()
    return (
        len(english_lines),
        len(other_lines),
        sum(1 for lines in english_lines if lines & covered_other),
        sum(1 for lines in other_lines if lines & covered_english),
    )


def _lines(brief: Brief, start: int, end: int) -> set[int]:
    """The line numbers (segments) a span covers."""
    first = brief.text.count("\n", 0, start)
    return set(range(first, first + brief.text.count("\n", start, end) + 1))


def link(pairs: list[Pair]) -> tuple[float, float, dict[str, tuple[float, float, int]]]:
    """Ingest every article into one in-memory corpus; score its clusters against the pairs.

    English originals go in first, then the translations, as a corpus that holds the
    source before its copies would. Returns overall precision and recall and, per
    language, (precision, recall, pairs linked) over the pairs that involve it.
    """
    store = open_store(":memory:")
    index = RepublicationIndex(store)
    ids: dict[tuple[str, str], int] = {}  # (docid, "en" or "other") -> article id
    folder_of: dict[int, str] = {}  # article id -> the language pair's translation language
    for side in ("en", "other"):
        briefs = [(p, p.english if side == "en" else p.other) for p in pairs]
        added = store.add_briefs([brief for _pair, brief in briefs])
        # `add_briefs` skips a text stored before; map what was added back to its pair.
        stored = {id(brief): article_id for article_id, brief in added}
        for pair, brief in briefs:
            if id(brief) in stored:
                ids[(pair.docid, side)] = stored[id(brief)]
                folder_of[stored[id(brief)]] = pair.language
        index.add(added)
    gold = {
        _ordered(ids[(p.docid, "en")], ids[(p.docid, "other")])
        for p in pairs
        if (p.docid, "en") in ids and (p.docid, "other") in ids
    }
    predicted = {
        _ordered(a, b)
        for members in store.clusters().values()
        for a, b in itertools.combinations(members, 2)
    }
    store.close()
    per_language: dict[str, tuple[float, float, int]] = {}
    for language in sorted({p.language for p in pairs}):
        mine = {pair for pair in predicted if language in {folder_of[x] for x in pair}}
        theirs = {pair for pair in gold if language in {folder_of[x] for x in pair}}
        per_language[language] = (*_precision_recall(mine, theirs), len(mine))
    precision, recall = _precision_recall(predicted, gold)
    return precision, recall, per_language


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _precision_recall(
    predicted: set[tuple[int, int]], gold: set[tuple[int, int]]
) -> tuple[float, float]:
    hits = len(predicted & gold)
    return (hits / len(predicted) if predicted else 0.0, hits / len(gold) if gold else 0.0)
