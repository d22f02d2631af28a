"""The two sides `diff` compares: a data folder on disk, or the data folder as it was at a git
revision, read with the git command line (`git archive`) into a temporary folder that is removed
as soon as it has been loaded.

Never writes to the repository; never touches the network.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .loading import Loaded, load
from .problems import DataError, Problem

WORKING_TREE = "working tree"


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a folder on disk, or `revision` of the repository at `root`."""

    label: str  # how messages and output name it: "HEAD", "working tree", "old/data"
    folder: Path | None = None
    revision: str | None = None
    root: Path | None = None
    inside: PurePosixPath | None = None  # the data folder, relative to the repository's root

    @property
    def where(self) -> str:
        """'HEAD:data' for a revision, the folder's path for a folder."""
        if self.revision is not None:
            return f"{self.revision}:{self.inside}"
        return str(self.folder)


@dataclass(frozen=True, slots=True)
class LoadedSide:
    side: Side
    loaded: Loaded
    messages: list[str]  # its errors, FILE:LINE with the revision named, ready to print


def sides(data_dir: Path, old: str | None, new: str | None) -> tuple[Side, Side]:
    """OLD and NEW as the user gave them: an existing folder is a folder, anything else a
    revision of the repository holding `data_dir`. By default HEAD and the working tree."""
    root = functools.cache(lambda: repository_root(data_dir))  # asked once, if at all
    old_side = _side(data_dir, old if old is not None else "HEAD", root)
    new_side = _side(data_dir, new, root) if new is not None else Side(WORKING_TREE, data_dir)
    return old_side, new_side


def _side(data_dir: Path, given: str, find_root: Callable[[], Path | None]) -> Side:
    if Path(given).is_dir():
        return Side(given, folder=Path(given))
    root = find_root()
    if root is None:
        raise DataError(
            f"cannot read revision '{given}': the data folder '{data_dir}' is not in a git "
            f"repository (and there is no folder '{given}')",
            "outside a git repository, compare two data folders: cpstrategy diff OLD_DIR NEW_DIR",
        )
    inside = _inside(root, data_dir)
    if inside is None:
        raise DataError(f"the data folder '{data_dir}' is not inside the repository at '{root}'")
    return Side(given, revision=given, root=root, inside=inside)


def repository_root(path: Path) -> Path | None:
    """The top folder of the git working tree holding `path` (or its nearest existing parent)."""
    probe = path.resolve()
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    result = _git(probe, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        return None
    return Path(result.stdout.decode("utf-8", "replace").strip()).resolve()


def _inside(root: Path, data_dir: Path) -> PurePosixPath | None:
    try:
        return PurePosixPath(data_dir.resolve().relative_to(root).as_posix())
    except ValueError:
        return None


def load_side(side: Side, cache_dir: Path | None) -> LoadedSide:
    """Load one side, with its errors formatted while its files still exist."""
    with materialised(side) as (folder, base):
        # A revision's temporary folder is new every time: it reads the working tree's cache
        # (files unchanged since are not read again) and leaves it as it is.
        copy_of = side.root / side.inside if side.revision is not None and side.root else None
        loaded = load(folder, cache_dir, copy_of=copy_of)
        messages = [_message(side, p, base) for p in loaded.located(loaded.errors)]
    return LoadedSide(side, loaded, messages)


def _message(side: Side, problem: Problem, base: Path | None) -> str:
    if side.revision is None:
        return problem.format()
    return f"{side.revision}:{problem.format(base)}"


@contextmanager
def materialised(side: Side) -> Iterator[tuple[Path, Path | None]]:
    """The side's data folder on disk, and the folder its messages are relative to."""
    if side.revision is None:
        assert side.folder is not None
        if not side.folder.is_dir():
            raise DataError(
                f"no data folder at '{side.folder}'",
                "point at one with --data DIR (or CPSTRATEGY_DATA), or give two folders",
            )
        yield side.folder, None
        return
    assert side.root is not None and side.inside is not None
    commit = _commit_with_folder(side)
    with tempfile.TemporaryDirectory(prefix="cpstrategy-diff-") as temporary:
        base = Path(temporary)
        _extract(side.root, commit, side.inside, base)
        yield base / side.inside, base


def _commit_with_folder(side: Side) -> str:
    """The commit the revision names, after checking it holds the data folder; one git call.
    The revision goes to git on its standard input, so it can never be taken as an option."""
    assert side.root is not None and side.inside is not None
    revision = side.revision
    folder = side.inside.as_posix()
    query = f"{revision}^{{commit}}\n{revision}:{folder if folder != '.' else ''}\n"
    result = _git(side.root, "cat-file", "--batch-check", stdin=query.encode("utf-8"))
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    if result.returncode != 0 or len(lines) != 2 or lines[0].endswith("missing"):
        raise DataError(
            f"unknown revision '{revision}' in the repository at '{side.root}'",
            "name a commit, branch or tag (git log lists them), or give two folders",
        )
    if lines[1].endswith("missing") or lines[1].split()[1:2] != ["tree"]:
        raise DataError(f"there is no data folder '{folder}' at revision '{revision}'")
    return lines[0].split()[0]


def _extract(root: Path, commit: str, inside: PurePosixPath, into: Path) -> None:
    """`git archive` of the data folder at `commit`, unpacked under `into` at the same path."""
    command = ["git", "-C", str(root), "archive", "--format=tar", commit]
    if inside.as_posix() != ".":
        command += ["--", inside.as_posix()]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_git_env()
    ) as process:
        assert process.stdout is not None
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            archive.extractall(into, filter="data")  # no links out, no absolute paths
        error = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise DataError(
            f"git could not read '{inside}' at {commit[:12]}: "
            + error.decode("utf-8", "replace").strip()
        )


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=stdin,
            capture_output=True,
            env=_git_env(),
            check=False,
        )
    except FileNotFoundError:
        raise DataError(
            "git is not installed, so revisions cannot be read",
            "install git, or compare two data folders: cpstrategy diff OLD_DIR NEW_DIR",
        ) from None


def _git_env() -> dict[str, str]:
    # Plain, untranslated output; never a pager or a prompt.
    return {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
