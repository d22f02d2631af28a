"""Stage changes to files: check what the data folder would say with them, then write them all
atomically, or none of them.

Nothing here decides what to write. A write goes to a temporary file in the target's own folder
and is renamed over the target, so a crash leaves the old file whole; a file that changed or
appeared since it was read is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .problems import DataError, Problem

# For each file to write: the bytes it must still hold when written, or None when it must not exist.
Expected = Mapping[Path, bytes | None]


def problems_after(
    data_dir: Path, changes: Mapping[Path, bytes], cache_dir: Path | None = None
) -> list[Problem]:
    """Every problem `load` would report if `changes` were written into `data_dir`.

    The folder is mirrored into a temporary one (links to unchanged files, the changed bytes
    written out), loaded there, and the problems are given back with their real paths and lines.
    With `cache_dir`, the unchanged files are read from the data folder's cache.
    """
    from .loading import data_files, files_not_read, load

    shown, data_dir = data_dir, data_dir.resolve()
    targets = {_inside(path, shown): data for path, data in changes.items()}
    with tempfile.TemporaryDirectory(prefix="cpstrategy-") as scratch:
        shadow = Path(scratch) / "data"
        shadow.mkdir()
        read = data_files(data_dir)
        for path in [*read, *files_not_read(data_dir, read)]:  # (those are warned about too)
            relative = path.relative_to(data_dir)
            if relative not in targets:
                _mirror(path.resolve(), shadow / relative)
        for relative, data in targets.items():
            copy = shadow / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
        loaded = load(shadow, cache_dir, copy_of=data_dir)
        # Lines come from the shadow copies, which hold the new text; then the paths are mapped.
        located = loaded.located()
    return [_unshadow(problem, shadow, shown) for problem in located]


def _inside(path: Path, data_dir: Path) -> Path:
    """Where `path` is in the data folder, as written (a link in it stays its own name)."""
    for base, target in ((data_dir, path), (data_dir.absolute(), path.absolute())):
        with contextlib.suppress(ValueError):
            return target.relative_to(base)
    raise DataError(f"'{path}' is outside the data folder '{data_dir}'")


def _mirror(source: Path, copy: Path) -> None:
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        copy.symlink_to(source)
    except OSError:  # a file system without symbolic links
        shutil.copyfile(source, copy)


def _unshadow(problem: Problem, shadow: Path, data_dir: Path) -> Problem:
    file = problem.file
    with contextlib.suppress(ValueError):
        file = data_dir / file.relative_to(shadow)
    message = problem.message.replace(str(shadow), str(data_dir))
    return Problem(file, problem.severity, message, problem.line, None, False, problem.hint)


def write_atomically(changes: Mapping[Path, bytes], expected: Expected) -> None:
    """Write every file in `changes`, or none: each through a temporary file and a rename.

    `expected` says what each target must hold just before it is replaced (None: it must not
    exist), so an edit made by someone else meanwhile is never lost. Raises DataError.
    """
    staged: list[tuple[Path, Path]] = []
    for path in changes:
        check_replaceable(path)
    # Folders the write makes (a new strategy's actions/<id>/): taken away again on failure.
    made = {folder for path in changes for folder in path.parents if not folder.exists()}
    finished = False
    try:
        for path, data in changes.items():
            _check_unchanged(path, expected.get(path, _ANY))
            staged.append((_stage(path, data), path))
        done: list[tuple[Path, bytes | None]] = []
        # Checked and renamed one writer at a time: two updates of one file at the same moment
        # could each find it unchanged, and the second would undo the first.
        with _folders_locked({path.parent for path in changes}):
            try:
                for temporary, path in staged:
                    before = path.read_bytes() if path.exists() else None
                    _check_unchanged(path, expected.get(path, _ANY))
                    try:
                        os.replace(temporary, path)
                    except OSError as exc:  # it names the temporary file: name the one asked for
                        raise _about(path, exc) from None
                    done.append((path, before))
            except BaseException:
                _undo(done)
                raise
        finished = True
    except OSError as exc:
        where = f"'{exc.filename}'" if exc.filename else "a file"
        raise DataError(f"cannot write {where}: {exc.strerror or exc}") from None
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        if not finished:
            for folder in sorted(made, key=lambda f: len(f.parts), reverse=True):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if empty


@contextlib.contextmanager
def _folders_locked(folders: set[Path]) -> Iterator[None]:
    """An exclusive lock on each folder (POSIX `flock`), taken in a fixed order; where locks
    are not to be had (Windows, some network file systems), none."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with contextlib.ExitStack() as held:
        for folder in sorted(folders):
            try:
                descriptor = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            held.callback(os.close, descriptor)
            with contextlib.suppress(OSError):
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield


def check_replaceable(path: Path) -> None:
    """Refuse (DataError) a path that a new file renamed into place would not simply replace: a
    symbolic link (it would become a plain file), or a pipe, a device or a folder."""
    if path.is_symlink():
        raise DataError(
            f"'{path}' is a symbolic link; cpstrategy will not replace it with a plain file",
            "write to the file it points to, or remove the link",
        )
    if path.exists() and not path.is_file():
        raise DataError(f"'{path}' exists and is not a file")


def write_new(files: Mapping[Path, bytes], *, force: bool) -> list[Path]:
    """Write `files`, refusing (DataError) to replace any existing file that differs unless
    `force`. Files that already hold exactly these bytes are left alone. Returns those written."""
    for path in files:  # a pipe, a device or a folder: refused before anything is compared
        if path.exists() and not path.is_file():
            check_replaceable(path)
    current = {path: path.read_bytes() if path.is_file() else None for path in files}
    clashes = [p for p, data in files.items() if current[p] is not None and current[p] != data]
    if clashes and not force:
        names = ", ".join(f"'{p}'" for p in clashes)
        one = len(clashes) == 1
        raise DataError(
            f"{names} already exist{'s' if one else ''}; nothing written",
            f"use --force to replace {'it' if one else 'them'}",
        )
    writes = {p: data for p, data in files.items() if current[p] != data}
    write_atomically(writes, {p: current[p] for p in writes})
    return list(writes)


_ANY = object()


def _check_unchanged(path: Path, expected: object) -> None:
    if expected is _ANY:
        return
    if expected is None:
        if path.exists():
            raise DataError(f"'{path}' already exists", "use --force to replace it")
        return
    current = path.read_bytes() if path.exists() else None
    if current != expected:
        raise DataError(f"'{path}' changed while cpstrategy was working on it", "run it again")


def _stage(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`; a failure names `path`, not the
    temporary file the user never asked for."""
    path.parent.mkdir(parents=True, exist_ok=True)  # a failure names the folder
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about(path, exc) from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _about(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _about(path: Path, exc: OSError) -> OSError:
    """`exc` as said of `path`, the file asked for, not the temporary file beside it."""
    return OSError(exc.errno, exc.strerror, str(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _undo(done: list[tuple[Path, bytes | None]]) -> None:
    """Put back what a failed multi-file write had already replaced (best effort)."""
    for path, before in reversed(done):
        with contextlib.suppress(OSError):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                temporary = _stage(path, before)
                os.replace(temporary, path)
