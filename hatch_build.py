"""Builds the compiled quick reader of plain YAML (`src/cpstrategy/_plainyaml.c`) at install.

It is an optional speed-up: where no C compiler or Python headers are found, or
`CPSTRATEGY_PURE_PYTHON=1` is set, the install goes on without it and cpstrategy reads with its
Python reader, which gives the same answers, more slowly. An editable install builds it next to
the sources (build it again after changing the C file: `pip install -e .`).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "cpstrategy._plainyaml"
SOURCE = "src/cpstrategy/_plainyaml.c"


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        package = root / "src" / "cpstrategy"
        if version == "editable":  # the package is imported from src/: none built before stays
            for old in package.glob("_plainyaml.*"):
                if old.suffix != ".c":
                    old.unlink()
        if os.environ.get("CPSTRATEGY_PURE_PYTHON") == "1":
            return
        built = _compile(root, root / "build" / "compiled")
        if built is None:
            return
        if version == "editable":
            _put(built, package / built.name)
            return
        build_data["force_include"][str(built)] = f"cpstrategy/{built.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True  # a wheel for this Python and platform only


def _put(built: Path, target: Path) -> None:
    """Copy `built` to `target` in one step: a process that has the old one loaded keeps it."""
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copy2(built, temporary)
    os.replace(temporary, target)


def _compile(root: Path, out: Path) -> Path | None:
    """The built extension module, or None (and why, on stderr) when it cannot be built."""
    try:
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext

        extension = Extension(MODULE, [SOURCE])
        command = build_ext(Distribution({"name": "cpstrategy", "ext_modules": [extension]}))
        command.build_lib = str(out)
        command.build_temp = str(out / "temp")
        cwd = os.getcwd()
        os.chdir(root)
        try:
            command.ensure_finalized()
            command.run()
        finally:
            os.chdir(cwd)
        return Path(command.get_ext_fullpath(MODULE))
    except Exception as exc:  # no compiler or headers, say: the Python reader does the work
        print(
            f"cpstrategy: the compiled YAML reader was not built ({exc}); "
            "the Python reader gives the same answers, more slowly",
            file=sys.stderr,
        )
        return None
