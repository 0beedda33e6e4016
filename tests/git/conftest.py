"""Real git repositories built in tmp_path, with authors and dates pinned, and no network.

Every test here runs git as a subprocess (never the user's configuration: no
global or system config, HOME in tmp_path) and govkit reads the repository
through its own git calls. `GIT_CEILING_DIRECTORIES` keeps git from finding a
repository above tmp_path, so "not a repository" means what it says.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.git.catalog import CLEAN_CATALOG

AUTHORS = {
    "sara": ("Sara Ahmadi", "s.ahmadi@example.org"),
    "ali": ("Ali Rezaei", "a.rezaei@example.org"),
}
TODAY = "2025-06-01"


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)


@dataclass
class GitRepo:
    """A catalog in a git repository; each commit one day after the last, from 2025-01-01."""

    root: Path
    commits: int = 0
    shas: list[str] = field(default_factory=list)

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
            cwd=self.root,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def commit(self, message: str, author: str = "sara", *, stage: bool = True) -> str:
        """Commit everything (or, with `stage=False`, the index as it is); returns the id."""
        self.commits += 1
        name, email = AUTHORS[author]
        date = f"2025-01-{self.commits:02d}T10:00:00+03:30"
        pinned = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }
        if stage:
            self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, env=pinned)
        sha = self.git("rev-parse", "HEAD")
        self.shas.append(sha)
        return sha

    def line_of(self, relative: str, text: str) -> int:
        """1-based line of the first line of a file that contains `text`."""
        lines = (self.root / relative).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if text in line)


def make_repo(root: Path) -> GitRepo:
    root.mkdir(parents=True, exist_ok=True)
    repo = GitRepo(root)
    repo.git("init", "-q")
    for relative, content in CLEAN_CATALOG.items():
        repo.write(relative, content)
    repo.commit("the catalog")
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A clean catalog (two datasets, the ir-foi, access-levels and governance packs) in a
    repository on branch main, one commit."""
    return make_repo(tmp_path / "city")
