"""`import`: a plan table copied out of Word or Excel becomes action files that validate.

The main case is the 2017-2020 Knowsley action plan exactly as pasted out of its Word document: section
rows, repeated headers, theme cells left empty, a row split by a page break, and a stray "M".
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from cpstrategy.yamlsource import read_document

# The action plan table of the Knowsley 2017-2020 strategy, exactly as pasted out of its Word
# document (the public source of the shipped data): the lines after its ACTION PLAN heading.
SEED = ROOT / "tests" / "fixtures" / "knowsley-action-plan.tsv"
TITLE = "Children Looked After and Care Leavers Strategy and Action Plan 2017-2020"


QUOTE_RUNS_ON = (
    'a cell in this row starts with a quote mark ("), but the quoted text does not end where '
    "the cell does (its quote marks do not pair up, or it holds tabs as if it ran on into the "
    "cells after it), so it cannot be read"
)
QUOTE_HINT = (
    "take out the quote mark at the start of the cell; or, for a cell of several lines, put "
    "the whole cell in quotes, double each quote mark inside it and take out its tabs"
)


def plan_table() -> str:
    """The plan from the line after the ACTION PLAN heading to the end."""
    return SEED.read_text(encoding="utf-8")


def new_strategy(*extra: str) -> list[str]:
    return ["--strategy", "cla-2017", "--title", TITLE, "--start", "2017-04-01",
            "--end", "2020-03-30", *extra]  # fmt: skip


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def actions_of(folder: Path, strategy: str = "cla-2017") -> dict[str, list[dict]]:
    found = {}
    for path in sorted((folder / "actions" / strategy).glob("*.yaml")):
        document, problems = read_document(path)
        assert document is not None, problems
        found[path.stem] = document.value["actions"]
    return found


def test_the_knowsley_plan_imports_into_28_actions_under_4_priorities_and_validates(
    cli, empty, tmp_path
):
    table = tmp_path / "plan.tsv"
    table.write_text(plan_table(), encoding="utf-8")
    result = cli("--data", empty, "import", table, *new_strategy())
    assert result.exit_code == 0, result.stderr
    assert f"{table}:25: warning: timescale 'March 2017, 2018, 2019M' not understood; kept as " \
        "written; set due:" in result.stderr.splitlines()  # fmt: skip
    assert result.stdout.splitlines()[-1] == (
        "Imported 28 actions under 4 priorities into strategy cla-2017 (created)"
    )
    check = cli("--data", empty, "validate")
    assert check.exit_code == 0, check.stderr
    assert check.stdout.startswith(f"{empty}: 1 strategy, 28 actions, 0 items; no errors")

    strategy, _ = read_document(empty / "strategies/cla-2017.yaml")
    priorities = strategy.value["priorities"]
    assert [(p["id"], p["title"], len(p["themes"])) for p in priorities] == [
        ("good-parenting", "Good parenting", 3),
        ("good-safe-placements", "Good safe placements", 3),
        ("high-aspirations", "High aspirations", 2),
        ("successful-adult-lives", "Successful adult lives", 3),
    ]
    assert priorities[0]["themes"][0]["title"] == (
        "Provide positive parents who provide children with aspirations"
    )
    actions = actions_of(empty)
    assert {name: [a["id"] for a in found] for name, found in actions.items()} == {
        "good-parenting": [f"GP-{n:02d}" for n in range(1, 14)],
        "good-safe-placements": [f"GSP-{n:02d}" for n in range(1, 6)],
        "high-aspirations": [f"HA-{n:02d}" for n in range(1, 7)],
        "successful-adult-lives": [f"SAL-{n:02d}" for n in range(1, 5)],
    }
    good_parenting = actions["good-parenting"]
    # Leads split on '/', never on "and"; an empty first cell keeps the theme above.
    assert good_parenting[0]["lead"] == ["Permanence and Provision", "Child Protection Service"]
    assert [a["theme"] for a in good_parenting[:5]] == ["provide-positive-parents"] * 4 + [
        "learning-directly-experiences"
    ]
    # The row split by a page break ("... Corporate Parenting" / "Board.") is one action.
    assert good_parenting[5]["lead"][0].endswith("Corporate Parenting Board")
    assert good_parenting[6]["activity"] == "Include young people in the development of services"
    # The stray "M" keeps the timescale as written, with due: [].
    adoption = actions["good-safe-placements"][4]
    assert (adoption["timescale"], adoption["due"]) == ("March 2017, 2018, 2019M", [])


def test_the_same_table_gives_the_same_files_and_ids(cli, tmp_path):
    table = tmp_path / "plan.tsv"
    table.write_text(plan_table(), encoding="utf-8")
    folders = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        assert cli("--data", folder, "import", table, *new_strategy()).exit_code == 0
        folders.append(snapshot(folder))
    assert folders[0] == folders[1]

    again = cli("--data", tmp_path / "one", "import", table, *new_strategy("--force"))
    assert again.exit_code == 0
    assert again.stdout.count("up to date") == 4  # the strategy exists now: left alone


def test_an_import_over_existing_files_is_refused_without_force(cli, empty, tmp_path):
    table = tmp_path / "plan.tsv"
    table.write_text(plan_table(), encoding="utf-8")
    assert cli("--data", empty, "import", table, *new_strategy()).exit_code == 0
    edited = empty / "actions/cla-2017/high-aspirations.yaml"
    edited.write_text(edited.read_text().replace("Virtual School", "Virtual school team"))
    before = snapshot(empty)
    refused = cli("--data", empty, "import", table, "--strategy", "cla-2017")
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        f"cpstrategy: error: '{edited}' already exists; nothing written; use --force to "
        "replace it\n"
    )
    assert snapshot(empty) == before
    forced = cli("--data", empty, "import", table, "--strategy", "cla-2017", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "Virtual school team" not in edited.read_text()


def test_ids_taken_by_another_strategy_get_the_strategy_year(cli, data, tmp_path):
    folder = data({"actions/demo/homes.yaml": """
        priority: homes
        actions:
          - {id: SH-01, activity: Already here., lead: [A], timescale: Ongoing, measures: [M]}
        """})  # fmt: skip
    table = tmp_path / "plan.tsv"
    table.write_text("PRIORITY ONE: STABLE HOMES\nPriority\tActivity\tLead\n\tFind homes.\tA\n")
    result = cli("--data", folder, "import", table, "--strategy", "homes-2024", "--title", "Homes",
                 "--start", "2024-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "  - id: SH24-01\n" in (folder / "actions/homes-2024/stable-homes.yaml").read_text()


def write_table(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    path = tmp_path / name
    data = textwrap.dedent(text).lstrip("\n").encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_a_csv_with_excel_bom_quoted_multiline_cells_other_names_and_no_sections(
    cli, empty, tmp_path
):
    table = write_table(tmp_path, "plan.csv", """
        Measure of success,Deadline,Action,Lead agency/department,Priority
        "Fewer moves
        • More matches at panel",March 2018,Match children with carers,"Fostering
        Social work / Panel",Stable homes
        ,Quarterly,Review every placement,Fostering; Social work,
        Health checks done,Ongoing,"Arrange annual health
        checks",CLA health,Healthy lives
        """, bom=True)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01", "--end", "2019-12-31")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "1 data-quality warning; run cpstrategy validate\n"
    assert (empty / "actions/ours/stable-homes.yaml").read_text() == textwrap.dedent("""\
        # Imported by cpstrategy from plan.csv: priority 'Stable homes', rows 2 to 5.
        strategy: ours
        priority: stable-homes
        actions:
          - id: SH-01
            activity: Match children with carers
            lead: [Fostering, Social work, Panel]
            timescale: March 2018
            measures:
              - Fewer moves
              - More matches at panel

          - id: SH-02
            activity: Review every placement
            lead: [Fostering, Social work]
            timescale: Quarterly
        """)
    assert (
        (empty / "actions/ours/healthy-lives.yaml")
        .read_text()
        .endswith(
            "  - id: HL-01\n    activity: Arrange annual health checks\n    lead: [CLA health]\n"
            "    timescale: Ongoing\n    measures:\n      - Health checks done\n"
        )
    )
    assert cli("--data", empty, "validate").exit_code == 0


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Our\aplan", "the text holds U+0007, a control character"),
        ("Our pl\udce9n", "is not valid text (check the terminal's encoding)"),
        ("  ", "must not be empty"),
    ],
)
def test_a_title_that_cannot_be_written_is_refused_as_update_refuses_a_note(
    cli, empty, tmp_path, title, message
):
    table = write_table(tmp_path, "plan.csv", "Action,Deadline,Priority\nMatch,March 2018,Homes\n")
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", title,
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 2
    assert "Invalid value for '--title'" in result.stderr and message in result.stderr
    assert "internal error" not in result.stderr
    assert not empty.exists() or not any(empty.rglob("*.yaml"))


def test_a_bare_cr_splits_leads_and_a_row_going_on_with_a_bullet_starts_a_new_measure(
    cli, empty, tmp_path
):
    table = tmp_path / "plan.csv"
    table.write_bytes(
        b"Priority,Activity,Lead,Timescale,Success measure\r"  # an old Mac's line ends
        b'Homes,Match children,"Fostering\rHealth",March 2018,\xe2\x80\xa2 Fewer moves\r'
        b",,,,\xe2\x80\xa2 80% of PEPs good\r"  # the row above, after a page break
        b",,,,and fewer again\r"
    )
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01", "--end", "2019-12-31")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "    lead: [Fostering, Health]\n" in (empty / "actions/ours/homes.yaml").read_text()
    assert (
        "      - Fewer moves\n      - text: 80% of PEPs good and fewer again\n"
        '        target: 80\n        unit: "%"\n'
    ) in (empty / "actions/ours/homes.yaml").read_text()


def test_a_plan_without_a_lead_column_imports_with_warnings_for_the_gaps(cli, empty, tmp_path):
    table = write_table(tmp_path, "plan.tsv", """
        PRIORITY 1 - HEALTH
        Theme\tActivity\tTimescale\tSuccess measure
        Checks\tAnnual health checks\t2018/19\t90% of children have an annual health check
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "1 data-quality warning; run cpstrategy validate\n"
    text = (empty / "actions/ours/health.yaml").read_text()
    assert text.endswith(
        "  - id: H-01\n    theme: checks\n    activity: Annual health checks\n"
        "    timescale: 2018/19\n    measures:\n"
        "      - text: 90% of children have an annual health check\n        target: 90\n"
        '        unit: "%"\n'
    )


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Priority\tAction Owner\tAction\tDate of action",
         "Health\tFostering\tDo the health checks\tMarch 2018"),
        ("Priority\tAction\tAction Owner\tAction due date",
         "Health\tDo the health checks\tFostering\tMarch 2018"),
        ("Priority\tKey actions to be taken\tWho is responsible for the action\tDeadline for action",
         "Health\tDo the health checks\tFostering\tMarch 2018"),
        ("Theme/Priority\tActions and outcomes\tLead (by whom)\tTimescale (when)\tProgress to date",
         "Health\tDo the health checks\tFostering\tMarch 2018\tStarted"),
        ("Priority\tAction / outcome\tLead officer/service\tTarget date for completion",
         "Health\tDo the health checks\tFostering\tMarch 2018"),
        ("Priority\tAction\tLead\tTimeframe",
         "Health\tDo the health checks\tFostering\tMarch 2018"),
        ("Priority\tAction\tLead\tStart date\tEnd date",  # due by the end date
         "Health\tDo the health checks\tFostering\tApril 2017\tMarch 2018"),
        ("Priority\tAction\tLead\tStart date\tReview date\tEnd date",
         "Health\tDo the health checks\tFostering\tApril 2017\tMay 2017\tMarch 2018"),
        ("Priority\tAction\tLead\tEnd date\tReview date",
         "Health\tDo the health checks\tFostering\tMarch 2018\tMay 2017"),
        ("Priority\tAction\tLead\tTimescale\tExpected outcome",  # a measure, not a priority
         "Health\tDo the health checks\tFostering\tMarch 2018\tMore checks on time"),
    ],
)  # fmt: skip
def test_a_column_is_named_by_its_head_noun_not_by_a_word_that_qualifies_it(
    cli, empty, tmp_path, header, row
):
    table = write_table(tmp_path, "plan.tsv", f"{header}\n{row}\n")
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [action] = actions_of(empty, "ours")["health"]
    assert (action["activity"], action["lead"], action["timescale"]) == (
        "Do the health checks",
        ["Fostering"],
        "March 2018",
    )
    if "Expected outcome" in header:
        assert action["measures"] == ["More checks on time"]
    if "Review date\tEnd date" in header:  # one chosen, and each other named once
        assert [line for line in result.stderr.splitlines() if "not imported" in line] == [
            f"{table}:1: warning: column 4 ('Start date') is not imported: column 6 ('End date') "
            "is the timescale",
            f"{table}:1: warning: column 5 ('Review date') is not imported: column 6 ('End date') "
            "is the timescale",
        ]
    if header.endswith("Start date\tEnd date"):
        assert "column 4 ('Start date') is not imported: column 5 ('End date') is the " \
               "timescale" in result.stderr  # fmt: skip


def test_a_compound_measure_header_is_still_the_measure_column(cli, empty, tmp_path):
    table = write_table(tmp_path, "plan.tsv", """
        Priority\tActivity\tLead service\tTimescale\tSuccess measures / outcomes
        Health\tDo the health checks\tFostering\tMarch 2018\tMore checks on time
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "not imported" not in result.stderr
    [action] = actions_of(empty, "ours")["health"]
    assert action["measures"] == ["More checks on time"]


def test_an_existing_strategy_keeps_its_file_and_lends_its_ids(cli, data, tmp_path):
    folder = data()
    strategy = folder / "strategies/demo.yaml"
    before = strategy.read_bytes()
    table = write_table(tmp_path, "plan.tsv", """
        PRIORITY ONE: STABLE HOMES
        Priority\tActivity\tLead
        Match children with carers.\tMatch at panel\tFostering
        \tVisit often\tSocial work
        A theme the strategy lacks\tSomething new\tFostering
        """)  # fmt: skip
    result = cli("--data", folder, "import", table, "--strategy", "demo")
    assert result.exit_code == 0, result.stderr
    assert f"{table}:5: warning: theme 'A theme the strategy lacks' is not in priority 'homes' " \
        "of strategy 'demo'; its actions are imported without a theme" in result.stderr  # fmt: skip
    assert strategy.read_bytes() == before
    text = (folder / "actions/demo/homes.yaml").read_text()
    assert "priority: homes\n" in text
    assert "  - id: SH-01\n    theme: matching\n" in text
    assert "  - id: SH-03\n    activity: Something new\n" in text


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "PRIORITY ONE: HOMES\nPriority\tActivity\tLead\n\tMatch\tFostering\n"
            "PRIORITY TWO: SCHOOLS\nPriority\tActivity\tLead\n\tAttend\tVirtual School\n",
            "plan.tsv:4: error: cannot place the rows under priority 'Schools': strategy 'demo' "
            "has no such priority; add it to the strategy file first",
        ),
        (
            "Some heading\nNothing that names columns\n",
            "plan.tsv:1: error: no header row found; the table needs a header row naming its "
            "columns, such as Priority, Activity, Lead service, Timescale, Success measure",
        ),
        (  # a header with no Activity column: one message, not one for every row under it
            "Foo\tBar\nx\ty\nz\tw\n",
            "plan.tsv:1: error: no header row found; the table needs a header row naming its "
            "columns, such as Priority, Activity, Lead service, Timescale, Success measure",
        ),
        (
            "Priority\tActivity\tLead\n\t\tFostering\n",
            "plan.tsv:2: error: cannot place this row: it has no activity and there is no action "
            "above it to continue",
        ),
        (
            "Activity\tLead\nMatch\tFostering\n",
            "plan.tsv:2: error: cannot place this row: no priority above it; add a section row "
            "such as 'PRIORITY ONE: TITLE' above it, or a Priority column",
        ),
        (
            "\n\nPRIORITY ONE: HOMES\nPriority\tActivity\tLead\n",
            "plan.tsv:1: error: the table holds no actions",
        ),
        (  # a control character (here from a bad change of encoding) no report can show
            "Priority\tActivity\nHomes\tMatch\n\tReview\u0096plans\n",
            "plan.tsv:3: error: in the activity column, the text holds U+0096, a control "
            "character that no report can show; remove it",
        ),
        # A quote mark that opens a cell but does not close it, as text pasted from Word has:
        # read as a quoted cell, it would swallow the rows below it without a word.
        *(
            (table, f"plan.tsv:3: error: cannot read the table: {QUOTE_RUNS_ON}; {QUOTE_HINT}")
            for table in (
                'Priority\tActivity\nHomes\tMatch\n\t"Staying Put\u201d reviewed\n'
                '\tSecond\n\t"Third" row\n',
                'Priority\tActivity\nHomes\tMatch\n\t"Staying Put\u201d reviewed\n\tSecond"\tx\n',
                'Priority\tActivity\nHomes\tMatch\n\t"Staying Put" policy\n',
                'Priority\tActivity\nHomes\tMatch\n\t"Never closed\n\tSecond\n',
            )
        ),
    ],
)
def test_rows_that_cannot_be_placed_are_named_and_nothing_is_written(cli, data, tmp_path, table,
                                                                     message):  # fmt: skip
    folder = data()
    before = snapshot(folder)
    path = tmp_path / "plan.tsv"
    path.write_text(table)
    result = cli("--data", folder, "import", path, "--strategy", "demo")
    assert result.exit_code == 1
    assert f"{tmp_path}/{message}" in result.stderr.splitlines(), result.stderr
    assert result.stderr.count(": error: ") == 1, result.stderr
    assert "nothing written" in result.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "new"], "strategy 'new' does not exist yet: give --title and --start"),
        (["--strategy", "new plan"], "may hold only letters A-Z, digits"),
        (["--strategy", "n", "--title", "T", "--start", "2020-02-30"], "is not a date"),
        (
            ["--strategy", "n", "--title", "T", "--start", "2020-02-01", "--end", "2019-01-01"],
            "2019-01-01 is before --start 2020-02-01",
        ),
        ([], "Missing option '--strategy'"),
    ],
)
def test_import_usage_errors_exit_2(cli, data, tmp_path, args, message):
    folder = data()
    path = tmp_path / "plan.tsv"
    path.write_text("Priority\tActivity\nHomes\tMatch\n")
    result = cli("--data", folder, "import", path, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_table_exits_1(cli, data, tmp_path):
    result = cli("--data", data(), "import", tmp_path / "nope.tsv", "--strategy", "demo")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cpstrategy: error: cannot read '{tmp_path / 'nope.tsv'}': No such file or directory\n"
    )


# -- header rows, columns and encodings --------------------------------------------------------


def test_data_rows_with_header_words_are_actions_and_only_real_headers_are_skipped(
    cli, empty, tmp_path
):
    # Each data row has an "activity" word and another header word ("Lead", "Date", "Outcomes"):
    # only a row that looks like the header, with a short Activity cell, is one.
    table = write_table(tmp_path, "plan.tsv", """
        PRIORITY ONE: HEALTH
        Priority\tActivity\tLead service\tTimescale\tSuccess measure
        Checks\tReview health action plans\tLead nurse for CLA\tMarch 2018\tPlans reviewed
        \tSet up a task group\tLead officer\tDate to be agreed\tOutcomes report
        Priority\tKey actions to be taken\tLead service\tTimescale\tSuccess measure
        \tWhat we will do next\tVirtual School\tMay 2018\tOutcomes improve
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (empty / "actions/ours/health.yaml").read_text() == textwrap.dedent("""\
        # Imported by cpstrategy from plan.tsv: priority 'Health', rows 3 to 6.
        strategy: ours
        priority: health
        actions:
          - id: H-01
            theme: checks
            activity: Review health action plans
            lead: [Lead nurse for CLA]
            timescale: March 2018
            measures:
              - Plans reviewed

          - id: H-02
            theme: checks
            activity: Set up a task group
            lead: [Lead officer]
            timescale: Date to be agreed
            due: []  # the timescale above was not understood: set the dates
            measures:
              - Outcomes report

          - id: H-03
            theme: checks
            activity: What we will do next
            lead: [Virtual School]
            timescale: May 2018
            measures:
              - Outcomes improve
        """)


def test_columns_it_does_not_import_are_named_in_a_warning_once(cli, empty, tmp_path):
    # More columns it does not import than columns it does: still the header, and repeated.
    table = write_table(tmp_path, "plan.tsv", """
        PRIORITY ONE: HEALTH
        Ref\tPriority\tActivity\tLead\tProgress update\tRAG\tComments
        1\tChecks\tAnnual health checks\tCLA health\tOn course\tGreen\tSee minutes
        Ref\tPriority\tActivity\tLead\tProgress update\tRAG\tComments
        2\t\tDental checks\tCLA health\t\tAmber\t
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{table}:2: warning: columns not imported: 'Ref' (column 1), 'Progress update' "
        "(column 5), 'RAG' (column 6), 'Comments' (column 7)",
        "4 data-quality warnings; run cpstrategy validate",
    ]
    assert [a["activity"] for a in actions_of(empty, "ours")["health"]] == [
        "Annual health checks",
        "Dental checks",
    ]


ENCODED = (
    "PRIORITY ONE: HEALTH\r\nPriority\tActivity\tLead\r\nChecks\tHealth checks – yearly\tCLA\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "warned"),
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("cp1252", True)],
)
def test_utf8_utf16_with_bom_and_windows_1252_tables_are_read_whole(
    cli, empty, tmp_path, encoding, warned
):
    table = tmp_path / "plan.tsv"
    table.write_bytes(ENCODED.encode(encoding))  # "utf-16" writes Excel's BOM
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        "    activity: Health checks – yearly\n" in (empty / "actions/ours/health.yaml").read_text()
    )
    warning = (
        f"{table}: warning: the table is not UTF-8; read it as Windows-1252 (Excel's CSV): check "
        "accented letters, dashes and quotes in the files written"
    )
    assert (warning in result.stderr.splitlines()) is warned


def test_a_utf8_table_with_a_stray_windows_byte_is_refused_not_misread(cli, empty, tmp_path):
    table = tmp_path / "plan.tsv"
    table.write_bytes(
        "\n\nPRIORITY ONE: HEALTH\nPriority\tActivity\tLead\nChecks\tHealth checks – yearly\tCLA\n"
        .encode() + b"\tDental checks \x96 twice\tCLA\n"
    )  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{table}:4: error: byte 0x96 is not UTF-8, but the rest of the table is UTF-8; fix that "
        "character, or save the whole table again as UTF-8 (in Excel: CSV UTF-8)",
        f"1 error in {table}; nothing written",
    ]
    assert snapshot(empty) == {}


def test_import_makes_a_data_folder_that_does_not_exist_yet(cli, tmp_path):
    table = write_table(tmp_path, "plan.tsv", "Priority\tActivity\tLead\nHealth\tChecks\tCLA\n")
    folder = tmp_path / "new" / "data"
    result = cli("--data", folder, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(snapshot(folder)) == ["actions/ours/health.yaml", "strategies/ours.yaml"]
    assert cli("--data", folder, "validate").exit_code == 0


# -- importing again --------------------------------------------------------------------------

AGAIN = """
    PRIORITY ONE: HEALTH
    Priority\tActivity\tLead\tTimescale
    Checks\tAnnual health checks\tCLA health\tOngoing
    \tDental checks\tCLA health\tOngoing
    """


def test_importing_again_after_files_were_renamed_refuses_the_ids_it_would_copy(
    cli, empty, tmp_path
):
    table = write_table(tmp_path, "plan.tsv", AGAIN)
    first = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                "--start", "2018-01-01")  # fmt: skip
    assert first.exit_code == 0, first.stderr
    renamed = empty / "actions/ours/01-health.yaml"
    (empty / "actions/ours/health.yaml").rename(renamed)
    before = snapshot(empty)
    for force in ([], ["--force"]):
        again = cli("--data", empty, "import", table, "--strategy", "ours", *force)
        assert again.exit_code == 1
        hint = (
            "was the table imported before, into a file renamed since? import writes whole "
            "files: make the change in that file by hand"
        )
        assert again.stderr.splitlines() == [
            f"{table}:3: error: id 'H-01' exists already, at {renamed}:5; {hint}",
            f"{table}:4: error: id 'H-02' exists already, at {renamed}:11; {hint}",
            f"2 errors in {table}; nothing written",
        ]
        assert snapshot(empty) == before


def test_import_force_will_not_replace_a_file_that_holds_progress(cli, empty, tmp_path):
    table = write_table(tmp_path, "plan.tsv", AGAIN)
    cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
        "--start", "2018-01-01")  # fmt: skip
    assert cli("--data", empty, "update", "H-02", "--status", "on-track",
               "--date", "2018-02-01").exit_code == 0  # fmt: skip
    path = empty / "actions/ours/health.yaml"
    before = snapshot(empty)
    same = cli("--data", empty, "import", table, "--strategy", "ours", "--force")
    assert same.exit_code == 1
    assert same.stderr.splitlines() == [
        f"{path}:16: error: the import would replace this file, which holds progress on H-02; "
        "import writes whole files: make the change in this file by hand",
        f"1 error in {table}; nothing written",
    ]
    assert snapshot(empty) == before


def test_a_priority_with_a_very_long_title_gets_a_short_id(cli, empty, tmp_path):
    title = "Interdepartmentalisation Counterrevolutionaries Internationalisation Electroencephalography"
    table = write_table(tmp_path, "plan.tsv", f"Priority\tActivity\tLead\n{title}\tChecks\tCLA\n")
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2018-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = (empty / "strategies/ours.yaml").read_text()
    assert "  - id: interdepartmentalisation-counterrevoluti\n" in written


def fail_rename(monkeypatch, folder: Path, failing: int) -> list[str]:
    """Make the `failing`-th rename of a file into `folder` fail (a full disk, say), after the
    ones before it are in place; the renames made, by target, are listed as they happen."""
    from cpstrategy import staging

    real_replace = staging.os.replace
    calls: list[str] = []

    def replace_then_fail(source, target):
        if not Path(target).is_relative_to(folder):  # the cache, say: not the import's
            return real_replace(source, target)
        calls.append(target)
        if len(calls) == failing:
            raise OSError(28, "No space left on device", str(source), None, str(target))
        real_replace(source, target)
        assert Path(target).exists()  # in place, and to be taken back

    monkeypatch.setattr(staging.os, "replace", replace_then_fail)
    return calls


def test_a_failure_in_the_middle_of_an_import_leaves_every_file_as_it_was(
    cli, data, tmp_path, monkeypatch
):
    # A new strategy and its action files: the second file's rename fails after the first is in
    # place. The first is taken back; no temporary file stays.
    folder = data()
    before = snapshot(folder)
    table = tmp_path / "plan.tsv"
    table.write_text(
        "PRIORITY ONE: HOMES\nPriority\tActivity\tLead\n\tMatch\tFostering\n"
        "PRIORITY TWO: SCHOOLS\nPriority\tActivity\tLead\n\tAttend\tVirtual School\n"
    )
    calls = fail_rename(monkeypatch, folder, failing=2)
    result = cli("--data", folder, "import", table, "--strategy", "new", "--title", "New",
                 "--start", "2024-04-01")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert len(calls) >= 2
    assert f"cannot write '{calls[1]}': No space left on device" in result.stderr
    assert snapshot(folder) == before  # byte for byte, and nothing added
    assert not (folder / "actions/new").exists()  # nor the folder made for the new strategy


def test_a_failure_in_the_middle_of_an_import_over_files_leaves_each_as_it_was(
    cli, empty, tmp_path, monkeypatch
):
    # --force over an earlier import: the files replaced before the failing one are put back.
    table = tmp_path / "plan.tsv"
    table.write_text(plan_table(), encoding="utf-8")
    assert cli("--data", empty, "import", table, *new_strategy()).exit_code == 0
    table.write_text(plan_table().replace("Ensure", "Make sure"), encoding="utf-8")
    before = snapshot(empty)
    calls = fail_rename(monkeypatch, empty, failing=3)
    result = cli("--data", empty, "import", table, *new_strategy("--force"))
    assert result.exit_code == 1, result.stderr
    assert len(calls) >= 3 and f"cannot write '{calls[2]}': No space left" in result.stderr
    assert snapshot(empty) == before


def test_a_row_with_only_its_first_cell_heads_the_rows_below_and_sections_need_no_colon(
    cli, empty, tmp_path
):
    table = write_table(tmp_path, "plan.tsv", """
        Priority 1 Good parenting\t\t\t
        Theme\tActivity\tLead service\tTimescale
        Homes\tAct one\tX\tApril 2021
        \tAct two\tY\tMay 2021
        Health\t\t\t
        \tAct three\tZ\tJune 2021
        Priority 2 Good safe placements\t\t\t
        Safe homes\tAct four\tZ\tJune 2021
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2021-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    actions = actions_of(empty, "ours")
    assert {
        name: [(a["activity"], a["theme"]) for a in found] for name, found in actions.items()
    } == {
        "good-parenting": [("Act one", "homes"), ("Act two", "homes"), ("Act three", "health")],
        "good-safe-placements": [("Act four", "safe-homes")],
    }


def test_a_page_break_inside_a_first_cell_or_before_a_number_goes_on_the_row_above(
    cli, empty, tmp_path
):
    table = write_table(tmp_path, "plan.tsv", """
        Priority\tActivity\tLead\tTimescale\tMeasure
        Good parenting and\tMatch children with carers.\tFostering\tApril 2017\tStability above March
        stable homes\t\t\t\t2017. Fewer moves.
        \tReview panels.\tPanel\tMay 2017\tFewer moves
        """)  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [(name, actions)] = actions_of(empty, "ours").items()
    assert name == "good-parenting-stable-homes"  # "Good parenting and stable homes"
    assert [a["measures"] for a in actions] == [
        ["Stability above March 2017. Fewer moves."],
        ["Fewer moves"],
    ]


def test_a_tsv_with_quoted_cells_as_spreadsheets_write_them_is_read_whole(cli, empty, tmp_path):
    import csv

    table = tmp_path / "plan.tsv"
    with table.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, delimiter="\t").writerows([
            ["Priority", "Activity", "Lead", "Timescale", "Measure"],
            ["Homes", "Match\tchildren", "Fostering", "April 2017", 'He said "hi"'],
            ["", "Line one\nline two", "Panel", "May 2017", "Fewer moves"],
        ])  # fmt: skip
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [actions] = actions_of(empty, "ours").values()
    assert [(a["activity"], a["measures"]) for a in actions] == [
        ("Match children", ['He said "hi"']),
        ("Line one line two", ["Fewer moves"]),
    ]


def test_word_end_of_cell_marks_are_not_text(cli, empty, tmp_path):
    table = write_table(
        tmp_path,
        "plan.tsv",
        "PRIORITY ONE: HOMES\x07\t\x07\t\x07\nTheme\x07\tActivity\x07\tLead\x07\n\x07\t\x07\t\x07\n"
        "Homes\x07\tMatch\x07\tFostering\x07\n",
    )
    result = cli("--data", empty, "import", table, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [actions] = actions_of(empty, "ours").values()
    assert (actions[0]["activity"], actions[0]["lead"]) == ("Match", ["Fostering"])


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # a quoted cell holding a numbered list, as Excel writes it: not a cell that runs on
            'Priority\tActivity\tLead\tTimescale\tMeasure\nHomes\tDo it\tFostering\tApril 2017\t'
            '"1.\tFewer moves\n2.\tMore stability"\n',
            {"homes": [("Do it", ["Fostering"], ["Fewer moves", "More stability"])]},
        ),
        (  # the priority filled down every row, and a row going on after a page break
            "Priority\tActivity\tLead\tTimescale\tMeasure\nGood parenting\tDo A\tF\tApril 2017\tX\n"
            "Good parenting\t\t\t\tmore\nGood parenting\tDo B\tF\tMay 2017\tY\n",
            {"good-parenting": [("Do A", ["F"], ["X more"]), ("Do B", ["F"], ["Y"])]},
        ),
        (  # an outcome in first place groups the rows; the measure column stays the measure
            "PRIORITY ONE: HOMES\nExpected outcome\tAction\tLead\tTimescale\tSuccess measure\n"
            "Stable homes\tDo A\tFostering\tApril 2017\tFewer moves\n",
            {"homes": [("Do A", ["Fostering"], ["Fewer moves"])]},
        ),
        (  # Word's line break (\v), page break (\f) and bullets in a lead cell
            "Priority\tActivity\tLead\tTimescale\tMeasure\nHomes\tDo it\t• Fostering\v• Virtual "
            "School\fTeam\tApril 2017\tFewer moves\vMore stability\n",
            {"homes": [("Do it", ["Fostering", "Virtual School Team"],
                        ["Fewer moves", "More stability"])]},
        ),
    ],
)  # fmt: skip
def test_tables_as_word_and_excel_write_them(cli, empty, tmp_path, table, expected):
    found, _ = imported(cli, empty, tmp_path, table, "lead")
    assert found == expected


def test_a_heading_row_above_every_section_row_cannot_be_placed(cli, empty, tmp_path):
    path = write_table(tmp_path, "plan.tsv", "Theme\tActivity\tLead\nStable homes\t\t\n"
                       "PRIORITY ONE: HOMES\nStable homes\tDo A\tFostering\n")  # fmt: skip
    result = cli("--data", empty, "import", path, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:2: error: cannot place this row: no priority above it" in result.stderr


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # an outcome column after a reference column, before the activity: it groups the rows
            "Ref\tOutcome\tAction\tLead\tBy when\tSuccess measure\n"
            "1\tStable homes\tDo A\tFostering\tApril 2017\tFewer moves\n",
            {"stable-homes": [("Do A", ["Fostering"], ["Fewer moves"])]},
        ),
        (  # a quoted cell holding an indented list
            "Priority\tActivity\tLead\tTimescale\tMeasure\nHomes\tDo it\tFostering\tApril 2017\t"
            '"Measures:\n\t- Fewer moves\n\t- More stability"\n',
            {"homes": [("Do it", ["Fostering"], ["Measures:", "Fewer moves", "More stability"])]},
        ),
        (  # bullets with nothing after them, or no space, are not leads
            "Priority\tAction\tLead\tTimescale\nHomes\tDo A\t•\tApril 2017\n"
            "Homes\tDo B\t•Fostering\tApril 2017\n",
            {"homes": [("Do A", None, []), ("Do B", ["Fostering"], [])]},
        ),
        (  # a page break above the header
            "\f\nPriority\tActivity\tLead\nHomes\tDo A\tFostering\n",
            {"homes": [("Do A", ["Fostering"], [])]},
        ),
    ],
)  # fmt: skip
def test_more_tables_as_councils_paste_them(cli, empty, tmp_path, table, expected):
    test_tables_as_word_and_excel_write_them(cli, empty, tmp_path, table, expected)


@pytest.mark.parametrize(
    "table",
    [
        # a straight quote that runs on to another at the end of a cell, a row below
        'Priority\tActivity\tLead\nStable\t"Staying Put reviewed\tVS\nMatching\tReview"\tF\n',
        # a cell meant to hold tabs looks just the same, so it is refused too, with a hint
        'Priority\tActivity\tLead\tMeasure\nHomes\tDo A\tF\t"Target:\t90%\nBaseline:\t84%"\n',
        # a straight quote closed by a curly one, as Word writes them: it runs on past it
        'Priority\tActivity\tLead\tTimescale\nHomes\t"Staying Put\u201d for all\tLeaving care\t'
        'April 2021\nHomes\tPromote \u201cLocal Offer"\tFostering\tMay 2021\n',
    ],
)
def test_a_quoted_cell_with_tabs_over_lines_is_refused_not_read_as_one_cell(
    cli, empty, tmp_path, table
):
    path = write_table(tmp_path, "plan.tsv", table)
    result = cli("--data", empty, "import", path, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:2: error: cannot read the table: {QUOTE_RUNS_ON}; {QUOTE_HINT}" in (
        result.stderr.splitlines()
    )
    assert not any(empty.iterdir())


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # a title above the header, and a note under it that heads no rows
            "Action plan 2025\nPriority\tActivity\tLead\tTimescale\n"
            "Note: leads to be confirmed\t\t\t\nGood parenting\tDo A\tFostering\tApril 2026\n",
            [(1, "Action plan 2025"), (3, "Note: leads to be confirmed")],
        ),
        (  # a section with no rows under it yet
            "PRIORITY ONE: HOMES\nTheme\tActivity\tLead\tTimescale\n"
            "Stable homes\tDo A\tFostering\tApril 2026\nPRIORITY TWO: HEALTH\n",
            [(4, "Health")],
        ),
    ],
)  # fmt: skip
def test_a_heading_with_no_actions_below_it_is_named_not_dropped_without_a_word(
    cli, empty, tmp_path, table, expected
):
    path = write_table(tmp_path, "plan.tsv", table)
    result = cli("--data", empty, "import", path, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2025-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "heads no actions" in line] == [
        f"{path}:{row}: warning: '{title}' heads no actions; left out of the import"
        for row, title in expected
    ]
    assert sum(len(found) for found in actions_of(empty, "ours").values()) == 1


def imported(
    cli, empty, tmp_path, table: str, key: str = "theme"
) -> tuple[dict[str, list[tuple]], list[str]]:
    """Import `table`: {file: [(activity, its `key`, measures)]} and the warnings."""
    path = write_table(tmp_path, "plan.tsv", table)
    result = cli("--data", empty, "import", path, "--strategy", "ours", "--title", "Our plan",
                 "--start", "2017-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = {
        name: [(a["activity"], a.get(key), [m if isinstance(m, str) else m["text"]
                                             for m in a.get("measures", [])]) for a in actions]
        for name, actions in actions_of(empty, "ours").items()
    }  # fmt: skip
    warned = [line.removeprefix(f"{path}:") for line in result.stderr.splitlines()
              if ": warning: " in line]  # fmt: skip
    return found, warned


@pytest.mark.parametrize(
    ("table", "expected", "warned"),
    [
        (  # quoted cells holding lists with a tab after each mark do not run on
            'Priority\tActivity\tLead\tTimescale\tSuccess measure\nHomes\tDo B\tF\tMarch 2018\t'
            '"a)\tone\n  \u2022\ttwo\n1.1\tthree"\n',
            {"homes": [("Do B", None, ["a) one", "two", "1.1 three"])]},
            [],
        ),
        (  # an outcome column between the theme and the action: section rows still lead
            "PRIORITY ONE: GOOD PARENTING\nTheme\tOutcome\tAction\tLead\tTimescale\n"
            "Stable homes\tFeel settled\tDo A\tF\tApril 2017\n\tStay put\tDo B\tF\tMay 2017\n",
            {"good-parenting": [("Do A", "stable-homes", ["Feel settled"]),
                                ("Do B", "stable-homes", ["Stay put"])]},
            [],
        ),
        (  # a heading after a group of one action is a heading, said so; lower case reads on
            "Priority\tActivity\tLead\tTimescale\nGood parenting\tDo A\tF\tApril 2021\n"
            "High aspirations\t\t\t\n\tDo B\tZ\tJune 2021\nStable\tDo C\tF\tMay 2021\n"
            "homes\t\t\t\n",
            {"good-parenting": [("Do A", None, [])], "high-aspirations": [("Do B", None, [])],
             "stable-homes": [("Do C", None, [])]},
            ["3: warning: 'High aspirations' is read as a heading for the rows below; if it is "
             "the rest of 'Good parenting' (cut by a page break), join the two in the table"],
        ),
        (  # a first cell on a row that goes on the row above is named, not dropped; after a
            # group of one action, the row goes on after a page break, its first cell too
            "Priority\tActivity\tLead\tTimescale\tMeasure\nGood parenting\tDo A\tF\tApril 2017\tX\n"
            "\tDo B\tF\tMay 2017\tZ\nHigh aspirations\t\t\t\tY\nProvide Security In\tDo C\tF\t"
            "June 2017\tW\nPlacements\t\tand G\t\t\n",
            {"good-parenting": [("Do A", None, ["X"]), ("Do B", None, ["Z Y"])],
             "provide-security-placements": [("Do C", None, ["W"])]},
            ["4: warning: 'High aspirations' in the first column is not imported: the row has no "
             "activity, so it goes on the row above"],
        ),
        (  # a section row repeated after a page break goes on with its priority and theme
            "PRIORITY ONE: HOMES\nTheme\tActivity\tLead\nStable homes\tDo A\tF\n"
            "PRIORITY ONE: HOMES\nTheme\tActivity\tLead\n\tDo B\tF\n",
            {"homes": [("Do A", "stable-homes", []), ("Do B", "stable-homes", [])]},
            [],
        ),
        (  # a title in capitals above the table is not a section row; a note below is a note
            "CORPORATE PARENTING ACTION PLAN\nPriority\tActivity\tLead\nHomes\tDo A\tF\n"
            "Health\tDo B\tF\nNote: reviewed quarterly\t\t\n",
            {"homes": [("Do A", None, [])], "health": [("Do B", None, [])]},
            ["1: warning: 'Corporate parenting action plan' heads no actions; left out of the "
             "import", "5: warning: 'Note: reviewed quarterly' heads no actions; left out of "
             "the import"],
        ),
        (  # a theme under a section with no actions is named with it
            "PRIORITY ONE: HOMES\nTheme\tActivity\tLead\nStable homes\tDo A\tF\n"
            "PRIORITY TWO: HEALTH\nBetter health\t\t\n",
            {"homes": [("Do A", "stable-homes", [])]},
            ["4: warning: 'Health' heads no actions; left out of the import",
             "5: warning: 'Better health' heads no actions; left out of the import"],
        ),
        (  # a plain Lead column is the lead, not a "Led by" beside it; "Action by" may mean
            # by when, so it is not a lead
            "Priority\tAction\tLed by\tLead\tAction by\nHomes\tDo A\tX\tFostering\tMarch 2018\n",
            {"homes": [("Do A", None, [])]},
            ["1: warning: column 5 ('Action by') is not imported: column 2 ('Action') is the "
             "activity",
             "1: warning: column 3 ('Led by') is not imported: column 4 ('Lead') is the lead"],
        ),
        (  # a first cell filled down on a row of its own adds nothing; the row after goes on
            "Theme\tActivity\tLead\nPRIORITY ONE: HOMES\nStable\tDo A\tFostering\nStable\t\t\n"
            "\t\tand Adoption\n",
            {"homes": [("Do A", "stable", [])]},
            [],
        ),
        (  # a heading that may be the rest of the title above is said so, met again too
            "Theme\tActivity\tLead\nPRIORITY ONE: HOMES\nHealth\tDo A\tF\n\tDo B\tF\n"
            "Stable homes\tDo C\tF\nHealth\t\t\n\tDo D\tN\n",
            {"homes": [("Do A", "health", []), ("Do B", "health", []),
                       ("Do C", "stable-homes", []), ("Do D", "health", [])]},
            ["6: warning: 'Health' is read as a heading for the rows below; if it is the rest of "
             "'Stable homes' (cut by a page break), join the two in the table"],
        ),
        (  # "Delivered by ..." in a lead cell is a lead, not a header
            "Priority\tActivity\tLead\tTimescale\tSuccess measure\nHomes\tMatch\tF\tApril 2017\tX\n"
            "\tActivity days\tDelivered by MADE\tMarch 2018\t\n\tReview\tIRO\tMay 2018\tY\n",
            {"homes": [("Match", None, ["X"]), ("Activity days", None, []),
                       ("Review", None, ["Y"])]},
            [],
        ),
        (  # a numbered section row is a section row, whatever words it holds
            "PRIORITY ONE: THE COUNCIL AS A GOOD PARENT\nTheme\tActivity\tLead\nStable\tDo A\tF\n",
            {"council-good-parent": [("Do A", "stable", [])]},
            [],
        ),
        (  # rows that leave out their empty cells at the end are rows of their own
            "Activity\tLed by\tSuccess measure\nPRIORITY ONE: HOMES\nMatch children\tSocial care\n"
            "Recruit carers\tFostering\nReview placements\tIRO\tFewer moves\n",
            {"homes": [("Match children", None, []), ("Recruit carers", None, []),
                       ("Review placements", None, ["Fewer moves"])]},
            [],
        ),
        (  # a title cut by a page break reads on when it goes on with a joining word, but a
            # heading after a title ending "Moving On" is a heading
            "Priority\tActivity\tLead\nChildren Looked After\tDo A\tF\nAnd Care Leavers\t\tG\n"
            "Moving On\tDo B\tH\nHealth\t\t\n\tDo C\tN\nThe voice of the child\t\t\n\tDo D\tP\n",
            {"children-looked-after-care": [("Do A", None, [])],  # "... And Care Leavers"
             "moving": [("Do B", None, [])], "health": [("Do C", None, [])],
             "voice-child": [("Do D", None, [])]},
            ["5: warning: 'Health' is read as a heading for the rows below; if it is the rest of "
             "'Moving On' (cut by a page break), join the two in the table"],
        ),
        (  # a section row repeated after a page break that split a row: the row goes on
            "Theme\tActivity\tLead\tTimescale\nPRIORITY ONE: HOMES\nStable\tDo A\tF\tApril 2017\n"
            "\tDo B\tIRO\t\nPRIORITY ONE: HOMES\n\t\tand Fostering\tMarch 2018\n",
            {"homes": [("Do A", "stable", []), ("Do B", "stable", [])]},
            [],
        ),
    ],
)  # fmt: skip
def test_tables_with_headings_notes_and_broken_rows(cli, empty, tmp_path, table, expected, warned):
    found, warnings = imported(cli, empty, tmp_path, table)
    assert found == expected
    assert [w for w in warnings if "data-quality" not in w] == warned
