"""A Table Schema field compiled to vectorised DuckDB SQL over an all-VARCHAR column.

`compile_field` turns one field descriptor into SQL expressions over the column's raw
text: whether the cell is a missing value, its typed value, and one boolean per check
(type, constraints, warnings), each TRUE exactly where frictionless 5 would report that
cell. Everything is plain DuckDB SQL (regexp_full_match, try_cast, json and list
functions, the `gk_*` macros of `iranian.py`), so a whole column is checked in one pass
and every bad cell is found.

The semantics are frictionless's (`Field.read_cell` and the field classes), checked by
tests/engine/test_compile.py against frictionless itself, except where govkit differs on
purpose:

* Numbers: Python's int() and Decimal() accept underscores (`1_000`) and every Unicode
  digit; govkit accepts ASCII, Persian and Arabic-Indic digits (with a GK224 warning)
  and no underscores. Integers must fit in HUGEINT (±1.7e38) and yearmonth years in
  BIGINT; numbers are compared as DOUBLE (17 significant digits, ±1.8e308).
* Integer fields honour Table Schema v2 `groupChar`, which frictionless ignores.
* Dates and times in a strptime pattern follow Python's strptime regexes, with ASCII
  digits only and English month and day names (the C locale). Only the directives
  %a %A %b %B %d %f %H %I %j %m %M %p %S %u %w %y %Y %z and %% are read; any other
  (%U, %W, %c, %Z...) or a stray % is a ValueError, where frictionless would read some
  of them and fail every cell for the others.
* `default` datetimes and times are read as dateutil's isoparse reads them, except the
  ISO week and ordinal dates and the basic (no-dash) date form, which are type errors.
* `any` dates and times are a fixed list of common forms (ISO, `2020/01/05`,
  `01/05/2020` month first then day first, `5 Jan 2020`, `Jan 5, 2020`, `20200105`,
  `10:20`, `10:20 PM`...), not dateutil's open-ended parser; values dateutil reads
  relative to today (`10:20` as a date, `2020` alone) are type errors.
* Time zones: datetimes with an offset are compared in UTC and naive ones as written,
  where Python cannot compare them at all; times with an offset are moved to UTC and
  wrap around midnight.
* Durations: the `PYYYY-MM-DDThh:mm:ss` alternative form is a type error; a duration's
  typed value is {months, micros}.
* JSON (object, array, geojson, geopoint array/object): lone surrogate escapes such as
  "\\ud800" are refused; a geopoint array must hold two numbers, numeric strings or
  booleans (Python would also unpack a two-character string or a two-key object). Enum
  and unique compare minified JSON text, so key order matters.
* GeoJSON follows frictionless's JSON Schema by type (positions, rings, features,
  bbox), with `crs` only checked to be an object or null; topojson is checked by its
  `type` and the members a Topology requires.
* `wkt` strings follow frictionless's WKT grammar with keywords in capitals, collections
  nested at most four deep.
* Email domains that are not ASCII are accepted when every label is letters, digits
  and hyphens; the idna codec's finer rules are not applied.
* Patterns run in RE2 as a full match: `\\d`, `\\w` and `\\s` outside a character class
  (and positive ones inside it) are made Unicode-aware as in Python, but `\\b` stays
  ASCII; a top-level alternation `a|b` is one alternative of the whole value (frictionless
  builds `^a|b$`), and `$` does not match before a final newline. A pattern RE2 cannot
  compile (lookaround, backreferences) is a ValueError naming the field.
* A minimum, maximum or similar bound that is not a value of the field's type is a
  ValueError (frictionless raises a TypeError while reading).
* Table Schema v2 `categories` (string and integer fields), which frictionless 5 ignores,
  are checked: a value outside them is an enum error (GK219).
* GK224 (Persian or Arabic-Indic digits in a valid integer, number or year) and GK225
  (Arabic Yeh or Kaf in a string) are govkit's own warnings.

A NULL cell (the row is short) fails nothing: the runner reports the missing cell.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import duckdb

from govkit.engine import rules
from govkit.engine.iranian import install_macros

Field = Mapping[str, Any]


@dataclass(frozen=True)
class CellCheck:
    code: str
    """A rule code from engine/rules.py, e.g. TYPE_ERROR.code."""
    fails: str
    """SQL boolean: TRUE where the cell breaks this check; never NULL."""
    note: str
    """What is wrong, for messages: "is not an integer", "is below the minimum 0"."""


@dataclass(frozen=True)
class CompiledField:
    name: str
    column: str
    """The quoted SQL identifier the field was compiled against."""
    is_missing_value: str
    """SQL boolean: the cell is one of missingValues (a null value); never NULL."""
    typed: str
    """SQL: the typed value; NULL when the cell is absent, a missing value or invalid."""
    checks: tuple[CellCheck, ...]
    """The type check first, then the constraints, then the warnings."""


# -- SQL text ------------------------------------------------------------------------------


def _text(value: str) -> str:
    """A SQL string literal; schema values are untrusted, so quotes are doubled."""
    return "'" + value.replace("'", "''") + "'"


def _let(name: str, value: str, body: str) -> str:
    """SQL evaluating `value` once and `body` with it bound to `name` (as iranian.py does:
    DuckDB does not share repeated subexpressions inside CASE)."""
    return f"[{body} for {name} in [{value}]][1]"


def _when(condition: str, value: str) -> str:
    return f"CASE WHEN {condition} THEN {value} END"


def _matches(sql: str, regex: str) -> str:
    return f"regexp_full_match({sql}, {_text(regex)})"


def _int(sql: str) -> str:
    return f"TRY_CAST({sql} AS INTEGER)"


def _int_or_zero(sql: str) -> str:
    """An optional numeric group: '' (absent) reads as 0."""
    return f"coalesce(TRY_CAST(nullif({sql}, '') AS INTEGER), 0)"


def _micros(fraction: str) -> str:
    """Fractional seconds as microseconds: truncated to six digits, then right-padded."""
    return f"coalesce(TRY_CAST(rpad(left({fraction}, 6), 6, '0') AS INTEGER), 0)"


def _sql_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _re2_chars(chars: str) -> str:
    return "".join(f"\\x{{{ord(char):x}}}" for char in chars)


# str.strip(), int() and Decimal() strip exactly the characters str.isspace() accepts.
_PY_SPACE: Final = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_SPACE_CLASS: Final = f"[{_re2_chars(_PY_SPACE)}]"


def _strip(sql: str) -> str:
    # DuckDB's trim(s, characters) is twenty times slower than this on a million rows.
    edges = _text(f"^{_SPACE_CLASS}+|{_SPACE_CLASS}+$")
    return f"regexp_replace({sql}, {edges}, '', 'g')"


def _digits(sql: str) -> str:
    """Persian and Arabic-Indic digits as ASCII: Python's int() and Decimal() read them."""
    return f"gk_normalize_digits({sql})"


# -- numbers -------------------------------------------------------------------------------

_INTEGER: Final = r"[+-]?[0-9]+"
_DECIMAL: Final = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NAN: Final = r"(?i)[+-]?s?nan[0-9]*"
_INFINITY: Final = r"(?i)[+-]?inf(?:inity)?"


def _bare(field: Field, sql: str) -> str:
    """bareNumber: false strips what surrounds the number (`€ 5`, `5%`) as frictionless's
    `((^[^-\\d]*)|(\\D*$))` does."""
    if field.get("bareNumber", True) is not False:
        return sql
    return f"regexp_replace(regexp_replace({sql}, '^[^-0-9]*', ''), '[^0-9]*$', '')"


def _group(field: Field, sql: str) -> str:
    group = field.get("groupChar", "")
    if not isinstance(group, str) or not group:
        return sql
    return f"replace({sql}, {_text(group)}, '')"


def _decimal_char(field: Field, sql: str) -> str:
    """A decimalChar other than '.' makes '.' invalid, then stands for '.'."""
    char = field.get("decimalChar", ".")
    if not isinstance(char, str) or char == ".":
        return sql
    replaced = f"replace({sql}, {_text(char)}, '.')" if char else sql
    return f"CASE WHEN contains({sql}, '.') THEN NULL ELSE {replaced} END"


def _decimal_value(text: str) -> str:
    """SQL DOUBLE of text Decimal() accepts (already stripped), else NULL."""
    return f"""CASE WHEN {_matches(text, _DECIMAL)} THEN TRY_CAST({text} AS DOUBLE)
        WHEN {_matches(text, _NAN)} THEN CAST('NaN' AS DOUBLE)
        WHEN {_matches(text, _INFINITY)}
            THEN CASE WHEN starts_with({text}, '-') THEN -1 ELSE 1 END * CAST('inf' AS DOUBLE)
        END"""


def _plain(field: Field) -> str | None:
    """The regex of numbers that no processing changes (the common case), if safe."""
    group = field.get("groupChar", "")
    if isinstance(group, str) and any(char in group for char in "0123456789+-."):
        return None
    return _INTEGER + (r"(?:\.[0-9]+)?" if field.get("decimalChar", ".") == "." else "")


def _read_number(field: Field, x: str) -> str:
    text = _strip(_digits(x))
    processed = _decimal_char(field, _group(field, _bare(field, text)))
    # Decimal() strips whitespace again, after frictionless's own processing.
    text = _strip(processed) if processed != text else text
    value = _let("gk_n", text, _decimal_value("gk_n"))
    plain = _plain(field)
    return _fast_path(x, plain, f"CAST({x} AS DOUBLE)", value) if plain else value


def _read_integer(field: Field, x: str) -> str:
    text = _strip(_digits(x))
    processed = _group(field, _bare(field, text))
    text = _strip(processed) if processed != text else text
    value = _let("gk_n", text, _when(_matches("gk_n", _INTEGER), "TRY_CAST(gk_n AS HUGEINT)"))
    plain = _plain({**field, "decimalChar": ""})
    return _fast_path(x, plain, f"TRY_CAST({x} AS HUGEINT)", value) if plain else value


def _fast_path(x: str, regex: str, fast: str, slow: str) -> str:
    """Most cells are plain ASCII values: one regex and a cast, the full reading otherwise."""
    return f"CASE WHEN {_matches(x, regex)} THEN {fast} ELSE {slow} END"


def _read_year(field: Field, x: str) -> str:
    # frictionless checks len(cell) == 4 before int() strips it: ' 202' is the year 202.
    value = _when(_matches("gk_n", _INTEGER), "TRY_CAST(gk_n AS INTEGER)")
    year = _let("gk_y", _let("gk_n", _strip(_digits(x)), value), _year_range("gk_y"))
    return _when(f"length({x}) = 4", year)


def _year_range(sql: str) -> str:
    return _when(f"{sql} BETWEEN 0 AND 9999", sql)


def _read_yearmonth(field: Field, x: str) -> str:
    parts = f"string_split({_digits(x)}, '-')"
    year = _let("gk_n", _strip("gk_parts[1]"), _when(_matches("gk_n", _INTEGER), "gk_n"))
    month = _let("gk_n", _strip("gk_parts[2]"), _when(_matches("gk_n", _INTEGER), "gk_n"))
    value = f"""CASE WHEN len(gk_parts) = 2
        AND TRY_CAST({month} AS INTEGER) BETWEEN 1 AND 12
        AND TRY_CAST({year} AS BIGINT) IS NOT NULL
        THEN {{'year': TRY_CAST({year} AS BIGINT), 'month': TRY_CAST({month} AS INTEGER)}} END"""
    return _let("gk_parts", parts, value)


def _read_boolean(field: Field, x: str) -> str:
    true = _texts(field, "trueValues", ["true", "True", "TRUE", "1"])
    false = _texts(field, "falseValues", ["false", "False", "FALSE", "0"])
    # frictionless maps the true values first, then the false ones: a value in both is false.
    branches = []
    if false:
        branches.append(f"WHEN {x} IN ({', '.join(map(_text, false))}) THEN false")
    if true:
        branches.append(f"WHEN {x} IN ({', '.join(map(_text, true))}) THEN true")
    return f"CASE {' '.join(branches)} END" if branches else "CAST(NULL AS BOOLEAN)"


def _texts(field: Field, key: str, default: list[str]) -> list[str]:
    """A list property's strings: others can never equal a cell's text."""
    values = field.get(key, default)
    if not isinstance(values, list):
        raise ValueError(f"{key} {values!r} is not a list")
    return [v for v in values if isinstance(v, str)]


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
    """`format: any`: common forms through DuckDB's strptime (see the module docstring)."""
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


# -- strings -------------------------------------------------------------------------------

_EXTENDED_LATIN: Final = r"\x{100}-\x{17f}\x{180}-\x{24f}\x{a0}-\x{ff}"
_ATOM: Final = f"[{_EXTENDED_LATIN}0-9a-z!#$%&'*+/=?^_`{{}}|~\\-]+"
_EMAIL_USER: Final = (
    # validators.email, case-insensitive: a dot-atom or a quoted string, then $ (which also
    # matches before a final newline). Its extended-latin first alternative adds nothing.
    f"(?i)(?:{_ATOM}(?:\\.{_ATOM})*"
    f'|"(?:[{_EXTENDED_LATIN}\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\t.])*")\\n?'
)
# Domain labels as validators.domain reads the idna-encoded name. A label that is not
# ASCII becomes xn--...: govkit accepts it when it holds letters, digits and hyphens.
_IDN_LABEL: Final = r"[a-z0-9\-]*[\x{80}-\x{10ffff}][a-z0-9\-\x{80}-\x{10ffff}]{0,62}"
_EMAIL_DOMAIN: Final = (
    f"(?i)(?:(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?|{_IDN_LABEL})\\.)+"
    f"(?:[a-z0-9][a-z0-9-]{{0,61}}[a-z]|{_IDN_LABEL})"
)


# A plain address (at most 64 characters, ASCII atoms, letters-only top-level label) is
# one the full grammar below accepts too: one regex decides the common case.
_PLAIN_EMAIL: Final = (
    r"(?i)[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"[a-z]{2,24}"
)


def _is_email(x: str) -> str:
    plain = f"(length({x}) <= 64 AND {_matches(x, _PLAIN_EMAIL)})"
    return f"(CASE WHEN {plain} THEN true ELSE {_full_email(x)} END)"


def _full_email(x: str) -> str:
    user, domain = f"split_part({x}, '@', 1)", f"split_part({x}, '@', 2)"
    return f"""(length({x}) - length(replace({x}, '@', '')) = 1
        AND length({user}) <= 64 AND length({domain}) <= 253
        AND {_matches(user, _EMAIL_USER)}
        AND NOT regexp_matches({domain}, {_text(_SPACE_CLASS + "|__")})
        AND {_matches(domain, _EMAIL_DOMAIN)})"""


def _is_uuid(x: str) -> str:
    # uuid.UUID(): drop 'urn:' and 'uuid:', strip braces, drop hyphens, then 32 hex digits.
    hexa = f"replace(trim(replace(replace({x}, 'urn:', ''), 'uuid:', ''), '{{}}'), '-', '')"
    return _matches(hexa, "[0-9a-fA-F]{32}")


_B64: Final = "[A-Za-z0-9+/]"


def _is_base64(x: str) -> str:
    """base64.b64decode without validate: other characters are skipped, and decoding stops
    at the padding that completes a quantum (CPython's a2b_base64)."""
    d = _B64
    quantum = f"(?:{d}=*{d}=*{d}=?{d}=*)"
    end = f"(?:{d}=*{d}(?:==|=?{d}=)[A-Za-z0-9+/=]*)"
    data = f"regexp_replace({x}, '[^A-Za-z0-9+/=]', '', 'g')"
    ascii_only = _matches(x, "[\\x00-\\x7f]*")
    return f"({ascii_only} AND {_matches(data, f'=*{quantum}*{end}?')})"


def _macro_check(macro: str) -> Callable[[str], str]:
    return lambda x: f"coalesce({macro}({x}), false)"


def _is_uri(x: str) -> str:
    # rfc3986 with a required scheme: any string that starts with one.
    return f"regexp_matches({x}, '^[a-zA-Z][a-zA-Z0-9+.\\-]*:')"


def _string_formats() -> dict[str, Callable[[str], str]]:
    return {
        "uri": _is_uri,
        "email": _is_email,
        "uuid": _is_uuid,
        "binary": _is_base64,
        "wkt": _is_wkt,
        "ir-national-id": _macro_check("gk_is_national_id"),
        "ir-legal-id": _macro_check("gk_is_legal_id"),
        "ir-mobile": _macro_check("gk_is_mobile"),
        "ir-postal-code": _macro_check("gk_is_postal_code"),
        "ir-sheba": _macro_check("gk_is_sheba"),
    }


def _format(field: Field, known: Sequence[str]) -> str:
    """The field's format, one of `known` (frictionless refuses the descriptor otherwise)."""
    fmt = field.get("format") or "default"
    if fmt not in known:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(known)}")
    return str(fmt)


def _read_string(field: Field, x: str) -> str:
    if field.get("calendar") == "jalali":
        return _when(f"gk_is_jalali_date({x})", x)
    fmt = _format(field, ["default", *_STRING_FORMATS])
    check = _STRING_FORMATS.get(fmt)
    return _when(check(x), x) if check else x


# -- WKT -----------------------------------------------------------------------------------

_WKT_NUMBER: Final = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_WKT_POINT: Final = f"{_WKT_NUMBER}(?:\\s+{_WKT_NUMBER}){{1,3}}"
_SP: Final = r"\s*"
_WKT_PLACEHOLDER: Final = r"\x01"


def _wkt_list(item: str) -> str:
    return f"(?:EMPTY|\\({_SP}{item}(?:{_SP},{_SP}{item})*{_SP}\\))"


def _wkt_grammar(depth: int) -> str:
    """frictionless's WKT grammar as a regex over text whose points are already \\x01;
    collections nest `depth` levels deep."""
    zm = f"(?:{_SP}(?:ZM|Z|M))?{_SP}"
    point = f"(?:EMPTY|\\({_SP}{_WKT_PLACEHOLDER}{_SP}\\))"
    line = _wkt_list(_WKT_PLACEHOLDER)
    circular = f"CIRCULARSTRING{zm}{line}"
    compound = f"COMPOUNDCURVE{zm}{_wkt_list(f'(?:{line}|{circular})')}"
    ring = f"(?:{line}|{circular}|{compound})"
    polygon = _wkt_list(line)
    triangle = f"(?:EMPTY|\\({_SP}{line}{_SP}\\))"
    curvepolygon = _wkt_list(ring)
    surface = f"(?:CURVEPOLYGON{_SP}{curvepolygon}|{polygon})"
    single = [
        f"POINT{zm}{point}",
        f"LINESTRING{zm}{line}",
        circular,
        compound,
        f"CURVEPOLYGON{zm}{curvepolygon}",
        f"POLYGON{zm}{polygon}",
        f"TRIANGLE{zm}{triangle}",
        f"MULTIPOINT{zm}{_wkt_list(point)}",
        f"MULTICURVE{zm}{_wkt_list(ring)}",
        f"MULTILINESTRING{zm}{_wkt_list(line)}",
        f"MULTISURFACE{zm}{_wkt_list(surface)}",
        f"MULTIPOLYGON{zm}{_wkt_list(polygon)}",
        f"POLYHEDRALSURFACE{zm}{_wkt_list(polygon)}",
        f"TIN{zm}{_wkt_list(triangle)}",
    ]
    geometry = "(?:" + "|".join(single) + ")"
    for _ in range(depth):
        geometry = f"(?:{geometry}|GEOMETRYCOLLECTION{zm}{_wkt_list(geometry)})"
    return f"{_SP}{geometry}{_SP}"


_WKT: Final = _wkt_grammar(depth=4)


def _is_wkt(x: str) -> str:
    # Points first become \x01 (which WKT never holds): the grammar's regex stays small
    # enough for RE2.
    points = f"regexp_replace({x}, {_text(_WKT_POINT)}, chr(1), 'g')"
    return f"(NOT contains({x}, chr(1)) AND {_matches(points, _WKT)})"


# -- JSON ----------------------------------------------------------------------------------

_JSON_STRING: Final = r'"(?:[^"\\]|\\.)*"'
_JSON_WORDS: Final = r"true|false|null|NaN|Infinity|[0-9][eE]"


def _json_ok(x: str) -> str:
    """json.loads() accepts it: DuckDB's parser also takes trailing commas and spellings
    of NaN and infinity that Python refuses, so those are looked for outside strings."""
    skeleton = f"regexp_replace({x}, {_text(_JSON_STRING)}, '\"\"', 'g')"
    words = f"regexp_replace(gk_j, {_text(_JSON_WORDS)}, '', 'g')"
    python = (
        f"NOT regexp_matches(gk_j, ',[ \\t\\n\\r]*[\\]}}]') AND NOT contains(gk_j, '-NaN') "
        f"AND NOT regexp_matches({words}, '[A-Za-z]')"
    )
    return f"(json_valid({x}) AND {_let('gk_j', skeleton, python)})"


def _read_json(kind: str) -> Callable[[Field, str], str]:
    def read(field: Field, x: str) -> str:
        return _when(f"{_json_ok(x)} AND json_type({x}) = '{kind}'", f"json({x})")

    return read


def _json_items(sql: str, depth: int, check: Callable[[str, int], str], least: int = 0) -> str:
    """SQL: `sql` is a JSON array of at least `least` items that all pass `check`."""
    item = f"gk_e{depth}"
    items = f"json_extract({sql}, '$[*]')"
    each = f"coalesce(list_bool_and([{check(item, depth + 1)} for {item} in {items}]), true)"
    return (
        f"(coalesce(json_type({sql}) = 'ARRAY', false) "
        f"AND json_array_length({sql}) >= {least} AND {each})"
    )


def _json_number(sql: str, depth: int = 0) -> str:
    return f"coalesce(json_type({sql}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT'), false)"


def _position(sql: str, depth: int) -> str:
    return f"(json_array_length({sql}) = 2 AND {_json_items(sql, depth, _json_number)})"


def _line(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _position, least=2)


def _ring(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _position, least=4)


def _polygon(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _ring)


_COORDINATES: Final[dict[str, Callable[[str, int], str]]] = {
    "Point": _position,
    "MultiPoint": lambda sql, depth: _json_items(sql, depth, _position),
    "LineString": _line,
    "MultiLineString": lambda sql, depth: _json_items(sql, depth, _line),
    "Polygon": _polygon,
    "MultiPolygon": lambda sql, depth: _json_items(sql, depth, _polygon),
}


def _member(sql: str, key: str) -> str:
    return f"json_extract({sql}, {_text('$.' + json.dumps(key))})"


def _geometry(sql: str, depth: int) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    coordinates = _member(sql, "coordinates")
    cases = " ".join(
        f"WHEN {_text(name)} THEN {check(coordinates, depth)}"
        for name, check in _COORDINATES.items()
    )
    return (
        f"(coalesce(json_type({sql}) = 'OBJECT', false) AND json_exists({sql}, '$.coordinates') "
        f"AND coalesce(CASE {kind} {cases} ELSE false END, false))"
    )


def _has_type(sql: str, name: str) -> str:
    """JSON Schema `properties.type.enum`: checked only when the member is there."""
    named = f"json_extract_string({sql}, '$.type') = {_text(name)}"
    return f"coalesce({named}, NOT json_exists({sql}, '$.type'))"


def _feature(sql: str, depth: int) -> str:
    geometry, properties = _member(sql, "geometry"), _member(sql, "properties")
    return (
        f"(json_type({sql}) <> 'OBJECT' OR ({_has_type(sql, 'Feature')} "
        f"AND json_exists({sql}, '$.geometry') AND json_exists({sql}, '$.properties') "
        f"AND (json_type({geometry}) = 'NULL' OR {_geometry(geometry, depth)}) "
        f"AND json_type({properties}) IN ('OBJECT', 'NULL')))"
    )


def _geojson_kind(sql: str) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    geometries = _member(sql, "geometries")
    features = _member(sql, "features")
    return f"""CASE {kind}
        WHEN 'GeometryCollection' THEN json_exists({sql}, '$.geometries')
            AND {_json_items(geometries, 0, _geometry)}
        WHEN 'Feature' THEN {_feature(sql, 0)}
        WHEN 'FeatureCollection' THEN json_exists({sql}, '$.features')
            AND {_json_items(features, 0, _feature)}
        ELSE {_geometry(sql, 0)} END"""


def _geojson_extras(sql: str) -> str:
    bbox, crs = _member(sql, "bbox"), _member(sql, "crs")
    return (
        f"(NOT json_exists({sql}, '$.bbox') OR {_json_items(bbox, 0, _json_number)}) "
        f"AND (NOT json_exists({sql}, '$.crs') OR json_type({crs}) IN ('OBJECT', 'NULL'))"
    )


def _topojson(sql: str) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    objects, arcs = _member(sql, "objects"), _member(sql, "arcs")
    return (
        f"CASE {kind} WHEN 'Topology' THEN coalesce(json_type({objects}) = 'OBJECT' "
        f"AND json_type({arcs}) = 'ARRAY', false) "
        f"ELSE {kind} IN ({', '.join(map(_text, [*_COORDINATES, 'GeometryCollection']))}) END"
    )


def _read_geojson(field: Field, x: str) -> str:
    if _format(field, ["default", "topojson"]) == "topojson":
        check = _topojson("gk_g")
    else:
        check = f"{_geojson_extras('gk_g')} AND {_geojson_kind('gk_g')}"
    return _let("gk_g", _read_json("OBJECT")(field, x), _when(f"coalesce({check}, false)", "gk_g"))


# -- geopoint ------------------------------------------------------------------------------


def _geo_number(text: str) -> str:
    """Decimal() of a string: stripped, Persian digits read."""
    return _let("gk_n", _strip(_digits(text)), _decimal_value("gk_n"))


def _json_coordinate(sql: str) -> str:
    """Decimal() of a JSON value: a number, a numeric string, or a boolean (1 or 0)."""
    return f"""CASE json_type({sql})
        WHEN 'VARCHAR' THEN {_geo_number(f"json_extract_string({sql}, '$')")}
        WHEN 'BOOLEAN' THEN CASE WHEN json_extract_string({sql}, '$') = 'true' THEN 1.0 ELSE 0.0 END
        WHEN 'NULL' THEN NULL
        WHEN 'ARRAY' THEN NULL
        WHEN 'OBJECT' THEN NULL
        ELSE {_decimal_value(f"json_extract_string({sql}, '$')")} END"""


def _geopoint(lon: str, lat: str) -> str:
    point = f"{{'lon': CAST({lon} AS DOUBLE), 'lat': CAST({lat} AS DOUBLE)}}"
    # NaN fails too: Decimal NaN cannot be compared, so frictionless rejects it.
    in_range = "gk_pt.lon BETWEEN -180 AND 180 AND gk_pt.lat BETWEEN -90 AND 90"
    return _let("gk_pt", point, _when(in_range, "gk_pt"))


def _read_geopoint(field: Field, x: str) -> str:
    fmt = _format(field, ["default", "array", "object"])
    if fmt == "array":
        ok = f"{_json_ok(x)} AND json_type({x}) = 'ARRAY' AND json_array_length({x}) = 2"
        point = _geopoint(
            _json_coordinate(f"json_extract({x}, '$[0]')"),
            _json_coordinate(f"json_extract({x}, '$[1]')"),
        )
        return _when(ok, point)
    if fmt == "object":
        keys = f"list_sort(list_distinct(json_keys({x})))"
        ok = f"{_json_ok(x)} AND json_type({x}) = 'OBJECT' AND {keys} = ['lat', 'lon']"
        point = _geopoint(_json_coordinate(_member(x, "lon")), _json_coordinate(_member(x, "lat")))
        return _when(ok, point)
    parts = f"string_split({x}, ',')"
    point = _geopoint(_geo_number("gk_parts[1]"), _geo_number("gk_parts[2]"))
    return _let("gk_parts", parts, _when("len(gk_parts) = 2", point))


# -- list and any --------------------------------------------------------------------------

_LIST_ITEM_TYPES: Final = ("string", "integer", "boolean", "number", "datetime", "date", "time")


def _read_list(field: Field, x: str) -> str:
    delimiter = field.get("delimiter", ",")
    item_type = field.get("itemType", "string")
    if not isinstance(delimiter, str) or not delimiter:
        raise ValueError("a list's delimiter must be a non-empty string")
    if item_type not in _LIST_ITEM_TYPES:
        raise ValueError(f"itemType {item_type!r} is not one of {', '.join(_LIST_ITEM_TYPES)}")
    # Items are read with their type's defaults, as the standard says.
    item = _KINDS[item_type].read({"type": item_type}, "gk_item")
    items = f"[{item} for gk_item in string_split({x}, {_text(delimiter)})]"
    return _let("gk_items", items, _when("list_count(gk_items) = len(gk_items)", "gk_items"))


def _read_any(field: Field, x: str) -> str:
    return x


# -- constraint values ---------------------------------------------------------------------
# A constraint value (minimum, enum...) is read as frictionless reads it, by the field's
# own reader, so a bound and a cell are compared as the same type.

Literal = Callable[[Field, Any], str | None]


def _literal_text(field: Field, value: Any) -> str | None:
    return _KINDS[_kind_name(field)].read(field, _text(value)) if isinstance(value, str) else None


def _literal_integer(field: Field, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"CAST({value} AS HUGEINT)"
    return _literal_text(field, value)


def _literal_number(field: Field, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # frictionless: Decimal(str(value))
        return _read_number({}, _text(str(value)))
    return _literal_text(field, value)


def _literal_year(field: Field, value: Any) -> str | None:
    if isinstance(value, int):  # bool too: frictionless's isinstance(cell, int)
        return _year_range(str(int(value)))
    return _literal_text(field, value)


def _literal_boolean(field: Field, value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _literal_text(field, value)


def _literal_yearmonth(field: Field, value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        if len(value) != 2 or not all(isinstance(v, int) for v in value):
            return None
        year, month = (int(v) for v in value)
        return f"{{'year': CAST({year} AS BIGINT), 'month': CAST({month} AS INTEGER)}}"
    return _literal_text(field, value)


def _literal_json(field: Field, value: Any) -> str | None:
    if isinstance(value, (dict, list)):
        return _KINDS[_kind_name(field)].read(field, _text(json.dumps(value, ensure_ascii=False)))
    return _literal_text(field, value)


def _literal_geopoint(field: Field, value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        numbers = [v for v in value if isinstance(v, (int, float)) and not math.isnan(v)]
        if len(value) != 2 or len(numbers) != 2:
            return None
        return _geopoint(repr(float(numbers[0])), repr(float(numbers[1])))
    return _literal_text(field, value)


def _literal_moment(field: Field, value: Any) -> str | None:
    """YAML may hand over dates and datetimes: frictionless reads them as they are."""
    kind = _kind_name(field)
    if field.get("calendar") == "jalali":  # Jalali values are compared as text
        return _literal_text(field, value)
    if isinstance(value, dt.datetime):
        if kind == "datetime":
            utc = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
            return f"TIMESTAMP {_text(utc.isoformat(sep=' '))}"
        midnight = value.time() == dt.time()
        return f"DATE {_text(value.date().isoformat())}" if kind == "date" and midnight else None
    if isinstance(value, dt.date):
        return f"DATE {_text(value.isoformat())}" if kind == "date" else None
    if isinstance(value, dt.time) and kind == "time":
        # Times with an offset are compared in UTC, as the cells are.
        moment = dt.datetime.combine(dt.date(2000, 1, 1), value)
        utc = moment.astimezone(dt.UTC) if value.tzinfo else moment
        return f"TIME {_text(utc.time().isoformat())}"
    return _literal_text(field, value)


def _literal_any(field: Field, value: Any) -> str | None:
    return _text(value) if isinstance(value, str) else None


# -- the types -----------------------------------------------------------------------------

_BOUNDS: Final = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})


@dataclass(frozen=True)
class _Kind:
    read: Callable[[Field, str], str]
    """Raw text SQL -> typed SQL, NULL when the text is not a value of the type."""
    note: str
    constraints: frozenset[str]
    literal: Literal = _literal_text
    size: Callable[[str], str] | None = None
    """Typed SQL -> its length, for minLength/maxLength."""


def _supports(*names: str) -> frozenset[str]:
    return frozenset({"required", *names})


_ORDERED: Final = _supports(*_BOUNDS, "enum")
_SIZED: Final = _supports("minLength", "maxLength", "enum")

_KINDS: Final[dict[str, _Kind]] = {
    "string": _Kind(
        _read_string,
        "is not a valid string",
        _supports("minLength", "maxLength", "pattern", "enum"),
        size=lambda sql: f"length({sql})",
    ),
    "integer": _Kind(_read_integer, "is not an integer", _ORDERED, _literal_integer),
    "number": _Kind(_read_number, "is not a number", _ORDERED, _literal_number),
    "boolean": _Kind(
        _read_boolean, "is not one of the true or false values", _supports("enum"), _literal_boolean
    ),
    "date": _Kind(_reader_for_moment("date"), "is not a date", _ORDERED, _literal_moment),
    "time": _Kind(_reader_for_moment("time"), "is not a time", _ORDERED, _literal_moment),
    "datetime": _Kind(
        _reader_for_moment("datetime"), "is not a datetime", _ORDERED, _literal_moment
    ),
    "year": _Kind(_read_year, "is not a year", _ORDERED, _literal_year),
    "yearmonth": _Kind(_read_yearmonth, "is not a year-month", _ORDERED, _literal_yearmonth),
    "duration": _Kind(_read_duration, "is not an ISO 8601 duration", _supports("enum")),
    "geopoint": _Kind(_read_geopoint, "is not a point", _supports("enum"), _literal_geopoint),
    "geojson": _Kind(_read_geojson, "is not GeoJSON", _supports("enum"), _literal_json),
    "object": _Kind(
        _read_json("OBJECT"),
        "is not a JSON object",
        _SIZED,
        _literal_json,
        size=lambda sql: f"len(list_distinct(json_keys({sql})))",
    ),
    "array": _Kind(
        _read_json("ARRAY"),
        "is not a JSON array",
        _SIZED,
        _literal_json,
        size=lambda sql: f"json_array_length({sql})",
    ),
    "list": _Kind(
        _read_list,
        "is not a list",
        _supports("minLength", "maxLength"),
        size=lambda sql: f"len({sql})",
    ),
    "any": _Kind(_read_any, "is not a value", _supports("enum"), _literal_any),
}
_STRING_FORMATS: Final = _string_formats()


def _kind_name(field: Field) -> str:
    # frictionless reads a field without a type as a string (its v1 default).
    kind = field.get("type") or "string"
    if kind not in _KINDS:
        raise ValueError(f"unknown type {kind!r}")
    return str(kind)


_FORMAT_NOTES: Final = {
    "ir-national-id": "is not a valid Iranian national ID",
    "ir-legal-id": "is not a valid Iranian legal-entity ID",
    "ir-mobile": "is not a valid Iranian mobile number",
    "ir-postal-code": "is not a valid Iranian postal code",
    "ir-sheba": "is not a valid Sheba (Iranian IBAN)",
    "email": "is not an email address",
    "uri": "is not a URI",
    "uuid": "is not a UUID",
    "binary": "is not base64",
    "wkt": "is not WKT geometry",
}


def _type_note(field: Field) -> str:
    kind, fmt = _kind_name(field), field.get("format") or "default"
    if field.get("calendar") == "jalali":
        return "is not a Jalali date (YYYY/MM/DD) that exists"
    if kind == "string" and fmt in _FORMAT_NOTES:
        return _FORMAT_NOTES[fmt]
    if kind in ("date", "time", "datetime") and fmt not in ("default", "any"):
        return f"{_KINDS[kind].note} in the format {fmt}"
    return _KINDS[kind].note


# -- the probe: constraint values and patterns checked once, at compile time -------------

_PROBES = threading.local()


def _probe() -> duckdb.DuckDBPyConnection:
    """A private DuckDB connection per thread (the runner validates in parallel)."""
    connection: duckdb.DuckDBPyConnection | None = getattr(_PROBES, "connection", None)
    if connection is None:
        connection = duckdb.connect(":memory:")
        install_macros(connection)
        _PROBES.connection = connection
    return connection


def _are_values(sqls: Sequence[str]) -> list[bool]:
    """Which of these constant expressions are values (not NULL), in one query."""
    if not sqls:
        return []
    row = (
        _probe().execute(f"SELECT [{', '.join(f'({sql}) IS NOT NULL' for sql in sqls)}]").fetchone()
    )
    return [bool(flag) for flag in row[0]] if row else [False] * len(sqls)


def _re2_error(regex: str) -> str | None:
    try:
        _probe().execute(f"SELECT regexp_full_match('', {_text(regex)})").fetchone()
    except duckdb.Error as error:
        return str(error).splitlines()[0]
    return None


# -- patterns ------------------------------------------------------------------------------

_UNICODE_CLASSES: Final = {
    "d": ("\\p{Nd}", "\\p{Nd}"),
    "D": ("\\P{Nd}", None),
    "w": ("[\\p{L}\\p{N}_]", "\\p{L}\\p{N}_"),
    "W": ("[^\\p{L}\\p{N}_]", None),
    "s": (_SPACE_CLASS, _SPACE_CLASS[1:-1]),
    "S": ("[^" + _SPACE_CLASS[1:], None),
    "Z": ("\\z", None),
}


def _python_to_re2(pattern: str) -> str:
    """Python's Unicode \\d, \\w, \\s in RE2 terms (RE2's own are ASCII-only)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escape = pattern[index + 1]
            outside, inside = _UNICODE_CLASSES.get(escape, (None, None))
            replacement = inside if in_class else outside
            out.append(replacement or pattern[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            index += 1
            # A ']' right after '[' or '[^' is a literal member.
            for prefix in ("^", "]"):
                if pattern[index : index + 1] == prefix:
                    out.append(prefix)
                    index += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


# -- checks --------------------------------------------------------------------------------


def _constraints(field: Field) -> Mapping[str, Any]:
    constraints = field.get("constraints") or {}
    if not isinstance(constraints, Mapping):
        raise ValueError(f"constraints {constraints!r} is not an object")
    return constraints


def _bound_checks(field: Field, kind: _Kind, typed: str) -> list[CellCheck]:
    constraints = _constraints(field)
    specs = [
        ("minimum", ">=", rules.MINIMUM.code, "is below the minimum"),
        ("exclusiveMinimum", ">", rules.MINIMUM.code, "is not above the exclusive minimum"),
        ("maximum", "<=", rules.MAXIMUM.code, "is above the maximum"),
        ("exclusiveMaximum", "<", rules.MAXIMUM.code, "is not below the exclusive maximum"),
    ]
    checks = []
    for name, operator, code, words in specs:
        value = constraints.get(name)
        if value is None or name not in kind.constraints:
            continue
        bound = kind.literal(field, value)
        if bound is None or not _are_values([bound])[0]:
            raise ValueError(f"{name} {value!r} is not a value of type {_kind_name(field)}")
        # frictionless fails NaN on every bound; DuckDB would order NaN above everything.
        nan = f"isnan({typed}) OR " if _kind_name(field) == "number" else ""
        fails = f"coalesce({nan}NOT ({typed} {operator} {bound}), false)"
        checks.append(CellCheck(code, fails, f"{words} {value}"))
    return checks


def _length_checks(field: Field, kind: _Kind, typed: str) -> list[CellCheck]:
    constraints = _constraints(field)
    checks = []
    for name, operator, code, words in (
        ("minLength", "<", rules.MIN_LENGTH.code, "is shorter than the minimum length"),
        ("maxLength", ">", rules.MAX_LENGTH.code, "is longer than the maximum length"),
    ):
        value = constraints.get(name)
        if value is None or name not in kind.constraints or kind.size is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} {value!r} is not an integer")
        fails = f"coalesce({kind.size(typed)} {operator} {value}, false)"
        checks.append(CellCheck(code, fails, f"{words} {value}"))
    return checks


def _pattern_check(field: Field, kind: _Kind, typed: str) -> list[CellCheck]:
    pattern = _constraints(field).get("pattern")
    if pattern is None or "pattern" not in kind.constraints:
        return []
    if not isinstance(pattern, str):
        raise ValueError(f"pattern {pattern!r} is not a string")
    regex = _python_to_re2(pattern)
    error = _re2_error(regex)
    if error:
        raise ValueError(f"pattern {pattern!r} cannot be checked (RE2: {error})")
    fails = f"coalesce(NOT {_matches(typed, regex)}, false)"
    return [CellCheck(rules.PATTERN.code, fails, f"does not match the pattern {pattern}")]


def _enum_check(field: Field, kind: _Kind, typed: str) -> list[CellCheck]:
    values = _constraints(field).get("enum")
    if values is None or "enum" not in kind.constraints:
        return []
    if not isinstance(values, list):
        raise ValueError(f"enum {values!r} is not a list")
    return [_one_of(field, kind, typed, values, "is not one of")]


def _categories_check(field: Field, kind: _Kind, typed: str) -> list[CellCheck]:
    """Table Schema v2 `categories` (string and integer fields), which frictionless 5
    ignores: a value outside them is reported as an enum error."""
    categories = field.get("categories")
    if categories is None or _kind_name(field) not in ("string", "integer"):
        return []
    if not isinstance(categories, list):
        raise ValueError(f"categories {categories!r} is not a list")
    # Each category is a value, or {value, label}.
    values = [c.get("value") if isinstance(c, Mapping) else c for c in categories]
    return [_one_of(field, kind, typed, values, "is not one of the categories")]


def _one_of(field: Field, kind: _Kind, typed: str, values: list[Any], words: str) -> CellCheck:
    literals = [sql for v in values if (sql := kind.literal(field, v))]
    # Values that are not of the field's type can never match, as in frictionless.
    members = [sql for sql, ok in zip(literals, _are_values(literals), strict=True) if ok]
    # NaN equals nothing in Python, itself included; DuckDB finds NaN = NaN.
    nan = f"isnan({typed}) OR " if _kind_name(field) == "number" else ""
    listed = f"{typed} IN ({', '.join(members)})" if members else "false"
    fails = f"coalesce({typed} IS NOT NULL AND ({nan}NOT ({listed})), false)"
    shown = ", ".join(map(str, values[:10])) + (", ..." if len(values) > 10 else "")
    return CellCheck(rules.ENUM.code, fails, f"{words} {shown}")


def _warnings(field: Field, column: str, present: str, typed: str) -> list[CellCheck]:
    kind = _kind_name(field)
    if kind in ("integer", "number", "year"):
        # The cheap test first: DuckDB evaluates the rest only where it holds.
        fails = f"coalesce(gk_has_non_ascii_digits({column}) AND {typed} IS NOT NULL, false)"
        return [
            CellCheck(
                rules.NON_ASCII_DIGITS.code, fails, "is written with Persian or Arabic-Indic digits"
            )
        ]
    if kind == "string":
        fails = f"coalesce({present} AND gk_has_arabic_letters({column}), false)"
        return [
            CellCheck(rules.ARABIC_LETTERS.code, fails, "uses Arabic Yeh or Kaf for Persian ی or ک")
        ]
    return []


def _missing_values(field: Field, schema_values: Sequence[Any]) -> list[str]:
    values = field.get("missingValues", schema_values)
    if not isinstance(values, (list, tuple)):
        raise ValueError(f"missingValues {values!r} is not a list")
    # v2 allows {value, label} entries; the value is what a cell holds.
    return [str(v["value"]) if isinstance(v, Mapping) else str(v) for v in values]


def compile_field(
    field: Mapping[str, Any],
    column: str,
    missing_values: Sequence[str] = ("",),
    *,
    typed_as: str | None = None,
) -> CompiledField:
    """Compile `field` into SQL over the VARCHAR `column`; ValueError if it cannot be checked.

    With `typed_as`, the checks read the typed value from that column instead of
    parsing the cell again in each of them: the caller computes `typed` into it once.
    """
    name = str(field.get("name", ""))
    try:
        return _compile(field, column, missing_values, typed_as)
    except ValueError as error:
        raise ValueError(f"field {name!r}: {error}") from None


def _compile(
    field: Field, column: str, missing_values: Sequence[Any], typed_as: str | None
) -> CompiledField:
    kind = _KINDS[_kind_name(field)]
    missing = _missing_values(field, missing_values)
    is_missing = (
        f"coalesce({column} IN ({', '.join(map(_text, missing))}), false)" if missing else "false"
    )
    read = kind.read(field, column)
    typed = f"CASE WHEN NOT {is_missing} THEN {read} END"
    value = typed_as or typed
    present = f"({column} IS NOT NULL AND NOT {is_missing})"
    # A present cell is one that is not a missing value: there, `typed` is the reading.
    type_check = CellCheck(
        rules.TYPE_ERROR.code,
        f"coalesce({present} AND ({value}) IS NULL, false)",
        _type_note(field),
    )
    checks = [type_check]
    if _constraints(field).get("required"):
        checks.append(
            CellCheck(rules.REQUIRED.code, is_missing, "is empty but the field is required")
        )
    checks += _bound_checks(field, kind, value)
    checks += _length_checks(field, kind, value)
    checks += _pattern_check(field, kind, value)
    checks += _enum_check(field, kind, value)
    checks += _categories_check(field, kind, value)
    checks += _warnings(field, column, present, value)
    return CompiledField(str(field.get("name", "")), column, is_missing, typed, tuple(checks))
