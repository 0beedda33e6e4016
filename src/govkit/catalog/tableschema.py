"""Check a Table Schema descriptor: govkit's field extensions, then frictionless's own rules.

frictionless's descriptor validation stops at the first bad field and says not
which one, so each field is checked on its own (to point at `/fields/N`) and
the schema as a whole afterwards. govkit's own string formats are taken out
before frictionless sees the descriptor; frictionless would reject them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from govkit import frictionless_safe
from govkit.catalog import structure
from govkit.findings import Location
from govkit.rules import Violation
from govkit.yamlio import YamlDocument

# govkit's string formats for Iranian identifiers (DOMAIN §5).
IRANIAN_FORMATS = frozenset(
    {"ir-national-id", "ir-legal-id", "ir-mobile", "ir-postal-code", "ir-sheba"}
)
# Words that say "no value" in a cell (compared case-insensitively); like a cell with no
# letter or digit at all ("-", "?", "--"), they can name no one.
PLACEHOLDERS = frozenset(
    {
        "na", "n/a", "n.a.", "nan", "null", "none", "nil", "unknown", "missing",
        "نامعلوم", "نامشخص", "ندارد", "ثبت نشده",
    }
)  # fmt: skip
_AT_PROPERTY = re.compile(r" at property '([^']+)'$")


def violations(document: YamlDocument) -> Iterator[Violation]:
    """Every problem of a Table Schema file, each at its line and column."""
    shape = list(structure.violations(document, "table-schema"))
    yield from shape
    if shape:
        return
    descriptor = document.data
    fields = descriptor.get("fields", [])
    yield from _govkit_checks(document, fields)
    yield from _frictionless_checks(document, descriptor)


def is_placeholder(value: str) -> bool:
    """Whether a missing value is a token that says "no value" rather than a value itself
    (a name or a number listed as missing would be published as it is)."""
    return value.strip().casefold() in PLACEHOLDERS or not any(c.isalnum() for c in value)


def _at(document: YamlDocument, pointer: str, message: str) -> Violation:
    position = document.locate(pointer)
    return Violation(message, Location(document.path, position.line, position.column, pointer))


def _govkit_checks(document: YamlDocument, fields: list[dict[str, Any]]) -> Iterator[Violation]:
    for index, field in enumerate(fields):
        pointer = f"/fields/{index}"
        fmt = field.get("format")
        if isinstance(fmt, str) and fmt.startswith("ir-"):
            if fmt not in IRANIAN_FORMATS:
                known = ", ".join(sorted(IRANIAN_FORMATS))
                yield _at(document, f"{pointer}/format", f"unknown format '{fmt}'; use {known}")
            elif field.get("type", "string") != "string":
                yield _at(
                    document,
                    f"{pointer}/format",
                    f"format '{fmt}' applies to string fields, not {field.get('type')}",
                )
        pattern = (field.get("constraints") or {}).get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error as error:
                yield _at(
                    document,
                    f"{pointer}/constraints/pattern",
                    f"field '{field.get('name')}' has an invalid regular expression: {error}",
                )


def _for_frictionless(descriptor: dict[str, Any]) -> dict[str, Any]:
    plain = copy.deepcopy(descriptor)
    for field in plain.get("fields", []):
        if field.get("format") in IRANIAN_FORMATS:
            field["format"] = "default"
    return plain


def _frictionless_checks(document: YamlDocument, descriptor: dict[str, Any]) -> Iterator[Violation]:
    frictionless = frictionless_safe.load()
    plain = _for_frictionless(descriptor)
    fields_ok = True
    for index, field in enumerate(plain.get("fields", [])):
        for error in frictionless.Field.validate_descriptor(field).errors:
            fields_ok = False
            yield _located(document, f"/fields/{index}", error.note)
    if fields_ok:
        for error in frictionless.Schema.validate_descriptor(plain).errors:
            yield _located(document, "", error.note)


def _located(document: YamlDocument, base: str, note: str) -> Violation:
    """Point at the property frictionless names in its note, if it names one."""
    pointer = base
    match = _AT_PROPERTY.search(note)
    if match:
        pointer = base + "/" + match.group(1)
        note = note[: match.start()]
    elif note.startswith("primary key"):
        pointer = "/primaryKey"
    elif note.startswith("foreign key"):
        pointer = "/foreignKeys"
    return _at(document, pointer, f"not a valid Table Schema: {note}")
