"""`.pre-commit-hooks.yaml`: a strategy repository runs `cpstrategy validate` through pre-commit.

Each test makes a scratch hook repository holding this project's manifest (and, for the full
install, its source) and a consumer repository made by `cpstrategy init`, then runs pre-commit
itself on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from cpstrategy.cli import run

pytest.importorskip("pre_commit", reason="pre-commit is not installed")
GIT = shutil.which("git")
CPSTRATEGY = shutil.which("cpstrategy", path=str(Path(sys.executable).parent)) or shutil.which(
    "cpstrategy"
)
pytestmark = pytest.mark.skipif(not (GIT and CPSTRATEGY), reason="needs git and cpstrategy")

NETWORK_TROUBLE = (
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
    "Network is unreachable",
    "No matching distribution found",
    "Could not find a version that satisfies",
)


def git(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    env = {**(env or os.environ), "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    result = subprocess.run(
        [GIT, *args], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 or args[0] == "commit", result.stderr
    return result.stdout + result.stderr


def hook_repository(tmp_path: Path, *, with_source: bool) -> tuple[Path, str]:
    repo = tmp_path / "hook"
    repo.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", repo)
    if with_source:
        for name in ("pyproject.toml", "README.md", "hatch_build.py"):
            shutil.copy(ROOT / name, repo)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.so")
        for name in ("src", "templates"):
            shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hook")
    return repo, git(repo, "rev-parse", "HEAD").strip()


def consumer(tmp_path: Path, hook: Path, rev: str, override: str = "") -> Path:
    repo = tmp_path / "strategy"
    assert run(["init", str(repo)]) == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {rev}\n    hooks:\n"
        f"      - id: cpstrategy-validate\n{override}"
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def environment(tmp_path: Path) -> dict[str, str]:
    """pre-commit's cache in tmp_path, and the cpstrategy under test first on PATH."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": f"{Path(CPSTRATEGY).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    env.pop("CPSTRATEGY_DATA", None)
    return env


def pre_commit(repo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = environment(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def break_a_file(repo: Path) -> Path:
    path = repo / "data/actions/corporate-parenting-2025/good-parenting.yaml"
    path.write_text(path.read_text().replace("    activity: Meet", "    activty: Meet"))
    return path


def test_the_hook_passes_a_good_repository_and_stops_a_bad_commit(tmp_path):
    hook, rev = hook_repository(tmp_path, with_source=False)
    # `language: system` runs the cpstrategy under test instead of installing one from PyPI.
    repo = consumer(tmp_path, hook, rev, override="        language: system\n")
    good = pre_commit(repo, tmp_path, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "cpstrategy validate" in good.stdout and "Passed" in good.stdout

    installed = pre_commit(repo, tmp_path, "install")
    assert installed.returncode == 0, installed.stderr
    env = environment(tmp_path)
    git(repo, "commit", "-qm", "start", env=env)
    path = break_a_file(repo)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-qm", "a typo", env=env)
    assert "cpstrategy validate" in refused and "Failed" in refused
    line = (
        path.read_text()
        .splitlines()
        .index(
            "    activty: Meet the children in care council "
            "every two months, and report back what changed."
        )
        + 1
    )
    assert (
        f"{Path('data') / path.relative_to(repo / 'data')}:{line}: error: unknown key 'activty'; "
        "did you mean 'activity'?"
    ) in refused
    assert git(repo, "log", "--format=%s").split() == ["start"]


@pytest.mark.parametrize("published", [True, False])
def test_the_hook_runs_on_a_commit_that_only_deletes_a_file(tmp_path, published):
    if published:  # the hook this project publishes
        hook, rev = hook_repository(tmp_path, with_source=False)
        repo = consumer(tmp_path, hook, rev, override="        language: system\n")
    else:  # the configuration `init` writes
        repo = tmp_path / "strategy"
        assert run(["init", str(repo)]) == 0
        git(repo, "init", "-q")
        git(repo, "add", "-A")
    env = environment(tmp_path)
    assert pre_commit(repo, tmp_path, "install").returncode == 0
    git(repo, "commit", "-qm", "start", env=env)
    # The actions still name the strategy, so the folder no longer validates.
    git(repo, "rm", "-q", "data/strategies/corporate-parenting-2025.yaml")
    refused = git(repo, "commit", "-qm", "remove the strategy", env=env)
    assert "cpstrategy validate" in refused and "Failed" in refused, refused
    assert "no strategy 'corporate-parenting-2025'" in refused
    assert git(repo, "log", "--format=%s").split() == ["start"]


def test_the_hook_installs_cpstrategy_itself_through_pre_commit(tmp_path):
    hook, rev = hook_repository(tmp_path, with_source=True)
    repo = consumer(tmp_path, hook, rev)
    result = pre_commit(repo, tmp_path, "run", "--all-files")
    output = result.stdout + result.stderr
    if result.returncode != 0 and any(trouble in output for trouble in NETWORK_TROUBLE):
        pytest.skip("pre-commit could not reach the package index to install cpstrategy")
    assert result.returncode == 0, output
    assert "Passed" in result.stdout
    break_a_file(repo)
    failed = pre_commit(repo, tmp_path, "run", "--all-files")
    assert failed.returncode == 1
    assert "unknown key 'activty'" in failed.stdout
