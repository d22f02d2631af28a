#!/usr/bin/env python3
"""Time commands taken in turn, round after round, and compare each with the first.

    python benchmarks/paired.py [--runs N] [--warmup W] 'LABEL=COMMAND' 'LABEL=COMMAND' ...

hyperfine (run.sh) times each command's runs one after another, so a machine whose speed drifts
between them moves the ratio of two medians. Here each round runs every command once, in turn,
and the ratio to the first command is taken within each round: the median of those ratios is
what drift moves least. Commands run through the shell, their output discarded. Standard
library only.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time


def timed(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed rounds (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("commands", nargs="+", metavar="LABEL=COMMAND")
    args = parser.parse_args()
    commands = [tuple(c.split("=", 1)) for c in args.commands]
    if any(len(c) != 2 for c in commands):
        parser.error("give each command as LABEL=COMMAND")
    times: dict[str, list[float]] = {label: [] for label, _ in commands}
    for round_number in range(args.warmup + args.runs):
        for label, command in commands:
            seconds = timed(command)
            if round_number >= args.warmup:
                times[label].append(seconds)
    first = commands[0][0]
    print(
        f"| command | median (ms) | fastest (ms) | median ratio to {first}, round by round "
        "| middle half of the ratios |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, _ in commands:
        ratios = [t / f for t, f in zip(times[label], times[first], strict=True)]
        low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
        print(
            f"| {label} | {statistics.median(times[label]) * 1000:.0f} "
            f"| {min(times[label]) * 1000:.0f} | {statistics.median(ratios):.2f} "
            f"| {low:.2f}-{high:.2f} |"
        )


if __name__ == "__main__":
    main()
