"""Date options: a day written in ISO (`2026-11-20`) or Jalali (`1405/08/29`, Persian or
Latin digits), as Iranian stewards write it. A day that does not exist is a usage error
that names the option (exit 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re

import typer

from govkit.i18n import _, digits

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_JALALI = re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})")


def parse_day(text: str) -> dt.date:
    """The Gregorian day that `text` names; BadParameter when it names none."""
    from govkit.engine.iranian import has_non_ascii_digits, normalize_digits  # noqa: PLC0415

    text = text.strip()
    if has_non_ascii_digits(text) and re.search("[0-9]", text):
        # `۱۴۰۵/09/11` is more likely a slip than a choice: say so rather than guess.
        raise typer.BadParameter(
            _("{day} mixes Persian and Latin digits; write all of them in one").format(day=text)
        )
    written = normalize_digits(text)
    if (iso := _ISO.fullmatch(written)) is not None:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise typer.BadParameter(_("{day} is not a day of the calendar").format(day=text))  # noqa: B904
    if (jalali := _JALALI.fullmatch(written)) is not None:
        return _jalali(text, int(jalali[1]), int(jalali[2]), int(jalali[3]))
    raise typer.BadParameter(
        _("{day} is not a date; write YYYY-MM-DD or a Jalali YYYY/MM/DD").format(day=text)
    )


def _jalali(text: str, year: int, month: int, day: int) -> dt.date:
    from govkit.engine.iranian import (  # noqa: PLC0415
        DATE_MIN_YEAR,
        JALALI_MAX_YEAR,
        is_jalali_leap,
        jalali_month_length,
        jalali_to_gregorian,
    )

    if not DATE_MIN_YEAR <= year <= JALALI_MAX_YEAR:
        problem = _("year {year} is outside {first}..{last}").format(
            year=digits(str(year)),
            first=digits(str(DATE_MIN_YEAR)),
            last=digits(str(JALALI_MAX_YEAR)),
        )
    elif not 1 <= month <= 12:
        problem = _("a Jalali year has months 1 to 12, not {month}").format(
            month=digits(str(month))
        )
    elif not 1 <= day <= (length := jalali_month_length(year, month)):
        if month == 12 and day == 30 and not is_jalali_leap(year):
            problem = _("Esfand {year} has 29 days: {year} is not a leap year").format(
                year=digits(str(year))
            )
        else:
            problem = _("month {month} has {length} days, not {day}").format(
                month=digits(str(month)), length=digits(str(length)), day=digits(str(day))
            )
    else:
        return jalali_to_gregorian(year, month, day)
    raise typer.BadParameter(
        _("{day} is not a Jalali date: {problem}").format(day=text, problem=problem)
    )
