"""No report written to standard output can carry a GitHub Actions workflow command.

The Actions runner reads every line of a step's output, leading spaces trimmed, and runs
any that starts with `::`. Only the github format may write such lines, and only its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govkit.reporters.escape import safe
from tests.conftest import run_cli
from tests.hostile.conftest import DATA

FORGED = ["::error file=catalog/x.yaml,line=1::FORGED", "::stop-commands::pwned"]


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "markdown"])
def test_catalog_text_cannot_start_a_line_with_a_workflow_command(catalog: Path, fmt: str) -> None:
    # A quoted header cell may hold line breaks, and the header reaches the messages.
    labels = "\n".join(["programme", *FORGED, "  " + FORGED[0]])
    (catalog / DATA).write_text(f'"{labels}",approved\nroads,12\n', encoding="utf-8")

    outcome = run_cli("validate", "--root", str(catalog), "--format", fmt)

    assert outcome.exit_code == 1, outcome.stderr
    assert "FORGED" in outcome.stdout  # the text is there, only made harmless
    commands = [line for line in outcome.stdout.splitlines() if line.lstrip().startswith("::")]
    assert commands == []


@pytest.mark.parametrize("multiline", [True, False])
def test_safe_escapes_a_workflow_command_at_a_line_start(multiline: bool) -> None:
    text = "  ::warning::x\n::error::y\tz::ok"

    escaped = safe(text, multiline=multiline)

    assert not any(line.lstrip().startswith("::") for line in escaped.splitlines())
    assert "z::ok" in escaped  # inside a line, `::` is harmless and kept
