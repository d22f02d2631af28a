"""The command line: parse arguments, read the clock, environment and terminal, call the core,
print, and choose the exit code. No rule lives here.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__
from .problems import DataError

if TYPE_CHECKING:
    from .loading import Loaded
    from .plan import ActionRecord
    from .rules import Assessment
    from .views import Scope

app = typer.Typer(
    name="cpstrategy",
    help="Keep a corporate parenting strategy and its action plan honest: check the YAML, "
    "see where things stand, and list what is late.",
    epilog="Example: cpstrategy --as-of 2018-09-30 status",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class RagColour(StrEnum):
    blue = "blue"
    green = "green"
    amber = "amber"
    red = "red"
    grey = "grey"


@dataclass(slots=True)
class Settings:
    data_dir: Path
    as_of: date
    cache_dir: Path | None = None  # None: read every file afresh


def _cache_dir(no_cache: bool) -> Path | None:
    """The user's cache folder for cpstrategy, unless caching is turned off."""
    if no_cache or os.environ.get("CPSTRATEGY_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cpstrategy"


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date as YYYY-MM-DD") from None


def _version(value: bool) -> None:
    if value:
        print(f"cpstrategy {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="CPSTRATEGY_DATA",
            help="The data folder (default: $CPSTRATEGY_DATA, else ./data).",
            show_default=False,
            metavar="DIR",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Answer as of this date, YYYY-MM-DD (default: today).",
            metavar="DATE",
            callback=_parse_date,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file afresh (also CPSTRATEGY_NO_CACHE=1). The cache lives in "
            "$XDG_CACHE_HOME/cpstrategy and is keyed by each file's bytes.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    ctx.obj = Settings(
        data or Path("data"),
        as_of or date.today(),  # type: ignore[arg-type]
        _cache_dir(no_cache),
    )


# -- shared steps ---------------------------------------------------------------------------

StrategyOpt = Annotated[
    list[str] | None,
    typer.Option("--strategy", help="Only this strategy (repeatable).", metavar="ID"),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Every strategy, whatever its period.")]
PriorityOpt = Annotated[
    str | None, typer.Option("--priority", help="Only this priority id.", metavar="ID")
]
LeadOpt = Annotated[
    str | None,
    typer.Option("--lead", help="Only actions with a lead containing TEXT.", metavar="TEXT"),
]


def _settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj  # type: ignore[no-any-return]


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 action', '3 actions'."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")


def _load(settings: Settings, *, show_warnings: bool = False) -> Loaded:
    """Load the data folder; on errors print them all and exit 1."""
    from .loading import load

    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise DataError(
            f"no data folder at '{data_dir}'",
            "point at one with --data DIR (or CPSTRATEGY_DATA), "
            "or start one with cpstrategy init DIR",
        )
    loaded = load(data_dir, settings.cache_dir)
    errors = loaded.errors
    shown = loaded.problems if show_warnings else errors
    for problem in loaded.located(shown):
        _stderr(problem.format())
    if errors:
        count = len(errors)
        _stderr(f"{count} error{'s' if count != 1 else ''} in {data_dir}")
        raise typer.Exit(1)
    if not show_warnings and loaded.warnings:
        count = len(loaded.warnings)
        _stderr(f"{count} data-quality warning{'s' if count != 1 else ''}; run cpstrategy validate")
    return loaded


def _scope(loaded: Loaded, settings: Settings, strategy: list[str] | None, everything: bool
           ) -> Scope:  # fmt: skip
    from .views import select_scope

    scope = select_scope(loaded.plan, settings.as_of, strategy or (), everything)
    if not scope.strategies:
        if scope.chosen:
            _stderr("no strategies in the data folder")
        else:
            _stderr(
                f"no strategy is in its period on {settings.as_of}; "
                "use --all, --strategy ID, or --as-of DATE"
            )
    return scope


def _terminal() -> tuple[bool, bool]:
    """(is stdout a terminal, may we use colour)."""
    terminal = sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return terminal, color


# -- commands -------------------------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check every file: all errors and data-quality warnings, with FILE:LINE.

    Exits 1 on errors (and, with --strict, on warnings).

    Example: cpstrategy validate --strict
    """
    settings = _settings(ctx)
    loaded = _load(settings, show_warnings=True)
    plan = loaded.plan
    warnings = len(loaded.warnings)
    print(
        f"{settings.data_dir}: {counted(len(plan.strategies), 'strategy', 'strategies')}, "
        f"{counted(len(plan.actions), 'action')}, {counted(len(plan.items), 'item')}; "
        f"no errors, {counted(warnings, 'warning')}"
    )
    if strict and warnings:
        raise typer.Exit(1)


@app.command()
def status(
    ctx: typer.Context,
    strategy: StrategyOpt = None,
    all_: AllOpt = False,
    priority: PriorityOpt = None,
    lead: LeadOpt = None,
    rag: Annotated[
        RagColour | None, typer.Option("--rag", help="Only actions of this RAG colour.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Where every action stands: status, RAG, next due date and last update.

    Example: cpstrategy --as-of 2018-09-30 status --priority good-parenting
    """
    from .output import write_csv, write_json
    from .rules import Rag
    from .views import STATUS_KEYS, check_priority, status_entries, status_row

    settings = _settings(ctx)
    loaded = _load(settings)
    scope = _scope(loaded, settings, strategy, all_)
    check_priority(loaded.plan, scope, priority)
    entries = status_entries(
        loaded.plan, scope, settings.as_of, priority, lead, Rag(rag.value) if rag else None
    )
    if fmt is Format.json:
        write_json([status_row(r, a) for r, a in entries], sys.stdout)
    elif fmt is Format.csv:
        write_csv([status_row(r, a) for r, a in entries], STATUS_KEYS, sys.stdout)
    elif scope.strategies:
        _status_table(entries, scope, settings)
    if scope.strategies and not any(a.strategy.id in scope.ids for a in loaded.plan.actions):
        _stderr(
            f"the strategies in scope ({', '.join(sorted(scope.ids))}) have no actions yet; "
            "use --all, --strategy ID, or --as-of DATE to see others"
        )


def _status_table(entries: list[tuple[ActionRecord, Assessment]], scope: Scope,
                  settings: Settings) -> None:  # fmt: skip
    from collections import Counter

    from .output import RAG_STYLES, Cell, write_table
    from .views import due_label

    if not entries:
        print(f"No actions to show as of {settings.as_of}.")
        return
    terminal, color = _terminal()
    rows = [
        [
            Cell(record.id),
            Cell(assessment.status.label, RAG_STYLES[assessment.rag.value]),
            Cell(assessment.rag.label, RAG_STYLES[assessment.rag.value]),
            Cell(due_label(record, assessment)),
            Cell(assessment.last_update.isoformat() if assessment.last_update else ""),
            Cell("; ".join(record.action.lead)),
            Cell(record.action.activity),
        ]
        for record, assessment in entries
    ]
    counts = Counter(a.status for _, a in entries)
    summary = ", ".join(f"{n} {s.label.lower()}" for s, n in counts.items())
    strategies = ", ".join(s.id for s in scope.strategies)
    write_table(
        ["ID", "Status", "RAG", "Next due", "Last update", "Lead", "Activity"],
        rows,
        sys.stdout,
        terminal=terminal,
        color=color,
        title=f"{strategies} as of {settings.as_of}",
        footer=counted(len(entries), "action") + (f": {summary}" if summary else ""),
    )


@app.command()
def overdue(
    ctx: typer.Context,
    strategy: StrategyOpt = None,
    all_: AllOpt = False,
    priority: PriorityOpt = None,
    lead: LeadOpt = None,
    within: Annotated[
        int | None,
        typer.Option("--within", min=0, help="Also list actions due within DAYS.", metavar="DAYS"),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """What is late: overdue actions and late "You said, we did" items, most overdue first.

    Example: cpstrategy --as-of 2018-09-30 overdue --within 90
    """
    from .output import write_csv, write_json
    from .views import OVERDUE_KEYS, check_priority, overdue_rows

    settings = _settings(ctx)
    loaded = _load(settings)
    scope = _scope(loaded, settings, strategy, all_)
    check_priority(loaded.plan, scope, priority)
    rows = overdue_rows(loaded.plan, scope, settings.as_of, priority, lead, within)
    if fmt is Format.json:
        write_json(rows, sys.stdout)
    elif fmt is Format.csv:
        write_csv(rows, OVERDUE_KEYS, sys.stdout)
    elif rows or scope.strategies:
        _overdue_table(rows, settings, within)


def _overdue_table(rows: list[dict[str, Any]], settings: Settings, within: int | None) -> None:
    from .output import RAG_STYLES, Cell, write_table

    terminal, color = _terminal()
    if not rows:
        print(f"Nothing is overdue as of {settings.as_of}.")
        return

    def days(row: dict[str, Any]) -> Cell:
        n = row["days_overdue"]
        if row["due_soon"]:
            return Cell("due today" if n == 0 else f"in {-n} days", RAG_STYLES["amber"])
        return Cell(f"{n} days late" if n != 1 else "1 day late", RAG_STYLES["red"])

    table_rows = [
        [
            Cell(row["id"]),
            Cell("item" if row["kind"] == "you-said-we-did" else "action"),
            Cell(row["due"] or ""),
            days(row),
            Cell("; ".join(row["lead"])),
            Cell(row["title"]),
        ]
        for row in rows
    ]
    late = sum(not r["due_soon"] for r in rows)
    footer = f"{late} overdue or late"
    if within is not None:
        footer += f"; {len(rows) - late} due within {within} days"
    write_table(
        ["ID", "Kind", "Due", "Overdue", "Lead", "Title"],
        table_rows,
        sys.stdout,
        terminal=terminal,
        color=color,
        title=f"Overdue as of {settings.as_of}",
        footer=footer,
    )


@app.command()
def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An action or item id.")],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
) -> None:
    """One action or item: its fields, each due date met or unmet, its history.

    Example: cpstrategy --as-of 2018-09-30 show GP-01
    """
    from .output import write_json
    from .problems import did_you_mean
    from .views import show_action, show_item

    settings = _settings(ctx)
    loaded = _load(settings)
    plan = loaded.plan
    action = plan.find_action(record_id)
    item = plan.find_item(record_id) if action is None else None
    if action is None and item is None:
        raise DataError(
            f"no action or item '{record_id}'",
            did_you_mean(record_id, [a.id for a in plan.actions] + [i.id for i in plan.items]),
        )
    view = show_action(action, settings.as_of) if action else show_item(item, settings.as_of)  # type: ignore[arg-type]
    if fmt is ShowFormat.json:
        write_json(view, sys.stdout)
    else:
        from .output import write_lines
        from .show import show_lines

        terminal, color = _terminal()
        write_lines(show_lines(view), sys.stdout, terminal=terminal, color=color)


# -- the edge -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and turn every outcome into an exit code."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    # One command, then exit: the cyclic garbage collector would only pause it, again and again,
    # while it builds many small objects that all live until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    from typer._click import exceptions as click_exceptions

    try:
        result = app(args=argv, prog_name="cpstrategy", standalone_mode=False)
    except click_exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    except DataError as exc:
        _stderr(f"cpstrategy: error: {exc.message}" + (f"; {exc.hint}" if exc.hint else ""))
        return 1
    except (KeyboardInterrupt, click_exceptions.Abort):
        _stderr("cpstrategy: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: no traceback, no data on screen
        _stderr(f"cpstrategy: internal error ({type(exc).__name__}); please report it")
        return 1
    return result if isinstance(result, int) else 0
