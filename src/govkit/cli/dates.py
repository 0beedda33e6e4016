"""Date options: a day written in ISO (`2026-11-20`) or Jalali (`1405/08/29`, Persian or
Latin digits), read as catalog metadata is (govkit.catalog.days). A day that does not
exist is a usage error that names the option (exit 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt

import typer


def parse_day(text: str) -> dt.date:
    """The Gregorian day that `text` names; BadParameter, in the current language, if none."""
    from govkit.catalog.days import NotADay, read_day  # noqa: PLC0415

    try:
        return read_day(text.strip())
    except NotADay as error:
        raise typer.BadParameter(error.explained()) from None
