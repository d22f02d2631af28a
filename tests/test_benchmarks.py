"""The benchmark generator writes what issue 10 asks of it: N actions in the spec's format, every
timescale form, 0-5 progress entries each, and the same actions as a Taskwarrior import file
with the same first due dates. `benchmarks/check.py` checks that without cpstrategy; here it
checks a small plan, and cpstrategy must find it valid."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_a_generated_plan_passes_its_own_checks_and_validates(tmp_path, cli):
    out = tmp_path / "plan"
    subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "generate.py", "400", out, "--seed", "5"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    checked = subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "check.py", out, "400"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    files = sorted((out / "data" / "actions").rglob("*.yaml"))
    assert len(files) >= 400 // 60
    tasks = json.loads((out / "taskwarrior.json").read_text())
    assert len(tasks) == 400
    result = cli("--data", out / "data", "--as-of", "2023-06-30", "validate")
    assert result.exit_code == 0, result.stderr
    assert "400 actions" in result.stdout


def test_paired_timing_compares_each_command_with_the_first_round_by_round():
    result = subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "paired.py", "--runs", "3", "--warmup", "0",
         f"fast={sys.executable} -c pass", f"slow={sys.executable} -c 'import time; time.sleep(0.2)'"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {
        line.split("|")[1].strip(): line.split("|")[2:6] for line in result.stdout.splitlines()[2:]
    }
    assert set(rows) == {"fast", "slow"}
    assert float(rows["fast"][2]) == 1.0 and rows["fast"][3].strip() == "1.00-1.00"
    assert float(rows["slow"][2]) > 1.0 and float(rows["slow"][0]) >= 200
    low, high = (float(r) for r in rows["slow"][3].split("-"))
    assert 1.0 < low <= float(rows["slow"][2]) <= high
