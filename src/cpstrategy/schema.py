"""JSON Schema of each kind of data file, generated from the models by pydantic, so that an editor
(yaml-language-server) can check a file while it is typed.

The models stay the one source of truth: this module only adds what JSON Schema cannot learn from
them (the schema dialect, a title and a description). It never reads or writes files.
"""

from __future__ import annotations

import json
from typing import Any

from .models import ActionsFile, BoardsFile, ItemsFile, Strategy

DIALECT = "https://json-schema.org/draft/2020-12/schema"

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
    from .validation import adapter

    model, description = KINDS[kind]
    generated = adapter(model).json_schema(by_alias=True)
    return {
        "$schema": DIALECT,
        "title": f"cpstrategy {kind} file",
        **{k: v for k, v in generated.items() if k != "title"},
        "description": description,
    }


def schema_text(kind: str) -> str:
    """The schema as the repository ships it: stable key order, two-space indent, final newline."""
    return json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(relative_schema: str) -> str:
    return MODELINE + relative_schema
