"""Each released field as a DuckDB expression over the engine's VARCHAR columns.

`keep` writes the text as read, with the catalog's clean-ups (`export.normalize`:
ASCII digits in numeric fields, Persian Yeh and Kaf in text fields) and, when
asked, formula cells escaped in text fields. `mask` writes `***` for every
non-empty cell. `hash` writes HMAC-SHA256 with a key from the environment, so
equal values stay equal (joins and counts still work) while the values cannot
be recovered or guessed without the key. An empty cell stays empty, so a
reader can still tell "none" from "masked"; any other missing value of a
redacted field is redacted like a value, since `missingValues` can list
anything (a name listed there would otherwise be published as it is).

For the same reason, a missing value that a redacted or withheld field lists
(its own `missingValues` or the schema's) is never released, unless it is a
token that says "no value" (`-`, `NA`, `نامعلوم`): the released schema leaves
it out, and a kept field that shares the list writes such a cell empty, so it
is still missing.

The key reaches DuckDB only as query parameters (the HMAC pads), never in SQL
text, a file or the release.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from govkit.catalog.tableschema import is_placeholder
from govkit.engine import iranian
from govkit.engine.iranian import ARABIC_LETTERS
from govkit.errors import GovkitError
from govkit.export.selection import (
    NUMERIC_TYPES,
    STRING_TYPES,
    FieldChoice,
    ResourceChoice,
    Treatment,
)

HASH_KEY_VARIABLE = "GOVKIT_HASH_KEY"
MIN_KEY_BYTES = 16
MASK = "***"
# OWASP's CSV-injection triggers: = + - @, and tab and carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BLOCK = 64  # SHA-256's block size, for the HMAC pads


@dataclass(frozen=True)
class HashKey:
    """The HMAC pads of the key (RFC 2104); the key itself is not kept."""

    inner: bytes
    outer: bytes

    @classmethod
    def of(cls, key: bytes) -> HashKey:
        padded = (hashlib.sha256(key).digest() if len(key) > _BLOCK else key).ljust(_BLOCK, b"\0")
        return cls(bytes(b ^ 0x36 for b in padded), bytes(b ^ 0x5C for b in padded))

    @property
    def parameters(self) -> dict[str, bytes]:
        return {"gk_inner": self.inner, "gk_outer": self.outer}


@dataclass(frozen=True)
class Options:
    digits: bool = True
    letters: bool = True
    escape_formulas: bool = False


@dataclass(frozen=True)
class Column:
    """One column of a released table: its name and the SQL that computes it."""

    name: str
    sql: str
    formula_check: str | None = None
    """SQL that is TRUE for a formula-like cell, for text fields written as they are."""


def hash_key(choices: Sequence[ResourceChoice], environ: Mapping[str, str]) -> HashKey | None:
    """The key when a released field is hashed; a usage error (exit 2) when it is missing."""
    hashed = [
        f"{choice.key}.{f.name}"
        for choice in choices
        for f in choice.fields
        if f.treatment is Treatment.hash
    ]
    if not hashed:
        return None
    key = environ.get(HASH_KEY_VARIABLE, "").encode("utf-8")
    shown = ", ".join(hashed[:3]) + (f" and {len(hashed) - 3} more" if len(hashed) > 3 else "")
    if not key:
        raise GovkitError(
            f"{shown} {'is' if len(hashed) == 1 else 'are'} hashed on export, and "
            f"{HASH_KEY_VARIABLE} is not set: set it to a secret of at least {MIN_KEY_BYTES} "
            "characters, kept outside the catalog (the same key gives the same hashes in "
            "every release)"
        )
    if len(key) < MIN_KEY_BYTES:
        raise GovkitError(
            f"{HASH_KEY_VARIABLE} is shorter than {MIN_KEY_BYTES} bytes; a short key lets "
            "anyone recover hashed identifiers by trying keys: use a longer secret"
        )
    return HashKey.of(key)


def withheld_missing(choice: ResourceChoice) -> frozenset[str]:
    """The missing values never released with `choice`: those a field that is not released
    as it is lists (or inherits from the schema), other than "no value" tokens."""
    schema = choice.schema.data
    inherited = _strings(schema.get("missingValues", [""]))
    kept = {f.index for f in choice.fields if f.treatment is Treatment.keep}
    listed = schema.get("fields")
    withheld: set[str] = set()
    for position, spec in enumerate(listed if isinstance(listed, list) else []):
        if position in kept or not isinstance(spec, Mapping):
            continue
        own = spec.get("missingValues")
        values = _strings(own) if isinstance(own, list) else inherited
        withheld.update(value for value in values if not is_placeholder(value))
    return frozenset(withheld)


def released_missing(values: Sequence[str], withheld: frozenset[str]) -> list[str]:
    """A `missingValues` list as released: without the withheld values, and with the empty
    string (which the cells that held them are written as) when any was taken out."""
    released = [value for value in values if value not in withheld]
    if len(released) < len(values) and "" not in released:
        released.insert(0, "")
    return released


def columns(
    choice: ResourceChoice,
    positions: Mapping[str, int],
    missing: Sequence[str],
    options: Options,
) -> list[Column]:
    """The released columns in schema order; an ISO date follows its Jalali field."""
    released: list[Column] = []
    withheld = withheld_missing(choice)
    for field in choice.fields:
        position = positions.get(field.name)
        source = f"c{position}" if position is not None else "NULL::VARCHAR"
        listed = _field_missing(field.spec, missing)
        absent = _missing(source, listed)
        blanked = [value for value in listed if value in withheld]
        column = _column(field, source, absent, options, blanked)
        keep = field.spec.get("keep_where")
        if isinstance(keep, Mapping) and field.treatment is not Treatment.keep:
            kept_field = replace(field, treatment=Treatment.keep)
            kept = _column(kept_field, source, absent, options, blanked)
            column = _kept_where(column, kept, _condition(keep, positions))
        released.append(column)
        iso = field.spec.get("iso_date")
        if isinstance(iso, str) and field.spec.get("calendar") == "jalali":
            released.append(Column(iso, f"gk_jalali_iso({source})"))
    return released


def _condition(keep: Mapping[str, Any], positions: Mapping[str, int]) -> str:
    """SQL that is TRUE where `keep_where` keeps the value; never for a column the file lacks."""
    position = positions.get(str(keep.get("field")))
    if position is None:
        return "false"
    listed = ", ".join(_text(str(value)) for value in keep.get("in", []))
    return f"coalesce(c{position} IN ({listed}), false)"


def _kept_where(redacted: Column, kept: Column, condition: str) -> Column:
    """The redacted column, but the value as it is (cleaned up) where `condition` holds."""
    sql = f"CASE WHEN {condition} THEN {kept.sql} ELSE {redacted.sql} END"
    check = f"({condition} AND {kept.formula_check})" if kept.formula_check else None
    return Column(redacted.name, sql, check)


def _column(
    field: FieldChoice, source: str, absent: str, options: Options, blanked: Sequence[str]
) -> Column:
    empty = f"({source} IS NULL OR {source} = '')"
    if field.treatment is Treatment.mask:
        return Column(field.name, f"CASE WHEN {empty} THEN {source} ELSE {_text(MASK)} END")
    value = _normalised(field, source, options)
    if field.treatment is Treatment.hash:
        hmac = f"sha256($gk_outer || unhex(sha256($gk_inner || encode({value}))))"
        return Column(field.name, f"CASE WHEN {empty} THEN {source} ELSE {hmac} END")
    kept = _kept(field, source, absent, options, value)
    if not blanked:
        return kept
    # A missing value the release leaves out of the schema: written empty, still missing.
    listed = ", ".join(_text(v) for v in blanked)
    return replace(kept, sql=f"CASE WHEN {source} IN ({listed}) THEN NULL ELSE {kept.sql} END")


def _kept(field: FieldChoice, source: str, absent: str, options: Options, value: str) -> Column:
    if field.type not in STRING_TYPES:
        return Column(field.name, value)
    # Clean-ups never change a cell's first character into or out of these.
    starts = ", ".join(_text(start) for start in FORMULA_STARTS)
    looks_like_formula = f"(left({source}, 1) IN ({starts}) AND NOT {absent})"
    if options.escape_formulas:
        escaped = f"CASE WHEN {looks_like_formula} THEN '''' || {value} ELSE {value} END"
        return Column(field.name, escaped)
    return Column(field.name, value, formula_check=looks_like_formula)


def _normalised(field: FieldChoice, source: str, options: Options) -> str:
    if options.digits and field.type in NUMERIC_TYPES:
        return f"gk_normalize_digits({source})"
    if options.letters and field.type in STRING_TYPES:
        # translate() is slow: it runs only on the few values that need it.
        arabic = " OR ".join(f"contains({source}, {_text(letter)})" for letter in ARABIC_LETTERS)
        return f"CASE WHEN {arabic} THEN gk_normalize_letters({source}) ELSE {source} END"
    return source


def _field_missing(spec: Mapping[str, Any], missing: Sequence[str]) -> list[str]:
    own = spec.get("missingValues")
    return _strings(own) if isinstance(own, list) else list(missing)


def _strings(values: Any) -> list[str]:
    return [str(v) for v in values] if isinstance(values, list) else []


def _missing(source: str, values: Sequence[str]) -> str:
    listed = ", ".join(_text(v) for v in values)
    return f"({source} IS NULL OR {source} IN ({listed}))" if listed else f"({source} IS NULL)"


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def jalali_macro() -> str:
    """SQL that defines `gk_jalali_iso(s)`: a Jalali `YYYY/MM/DD` (any one separator, any
    digits) as ISO `YYYY-MM-DD`, NULL when it is not a Jalali date. Needs the engine's
    `gk_*` macros.

    A list holds the Gregorian day of each 1 Farvardin (and one past the last year), so
    a year's length, and with it whether Esfand has 30 days, is the gap to the next."""
    first, last = iranian.DATE_MIN_YEAR, iranian.JALALI_MAX_YEAR
    new_years = [iranian.jalali_to_gregorian(y, 1, 1).toordinal() for y in range(first, last + 1)]
    new_years.append(new_years[-1] + (366 if iranian.is_jalali_leap(last) else 365))
    days = [day - _EPOCH_ORDINAL for day in new_years]
    year, month, day = (
        f"CAST(substr(n, {a}, {b}) AS INTEGER)" for a, b in ((1, 4), (6, 2), (9, 2))
    )
    new_year = f"list_extract({days}, {year} - {first - 1})"
    esfand = f"list_extract({days}, {year} - {first - 2}) - {new_year} - 336"
    # Months 1-6 have 31 days and 7-11 have 30, so the day of the year is arithmetic.
    before = f"CASE WHEN {month} <= 7 THEN ({month} - 1) * 31 ELSE 186 + ({month} - 7) * 30 END"
    valid = (
        "regexp_full_match(n, '[0-9]{4}[^0-9][0-9]{2}[^0-9][0-9]{2}') "
        f"AND substr(n, 5, 1) = substr(n, 8, 1) AND {year} BETWEEN {first} AND {last} "
        f"AND {month} BETWEEN 1 AND 12 AND {day} >= 1 AND {day} <= CASE "
        f"WHEN {month} <= 6 THEN 31 WHEN {month} <= 11 THEN 30 ELSE {esfand} END"
    )
    offset = f"CAST({new_year} + {before} + {day} - 1 AS INTEGER)"
    iso = f"strftime(DATE '1970-01-01' + {offset}, '%Y-%m-%d')"
    # Most cells are ASCII and need no digit clean-up; the others bind the cleaned-up text
    # once (a macro's argument is repeated wherever the body names it).
    return (
        "CREATE OR REPLACE TEMP MACRO gk_jalali_iso_ascii(n) AS "
        f"(CASE WHEN {valid} THEN {iso} END);"
        "CREATE OR REPLACE TEMP MACRO gk_jalali_iso(s) AS (CASE WHEN strlen(s) = length(s) "
        "THEN gk_jalali_iso_ascii(s) "
        "ELSE [gk_jalali_iso_ascii(n) for n in [gk_normalize_digits(s)]][1] END)"
    )


_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
