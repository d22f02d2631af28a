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
