"""The validators built from `core_schemas` (pydantic's schemas, written down) are pydantic's own:
the file is what pydantic builds from the models today, and every value, sound or broken, gets
the same model or the same errors either way."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from conftest import ROOT
from pydantic import TypeAdapter

from cpstrategy import core_schemas, models, validation, write_core_schemas
from cpstrategy.yamlsource import parse_document

KINDS = {
    "strategies": models.Strategy,
    "actions": models.ActionsFile,
    "you-said-we-did": models.ItemsFile,
}
WRITTEN_FOR_THIS_PYDANTIC = pydantic_core.__version__ == core_schemas.PYDANTIC_CORE_VERSION


def test_the_written_schemas_are_what_pydantic_builds_from_the_models():
    # pyproject.toml pins the pydantic they are written for; with another, every cold start
    # would build them again (the answers are the same, the saving lost).
    assert WRITTEN_FOR_THIS_PYDANTIC, (
        f"core_schemas.py is for pydantic-core {core_schemas.PYDANTIC_CORE_VERSION}, not "
        f"{pydantic_core.__version__}: install the pydantic pyproject.toml pins, or after "
        "upgrading it there, run python -m cpstrategy.write_core_schemas"
    )
    assert write_core_schemas.TARGET.read_text(encoding="utf-8") == write_core_schemas.source(), (
        "core_schemas.py is out of date: run python -m cpstrategy.write_core_schemas"
    )


def test_validating_imports_pydantic_core_only():
    code = (
        "import sys; from cpstrategy import models, validation\n"
        "for kind in (models.Strategy, models.ActionsFile, models.Action):\n"
        "    validation.adapter(kind)\n"
        "print('pydantic' in sys.modules, type(validation.adapter(models.Action)).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "SchemaValidator"]


def test_for_another_pydantic_core_the_validators_are_built_by_pydantic(monkeypatch):
    monkeypatch.setattr(core_schemas, "PYDANTIC_CORE_VERSION", "0.0.0")
    validation.adapter.cache_clear()
    try:
        assert isinstance(validation.adapter(models.Strategy), TypeAdapter)
    finally:
        validation.adapter.cache_clear()


def data_files() -> list[tuple[type, Path]]:
    """Every strategy, actions and items file the project has: sound ones, and the corpus of
    broken ones."""
    folders = [
        ROOT / "data",
        ROOT / "examples",
        ROOT / "tests" / "fixtures",
        ROOT / "tests" / "corpus",
    ]
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yaml")):
            parts = path.relative_to(folder).parts
            kind = next((KINDS[p] for p in parts[:-1] if p in KINDS), None)
            if path.name in ("boards.yaml", "boards.yml"):
                kind = models.BoardsFile
            if kind is not None:
                found.append((kind, path))
    return found


def plain_value(path: Path) -> Any:
    """The file's value as the loader reads it (within its limits), or None."""
    document, _ = parse_document(path, path.read_bytes())
    return document.value if document is not None else None


# Values that go wrong in every way a field can: types, dates, ids, figures, unknown keys.
ACTION = {  # an unknown key in every record
    "id": "A",
    "activity": "a",
    "x": 1,
    "progress": [{"date": "2018-01-01", "status": "complete", "x": 1}],
    "measures": [
        {
            "text": "m",
            "target": 1,
            "x": 1,
            "baseline": {"date": "2016-03-31", "value": 1, "x": 1},
            "actuals": [{"date": "2017-03-31", "value": 2, "x": 1}],
            "comparators": [{"name": "England", "date": "2017-03-31", "value": 3, "x": 1}],
        }
    ],
}
ITEM = {"id": "Y", "you_said": "s", "status": "open", "x": 1}
BOARD = {"id": "cpb", "name": "b", "x": 1}
HOSTILE = [
    {"id": "x", "title": "t", "period": {"start": "2017-02-30"}, "priorities": []},
    {"id": "bad id!", "title": "", "period": {"start": 2017}, "priorities": [{"id": 1}]},
    {"actions": [{"id": "A", "activity": "a", "measures": [{"text": "m", "target": "nan"}]}]},
    {"actions": [{"id": "A", "activity": "a", "measures": [{"txt": "m"}, 7, None, ["x"]]}]},
    {"actions": [{"id": "A", "activity": "a", "progress": [{"date": "2018-1-1", "status": "x"}]}]},
    {"actions": [{"id": "A", "activity": "a", "lead": {"a": 1}, "due": "2018-03-31"}]},
    {"actions": "none", "priority": ["p"], "extra": True},
    {"items": [{"id": "Y", "you_said": "s", "status": "done", "public": "yes", "from": 3}]},
    {"items": [{"id": "Y", "you_said": "s", "status": "open", "actions": "A-1", "raised": 1e400}]},
    {"boards": [{"id": "cpb", "name": "b", "meetings": ["2018-01-16", "soon", None]}]},
    {
        "id": "s",
        "title": "t",
        "x": 1,
        "period": {"start": "2017-04-01", "ends": "2018-03-31"},
        "priorities": [
            {"id": "p", "title": "P", "owner": 2, "themes": [{"id": "t", "title": "T", "c": 1}]}
        ],
    },
    {"priority": "p", "x": 1, "actions": [ACTION]},
    ACTION,
    {"items": [ITEM], "x": 1},
    ITEM,
    {"boards": [BOARD], "x": 1},
    BOARD,
    [],
    "text",
    None,
]


@pytest.mark.parametrize(
    ("kind", "value"),
    [(kind, plain_value(path)) for kind, path in data_files()]
    + [(kind, value) for value in HOSTILE for kind in write_core_schemas.MODELS],
)
def test_every_value_gets_what_pydantic_gives(kind, value):
    ours, theirs = validation.adapter(kind), validation.typeadapter(kind)
    assert isinstance(ours, pydantic_core.SchemaValidator)  # not pydantic's, compared with itself
    assert outcome(ours, value) == outcome(theirs, value)


def outcome(validator: Any, value: Any) -> Any:
    try:
        return validator.validate_python(value)
    except pydantic_core.ValidationError as exc:
        return exc.errors(include_url=False)


def test_there_are_files_of_every_kind_to_compare():
    kinds = {kind for kind, _ in data_files()}
    assert kinds == {models.Strategy, models.ActionsFile, models.ItemsFile, models.BoardsFile}
    assert len(data_files()) > 100


def test_a_date_read_again_is_the_same_date_and_a_wrong_one_is_refused_every_time():
    value = {"boards": [{"id": "cpb", "name": "b", "meetings": ["2018-01-16", "2018-02-30"]}]}
    for _ in range(2):
        errors = outcome(validation.adapter(models.BoardsFile), value)
        assert [(e["type"], e["loc"]) for e in errors] == [
            ("date_not_real", ("boards", 0, "meetings", 1))
        ]
    value["boards"][0]["meetings"].pop()
    first = validation.adapter(models.BoardsFile).validate_python(value)
    again = validation.adapter(models.BoardsFile).validate_python(value)
    assert first == again and first.boards[0].meetings == [date(2018, 1, 16)]


def test_what_the_writer_writes_reads_back_as_the_schema_less_its_metadata():
    schema = {
        "type": "tagged-union",
        "metadata": {"pydantic_js_functions": [object()]},
        "choices": {"metadata": {"type": "float", "le": float("inf"), "ge": float("-inf")}},
        "ref": "cpstrategy.models.Point:140234",
        "cls": models.Point,
        "function": models.IsoDate.parse,
        "fields": ["a", ("b", 1)],
    }
    source = write_core_schemas._Writer().literal(schema, 0, "schema")
    assert eval(source, {"models": models}) == {
        "type": "tagged-union",
        "choices": {"metadata": {"type": "float", "le": float("inf"), "ge": float("-inf")}},
        "ref": "cpstrategy.models.Point",
        "cls": models.Point,
        "function": models.IsoDate.parse,
        "fields": ["a", ("b", 1)],
    }
    with pytest.raises(TypeError, match=r"schema\.lambda: cannot write"):
        write_core_schemas._Writer().literal({"lambda": lambda v: v}, 0, "schema")
