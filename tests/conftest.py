"""Shared test fixtures. Tests never touch the network: any connection attempt fails."""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from govkit.cli import app

CORPUS = Path(__file__).parent / "corpus"

# CI runs the property tests on the same examples every time (`.ci/run` sets the profile),
# so that a run is repeatable; locally they explore new ones, and keep what failed.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> Outcome:
    """Run the govkit command line in-process, keeping stdout and stderr apart."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the small valid catalog in tests/corpus/base."""
    root = tmp_path / "catalog-root"
    shutil.copytree(CORPUS / "base", root, symlinks=True)
    return root
