"""A saved result of reading and validating each data file, so that repeated commands skip YAML.

An entry is keyed by the file's path and a hash of its bytes, and the whole cache by
cpstrategy's version: it can never give an answer the files would not. It lives in the user's
cache folder, one JSON file per data folder, never in the data folder. A damaged, foreign or
unreadable cache is ignored and rebuilt; nothing in it is ever executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class FileCache:
    """Validated file contents as plain JSON values, by relative path and content hash."""

    def __init__(self, cache_dir: Path, data_dir: Path) -> None:
        folder_key = digest(str(data_dir.resolve()).encode("utf-8"))[:32]
        self.path = cache_dir / f"{folder_key}.json"
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self._read()

    def _read(self) -> None:
        try:
            stored = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return  # no cache yet, or one we cannot read: start afresh
        if (
            isinstance(stored, dict)
            and stored.get("format") == FORMAT
            and stored.get("version") == __version__
            and isinstance(stored.get("files"), dict)
        ):
            self.entries = stored["files"]

    def get(self, name: str, sha: str) -> Any | None:
        """The value saved for this file and these bytes, or None."""
        entry = self.entries.get(name)
        if isinstance(entry, dict) and entry.get("sha") == sha:
            return entry.get("value")
        return None

    def put(self, name: str, sha: str, value: Any) -> None:
        self.entries[name] = {"sha": sha, "value": value}
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
        if not self.changed:
            return
        stored = {"format": FORMAT, "version": __version__, "files": self.entries}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=".cache-", suffix=".tmp"
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(stored, out, separators=(",", ":"), ensure_ascii=False)
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
