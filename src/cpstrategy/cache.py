"""A saved result of reading and validating each data file, so that repeated commands skip YAML.

An entry is keyed by the file's path and a hash of its bytes, and the whole cache by
cpstrategy's version: it can never give an answer the files would not. It lives in the user's
cache folder, one file per data folder, never in the data folder. A damaged, foreign or
unreadable cache is ignored and rebuilt; nothing in it is ever executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from . import __version__

# Bump when the cache's layout, or what reading a file gives, changes: entries of another format
# are never used.
FORMAT = 5


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class FileCache:
    """Validated file contents as JSON text, by relative path and a hash of the file's bytes.

    The cache file is a header line, then one line per data file: its path, the hash of its
    bytes, a checksum of the JSON, and the JSON itself, separated by tabs (JSON never holds a raw
    tab or line break). Reading it costs a split per line; each entry is parsed only when used.
    """

    def __init__(self, cache_dir: Path, data_dir: Path, read_only: bool = False) -> None:
        folder_key = digest(str(data_dir.resolve()).encode("utf-8"))[:32]
        self.path = cache_dir / f"{folder_key}.cache"
        self.entries: dict[str, tuple[str, int, str, str]] = {}
        self.changed = False
        self.read_only = read_only
        self._read()

    def _header(self) -> str:
        return json.dumps({"cpstrategy": __version__, "format": FORMAT})

    def _read(self) -> None:
        entries: dict[str, tuple[str, int, str, str]] = {}
        try:
            with self.path.open(encoding="utf-8", newline="\n") as lines:  # a line at a time
                if lines.readline().rstrip("\n") != self._header():
                    return  # another version's, or not ours
                for line in lines:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) == 5 and parts[2].isdigit():
                        entries[parts[0]] = (parts[1], int(parts[2]), parts[3], parts[4])
        except (OSError, ValueError):
            return  # no cache yet, or one we cannot read: start afresh
        self.entries = entries

    def get(self, name: str, sha: str) -> tuple[Any, str] | None:
        """The value saved for this file and these bytes, with its line index (JSON text), or
        None (also when the entry is not exactly as it was saved: its checksum must match)."""
        entry = self.entries.get(name)
        if entry is None or entry[0] != sha:
            return None
        _, crc, text, lines = entry
        if zlib.crc32(f"{text}\t{lines}".encode()) != crc:
            return None
        try:
            return json.loads(text), lines
        except ValueError:
            return None

    def put_text(self, name: str, sha: str, text: str, lines: str) -> None:
        """Keep `text`, a validated model's JSON on one line, and `lines`, its line index, for the
        file `name` of bytes `sha`."""
        if any(c in s for s in (name, text, lines) for c in "\t\n"):
            return  # it cannot be written on one line; it is simply not cached
        crc = zlib.crc32(f"{text}\t{lines}".encode())
        self.entries[name] = (sha, crc, text, lines)
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
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=".cache-", suffix=".tmp"
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                    out.write(self._header())
                    for name, (sha, crc, text, lines) in self.entries.items():
                        out.write(f"\n{name}\t{sha}\t{crc}\t{text}\t{lines}")
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
