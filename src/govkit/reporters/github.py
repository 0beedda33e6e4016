"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line a finding.

The runner parses every line of a step's output, so anything from a catalog
must be escaped the way the actions toolkit does (`escapeData`,
`escapeProperty` in @actions/core), or a message could end the command early
and start a forged one. Suppressed findings are left out: an annotation is a
call to act, and a waiver says no action is due.
"""

from __future__ import annotations

from govkit.findings import Finding, Report, Severity
from govkit.reporters import RenderOptions, context
from govkit.reporters.escape import safe

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, options: RenderOptions) -> str:
    return "".join(f"{_annotation(finding)}\n" for finding in report.active)


def escape_data(text: str) -> str:
    """A command's message: `%` first, so the escapes it introduces are not re-escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property: also `:` and `,`, which end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding) -> str:
    loc = finding.location
    properties = {
        "file": loc.path,
        "line": str(loc.line),
        "col": str(loc.column),
        "title": f"{finding.code} {finding.name}",
    }
    if not loc.path:
        # Not about any one file: a file-less annotation still shows on the run.
        properties = {"title": properties["title"]}
    props = ",".join(f"{key}={escape_property(safe(value))}" for key, value in properties.items())
    # Newlines survive (as %0A) so a multi-line message stays multi-line in the UI.
    message = escape_data(safe(_message(finding), multiline=True, in_command=True))
    return f"::{_COMMAND[finding.severity]} {props}::{message}"


def _message(finding: Finding) -> str:
    about = context(finding)
    return f"{finding.message} ({about})" if about else finding.message
