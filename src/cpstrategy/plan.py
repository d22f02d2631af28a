"""A loaded data folder: strategies, actions, "You said, we did" items and boards, each with the
place it is written, so every later message can point at a file and line.

Records are built for every action on every command: plain slotted dataclasses build four times
faster than frozen ones. Treat them as read-only all the same (they hash by value).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .models import Action, Board, Item, Priority, Strategy
from .timescales import Schedule, due_dates


@dataclass(slots=True, unsafe_hash=True)
class StrategyRecord:
    strategy: Strategy
    file: Path

    @property
    def id(self) -> str:
        return self.strategy.id

    def in_period(self, as_of: date) -> bool:
        period = self.strategy.period
        return period.start <= as_of and (period.end is None or as_of <= period.end)

    def priority(self, priority_id: str) -> Priority | None:
        return next((p for p in self.strategy.priorities if p.id == priority_id), None)


@dataclass(slots=True, unsafe_hash=True)
class ActionRecord:
    action: Action
    strategy: StrategyRecord
    priority: Priority
    schedule: Schedule | None
    file: Path
    index: int  # position in the file's `actions` list

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("actions", self.index)

    def due_dates(self, as_of: date) -> list[date]:
        if self.action.due is not None:
            return sorted(set(self.action.due))  # a date written twice is one due date
        period = self.strategy.strategy.period
        return due_dates(self.schedule, period.start, period.end, as_of)


@dataclass(slots=True, unsafe_hash=True)
class ItemRecord:
    item: Item
    file: Path
    index: int

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("items", self.index)


@dataclass(slots=True)
class Plan:
    data_dir: Path
    strategies: dict[str, StrategyRecord] = field(default_factory=dict)
    actions: list[ActionRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    boards: list[Board] = field(default_factory=list)

    def find_action(self, action_id: str) -> ActionRecord | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def find_item(self, item_id: str) -> ItemRecord | None:
        return next((i for i in self.items if i.id == item_id), None)

    def all_ids(self) -> list[str]:
        return [*self.strategies, *(a.id for a in self.actions), *(i.id for i in self.items)]
