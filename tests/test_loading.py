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


CROSS_FILE_PROBLEMS = {
    # Each file is valid alone; together they hold a duplicate id, an unknown priority and theme,
    # a link to nothing and a data-quality gap: what checking them together finds is kept too.
    "actions/wb-2022/zz-more.yaml": """priority: health
actions:
  - id: HLT-01
    activity: The same id as an action in another file.
  - id: ZZ-02
    priority: helth
    activity: An unknown priority.
  - id: ZZ-03
    theme: no-such-theme
    activity: An unknown theme.
  - id: ZZ-04
    activity: No lead, no timescale, no measure.
""",
    "you-said-we-did/zz.yaml": """items:
  - id: ZZ-Y1
    you_said: Tell us.
    status: open
    actions: [ZZ-99]
""",
}


def test_a_warm_start_gives_the_plan_and_problems_checking_the_files_gives(tmp_path, monkeypatch):
    crossed = tmp_path / "crossed"
    shutil.copytree(CONFORMANCE, crossed)
    for name, text in CROSS_FILE_PROBLEMS.items():
        (crossed / name).write_text(text)
    for folder in (ROOT / "data", ROOT / "examples" / "eastmere", CONFORMANCE, crossed):
        cache = tmp_path / "cache" / folder.name
        cold = loading.load(folder)
        first = loading.load(folder, cache)  # checks the files, and keeps what it found
        (saved,) = cache.glob("*.cache")
        with monkeypatch.context() as patched:  # the same files: what was kept is used
            patched.setattr(loading.checks, "data_quality", None)
            warm = loading.load(folder, cache)
        assert warm.plan == first.plan == cold.plan
        assert warm.problems == first.problems == cold.problems
        assert warm.line_indexes == first.line_indexes
        assert saved.stat().st_mtime_ns == next(cache.glob("*.cache")).stat().st_mtime_ns
    messages = [p.message for p in cold.problems]
    assert any("duplicate id 'HLT-01'" in m for m in messages)
    assert any("unknown priority 'helth'" in m for m in messages)
    assert any("linked action 'ZZ-99' does not exist" in m for m in messages)
    assert any("'ZZ-04' has no lead service" in m for m in messages)


def test_what_was_kept_is_not_used_once_any_file_changes(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(CONFORMANCE, folder)
    cache = tmp_path / "cache"
    loading.load(folder, cache)
    extra = folder / "actions" / "wb-2022" / "zz-more.yaml"
    extra.write_text(CROSS_FILE_PROBLEMS["actions/wb-2022/zz-more.yaml"])  # a file added
    assert loading.load(folder, cache).problems == loading.load(folder).problems
    extra.write_text(extra.read_text().replace("helth", "health"))  # a file changed
    assert loading.load(folder, cache).problems == loading.load(folder).problems
    extra.unlink()  # a file removed
    assert loading.load(folder, cache).plan == loading.load(folder).plan


@pytest.mark.parametrize(
    "text, line",
    [
        ("- " * 1500 + "x\n", 1),  # a run of "- " at the very start
        ("items:\n  - a\n" + "  " + "- " * 1500 + "x\n", 3),
        ("a: 1\nb:\n" + " " * 1200 + "c: 1\n", 3),  # indentation alone
        ("a: 1\n" + "? " * 1200 + "x\n", 2),
    ],
)
def test_nesting_the_composer_cannot_take_is_refused_at_its_line(tmp_path, text, line):
    from cpstrategy.yamlsource import parse_document

    document, problems = parse_document(tmp_path / "deep.yaml", text.encode())
    assert document is None
    assert [(p.message, p.line) for p in problems] == [("nesting is deeper than 64 levels", line)]
