"""Writes `core_schemas.py`: the schemas pydantic builds from the models, as Python source.

pydantic turns each model into a pydantic-core schema, and pydantic-core validates with it.
Building the schemas means importing pydantic (most of a cold start's 90 ms of set-up); with
them written down, `validation` needs only pydantic-core. Run this after changing `models` or
upgrading pydantic (a test says when):

    python -m cpstrategy.write_core_schemas
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path
from typing import Any

import pydantic_core

from . import models

# Each model validated on its own: the four kinds of file, and the records of a large file.
MODELS = (
    models.Strategy,
    models.ActionsFile,
    models.ItemsFile,
    models.BoardsFile,
    models.Action,
    models.Item,
    models.Board,
)
TARGET = Path(__file__).with_name("core_schemas.py")

HEADER = '''"""pydantic's schemas of the models, for pydantic-core {version}: `validation`
builds its validators from these without importing pydantic. Written by `python -m
cpstrategy.write_core_schemas`; do not edit (a test checks that it is up to date)."""

from . import models

PYDANTIC_CORE_VERSION = {version!r}
'''

_BUILTINS = {list: "list", dict: "dict", tuple: "tuple", set: "set", frozenset: "frozenset"}


def source() -> str:
    """The text of `core_schemas.py` for the models and pydantic installed."""
    from .validation import typeadapter

    schemas = {model.__name__: typeadapter(model).core_schema for model in MODELS}
    writer = _Writer()
    table = writer.literal(schemas, 0, "SCHEMAS")
    shared = "".join(f"\n{name} = {text}\n" for name, text in writer.shared.items())
    version = pydantic_core.__version__
    return HEADER.format(version=version) + shared + f"\nSCHEMAS = {table}\n"


class _Writer:
    """Writes a schema as Python source. Each model's schema is written once, as a name of its
    own (`_ACTION`), however many schemas it is part of; they are written in the order they
    are met, each after the models it holds."""

    def __init__(self) -> None:
        self.shared: dict[str, str] = {}

    def literal(self, value: Any, depth: int, where: str) -> str:
        """Python source for `value`: plain values, the models' classes and functions by name.

        A schema's `metadata` is left out (pydantic-core does not read it: it holds what JSON
        Schema needs), and so are the numbers in `ref` names (an object's id, different in every
        process)."""
        if isinstance(value, dict) and value.get("type") == "dataclass" and depth > 0:
            name = "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", value["cls"].__name__).upper()
            text = self.literal(value, 0, where)
            if self.shared.setdefault(name, text) == text:
                return name
            # The same model with another schema (it cannot be, as pydantic builds them): in place
        pad, inner = "    " * depth, "    " * (depth + 1)
        if isinstance(value, dict):
            a_schema = isinstance(value.get("type"), str)  # not a mapping of names (choices)
            entries = [
                f"{inner}{key!r}: {self.literal(_ref(key, item), depth + 1, f'{where}.{key}')},\n"
                for key, item in value.items()
                if not (a_schema and key == "metadata")
            ]
            return "{\n" + "".join(entries) + pad + "}" if entries else "{}"
        if isinstance(value, list | tuple):
            items = [
                f"{inner}{self.literal(item, depth + 1, f'{where}[{i}]')},\n"
                for i, item in enumerate(value)
            ]
            opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
            return opening + "\n" + "".join(items) + pad + closing if items else opening + closing
        if isinstance(value, float) and not math.isfinite(value):
            return f"float({str(value)!r})"
        if value is None or isinstance(value, bool | int | float | str):
            return repr(value)
        if value in _BUILTINS:
            return _BUILTINS[value]
        if getattr(value, "__module__", None) == models.__name__:
            name = value.__qualname__
            found: Any = models
            for part in name.split("."):
                found = getattr(found, part, None)
            if found == value:
                return f"models.{name}"
        raise TypeError(f"{where}: cannot write {value!r} as Python source")


def _ref(key: str, value: Any) -> Any:
    if key in ("ref", "schema_ref") and isinstance(value, str):
        return re.sub(r":\d+$", "", value)
    return value


def main() -> None:
    text = source()
    if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text:
        print(f"{TARGET} is up to date")
        return
    staged = TARGET.with_name(TARGET.name + ".new")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, TARGET)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    sys.exit(main())
