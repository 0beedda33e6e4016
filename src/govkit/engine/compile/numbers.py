"""Readers of integer, number, year, yearmonth and boolean cells: bareNumber, groupChar
and decimalChar applied as frictionless applies them, then the text read as Python's
int() and Decimal() read it."""

from __future__ import annotations

from typing import Final

from govkit.engine.compile.sql import (
    Field,
    _digits,
    _fast_path,
    _let,
    _matches,
    _strip,
    _text,
    _when,
)

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
