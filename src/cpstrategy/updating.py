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
from .views import no_such_record
from .yamlsource import find_unshowable, unshowable

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
    clear_responded: bool = False  # an item taken up again: its answer is still to go back


@dataclass(frozen=True, slots=True)
class Change:
    """The new bytes of one file, what they replace, a line saying what changed, and warnings
    about the record as it will be."""

    path: Path
    before: bytes
    edited: Edited
    summary: str
    warnings: tuple[str, ...] = ()
    if_refused: str | None = None  # what to do when the result would not validate


def check_request(request: Request, *, today: date) -> None:
    """The checks that need no data: the date, the status word and the texts. Raises OptionError.

    Progress is recorded on the day it is reported (`--date`, default today); a report as of
    another day (`--as-of`) has no meaning here, and the command line refuses it."""
    if request.date > today:
        raise OptionError("--date", f"{request.date} is after today ({today})")
    every_status = (*PROGRESS_STATUSES, *ITEM_STATUSES)
    if request.status not in every_status:
        raise OptionError("--status", _unknown_status(request.status, every_status))
    for option, text in (("--note", request.note), ("--by", request.by),
                         ("--we-did", request.we_did)):  # fmt: skip
        if text is not None:
            check_text(option, text)


def check_text(option: str, text: str) -> None:
    """Text given on the command line, to be written into a file: not empty, valid, and
    printable (line breaks aside). Raises OptionError."""
    if not text.strip():
        raise OptionError(option, "must not be empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise OptionError(option, "is not valid text (check the terminal's encoding)") from None
    if (found := find_unshowable(text)) is not None:  # Word's line break is U+000B, say
        raise OptionError(option, unshowable(found.group()))


def prepare(plan: Plan, request: Request) -> Change:
    """The change `request` makes to the file of the action or item it names.

    Raises DataError for an unknown id, OptionError for a request that does not fit the record,
    and editing.EditError when the file cannot be changed safely.
    """
    action = plan.find_action(request.record_id)
    if action is not None:
        _refuse_options(request, ("--we-did", request.we_did),
                        ("--clear-responded", "yes" if request.clear_responded else None),
                        kind="an action")  # fmt: skip
        if request.status not in PROGRESS_STATUSES:
            raise OptionError("--status", _unknown_status(request.status, PROGRESS_STATUSES))
        _check_editable(action.file, plan.data_dir)
        before = action.file.read_bytes()
        entry = NewProgress(request.date, request.status, request.note, request.by)
        edited = add_progress(before, action.index, action.id, entry)
        summary = f"{action.id}: progress {request.date} {request.status}"
        return Change(action.file, before, edited, summary)
    item = plan.find_item(request.record_id)
    if item is None:
        raise no_such_record(plan, request.record_id)
    _refuse_options(request, ("--note", request.note), ("--by", request.by),
                    kind='a "You said, we did" item')  # fmt: skip
    if request.status not in ITEM_STATUSES:
        raise OptionError("--status", _unknown_status(request.status, ITEM_STATUSES))
    current = item.item
    says_why = request.we_did is not None or bool((current.we_did or "").strip())
    if request.status == "not-possible" and not says_why:
        # "If you tell me 'no', explain why": an answer without a reason is no answer.
        raise OptionError("--status", "not-possible needs --we-did saying why")
    changes: dict[str, str | None] = {"status": request.status}
    if request.we_did is not None:
        changes["we_did"] = request.we_did
    becomes_answered = request.status in ANSWERED and (
        current.status != request.status or current.responded is None
    )
    if request.clear_responded and request.status in ANSWERED:
        raise OptionError(
            "--clear-responded", f"does not apply when the status becomes {request.status}"
        )
    if becomes_answered:
        changes["responded"] = request.date.isoformat()
    elif request.clear_responded and current.responded is not None:
        changes["responded"] = None
    _check_editable(item.file, plan.data_dir)
    before = item.file.read_bytes()
    edited = answer_item(before, item.index, item.id, changes)
    said = ", ".join(_said(key, value) for key, value in changes.items())
    summary = f"{item.id}: {said}" if edited.changed else f"{item.id}: nothing to change"
    warnings: tuple[str, ...] = ()
    if request.status == "done" and not says_why:
        warnings = (
            f"item '{item.id}' is done but we_did does not say what was done; add it with --we-did",
        )
    elif request.status == "in-progress" and "responded" not in changes and current.responded:
        # Nothing but what was asked changes; say what is kept, and how to clear it.
        warnings = (
            f"item '{item.id}' keeps its responded date {current.responded}; if its answer is "
            "still to go back, run this again with --clear-responded",
        )
    if_refused = None
    if request.status == "open" and current.responded and "responded" not in changes:
        if_refused = "to reopen an answered item, add --clear-responded"
    return Change(item.file, before, edited, summary, warnings, if_refused)


def _said(key: str, value: str | None) -> str:
    if value is None:
        return f"{key} removed"
    return f"{key} replaced" if key == "we_did" else f"{key} {value}"


def _check_editable(file: Path, data_dir: Path) -> None:
    """Only a plain file inside the data folder is edited: writing replaces the file, and would
    turn a symbolic link into a copy (or change a file elsewhere)."""
    if file.is_symlink():
        raise DataError(
            f"'{file}' is a symbolic link; update edits only plain files",
            "edit the file it points to by hand, or replace the link with the file",
        )
    if not file.resolve().is_relative_to(data_dir.resolve()):
        raise DataError(
            f"'{file}' is outside the data folder '{data_dir}' (through a symbolic link); "
            "update edits only files inside it",
            "edit it by hand",
        )


def _refuse_options(request: Request, *given: tuple[str, str | None], kind: str) -> None:
    for option, value in given:
        if value is not None:
            raise OptionError(option, f"does not apply to {kind} ('{request.record_id}')")


def _unknown_status(status: str, choices: tuple[str, ...]) -> str:
    hint = did_you_mean(status, choices)
    return f"unknown status '{status}'; " + (hint or f"expected one of: {', '.join(choices)}")
