"""The rules: as of a date, is an action complete, overdue, due soon or stale; is an item late;
how is an indicator rated. Pure functions of the data and the as-of date, and the only place these
answers are computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING

from .models import Indicator, Item, Point, Progress

if TYPE_CHECKING:
    from decimal import Decimal

STALE_AFTER_DAYS = 90


class Status(StrEnum):
    WITHDRAWN = "withdrawn"
    COMPLETE = "complete"
    OVERDUE = "overdue"
    OFF_TRACK = "off-track"
    AT_RISK = "at-risk"
    ON_TRACK = "on-track"
    NOT_STARTED = "not-started"

    @property
    def label(self) -> str:
        """ "Off track", "Not started", ...: as a person writes it."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {status: status.value.replace("-", " ").capitalize() for status in Status}

# The order in which statuses are listed and counted: done, then from going well to going badly.
STATUS_ORDER = (
    Status.COMPLETE, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.OVERDUE,
    Status.NOT_STARTED, Status.WITHDRAWN,
)  # fmt: skip


class Rag(StrEnum):
    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label(self) -> str:
        return self.value.capitalize()


RAG_OF = {
    Status.WITHDRAWN: Rag.GREY,
    Status.COMPLETE: Rag.BLUE,
    Status.OVERDUE: Rag.RED,
    Status.OFF_TRACK: Rag.RED,
    Status.AT_RISK: Rag.AMBER,
    Status.ON_TRACK: Rag.GREEN,
    Status.NOT_STARTED: Rag.GREY,
}


@dataclass(frozen=True, slots=True)
class DueCheck:
    """One due date and the `complete` entry that met it, if any."""

    due: date
    met_by: Progress | None


@dataclass(slots=True, unsafe_hash=True)
class Assessment:
    """Where an action stands as of a date (read-only: built for every action, so not frozen)."""

    as_of: date
    status: Status
    due_dates: Sequence[date]  # every due date, oldest first
    met: Sequence[Progress]  # the entries that met the first len(met) of them, in order
    history: tuple[Progress, ...]  # entries on or before the as-of date, oldest first

    @property
    def dues(self) -> tuple[DueCheck, ...]:
        """Each due date and the entry that met it, if any."""
        met = self.met
        return tuple(
            DueCheck(due, met[i] if i < len(met) else None) for i, due in enumerate(self.due_dates)
        )

    @property
    def rag(self) -> Rag:
        return RAG_OF[self.status]

    @property
    def latest(self) -> Progress | None:
        return self.history[-1] if self.history else None

    @property
    def last_update(self) -> date | None:
        return self.history[-1].date if self.history else None

    @property
    def ended(self) -> bool:
        return self.status in (Status.COMPLETE, Status.WITHDRAWN)

    @property
    def next_due(self) -> date | None:
        """The oldest unmet due date: in the past when overdue; None once ended."""
        if self.ended or len(self.met) == len(self.due_dates):
            return None
        return self.due_dates[len(self.met)]

    @property
    def overdue(self) -> bool:
        return self.status is Status.OVERDUE

    @property
    def days_overdue(self) -> int | None:
        """(as-of − next due) in days; negative while the next due date is still ahead."""
        due = self.next_due
        return (self.as_of - due).days if due is not None else None

    def due_soon(self, within_days: int) -> bool:
        due = self.next_due
        return not self.overdue and due is not None and 0 <= (due - self.as_of).days <= within_days

    @property
    def stale(self) -> bool:
        if self.ended:
            return False
        latest = self.latest
        if latest is not None:
            return (self.as_of - latest.date).days > STALE_AFTER_DAYS
        return bool(self.due_dates) and self.due_dates[0] < self.as_of


_BY_DATE = attrgetter("date")


def assess(progress: Sequence[Progress], due_dates: Sequence[date], as_of: date) -> Assessment:
    """Apply the cycle rule and the status table (spec §2) as of `as_of`."""
    history = tuple(sorted([p for p in progress if p.date <= as_of], key=_BY_DATE))  # stable
    dues = sorted(due_dates)  # mostly sorted already, which sorting sees at once
    # Each complete entry meets the oldest unmet due date, if it is dated after the one before:
    # met dates are therefore always the first few.
    met: list[Progress] = []
    for entry in history:
        if (
            entry.status == "complete"
            and len(met) < len(dues)
            and (not met or entry.date > dues[len(met) - 1])
        ):
            met.append(entry)
    latest = history[-1].status if history else None
    return Assessment(as_of, _status(latest, dues, len(met), as_of), dues, met, history)


def may_be_overdue(due_dates: Sequence[date], as_of: date) -> bool:
    """False when no due date is before `as_of`: then the action is not overdue, whatever its
    progress says, and `assess` need not be asked (a quick test for lists of what is late)."""
    return bool(due_dates) and min(due_dates) < as_of


def _status(latest: str | None, dues: Sequence[date], unmet: int, as_of: date) -> Status:
    if latest == "withdrawn":
        return Status.WITHDRAWN
    if (dues and unmet == len(dues)) or (not dues and latest == "complete"):
        return Status.COMPLETE
    if unmet < len(dues) and dues[unmet] < as_of:
        return Status.OVERDUE
    if latest == "off-track":
        return Status.OFF_TRACK
    if latest == "at-risk":
        return Status.AT_RISK
    if latest in ("on-track", "complete"):
        return Status.ON_TRACK
    return Status.NOT_STARTED


# -- "You said, we did" ---------------------------------------------------------------------


@dataclass(slots=True, unsafe_hash=True)
class ItemState:
    """An item as it stood on a date: answered later means still in progress then."""

    as_of: date
    status: str
    respond_by: date | None

    @property
    def late(self) -> bool:
        return (
            self.respond_by is not None
            and self.respond_by < self.as_of
            and self.status in ("open", "in-progress")
        )

    @property
    def days_late(self) -> int | None:
        return (self.as_of - self.respond_by).days if self.respond_by is not None else None

    @property
    def answered(self) -> bool:
        return self.status in ("done", "not-possible")


def item_counts(item: Item, as_of: date) -> bool:
    """Items raised after the as-of date are not yet known; one with no raised date always is."""
    return item.raised is None or item.raised <= as_of


def item_state(item: Item, as_of: date) -> ItemState:
    status = item.status
    if item.responded is not None and as_of < item.responded and status != "open":
        status = "in-progress"
    return ItemState(as_of, status, item.respond_by)


# -- indicators -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorRating:
    latest: Point | None
    rag: Rag | None  # None: not rated
    trend: str | None  # "improving", "worsening", "no change", or None with fewer than two values

    @property
    def rag_label(self) -> str:
        return self.rag.label if self.rag else "Not rated"


def rate_indicator(indicator: Indicator, as_of: date) -> IndicatorRating:
    actuals = sorted((p for p in indicator.actuals if p.date <= as_of), key=lambda p: p.date)
    latest = actuals[-1] if actuals else None
    values = ([indicator.baseline] if indicator.baseline and indicator.baseline.date <= as_of
              else []) + actuals  # fmt: skip
    values.sort(key=lambda p: p.date)
    return IndicatorRating(latest, _indicator_rag(indicator, latest), _trend(indicator, values))


def _indicator_rag(indicator: Indicator, latest: Point | None) -> Rag | None:
    target = indicator.target
    if target is None or latest is None:
        return None
    value = latest.value
    shortfall = target - value if indicator.higher_is_better else value - target
    if shortfall <= 0:  # figures written alike are equal floats: this needs no decimals
        return Rag.GREEN
    percent = (indicator.unit or "").strip() == "%"
    tolerance = 5.0 if percent else abs(target) * 0.05
    if abs(shortfall - tolerance) > 1e-9 * max(abs(target), abs(value), 1.0):
        return Rag.AMBER if shortfall < tolerance else Rag.RED
    # At the edge, in decimals as the figures are written: in binary floating point,
    # 65.4 - 60.4 is a little over 5.
    goal, actual = _decimal(target), _decimal(value)
    exact = goal - actual if indicator.higher_is_better else actual - goal
    return Rag.AMBER if exact <= (5 if percent else abs(goal) * _decimal(0.05)) else Rag.RED


def _decimal(figure: float) -> Decimal:
    from decimal import Decimal

    return Decimal(repr(figure))  # the shortest decimal that is this float: the one written


def _trend(indicator: Indicator, values: list[Point]) -> str | None:
    if len(values) < 2:
        return None
    change = values[-1].value - values[-2].value  # zero only for figures written alike
    if change == 0:
        return "no change"
    better = change > 0 if indicator.higher_is_better else change < 0
    return "improving" if better else "worsening"
