"""The command line: parse arguments, read the clock, environment and terminal, call the core,
print, and choose the exit code. No rule lives here.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, NoReturn, TextIO

import typer
import typer.main
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperGroup
from typer.models import CommandInfo

from . import __version__
from .problems import DataError, Problem, counted

if TYPE_CHECKING:
    from .loading import Loaded
    from .plan import ActionRecord
    from .rules import Assessment
    from .views import Scope


class _LazyGroup(TyperGroup):
    """The commands, each built from its function only when it is run or listed: building all
    of them up front cost every run some 13 ms."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [_command_name(info) for info in commands.registered_commands]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands:
            for info in commands.registered_commands:
                if _command_name(info) == cmd_name:
                    self.commands[cmd_name] = typer.main.get_command_from_info(
                        info, pretty_exceptions_short=False, rich_markup_mode=None
                    )
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """--help lists each command with its summary (set below, for every command) without
        building any of them."""
        rows = [
            (_command_name(info), (info.short_help or "").strip())
            for info in commands.registered_commands
            if not info.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        if args and self.get_command(ctx, args[0]) is None:  # a typo: "did you mean" needs all
            for name in self.list_commands(ctx):
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


def _command_name(info: CommandInfo) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]


# The commands are registered here, and built by `_LazyGroup` as they are needed.
commands = typer.Typer()
app = typer.Typer(
    cls=_LazyGroup,
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


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


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
    off = os.environ.get("CPSTRATEGY_NO_CACHE", "").strip().lower()
    if no_cache or off not in ("", "0", "false", "no", "off"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative, which the XDG spec says to ignore
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME, and a user the system does not list (a container's)
            return None
    return Path(base) / "cpstrategy"


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    digits = value[:4] + value[5:7] + value[8:]
    written = (  # YYYY-MM-DD, not 20180101 or week dates
        len(value) == 10 and value[4] == "-" and value[7] == "-" and digits.isascii()
        and digits.isdigit()
    )  # fmt: skip
    try:
        if written:
            return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date that exists") from None
    raise typer.BadParameter(f"'{value}' is not a date as YYYY-MM-DD")


def _version(value: bool) -> None:
    if value:
        print(f"cpstrategy {__version__}")
        raise typer.Exit()


def _not_empty(value: str | None) -> str | None:
    """`--data ""` (a variable left unset in a script) is a mistake, not the current folder."""
    if value is not None and not value.strip():
        raise typer.BadParameter("is empty; give the data folder, such as --data data")
    return value


@app.callback()
def global_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="CPSTRATEGY_DATA",
            help="The data folder (default: $CPSTRATEGY_DATA, else ./data).",
            show_default=False,
            metavar="DIR",
            callback=_not_empty,
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
        Path(data or "data"),
        as_of or date.today(),  # type: ignore[arg-type]
        _cache_dir(no_cache),
    )


# -- shared steps ---------------------------------------------------------------------------


def _one_scope(ctx: typer.Context, value: Any) -> Any:
    """`--strategy` and `--all` are two ways to choose the scope: one of them, not both (click
    reads options in the order they are written, so each checks for the other)."""
    if value and ctx.params.get("strategy" if isinstance(value, bool) else "all_"):
        raise typer.BadParameter("use --strategy ID or --all, not both")
    return value


StrategyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--strategy",
        help="Only this strategy (repeatable). Without it or --all: the strategies whose "
        "period holds the as-of date.",
        metavar="ID",
        callback=_one_scope,
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="Every strategy, whatever its period.", callback=_one_scope),
]
PriorityOpt = Annotated[
    str | None, typer.Option("--priority", help="Only this priority id.", metavar="ID")
]
LeadOpt = Annotated[
    str | None,
    typer.Option("--lead", help="Only actions with a lead containing TEXT.", metavar="TEXT"),
]


def _settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj  # type: ignore[no-any-return]


def _stderr(text: str) -> None:
    """A line on stderr. A name the system gave in bytes that are not UTF-8 is shown escaped;
    a stderr that cannot be written (`2>/dev/full`) loses the line, never the command's work."""
    line = text.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line)


# What a command built, kept until the process exits (main): freeing a large plan object by
# object as the command returns would only make the user wait (25 ms at 10,000 actions).
_KEPT: list[object] = []


def _load(
    settings: Settings, *, show_warnings: bool = False, count_warnings: bool = True
) -> Loaded:
    """Load the data folder; on errors print them all and exit 1. Without `count_warnings`, the
    caller reports the warnings (of the data as it will be) itself."""
    from .loading import load

    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise DataError(
            f"no data folder at '{data_dir}'",
            "point at one with --data DIR (or CPSTRATEGY_DATA), "
            "or start one with cpstrategy init DIR",
        )
    loaded = load(data_dir, settings.cache_dir)
    _KEPT.append(loaded)
    errors = loaded.errors
    shown = loaded.problems if show_warnings else errors
    for problem in _reading_order(loaded.located(shown)):
        _stderr(problem.format())
    if errors:
        count = len(errors) + sum(p.unshown for p in errors)
        _stderr(f"{count:,} error{'s' if count != 1 else ''} in {data_dir}")
        raise typer.Exit(1)
    if not show_warnings and count_warnings and (count := len(loaded.problems) - len(errors)):
        _stderr(f"{count} data-quality warning{'s' if count != 1 else ''}; run cpstrategy validate")
    return loaded


def _reading_order(problems: list[Problem]) -> list[Problem]:
    """Errors, then warnings; the files in the order their first problem was found (a strategy's
    before the actions it makes doubtful), and each file's in the order of its lines, with the
    line saying that more are not shown last."""
    from .loading import MEND_THESE_FIRST

    first: dict[Path, int] = {}
    for problem in problems:
        first.setdefault(problem.file, len(first))
    return sorted(
        problems,
        key=lambda p: (
            not p.is_error,
            first[p.file],
            p.message.endswith(MEND_THESE_FIRST),
            p.line or 0,
        ),
    )


def _scope(loaded: Loaded, settings: Settings, strategy: list[str] | None, everything: bool
           ) -> Scope:  # fmt: skip
    from .views import select_scope

    scope = select_scope(loaded.plan, settings.as_of, strategy or (), everything)
    if not scope.strategies:
        if scope.chosen or not loaded.plan.strategies:
            _stderr("no strategies in the data folder")
        else:
            _stderr(
                f"no strategy is in its period on {settings.as_of}; "
                "use --all, --strategy ID, or --as-of DATE"
            )
    return scope


def _say_if_no_actions(loaded: Loaded, scope: Scope) -> None:
    if scope.strategies and not any(a.strategy.id in scope.ids for a in loaded.plan.actions):
        _stderr(
            f"the strategies in scope ({', '.join(sorted(scope.ids))}) have no actions yet; "
            "use --all, --strategy ID, or --as-of DATE to see others"
        )


def _terminal() -> tuple[bool, bool]:
    """(is stdout a terminal, may we use colour)."""
    terminal = sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return terminal, color


def _file_name(value: str) -> Path:
    """--output FILE as typed: a name ending in a slash is a folder's, whether or not it exists
    (a Path would drop the slash, and the report would be written to a file of that name)."""
    if value.endswith(("/", os.sep)):
        raise typer.BadParameter(f"'{value}' is a folder; give a file name")
    return Path(value)


def _check_output(output: Path | None, what: str) -> None:
    """Refuse an --output that cannot be the file to write (wrong usage, exit 2): a folder, a
    file in a folder that is not there, or a YAML file (a data file, maybe). `what` says what
    the file should be."""
    if output is not None and output.suffix.lower() in (".yaml", ".yml"):
        raise typer.BadParameter(f"'{output}' is a YAML file name; {what}", param_hint="'--output'")
    if output is not None and output.is_dir():
        raise typer.BadParameter(
            f"'{output}' is a folder; give a file name", param_hint="'--output'"
        )
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(
            f"no folder '{output.parent}' to write {output.name} into", param_hint="'--output'"
        )


# -- commands -------------------------------------------------------------------------------


@commands.command()
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
        _stderr(f"{counted(warnings, 'warning')}, and --strict fails on warnings")
        raise typer.Exit(1)


@commands.command()
def status(
    ctx: typer.Context,
    strategy: StrategyOpt = None,
    all_: AllOpt = False,
    priority: PriorityOpt = None,
    lead: LeadOpt = None,
    rag: Annotated[
        RagColour | None,
        typer.Option("--rag", help="Only actions of this RAG colour.", case_sensitive=False),
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
    if note := check_priority(loaded.plan, scope, priority):
        _stderr(note)
    entries = status_entries(
        loaded.plan, scope, settings.as_of, priority, lead, Rag(rag.value) if rag else None
    )
    if fmt is Format.json:
        write_json([status_row(r, a) for r, a in entries], sys.stdout)
    elif fmt is Format.csv:
        write_csv([status_row(r, a) for r, a in entries], STATUS_KEYS, sys.stdout)
    elif scope.strategies:
        _status_table(entries, scope, settings)
    _say_if_no_actions(loaded, scope)


def _status_table(entries: list[tuple[ActionRecord, Assessment]], scope: Scope,
                  settings: Settings) -> None:  # fmt: skip
    from collections import Counter

    from .output import RAG_STYLES, Cell, write_table
    from .rules import STATUS_ORDER
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
    summary = ", ".join(f"{counts[s]} {s.label.lower()}" for s in STATUS_ORDER if counts[s])
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


@commands.command()
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
    if note := check_priority(loaded.plan, scope, priority):
        _stderr(note)
    rows = overdue_rows(loaded.plan, scope, settings.as_of, priority, lead, within)
    _say_if_no_actions(loaded, scope)
    if fmt is Format.json:
        write_json(rows, sys.stdout)
    elif fmt is Format.csv:
        write_csv(rows, OVERDUE_KEYS, sys.stdout)
    elif rows or scope.strategies:
        _overdue_table(rows, settings, within)


def _overdue_table(rows: list[dict[str, Any]], settings: Settings, within: int | None) -> None:
    from .output import RAG_STYLES, Cell, write_table

    terminal, color = _terminal()
    window = f" or due within {within} days" if within is not None else ""
    if not rows:
        print(f"Nothing is overdue{window} as of {settings.as_of}.")
        return

    def days(row: dict[str, Any]) -> Cell:
        n = row["days_overdue"]
        if row["due_soon"]:
            when = "due today" if n == 0 else "in 1 day" if n == -1 else f"in {-n} days"
            return Cell(when, RAG_STYLES["amber"])
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
        ["ID", "Kind", "Due", "Overdue" if within is None else "When", "Lead", "Title"],
        table_rows,
        sys.stdout,
        terminal=terminal,
        color=color,
        title=f"Overdue{window} as of {settings.as_of}",
        footer=footer,
    )


@commands.command()
def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An action or item id.")],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
) -> None:
    """One action or item: its fields, each due date met or unmet, its history.

    Example: cpstrategy --as-of 2018-09-30 show GP-01
    """
    from .output import write_json
    from .views import no_such_record, show_action, show_item

    settings = _settings(ctx)
    loaded = _load(settings)
    plan = loaded.plan
    action = plan.find_action(record_id)
    item = plan.find_item(record_id) if action is None else None
    if action is None and item is None:
        raise no_such_record(plan, record_id)
    view = show_action(action, settings.as_of) if action else show_item(item, settings.as_of)  # type: ignore[arg-type]
    if fmt is ShowFormat.json:
        write_json(view, sys.stdout)
    else:
        from .output import write_lines
        from .show import show_lines

        terminal, color = _terminal()
        write_lines(show_lines(view), sys.stdout, terminal=terminal, color=color)


@commands.command()
def report(
    ctx: typer.Context,
    board: Annotated[
        bool, typer.Option("--board", help="The Corporate Parenting Board's progress report.")
    ] = False,
    young_people: Annotated[
        bool,
        typer.Option(
            "--young-people", help='The "You said, we did" report for children and young people.'
        ),
    ] = False,
    strategy: StrategyOpt = None,
    all_: AllOpt = False,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            help="The meeting the board report is for; progress is listed since the meeting "
            "before it in boards.yaml (default: the next meeting on or after the as-of date). "
            "A date that boards.yaml does not list is warned about; one whose meeting before "
            "it is after the as-of date is refused.",
            metavar="DATE",
            callback=_parse_date,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="List progress dated after DATE instead of since the last meeting; DATE "
            "may not be after the as-of date.",
            metavar="DATE",
            callback=_parse_date,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="md or html (default: from --output's extension, .md or .html; md on stdout).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Write to FILE, replacing it in one step (default: stdout).",
            metavar="FILE",
            parser=_file_name,
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Use templates from DIR first, file by file, falling back to the built-in ones. "
            'A template of DIR can build on ours: {% extends "cpstrategy/board.html.j2" %}.',
            metavar="DIR",
        ),
    ] = None,
    public_only: Annotated[
        bool,
        typer.Option(
            "--public-only",
            help='Leave out "You said, we did" items that are not public: true, for a board '
            "paper to be published. Without it the board sees every item, and the section is "
            "marked not for publication when it holds one that is not public.",
        ),
    ] = False,
) -> None:
    """Write the board's progress report or the young people's "You said, we did" report.

    Markdown goes to stdout unless --output or --format says otherwise; HTML is one
    self-contained, printable file.

    Example: cpstrategy --as-of 2018-09-30 report --board --output board.html
    """
    if board == young_people:
        raise typer.BadParameter(
            "choose exactly one of --board or --young-people",
            param_hint="'--board' / '--young-people'",
        )
    if young_people:
        for given, name in ((strategy, "--strategy"), (all_, "--all"), (meeting, "--meeting"),
                            (since, "--since"), (public_only, "--public-only")):  # fmt: skip
            if given:
                raise typer.BadParameter("applies to --board only", param_hint=f"'{name}'")
    if meeting and since:
        raise typer.BadParameter("give --meeting or --since, not both", param_hint="'--since'")
    if template_dir is not None and not template_dir.is_dir():
        raise typer.BadParameter(f"no folder at '{template_dir}'", param_hint="'--template-dir'")
    _check_output(output, "a report is Markdown or HTML (.md or .html)")
    from .rendering import render, report_format, write_atomic, write_whole
    from .reports import UsageProblem, board_report, check_meeting_options, young_people_report

    try:
        chosen = report_format(fmt.value if fmt else None, output)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--output'") from None
    settings = _settings(ctx)
    loaded = _load(settings)
    if board:
        try:
            warnings = check_meeting_options(loaded.plan, settings.as_of, meeting, since)  # type: ignore[arg-type]
        except UsageProblem as exc:
            raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
        for warning in warnings:
            _stderr(f"cpstrategy: warning: {warning}")
        scope = _scope(loaded, settings, strategy, all_)
        view: Any = board_report(
            loaded.plan,
            scope,
            settings.as_of,
            meeting=meeting,  # type: ignore[arg-type]
            since=since,  # type: ignore[arg-type]
            public_only=public_only,
        )
    else:
        view = young_people_report(loaded.plan, settings.as_of)
    name = "board" if board else "young_people"
    aside = view.written_aside(chosen) if board else ()
    pieces = render(name, chosen, view, template_dir, aside, settings.cache_dir)
    _KEPT.append(view)
    if output is None:
        write_whole(pieces, sys.stdout)
    else:
        write_atomic(output, pieces)


# -- authoring: update, schema, init, calendar, import ---------------------------------------


@commands.command()
def update(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An action or item id.")],
    new_status: Annotated[
        str,
        typer.Option(
            "--status",
            help="An action: not-started, on-track, at-risk, off-track, complete or withdrawn. "
            "An item: open, in-progress, done or not-possible.",
            metavar="S",
        ),
    ],
    note: Annotated[
        str | None, typer.Option("--note", help="What happened (actions).", metavar="TEXT")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date of the update, YYYY-MM-DD, today or earlier (default: today).",
            metavar="D",
            callback=_parse_date,
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who reports it (actions).", metavar="WHO")
    ] = None,
    we_did: Annotated[
        str | None,
        typer.Option("--we-did", help="What was done, or why not (items).", metavar="TEXT"),
    ] = None,
    clear_responded: Annotated[
        bool,
        typer.Option(
            "--clear-responded",
            help="Remove the item's responded date: taken up again, its answer is still to go "
            "back (items).",
        ),
    ] = False,
) -> None:
    """Record progress on an action, or answer a "You said, we did" item, in its file.

    Adds one progress entry (or, on an item, sets status, we_did and responded) and leaves every
    other byte of the file as it was; refused, with nothing written, if the result would not
    validate. The entry is dated --date (default today); --as-of does not apply. An item taken
    up again keeps its responded date unless --clear-responded is given.

    Example: cpstrategy update GP-01 --status on-track --note "All matches agreed at panel."
    """
    from .editing import EditError
    from .staging import problems_after, write_atomically
    from .updating import OptionError, Request, check_request, prepare

    settings = _settings(ctx)
    if ctx.find_root().params.get("as_of") is not None:
        raise typer.BadParameter(
            "update records progress on --date (default today); --as-of does not apply",
            param_hint="'--as-of'",
        )
    today = date.today()
    request = Request(record_id, new_status, on or today, note, by, we_did, clear_responded)  # type: ignore[arg-type]
    try:
        check_request(request, today=today)
        loaded = _load(settings, count_warnings=False)  # counted below, as the data will be
        change = prepare(loaded.plan, request)
    except OptionError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
    except EditError as exc:
        _stderr(_problem_line(_record_file(loaded, record_id), exc.line, exc.message))
        raise typer.Exit(1) from None
    if not change.edited.changed:
        print(f"{change.path}: {change.summary}")
        return
    after = problems_after(settings.data_dir, {change.path: change.edited.data}, settings.cache_dir)
    errors = [p for p in after if p.is_error]
    if errors:
        for problem in errors:
            _stderr(problem.format())
        why = f" ({change.if_refused})" if change.if_refused else ""
        _stderr(f"{record_id}: the change would not validate; nothing written{why}")
        raise typer.Exit(1)
    write_atomically({change.path: change.edited.data}, {change.path: change.before})
    print(f"{change.path}:{change.edited.line}: {change.summary}")
    for message in change.warnings:
        _stderr(f"{change.path}:{change.edited.line}: warning: {message}")
    if after:
        plural = "s" if len(after) != 1 else ""
        _stderr(f"{len(after)} data-quality warning{plural}; run cpstrategy validate")


def _record_file(loaded: Loaded, record_id: str) -> Path | None:
    record = loaded.plan.find_action(record_id) or loaded.plan.find_item(record_id)
    return record.file if record else None


def _problem_line(file: Path | None, line: int | None, message: str) -> str:
    """`FILE:LINE: error: message`, as far as the file and line are known."""
    where = f"{file}:{line}" if file and line else str(file or "cpstrategy")
    return f"{where}: error: {message}"


class SchemaKind(StrEnum):
    strategy = "strategy"
    actions = "actions"
    you_said_we_did = "you-said-we-did"
    boards = "boards"


ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace files that exist already.", show_default=False)
]


@commands.command()
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            help="strategy, actions, you-said-we-did or boards; left out with --output, "
            "every kind.",
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Write <kind>.schema.json files into DIR.", metavar="DIR"),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """JSON Schema of the data files, for editors: one kind to stdout, or every kind into DIR.

    A YAML file whose first line is `# yaml-language-server: $schema=PATH` is then checked as it
    is typed.

    Example: cpstrategy schema --output schemas
    """
    from .schema import KINDS, file_name, schema_text

    if output is None:
        if kind is None:
            raise typer.BadParameter(
                "give a KIND, or --output DIR for every kind", param_hint="KIND"
            )
        sys.stdout.write(schema_text(kind.value))
        return
    from .staging import write_new

    kinds = [kind.value] if kind else list(KINDS)
    files = {output / file_name(k): schema_text(k).encode("utf-8") for k in kinds}
    written = write_new(files, force=force)
    for path in files:
        print(f"{path}: {'written' if path in written else 'up to date'}")


@commands.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The new repository's folder (made if missing)."),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace files that exist already. When DIR/data holds a plan already, write "
            "no examples into it: only the files outside data/ (README, schemas, pre-commit "
            "and CI set-up).",
            show_default=False,
        ),
    ] = False,
) -> None:
    """Start a new strategy repository: example data, schemas, checks on commit, a README.

    Writes one commented example of each data file, a README for officers, a pre-commit
    configuration and a CI example; `cpstrategy --data DIR/data validate` passes on it at once.
    Refused when DIR/data holds data files already: the examples would mix into that plan.

    Example: cpstrategy init our-strategy
    """
    from .scaffold import example_data, mixes_into_plan, repository_files
    from .staging import write_new

    if folder.exists() and not folder.is_dir():
        raise DataError(f"'{folder}' is a file, not a folder")
    files = repository_files(folder)
    existing = mixes_into_plan(files, folder)
    if existing and not force:
        count = counted(len(existing), "data file")
        raise DataError(
            f"'{folder / 'data'}' holds a plan already ({count}); the examples would mix into "
            "it; nothing written",
            "to refresh only the files outside data/ (README, schemas, pre-commit and CI "
            "set-up), use --force",
        )
    if existing:
        examples = example_data(files, folder)
        files = {path: text for path, text in files.items() if path not in examples}
        _stderr(f"'{folder / 'data'}' holds a plan already: no examples written into it")
    written = write_new(files, force=force)
    for path in written:
        print(path)
    done = f"{len(written)} of {len(files)} files written in {folder}."
    if existing and not written:
        print(f"{done} Nothing needed changing.")
    elif existing:  # a plan is there already: the set-up around it was refreshed
        print(f"{done} Next: cd {folder}, run cpstrategy validate, and commit what changed")
    else:
        print(
            f"{done} Next: cd {folder}, git init, change the examples in data/ to your own "
            "plan, and run cpstrategy validate"
        )


@commands.command("calendar")
def calendar_(
    ctx: typer.Context,
    strategy: StrategyOpt = None,
    all_: AllOpt = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Write to FILE (default: stdout), replacing the calendar written there before; "
            "any other file only with --force.",
            metavar="FILE",
            parser=_file_name,
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """An iCalendar (.ics) file of unmet due dates, answers owed and board meetings.

    One all-day event per date, with a UID that stays the same from run to run, so a calendar
    that subscribes to the file keeps up with the plan.

    Example: cpstrategy calendar --output plan.ics
    """
    from .calendar_export import MAX_DUE_DATES, calendar_events, to_ical

    _check_output(output, "a calendar is iCalendar (.ics)")
    settings = _settings(ctx)
    loaded = _load(settings)
    scope = _scope(loaded, settings, strategy, all_)
    calendar = calendar_events(loaded.plan, scope, settings.as_of)
    events = calendar.events
    for action_id, unmet in calendar.cut:
        _stderr(
            f"cpstrategy: warning: {action_id} has {unmet:,} unmet due dates; the oldest and "
            f"the {MAX_DUE_DATES - 1} nearest {settings.as_of} are written (check its timescale)"
        )
    name = "cpstrategy: " + (", ".join(s.id for s in scope.strategies) or "no strategy")
    data = to_ical(events, settings.as_of, name)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from .staging import write_new

    write_new({output: data}, force=force or _holds_a_calendar(output))
    print(f"{output}: {len(events)} event{'s' if len(events) != 1 else ''}")


def _holds_a_calendar(path: Path) -> bool:
    """Is `path` a calendar cpstrategy wrote (last time: it is kept up to date)?"""
    from .cache import open_regular

    opened = open_regular(path)  # a pipe or a device is never read (nor waited on)
    if opened is None:
        return False
    try:
        with opened as file:
            start = file.read(200)
    except OSError:
        return False
    return start.startswith(b"BEGIN:VCALENDAR") and b"PRODID:-//cpstrategy//" in start


@commands.command("import")
def import_(
    ctx: typer.Context,
    table: Annotated[
        Path,
        typer.Argument(metavar="TABLE", help="The plan table: a .tsv or .csv file with a header."),
    ],
    strategy_id: Annotated[
        str, typer.Option("--strategy", help="The strategy the actions belong to.", metavar="ID")
    ],
    title: Annotated[
        str | None, typer.Option("--title", help="A new strategy's title.", metavar="T")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", help="A new strategy's first day.", metavar="D", callback=_parse_date
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--end", help="A new strategy's last day.", metavar="D", callback=_parse_date),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Import an action plan table copied out of Word or Excel (TSV or CSV) into YAML files.

    Section rows such as PRIORITY ONE: GOOD PARENTING start priorities; the first column holds
    themes (or, without section rows, priorities). A strategy that does not exist yet is created
    from the table. Nothing is written unless the whole import succeeds and validates; it writes
    whole files, so it refuses to replace one that holds progress, or to copy an action that
    another file holds already. Columns it does not import are named in a warning.

    Example: cpstrategy import plan.tsv --strategy cla-2017 --title "Our plan" --start 2017-04-01
    """
    import re

    from .importing import NewStrategy, import_table
    from .models import ID_PATTERN, ID_RULE
    from .staging import problems_after, write_new

    settings = _settings(ctx)
    if not re.fullmatch(ID_PATTERN, strategy_id):
        raise typer.BadParameter(ID_RULE, param_hint="'--strategy'")
    if title is not None:
        from .updating import OptionError, check_text

        try:
            check_text("--title", title)
        except OptionError as exc:
            raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
    if start and end and end < start:  # type: ignore[operator]
        raise typer.BadParameter(f"{end} is before --start {start}", param_hint="'--end'")
    try:
        if table.stat().st_size > 10 * 1024 * 1024:
            raise DataError(f"'{table}' is over 10 MiB; is it the plan table?")
        raw = table.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read '{table}': {exc.strerror or exc}") from None
    if settings.data_dir.exists():
        plan = _load(settings, count_warnings=False).plan
    else:  # a first import makes the data folder
        from .plan import Plan

        plan = Plan(settings.data_dir)
    exists = strategy_id in plan.strategies
    if not exists and (title is None or start is None):
        raise typer.BadParameter(
            f"strategy '{strategy_id}' does not exist yet: give --title and --start (and --end) "
            "to create it",
            param_hint="'--strategy'",
        )
    if exists and (title or start or end):
        _stderr(f"strategy '{strategy_id}' exists already: --title, --start and --end are ignored")
    new = NewStrategy(strategy_id, title, start, end)  # type: ignore[arg-type]
    imported, problems = import_table(table, raw, plan, settings.data_dir, new)
    for problem in problems:
        _stderr(problem.format())
    if imported is None:
        count = sum(p.is_error for p in problems)
        _stderr(f"{count} error{'s' if count != 1 else ''} in {table}; nothing written")
        raise typer.Exit(1)
    after = problems_after(settings.data_dir, imported.files, settings.cache_dir)
    errors = [p for p in after if p.is_error]
    if errors:
        for problem in errors:
            _stderr(problem.format())
        _stderr("the imported files would not validate; nothing written")
        raise typer.Exit(1)
    written = write_new(imported.files, force=force)
    for path in imported.files:
        print(f"{path}: {'written' if path in written else 'up to date'}")
    created = " (created)" if imported.created_strategy else ""
    print(
        f"Imported {imported.actions} action{'s' if imported.actions != 1 else ''} under "
        f"{imported.priorities} priorit{'ies' if imported.priorities != 1 else 'y'} into "
        f"strategy {strategy_id}{created}"
    )
    quality = len(after) - len(errors)
    if quality:
        plural = "s" if quality != 1 else ""
        _stderr(f"{quality} data-quality warning{plural}; run cpstrategy validate")


# -- review: diff ---------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


@commands.command()
def diff(
    ctx: typer.Context,
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="OLD",
            help="A git revision of the data folder, or a data folder (default: HEAD).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help="A git revision or a data folder (default: the data folder as it is now).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", help="text; md, a summary for a pull request; or json."),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when the plan changed, like git diff."),
    ] = False,
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            "--strategy",
            help="Count only this strategy (repeatable).",
            metavar="ID",
            callback=_one_scope,
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Count every strategy, whatever its period.", callback=_one_scope
        ),
    ] = False,
) -> None:
    """What a change to the YAML means for the plan, between git revisions or data folders.

    Lists, per strategy and priority, what was added, removed or reworded, due dates that moved
    and by how many days, progress recorded (and, flagged, progress rewritten), and the statuses
    the change alters as of the date, with the counts before and after.

    OLD and NEW are git revisions of the --data folder (its path inside the repository is the
    same at every revision) or two data folders. Either side failing to validate prints its
    errors, FILE:LINE with the revision named, and exits 1. A name that is both a folder and a
    revision is refused as ambiguous: write ./NAME for the folder.

    The counts cover the strategies `status` covers (by default those in their period on the
    date); --strategy and --all change that, and every change is listed whatever its strategy.

    --as-of, --data and --no-cache are global options: they go before the command.

    Example: cpstrategy --as-of 2018-09-30 diff HEAD~1 --format md
    """
    from .diffing import compare, counted_strategies
    from .revisions import AmbiguousName, check_sides, load_side, sides

    settings = _settings(ctx)
    try:
        chosen = sides(settings.data_dir, old, new)
    except AmbiguousName as exc:
        _stderr(f"cpstrategy: error: {exc.message}; {exc.hint}")
        raise typer.Exit(2) from None
    loaded = [load_side(side, settings.cache_dir) for side in chosen]
    failed = [s for s in loaded if s.messages]
    for side in failed:
        for message in side.messages:
            _stderr(message)
    for side in failed:
        _stderr(f"{counted(len(side.messages), 'error')} in {side.side.where}")
    if failed:
        raise typer.Exit(1)
    before, after = loaded
    if note := check_sides(before, after):
        _stderr(note)
    # Of the data as it is after the change (an empty plan's "no strategies" is not one)
    if not after.empty and (warnings := len(after.loaded.warnings)):
        _stderr(f"{counted(warnings, 'data-quality warning')}; run cpstrategy validate")
    old_plan, new_plan = before.loaded.plan, after.loaded.plan
    counts = counted_strategies(old_plan, new_plan, settings.as_of, strategy or (), all_)
    changes = compare(old_plan, new_plan, settings.as_of, counts)
    labels = (before.side.label, after.side.label)
    try:
        if fmt is DiffFormat.json:
            from .diff_render import to_json
            from .output import write_json

            write_json(to_json(changes, *labels), sys.stdout)
        else:
            from .diff_render import render_markdown, render_text

            render = render_markdown if fmt is DiffFormat.md else render_text
            sys.stdout.write(render(changes, *labels))
    except BrokenPipeError:  # the reader has gone (`| head`); the answer to --exit-code stands
        pass
    if exit_code and changes.changed:
        raise typer.Exit(1)


# -- the edge -------------------------------------------------------------------------------


# `--help` lists each command with the whole first line of its docstring, not Click's first 45
# characters of it.
for _command in commands.registered_commands:
    if _command.short_help is None and _command.callback and _command.callback.__doc__:
        _command.short_help = _command.callback.__doc__.strip().splitlines()[0]


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and turn every outcome into an exit code."""
    _hold_closed_descriptors()
    if sys.stdout is None:  # closed by the shell (`>&-`)
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = _Closed()
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character: escape it
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
        _wait_for_the_reader(stream)
    code = run(argv, then_exit=True)
    # One command, then exit: once the output is flushed, tearing down every object the command
    # built (tens of thousands for a large plan) only makes the user wait.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader has gone (`| head`): nobody is left to tell
    except OSError as exc:  # a full disk, say: the output is lost, and that is an error
        _stderr(f"cpstrategy: error: cannot write the output: {exc.strerror or exc}")
        code = code or 1
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _hold_closed_descriptors() -> None:
    """Put /dev/null on standard input, output or error where the shell closed it (`>&-`):
    else the next file opened takes its number, and a forked process, quietening its output,
    would quieten that file instead (a report's sections written to nowhere)."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            with contextlib.suppress(OSError):
                null = os.open(os.devnull, os.O_RDWR)
                if null != descriptor:
                    os.dup2(null, descriptor)
                    os.close(null)


class _Closed(io.TextIOBase):
    """Standard output or error that the shell closed (`>&-`): writing to it fails as writing
    to a closed descriptor does, and is reported as any output that cannot be written."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    @property
    def buffer(self) -> BinaryIO:  # what `calendar` writes its bytes to
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _wait_for_the_reader(stream: TextIO) -> None:
    """Make writes to `stream` wait for its reader. A pipe left non-blocking by the program
    reading it (Node's child processes, say) takes 64 KiB and refuses the rest, which an
    unbuffered Python (PYTHONUNBUFFERED) drops without a word: a report cut short, exit 0."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no descriptor, or Windows
        descriptor = stream.fileno()
        if not os.get_blocking(descriptor):
            os.set_blocking(descriptor, True)


def run(argv: list[str] | None = None, *, then_exit: bool = False) -> int:
    """Run one command and return its exit code. With `then_exit` (the console script, which
    exits next), what the command built is left for the exit to free."""
    # One command, then exit: the cyclic garbage collector would only pause it, again and again,
    # while it builds many small objects that all live until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if not then_exit:
            _KEPT.clear()
        if collecting:
            gc.enable()


_GLOBAL_OPTIONS = {"--data": " DIR", "--as-of": " YYYY-MM-DD", "--no-cache": ""}


def _place_global_option(exc: Any) -> None:
    """`cpstrategy status --as-of D`: say where a global option goes, not only that the command
    has no such option (nor suggest one of the command's that looks like it, such as --date)."""
    name = exc.option_name.split("=", 1)[0]
    command = exc.ctx.info_name if exc.ctx is not None and exc.ctx.parent is not None else None
    if command in ("init", "schema"):
        return  # they read no data folder, as of no date
    if command == "update" and name == "--as-of":
        exc.message = "update records progress on --date (default today); --as-of does not apply"
        return
    if name in _GLOBAL_OPTIONS and command:
        exc.message = (
            f"{name} is a global option: put it before the command, as in "
            f"'cpstrategy {name}{_GLOBAL_OPTIONS[name]} {command} ...'"
        )
        exc.possibilities = None


def _run(argv: list[str] | None) -> int:
    from typer._click.exceptions import ClickException, NoSuchOption

    try:
        result = app(args=argv, prog_name="cpstrategy", standalone_mode=False)
    except ClickException as exc:
        if isinstance(exc, NoSuchOption):
            _place_global_option(exc)
        exc.show()
        return exc.exit_code
    except DataError as exc:
        prefix = f"{exc.where}: error:" if exc.where else "cpstrategy: error:"
        _stderr(f"{prefix} {exc.message}" + (f"; {exc.hint}" if exc.hint else ""))
        return 1
    except (KeyboardInterrupt, typer.Abort):
        _stderr("cpstrategy: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk, a folder it may not read: the system's, not ours
        reason = exc.strerror or str(exc)
        if exc.filename:
            _stderr(f"cpstrategy: error: '{exc.filename}': {reason}")
        else:  # writing to stdout names no file
            _stderr(f"cpstrategy: error: cannot write the output: {reason}")
        return 1
    except SystemExit as exc:
        # Typer meets a closed pipe (`| head`) with exit 1 and wrapped streams: the reader has
        # what it wanted, and that is no error of the data's.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            return 0
        raise exc
    except Exception as exc:  # the last line of defence: no traceback, no data on screen
        _stderr(f"cpstrategy: internal error ({type(exc).__name__}); please report it")
        return 1
    if result == 130:  # Typer turns Ctrl-C into this exit code (no command of ours uses it)
        _stderr("cpstrategy: interrupted")
    return result if isinstance(result, int) else 0
