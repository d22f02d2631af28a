"""`init`: the files of a new strategy repository, from the template shipped in the package.

The template holds one commented example of each data file, a README for officers, a pre-commit
configuration and a CI example; the JSON Schemas are generated fresh from the models. Nothing here
writes: the caller decides whether the files may be written.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .schema import KINDS, file_name, schema_text

TEMPLATE = "init_template"
# Template names starting with this stand for dotfiles, which packaging tools like to drop.
DOT = "dot-"


def repository_files(target: Path) -> dict[Path, bytes]:
    """Every file of a new repository at `target`, by path."""
    files: dict[Path, bytes] = {}
    root = resources.files("cpstrategy") / TEMPLATE
    for parts, entry in _walk(root, ()):
        files[target.joinpath(*parts)] = entry.read_bytes()
    for kind in KINDS:
        files[target / "schemas" / file_name(kind)] = schema_text(kind).encode("utf-8")
    return dict(sorted(files.items()))


def example_data(files: dict[Path, bytes], target: Path) -> dict[Path, bytes]:
    """The files of `files` that are example data, under `target`/data."""
    data = target / "data"
    return {path: text for path, text in files.items() if path.is_relative_to(data)}


def mixes_into_plan(files: dict[Path, bytes], target: Path) -> list[Path]:
    """The data files already in `target`/data, when writing `files` would add examples beside
    them (a missing or different example file): an empty list when that is safe."""
    from .loading import data_files

    examples = example_data(files, target)
    existing = data_files(target / "data") if (target / "data").is_dir() else []
    if not existing:
        return []
    differs = any(
        not path.is_file() or path.read_bytes() != text for path, text in examples.items()
    )
    return existing if differs else []


def _walk(folder: Traversable, parts: tuple[str, ...]) -> list[tuple[tuple[str, ...], Traversable]]:
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name == "__pycache__" or name.endswith(".pyc"):
            continue
        if name.startswith(DOT):
            name = "." + name[len(DOT) :]
        if entry.is_dir():
            found.extend(_walk(entry, (*parts, name)))
        else:
            found.append(((*parts, name), entry))
    return found
