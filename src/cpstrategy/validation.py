"""pydantic validation of a file's plain value into the models, and their JSON for the cache.

Imported only when files are read as YAML: a warm cache never needs pydantic.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "adapter", "to_json_text", "validate"]


@functools.cache
def adapter(model: type) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validate(model: type, value: Any) -> Any:
    """The model of `value`; raises ValidationError, whose errors `loading` turns into lines."""
    return adapter(model).validate_python(value)


def to_json_text(model: type, instance: Any) -> str:
    """A validated model as compact JSON text, keyed by field name (see `models.from_json`):
    what the cache keeps, and what a second process sends back."""
    return adapter(model).dump_json(instance).decode("utf-8")
