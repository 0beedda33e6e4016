"""What `govkit diff` and `govkit ci` add to a report's output: CI detection and the step summary.

On GitHub Actions (`GITHUB_ACTIONS=true`) `govkit ci` writes workflow
annotations unless another format is asked for, and appends a Markdown
summary to the file `$GITHUB_STEP_SUMMARY` names. It appends: other steps
of the job write to the same file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govkit.cli.output import OutputFormat
from govkit.reporters.escape import safe

if TYPE_CHECKING:
    from govkit.findings import Report


def on_github(environment: Mapping[str, str] | None = None) -> bool:
    return (environment if environment is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def ci_format(chosen: OutputFormat | None) -> OutputFormat:
    """The format asked for; else annotations on GitHub Actions, text elsewhere."""
    if chosen is not None:
        return chosen
    return OutputFormat.github if on_github() else OutputFormat.text


def append_step_summary(report: Report) -> None:
    """Append the report as Markdown to `$GITHUB_STEP_SUMMARY`, on GitHub Actions only."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not on_github() or not target:
        return
    from govkit import reporters  # noqa: PLC0415

    text = reporters.render(report, "markdown")
    with open(target, "a", encoding="utf-8") as summary:
        summary.write(text + "\n")


def compared(report: Report) -> str:
    """The line that says which commits were compared, for standard error."""
    refs = report.refs
    line = f"govkit: compared {refs.get('base', '?')} with {refs.get('head', '?')}"
    if "merge_base" in refs:
        line += f", from their merge base {refs['merge_base'][:7]}"
    if "not_read" in refs:
        line += f"; not read: {refs['not_read']}"
    return safe(line)
