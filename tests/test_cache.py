"""The cache: same answers as the files, whatever happens to the cache or the files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import ROOT

CONFORMANCE = ROOT / "tests" / "fixtures" / "westbrook"
HOMES = """
strategy: demo
priority: homes
actions:
  - id: HOM-01
    activity: Open a two-bed emergency home.
    lead: [Residential Services]
    timescale: End of June 2022
    progress:
      - {date: 2022-05-30, status: at-risk}
"""


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "cpstrategy").glob("*.cache"))


def status(cli, folder, *extra):
    result = cli("--data", folder, "--as-of", "2022-10-01", *extra, "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_warm_cache_gives_the_same_answers_as_the_files(cli, data, own_cache_folder):
    folder = data({"actions/demo/homes.yaml": HOMES})
    cold = status(cli, folder, "--no-cache")
    assert cache_files(own_cache_folder) == []
    first = status(cli, folder)
    assert len(cache_files(own_cache_folder)) == 1
    warm = status(cli, folder)
    assert cold == first == warm
    assert warm[0]["status"] == "overdue"


def test_an_edit_that_keeps_size_and_modification_time_is_seen(cli, data):
    folder = data({"actions/demo/homes.yaml": HOMES})
    path = folder / "actions/demo/homes.yaml"
    assert status(cli, folder)[0]["status"] == "overdue"
    before = path.stat()
    text = path.read_text()
    edited = text.replace("status: at-risk", "status: complete").replace("two-bed", "twobed")
    assert len(edited) == len(text)
    path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert status(cli, folder)[0]["status"] == "complete"


def test_a_damaged_cache_is_ignored_and_rebuilt(cli, data, own_cache_folder):
    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder)
    (cache,) = cache_files(own_cache_folder)
    saved = cache.read_text()
    header, *entries = saved.split("\n")
    for damage in (
        b"{not json",
        b"\x00\xff",
        saved.replace("cpstrategy", "another", 1).encode(),  # another program's or version's
        "\n".join([header, *(e.replace("\t", " ") for e in entries)]).encode(),
        saved.encode()[: len(saved) // 2],  # cut short
    ):
        cache.write_bytes(damage)
        assert status(cli, folder) == expected
    assert cache.read_text() == saved  # rebuilt as it was
    assert '"at-risk"' in saved
    cache.write_text(saved.replace('"at-risk"', '"not-a-status"'))  # edited, not by us
    assert status(cli, folder) == expected


def test_the_cache_never_lives_in_the_data_folder_and_can_be_turned_off(
    cli, data, own_cache_folder, monkeypatch
):
    folder = data({"actions/demo/homes.yaml": HOMES})
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    monkeypatch.setenv("CPSTRATEGY_NO_CACHE", "1")
    status(cli, folder)
    assert cache_files(own_cache_folder) == []
    monkeypatch.delenv("CPSTRATEGY_NO_CACHE")
    status(cli, folder)
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert len(cache_files(own_cache_folder)) == 1


def test_files_that_fail_validation_are_not_cached(cli, data, own_cache_folder):
    folder = data({"actions/demo/homes.yaml": HOMES.replace("activity:", "activty:")})
    assert cli("--data", folder, "validate").exit_code == 1
    names = [
        line.split("\t")[0] for line in cache_files(own_cache_folder)[0].read_text().split("\n")[1:]
    ]
    assert names == ["strategies/demo.yaml"]
    assert cli("--data", folder, "validate").exit_code == 1  # and stays an error when warm


def test_the_conformance_answers_are_the_same_cold_and_warm(cli):
    for command in ("status", "overdue"):
        args = ("--data", CONFORMANCE, "--as-of", "2024-02-20")
        cold = cli(*args, "--no-cache", command, "--format", "json").stdout
        cli(*args, command, "--format", "json")
        warm = cli(*args, command, "--format", "json").stdout
        assert cold == warm and json.loads(cold)
