"""Every command accepts every format its `--format` offers: each choice, run on a git copy of
the example catalog, exits 0 or 1 with output, never a usage or input error."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Any

import pytest
import typer

from govkit.cli import app
from tests.conftest import run_cli
from tests.export.conftest import commit_all, copy_example, isolated

# The arguments each command needs besides --format, on the example catalog at {root}.
ARGUMENTS = {
    "lint": ["--root", "{root}"],
    "validate": ["--root", "{root}"],
    "check": ["--root", "{root}", "--today", "2026-11-23"],
    "diff": ["HEAD", "--root", "{root}", "--today", "2026-11-23"],
    "ci": ["--base", "HEAD", "--root", "{root}", "--today", "2026-11-23"],
    "log": ["contracts", "--root", "{root}"],
    "export": ["--root", "{root}", "--dry-run"],
    "rules": ["--root", "{root}"],
    "policy test": ["--root", "{root}"],
    "plan": ["--root", "{root}", "--today", "2026-11-23"],
}


def format_choices() -> dict[str, tuple[str, ...]]:
    """Command path -> the choices of its --format, read from the command line itself."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(command: Any, path: str) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}".strip())
            return
        for param in command.params:
            choices = param.type_descriptor.annotation if param.name == "format" else None
            if isinstance(choices, type) and issubclass(choices, enum.Enum):
                found[path] = tuple(str(choice.value) for choice in choices)

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_with_a_format_is_run_here() -> None:
    assert set(format_choices()) == set(ARGUMENTS)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("formats")
    patch = isolated(base)
    patch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    try:
        root = copy_example(base / "city")
        commit_all(root)
        return root
    finally:
        patch.undo()


CASES = [(command, fmt) for command, choices in format_choices().items() for fmt in choices]


@pytest.mark.parametrize(("command", "fmt"), CASES, ids=[f"{c}-{f}" for c, f in CASES])
def test_every_advertised_format_works(
    command: str, fmt: str, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(example.parent))
    monkeypatch.setenv("XDG_CACHE_HOME", str(example.parent / "cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    arguments = [part.format(root=example) for part in ARGUMENTS[command]]
    outcome = run_cli(*command.split(), *arguments, "--format", fmt)
    assert outcome.exit_code in (0, 1), outcome.stderr
    # A GitHub annotation is written only for a finding; every other format always writes.
    assert outcome.stdout.strip() or fmt == "github", f"{command} -f {fmt} wrote nothing"
