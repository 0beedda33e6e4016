"""The Table Schema of a released table: the source schema, less what was withheld.

A dropped field disappears; govkit's Iranian identifier formats become
`default` (the name is kept under `_govkit`); a Jalali `date` (or `datetime`,
`time`) becomes a `string`, since a Table Schema date is Gregorian and a reader
would reject `1404/01/15`: it keeps `calendar: jalali`, gains a pattern and a
sentence of description saying what it holds, and keeps what only a date may
carry (its type, format, bounds) under `_govkit`; the `enum` of a text field
released as it is lists its values as the export writes them (Persian letters
for Arabic ones, a formula escaped, as `export.normalize` and
`--escape-formulas` say); a masked or hashed field becomes plain text with
only `required` left of its constraints (a pattern, enum or bound would no
longer hold), and `example` goes too, since it may show a real value. Keys
follow: a primary or unique key loses its meaning when one of its fields is
dropped or masked (a hash keeps values distinct, so it keeps them), and a
foreign key is kept only when both ends are released unchanged in the same
package. The released columns are written in schema order, so `fieldsMatch`
is left at its default. `missingValues`, the schema's and each field's, lose
the values that a redacted or withheld field lists (see redaction.py): such a
list can name the very people the redaction hides.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from govkit.catalog.tableschema import IRANIAN_FORMATS
from govkit.engine import iranian
from govkit.export.redaction import FORMULA_STARTS, Options, released_missing, withheld_missing
from govkit.export.selection import STRING_TYPES, FieldChoice, ResourceChoice, Treatment

# What a masked or hashed field keeps of its descriptor.
_REDACTED_KEEPS = ("name", "title", "description", "sensitivity", "redaction", "subject_role")
_UNIQUE_KEEPING = frozenset({Treatment.keep, Treatment.hash})
# The types whose values the engine reads as Jalali dates with `calendar: jalali`.
_JALALI_TYPES = frozenset({"date", "datetime", "time"})
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
JALALI_PATTERN = r"^\d{4}/\d{2}/\d{2}$"
"""What every Jalali date govkit accepts looks like (`\\d` is any decimal digit, Persian too)."""


def released_schema(
    choice: ResourceChoice,
    released: Mapping[str, Collection[str]],
    options: Options | None = None,
) -> dict[str, Any]:
    """The schema to publish with `choice`; `released` maps each resource of the package to the
    names of its fields released unchanged (for foreign keys); `options` are the clean-ups
    the data is written with (none if not given)."""
    cleanups = options or Options(digits=False, letters=False)
    source = choice.schema.data
    schema: dict[str, Any] = {
        key: copy.deepcopy(value)
        for key, value in source.items()
        if key not in ("fields", "primaryKey", "uniqueKeys", "foreignKeys", "fieldsMatch")
    }
    withheld = withheld_missing(choice)
    missing = released_missing([str(v) for v in source.get("missingValues", [""])], withheld)
    if "missingValues" in schema:
        schema["missingValues"] = missing
    schema["fields"] = [
        spec for f in choice.fields for spec in _field(f, missing, withheld, cleanups)
    ]
    treatments = {f.name: f.treatment for f in choice.fields}
    primary = _key(source.get("primaryKey"))
    if primary and _key_survives(primary, treatments):
        schema["primaryKey"] = source["primaryKey"]
    unique_keys = [k for k in source.get("uniqueKeys") or [] if _key_survives(_key(k), treatments)]
    if unique_keys:
        schema["uniqueKeys"] = unique_keys
    foreign = [
        fk for fk in source.get("foreignKeys") or [] if _reference_holds(fk, choice, released)
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _field(
    choice: FieldChoice, missing: Sequence[str], withheld: frozenset[str], options: Options
) -> list[dict[str, Any]]:
    spec = copy.deepcopy(dict(choice.spec))
    if choice.treatment is not Treatment.keep:
        spec = _redacted(spec, choice.treatment)
    elif spec.get("calendar") == "jalali" and spec.get("type") in _JALALI_TYPES:
        spec = _jalali_text(spec)
    elif choice.type in STRING_TYPES:
        _clean_enum(spec, options)
    if isinstance(spec.get("missingValues"), list):
        spec["missingValues"] = released_missing([str(v) for v in spec["missingValues"]], withheld)
    if spec.get("format") in IRANIAN_FORMATS:
        # Not a Table Schema format: readers get a plain string, govkit keeps its own name.
        spec["_govkit"] = {**_own(spec), "format": spec["format"]}
        spec["format"] = "default"
    fields = [spec]
    iso = spec.get("iso_date")
    if isinstance(iso, str) and spec.get("calendar") == "jalali":
        fields.append(_iso_field(iso, choice.name, missing))
    return fields


def _redacted(spec: dict[str, Any], treatment: Treatment) -> dict[str, Any]:
    kept = {key: spec[key] for key in _REDACTED_KEEPS if key in spec}
    kept["type"] = "string"
    constraints = {}
    original = spec.get("constraints") or {}
    if original.get("required") is True:
        constraints["required"] = True
    if treatment is Treatment.hash and original.get("unique") is True:
        constraints["unique"] = True
    if constraints:
        kept["constraints"] = constraints
    if "missingValues" in spec:
        kept["missingValues"] = spec["missingValues"]
    return kept


def _clean_enum(spec: dict[str, Any], options: Options) -> None:
    """The text field's `enum` as the export writes its values, so that they still match."""
    constraints = spec.get("constraints")
    if not isinstance(constraints, dict) or not isinstance(constraints.get("enum"), list):
        return
    written: list[Any] = []
    for value in constraints["enum"]:
        cleaned = _as_written(value, options) if isinstance(value, str) else value
        if cleaned not in written:  # two spellings of one value are one value once cleaned up
            written.append(cleaned)
    constraints["enum"] = written


def _as_written(text: str, options: Options) -> str:
    """A text cell as the export writes it (the twin of the SQL in `redaction`)."""
    if options.letters:
        text = iranian.normalize_letters(text)
    if options.escape_formulas and text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text


def _jalali_text(spec: dict[str, Any]) -> dict[str, Any]:
    """A Jalali date field as a string field that says it holds Solar Hijri dates."""
    own: dict[str, Any] = {"type": spec.pop("type")}
    if "format" in spec:
        own["format"] = spec.pop("format")
    constraints = dict(spec.get("constraints") or {})
    bounds = {key: constraints.pop(key) for key in _BOUNDS if key in constraints}
    if bounds:  # compared as text by govkit; a string field has no bounds in a Table Schema
        own["constraints"] = bounds
    constraints.setdefault("pattern", JALALI_PATTERN)
    note = "A date in the Solar Hijri (Jalali) calendar, written YYYY/MM/DD."
    iso = spec.get("iso_date")
    if isinstance(iso, str):
        note += f" The same date in the Gregorian calendar is in '{iso}'."
    described = spec.get("description")
    return {
        **spec,
        "type": "string",
        "constraints": constraints,
        "description": f"{described}\n\n{note}" if described else note,
        "_govkit": {**_own(spec), **own},
    }


def _own(spec: Mapping[str, Any]) -> dict[str, Any]:
    """govkit's own properties already on the field."""
    own = spec.get("_govkit")
    return dict(own) if isinstance(own, Mapping) else {}


def _iso_field(name: str, source: str, missing: Sequence[str]) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": "date",
        "format": "default",
        "description": f"The date in '{source}' in the Gregorian calendar (ISO 8601), "
        "added on export.",
    }
    if "" not in missing:  # an invalid or missing Jalali date is written as an empty cell
        field["missingValues"] = [""]
    return field


def _key(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):  # uniqueKeys entries are lists; tolerate the v1 object form
        return _key(value.get("fields"))
    return []


def _key_survives(fields: Sequence[str], treatments: Mapping[str, Treatment]) -> bool:
    return bool(fields) and all(treatments.get(name) in _UNIQUE_KEEPING for name in fields)


def _reference_holds(
    foreign: Any, choice: ResourceChoice, released: Mapping[str, Collection[str]]
) -> bool:
    if not isinstance(foreign, dict) or not isinstance(foreign.get("reference"), dict):
        return False
    reference = foreign["reference"]
    target = str(reference.get("resource", ""))
    unchanged = {f.name for f in choice.fields if f.treatment is Treatment.keep}
    # An empty resource means this resource itself; `dataset/resource` is another package.
    target_fields = unchanged if target in ("", choice.resource.name) else released.get(target)
    if target_fields is None:
        return False
    own, theirs = _key(foreign.get("fields")), _key(reference.get("fields"))
    return bool(own) and set(own) <= unchanged and set(theirs) <= set(target_fields)
