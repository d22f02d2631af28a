"""JSON Schema for editors: generated from the models, shipped in schemas/, and obeyed by the data.

When a model changes, regenerate the shipped files with:
    cpstrategy schema --output schemas --force
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT

from cpstrategy.loading import data_files
from cpstrategy.schema import KINDS, MODELINE, file_name, kind_of, schema_text
from cpstrategy.yamlsource import parse_document

SCHEMAS = ROOT / "schemas"


def validator(kind: str) -> jsonschema.Draft7Validator:
    """The shipped schema, checked as yaml-language-server checks it: draft-07."""
    schema = json.loads((SCHEMAS / file_name(kind)).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def messages(errors: Any) -> list[str]:
    """Every message, including those under an anyOf, as an editor would list them."""
    found = []
    for error in errors:
        found.append(error.message)
        found.extend(messages(error.context or []))
    return found


def value_of(text: str) -> Any:
    document, problems = parse_document(Path("x.yaml"), text.encode())
    assert document is not None, problems
    return document.value


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_up_to_date_with_the_models(kind):
    shipped = (SCHEMAS / file_name(kind)).read_text(encoding="utf-8")
    assert shipped == schema_text(kind), "run: cpstrategy schema --output schemas --force"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_07_and_every_field_has_a_description(kind):
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in schema_text(kind)  # draft-07 names them definitions
    assert schema["description"]
    holders = [schema, *schema.get("definitions", {}).values()]
    undescribed = [
        f"{holder.get('title')}.{key}"
        for holder in holders
        for key, prop in holder.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []


# Every data folder the repository ships; not tests/examples/, whose files are broken on purpose.
SHIPPED = [ROOT / "data", ROOT / "examples" / "eastmere"]


def shipped_files(folders: list[Path] = SHIPPED) -> list[tuple[Path, Path]]:
    """(data folder, file) for every data file shipped."""
    return [(folder, path) for folder in folders for path in data_files(folder)]


def test_every_shipped_data_folder_is_checked():
    found = {p.parent.parent for p in ROOT.glob("examples/*/strategies/*.y*ml")}
    assert found | {ROOT / "data"} == set(SHIPPED)


@pytest.mark.parametrize(
    ("folder", "path"), shipped_files(), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_shipped_file_names_its_schema_on_its_first_line_and_obeys_it(folder, path):
    kind = kind_of(path.relative_to(folder).as_posix())
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    target = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert target == (SCHEMAS / file_name(kind)).resolve()
    errors = [e.message for e in validator(kind).iter_errors(value_of(text))]
    assert errors == []


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_kind_has_shipped_data_to_check(folder):
    kinds = {kind_of(p.relative_to(folder).as_posix()) for _, p in shipped_files([folder])}
    assert kinds == set(KINDS)


def test_the_schema_catches_what_validate_catches_while_typing():
    actions = validator("actions")
    good = value_of(
        "priority: homes\nactions:\n  - id: A-1\n    activity: Match.\n    lead: Fostering\n"
        "    measures:\n      - Text measure\n      - {text: Figures, target: 90, unit: '%'}\n"
        "    progress:\n      - {date: 2023-01-31, status: on-track}\n"
    )
    assert list(actions.iter_errors(good)) == []
    for bad, message in [
        ({"activty": "Match."}, "Additional properties are not allowed ('activty' was unexpected)"),
        ({"due": ["2026-02-30"]}, "'2026-02-30' is not a 'date'"),
        ({"progress": [{"date": "2023-01-31", "status": "done"}]}, "'done' is not one of"),
        ({"lead": []}, None),  # an empty list is allowed: a missing lead is only a warning
    ]:
        action = {**good["actions"][0], **bad}
        errors = messages(actions.iter_errors({"actions": [action]}))
        if message is None:
            assert errors == []
        else:
            assert any(message in e for e in errors), errors


ACTION = {"id": "A-1", "activity": "Match."}


@pytest.mark.parametrize(
    ("kind", "value", "accepted"),
    [
        # Numbers are read as text where text is expected, so the editor must not flag them.
        ("actions", {"actions": [{**ACTION, "timescale": 2019}]}, True),
        ("actions", {"actions": [{**ACTION, "activity": 12, "id": 7, "theme": 3}]}, True),
        ("actions", {"actions": [{**ACTION, "lead": [12], "measures": [90, {"text": 90}]}]}, True),
        ("actions", {"actions": [{**ACTION, "progress": [
            {"date": "2023-01-31", "status": "on-track", "note": 12, "by": 3.5}]}]}, True),
        ("you-said-we-did", {"items": [
            {"id": "Y-1", "you_said": 12, "status": "open", "from": 2023, "we_did": 1}]}, True),
        ("strategy", {"id": "s", "title": 2025, "period": {"start": "2025-04-01"},
                      "priorities": [{"id": "p", "title": 1, "outcomes": [2], "summary": 3}]},
         True),
        ("boards", {"boards": [{"id": "b", "name": 5, "meetings": []}]}, True),
        # ... but not where the form is checked, nor as a list written as its one entry.
        ("actions", {"actions": [{**ACTION, "lead": 12}]}, False),
        ("actions", {"actions": [{**ACTION, "due": [2019]}]}, False),
        ("actions", {"actions": [{**ACTION, "progress": [{"date": 2023, "status": "on-track"}]}]},
         False),
        ("you-said-we-did", {"items": [{"id": "Y-1", "you_said": "x", "status": 1}]}, False),
        # Ids, blank text, flags and figures: the schema refuses what validate refuses
        ("actions", {"actions": [{**ACTION, "id": "A 01"}]}, False),
        ("actions", {"actions": [{**ACTION, "id": "Ä-01"}]}, False),
        ("boards", {"boards": [{"id": "c pb", "name": "Board"}]}, False),
        ("actions", {"actions": [{**ACTION, "activity": "   "}]}, False),
        ("actions", {"actions": [{**ACTION, "measures": [{"text": "m", "target": True}]}]}, False),
        ("you-said-we-did", {"items": [
            {"id": "Y-1", "you_said": "x", "status": "open", "public": 1}]}, False),
    ],
)  # fmt: skip
def test_a_number_where_text_is_expected_passes_the_schema_as_it_passes_validate(
    kind, value, accepted
):
    from cpstrategy.validation import ValidationError, validate

    model = KINDS[kind][0]
    try:
        validate(model, value)
        valid = True
    except ValidationError:
        valid = False
    assert valid is accepted
    assert (list(validator(kind).iter_errors(value)) == []) is accepted


# -- the command ------------------------------------------------------------------------------


def test_schema_kind_prints_that_schema(cli):
    result = cli("schema", "you-said-we-did")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == schema_text("you-said-we-did")
    assert json.loads(result.stdout)["definitions"]["Item"]["properties"]["from"]["description"]


def test_schema_output_writes_every_kind_and_will_not_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "schemas"
    result = cli("schema", "--output", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(out)) == sorted(file_name(k) for k in KINDS)
    assert all((out / file_name(k)).read_text() == schema_text(k) for k in KINDS)

    again = cli("schema", "--output", out)
    assert again.exit_code == 0
    assert again.stdout.count("up to date") == len(KINDS)

    (out / "boards.schema.json").write_text("{}\n")
    refused = cli("schema", "--output", out)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"cpstrategy: error: '{out / 'boards.schema.json'}' already exists; nothing written; "
        "use --force to replace it\n"
    )
    assert (out / "boards.schema.json").read_text() == "{}\n"

    forced = cli("schema", "--output", out, "--force")
    assert forced.exit_code == 0
    assert (out / "boards.schema.json").read_text() == schema_text("boards")
    assert f"{out / 'boards.schema.json'}: written" in forced.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [([], "give a KIND, or --output DIR for every kind"), (["action"], "is not one of")],
)
def test_schema_usage_errors_exit_2(cli, args, message):
    result = cli("schema", *args)
    assert result.exit_code == 2
    assert message in result.stderr
