"""pydantic validation of a file's plain value into the models.

Imported only when files are read as YAML: a warm cache never needs pydantic. Validating needs
only pydantic-core, given the schemas pydantic builds from the models (`core_schemas`, written
down so that a cold start need not import pydantic to build them again).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from typing import TYPE_CHECKING, Any, Protocol

from pydantic_core import SchemaValidator, ValidationError

from .models import CONFIG, UNKNOWN_KEY

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "ValidationError", "adapter", "check", "first_errors", "salvage", "typeadapter", "validate",
    "written_id",
]  # fmt: skip

# A file can hold a great many mistakes (a hostile one, a million): the first hundred say what
# to mend, and listing the rest would only cost time and memory.
MAX_ERRORS_PER_FILE = 100


class Validator(Protocol):
    def validate_python(self, value: Any, /) -> Any: ...


@functools.cache
def adapter(model: type) -> Validator:
    """The validator of `model`: from its schema in `core_schemas` when that was written for
    the pydantic-core installed, else built by pydantic, as the same schema would be. (pydantic
    plugins, which observe validation, do not see these validators.)"""
    import pydantic_core

    from . import core_schemas

    schema = core_schemas.SCHEMAS.get(model.__name__)
    if schema is not None and pydantic_core.__version__ == core_schemas.PYDANTIC_CORE_VERSION:
        return SchemaValidator(schema)  # type: ignore[arg-type]
    return typeadapter(model)


@functools.cache
def typeadapter(model: type, described: bool = False) -> TypeAdapter[Any]:
    """pydantic's adapter of `model`; `described`, with each field's docstring as its
    description in JSON Schema. Validating needs no descriptions, and reading the docstrings
    (from the source) took half the time of building the validators."""
    from pydantic import TypeAdapter

    CONFIG["use_attribute_docstrings"] = described  # read while the adapter is built
    try:
        return TypeAdapter(model)
    finally:
        CONFIG["use_attribute_docstrings"] = False


def validate(model: type, value: Any) -> Any:
    """The model of `value`; raises ValidationError, whose errors `loading` turns into lines."""
    return adapter(model).validate_python(value)


# From how many values a file of records is checked record by record: a great many mistakes in
# one go would cost seconds and gigabytes before the first could be shown.
LARGE = 200_000
UNCOUNTED = -1  # "more errors" when the rest of the file was not checked


def check(model: type, value: Any, values: int) -> tuple[Any, list[Any], int]:
    """Validate a file's value: (its model, [], 0), or (None, its first errors, how many more;
    UNCOUNTED when the rest was not checked). A large file of records (`values`, as the builder
    counted them) is checked record by record, stopping once MAX_ERRORS_PER_FILE are found."""
    key = _RECORDS.get(model.__name__)
    records = value.get(key) if key is not None and isinstance(value, dict) else None
    if values >= LARGE and isinstance(value, dict) and not isinstance(records, list):
        return _check_in_parts(model, value)
    if values < LARGE or not isinstance(records, list):
        try:
            return validate(model, value), [], 0
        except ValidationError as exc:
            return None, *first_errors(model, value, exc)
    errors: list[Any] = []
    try:
        header = validate(model, {**value, key: []})
    except ValidationError as exc:
        errors, header = exc.errors(include_url=False, include_context=False), None
    record_model = _record_models()[model.__name__]
    kept = []
    for index, record in enumerate(records):
        try:
            kept.append(validate(record_model, record))
        except ValidationError as exc:
            if len(errors) >= MAX_ERRORS_PER_FILE:
                return None, errors[:MAX_ERRORS_PER_FILE], UNCOUNTED
            found = exc.errors(include_url=False, include_context=False)
            errors += [{**err, "loc": (key, index, *err["loc"])} for err in found]
    if errors or header is None:
        return None, errors[:MAX_ERRORS_PER_FILE], max(len(errors) - MAX_ERRORS_PER_FILE, 0)
    return dataclasses.replace(header, **{key: kept}), [], 0


def _check_in_parts(model: type, value: dict[Any, Any]) -> tuple[Any, list[Any], int]:
    """`check` of a large file that is not a list of records (a strategy of very many
    priorities): its longest list is checked a thousand entries at a time, stopping once
    MAX_ERRORS_PER_FILE are found, and only then the whole."""
    lists = [k for k, v in value.items() if isinstance(v, list) and v]
    if not lists:
        try:
            return validate(model, value), [], 0
        except ValidationError as exc:
            return None, *first_errors(model, value, exc)
    key = max(lists, key=lambda k: len(value[k]))
    entries = value[key]
    errors: list[Any] = []
    for start in range(0, len(entries), _PART):
        try:
            validate(model, {**value, key: entries[start : start + _PART]})
            continue
        except ValidationError as exc:
            found = exc.errors(include_url=False, include_context=False)
        for err in found:
            loc = err["loc"]
            if len(loc) > 1 and loc[0] == key and isinstance(loc[1], int):
                errors.append({**err, "loc": (key, loc[1] + start, *loc[2:])})
            elif not start:  # the file's own keys: the same in every part
                errors.append(err)
        if len(errors) >= MAX_ERRORS_PER_FILE:
            return None, errors[:MAX_ERRORS_PER_FILE], UNCOUNTED
    if errors:
        return None, errors, 0
    try:
        return validate(model, value), [], 0
    except ValidationError as exc:  # a rule across entries of different parts
        return None, *first_errors(model, value, exc)


_PART = 1000


def _record_models() -> dict[str, type]:
    from .models import Action, Board, Item

    return {"ActionsFile": Action, "ItemsFile": Item, "BoardsFile": Board}


def first_errors(model: type, value: Any, exc: ValidationError) -> tuple[list[Any], int]:
    """pydantic's first errors for `value` (at most MAX_ERRORS_PER_FILE), and how many more.

    With a great many, they are taken from the value with every list cut to its first entries
    (what comes first is the same), not from all of them, which would take seconds and GBs."""
    total = exc.error_count()
    if total > MAX_ERRORS_PER_FILE:
        try:
            validate(model, _first_entries(value))
        except ValidationError as first:
            exc = first
    errors = exc.errors(include_url=False, include_context=False)
    if total > MAX_ERRORS_PER_FILE:  # the file's own keys first: pydantic lists them last
        errors.sort(key=lambda err: len(err["loc"]) > 1)
    errors = errors[:MAX_ERRORS_PER_FILE]
    return errors, total - len(errors)


def _first_entries(value: Any) -> Any:
    if isinstance(value, list):
        return [_first_entries(v) for v in value[:MAX_ERRORS_PER_FILE]]
    if isinstance(value, dict):
        return {k: _first_entries(v) for k, v in value.items()}
    return value


# The files that are lists of records, and the key of the list.
_RECORDS = {"ActionsFile": "actions", "ItemsFile": "items", "BoardsFile": "boards"}
_PLACEHOLDER_TITLE = "(no valid title)"


def salvage(
    model: type, value: Any, errors: list[Any]
) -> tuple[Any, tuple[int, ...], tuple[tuple[int, str], ...], tuple[int, ...]] | None:
    """The part of a file with errors that is sound on its own, so that the checks across
    records and files still run on it and every error is reported in one go, not a round at a
    time: of a list of records (when every error is inside a record), those without errors and
    those that are sound without their keys in error (see `_mend_record`); of a strategy, all
    but its keys in error, with a placeholder for a title (when its ids, its start and the
    shape of its priorities and themes are sound).

    `errors` are all of pydantic's errors for `value`. Returns the part, the positions in the
    file's list of the records kept, the position and written id of each record left out (""
    for one without a readable id) and the positions of the records kept that were mended
    (their warnings would be about the mending); None when nothing is sound.
    """
    if not isinstance(value, dict):
        return None
    key = _RECORDS.get(model.__name__)
    if key is not None:
        records = value.get(key)
        if not isinstance(records, list):
            return None
        bad: dict[int, list[tuple[Any, ...]]] = {}
        for err in errors:
            loc = err["loc"]
            if len(loc) < 2 or loc[0] != key or not isinstance(loc[1], int):
                return None  # an error in the file's own keys: its records cannot be placed
            bad.setdefault(loc[1], []).append((tuple(loc[2:]), err["type"] in UNKNOWN_KEY))
        record_model = _record_models()[model.__name__]
        mended = {
            i: record
            for i, found in bad.items()
            if (record := _mend_record(record_model, records[i], found)) is not None
        }
        kept = tuple(i for i in range(len(records)) if i not in bad or i in mended)
        left_out = tuple((i, written_id(records[i])) for i in sorted(bad) if i not in mended)
        trimmed = {**value, key: [mended.get(i, records[i]) for i in kept]}
        repaired = tuple(sorted(mended))
    elif model.__name__ == "Strategy":
        # Its action files are checked against it: mend what can be mended, not drop it.
        trimmed = copy.deepcopy(value)
        for err in errors:
            if not _mend(trimmed, tuple(err["loc"]), err["type"] in UNKNOWN_KEY):
                return None
        kept, left_out, repaired = (), (), ()
    else:
        return None
    try:
        return validate(model, trimmed), kept, left_out, repaired
    except ValidationError:
        return None


# What a record with errors is checked as, so that its other mistakes show in the same run: a
# placeholder for required text, no due dates (the timescale stays a label) or nothing at all.
# A record whose id, priority or status is in error is left out: the checks depend on those.
_IN_PLACE_OF = {"activity": "(no valid activity)", "you_said": "(no valid text)",
                "name": "(no valid name)", "due": []}  # fmt: skip
# A misspelling of one of these, or of due: (without which a timescale is read), is left out too.
_DEPENDED_ON = {"id", "priority", "status"}


def _mend_record(model: type, record: Any, found: list[tuple[tuple[Any, ...], bool]]) -> Any:
    """`record` (a plain value) with each key in error taken out or replaced, if it is then
    sound; else None. `found`: where in the record each error is, and whether its key is
    unknown."""
    from .problems import did_you_mean

    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None
    mended = dict(record)
    for loc, unknown in found:
        key = loc[0] if loc else None
        if not isinstance(key, str) or key in _DEPENDED_ON:
            return None
        if unknown and did_you_mean(key, (_DEPENDED_ON | {"due"}) - set(record)):
            return None  # perhaps what the checks need, misspelt: they cannot be judged
        if key in _IN_PLACE_OF:
            mended[key] = copy.copy(_IN_PLACE_OF[key])
        else:
            mended.pop(key, None)
    try:
        validate(model, mended)
    except ValidationError:
        return None
    return mended


# The lists of a strategy that are mended entry by entry, and what each entry is.
_ENTRIES = {"priorities": "priority", "themes": "theme"}


def _mend(mapping: dict[Any, Any], loc: tuple[Any, ...], unknown: bool, kind: str = "") -> bool:
    """Take out of `mapping` (a strategy, or a `kind` of mapping in it) the key in error at
    `loc`, or put a placeholder in place of a title; False when the error is in what the rest
    depends on: an id (what action files refer to), the start, the shape of the priorities and
    themes, or a misspelt key that may be a priority's themes. `unknown`: the key is unknown."""
    if not loc:
        return False
    key, rest = loc[0], loc[1:]
    if key == "id" or (kind == "period" and key == "start"):
        return False
    inner = mapping.get(key)
    if rest and isinstance(rest[0], int) and key in _ENTRIES:
        entries = inner if isinstance(inner, list) else []
        entry = entries[rest[0]] if rest[0] < len(entries) else None
        return isinstance(entry, dict) and _mend(entry, rest[1:], unknown, _ENTRIES[key])
    if rest and isinstance(rest[0], str) and isinstance(inner, dict):
        return _mend(inner, rest, unknown, str(key))
    if key in _ENTRIES or key == "period":
        return False
    if unknown and kind == "priority" and "themes" not in mapping:
        return False  # were they its themes, its actions would be wrongly refused
    if key == "title":
        mapping[key] = _PLACEHOLDER_TITLE
    else:
        mapping.pop(key, None)
    return True


def written_id(record: Any) -> str:
    """The `id:` written on a record (a plain value), as the models read it, or ""."""
    written = record.get("id") if isinstance(record, dict) else None
    if isinstance(written, int | float) and not isinstance(written, bool):
        return str(written)  # `id: 17` is the id "17" (models.Id)
    return written if isinstance(written, str) else ""
