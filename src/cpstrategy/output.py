"""Print rows as JSON, CSV, a rich table on a terminal, or plain aligned text when piped.

Rich is imported only when a table goes to a terminal: piped output and JSON stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

RAG_STYLES = {
    "blue": "bold blue",
    "green": "bold green",
    "amber": "bold yellow",
    "red": "bold red",
    "grey": "bright_black",
}


NARROW_TERMINAL = 110


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    style: str | None = None


def write_json(value: Any, out: TextIO) -> None:
    """An array prints one object per line: readable, and msgspec's encoder keeps it fast."""
    if isinstance(value, list) and value:
        import msgspec

        encode = msgspec.json.Encoder().encode
        out.write("[\n")
        out.write(",\n".join(encode(item).decode() for item in value))
        out.write("\n]\n")
    else:
        import json

        json.dump(value, out, indent=2, ensure_ascii=False)
        out.write("\n")


def write_csv(rows: Sequence[dict[str, Any]], keys: Sequence[str], out: TextIO) -> None:
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_cell(row.get(key)) for key in keys])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    out: TextIO,
    *,
    terminal: bool,
    color: bool,
    title: str | None = None,
    footer: str | None = None,
) -> None:
    """A rich table on a terminal; otherwise plain columns separated by two spaces."""
    if terminal:
        _rich_table(headers, rows, out, color=color, title=title, footer=footer)
        return
    if title:
        out.write(title + "\n\n")
    rows = [[Cell(" ".join(c.text.split()), c.style) for c in row] for row in rows]  # one line each
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell.text))
    lines = [[h for h in headers], *([c.text for c in row] for row in rows)]
    for line in lines:
        padded = [text.ljust(widths[i]) for i, text in enumerate(line[:-1])] + [line[-1]]
        out.write("  ".join(padded).rstrip() + "\n")
    if footer:
        out.write("\n" + footer + "\n")


def _rich_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    out: TextIO,
    *,
    color: bool,
    title: str | None,
    footer: str | None,
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, no_color=not color, highlight=False)
    # The last two columns (lead and text) wrap; on a narrow terminal the lead gives way.
    keep = list(range(len(headers)))
    hidden = None
    if console.width < NARROW_TERMINAL:
        hidden = headers[len(headers) - 2]
        keep.remove(len(headers) - 2)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, header_style="bold")
    for i in keep:
        if i >= len(headers) - 2:
            table.add_column(headers[i], overflow="fold", min_width=12, ratio=1)
        else:
            table.add_column(headers[i], no_wrap=True)
    for row in rows:
        table.add_row(*(Text(row[i].text, style=row[i].style or "") for i in keep))
    console.print(table)
    if footer:
        console.print(footer, highlight=False)
    if hidden:
        console.print(
            f"({hidden} is not shown: the terminal is narrower than {NARROW_TERMINAL} columns)",
            highlight=False,
            style="dim" if color else None,
        )


def write_lines(lines: Sequence[tuple[str, str | None]], out: TextIO, *, terminal: bool,
                color: bool) -> None:  # fmt: skip
    """Print text lines, styled on a terminal."""
    if not terminal:
        for text, _ in lines:
            out.write(text + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, no_color=not color, highlight=False)
    for text, style in lines:
        console.print(Text(text, style=style or ""))
