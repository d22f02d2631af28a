"""pydantic validation of a file's plain value into the models, and their JSON for the cache.

Imported only when files are read as YAML: a warm cache never needs pydantic.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "adapter", "to_json", "validate"]


@functools.cache
def adapter(model: type) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validate(model: type, value: Any) -> Any:
    """The model of `value`; raises ValidationError, whose errors `loading` turns into lines."""
    return adapter(model).validate_python(value)


def to_json(model: type, instance: Any) -> Any:
    """Plain JSON values of a validated model, keyed by field name (see `models.from_json`)."""
    return adapter(model).dump_python(instance, mode="json")
