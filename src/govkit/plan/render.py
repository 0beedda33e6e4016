"""The plan as text, JSON, Markdown or CSV: each a pure function of a `Plan` to a string.

The JSON is the record every other format is read from; its keys and codes never change
with the language, its `text` values do.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from govkit.findings import REPORT_FORMAT_VERSION
from govkit.i18n import _, day, digits, join, ngettext, number
from govkit.plan import words
from govkit.plan.build import Block, Met, Plan, Row
from govkit.reporters.escape import isolate, safe


def record(plan: Plan) -> dict[str, Any]:
    settings = plan.settings
    return {
        "govkit": REPORT_FORMAT_VERSION,
        "command": "plan",
        "root": plan.root,
        "today": plan.today.isoformat(),
        "packs": list(plan.packs),
        "score": {
            "weights": settings.weights.model_dump(),
            "high_priority": settings.high_priority,
            "demand_cap": settings.demand_cap,
        },
        "summary": {"open": len(plan.rows), "met": len(plan.met), "gaps": _gap_counts(plan)},
        "items": [_row_record(rank, row) for rank, row in enumerate(plan.rows, 1)],
        "met": [_met_record(m) for m in plan.met],
        "gaps": [finding.as_record() for finding in plan.gaps],
        "unread": list(plan.unread),
    }


def _met_record(met: Met) -> dict[str, Any]:
    due = met.due.isoformat() if met.due else None
    return {"id": met.id, "title": met.title, "datasets": list(met.datasets), "next_due": due}


def _row_record(rank: int, row: Row) -> dict[str, Any]:
    return {
        "rank": rank,
        "kind": row.kind,
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "binding": row.binding,
        "datasets": list(row.datasets),
        "score": row.score,
        "priority": row.priority,
        "signals": vars(row.signals),
        "rent_generating": row.rent_generating,
        "oversight": row.oversight,
        "quadrant": row.quadrant.value,
        "blocks": [_block_record(b) for b in row.blocks],
        "next_action": {"code": row.action.value, "text": words.action(row)},
    }


def _block_record(value: Block) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": value.kind.value, "text": words.block(value)}
    if value.dataset:
        found["dataset"] = value.dataset
    if value.kind.value == "partial-release":
        found["redact"], found["publish"] = list(value.fields), list(value.publish)
    elif value.fields:
        found["fields"] = list(value.fields)
    if value.level:
        found["level"] = value.level
    if value.day:
        found["day"] = value.day.isoformat()
    if value.cites:
        found["cites"] = list(value.cites)
    return found


def _gap_counts(plan: Plan) -> dict[str, int]:
    active = [f for f in plan.gaps if f.suppressed_by is None]
    return {
        "error": sum(1 for f in active if f.severity.value == "error"),
        "warning": sum(1 for f in active if f.severity.value == "warning"),
        "suppressed": len(plan.gaps) - len(active),
    }


def render_json(plan: Plan) -> str:
    return json.dumps(record(plan), ensure_ascii=False, indent=2) + "\n"


def render_text(plan: Plan) -> str:
    lines = [_heading(plan), ""]
    for rank, row in enumerate(plan.rows, 1):
        lines.append(
            f"{number(rank):>3}. {digits(f'{row.score:5.1f}')}  [{words.quadrant(row.quadrant)}]  "
            f"{safe(row.id)}  {isolate(words.title(row.title))}"
        )
        for value in row.blocks:
            lines.append(f"       - {isolate(words.block(value))}")
        lines.append(f"       → {isolate(words.action(row))}")
    lines += ["", _met_line(plan), _gaps_line(plan)]
    lines += [_("Left out, not matching the catalog format: {files}").format(
        files=join(list(plan.unread)))] if plan.unread else []  # fmt: skip
    return "\n".join(lines) + "\n"


def render_markdown(plan: Plan) -> str:
    lines = [f"# {_heading(plan)}", ""]
    header = [_("rank"), _("score"), _("quadrant"), _("item"), _("blocks"), _("next action")]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rank, row in enumerate(plan.rows, 1):
        cells = [
            number(rank),
            digits(f"{row.score:.1f}"),
            words.quadrant(row.quadrant),
            f"`{row.id}` {words.title(row.title)}",
            "<br>".join(words.block(b) for b in row.blocks),
            words.action(row),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", _met_line(plan), "", _gaps_line(plan)]
    return "\n".join(lines) + "\n"


def render_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["rank", "kind", "id", "title", "score", "priority", "quadrant",
                     "datasets", "blocks", "next_action", "next_action_text"])  # fmt: skip
    for rank, row in enumerate(plan.rows, 1):
        writer.writerow([
            rank, row.kind, row.id, words.title(row.title), f"{row.score:.1f}",
            f"{row.priority:.1f}", row.quadrant.value, " ".join(row.datasets),
            "; ".join(b.kind.value for b in row.blocks), row.action.value, words.action(row),
        ])  # fmt: skip
    return buffer.getvalue()


def _heading(plan: Plan) -> str:
    packs = join(list(plan.packs)) if plan.packs else _("no obligation pack enabled")
    return _("Publication plan of {root} as of {day} ({packs})").format(
        root=safe(plan.root), day=day(plan.today), packs=packs
    )


def _met_line(plan: Plan) -> str:
    count = len(plan.met)
    text = ngettext("{count} obligation item met", "{count} obligation items met", count)
    listed = join([safe(m.id) for m in plan.met])
    return text.format(count=number(count)) + (f": {listed}" if listed else "")


def _gaps_line(plan: Plan) -> str:
    counts = Counter(f.code for f in plan.gaps if f.suppressed_by is None)
    total = sum(counts.values())
    text = ngettext(
        "{count} gap (`govkit check` lists it)", "{count} gaps (`govkit check` lists them)", total
    ).format(count=number(total))
    detail = join([f"{code} × {number(n)}" for code, n in sorted(counts.items())])
    return text + (f": {detail}" if detail else "")


def _cell(text: str) -> str:
    return safe(text).replace("|", "\\|")


RENDERERS: dict[str, Callable[[Plan], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}
