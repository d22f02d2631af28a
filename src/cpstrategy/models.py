"""Pydantic models of the data files: strategies, action plans, "You said, we did", boards.

The models check one file's shape; references between files are checked in `loading`. Field
descriptions feed the JSON Schema that editors use, so every field has one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)
from pydantic_core import PydanticCustomError

from .yamlsource import describe_value

PROGRESS_STATUSES = ("not-started", "on-track", "at-risk", "off-track", "complete", "withdrawn")
ITEM_STATUSES = ("open", "in-progress", "done", "not-possible")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # no week dates or times
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _iso_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_not_real", "{text} is not a real date", {"text": describe_value(value)}
            ) from None
    raise PydanticCustomError(
        "date_format", "expected a date as YYYY-MM-DD, not {text}", {"text": describe_value(value)}
    )


def _id(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not _ID.fullmatch(value):
        raise PydanticCustomError(
            "id_format",
            "id {text} may hold only letters, digits, '.', '_' and '-'",
            {"text": describe_value(value)},
        )
    return value


def _as_list(value: Any) -> Any:
    """`lead: Virtual School` is read as a one-item list."""
    return [value] if isinstance(value, str) else value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Id = Annotated[str, BeforeValidator(_id), Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True
    )


class Period(Model):
    start: IsoDate = Field(description="The first day of the strategy.")
    end: IsoDate | None = Field(
        None, description="The last day of the strategy; left out while it has no end date."
    )


class Theme(Model):
    id: Id = Field(description="Short id, unique within the strategy.")
    title: Text = Field(description="The theme as the plan words it.")


class Priority(Model):
    id: Id = Field(description="Short id, unique within the strategy.")
    title: Text = Field(description="The priority as the plan words it.")
    summary: str | None = Field(None, description="Why this priority matters.")
    outcomes: list[Text] = Field(
        default_factory=list, description='"What difference will it make?"'
    )
    themes: list[Theme] = Field(
        default_factory=list, description='The "Priority" column of the action plan table.'
    )


class Strategy(Model):
    id: Id = Field(description="Short id, unique across the data folder.")
    title: Text = Field(description="The strategy's title.")
    period: Period = Field(description="The dates the strategy covers.")
    owner: str | None = Field(None, description="The board or body that owns the strategy.")
    superseded_by: list[Id] = Field(
        default_factory=list, description="Ids of the strategies that replace this one."
    )
    priorities: list[Priority] = Field(
        min_length=1, description="The strategy's priorities, in the plan's order."
    )


class Point(Model):
    date: IsoDate = Field(description="The date the value was true.")
    value: float = Field(description="The measured value.")


class Comparator(Model):
    name: Text = Field(description='Whose figure: "England", "Statistical neighbours" ...')
    date: IsoDate = Field(description="The date the figure was true.")
    value: float = Field(description="The published figure.")


class Indicator(Model):
    text: Text = Field(description="The success measure as the plan words it.")
    target: float | None = Field(None, description="The figure that counts as success.")
    unit: str | None = Field(None, description='The unit of the figures, such as "%" or "days".')
    higher_is_better: bool = Field(True, description="False when a lower figure is better.")
    baseline: Point | None = Field(None, description="The figure before the plan began.")
    actuals: list[Point] = Field(default_factory=list, description="Figures measured since.")
    comparators: list[Comparator] = Field(
        default_factory=list, description="Published benchmarks for the same periods."
    )


def _measure_kind(value: Any) -> str:
    return "indicator" if isinstance(value, dict | Indicator) else "text"


Measure = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Indicator, Tag("indicator")],
    Discriminator(_measure_kind),
]


class Progress(Model):
    date: IsoDate = Field(description="When the progress was reported.")
    status: Literal[PROGRESS_STATUSES] = Field(  # type: ignore[valid-type]
        description="not-started, on-track, at-risk, off-track, complete or withdrawn."
    )
    note: str | None = Field(None, description="What happened.")
    by: str | None = Field(None, description="Who reported it.")


class Action(Model):
    id: Id = Field(description="Short id, unique across the data folder.")
    priority: Id | None = Field(None, description="The priority id; defaults to the file's.")
    theme: Id | None = Field(None, description="A theme id of the action's priority.")
    activity: Text = Field(description="What will be done, as the plan words it.")
    lead: Annotated[list[Text], BeforeValidator(_as_list)] = Field(
        default_factory=list, description="The lead services."
    )
    timescale: str | None = Field(
        None, description="The plan's own words, such as 'April 2017' or 'Quarterly'."
    )
    due: list[IsoDate] | None = Field(
        None, description="Explicit due dates; when given, the timescale is only a label."
    )
    measures: list[Measure] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Success measures: text, or measurable indicators."
    )
    progress: list[Progress] = Field(
        default_factory=list, description="Progress reports, in any order."
    )


class ActionsFile(Model):
    strategy: Id | None = Field(None, description="The strategy id; must be the folder's.")
    priority: Id | None = Field(None, description="The default priority for this file's actions.")
    actions: list[Action] = Field(description="The actions.")


class Item(Model):
    id: Id = Field(description="Short id, unique across the data folder.")
    raised: IsoDate | None = Field(None, description="When the children raised it.")
    from_: str | None = Field(None, alias="from", description="Who raised it.")
    you_said: Text = Field(description="What the children and young people said.")
    we_did: str | None = Field(None, description="What was done, or why it is not possible.")
    status: Literal[ITEM_STATUSES] = Field(  # type: ignore[valid-type]
        description="open, in-progress, done or not-possible."
    )
    respond_by: IsoDate | None = Field(None, description="When an answer is promised by.")
    responded: IsoDate | None = Field(
        None, description="When the answer went back to the young people."
    )
    actions: list[Id] = Field(default_factory=list, description="Ids of related actions.")
    public: bool = Field(False, description="Only public items reach the young people's report.")


class ItemsFile(Model):
    items: list[Item] = Field(description='"You said, we did" items.')


class Board(Model):
    id: Id = Field(description="Short id, unique among the boards.")
    name: Text = Field(description="The board's name.")
    meetings: list[IsoDate] = Field(default_factory=list, description="Meeting dates.")


class BoardsFile(Model):
    boards: list[Board] = Field(description="The boards and their meetings.")
