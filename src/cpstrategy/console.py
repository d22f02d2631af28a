"""The console script. Ctrl-C while the command line is still being imported (its first few
tens of milliseconds) ends as Ctrl-C does at any other time: exit 130, and no traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as run

        run()  # exits
    except KeyboardInterrupt:
        sys.stderr.write("cpstrategy: interrupted\n")
        raise SystemExit(130) from None
