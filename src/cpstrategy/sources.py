"""Reading a data file's bytes within the limits, and naming values in messages.

Kept apart from `yamlsource` so that a warm cache, which needs the bytes only to hash them, never
imports the YAML library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .problems import Problem, error

MAX_BYTES = 10 * 1024 * 1024


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, unless it is too large or cannot be read."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                message = f"the file is {size:,} bytes; the limit is 10 MiB ({MAX_BYTES:,} bytes)"
                return None, [error(path, message, line=1)]
            return file.read(), []
    except OSError as exc:
        return None, [error(path, f"cannot read the file: {exc.strerror or exc}")]


def describe_value(value: Any) -> str:
    """A value as a message names it: quoted and shortened text, or what kind of thing it is."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{one_line(str(value))}'"


def one_line(text: str, limit: int = 80) -> str:
    """Text fit to quote in a one-line message: line breaks escaped, long text shortened."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


SEPARATOR = "\x1f"  # between the steps of a path in a line index
AT_KEY = "\x1f!"  # after a path: the line of its key, not its value


def index_key(path: tuple[str | int, ...], at_key: bool = False) -> str:
    """How a path into a document is written in a line index (see `yamlsource.line_index`)."""
    return SEPARATOR.join(map(str, path)) + (AT_KEY if at_key else "")
