"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line a finding.

The runner parses every line of a step's output, so anything from a catalog
must be escaped the way the actions toolkit does (`escapeData`,
`escapeProperty` in @actions/core), or a message could end the command early
and start a forged one. Suppressed findings are left out: an annotation is a
call to act, and a waiver says no action is due.

GitHub resolves `file=` against the repository root, so paths get the catalog's
prefix in the repository (`RenderOptions.prefix`). It shows at most ten
annotations of each kind a step; the rest would vanish without a word, so the
first ten of each kind are written and one plain line counts the others.
"""

from __future__ import annotations

from govkit.findings import Finding, Report, Severity
from govkit.reporters import RenderOptions, context, in_repository
from govkit.reporters.escape import safe

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub shows this many annotations of each kind in a step, and drops the rest.
MAX_PER_KIND = 10


def render(report: Report, options: RenderOptions) -> str:
    shown: dict[Severity, int] = dict.fromkeys(Severity, 0)
    lines = []
    for finding in report.active:
        shown[finding.severity] += 1
        if shown[finding.severity] <= MAX_PER_KIND:
            lines.append(f"{_annotation(finding, options.prefix)}\n")
    hidden = sum(max(count - MAX_PER_KIND, 0) for count in shown.values())
    if hidden:
        lines.append(_hidden(hidden))
    return "".join(lines)


def _hidden(count: int) -> str:
    from govkit.i18n import ngettext, number  # noqa: PLC0415

    text = ngettext(
        "govkit: {count} more finding not shown as an annotation (GitHub shows {limit} of "
        "each kind in a step); `--format sarif` or `--format json` lists them all",
        "govkit: {count} more findings not shown as annotations (GitHub shows {limit} of "
        "each kind in a step); `--format sarif` or `--format json` lists them all",
        count,
    )
    # A plain log line, not a command: it must not count against the limit it reports.
    return text.format(count=number(count), limit=number(MAX_PER_KIND)) + "\n"


def escape_data(text: str) -> str:
    """A command's message: `%` first, so the escapes it introduces are not re-escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property: also `:` and `,`, which end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, prefix: str) -> str:
    loc = finding.location
    properties = {
        "file": in_repository(loc.path, prefix),
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
