"""What the CI commands add to a report's output: CI detection, the step summary, JUnit XML.

On GitHub Actions (`GITHUB_ACTIONS=true`) `govkit ci` and `govkit check` write
workflow annotations unless another format is asked for, and append a
Markdown summary to the file `$GITHUB_STEP_SUMMARY` names. They append: other
steps of the job write to the same file. `--junit-xml FILE` writes the same
report as JUnit XML beside the one shown, so a CI job runs the gate once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from govkit.cli.output import OutputFormat, write
from govkit.i18n import _
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


def also_junit(report: Report, file: Path | None) -> None:
    """The report as JUnit XML in `file` (atomically), when one is named."""
    if file is None:
        return
    from govkit import reporters  # noqa: PLC0415

    write(reporters.render(report, "junit"), file)


def compared(report: Report) -> str:
    """The line that says which commits were compared, for standard error."""
    refs = report.refs
    line = _("govkit: compared {base} with {head}").format(
        base=refs.get("base", "?"), head=refs.get("head", "?")
    )
    if "merge_base" in refs:
        line += _(", from their merge base {commit}").format(commit=refs["merge_base"][:7])
    if "not_read" in refs:
        line += _("; not read: {paths}").format(paths=refs["not_read"])
    return safe(line)
