"""Check a loaded file against the committed JSON Schema of its kind, with positions.

Each JSON Schema error becomes a `Violation` at the line and column of the
offending node (the offending *key* for unknown keys) with a message that says
what to do, not only what the validator saw.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from govkit.catalog.jsonschemas import committed
from govkit.findings import Location
from govkit.rules import Violation
from govkit.yamlio import YamlDocument, pointer_join

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

_JSON_TYPES = {
    str: "text",
    bool: "true/false",
    int: "an integer",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


@cache
def _validator(kind: str) -> Draft202012Validator:
    # jsonschema costs 50 ms to import; a catalog whose files are all valid never needs it.
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415

    from govkit.catalog.days import is_day  # noqa: PLC0415

    formats = FormatChecker(["email"])
    formats.checks("date")(is_day)  # Jalali days too, as the models read them
    return Draft202012Validator(committed(kind), format_checker=formats)


def violations(
    document: YamlDocument, kind: str, dataset: str | None = None
) -> Iterator[Violation]:
    """Every way the document breaks its kind's JSON Schema, in file order."""
    found = []
    for error in _validator(kind).iter_errors(document.data):
        pointer, message, on_key = _explain(error)
        position = document.locate(pointer, key=on_key)
        location = Location(document.path, position.line, position.column, pointer)
        found.append(Violation(message=message, location=location, dataset=dataset))
    yield from sorted(found, key=lambda v: v.location)


def _pointer(error: ValidationError) -> str:
    pointer = ""
    for token in error.absolute_path:
        pointer = pointer_join(pointer, token)
    return pointer


def _explain(error: ValidationError) -> tuple[str, str, bool]:
    """The pointer, a message that says what to do, and whether to point at the key."""
    pointer = _pointer(error)
    where = f"'{pointer}'" if pointer else "the file"
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    match error.validator:
        case "additionalProperties":
            known = list(schema.get("properties", {}))
            extra = sorted(set(instance) - set(known)) if isinstance(instance, dict) else []
            if extra and known:
                key = extra[0]
                hint = _did_you_mean(key, known)
                inside = f" in {where}" if pointer else ""
                return pointer_join(pointer, key), f"unknown key '{key}'{inside}{hint}", True
            return pointer, f"unexpected keys in {where}: {', '.join(map(str, extra))}", True
        case "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            return pointer, f"{where} is missing the required key '{missing}'", bool(pointer)
        case "type":
            expected = _expected_type(schema.get("type"))
            found = _JSON_TYPES.get(type(instance), type(instance).__name__)
            hint = ""
            if expected == "text" and isinstance(instance, (int, float, bool)):
                hint = f'; quote it: "{_yaml_text(instance)}"'
            return pointer, f"{where} must be {expected}, found {found}{hint}", False
        case "enum":
            options = [str(o) for o in schema.get("enum", [])]
            hint = _did_you_mean(str(instance), options)
            return (
                pointer,
                f"{where} is '{instance}', not one of: {', '.join(options)}{hint}",
                False,
            )
        case "pattern":
            described = schema.get("description", f"text matching {schema.get('pattern')}")
            return pointer, f"{where} is '{instance}'; expected {_lower_first(described)}", False
        case "format":
            fmt = schema.get("format")
            shape = {
                "date": "a real date written YYYY-MM-DD or Jalali YYYY/MM/DD",
                "email": "an email address",
            }
            wanted = shape.get(str(fmt), f"a valid {fmt}")
            return (
                pointer,
                f"{where} is '{instance}'; expected {wanted}{_why(fmt, instance)}",
                False,
            )
        case "oneOf" if all(set(alt) == {"required"} for alt in schema.get("oneOf", [])):
            keys = [key for alt in schema["oneOf"] for key in alt["required"]]
            return pointer, f"{where} must have exactly one of: {', '.join(keys)}", False
        case "minProperties" | "minItems" | "minLength":
            return pointer, f"{where} must not be empty", False
        case _:
            return pointer, f"{where}: {error.message}", False


def _why(fmt: object, instance: object) -> str:
    """Why a text is not a day (`month 13`, `not a leap year`), when it is meant as one."""
    from govkit.catalog.days import NotADay, read_day  # noqa: PLC0415

    if fmt != "date" or not isinstance(instance, str):
        return ""
    try:
        read_day(instance)
    except NotADay as error:
        # The general reason repeats what is expected; a Jalali day's own says more.
        return "" if "YYYY-MM-DD" in error.template else f" ({error})"
    return ""


def _expected_type(declared: Any) -> str:
    names = {
        "string": "text",
        "integer": "an integer",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping",
    }
    if isinstance(declared, list):
        return " or ".join(names.get(str(t), str(t)) for t in declared)
    return names.get(str(declared), str(declared))


def _yaml_text(value: int | float | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
