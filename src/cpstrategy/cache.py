"""A saved result of reading and validating each data file, so that repeated commands skip YAML.

An entry is keyed by the file's path and a hash of its bytes, and the whole cache by
cpstrategy's version, the cache format and a digest of the installed modules: it can never give
an answer the files would not. It lives in the user's cache folder, one file per data folder,
never in the data folder. A damaged, foreign or unreadable cache is ignored and rebuilt; nothing
in it is ever executed.

The file is a header line naming the version, format and build, a line with a checksum of the
rest, then the entries as MessagePack. msgspec decodes them straight into the models, checking every
type as it goes (four times faster than JSON and building the models by hand, and it never
imports pydantic): a cache that does not decode as exactly those types is not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import zlib
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from . import __version__
from .models import ActionsFile, BoardsFile, FileModel, ItemsFile, Strategy
from .problems import Severity
from .timescales import Schedule

# Bump when the cache's layout, or what reading a file gives, changes: entries of another format
# are never used.
FORMAT = 6


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class SavedProblem(msgspec.Struct, array_like=True):
    """A `problems.Problem`, its file named relative to the data folder."""

    file: str
    severity: Severity
    message: str
    line: int | None
    path: tuple[str | int, ...] | None
    at_key: bool
    hint: str | None


class Checked(msgspec.Struct, array_like=True):
    """What checking the files together gave, for exactly the files whose names and hashes
    `key` digests (see `loading`): which records each file adds to the plan, and the problems.
    Files are named relative to the data folder."""

    key: str
    strategies: list[str]  # the strategy files, in the plan's order
    actions: list[tuple[str, list[tuple[int, str, Schedule | None]]]]  # index, priority, schedule
    items: list[tuple[str, list[int]]]  # the indexes of the items each file adds
    problems: list[SavedProblem]  # found checking the files against each other
    quality: list[SavedProblem]  # the data-quality warnings


class _Entries(msgspec.Struct, array_like=True):
    """Per kind of file, by path relative to the data folder: the hash of its bytes, its line
    index (JSON text, see `yamlsource.line_index`) and its validated contents; and what checking
    them together gave."""

    strategies: dict[str, tuple[str, str, Strategy]] = {}
    actions: dict[str, tuple[str, str, ActionsFile]] = {}
    items: dict[str, tuple[str, str, ItemsFile]] = {}
    boards: dict[str, tuple[str, str, BoardsFile]] = {}
    checked: Checked | None = None


_FIELD_OF_KIND: dict[type, str] = {
    Strategy: "strategies",
    ActionsFile: "actions",
    ItemsFile: "items",
    BoardsFile: "boards",
}
_DECODER = msgspec.msgpack.Decoder(_Entries)


def encode(value: Any) -> bytes:
    """MessagePack of a validated model (what a second process sends back, see `decode_model`)
    or of plain values: bytes that say unambiguously what they hold."""
    return msgspec.msgpack.encode(value)


def decode_model(kind: type, raw: bytes) -> Any:
    return msgspec.msgpack.decode(raw, type=kind)


@functools.cache
def build() -> str:
    """Which build of cpstrategy writes and reads caches: a digest of the size and time of each
    of its modules, so that results saved by other code (a fix to a check, say, before the
    version changes) are never used."""
    try:
        modules = sorted(Path(__file__).parent.glob("*.py"))
        stamps = [f"{m.name} {s.st_size} {s.st_mtime_ns}" for m in modules for s in [m.stat()]]
    except OSError:
        return "unknown"  # the version and format still key the cache
    return digest("\n".join(stamps).encode())[:16]


# Far more than the cache of any plan (100,000 actions: under 100 MB); a larger file is not read.
MAX_BYTES = 1 << 30


def open_regular(path: Path, limit: int | None = None, owner: int | None = None) -> BinaryIO | None:
    """`path` opened for reading if it is a regular file of at most `limit` bytes (MAX_BYTES by
    default) and belongs to `owner`, when given; None for anything else: a pipe, a device or a
    folder is never read."""
    limit = MAX_BYTES if limit is None else limit
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe: not waited on
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if (
            stat.S_ISREG(status.st_mode)
            and status.st_size <= limit
            and (owner is None or status.st_uid == owner)
        ):
            return os.fdopen(handle, "rb")
    except OSError:
        pass
    os.close(handle)
    return None


class FileCache:
    """Validated file contents, by relative path and a hash of the file's bytes."""

    def __init__(self, cache_dir: Path, data_dir: Path, read_only: bool = False) -> None:
        folder_key = digest(str(data_dir.resolve()).encode("utf-8", "surrogateescape"))[:32]
        self.path = cache_dir / f"{folder_key}.cache"
        self.entries: dict[str, tuple[str, str, FileModel]] = {}
        self.checked: Checked | None = None
        self.changed = False
        self.read_only = read_only
        self._read()

    def _header(self) -> bytes:
        return f"cpstrategy {__version__} cache format {FORMAT} build {build()}".encode()

    def _read(self) -> None:
        raw = self._ours()
        if raw is None:
            return  # no cache yet, one we cannot read, or not ours: start afresh
        checksum_end = raw.find(b"\n")
        payload = memoryview(raw)[checksum_end + 1 :]  # not copied: it may be large
        if checksum_end < 0 or raw[:checksum_end] != str(zlib.crc32(payload)).encode():
            return  # damaged
        try:
            saved = _DECODER.decode(payload)
        except (msgspec.DecodeError, ValueError, TypeError):
            return
        for field in _FIELD_OF_KIND.values():
            self.entries.update(getattr(saved, field))
        self.checked = saved.checked

    def _ours(self) -> bytes | None:
        """What follows the header line, if the file is a cache of this version: never more
        than its header is read of anything else (a pipe or a device is not read at all)."""
        opened = open_regular(self.path)
        if opened is None:
            return None
        with opened as cache, contextlib.suppress(OSError):
            header = self._header() + b"\n"
            if cache.read(len(header)) != header:
                return None  # another version's, or not a cache at all
            return cache.read()
        return None

    def get(self, name: str, sha: str, kind: type) -> tuple[FileModel, str] | None:
        """The model saved for this file and these bytes, with its line index, or None."""
        entry = self.entries.get(name)
        if entry is None or entry[0] != sha or type(entry[2]) is not kind:
            return None
        return entry[2], entry[1]

    def put(self, name: str, sha: str, model: FileModel, lines: str) -> None:
        """Keep `model`, validated from the file `name` of bytes `sha`, with its line index."""
        self.entries[name] = (sha, lines, model)
        self.changed = True

    def keep_checked(self, checked: Checked | None) -> None:
        """Keep what checking the files together gave (None: forget it)."""
        self.checked = checked
        self.changed = True

    def forget(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Drop entries of files that are gone."""
        for name in set(self.entries) - names:
            self.forget(name)

    def save(self) -> None:
        """Write the cache in one step if anything changed; a cache that cannot be written is
        simply not written."""
        if not self.changed or self.read_only:
            return
        saved = _Entries({}, {}, {}, {}, self.checked)
        for name, entry in self.entries.items():
            getattr(saved, _FIELD_OF_KIND[type(entry[2])])[name] = entry
        try:
            payload = msgspec.msgpack.encode(saved)
        except (UnicodeEncodeError, msgspec.EncodeError):
            return  # a file name that is not text (undecodable bytes): not cached
        import tempfile  # only when writing: reading the cache is the everyday path

        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=".cache-", suffix=".tmp"
            )
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(b"%s\n%d\n" % (self._header(), zlib.crc32(payload)))
                    out.write(payload)
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
