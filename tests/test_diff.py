"""`diff`: what a change to the YAML means for the plan, read from real git repositories made in
tmp_path (commits of real YAML), or from two data folders.

Regenerate the golden files after a deliberate change, then review the diff by eye:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diff.py
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from datetime import date
from pathlib import Path

import pytest
from conftest import write
from markdown_it import MarkdownIt

from cpstrategy.diffing import WordOp, compare, word_diff
from cpstrategy.loading import load

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
AS_OF = "2022-10-01"

STRATEGY = """
id: demo
title: Demo Strategy
period: {start: 2022-01-01, end: 2024-03-30}
priorities:
  - id: homes
    title: Stable homes
    themes:
      - id: matching
        title: Match children with carers
      - id: respite
        title: Short breaks for carers
  - id: health
    title: Healthy lives
"""
HOMES = """
strategy: demo
priority: homes
actions:
  - id: HOM-01
    activity: Open a two-bed emergency home.
    lead: [Residential Services]
    timescale: End of June 2022
    progress:
      - {date: 2022-04-04, status: on-track}
  - id: HOM-02
    theme: matching
    activity: Approve twelve new foster carers.
    lead: [Fostering Service]
    timescale: By January 2023
    progress:
      - {date: 2022-05-01, status: on-track, note: Six approved.}
"""
HEALTH = """
strategy: demo
priority: health
actions:
  - id: ALT-01
    activity: Publish the annual health report.
    lead: [Health Team]
    timescale: March 2022, 2023, 2024
    measures:
      - text: Annual health assessments on time
        target: 90
        unit: "%"
        actuals:
          - {date: 2022-03-31, value: 84}
    progress:
      - {date: 2022-03-22, status: complete}
"""
BASE = {
    "data/strategies/demo.yaml": STRATEGY,
    "data/actions/demo/homes.yaml": HOMES,
    "data/actions/demo/health.yaml": HEALTH,
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    write(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A strategy repository with one commit of the demo plan; the working directory."""
    folder = tmp_path / "plan"
    folder.mkdir()
    # Never find a repository above tmp_path, whatever machine the tests run on.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Test Officer")
    git(folder, "config", "user.email", "officer@example.org")
    git(folder, "config", "commit.gpgsign", "false")
    commit(folder, BASE, "The demo plan")
    monkeypatch.chdir(folder)
    return folder


def edit(repo: Path, name: str, old: str, new: str) -> None:
    """Replace one piece of text in a file of the working tree (it must be there once)."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff(cli, *args: str):
    return cli("--as-of", AS_OF, "diff", *args)


# -- no change ------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_an_unknown_revision_not_a_crash(cli, repo):
    given = "\udce9t\udce9"  # the bytes b"\xe9t\xe9" of a Latin-1 command line, as Python has them
    result = diff(cli, given)
    assert result.exit_code in (1, 2), result.stderr
    assert "internal error" not in result.stderr
    assert "unknown revision" in result.stderr or "no folder" in result.stderr, result.stderr


def test_a_repository_whose_path_is_not_utf8_is_found(cli, repo, tmp_path, monkeypatch):
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/donn\xe9es"))  # Latin-1 bytes, as written
    try:
        odd.mkdir()
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    subprocess.run(["git", "clone", "-q", str(repo), str(odd / "plan")], check=True)
    monkeypatch.chdir(odd / "plan")
    result = diff(cli, "HEAD")
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr and "not inside" not in result.stderr


def test_no_change_says_so_and_exits_0_even_with_exit_code(cli, repo):
    result = diff(cli, "--exit-code")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No change to the plan: HEAD → working tree.\n",
        "2 data-quality warnings; run cpstrategy validate\n",  # of the new side, as elsewhere
    )
    assert diff(cli, "--format", "md").stdout == (
        "## Plan changes: HEAD → working tree\n\nNo change to the plan.\n"
    )
    assert json.loads(diff(cli, "--format", "json").stdout)["changed"] is False


def test_comments_key_order_and_entry_order_are_no_change_to_the_plan(cli, repo):
    write(
        repo,
        {
            "data/actions/demo/homes.yaml": """
            # Reviewed at the June board.
            priority: homes
            strategy: demo
            actions:
              - id: HOM-01
                activity: Open a two-bed emergency home.
                timescale: End of June 2022
                lead: Residential Services   # one lead may be written without a list
                progress:
                  - {date: 2022-04-04, status: on-track}
              - id: HOM-02
                theme: matching
                activity: Approve twelve new foster carers.
                lead: [Fostering Service]
                timescale: By January 2023
                progress:
                  - {status: on-track, date: 2022-05-01, note: Six approved.}
            """
        },
    )
    result = diff(cli, "--exit-code")
    assert (result.exit_code, result.stdout) == (0, "No change to the plan: HEAD → working tree.\n")


# -- each kind of change --------------------------------------------------------------------


def test_reworded_activity_is_shown_word_by_word(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "Open a two-bed", "Open a three-bed")
    result = diff(cli)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "Strategy demo: Demo Strategy\n"
        "  Priority homes: Stable homes\n"
        "    ~ HOM-01: Open a three-bed emergency home.\n"
        "        activity: Open a [-two-bed-]{+three-bed+} emergency home.\n"
    )
    assert "Status changes" not in result.stdout  # rewording changes no status


def test_word_diff_keeps_unchanged_runs_and_tells_punctuation_from_words():
    old, new = "Open a two-bed emergency home.", "Open a  three-bed\nhome in the borough."
    words = word_diff(old, new)
    assert words == (
        WordOp("equal", "Open a"),
        WordOp("delete", " two-bed emergency"),
        WordOp("insert", " three-bed"),
        WordOp("equal", " home"),
        WordOp("insert", " in the borough"),
        WordOp("equal", "."),
    )
    # The kept and deleted runs give the old text, the kept and inserted ones the new.
    assert "".join(w.text for w in words if w.op != "insert") == old
    assert "".join(w.text for w in words if w.op != "delete") == " ".join(new.split())


def test_moved_timescale_shows_the_due_date_shift_in_days_and_the_status_it_changes(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "End of June 2022", "March 2023")
    result = diff(cli)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == textwrap.dedent(
        """\
        Plan changes: HEAD → working tree, as of 1 Oct 2022; counts for: demo

                       before  after
          Overdue           1      0
          Off track         0      0
          At risk           0      0
          Complete          0      0
          Late items        0      0

        Status changes as of 1 Oct 2022:
          HOM-01  Overdue → On track

        Strategy demo: Demo Strategy
            counts: overdue 1 → 0, on track 2 → 3
          Priority homes: Stable homes
            ~ HOM-01: Open a two-bed emergency home.
                timescale: End of June 2022 → March 2023
                due 30 Jun 2022 → 31 Mar 2023, 274 days later
                status: Overdue → On track
        """
    )


def test_an_earlier_due_date_says_how_many_days_earlier(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "By January 2023", "31 December 2022")
    assert "        due 31 Jan 2023 → 31 Dec 2022, 31 days earlier\n" in diff(cli).stdout


def test_edited_progress_entry_is_flagged_at_the_top_and_at_the_action(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "note: Six approved.", "note: Seven approved.")
    out = diff(cli).stdout
    assert out.splitlines()[9:12] == [
        "!! The progress log is append-only, but this change rewrites it:",
        '!!   HOM-02: progress of 1 May 2022 EDITED: note "Six approved." → "Seven approved."',
        "",
    ]
    assert out.endswith(
        "    ~ HOM-02: Approve twelve new foster carers.\n"
        '!!      progress of 1 May 2022 EDITED: note "Six approved." → "Seven approved."\n'
    )
    report = json.loads(diff(cli, "--format", "json").stdout)
    assert report["log_rewritten"] == [
        {
            "id": "HOM-02",
            "entry": "progress",
            "change": "edited",
            "date": "2022-05-01",
            "old": {"date": "2022-05-01", "status": "on-track", "note": "Six approved."},
            "new": {"date": "2022-05-01", "status": "on-track", "note": "Seven approved."},
        }
    ]


def test_removed_progress_entry_is_flagged(cli, repo):
    edit(
        repo,
        "data/actions/demo/homes.yaml",
        "    progress:\n      - {date: 2022-04-04, status: on-track}\n",
        "    progress: []\n",
    )
    out = diff(cli).stdout
    assert "!!   HOM-01: progress of 4 Apr 2022 REMOVED (was 4 Apr 2022 on-track)\n" in out
    assert "!!      progress of 4 Apr 2022 REMOVED (was 4 Apr 2022 on-track)\n" in out


def test_a_new_completion_turns_overdue_into_complete_and_the_counts_follow(cli, repo):
    edit(
        repo,
        "data/actions/demo/homes.yaml",
        "      - {date: 2022-04-04, status: on-track}\n",
        "      - {date: 2022-04-04, status: on-track}\n"
        "      - {date: 2022-09-20, status: complete, note: Opened., by: Residential Services}\n",
    )
    result = diff(cli, "--exit-code")
    assert result.exit_code == 1  # the plan changed
    assert result.stdout == textwrap.dedent(
        """\
        Plan changes: HEAD → working tree, as of 1 Oct 2022; counts for: demo

                       before  after
          Overdue           1      0
          Off track         0      0
          At risk           0      0
          Complete          0      1
          Late items        0      0

        Status changes as of 1 Oct 2022:
          HOM-01  Overdue → Complete

        Strategy demo: Demo Strategy
            counts: complete 0 → 1, overdue 1 → 0
          Priority homes: Stable homes
            ~ HOM-01: Open a two-bed emergency home.
                progress added: 20 Sep 2022 complete: "Opened." (Residential Services)
                status: Overdue → Complete
        """
    )


def test_indicator_actual_added_is_listed_and_an_edited_one_flagged(cli, repo):
    edit(
        repo,
        "data/actions/demo/health.yaml",
        "          - {date: 2022-03-31, value: 84}\n",
        "          - {date: 2022-03-31, value: 85}\n          - {date: 2022-09-30, value: 88}\n",
    )
    out = diff(cli).stdout
    assert out.endswith(
        "  Priority health: Healthy lives\n"
        "    ~ ALT-01: Publish the annual health report.\n"
        '!!      actual of "Annual health assessments on time" of 31 Mar 2022 EDITED: value 84 → 85\n'
        '        actual of "Annual health assessments on time" added: 30 Sep 2022: 88\n'
    )
    assert (
        '!!   ALT-01: actual of "Annual health assessments on time" of 31 Mar 2022 EDITED: '
        "value 84 → 85\n" in out
    )


def test_actions_priorities_themes_items_and_boards_added_removed_and_changed(cli, every_kind):
    report = json.loads(diff(cli, "HEAD~1", "HEAD", "--format", "json").stdout)
    kinds = {
        (p["id"], a["id"]): a["change"] for s in report["strategies"] for p in s["priorities"]
        for a in p["actions"]
    }  # fmt: skip
    assert kinds == {
        ("homes", "HOM-01"): "changed",
        ("homes", "HOM-02"): "changed",
        ("homes", "HOM-04"): "added",
        ("homes", "HOM-03"): "removed",
        ("education", "EDU-01"): "added",
        ("health", "ALT-01"): "changed",
    }
    [strategy] = report["strategies"]
    assert strategy["fields"] == [
        {"field": "owner", "old": None, "new": "Corporate Parenting Board"}
    ]
    priorities = {p["id"]: p for p in strategy["priorities"]}
    assert [p["id"] for p in strategy["priorities"]] == ["homes", "education", "health"]
    assert priorities["education"]["change"] == "added"
    assert priorities["health"]["fields"][0]["field"] == "title"
    assert [(t["id"], t["change"]) for t in priorities["homes"]["themes"]] == [
        ("matching", "changed"),
        ("respite", "removed"),
    ]
    assert [(i["id"], i["change"]) for i in report["items"]] == [
        ("CIC-01", "changed"),
        ("CIC-02", "removed"),
        ("CIC-03", "added"),
    ]
    cic01 = report["items"][0]
    assert (cic01["late_before"], cic01["late_after"]) == (True, False)
    assert report["late_items"] == {"before": 1, "after": 0}
    assert report["boards"] == [
        {
            "id": "cpb",
            "change": "changed",
            "title": "Corporate Parenting Board",
            "fields": [
                {
                    "field": "meetings",
                    "old": ["2022-03-15", "2022-07-12"],
                    "new": ["2022-03-15", "2022-07-12", "2022-11-15"],
                }
            ],
        }
    ]


# -- golden files of a change of every kind -------------------------------------------------

ITEMS = """
items:
  - id: CIC-01
    raised: 2022-05-17
    you_said: We want to know who our new social worker is before they visit.
    status: in-progress
    respond_by: 2022-09-30
    public: true
  - id: CIC-02
    raised: 2022-06-01
    you_said: More activities in the school holidays.
    status: open
"""
BOARDS = """
boards:
  - id: cpb
    name: Corporate Parenting Board
    meetings: [2022-03-15, 2022-07-12]
"""
CHANGED = {
    "data/strategies/demo.yaml": """
    id: demo
    title: Demo Strategy
    period: {start: 2022-01-01, end: 2024-03-30}
    owner: Corporate Parenting Board
    priorities:
      - id: homes
        title: Stable homes
        themes:
          - id: matching
            title: Match every child with carers who suit them
      - id: education
        title: Learning and school
      - id: health
        title: Healthy lives and wellbeing
    """,
    "data/actions/demo/homes.yaml": """
    strategy: demo
    priority: homes
    actions:
      - id: HOM-01
        activity: Open a three-bed emergency home in the borough.
        lead: [Residential Services]
        timescale: March 2023
        progress:
          - {date: 2022-04-04, status: on-track}
      - id: HOM-02
        theme: matching
        activity: Approve twelve new foster carers.
        lead: [Fostering Service, Permanence and Provision]
        timescale: By January 2023
        progress:
          - {date: 2022-05-01, status: on-track, note: Seven approved.}
          - {date: 2022-09-01, status: at-risk, note: Two applicants withdrew.}
      - id: HOM-04
        theme: matching
        activity: Review every placement that ended early, with the child.
        lead: [Permanence and Provision]
        timescale: Quarterly
    """,
    "data/actions/demo/education.yaml": """
    strategy: demo
    priority: education
    actions:
      - id: EDU-01
        activity: Give every child in care a personal education plan | reviewed each term.
        lead: [Virtual School]
        timescale: Ongoing
    """,
    "data/actions/demo/health.yaml": """
    strategy: demo
    priority: health
    actions:
      - id: ALT-01
        activity: Publish the annual health report.
        lead: [Health Team]
        timescale: March 2022, 2023, 2024
        measures:
          - text: Annual health assessments on time
            target: 95
            unit: "%"
            actuals:
              - {date: 2022-03-31, value: 85}
              - {date: 2022-09-30, value: 88}
        progress:
          - {date: 2022-03-22, status: complete}
    """,
    "data/you-said-we-did/2022.yaml": """
    items:
      - id: CIC-01
        raised: 2022-05-17
        you_said: We want to know who our new social worker is before they visit.
        we_did: Social workers now send a photo and a short letter before a first visit.
        status: done
        respond_by: 2022-09-30
        responded: 2022-09-28
        public: true
      - id: CIC-03
        raised: 2022-09-12
        you_said: Let us choose the name of the new home.
        status: open
        respond_by: 2022-12-31
    """,
    "data/boards.yaml": """
    boards:
      - id: cpb
        name: Corporate Parenting Board
        meetings: [2022-03-15, 2022-07-12, 2022-11-15]
    """,
}
# HOM-03 is in the older commit only: it is removed.
HOM03 = """
  - id: HOM-03
    theme: respite
    activity: Offer short breaks to carers of teenagers.
    lead: [Fostering Service]
    timescale: May 2022
    progress:
      - {date: 2022-04-01, status: on-track}
"""


@pytest.fixture
def every_kind(repo: Path) -> Path:
    """Two commits: the demo plan (with HOM-03, items and a board), then a change of every kind."""
    commit(
        repo,
        {
            "data/actions/demo/homes.yaml": HOMES + HOM03,
            "data/you-said-we-did/2022.yaml": ITEMS,
            "data/boards.yaml": BOARDS,
        },
        "Items, a board and HOM-03",
    )
    commit(repo, CHANGED, "A change of every kind")
    return repo


@pytest.mark.parametrize("fmt, name", [("text", "diff.txt"), ("md", "diff.md")])
def test_a_change_of_every_kind_matches_its_golden_file(cli, every_kind, fmt, name):
    result = diff(cli, "HEAD~1", "HEAD", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"{name} differs from tests/golden/{name}; if the change is meant, run "
        "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diff.py and review the diff"
    )


def test_markdown_renders_real_tables_and_escapes_the_data(cli, every_kind):
    text = diff(cli, "HEAD~1", "HEAD", "--format", "md").stdout
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)
    assert html.count("<table>") == 2  # the counts, and the status changes
    assert "<th>Before</th>" in html
    # A pipe typed into an activity stays inside its list item, not a table cell.
    assert "personal education plan | reviewed each term." in html
    assert "<s>two-bed</s><strong>three-bed</strong>" in html


def test_hostile_text_is_shown_never_run_in_markdown(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "Open a two-bed", "Open a <script>alert(1)</script>")
    text = diff(cli, "--format", "md").stdout
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_change_set_is_the_same_from_plans_loaded_directly(every_kind, tmp_path):
    """compare() is pure: two Plans and a date in, the change set out."""
    old = tmp_path / "old"
    archive = subprocess.run(
        ["git", "-C", str(every_kind), "archive", "HEAD~1", "data"], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(old, filter="data")
    changes = compare(load(old / "data").plan, load(every_kind / "data").plan, date(2022, 10, 1))
    assert [a.id for a in changes.status_changes] == ["HOM-01", "HOM-02", "HOM-03", "HOM-04"]
    assert [(a.id, c.kind) for a, c in changes.flagged] == [
        ("HOM-02", "edited"),
        ("HOM-03", "removed"),  # its log goes with it
        ("ALT-01", "edited"),
    ]


# -- sides: revisions, the working tree, folders --------------------------------------------


def test_two_revisions_compare_commits_and_ignore_the_working_tree(cli, repo):
    commit(repo, {"data/actions/demo/homes.yaml": HOMES.replace("two-bed", "three-bed")}, "Reword")
    edit(repo, "data/actions/demo/homes.yaml", "By January 2023", "By March 2023")
    out = diff(cli, "HEAD~1", "HEAD").stdout
    assert out.startswith("Plan changes: HEAD~1 → HEAD, as of 1 Oct 2022; counts for: demo\n")
    assert "activity: Open a [-two-bed-]{+three-bed+} emergency home." in out
    assert "timescale" not in out  # the uncommitted edit is not part of either revision
    assert diff(cli, "HEAD").stdout.count("timescale: By January 2023 → By March 2023") == 1


def test_both_sides_invalid_prints_each_sides_errors_with_the_revision_named(cli, repo):
    commit(
        repo,
        {"data/actions/demo/homes.yaml": HOMES.replace("activity: Open", "activty: Open")},
        "A typo",
    )
    edit(repo, "data/actions/demo/homes.yaml", "activty: Open", "activity: Open")
    edit(repo, "data/actions/demo/health.yaml", "status: complete", "status: completed")
    result = diff(cli, "--exit-code")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "HEAD:data/actions/demo/homes.yaml:5: error: unknown key 'activty'; "
        "did you mean 'activity'?\n"
        "data/actions/demo/health.yaml:15: error: unknown status 'completed'; "
        "did you mean 'complete'?\n"
        "1 error in HEAD:data\n"
        "1 error in data\n"
    )


def test_one_side_invalid_names_only_that_side(cli, repo):
    commit(
        repo, {"data/actions/demo/homes.yaml": HOMES.replace("End of June", "Endish June")}, "Typo"
    )
    result = diff(cli, "HEAD~1", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0].startswith(
        "HEAD:data/actions/demo/homes.yaml:7: error: timescale 'Endish June 2022'"
    )
    assert result.stderr.splitlines()[-1] == "1 error in HEAD:data"


def test_a_data_folder_below_the_repository_root_is_read_at_the_same_path(cli, repo):
    git(repo, "mv", "data", "council")
    (repo / "council").rename(repo / "council-tmp")
    (repo / "council").mkdir()
    (repo / "council-tmp").rename(repo / "council" / "data")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Move the data folder")
    edit(repo, "council/data/actions/demo/homes.yaml", "two-bed", "three-bed")
    os.chdir(repo / "council")
    result = cli("--data", "data", "--as-of", AS_OF, "diff")
    assert result.exit_code == 0, result.stderr
    assert "activity: Open a [-two-bed-]{+three-bed+} emergency home." in result.stdout
    elsewhere = cli("--data", repo / "council" / "data", "--as-of", AS_OF, "diff", "HEAD")
    assert elsewhere.stdout == result.stdout


def test_unknown_revision_exits_1_with_a_plain_message(cli, repo):
    result = diff(cli, "no-such-branch")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"cpstrategy: error: unknown revision 'no-such-branch' in the repository at "
        f"'{repo.resolve()}'; name a commit, branch or tag (git log lists them), or give two "
        "folders\n"
    )


def test_a_path_that_is_no_folder_is_named_as_such_not_as_an_unknown_revision(cli, repo):
    for given, what in (
        ("./no-such-folder", "not there"),
        ("../README.md", "a file, not a folder"),
    ):
        (repo.parent / "README.md").write_text("x")
        result = diff(cli, given)
        assert (result.exit_code, result.stdout) == (1, ""), result.stderr
        assert result.stderr.startswith(f"cpstrategy: error: the folder '{given}' is {what}")


def test_a_revision_without_the_data_folder_has_an_empty_plan(cli, repo):
    # A repository's first pull request adds the plan: the commit before has no data folder
    git(repo, "rm", "-q", "-r", "data")
    git(repo, "commit", "-q", "-m", "Remove the data")
    added = diff(cli, "HEAD", "HEAD~1", "--format", "json")
    assert added.exit_code == 0, added.stderr
    removed = diff(cli, "HEAD~1", "HEAD", "--format", "json")
    assert removed.exit_code == 0, removed.stderr
    assert added.stdout != removed.stdout
    assert '"added"' in added.stdout and '"removed"' in removed.stdout
    assert "no data folder 'data' at revision 'HEAD': compared with an empty plan" in (added.stderr)
    # A misspelt --data is at neither revision: an error, not "no change"
    typo = cli("--data", "dta", "--as-of", AS_OF, "diff", "HEAD~1", "HEAD", "--exit-code")
    assert (typo.exit_code, typo.stdout) == (1, "")
    assert typo.stderr.startswith(
        "cpstrategy: error: there is no data folder 'dta' at revision 'HEAD~1' nor at 'HEAD'"
    )
    (repo / "data").write_text("not a folder\n")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "A file where the folder was")
    result = diff(cli, "HEAD", "HEAD~2")
    assert (result.exit_code, result.stderr) == (
        1,
        "cpstrategy: error: 'data' at revision 'HEAD' is a file, not a data folder\n",
    )


def test_exit_code_stands_when_the_reader_stops_early(repo):
    rows = "\n".join(
        f"  - {{id: P-{n:04d}, activity: Find homes for children {n}., lead: Fostering, "
        "timescale: March 2023, measures: [More homes.]}"
        for n in range(3000)
    )
    write(repo, {"data/actions/demo/many.yaml": f"priority: homes\nactions:\n{rows}\n"})
    command = [sys.executable, "-m", "cpstrategy", "--as-of", AS_OF, "diff", "--exit-code"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before a line is read: `| (sleep 1; exit 0)`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1, stderr  # the plan changed, read to the end or not
    assert "Traceback" not in stderr


def test_a_revision_that_looks_like_an_option_is_never_passed_to_git_as_one(cli, repo):
    result = diff(cli, "--", "--output=/tmp/x")
    assert result.exit_code == 1
    assert "unknown revision '--output=/tmp/x'" in result.stderr


def test_outside_a_git_repository_revisions_are_refused_but_two_folders_work(
    cli, tmp_path, monkeypatch
):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plain"
    write(folder / "old", {k.removeprefix("data/"): v for k, v in BASE.items()})
    write(folder / "data", {k.removeprefix("data/"): v for k, v in BASE.items()})
    edit(folder, "data/actions/demo/homes.yaml", "two-bed", "three-bed")
    monkeypatch.chdir(folder)
    refused = diff(cli)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        "cpstrategy: error: cannot read revision 'HEAD': the data folder 'data' is not in a git "
        "repository (and there is no folder 'HEAD'); outside a git repository, compare two data "
        "folders: cpstrategy diff OLD_DIR NEW_DIR\n"
    )
    both = diff(cli, "old", "data")
    assert both.exit_code == 0, both.stderr
    assert both.stdout.startswith("Plan changes: old → data, as of 1 Oct 2022; counts for: demo\n")
    assert "activity: Open a [-two-bed-]{+three-bed+} emergency home." in both.stdout
    assert diff(cli, "old").stdout.startswith("Plan changes: old → working tree")
    # With no data folder either, the message every command gives for that
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    missing = diff(cli)
    assert (missing.exit_code, missing.stderr) == (
        1,
        "cpstrategy: error: no data folder at 'data'; point at one with --data DIR (or "
        "CPSTRATEGY_DATA), or start one with cpstrategy init DIR\n",
    )


def test_errors_in_a_folder_are_named_by_its_path(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    write(tmp_path / "old", {k.removeprefix("data/"): v for k, v in BASE.items()})
    write(
        tmp_path / "new", {"strategies/demo.yaml": STRATEGY.replace("title: Demo", "titel: Demo")}
    )
    monkeypatch.chdir(tmp_path)
    result = diff(cli, "old", "new")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "new/strategies/demo.yaml:2: error: unknown key 'titel'; did you mean 'title'?\n"
        "1 error in new\n"
    )


def test_the_temporary_folders_are_removed_afterwards_even_on_errors(cli, repo, tmp_path,
                                                                      monkeypatch):  # fmt: skip
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    commit(repo, {"data/actions/demo/homes.yaml": HOMES.replace("two-bed", "three-bed")}, "Reword")
    assert diff(cli, "HEAD~1", "HEAD").exit_code == 0
    edit(repo, "data/actions/demo/homes.yaml", "activity: Open", "activty: Open")
    commit(repo, {}, "A typo")
    assert diff(cli, "HEAD~1", "HEAD").exit_code == 1
    assert list(scratch.iterdir()) == []


def test_json_of_a_moved_timescale(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "End of June 2022", "March 2023")
    report = json.loads(diff(cli, "--format", "json").stdout)
    assert report["status_changes"] == [
        {"id": "HOM-01", "strategy": "demo", "priority": "homes", "before": "overdue",
         "after": "on-track"}
    ]  # fmt: skip
    [action] = report["strategies"][0]["priorities"][0]["actions"]
    assert action == {
        "id": "HOM-01",
        "change": "changed",
        "strategy": "demo",
        "priority": "homes",
        "activity": "Open a two-bed emergency home.",
        "status_before": "overdue",
        "status_after": "on-track",
        "fields": [{"field": "timescale", "old": "End of June 2022", "new": "March 2023"}],
        "due": [{"old": "2022-06-30", "new": "2023-03-31", "days": 274}],
        "progress": [],
        "actuals": [],
    }
    assert report["counts"]["before"]["overdue"] == 1
    assert report["counts"]["after"]["overdue"] == 0


def test_diff_starts_a_few_git_processes_never_one_per_file_or_action(cli, every_kind, monkeypatch):
    calls: list[list[str]] = []

    class Popen(subprocess.Popen):  # subprocess.run starts its processes through Popen too
        def __init__(self, args, *rest, **options):
            calls.append(list(args))
            super().__init__(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", Popen)
    assert diff(cli, "HEAD~1", "HEAD").exit_code == 0
    verbs = [next(a for a in c if a in {"rev-parse", "cat-file", "archive"}) for c in calls]
    assert verbs == ["rev-parse", "cat-file", "archive", "cat-file", "archive"]


def test_help_names_the_command(cli):
    result = cli("diff", "--help")
    assert result.exit_code == 0
    assert re.search(r"Example: cpstrategy --as-of \S+ diff HEAD~1 --format md", result.stdout)


def test_a_new_strategy_a_moved_action_and_a_recurring_timescale_between_two_folders(
    cli, tmp_path, monkeypatch
):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    old = {k.removeprefix("data/"): v for k, v in BASE.items()}
    write(tmp_path / "old", old)
    new = {
        **old,
        "strategies/demo.yaml": STRATEGY.replace("end: 2024-03-30", "end: 2023-03-31"),
        "strategies/leavers.yaml": """
        id: leavers
        title: Care Leavers Offer
        period: {start: 2022-09-01}
        priorities:
          - id: homes
            title: A home of their own
        """,
        "actions/demo/homes.yaml": HOMES.replace("End of June 2022", "Bimonthly").replace(
            "  - id: HOM-02\n    theme: matching\n", "  - id: HOM-02\n    priority: health\n"
        ),
    }
    write(tmp_path / "new", new)
    monkeypatch.chdir(tmp_path)
    result = diff(cli, "old", "new")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n\n", 2)[2] == textwrap.dedent(
        """\
        ~ Strategy demo: Demo Strategy
            period.end: 30 Mar 2024 → 31 Mar 2023
          Priority homes: Stable homes
            ~ HOM-01: Open a two-bed emergency home.
                timescale: End of June 2022 → Bimonthly
                7 due dates added: 28 Feb 2022, 30 Apr 2022, 31 Aug 2022, 31 Oct 2022, 31 Dec 2022, 28 Feb 2023, 31 Mar 2023
          Priority health: Healthy lives
            ~ HOM-02: Approve twelve new foster carers.
                priority: homes → health
                theme: matching → (none)

        + Strategy leavers: Care Leavers Offer
          + Priority homes: A home of their own
        """
    )


def test_revisions_read_the_working_trees_cache_and_leave_it_as_it_was(cli, repo, own_cache_folder):
    assert cli("--as-of", AS_OF, "status").exit_code == 0  # the working tree's cache
    (cache,) = (own_cache_folder / "cpstrategy").glob("*.cache")
    saved = cache.read_bytes()
    edit(repo, "data/actions/demo/homes.yaml", "Approve twelve", "Approve fifteen")
    commit(repo, {}, "Fifteen carers")
    cold = diff(cli, "HEAD~1", "HEAD", "--format", "json")
    assert cold.exit_code == 0, cold.stderr
    assert json.loads(cold.stdout)["changed"] is True
    assert list((own_cache_folder / "cpstrategy").glob("*")) == [cache]  # no litter
    assert cache.read_bytes() == saved  # read, never written, by a revision
    uncached = cli("--no-cache", "--as-of", AS_OF, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert uncached.stdout == cold.stdout


# -- review fixes ---------------------------------------------------------------------------

MEASURES = """
    measures:
      - Fewer moves in a year.
      - text: Carers approved
        target: 12
        actuals:
          - {date: 2022-03-31, value: 80}
"""


def test_a_renamed_indicator_with_an_edited_actual_is_flagged_when_a_measure_also_goes(cli, repo):
    homes = HOMES.replace("    lead: [Fostering Service]\n", "    lead: [Fostering Service]\n" +
                          MEASURES.removeprefix("\n"))  # fmt: skip
    commit(repo, {"data/actions/demo/homes.yaml": homes}, "Measures")
    edit(repo, "data/actions/demo/homes.yaml", "      - Fewer moves in a year.\n", "")
    edit(
        repo, "data/actions/demo/homes.yaml", "text: Carers approved", "text: Carers approved (new)"
    )
    edit(repo, "data/actions/demo/homes.yaml", "value: 80", "value: 60")
    out = diff(cli).stdout
    assert (
        '!!   HOM-02: actual of "Carers approved (new)" of 31 Mar 2022 EDITED: value 80 → 60\n'
        in out
    )


def test_an_indicator_replaced_by_plain_text_loses_its_actuals_loudly(cli, repo):
    edit(
        repo,
        "data/actions/demo/health.yaml",
        '      - text: Annual health assessments on time\n        target: 90\n        unit: "%"\n'
        "        actuals:\n          - {date: 2022-03-31, value: 84}\n",
        "      - Annual health assessments on time.\n",
    )
    out = diff(cli).stdout
    assert (
        '!!   ALT-01: actual of "Annual health assessments on time" of 31 Mar 2022 REMOVED '
        "(was 31 Mar 2022: 84)\n" in out
    )


def test_a_removed_action_takes_its_log_with_it_flagged(cli, repo):
    edit(repo, "data/actions/demo/health.yaml", "  - id: ALT-01", "  - id: ALT-02")
    report = json.loads(diff(cli, "--format", "json").stdout)
    assert [(e["id"], e["entry"], e["change"]) for e in report["log_rewritten"]] == [
        ("ALT-01", "progress", "removed"),
        ("ALT-01", "actual", "removed"),
    ]


def test_removing_a_late_item_shows_late_to_removed_and_an_added_late_item_new_to_late(cli, repo):
    commit(repo, {"data/you-said-we-did/2022.yaml": ITEMS}, "Items")
    write(
        repo,
        {
            "data/you-said-we-did/2022.yaml": ITEMS.split("  - id: CIC-02")[0].replace(
                "CIC-01", "CIC-05"
            )
        },
    )
    out = diff(cli).stdout
    assert (
        "Status changes as of 1 Oct 2022:\n  CIC-01  Late → Removed\n  CIC-05  New → Late\n" in out
    )
    assert "  - CIC-01: We want to know who our new social worker is before they visit.\n" \
        "      was late\n" in out  # fmt: skip
    assert "  + CIC-05: We want to know who our new social worker is before they visit.\n" \
        "      late\n" in out  # fmt: skip
    md = diff(cli, "--format", "md").stdout
    assert "| CIC-01 | Late | Removed |\n" in md


def test_removing_an_overdue_action_shows_overdue_to_removed_in_text_and_markdown(cli, repo):
    edit(
        repo,
        "data/actions/demo/homes.yaml",
        HOMES.split("  - id: HOM-02")[0].split("actions:\n")[1],
        "",
    )
    assert "Status changes as of 1 Oct 2022:\n  HOM-01  Overdue → Removed\n" in diff(cli).stdout
    assert "| HOM-01 | Overdue | Removed |\n" in diff(cli, "--format", "md").stdout


OLD_STRATEGY = {
    "data/strategies/old.yaml": """
    id: old
    title: Old Strategy
    period: {start: 2017-01-01, end: 2020-12-31}
    priorities:
      - id: homes
        title: Homes
    """,
    "data/actions/old/homes.yaml": """
    strategy: old
    priority: homes
    actions:
      - id: OLD-01
        activity: Something long overdue.
        lead: [Someone]
        timescale: March 2018
    """,
}


def test_counts_cover_the_strategies_status_covers_and_the_header_says_which(cli, repo):
    commit(repo, OLD_STRATEGY, "An old strategy")
    edit(repo, "data/actions/demo/homes.yaml", "End of June 2022", "March 2023")
    edit(repo, "data/actions/old/homes.yaml", "Something long", "Something very long")
    out = diff(cli).stdout
    assert out.splitlines()[:4] == [
        "Plan changes: HEAD → working tree, as of 1 Oct 2022; counts for: demo",
        "",
        "               before  after",
        "  Overdue           1      0",
    ]
    status = json.loads(cli("--as-of", AS_OF, "status", "--format", "json").stdout)
    assert sum(r["status"] == "overdue" for r in status) == 0  # as the "after" column says
    everything = diff(cli, "--all").stdout.splitlines()
    assert everything[0].endswith("counts for: demo, old")
    assert everything[3] == "  Overdue           2      1"
    named = diff(cli, "--strategy", "old").stdout.splitlines()
    assert (named[0].endswith("counts for: old"), named[3]) == (
        True,
        "  Overdue           1      1",
    )
    unknown = diff(cli, "--strategy", "olde")
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "3 data-quality warnings; run cpstrategy validate\n"
        "cpstrategy: error: no strategy 'olde'; did you mean 'old'?\n",
    )
    later = cli("--as-of", "2030-01-01", "diff").stdout
    assert later.startswith(
        "Plan changes: HEAD → working tree, as of 1 Jan 2030; no strategy in its period on 1 Jan 2030\n"
    )


def test_markdown_is_a_short_summary_even_for_a_change_to_ten_thousand_actions(tmp_path):
    import cmarkgfm

    from cpstrategy.diff_render import render_markdown

    def folder(name: str, timescale: str, note: str) -> Path:
        rows = "".join(
            f"  - id: A-{n:05}\n    activity: Action number {n} for the children.\n"
            f"    lead: [Team]\n    timescale: {timescale}\n"
            f"    progress:\n      - {{date: 2022-04-01, status: on-track, note: {note}}}\n"
            for n in range(10_000)
        )
        write(tmp_path / name, {
            "strategies/demo.yaml": STRATEGY,
            "actions/demo/homes.yaml": "strategy: demo\npriority: homes\nactions:\n" + rows,
        })  # fmt: skip
        return tmp_path / name

    old = load(folder("old", "May 2022", "Begun.")).plan
    new = load(folder("new", "May 2023", "Started.")).plan
    changes = compare(old, new, date(2022, 10, 1))
    assert len(changes.status_changes) == 10_000 and len(changes.flagged) == 10_000
    text = render_markdown(changes, "main", "pr")
    assert len(text) < 20_000  # far under GitHub's 65,536 characters for a comment
    assert "… and 9970 more rewritten entries; run `cpstrategy diff` for all" in text
    assert "… and 9980 more changes to actions and themes; run `cpstrategy diff` for all" in text
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    assert html.count("<table>") == 2


@pytest.mark.parametrize(
    "old, new, shown",
    [
        ("Find a home.", "Find a home!", "activity: Find a home. → Find a home!"),
        ("Find a home", "Find a home.", "activity: Find a home → Find a home."),
        ("Find <u>places</u> now", "Find places", "activity: Find &lt;u&gt;places&lt;/u&gt; now → Find places"),
        ("Find a two-bed home.", "Find a three-bed home.", "activity: Find a <del>two-bed</del><strong>three-bed</strong> home."),
        ("Cut waits by 84%.", "Cut waits by 85%.", "activity: Cut waits by <del>84</del><strong>85</strong>%."),
    ],
)  # fmt: skip
def test_markdown_word_marks_render_in_github_flavoured_markdown(old, new, shown):
    import cmarkgfm

    from cpstrategy.diff_render import _field_md
    from cpstrategy.diffing import _field
    from cpstrategy.rendering import markdown_text

    html = cmarkgfm.github_flavored_markdown_to_html(
        _field_md(_field("activity", old, new), markdown_text)
    )
    assert html == f"<p>{shown}</p>\n"


def test_the_ci_example_posts_the_diff_on_pull_requests(cli, tmp_path):
    import yaml

    cli("init", tmp_path / "repo")
    workflow = yaml.safe_load((tmp_path / "repo/.github/workflows/validate.yml").read_text())
    job = workflow["jobs"]["diff"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["steps"][0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert job["steps"][-1]["run"] == (
        'cpstrategy --data data diff "origin/${{ github.base_ref }}" --format md '
        '>> "$GITHUB_STEP_SUMMARY"'
    )


def test_a_committed_link_out_of_the_data_folder_is_refused_by_name(cli, repo):
    (repo / "secret.yaml").write_text("items: []\n")
    (repo / "data/you-said-we-did").mkdir()
    (repo / "data/you-said-we-did/x.yaml").symlink_to("../../secret.yaml")
    (repo / "data/abs.yaml").symlink_to("/etc/passwd")
    commit(repo, {}, "Links")
    result = diff(cli, "HEAD~1", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.fullmatch(
        r"cpstrategy: error: revision [0-9a-f]{12} has a link 'data/(abs.yaml|you-said-we-did/x.yaml)' "
        r"that points outside the data folder 'data'; links are not followed; commit the file "
        r"itself rather than a link to it\n",
        result.stderr,
    )
    (repo / "data/abs.yaml").unlink()
    working = diff(cli, "HEAD~1")
    assert (working.exit_code, working.stderr) == (
        1,
        "cpstrategy: error: 'data/you-said-we-did/x.yaml' is a link to '../../secret.yaml', "
        "outside the data folder 'data'; links are not followed; put the file itself in the "
        "data folder\n",
    )


def test_links_in_a_circle_in_the_working_tree_are_named_not_an_internal_error(cli, repo):
    (repo / "data/a.yaml").symlink_to("b.yaml")
    (repo / "data/b.yaml").symlink_to("a.yaml")
    result = diff(cli, "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.fullmatch(
        r"cpstrategy: error: 'data/[ab].yaml' is a link to '[ab].yaml' that leads round in a "
        r"circle; remove the link, or point it at the file itself\n",
        result.stderr,
    )


def test_a_git_refusal_is_shown_in_gits_own_words(cli, repo, monkeypatch):
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    result = diff(cli)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "cpstrategy: error: git refused to read the repository holding 'data': "
        "fatal: detected dubious ownership in repository at "
    )


def test_a_name_that_is_both_a_folder_and_a_revision_is_ambiguous(cli, repo):
    git(repo, "branch", "data")
    result = diff(cli, "data")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "cpstrategy: error: 'data' is both a folder and a git revision; write ./data for the "
        "folder, or data^{commit} for the revision\n"
    )
    assert diff(cli, "./data").stdout.startswith("No change to the plan: ./data → working tree")
    assert diff(cli, "data^{commit}").stdout.startswith("No change to the plan: data^{commit}")


def test_help_says_the_global_options_go_before_the_command(cli):
    help_text = " ".join(cli("diff", "--help").stdout.replace("│", " ").split())
    assert "--as-of, --data and --no-cache are global options: they go before the command." in (
        help_text
    )


def test_an_explicit_due_date_change_is_shown_once_as_its_shift(cli, repo):
    edit(repo, "data/actions/demo/homes.yaml", "    timescale: End of June 2022\n",
         "    timescale: End of June 2022\n    due: [2024-08-31]\n")  # fmt: skip
    out = diff(cli).stdout
    assert "due: " not in out
    assert "        due 30 Jun 2022 → 31 Aug 2024, 793 days later\n" in out
