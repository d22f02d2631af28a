"""The corpus of broken input: each tests/corpus/<case>/ holds a data folder with one kind of
mistake and, in expected.txt, the exact lines `cpstrategy --data data validate` must print on
stderr when run from inside the case folder (exit 1 when one is an error, else 0). Every broken
input cpstrategy has been shown (in a report, a review or a fuzz run) joins it, so none can come
back.

To add a case, write its data/ folder, run the command from the case folder with
`2> expected.txt`, and read every line against the spec before keeping it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import STRATEGY, write

INVALID = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").is_file())


def run_validate(folder: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a fresh interpreter, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPSTRATEGY_")}
    env.update(NO_COLOR="1", XDG_CACHE_HOME=str(cache), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "cpstrategy", "--data", "data", "validate"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_case_has_a_data_folder_and_expected_messages():
    folders = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
    assert folders == CASES
    assert len(CASES) >= 30
    for case in CASES:
        assert (INVALID / case / "data").is_dir(), case


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_prints_exactly_its_expected_messages_and_exits_1_on_errors(case, tmp_path):
    folder = INVALID / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    before = snapshot(folder)

    result = run_validate(folder, tmp_path / "cache")

    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected
    if any(": error: " in line for line in expected):
        assert result.stdout == ""
        assert result.returncode == 1
    else:  # only warnings: the data is usable
        assert result.stdout.startswith("data: ")
        assert result.returncode == 0
    assert snapshot(folder) == before, "validate must leave every file as it was"


def test_python_tag_is_refused_and_never_executed(tmp_path):
    folder = INVALID / "python-object-tag"
    assert "!!python/object/apply:os.system ['touch PWNED']" in (
        folder / "data" / "actions" / "demo" / "homes.yaml"
    ).read_text(encoding="utf-8")

    run_validate(folder, tmp_path / "cache")

    assert not (folder / "PWNED").exists()
    assert not (folder / "data" / "PWNED").exists()


def test_file_over_10_mib_is_refused_quickly_at_line_1(tmp_path):
    case = tmp_path / "oversized"
    write(case / "data", {"strategies/demo.yaml": STRATEGY})
    filler = "# " + "x" * 1022 + "\n"  # 1 KiB a line
    (case / "data" / "boards.yaml").write_text(
        "boards: []\n" + filler * (11 * 1024), encoding="utf-8"
    )

    started = time.monotonic()
    result = run_validate(case, tmp_path / "cache")
    elapsed = time.monotonic() - started

    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "data/boards.yaml:1: error: the file is 11,545,611 bytes; the limit is 10 MiB "
        "(10,485,760 bytes)",
        "1 error in data",
    ]
    assert result.stdout == ""
    assert result.returncode == 1
    assert elapsed < 10


def hostile_case(tmp_path: Path, boards: str) -> tuple[subprocess.CompletedProcess[str], float]:
    case = tmp_path / "hostile"
    write(case / "data", {"strategies/demo.yaml": STRATEGY})
    (case / "data" / "boards.yaml").write_text(boards, encoding="utf-8")
    started = time.monotonic()
    result = run_validate(case, tmp_path / "cache")
    return result, time.monotonic() - started


def test_a_file_of_a_million_lines_is_refused_before_it_is_read_as_yaml(tmp_path):
    result, elapsed = hostile_case(tmp_path, "boards: []\n" + "\n" * 1_000_000)
    assert result.stderr.splitlines() == [
        "data/boards.yaml:1: error: the file has 1,000,002 lines, commas and brackets; the limit is "
        "1,000,000, which no plan comes near: split it into smaller files",
        "1 error in data",
    ]
    assert result.returncode == 1
    assert elapsed < 10


def test_a_list_of_more_than_50000_entries_is_refused_at_its_line(tmp_path):
    result, _ = hostile_case(tmp_path, "boards:\n" + "- 1\n" * 50_001)
    assert result.stderr.splitlines() == [
        "data/boards.yaml:2: error: the list has 50,001 entries; the limit is 50,000",
        "1 error in data",
    ]


def test_a_file_shows_its_first_100_errors_and_counts_the_rest(tmp_path):
    result, _ = hostile_case(tmp_path, "boards:\n" + "- {}\n" * 130)  # two errors each
    lines = result.stderr.splitlines()
    assert lines[0] == "data/boards.yaml:2: error: missing required key 'id'"
    assert lines[99] == "data/boards.yaml:51: error: missing required key 'name'"
    assert lines[100:] == [
        "data/boards.yaml:51: error: 160 more errors are not shown in this file; mend these first",
        "260 errors in data",
    ]


def test_line_breaks_of_any_kind_and_brackets_count_towards_the_bound(tmp_path):
    result, _ = hostile_case(tmp_path, "boards:\r" + "- [[[x]]]\r" * 250_001)
    assert result.stderr.splitlines()[0] == (
        "data/boards.yaml:1: error: the file has 1,000,005 lines, commas and brackets; the limit "
        "is 1,000,000, which no plan comes near: split it into smaller files"
    )


def test_aliases_cannot_make_a_file_hold_over_a_million_values(tmp_path):
    anchor = "[" + ", ".join(["1"] * 40_000) + "]"
    uses = "".join(f"  - {{id: b{n}, name: x, meetings: *a}}\n" for n in range(30))
    padding = "# " + "x" * 1_400_000 + "\n"  # so that the alias budget is not what stops it
    result, elapsed = hostile_case(tmp_path, f"{padding}all: &a {anchor}\nboards:\n{uses}")
    assert "the file holds over 1,000,000 values" in result.stderr
    assert result.returncode == 1
    assert elapsed < 20


def test_with_many_errors_those_of_the_files_own_keys_come_first(tmp_path):
    boards = "bords: []\nboards:\n" + "- {}\n" * 130
    result, _ = hostile_case(tmp_path, boards)
    assert result.stderr.splitlines()[0] == (
        "data/boards.yaml:1: error: unknown key 'bords'; did you mean 'boards'?"
    )


def test_a_large_file_of_mistakes_stops_being_checked_after_the_first_hundred(tmp_path):
    case = tmp_path / "hostile"
    write(case / "data", {"strategies/demo.yaml": STRATEGY})
    records = "".join(f"  - {{a: {n}, b: 2, c: 3, d: 4}}\n" for n in range(45_000))
    (case / "data" / "actions" / "demo").mkdir(parents=True)
    (case / "data" / "actions" / "demo" / "a.yaml").write_text(
        f"priority: homes\nactions:\n{records}"
    )
    started = time.monotonic()
    result = run_validate(case, tmp_path / "cache")
    lines = result.stderr.splitlines()
    assert lines[0] == "data/actions/demo/a.yaml:3: error: missing required key 'activity'"
    assert lines[-2].endswith(": error: the rest of this file is not checked yet; mend these first")
    assert len(lines) < 110
    assert time.monotonic() - started < 30


def test_the_line_saying_more_errors_are_not_shown_is_its_files_last(tmp_path):
    body = "".join(f"  - id: A {n}\n    activity: x\n" for n in range(98))
    body += "  - bogus: 1\n    id: B 1\n    activity: x\n  - id: C 1\n    activity: x\n"
    write(tmp_path / "data", {
        "strategies/s.yaml": "id: s\ntitle: S\nperiod: {start: 2025-04-01}\n"
                             "priorities: [{id: p, title: P}]\n",
        "actions/s/a.yaml": "priority: p\nactions:\n" + body,
    })  # fmt: skip
    result = run_validate(tmp_path, tmp_path / "cache")
    lines = result.stderr.splitlines()
    assert lines[-3:-1] == [
        "data/actions/s/a.yaml:200: error: id 'B 1' may hold only letters A-Z, digits, '.', '_' "
        "and '-', and starts with a letter or digit",
        "data/actions/s/a.yaml:199: error: 1 more error is not shown in this file; mend these first",
    ]
