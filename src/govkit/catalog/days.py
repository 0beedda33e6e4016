"""Days as Iranian catalogs write them: ISO `2025-11-20`, or Jalali `1404/08/29` in Persian or
Latin digits. One reader for catalog metadata and date options, so both accept and refuse
the same days; its reasons are message templates, translated where they are shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Final

from govkit.i18n import N_

_ISO: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_JALALI: Final = re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})")


class NotADay(ValueError):
    """Why a text names no day: an English template (translatable) and its values, which
    may be another NotADay (the reason a Jalali day is not one)."""

    def __init__(self, template: str, **values: int | str | NotADay) -> None:
        self.template = template
        self.values: Mapping[str, int | str | NotADay] = values
        super().__init__(template.format(**{k: str(v) for k, v in values.items()}))

    def explained(self) -> str:
        """The reason in the current language, numbers in its digits."""
        from govkit.i18n import _, digits  # noqa: PLC0415

        values = {
            key: value.explained() if isinstance(value, NotADay) else digits(str(value))
            if isinstance(value, int) else value
            for key, value in self.values.items()
        }  # fmt: skip
        return _(self.template).format(**values)


def read_day(text: str) -> dt.date:
    """The Gregorian day `text` names, ISO or Jalali; NotADay says why it names none."""
    from govkit.engine.iranian import has_non_ascii_digits, normalize_digits  # noqa: PLC0415

    if has_non_ascii_digits(text) and re.search("[0-9]", text):
        # `۱۴۰۵/09/11` is more likely a slip than a choice: say so rather than guess.
        raise NotADay(
            N_("{day} mixes Persian and Latin digits; write all of them in one"), day=text
        )
    written = normalize_digits(text)
    if (iso := _ISO.fullmatch(written)) is not None:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise NotADay(N_("{day} is not a day of the calendar"), day=text) from None
    if (jalali := _JALALI.fullmatch(written)) is not None:
        try:
            return _jalali(int(jalali[1]), int(jalali[2]), int(jalali[3]))
        except NotADay as reason:
            raise NotADay(
                N_("{day} is not a Jalali date: {problem}"), day=text, problem=reason
            ) from None
    raise NotADay(N_("{day} is not a date; write YYYY-MM-DD or a Jalali YYYY/MM/DD"), day=text)


def _jalali(year: int, month: int, day: int) -> dt.date:
    from govkit.engine.iranian import (  # noqa: PLC0415 - the engine's calendar, stdlib only
        DATE_MIN_YEAR,
        JALALI_MAX_YEAR,
        is_jalali_leap,
        jalali_month_length,
        jalali_to_gregorian,
    )

    if not DATE_MIN_YEAR <= year <= JALALI_MAX_YEAR:
        raise NotADay(
            N_("year {year} is outside {first}..{last}"),
            year=year,
            first=DATE_MIN_YEAR,
            last=JALALI_MAX_YEAR,
        )
    if not 1 <= month <= 12:
        raise NotADay(N_("a Jalali year has months 1 to 12, not {month}"), month=month)
    length = jalali_month_length(year, month)
    if month == 12 and day == 30 and not is_jalali_leap(year):
        raise NotADay(N_("Esfand {year} has 29 days: {year} is not a leap year"), year=year)
    if not 1 <= day <= length:
        raise NotADay(
            N_("month {month} has {length} days, not {day}"), month=month, length=length, day=day
        )
    return jalali_to_gregorian(year, month, day)


def as_day(value: object) -> object:
    """A written day (ISO or Jalali) as a date, for models to read; NotADay, a ValueError,
    when a text names no day; anything else as it is, for the model to refuse."""
    return read_day(value) if isinstance(value, str) else value


def as_interval(value: object) -> object:
    """A time interval `start/end` (end may be `..`) with its days in ISO, for models to
    read. Either day may be written Jalali, `1404/01/01/1404/12/29`: the start is one part
    when ISO (it holds `-`) and three when Jalali. NotADay names a day that is none; any
    other shape is returned as it is, for the model's pattern to refuse."""
    if not isinstance(value, str):
        return value
    parts = value.split("/")
    first = 1 if "-" in parts[0] else 3
    if len(parts) not in (first + 1, first + 3):
        return value
    days = "/".join(parts[:first]), "/".join(parts[first:])
    return "/".join(day if day == ".." else read_day(day).isoformat() for day in days)


def is_day(value: object) -> bool:
    """The JSON Schema's `date` format: ISO or Jalali text naming a real day."""
    if not isinstance(value, str):
        return True  # formats only constrain strings
    try:
        read_day(value)
    except NotADay:
        return False
    return True
