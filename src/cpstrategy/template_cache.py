"""Templates compiled by an earlier run, kept in the user's cache folder: compiling the board
report's templates takes about 50 ms, longer than writing the report of a small plan.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import zlib
from pathlib import Path

import jinja2

from . import __version__, cache

# Far more than any template's compiled code (the board report's: about 100 KB).
MAX_BYTES = 16 << 20
HEADER = b"cpstrategy compiled template "


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled code for each template, a file each in `folder`.

    Jinja names each file by the template's name and path, and rejects code compiled from
    other source. The code also depends on cpstrategy's build, Jinja's version and the report's
    format (how each value is escaped), so those are checked too. A file that is damaged, or is
    not a file of this user's, is not used; one that cannot be written is not written: the
    template is then compiled, as without a cache.
    """

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder = folder
        self.salt = f"{__version__} {cache.build()} {jinja2.__version__} {fmt}\n"

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256((self.salt + source).encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        raw = _read_own_file(self.folder / f"{bucket.key}.jinja")
        if raw is None or not raw.startswith(HEADER):
            return
        checksum, _, payload = raw[len(HEADER) :].partition(b"\n")
        if checksum != str(zlib.crc32(payload)).encode():
            return  # damaged
        try:
            bucket.load_bytecode(io.BytesIO(payload))
        except Exception:  # another Jinja's, say: compiled afresh
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        payload = buffer.getvalue()
        path = self.folder / f"{bucket.key}.jinja"
        temporary: str | None = None
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "wb", dir=self.folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
            ) as handle:
                temporary = handle.name
                handle.write(HEADER + str(zlib.crc32(payload)).encode() + b"\n" + payload)
            os.replace(temporary, path)
            temporary = None
        except OSError:
            pass  # not kept: compiled again next time
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _read_own_file(path: Path) -> bytes | None:
    """The bytes of a regular file of this user's, of at most MAX_BYTES; None for anything else
    (a pipe or a device is not read at all)."""
    opened = cache.open_regular(path, MAX_BYTES, owner=os.getuid())
    if opened is None:
        return None
    with opened as file, contextlib.suppress(OSError):
        return file.read(MAX_BYTES + 1)
    return None
