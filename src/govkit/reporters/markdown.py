"""Markdown for `$GITHUB_STEP_SUMMARY` and merge-request comments.

Findings go in a table, worst first so a capped table never hides an error
behind notes; waived findings fold away under `<details>`. Every cell is
escaped: catalog text must not close a cell, open a link or inject HTML into a
comment that others will read.
"""

from __future__ import annotations

import re

from govkit.findings import Finding, Report, Severity
from govkit.reporters import RenderOptions, context, counts, where
from govkit.reporters.escape import safe

# Enough for any review; GitHub also caps a step summary at 1 MiB.
MAX_ROWS = 200

_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
# Backslash-escaping these ASCII punctuation marks keeps them literal in
# CommonMark/GFM: no emphasis, code spans, links, HTML, entities or cell breaks.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&])")


def render(report: Report, options: RenderOptions) -> str:
    blocks = [f"### govkit {_cell(report.command)}", *_compared(report), _summary(report)]
    active = _worst_first(report.active)
    if active:
        blocks.append(_table(active, waived=False))
    if report.unlisted:
        blocks.append(_unlisted(report))
    waived = [f for f in report.findings if f.suppressed_by is not None]
    if waived:
        count = f"{len(waived)} suppressed by waivers"
        blocks.append(
            f"<details>\n<summary>{count}</summary>\n\n{_table(waived, waived=True)}\n\n</details>"
        )
    return "\n\n".join(blocks) + "\n"


def _compared(report: Report) -> list[str]:
    """Which commits a diff or ci run read, so a comment says what it describes."""
    if "base" not in report.refs:
        return []
    base, head = report.refs["base"], report.refs.get("head", "the working tree")
    return [f"Changes from {_cell(base)} to {_cell(head)}."]


def _unlisted(report: Report) -> str:
    rows = [
        f"| {_cell(t.path)} | `{t.code}` {_cell(t.name)} | {_cell(t.field or '')} | {t.count:,} |"
        for t in report.unlisted
    ]
    header = "| File | Rule | Field | Not listed |\n|---|---|---|---:|"
    return "Counted but not listed (past the listing limit):\n\n" + header + "\n" + "\n".join(rows)


def _summary(report: Report) -> str:
    summary = report.summary()
    suppressed = f" ({summary['suppressed']} suppressed)" if summary["suppressed"] else ""
    found = counts(summary)
    if not found:
        return f"✅ All checks passed{suppressed}."
    worst = next(s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if summary[s.value])
    icon = _ICON[worst]
    return f"{icon} Found {', '.join(found)}{suppressed}."


def _worst_first(findings: tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key))


def _table(findings: list[Finding], *, waived: bool) -> str:
    header = ["Severity", "Code", "Location", "Message"] + (["Waiver"] if waived else [])
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row(_cells(finding, waived=waived)) for finding in findings[:MAX_ROWS])
    hidden = len(findings) - MAX_ROWS
    if hidden > 0:
        more = "finding" if hidden == 1 else "findings"
        lines.append(f"\n… and {hidden} more {more} not shown; `--format json` lists them all.")
    return "\n".join(lines)


def _cells(finding: Finding, *, waived: bool) -> list[str]:
    about = context(finding)
    message = f"{finding.message} ({about})" if about else finding.message
    cells = [
        f"{_ICON[finding.severity]} {finding.severity.value}",
        _cell(finding.code),
        _cell(where(finding)),
        _cell(message),
    ]
    if waived:
        cells.append(_cell(finding.suppressed_by or ""))
    return cells


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def cell(text: str) -> str:
    """Text made safe for a table cell (also `govkit log`'s tables)."""
    return _cell(text)


def _cell(text: str) -> str:
    # safe() first, so the backslashes of its escapes get escaped in turn and
    # render as typed; newlines become <br>, the only line break a cell allows.
    return _MARKUP.sub(r"\\\1", safe(text, multiline=True)).replace("\n", "<br>")
