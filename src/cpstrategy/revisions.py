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


class AmbiguousName(DataError):
    """A name that is both a folder and a git revision: wrong usage, so exit 2."""


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
    empty: bool = False  # a revision without the data folder: its plan is empty


def sides(data_dir: Path, old: str | None, new: str | None) -> tuple[Side, Side]:
    """OLD and NEW as the user gave them: an existing folder is a folder, anything else a
    revision of the repository holding `data_dir`. By default HEAD and the working tree."""
    root = functools.cache(lambda: repository_root(data_dir))  # asked once, if at all
    old_side = _side(data_dir, old if old is not None else "HEAD", root)
    new_side = _side(data_dir, new, root) if new is not None else Side(WORKING_TREE, data_dir)
    return old_side, new_side


def _side(data_dir: Path, given: str, find_root: Callable[[], Path | None]) -> Side:
    if Path(given).is_dir():
        root = find_root() if not _plainly_a_path(given) else None
        if root is not None and _is_revision(root, given):
            raise AmbiguousName(
                f"'{given}' is both a folder and a git revision",
                f"write ./{given} for the folder, or {given}^{{commit}} for the revision"
                if not given.startswith("/")
                else f"write {given}^{{commit}} for the revision",
            )
        return Side(given, folder=Path(given))
    if _plainly_a_path(given):  # no revision is written so: a folder that is not there
        what = "a file, not a folder" if Path(given).exists() else "not there"
        raise DataError(f"the folder '{given}' is {what}", "give a data folder or a git revision")
    root = find_root()
    if root is None and not data_dir.is_dir():
        raise DataError(
            f"no data folder at '{data_dir}'",
            "point at one with --data DIR (or CPSTRATEGY_DATA), "
            "or start one with cpstrategy init DIR",
        )
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


def _plainly_a_path(given: str) -> bool:
    """'./data', '../old' or an absolute path: no revision is written so."""
    return given.startswith(("./", "../", "/")) or given in {".", ".."}


def _is_revision(root: Path, given: str) -> bool:
    # On git's standard input, so the name can never be taken as an option.
    result = _git(
        root,
        "cat-file",
        "--batch-check",
        stdin=f"{given}^{{commit}}\n".encode("utf-8", "surrogateescape"),
    )
    line = result.stdout.decode("utf-8", "replace").strip()
    return result.returncode == 0 and bool(line) and not line.endswith("missing")


def repository_root(path: Path) -> Path | None:
    """The top folder of the git working tree holding `path` (or its nearest existing parent);
    None outside a repository. Any other refusal of git's is shown in git's own words."""
    probe = path.resolve()
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    result = _git(probe, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        error = result.stderr.decode("utf-8", "replace").strip()
        first = error.splitlines()[0] if error else f"exit status {result.returncode}"
        if "not a git repository" in first:
            return None
        raise DataError(
            f"git refused to read the repository holding '{path}': {first}",
            "fix what git says, or compare two data folders: cpstrategy diff OLD_DIR NEW_DIR",
        )
    return Path(os.fsdecode(result.stdout.strip())).resolve()  # a name as the system has it


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
        empty = side.revision is not None and not any(folder.iterdir())
        loaded = load(folder, cache_dir, copy_of=copy_of)
        messages = [_message(side, p, base) for p in loaded.located(loaded.errors)]
    return LoadedSide(side, loaded, messages, empty)


def check_sides(before: LoadedSide, after: LoadedSide) -> str | None:
    """Refuse two revisions that both lack the data folder (a misspelt --data, or a folder
    that moved): comparing two empty plans would say "no change". A note when one lacks it."""
    if before.empty and after.empty:
        folder = before.side.inside
        raise DataError(
            f"there is no data folder '{folder}' at revision '{before.side.revision}' nor at "
            f"'{after.side.revision}'",
            "point at the data folder with --data DIR",
        )
    for side in (before, after):
        if side.empty:
            return (
                f"no data folder '{side.side.inside}' at revision '{side.side.revision}': "
                "compared with an empty plan"
            )
    return None


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
        _refuse_links_out(side.folder)
        yield side.folder, None
        return
    assert side.root is not None and side.inside is not None
    commit = _commit_with_folder(side)
    with tempfile.TemporaryDirectory(prefix="cpstrategy-diff-") as temporary:
        base = Path(temporary)
        if commit is None:  # no data folder yet at that revision: its plan is empty
            (base / side.inside).mkdir(parents=True, exist_ok=True)
        else:
            _extract(side.root, commit, side.inside, base)
        yield base / side.inside, base


def _commit_with_folder(side: Side) -> str | None:
    """The commit the revision names, or None when it has no data folder (the commit before a
    plan began); one git call. The revision goes to git on its standard input, so it can never
    be taken as an option."""
    assert side.root is not None and side.inside is not None
    revision = side.revision
    folder = side.inside.as_posix()
    query = f"{revision}^{{commit}}\n{revision}:{folder if folder != '.' else ''}\n"
    result = _git(
        side.root, "cat-file", "--batch-check", stdin=query.encode("utf-8", "surrogateescape")
    )
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    if result.returncode != 0 or len(lines) != 2 or lines[0].endswith("missing"):
        raise DataError(
            f"unknown revision '{revision}' in the repository at '{side.root}'",
            "name a commit, branch or tag (git log lists them), or give two folders",
        )
    if lines[1].endswith("missing"):
        return None
    if lines[1].split()[1:2] != ["tree"]:
        raise DataError(f"'{folder}' at revision '{revision}' is a file, not a data folder")
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
        folder = (into / inside).resolve()
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            try:
                archive.extractall(into, filter=functools.partial(_within, folder))
            except tarfile.FilterError as exc:  # an absolute path or link, or one out of `into`
                name = exc.tarinfo.name
                raise DataError(
                    f"revision {commit[:12]} has a link '{name}' that points outside the data "
                    f"folder '{inside}'; links are not followed",
                    "commit the file itself rather than a link to it",
                ) from None
        error = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise DataError(
            f"git could not read '{inside}' at {commit[:12]}: "
            + error.decode("utf-8", "replace").strip()
        )


def _within(folder: Path, member: tarfile.TarInfo, into: str) -> tarfile.TarInfo | None:
    """tarfile's `data` filter, and more: a link must point inside the data folder itself."""
    member = tarfile.data_filter(member, into)  # type: ignore[assignment]
    if member.issym() or member.islnk():
        base = Path(into) / PurePosixPath(member.name).parent if member.issym() else Path(into)
        target = (base / member.linkname).resolve()
        if not target.is_relative_to(folder):
            raise tarfile.LinkOutsideDestinationError(member, str(target))
    return member


def _refuse_links_out(folder: Path) -> None:
    """Refuse a data folder holding a link to anything outside it: the data read must be the
    data in the folder, never a file elsewhere on the machine."""
    top = folder.resolve()
    for parent, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            path = Path(parent) / name
            if not path.is_symlink():
                continue
            try:
                target = path.resolve()
            except (RuntimeError, OSError):  # links that lead back to each other
                raise DataError(
                    f"'{path}' is a link to '{os.readlink(path)}' that leads round in a circle",
                    "remove the link, or point it at the file itself",
                ) from None
            if not target.is_relative_to(top):
                raise DataError(
                    f"'{path}' is a link to '{os.readlink(path)}', outside the data folder "
                    f"'{folder}'; links are not followed",
                    "put the file itself in the data folder",
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
