"""Text, JSON and Markdown for `govkit log`, built from a `Timeline`; never prints."""

from __future__ import annotations

import json

from govkit.cli.output import OutputFormat
from govkit.errors import GovkitError
from govkit.history import Event, Timeline
from govkit.reporters.escape import safe

_HEADER = ("date", "commit", "author", "change", "level", "approvals")


def render_timeline(timeline: Timeline, format: OutputFormat) -> str:
    if format is OutputFormat.json:
        return json.dumps(timeline.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if format is OutputFormat.markdown:
        return _markdown(timeline)
    if format is OutputFormat.text:
        return _text(timeline)
    raise GovkitError(f"`govkit log` writes text, json or markdown, not {format.value}")


def _title(timeline: Timeline) -> str:
    return (
        f"Access history of '{timeline.dataset}' ({timeline.path}), "
        f"commits up to {timeline.head.label}"
    )


def _cells(event: Event) -> tuple[str, ...]:
    level = f"{event.old or '—'} → {event.new or '—'}"
    change = f"{event.change} {event.resource}" if event.resource else event.change
    if event.note:
        level = event.note
    return (
        event.date[:10],
        event.commit[:7],
        event.author,
        change,
        level,
        "; ".join(event.approvals) or "—",
    )


def _text(timeline: Timeline) -> str:
    rows = [_HEADER, *(tuple(safe(cell) for cell in _cells(e)) for e in timeline.events)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_HEADER) - 1)]
    lines = [safe(_title(timeline)), ""]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    if not timeline.events:
        lines.append("(no change of access level in its history)")
    return "\n".join(lines) + "\n"


def _markdown(timeline: Timeline) -> str:
    from govkit.reporters.markdown import cell  # noqa: PLC0415 - one escaping rule for tables

    lines = [f"### {cell(_title(timeline))}", ""]
    lines.append("| " + " | ".join(_HEADER) + " |")
    lines.append("|" + "---|" * len(_HEADER))
    for event in timeline.events:
        lines.append("| " + " | ".join(cell(text) for text in _cells(event)) + " |")
    return "\n".join(lines) + "\n"
