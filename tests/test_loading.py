"""Loading a folder: the same plan and problems however the files are read."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, STRATEGY, write

from cpstrategy import forked, loading
from cpstrategy.forked import Forked, Orphaned

CONFORMANCE = ROOT / "tests" / "fixtures" / "westbrook"


def snapshot(loaded: loading.Loaded) -> tuple[object, ...]:
    plan = loaded.plan
    return (
        sorted(plan.strategies),
        [(a.id, a.action, a.priority.id, a.file.name, a.index) for a in plan.actions],
        [(i.id, i.item) for i in plan.items],
        plan.boards,
        [p.format() for p in loaded.located()],
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(CONFORMANCE, data)
    broken = data / "actions" / "wb-2022" / "zz-broken.yaml"
    broken.write_text(
        "priority: health\nactions:\n  - id: ZZ-01\n    activty: Typo.\n"
        "  - id: ZZ-02\n    activity: Sound, so checked with the rest.\n    theme: nope\n"
    )
    return data


def test_reading_on_two_cores_gives_what_reading_on_one_gives(folder, monkeypatch, tmp_path):
    alone = snapshot(loading.load(folder))
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too
    shared = snapshot(loading.load(folder))
    assert shared == alone
    cached = snapshot(loading.load(folder, tmp_path / "cache"))  # the second process's JSON
    warm = snapshot(loading.load(folder, tmp_path / "cache"))  # ... and the cache's
    assert cached == warm == alone
    assert any("unknown key 'activty'" in line for line in alone[-1])


def test_files_the_second_process_could_not_read_are_read_by_the_first(folder, monkeypatch):
    alone = snapshot(loading.load(folder))
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too

    def fails(files, parent):
        raise MemoryError  # in the forked process only: it exits, and sends nothing back

    monkeypatch.setattr(loading, "_read_encoded", fails)
    assert snapshot(loading.load(folder)) == alone


def test_with_sigchld_ignored_the_files_are_read_in_one(folder, monkeypatch):
    """A parent process may leave SIGCHLD ignored: the forked process is then reaped unseen,
    its exit status lost, and what it sent is not trusted."""
    import signal

    alone = snapshot(loading.load(folder))
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert snapshot(loading.load(folder)) == alone
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_without_a_second_process_the_files_are_read_in_one(folder, monkeypatch):
    alone = snapshot(loading.load(folder))
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # a limit on processes

    monkeypatch.setattr(os, "fork", no_fork)
    assert snapshot(loading.load(folder)) == alone


def test_a_failure_while_the_second_process_reads_leaves_no_process_behind(folder, monkeypatch):
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too
    first, read = os.getpid(), loading._read_file

    def fails_here(path, kind):
        if os.getpid() == first:
            raise MemoryError
        return read(path, kind)

    monkeypatch.setattr(loading, "_read_file", fails_here)
    with pytest.raises(MemoryError):
        loading.load(folder)
    with pytest.raises(ChildProcessError):  # the second process was ended and waited for
        os.waitpid(-1, os.WNOHANG)


def test_a_large_folder_is_shared_with_the_second_process_and_its_reading_used(folder, monkeypatch):
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too
    first, read, here = os.getpid(), loading._read_file, []

    def counted(path, kind):
        if os.getpid() == first:
            here.append(path)
        return read(path, kind)

    monkeypatch.setattr(loading, "_read_file", counted)
    shared = snapshot(loading.load(folder))
    files = [path for path in loading.data_files(folder)]
    assert 0 < len(here) < len(files)  # the rest were read by the second process, and used
    monkeypatch.setattr(loading, "_read_file", read)
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 1 << 40)
    assert snapshot(loading.load(folder)) == shared


def test_ctrl_c_while_waiting_for_the_second_process_ends_it(folder, monkeypatch):
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # one core, too

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(Forked, "received", interrupted)
    with pytest.raises(KeyboardInterrupt):
        loading.load(folder)
    with pytest.raises(ChildProcessError):  # ended and waited for
        os.waitpid(-1, os.WNOHANG)


def test_the_second_process_stops_reading_once_the_first_has_gone(folder):
    files = [(path, kind) for path in loading.data_files(folder)
             if (kind := loading._Loader(folder).kind_of(path)) is not None]  # fmt: skip
    assert len(loading._read_encoded(files, os.getppid())) == len(files)
    with pytest.raises(Orphaned):  # its parent is another process than the one given
        loading._read_encoded(files, os.getpid())


def test_line_indexes_give_the_lines_the_files_give(tmp_path):
    for folder in (ROOT / "data", ROOT / "examples" / "eastmere", CONFORMANCE):
        for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # cold, then warm
            loaded = loading.load(folder, cache)
            assert loaded.line_indexes  # the warnings below are found without the files
            from_index = [p.format() for p in loaded.located()]
            from_files = [p.format() for p in loading.locate_problems(loaded.problems, {})]
            assert from_index == from_files
    assert len(from_files) > 0


CROSS_FILE_PROBLEMS = {
    # Each file is valid alone; together they hold a duplicate id, an unknown priority and theme,
    # a link to nothing and a data-quality gap: what checking them together finds is kept too.
    "actions/wb-2022/zz-more.yaml": """priority: health
actions:
  - id: HLT-01
    activity: The same id as an action in another file.
  - id: ZZ-02
    priority: helth
    activity: An unknown priority.
  - id: ZZ-03
    theme: no-such-theme
    activity: An unknown theme.
  - id: ZZ-04
    activity: No lead, no timescale, no measure.
""",
    "you-said-we-did/zz.yaml": """items:
  - id: ZZ-Y1
    you_said: Tell us.
    status: open
    actions: [ZZ-99]
""",
}


def indexes(loaded: loading.Loaded) -> dict[Path, dict[str, int]]:
    """Each file's line index, as read from the cache or from the file."""
    return {path: json.loads(index) for path, index in loaded.line_indexes.items()}


def test_a_warm_start_gives_the_plan_and_problems_checking_the_files_gives(tmp_path, monkeypatch):
    crossed = tmp_path / "crossed"
    shutil.copytree(CONFORMANCE, crossed)
    for name, text in CROSS_FILE_PROBLEMS.items():
        (crossed / name).write_text(text)
    for folder in (ROOT / "data", ROOT / "examples" / "eastmere", CONFORMANCE, crossed):
        cache = tmp_path / "cache" / folder.name
        cold = loading.load(folder)
        first = loading.load(folder, cache)  # checks the files, and keeps what it found
        (saved,) = cache.glob("*.cache")
        # What checking found is kept for a folder without errors (an error may name a file by
        # the path given, which another run may spell otherwise): then it is used as it is.
        kept = not any(p.is_error for p in first.problems)
        assert kept == (folder != crossed)
        with monkeypatch.context() as patched:
            if kept:
                patched.setattr(loading.checks, "data_quality", None)
            warm = loading.load(folder, cache)
        assert warm.plan == first.plan == cold.plan
        assert warm.problems == first.problems == cold.problems
        assert indexes(warm) == indexes(first) == indexes(cold)
        assert saved.stat().st_mtime_ns == next(cache.glob("*.cache")).stat().st_mtime_ns
    messages = [p.message for p in cold.problems]
    assert any("duplicate id 'HLT-01'" in m for m in messages)
    assert any("unknown priority 'helth'" in m for m in messages)
    assert any("linked action 'ZZ-99' does not exist" in m for m in messages)
    assert any("'ZZ-04' has no lead service" in m for m in messages)


def test_what_was_kept_is_not_used_once_any_file_changes(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(CONFORMANCE, folder)
    cache = tmp_path / "cache"
    loading.load(folder, cache)
    extra = folder / "actions" / "wb-2022" / "zz-more.yaml"
    extra.write_text(CROSS_FILE_PROBLEMS["actions/wb-2022/zz-more.yaml"])  # a file added
    assert loading.load(folder, cache).problems == loading.load(folder).problems
    extra.write_text(extra.read_text().replace("helth", "health"))  # a file changed
    assert loading.load(folder, cache).problems == loading.load(folder).problems
    extra.unlink()  # a file removed
    assert loading.load(folder, cache).plan == loading.load(folder).plan


@pytest.mark.parametrize(
    "text, line",
    [
        ("- " * 1500 + "x\n", 1),  # a run of "- " at the very start
        ("items:\n  - a\n" + "  " + "- " * 1500 + "x\n", 3),
        ("a: 1\n" + "? " * 1200 + "x\n", 2),
        # A level a line, as building the value says at its 65th level (had it got that far)
        ("actions:\n" + "".join(" " * i + "- \n" for i in range(1500)) + " " * 1500 + "x\n", 65),
        (
            "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1200)) + " " * 1201 + "x\n",
            65,
        ),
        ("a: " + "[" * 1200 + "]" * 1200 + "\n", 1),
        ("a:\r- " + "- " * 2000 + "x\r", 2),  # lone CRs end lines too
        ("a:\n- " + "- " * 200_000 + "x\n", 2),  # in one pass, not one per "- "
        ("a: 1\nb: [\n" + "[\n" * 1200 + "]\n" * 1201, 66),  # its 65th bracket
    ],
)
def test_nesting_the_composer_cannot_take_is_refused_at_its_line(tmp_path, text, line):
    from cpstrategy.yamlsource import parse_document

    document, problems = parse_document(tmp_path / "deep.yaml", text.encode())
    assert document is None
    assert [(p.message, p.line) for p in problems] == [("nesting is deeper than 64 levels", line)]


@pytest.mark.parametrize(
    "text",
    [
        "a:\n- " + "- " * 600 + "[" * 600 + "x" + "]" * 600 + "\n",  # block and flow together
        "a: " + '["]", ' * 20_000 + "x" + "]" * 20_000 + "\n",  # brackets hidden in quotes
    ],
)
def test_nesting_our_check_leaves_to_libyaml_is_refused_by_it(tmp_path, text):
    from cpstrategy.yamlsource import parse_document

    document, problems = parse_document(tmp_path / "deep.yaml", text.encode())
    assert document is None
    assert [p.message for p in problems] == [
        "not valid YAML: while increasing flow level (exceeded maximum nesting depth)"
    ]


@pytest.mark.parametrize(
    "text, value",
    [
        ("a: 1\nb:\n" + " " * 1200 + "c: 1\n", {"a": 1, "b": {"c": 1}}),  # indentation alone
        ("note: |\n  A rule:\n  " + "-" * 1200 + "\n", {"note": "A rule:\n" + "-" * 1200 + "\n"}),
        ('note: "a\n' + " " * 1200 + 'b"\n', {"note": "a b"}),
        (
            "actions:\n" + " " * 1100 + "- id: A\n" + " " * 1102 + "activity: a\n",
            {"actions": [{"id": "A", "activity": "a"}]},
        ),
    ],
)
def test_long_runs_of_spaces_and_dashes_that_do_not_nest_are_read(tmp_path, text, value):
    from cpstrategy.yamlsource import parse_document

    document, problems = parse_document(tmp_path / "wide.yaml", text.encode())
    assert problems == [] and document is not None and document.value == value


def test_a_linked_folder_of_actions_is_read_as_before(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(CONFORMANCE, folder)
    (folder / "actions").rename(tmp_path / "shared-actions")
    (folder / "actions").symlink_to(tmp_path / "shared-actions")
    expected = loading.load(CONFORMANCE)
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):
        loaded = loading.load(folder, cache)
        assert [a.action for a in loaded.plan.actions] == [a.action for a in expected.plan.actions]
        assert [p.message for p in loaded.problems] == [p.message for p in expected.problems]


@pytest.mark.parametrize("damage", ["index", "negative", "priority", "name", "kind"])
def test_kept_results_that_do_not_fit_the_files_are_not_used(tmp_path, damage):
    import msgspec

    from cpstrategy import cache as cache_module

    folder = tmp_path / "data"
    shutil.copytree(CONFORMANCE, folder)
    cache = tmp_path / "cache"
    expected = loading.load(folder)
    loading.load(folder, cache)
    (path,) = cache.glob("*.cache")
    header, _, payload = path.read_bytes().split(b"\n", 2)
    saved = msgspec.msgpack.decode(payload, type=cache_module._Entries)
    assert saved.checked is not None
    _, entries = saved.checked.actions[0]
    index, priority, schedule = entries[0]
    if damage == "index":
        entries[0] = (10_000, priority, schedule)
    elif damage == "negative":
        entries[1] = (-1, priority, schedule)
    elif damage == "priority":
        entries[0] = (index, "no-such-priority", schedule)
    elif damage == "name":
        saved.checked.actions[0] = ("actions/elsewhere.yaml", entries)
    else:
        saved.checked.actions[0] = (saved.checked.strategies[0], entries)
    forged = msgspec.msgpack.encode(saved)  # as if written by us, checksum and all
    path.write_bytes(b"\n".join([header, str(zlib.crc32(forged)).encode(), forged]))
    loaded = loading.load(folder, cache)
    assert loaded.plan == expected.plan
    assert loaded.problems == expected.problems
    assert loading.load(folder, cache).plan == expected.plan  # and it was put right


# -- every error at once: what is sound in a file with errors is checked too -----------------


def validate_errors(cli, data: Path) -> list[str]:
    result = cli("--data", data, "--no-cache", "validate")
    assert result.exit_code == 1
    return [  # the errors, and their count (not the warnings)
        line.removeprefix(f"{data}/")
        for line in result.stderr.splitlines()
        if ": error: " in line or " in " + str(data) in line
    ]


def test_a_strategy_with_a_misspelt_key_still_has_its_period_and_priorities_checked(cli, tmp_path):
    strategy = STRATEGY.replace("title: Demo Strategy", "titel: Demo Strategy").replace(
        "end: 2024-03-30", "end: 2021-12-31"
    )
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": strategy,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activity: Find homes., theme: matchng}
        """,
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "strategies/demo.yaml:2: error: unknown key 'titel'; did you mean 'title'?",
        "strategies/demo.yaml:3: error: period end 2021-12-31 is before its start 2022-01-01",
        "actions/demo/homes.yaml:3: error: unknown theme 'matchng' in priority 'homes'; "
        "did you mean 'matching'?",
        "3 errors in " + str(data),
    ]


def test_one_bad_record_does_not_hide_the_errors_of_the_others(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activty: Typo.}
              - {id: H-02, activity: Find homes., priority: hmoes}
              - {id: H-03, activity: Keep homes.}
        """,
        "actions/demo/more.yaml": """
            priority: homes
            actions:
              - {id: H-03, activity: The same id again.}
        """,
        "you-said-we-did/made.yaml": """
            items:
              - {id: Y-1, you_said: More trips., status: maybe}
              - {id: Y-2, you_said: Fewer meetings., status: open, responded: 2022-05-01}
              - {id: Y-3, you_said: Tell us., status: done, responded: 2022-05-01, actions: [H-09]}
        """,
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "actions/demo/homes.yaml:3: error: unknown key 'activty'; did you mean 'activity'?",
        "actions/demo/homes.yaml:4: error: unknown priority 'hmoes' in strategy 'demo'; "
        "did you mean 'homes'?",
        "you-said-we-did/made.yaml:2: error: unknown status 'maybe'; expected one of: open, "
        "in-progress, done, not-possible",
        "you-said-we-did/made.yaml:3: error: item 'Y-2' is open but has a responded date; set "
        "its status or remove responded",
        "you-said-we-did/made.yaml:4: error: linked action 'H-09' does not exist; "
        "did you mean 'H-03'?",
        "actions/demo/more.yaml:3: error: duplicate id 'H-03'; first used at "
        f"{data}/actions/demo/homes.yaml:5",
        "6 errors in " + str(data),
    ]


def test_what_a_left_out_record_defines_is_not_reported_missing(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activty: Typo.}
        """,
        "you-said-we-did/made.yaml": """
            items:
              - {id: Y-1, you_said: Tell us., status: done, responded: 2022-05-01, actions: [H-01]}
        """,
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "actions/demo/homes.yaml:3: error: unknown key 'activty'; did you mean 'activity'?",
        "1 error in " + str(data),
    ]


def test_an_error_in_a_files_own_keys_does_not_set_off_errors_in_its_records(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priorty: homes
            actions:
              - {id: H-01, activity: Find homes.}
              - {id: H-02, activity: Keep homes.}
        """,
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "actions/demo/homes.yaml:1: error: unknown key 'priorty'; did you mean 'priority'?",
        "1 error in " + str(data),
    ]


def test_a_left_out_board_or_item_does_not_hide_a_link_to_a_missing_action(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "boards.yaml": "boards:\n  - name: A board with no id\n",
        "you-said-we-did/a.yaml": "items:\n  - {you_said: No id., status: open}\n",
        "you-said-we-did/b.yaml": "items:\n  - {id: Y-1, you_said: Hi., status: open, actions: [H-99]}\n",
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "boards.yaml:2: error: missing required key 'id'",
        "you-said-we-did/a.yaml:2: error: missing required key 'id'",
        "you-said-we-did/b.yaml:2: error: linked action 'H-99' does not exist",
        "3 errors in " + str(data),
    ]


def test_references_to_a_strategy_in_a_file_that_cannot_be_read_are_not_called_missing(
    cli, tmp_path
):
    # The strategy 'demo' is written in other.yaml (its file name differs from its id), whose
    # priority id is wrong: nothing of it can be checked.
    broken = STRATEGY.replace("  - id: health\n", "  - id: health care\n")
    data = write(tmp_path / "data", {
        "strategies/other.yaml": broken,
        "strategies/old.yaml": """
            id: old
            title: The old strategy
            period: {start: 2019-01-01, end: 2021-12-31}
            superseded_by: [demo]
            ownr: Nobody
            priorities:
              - {id: p, title: P}
        """,
        "actions/demo/homes.yaml": "priority: homes\nactions:\n  - {id: H-01, activity: Find.}\n",
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert not any("superseded_by" in line or "no strategy 'demo'" in line for line in errors)
    assert "strategies/old.yaml:5: error: unknown key 'ownr'; did you mean 'owner'?" in errors


def test_a_mistake_inside_a_strategys_priorities_does_not_hide_its_actions_errors(cli, tmp_path):
    strategy = STRATEGY.replace("        title: Match children with carers", "        titl: Match")
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": strategy.replace("end: 2024-03-30", "end: 2024-03-30, ned: 1"),
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activity: Find homes., theme: matching, timescale: 2019M}
              - {id: H-02, activity: Keep homes., theme: nope}
        """,
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert [line.split(": error: ")[0] for line in errors[:-1]] == [
        "strategies/demo.yaml:3",  # ned
        "strategies/demo.yaml:9",  # titl
        "actions/demo/homes.yaml:3",  # 2019M
        "actions/demo/homes.yaml:4",  # nope
    ]
    assert "unknown theme 'nope' in priority 'homes'" in errors[3]


def test_a_misspelt_key_in_a_priority_without_themes_does_not_make_its_themes_unknown(
    cli, tmp_path
):
    strategy = STRATEGY.replace("    themes:\n", "    themse:\n")
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": strategy,
        "actions/demo/homes.yaml": "priority: homes\nactions:\n"
                                   "  - {id: H-01, activity: Find., theme: matching}\n",
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "strategies/demo.yaml:7: error: unknown key 'themse'; did you mean 'themes'?",
        "1 error in " + str(data),
    ]


def test_a_stray_key_in_a_priority_with_themes_is_mended(cli, tmp_path):
    strategy = STRATEGY.replace("    themes:\n", "    start: 2022-01-01\n    themes:\n")
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": strategy,
        "actions/demo/homes.yaml": "priority: homes\nactions:\n"
                                   "  - {id: H-01, activity: Find., theme: matchng}\n",
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert errors[0] == "strategies/demo.yaml:7: error: unknown key 'start'"
    assert errors[1].startswith("actions/demo/homes.yaml:3: error: unknown theme 'matchng'")


def test_an_action_left_out_for_its_errors_still_has_its_timescale_read(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activity: Find., prority: homes, timescale: Spring 2023}
              - {id: H-02, activity: Keep., priority: [homes], timescale: 2019M}
              - {id: H-03, activity: Label., prority: homes, timescale: Spring, due: []}
              - {id: H-04, activity: Label., prority: homes, timescale: Spring, deu: []}
        """,
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert [line.split(": error: ")[0] for line in errors[:-1]] == [
        "actions/demo/homes.yaml:3",  # prority
        "actions/demo/homes.yaml:3",  # Spring 2023, in the same run
        "actions/demo/homes.yaml:4",  # priority: [homes]
        "actions/demo/homes.yaml:4",  # 2019M
        "actions/demo/homes.yaml:5",  # prority (with due:, the timescale is a label)
        "actions/demo/homes.yaml:6",  # prority
        "actions/demo/homes.yaml:6",  # deu (a misspelt due: the timescale may be a label)
    ]
    assert "timescale 'Spring 2023' is ambiguous" in errors[1]
    assert "timescale '2019M'" in errors[3]


def test_an_unreadable_strategy_hides_only_references_to_its_own_id(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY.replace("id: demo\n", "id: demo\nsuperseded_by: [nope]\n"),
        "strategies/two.yaml": "id: two\ntitle: Two\nperiod: {start: 2017-13-01}\n"
                               "priorities: [{id: p, title: P}]\n",
        "actions/two/a.yaml": "priority: p\nactions:\n  - {id: T-01, activity: Do.}\n",
        "actions/three/a.yaml": "priority: p\nactions:\n  - {id: R-01, activity: Do.}\n",
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        "strategies/two.yaml:3: error: start: '2017-13-01' is not a real date",
        "actions/three/a.yaml:1: error: no strategy 'three' for the folder actions/three/",
        "strategies/demo.yaml:2: error: superseded_by names unknown strategy 'nope'",
        "3 errors in " + str(data),
    ]


# -- a large file of records is checked record by record --------------------------------------

ACTIONS_VALUE = {
    "strategy": "demo",
    "priority": "homes",
    "actions": [
        {"id": f"H-{n:02d}", "activity": "Find homes.", "lead": "Fostering",
         "due": ["2023-03-31"], "progress": [{"date": "2023-01-05", "status": "on-track"}]}
        for n in range(30)
    ],
}  # fmt: skip


def test_checking_record_by_record_gives_what_checking_the_whole_file_gives():
    from cpstrategy.models import ActionsFile
    from cpstrategy.validation import LARGE, check, validate

    assert check(ActionsFile, ACTIONS_VALUE, LARGE) == (validate(ActionsFile, ACTIONS_VALUE), [], 0)


def test_checking_record_by_record_places_errors_and_stops_after_the_first_hundred():
    from cpstrategy.models import ActionsFile
    from cpstrategy.validation import LARGE, MAX_ERRORS_PER_FILE, UNCOUNTED, check

    value = {**ACTIONS_VALUE, "actions": [dict(a) for a in ACTIONS_VALUE["actions"]]}
    value["actions"][3]["due"] = ["2023-03-31", "soon"]
    model, errors, more = check(ActionsFile, value, LARGE)
    assert model is None and more == 0
    assert [e["loc"] for e in errors] == [("actions", 3, "due", 1)]

    value["actions"] = [{"id": f"H-{n}"} for n in range(200)]  # each lacks its activity
    model, errors, more = check(ActionsFile, value, LARGE)
    assert (model, len(errors), more) == (None, MAX_ERRORS_PER_FILE, UNCOUNTED)
    assert errors[0]["loc"] == ("actions", 0, "activity")


STRATEGY_VALUE = {
    "id": "demo",
    "title": "Demo",
    "period": {"start": "2022-01-01", "end": "2024-03-30"},
    "priorities": [{"id": f"p{n}", "title": f"Priority {n}"} for n in range(2500)],
}


def test_a_large_strategy_is_checked_in_parts_and_gives_what_the_whole_gives():
    from cpstrategy.models import Strategy
    from cpstrategy.validation import LARGE, check, validate

    assert check(Strategy, STRATEGY_VALUE, LARGE) == (validate(Strategy, STRATEGY_VALUE), [], 0)


def test_a_large_strategy_places_errors_past_its_first_part_and_stops_after_the_first_hundred():
    from cpstrategy.models import Strategy
    from cpstrategy.validation import LARGE, MAX_ERRORS_PER_FILE, UNCOUNTED, check

    priorities = [dict(p) for p in STRATEGY_VALUE["priorities"]]
    priorities[1500]["title"] = ["not", "text"]
    value = {**STRATEGY_VALUE, "title": "", "priorities": priorities}
    model, errors, more = check(Strategy, value, LARGE)
    assert model is None and more == 0
    assert sorted(e["loc"] for e in errors) == [("priorities", 1500, "title"), ("title",)]

    value = {**STRATEGY_VALUE, "priorities": [{"id": f"p{n}", "title": []} for n in range(2500)]}
    model, errors, more = check(Strategy, value, LARGE)
    assert (model, len(errors), more) == (None, MAX_ERRORS_PER_FILE, UNCOUNTED)
    assert errors[0]["loc"] == ("priorities", 0, "title")


def test_one_value_where_a_list_belongs_is_shown_as_a_list(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activity: Find., due: 2023-03-31}
              - {id: H-02, activity: Keep., measures: "Fewer moves, more matches"}
        """,
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert errors[0] == (
        "actions/demo/homes.yaml:3: error: due must be a list, not '2023-03-31'; "
        "write it as a list: due: [2023-03-31]"
    )
    # a comma would make two measures of one: no hint that would change what it says
    assert errors[1] == (
        "actions/demo/homes.yaml:4: error: measures must be a list, not 'Fewer moves, more matches'"
    )


def test_a_timescale_is_judged_whatever_else_is_wrong_with_its_action(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-01, activity: Find., priority: nope, timescale: 2019M}
              - {id: H-02, activity: Keep., theme: nope, timescale: Spring 2023}
              - {id: H 3, activity: Left out., due: null, timescale: Monthly until March 2019}
              - {id: H-04, activity: Sound., timescale: 2019M}
              - {id: H-04, activity: Again., timescale: Winter 2023}
        """,
        "actions/demo/other.yaml": """
            priority: nope
            actions:
              - {id: O-01, activity: Find., timescale: Autumn 2023}
              - {id: O-02, activity: Own., priority: homes, theme: nope}
        """,
    })  # fmt: skip
    errors = validate_errors(cli, data)
    assert [line.split(": error: ")[0] for line in errors[:-1]] == [
        "actions/demo/homes.yaml:3", "actions/demo/homes.yaml:3",  # priority nope; 2019M
        "actions/demo/homes.yaml:4", "actions/demo/homes.yaml:4",  # theme nope; Spring 2023
        "actions/demo/homes.yaml:5", "actions/demo/homes.yaml:5",  # id; until before the start
        "actions/demo/homes.yaml:6",  # 2019M
        "actions/demo/homes.yaml:7", "actions/demo/homes.yaml:7",  # duplicate id; Winter 2023
        "actions/demo/other.yaml:1", "actions/demo/other.yaml:3",  # priority nope; Autumn
        "actions/demo/other.yaml:4",  # theme nope, in its own priority
    ]  # fmt: skip
    assert "ends before the strategy starts" in errors[5]
    assert "timescale 'Winter 2023' is ambiguous" in "".join(errors[7:9])
    assert "timescale 'Autumn 2023' is ambiguous" in errors[10]
    assert "unknown theme 'nope' in priority 'homes'" in errors[11]


def test_an_action_taking_its_strategys_id_is_one_error_not_one_for_every_file(cli, tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "actions/demo/homes.yaml": "priority: homes\nactions:\n  - {id: demo, activity: Find.}\n",
        "actions/demo/more.yaml": "priority: homes\nactions:\n  - {id: H-02, activity: Keep.}\n",
    })  # fmt: skip
    assert validate_errors(cli, data) == [
        f"strategies/demo.yaml:1: error: duplicate id 'demo'; first used at "
        f"{data}/actions/demo/homes.yaml:3",
        "1 error in " + str(data),
    ]


def test_a_theme_of_no_priority_is_an_error_even_while_the_files_priority_is_unknown(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: hmoes
        actions:
          - {id: H-01, activity: Match., theme: matchng}
          - {id: H-02, activity: Find., theme: matching}
          - {id: H-03, activity: Keep., theme: nowhere, priority: health}
          - {id: H-04, activity: Hold., theme: nowhere, priority: hlth}
    """})  # fmt: skip
    assert validate_errors(cli, folder) == [
        "actions/demo/a.yaml:1: error: unknown priority 'hmoes' in strategy 'demo'; "
        "did you mean 'homes'?",
        "actions/demo/a.yaml:3: error: unknown theme 'matchng' in strategy 'demo'; "
        "did you mean 'matching'?",
        "actions/demo/a.yaml:5: error: unknown theme 'nowhere' in priority 'health'",
        "actions/demo/a.yaml:6: error: unknown priority 'hlth' in strategy 'demo'; "
        "did you mean 'health'?",
        "actions/demo/a.yaml:6: error: unknown theme 'nowhere' in strategy 'demo'",
        "5 errors in " + str(folder),
    ]


def test_a_yes_or_no_where_text_belongs_says_to_quote_it(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - {id: H-01, activity: Match., timescale: No}
    """})  # fmt: skip
    assert validate_errors(cli, folder) == [
        "actions/demo/a.yaml:3: error: timescale: expected text, not 'false'; YAML reads yes, "
        "no, on and off as true or false: put the text in quotes",
        "1 error in " + str(folder),
    ]


def test_an_answer_owed_or_given_before_the_item_was_raised_is_a_data_quality_warning(tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "you-said-we-did/made.yaml": """
            items:
              - {id: Y-1, raised: 2022-06-01, respond_by: 2022-05-01, you_said: A., status: open}
              - id: Y-2
                raised: 2022-06-01
                you_said: B.
                status: done
                responded: 2022-05-31
              - {id: Y-3, raised: 2022-06-01, respond_by: 2022-06-01, you_said: C., status: open}
        """,
    })  # fmt: skip
    found = [p.format() for p in loading.load(data).located()]
    assert found == [
        f"{data}/you-said-we-did/made.yaml:2: warning: item 'Y-1' has respond_by 2022-05-01, "
        "before it was raised (2022-06-01)",
        f"{data}/you-said-we-did/made.yaml:7: warning: item 'Y-2' has responded 2022-05-31, "
        "before it was raised (2022-06-01)",
    ]


def test_a_recurring_timescale_with_no_due_date_in_the_period_is_a_data_quality_warning(
    tmp_path,
):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,  # from January 2022
        "actions/demo/homes.yaml": """
            priority: homes
            actions:
              - {id: H-1, activity: A., lead: L, measures: [M.],
                 timescale: Annually in October until June 2022}
              - {id: H-2, activity: B., lead: L, measures: [M.], timescale: Annually in October}
              - {id: H-3, activity: C., lead: L, measures: [M.], timescale: Quarterly until Jan 2022}
              - {id: H-4, activity: D., lead: L, measures: [M.],
                 timescale: Annually in October until June 2022, due: [2022-06-30]}
        """,
    })  # fmt: skip
    found = [p.format() for p in loading.load(data).located()]
    # A period that ends before it starts is an error of its own: the timescales are judged as
    # in an open-ended strategy (no false warning on H-2, the same on H-1).
    broken = STRATEGY.replace("end: 2024-03-30", "end: 2021-03-30")
    write(data, {"strategies/demo.yaml": broken})
    never = [p.message for p in loading.load(data).problems if "never falls due" in p.message]
    assert [message.split("'")[1] for message in never] == ["H-1"]
    assert found == [
        f"{data}/actions/demo/homes.yaml:4: warning: action 'H-1' never falls due: timescale "
        "'Annually in October until June 2022' gives no due date within the strategy's period; "
        "check its month and until, or set due:",
    ]


def test_a_file_in_the_wrong_folder_is_checked_against_the_strategy_it_names(tmp_path):
    health = STRATEGY.replace("id: demo", "id: health-2022").replace(
        "  - id: health\n    title: Healthy lives\n",
        "  - id: wellbeing\n    title: Wellbeing\n    themes:\n"
        "      - id: dental\n        title: Dental checks\n",
    )
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "strategies/health-2022.yaml": health,
        "actions/demo/teeth.yaml": """
            strategy: health-2022
            priority: wellbeing
            actions:
              - {id: T-1, theme: dental, activity: A., lead: L, measures: [M.], timescale: 2019M}
              - {id: T-2, theme: dentl, activity: B., lead: L, measures: [M.], timescale: May 2022}
        """,
        "actions/nowhere/more.yaml": """
            strategy: health-2022
            priority: wellbeing
            actions:
              - {id: N-1, activity: C., lead: L, measures: [M.], timescale: Sprnig 2023}
        """,
    })  # fmt: skip
    found = [p.format() for p in loading.load(data).located() if p.is_error]
    assert [line.split(": error: ")[0].removeprefix(f"{data}/") for line in found] == [
        "actions/demo/teeth.yaml:1",
        "actions/demo/teeth.yaml:4",
        "actions/demo/teeth.yaml:5",
        "actions/nowhere/more.yaml:1",
        "actions/nowhere/more.yaml:4",
    ]
    assert "unknown theme 'dentl' in priority 'wellbeing'; did you mean 'dental'?" in found[2]
    assert "'Sprnig 2023' is not understood" in found[4]


def test_a_mistyped_strategy_line_is_one_error_when_the_file_fits_its_folder(tmp_path):
    health = STRATEGY.replace("id: demo", "id: health-2022")
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "strategies/health-2022.yaml": health.replace("id: matching", "id: dental"),
        "actions/demo/homes.yaml": """
            strategy: health-2022
            priority: homes
            actions:
              - {id: H-1, theme: matching, activity: A., lead: L, measures: [M.], timescale: May 2022}
              - {id: H-2, activity: B., measures: [M.], timescale: May 2022}
        """,
        "actions/demo/more.yaml": """
            strategy: helth-2022
            priority: homes
            actions:
              - {id: H-3, activity: C., lead: L, measures: [M.], timescale: May 2022}
        """,
    })  # fmt: skip
    found = [p.format().removeprefix(f"{data}/") for p in loading.load(data).located()]
    assert found == [
        "actions/demo/homes.yaml:1: error: strategy 'health-2022' does not match the folder "
        "actions/demo/; move the file or correct the id",
        "actions/demo/more.yaml:1: error: strategy 'helth-2022' does not match the folder "
        "actions/demo/; move the file or correct the id; did you mean 'health-2022'?",
        "actions/demo/homes.yaml:5: warning: action 'H-2' has no lead service",
    ]


def test_a_mistyped_strategy_line_beside_a_broken_strategy_file(tmp_path):
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": STRATEGY,
        "strategies/health-2022.yaml": "id: [health-2022\n",  # its id cannot be read
        "actions/demo/homes.yaml": """
            strategy: health-2022
            priority: homes
            actions:
              - {id: H-1, theme: matching, activity: A., measures: [M.], timescale: Sprnig 2022}
        """,
    })  # fmt: skip
    found = [p.format().removeprefix(f"{data}/") for p in loading.load(data).located()]
    mismatch = next(line for line in found if line.startswith("actions/demo/homes.yaml:1:"))
    assert "did you mean" not in mismatch  # health-2022 may well be the broken file's id
    # The file fits its folder's strategy, which is known: its own mistakes are said too.
    assert any(line.startswith("actions/demo/homes.yaml:4: error: timescale 'Sprnig 2022'")
               for line in found)  # fmt: skip
    assert "actions/demo/homes.yaml:4: warning: action 'H-1' has no lead service" in found


def test_a_mistyped_strategy_line_when_the_folders_strategy_file_is_broken(tmp_path):
    broken = STRATEGY.replace(
        "    title: Healthy lives\n", "    title: Healthy lives\n    bogus: 1\n"
    )
    data = write(tmp_path / "data", {
        "strategies/demo.yaml": broken,  # its id can be read, but it is left out
        "strategies/health-2022.yaml": STRATEGY.replace("id: demo", "id: health-2022")
        .replace("id: homes", "id: wellbeing"),
        "actions/demo/homes.yaml": """
            strategy: demmo
            priority: homes
            actions:
              - {id: H-1, theme: matching, activity: A., lead: L, measures: [M.], timescale: May 2022}
        """,
        "actions/demo/more.yaml": """
            strategy: health-2022
            priority: homes
            actions:
              - {id: H-2, theme: matching, activity: B., lead: L, measures: [M.], timescale: May 2022}
        """,
    })  # fmt: skip
    found = [p.format().removeprefix(f"{data}/") for p in loading.load(data).located()]
    assert [line for line in found if line.startswith("actions/")] == [
        "actions/demo/homes.yaml:1: error: strategy 'demmo' does not match the folder "
        "actions/demo/; move the file or correct the id; did you mean 'demo'?",
        "actions/demo/more.yaml:1: error: strategy 'health-2022' does not match the folder "
        "actions/demo/; move the file or correct the id",
    ]  # neither judged against health-2022: the folder's strategy may fit, once mended
