"""`govkit plan`'s output: the formats come from the plan's renderers."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import typer

from govkit.i18n import _


class PlanFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def write_plan(
    root: Path | None,
    today: dt.date | None,
    format: PlanFormat,
    output: Path | None,
    html: Path | None,
) -> int:
    """Render the plan to stdout or `output`, and the quadrant page to `html`."""
    from govkit import api  # noqa: PLC0415
    from govkit.cli.output import write  # noqa: PLC0415
    from govkit.plan.html import render_html  # noqa: PLC0415
    from govkit.plan.render import RENDERERS  # noqa: PLC0415

    plan = api.plan(root, today=today)
    write(RENDERERS[format.value](plan), output)
    if html is not None:
        write(render_html(plan), html)
        typer.echo(_("wrote the plan's page to {file}").format(file=html), err=True)
    return 0
