"""Writing the reports: the Jinja templates in `templates/` (or a council's, file by file),
the escaping of every value for HTML and Markdown, and writing the result whole or not at all.

The view models come from `reports`; nothing here decides what a report says.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from markupsafe import Markup
from markupsafe import escape as _escape

from .problems import DataError, counted
from .reports import long_date, month_year, short_date
from .views import figure_text as _number

if TYPE_CHECKING:
    from .charts import Chart
    from .forked import Forked

try:  # the C function markupsafe's escape calls for a string
    from markupsafe._speedups import _escape_inner as _escape_text
except ImportError:  # another MarkupSafe: the same result, by its public function

    def _escape_text(value: str) -> str:
        return str(_escape(value))


SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

_MD_SPECIAL = re.compile(r"([\\`*\[\]~|])")
_MD_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# What would start a heading, list, rule or setext underline at the start of a line.
_MD_BLOCK_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$)|-{3,}\s*$|=+\s*$|\d{1,9}[.)](?=\s|$))"
)
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What a git host turns into a live link (GFM's autolinks): "https://...", "www.example.org".
# Its colon or dot as a character reference stops that, and still reads as the same text.
_URL_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp):")
_WWW_DOT = re.compile(r"(?i)\b(www)\.")


# A markup character or line break anywhere, or what may start a block (_MD_BLOCK_START, and
# more): most text has neither, nor a web address, and markdown_text only strips it.
_MD_MARKUP = re.compile(r"[\\`*\[\]~|_&<>\r\n]")
_MD_LINE_MARK = re.compile(r"(?:#{1,6}|[+-]|\d{1,9}[.)])(?:\s|$)|-{3,}|=")


def markdown_text(value: Any) -> str:
    """Data text made safe for GitHub-flavoured Markdown, in a table cell or a paragraph.

    Pipes and markup characters are backslash-escaped, `<`, `>` and entities become text (so
    `<script>` is shown, never run), web addresses stay text rather than live links (as in the
    HTML report), and line breaks become `<br>` so a cell stays one row.
    """
    text = "" if value is None else str(value).strip()
    # Quick looks first, cheapest first: this runs for every value a Markdown report prints.
    if not (
        _MD_MARKUP.search(text)
        or _MD_LINE_MARK.match(text)
        or (":" in text and _URL_SCHEME.search(text))
        or (("w." in text or "W." in text) and _WWW_DOT.search(text))
    ):
        return text
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _URL_SCHEME.sub(r"\1&#58;", text)
    text = _WWW_DOT.sub(r"\1&#46;", text)
    lines = [_MD_BLOCK_START.sub(_escape_block_start, line) for line in _LINE_BREAK.split(text)]
    return "<br>".join(line.strip() for line in lines)


def _escape_block_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():  # "1." -> "1\." keeps the number and stops the list
        return m.group(1) + mark[:-1] + "\\" + mark[-1]
    return m.group(1) + "\\" + mark


def css_string(value: Any) -> str:
    """A quoted CSS string: every character that could end it or the <style> is escaped."""
    text = " ".join(("" if value is None else str(value)).split())
    out = []
    for char in text:
        if char.isalnum() or char in " .,:;-()/'":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


# -- rendering ------------------------------------------------------------------------------


BUILTIN_PREFIX = "cpstrategy/"  # our templates by a name a council's folder cannot shadow


def template_dirs(template_dir: Path | None = None) -> list[Path]:
    """Where templates are looked for, first match wins: the council's own folder, then ours.

    Ours are inside the installed package (the wheel ships them as cpstrategy/templates); in an
    editable install they are the repository's top-level templates/ folder.
    """
    here = Path(__file__).resolve().parent
    builtin = here / "templates"
    if not builtin.is_dir():
        builtin = here.parent.parent / "templates"
    return ([template_dir] if template_dir is not None else []) + [builtin]


def report_format(fmt: str | None, output: Path | None) -> str:
    """--format when given, else the output's extension, else Markdown."""
    if fmt is not None:
        return fmt
    if output is None:
        return "md"
    found = SUFFIX_FORMATS.get(output.suffix.lower())
    if found is None:
        raise ValueError(
            f"cannot tell the format from '{output.name}'; "
            "use --format md or --format html, or an .md or .html file name"
        )
    return found


def render(
    name: str,
    fmt: str,
    view: Any,
    template_dir: Path | None = None,
    aside: Sequence[str] = (),
    cache_dir: Path | None = None,
) -> Iterator[str | bytes]:
    """Render `name`.{md,html}.j2 with the view model, in pieces as it goes; template errors
    become DataError. The template's blocks named in `aside` (blocks of its top level, none
    inside another) are written by a second process, forked for them, while this one writes the
    rest (where a second process can be had): those come as UTF-8 bytes, each whole, the rest as
    text (`write_whole` and `write_atomic` write both), and what follows the first of them is
    kept in memory until the other process has finished. With `cache_dir`, templates compiled
    by an earlier run are kept there and used.

    A name is looked up in the council's folder, then ours; "cpstrategy/NAME" is always ours,
    so a council's board.html.j2 can `{% extends "cpstrategy/board.html.j2" %}` and override
    blocks. A template that extends, includes or imports its own name gets ours too.
    """
    import jinja2

    dirs = template_dirs(template_dir)
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader(
                {BUILTIN_PREFIX.rstrip("/"): jinja2.FileSystemLoader(str(dirs[-1]))}
            ),
            jinja2.FileSystemLoader([str(p) for p in dirs]),
        ]
    )
    common: dict[str, Any] = {
        "loader": loader,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    if cache_dir is not None:
        from .template_cache import CompiledTemplates

        common["bytecode_cache"] = CompiledTemplates(cache_dir / "templates", fmt)
    environment = _environment_class(jinja2)
    if fmt == "html":
        env = environment(autoescape=True, **common)
        env.filters["css_string"] = lambda v: Markup(css_string(v))
        env.filters["lines"] = html_lines
        env.filters["svg"] = chart_svg
    else:
        # Markdown has no autoescape of its own: every printed value is escaped unless a filter
        # already made it Markdown (Markup), so a council's template is safe by default too.
        env = environment(
            autoescape=False,
            finalize=lambda v: v if isinstance(v, Markup) else markdown_text(v),
            **common,
        )
        env.filters["md"] = lambda v: Markup(markdown_text(v))
        env.filters["lines"] = env.filters["md"]  # line breaks are <br> there already
        env.filters["raw"] = Markup
    env.filters.update(
        long_date=long_date,
        short_date=short_date,
        month_year=month_year,
        number=_number,
        plural=counted,
    )
    template_name = f"{name}.{fmt}.j2"
    try:
        template = env.get_template(template_name)
        if not _ours_alone(template_dir, dirs[-1]):
            aside = ()  # a council's templates may share what they set, or write a block twice
        yield from _generate(template, view, aside)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise DataError(f"template error: {exc.message}", where=where) from None
    except jinja2.TemplateNotFound as exc:
        raise DataError(f"template '{exc.name}' not found", _searched(template_dir)) from None
    except Exception as exc:  # a council's template may fail in any way
        # Raised while rendering: say where in which template, in one line, never a traceback.
        where, message = _render_failure(exc, template_name)
        raise DataError(f"template error: {message}", where=where) from None


def _ours_alone(template_dir: Path | None, builtin: Path) -> bool:
    """True when only our templates are used: no council folder, or one that holds none of
    our templates' names (the board template, or one it imports or includes)."""
    if template_dir is None:
        return True
    return not any((template_dir / ours.name).exists() for ours in builtin.glob("*.j2"))


def _generate(template: Any, view: Any, aside: Sequence[str]) -> Iterator[str | bytes]:
    """What `template.generate(report=view)` gives, with the blocks named in `aside` written
    elsewhere (each comes as UTF-8 bytes), and Jinja's many small pieces (half a million in a
    large report) joined a few thousand at a time, in C, not passed on one by one."""
    context = template.new_context({"report": view})
    elsewhere = _Aside.start(template, context, aside) if aside else None
    pieces = template.root_render_func(context)
    try:
        if elsewhere is None:
            while batch := list(islice(pieces, 4096)):
                yield "".join(batch)
        else:
            yield from elsewhere.merged(pieces)
    except Exception:
        template.environment.handle_exception()  # raises it, at the template's line
    finally:
        if elsewhere is not None:
            elsewhere.stop()


class _Place:
    """Where a block written by the forked process goes, among the pieces written here."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _Aside:
    """Blocks of one of our templates written by a forked process while this one writes the
    rest.

    The forked process runs the template with every other block left out (so each block sees
    what the template sets before it, as it would here) and writes the blocks' text into a
    temporary file they share. This one writes everything else meanwhile, keeping what follows
    the first of those blocks until the other process has finished, and then puts each block
    in its place. Should the other process fail, the blocks are written here, then, and fail
    here as they would have.
    """

    def __init__(self, forked: Forked, spool: BinaryIO, context: Any, blocks: dict[str, Any]):
        self.forked: Forked | None = forked
        self.spool = spool
        self.context = context
        self.blocks = blocks  # each block's own function, by name, should it be written here
        self.reached = 0  # how many places this process has come to

    @classmethod
    def start(cls, template: Any, context: Any, names: Sequence[str]) -> _Aside | None:
        from .forked import Forked, can_fork

        names = [name for name in names if context.blocks.get(name)]
        if not names or not can_fork():
            return None
        try:
            spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop)
        except OSError:
            return None

        def work(parent: int) -> bytes:
            places = _blocks_alone(template, context, names, spool, parent)
            spool.flush()
            return json.dumps(places).encode()

        forked = Forked.start(work)
        if forked is None:
            spool.close()
            return None
        aside = cls(forked, spool, context, {name: context.blocks[name][0] for name in names})
        for name in names:  # before each block, not over it: its super() looks itself up
            context.blocks[name].insert(0, aside._place(name))
        return aside

    def _place(self, name: str) -> Callable[[Any], Iterator[Any]]:
        def place(context: Any) -> Iterator[Any]:
            self.reached += 1
            yield _Place(name)

        return place

    def merged(self, pieces: Iterator[Any]) -> Iterator[str | bytes]:
        """The pieces, joined as `_generate` joins them, each place filled with its block."""
        held: list[str | _Place] = []  # from the first place on, until the blocks are written
        seen = 0
        while batch := list(islice(pieces, 4096)):
            if self.reached == seen:
                if held:
                    held.append("".join(batch))
                else:
                    yield "".join(batch)
                continue
            seen = self.reached
            run: list[str] = []
            for piece in batch:
                if type(piece) is _Place:
                    held += ("".join(run), piece)
                    run = []
                else:
                    run.append(piece)
            held.append("".join(run))
        written = self._received()
        held.reverse()  # taken from the end, so that each piece is let go once it is passed on
        while held:
            item = held.pop()
            if type(item) is not _Place:
                yield item
            elif item.name in written:
                yield self._read(*written[item.name])
            else:
                yield from self.blocks[item.name](self.context)

    def _received(self) -> dict[str, tuple[int, int]]:
        """Where in the spool the other process wrote each block; {} if it failed."""
        answer = self.forked.received() if self.forked is not None else None
        self.forked = None
        try:
            return {name: (start, end) for name, (start, end) in json.loads(answer).items()}
        except (TypeError, ValueError):
            return {}

    def _read(self, start: int, end: int) -> bytes:
        """A block as the other process wrote it: UTF-8, passed on as it is (see `_write`)."""
        self.spool.seek(start)
        return self.spool.read(end - start)

    def stop(self) -> None:
        """End the forked process, if it is still at work (this one failed), and let the
        spool go."""
        if self.forked is not None:
            self.forked.stop()
        self.spool.close()


def _blocks_alone(
    template: Any, context: Any, names: Sequence[str], spool: BinaryIO, parent: int
) -> dict[str, tuple[int, int]]:
    """In the forked process: write the blocks `names` to `spool`, with the template run around
    them and every other block left out, and say where each is; stop if the process that
    forked this one has gone."""
    from .forked import check_parent

    places: dict[str, tuple[int, int]] = {}

    def nothing(context: Any) -> Iterator[str]:
        yield from ()

    def kept(name: str, block: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
        def write(context: Any) -> Iterator[str]:
            check_parent(parent)
            start = spool.tell()
            pieces = block(context)
            while batch := list(islice(pieces, 4096)):
                spool.write("".join(batch).encode())
                check_parent(parent)
            places[name] = (start, spool.tell())
            yield from ()

        return write

    for key, stack in context.blocks.items():
        if key in names:
            stack.insert(0, kept(key, stack[0]))  # before it, not over it (its super())
        else:
            stack[0] = nothing
    for _ in template.root_render_func(context):
        pass
    return places


def chart_svg(chart: Chart, css_class: str) -> Markup:
    """A chart as inline SVG, with every piece of text escaped: the same markup for each of the
    thousands of charts in the board report of a large plan, so it is written here, not in a
    template (the stylesheet styles it by its classes)."""
    width, height, label = chart.width, chart.height, escape_output(chart.label)
    radius = 3 if css_class == "trajectory" else 2.2
    parts = [
        f'<svg class="{escape_output(css_class)}" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-label="{label}">\n<title>{label}</title>\n'
    ]
    parts += [f'<line class="grid" x1="0" x2="{width}" y1="{y}" y2="{y}"/>\n' for y in chart.grid]
    if chart.axes:
        parts.append(f'<path class="axis" d="{escape_output(chart.axes)}"/>\n')
    for series in chart.series:
        kind, points = escape_output(series.kind), escape_output(series.points)
        parts.append(f'<polyline class="{kind}" points="{points}"/>\n')
        parts += [
            f'<circle class="dot" cx="{d.x}" cy="{d.y}" r="{radius}"/>\n' for d in series.dots
        ]
    for text in chart.labels:
        anchor, words = escape_output(text.anchor), escape_output(text.text)
        parts.append(f'<text x="{text.x}" y="{text.y}" text-anchor="{anchor}">{words}</text>\n')
    parts.append("</svg>")
    return Markup("".join(parts))


def html_lines(value: Any) -> Any:
    """Text from the data, escaped, with its line breaks kept as <br> (a note or a "we did"
    written over several lines would otherwise run together in a browser)."""
    text = value if isinstance(value, str) else str(value)  # Markup stays Markup
    if "\n" not in text:
        return text  # the usual case: autoescaping escapes it, as any other value
    return Markup("<br>\n").join(_escape(line) for line in text.strip("\n").split("\n"))


def _environment_class(jinja2: Any) -> type:
    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator, optimizeconst

    class Generator(CodeGenerator):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.printed: list[str] = []  # the name holding each value while it is printed

        def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
            # A printed value is escaped by `escape_output`, not markupsafe's `escape`: the same
            # text, without the Markup object made and dropped for each of its 300,000 values
            # in a large board report (a third of the time taken to write it); and a string,
            # most of them, straight by the C function that function calls.
            if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
                value = self.temporary_identifier()
                self.printed.append(value)
                self.write(f"(environment.escape_text({value}) if type({value} := ")
                if finalize.src is not None:
                    self.write(finalize.src)
            else:
                super()._output_child_pre(node, frame, finalize)

        def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
            if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
                value = self.printed.pop()
                if finalize.src is not None:
                    self.write(")")
                self.write(f") is str else environment.escape_output({value}))")
            else:
                super()._output_child_post(node, frame, finalize)

        def visit_Output(self, node: Any, frame: Any) -> None:
            # A row of a table prints text and values in turn, a dozen pieces or more: joined
            # and passed on as one piece, not one by one through each generator that yields it.
            printed = sum(not isinstance(child, nodes.TemplateData) for child in node.nodes)
            if frame.buffer is not None or frame.require_output_check or printed < 2:
                super().visit_Output(node, frame)
                return
            frame.buffer = self.temporary_identifier()
            self.writeline(f"{frame.buffer} = []")
            try:
                super().visit_Output(node, frame)
                self.writeline(f"yield ''.join({frame.buffer})")
            finally:
                frame.buffer = None

        @optimizeconst
        def visit_Getattr(self, node: Any, frame: Any) -> None:
            # `x.name` is Python's getattr, in C, and only when that fails Jinja's own (which
            # then tries x["name"]): the same value, without a method call for each of the
            # 500,000 attributes a large board report reads.
            if self.environment.is_async:
                super().visit_Getattr(node, frame)
                return
            value, owner, name = self.temporary_identifier(), self.temporary_identifier(), node.attr
            self.write(f"({value} if ({value} := getattr(({owner} := ")
            self.visit(node.node, frame)
            self.write(f"), {name!r}, missing)) is not missing")
            self.write(f" else environment.getattr({owner}, {name!r}))")

    class Environment(jinja2.Environment):  # type: ignore[misc,name-defined]
        code_generator_class = Generator
        escape_output = staticmethod(escape_output)
        escape_text = staticmethod(_escape_text)

        def join_path(self, template: str, parent: str) -> str:
            # A council's board.md.j2 that extends "board.md.j2" would find itself again, without
            # end: a template naming itself means the one it replaces, ours.
            if template == parent and not template.startswith(BUILTIN_PREFIX):
                return BUILTIN_PREFIX + template
            return template

    return Environment


def escape_output(value: Any) -> str:
    """`markupsafe.escape(value)` as a plain string: what autoescaping writes for a value."""
    kind = type(value)
    if kind is str:
        return _escape_text(value)
    if kind is int or kind is float:  # digits, a sign, a point, "e", "inf" or "nan"
        return str(value)
    return _escape(value)  # a float, a date, or Markup (already safe, kept as it is)


def _render_failure(exc: BaseException, template_name: str) -> tuple[str, str]:
    """FILE:LINE of the innermost template line running when `exc` was raised, and a plain
    message, never a traceback."""
    import traceback

    import jinja2

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else template_name
    if isinstance(exc, RecursionError):
        message = "templates extend, include or call each other without end"
    elif isinstance(exc, jinja2.TemplateError):
        message = exc.message or type(exc).__name__
    else:
        message = f"{str(exc) or type(exc).__name__} ({type(exc).__name__})"
    message = " ".join(message.split())
    if len(message) > 200:
        message = message[:199] + "…"
    return where, message


def _searched(template_dir: Path | None) -> str:
    return "looked in " + ", ".join(str(p) for p in template_dirs(template_dir))


# Characters of a report kept in memory until it is whole (a plan of 10,000 actions makes 12
# million, in one to four bytes each), counting a block from the second process in bytes; a
# larger one goes on in a temporary file.
KEPT_IN_MEMORY = 16 << 20


def write_whole(pieces: Iterable[str | bytes], out: TextIO) -> None:
    """Write all of `pieces` to `out`, or nothing when making them fails: they are kept until
    the last one is made, in memory, or in a temporary file when there are more than
    KEPT_IN_MEMORY characters."""
    remaining = iter(pieces)
    kept: list[str | bytes] = []
    size = 0
    for piece in remaining:
        kept.append(piece)
        size += len(piece)
        if size > KEPT_IN_MEMORY:
            break
    else:
        _write(out, kept)
        return
    try:
        spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:  # (closed by the `with` below)
        raise DataError(f"cannot make a temporary file: {exc.strerror or exc}") from None
    with spool:
        try:
            _write(spool, kept)
            kept.clear()
            _write(spool, remaining)
            spool.seek(0)
        except OSError as exc:
            raise DataError(f"cannot write a temporary file: {exc.strerror or exc}") from None
        shutil.copyfileobj(spool, out)


def write_atomic(path: Path, pieces: Iterable[str | bytes]) -> None:
    """Replace `path` with the text of `pieces` in one step: a temporary file in the same
    folder, then rename.

    A crash, or a failure to make the pieces, leaves the old file whole. A new file gets the
    usual permissions (not the 0600 of a temporary file); a replaced one keeps its own.
    """
    from .staging import check_replaceable

    check_replaceable(path)  # a link, a pipe or a device is never replaced by a plain file
    folder = path.parent
    temporary: Path | None = None
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=folder, prefix=f".{path.name}.",
            suffix=".tmp", delete=False,
        ) as handle:  # fmt: skip
            temporary = Path(handle.name)
            _write(handle, pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise DataError(f"cannot write '{path}': {exc.strerror or exc}") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _write(out: TextIO, pieces: Iterable[str | bytes]) -> None:
    """Write text as text, and UTF-8 bytes (from the forked process, on Linux) straight to the
    binary buffer below `out` where it writes UTF-8: decoding and encoding again the megabytes of
    a large report's success measures would only make the reader wait."""
    raw = getattr(out, "buffer", None)
    if raw is not None and codecs.lookup(getattr(out, "encoding", None) or "ascii").name != "utf-8":
        raw = None
    for piece in pieces:
        if not isinstance(piece, bytes):
            out.write(piece)
        elif raw is not None:
            out.flush()
            raw.write(piece)
        else:
            out.write(piece.decode())


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
