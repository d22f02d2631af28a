"""`init DIR`: a new strategy repository that validates at once and shows how to work with it."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import jsonschema
import yaml

from cpstrategy.schema import MODELINE, file_name, kind_of, schema_text
from cpstrategy.yamlsource import parse_document

FILES = [
    ".github/workflows/validate.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "data/actions/corporate-parenting-2025/good-parenting.yaml",
    "data/actions/corporate-parenting-2025/successful-adult-lives.yaml",
    "data/boards.yaml",
    "data/strategies/corporate-parenting-2025.yaml",
    "data/you-said-we-did/you-said-we-did.yaml",
    "schemas/actions.schema.json",
    "schemas/boards.schema.json",
    "schemas/strategy.schema.json",
    "schemas/you-said-we-did.schema.json",
]


def listing(folder: Path) -> list[str]:
    return sorted(
        str(Path(root, name).relative_to(folder)) for root, _, names in os.walk(folder)
        for name in names
    )  # fmt: skip


def test_init_writes_a_repository_that_validates_strictly_at_once(cli, tmp_path):
    repo = tmp_path / "our-strategy"
    result = cli("init", repo)
    assert result.exit_code == 0, result.stderr
    assert listing(repo) == FILES
    assert result.stdout.splitlines()[-1] == (
        f"13 of 13 files written in {repo}. Next: cd {repo}, git init, change the examples in "
        "data/ to your own plan, and run cpstrategy validate"
    )
    check = cli("--data", repo / "data", "validate", "--strict")
    assert check.exit_code == 0, check.stderr
    assert (
        check.stdout == f"{repo / 'data'}: 1 strategy, 3 actions, 1 item; no errors, 0 warnings\n"
    )


def test_init_data_names_the_shipped_schemas_and_obeys_them(cli, tmp_path):
    repo = tmp_path / "repo"
    cli("init", repo)
    for kind in ("strategy", "actions", "you-said-we-did", "boards"):
        assert (repo / "schemas" / file_name(kind)).read_text() == schema_text(kind)
    for path in sorted((repo / "data").rglob("*.yaml")):
        text = path.read_text()
        first = text.splitlines()[0]
        assert first.startswith(MODELINE), path
        schema_path = (path.parent / first.removeprefix(MODELINE)).resolve()
        kind = kind_of(path.relative_to(repo / "data").as_posix())
        assert schema_path == (repo / "schemas" / file_name(kind)).resolve()
        schema = json.loads(schema_path.read_text())
        document, _ = parse_document(path, path.read_bytes())  # dates stay text, as in editors
        checker = jsonschema.Draft7Validator.FORMAT_CHECKER  # yaml-language-server's draft
        validator = jsonschema.Draft7Validator(schema, format_checker=checker)
        assert [e.message for e in validator.iter_errors(document.value)] == [], path


def test_the_readme_update_commands_work_on_the_new_repository(cli, tmp_path):
    repo = tmp_path / "repo"
    cli("init", repo)
    commands = [
        shlex.split(line)[1:]
        for line in (repo / "README.md").read_text().splitlines()
        if line.startswith("cpstrategy update ")
    ]
    assert len(commands) == 2
    for args in commands:
        result = cli("--data", repo / "data", *args)  # dated today
        assert result.exit_code == 0, result.stderr
    check = cli("--data", repo / "data", "validate", "--strict")
    assert check.exit_code == 0, check.stderr


def test_the_pre_commit_configuration_runs_validate_on_the_data(cli, tmp_path):
    repo = tmp_path / "repo"
    cli("init", repo)
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert hook["entry"] == "cpstrategy --data data validate"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True  # also on a commit that only deletes files
    # The published hook's example: its args replace the hook's own `[validate]`
    text = (repo / ".pre-commit-config.yaml").read_text()
    examples = [line for line in text.splitlines() if line.lstrip("# ").startswith("args:")]
    assert examples and all(line.rstrip().endswith("validate]") for line in examples)
    workflow = yaml.safe_load((repo / ".github/workflows/validate.yml").read_text())
    assert workflow["jobs"]["validate"]["steps"][-1]["run"] == (
        "cpstrategy --data data validate --strict"
    )


def test_init_keeps_other_files_and_will_not_overwrite_without_force(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "notes.txt").write_text("ours\n")
    assert cli("init", repo).exit_code == 0
    assert (repo / "notes.txt").read_text() == "ours\n"

    again = cli("init", repo)
    assert again.exit_code == 0
    assert again.stdout.startswith("0 of 13 files written")

    readme = repo / "README.md"
    readme.write_text("Our own README\n")
    refused = cli("init", repo)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"cpstrategy: error: '{readme}' already exists; nothing written; "
        "use --force to replace it\n"
    )
    assert readme.read_text() == "Our own README\n"

    forced = cli("init", repo, "--force")
    assert forced.exit_code == 0
    assert (
        forced.stdout
        == f"{readme}\n1 of 13 files written in {repo}."
        + (forced.stdout.split(f"in {repo}.", 1)[1])
    )
    assert readme.read_text().startswith("# Our corporate parenting strategy")


def test_init_will_not_mix_its_examples_into_a_plan_and_force_leaves_the_plan_alone(cli, tmp_path):
    repo = tmp_path / "repo"
    plan = repo / "data" / "strategies" / "ours.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text("id: ours\ntitle: Ours\nperiod: {start: 2025-04-01}\npriorities:\n"
                    "  - {id: homes, title: Homes}\n")  # fmt: skip
    refused = cli("init", repo)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"cpstrategy: error: '{repo / 'data'}' holds a plan already (1 data file); the examples "
        "would mix into it; nothing written; to refresh only the files outside data/ (README, "
        "schemas, pre-commit and CI set-up), use --force\n"
    )
    assert listing(repo) == ["data/strategies/ours.yaml"]

    forced = cli("init", repo, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr == f"'{repo / 'data'}' holds a plan already: no examples written into it\n"
    assert forced.stdout.splitlines()[-1] == (
        f"8 of 8 files written in {repo}. Next: cd {repo}, run cpstrategy validate, and commit "
        "what changed"
    )
    again = cli("init", repo, "--force")
    assert (
        again.stdout.splitlines()[-1] == f"0 of 8 files written in {repo}. Nothing needed changing."
    )
    assert listing(repo) == sorted(
        [f for f in FILES if not f.startswith("data/")] + ["data/strategies/ours.yaml"]
    )
    check = cli("--data", repo / "data", "validate")
    assert check.stdout.startswith(f"{repo / 'data'}: 1 strategy, 0 actions, 0 items; no errors")


def test_init_on_a_file_exits_1(cli, tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("x")
    result = cli("init", target)
    assert result.exit_code == 1
    assert result.stderr == f"cpstrategy: error: '{target}' is a file, not a folder\n"
