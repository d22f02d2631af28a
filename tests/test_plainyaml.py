"""The quick reader (`plainyaml`) gives exactly what composing with libyaml gives, or gives up.

Every case here is read both ways: when the quick reader answers, its value (with the type of
every scalar), line index and count of values must equal the full reader's, and the full reader
must have found no mistake. Cases come from every YAML file in the repository, the benchmark
generator, hand-picked edges, seeded random documents and their mutations, and Hypothesis.
"""

from __future__ import annotations

import importlib
import json
import os
import random
import re
import shutil
import sys
import sysconfig
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cpstrategy
from cpstrategy import plainyaml, yamlsource
from cpstrategy.sources import AT_KEY, SEPARATOR
from cpstrategy.yamlsource import (
    COMPOSER_DEPTH,
    KNOWN_PLAIN_VALUES,
    MAX_VALUES,
    TYPED_FIRST_CHARACTERS,
    line_index,
    parse_document,
    plain_value,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261124
CASES = 3000


def typed(value: Any) -> Any:
    """A value with the type of every part spelt out, in order: 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return ("map", [(key, typed(inner)) for key, inner in value.items()])
    if isinstance(value, list):
        return ("list", [typed(inner) for inner in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def full(text: str) -> tuple[Any, dict[str, int], int] | None:
    document, _ = parse_document(Path("case.yaml"), text.encode())
    if document is None or document.root is None:
        return None
    return typed(document.value), line_index(document.root), document.values


def quick(text: str) -> tuple[Any, dict[str, int], int] | None:
    """What the quick reader answers, after the checks every file passes first; None when it
    leaves the text to the full reader."""
    document, _ = parse_document(Path("case.yaml"), text.encode(), quick=True)
    if document is None or document.root is not None:
        return None
    assert document.lines is not None
    return typed(document.value), json.loads(document.lines), document.values


def in_python(text: str) -> tuple[Any, str, int] | None:
    """What the quick reader's Python code answers, without the compiled reader (the line index
    as the JSON text it gives, which the compiled reader must write alike)."""
    found = plainyaml.read(
        text, plain_value, MAX_VALUES, None, TYPED_FIRST_CHARACTERS, compiled=False
    )
    return None if found is None else (typed(found[0]), found[1], found[2])


def compiled(text: str) -> tuple[Any, str, int] | None:
    """What the compiled reader alone answers (None when it gives up, or is not built)."""
    if plainyaml._compiled_read is None or not plainyaml.plain_characters(text):
        return None  # (the characters are checked before the compiled reader is asked)
    found = plainyaml._compiled_read(
        text, plain_value, TYPED_FIRST_CHARACTERS, KNOWN_PLAIN_VALUES, MAX_VALUES, SEPARATOR,
        AT_KEY, 0,
    )  # fmt: skip
    return None if found is None else (typed(found[0]), found[1], found[2])


# What the compiled reader's screen refuses (see _plainyaml.c): a line that starts with
# COMPOSER_DEPTH or more of " ?:-", or more '[' and '{' than that in all, or a character that is
# not printable (line breaks aside).
_LEADING_RUN = re.compile(rf"(?:^|\n)[ \t?:-]{{{COMPOSER_DEPTH}}}")


def screened_out(text: str) -> bool:
    return (
        not text.replace("\n", " ").isprintable()
        or text.count("[") + text.count("{") > COMPOSER_DEPTH
        or _LEADING_RUN.search(text) is not None
    )


def screens_alike(text: str) -> None:
    """The compiled reader, screening the text itself, refuses it (False) exactly when the rule
    above says; what it lets through passes every check `parse_document` makes before reading
    (it is the stricter), and is answered as it is once those checks have passed."""
    if plainyaml._compiled_read is None:
        return
    found = plainyaml.read_screened(
        text, plain_value, MAX_VALUES, COMPOSER_DEPTH, TYPED_FIRST_CHARACTERS, KNOWN_PLAIN_VALUES
    )
    assert (found is False) == screened_out(text), (
        f"the compiled reader screens this text otherwise:\n{text!r}"
    )
    if isinstance(found, tuple):  # read: it would have passed the checks before reading
        assert "\x00" not in text and yamlsource._nesting_too_deep(text) is None
    if found is not False:
        answer = None if found is None else (typed(found[0]), found[1], found[2])
        assert answer == compiled(text), f"the compiled reader screened, answers otherwise:\n{text}"


def agrees(text: str) -> bool:
    """Whether the quick reader answered; it fails the test if its answer is not the full one,
    or if the compiled reader answers anything but what the Python code answers."""
    screens_alike(text)
    fast = compiled(text)
    if fast is not None:
        assert fast == in_python(text), f"the compiled reader disagrees on:\n{text}"
    answer = quick(text)
    if answer is None:
        return False
    assert answer == full(text), f"the readers disagree on:\n{text}"
    return True


def yaml_files() -> list[Path]:
    found = [
        path
        for folder in ("data", "examples", "tests/corpus", "src/cpstrategy/init_template")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".yaml", ".yml") and path.is_file()
    ]
    assert len(found) > 20
    return found


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_is_read_alike_or_left_to_the_full_reader(
    path: Path,
) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    agrees(text)


def test_the_shipped_action_files_are_read_quickly() -> None:
    files = sorted((ROOT / "data" / "actions").rglob("*.yaml"))
    assert files
    assert all(agrees(path.read_text(encoding="utf-8")) for path in files)


def generated_plan(folder: Path, seed: int) -> list[Path]:
    """The files of a plan of 300 actions from the benchmark generator."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate.generate(300, folder, seed=seed, as_of=date(2023, 6, 30))
    return sorted((folder / "data").rglob("*.yaml"))


def test_the_benchmark_plans_are_read_quickly_and_alike(tmp_path: Path) -> None:
    files = generated_plan(tmp_path, seed=3)
    assert len(files) > 5
    assert all(agrees(path.read_text(encoding="utf-8")) for path in files)


needs_compiled = pytest.mark.skipif(
    plainyaml._compiled_read is None, reason="the compiled reader is not built here"
)


def test_the_compiled_reader_is_built_where_a_compiler_is_found() -> None:
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if os.environ.get("CPSTRATEGY_PURE_PYTHON") == "1":
        pytest.skip("CPSTRATEGY_PURE_PYTHON=1: installed without the compiled reader")
    if not (shutil.which("cc") and include.is_file()):
        pytest.skip("no C compiler or Python headers here: the Python reader does the work")
    assert plainyaml._compiled_read is not None, "reinstall: pip install -e '.[test]'"


def test_a_compiled_reader_built_from_another_version_is_not_used(monkeypatch) -> None:
    # An editable install leaves the module it built next to the sources, where a later
    # checkout of the C file may not match it: its INTERFACE says so.
    stale = types.ModuleType("cpstrategy._plainyaml")
    stale.read = lambda *args: None  # type: ignore[attr-defined]
    stale.INTERFACE = plainyaml._INTERFACE - 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cpstrategy._plainyaml", stale)
    monkeypatch.setattr(cpstrategy, "_plainyaml", stale, raising=False)
    try:
        assert importlib.reload(plainyaml)._compiled_read is None
    finally:
        monkeypatch.undo()
        importlib.reload(plainyaml)
    if plainyaml._compiled_read is not None:  # the one built here goes with this version
        assert plainyaml._plainyaml.INTERFACE == plainyaml._INTERFACE


@needs_compiled
def test_the_compiled_reader_reads_the_plans_itself(tmp_path: Path) -> None:
    generated = generated_plan(tmp_path, seed=5)
    for path in generated + sorted((ROOT / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        # What the Python code reads, the compiled reader reads: every generated file, and the
        # shipped files without block scalars or text over several lines.
        if path in generated or in_python(text) is not None:
            assert compiled(text) is not None, path
        agrees(text)


# Read by the Python code, and by the compiled reader only where it says so.
LEFT_TO_THE_PYTHON_CODE = [
    'a: "tab\\there"\n',
    'a: [x, "\\u00e9"]\n',
    'a: {k: "\\x41"}\n',
]
READ_COMPILED = [
    'a: "say \\"hi\\" \\\\ \\/"\n',
    "a: [\"\\\"q\\\"\", 'it''s']\n",
    'a: {k: "x \\\\ y"}  # c\n',
    '- "\\""\n',
]


@needs_compiled
@pytest.mark.parametrize("text", LEFT_TO_THE_PYTHON_CODE)
def test_other_escapes_are_left_to_the_python_code(text: str) -> None:
    assert compiled(text) is None
    assert agrees(text)


@needs_compiled
@pytest.mark.parametrize("text", READ_COMPILED)
def test_quotes_slashes_and_backslashes_are_read_compiled(text: str) -> None:
    assert compiled(text) is not None
    assert agrees(text)


READ_QUICKLY = [
    "a: 1\nb: 1.5\nc: yes\nd: No\ne: ~\nf: null\ng: 2024-01-31\nh: text\n",
    "a: 1:30\nb: 017\nc: 0x1F\nd: .inf\ne: 2019.10\nf: +5\ng: 1_000\nh: 2001-12-14t21:59:43.10-05:00\n",
    "a: True\nb: off\nc: ON\nd: y\ne: n\nf: NULL\ng: .NaN\nh: 0o17\ni: 0b101\n",
    "a: \"quoted # not a comment\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
    'a: "tab\\there \\"q\\" \\\\ \\/ \\x41 \\u00e9 \\U0001F600 \\_ \\L \\P \\ "\n',
    "a: [x, 'y, z', \"w\", 2024-01-01, 3, yes, ~]\nb: []\nc: {}\n",
    "a: {date: 2024-01-01, value: 3.5, note: \"x, y\", by: 'A B'}\n",
    "a: text # a comment\nb: te#xt\nc: a:b\nd: http://example.org/x\n",
    "a: trailing spaces   \nb: [x]   # c\n",
    "# a comment\n\nlist:\n  - one\n  - two # c\n\n  - three\n",
    "list:\n- one\n- two\nafter: x\n",
    "list:\n  - id: A\n    note: x\n  - id: B\n    inner:\n      - deep: 1\n",
    "list:\n  -\n    id: A\n  -   id: B\n      x: 1\n",
    "- a\n- b: 1\n  c: 2\n- [x]\n- {k: v}\n",
    "  indented: 1\n  root: 2\n",
    "a:\n  b:\n    c:\n      d: [1, 2]\n",
    "top: [a, b]\nrows:\n  - {x: 1, y: 2}\n  - z: 3\n",
    "a: café ☕ 𝄞\n",
    "key_with-dash_1: v\n_under: w\n",
    "a: x - y\nb: x ? y\nc: 'a' # c\n",
    "a: [two words  , x ,y]\nb: {k: two words  , j: x }\n",
    "a" * 128 + ": 1\n",
]


@pytest.mark.parametrize("text", READ_QUICKLY)
def test_plain_yaml_is_read_quickly_and_alike(text: str) -> None:
    assert agrees(text)


LEFT_TO_THE_FULL_READER = [
    "",
    "# only a comment\n",
    "just text\n",
    "a:\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a: b:\n",
    "a: x\n  continued\n",
    "a:\n  text on the next line\n",
    "a: 1\n b: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a:\tb\n",
    "a: b\r\nc: d\r\n",
    "a: b\x85c: d\n",
    "a: \ufeffb\n",
    "a: \u2028\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "<<: {a: 1}\n",
    "a: |\n  block\n",
    "a: >\n  folded\n",
    '"a": 1\n',
    "a : 1\n",
    "a:b\n",
    "? a\n: b\n",
    "a: -1\n",
    "a: - b\n",
    "a: [1, 2\n",
    "a: [1, [2]]\n",
    "a: [1, , 2]\n",
    "a: [1, 2, ]\n",
    "a: [x: y]\n",
    "a: {b:c}\n",
    "a: {b: 1, b: 2}\n",
    "a: {b}\n",
    'a: "unterminated\n',
    "a: 'x' y\n",
    '"a"#b\n',
    'a: "\\q"\n',
    'a: "\\ud800"\n',
    "a: 'multi\n  line'\n",
    "- \n- b\n",
    "-\n- b\n",
    "- - a\n",
    "a: =\n",
    "a: @x\n",
    "a: `x`\n",
    "a: %x\n",
    "a: [a#b]\n",
    "a: [1:30]\n",
    # escapes that make a character no report can show: the full reader says so
    'a: "\\N"\n',
    'a: "\\e"\n',
    'a: "\\0"\n',
    'a: [x, "\\x9d"]\n',
    'a: "\\uFDD0"\n',
    # libyaml refuses a key over 1024 characters long
    "a" * 1025 + ": 1\n",
    "x: 1\n" + "a" * 1025 + ": 1\n",
    "- " + "a" * 1025 + ": 1\n",
    "x: {" + "a" * 1025 + ": 1}\n",
    # nesting deeper than the limit, through lists that start at their key's column
    "k:\n" + "".join(" " * (2 * i) + "- k:\n" for i in range(32)) + " " * 64 + "- x\n",
    "k:\n" + "".join(" " * (2 * i) + "- k:\n" for i in range(498)) + " " * 996 + "- x\n",
    # a flow list over two lines, with spaces before its commas: given up at once, not after
    # trying every way of splitting the spaces
    "a: [" + "x ," * 40 + "\n  x]\n",
    "a: {" + "k: x  ," * 40 + "\n  k: x}\n",
]


@pytest.mark.parametrize("text", LEFT_TO_THE_FULL_READER)
def test_other_yaml_is_left_to_the_full_reader(text: str) -> None:
    assert quick(text) is None


# Texts at the edges of what the compiled reader screens for itself: characters that are not
# printable (each kind Python knows), and the bounds on brackets and on runs at a line's start.
DEPTH = COMPOSER_DEPTH
SCREENED = [
    *(f"a: b{c}c\n" for c in "\x00\x01\t\r\x1b\x7f\x80\x85\x9f\xa0\xad\u2028\u2029\u200b"),
    *(f"a: b{c}c\n" for c in "\ufeff\ufdd0\ufffe\uffff\ue000\U0001f600\U000e0001\U0010ffff"),
    *(f"a: b{c}c\n" for c in "\xa1\xe9\u2013\u2019\u20ac\u3000\ud7ff\uff01\U00010000"),
    "a: '" + "[" * DEPTH + "'\n",
    "a: '" + "[" * (DEPTH + 1) + "'\n",
    "a: '" + "{" * (DEPTH // 2) + "[" * (DEPTH // 2) + "'\nb: [x]\n",
    "a: [" + ", ".join(["x"] * 10) + "]\n" * 1,
    "a:\n" + " " * (DEPTH - 1) + "b: 1\n",
    "a:\n" + " " * DEPTH + "b: 1\n",
    " " * DEPTH + "a: 1\n",
    "a: 1\n" + "- " * (DEPTH // 2) + "x\n",
    "a: 1\n" + "?" * (DEPTH - 1) + "x\n",
    "a: 1\n" + ":" * DEPTH + "\n",
    "a: 1\n" + "-" * DEPTH + "\n",
    "",
    "\n",
]


@needs_compiled
@pytest.mark.parametrize("text", SCREENED)
def test_the_compiled_reader_screens_the_text_as_the_checks_before_reading_do(text: str) -> None:
    screens_alike(text)
    agrees(text)


@needs_compiled
def test_the_compiled_reader_screens_every_character_as_python_does() -> None:
    """Each code point in a value (line breaks aside, and surrogates, which cannot be in a
    file's text)."""
    refused = []
    for code in range(0x110000):
        if code == 0x0A or 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        found = plainyaml.read_screened(f"a: x{c}\n", plain_value, MAX_VALUES, DEPTH)
        if (found is False) != (not c.isprintable()):
            refused.append(f"U+{code:04X}")
    assert not refused


def test_a_reader_that_answers_agrees_with_libyaml_on_random_documents() -> None:
    rng = random.Random(SEED)
    answered = 0
    for _ in range(CASES):
        text = _document(rng)
        if rng.random() < 0.3:
            text = _mutated(rng, text)
        answered += agrees(text)
    assert answered > CASES // 4  # the cases exercise the quick reader, not only its giving up


PIECES = st.text(
    alphabet=st.sampled_from(
        [*"ab1 .:-#,[]{}'\"\\!&*?|>%@`~=+_\txyTFn0e", "é", "\u2028", "\xa0", "\u3000"]
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(["a", "b_1", "c-d"]), value=PIECES, tail=PIECES)
def test_any_one_line_value_is_read_alike_or_left(key: str, value: str, tail: str) -> None:
    agrees(f"{key}: {value}\n")
    agrees(f"- {value}\n- {tail}\n")
    agrees(f"{key}: [{value}, {tail}]\n{key}x: {{k: {value}, j: {tail}}}\n")


# -- random documents ----------------------------------------------------------------------

_KEYS = ["id", "note", "a", "b", "date", "value", "status", "by", "x_y", "k-1"]
_PLAIN = [
    "text", "two words", "2024-02-30", "2024-01-01", "12", "1.50", "1e3", "yes", "No", "~",
    "null", "on", "0x10", "017", "1:20", "a:b", "x#c", "é", "it's", ".inf", ".nan", "+1", "0o7",
    "1_0", "True", "FALSE", "Off", "a-b", "a ? b", "a [b]", "x, y",
]  # fmt: skip
# Text that is not plain YAML of the kind read quickly, or is not a plain value at all.
_TRICKY = [
    "-3", "a: b", "x #c", "ok ", "[a", "{a}", "'q", '"q', "*a", "&a", "!t", "|", ">", "%", "@",
    "`", "=", "<<", "a:", "? a", "- a", ":a",
]  # fmt: skip


def _scalar(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(_TRICKY)
    if roll < 0.6:
        return rng.choice(_PLAIN)
    if roll < 0.75:
        return '"' + rng.choice(["x", 'a\\"b', "\\t", "\\u00e9", "#", "a, b", "", "\\q"]) + '"'
    if roll < 0.85:
        return "'" + rng.choice(["x", "it''s", "", "a # b", "a, b"]) + "'"
    if roll < 0.93:
        return "[" + ", ".join(rng.choice(_PLAIN) for _ in range(rng.randint(0, 3))) + "]"
    keys = rng.sample(_KEYS, 3) if rng.random() < 0.9 else rng.choices(_KEYS, k=3)
    pairs = [f"{key}: {rng.choice(_PLAIN)}" for key in keys[: rng.randint(0, 3)]]
    return "{" + ", ".join(pairs) + "}"


def _inline(rng: random.Random) -> str:
    text = _scalar(rng)
    if rng.random() < 0.1:
        text += "  # comment"
    if rng.random() < 0.05:
        text += "  "
    return text


def _block(rng: random.Random, indent: int, depth: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if rng.random() < 0.5 or depth > 3:
        keys = rng.sample(_KEYS, 4) if rng.random() < 0.9 else rng.choices(_KEYS, k=4)
        for key in keys[: rng.randint(1, 4)]:
            if depth > 3 or rng.random() < 0.6:
                lines.append(f"{pad}{key}: {_inline(rng)}")
            else:
                lines.append(f"{pad}{key}:")
                step = rng.choice([0, 2, 2, 4]) if rng.random() < 0.3 else rng.choice([2, 4])
                inner = _block(rng, indent + step, depth + 1)
                if step == 0 and not inner[0].lstrip().startswith("-"):
                    inner = [" " * (indent + 2) + line[indent:] for line in inner]
                lines.extend(inner)
    else:
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.4:
                lines.append(f"{pad}- {_inline(rng)}")
            elif roll < 0.8:
                inner = _block(rng, indent + 2, depth + 1)
                first = inner[0][indent + 2 :]
                lines.append(f"{pad}- {first}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}-")
                lines.extend(_block(rng, indent + rng.choice([2, 4]), depth + 1))
        if rng.random() < 0.2:
            lines.insert(rng.randrange(len(lines) + 1), f"{pad}# a comment")
    return lines


def _document(rng: random.Random) -> str:
    lines = _block(rng, rng.choice([0, 0, 0, 2]), 0)
    if rng.random() < 0.3:
        lines.insert(rng.randrange(len(lines) + 1), "")
    return "\n".join(lines) + "\n"


def _mutated(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        line = lines[at]
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.3:
            lines[at] = " " + line
        elif roll < 0.5 and line.startswith(" "):
            lines[at] = line[1:]
        elif roll < 0.7:
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(list(":#-[]{},'\" \t&*!?|>")) + line[cut:]
        elif roll < 0.85:
            lines.insert(at, line)
        else:
            del lines[at]
    return "\n".join(lines)
