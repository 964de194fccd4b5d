"""Ingest benchmark: throughput against analysis alone, memory, store size, dedup quality.

    python benchmarks/ingest.py ../shared/data/news-sample [--copies 1 3]

Builds two synthetic corpora from the news-sample articles, each original
plus injected republications (truncated copies, light edits, boilerplate
added, sentences lightly shuffled), and for each one:

- analyses it with `presslens.analyze_many` alone (the baseline, same run);
- ingests it into a temporary SQLite store in a fresh process (one worker,
  so the comparison is like for like) and reports articles/s, the overhead
  over the baseline, the process's peak RSS and the store size per article;
- scores the republication clusters against the injected copies (pairwise
  precision and recall over articles in one cluster).

Goals: overhead <= 10%, precision and recall >= 0.95.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from presslens.readers import RawArticle

BOILERPLATE = (
    "Subscribe to our newsletter for the latest news. All rights reserved. "
    "Reproduction of this material is permitted only with a link to the source."
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def originals(data_dir: Path) -> list[RawArticle]:
    """Every text article under DATA_DIR, with a URL of its own."""
    from presslens.corpus.sources import list_sources, read_source
    from presslens.settings import Settings

    found = []
    for source in list_sources([data_dir]).files:
        if source.path.suffix != ".txt":
            continue
        for item in read_source(source, Settings()):
            if isinstance(item, RawArticle):
                url = f"https://original.example/{source.path.stem}"
                found.append(RawArticle(text=item.text, origin=str(source.path), url=url))
    return found


def republish(article: RawArticle, copy: int, rng: random.Random) -> RawArticle:
    """One injected copy: truncated, lightly edited, boilerplate added or shuffled."""
    sentences = _SENTENCE.split(article.text)
    kind = ("truncate", "edit", "boilerplate", "shuffle")[copy % 4]
    if kind == "truncate":
        sentences = sentences[: max(3, int(len(sentences) * rng.uniform(0.5, 0.9)))]
    elif kind == "edit":
        for i in rng.sample(range(len(sentences)), k=max(1, len(sentences) // 10)):
            words = _WORD.findall(sentences[i])
            if words:
                sentences[i] = sentences[i].replace(rng.choice(words), "reportedly", 1)
    elif kind == "boilerplate":
        sentences = [BOILERPLATE, *sentences, BOILERPLATE]
    else:
        for _ in range(max(1, len(sentences) // 8)):
            i = rng.randrange(max(1, len(sentences) - 1))
            sentences[i : i + 2] = sentences[i : i + 2][::-1]
    url = f"https://copy{copy}.example/{Path(article.origin).stem}"
    return RawArticle(text=" ".join(sentences), origin=url, url=url)


def corpus(base: list[RawArticle], copies: int, seed: int) -> tuple[list[RawArticle], list[int]]:
    """Originals followed by their copies; `truth[i]` is the original each article copies."""
    rng = random.Random(seed)
    articles, truth = list(base), list(range(len(base)))
    for index, article in enumerate(base):
        if index % 2:  # half of the originals are republished
            continue
        for copy in range(copies):
            articles.append(republish(article, copy + index, rng))
            truth.append(index)
    return articles, truth


def baseline(articles: list[RawArticle]) -> float:
    """Seconds for `analyze_many` alone (pipeline already loaded)."""
    from presslens import analyze_many
    from presslens.nlp import load_pipeline
    from presslens.settings import Settings

    load_pipeline(Settings().pipeline)
    started = time.perf_counter()
    for _ in analyze_many(articles):
        pass
    return time.perf_counter() - started


def ingest_run(articles: list[RawArticle], db: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """In a fresh process: ingest from a JSON Lines file, report time, RSS, clusters."""
    import json

    from presslens.corpus.ingest import ingest
    from presslens.corpus.store import open_store
    from presslens.nlp import load_pipeline
    from presslens.settings import Settings

    source = Path(db).with_suffix(".jsonl")
    source.write_text("".join(json.dumps({"text": a.text, "url": a.url}) + "\n" for a in articles))
    load_pipeline(Settings().pipeline)
    store = open_store(db)
    started = time.perf_counter()
    report = ingest([source], store)
    seconds = time.perf_counter() - started
    urls = dict(store.rows("SELECT id, url FROM articles"))
    clusters = {cid: [urls[i] for i in ids] for cid, ids in store.clusters().items()}
    count = store.count()
    store.close()
    queue.put(
        {
            "seconds": seconds,
            "added": report.added,
            "rejected": report.rejected,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "clusters": clusters,
            "count": count,
        }
    )


def score(
    articles: list[RawArticle], truth: list[int], clusters: dict[int, list[str]]
) -> tuple[float, float]:
    """Pairwise precision and recall of the found clusters against the injected copies."""
    original_of = {a.url: truth[i] for i, a in enumerate(articles)}
    true_pairs = {
        frozenset(p)
        for group in _groups(original_of).values()
        for p in combinations(sorted(group), 2)
    }
    found_pairs = {
        frozenset(p) for urls in clusters.values() for p in combinations(sorted(urls), 2)
    }
    hits = len(true_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return precision, recall


def _groups(original_of: dict[str | None, int]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for url, original in original_of.items():
        groups.setdefault(original, []).append(str(url))
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("data_dir", type=Path, help="the news-sample directory")
    parser.add_argument(
        "--copies",
        type=int,
        nargs=2,
        default=[1, 3],
        metavar=("SMALL", "LARGE"),
        help="copies per republished original in the two corpora",
    )
    args = parser.parse_args()
    data_dir = (
        args.data_dir / "news-sample" if (args.data_dir / "news-sample").is_dir() else args.data_dir
    )
    base = originals(data_dir)
    if not base:
        print(f"no .txt articles under {data_dir}", file=sys.stderr)
        return 1
    context = multiprocessing.get_context("spawn")
    print(f"{len(base)} original articles from {data_dir}")
    for copies in args.copies:
        articles, truth = corpus(base, copies, seed=copies)
        base_seconds = baseline(articles)
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "corpus.db")
            queue = context.Queue()
            process = context.Process(target=ingest_run, args=(articles, db, queue))
            process.start()
            result = queue.get()
            process.join()
            size = sum(p.stat().st_size for p in Path(tmp).glob("corpus.db*"))
        precision, recall = score(articles, truth, result["clusters"])
        overhead = result["seconds"] / base_seconds - 1
        print(
            f"\ncorpus: {len(articles)} articles ({len(articles) - len(base)} injected copies)\n"
            f"  analyze_many alone : {len(articles) / base_seconds:7.1f} articles/s\n"
            f"  ingest (1 worker)  : {len(articles) / result['seconds']:7.1f} articles/s, "
            f"overhead {overhead:+.1%} (goal <= +10%)\n"
            f"  stored             : {result['count']} articles, {result['added']} added, "
            f"{result['rejected']} rejected\n"
            f"  peak RSS (ingest)  : {result['rss_mb']:.0f} MB\n"
            f"  store size         : {size / max(result['count'], 1) / 1024:.1f} KB/article\n"
            f"  dedup              : precision {precision:.3f}, recall {recall:.3f} (goal >= 0.95)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
