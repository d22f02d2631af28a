"""The command line end to end: real YAML in tmp_path, the real CLI, whole outputs."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import STRATEGY, write

from cpstrategy.cli import commands

HOMES = """
strategy: demo
priority: homes
actions:
  - id: HOM-02
    theme: matching
    activity: Approve twelve new foster carers.
    lead: [Fostering Service]
    timescale: By January 2023
    measures: [Twelve new carers approved.]
    progress:
      - {date: 2022-04-04, status: on-track}
  - id: HOM-01
    activity: Open a two-bed emergency home.
    lead: [Residential Services, Property Services]
    timescale: End of June 2022
    measures: [No emergency placements outside the borough.]
    progress:
      - {date: 2022-05-30, status: at-risk, note: Planning permission delayed.}
"""
HEALTH = """
strategy: demo
priority: health
actions:
  - id: ALT-01
    activity: Publish the annual health report.
    lead: [Children in Care Health Team]
    timescale: March 2022, 2023, 2024
    measures: [The report reaches the board every year.]
    progress:
      - {date: 2022-03-22, status: complete}
"""
ITEMS = """
items:
  - id: CIC-01
    raised: 2022-05-17
    you_said: We want to know who our new social worker is before they visit.
    status: in-progress
    respond_by: 2022-09-30
    public: true
"""


@pytest.fixture
def folder(data):
    return data(
        {
            "actions/demo/homes.yaml": HOMES,
            "actions/demo/health.yaml": HEALTH,
            "you-said-we-did/2022.yaml": ITEMS,
        }
    )


def json_out(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_status_json_has_the_specs_keys_sorted_by_priority_in_file_order_then_id(cli, folder):
    rows = json_out(cli("--data", folder, "--as-of", "2022-10-01", "status", "--format", "json"))
    assert rows == [
        {
            "id": "HOM-01",
            "title": "Open a two-bed emergency home.",
            "strategy": "demo",
            "priority": "homes",
            "lead": ["Residential Services", "Property Services"],
            "status": "overdue",
            "rag": "red",
            "next_due": "2022-06-30",
            "last_update": "2022-05-30",
        },
        {
            "id": "HOM-02",
            "title": "Approve twelve new foster carers.",
            "strategy": "demo",
            "priority": "homes",
            "lead": ["Fostering Service"],
            "status": "on-track",
            "rag": "green",
            "next_due": "2023-01-31",
            "last_update": "2022-04-04",
        },
        {
            "id": "ALT-01",
            "title": "Publish the annual health report.",
            "strategy": "demo",
            "priority": "health",
            "lead": ["Children in Care Health Team"],
            "status": "on-track",
            "rag": "green",
            "next_due": "2023-03-31",
            "last_update": "2022-03-22",
        },
    ]


def test_status_csv_has_the_same_columns_lists_joined_and_null_empty(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-03-01", "status", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id,title,strategy,priority,lead,status,rag,next_due,last_update",
        "HOM-01,Open a two-bed emergency home.,demo,homes,Residential Services; Property Services,"
        "not-started,grey,2022-06-30,",
        "HOM-02,Approve twelve new foster carers.,demo,homes,Fostering Service,not-started,grey,"
        "2023-01-31,",
        "ALT-01,Publish the annual health report.,demo,health,Children in Care Health Team,"
        "not-started,grey,2022-03-31,",
    ]


def test_status_filters_by_rag_lead_and_priority(cli, folder):
    base = ("--data", folder, "--as-of", "2022-10-01", "status", "--format", "json")
    assert [r["id"] for r in json_out(cli(*base, "--rag", "green"))] == ["HOM-02", "ALT-01"]
    assert [r["id"] for r in json_out(cli(*base, "--lead", "property"))] == ["HOM-01"]
    assert [r["id"] for r in json_out(cli(*base, "--priority", "health"))] == ["ALT-01"]


def test_unknown_priority_exits_1_with_did_you_mean(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-10-01", "status", "--priority", "helth")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no priority 'helth' in the strategies in scope; did you mean 'health'?"
    )


@pytest.mark.parametrize("command", ["status", "overdue"])
def test_a_priority_with_no_strategy_in_scope_gives_empty_output_not_an_error(cli, folder, command):
    # No strategy is in its period in 2030: the spec's rule for an empty scope holds, and
    # 'health' is a priority that exists
    base = ("--data", folder, "--as-of", "2030-01-01", command, "--priority", "health")
    result = cli(*base, "--format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert "no strategy is in its period on 2030-01-01" in result.stderr
    assert "did you mean" not in result.stderr
    header = cli(*base, "--format", "csv")
    assert header.exit_code == 0
    assert len(header.stdout.splitlines()) == 1


def test_a_priority_of_a_strategy_out_of_scope_says_how_to_see_it(cli, folder):
    later = STRATEGY.replace("id: demo", "id: later").replace("2022-01-01", "2031-04-01")
    later = later.replace("2024-03-30", "2034-03-31").replace("id: health", "id: wellbeing")
    write(Path(folder), {"strategies/later.yaml": later})
    base = ("--data", folder, "--as-of", "2032-01-01", "status", "--priority", "health")
    result = cli(*base, "--format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert "priority 'health' is in demo, which is not in scope; use --strategy demo or --all" in (
        result.stderr
    )
    # named with --strategy, a strategy without it is a mistake to say so about
    named = cli(*base, "--strategy", "later")
    assert (named.exit_code, named.stdout) == (1, "")
    assert named.stderr.splitlines()[-1] == (
        "cpstrategy: error: no priority 'health' in the strategies in scope; "
        "it is a priority of demo: add --strategy demo"
    )


def test_unknown_names_with_nothing_close_exit_1_saying_what_would_work(cli, folder):
    base = ("--data", folder, "--as-of", "2022-10-01", "status")
    result = cli(*base, "--priority", "zzz")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no priority 'zzz' in the strategies in scope; "
        "did you mean one of: homes, health?"
    )
    result = cli(*base, "--strategy", "zzz")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no strategy 'zzz'; did you mean 'demo'?"
    )
    result = cli("--data", folder, "show", "ZZZ")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no action or item 'ZZZ'; "
        "did you mean one of: ALT-01, HOM-02, HOM-01, CIC-01?"
    )


def test_an_unknown_id_in_a_folder_with_no_records_says_so(cli, data):
    result = cli("--data", data(), "show", "ZZZ")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no action or item 'ZZZ'; the data folder has no actions or items yet"
    )


def test_unknown_id_among_many_with_nothing_close_says_how_to_list_them(cli, tmp_path):
    actions = "\n".join(
        f"  - {{id: HOM-{n:02d}, activity: Find homes., lead: Fostering, timescale: Ongoing}}"
        for n in range(1, 10)
    )
    data = write(
        tmp_path / "data",
        {
            "strategies/demo.yaml": STRATEGY,
            "actions/demo/homes.yaml": f"strategy: demo\npriority: homes\nactions:\n{actions}\n",
        },
    )
    result = cli("--data", data, "show", "ZZZ")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no action or item 'ZZZ'; did you mean one of the 9 action and item "
        "ids? cpstrategy status --all lists the actions"
    )


def test_bad_rag_colour_is_a_usage_error(cli, folder):
    assert cli("--data", folder, "status", "--rag", "purple").exit_code == 2


def test_rag_is_read_in_any_case_as_the_table_shows_it(cli, folder):
    lower = cli("--data", folder, "--as-of", "2022-06-01", "status", "--rag", "red", "--format",
                "json")  # fmt: skip
    for written in ("Red", "RED"):
        same = cli("--data", folder, "--as-of", "2022-06-01", "status", "--rag", written,
                   "--format", "json")  # fmt: skip
        assert same.exit_code == 0 and same.stdout == lower.stdout


def test_an_empty_data_option_is_wrong_usage_not_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("x: 1\n")
    result = cli("--data", "", "validate")
    assert result.exit_code == 2
    assert "Invalid value for '--data'" in result.stderr and "is empty" in result.stderr


def test_overdue_lists_actions_and_late_items_most_overdue_first(cli, folder):
    rows = json_out(cli("--data", folder, "--as-of", "2022-10-01", "overdue", "--format", "json"))
    assert [(r["id"], r["kind"], r["due"], r["days_overdue"], r["due_soon"]) for r in rows] == [
        ("HOM-01", "action", "2022-06-30", 93, False),
        ("CIC-01", "you-said-we-did", "2022-09-30", 1, False),
    ]
    item = rows[1]
    assert item["strategy"] is None and item["lead"] == []
    assert item["title"] == "We want to know who our new social worker is before they visit."


def test_overdue_within_adds_actions_due_soon_after_the_late_ones(cli, folder):
    rows = json_out(
        cli(
            "--data",
            folder,
            "--as-of",
            "2022-12-01",
            "overdue",
            "--within",
            "120",
            "--format",
            "json",
        )
    )
    assert [(r["id"], r["due"], r["days_overdue"], r["due_soon"]) for r in rows] == [
        ("HOM-01", "2022-06-30", 154, False),
        ("CIC-01", "2022-09-30", 62, False),
        ("HOM-02", "2023-01-31", -61, True),
        ("ALT-01", "2023-03-31", -120, True),
    ]


def test_lead_or_priority_filters_leave_items_out_of_overdue(cli, folder):
    base = ("--data", folder, "--as-of", "2022-10-01", "overdue", "--format", "json")
    assert [r["id"] for r in json_out(cli(*base, "--lead", "residential"))] == ["HOM-01"]
    assert [r["id"] for r in json_out(cli(*base, "--priority", "homes"))] == ["HOM-01"]


def test_overdue_csv_header(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-10-01", "overdue", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "kind", "title", "strategy", "lead", "due", "days_overdue", "due_soon"]
    assert rows[2] == [
        "CIC-01", "you-said-we-did",
        "We want to know who our new social worker is before they visit.",
        "", "", "2022-09-30", "1", "false",
    ]  # fmt: skip


def test_nothing_in_scope_says_so_on_stderr_and_prints_empty_results(cli, folder):
    result = cli("--data", folder, "--as-of", "2030-01-01", "status", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert "no strategy is in its period on 2030-01-01; use --all, --strategy ID" in result.stderr
    result = cli("--data", folder, "--as-of", "2030-01-01", "status", "--format", "csv")
    assert result.stdout == "id,title,strategy,priority,lead,status,rag,next_due,last_update\n"
    result = cli("--data", folder, "--as-of", "2030-01-01", "status")
    assert (result.exit_code, result.stdout) == (0, "")


def test_items_are_listed_even_when_no_strategy_is_in_scope(cli, folder):
    rows = json_out(cli("--data", folder, "--as-of", "2030-01-01", "overdue", "--format", "json"))
    assert [r["id"] for r in rows] == ["CIC-01"]


def test_strategy_and_all_replace_the_default_scope(cli, folder):
    base = ("--data", folder, "--as-of", "2030-01-01", "status", "--format", "json")
    assert len(json_out(cli(*base, "--all"))) == 3
    assert len(json_out(cli(*base, "--strategy", "demo", "--strategy", "demo"))) == 3
    result = cli(*base, "--strategy", "dmeo")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no strategy 'dmeo'; did you mean 'demo'?"
    )


@pytest.mark.parametrize("command", ["status", "overdue", "report", "calendar", "diff"])
def test_strategy_and_all_together_are_wrong_usage(cli, folder, command):
    board = ["--board"] if command == "report" else []
    for scope in (["--all", "--strategy", "demo"], ["--strategy", "demo", "--all"]):
        result = cli("--data", folder, command, *board, *scope)
        assert result.exit_code == 2, result.stderr
        assert "use --strategy ID or --all, not both" in result.stderr
        assert result.stdout == ""


def test_data_folder_from_the_environment_and_from_the_working_directory(cli, folder, monkeypatch):
    monkeypatch.setenv("CPSTRATEGY_DATA", str(folder))
    assert len(json_out(cli("--as-of", "2022-10-01", "status", "--format", "json"))) == 3
    monkeypatch.delenv("CPSTRATEGY_DATA")
    monkeypatch.chdir(folder.parent)
    assert len(json_out(cli("--as-of", "2022-10-01", "status", "--format", "json"))) == 3


def test_missing_data_folder_exits_1_naming_it_and_suggesting_data_or_init(cli, tmp_path):
    result = cli("--data", tmp_path / "nowhere", "status")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cpstrategy: error: no data folder at '{tmp_path / 'nowhere'}'; point at one with "
        "--data DIR (or CPSTRATEGY_DATA), or start one with cpstrategy init DIR\n"
    )


def test_empty_data_folder_is_valid_with_a_warning(cli, tmp_path):
    (tmp_path / "data").mkdir()
    result = cli("--data", tmp_path / "data", "validate")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{tmp_path / 'data'}: warning: no strategies found; add one under strategies/\n"
    )


def test_as_of_that_is_not_a_date_is_a_usage_error(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-02-30", "status")
    assert result.exit_code == 2
    assert "'2022-02-30' is not a date that exists" in result.stderr
    for written in ("20220201", "abcd-ef-gh", "２０２２-02-01"):
        result = cli("--data", folder, "--as-of", written, "status")
        assert result.exit_code == 2
        assert f"'{written}' is not a date as YYYY-MM-DD" in result.stderr


def test_a_global_option_after_a_command_it_does_not_apply_to_is_not_sent_before_it(cli, folder):
    update = cli(
        "--data", folder, "update", "H-01", "--status", "complete", "--as-of", "2022-01-01"
    )
    assert update.exit_code == 2
    assert "Error: update records progress on --date (default today); --as-of does not apply" in (
        update.stderr
    )
    init = cli("init", folder.parent / "new", "--data", "x")
    assert init.exit_code == 2
    assert "No such option: --data" in init.stderr and "global" not in init.stderr


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["status", "--as-of", "2022-01-01"], "'cpstrategy --as-of YYYY-MM-DD status ...'"),
        (["overdue", "--as-of=2022-01-01"], "'cpstrategy --as-of YYYY-MM-DD overdue ...'"),
        (["update", "H-01", "--status", "complete", "--data", "x"],  # not "did you mean --date"
         "'cpstrategy --data DIR update ...'"),
        (["validate", "--no-cache"], "'cpstrategy --no-cache validate ...'"),
    ],
)  # fmt: skip
def test_a_global_option_after_the_command_is_told_where_it_goes(cli, folder, args, told):
    result = cli("--data", folder, *args)
    assert result.exit_code == 2
    option = args[-1] if args[-1].startswith("--") else args[-2]
    option = option.split("=")[0]
    assert f"Error: {option} is a global option: put it before the command, as in {told}" in (
        result.stderr
    )


def test_data_errors_exit_1_print_every_error_and_nothing_on_stdout(cli, data):
    folder = data({"actions/demo/bad.yaml": HOMES.replace("on-track", "ontrack").replace(
        "activity: Open", "activty: Open")})  # fmt: skip
    result = cli("--data", folder, "status", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    bad = folder / "actions/demo/bad.yaml"
    assert result.stderr.splitlines() == [
        f"{bad}:11: error: unknown status 'ontrack'; did you mean 'on-track'?",
        f"{bad}:13: error: unknown key 'activty'; did you mean 'activity'?",
        f"2 errors in {folder}",
    ]


def test_validate_strict_fails_on_warnings(cli, data):
    folder = data(
        {"actions/demo/a.yaml": HEALTH.replace("    lead: [Children in Care Health Team]\n", "")}
    )
    assert cli("--data", folder, "validate").exit_code == 0
    result = cli("--data", folder, "validate", "--strict")
    assert result.exit_code == 1
    assert f"{folder / 'actions/demo/a.yaml'}:4: warning: action 'ALT-01' has no lead service" in (
        result.stderr
    )


def test_other_commands_count_warnings_in_one_line(cli, data):
    folder = data(
        {"actions/demo/a.yaml": HEALTH.replace("    lead: [Children in Care Health Team]\n", "")}
    )
    result = cli("--data", folder, "--as-of", "2022-10-01", "status", "--format", "json")
    assert result.stderr == "1 data-quality warning; run cpstrategy validate\n"


def test_measures_in_words_are_no_warning_but_no_measure_at_all_is(cli, data):
    folder = data({"actions/demo/a.yaml": HEALTH})
    result = cli("--data", folder, "validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{folder}: 1 strategy, 1 action, 0 items; no errors, 0 warnings\n"

    folder = data(
        {
            "actions/demo/a.yaml": HEALTH.replace(
                "    measures: [The report reaches the board every year.]\n", ""
            )
        }
    )
    result = cli("--data", folder, "validate")
    assert result.stderr == (
        f"{folder}/actions/demo/a.yaml:4: warning: action 'ALT-01' has no success measure\n"
    )


def test_a_gap_written_blank_is_reported_where_it_is_written_and_a_missing_one_at_the_action(
    cli, data
):
    folder = data({"actions/demo/a.yaml": """
        strategy: demo
        priority: health
        actions:
          - id: ALT-01
            activity: Publish the annual health report.
            lead: []
            timescale: ""
            measures: []
          - id: ALT-02
            activity: Publish the dental report.
          - id: ALT-03
            activity: Publish the eye test report.
            lead: Health
            measures: [Published.]
            timescale:
    """})  # fmt: skip
    result = cli("--data", folder, "validate")
    file = folder / "actions/demo/a.yaml"
    assert result.stderr.splitlines() == [
        f"{file}:6: warning: action 'ALT-01' has no lead service",
        f"{file}:7: warning: action 'ALT-01' has no timescale",
        f"{file}:8: warning: action 'ALT-01' has no success measure",
        f"{file}:9: warning: action 'ALT-02' has no timescale",
        f"{file}:9: warning: action 'ALT-02' has no lead service",
        f"{file}:9: warning: action 'ALT-02' has no success measure",
        f"{file}:15: warning: action 'ALT-03' has no timescale",
    ]
    assert cli("--data", folder, "validate").stderr == result.stderr  # from the cache, the same


def test_an_optional_list_written_with_no_value_is_empty_and_a_gap_is_a_warning(cli, data):
    strategy = STRATEGY.replace("    title: Healthy lives\n", "    title: Healthy lives\n"
                                "    outcomes:\n    themes:\nsuperseded_by:\n")  # fmt: skip
    folder = data({"actions/demo/a.yaml": """
        priority: health
        actions:
          - id: ALT-01
            activity: Publish the annual health report.
            lead:
            timescale: April 2023
            measures:
            progress:
          - id: ALT-02
            activity: Publish the dental report.
            lead: ~
            timescale: April 2023
            measures:
              - text: Reports published
                target: 2
                actuals:
                comparators:
        """, "you-said-we-did/y.yaml": """
        items:
          - id: Y-1
            raised: 2023-01-01
            you_said: We want to know.
            status: open
            actions:
        """, "boards.yaml": """
        boards:
          - id: cpb
            name: Corporate Parenting Board
            meetings:
        """}, strategy=strategy)  # fmt: skip
    result = cli("--data", folder, "validate")
    file = folder / "actions/demo/a.yaml"
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{file}:5: warning: action 'ALT-01' has no lead service",
        f"{file}:7: warning: action 'ALT-01' has no success measure",
        f"{file}:11: warning: action 'ALT-02' has no lead service",
    ]
    status = cli("--data", folder, "--as-of", "2023-06-30", "status", "--format", "json")
    assert [row["status"] for row in json.loads(status.stdout)] == ["overdue", "overdue"]


def test_a_timescale_kept_as_written_with_no_due_dates_stays_in_sight(cli, data):
    folder = data({"actions/demo/a.yaml": """
        strategy: demo
        priority: health
        actions:
          - id: ALT-01
            activity: Publish the annual health report.
            lead: Health
            measures: [Published.]
            timescale: Spring 2023
            due: []
    """})  # fmt: skip
    result = cli("--data", folder, "validate")
    assert result.stderr == (
        f"{folder}/actions/demo/a.yaml:9: warning: action 'ALT-01' has no due dates: its "
        "timescale 'Spring 2023' is kept as written; set due:\n"
    )
    table = cli("--data", folder, "--as-of", "2023-01-01", "status").stdout
    assert "ALT-01  Not started  Grey  no due dates" in table
    # A timescale that can be read, with due: [], is a choice: no warning.
    path = folder / "actions/demo/a.yaml"
    path.write_text(path.read_text().replace("Spring 2023", "Ongoing"))
    assert cli("--data", folder, "validate").stderr == ""


def test_show_action_json_marks_each_due_date_met_or_unmet_and_by_which_entry(cli, folder):
    view = json_out(cli("--data", folder, "--as-of", "2023-06-01", "show", "ALT-01",
                        "--format", "json"))  # fmt: skip
    assert view["status"] == "overdue"
    assert view["due_dates"] == [
        {"due": "2022-03-31", "met": True, "fallen_due": True, "met_by": "2022-03-22",
         "met_by_entry": 1},
        {"due": "2023-03-31", "met": False, "fallen_due": True, "met_by": None,
         "met_by_entry": None},
        {"due": "2024-03-31", "met": False, "fallen_due": False, "met_by": None,
         "met_by_entry": None},
    ]  # fmt: skip
    text = cli("--data", folder, "--as-of", "2023-06-01", "show", "ALT-01").stdout.splitlines()
    assert "  2023-03-31  not met" in text
    assert "  2024-03-31  not due yet" in text
    themed = cli("--data", folder, "--as-of", "2022-10-01", "show", "HOM-02").stdout
    assert "Theme        matching: Match children with carers" in themed.splitlines()
    assert view["progress"] == [
        {"date": "2022-03-22", "status": "complete", "note": None, "by": None}
    ]


def test_show_action_text(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-10-01", "show", "HOM-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "HOM-01  Open a two-bed emergency home.",
        "",
        "Strategy     demo",
        "Priority     homes: Stable homes",
        "Lead         Residential Services; Property Services",
        "Timescale    End of June 2022",
        "Status       Overdue (Red): 93 days overdue",
        "Next due     2022-06-30",
        "Last update  2022-05-30",
        "Stale        no update for over 90 days",
        "",
        "Due dates",
        "  2022-06-30  not met",
        "",
        "Success measures",
        "  - No emergency placements outside the borough.",
        "",
        "History",
        "  1. 2022-05-30  at-risk",
        "     Planning permission delayed.",
        "",
        f"File         {folder / 'actions/demo/homes.yaml'}",
    ]


def test_show_says_ongoing_and_one_day(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - {id: A-1, activity: Listen., lead: X, measures: [Heard.], timescale: Ongoing}
          - {id: A-2, activity: Act., lead: X, measures: [Done.], timescale: 2022-06-30}
    """})  # fmt: skip
    ongoing = cli("--data", folder, "--as-of", "2022-07-01", "show", "A-1").stdout.splitlines()
    assert "Next due     Ongoing" in ongoing
    assert "  none (Ongoing: never overdue)" in ongoing
    late = cli("--data", folder, "--as-of", "2022-07-01", "show", "A-2").stdout.splitlines()
    assert "Status       Overdue (Red): 1 day overdue" in late


def test_show_item(cli, folder):
    view = json_out(cli("--data", folder, "--as-of", "2022-10-01", "show", "CIC-01",
                        "--format", "json"))  # fmt: skip
    assert (view["kind"], view["status"], view["late"], view["days_late"]) == (
        "you-said-we-did", "in-progress", True, 1,
    )  # fmt: skip


def test_show_does_not_call_an_item_raised_after_the_as_of_date_late(cli, data):
    folder = data({"you-said-we-did/a.yaml": """
        items:
          - {id: Y-1, raised: 2022-06-01, respond_by: 2022-05-01, you_said: More say., status: open}
        """})  # fmt: skip
    early = json_out(cli("--data", folder, "--as-of", "2022-05-31", "show", "Y-1",
                         "--format", "json"))  # fmt: skip
    assert (early["raised_later"], early["late"], early["days_late"]) == (True, False, None)
    text = cli("--data", folder, "--as-of", "2022-05-31", "show", "Y-1").stdout.splitlines()
    assert "Status       open" in text
    later = json_out(cli("--data", folder, "--as-of", "2022-06-02", "show", "Y-1",
                         "--format", "json"))  # fmt: skip
    assert (later["raised_later"], later["late"], later["days_late"]) == (False, True, 32)


def test_show_says_a_done_items_answer_date_is_not_recorded_not_that_it_is_to_come(cli, data):
    folder = data({"you-said-we-did/a.yaml": """
        items:
          - {id: Y-1, raised: 2022-01-05, you_said: More say., status: done, we_did: Done.}
          - {id: Y-2, raised: 2022-01-05, you_said: More say., status: open}
        """})  # fmt: skip
    done = cli("--data", folder, "--as-of", "2022-10-01", "show", "Y-1").stdout
    assert "Responded    (not recorded)" in done.splitlines()
    still_open = cli("--data", folder, "--as-of", "2022-10-01", "show", "Y-2").stdout
    assert "Responded    (not yet)" in still_open.splitlines()


def test_show_gives_an_indicators_figures_as_known_on_the_date_and_its_comparators(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - id: M-01
            activity: Fewer moves.
            lead: X
            timescale: March 2023
            measures:
              - text: Children with three or more moves in a year
                target: 8
                unit: "%"
                higher_is_better: false
                baseline: {date: 2021-03-31, value: 11}
                actuals:
                  - {date: 2023-03-31, value: 9}
                  - {date: 2022-03-31, value: 10}
                  - {date: 2024-03-31, value: 7}
                comparators:
                  - {name: England, date: 2022-03-31, value: 10}
        """})  # fmt: skip
    base = ("--data", folder, "--as-of", "2023-06-30", "show", "M-01")
    view = json_out(cli(*base, "--format", "json"))
    [measure] = view["measures"]
    assert measure["higher_is_better"] is False
    assert measure["baseline_date"] == "2021-03-31"
    assert measure["actuals"] == [
        {"date": "2022-03-31", "value": 10.0},
        {"date": "2023-03-31", "value": 9.0},  # not 2024's: not known yet
    ]
    assert measure["comparators"] == [{"name": "England", "date": "2022-03-31", "value": 10.0}]
    text = cli(*base).stdout.splitlines()
    assert (
        "    target 8% (lower is better), baseline 11% (2021-03-31), latest 9% (2023-03-31), "
        "Amber, improving" in text
    )
    assert "    figures: 2022-03-31 10%, 2023-03-31 9%" in text
    assert "    England: 10% (2022-03-31)" in text


def test_show_unknown_id_exits_1_with_did_you_mean(cli, folder):
    result = cli("--data", folder, "show", "HOM-1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "cpstrategy: error: no action or item 'HOM-1'; did you mean 'HOM-01'?",
    ]


def test_piped_table_is_plain_aligned_text(folder):
    env = {**os.environ, "CPSTRATEGY_DATA": str(folder)}
    done = subprocess.run(
        [sys.executable, "-m", "cpstrategy", "--as-of", "2022-10-01", "status"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert done.stdout.splitlines() == [
        "demo as of 2022-10-01",
        "",
        "ID      Status    RAG    Next due    Last update  Lead                                     Activity",
        "HOM-01  Overdue   Red    2022-06-30  2022-05-30   Residential Services; Property Services  Open a two-bed emergency home.",
        "HOM-02  On track  Green  2023-01-31  2022-04-04   Fostering Service                        Approve twelve new foster carers.",
        "ALT-01  On track  Green  2023-03-31  2022-03-22   Children in Care Health Team             Publish the annual health report.",
        "",
        "3 actions: 2 on track, 1 overdue",
    ]  # fmt: skip
    assert "\x1b[" not in done.stdout


def many_actions(data) -> Path:
    """A data folder whose `status` is far more than a pipe takes at once (64 KiB)."""
    rows = "\n".join(
        f"  - {{id: P-{n:04d}, activity: Find homes for children {n}., lead: Fostering, "
        "timescale: March 2023, measures: [More homes.]}"
        for n in range(3000)
    )
    return data({"actions/demo/many.yaml": f"priority: homes\nactions:\n{rows}\n"})


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_reader_that_stops_early_is_no_error(data, fmt):
    # `cpstrategy status | head -1`: the pipe closes long before the output ends
    folder = many_actions(data)
    command = [sys.executable, "-m", "cpstrategy", "--data", str(folder), "--as-of",
               "2022-10-01", "status", "--format", fmt]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr


@pytest.mark.skipif(not hasattr(os, "set_blocking"), reason="needs os.set_blocking")
def test_output_to_a_pipe_left_non_blocking_waits_for_its_reader(data):
    """A program reading cpstrategy may leave the pipe non-blocking (Node's child processes
    do); with PYTHONUNBUFFERED set, what the pipe did not take at once was dropped, exit 0."""
    folder = many_actions(data)
    command = [sys.executable, "-m", "cpstrategy", "--data", str(folder), "--as-of",
               "2022-10-01", "status", "--format", "json"]  # fmt: skip
    whole = subprocess.run(command, capture_output=True, timeout=60).stdout
    assert len(whole) > 4 * 65536  # more than a pipe takes at once
    readable, writable = os.pipe()
    os.set_blocking(writable, False)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(readable, "rb") as reader:
        process = subprocess.Popen(command, stdout=writable, stderr=subprocess.PIPE, env=env)
        os.close(writable)
        time.sleep(0.5)  # a slow reader: the pipe is full long before it reads
        received = reader.read()
    assert process.wait(timeout=60) == 0
    assert received == whole


def test_a_closed_stdout_or_stderr_is_answered_plainly(data, tmp_path):
    folder = data({})
    command = [sys.executable, "-m", "cpstrategy", "--data", str(folder), "--as-of",
               "2022-10-01"]  # fmt: skip

    def closing(stream: str, *args: str) -> subprocess.CompletedProcess[str]:
        shell = f'exec "$@" {stream}>&-'  # the shell closes the descriptor before the start
        return subprocess.run(["sh", "-c", shell, "sh", *command, *args],
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    for args in (["status"], ["calendar"]):  # text, and the bytes of a calendar
        printed = closing("1", *args)
        assert printed.returncode == 1
        assert "Traceback" not in printed.stderr and "internal error" not in printed.stderr
    printed = closing("1", "status")
    assert printed.returncode == 1
    assert printed.stderr.endswith(
        "cpstrategy: error: cannot write the output: Bad file descriptor\n"
    )
    assert "Traceback" not in printed.stderr
    report = tmp_path / "board.md"
    written = closing("1", "report", "--board", "--output", str(report))
    assert written.returncode == 0, written.stderr
    assert report.read_text().startswith("# ")
    unheard = closing("2", "status", "--format", "json")
    assert unheard.returncode == 0
    assert json.loads(unheard.stdout) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_stderr_that_cannot_be_written_loses_only_its_messages(data):
    many_actions(data)
    unled = "priority: homes\nactions:\n  - {id: Q-1, activity: Nobody leads it., timescale: March 2023}\n"
    folder = data({"actions/demo/unled.yaml": unled})  # a data-quality warning to tell of
    command = [sys.executable, "-m", "cpstrategy", "--data", str(folder), "--as-of",
               "2022-10-01", "status", "--format", "json"]  # fmt: skip
    told = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert "data-quality warnings" in told.stderr
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=full, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout == told.stdout and len(json.loads(done.stdout)) == 3001


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["status"], ["report", "--board"]])
def test_output_that_cannot_be_written_is_a_plain_error(data, command):
    folder = data({})
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cpstrategy", "--data", str(folder), "--as-of",
             "2022-10-01", *command],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "cpstrategy: error: cannot write the output: No space left on device"
    )


def test_a_path_the_system_refuses_is_named_with_its_reason(cli, tmp_path):
    too_long = tmp_path / ("a" * 300)
    result = cli("--data", too_long, "validate")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"cpstrategy: error: '{too_long}': File name too long"


def _commands():
    return [c.name or c.callback.__name__ for c in commands.registered_commands]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_a_one_line_summary_and_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example: cpstrategy" in result.stdout
    callback = next(c.callback for c in commands.registered_commands
                    if (c.name or c.callback.__name__) == command)  # fmt: skip
    summary = callback.__doc__.strip().splitlines()[0]
    assert summary.endswith(".") and len(summary) < 100


def test_top_level_help_and_unknown_command(cli):
    result = cli("--help")
    assert result.exit_code == 0 and "status" in result.stdout and "overdue" in result.stdout
    assert cli("frobnicate").exit_code == 2


def test_console_script_never_prints_a_traceback(tmp_path):
    bad = tmp_path / "data/strategies/x.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"id: [\n\xff\xfe")
    done = subprocess.run(
        [sys.executable, "-m", "cpstrategy", "--data", str(tmp_path / "data"), "validate"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == f"{bad}:2: error: the file is not valid UTF-8 text"


def test_the_data_folder_path_is_printed_as_given(cli, folder, monkeypatch):
    monkeypatch.chdir(folder.parent)
    bad = Path("data/actions/demo/homes.yaml")
    bad.write_text(HOMES.lstrip().replace("activity: Open", "activty: Open"), encoding="utf-8")
    result = cli("validate")
    assert result.stderr.splitlines()[0] == (
        "data/actions/demo/homes.yaml:13: error: unknown key 'activty'; did you mean 'activity'?"
    )


@pytest.mark.parametrize("text", ["20180930", "2018-W40-1", "2018-9-30"])
def test_as_of_must_be_written_yyyy_mm_dd(cli, folder, text):
    result = cli("--data", folder, "--as-of", text, "status")
    assert result.exit_code == 2
    assert f"'{text}' is not a date as YYYY-MM-DD" in result.stderr


def test_an_as_of_date_at_the_end_of_the_calendar_is_answered(cli, folder):
    assert cli("--data", folder, "--as-of", "9999-12-31", "overdue", "--all").exit_code == 0


@pytest.mark.parametrize("value", ["false", "0", "no", "off", ""])
def test_cpstrategy_no_cache_false_keeps_the_cache(
    cli, folder, value, monkeypatch, own_cache_folder
):
    monkeypatch.setenv("CPSTRATEGY_NO_CACHE", value)
    cli("--data", folder, "--as-of", "2022-10-01", "status")
    assert list((own_cache_folder / "cpstrategy").glob("*.cache"))


def test_show_item_before_its_answer_went_back_does_not_show_the_answer(cli, data):
    folder = data({"you-said-we-did/a.yaml": ITEMS.replace(
        "    status: in-progress\n",
        "    status: done\n    we_did: Every social worker now sends a hello first.\n"
        "    responded: 2022-11-01\n",
    )})  # fmt: skip
    before = json_out(cli("--data", folder, "--as-of", "2022-10-15", "show", "CIC-01",
                          "--format", "json"))  # fmt: skip
    after = json_out(cli("--data", folder, "--as-of", "2022-11-02", "show", "CIC-01",
                         "--format", "json"))  # fmt: skip
    assert (before["status"], before["we_did"], before["responded"]) == ("in-progress", None, None)
    assert after["we_did"] == "Every social worker now sends a hello first."


def test_did_you_mean_ignores_case(cli, folder):
    result = cli("--data", folder, "show", "hom-1")
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: error: no action or item 'hom-1'; did you mean 'HOM-01'?"
    )


def test_yaml_files_in_the_wrong_place_are_named_not_silently_dropped(cli, data):
    folder = data({"action/demo/a.yaml": HEALTH, "board.yaml": "boards: []\n",
                   "actions/demo/b.YAML": HOMES})  # fmt: skip
    result = cli("--data", folder, "validate")
    assert result.exit_code == 0
    note = ("warning: not read: cpstrategy reads strategies/*.yaml, actions/<strategy-id>/*.yaml, "
            "you-said-we-did/*.yaml and boards.yaml")  # fmt: skip
    assert [line for line in result.stderr.splitlines() if "not read" in line] == [
        f"{folder / 'action/demo/a.yaml'}:1: {note}",
        f"{folder / 'actions/demo/b.YAML'}:1: {note}",
        f"{folder / 'board.yaml'}:1: {note}",
    ]


def test_what_cannot_be_read_is_an_error_not_passed_over(cli, data, monkeypatch):
    folder = data({"actions/demo/b.yaml": HOMES})
    (folder / "actions/demo/gone.yaml").symlink_to(folder / "nowhere.yaml")
    os.mkfifo(folder / "boards.yaml")  # reading it would wait for ever: it is never opened
    (folder / "actions/linked").symlink_to(folder / "actions/demo")  # its files are not read
    locked = folder / "actions/locked"
    locked.mkdir()
    (folder / "old").mkdir()  # not a folder cpstrategy reads: its broken link is no concern
    (folder / "old/x.yaml").symlink_to(folder / "nowhere.yaml")
    real_scandir = os.scandir

    def scandir(path):  # a folder this user may not list (root may list any, so pretend)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("--data", folder, "--as-of", "2022-10-01", "status")
    assert result.exit_code == 1 and result.stdout == ""
    not_a_file = (
        "is not a file that can be read (a broken link, a pipe or a socket); it is not read"
    )
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        f"{folder / 'actions/demo/gone.yaml'}: error: {not_a_file}",
        f"{folder / 'actions/linked'}: error: is a link to a folder, which cpstrategy does not "
        "follow; nothing in it is read (move the folder here instead)",
        f"{locked}: error: this folder cannot be read (Permission denied); nothing in it is read",
        f"{folder / 'boards.yaml'}: error: {not_a_file}",
    ]


def test_help_lists_every_command_with_its_whole_summary(cli):
    listed = " ".join(cli("--help").stdout.split())
    for command in commands.registered_commands:
        summary = command.callback.__doc__.strip().splitlines()[0]
        assert " ".join(summary.split()) in listed


def test_a_terminal_that_cannot_show_a_character_gets_it_escaped(folder):
    env = {**os.environ, "CPSTRATEGY_DATA": str(folder), "PYTHONIOENCODING": "ascii"}
    bad = folder / "actions/demo/homes.yaml"
    bad.write_text(bad.read_text().replace("emergency home", "emergency home – urgent"))
    done = subprocess.run(
        [sys.executable, "-m", "cpstrategy", "--as-of", "2022-10-01", "status"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "home \\u2013 urgent" in done.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_an_error_not_a_silent_success(folder):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["CPSTRATEGY_DATA"] = str(folder)
    for command in (["status", "--format", "json"], ["overdue"], ["show", "HOM-01"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "cpstrategy", "--as-of", "2022-10-01", *command],
                stdout=full, stderr=subprocess.PIPE, text=True, env=env,
            )  # fmt: skip
        assert done.returncode == 1, command
        assert "cpstrategy: error: cannot write the output: No space left on device" in (
            done.stderr
        )
        assert "Traceback" not in done.stderr


def test_ctrl_c_exits_130_saying_so(cli, folder, monkeypatch):
    from cpstrategy import loading

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loading, "load", interrupted)
    result = cli("--data", folder, "status")
    assert (result.exit_code, result.stdout) == (130, "")
    assert result.stderr.splitlines()[-1] == "cpstrategy: interrupted"
    assert "Traceback" not in result.stderr


def test_ctrl_c_while_the_command_line_is_imported_exits_130_without_a_traceback(folder):
    # The first tens of milliseconds import the command line: Ctrl-C there is made to happen
    # by an import hook, in a fresh interpreter running the console script's function.
    program = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['cpstrategy', 'status']\n"
        "from cpstrategy.console import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=folder.parent, timeout=60)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "cpstrategy: interrupted\n")


def test_numbers_in_text_fields_are_read_as_written(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - id: N-01
            activity: 1:30
            lead: [017]
            timescale: 2019.10
            measures:
              - {text: Half, target: 1e1, unit: "%"}
        """})  # fmt: skip
    result = cli("--data", folder, "show", "N-01", "--format", "json")
    assert result.exit_code == 1
    assert "timescale '2019.10' is not understood" in result.stderr
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - id: N-01
            activity: 1:30
            lead: [017]
            timescale: Ongoing
            measures:
              - {text: Half, target: 1e1, unit: "%"}
        """})  # fmt: skip
    view = json_out(cli("--data", folder, "show", "N-01", "--format", "json"))
    assert (view["title"], view["lead"], view["measures"][0]["target"]) == ("1:30", ["017"], 10.0)


def test_an_ongoing_action_says_ongoing_in_the_due_column_complete_or_not(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - {id: O-01, activity: Done., lead: X, timescale: Ongoing, measures: [m],
             progress: [{date: 2022-05-01, status: complete}]}
          - {id: O-02, activity: Open., lead: X, timescale: Ongoing, measures: [m]}
        """})  # fmt: skip
    result = cli("--data", folder, "--as-of", "2022-06-01", "status")
    assert result.exit_code == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith("O-0")]
    assert [row[:4] for row in rows] == [
        ["O-01", "Complete", "Blue", "Ongoing"],
        ["O-02", "Not", "started", "Grey"],
    ]
    assert rows[1][4] == "Ongoing"


def test_strict_says_it_fails_on_warnings(cli, data):
    folder = data(
        {"actions/demo/a.yaml": HEALTH.replace("    lead: [Children in Care Health Team]\n", "")}
    )
    result = cli("--data", folder, "validate", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 warning, and --strict fails on warnings"


def test_a_folder_with_no_strategies_says_so_rather_than_suggesting_a_scope(cli, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    result = cli("--data", folder, "status")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "no strategies in the data folder"


def test_report_needs_one_of_its_two_kinds(cli, folder):
    result = cli("--data", folder, "report")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--board' / '--young-people': choose exactly one of --board or "
        "--young-people" in result.stderr
    )


def test_overdue_within_is_titled_for_both_lists(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-10-01", "overdue", "--within", "200")
    lines = result.stdout.splitlines()
    assert lines[0] == "Overdue or due within 200 days as of 2022-10-01"
    assert lines[2].split() == ["ID", "Kind", "Due", "When", "Lead", "Title"]
    nothing = cli("--data", folder, "--as-of", "2022-01-02", "overdue", "--within", "10")
    assert nothing.stdout == "Nothing is overdue or due within 10 days as of 2022-01-02.\n"


def test_overdue_within_says_in_1_day(cli, folder):
    result = cli("--data", folder, "--as-of", "2023-01-30", "overdue", "--within", "5")
    assert "in 1 day " in result.stdout or result.stdout.rstrip().endswith("in 1 day")
    assert "in 1 days" not in result.stdout


def test_what_a_command_built_is_kept_only_when_the_process_exits_next(folder):
    """The console script leaves a large plan for the exit to free; run() in a longer-lived
    process (these tests) lets it go."""
    from cpstrategy import cli

    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.run(["--data", str(folder), "--as-of", "2022-06-01", "status"]) == 0
        assert cli._KEPT == []
        assert (
            cli.run(["--data", str(folder), "--as-of", "2022-06-01", "status"], then_exit=True) == 0
        )
    assert [type(kept).__name__ for kept in cli._KEPT] == ["Loaded"]
    cli._KEPT.clear()
