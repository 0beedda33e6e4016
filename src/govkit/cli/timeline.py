"""Text, JSON and Markdown for `govkit log`, built from a `Timeline`; never prints.

JSON keeps what git says (ISO dates, English change names); text and Markdown are
for people, in the current language: in Persian, Jalali dates in Persian digits.
"""

from __future__ import annotations

import json

from govkit import i18n
from govkit.cli.output import OutputFormat
from govkit.errors import GovkitError
from govkit.history import Event, Timeline
from govkit.i18n import N_, _
from govkit.reporters.escape import isolate, safe

_HEADER = (N_("date"), N_("commit"), N_("author"), N_("change"), N_("level"), N_("approvals"))
_CHANGES = {
    "created": N_("created"),
    "removed": N_("removed"),
    "published": N_("published"),
    "withdrawn": N_("withdrawn"),
    "loosened": N_("loosened"),
    "tightened": N_("tightened"),
    "changed": N_("changed"),
    "unreadable": N_("unreadable"),
    "history-starts": N_("history starts"),
}


def render_timeline(timeline: Timeline, format: OutputFormat) -> str:
    if format is OutputFormat.json:
        return json.dumps(timeline.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if format is OutputFormat.markdown:
        return _markdown(timeline)
    if format is OutputFormat.text:
        return _text(timeline)
    raise GovkitError(
        _("`govkit log` writes text, json or markdown, not {format}").format(format=format.value)
    )


def _cells(event: Event) -> tuple[str, ...]:
    level = f"{event.old or '—'} → {event.new or '—'}"
    change = _(_CHANGES.get(event.change, event.change))
    if event.resource:
        change = f"{change} {event.resource}"
    if event.note:
        level = event.note
    return (
        i18n.days_in(event.date[:10]),
        event.commit[:7],
        event.author,
        change,
        level,
        "; ".join(i18n.days_in(approval) for approval in event.approvals) or "—",
    )


def _isolated(text: str) -> str:
    return isolate(text, always=i18n.current() != i18n.DEFAULT)


def _text(timeline: Timeline) -> str:
    header = tuple(_(word) for word in _HEADER)
    rows = [header, *(tuple(safe(cell) for cell in _cells(e)) for e in timeline.events)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_HEADER) - 1)]
    lines = [_title_text(timeline), ""]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    if not timeline.events:
        lines.append(_("(no change of access level in its history)"))
    return "\n".join(lines) + "\n"


def _title_text(timeline: Timeline) -> str:
    return _("Access history of '{dataset}' ({path}), commits up to {head}").format(
        dataset=_isolated(safe(timeline.dataset)),
        path=_isolated(safe(timeline.path)),
        head=_isolated(safe(timeline.head.label)),
    )


def _markdown(timeline: Timeline) -> str:
    from govkit.reporters.markdown import cell  # noqa: PLC0415 - one escaping rule for tables

    title = _("Access history of '{dataset}' ({path}), commits up to {head}").format(
        dataset=cell(timeline.dataset), path=cell(timeline.path), head=cell(timeline.head.label)
    )
    lines = [f"### {title}", ""]
    lines.append("| " + " | ".join(_(word) for word in _HEADER) + " |")
    lines.append("|" + "---|" * len(_HEADER))
    for event in timeline.events:
        lines.append("| " + " | ".join(cell(text) for text in _cells(event)) + " |")
    if i18n.current() == "fa":
        lines = ['<div dir="rtl">', "", *lines, "", "</div>"]
    return "\n".join(lines) + "\n"
