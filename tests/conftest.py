"""Shared helpers: write real data folders in tmp_path and run the real CLI."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cpstrategy.cli import run

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def own_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Every test, and every command it starts, caches in a folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run cpstrategy in-process, as the console script does, and capture what it prints."""
    monkeypatch.delenv("CPSTRATEGY_DATA", raising=False)
    monkeypatch.delenv("CPSTRATEGY_NO_CACHE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str | Path) -> Result:
        capsys.readouterr()
        code = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


def write(folder: Path, files: dict[str, str]) -> Path:
    """Write dedented YAML files into `folder` and return it."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


STRATEGY = """
id: demo
title: Demo Strategy
period: {start: 2022-01-01, end: 2024-03-30}
priorities:
  - id: homes
    title: Stable homes
    themes:
      - id: matching
        title: Match children with carers
  - id: health
    title: Healthy lives
"""


@pytest.fixture
def data(tmp_path: Path) -> Callable[..., Path]:
    """A data folder holding the demo strategy plus the given files."""

    def make(files: dict[str, str] | None = None, strategy: str = STRATEGY) -> Path:
        folder = tmp_path / "data"
        write(folder, {"strategies/demo.yaml": strategy, **(files or {})})
        return folder

    return make
