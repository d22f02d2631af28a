"""pydantic validation of a file's plain value into the models.

Imported only when files are read as YAML: a warm cache never needs pydantic.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .models import CONFIG

__all__ = ["ValidationError", "adapter", "validate"]


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
