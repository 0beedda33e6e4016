"""How a frictionless error becomes a govkit code, and what of its location is compared.

Both sides are reduced to `Key(row, field, code)`. The row and field are kept only
where both tools define them for that kind of error (see `Scope`); see README.md
for the table and the reasons.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

TYPES: dict[str, str] = {
    "source-error": "GK201",
    "encoding-error": "GK202",
    "blank-label": "GK203",
    "duplicate-label": "GK204",
    "missing-label": "GK205",
    "extra-label": "GK206",
    "incorrect-label": "GK207",
    "blank-row": "GK208",
    "extra-cell": "GK209",
    "missing-cell": "GK210",
    "type-error": "GK211",
    "unique-error": "GK213",
    "primary-key": "GK220",
    "foreign-key": "GK221",
    "byte-count": "GK222",
    "hash-count": "GK223",
}
"""frictionless error type -> govkit code (constraint-error is split by `CONSTRAINTS`)."""

CONSTRAINTS: dict[str, str] = {
    "required": "GK212",
    "unique": "GK213",
    "minimum": "GK214",
    "exclusiveMinimum": "GK214",
    "maximum": "GK215",
    "exclusiveMaximum": "GK215",
    "minLength": "GK216",
    "maxLength": "GK217",
    "pattern": "GK218",
    "enum": "GK219",
}
"""The constraint named in a constraint-error's note (`constraint "minimum" is "0"`) -> code."""

WARNINGS = frozenset({"GK224", "GK225"})
"""govkit's Iranian-convention warnings: frictionless has no such check; never compared."""

HEADER_ROW = 1
_CONSTRAINT_NOTE = re.compile(r'^constraint "(\w+)"')


class Scope(Enum):
    """What locates an error of a kind, on both sides."""

    CELL = "row and field"
    ROW = "row"
    LABEL = "header row and field"
    COLUMN = "header row"
    FILE = "the file"


SCOPES: dict[str, Scope] = {
    "GK201": Scope.FILE,
    "GK202": Scope.FILE,  # frictionless gives no row (govkit does: asserted by the case)
    "GK203": Scope.COLUMN,
    "GK204": Scope.COLUMN,
    "GK205": Scope.LABEL,
    "GK206": Scope.COLUMN,
    "GK207": Scope.LABEL,
    "GK208": Scope.ROW,
    "GK209": Scope.ROW,
    "GK210": Scope.CELL,
    "GK211": Scope.CELL,
    "GK212": Scope.CELL,
    "GK213": Scope.CELL,
    "GK214": Scope.CELL,
    "GK215": Scope.CELL,
    "GK216": Scope.CELL,
    "GK217": Scope.CELL,
    "GK218": Scope.CELL,
    "GK219": Scope.CELL,
    "GK220": Scope.ROW,
    "GK221": Scope.ROW,
    "GK222": Scope.FILE,
    "GK223": Scope.FILE,
}


class Key(NamedTuple):
    """One error as both tools are compared on it."""

    row: int | None
    field: str | None
    code: str

    def __str__(self) -> str:
        return f"{self.code} row={self.row} field={self.field}"


class UnmappedError(ValueError):
    """A frictionless error this mapping does not know: the mapping needs a decision."""


def govkit_code(error_type: str, note: str) -> str:
    """The govkit code of a frictionless error."""
    if error_type == "constraint-error":
        match = _CONSTRAINT_NOTE.match(note)
        if match is None or match.group(1) not in CONSTRAINTS:
            raise UnmappedError(f"constraint-error with note {note!r}")
        return CONSTRAINTS[match.group(1)]
    if error_type not in TYPES:
        raise UnmappedError(f"frictionless error type {error_type!r} (note {note!r})")
    return TYPES[error_type]


def key(code: str, row: int | None, field: str | None) -> Key:
    """The comparable part of an error of `code` found at `row` and `field`."""
    scope = SCOPES[code]
    if scope is Scope.FILE:
        return Key(None, None, code)
    if scope is Scope.ROW:
        return Key(row, None, code)
    if scope is Scope.COLUMN:
        return Key(HEADER_ROW, None, code)
    if scope is Scope.LABEL:
        return Key(HEADER_ROW, field or None, code)
    return Key(row, field or None, code)


def from_frictionless(row: int | None, field: str | None, error_type: str, note: str) -> Key:
    return key(govkit_code(error_type, note or ""), row, field)


def from_govkit(code: str, row: int | None, field: str | None) -> Key | None:
    """None for govkit's warnings, which frictionless has no counterpart for."""
    if code in WARNINGS:
        return None
    return key(code, row, field)
