"""How a `Report` shows itself in Python: a short summary for `print()` and a REPL, an
HTML table for Jupyter. Never the rules' documentation, which `govkit explain` shows."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from govkit import i18n
from govkit.i18n import _, ngettext
from govkit.reporters import context, counts, severity, where
from govkit.reporters.escape import safe

if TYPE_CHECKING:
    from govkit.findings import Finding, Report

# Findings listed by `str(report)`; the rest are counted. A notebook table lists more.
TEXT_LIMIT = 10
HTML_LIMIT = 500


def headline(report: Report) -> str:
    """`govkit lint of catalog: 2 errors, 1 warning in 2 files (1 suppressed)`."""
    summary = report.summary()
    found = counts(summary)
    what = _("govkit {command} of {root}").format(command=report.command, root=safe(report.root))
    if found:
        files = len({f.location.path for f in report.active} | {t.path for t in report.unlisted})
        in_files = ngettext("{found} in {files} file", "{found} in {files} files", files)
        outcome = in_files.format(found=i18n.join(found), files=i18n.number(files))
    else:
        outcome = _("all checks passed")
    if summary["suppressed"]:
        suppressed = _("({suppressed} suppressed)").format(
            suppressed=i18n.number(summary["suppressed"])
        )
        outcome = f"{outcome} {suppressed}"
    return f"{what}: {outcome}"


def summary_text(report: Report) -> str:
    """The headline, then the first findings one a line, then how many more there are."""
    lines = [headline(report)]
    shown = report.active[:TEXT_LIMIT]
    lines.extend(f"  {_finding_line(finding)}" for finding in shown)
    rest = len(report.active) - len(shown)
    if rest:
        more = ngettext(
            "  … and {count} more finding (report.findings lists them all)",
            "  … and {count} more findings (report.findings lists them all)",
            rest,
        )
        lines.append(more.format(count=i18n.number(rest)))
    return "\n".join(lines)


def _finding_line(finding: Finding) -> str:
    about = context(finding)
    message = f"{finding.message} ({about})" if about else finding.message
    return safe(f"{where(finding)} {severity(finding)} {finding.code} {message}")


def summary_html(report: Report) -> str:
    """A self-contained HTML table (no script, no stylesheet, no link) of the findings."""
    head = _("severity"), _("code"), _("rule"), _("where"), _("message"), _("about")
    rows = [_row(finding) for finding in report.findings[:HTML_LIMIT]]
    parts = [
        '<div class="govkit-report">',
        f"<p><strong>{_cell(headline(report))}</strong></p>",
    ]
    if rows:
        header = "".join(f'<th style="text-align:start">{_cell(name)}</th>' for name in head)
        parts.append('<table style="border-collapse:collapse">')
        parts.append(f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    rest = len(report.findings) - len(rows)
    if rest:
        more = ngettext("… and {count} more finding", "… and {count} more findings", rest)
        parts.append(f"<p>{_cell(more.format(count=i18n.number(rest)))}</p>")
    parts.append("</div>")
    return "".join(parts)


def _row(finding: Finding) -> str:
    word = severity(finding)
    if finding.suppressed_by is not None:
        word = _("{severity}, waived by {waiver}").format(
            severity=word, waiver=finding.suppressed_by
        )
    cells = (word, finding.code, finding.name, where(finding), finding.message, context(finding))
    # dir="auto" lets a Persian message or title run right to left inside its own cell.
    return "<tr>" + "".join(f'<td dir="auto">{_cell(cell)}</td>' for cell in cells) + "</tr>"


def _cell(text: str) -> str:
    return html.escape(safe(text), quote=True)
