"""`import`: an action plan table copied out of Word or Excel (TSV or CSV) into YAML files.

Reads the table as officers paste it: section rows (`PRIORITY ONE: GOOD PARENTING`) start a
priority, repeated header rows are skipped, an empty first cell continues the theme above, a row
with an empty activity continues the row above (a page break), and cells may span lines. Returns
the files to write and every problem by row; never writes, never reads the clock.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .editing import scalar
from .plan import ActionRecord, Plan
from .problems import Problem, did_you_mean, error, warning
from .sources import one_line
from .timescales import TimescaleError, parse_timescale

# Header words, as plans name their columns; checked in this order.
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("activity", ("activit", "action", "what we will do", "what will we do", "task")),
    ("lead", ("lead", "responsib", "owner", "who", "by whom", "accountable")),
    (
        "timescale",
        (
            "timescale",
            "time scale",
            "timeframe",
            "time frame",
            "deadline",
            "by when",
            "due",
            "date",
            "when",
        ),
    ),
    ("measure", ("measure", "success", "kpi", "indicator", "evidence", "how will we know")),
    ("theme", ("theme",)),
    ("priority", ("priorit", "objective", "area", "aim", "strand", "outcome")),
)
# "PRIORITY ONE: GOOD PARENTING", "Priority 2 - Homes", "Priority 3 Health" (a number, or a
# separator, or both).
_SECTION = re.compile(
    r"^\s*priority\s*(?:no\.?\s*)?"
    r"(?:(?:\d+|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten)\b\s*[:.\-–—]?|[:.\-–—])"
    r"\s*(?P<title>.+?)\s*$",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "we",
        "which",
        "who",
        "will",
        "with",
    }
)
# Words that header cells add to the column's name: "Key actions to be taken".
_HEADING_FILLER = frozenset(
    {"key", "main", "specific", "planned", "proposed", "required", "taken", "undertaken",
     "description", "detail", "details"}
)  # fmt: skip
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_LEAD_SPLIT = re.compile(r"[\n/;]")
_PERCENT_TARGET = re.compile(r"^(?P<value>\d{1,3}(?:\.\d+)?)\s*%")
_BULLET = re.compile(r"^\s*(?:[-*•▪◦·]|\d+[.)])\s+")
_BULLET_MARK = re.compile(r"^\s*[-*•▪◦·]\s+")  # not "2017. ": a number may end a sentence


@dataclass
class _Theme:
    title: str
    line: int
    id: str = ""


@dataclass
class _Priority:
    title: str
    line: int
    themes: list[_Theme] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    id: str = ""
    prefix: str = ""


@dataclass
class _Action:
    line: int
    last_line: int
    theme: _Theme | None
    cells: dict[str, str]
    id: str = ""


@dataclass(frozen=True, slots=True)
class Imported:
    """The files an import writes, and what they hold."""

    files: dict[Path, bytes]
    strategy_id: str
    created_strategy: bool
    actions: int
    priorities: int


@dataclass(frozen=True, slots=True)
class NewStrategy:
    """What the command line says about a strategy the import may create."""

    id: str
    title: str | None = None
    start: date | None = None
    end: date | None = None


class _Table:
    """The rows of the table, read into priorities, themes and actions, with problems by row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.priorities: list[_Priority] = []
        self.columns: dict[str, int] = {}
        self.ignored: list[str] = []  # header cells naming no column we import
        self.labels: set[str] = set()  # the last header's headings, as words
        self.sectioned = False

    def fail(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(error(self.path, message, line=line, hint=hint))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(warning(self.path, message, line=line))


def read_table(path: Path, raw: bytes) -> tuple[list[_Priority], list[Problem]]:
    """The table's priorities (with their themes and actions) and every problem, by row."""
    table = _Table(path)
    rows = list(_rows(path, raw, table))
    # Section rows make the first column themes; the plan's title in capitals above the table
    # ("CORPORATE PARENTING ACTION PLAN 2025") does not.
    first = next((i for i, (_, cells) in enumerate(rows) if _filled(cells) > 1), len(rows))
    table.sectioned = any(
        _section_title(cells, table, before_header=False) is not None
        and (i > first or _SECTION.match(cells[0]) or not _TITLE_WORDS.search(cells[0]))
        for i, (_, cells) in enumerate(rows)
    )
    current: _Priority | None = None
    theme: _Theme | None = None
    last: _Action | None = None
    before_header: list[int] = []  # rows of data above the first header row
    maybe_rest: list[tuple[int, str, _Theme | _Priority]] = []  # (see _leave_out_empty_...)
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        kinds = _header_kinds(cells)
        if _looks_like_header(cells, kinds, table.labels):
            table.columns = _columns(cells, kinds, line, table)  # a repeat may reorder them
            table.labels = {_header_words(cell) for cell in cells if cell.strip()}
            continue
        title = _section_title(cells, table, before_header=not table.columns)
        if title is not None and (found := _unshowable_cell({"group": title})) is not None:
            table.fail(line, found)
            continue
        if title is not None:
            # A section row repeated after a page break goes on with its priority.
            again = next((p for p in table.priorities if _same(p.title, title)), None)
            if again is None:
                again = _Priority(title, line)
                table.priorities.append(again)
            if again is not current:  # (the same one again: its rows go on, as after a header)
                theme, last = None, None
            current = again
            continue
        if not table.columns:
            before_header.append(line)
            continue
        row = _cells(cells, table.columns)
        if (found := _unshowable_cell(row)) is not None:
            table.fail(line, found)
            continue
        group = row.pop("group", "")
        if not row.get("activity"):
            # The row above's own first cell (a theme, or a priority when there are no section
            # rows), which a page break may have split.
            started: _Theme | _Priority | None = None
            if last is not None:
                started = last.theme if table.sectioned else current
            joins = started is not None and last is not None and started.line == last.line
            alone = not any(row.values())  # only its first cell
            # A first cell alone heads the rows below, unless it reads on from the one above,
            # split by a page break ("Good parenting and" / "stable homes"); with more cells,
            # the row goes on after a page break, and so does its first cell.
            on = joins and started is not None and (not alone or _reads_on(started.title, group))
            if group and alone and started is not None and _same(started.title, group):
                continue  # its title filled down on a row of its own: nothing new
            if group and alone and not on:
                heading: _Theme | _Priority | None = None
                if table.sectioned and current is None:
                    table.fail(
                        line,
                        "cannot place this row: no priority above it",
                        "add a section row such as 'PRIORITY ONE: TITLE' above it",
                    )
                elif table.sectioned:
                    theme = heading = _new_theme(current, group, line)
                else:
                    current, theme = heading, _ = _new_priority(table, group, line), None
                if joins and started is not None and heading is not None:
                    maybe_rest.append((line, started.title, heading))  # or the rest of that?
                last = None
                continue
            if last is None:
                table.fail(
                    line,
                    "cannot place this row: it has no activity and there is no "
                    "action above it to continue",
                )
                continue
            if group and on and started is not None and not _same(started.title, group):
                started.title = f"{started.title} {' '.join(group.split())}"  # (not filled down)
            elif group and not (started is not None and _same(started.title, group)):
                table.warn(
                    line,
                    f"'{_one_line(group)}' in the first column is not imported: the row has no "
                    "activity, so it goes on the row above",
                )
            _continue(last, row, line)
            continue
        if row.get("priority"):  # a Priority column beside a Theme column
            current, theme = _new_priority(table, row["priority"], line), None
        if row.get("theme"):
            theme = _new_theme(current, row["theme"], line)
        if group and table.sectioned:
            theme = _new_theme(current, group, line)
        elif group:  # no section rows: the first column is the priority
            current, theme = _new_priority(table, group, line), None
        if current is None:
            table.fail(
                line,
                "cannot place this row: no priority above it",
                "add a section row such as 'PRIORITY ONE: TITLE' above it, or a Priority column",
            )
            continue
        last = _Action(line, line, theme, row)
        current.actions.append(last)
    if not table.columns:  # one message, not one for every row
        if not any(p.is_error for p in table.problems):
            table.fail(
                1,
                "no header row found; the table needs a header row naming its columns, such as "
                "Priority, Activity, Lead service, Timescale, Success measure",
            )
    else:
        for line in before_header:
            table.fail(
                line,
                "cannot place this row: no header row above it naming the columns",
                "the header needs at least an Activity column",
            )
    _leave_out_empty_headings(table, maybe_rest)
    no_errors = not any(p.is_error for p in table.problems)
    if table.columns and no_errors and not any(p.actions for p in table.priorities):
        table.fail(1, "the table holds no actions")
    table.problems.sort(key=lambda p: p.line or 0)  # in the table's order, as it is read
    return table.priorities, table.problems


def _leave_out_empty_headings(
    table: _Table, maybe_rest: list[tuple[int, str, _Theme | _Priority]]
) -> None:
    """Leave out the headings with no actions under them (a title, a note, a section not yet
    planned), and say so; say too of a heading row that may be the rest of the title above it
    (`maybe_rest`: its line, that title, and the heading it was read as) when the heading heads
    actions. A table with errors is not imported at all, so it needs no more words."""
    themed = {id(a.theme) for p in table.priorities for a in p.actions}

    def heads_actions(heading: _Priority | _Theme) -> bool:
        return bool(heading.actions) if isinstance(heading, _Priority) else id(heading) in themed

    if not any(p.is_error for p in table.problems):
        for line, above, heading in maybe_rest:
            if heads_actions(heading):
                table.warn(line, f"'{_one_line(heading.title)}' is read as a heading for the "
                           f"rows below; if it is the rest of '{_one_line(above)}' (cut by a "
                           "page break), join the two in the table")  # fmt: skip
        for heading in (h for p in table.priorities for h in (p, *p.themes)):
            if not heads_actions(heading):
                table.warn(heading.line, f"'{_one_line(heading.title)}' heads no actions; left "
                           "out of the import")  # fmt: skip
    for priority in table.priorities:
        priority.themes = [t for t in priority.themes if id(t) in themed]
    table.priorities = [p for p in table.priorities if p.actions]


def _rows(path: Path, raw: bytes, table: _Table) -> Iterator[tuple[int, list[str]]]:
    """Each row with the number of the line it starts on, counted from the table's first line
    that is not blank (the table's own rows, as an officer counts them)."""
    text = _decode(raw, table)
    if text is None:
        return
    if "\x00" in text:
        table.fail(
            1, "the table holds NUL characters; save it as text (TSV or CSV), not as a spreadsheet"
        )
        return
    lines = re.split("\r\n|[\r\n]", text)  # as the reader counts them (not at "\f")
    skipped = next((i for i, line in enumerate(lines) if line.strip()), 0)
    delimiter = _delimiter(path, lines[skipped:])
    # Strict: a cell that starts with a quote mark but is not wrapped in quotes (text pasted from
    # Word: '"Staying Put" policy', or a straight quote closed by a curly one) is refused, not
    # read as a cell that swallows the cells and rows after it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    read = 0
    try:
        for cells in reader:
            start = read + 1
            read = reader.line_num
            if delimiter == "\t" and any(_runs_on(cell) for cell in cells):
                read = start - 1  # a quoted cell ran on: the mistake is in this row
                raise csv.Error(_QUOTE_RUNS_ON)
            if start > skipped:
                yield start - skipped, [_word_marks(cell) for cell in cells]
    except csv.Error as exc:
        line = max(read + 1 - skipped, 1)
        if str(exc) == _QUOTE_RUNS_ON or "expected after" in str(exc) or "end of data" in str(exc):
            table.fail(line, f"cannot read the table: {_QUOTE_RUNS_ON}", _QUOTE_HINT)
        else:
            table.fail(line, f"cannot read the table: {exc}")


def _word_marks(cell: str) -> str:
    """A cell copied out of Word: "\a" ends each cell (a mark, not text), "\v" is a line break
    within it and "\f" a page break (the text goes on)."""
    if "\a" in cell or "\v" in cell or "\f" in cell:
        return cell.replace("\a", "").replace("\v", "\n").replace("\f", " ")
    return cell


def _runs_on(cell: str) -> bool:
    """A quoted TSV cell over several lines that may hold cells of the table after it: a tab
    in it that no list item's mark explains ("1.<tab>Fewer moves"). A cell meant to hold
    "Target:<tab>90%" is refused too, with a hint to take its tabs out: a quote that ran on
    looks just the same, and would swallow the rows after it without a word."""
    return "\n" in cell and any(
        "\t" in _LIST_ITEM.sub("", line, count=1) for line in cell.split("\n")
    )


# A list item's mark, after any indent: a bullet or symbol, "1.", "1.1", "a)", "iv.".
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•▪◦·o\uf0a7\uf0b7\uf0d8\uf0fc➢►✓✔]|\d+(?:\.\d+)*[.)]?"
                        r"|[a-zA-Z][.)]|[ivxIVX]+[.)])[ \t]+")  # fmt: skip


_QUOTE_RUNS_ON = (
    'a cell in this row starts with a quote mark ("), but the quoted text does not end where '
    "the cell does (its quote marks do not pair up, or it holds tabs as if it ran on into the "
    "cells after it), so it cannot be read"
)
_QUOTE_HINT = (
    "take out the quote mark at the start of the cell; or, for a cell of several lines, put "
    "the whole cell in quotes, double each quote mark inside it and take out its tabs"
)


def _decode(raw: bytes, table: _Table) -> str | None:
    """The table's text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode
    Text"), or else Windows-1252 (Excel's "CSV" on Windows), said in a warning. One encoding
    for the whole table: a UTF-8 table with a stray Windows byte is refused, not half-misread."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            message = "the table starts as UTF-16 but is not UTF-16 throughout"
            hint = "save it again as UTF-8 or as Unicode Text"
            table.problems.append(error(table.path, message, hint=hint))
            return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _has_utf8_letters(raw):
        table.fail(
            _line_of(raw, bad),
            f"byte 0x{raw[bad]:02X} is not UTF-8, but the rest of the table is UTF-8",
            "fix that character, or save the whole table again as UTF-8 (in Excel: CSV UTF-8)",
        )
        return None
    table.problems.append(
        warning(
            table.path,
            "the table is not UTF-8; read it as Windows-1252 (Excel's CSV): check accented "
            "letters, dashes and quotes in the files written",
        )
    )
    return raw.decode("cp1252", errors="replace")


def _has_utf8_letters(raw: bytes) -> bool:
    """Does the text hold characters written as UTF-8 (a dash, an accent), not only ASCII?"""
    return _UTF8_CHARACTER.search(raw) is not None


def _line_of(raw: bytes, offset: int) -> int:
    """The row number of a byte, counted as `_rows` counts them (from the first line that is
    not blank)."""
    before = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines = before.split(b"\n")
    blank = 0
    for line in lines[:-1]:
        if line.strip(b" \t\xef\xbb\xbf"):
            break
        blank += 1
    return len(lines) - blank


def _delimiter(path: Path, lines: list[str]) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    sample = "\n".join(lines[:20])
    return "\t" if sample.count("\t") >= sample.count(",") else ","


def _header_kinds(cells: list[str]) -> dict[int, str]:
    kinds: dict[int, str] = {}
    for index, cell in enumerate(cells):
        kind = _column_kind(cell)
        if kind is not None:
            kinds[index] = kind
    # An outcome column that comes first of the columns imported groups the rows, as the first
    # column does; after the activity, or after another column that groups them (Priority,
    # Theme), it says what an action should achieve: a measure, unless the table has one.
    activity = next((i for i, kind in kinds.items() if kind == "activity"), 0)
    for index, kind in list(kinds.items()):
        words = _header_words(cells[index])
        outcome = "outcome" in words and "priorit" not in words
        grouped = any(k in ("priority", "theme") for i, k in kinds.items() if i < index)
        if (index > activity or grouped) and kind == "priority" and outcome:
            if "measure" in kinds.values():
                del kinds[index]  # named among the columns not imported
            else:
                kinds[index] = "measure"
    return kinds


def _column_kind(header: str) -> str | None:
    """What a header names. Each of its parts ("Success measures / outcomes", "Actions and
    leads") is named by its head noun: the last header word before any qualifier ("Action
    owner" is a lead; "Date of action" a timescale; "Progress to date" nothing). Of the parts,
    the first kind in _COLUMN_WORDS order wins, as "Outcomes and measures" is a measure."""
    words = _header_words(header)
    if len(words.split()) > 40:
        return None
    if _LEAD_BY.fullmatch(words):  # "Led by", "Owned by": who, not what
        return "lead"
    kinds = {kind for part in _COORDINATE.split(header.casefold()) if (kind := _head_kind(part))}
    return next((kind for kind, _ in _COLUMN_WORDS if kind in kinds), None)


def _head_kind(part: str) -> str | None:
    words = _header_words(_QUALIFIER.split(part, maxsplit=1)[0])
    named = [  # the one ending last, and of those the longest ("expected outcome")
        ((found.end(), len(stem)), found.start(), kind)
        for kind, stems in _COLUMN_WORDS
        for stem in stems
        for found in re.finditer(rf"\b{re.escape(stem)}", words)
    ]
    return max(named, key=lambda at: at[0])[2] if named else None


# Who leads. Not "Action by", which may as well mean by when: it is named as not imported.
_LEAD_BY = re.compile(r"(?:actioned|led|lead|owned|delivered) by")
_COORDINATE = re.compile(r"[/&,;|+]|\b(?:and|or)\b")  # "Lead / Date", "Actions and outcomes"
_QUALIFIER = re.compile(r"[(\[]|\b(?:for|of|to)\b")  # "Date of action", "Lead (by whom)"


def _header_words(cell: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell.casefold()).split())


def _looks_like_header(cells: list[str], kinds: dict[int, str], labels: set[str]) -> bool:
    """A header row: it names two columns or more, one of them in a short Activity heading; and
    a header repeated after the first looks like a header: most of its cells name columns or
    repeat the headings above. A data row may well hold an "action" word beside a date or
    a lead ("Review health action plans | Lead nurse for CLA | March 2018"), but not in short
    headings; the first header may hold many columns that are not imported ("RAG", "Comments").
    """
    if len(kinds) < 2:
        return False
    if not any(kind == "activity" and _is_heading(cells[i]) for i, kind in kinds.items()):
        return False
    if not labels:
        return True
    filled = [(i, cell) for i, cell in enumerate(cells) if cell.strip()]
    named = sum(1 for i, cell in filled if i in kinds or _header_words(cell) in labels)
    return 2 * named > len(filled)


def _is_heading(cell: str) -> bool:
    """Few words beyond the header words themselves: "Activity", "Key actions to be taken",
    "What we will do"; not "Set up a task group"."""
    words = _header_words(cell)
    for _, stems in _COLUMN_WORDS:
        for stem in stems:
            words = re.sub(rf"\b{re.escape(stem)}[a-z0-9]*", " ", words)
    other = [w for w in words.split() if w not in _STOPWORDS and w not in _HEADING_FILLER]
    return len(other) <= 1


def _columns(cells: list[str], kinds: dict[int, str], line: int, table: _Table
             ) -> dict[str, int]:  # fmt: skip
    named: dict[str, list[int]] = {}
    for index, kind in kinds.items():
        named.setdefault(kind, []).append(index)
    columns: dict[str, int] = {}
    for kind, indexes in named.items():
        chosen = min(indexes, key=lambda i: (_column_rank(kind, cells[i]), i))
        columns[kind] = chosen
        for index in indexes:
            if index != chosen:
                table.warn(
                    line,
                    f"column {index + 1} ('{_one_line(cells[index])}') is not imported: column "
                    f"{chosen + 1} ('{_one_line(cells[chosen])}') is the {kind}",
                )
    ignored = [
        f"'{' '.join(cell.split())}' (column {index + 1})"
        for index, cell in enumerate(cells)
        if cell.strip() and index not in kinds
    ]
    if ignored and ignored != table.ignored:  # once, not at every repeated header
        table.warn(line, f"column{'s' if len(ignored) > 1 else ''} not imported: "
                   f"{', '.join(ignored)}")  # fmt: skip
    table.ignored = ignored
    # The first column groups the rows: themes under section rows, else priorities.
    if "priority" in columns and "theme" not in columns:
        columns["group"] = columns.pop("priority")
    elif "theme" in columns and "priority" not in columns:
        columns["group"] = columns.pop("theme")
    return columns


def _column_rank(kind: str, header: str) -> int:
    """Of several columns of a kind, the one imported ranks first, then the first of them: of
    dates, the one saying when an action is due ("Start date | End date": due by the end); of
    leads, a plain "Lead" before a "Led by"."""
    if kind == "timescale":
        return _date_rank(header)
    if kind == "lead":  # a plain "Lead" before a "Led by"
        return 1 if _LEAD_BY.fullmatch(_header_words(header)) else 0
    return 0


def _date_rank(header: str) -> int:
    """Of several date columns, the one that says when an action is due ranks first (0), a
    start or review date last (2)."""
    words = set(_header_words(header).split())
    if words & {"start", "starts", "begin", "begins", "review", "reviewed", "updated"}:
        return 2
    if words & {"end", "ends", "completion", "complete", "deadline", "due", "target", "timescale"}:
        return 0
    return 1


def _section_title(cells: list[str], table: _Table, before_header: bool) -> str | None:
    filled = [c for c in cells if c.strip()]
    if len(filled) != 1 or not cells[0].strip():
        return None
    text = " ".join(cells[0].split())
    match = _SECTION.match(text)
    if match:
        title = match["title"]
    elif before_header or _is_capitals(text):
        title = text
    else:
        return None
    title = title.rstrip(".").strip()
    return title.capitalize() if _is_capitals(title) else title


_TITLE_WORDS = re.compile(r"(?i)\b(?:action plan|strategy|council|\d{4})\b")


def _filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _reads_on(above: str, text: str) -> bool:
    """Whether `text` reads as the rest of `above`, cut by a page break: it starts in lower
    case or with a joining word ("And care leavers"), or `above` stops on a word or mark that
    needs more after it ("Good parenting and")."""
    return (
        text.lstrip()[:1].islower()
        or _JOINS.match(text) is not None
        or _NEEDS_MORE.search(above) is not None
    )


# A title goes on after these ("Good parenting and"); a heading may well start "The" or
# "For", so only these few start the rest of a title ("And care leavers").
_JOINS = re.compile(r"\s*(?:(?:and|or|of)\b|[,&/–-])", re.IGNORECASE)
_NEEDS_MORE = re.compile(r"(?:\b(?:and|or|of|for|to|with|the|their)|[,&/–-])\s*$", re.IGNORECASE)


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {
        kind: cells[index].strip() if index < len(cells) else "" for kind, index in columns.items()
    }


def _unshowable_cell(row: dict[str, str]) -> str | None:
    """What is wrong with a cell holding a character no report can show (a control character,
    left by a bad change of encoding, say), or None."""
    from .yamlsource import find_unshowable, unshowable

    for kind, text in row.items():
        if (found := find_unshowable(text)) is not None:
            column = "the first column" if kind == "group" else f"the {kind} column"
            return f"in {column}, {unshowable(found.group())}"
    return None


def _continue(action: _Action, row: dict[str, str], line: int) -> None:
    """A row split by a page break: each cell goes on from where the row above left off."""
    for kind, text in row.items():
        if text:
            before = action.cells.get(kind, "")
            # A cell that goes on with a new bullet point goes on on a new line: a new measure.
            joint = "\n" if _BULLET_MARK.match(text) else " "
            action.cells[kind] = f"{before}{joint}{text}" if before else text
    action.last_line = line


def _new_priority(table: _Table, text: str, line: int) -> _Priority:
    title = " ".join(text.split()).rstrip(".").strip()
    for priority in table.priorities:
        if _same(priority.title, title):
            return priority
    priority = _Priority(title, line)
    table.priorities.append(priority)
    return priority


def _new_theme(priority: _Priority | None, text: str, line: int) -> _Theme | None:
    if priority is None:
        return None
    title = " ".join(text.split()).rstrip(".").strip()
    for theme in priority.themes:
        if _same(theme.title, title):
            return theme
    theme = _Theme(title, line)
    priority.themes.append(theme)
    return theme


def _same(a: str, b: str) -> bool:
    return _words(a) == _words(b)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


SLUG_LENGTH = 40  # well inside an id's 64 characters, with room for "-2"


def slug(text: str, max_words: int) -> str:
    """A short id from a title: its first significant words, lower case, joined by hyphens,
    and no longer than SLUG_LENGTH."""
    words = _words(text)
    kept = [w for w in words if w not in _STOPWORDS] or words or ["item"]
    return "-".join(kept[:max_words])[:SLUG_LENGTH].rstrip("-")


def _initials(text: str) -> str:
    words = [w for w in _words(text) if w not in _STOPWORDS] or _words(text) or ["x"]
    return "".join(w[0] for w in words[:4]).upper()


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


# -- from the table to files ------------------------------------------------------------------


def import_table(
    path: Path, raw: bytes, plan: Plan, data_dir: Path, strategy: NewStrategy
) -> tuple[Imported | None, list[Problem]]:
    """The files that import `path` into `data_dir` as strategy `strategy.id`, and the problems.

    None when any problem is an error: nothing may be written then.
    """
    priorities, problems = read_table(path, raw)
    if any(p.is_error for p in problems):
        return None, problems
    existing = plan.strategies.get(strategy.id)
    if existing is not None:
        start = existing.strategy.period.start
        problems += _match_existing(path, priorities, existing.strategy)
    else:
        start = strategy.start  # type: ignore[assignment]
        _name_new(priorities)
    if any(p.is_error for p in problems):
        return None, problems
    folder = data_dir / "actions" / strategy.id
    targets = {(folder / f"{p.id}.yaml").resolve() for p in priorities}
    ours = [a for a in plan.actions if a.strategy.id == strategy.id]
    # Only ids used outside this strategy change the numbering: the same table gives the same
    # ids however this strategy's files have been renamed since.
    taken = set(plan.all_ids()) - {a.id for a in ours}
    problems += _number_actions(path, priorities, taken, strategy.id)
    if any(p.is_error for p in problems):
        return None, problems
    kept = [a for a in ours if a.file.resolve() not in targets]
    problems += _ids_in_other_files(path, priorities, kept)
    problems += _progress_replaced([a for a in ours if a.file.resolve() in targets])
    if any(p.is_error for p in problems):
        return None, problems
    problems += [_timescale_warning(path, action, start) for action in _actions(priorities)]
    problems = [p for p in problems if p is not None]
    schemas = data_dir.parent / "schemas"
    files: dict[Path, bytes] = {}
    if existing is None:
        text = _strategy_yaml(strategy, priorities, path, _modeline(schemas, 2, "strategy"))
        files[data_dir / "strategies" / f"{strategy.id}.yaml"] = text.encode("utf-8")
    for priority in priorities:
        text = _actions_yaml(strategy.id, priority, path, start, _modeline(schemas, 3, "actions"))
        files[folder / f"{priority.id}.yaml"] = text.encode("utf-8")
    count = sum(len(p.actions) for p in priorities)
    return Imported(files, strategy.id, existing is None, count, len(priorities)), problems


def _actions(priorities: list[_Priority]) -> Iterator[_Action]:
    for priority in priorities:
        yield from priority.actions


def _name_new(priorities: list[_Priority]) -> None:
    taken: set[str] = set()
    for priority in priorities:
        priority.id = _unique(slug(priority.title, 4), taken)
        theme_ids: set[str] = set()
        for theme in priority.themes:
            theme.id = _unique(slug(theme.title, 3), theme_ids)
    # Theme ids are unique within the strategy, not only within their priority.
    seen: set[str] = set()
    for priority in priorities:
        for theme in priority.themes:
            theme.id = _unique(theme.id, seen)


def _match_existing(path: Path, priorities: list[_Priority], strategy: object) -> list[Problem]:
    """Give the table's priorities and themes the ids they have in the existing strategy."""
    from .models import Strategy

    assert isinstance(strategy, Strategy)
    problems: list[Problem] = []
    for priority in priorities:
        wanted = slug(priority.title, 4)
        known = next(
            (p for p in strategy.priorities if _same(p.title, priority.title) or p.id == wanted),
            None,
        )
        if known is None:
            problems.append(
                error(
                    path,
                    f"cannot place the rows under priority '{priority.title}': strategy "
                    f"'{strategy.id}' has no such priority",
                    line=priority.line,
                    hint=did_you_mean(priority.title, [p.title for p in strategy.priorities])
                    or "add it to the strategy file first",
                )
            )
            continue
        priority.id = known.id
        for theme in priority.themes:
            match = next((t for t in known.themes if _same(t.title, theme.title)), None)
            if match is None:
                problems.append(
                    warning(
                        path,
                        f"theme '{theme.title}' is not in priority '{known.id}' of strategy "
                        f"'{strategy.id}'; its actions are imported without a theme",
                        line=theme.line,
                    )
                )
            else:
                theme.id = match.id
    return problems


def _number_actions(
    path: Path, priorities: list[_Priority], taken: set[str], strategy_id: str
) -> list[Problem]:
    """Ids from the priority's initials and the row's place: the same table, the same ids.

    When those ids are used elsewhere in the data folder (another strategy with the same
    priorities), the strategy's year (or initials) joins the prefix."""
    problems: list[Problem] = []
    prefixes: set[str] = set()
    tag = "".join(re.findall(r"\d{2}(\d{2})", strategy_id)[:1]) or _initials(strategy_id)
    for priority in priorities:
        width = max(2, len(str(len(priority.actions))))
        base = _initials(priority.title)
        candidates = [base, f"{base}{tag}", *(f"{base}{tag}-{n}" for n in range(2, 10))]
        for prefix in candidates:
            ids = [f"{prefix}-{n:0{width}d}" for n in range(1, len(priority.actions) + 1)]
            if prefix not in prefixes and not taken.intersection(ids):
                break
        else:
            problems.append(
                error(
                    path,
                    f"the ids for priority '{priority.title}' are all taken; import "
                    "into another strategy id",
                    line=priority.line,
                )
            )
            continue
        prefixes.add(prefix)
        priority.prefix = prefix
        for action, action_id in zip(priority.actions, ids, strict=True):
            action.id = action_id
    return problems


def _ids_in_other_files(
    path: Path, priorities: list[_Priority], kept: list[ActionRecord]
) -> list[Problem]:
    """An id the import would write that an action in a file it does not replace holds already
    (the table imported before, into files since renamed): two copies of one action."""
    existing = {a.id: a for a in kept}
    problems = []
    for action in _actions(priorities):
        other = existing.get(action.id)
        if other is not None:
            where = f"{other.file}:{_line_in(other.file, (*other.path, 'id'))}"
            problems.append(
                error(
                    path,
                    f"id '{action.id}' exists already, at {where}",
                    line=action.line,
                    hint="was the table imported before, into a file renamed since? "
                    "import writes whole files: make the change in that file by hand",
                )
            )
    return problems


def _progress_replaced(replaced: list[ActionRecord]) -> list[Problem]:
    """A file the import would replace must not hold progress: it would be lost."""
    by_file: dict[Path, list[ActionRecord]] = {}
    for record in replaced:
        if record.action.progress:
            by_file.setdefault(record.file, []).append(record)
    return [
        error(
            file,
            "the import would replace this file, which holds progress on "
            f"{', '.join(r.id for r in records)}",
            line=_line_in(file, (*records[0].path, "progress"), at_key=True),
            hint="import writes whole files: make the change in this file by hand",
        )
        for file, records in by_file.items()
    ]


def _line_in(file: Path, where: tuple[str | int, ...], at_key: bool = False) -> int | None:
    from .yamlsource import locate, read_document

    document, _ = read_document(file, build=False)
    return locate(document.root, where, at_key) if document is not None else None


def _timescale_warning(path: Path, action: _Action, start: date | None) -> Problem | None:
    text = " ".join(action.cells.get("timescale", "").split())
    if not text:
        return None
    try:
        schedule = parse_timescale(text)
    except TimescaleError:
        schedule = None
    else:
        until = getattr(schedule, "until", None)
        if until is None or start is None or until >= (start.year, start.month):
            return None
    action.cells["due"] = "none"
    return warning(
        path,
        f"timescale '{one_line(text)}' not understood; kept as written; set due:",
        line=action.line,
    )


# -- writing YAML -----------------------------------------------------------------------------


def _modeline(schemas: Path, depth: int, kind: str) -> str | None:
    from .schema import file_name, modeline

    if not (schemas / file_name(kind)).is_file():
        return None
    return modeline("../" * depth + "schemas/" + file_name(kind))


def _header(modeline: str | None, path: Path, what: str) -> list[str]:
    lines = [modeline] if modeline else []
    lines.append(f"# Imported by cpstrategy from {path.name}: {what}.")
    return lines


def _strategy_yaml(
    strategy: NewStrategy, priorities: list[_Priority], path: Path, modeline: str | None
) -> str:
    period = f"start: {strategy.start}" + (f", end: {strategy.end}" if strategy.end else "")
    lines = _header(modeline, path, "the strategy's priorities and themes")
    lines += [
        f"id: {strategy.id}",
        f"title: {scalar(strategy.title or strategy.id)}",
        f"period: {{{period}}}",
        "priorities:",
    ]
    for priority in priorities:
        lines += [f"  - id: {priority.id}", f"    title: {scalar(priority.title)}"]
        if priority.themes:
            lines.append("    themes:")
            for theme in priority.themes:
                lines += [f"      - id: {theme.id}", f"        title: {scalar(theme.title)}"]
    return "\n".join(lines) + "\n"


def _actions_yaml(
    strategy_id: str, priority: _Priority, path: Path, start: date | None, modeline: str | None
) -> str:
    first, last = priority.actions[0].line, priority.actions[-1].last_line
    lines = _header(modeline, path, f"priority '{priority.title}', rows {first} to {last}")
    lines += [f"strategy: {strategy_id}", f"priority: {priority.id}", "actions:"]
    for index, action in enumerate(priority.actions):
        if index:
            lines.append("")
        lines += _action_lines(action)
    return "\n".join(lines) + "\n"


def _action_lines(action: _Action) -> list[str]:
    cells = action.cells
    lines = [f"  - id: {action.id}"]
    if action.theme is not None and action.theme.id:
        lines.append(f"    theme: {action.theme.id}")
    lines.append(f"    activity: {scalar(_one_line(cells['activity']))}")
    leads = _leads(cells.get("lead", ""))
    if leads:
        lines.append(f"    lead: [{', '.join(scalar(lead, flow=True) for lead in leads)}]")
    timescale = _one_line(cells.get("timescale", ""))
    if timescale:
        lines.append(f"    timescale: {scalar(timescale)}")
    if cells.get("due") == "none":
        lines.append("    due: []  # the timescale above was not understood: set the dates")
    measures = _measures(cells.get("measure", ""))
    if measures:
        lines.append("    measures:")
        for text in measures:
            target = _PERCENT_TARGET.match(text)
            if target:
                value = float(target["value"])
                number = int(value) if value.is_integer() else value
                lines += [
                    f"      - text: {scalar(text)}",
                    f"        target: {number}",
                    '        unit: "%"',
                ]
            else:
                lines.append(f"      - {scalar(text)}")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _leads(text: str) -> list[str]:
    """Leads split on line breaks, '/' and ';', never on 'and': 'Permanence and Provision' is
    one service."""
    leads = []
    for part in _LEAD_SPLIT.split("\n".join(text.splitlines())):  # any kind of line break
        name = " ".join(_BULLET.sub("", part).split()).strip(" ,.").lstrip("-*•▪◦·").strip()
        if name and name not in leads:
            leads.append(name)
    return leads


def _measures(text: str) -> list[str]:
    """One measure per line of the cell, without bullet marks."""
    measures = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if line:
            measures.append(" ".join(line.split()))
    return measures
