"""ISO 8601 durations of obligation items (P1M, P3M, P1Y) added to days."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PART = re.compile(r"([0-9]+)([YMWD])")


def add(day: dt.date, period: str) -> dt.date:
    """`day` plus `period`; months and years keep the day of the month, clamped at its end
    (2025-01-31 + P1M is 2025-02-28). The period's shape was checked when its file loaded."""
    amounts = {unit: int(count) for count, unit in _PART.findall(period)}
    months = day.month - 1 + amounts.get("M", 0) + 12 * amounts.get("Y", 0)
    year, month = min(day.year + months // 12, 9999), months % 12 + 1
    moved = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    days = 7 * amounts.get("W", 0) + amounts.get("D", 0)
    return moved + dt.timedelta(days=days) if moved < dt.date.max - dt.timedelta(days) else moved
