"""SQL-text helpers every reader shares: quoting, binding a value once, CASE and regex
tests, integer and fraction casts, Python's whitespace stripped, Persian and Arabic-Indic
digits read, the fast path for plain cells, and the field descriptor's format."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

Field = Mapping[str, Any]


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


def _fast_path(x: str, regex: str, fast: str, slow: str) -> str:
    """Most cells are plain ASCII values: one regex and a cast, the full reading otherwise."""
    return f"CASE WHEN {_matches(x, regex)} THEN {fast} ELSE {slow} END"


def _format(field: Field, known: Sequence[str]) -> str:
    """The field's format, one of `known` (frictionless refuses the descriptor otherwise)."""
    fmt = field.get("format") or "default"
    if fmt not in known:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(known)}")
    return str(fmt)
