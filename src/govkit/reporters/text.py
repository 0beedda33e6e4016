"""Human output: findings grouped by file, then a one-line summary.

Lines are built as rich `Text` objects (never markup strings, so a `[bold]` in
a message stays literal). Without colour we join their plain text ourselves:
rich's own terminal detection reads the environment (FORCE_COLOR, TERM), and
the plain form must be the same everywhere.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from govkit.findings import Finding, Report, Severity
from govkit.reporters import RenderOptions, context, counts, where
from govkit.reporters.escape import safe

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}
# Wide enough that rich never wraps a line; a wrapped `path:line:col` is not clickable.
_WIDTH = 100_000


def render(report: Report, options: RenderOptions) -> str:
    lines = _finding_lines(report) + _unlisted_lines(report)
    if not options.quiet:
        # A blank line sets the summary apart from the last group, if there is one.
        lines.extend([Text(), _summary_line(report)] if lines else [_summary_line(report)])
    return _to_string(lines, color=options.color)


def _finding_lines(report: Report) -> list[Text]:
    lines: list[Text] = []
    for path, group in groupby(report.findings, key=lambda f: f.location.path):
        if lines:
            lines.append(Text())
        lines.append(Text(safe(path), style="bold underline"))
        lines.extend(_finding_line(finding) for finding in group)
    return lines


def _unlisted_lines(report: Report) -> list[Text]:
    """Counts of findings past the listing cap, so totals are never hidden."""
    if not report.unlisted:
        return []
    lines = [Text(), Text("Not listed (past the listing limit):", style="bold")]
    for tally in report.unlisted:
        line = Text(f"  {safe(tally.path)}: {tally.count:,} more ")
        line.append(tally.code, style=_SEVERITY_STYLE[tally.severity])
        line.append(f" {tally.name}")
        if tally.field:
            line.append(f" in field {safe(tally.field)}", style="dim")
        lines.append(line)
    return lines


def _finding_line(finding: Finding) -> Text:
    line = Text("  ")
    line.append(safe(where(finding)), style="bold")
    line.append(" ")
    line.append(finding.code, style=_SEVERITY_STYLE[finding.severity])
    line.append(f" {finding.severity.value} ", style=_SEVERITY_STYLE[finding.severity])
    line.append(safe(finding.message))
    about = context(finding)
    if about:
        line.append(f" ({safe(about)})", style="dim")
    if finding.suppressed_by is not None:
        line.append(f" (suppressed by {safe(finding.suppressed_by)})")
        line.stylize("dim")
    return line


def _summary_line(report: Report) -> Text:
    summary = report.summary()
    suppressed = f" ({summary['suppressed']} suppressed)" if summary["suppressed"] else ""
    found = counts(summary)
    if not found:
        return Text(f"All checks passed{suppressed}.", style="bold green")
    files = len({f.location.path for f in report.active} | {t.path for t in report.unlisted})
    noun = "file" if files == 1 else "files"
    worst = next(s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if summary[s.value])
    return Text(
        f"Found {', '.join(found)}{suppressed} in {files} {noun}.", style=_SEVERITY_STYLE[worst]
    )


def _to_string(lines: list[Text], *, color: bool) -> str:
    if not color:
        return "".join(f"{line.plain}\n" for line in lines)
    # Every setting explicit, so NO_COLOR, COLUMNS or TERM cannot change the bytes:
    # the caller has already decided that colour is wanted.
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        width=_WIDTH,
        soft_wrap=True,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    for line in lines:
        console.print(line)
    return buffer.getvalue()
