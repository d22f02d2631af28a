"""The one shape of every error and warning cpstrategy reports about the data.

A problem names a file and either a line or a path into the YAML document; paths are turned into
lines only when the problem is shown, so checks on a large plan cost nothing until they fire.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# A path into a YAML document: mapping keys and sequence indexes, as in pydantic's `loc`.
DocPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(slots=True, unsafe_hash=True)
class Problem:
    """One error or warning about a data file.

    `line` is 1-based; when it is None, `path` (and `at_key`) say where in the document the
    offending text is, and `loading.locate_problems` fills the line in before it is shown.
    """

    file: Path
    severity: Severity
    message: str
    line: int | None = None
    path: DocPath | None = None
    at_key: bool = False
    hint: str | None = None
    unshown: int = 0  # the errors this one stands for, not shown (see MAX_ERRORS_PER_FILE)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, base: Path | None = None) -> str:
        """`FILE:LINE: error: message (hint)`, with FILE relative to `base` when it lies inside."""
        name = _display_path(self.file, base)
        where = f"{name}:{self.line}" if self.line else name
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


def error(file: Path, message: str, *, line: int | None = None, **kw: object) -> Problem:
    return Problem(file, Severity.ERROR, message, line, **kw)  # type: ignore[arg-type]


def warning(file: Path, message: str, *, line: int | None = None, **kw: object) -> Problem:
    return Problem(file, Severity.WARNING, message, line, **kw)  # type: ignore[arg-type]


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 action', '3 actions' (the reports' `plural` filter too)."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest choice, or None when nothing is close."""
    import difflib  # only when a hint is wanted: start-up stays quick

    by_case = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_case), n=1, cutoff=cutoff)
    return f"did you mean '{by_case[close[0]]}'?" if close else None


# What "did you mean" says of an id that is nothing like any of a plan's many.
ID_HINT = "one of the {n} action and item ids? cpstrategy status --all lists the actions"


def did_you_mean_instead(word: str, choices: Iterable[str], many: str | None = None) -> str | None:
    """For a name that does not exist: the closest choice, or else (so that the message always
    says what would work) the choices themselves; `many` ("one of the {n} ids?") is said
    instead of a long list."""
    options = list(dict.fromkeys(choices))
    if not options:
        return None
    close = did_you_mean(word, options)
    if close:
        return close
    if len(options) == 1:
        return f"did you mean '{options[0]}'?"
    if many is not None and len(options) > 8:
        return "did you mean " + many.format(n=len(options))
    return f"did you mean one of: {', '.join(options)}?"


def _display_path(file: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(file.relative_to(base))
        except ValueError:
            pass
    return str(file)


class DataError(Exception):
    """Raised at the edges when a command cannot go on: the CLI prints it and exits 1."""

    def __init__(self, message: str, hint: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where  # FILE:LINE of the text at fault, when it is in a file
