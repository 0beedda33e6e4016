"""gitio: a commit's tree as a catalog Tree, changed paths, history, a catalog in a subfolder."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from govkit import gitio
from govkit.catalog.loader import load_catalog
from govkit.catalog.tree import Kind
from govkit.gitio import ChangedPath, Repository
from tests.conftest import run_cli
from tests.git.catalog import CLEAN_CATALOG
from tests.git.conftest import GitRepo

BUDGET = "catalog/finance/budget.yaml"


def test_a_commit_tree_is_read_not_the_working_directory(repo: GitRepo) -> None:
    repo.edit(BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")  # not committed
    (repo.root / "catalog/services/complaints.yaml").unlink()

    with Repository(repo.root) as repository:
        tree = repository.tree(repository.head())
        catalog, findings = load_catalog(tree)

    assert findings == []
    assert sorted(e.model.id for e in catalog.datasets) == ["budget", "complaints", "permits"]
    budget = next(e for e in catalog.datasets if e.model.id == "budget")
    assert budget.model.license == "CC-BY-4.0"
    assert tree.label == f"HEAD ({repo.shas[0][:7]})"


def test_kinds_of_blobs_links_folders_and_submodules(repo: GitRepo) -> None:
    os.symlink("../govkit.yaml", repo.root / "catalog/link.yaml")
    os.symlink("/etc", repo.root / "schemas/etc")
    repo.write("catalog/finance/budget/raw.parquet", b"PAR1\x00\x01\x02\xffPAR1")
    repo.git("add", "-A")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{repo.shas[0]},catalog/vendored")
    repo.commit("links, a binary file, a submodule", stage=False)

    with Repository(repo.root) as repository:
        tree = repository.tree(repository.head())

        assert tree.kind("catalog") is Kind.DIRECTORY
        assert tree.kind(BUDGET) is Kind.FILE
        assert tree.kind("catalog/link.yaml") is Kind.SYMLINK
        assert tree.kind("schemas/etc") is Kind.SYMLINK
        assert tree.kind("schemas/etc/passwd") is Kind.SYMLINK  # below a link is a link
        assert tree.kind("catalog/vendored") is Kind.OTHER
        assert tree.kind("catalog/nothing.yaml") is Kind.MISSING
        assert tree.read("catalog/finance/budget/raw.parquet").startswith(b"PAR1\x00")
        with pytest.raises(OSError, match="symbolic link") as link:
            tree.read("catalog/link.yaml")
        assert link.value.errno == errno.ELOOP
        with pytest.raises(FileNotFoundError):
            tree.read("catalog/nothing.yaml")
        with pytest.raises(IsADirectoryError):
            tree.read("catalog/vendored")
        assert "catalog/link.yaml" in tree.files("catalog", (".yaml",))
        assert "catalog/vendored" not in tree.files("catalog", ("",))


def test_changed_paths_between_commits_and_against_the_working_tree(repo: GitRepo) -> None:
    repo.git("mv", "catalog/services/permits.yaml", "catalog/services/building-permits.yaml")
    repo.edit(BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")
    repo.write("README.md", "not a catalog file\n")
    repo.commit("move permits, relicense budget")
    repo.write("schemas/new.schema.yaml", "fields: []\n")  # untracked
    repo.write("catalog/ignored.yaml", "id: ignored\n")
    repo.write(".gitignore", "catalog/ignored.yaml\n")

    with Repository(repo.root) as repository:
        first, second = repository.resolve(repo.shas[0]), repository.resolve("HEAD")
        between = repository.changed(first, second)
        with_tree = repository.changed(second, None)

    assert sorted(between, key=lambda c: c.path) == [
        ChangedPath("M", BUDGET),
        ChangedPath("R", "catalog/services/building-permits.yaml", "catalog/services/permits.yaml"),
    ]
    assert with_tree == [ChangedPath("A", "schemas/new.schema.yaml")]


def test_history_follows_a_renamed_entry(repo: GitRepo) -> None:
    repo.git("mv", "catalog/services/permits.yaml", "catalog/services/building-permits.yaml")
    repo.commit("rename permits", author="ali")
    repo.edit("catalog/services/building-permits.yaml", "version: '1.0'", "version: '1.1'")
    repo.commit("permits 1.1")

    with Repository(repo.root) as repository:
        history = repository.history("catalog/services/building-permits.yaml", repository.head())

    assert [(r.sha, r.path) for r in history] == [
        (repo.shas[2], "catalog/services/building-permits.yaml"),
        (repo.shas[1], "catalog/services/building-permits.yaml"),
        (repo.shas[0], "catalog/services/permits.yaml"),
    ]
    assert history[1].author == "Ali Rezaei"
    assert history[1].date == "2025-01-02T10:00:00+03:30"


def test_a_catalog_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "monorepo"
    top.mkdir()
    outer = GitRepo(top)
    outer.git("init", "-q")
    for relative, content in CLEAN_CATALOG.items():
        outer.write(f"open-data/{relative}", content)
    outer.write("catalog/not-ours.yaml", "id: not-ours\n")  # outside the catalog root
    outer.commit("the catalog, in a folder")
    outer.write("src/app.py", "print('not the catalog')\n")
    outer.edit("open-data/" + BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")
    outer.write("catalog/not-ours.yaml", "id: [broken\n")
    outer.commit("relicense budget")

    outcome = run_cli("diff", "HEAD~1", "--root", str(top / "open-data"), "-f", "json")

    assert outcome.exit_code == 0, outcome.stderr
    assert [(f["code"], f["path"]) for f in json.loads(outcome.stdout)["findings"]] == [
        ("GK514", BUDGET)
    ]
    with Repository(top / "open-data") as repository:
        assert repository.prefix == "open-data"
        tree = repository.tree(repository.head())
        assert tree.kind("govkit.yaml") is Kind.FILE
        assert tree.kind("src") is Kind.MISSING


def test_git_config_is_added_after_the_callers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.name")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "CI")

    variables = gitio._environment()

    assert variables["GIT_CONFIG_KEY_1"] == "protocol.allow"
    assert variables["GIT_CONFIG_VALUE_1"] == "never"
    assert int(variables["GIT_CONFIG_COUNT"]) == 1 + len(gitio._CONFIG)
    assert variables["GIT_TERMINAL_PROMPT"] == "0"
    assert "GIT_CONFIG_KEY_0" not in variables  # the caller's own stays as it was
