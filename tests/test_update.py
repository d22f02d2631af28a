"""`update`: one progress entry added, or an item answered, and every other byte kept.

Edits are checked as whole files, byte for byte; the property test at the end writes action files
in many styles and checks that each update is exactly one run of inserted lines.
"""

from __future__ import annotations

import difflib
import os
import random
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from cpstrategy.editing import EditError, NewProgress, add_progress, answer_item
from cpstrategy.yamlsource import parse_document


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def added(text: str, index: int, entry: NewProgress, record_id: str = "A-1") -> str:
    return add_progress(text.encode(), index, record_id, entry).data.decode()


ENTRY = NewProgress(date(2023, 5, 10), "on-track", "Panel agreed every match.")


# -- actions: where the entry goes and how it is written -------------------------------------


def test_an_action_without_progress_gets_a_progress_list_after_its_last_key():
    before = dedent("""
        # Priority one.
        priority: homes
        actions:
          - id: A-1   # the first action
            activity: Match children with carers.
            lead: [Fostering]
            measures:
              - Increased placement stability.
              # more measures to come

          - id: A-2
            activity: Recruit carers.
        """)
    assert added(before, 0, ENTRY) == dedent("""
        # Priority one.
        priority: homes
        actions:
          - id: A-1   # the first action
            activity: Match children with carers.
            lead: [Fostering]
            measures:
              - Increased placement stability.
            progress:
              - date: 2023-05-10
                status: on-track
                note: Panel agreed every match.
              # more measures to come

          - id: A-2
            activity: Recruit carers.
        """)


def test_a_new_entry_follows_its_neighbours_indentation_key_order_and_quoting():
    before = dedent("""
        actions:
        - id: A-1
          activity: Match children with carers.
          progress:
          -   status: at-risk
              date: '2023-01-10'
              note: 'Two panels cancelled.'   # see minutes
          -   status: on-track
              date: '2023-03-01'
              note: 'Back on course.'
        - id: A-2
          activity: Recruit carers.
        """)
    assert added(before, 0, ENTRY) == dedent("""
        actions:
        - id: A-1
          activity: Match children with carers.
          progress:
          -   status: at-risk
              date: '2023-01-10'
              note: 'Two panels cancelled.'   # see minutes
          -   status: on-track
              date: '2023-03-01'
              note: 'Back on course.'
          -   status: on-track
              date: '2023-05-10'
              note: 'Panel agreed every match.'
        - id: A-2
          activity: Recruit carers.
        """)


def test_flow_entries_in_a_block_list_stay_flow_entries():
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress:
              - { date: 2023-01-10, status: at-risk }
            # reviewed at the March board
          - id: A-2
            activity: Recruit carers.
        """)
    entry = NewProgress(date(2023, 5, 10), "complete", "Done, at last: all matched", "Fostering")
    assert added(before, 0, entry) == dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress:
              - { date: 2023-01-10, status: at-risk }
              - { date: 2023-05-10, status: complete, note: "Done, at last: all matched", by: Fostering }
            # reviewed at the March board
          - id: A-2
            activity: Recruit carers.
        """)


def test_an_empty_flow_list_becomes_a_block_list_and_only_its_line_changes():
    # The brackets are blanked out, so a comment after them stays in its column.
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress: []  # nothing yet
            lead: [Fostering]
        """)
    assert added(before, 0, ENTRY) == dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress:     # nothing yet
              - date: 2023-05-10
                status: on-track
                note: Panel agreed every match.
            lead: [Fostering]
        """)


def test_progress_written_with_no_value_gets_the_entry_below_it():
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress:
            lead: [Fostering]
          - id: A-2
            activity: Recruit carers.
            progress: ~  # none yet
          - {id: A-3, activity: Review, progress: }
        """)
    once = added(before, 0, ENTRY)
    assert once == before.replace(
        "    progress:\n",
        "    progress:\n      - date: 2023-05-10\n        status: on-track\n"
        "        note: Panel agreed every match.\n",
    )
    twice = added(once, 1, NewProgress(date(2023, 5, 10), "complete"), "A-2")
    assert twice == once.replace(
        "    progress: ~  # none yet\n",
        "    progress:    # none yet\n      - date: 2023-05-10\n        status: complete\n",
    )
    assert added(twice, 2, NewProgress(date(2023, 5, 10), "complete"), "A-3") == twice.replace(
        "progress: }", "progress: [{date: 2023-05-10, status: complete}]}"
    )


def test_a_one_line_flow_list_grows_on_its_line():
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress: [{date: 2023-01-10, status: at-risk, note: Late}]
        """)
    assert added(before, 0, ENTRY) == dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress: [{date: 2023-01-10, status: at-risk, note: Late}, {date: 2023-05-10, status: on-track, note: Panel agreed every match.}]
        """)


def test_a_flow_list_over_several_lines_gains_a_line_and_changes_none():
    entry = NewProgress(date(2023, 5, 10), "complete")
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children with carers.
            progress: [{date: 2023-01-10, status: on-track},
                       {date: 2023-02-10, status: at-risk}]  # to review
          - id: A-2
            activity: Recruit carers.
            progress: [
              {date: 2023-01-10, status: on-track},
            ]
        """)
    once = added(before, 0, entry)
    assert once == before.replace(
        "               {date: 2023-02-10",
        "               {date: 2023-05-10, status: complete},\n               {date: 2023-02-10",
    )  # before the last entry: entries are read in date order, and no line changes
    assert added(once, 1, entry, "A-2") == once.replace(
        "      {date: 2023-01-10, status: on-track},\n    ]",
        "      {date: 2023-01-10, status: on-track},\n      {date: 2023-05-10, status: complete},"
        "\n    ]",
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # a trailing comma and the "]" on a line of its own: a line before the "]"
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n    ]\n",
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: complete},\n    ]\n",
        ),
        (  # a trailing comma before the "]": the entry goes after the comma
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-02-10, status: on-track},]\n",
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: complete},\n"
            "      {date: 2023-02-10, status: on-track},]\n",
        ),
        (  # the last entry of the same day, with a comment: the comment stays with it
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: at-risk}  # by the panel: late\n    ]\n",
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: at-risk},  # by the panel: late\n"
            "      {date: 2023-05-10, status: complete}\n    ]\n",
        ),
        (  # the last entry of the same day: after it, as one day's last entry is the latest
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: at-risk}]\n",
            "    progress: [\n      {date: 2023-01-10, status: on-track},\n"
            "      {date: 2023-05-10, status: at-risk},\n      {date: 2023-05-10, status: complete}]\n",
        ),
    ],
)  # fmt: skip
def test_flow_lists_over_several_lines_keep_their_brackets_and_the_days_order(before, after):
    head = "actions:\n  - id: A-1\n    activity: Match.\n"
    entry = NewProgress(date(2023, 5, 10), "complete")
    assert added(head + before, 0, entry) == head + after


def test_a_flow_action_with_progress_written_without_a_colon_gets_one():
    before = "actions:\n  - {id: A-1, activity: Match, progress}\n"
    assert added(before, 0, NewProgress(date(2023, 5, 10), "complete")) == (
        "actions:\n  - {id: A-1, activity: Match, progress: [{date: 2023-05-10, status: complete}]}\n"
    )
    before = "actions:\n  - {id: A-1, activity: Match,\n     progress  # none yet: see\n    }\n"
    assert added(before, 0, NewProgress(date(2023, 5, 10), "complete")) == before.replace(
        "progress  #", "progress: [{date: 2023-05-10, status: complete}]  #"
    )
    block = "actions:\n  - id: A-1\n    activity: Match\n    ? progress  # to do: first\n"
    with pytest.raises(EditError, match="progress is written without a colon"):
        added(block, 0, NewProgress(date(2023, 5, 10), "complete"))


def test_a_flow_action_gets_a_flow_progress_list():
    before = "actions:\n  - {id: A-1, activity: Match children, lead: Fostering}\n"
    assert added(before, 0, NewProgress(date(2023, 5, 10), "complete")) == (
        "actions:\n  - {id: A-1, activity: Match children, lead: Fostering,"
        " progress: [{date: 2023-05-10, status: complete}]}\n"
    )


def test_crlf_bom_and_a_missing_final_newline_are_kept():
    before = (
        b"\xef\xbb\xbfactions:\r\n  - id: A-1\r\n    activity: Match children.\r\n"
        b"    progress:\r\n      - date: 2023-01-10\r\n        status: at-risk"
    )
    edited = add_progress(before, 0, "A-1", ENTRY)
    assert edited.data == (
        b"\xef\xbb\xbfactions:\r\n  - id: A-1\r\n    activity: Match children.\r\n"
        b"    progress:\r\n      - date: 2023-01-10\r\n        status: at-risk\r\n"
        b"      - date: 2023-05-10\r\n        status: on-track\r\n"
        b"        note: Panel agreed every match."
    )
    assert edited.line == 7


def test_a_note_that_would_read_differently_plain_is_quoted():
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children.
            progress:
              - date: 2023-01-10
                status: at-risk
                note: Plain words.
        """)
    for note, written in [
        ("Agreed: at panel", '"Agreed: at panel"'),
        ("Ten # of them", '"Ten # of them"'),
        ("yes", '"yes"'),
        ("- a list?", '"- a list?"'),
        ("Two lines\nof note", '"Two lines\\nof note"'),
        ("It's done – 100%", "It's done – 100%"),
    ]:
        result = added(before, 0, NewProgress(date(2023, 5, 10), "complete", note))
        assert result.endswith(f"        status: complete\n        note: {written}\n"), note


def test_a_folded_neighbour_note_gives_a_folded_note_wrapped_like_it():
    before = dedent("""
        actions:
          - id: A-1
            activity: Match children.
            progress:
              - date: 2023-01-10
                status: at-risk
                note: >-
                  Two panels were cancelled in January because the chair was ill, so
                  matches wait.
        """)
    note = "All the children waiting in January were matched at the February and March panels."
    assert added(before, 0, NewProgress(date(2023, 5, 10), "on-track", note)) == before + (
        "      - date: 2023-05-10\n"
        "        status: on-track\n"
        "        note: >-\n"
        "          All the children waiting in January were matched at the February\n"
        "          and March panels.\n"
    )


def test_an_entry_for_the_last_of_several_actions_goes_into_that_action():
    before = dedent("""
        actions:
          - id: A-1
            activity: One.
            progress:
              - {date: 2023-01-10, status: at-risk}
          - id: A-2
            activity: Two.
        """)
    assert added(before, 1, NewProgress(date(2023, 5, 10), "complete"), "A-2") == before + (
        "    progress:\n      - {date: 2023-05-10, status: complete}\n"
    )


def test_an_edit_that_would_change_more_than_the_entry_is_refused():
    # A's list is shared with B through an alias: appending to it would change B too.
    before = dedent("""
        actions:
          - id: A-1
            activity: One.
            progress: &shared
              - {date: 2023-01-10, status: at-risk}
          - id: A-2
            activity: Two.
            progress: *shared
        """)
    with pytest.raises(EditError, match="would change more than the new entry"):
        added(before, 0, ENTRY)


def test_a_record_that_moved_since_the_file_was_read_is_refused():
    before = "actions:\n  - id: A-1\n    activity: One.\n"
    with pytest.raises(EditError, match="cannot find 'A-9'"):
        added(before, 0, ENTRY, record_id="A-9")


# -- items ------------------------------------------------------------------------------------

ITEMS = dedent("""
    items:
      - id: Y-1
        raised: 2023-03-01
        you_said: We want to meet the people who decide.
        we_did: >-
          We asked the board to meet MADE Together every
          quarter.
        status: in-progress  # chased in April
        public: true

      - id: Y-2
        you_said: More trips.
        status: open
        responded: "2023-02-01"
    """)


def test_answering_an_item_replaces_status_and_we_did_in_their_styles_and_adds_responded():
    changes = {
        "status": "done",
        "we_did": "MADE Together now meets the Corporate Parenting Board every quarter, "
        "and sets part of its agenda.",
        "responded": "2023-06-20",
    }
    result = answer_item(ITEMS.encode(), 0, "Y-1", changes).data.decode()
    assert result == ITEMS.replace(
        """    we_did: >-
      We asked the board to meet MADE Together every
      quarter.
    status: in-progress  # chased in April
    public: true
""",
        """    we_did: >-
      MADE Together now meets the Corporate Parenting Board
      every quarter, and sets part of its agenda.
    status: done  # chased in April
    public: true
    responded: "2023-06-20"
""",
    )


def test_answering_an_item_without_we_did_adds_it_after_the_last_key():
    result = answer_item(ITEMS.encode(), 1, "Y-2", {"status": "not-possible",
                                                    "we_did": "No budget this year."})  # fmt: skip
    assert result.data.decode() == ITEMS.replace(
        '    status: open\n    responded: "2023-02-01"\n',
        '    status: not-possible\n    responded: "2023-02-01"\n'
        "    we_did: >-\n      No budget this year.\n",
    )


def test_answering_with_what_is_written_already_changes_nothing():
    result = answer_item(ITEMS.encode(), 1, "Y-2", {"status": "open"})
    assert not result.changed
    assert result.data == ITEMS.encode()


def test_a_flow_item_is_answered_in_flow_style():
    before = "items:\n- {id: Y-1, you_said: Trips, status: open}\r\n"
    result = answer_item(before.encode(), 0, "Y-1", {"status": "done", "responded": "2023-06-20"})
    assert result.data.decode() == (
        "items:\n- {id: Y-1, you_said: Trips, status: done, responded: 2023-06-20}\r\n"
    )


@pytest.mark.parametrize(
    ("written", "answered"),
    [
        ("we_did:\n", "we_did: Trips booked.\n"),
        ("we_did:   # to come\n", "we_did: Trips booked.   # to come\n"),
        ("we_did: ~\n", "we_did: Trips booked.\n"),
        ('"we_did" :\n', '"we_did" : Trips booked.\n'),
    ],
)
def test_a_key_written_with_no_value_gets_its_value_after_the_colon(written, answered):
    before = (
        f"items:\n  - id: Y-1\n    you_said: Trips\n    {written}    responded:\n    status: open\n"
    )
    result = answer_item(before.encode(), 0, "Y-1", {"status": "done", "we_did": "Trips booked.",
                                                      "responded": "2023-06-20"})  # fmt: skip
    assert result.data.decode() == before.replace(written, answered).replace(
        "responded:\n    status: open", "responded: 2023-06-20\n    status: done"
    )


def test_an_explicit_key_with_no_colon_is_refused_not_an_internal_error():
    from cpstrategy.editing import EditError

    before = "items:\n  - id: Y-1\n    you_said: Trips\n    status: open\n    ? we_did\n"
    with pytest.raises(EditError, match="'we_did' has no ':' after it"):
        answer_item(before.encode(), 0, "Y-1", {"status": "done", "we_did": "Trips booked."})


# -- through the command line -----------------------------------------------------------------

ACTIONS = """
priority: homes
actions:
  - id: H-01
    activity: Match children with carers.
    lead: [Fostering]
    timescale: March 2023
    measures:
      - Increased placement stability.

  - id: H-02  # second
    activity: Recruit carers.
    lead: [Fostering]
    timescale: Ongoing
    measures:
      - text: 10 more carers
        target: 10
    progress:
      - date: 2022-06-01
        status: on-track
"""

YSWD = """
items:
  - id: Y-1
    raised: 2022-03-01
    you_said: More trips.
    status: in-progress
    respond_by: 2022-09-30

  - id: Y-2
    raised: 2022-03-01
    you_said: Fewer meetings.
    we_did: Meetings are shorter.
    status: done
    responded: 2022-05-01
"""


@pytest.fixture
def folder(data):
    return data({"actions/demo/homes.yaml": ACTIONS, "you-said-we-did/made.yaml": YSWD})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_update_appends_one_entry_and_the_folder_still_validates(cli, folder):
    path = folder / "actions/demo/homes.yaml"
    gap = path.read_text().replace(
        "lead: [Fostering]\n    timescale: March", "lead: []\n    timescale: March"
    )
    path.write_text(gap)  # H-01 with no lead: a data-quality warning
    before = path.read_text()
    result = cli("--data", folder, "update", "H-02", "--status", "at-risk",
                 "--note", "Two carers withdrew.", "--by", "Fostering", "--date", "2023-04-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}:20: H-02: progress 2023-04-01 at-risk\n"
    # Then, like every command, a count of the folder's warnings as it is now.
    assert result.stderr == "1 data-quality warning; run cpstrategy validate\n"
    assert path.read_text() == before + (
        "      - date: 2023-04-01\n        status: at-risk\n"
        "        note: Two carers withdrew.\n        by: Fostering\n"
    )
    assert [p.name for p in path.parent.iterdir()] == ["homes.yaml"]  # no temporary file left
    check = cli("--data", folder, "--as-of", "2023-04-01", "show", "H-02", "--format", "json")
    assert '"at-risk"' in check.stdout


def test_update_date_defaults_to_today(cli, folder):
    result = cli("--data", folder, "update", "H-01", "--status", "complete")
    assert result.exit_code == 0, result.stderr
    text = (folder / "actions/demo/homes.yaml").read_text()
    assert f"    progress:\n      - date: {date.today()}\n        status: complete\n" in text


def test_answering_an_item_sets_responded_when_it_becomes_done(cli, folder):
    path = folder / "you-said-we-did/made.yaml"
    before = path.read_text()
    result = cli("--data", folder, "update", "Y-1", "--status", "done",
                 "--we-did", "Two trips a term.", "--date", "2022-10-02")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"{path}:5: Y-1: status done, we_did replaced, responded 2022-10-02\n")
    assert path.read_text() == before.replace(
        "    status: in-progress\n    respond_by: 2022-09-30\n",
        "    status: done\n    respond_by: 2022-09-30\n"
        "    we_did: Two trips a term.\n    responded: 2022-10-02\n",
    )


def test_an_item_already_done_keeps_its_responded_date(cli, folder):
    path = folder / "you-said-we-did/made.yaml"
    before = path.read_text()
    result = cli("--data", folder, "update", "Y-2", "--status", "done",
                 "--we-did", "Meetings end by four.")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert path.read_text() == before.replace("Meetings are shorter.", "Meetings end by four.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["H-01", "--status", "finished"], "unknown status 'finished'; expected one of:"),
        (["H-01", "--status", "on-trak"], "unknown status 'on-trak'; did you mean 'on-track'?"),
        (["H-01", "--status", "done"], "unknown status 'done'; expected one of: not-started"),
        (["Y-1", "--status", "complete"], "unknown status 'complete'; expected one of: open"),
        (["H-01", "--status", "complete", "--we-did", "x"], "does not apply to an action"),
        (["Y-1", "--status", "done", "--note", "x"], 'does not apply to a "You said, we did"'),
        (["Y-1", "--status", "done", "--by", "x"], 'does not apply to a "You said, we did"'),
        (
            ["H-01", "--status", "complete", "--date", "2999-01-01"],
            "Invalid value for '--date': 2999-01-01 is after today",
        ),
        (
            ["Y-1", "--status", "not-possible"],
            "Invalid value for '--status': not-possible needs --we-did saying why",
        ),
        (["H-01", "--status", "complete", "--date", "2023-02-30"], "is not a date"),
        (["H-01", "--status", "complete", "--note", "  "], "must not be empty"),
        (  # Word's line break, pasted in
            ["H-01", "--status", "complete", "--note", "a\x0bb"],
            "Invalid value for '--note': the text holds U+000B, a control character",
        ),
        (["Y-1", "--status", "done", "--we-did", "\x07"], "Invalid value for '--we-did': the text"),
        (["H-01"], "Missing option '--status'"),
    ],
)
def test_a_request_that_does_not_fit_is_a_usage_error_and_writes_nothing(
    cli, folder, args, message
):
    before = snapshot(folder)
    result = cli("--data", folder, "update", *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(folder) == before


def test_update_refuses_as_of_because_the_entry_is_dated_date(cli, folder):
    before = snapshot(folder)
    result = cli("--data", folder, "--as-of", "2020-01-01", "update", "H-01", "--status",
                 "complete")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--as-of': update records progress on --date (default today); "
        "--as-of does not apply\n"
    )
    assert snapshot(folder) == before


def test_not_possible_keeps_a_we_did_already_written_and_done_without_one_is_warned(cli, data):
    folder = data({"you-said-we-did/made.yaml": YSWD.replace(
        "    we_did: Meetings are shorter.\n", "")})  # fmt: skip
    path = folder / "you-said-we-did/made.yaml"
    done = cli("--data", folder, "update", "Y-1", "--status", "done", "--date", "2022-10-02")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"{path}:5: Y-1: status done, responded 2022-10-02\n"
    assert done.stderr == (
        f"{path}:5: warning: item 'Y-1' is done but we_did does not say what was done; add it "
        "with --we-did\n"
    )
    refused = cli("--data", folder, "update", "Y-2", "--status", "not-possible")
    assert refused.exit_code == 2
    assert "not-possible needs --we-did saying why" in refused.stderr
    folder = data({"you-said-we-did/made.yaml": YSWD})
    answered = cli("--data", folder, "update", "Y-2", "--status", "not-possible")
    assert answered.exit_code == 0, answered.stderr  # its we_did says why
    assert "    we_did: Meetings are shorter.\n    status: not-possible\n" in path.read_text()


def test_taking_up_a_done_item_again_changes_only_its_status_and_says_responded_is_kept(
    cli, folder
):
    path = folder / "you-said-we-did/made.yaml"
    before = path.read_text()
    result = cli("--data", folder, "update", "Y-2", "--status", "in-progress")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}:12: Y-2: status in-progress\n"
    assert result.stderr.splitlines() == [
        f"{path}:12: warning: item 'Y-2' keeps its responded date 2022-05-01; if its answer is "
        "still to go back, run this again with --clear-responded"
    ]
    assert path.read_text() == before.replace("    status: done\n", "    status: in-progress\n")


def test_clear_responded_removes_the_date_of_an_item_taken_up_again(cli, folder):
    path = folder / "you-said-we-did/made.yaml"
    before = path.read_text()
    result = cli("--data", folder, "update", "Y-2", "--status", "in-progress", "--clear-responded")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}:12: Y-2: status in-progress, responded removed\n"
    assert path.read_text() == before.replace(
        "    status: done\n    responded: 2022-05-01\n", "    status: in-progress\n"
    )


def test_reopening_an_answered_item_needs_its_responded_date_cleared(cli, folder):
    path = folder / "you-said-we-did/made.yaml"
    before = path.read_text()
    refused = cli("--data", folder, "update", "Y-2", "--status", "open")
    assert refused.exit_code == 1  # the whole message: test_a_change_that_would_not_validate...
    assert path.read_text() == before
    result = cli("--data", folder, "update", "Y-2", "--status", "open", "--clear-responded")
    assert result.exit_code == 0, result.stderr
    assert path.read_text() == before.replace(
        "    status: done\n    responded: 2022-05-01\n", "    status: open\n"
    )


@pytest.mark.parametrize(
    ("record", "status", "message"),
    [
        ("H-02", "on-track", "does not apply to an action ('H-02')"),
        ("Y-1", "done", "does not apply when the status becomes done"),
    ],
)
def test_clear_responded_where_it_cannot_apply_is_wrong_usage(cli, folder, record, status, message):
    before = snapshot(folder)
    result = cli("--data", folder, "update", record, "--status", status, "--we-did", "x",
                 "--clear-responded") if record.startswith("Y") else cli(
        "--data", folder, "update", record, "--status", status, "--clear-responded")  # fmt: skip
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "- {id: Y-2, status: done, responded: 2022-05-01, you_said: x}\n",
            "- {id: Y-2, status: in-progress, you_said: x}\n",
        ),
        (
            "- {id: Y-2, status: done, responded: 2022-05-01}\r\n",
            "- {id: Y-2, status: in-progress}\r\n",
        ),
        (
            "- id: Y-2\n  status: done\n  responded: 2022-05-01  # sent\n  you_said: x\n",
            "- id: Y-2\n  status: in-progress\n  you_said: x\n",
        ),
        (
            "- id: Y-2\r\n  status: done\r\n  responded: 2022-05-01",
            "- id: Y-2\r\n  status: in-progress",
        ),
    ],
)
def test_a_removed_key_goes_with_its_line_or_its_comma(before, after):
    result = answer_item(("items:\n" + before).encode(), 0, "Y-2",
                         {"status": "in-progress", "responded": None})  # fmt: skip
    assert result.data.decode() == "items:\n" + after


def test_a_note_with_a_tab_is_written_quoted():
    before = "actions:\n  - id: A-1\n    activity: One.\n    progress:\n      - date: 2023-01-10\n" \
        "        status: at-risk\n        note: >-\n          Folded.\n"  # fmt: skip
    for note in ("Panel\tagreed", "Panel agreed\t"):
        result = added(before, 0, NewProgress(date(2023, 5, 10), "complete", note))
        assert result.endswith("        note: " + _double(note) + "\n"), result


def _double(text: str) -> str:
    return '"' + text.replace("\t", "\\t") + '"'


@pytest.mark.parametrize("inside", [False, True])
def test_update_refuses_a_file_that_is_a_symbolic_link_and_keeps_the_link(
    cli, folder, tmp_path, inside
):
    path = folder / "actions/demo/homes.yaml"
    real = (folder / "actions/demo/real.yml") if inside else (tmp_path / "elsewhere.yaml")
    path.rename(real)
    path.symlink_to(real)
    if inside:  # a .yml beside the link would be read twice: keep it out of the folder's files
        real.rename(real.with_suffix(".txt"))
        real = real.with_suffix(".txt")
        path.unlink()
        path.symlink_to(real)
    before = real.read_bytes()
    result = cli("--data", folder, "update", "H-01", "--status", "complete")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cpstrategy: error: '{path}' is a symbolic link; update edits only plain files; edit "
        "the file it points to by hand, or replace the link with the file\n"
    )
    assert path.is_symlink() and real.read_bytes() == before


def test_an_unknown_id_in_the_wrong_case_is_suggested_in_the_right_one(cli, data):
    # Compared case by case, 'gp-01' is as near to 'SP-01' as to 'GP-01'.
    two = ACTIONS.replace("id: H-01", "id: GP-01").replace("id: H-02", "id: SP-01")
    folder = data({"actions/demo/homes.yaml": two})
    result = cli("--data", folder, "update", "gp-01", "--status", "complete")
    assert result.exit_code == 1
    assert result.stderr == (
        "cpstrategy: error: no action or item 'gp-01'; did you mean 'GP-01'?\n"
    )


def test_an_unknown_id_exits_1_with_a_suggestion(cli, folder):
    before = snapshot(folder)
    result = cli("--data", folder, "update", "H-1", "--status", "complete")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "cpstrategy: error: no action or item 'H-1'; did you mean 'H-01'?\n"
    )
    assert snapshot(folder) == before


def test_a_change_that_would_not_validate_is_refused_with_its_line(cli, folder):
    before = snapshot(folder)
    result = cli("--data", folder, "update", "Y-2", "--status", "open")
    assert result.exit_code == 1
    path = folder / "you-said-we-did/made.yaml"
    assert result.stderr == (
        f"{path}:13: error: item 'Y-2' is open but has a responded date; "
        "set its status or remove responded\n"
        "Y-2: the change would not validate; nothing written (to reopen an answered item, add "
        "--clear-responded)\n"
    )
    assert snapshot(folder) == before


def test_update_refuses_when_the_data_has_errors(cli, data):
    folder = data({"actions/demo/homes.yaml": ACTIONS.replace("activity: Recruit", "activty: R")})
    before = snapshot(folder)
    result = cli("--data", folder, "update", "H-01", "--status", "complete")
    assert result.exit_code == 1
    assert "unknown key 'activty'; did you mean 'activity'?" in result.stderr
    assert snapshot(folder) == before


def test_an_edit_that_cannot_be_made_safely_names_the_file_and_line(cli, data):
    aliased = ACTIONS.replace(
        "    progress:\n      - date: 2022-06-01\n        status: on-track\n",
        "    progress: &p\n      - date: 2022-06-01\n        status: on-track\n"
        "  - id: H-03\n    activity: Visit.\n    lead: [Fostering]\n    timescale: Ongoing\n"
        "    measures: [Visits]\n    progress: *p\n",
    )
    folder = data({"actions/demo/homes.yaml": aliased})
    before = snapshot(folder)
    result = cli("--data", folder, "update", "H-02", "--status", "complete")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{folder / 'actions/demo/homes.yaml'}:20: error: the edit would change more than the "
        "new entry; nothing written\n"
    )
    assert snapshot(folder) == before


# -- the property: one run of inserted lines, and exactly one more entry ------------------------

NOTES = [
    None,
    "Done.",
    "Agreed: at panel",
    "yes",
    "Ten # of them",
    "'quoted' words",
    'say "hi"',
    "Ünïcödé – dash… 100%",
    "two\nlines",
    "trailing space ",
    "{braces}, [brackets]",
    "a" * 150,
    "- dash first",
    "2023-01-01",
    "12",
]


def _scalar(rng: random.Random, text: str, flow: bool) -> str:
    style = rng.choice(["plain", "single", "double"])
    if style == "single" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style == "plain" and text.isalnum():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _entry(rng: random.Random, n: int, block: bool, indent: str, gap: str) -> list[str]:
    keys = [("date", f"2022-0{n % 9 + 1}-1{n % 9}"), ("status", "on-track")]
    if rng.random() < 0.5:
        keys.append(("note", f"Note {n}"))
    if rng.random() < 0.5:
        keys.reverse()
    if not block:
        inner = ", ".join(f"{k}: {_scalar(rng, v, True)}" for k, v in keys)
        pad = " " if rng.random() < 0.3 else ""
        return [f"{indent}-{gap}{{{pad}{inner}{pad}}}"]
    lines = []
    inner = indent + " " * (1 + len(gap))
    alone = rng.random() < 0.1  # the dash on a line of its own
    if alone:
        lines.append(f"{indent}-")
    for i, (k, v) in enumerate(keys):
        head = f"{indent}-{gap}" if i == 0 and not alone else inner
        comment = "  # c" if rng.random() < 0.2 else ""
        if k == "note" and rng.random() < 0.3:
            style = rng.choice([">-", "|-", ">"])
            lines += [f"{head}{k}: {style}{comment}", f"{inner}  {v} and", f"{inner}  more words"]
        else:
            lines.append(f"{head}{k}: {_scalar(rng, v, False)}{comment}")
    return lines


def _action(rng: random.Random, n: int, indent: str, gap: str, step: int) -> list[str]:
    key = indent + " " * (1 + len(gap))
    if rng.random() < 0.1:
        progress = ", progress: []" if rng.random() < 0.5 else ""
        return [f"{indent}-{gap}{{id: A-{n}, activity: Act {n}{progress}}}"]
    lines = [f"{indent}-{gap}id: A-{n}" + ("  # why" if rng.random() < 0.3 else "")]
    lines.append(f"{key}activity: {_scalar(rng, f'Activity {n}', False)}")
    if rng.random() < 0.5:
        lines += [f"{key}measures:", f"{key}{' ' * step}- Measure {n}"]
    kind = rng.choice(["none", "empty", "flow", "block", "block", "indentless"])
    if kind == "empty":
        lines.append(f"{key}progress: []")
    elif kind == "flow":
        entries = ", ".join(f"{{date: 2022-01-0{i + 1}, status: at-risk}}"
                            for i in range(rng.randint(1, 3)))  # fmt: skip
        lines.append(f"{key}progress: [{entries}]")
    elif kind != "none":
        lines.append(f"{key}progress:" + ("  # log" if rng.random() < 0.3 else ""))
        inner = key if kind == "indentless" else key + " " * step
        block = rng.random() < 0.7
        entry_gap = rng.choice([" ", " ", "   "])
        for i in range(rng.randint(1, 3)):
            lines += _entry(rng, n * 10 + i, block, inner, entry_gap)
            if rng.random() < 0.2:
                lines.append(f"{inner}# a comment between entries")
    if rng.random() < 0.3:
        lines.append(f"{key}# a trailing comment")
    return lines


def generate(rng: random.Random) -> tuple[bytes, int]:
    step = rng.choice([2, 4])
    indent = rng.choice(["", "  ", "    "])
    gap = rng.choice([" ", " ", "   "])
    lines = [
        "# generated",
        "priority: homes",
        "actions:" + ("  # list" if rng.random() < 0.3 else ""),
    ]
    count = rng.randint(1, 4)
    for n in range(count):
        lines += _action(rng, n, indent, gap, step)
        if rng.random() < 0.5:
            lines.append("")
    if rng.random() < 0.2:
        lines.append("# the end")
    newline = rng.choice(["\n", "\r\n"])
    text = newline.join(lines) + (newline if rng.random() < 0.8 else "")
    bom = b"\xef\xbb\xbf" if rng.random() < 0.2 else b""
    return bom + text.encode(), count


def _last_scalar(node):
    while not isinstance(node, yaml.ScalarNode):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


@pytest.mark.parametrize("seed", range(400))
def test_update_on_any_style_is_one_run_of_inserted_lines_and_one_more_entry(seed):
    rng = random.Random(seed)
    raw, count = generate(rng)
    index = rng.randrange(count)
    note = rng.choice(NOTES)
    entry = NewProgress(date(2023, 1, 1 + seed % 28), rng.choice(["complete", "at-risk"]), note,
                        rng.choice([None, "Fostering", "Ms O'Neil"]))  # fmt: skip
    old, _ = parse_document(Path("old.yaml"), raw)
    assert old is not None
    try:
        edited = add_progress(raw, index, f"A-{index}", entry)
    except EditError as exc:
        # Refusing is right when a `>` or `|` scalar ends a file without a final line break:
        # any text after it would add a line break to its value.
        assert not raw.endswith(b"\n") and _last_scalar(old.root).style in (">", "|"), exc
        assert exc.message.endswith("end the file with a line break and try again")
        return

    new, problems = parse_document(Path("new.yaml"), edited.data)
    assert new is not None, problems
    expected = old.value
    action = expected["actions"][index]
    action["progress"] = [*(action.get("progress") or []), entry.fields()]
    assert new.value == expected

    before = raw.decode("utf-8-sig").splitlines(keepends=True)
    after = edited.data.decode("utf-8-sig").splitlines(keepends=True)
    assert edited.data.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    changes = [op for op in difflib.SequenceMatcher(a=before, b=after, autojunk=False)
               .get_opcodes() if op[0] != "equal"]  # fmt: skip
    # One run of new lines; the one line that may change is `progress: [...]` (a flow list,
    # including an empty one) or the last line of a file without a final newline.
    assert len(changes) == 1, changes
    tag, i1, i2, _, _ = changes[0]
    if tag != "insert":
        assert tag == "replace" and i2 - i1 == 1, changes
        changed = before[i1]
        assert (
            "progress: [" in changed  # a flow list
            or "{id: " in changed  # a flow action
            or (i1 == len(before) - 1 and not changed.endswith("\n"))
        ), changes
    newline = "\r\n" if b"\r\n" in raw else "\n"
    assert all(line.endswith(newline) for line in after[:-1])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
def test_an_update_is_checked_and_written_while_no_other_writer_can_be(cli, folder, monkeypatch):
    """Two updates of one file at the same moment: each checks that the file is as it read it
    and renames its own over it, holding the folder's lock, so the second finds the first's
    change and refuses, rather than undoing it."""
    import fcntl

    from cpstrategy import staging

    path = folder / "actions/demo/homes.yaml"
    replace = staging.os.replace
    seen: list[str] = []

    def other_writer(source, target):
        if Path(target) != path:  # the cache's own files, say
            return replace(source, target)
        descriptor = os.open(path.parent, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):  # another writer waits for the lock
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append("locked")
        finally:
            os.close(descriptor)
        replace(source, target)

    monkeypatch.setattr(staging.os, "replace", other_writer)
    result = cli("--data", folder, "update", "H-02", "--status", "at-risk", "--date", "2023-04-01")
    assert result.exit_code == 0, result.stderr
    assert seen == ["locked"]
    assert "status: at-risk" in path.read_text()


def test_the_check_after_an_update_reads_only_the_changed_file_when_the_cache_is_warm(
    cli, folder, monkeypatch
):
    from cpstrategy import loading

    assert cli("--data", folder, "validate").exit_code == 0  # the cache is warm
    read = loading._read_file
    parsed: list[str] = []

    def counted(path, kind):
        parsed.append(path.name)
        return read(path, kind)

    monkeypatch.setattr(loading, "_read_file", counted)
    result = cli("--data", folder, "update", "H-02", "--status", "at-risk", "--date", "2023-04-01")
    assert result.exit_code == 0, result.stderr
    assert parsed == ["homes.yaml"]  # the edited copy; every other file from the cache


def test_an_update_counts_the_warnings_validate_gives(cli, folder):
    (folder / "stray.yaml").write_text("a: 1\n")  # a file cpstrategy does not read: a warning
    count = cli("--data", folder, "validate").stdout
    result = cli("--data", folder, "update", "H-02", "--status", "at-risk", "--date", "2023-04-01")
    assert result.exit_code == 0, result.stderr
    warnings = int(count.split("no errors, ")[1].split()[0])
    assert f"{warnings} data-quality warning" in result.stderr


def test_a_failure_while_writing_an_update_leaves_the_file_as_it_was(cli, folder, monkeypatch):
    from cpstrategy import staging

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staging.os, "fsync", full_disk)
    before = snapshot(folder)
    path = folder / "actions/demo/homes.yaml"
    result = cli("--data", folder, "update", "H-02", "--status", "at-risk", "--date", "2023-04-01")
    assert result.exit_code == 1 and result.stdout == ""
    # The file asked for is named, not the temporary file beside it.
    assert f"cannot write '{path}': No space left on device" in result.stderr
    assert snapshot(folder) == before  # byte for byte, and no temporary file left
