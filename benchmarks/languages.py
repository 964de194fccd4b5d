"""Throughput of the Russian and Chinese briefs against their bare libraries, in the same run.

    .venv/bin/python benchmarks/languages.py DATA_DIR [--limit N] [--repeat K]

DATA_DIR holds texts named `*.ru.txt` and `*.zh.txt` (the `wmt-parallel`
folder: `../shared/data/wmt-parallel`). For each language that
`pipeline.STAGES` has stages for, it measures, K times each and alternating
which goes first, text by text (the machine is noisy), in this process after a warm-up:

- the bare library: Natasha (razdel segmentation, Slovnet morphology, syntax
  and NER with navec embeddings) for Russian, `jieba.posseg` for Chinese;
- the full brief: `presslens.analyze_many` with every layer, as `analyze` runs it.

Words are counted once per text, the same way for both: `\\w+` runs for Russian,
jieba's words (without punctuation) for Chinese. Prints words/s (medians) and the
ratio brief / library; the project's target for Russian is >= 0.8x Natasha alone.
It also prints the ratio of the process CPU times (medians), which other jobs on a
shared machine disturb less than the wall clock.
It prints; it does not assert. A language with no stages yet is reported as such.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from presslens.errors import PresslensError
from presslens.readers import RawArticle

#: Texts run once before timing, so lazy loads (models, dictionaries) are not counted.
WARMUP_TEXTS = 3
#: The project's speed target: the Russian brief at >= 0.8x Natasha alone.
TARGET_RATIO = 0.8
LANGUAGES = {"ru": "Natasha alone", "zh": "jieba alone"}
_WORD = re.compile(r"\w+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N texts.")
    parser.add_argument("--repeat", type=int, default=3, help="Measurements of each (median).")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"languages: {args.data_dir}: not a directory", file=sys.stderr)
        return 1
    from presslens.pipeline import stage_for

    for language, baseline in LANGUAGES.items():
        paths = sorted(args.data_dir.rglob(f"*.{language}.txt"))[: args.limit]
        if not paths:
            print(f"{language}: no *.{language}.txt files in {args.data_dir}")
            continue
        if stage_for("entities", language) is None:
            print(f"{language}: presslens has no {language} stages yet; not measured")
            continue
        texts = [p.read_text(encoding="utf-8") for p in paths]
        compare(language, baseline, texts, args.repeat)
    return 0


def compare(language: str, baseline: str, texts: list[str], repeat: int) -> None:
    """Time the bare library and the full brief over `texts`, alternating, and print."""
    library = _library(language)
    words = sum(_words(language, text) for text in texts)
    runs: dict[str, list[float]] = {baseline: [], "full brief": []}
    cpu: dict[str, list[float]] = {baseline: [], "full brief": []}
    measures: dict[str, Callable[[list[str]], None]] = {baseline: library, "full brief": _brief}
    for warm_up in measures.values():
        warm_up(texts[:WARMUP_TEXTS])
    for index in range(repeat):
        # Text by text, the two in turn (first one, then the other), so a change in the
        # machine's load falls on both alike.
        spent = {name: [0.0, 0.0] for name in measures}
        for position, text in enumerate(texts):
            order = list(measures) if (index + position) % 2 == 0 else list(measures)[::-1]
            for name in order:
                started, started_cpu = time.perf_counter(), time.process_time()
                measures[name]([text])
                spent[name][0] += time.perf_counter() - started
                spent[name][1] += time.process_time() - started_cpu
        for name, (wall, processor) in spent.items():
            runs[name].append(wall)
            cpu[name].append(processor)
        gc.collect()
    print(f"{language}: {len(texts)} texts, {words:,} words; median of {repeat} runs each")
    rates = {}
    for name, seconds in runs.items():
        rates[name] = words / statistics.median(seconds)
        print(f"  {name:<16}{rates[name]:>10,.0f} words/s")
    ratio = rates["full brief"] / rates[baseline]
    paired = [b / a for a, b in zip(runs["full brief"], runs[baseline], strict=True)]
    verdict = "" if language != "ru" else (" meets" if ratio >= TARGET_RATIO else " BELOW")
    target = f"{verdict} the {TARGET_RATIO} target" if verdict else "no target set"
    print(f"  ratio full brief / {baseline}: {ratio:.2f} ({target.strip()})")
    print("  paired ratio per repeat: " + " ".join(f"{r:.2f}" for r in paired))
    cpu_ratio = statistics.median(cpu[baseline]) / statistics.median(cpu["full brief"])
    print(f"  ratio of process CPU time (less sensitive to other jobs): {cpu_ratio:.2f}")


def _brief(texts: list[str]) -> None:
    from presslens import analyze_many

    raws = [RawArticle(text, f"<text {i}>") for i, text in enumerate(texts)]
    for result in analyze_many(raws):
        if isinstance(result, PresslensError):
            raise result


def _library(language: str) -> Callable[[list[str]], None]:
    if language == "zh":
        import jieba.posseg

        def segment(texts: list[str]) -> None:
            for text in texts:
                jieba.posseg.lcut(text)

        return segment
    from natasha import (  # type: ignore[import-untyped]
        Doc,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    segmenter, morph = Segmenter(), NewsMorphTagger(embedding)
    syntax, ner = NewsSyntaxParser(embedding), NewsNERTagger(embedding)

    def natasha(texts: list[str]) -> None:
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)

    return natasha


def _words(language: str, text: str) -> int:
    if language == "zh":
        import jieba

        return sum(1 for word in jieba.lcut(text) if _WORD.match(word))
    return len(_WORD.findall(text))


if __name__ == "__main__":
    sys.exit(main())
