"""No input, however broken, produces a traceback: a small, fast, reproducible fuzz of the loader
through the real CLI, and the edges of the command line (no data folder, bad options).

The fuzz is plain `random` with a fixed seed, so a failure names a case that fails again.
"""

from __future__ import annotations

import random
import re
import signal
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from conftest import STRATEGY, write

SEED = 20240601
CASES = 200
SECONDS_PER_CASE = 5
MAX_LINE = 1000  # a message quotes the offending text, not a whole megabyte of it

ACTIONS = textwrap.dedent(
    """
    strategy: demo
    priority: homes
    actions:
      - id: H-01
        theme: matching
        activity: Match every child with carers before placement.
        lead: [Fostering, Permanence and Provision]
        timescale: Quarterly until March 2024
        due: [2023-03-31]
        measures:
          - Increased placement stability.
          - text: Children in a stable placement
            target: 90
            unit: "%"
            higher_is_better: true
            baseline: {date: 2021-03-31, value: 84}
            actuals:
              - {date: 2022-03-31, value: 88}
            comparators:
              - {name: England, date: 2022-03-31, value: 86}
        progress:
          - date: 2022-05-10
            status: on-track
            note: Matches agreed at panel.
            by: Fostering
      - id: H-02
        priority: health
        activity: Every child has an annual health assessment.
        lead: Virtual School
        timescale: Annually in October
        measures:
          - {text: Health assessments on time, target: 95, unit: "%"}
    """
).lstrip()

ITEMS = textwrap.dedent(
    """
    items:
      - id: YSWD-01
        raised: 2023-03-01
        from: MADE Together
        you_said: We want to talk to the people who make decisions.
        we_did: A shadow board was set up.
        status: done
        respond_by: 2023-09-30
        responded: 2023-06-20
        actions: [H-01]
        public: true
    """
).lstrip()

BOARDS = "boards:\n  - id: cpb\n    name: Corporate Parenting Board\n    meetings: [2023-01-17]\n"

SEEDS = {
    "strategies/demo.yaml": textwrap.dedent(STRATEGY).lstrip(),
    "actions/demo/homes.yaml": ACTIONS,
    "you-said-we-did/2023.yaml": ITEMS,
    "boards.yaml": BOARDS,
}

ODD_TEXT = [
    "",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e400",
    ".nan",
    "-.inf",
    "2026-02-30",
    "2019M",
    "'",
    '"',
    "{",
    "]",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom x",
    "<<: {x: 1}",
    "? [a, b]\n  : c",
    "|\n  block\n  text",
    ">-\n  folded",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: {b: {c: d}}}",
    "- a\n- b",
    "a: b: c",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "\U0001f600 emoji",
    "e\u0301\u0301\u0301 combining",
    "\ufeff",
    "\u2028line\u2029sep",
    "\x85next",
    "\x07bell",
    "\x1b[31mred",
    "Ω≈ç√∫",
    "ÅÍÎÏ˝ÓÔ",
    "田中さん",
    "مرحبا",
]


# -- mutations: each takes the seed text and a random source, and returns the new file -------


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def replace_a_value(text: str, rng: random.Random) -> str:
    """Swap one value for one of the wrong type, odd text or a huge string."""
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if not candidates:
        return text
    i = rng.choice(candidates)
    head = lines[i].split(": ", 1)[0]
    value = rng.choice(
        [
            *ODD_TEXT,
            "x" * rng.choice([1000, 100_000, 1_000_000]),
            f'"{"y" * 50_000}"',
            str(rng.randint(-(10**30), 10**30)),
            repr(rng.random()),
        ]
    )
    lines[i] = f"{head}: {value}\n"
    return "".join(lines)


def rename_a_key(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if re.match(r"^[ -]*\w+:", line)]
    if not candidates:
        return text
    i = rng.choice(candidates)

    def typo(match: re.Match[str]) -> str:
        key = match[1]
        return rng.choice([key[:-1], key + "s", key.upper(), "ключ"]) + ":"

    lines[i] = re.sub(r"(\w+):", typo, lines[i], count=1)
    return "".join(lines)


def delete_a_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def duplicate_a_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "".join(lines)


def tab_indent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] = "\t" + lines[i].lstrip(" ") if rng.random() < 0.5 else lines[i].replace("  ", "\t")
    return "".join(lines)


def reindent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] = " " * rng.randint(0, 9) + lines[i].lstrip(" ")
    return "".join(lines)


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def with_bom(text: str, rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def with_crlf(text: str, rng: random.Random) -> bytes:
    return text.replace("\n", rng.choice(["\r\n", "\r"])).encode("utf-8")


def with_nul(text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    i = rng.randrange(len(raw) + 1)
    return raw[:i] + b"\x00" + raw[i:]


def flip_bytes(text: str, rng: random.Random) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def other_encoding(text: str, rng: random.Random) -> bytes:
    odd = text.replace("Stable", "Stäble").replace("Match", "Mätch")
    return odd.encode(rng.choice(["utf-16", "latin-1", "cp1252", "utf-32"]), errors="replace")


def deep_nesting(text: str, rng: random.Random) -> str:
    depth = rng.choice([10, 63, 64, 65, 100, 1000, 20_000])
    style = rng.choice(["flow-list", "flow-map", "block-map", "block-list", "mixed"])
    if style == "flow-list":
        value = "[" * depth + "]" * depth
    elif style == "flow-map":
        value = "{a: " * depth + "b" + "}" * depth
    elif style == "mixed":
        value = "[{a: " * (depth // 2) + "b" + "}]" * (depth // 2)
    elif style == "block-map":
        depth = min(depth, 2000)
        value = "\n" + "".join(" " * (2 * k + 2) + f"k{k}:\n" for k in range(depth))
    else:
        depth = min(depth, 2000)
        value = "\n" + "".join(" " * (2 * k + 2) + "-\n" for k in range(depth))
    lines = _lines(text)
    i = rng.randrange(len(lines))
    head = lines[i].split(":", 1)[0] if ":" in lines[i] else "extra"
    lines[i] = f"{head}: {value}\n"
    return "".join(lines)


def aliases(text: str, rng: random.Random) -> str:
    kind = rng.choice(["bomb", "undefined", "self", "anchor-everywhere"])
    if kind == "bomb":
        levels = rng.randint(3, 12)
        bomb = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
            f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 10)}]\n" for k in range(1, levels)
        )
        return bomb + text
    if kind == "undefined":
        return text.replace("lead: ", "lead: *nowhere #", 1) + "x: *missing\n"
    if kind == "self":
        return "a: &a [*a]\n" + text
    return (
        re.sub(
            r"^([ \t]*(?:- )?)(\w+): (.+)$",  # unambiguous: no backtracking on long indents
            lambda m: f"{m[1]}{m[2]}: &a{rng.randrange(5)} {m[3]}",
            text,
            flags=re.MULTILINE,
        )
        + f"again: *a{rng.randrange(5)}\n"
    )


def documents(text: str, rng: random.Random) -> str:
    return rng.choice(
        ["---\n" + text + "---\n" + text, text + "...\n", "--- |\n  x\n", "%YAML 1.1\n" + text]
    )


def random_yaml(text: str, rng: random.Random) -> str:
    """A random document built from the file's own keys, nested and typed at random."""
    keys = re.findall(r"(\w+):", text) or ["id"]

    def value(depth: int) -> str:
        roll = rng.random()
        if depth > 4 or roll < 0.4:
            return rng.choice([*ODD_TEXT[:30], "text", "2023-01-01", "12", "true"]).replace(
                "\n", " "
            )
        if roll < 0.7:
            return "[" + ", ".join(value(depth + 1) for _ in range(rng.randint(0, 3))) + "]"
        pairs = (f"{rng.choice(keys)}: {value(depth + 1)}" for _ in range(rng.randint(0, 4)))
        return "{" + ", ".join(pairs) + "}"

    return "".join(f"{rng.choice(keys)}: {value(0)}\n" for _ in range(rng.randint(1, 6)))


MUTATIONS: list[Callable[[str, random.Random], str | bytes]] = [
    replace_a_value,
    rename_a_key,
    delete_a_line,
    duplicate_a_line,
    tab_indent,
    reindent,
    truncate,
    with_bom,
    with_crlf,
    with_nul,
    flip_bytes,
    other_encoding,
    deep_nesting,
    aliases,
    documents,
    random_yaml,
]


def fuzz_cases() -> Iterator[tuple[int, str, list[str], str | bytes]]:
    """(case number, file, mutation names, new content), the same on every run."""
    rng = random.Random(SEED)
    for number in range(CASES):
        name = rng.choice(sorted(SEEDS))
        content: str | bytes = SEEDS[name]
        applied = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            if isinstance(content, bytes):
                break  # byte-level mutations come last
            mutation = rng.choice(MUTATIONS)
            applied.append(mutation.__name__)
            content = mutation(content, rng)
        yield number, name, applied, content


# -- what every run must look like ---------------------------------------------------------

PROBLEM_LINE = re.compile(r"^.+:\d+: (error|warning): .+")  # every problem has its line
COUNT_LINE = re.compile(r"^\d+ errors? in .+$")
SUMMARY_LINE = re.compile(
    r"^.+: \d+ strateg(y|ies), \d+ actions?, \d+ items?; no errors, \d+ warnings?$"
)


class CaseTimedOut(BaseException):
    """Not an Exception, so the CLI's last line of defence cannot swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise CaseTimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_well_formed(code: int, out: str, err: str, label: str) -> None:
    assert "Traceback" not in err + out, label
    assert "internal error" not in err, f"{label}: {err}"
    assert code in (0, 1), f"{label}: exit {code}: {err}"
    lines = err.splitlines()
    for line in lines:
        assert PROBLEM_LINE.match(line) or COUNT_LINE.match(line), (
            f"{label}: not a problem line: {line!r} in {err[:300]!r}"
        )
        assert len(line) <= MAX_LINE, f"{label}: a {len(line)}-character line: {line[:200]!r}"
    has_error = any(": error: " in line for line in lines)
    assert has_error == (code == 1), f"{label}: exit {code} with stderr {err!r}"
    if code == 1:
        assert out == "", label
        assert COUNT_LINE.match(lines[-1]), label
    else:
        assert SUMMARY_LINE.match(out.strip()), f"{label}: {out!r}"


@pytest.mark.parametrize("shared", [False, True], ids=["one process", "two processes"])
def test_fuzzed_files_end_in_exit_0_or_1_with_only_problem_lines(
    cli, tmp_path, monkeypatch, shared
):
    if shared:  # the files shared with a second process, as a large folder's are
        from cpstrategy import forked, loading

        monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
        monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too
    failures = []
    for number, name, applied, content in fuzz_cases():
        folder = write(tmp_path / f"case{number}", SEEDS)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        label = f"case {number} ({name}: {', '.join(applied)}; seed {SEED})"
        try:
            with time_limit(SECONDS_PER_CASE):
                result = cli("--data", folder, "validate")
            assert_well_formed(result.exit_code, result.stdout, result.stderr, label)
            if result.exit_code == 0:  # odd but valid data must not break the rules either
                for command in (["status", "--all"], ["overdue", "--all", "--within", "90"]):
                    args = ["--data", folder, "--as-of", "2023-06-30", *command, "--format", "json"]
                    with time_limit(SECONDS_PER_CASE):
                        shown = cli(*args)
                    assert shown.exit_code == 0, f"{label}: {command[0]}: {shown.stderr}"
                    assert shown.stdout.startswith("["), f"{label}: {command[0]}"
        except CaseTimedOut:
            failures.append(f"{label}: took longer than {SECONDS_PER_CASE} s")
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0][:MAX_LINE])
    assert not failures, f"{len(failures)} of {CASES} cases failed:\n" + "\n".join(failures)


def test_unmutated_seed_files_are_valid(cli, tmp_path):
    folder = write(tmp_path / "data", SEEDS)
    result = cli("--data", folder, "validate")
    assert result.exit_code == 0, result.stderr
    assert SUMMARY_LINE.match(result.stdout.strip())
    assert result.stdout.strip().endswith("; no errors, 0 warnings")
    assert result.stderr == ""


# -- the edges of the command line ---------------------------------------------------------


def test_missing_data_folder_exits_1_naming_it_and_suggesting_data_or_init(cli, tmp_path):
    missing = tmp_path / "nowhere"
    result = cli("--data", missing, "validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"cpstrategy: error: no data folder at '{missing}'; point at one with --data DIR "
        "(or CPSTRATEGY_DATA), or start one with cpstrategy init DIR\n"
    )


def test_default_data_folder_is_named_when_missing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("status")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("cpstrategy: error: no data folder at 'data'; ")
    assert "--data" in result.stderr
    assert "init" in result.stderr


def test_empty_data_folder_is_valid_with_a_warning(cli, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    result = cli("--data", folder, "validate")
    assert result.exit_code == 0
    assert result.stderr == f"{folder}: warning: no strategies found; add one under strategies/\n"
    assert result.stdout == f"{folder}: 0 strategies, 0 actions, 0 items; no errors, 1 warning\n"


@pytest.mark.parametrize("command", ["validate", "status", "overdue"])
def test_as_of_that_is_not_a_date_is_wrong_usage(cli, tmp_path, command):
    folder = write(tmp_path / "data", SEEDS)
    result = cli("--data", folder, "--as-of", "2026-13-01", command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'2026-13-01' is not a date that exists" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_wrong_usage(cli, tmp_path):
    folder = write(tmp_path / "data", SEEDS)
    result = cli("--data", folder, "frobnicate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "No such command 'frobnicate'" in result.stderr
    assert "Traceback" not in result.stderr
