"""`govkit init` scaffolding: what it writes, that it lints clean, and that it never half-writes."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from govkit import __version__, api, frictionless_safe, scaffold
from govkit.atomic import write_atomic
from govkit.errors import GovkitError
from govkit.scaffold import init_catalog

EXPECTED = [
    ".github/workflows/govkit.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "catalog/finance/budget.yaml",
    "catalog/finance/budget/budget-1403.csv",
    "catalog/units.yaml",
    "govkit.yaml",
    "policies/local.yaml",
    "schemas/budget.schema.yaml",
]
REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_template_is_read_from_the_package() -> None:
    assert list(scaffold.template_files()) == EXPECTED


def test_init_new_folder_writes_the_template_and_lints_clean(tmp_path: Path) -> None:
    target = tmp_path / "city-catalog"

    written = init_catalog(target)

    assert written == EXPECTED
    assert files_under(target) == EXPECTED
    for relative, content in scaffold.template_files().items():
        assert (target / relative).read_bytes() == content
    assert api.lint(root=target).findings == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city-catalog"]


def test_init_checks_clean_and_its_own_pack_passes_its_cases(tmp_path: Path) -> None:
    target = tmp_path / "city-catalog"
    init_catalog(target)

    assert api.check(root=target, scan=True).findings == ()
    tests = api.policy_test(root=target)
    assert [test.pack.id for test in tests] == ["ir-foi", "access-levels", "governance", "local"]
    assert all(not test.failures for test in tests)


def test_init_creates_missing_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "catalog"

    assert init_catalog(target) == EXPECTED
    assert files_under(target) == EXPECTED


def test_init_existing_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()

    assert init_catalog(target) == EXPECTED
    assert files_under(target) == EXPECTED
    assert api.lint(root=target).findings == ()


def test_init_a_fresh_git_repository(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / ".git").mkdir(parents=True)

    assert init_catalog(target) == EXPECTED
    assert files_under(target) == EXPECTED


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("existing", [False, True])
def test_scaffold_has_the_usual_permissions(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "catalog"
    if existing:
        target.mkdir()

    init_catalog(target)

    assert stat.S_IMODE(target.stat().st_mode) == 0o755
    for relative in EXPECTED:
        assert stat.S_IMODE((target / relative).stat().st_mode) == 0o644, relative


def test_init_refuses_a_non_empty_folder_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(GovkitError, match=r"is not empty.*--force"):
        init_catalog(target)

    assert files_under(target) == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "catalog"
    target.write_text("not a folder", encoding="utf-8")

    with pytest.raises(GovkitError, match="not a folder"):
        init_catalog(target, force=True)

    assert target.read_text(encoding="utf-8") == "not a folder"


def test_init_refuses_a_symlinked_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)

    with pytest.raises(GovkitError, match="symbolic link"):
        init_catalog(link)

    assert list(real.iterdir()) == []


def test_force_adds_files_next_to_the_users_own(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / ".git").mkdir(parents=True)
    (target / "notes.txt").write_text("mine", encoding="utf-8")

    assert init_catalog(target, force=True) == EXPECTED

    assert files_under(target) == sorted([*EXPECTED, "notes.txt"])
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_force_never_overwrites_and_names_each_conflict(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / "catalog").mkdir(parents=True)
    (target / "README.md").write_text("my readme", encoding="utf-8")
    (target / "catalog" / "units.yaml").write_text("units: []\n", encoding="utf-8")

    with pytest.raises(GovkitError) as caught:
        init_catalog(target, force=True)

    message = str(caught.value)
    assert "README.md already exists" in message
    assert "catalog/units.yaml already exists" in message
    assert "never overwrites" in message
    assert files_under(target) == ["README.md", "catalog/units.yaml"]
    assert (target / "README.md").read_text(encoding="utf-8") == "my readme"


def test_force_never_writes_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "repo"
    target.mkdir()
    (target / "schemas").symlink_to(outside, target_is_directory=True)

    with pytest.raises(GovkitError, match="schemas is a symbolic link"):
        init_catalog(target, force=True)

    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == ["schemas"]


def test_failed_rename_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new" / "catalog"

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(GovkitError, match="No space left on device"):
        init_catalog(target)

    assert list(tmp_path.iterdir()) == []


def test_failure_while_staging_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "catalog"
    real_fsync = os.fsync
    calls = 0

    def fsync_then_fail(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_fail)
    with pytest.raises(GovkitError, match="Input/output error"):
        init_catalog(target)

    assert list(tmp_path.iterdir()) == []


def test_failure_in_an_existing_folder_removes_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    calls = 0

    def write_then_fail(path: Path, content: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 6:
            raise OSError(13, "Permission denied")
        write_atomic(path, content)

    monkeypatch.setattr("govkit.scaffold.write_atomic", write_then_fail)
    with pytest.raises(GovkitError, match="Permission denied"):
        init_catalog(target, force=True)

    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert list(tmp_path.iterdir()) == [target]


def test_workflow_gates_pull_requests_and_checks_pushes_to_main(tmp_path: Path) -> None:
    init_catalog(tmp_path / "c")
    workflow = load(tmp_path / "c" / ".github" / "workflows" / "govkit.yml")

    # YAML 1.1 (PyYAML) reads the key `on` as True; GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    checkout = next(s for s in steps if s.get("uses") == "actions/checkout@v4")
    assert checkout["with"]["fetch-depth"] == 0  # the base must be in the clone
    setup = next(s for s in steps if s.get("uses") == "actions/setup-python@v5")
    assert setup["with"]["python-version"] == "3.11"
    runs = {s["run"]: s.get("if") for s in steps if "run" in s}
    assert f'pip install "govkit=={__version__}"' in runs  # the version it was made with
    gate = "govkit ci --base origin/${{ github.base_ref }}"
    assert runs[gate] == "github.event_name == 'pull_request'"
    # The release judgment once, with its annotations and summary: no second run, no --scan.
    assert runs["govkit check --level public"] == "github.event_name != 'pull_request'"
    assert [run for run in runs if run.startswith("govkit")] == [
        gate,
        "govkit check --level public",
    ]


def test_pre_commit_config_runs_govkit_lint_on_catalog_files(tmp_path: Path) -> None:
    init_catalog(tmp_path / "c")
    config = load(tmp_path / "c" / ".pre-commit-config.yaml")

    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["id"] == "govkit-lint"
    assert hook["entry"] == "govkit lint"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("govkit.yaml", "catalog/finance/budget.yaml", "schemas/x.yaml", "policies/p.yaml"):
        assert files.search(path), path
    for path in ("README.md", "dist/x.zip", "notes/catalog/x.yaml"):
        assert not files.search(path), path


def test_published_hook_matches_the_scaffolds_hook() -> None:
    template = yaml.safe_load(scaffold.template_files()[".pre-commit-config.yaml"])
    (local,) = template["repos"][0]["hooks"]
    (published,) = load(REPO_ROOT / ".pre-commit-hooks.yaml")

    assert published["id"] == local["id"]
    assert published["entry"] == local["entry"]
    assert published["files"] == local["files"]
    assert published["language"] == "python"
    assert published["pass_filenames"] is False
    assert published["description"]


def test_scaffold_table_schema_is_a_valid_descriptor(tmp_path: Path) -> None:
    init_catalog(tmp_path / "c")
    descriptor = load(tmp_path / "c" / "schemas" / "budget.schema.yaml")
    frictionless = frictionless_safe.load()

    assert frictionless.Schema.validate_descriptor(descriptor).errors == []
    assert descriptor["primaryKey"] == ["fiscal_year", "district", "program_code"]
    assert all(re.search("[\u0600-\u06ff]", f["title"]) for f in descriptor["fields"])


def test_scaffold_data_matches_its_table_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "c"
    init_catalog(root)
    frictionless = frictionless_safe.load()
    schema = frictionless.Schema.from_descriptor(load(root / "schemas" / "budget.schema.yaml"))
    # frictionless only reads relative paths inside its base folder (untrusted mode).
    monkeypatch.chdir(root)

    resource = frictionless.Resource(path="catalog/finance/budget/budget-1403.csv", schema=schema)
    report = frictionless.validate(resource)

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.task.stats["rows"] == 5
