"""A field compiled: `compile_field` and its result, the constraint and warning checks,
and the DuckDB probe that checks constraint values and patterns at compile time."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from govkit.engine import rules
from govkit.engine.compile.kinds import _KINDS, _Kind, _kind_name, _type_note
from govkit.engine.compile.patterns import _python_to_re2
from govkit.engine.compile.sql import Field, _matches, _text
from govkit.engine.database import open_database
from govkit.engine.iranian import install_macros


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


# -- the probe: constraint values and patterns checked once, at compile time -------------

_PROBES = threading.local()


def _probe() -> duckdb.DuckDBPyConnection:
    """A private DuckDB connection per thread (the runner validates in parallel)."""
    connection: duckdb.DuckDBPyConnection | None = getattr(_PROBES, "connection", None)
    if connection is None:
        connection = open_database()
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


# Above this many values, an enum of text is read once as a table, not as one reader
# expression a value: 20,000 `time` values took 120 s and 10 GB to plan as an IN list.
LARGE_ENUM = 64


def _one_of(field: Field, kind: _Kind, typed: str, values: list[Any], words: str) -> CellCheck:
    shown = ", ".join(map(str, values[:10])) + (", ..." if len(values) > 10 else "")
    joined = _joined_members(field, kind, typed, values)
    if joined is not None:
        fails = f"coalesce({typed} IS NOT NULL AND NOT {joined}, false)"
        return CellCheck(rules.ENUM.code, fails, f"{words} {shown}")
    literals = [sql for v in values if (sql := kind.literal(field, v))]
    # Values that are not of the field's type can never match, as in frictionless.
    members = [sql for sql, ok in zip(literals, _are_values(literals), strict=True) if ok]
    # NaN equals nothing in Python, itself included; DuckDB finds NaN = NaN.
    nan = f"isnan({typed}) OR " if _kind_name(field) == "number" else ""
    listed = f"{typed} IN ({', '.join(members)})" if members else "false"
    fails = f"coalesce({typed} IS NOT NULL AND ({nan}NOT ({listed})), false)"
    return CellCheck(rules.ENUM.code, fails, f"{words} {shown}")


def _joined_members(field: Field, kind: _Kind, typed: str, values: list[Any]) -> str | None:
    """For many text values: whether `typed` is among them, each read by the field's reader
    once in a subquery over the texts (None when this does not apply)."""
    if len(values) <= LARGE_ENUM or _kind_name(field) == "number":
        return None
    if not all(isinstance(v, str) for v in values):
        return None
    # The reader applied to a column must be what `literal` applies to each text.
    if kind.literal(field, values[0]) != kind.read(field, _text(values[0])):
        return None
    texts = ", ".join(_text(v) for v in values)
    members = (
        f"SELECT {kind.read(field, 'gk_enum_text')} AS gk_member "
        f"FROM unnest([{texts}]::VARCHAR[]) AS gk_enum(gk_enum_text)"
    )
    return f"({typed} IN (SELECT gk_member FROM ({members}) WHERE gk_member IS NOT NULL))"


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
