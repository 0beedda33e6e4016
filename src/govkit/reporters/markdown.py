"""Markdown for `$GITHUB_STEP_SUMMARY` and merge-request comments.

Findings go in a table, worst first so a capped table never hides an error
behind notes; waived findings fold away under `<details>`. Every cell is
escaped: catalog text must not close a cell, open a link or inject HTML into a
comment that others will read. GitHub also turns bare URLs, e-mail addresses
and `@name` into links and mentions (which notify people); those are put in
code spans, where it does neither.
"""

from __future__ import annotations

import re

from govkit import i18n
from govkit.findings import Finding, Report, Severity
from govkit.i18n import _, ngettext
from govkit.reporters import RenderOptions, context, counts, severity, where
from govkit.reporters.escape import isolate, safe

# Enough for any review; GitHub also caps a step summary at 1 MiB.
MAX_ROWS = 200

_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
# Backslash-escaping these ASCII punctuation marks keeps them literal in
# CommonMark/GFM: no emphasis, code spans, links, HTML, entities or cell breaks.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&])")
# What GitHub links or mentions on its own: URLs (GFM's extended autolinks), e-mail
# addresses, `@user`, `@org/team`; a `#` reference stays, as it only links.
_LINKISH = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<!\w)@[A-Za-z0-9][\w-]*(?:/[\w.-]+)?",
    re.IGNORECASE,
)


def render(report: Report, options: RenderOptions) -> str:
    blocks = [f"### govkit {_cell(report.command)}", *_compared(report), _summary(report)]
    active = _worst_first(report.active)
    if active:
        blocks.append(_table(active, waived=False))
    if report.unlisted:
        blocks.append(_unlisted(report))
    waived = [f for f in report.findings if f.suppressed_by is not None]
    if waived:
        count = _("{count} suppressed by waivers").format(count=i18n.number(len(waived)))
        blocks.append(
            f"<details>\n<summary>{count}</summary>\n\n{_table(waived, waived=True)}\n\n</details>"
        )
    if i18n.current() == "fa":
        # GitHub renders Markdown inside an HTML block set apart by blank lines.
        blocks = ['<div dir="rtl">', *blocks, "</div>"]
    return "\n\n".join(blocks) + "\n"


def _compared(report: Report) -> list[str]:
    """Which commits a diff or ci run read, so a comment says what it describes."""
    if "base" not in report.refs:
        return []
    base = _value(report.refs["base"])
    head = _value(report.refs["head"]) if "head" in report.refs else _("the working tree")
    return [_("Changes from {base} to {head}.").format(base=base, head=head)]


def _unlisted(report: Report) -> str:
    rows = [
        f"| {_value(t.path)} | `{t.code}` {_cell(t.name)} | {_value(t.field or '')} "
        f"| {i18n.number(t.count)} |"
        for t in report.unlisted
    ]
    header = _row([_("File"), _("Rule"), _("Field"), _("Not listed")]) + "\n|---|---|---|---:|"
    intro = _("Counted but not listed (past the listing limit):")
    return f"{intro}\n\n{header}\n" + "\n".join(rows)


def _summary(report: Report) -> str:
    summary = report.summary()
    suppressed = i18n.number(summary["suppressed"])
    found = counts(summary)
    if not found:
        if not summary["suppressed"]:
            return "✅ " + _("All checks passed.")
        return "✅ " + _("All checks passed ({suppressed} suppressed).").format(
            suppressed=suppressed
        )
    worst = next(s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if summary[s.value])
    icon = _ICON[worst]
    if not summary["suppressed"]:
        return f"{icon} " + _("Found {found}.").format(found=i18n.join(found))
    text = _("Found {found} ({suppressed} suppressed).")
    return f"{icon} " + text.format(found=i18n.join(found), suppressed=suppressed)


def _worst_first(findings: tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key))


def _table(findings: list[Finding], *, waived: bool) -> str:
    header = [_("Severity"), _("Code"), _("Location"), _("Message")]
    header += [_("Waiver")] if waived else []
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row(_cells(finding, waived=waived)) for finding in findings[:MAX_ROWS])
    hidden = len(findings) - MAX_ROWS
    if hidden > 0:
        more = ngettext(
            "… and {count} more finding not shown; `--format json` lists them all.",
            "… and {count} more findings not shown; `--format json` lists them all.",
            hidden,
        )
        lines.append("\n" + more.format(count=i18n.number(hidden)))
    return "\n".join(lines)


def _cells(finding: Finding, *, waived: bool) -> list[str]:
    about = context(finding, _value)
    message = _value(finding.message) + (f" ({about})" if about else "")
    cells = [
        f"{_ICON[finding.severity]} {severity(finding)}",
        _cell(finding.code),
        _value(where(finding)),
        message,
    ]
    if waived:
        cells.append(_value(finding.suppressed_by or ""))
    return cells


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def cell(text: str) -> str:
    """Text made safe for a table cell (also `govkit log`'s tables)."""
    return _cell(text)


def _value(text: str) -> str:
    """A catalog value in a cell, isolated from the direction around it in Persian output
    (and in English where it holds right-to-left letters), as in text output."""
    return isolate(_cell(text), always=i18n.current() != i18n.DEFAULT)


def _cell(text: str) -> str:
    # safe() first, so the backslashes of its escapes get escaped in turn and
    # render as typed; newlines become <br>, the only line break a cell allows.
    shown = safe(text, multiline=True)
    parts, start = [], 0
    for match in _LINKISH.finditer(shown):
        parts += [_escaped(shown[start : match.start()]), _code(match.group())]
        start = match.end()
    parts.append(_escaped(shown[start:]))
    return "".join(parts)


def _escaped(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text).replace("\n", "<br>")


def _code(token: str) -> str:
    """A code span around `token` (which holds no whitespace): fenced by more backticks
    than it holds in a row, padded when it starts or ends with one; a pipe still needs
    its backslash in a table cell, even in a code span."""
    longest = max((len(run) for run in re.findall("`+", token)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if token.startswith("`") or token.endswith("`") else ""
    return f"{fence}{pad}{token.replace('|', chr(92) + '|')}{pad}{fence}"
