"""How analysis time and memory grow with the length of the text, per kind of input.

    python benchmarks/scaling.py                            # 10k, 40k, 160k, 640k characters
    python benchmarks/scaling.py --sizes 10000,40000 --check 1.6

Each family of input (ordinary prose, and the shapes an attacker or an unlucky
scrape produces: chains of "X said" clauses, runs of spaces, of quotation marks,
of dates, of colons, of capitalised words, of one-character tokens) is analysed
at each size in a process of its own (the pipeline loaded once, then each size
timed). It prints seconds and peak RSS per size, and the growth factor per 4x
of text: linear is about 4. Machines are noisy, so nothing here is an absolute
time: `--check R` fails (exit 1) when a family grows more than R times faster
than prose does in the same run, which is what CI runs on the small sizes, and
`--prose-max G` when prose itself grows more than G per 4x: a slow path that
prose shares raises its own growth, and with it the budget of every family (a
quadratic read of `Doc.text` in the amounts made prose grow 8.3x per 4x, and
every family still passed the relative check).

Texts are generated here; nothing is read from disk.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import resource
import subprocess
import sys
import time
from collections.abc import Callable

SIZES = (10_000, 40_000, 160_000, 640_000)
# One size may take this long before the family is reported as timed out.
TIMEOUT_S = 300

PROSE = (
    "The regional council approved a new budget for the river port on Tuesday. Council chair "
    "Mira Talvik said the plan would pay for two new cranes and a rail spur. Opposition members "
    "argued that the port had lost money for three straight years.\n\n"
)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


FAMILIES: dict[str, Callable[[int], str]] = {
    "prose": _repeat(PROSE),
    "said-chain": _repeat("Anna said that Boris said that "),
    "space-runs": _repeat("Source:" + " " * 200 + "Reuters\n" + " " * 200),
    "quote-marks": _repeat('"'),
    "quoted-words": _repeat('"a" '),
    "dense-dates": _repeat("on 3 March 2024, 4 May 2023 and Monday; "),
    "colon-runs": _repeat("Putin: "),
    "capitalised": _repeat("Alpha Beta Gamma Delta "),
    "tiny-tokens": _repeat("! "),
    # Chinese, read by the jieba front and the Chinese stages
    "zh-prose": _repeat(
        "外交部发言人毛宁4日表示，中方将采取必要措施维护自身权益。据新华社报道，双方于6月1日"
        "举行会谈，约有1.4万余名士兵参加了演习。\n\n"
    ),
    "zh-said-chain": _repeat("毛宁说，"),
    "zh-quoted": _repeat("他说：“好”，"),
    "zh-dates": _repeat("6月4日、5月3日和周四，"),
}


def run_family(family: str, sizes: list[int]) -> list[dict[str, float]]:
    """In this process: analyse the family at each size; seconds and peak RSS (MB) each."""
    import presslens

    settings = presslens.Settings(max_text_chars=max(sizes))
    # Warm-up on the family's own kind of text, so what loads once (the pipeline of its
    # language, the encoder of the accurate profile) is not counted in the first size.
    presslens.analyze(FAMILIES[family](min(sizes) // 4), settings)
    rows = []
    for size in sizes:
        text = FAMILIES[family](size)
        started = time.perf_counter()
        with contextlib.suppress(presslens.PresslensError):
            presslens.analyze(text, settings)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append({"size": size, "seconds": seconds, "peak_mb": peak})
    return rows


def measure(family: str, sizes: list[int]) -> list[dict[str, float]] | None:
    """The family measured in a fresh process; None when it ran past the time limit."""
    command = [sys.executable, __file__, "--child", family, "--sizes", ",".join(map(str, sizes))]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_S * len(sizes), check=True
        )
    except subprocess.TimeoutExpired:
        return None
    rows: list[dict[str, float]] = json.loads(done.stdout.splitlines()[-1])
    return rows


def growth(rows: list[dict[str, float]]) -> float:
    """Time per 4x of text, averaged over the steps measured (geometric mean)."""
    logs = [
        math.log(max(b["seconds"], 1e-3) / max(a["seconds"], 1e-3))
        * math.log(4)
        / math.log(b["size"] / a["size"])
        for a, b in itertools.pairwise(rows)
    ]
    return math.exp(sum(logs) / len(logs)) if logs else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--check", type=float, default=None, metavar="RATIO")
    parser.add_argument("--prose-max", type=float, default=None, metavar="GROWTH")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.child:
        print(json.dumps(run_family(args.child, sizes)))
        return 0
    families = args.families.split(",")
    if "prose" not in families:
        families.insert(0, "prose")
    print(f"{'family':<14}" + "".join(f"{s:>18,}" for s in sizes) + f"{'x per 4x':>10}")
    growths: dict[str, float] = {}
    for family in families:
        rows = measure(family, sizes)
        if rows is None:
            print(f"{family:<14} timed out (over {TIMEOUT_S} s a size)")
            growths[family] = float("inf")
            continue
        cells = "".join(f"{r['seconds']:>9.2f}s {r['peak_mb']:>5.0f}MB" for r in rows)
        growths[family] = growth(rows)
        print(f"{family:<14}{cells}{growths[family]:>10.2f}", flush=True)
    if args.check is None:
        return 0
    budget = args.check * growths["prose"]
    print(f"budget: {args.check} x prose's growth ({growths['prose']:.2f}) = {budget:.2f} per 4x")
    failures = over_budget(growths, args.check, args.prose_max)
    for line in failures:
        print(line)
    return 1 if failures else 0


def over_budget(growths: dict[str, float], check: float, prose_max: float | None) -> list[str]:
    """One line per failure: a family growing more than `check` times prose's growth per 4x,
    or prose itself growing more than `prose_max` per 4x (linear is 4)."""
    budget = check * growths["prose"]
    lines = [
        f"over budget: {family} grows {value:.2f}x per 4x of text"
        for family, value in growths.items()
        if value > budget
    ]
    if prose_max is not None and growths["prose"] > prose_max:
        lines.append(
            f"over budget: prose itself grows {growths['prose']:.2f}x per 4x of text "
            f"(at most {prose_max}; linear is 4)"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
