"""pydantic validation of a file's plain value into the models.

Imported only when files are read as YAML: a warm cache never needs pydantic.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "adapter", "validate"]


@functools.cache
def adapter(model: type) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validate(model: type, value: Any) -> Any:
    """The model of `value`; raises ValidationError, whose errors `loading` turns into lines."""
    return adapter(model).validate_python(value)
