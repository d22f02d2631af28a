"""`update`: record progress on an action, or answer a "You said, we did" item, in its file.

Decides what the change is and checks the request against the record it names; `editing` makes
the change in the text. Never reads the clock (today is passed in) and never writes: the caller
checks the result against the whole folder and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .editing import Edited, NewProgress, add_progress, answer_item
from .models import ITEM_STATUSES, PROGRESS_STATUSES
from .plan import Plan
from .problems import DataError, did_you_mean

ANSWERED = ("done", "not-possible")


class OptionError(ValueError):
    """The request does not fit: a usage error (exit 2) naming the option at fault."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


@dataclass(frozen=True, slots=True)
class Request:
    record_id: str
    status: str
    date: date
    note: str | None = None
    by: str | None = None
    we_did: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """The new bytes of one file, what they replace, and a line saying what changed."""

    path: Path
    before: bytes
    edited: Edited
    summary: str


def check_request(request: Request, *, today: date, as_of: date) -> None:
    """The checks that need no data: the date, the status word and the texts. Raises OptionError."""
    if request.date > today:
        raise OptionError("--date", f"{request.date} is after today ({today})")
    if request.date > as_of:
        raise OptionError("--date", f"{request.date} is after the --as-of date ({as_of})")
    every_status = (*PROGRESS_STATUSES, *ITEM_STATUSES)
    if request.status not in every_status:
        raise OptionError("--status", _unknown_status(request.status, every_status))
    for option, text in (("--note", request.note), ("--by", request.by),
                         ("--we-did", request.we_did)):  # fmt: skip
        if text is None:
            continue
        if not text.strip():
            raise OptionError(option, "must not be empty")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise OptionError(option, "is not valid text (check the terminal's encoding)") from None


def prepare(plan: Plan, request: Request) -> Change:
    """The change `request` makes to the file of the action or item it names.

    Raises DataError for an unknown id, OptionError for a request that does not fit the record,
    and editing.EditError when the file cannot be changed safely.
    """
    action = plan.find_action(request.record_id)
    if action is not None:
        _refuse_options(request, ("--we-did", request.we_did), kind="an action")
        if request.status not in PROGRESS_STATUSES:
            raise OptionError("--status", _unknown_status(request.status, PROGRESS_STATUSES))
        before = action.file.read_bytes()
        entry = NewProgress(request.date, request.status, request.note, request.by)
        edited = add_progress(before, action.index, action.id, entry)
        summary = f"{action.id}: progress {request.date} {request.status}"
        return Change(action.file, before, edited, summary)
    item = plan.find_item(request.record_id)
    if item is None:
        known = [a.id for a in plan.actions] + [i.id for i in plan.items]
        hint = did_you_mean(request.record_id, known)
        if request.record_id in plan.strategies:
            raise DataError(f"'{request.record_id}' is a strategy, not an action or item")
        raise DataError(f"no action or item '{request.record_id}'", hint)
    _refuse_options(request, ("--note", request.note), ("--by", request.by),
                    kind='a "You said, we did" item')  # fmt: skip
    if request.status not in ITEM_STATUSES:
        raise OptionError("--status", _unknown_status(request.status, ITEM_STATUSES))
    changes = {"status": request.status}
    if request.we_did is not None:
        changes["we_did"] = request.we_did
    current = item.item
    becomes_answered = request.status in ANSWERED and (
        current.status != request.status or current.responded is None
    )
    if becomes_answered:
        changes["responded"] = request.date.isoformat()
    before = item.file.read_bytes()
    edited = answer_item(before, item.index, item.id, changes)
    said = ", ".join(f"{key} {value if key != 'we_did' else 'replaced'}"
                     for key, value in changes.items())  # fmt: skip
    summary = f"{item.id}: {said}" if edited.changed else f"{item.id}: nothing to change"
    return Change(item.file, before, edited, summary)


def _refuse_options(request: Request, *given: tuple[str, str | None], kind: str) -> None:
    for option, value in given:
        if value is not None:
            raise OptionError(option, f"does not apply to {kind} ('{request.record_id}')")


def _unknown_status(status: str, choices: tuple[str, ...]) -> str:
    hint = did_you_mean(status, choices)
    return f"unknown status '{status}'; " + (hint or f"expected one of: {', '.join(choices)}")
