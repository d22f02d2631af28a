"""Read a data folder into a Plan, collecting every problem with its file and line.

Nothing here raises for bad data: each file is read and validated on its own, then references
between files are checked. The result is the plan of every file that could be read, and the list
of problems; a command decides what the problems mean.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import checks
from .cache import (
    Checked,
    FileCache,
    SavedProblem,
    decode_model,
    digest,
    encode,
)

if TYPE_CHECKING:
    import yaml

from .models import (
    ID_PATTERN,
    UNKNOWN_KEY,
    Action,
    ActionsFile,
    BoardsFile,
    FileModel,
    Item,
    ItemsFile,
    Priority,
    Strategy,
    yaml_key,
)
from .plan import ActionRecord, ItemRecord, Plan, StrategyRecord
from .problems import DocPath, Problem, did_you_mean, error, warning
from .sources import describe_value, index_key, one_line, read_bytes
from .timescales import EveryMonths, Schedule, TimescaleError, parse_timescale

YAML_SUFFIXES = (".yaml", ".yml")
_ID = re.compile(ID_PATTERN)


@dataclass(slots=True)
class Loaded:
    plan: Plan
    problems: list[Problem]
    # Per file, the lines of the places problems usually point at (JSON text, see
    # `yamlsource.line_index`), so that showing warnings need not read the files again.
    line_indexes: dict[Path, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def located(self, problems: list[Problem] | None = None) -> list[Problem]:
        """The problems (all by default) with their lines filled in, ready to show."""
        return locate_problems(self.problems if problems is None else problems, self.line_indexes)


def load(data_dir: Path, cache_dir: Path | None = None, *, copy_of: Path | None = None) -> Loaded:
    """Load and check every file under `data_dir` (which must exist).

    With `cache_dir`, files whose bytes are unchanged since an earlier run are not read as YAML
    again: their validated contents come from the cache (see `cache`). When `data_dir` is a
    passing copy of the data folder `copy_of` (a git revision, say), that folder's cache is read
    but left as it is: entries match by path and bytes, so the copy's answers are its own.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building many small objects: the collector would only slow loading down
    try:
        return _Loader(data_dir, cache_dir, copy_of).run()
    finally:
        if gc_was_enabled:
            gc.enable()


def data_files(data_dir: Path) -> list[Path]:
    """The YAML files cpstrategy reads, in sorted path order (through a folder that is a link)."""
    found: list[Path] = []
    for sub in ("strategies", "actions", "you-said-we-did"):
        folder = data_dir / sub
        if folder.is_dir():
            found.extend(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    for name in ("boards.yaml", "boards.yml"):
        if (data_dir / name).is_file():
            found.append(data_dir / name)
    return sorted(found, key=Path.as_posix)  # all within data_dir: as by their relative paths


def files_not_read(data_dir: Path, read: list[Path]) -> list[Path]:
    """YAML files in the data folder that cpstrategy does not read: a misspelt folder or name
    (`action/`, `board.yaml`, `plan.YAML`) must not drop data without a word."""
    known = set(read)
    return sorted(
        path
        for path in data_dir.rglob("*")
        if path.suffix.lower() in YAML_SUFFIXES
        and path not in known
        and not any(part.startswith(".") for part in path.relative_to(data_dir).parts)
        and path.is_file()
    )


_NOT_A_FILE = "is not a file that can be read (a broken link, a pipe or a socket); it is not read"
_LINKED_FOLDER = (
    "is a link to a folder, which cpstrategy does not follow; nothing in it is read "
    "(move the folder here instead)"
)


def blocked_entries(data_dir: Path) -> list[tuple[Path, str]]:
    """What cpstrategy would read but cannot, which `data_files` would pass over without a
    word: under strategies/, actions/ and you-said-we-did/ (as deep as they go), a folder
    that may not be listed or is a link (links to folders are not followed), and a YAML name
    that is not a file; and a boards.yaml that is not a file."""
    import os

    found: list[tuple[Path, str]] = []
    for name in ("boards.yaml", "boards.yml"):
        path = data_dir / name
        if os.path.lexists(path) and not path.is_file() and not path.is_dir():
            found.append((path, _NOT_A_FILE))
    folders = [data_dir / sub for sub in ("strategies", "actions", "you-said-we-did")]
    folders = [folder for folder in folders if folder.is_dir()]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif entry.is_symlink() and entry.is_dir():
                        found.append((Path(entry.path), _LINKED_FOLDER))
                    elif Path(entry.name).suffix.lower() in YAML_SUFFIXES and (not entry.is_file()):
                        found.append((Path(entry.path), _NOT_A_FILE))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            found.append((folder, f"this folder cannot be read ({reason}); nothing in it is read"))
    return sorted(found)


class _Loader:
    def __init__(
        self, data_dir: Path, cache_dir: Path | None = None, copy_of: Path | None = None
    ) -> None:
        self.data_dir = data_dir
        self.cache = (
            FileCache(cache_dir, copy_of or data_dir, read_only=copy_of is not None)
            if cache_dir is not None
            else None
        )
        self.plan = Plan(data_dir)
        self.problems: list[Problem] = []
        self.first_seen: dict[str, tuple[Path, DocPath]] = {}
        self.action_files: list[tuple[Path, ActionsFile, set[int], Sequence[int]]] = []
        # Files with errors. What a lost one (nothing in it sound) defines is unknown, so
        # references to it are not reported as missing, nor references to the ids written on
        # the records left out of an actions file: their own errors say what to mend first.
        self.broken: set[Path] = set()
        self.lost: set[Path] = set()
        self.unsure_ids: set[str] = set()
        self.lost_strategies: set[str] = set()  # the ids written in lost strategy files
        self.lost_strategy_unnamed = False  # one of them has no id that can be read
        self.action_ids: set[str] = set()
        self.line_indexes: dict[Path, str] = {}
        self.shas: dict[Path, str] = {}  # the hash of the bytes of each file read
        self.paths: dict[str, Path] = {}  # each file read, by its name in the cache
        self.names: dict[Path, str] = {}  # the other way round
        # The records with errors checked without the keys in error (validation.salvage), by
        # file: their errors are real, but a warning may only be about a key taken out.
        self.mended: dict[Path, set[int]] = {}
        self.left_out_timescales: dict[Path, tuple[tuple[int, str], ...]] = {}

    def run(self) -> Loaded:
        self.problems.extend(error(path, why) for path, why in blocked_entries(self.data_dir))
        files = data_files(self.data_dir)
        not_read = files_not_read(self.data_dir, files)
        kinds = {path: kind for path in files if (kind := self.kind_of(path)) is not None}
        parsed = self.from_cache(kinds)
        checked = self.cache.checked if self.cache is not None else None
        if (
            checked is not None
            and len(parsed) == len(kinds)
            and checked.key == self.key(kinds)
            and self.restore(parsed, checked)  # the same files as last time: no need to check
        ):
            self.warn_unread(files, not_read)
            self.problems.extend(map(self.unsaved, checked.quality))
            return Loaded(self.plan, self.problems, self.line_indexes)
        unread = [(path, kind) for path, kind in kinds.items() if path not in parsed]
        with_errors: dict[Path, FileRead] = {}
        for (path, _), read in zip(unread, read_files(unread), strict=True):
            self.problems.extend(read.problems)
            if read.lines is not None:
                self.line_indexes[path] = read.lines
            if read.kept is not None or read.model is None:
                with_errors[path] = read
            else:
                parsed[path] = read.model
                self.shas[path] = read.sha
                if self.cache is not None and read.lines is not None:
                    self.cache.put(self.name(path), read.sha, read.model, read.lines)
        checked_from = len(self.problems)
        for path in kinds:  # in sorted path order, so the first of two equal ids is the first
            if path in parsed:
                self.accept(path, parsed[path])
                continue
            self.broken.add(path)
            if (part := with_errors.get(path)) is not None and part.model is not None:
                # What is sound in a file with errors is checked too: all errors in one go.
                self.accept(path, part.model, part.kept, part.left_out)
                self.left_out_timescales[path] = part.left_out_timescales
                if isinstance(part.model, ActionsFile):  # links to them cannot be judged
                    self.unsure_ids.update(written for _, written in part.left_out)
                if part.mended:
                    self.mended[path] = set(part.mended)
            else:
                self.lost.add(path)
                if kinds[path] is Strategy:
                    written = part.written_id if part is not None else ""
                    self.lost_strategies.add(written)
                    self.lost_strategy_unnamed |= not written
        for path, actions_file, claimed, positions in self.action_files:
            self.add_actions(path, actions_file, claimed, positions)
        self.check_items()
        checked_problems = self.problems[checked_from:]
        self.warn_unread(files, not_read)
        quality = checks.data_quality(self.plan)
        self.problems.extend(quality)
        if self.mended:
            self.problems = [p for p in self.problems if p.is_error or not self.about_mended(p)]
        if self.cache is not None:
            self.cache.keep_only({self.name(path) for path in parsed})
            # Kept for a folder without errors, the everyday case (an error may name a file
            # by the path given on the command line, which another run may spell otherwise).
            errors = any(problem.is_error for problem in self.problems)
            if not self.broken and not errors:
                self.cache.keep_checked(self.checked(kinds, checked_problems, quality))
            elif self.cache.checked is not None:
                self.cache.keep_checked(None)
            self.cache.save()
        return Loaded(self.plan, self.problems, self.line_indexes)

    def about_mended(self, problem: Problem) -> bool:
        where = problem.path or ()
        return len(where) > 1 and where[1] in self.mended.get(problem.file, ())

    def strategy_unknown(self, strategy_id: str) -> bool:
        """Might the strategy be defined in a file with errors and nothing sound?"""
        return self.lost_strategy_unnamed or strategy_id in self.lost_strategies

    def warn_unread(self, files: list[Path], not_read: list[Path]) -> None:
        """Warn of YAML files that are not read, and of a data folder without strategies."""
        for path in not_read:
            self.problems.append(
                warning(
                    path,
                    "not read: cpstrategy reads strategies/*.yaml, actions/<strategy-id>/*.yaml, "
                    "you-said-we-did/*.yaml and boards.yaml",
                    line=1,
                )
            )
        if not any(p.relative_to(self.data_dir).parts[0] == "strategies" for p in files):
            self.problems.append(
                warning(self.data_dir, "no strategies found; add one under strategies/")
            )

    # -- what checking the files together gave, kept in the cache -------------------------

    def key(self, kinds: dict[Path, type]) -> str:
        """A digest of every file's name and bytes: checking them again would give the same."""
        named = [(self.name(p).encode("utf-8", "surrogateescape"), self.shas[p]) for p in kinds]
        return digest(encode(named))

    def checked(
        self, kinds: dict[Path, type], problems: list[Problem], quality: list[Problem]
    ) -> Checked:
        actions: dict[str, list[tuple[int, str, Schedule | None]]] = {}
        for record in self.plan.actions:
            actions.setdefault(self.name(record.file), []).append(
                (record.index, record.priority.id, record.schedule)
            )
        items: dict[str, list[int]] = {}
        for item in self.plan.items:
            items.setdefault(self.name(item.file), []).append(item.index)
        return Checked(
            self.key(kinds),
            [self.name(record.file) for record in self.plan.strategies.values()],
            list(actions.items()),
            list(items.items()),
            [self.saved(problem) for problem in problems],
            [self.saved(problem) for problem in quality],
        )

    def restore(self, parsed: dict[Path, FileModel], checked: Checked) -> bool:
        """The plan and problems that checking these same files gave last time; False (and
        nothing changed) when what was kept does not fit the files, as a damaged cache might."""
        by_name = {self.name(path): path for path in parsed}
        plan = Plan(self.data_dir)
        for name in checked.strategies:
            strategy = parsed.get(by_name.get(name))  # type: ignore[arg-type]
            if not isinstance(strategy, Strategy):
                return False
            plan.strategies[strategy.id] = StrategyRecord(strategy, by_name[name])
        for name, entries in checked.actions:
            path = by_name.get(name)
            actions_file = parsed.get(path)  # type: ignore[arg-type]
            record = plan.strategies.get(path.parent.name) if path else None
            if not isinstance(actions_file, ActionsFile) or record is None:
                return False
            actions = actions_file.actions
            priorities = {p.id: p for p in record.strategy.priorities}
            last = -1
            for index, priority_id, schedule in entries:
                priority = priorities.get(priority_id)
                if priority is None or not last < index < len(actions):
                    return False
                plan.actions.append(ActionRecord(actions[index], record, priority, schedule,
                                                 path, index))  # fmt: skip
                last = index
        for name, indexes in checked.items:
            items_file = parsed.get(by_name.get(name))  # type: ignore[arg-type]
            if not isinstance(items_file, ItemsFile) or sorted(set(indexes)) != indexes:
                return False
            if indexes and not 0 <= indexes[0] <= indexes[-1] < len(items_file.items):
                return False
            plan.items.extend(ItemRecord(items_file.items[i], by_name[name], i) for i in indexes)
        for model in parsed.values():
            if isinstance(model, BoardsFile):
                plan.boards.extend(model.boards)
        self.plan, self.paths = plan, by_name
        self.problems.extend(map(self.unsaved, checked.problems))
        return True

    def saved(self, p: Problem) -> SavedProblem:
        return SavedProblem(self.name(p.file), p.severity, p.message, p.line, p.path, p.at_key,
                            p.hint)  # fmt: skip

    def unsaved(self, p: SavedProblem) -> Problem:
        file = self.paths.get(p.file) or self.data_dir / p.file
        return Problem(file, p.severity, p.message, p.line, p.path, p.at_key, p.hint)

    # -- one file -------------------------------------------------------------------------

    def name(self, path: Path) -> str:
        """The file's path relative to the data folder, as the cache names it."""
        name = self.names.get(path)
        if name is None:
            name = self.names[path] = path.relative_to(self.data_dir).as_posix()
        return name

    def from_cache(self, kinds: dict[Path, type]) -> dict[Path, FileModel]:
        """The files whose bytes the cache has seen, without reading them as YAML."""
        found: dict[Path, FileModel] = {}
        if self.cache is None or not self.cache.entries:
            return found
        for path, kind in kinds.items():
            raw, _ = read_bytes(path)
            if raw is None:
                continue
            sha = digest(raw)
            saved = self.cache.get(self.name(path), sha, kind)
            if saved is not None:
                found[path], self.line_indexes[path] = saved
                self.shas[path] = sha
        return found

    def accept(
        self,
        path: Path,
        parsed: FileModel,
        kept: Sequence[int] | None = None,
        left_out: Sequence[tuple[int, str]] = (),
    ) -> None:
        """Take in a file's model; `kept`, for the sound part of a file with errors: where in
        the file each of its records stood; `left_out`, where each record left out stood and
        the id written on it, which it claims all the same: a duplicate shows in the same run."""
        if isinstance(parsed, Strategy):
            self.add_strategy(path, parsed)
        elif isinstance(parsed, ActionsFile):
            positions = range(len(parsed.actions)) if kept is None else kept
            actions = zip(positions, parsed.actions, strict=True)
            claimed = self.claim_ids(path, "actions", actions, left_out)
            self.action_ids.update(a.id for a in parsed.actions)
            self.action_files.append((path, parsed, claimed, positions))
        elif isinstance(parsed, ItemsFile):
            positions = range(len(parsed.items)) if kept is None else kept
            records = dict(zip(positions, parsed.items, strict=True))
            for index in sorted(self.claim_ids(path, "items", records.items(), left_out)):
                self.plan.items.append(ItemRecord(records[index], path, index))
        elif isinstance(parsed, BoardsFile):
            self.add_boards(path, parsed, range(len(parsed.boards)) if kept is None else kept)

    def kind_of(self, path: Path) -> type | None:
        parts = path.relative_to(self.data_dir).parts
        if parts[0] == "strategies" and len(parts) == 2:
            return Strategy
        if parts[0] == "actions":
            if len(parts) == 3:
                return ActionsFile
            self.problems.append(
                error(path, "action files belong in actions/<strategy-id>/", line=1)
            )
            return None
        if parts[0] == "you-said-we-did":
            return ItemsFile
        if len(parts) == 1:
            return BoardsFile
        self.problems.append(
            error(path, "strategy files belong directly in strategies/, not in a folder", line=1)
        )
        return None

    def claim_ids(
        self,
        path: Path,
        key: str,
        records: Iterable[tuple[int, Action | Item]],
        left_out: Sequence[tuple[int, str]],
    ) -> set[int]:
        """Claim the ids of a file's records in file order, those left out too (when written
        as an id); the positions of the records (not left out) whose id was theirs to claim."""
        claims = [(index, record.id, True) for index, record in records]
        claims += [(index, written, False) for index, written in left_out if _ID.fullmatch(written)]
        return {
            index
            for index, record_id, sound in sorted(claims)
            if self.claim_id(record_id, path, (key, index, "id")) and sound
        }

    def claim_id(self, record_id: str, path: Path, where: DocPath) -> bool:
        """Record an id's first use; a later use is an error naming the first."""
        first = self.first_seen.get(record_id)
        if first is None:
            self.first_seen[record_id] = (path, where)
            return True
        first_line = line_of(*first)
        self.problems.append(
            error(
                path,
                f"duplicate id '{record_id}'; first used at {first[0]}:{first_line}",
                path=where,
            )
        )
        return False

    def add_strategy(self, path: Path, strategy: Strategy) -> None:
        if path.stem != strategy.id:
            self.problems.append(
                warning(
                    path,
                    f"strategy id '{strategy.id}' differs from its file name '{path.name}'",
                    path=("id",),
                )
            )
        period = strategy.period
        if period.end is not None and period.end < period.start:
            self.problems.append(
                error(
                    path,
                    f"period end {period.end} is before its start {period.start}",
                    path=("period", "end"),
                )
            )
        self.check_unique(
            path,
            [(p.id, ("priorities", i, "id")) for i, p in enumerate(strategy.priorities)],
            "priority",
        )
        themes = [
            (t.id, ("priorities", i, "themes", j, "id"))
            for i, p in enumerate(strategy.priorities)
            for j, t in enumerate(p.themes)
        ]
        self.check_unique(path, themes, "theme")
        self.claim_id(strategy.id, path, ("id",))
        # Its id taken first by an action or item (`actions/` sorts before `strategies/`), the
        # strategy still stands: its actions are not all "without a strategy" for that one typo.
        if strategy.id not in self.plan.strategies:
            self.plan.strategies[strategy.id] = StrategyRecord(strategy, path)

    def check_unique(self, path: Path, ids: list[tuple[str, DocPath]], what: str) -> None:
        seen: dict[str, DocPath] = {}
        for record_id, where in ids:
            if record_id in seen:
                first_line = line_of(path, seen[record_id])
                self.problems.append(
                    error(
                        path,
                        f"duplicate {what} id '{record_id}'; first used at {path}:{first_line}",
                        path=where,
                    )
                )
            else:
                seen[record_id] = where

    def add_boards(self, path: Path, parsed: BoardsFile, positions: Sequence[int]) -> None:
        ids = [(b.id, ("boards", i, "id")) for i, b in zip(positions, parsed.boards, strict=True)]
        self.check_unique(path, ids, "board")
        self.plan.boards.extend(parsed.boards)

    # -- actions, once every strategy is known --------------------------------------------

    def add_actions(
        self, path: Path, parsed: ActionsFile, claimed: set[int], positions: Sequence[int]
    ) -> None:
        folder = path.parent.name
        record = self.plan.strategies.get(folder)
        named_id = parsed.strategy
        if named_id is not None and named_id != folder:
            named = self.plan.strategies.get(named_id)
            unknowable = named is None and self.strategy_unknown(named_id)  # in a broken file?
            self.problems.append(
                error(
                    path,
                    f"strategy '{named_id}' does not match the folder "
                    f"actions/{folder}/; move the file or correct the id",
                    path=("strategy",),
                    hint=None
                    if named is not None or unknowable
                    else did_you_mean(
                        named_id, [*self.plan.strategies, *sorted(self.lost_strategies)]
                    ),
                )
            )
            if record is None and self.strategy_unknown(folder):
                return  # the folder's may be in a strategy file with errors, and may fit
            # The rest is still checked, all errors at once: against the folder's strategy if
            # it has every priority and theme the file names (the id is mistyped), else against
            # the one it names (the file is in the wrong folder); nothing more when neither fits
            # and the one it names cannot be known.
            if record is None or not _fits(parsed, record):
                if named is not None:
                    record = named
                elif unknowable:
                    return
            if record is None:
                return
        if record is None:
            if self.strategy_unknown(folder):
                return  # it may be in a strategy file with errors of its own
            self.problems.append(
                error(
                    path,
                    f"no strategy '{folder}' for the folder actions/{folder}/",
                    path=("strategy",) if parsed.strategy else (),
                    hint=did_you_mean(folder, self.plan.strategies),
                )
            )
            return
        default = None
        if parsed.priority is not None:
            default = record.priority(parsed.priority)
            if default is None:
                self.problems.append(self.unknown_priority(path, ("priority",), parsed.priority,
                                                           record))  # fmt: skip
        for index, timescale in self.left_out_timescales.get(path, ()):
            self.schedule_of(path, ("actions", index, "timescale"), timescale, record)
        file_priority_unknown = parsed.priority is not None and default is None
        for index, action in zip(positions, parsed.actions, strict=True):
            where: DocPath = ("actions", index)
            # Its priority and theme, and its timescale, are judged whatever else is wrong: its
            # id taken already, or the file's priority unknown (then only a priority of its own).
            priority = None
            if action.priority is not None or not file_priority_unknown:
                priority = self.priority_of(path, where, action, default, record)
            elif action.theme is not None:  # not a theme of the priority meant, whichever
                self.theme_of_none(path, where, action.theme, record)
            schedule = (
                self.schedule_of(path, (*where, "timescale"), action.timescale, record)
                if action.due is None and action.timescale
                else None  # with due:, the timescale is only a label
            )
            if priority is not None and index in claimed:
                self.plan.actions.append(
                    ActionRecord(action, record, priority, schedule, path, index)
                )

    def priority_of(
        self,
        path: Path,
        where: DocPath,
        action: Action,
        default: Priority | None,
        record: StrategyRecord,
    ) -> Priority | None:
        """The action's priority, if it and the action's theme are sound; else None, with the
        error said."""
        strategy = record.strategy
        priority = default
        if action.priority is not None:
            priority = record.priority(action.priority)
            if priority is None:
                self.problems.append(
                    self.unknown_priority(path, (*where, "priority"), action.priority, record)
                )
                if action.theme is not None:  # not a theme of the priority meant, whichever
                    self.theme_of_none(path, where, action.theme, record)
                return None
        if priority is None:
            self.problems.append(
                error(
                    path,
                    f"action '{action.id}' has no priority; set priority: on the action "
                    "or at the top of the file",
                    path=where,
                )
            )
            return None
        if action.theme is not None and all(t.id != action.theme for t in priority.themes):
            owner = next(
                (p.id for p in strategy.priorities if action.theme in {t.id for t in p.themes}),
                None,
            )
            message = (
                f"theme '{action.theme}' belongs to priority '{owner}', not '{priority.id}'"
                if owner
                else f"unknown theme '{action.theme}' in priority '{priority.id}'"
            )
            self.problems.append(
                error(
                    path,
                    message,
                    path=(*where, "theme"),
                    hint=None
                    if owner
                    else did_you_mean(action.theme, [t.id for t in priority.themes]),
                )
            )
            return None
        return priority

    def theme_of_none(self, path: Path, where: DocPath, theme: str, record: StrategyRecord) -> None:
        themes = [t.id for p in record.strategy.priorities for t in p.themes]
        if theme not in themes:
            self.problems.append(
                error(
                    path,
                    f"unknown theme '{theme}' in strategy '{record.id}'",
                    path=(*where, "theme"),
                    hint=did_you_mean(theme, themes),
                )
            )

    def unknown_priority(
        self, path: Path, where: DocPath, priority_id: str, record: StrategyRecord
    ) -> Problem:
        ids = [p.id for p in record.strategy.priorities]
        return error(
            path,
            f"unknown priority '{priority_id}' in strategy '{record.id}'",
            path=where,
            hint=did_you_mean(priority_id, ids)
            or f"the priorities are: {', '.join(dict.fromkeys(ids))}",
        )

    def schedule_of(
        self,
        path: Path,
        where: DocPath,
        timescale: str,
        record: StrategyRecord,
    ) -> Schedule | None:
        """The schedule of a timescale written at `where`, or None, with the error said."""
        try:
            schedule = parse_timescale(timescale)
        except TimescaleError as exc:
            self.problems.append(error(path, str(exc), path=where))
            return None
        until = getattr(schedule, "until", None)
        start = record.strategy.period.start
        if until is not None and until < (start.year, start.month):
            kind = "windows" if isinstance(schedule, EveryMonths) else "yearly due dates"
            self.problems.append(
                error(
                    path,
                    f"timescale '{one_line(timescale)}' ends before the strategy starts ({start}); "
                    f"its {kind} would never fall due",
                    path=where,
                )
            )
            return None
        return schedule

    def check_items(self) -> None:
        action_ids, unsure = self.action_ids, self.unsure_ids
        known = set(self.first_seen)
        unknowable = "" in self.unsure_ids or any(
            p.relative_to(self.data_dir).parts[0] == "actions" for p in self.lost
        )
        for record in self.plan.items:
            item = record.item
            if item.responded is not None and item.status == "open":
                self.problems.append(
                    error(
                        record.file,
                        f"item '{item.id}' is open but has a responded date; "
                        "set its status or remove responded",
                        path=(*record.path, "responded"),
                    )
                )
            for j, action_id in enumerate(item.actions):
                if action_id not in action_ids and action_id not in unsure and not unknowable:
                    why = "is not an action" if action_id in known else "does not exist"
                    self.problems.append(
                        error(
                            record.file,
                            f"linked action '{action_id}' {why}",
                            path=(*record.path, "actions", j),
                            hint=did_you_mean(action_id, action_ids),
                        )
                    )
        for record in self.plan.strategies.values():
            for j, other in enumerate(record.strategy.superseded_by):
                if other not in self.plan.strategies and not self.strategy_unknown(other):
                    self.problems.append(
                        error(
                            record.file,
                            f"superseded_by names unknown strategy '{other}'",
                            path=("superseded_by", j),
                            hint=did_you_mean(other, self.plan.strategies),
                        )
                    )


def _fits(parsed: ActionsFile, record: StrategyRecord) -> bool:
    """Whether every priority and theme an actions file names is one of the strategy's."""
    default = None
    if parsed.priority is not None:
        default = record.priority(parsed.priority)
        if default is None:
            return False
    for action in parsed.actions:
        priority = record.priority(action.priority) if action.priority is not None else default
        if priority is None:
            if action.priority is not None:
                return False
        elif action.theme is not None and all(t.id != action.theme for t in priority.themes):
            return False
    return True


# -- reading files, on both cores when there are many --------------------------------------

PARALLEL_FROM_BYTES = 2 * 1024 * 1024


@dataclass(slots=True)
class FileRead:
    """What reading one file gave: its model, or the problems that stopped it."""

    problems: list[Problem]
    sha: str = ""  # of the bytes read
    model: FileModel | None = None
    encoded: bytes | None = None  # the model as sent back by another process
    lines: str | None = None  # its line index as JSON text, compact (yamlsource.line_index)
    # When the file has errors, `model` is the part that is sound (see validation.salvage):
    # where each record it kept stood in the file, and the ids on the records left out.
    kept: tuple[int, ...] | None = None
    left_out: tuple[tuple[int, str], ...] = ()  # (position, written id) of each
    # The timescale of each action left out, as written: judged with the sound ones.
    left_out_timescales: tuple[tuple[int, str], ...] = ()
    mended: tuple[int, ...] = ()  # the records kept that are checked without keys in error
    written_id: str = ""  # of a file with errors and nothing sound: its `id:`, if it has one


def read_files(files: list[tuple[Path, type]]) -> list[FileRead]:
    """Read, parse and validate each file, in order.

    Parsing and validating YAML is most of the cost of loading a large plan, file by file, so a
    large folder is shared with a second process, forked for it, which sends back each model as
    MessagePack (cheap to pass, and decoded straight into the models). Should it fail, its files
    are read here.
    """
    if not files:
        return []
    paths = [path for path, _ in files]
    if len(files) < 2 or _total_size(paths) < PARALLEL_FROM_BYTES:
        return [_read_file(path, kind) for path, kind in files]
    import pickle

    from .forked import Forked, can_fork

    if not can_fork():
        return [_read_file(path, kind) for path, kind in files]
    from .validation import adapter

    for kind in {kind for _, kind in files}:  # built once, here, and the fork has them too
        adapter(kind)
    half = len(files) // 2
    child = Forked.start(functools.partial(_read_pickled, files[half:]))
    if child is None:  # no second process to be had (a limit on processes, say)
        return [_read_file(path, kind) for path, kind in files]
    try:
        mine = [_read_file(path, kind) for path, kind in files[:half]]
        data = child.received()
    except BaseException:  # Ctrl-C, say: the second process is ended and waited for
        child.stop()
        raise
    received = pickle.loads(data) if data else None
    if received is None or len(received) != len(files) - half:
        return mine + [_read_file(path, kind) for path, kind in files[half:]]
    for (_, kind), read in zip(files[half:], received, strict=True):
        if read.encoded is not None:
            read.model, read.encoded = decode_model(kind, read.encoded), None
    return mine + received


def _read_encoded(files: list[tuple[Path, type]], parent: int) -> list[FileRead]:
    from .forked import check_parent

    reads = []
    for path, kind in files:
        check_parent(parent)
        reads.append(_read_file(path, kind))
    for read in reads:
        if read.model is not None:  # the bytes travel; the objects would cost more to pickle
            read.model, read.encoded = None, encode(read.model)
    return reads


def _read_pickled(files: list[tuple[Path, type]], parent: int) -> bytes:
    """In the forked process: what `_read_encoded` reads, pickled (by a copy of this process,
    for this one: never read from a file)."""
    import pickle

    return pickle.dumps(_read_encoded(files, parent), protocol=pickle.HIGHEST_PROTOCOL)


def _read_file(path: Path, kind: type) -> FileRead:
    from .validation import check, salvage, written_id
    from .yamlsource import line_index, parse_document

    raw, problems = read_bytes(path)
    if raw is None:
        return FileRead(problems)
    sha = digest(raw)
    document, problems = parse_document(path, raw, quick=True)
    if document is None:
        return FileRead(problems, sha)
    model, errors, more = check(kind, document.value, document.values)
    if model is None:
        root = document.root
        if root is None:  # read quickly: the lines of its errors need the node tree
            composed, _ = parse_document(path, raw, build=False)
            root = composed.root if composed is not None else None
        read = FileRead(validation_problems(path, root, kind, errors, more), sha)
        if not more and (part := salvage(kind, document.value, errors)) is not None:
            read.model, read.kept, read.left_out, read.mended = part
            if kind is ActionsFile:
                read.left_out_timescales = _timescales_left_out(document.value, read.left_out)
        else:
            read.written_id = written_id(document.value)
        return read
    lines = document.lines  # read quickly; else from the node tree
    if lines is None and document.root is not None:
        import json

        lines = json.dumps(line_index(document.root), separators=(",", ":"))
    return FileRead([], sha, model, lines=lines)


def _timescales_left_out(
    value: Any, left_out: Sequence[tuple[int, str]]
) -> tuple[tuple[int, str], ...]:
    """The timescale written on each action left out of a file with errors (its id is in error,
    say), where it would be read (no `due:`, nor a key that may be a misspelt one): its mistakes
    are reported in the same run, not once the others are mended."""
    known = {yaml_key(f.name) for f in dataclasses.fields(Action)}
    found = []
    for index, _ in left_out:
        record = value["actions"][index]
        if not isinstance(record, dict) or record.get("due") is not None:
            continue  # with due:, the timescale is only a label
        if any(did_you_mean(str(key), ["due"]) for key in record if key not in known):
            continue  # a misspelt due:, perhaps
        timescale = record.get("timescale")
        if isinstance(timescale, str | int | float) and not isinstance(timescale, bool):
            found.append((index, str(timescale)))  # as the models read it (coerced to text)
    return tuple(found)


def _total_size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # unreadable: reading it will say why
            total += path.stat().st_size
    return total


# -- turning pydantic's errors and document paths into lines ------------------------------

# Ends the line that says a file's errors go on past those shown: the last line for its file.
MEND_THESE_FIRST = "; mend these first"
_TAGS = {"text", "indicator"}  # union tags pydantic adds to an error's location
_NOT_A_MAPPING = {"model_type", "dict_type", "model_attributes_type", "dataclass_type",
                  "dataclass_exact_type", "dataclass_args_type"}  # fmt: skip


def validation_problems(
    path: Path, root: yaml.Node | None, model: type, raw: list[Any], more: int = 0
) -> list[Problem]:
    """Each of pydantic's errors `raw` as a problem at its line; and how many `more` there are,
    at the line after the last."""
    from .yamlsource import locate

    misspelt: set[tuple[Any, ...]] = set()
    for err in raw:
        if err["type"] in UNKNOWN_KEY:
            loc = err["loc"]
            allowed = _keys_at(model, loc[:-1])
            close = did_you_mean(str(loc[-1]), allowed)
            if close:
                misspelt.add((*loc[:-1], close.split("'")[1]))
    problems = []
    for err in raw:
        loc = tuple(step for step in err["loc"] if step not in _TAGS)
        if err["type"] in ("missing", "missing_argument") and loc in misspelt:
            continue  # the unknown key next to it says "did you mean" already
        message, hint, at_key = _describe(model, err, loc)
        line = locate(root, loc, at_key=at_key) if root is not None else None
        problems.append(error(path, message, line=line, hint=hint))
    line = problems[-1].line if problems else None
    if more > 0:
        message = (
            f"{more:,} more error{'s are' if more != 1 else ' is'} not shown in this file"
            f"{MEND_THESE_FIRST}"
        )
        problems.append(error(path, message, line=line, unshown=more - 1))
    elif more < 0:  # validation.UNCOUNTED
        message = f"the rest of this file is not checked yet{MEND_THESE_FIRST}"
        problems.append(error(path, message, line=line))
    return problems


def _describe(model: type, err: Any, loc: tuple[Any, ...]) -> tuple[str, str | None, bool]:
    kind = err["type"]
    keys = [step for step in loc if isinstance(step, str)]
    key = keys[-1] if keys else None
    if loc and isinstance(loc[-1], int) and key is not None:
        key = f"each entry of {key}"  # the value is one entry of a list
    value = err.get("input")
    if kind in ("missing", "missing_argument"):
        return f"missing required key '{key}'", None, False
    if kind in UNKNOWN_KEY:
        return f"unknown key '{key}'", did_you_mean(str(key), _keys_at(model, loc[:-1])), True
    if kind == "literal_error":
        choices = _literal_choices(model, loc)
        return (
            f"unknown {key} {_kind(value)}",
            did_you_mean(str(value), choices) or f"expected one of: {', '.join(choices)}",
            False,
        )
    named = f"{key}: " if key else ""
    if kind == "id_format" and key == "id":
        return err["msg"], None, False  # "id 'x y' may hold only ...", not "id: id ..."
    if kind in {"date_format", "date_not_real", "id_format"}:
        return named + err["msg"], None, False
    if kind in {"too_short", "string_too_short", "string_pattern_mismatch"}:  # pattern: blank
        return f"{key} must not be empty" if key else "must not be empty", None, False
    if kind in _NOT_A_MAPPING:
        where = f"{key} must be" if key else "the file must hold"
        return f"{where} a mapping of keys and values, not {_kind(value)}", None, False
    if kind == "list_type":
        return f"{key} must be a list, not {_kind(value)}", _as_a_list(key, value), False
    if kind == "string_type":
        hint = (
            "YAML reads yes, no, on and off as true or false: put the text in quotes"
            if isinstance(value, bool)
            else None
        )
        return f"{named}expected text, not {_kind(value)}", hint, False
    if kind.startswith(("float", "finite_number")) and _too_large(value):
        return f"{named}{_kind(value)} is too large a number", None, False
    if kind.startswith(("float", "int", "finite_number")):  # finite: not nan or inf
        written = str(value).lower() if isinstance(value, bool) else _kind(value)  # yes: true
        return f"{named}expected a number, not {written}", None, False
    if kind.startswith("bool"):
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return (
                f"{named}expected true or false, not the text {_kind(value)}",
                ("write it without quotes"),
                False,
            )
        return f"{named}expected true or false, not {_kind(value)}", None, False
    return named + str(err["msg"]), None, False


def _as_a_list(key: str | None, value: Any) -> str | None:
    """`key: [value]`, when the one value written would be right as a list's entry and read the
    same there: due: [2020-03-31], lead: [Fostering]; not [Yes] (true), nor due: [March 2020]."""
    from .yamlsource import plain_value

    if key == "due":
        fits = isinstance(value, datetime.date) or (
            isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None
        )
    elif isinstance(value, str) and _LISTABLE.fullmatch(value):
        try:
            fits = plain_value(value) == value
        except ValueError:
            fits = False
    else:
        fits = isinstance(value, int | float) and not isinstance(value, bool)
    return f"write it as a list: {key}: [{value}]" if fits and key else None


_LISTABLE = re.compile(r"\w[\w .'/-]{0,60}")  # nothing a flow list reads otherwise
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMERAL = re.compile(r"[+-]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?")


def _too_large(value: Any) -> bool:
    """A number written out, too large for a float (not text that is no number at all)."""
    if type(value) is int:
        return True
    if not isinstance(value, str) or not _NUMERAL.fullmatch(value.strip()):
        return False
    try:
        return float(value) in (float("inf"), float("-inf"))
    except ValueError:  # "1_", say: no number
        return False


def _kind(value: Any) -> str:
    return describe_value(value)


@functools.cache
def _fields(model: type) -> dict[str, Any]:
    """A model's keys as written in YAML, and their annotations."""
    hints = typing.get_type_hints(model, include_extras=True)
    return {yaml_key(f.name): hints[f.name] for f in dataclasses.fields(model)}


def _model_at(model: type, loc: Iterable[Any]) -> type | None:
    current: type | None = model
    for step in loc:
        if current is None:
            return None
        if isinstance(step, int) or step in _TAGS:
            continue
        hint = _fields(current).get(step)
        if hint is None:
            return None
        current = _inner_model(hint)
    return current


def _inner_model(hint: Any) -> type | None:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return hint
    for arg in typing.get_args(hint):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _keys_at(model: type, loc: Iterable[Any]) -> list[str]:
    found = _model_at(model, loc)
    return list(_fields(found)) if found is not None else []


def _literal_choices(model: type, loc: tuple[Any, ...]) -> list[str]:
    parent = _model_at(model, loc[:-1])
    hint = _fields(parent).get(loc[-1]) if parent and isinstance(loc[-1], str) else None
    return [str(choice) for choice in _literals(hint)] if hint is not None else []


def _literals(hint: Any) -> Iterator[Any]:
    if typing.get_origin(hint) is typing.Literal:
        yield from typing.get_args(hint)
    else:
        for arg in typing.get_args(hint):
            yield from _literals(arg)


class _Locator:
    """Resolves document paths to lines, from a file's line index where it has the path, else
    from the file's node tree, keeping only the last file read in memory."""

    def __init__(self, line_indexes: dict[Path, str] | None = None) -> None:
        self.file: Path | None = None
        self.root: yaml.Node | None = None
        self.line_indexes = line_indexes or {}
        self.indexed: dict[Path, dict[str, int]] = {}

    def line(self, file: Path, path: DocPath, at_key: bool = False) -> int | None:
        from .yamlsource import locate, read_document

        index = self.index_of(file)
        if at_key and (found := index.get(index_key(path, at_key=True))) is not None:
            return found
        if (found := index.get(index_key(path))) is not None:
            return found
        if len(path) == 3 and (entry := index.get(index_key(path[:2]))) is not None:
            return entry  # every key of a listed record is indexed: this one is not written
        if file != self.file:
            document, _ = read_document(file, build=False) if file.is_file() else (None, [])
            self.file, self.root = file, document.root if document else None
        return locate(self.root, path, at_key) if self.root is not None else None

    def index_of(self, file: Path) -> dict[str, int]:
        if file not in self.indexed:
            import json

            try:
                self.indexed = {file: json.loads(self.line_indexes.get(file) or "{}")}
            except ValueError:
                self.indexed = {file: {}}
        return self.indexed[file]


def line_of(file: Path, path: DocPath) -> int | None:
    return _Locator().line(file, path)


def locate_problems(
    problems: list[Problem], line_indexes: dict[Path, str] | None = None
) -> list[Problem]:
    """The problems with the line of each one recorded with a document path filled in.

    A file's line index answers most; for the rest each file is read once: problems are
    resolved file by file, then put back in their order.
    """
    locator = _Locator(line_indexes or {})
    located = list(problems)
    pending = [i for i, p in enumerate(problems) if p.line is None and p.path is not None]
    for index in sorted(pending, key=lambda i: str(problems[i].file)):
        problem = problems[index]
        line = locator.line(problem.file, problem.path or (), problem.at_key)
        located[index] = Problem(
            problem.file, problem.severity, problem.message, line, None, False, problem.hint
        )
    return located
