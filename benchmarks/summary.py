#!/usr/bin/env python3
"""Summarise what run.sh measured: medians, ratios against the targets, growth, peak memory.

    python benchmarks/summary.py RESULTS_DIR SIZE...

Reads RESULTS_DIR/hyperfine-SIZE.json, memory.tsv, counts.tsv and machine.md; prints Markdown.
Targets are those of issues 7, 8 and 10; a ratio shows "-" when either side was not measured.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

RATIOS = [  # label, numerator, denominator, target
    ("overdue / task overdue", "overdue --format json", "task overdue", 1.0),
    ("overdue --no-cache / task overdue", "overdue --format json --no-cache", "task overdue", 2.0),
    ("overdue / task count +OVERDUE", "overdue --format json", "task count +OVERDUE", None),
    ("--help / floor", "cpstrategy --help", "floor: python -c 'import yaml'", 3.0),
    ("status / floor", "status --format json", "floor: python -c 'import yaml'", None),
    # issue 8's target is at 10k
    ("report html / status", "report --board --format html", "status --format json", 2.0),
    ("report (Markdown) / status", "report --board", "status --format json", None),
]
TEN_TO_100K = ("10000", "100000")  # the target: 100k within 10x of 10k


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main(results: Path, sizes: list[str]) -> int:
    medians: dict[str, dict[str, float]] = {}  # command -> size -> seconds
    for n in sizes:
        path = results / f"hyperfine-{n}.json"
        if path.exists():
            for r in json.loads(path.read_text())["results"]:
                medians.setdefault(r["command"], {})[n] = r["median"]
    out = ["# Benchmark summary", ""]
    machine = results / "machine.md"
    if machine.exists():
        out += [*machine.read_text().splitlines()[2:], ""]

    def ms(cmd: str, n: str) -> str:
        v = medians.get(cmd, {}).get(n)
        return "-" if v is None else f"{v * 1000:.0f}"

    out += ["## Median wall time (ms)", ""]
    out.append(table(["command", *sizes], [[c, *(ms(c, n) for n in sizes)] for c in medians]))

    def ratio(a: str, b: str, n: str, m: str | None = None) -> float | None:
        x, y = medians.get(a, {}).get(n), medians.get(b, {}).get(m or n)
        return x / y if x and y else None

    def fmt(r: float | None, target: float | None) -> str:
        if r is None:
            return "-"
        return f"{r:.2f}" + ("" if target is None else (" ok" if r <= target else " MISSED"))

    out += ["", "## Ratios of medians (same run)", ""]
    rows = [[label, f"<= {t:g}" if t else "", *(fmt(ratio(a, b, n), t) for n in sizes)]
            for label, a, b, t in RATIOS]  # fmt: skip
    out.append(table(["ratio", "target", *sizes], rows))

    pairs = list(itertools.pairwise(sizes))
    if pairs:
        out += ["", "## Growth with N (median at the larger size / at the smaller)", ""]
        rows = []
        for c in medians:
            if c.startswith(("floor", "cpstrategy --help")):
                continue
            cells = [
                fmt(ratio(c, c, b, a), 10.0 if (a, b) == TEN_TO_100K else None) for a, b in pairs
            ]
            rows.append([c, *cells])
        out.append(table(["command", *(f"{a} -> {b}" for a, b in pairs)], rows))

    memory: dict[str, dict[str, str]] = {}
    tsv = results / "memory.tsv"
    for line in tsv.read_text().splitlines() if tsv.exists() else []:
        n, cmd, kb = line.split("\t")
        mib = int(kb) / 1024 if kb else None
        over = mib is not None and n == "100000" and mib >= 512
        memory.setdefault(cmd, {})[n] = (
            "-" if mib is None else f"{mib:.0f}" + (" MISSED" if over else "")
        )
    if memory:
        out += ["", "## Peak memory (MiB, maximum resident set size; target at 100k: < 512)", ""]
        out.append(table(["command", *sizes], [[c, *(v.get(n, "-") for n in sizes)]
                                               for c, v in memory.items()]))  # fmt: skip

    counts = results / "counts.tsv"
    if counts.exists() and counts.read_text().strip():
        out += ["", "## What each side lists", ""]
        rows = [line.split("\t") for line in counts.read_text().splitlines()]
        out.append(table(["N", "what", "count"], rows))
        out += ["", "Taskwarrior has no as-of date: it compares due dates with the real clock,"]
        out += ["so it lists every pending task whose (first) due date has passed by today."]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
