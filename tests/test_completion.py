"""Shell completion: `govkit --show-completion` prints a script, and the shell's requests are
answered with govkit's commands and options."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from govkit.cli import app


def complete(words: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What bash's completion asks govkit for `words` (the last one being completed)."""
    monkeypatch.setenv("_GOVKIT_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    result = CliRunner().invoke(app, [], prog_name="govkit")
    return result.stdout.split()


def test_show_completion_prints_a_bash_script() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="govkit")
    assert result.exit_code == 0
    assert "_govkit_completion" in result.stdout
    assert "complete_bash" in result.stdout


def test_commands_and_options_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    assert complete("govkit li", monkeypatch) == ["lint"]
    assert "--fail-on" in complete("govkit lint --fa", monkeypatch)
    assert complete("govkit rules --format m", monkeypatch) == ["markdown"]


def test_install_completion_writes_into_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["--install-completion", "bash"], prog_name="govkit")
    assert result.exit_code == 0, result.output
    assert "govkit" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
