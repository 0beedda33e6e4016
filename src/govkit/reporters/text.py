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

from govkit import i18n
from govkit.findings import Finding, Report, Severity
from govkit.i18n import _, ngettext
from govkit.reporters import RenderOptions, context, counts, severity, where
from govkit.reporters.escape import isolate, safe

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
        lines.append(Text(_value(path), style="bold underline"))
        lines.extend(_finding_line(finding) for finding in group)
    return lines


def _unlisted_lines(report: Report) -> list[Text]:
    """Counts of findings past the listing cap, so totals are never hidden."""
    if not report.unlisted:
        return []
    lines = [Text(), Text(_("Not listed (past the listing limit):"), style="bold")]
    for tally in report.unlisted:
        more = _("{count} more").format(count=i18n.number(tally.count))
        line = Text(f"  {_value(tally.path)}: {more} ")
        line.append(tally.code, style=_SEVERITY_STYLE[tally.severity])
        line.append(f" {tally.name}")
        if tally.field:
            line.append(" " + _("in field {field}").format(field=_value(tally.field)), style="dim")
        lines.append(line)
    return lines


def _finding_line(finding: Finding) -> Text:
    line = Text("  ")
    line.append(_value(where(finding)), style="bold")
    line.append(" ")
    line.append(finding.code, style=_SEVERITY_STYLE[finding.severity])
    line.append(f" {severity(finding)} ", style=_SEVERITY_STYLE[finding.severity])
    line.append(_value(finding.message))
    about = context(finding, _value)
    if about:
        line.append(f" ({about})", style="dim")
    if finding.suppressed_by is not None:
        waiver = _("suppressed by {waiver}").format(waiver=_value(finding.suppressed_by))
        line.append(f" ({waiver})")
        line.stylize("dim")
    return line


def _value(text: str) -> str:
    """Text from the catalog, escaped, and isolated from the direction of the line around it:
    always in Persian output, and in English wherever it holds right-to-left letters."""
    return isolate(safe(text), always=i18n.current() != i18n.DEFAULT)


def _summary_line(report: Report) -> Text:
    summary = report.summary()
    found = counts(summary)
    if not found:
        return Text(_passed(summary["suppressed"]), style="bold green")
    files = len({f.location.path for f in report.active} | {t.path for t in report.unlisted})
    worst = next(s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if summary[s.value])
    return Text(_found(found, summary["suppressed"], files), style=_SEVERITY_STYLE[worst])


def _passed(suppressed: int) -> str:
    if not suppressed:
        return _("All checks passed.")
    return _("All checks passed ({suppressed} suppressed).").format(
        suppressed=i18n.number(suppressed)
    )


def _found(found: list[str], suppressed: int, files: int) -> str:
    numbers = {"found": i18n.join(found), "files": i18n.number(files)}
    if not suppressed:
        text = ngettext("Found {found} in {files} file.", "Found {found} in {files} files.", files)
        return text.format(**numbers)
    text = ngettext(
        "Found {found} ({suppressed} suppressed) in {files} file.",
        "Found {found} ({suppressed} suppressed) in {files} files.",
        files,
    )
    return text.format(**numbers, suppressed=i18n.number(suppressed))


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
