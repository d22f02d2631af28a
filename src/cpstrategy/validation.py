"""pydantic validation of a file's plain value into the models.

Imported only when files are read as YAML: a warm cache never needs pydantic.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .models import CONFIG

__all__ = ["ValidationError", "adapter", "salvage", "validate"]


@functools.cache
def adapter(model: type, described: bool = False) -> TypeAdapter[Any]:
    """pydantic's validator of `model`; `described`, with each field's docstring as its
    description in JSON Schema. Validating needs no descriptions, and reading the docstrings
    (from the source) took half the time of building the validators."""
    CONFIG["use_attribute_docstrings"] = described  # read while the adapter is built
    try:
        return TypeAdapter(model)
    finally:
        CONFIG["use_attribute_docstrings"] = False


def validate(model: type, value: Any) -> Any:
    """The model of `value`; raises ValidationError, whose errors `loading` turns into lines."""
    return adapter(model).validate_python(value)


# The files that are lists of records, and the key of the list.
_RECORDS = {"ActionsFile": "actions", "ItemsFile": "items", "BoardsFile": "boards"}
PLACEHOLDER_TITLE = "(no valid title)"


def salvage(
    model: type, value: Any, exc: ValidationError
) -> tuple[Any, tuple[int, ...], tuple[str, ...]] | None:
    """The part of a file with errors that is sound on its own, so that the checks across
    records and files still run on it and every error is reported in one go, not a round at a
    time: of a list of records, those without errors (when every error is inside a record); of
    a strategy, all but its keys in error (when its id, period and priorities are sound).

    Returns the part, the positions in the file's list of the records kept, and the ids written
    on the records left out ("" for one without a readable id); None when nothing is sound.
    """
    if not isinstance(value, dict):
        return None
    errors = exc.errors(include_url=False, include_context=False)
    key = _RECORDS.get(model.__name__)
    if key is not None:
        records = value.get(key)
        if not isinstance(records, list):
            return None
        bad = set()
        for err in errors:
            loc = err["loc"]
            if len(loc) < 2 or loc[0] != key or not isinstance(loc[1], int):
                return None  # an error in the file's own keys: its records cannot be placed
            bad.add(loc[1])
        kept = tuple(i for i in range(len(records)) if i not in bad)
        left_out = tuple(_written_id(records[i]) for i in sorted(bad))
        trimmed = {**value, key: [records[i] for i in kept]}
    elif model.__name__ == "Strategy":
        wrong = {err["loc"][0] if err["loc"] else None for err in errors}
        if wrong & {None, "id", "period", "priorities"}:
            return None
        trimmed = {k: v for k, v in value.items() if k not in wrong}
        trimmed.setdefault("title", PLACEHOLDER_TITLE)
        kept, left_out = (), ()
    else:
        return None
    try:
        return validate(model, trimmed), kept, left_out
    except ValidationError:
        return None


def _written_id(record: Any) -> str:
    written = record.get("id") if isinstance(record, dict) else None
    return written if isinstance(written, str) else ""
