"""JSON Schema of each kind of data file, generated from the models by pydantic, so that an editor
(yaml-language-server) can check a file while it is typed.

The models stay the one source of truth: this module only adds what JSON Schema cannot learn from
them (the schema dialect, a title and a description), and says in JSON Schema what the models do
in code: a number is read as text where text is expected (`timescale: 2019`). The dialect is
draft-07, the one yaml-language-server checks. It never reads or writes files.
"""

from __future__ import annotations

import json
from typing import Any

from .models import ID_PATTERN, NOT_BLANK, ActionsFile, BoardsFile, ItemsFile, Strategy

DIALECT = "http://json-schema.org/draft-07/schema#"
DEFINITIONS = "definitions"  # draft-07's name for what 2020-12 calls $defs

# kind -> (model, what the file is); the kind names the schema file, `<kind>.schema.json`.
KINDS: dict[str, tuple[type, str]] = {
    "strategy": (Strategy, "A cpstrategy strategy: its period, priorities, themes and outcomes."),
    "actions": (ActionsFile, "A cpstrategy action plan file: actions and their progress."),
    "you-said-we-did": (
        ItemsFile,
        'A cpstrategy "You said, we did" file: what children and young people raised, and the '
        "response.",
    ),
    "boards": (BoardsFile, "The cpstrategy boards file: boards and their meeting dates."),
}

# Where each kind lives in a data folder, and so which schema a file there follows.
FOLDERS = {"strategies": "strategy", "actions": "actions", "you-said-we-did": "you-said-we-did"}
MODELINE = "# yaml-language-server: $schema="


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def kind_of(relative: str) -> str | None:
    """The kind of the data file at `relative` (a path inside the data folder, with /)."""
    parts = relative.split("/")
    if len(parts) == 1:
        return "boards" if parts[0] in ("boards.yaml", "boards.yml") else None
    return FOLDERS.get(parts[0])


def schema_of(kind: str) -> dict[str, Any]:
    from .validation import typeadapter

    model, description = KINDS[kind]
    generated = typeadapter(model, described=True).json_schema(
        by_alias=True, ref_template=f"#/{DEFINITIONS}/{{model}}"
    )
    generated = _numbers_as_text(_draft_07(generated))
    definitions = generated.pop("$defs", None)
    return {
        "$schema": DIALECT,
        "title": f"cpstrategy {kind} file",
        **({DEFINITIONS: definitions} if definitions else {}),
        **{k: v for k, v in generated.items() if k != "title"},
        "description": description,
    }


def _draft_07(node: Any) -> Any:
    """In draft-07 a `$ref` ignores the keywords beside it: put the reference in an allOf."""
    if isinstance(node, list):
        return [_draft_07(child) for child in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft_07(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        return {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


# Text that the models check by its form (a date, a status word) is text only.
_FORMED = frozenset({"format", "pattern", "enum", "const"})


def _numbers_as_text(node: Any) -> Any:
    """Every text that pydantic reads a number into (`coerce_numbers_to_str`) takes a number in
    the schema too. Not a list written as its one entry (`lead: Fostering`): a lone number
    there is refused, as the models refuse it."""
    if isinstance(node, list):
        return [_numbers_as_text(child) for child in node]
    if not isinstance(node, dict):
        return node
    converted = {}
    for key, value in node.items():
        if key == "anyOf" and _one_or_many(value):
            converted[key] = [value[0], *_numbers_as_text(value[1:])]
        else:
            converted[key] = _numbers_as_text(value)
    formed = _FORMED & converted.keys()
    if converted.get("pattern") in (NOT_BLANK, ID_PATTERN):  # numbers are read as such text
        formed.discard("pattern")
    if converted.get("type") == "string" and not formed:
        converted["type"] = ["string", "number"]
    return converted


def _one_or_many(choices: Any) -> bool:
    """`anyOf: [X, {type: array, items: X}, {type: null}]`: a list that may be written as its
    one entry (or with no value)."""
    return (
        isinstance(choices, list)
        and len(choices) == 3
        and isinstance(choices[1], dict)
        and choices[1].get("type") == "array"
        and choices[1].get("items") == choices[0]
    )


def schema_text(kind: str) -> str:
    """The schema as the repository ships it: stable key order, two-space indent, final newline."""
    return json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(relative_schema: str) -> str:
    return MODELINE + relative_schema
