"""Readers of date, time and datetime cells (strptime patterns, the ISO forms dateutil's
isoparse reads, the fixed forms of `format: any`, Jalali dates) and of ISO 8601
durations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from govkit.engine.compile.sql import (
    _SPACE_CLASS,
    Field,
    _digits,
    _fast_path,
    _int,
    _int_or_zero,
    _let,
    _matches,
    _micros,
    _sql_list,
    _strip,
    _text,
    _when,
)

# -- dates and times -----------------------------------------------------------------------

_MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET: Final = (
    r"(?-i:Z)|[+-][0-9]{2}(?:[0-5][0-9](?:[0-5][0-9](?:\.[0-9]{1,6})?)?"
    r"|:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?)"
)

# Python's _strptime regexes (3.11), with [0-9] for \d and colon use of %z made consistent.
_DIRECTIVES: Final = {
    "d": r"3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9]",
    "f": r"[0-9]{1,6}",
    "H": r"2[0-3]|[01][0-9]|[0-9]",
    "I": r"1[0-2]|0[1-9]|[1-9]",
    "j": r"36[0-6]|3[0-5][0-9]|[12][0-9][0-9]|0[1-9][0-9]|00[1-9]|[1-9][0-9]|0[1-9]|[1-9]",
    "m": r"1[0-2]|0[1-9]|[1-9]",
    "M": r"[0-5][0-9]|[0-9]",
    "S": r"6[01]|[0-5][0-9]|[0-9]",
    "y": r"[0-9][0-9]",
    "Y": r"[0-9][0-9][0-9][0-9]",
    "z": _OFFSET,
    "B": "|".join(_MONTHS),
    "b": "|".join(m[:3] for m in _MONTHS),
    "A": "|".join(_WEEKDAYS),
    "a": "|".join(d[:3] for d in _WEEKDAYS),
    "p": "am|pm",
    "w": "[0-6]",
    "u": "[1-7]",
}


def _strptime_regex(pattern: str) -> tuple[str, tuple[str, ...]]:
    """Python's strptime pattern as an RE2 regex with one group per directive, in order."""
    parts: list[str] = []
    names: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%":
            directive = pattern[index + 1 : index + 2]
            index += 2
            if directive == "%":
                parts.append("%")
                continue
            if directive not in _DIRECTIVES:
                raise ValueError(f"the date format {pattern!r} has %{directive}, not supported")
            if directive in names:
                raise ValueError(f"the date format {pattern!r} repeats %{directive}")
            names.append(directive)
            parts.append(f"({_DIRECTIVES[directive]})")
        elif char.isspace():  # Python: a run of whitespace in the format matches \s+
            while index < len(pattern) and pattern[index].isspace():
                index += 1
            parts.append(_SPACE_CLASS + "+")
        else:
            index += 1
            parts.append(char if char.isalnum() or not char.isascii() else "\\" + char)
    return "(?i)" + "".join(parts), tuple(names)


@dataclass(frozen=True)
class _Clock:
    """The parts of a date/time reading as SQL over the extracted groups."""

    date: str  # SQL DATE, NULL when the day does not exist
    clock: str  # SQL INTERVAL since midnight
    offset: str | None  # SQL INTERVAL east of UTC, or None when naive
    valid: str  # SQL boolean: every part in range


def _as_typed(kind: str, clock: _Clock) -> str:
    utc = f" - {clock.offset}" if clock.offset else ""
    value = {
        "date": clock.date,
        "datetime": f"{clock.date} + {clock.clock}{utc}",
        "time": f"CAST('00:00:00' AS TIME) + {clock.clock}{utc}",
    }[kind]
    return f"CASE WHEN {clock.valid} AND {clock.date} IS NOT NULL THEN {value} END"


def _strptime_year(part: Callable[[str], str | None]) -> str:
    if (year := part("Y")) is not None:
        return _int(year)
    if (short := part("y")) is not None:  # Python: 00-68 are 2000-2068, 69-99 are 1969-1999
        return f"(CASE WHEN {_int(short)} <= 68 THEN 2000 ELSE 1900 END + {_int(short)})"
    return "1900"


def _strptime_month(part: Callable[[str], str | None]) -> str:
    if (month := part("m")) is not None:
        return _int(month)
    names = {"B": list(_MONTHS), "b": [m[:3] for m in _MONTHS]}
    for directive, words in names.items():
        if (name := part(directive)) is not None:
            return f"list_position({_sql_list([_text(w) for w in words])}, lower({name}))"
    return "1"


def _strptime_date(part: Callable[[str], str | None]) -> str:
    year = _strptime_year(part)
    day = part("d")
    if (julian := part("j")) is not None:  # Python lets the day of the year win
        date = f"(make_date({year}, 1, 1) + ({_int(julian)} - 1))"
    else:
        date = f"try(make_date({year}, {_strptime_month(part)}, {_int(day) if day else '1'}))"
    return _when(f"{year} >= 1", _when(f"year({date}) <= 9999", date))


def _strptime_hour(part: Callable[[str], str | None]) -> str:
    if (hour := part("H")) is not None:
        return _int(hour)
    if (twelve := part("I")) is None:
        return "0"
    pm = f"lower({part('p')}) = 'pm'" if part("p") is not None else "false"
    return f"(({_int(twelve)} % 12) + CASE WHEN {pm} THEN 12 ELSE 0 END)"


def _strptime_clock(part: Callable[[str], str | None]) -> _Clock:
    minute, second, micro = part("M"), part("S"), part("f")
    seconds = _int(second) if second else "0"
    clock = (
        f"to_hours({_strptime_hour(part)}) + to_minutes({_int(minute) if minute else '0'})"
        f" + to_seconds({seconds})" + (f" + to_microseconds({_micros(micro)})" if micro else "")
    )
    offset, offset_valid = _strptime_offset(part("z"))
    return _Clock(_strptime_date(part), clock, offset, f"{seconds} <= 59 AND {offset_valid}")


def _strptime_offset(zone: str | None) -> tuple[str | None, str]:
    if zone is None:
        return None, "true"
    bare = f"replace({zone}, ':', '')"
    hours, minutes = _int(f"substr({bare}, 2, 2)"), _int(f"substr({bare}, 4, 2)")
    seconds = _int_or_zero(f"substr({bare}, 6, 2)")
    sign = f"CASE WHEN starts_with({zone}, '-') THEN -1 ELSE 1 END"
    offset = (
        f"CASE WHEN {zone} = 'Z' THEN INTERVAL 0 SECOND ELSE "
        f"to_seconds({sign} * ({hours} * 3600 + {minutes} * 60 + {seconds})) END"
    )
    return offset, f"({zone} = 'Z' OR {hours} <= 23)"


def _read_strptime(kind: str, pattern: str, x: str) -> str:
    regex, names = _strptime_regex(pattern)
    if not names:  # a format without directives reads one constant string
        constant = _Clock("DATE '1900-01-01'", "INTERVAL 0 SECOND", None, "true")
        return _when(_matches(x, regex), _as_typed(kind, constant))

    def part(directive: str) -> str | None:
        return f"gk_p.g{names.index(directive)}" if directive in names else None

    keys = _sql_list([_text(f"g{i}") for i in range(len(names))])
    extract = f"regexp_extract({x}, {_text('^(?:' + regex + ')$')}, {keys})"
    # Every directive matches at least one character, so an empty group means no match.
    typed = _when("gk_p.g0 <> ''", _as_typed(kind, _strptime_clock(part)))
    return _let("gk_p", extract, typed)


# dateutil's isoparse, reached through frictionless's guards (cell[16] == ':' for
# datetimes, cell[5] == ':' for times): HH:MM:SS[.f][zone], or HH±HH:MM.
_ISO_ZONE: Final = r"[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?"
_ISO_TIME: Final = (
    r"([0-9]{2})(?::([0-9]{2}):([0-9]{2})(?:[.,]([0-9]+))?(" + _ISO_ZONE + r")?"
    r"|([+-][0-9]{2}:[0-9]{2}))"
)
_ISO_DATETIME: Final = r"([0-9]{4})-([0-9]{2})-([0-9]{2})[\x00-\x7f]" + _ISO_TIME


def _iso_offset(zone: str) -> tuple[str, str]:
    bare = f"replace({zone}, ':', '')"
    hours = _int(f"substr({bare}, 2, 2)")
    minutes = _int_or_zero(f"substr({bare}, 4, 2)")
    sign = f"CASE WHEN starts_with({zone}, '-') THEN -1 ELSE 1 END"
    offset = (
        f"CASE WHEN {zone} IN ('', 'Z', 'z') THEN INTERVAL 0 SECOND "
        f"ELSE to_minutes({sign} * ({hours} * 60 + {minutes})) END"
    )
    return offset, f"({zone} IN ('', 'Z', 'z') OR ({hours} <= 23 AND {minutes} <= 59))"


def _iso_clock(date: str, first: int) -> _Clock:
    """The parts of `_ISO_TIME` whose groups start at gk_p.g{first}."""
    hour, minute, second, fraction, zone, short_zone = (f"gk_p.g{first + i}" for i in range(6))

    number = _int_or_zero
    micro = _micros(fraction)
    clock = (
        f"to_hours({number(hour)}) + to_minutes({number(minute)}) + to_seconds({number(second)})"
        f" + to_microseconds({micro})"
    )
    offset, offset_valid = _iso_offset(f"({zone} || {short_zone})")
    # Midnight may be written 24:00:00 (the next day), nothing else past 23:59:59.
    in_range = (
        f"({number(hour)} <= 23 OR ({number(hour)} = 24 AND {number(minute)} = 0 "
        f"AND {number(second)} = 0 AND {micro} = 0)) "
        f"AND {number(minute)} <= 59 AND {number(second)} <= 59 AND {offset_valid}"
    )
    return _Clock(date, clock, offset, in_range)


def _read_iso(kind: str, x: str) -> str:
    if kind == "time":
        regex, date, first = _ISO_TIME, "DATE '2000-01-01'", 0
    else:
        regex, first = _ISO_DATETIME, 3
        date = f"try(make_date({_int('gk_p.g0')}, {_int('gk_p.g1')}, {_int('gk_p.g2')}))"
    keys = _sql_list([_text(f"g{i}") for i in range(first + 6)])
    extract = f"regexp_extract({x}, {_text('^(?:' + regex + ')$')}, {keys})"
    clock = _iso_clock(date, first)
    typed = _as_typed(kind, clock)
    if kind == "datetime":  # Python's datetime stops at 9999-12-31 (24:00 may overflow it)
        local = f"{date} + {clock.clock}"
        typed = _when(f"year({local}) BETWEEN 1 AND 9999", typed)
    return _let("gk_p", extract, _when("gk_p.g0 <> ''", typed))


_ANY_DATES: Final = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%m/%d/%Y", "%d/%m/%Y", "%m-%d-%Y", "%d-%m-%Y",
    "%m.%d.%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%B %d, %Y",
    "%b %d, %Y", "%Y%m%d",
)  # fmt: skip
_ANY_CLOCKS: Final = ("%H:%M", "%H:%M:%S", "%H:%M:%S.%f")
_ANY_TIMES: Final = (*_ANY_CLOCKS, "%I:%M %p", "%I:%M:%S %p", "%I %p", "%I%p")


def _any_forms(kind: str, zoned: bool) -> list[str]:
    zone = "%z" if zoned else ""
    forms = [f"{d}{sep}{t}{zone}" for d in _ANY_DATES for sep in "T " for t in _ANY_CLOCKS]
    if kind == "time":  # dateutil reads a time alone as today's; only the time is kept
        forms += [f"{t}{zone}" for t in (_ANY_CLOCKS if zoned else _ANY_TIMES)]
    return forms if zoned else [*_ANY_DATES, *forms]


def _read_any_format(kind: str, x: str) -> str:
    """`format: any`: common forms through DuckDB's strptime (see the package docstring)."""
    naive, zoned = _any_forms(kind, zoned=False), _any_forms(kind, zoned=True)
    text = _strip(x)
    # DuckDB's %z reads +03:30 and +0330 but not Z.
    utc_text = f"regexp_replace({text}, '[Zz]$', '+00:00')"
    utc = f"timezone('UTC', try_strptime({utc_text}, {_sql_list([_text(f) for f in zoned])}))"
    local = f"try_strptime({text}, {_sql_list([_text(f) for f in naive])})"
    if kind == "datetime":
        return f"coalesce({local}, {utc})"
    if kind == "date":  # the date as written: the offset is dropped, not applied
        written = f"regexp_replace({text}, '(?:[Zz]|[+-][0-9]{{2}}:?[0-9]{{2}})$', '')"
        return f"CAST(try_strptime({written}, {_sql_list([_text(f) for f in naive])}) AS DATE)"
    return f"coalesce(CAST({local} AS TIME), CAST({utc} AS TIME))"


def _reader_for_moment(kind: str) -> Callable[[Field, str], str]:
    def read(field: Field, x: str) -> str:
        if field.get("calendar") == "jalali":
            return _read_jalali(field, x)
        fmt = field.get("format", "default")
        if fmt == "any":
            return _read_any_format(kind, x)
        if (fmt == "default" or not isinstance(fmt, str)) and kind == "date":
            iso = _when(f"NOT starts_with({x}, '0000')", f"TRY_CAST({x} AS DATE)")
            return _fast_path(
                x, "[0-9]{4}-[0-9]{2}-[0-9]{2}", iso, _read_strptime(kind, "%Y-%m-%d", x)
            )
        if fmt == "default" or not isinstance(fmt, str):
            return _read_iso(kind, x)
        return _read_strptime(kind, fmt.removeprefix("fmt:"), x)

    return read


def _read_jalali(field: Field, x: str) -> str:
    """Jalali dates stay text, digits normalised: YYYY/MM/DD sorts as the calendar does."""
    return _when(f"gk_is_jalali_date({x})", _digits(x))


def _read_duration(field: Field, x: str) -> str:
    number = r"([0-9]+(?:[,.][0-9]+)?)"
    units = "".join(f"(?:{number}{unit})?" for unit in "YMWD")
    times = "".join(f"(?:{number}{unit})?" for unit in "HMS")
    # isodate's regex ends in $, which also matches before a final newline.
    regex = f"([+-]?)P{units}(?:T{times})?\n?"
    keys = _sql_list([_text(f"g{i}") for i in range(8)])
    extract = f"regexp_extract({x}, {_text('^(?:' + regex + ')$')}, {keys})"

    def part(index: int) -> str:
        return f"coalesce(TRY_CAST(nullif(replace(gk_p.g{index}, ',', '.'), '') AS DOUBLE), 0)"

    months = f"({part(1)} * 12 + {part(2)})"
    seconds = (
        f"(({part(3)} * 7 + {part(4)}) * 86400 + {part(5)} * 3600 + {part(6)} * 60 + {part(7)})"
    )
    sign = "CASE WHEN gk_p.g0 = '-' THEN -1 ELSE 1 END"
    micros = f"CAST(round({sign} * {seconds} * 1e6) AS HUGEINT)"
    value = f"{{'months': {sign} * {months}, 'micros': {micros}}}"
    # isodate's P(?!\b): something must follow the P; Python's timedelta stops at 1e9 days.
    bare_p = _matches(x, "[+-]?P\n?")
    valid = f"{_matches(x, regex)} AND NOT {bare_p} AND {seconds} < 86400e9"
    return _let("gk_p", extract, _when(valid, value))
