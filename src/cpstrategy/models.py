"""The data files' shapes: strategies, action plans, "You said, we did", boards.

Plain dataclasses with slots, so that the everyday path (a warm cache) builds them without
importing pydantic, and quickly (frozen ones cost three times as much to build); treat them as
read-only all the same (they hash by value, as frozen ones would). pydantic validates files into
these same classes (see `validation`): the markers in the annotations tell it how, and each
field's docstring is its description in the JSON Schema. References between files are checked
in `loading`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema

PROGRESS_STATUSES = ("not-started", "on-track", "at-risk", "off-track", "complete", "withdrawn")
ITEM_STATUSES = ("open", "in-progress", "done", "not-possible")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # no week dates or times
_KNOWN_DATES: dict[str, dt.date] = {}  # IsoDate.parse's answers, by the text of each date
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
ID_RULE = "may hold only letters A-Z, digits, '.', '_' and '-', and starts with a letter or digit"
_ID = re.compile(ID_PATTERN)


def yaml_key(name: str) -> str:
    """The key a field is written as: `from` is a Python keyword, so its field is `from_`."""
    return name[:-1] if name.endswith("_") else name


# How pydantic reads every class below: unknown keys are errors, and numbers are read as text
# where text is expected (`timescale: 2019`). For JSON Schema, `validation.adapter` also has the
# attribute docstrings describe the fields.
CONFIG = {
    "extra": "forbid",  # reported as one of UNKNOWN_KEY
    "coerce_numbers_to_str": True,
    "allow_inf_nan": False,  # a figure is a number: not nan, and not inf (nor 1 with 400 zeros)
    "use_attribute_docstrings": False,
    "alias_generator": yaml_key,
}
# The error types pydantic gives an unknown key (of a model, of a dataclass).
UNKNOWN_KEY = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


# -- markers: how pydantic validates a field, without this module importing pydantic ----------


class IsoDate:
    """A date written YYYY-MM-DD that exists; YAML's own dates stay text until here."""

    @staticmethod
    def parse(value: Any) -> dt.date:
        if type(value) is str and (known := _KNOWN_DATES.get(value)) is not None:
            return known  # a plan's dates are the same few hundred days, again and again
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise _mistake("date_not_real", "{text} is not a real date", value) from None
            if len(_KNOWN_DATES) >= 100_000:
                _KNOWN_DATES.clear()
            _KNOWN_DATES[value] = day
            return day
        raise _mistake("date_format", "expected a date as YYYY-MM-DD, not {text}", value)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(cls.parse, handler(source))


MAX_ID_LENGTH = 64


class Id:
    """A short id: letters, digits, '.', '_' and '-', at most MAX_ID_LENGTH of them."""

    @staticmethod
    def parse(value: Any) -> Any:
        if type(value) is str and len(value) <= MAX_ID_LENGTH and _ID.fullmatch(value):
            return value  # most ids
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and not _ID.fullmatch(value):
            message = f"id {{text}} {ID_RULE}"
            raise _mistake("id_format", message, value)
        if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
            message = f"id {{text}} is longer than {MAX_ID_LENGTH} characters"
            raise _mistake("id_format", message, value)
        return value

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        text = core_schema.str_schema(min_length=1, max_length=MAX_ID_LENGTH, pattern=ID_PATTERN)
        return core_schema.no_info_before_validator_function(cls.parse, text)


def _mistake(kind: str, message: str, value: Any) -> Exception:
    """pydantic's error for a value a marker refuses, `{text}` in `message` naming it. Imported
    only here: the markers run for every value of a plan, and mistakes are rare."""
    from pydantic_core import PydanticCustomError

    from .sources import describe_value

    return PydanticCustomError(kind, message, {"text": describe_value(value)})


class Text:
    """Text that is not empty or only spaces."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.str_schema(min_length=1, pattern=NOT_BLANK)


NOT_BLANK = r"^\s*\S"  # a character that is not a space


class Figure:
    """A number; not true or false, which pydantic would read as 1 and 0."""

    @staticmethod
    def parse(value: Any) -> Any:
        if isinstance(value, bool):
            raise _mistake("float_type", "expected a number, not {text}", value)
        return value

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(cls.parse, handler(source))


class Flag:
    """true or false, and nothing pydantic would read as one ("yes" in quotes, 1, "off")."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.bool_schema(strict=True)


class NonEmpty:
    """A list with at least one entry."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        schema["min_length"] = 1  # type: ignore[typeddict-unknown-key]
        return schema


class Blank:
    """An optional list whose key is written with no value (`measures:`): no entries, as when
    the key is left out. A plan's gaps are warned about, not refused (spec §1)."""

    @staticmethod
    def parse(value: Any) -> Any:
        return [] if value is None else value

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(cls.parse, handler(source))

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"anyOf": [handler(schema), {"type": "null"}]}


class OneOrMany(Blank):
    """A list that may be written as its one entry (`lead: Virtual School`), or with no value."""

    @staticmethod
    def parse(value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        many = handler(schema)
        return {"anyOf": [many.get("items", {}), many, {"type": "null"}]}


class TextOrIndicator:
    """A success measure: text, or a mapping that is a measurable indicator."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.tagged_union_schema(
            {
                "text": core_schema.str_schema(min_length=1),
                "indicator": handler.generate_schema(Indicator),
            },
            discriminator=cls.tag,
        )

    @staticmethod
    def tag(value: Any) -> str:
        return "indicator" if isinstance(value, dict | Indicator) else "text"


Date = Annotated[dt.date, IsoDate]
IdText = Annotated[str, Id]
NonEmptyText = Annotated[str, Text]
Number = Annotated[float, Figure]
Boolean = Annotated[bool, Flag]


# -- the files --------------------------------------------------------------------------------


@dataclass(slots=True, unsafe_hash=True)
class Period:
    __pydantic_config__ = CONFIG

    start: Date
    """The first day of the strategy."""
    end: Date | None = None
    """The last day of the strategy; left out while it has no end date."""


@dataclass(slots=True, unsafe_hash=True)
class Theme:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique within the strategy."""
    title: NonEmptyText
    """The theme as the plan words it."""


@dataclass(slots=True, unsafe_hash=True)
class Priority:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique within the strategy."""
    title: NonEmptyText
    """The priority as the plan words it."""
    summary: str | None = None
    """Why this priority matters."""
    outcomes: Annotated[list[NonEmptyText], Blank] = field(default_factory=list)
    """"What difference will it make?"."""
    themes: Annotated[list[Theme], Blank] = field(default_factory=list)
    """The "Priority" column of the action plan table."""


@dataclass(slots=True, unsafe_hash=True)
class Strategy:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique across the data folder."""
    title: NonEmptyText
    """The strategy's title."""
    period: Period
    """The dates the strategy covers."""
    priorities: Annotated[list[Priority], NonEmpty]
    """The strategy's priorities, in the plan's order."""
    owner: str | None = None
    """The board or body that owns the strategy."""
    superseded_by: Annotated[list[IdText], Blank] = field(default_factory=list)
    """Ids of the strategies that replace this one."""


@dataclass(slots=True, unsafe_hash=True)
class Point:
    __pydantic_config__ = CONFIG

    date: Date
    """The date the value was true."""
    value: Number
    """The measured value."""


@dataclass(slots=True, unsafe_hash=True)
class Comparator:
    __pydantic_config__ = CONFIG

    name: NonEmptyText
    """Whose figure: "England", "Statistical neighbours" ..."""
    date: Date
    """The date the figure was true."""
    value: Number
    """The published figure."""


@dataclass(slots=True, unsafe_hash=True)
class Indicator:
    __pydantic_config__ = CONFIG

    text: NonEmptyText
    """The success measure as the plan words it."""
    target: Number | None = None
    """The figure that counts as success."""
    unit: str | None = None
    """The unit of the figures, such as "%" or "days"."""
    higher_is_better: Boolean = True
    """False when a lower figure is better."""
    baseline: Point | None = None
    """The figure before the plan began."""
    actuals: Annotated[list[Point], Blank] = field(default_factory=list)
    """Figures measured since."""
    comparators: Annotated[list[Comparator], Blank] = field(default_factory=list)
    """Published benchmarks for the same periods."""


Measure = Annotated[str | Indicator, TextOrIndicator]


@dataclass(slots=True, unsafe_hash=True)
class Progress:
    __pydantic_config__ = CONFIG

    date: Date
    """When the progress was reported."""
    status: Literal["not-started", "on-track", "at-risk", "off-track", "complete", "withdrawn"]
    """not-started, on-track, at-risk, off-track, complete or withdrawn."""
    note: str | None = None
    """What happened."""
    by: str | None = None
    """Who reported it."""


@dataclass(slots=True, unsafe_hash=True)
class Action:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique across the data folder."""
    activity: NonEmptyText
    """What will be done, as the plan words it."""
    priority: IdText | None = None
    """The priority id; defaults to the file's."""
    theme: IdText | None = None
    """A theme id of the action's priority."""
    lead: Annotated[list[NonEmptyText], OneOrMany] = field(default_factory=list)
    """The lead services."""
    timescale: str | None = None
    """The plan's own words, such as 'April 2017' or 'Quarterly'."""
    due: list[Date] | None = None
    """Explicit due dates; when given, the timescale is only a label."""
    measures: Annotated[list[Measure], Blank] = field(default_factory=list)
    """Success measures: text, or measurable indicators."""
    progress: Annotated[list[Progress], Blank] = field(default_factory=list)
    """Progress reports, in any order."""


@dataclass(slots=True, unsafe_hash=True)
class ActionsFile:
    __pydantic_config__ = CONFIG

    actions: list[Action]
    """The actions."""
    strategy: IdText | None = None
    """The strategy id; must be the folder's."""
    priority: IdText | None = None
    """The default priority for this file's actions."""


@dataclass(slots=True, unsafe_hash=True)
class Item:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique across the data folder."""
    you_said: NonEmptyText
    """What the children and young people said."""
    status: Literal["open", "in-progress", "done", "not-possible"]
    """open, in-progress, done or not-possible."""
    raised: Date | None = None
    """When the children raised it."""
    from_: str | None = None
    """Who raised it."""
    we_did: str | None = None
    """What was done, or why it is not possible."""
    respond_by: Date | None = None
    """When an answer is promised by."""
    responded: Date | None = None
    """When the answer went back to the young people."""
    actions: Annotated[list[IdText], Blank] = field(default_factory=list)
    """Ids of related actions."""
    public: Boolean = False
    """Only public items reach the young people's report."""


@dataclass(slots=True, unsafe_hash=True)
class ItemsFile:
    __pydantic_config__ = CONFIG

    items: list[Item]
    """"You said, we did" items."""


@dataclass(slots=True, unsafe_hash=True)
class Board:
    __pydantic_config__ = CONFIG

    id: IdText
    """Short id, unique among the boards."""
    name: NonEmptyText
    """The board's name."""
    meetings: Annotated[list[Date], Blank] = field(default_factory=list)
    """Meeting dates."""


@dataclass(slots=True, unsafe_hash=True)
class BoardsFile:
    __pydantic_config__ = CONFIG

    boards: list[Board]
    """The boards and their meetings."""


FileModel = Strategy | ActionsFile | ItemsFile | BoardsFile
