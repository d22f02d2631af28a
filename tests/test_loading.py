"""Loading a folder: the same plan and problems however the files are read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from cpstrategy import loading

CONFORMANCE = ROOT / "tests" / "fixtures" / "westbrook"


def snapshot(loaded: loading.Loaded) -> tuple[object, ...]:
    plan = loaded.plan
    return (
        sorted(plan.strategies),
        [(a.id, a.action, a.priority.id, a.file.name, a.index) for a in plan.actions],
        [(i.id, i.item) for i in plan.items],
        plan.boards,
        [p.format() for p in loaded.located()],
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(CONFORMANCE, data)
    broken = data / "actions" / "wb-2022" / "zz-broken.yaml"
    broken.write_text("priority: health\nactions:\n  - id: ZZ-01\n    activty: Typo.\n")
    return data


def test_reading_on_two_cores_gives_what_reading_on_one_gives(folder, monkeypatch, tmp_path):
    alone = snapshot(loading.load(folder))
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    shared = snapshot(loading.load(folder))
    assert shared == alone
    cached = snapshot(loading.load(folder, tmp_path / "cache"))  # the second process's JSON
    warm = snapshot(loading.load(folder, tmp_path / "cache"))  # ... and the cache's
    assert cached == warm == alone
    assert any("unknown key 'activty'" in line for line in alone[-1])


def test_line_indexes_give_the_lines_the_files_give(tmp_path):
    for folder in (ROOT / "data", ROOT / "examples" / "eastmere", CONFORMANCE):
        for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # cold, then warm
            loaded = loading.load(folder, cache)
            assert loaded.line_indexes  # the warnings below are found without the files
            from_index = [p.format() for p in loaded.located()]
            from_files = [p.format() for p in loading.locate_problems(loaded.problems, {})]
            assert from_index == from_files
    assert len(from_files) > 0
