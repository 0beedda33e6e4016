"""Fixtures of the export tests: small catalogs, git repositories with pinned dates, and the
release of the example catalog, made once per session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from govkit import api
from govkit.export.build import ExportResult
from tests.export.builders import ENVIRON, small_catalog

EXAMPLE_ROOT = Path(__file__).parents[2]
EXAMPLE_PATHS = ("govkit.yaml", "catalog", "schemas", "policies")
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git configuration, and no repository above tmp_path."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "SOURCE_DATE_EPOCH", "GOVKIT_HASH_KEY"):
        monkeypatch.delenv(name, raising=False)


def git(root: Path, *args: str, date: str = "2025-01-01T10:00:00+03:30") -> str:
    pinned = {
        "GIT_AUTHOR_NAME": "Sara Ahmadi",
        "GIT_AUTHOR_EMAIL": "s.ahmadi@example.org",
        "GIT_COMMITTER_NAME": "Sara Ahmadi",
        "GIT_COMMITTER_EMAIL": "s.ahmadi@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=root,
        env={**os.environ, **pinned},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def commit_all(
    root: Path, message: str = "catalog", date: str = "2025-01-01T10:00:00+03:30"
) -> str:
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small catalog of builders.py, not in git (export it with allow_dirty)."""
    return small_catalog(tmp_path / "city")


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """The small catalog committed in a git repository."""
    root = small_catalog(tmp_path / "city")
    commit_all(root)
    return root


def copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in EXAMPLE_PATHS:
        source = EXAMPLE_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True)
        else:
            shutil.copy2(source, target / name)
    return target


def isolated(base: Path) -> pytest.MonkeyPatch:
    patch = pytest.MonkeyPatch()
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    patch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    patch.setenv("GIT_CEILING_DIRECTORIES", str(base))
    return patch


@pytest.fixture(scope="session")
def example_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalog committed in a fresh repository (one commit, pinned date)."""
    base = tmp_path_factory.mktemp("example")
    patch = isolated(base)
    try:
        return commit_and_return(copy_example(base / "city"))
    finally:
        patch.undo()


def commit_and_return(root: Path) -> Path:
    commit_all(root)
    return root


@pytest.fixture(scope="session")
def example_release(example_repo: Path) -> ExportResult:
    """The example catalog released at `public` once for the session."""
    patch = isolated(example_repo.parent)
    try:
        return api.export(
            example_repo, out=example_repo.parent / "release", environ=ENVIRON, today=TODAY
        )
    finally:
        patch.undo()
