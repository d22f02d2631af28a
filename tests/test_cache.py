"""The cache: same answers as the files, whatever happens to the cache or the files."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import msgspec
import pytest
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


def saved_names(cache: Path) -> list[str]:
    """The data files a cache file holds, read as the cache's documented layout."""
    _, _, payload = cache.read_bytes().split(b"\n", 2)
    strategies, actions, items, boards, _ = msgspec.msgpack.decode(payload)
    return [name for kind in (strategies, actions, items, boards) for name in kind]


def test_a_damaged_cache_is_ignored_and_rebuilt(cli, data, own_cache_folder):
    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder)
    (cache,) = cache_files(own_cache_folder)
    saved = cache.read_bytes()
    header, checksum, payload = saved.split(b"\n", 2)
    assert saved_names(cache) == ["strategies/demo.yaml", "actions/demo/homes.yaml"]
    flipped = bytes([payload[-1] ^ 1])
    for damage in (
        b"{not json",
        b"\x00\xff",
        b"",
        saved.replace(b"cpstrategy", b"another", 1),  # another program's or version's
        b"\n".join([header, checksum, payload[:-1] + flipped]),  # a changed byte
        saved[: len(saved) // 2],  # cut short
        b"\n".join([header, b"0", payload]),
    ):
        cache.write_bytes(damage)
        assert status(cli, folder) == expected
        assert cache.read_bytes() == saved  # rebuilt as it was
    # Edited with a checksum to match, not by us: a value the models do not allow is refused.
    assert b"at-risk" in payload
    edited = payload.replace(b"at-risk", b"at-rusk")
    cache.write_bytes(b"\n".join([header, str(zlib.crc32(edited)).encode(), edited]))
    assert status(cli, folder) == expected
    assert cache.read_bytes() == saved


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
    assert saved_names(cache_files(own_cache_folder)[0]) == ["strategies/demo.yaml"]
    assert cli("--data", folder, "validate").exit_code == 1  # and stays an error when warm


def test_the_conformance_answers_are_the_same_cold_and_warm(cli):
    for command in ("status", "overdue"):
        args = ("--data", CONFORMANCE, "--as-of", "2024-02-20")
        cold = cli(*args, "--no-cache", command, "--format", "json").stdout
        cli(*args, command, "--format", "json")
        warm = cli(*args, command, "--format", "json").stdout
        assert cold == warm and json.loads(cold)


def test_a_cache_written_by_another_build_is_not_used(cli, data, own_cache_folder, monkeypatch):
    from cpstrategy import cache as cache_module

    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder)
    (cache,) = cache_files(own_cache_folder)
    assert f"build {cache_module.build()}".encode() in cache.read_bytes().split(b"\n")[0]
    monkeypatch.setattr(cache_module, "build", lambda: "another")  # a module changed since
    assert status(cli, folder) == expected
    assert cache.read_bytes().split(b"\n")[0].endswith(b"build another")  # rebuilt, not used


def test_a_cache_that_is_not_a_file_of_ours_is_not_read_and_never_waited_on(
    cli, data, own_cache_folder, monkeypatch
):
    from cpstrategy import cache as cache_module

    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder)
    (cache,) = cache_files(own_cache_folder)
    cache.unlink()
    os.mkfifo(cache)  # a pipe nobody writes to: reading it would wait for ever
    assert status(cli, folder) == expected
    cache.unlink()
    cache.symlink_to("/dev/zero")  # endless
    assert status(cli, folder) == expected
    cache.unlink()
    monkeypatch.setattr(cache_module, "MAX_BYTES", 1000)
    with cache.open("wb") as junk:  # larger than any cache: only its header would be read
        junk.truncate(5000)
    reads = []
    real_read = cache_module.os.fdopen

    def counted(*args, **kwargs):
        handle = real_read(*args, **kwargs)
        original = handle.read
        handle.read = lambda n=-1: reads.append(n) or original(n)
        return handle

    monkeypatch.setattr(cache_module.os, "fdopen", counted)
    assert status(cli, folder) == expected
    assert reads == []  # refused by its size alone


def test_a_relative_cache_home_is_ignored_as_the_xdg_spec_says(cli, data, monkeypatch, tmp_path):
    folder = data({"actions/demo/homes.yaml": HOMES})
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", ".")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    status(cli, folder)
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert len(cache_files(tmp_path / "home" / ".cache")) == 1


def test_a_folder_where_the_cache_should_be_is_passed_over(cli, data, own_cache_folder):
    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder)
    (cache,) = cache_files(own_cache_folder)
    cache.unlink()
    cache.mkdir()  # what a user's mistake, or another program, may leave there
    assert status(cli, folder) == expected


def test_a_data_folder_whose_name_is_not_utf8_is_cached(cli, data, own_cache_folder, tmp_path):
    folder = data({"actions/demo/homes.yaml": HOMES})
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/donn\xe9es"))  # Latin-1 bytes, as written
    try:
        folder.rename(odd)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    expected = status(cli, odd, "--no-cache")
    assert status(cli, odd) == expected
    assert cache_files(own_cache_folder)
    assert status(cli, odd) == expected  # and read back


def test_no_home_and_no_user_name_means_no_cache(cli, data, monkeypatch):
    """A container run as a user the system does not list, with no HOME: Path.home() fails."""
    folder = data({"actions/demo/homes.yaml": HOMES})
    expected = status(cli, folder, "--no-cache")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert status(cli, folder) == expected
