"""How a Table Schema changed, judged from the side of those who consume the published data.

Breaking: a field removed or renamed, its type or format changed, a constraint
tightened (data that was valid may no longer be), fields reordered (CSV
columns are matched by position), the primary key changed. Compatible: a
field added, a constraint loosened. A change nobody can order (a `pattern`
replaced by another, an `enum` that both gains and loses values) is counted
as tightened: when in doubt, warn the consumer. `sensitivity` tags are reported
on their own: they change what may be published, not the data's shape.

Pure functions over the schemas as written (plain dicts), so the diff and the
policy packs' `breaking_changes()` give the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# A constraint whose value rising makes it stricter; and one whose value falling does.
_FLOORS = frozenset({"minimum", "exclusiveMinimum", "minLength"})
_CEILINGS = frozenset({"maximum", "exclusiveMaximum", "maxLength"})
_FLAGS = frozenset({"required", "unique"})
# Tags that say a field holds something that may not be published as it is.
_UNTAGGED = (None, "none")

Field = Mapping[str, Any]


@dataclass(frozen=True)
class FieldChange:
    """One change of one field (or of the schema's field list), with where it is on each side.

    `kind` is one of: removed, renamed, type, format, tightened, reordered, primary-key
    (all breaking); added, loosened (compatible); sensitivity-added, sensitivity-removed.
    """

    kind: str
    field: str
    detail: str
    old_pointer: str | None = None
    new_pointer: str | None = None

    @property
    def breaking(self) -> bool:
        return self.kind in {
            "removed", "renamed", "type", "format", "tightened", "reordered", "primary-key"
        }  # fmt: skip

    @property
    def sensitivity(self) -> bool:
        return self.kind.startswith("sensitivity")


def compare_schemas(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    """Every change between two Table Schema descriptors, in the new schema's field order."""
    old_fields, new_fields = _fields(old), _fields(new)
    changes = list(_field_list_changes(old_fields, new_fields))
    new_index = {name: index for index, name in enumerate(new_fields)}
    for name, (old_at, old_field) in old_fields.items():
        if name in new_index:
            new_at, new_field = new_fields[name]
            changes.extend(_field_changes(name, old_at, old_field, new_at, new_field))
    changes.extend(_primary_key_change(old, new))
    return changes


def breaking_changes(old_fields: object, new_fields: object) -> list[str]:
    """What breaks consumers between two lists of fields, as text; [] when nothing does.

    Takes whatever a policy rule hands it and never raises (a CEL function must not).
    """
    if not isinstance(old_fields, list) or not isinstance(new_fields, list):
        return []
    changes = compare_schemas({"fields": old_fields}, {"fields": new_fields})
    return [change.detail for change in changes if change.breaking]


def _fields(schema: Mapping[str, Any]) -> dict[str, tuple[int, Field]]:
    """Well-formed fields by name with their index; lint reports the others."""
    found: dict[str, tuple[int, Field]] = {}
    listed = schema.get("fields")
    for index, spec in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(spec, dict) and isinstance(spec.get("name"), str):
            found.setdefault(spec["name"], (index, spec))
    return found


def _field_list_changes(
    old: dict[str, tuple[int, Field]], new: dict[str, tuple[int, Field]]
) -> Iterator[FieldChange]:
    removed = {name: old[name] for name in old if name not in new}
    added = {name: new[name] for name in new if name not in old}
    renamed = _renames(removed, added)
    for old_name, new_name in renamed.items():
        old_at, new_at = removed.pop(old_name)[0], added.pop(new_name)[0]
        detail = f"field '{old_name}' renamed to '{new_name}'"
        yield FieldChange("renamed", new_name, detail, f"/fields/{old_at}", f"/fields/{new_at}")
    for name, (old_at, _) in removed.items():
        yield FieldChange(
            "removed", name, f"field '{name}' removed", old_pointer=f"/fields/{old_at}"
        )
    for name, (new_at, _) in added.items():
        yield FieldChange("added", name, f"field '{name}' added", new_pointer=f"/fields/{new_at}")
    common_old = [name for name in sorted(old, key=lambda n: old[n][0]) if name in new]
    common_new = [name for name in sorted(new, key=lambda n: new[n][0]) if name in old]
    if common_old != common_new:
        moved = next(a for a, b in zip(common_old, common_new, strict=True) if a != b)
        yield FieldChange(
            "reordered",
            moved,
            f"fields reordered (first moved: '{moved}'); CSV columns are read by position",
            new_pointer=f"/fields/{new[moved][0]}",
        )


def _renames(
    removed: dict[str, tuple[int, Field]], added: dict[str, tuple[int, Field]]
) -> dict[str, str]:
    """A field removed and one added at the same position with the same type: a rename."""
    at_position = {index: name for name, (index, _) in added.items()}
    renamed: dict[str, str] = {}
    for name, (index, spec) in removed.items():
        candidate = at_position.get(index)
        if candidate is not None and _type(added[candidate][1]) == _type(spec):
            renamed[name] = candidate
    return renamed


def _field_changes(
    name: str, old_at: int, old: Field, new_at: int, new: Field
) -> Iterator[FieldChange]:
    here, there = f"/fields/{old_at}", f"/fields/{new_at}"
    if _type(old) != _type(new):
        detail = f"field '{name}' type changed from {_type(old)} to {_type(new)}"
        yield FieldChange("type", name, detail, here, f"{there}/type")
    elif old.get("format", "default") != new.get("format", "default"):
        detail = (
            f"field '{name}' format changed from {old.get('format', 'default')} "
            f"to {new.get('format', 'default')}"
        )
        yield FieldChange("format", name, detail, here, f"{there}/format")
    yield from _constraint_changes(name, old, new, here, there)
    yield from _sensitivity_change(name, old, new, here, there)


def _constraint_changes(
    name: str, old: Field, new: Field, here: str, there: str
) -> Iterator[FieldChange]:
    before, after = _constraints(old), _constraints(new)
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        direction = _direction(key, before.get(key), after.get(key))
        detail = (
            f"field '{name}' constraint {key} {direction}: "
            f"{_shown(before.get(key))} → {_shown(after.get(key))}"
        )
        pointer = f"{there}/constraints/{key}" if key in after else f"{there}/constraints"
        yield FieldChange(direction, name, detail, f"{here}/constraints", pointer)


def _direction(key: str, old: Any, new: Any) -> str:
    """'tightened' or 'loosened': whether data valid before may be invalid now."""
    if key in _FLAGS:
        return "tightened" if bool(new) and not bool(old) else "loosened"
    if old is None:
        return "tightened"
    if new is None:
        return "loosened"
    if key == "enum" and isinstance(old, list) and isinstance(new, list):
        return "loosened" if _as_set(old) <= _as_set(new) else "tightened"
    order = _order(old, new)
    if key in _FLOORS and order is not None:
        return "tightened" if order < 0 else "loosened"
    if key in _CEILINGS and order is not None:
        return "tightened" if order > 0 else "loosened"
    return "tightened"


def _order(old: Any, new: Any) -> int | None:
    """-1 when the bound rose, 1 when it fell; None when the two cannot be compared.

    Numbers compare as numbers; dates and times, written as ISO text, as text."""
    if isinstance(old, bool) or isinstance(new, bool):
        return None
    if isinstance(old, int | float) and isinstance(new, int | float):
        return -1 if old < new else 1
    if isinstance(old, str) and isinstance(new, str):
        return -1 if old < new else 1
    return None


def _sensitivity_change(
    name: str, old: Field, new: Field, here: str, there: str
) -> Iterator[FieldChange]:
    was, now = old.get("sensitivity"), new.get("sensitivity")
    if was == now or (was in _UNTAGGED and now in _UNTAGGED):
        return
    pointer = f"{there}/sensitivity" if "sensitivity" in new else there
    if was in _UNTAGGED:
        detail = f"field '{name}' tagged sensitivity: {now}"
        yield FieldChange("sensitivity-added", name, detail, here, pointer)
    else:
        shown = "no tag" if now in _UNTAGGED else now
        detail = f"field '{name}' sensitivity {was} removed (now {shown})"
        yield FieldChange("sensitivity-removed", name, detail, f"{here}/sensitivity", pointer)


def _primary_key_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[FieldChange]:
    was, now = _key(old.get("primaryKey")), _key(new.get("primaryKey"))
    if was != now:
        detail = f"primary key changed from {_shown(was)} to {_shown(now)}"
        pointer = "/primaryKey" if "primaryKey" in new else None
        yield FieldChange("primary-key", ", ".join(now or was), detail, "/primaryKey", pointer)


def _key(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(part) for part in value] if isinstance(value, list) else []


def _type(spec: Field) -> str:
    return str(spec.get("type", "any"))


def _constraints(spec: Field) -> dict[str, Any]:
    constraints = spec.get("constraints")
    return dict(constraints) if isinstance(constraints, dict) else {}


def _as_set(values: Sequence[Any]) -> set[str]:
    return {repr(value) for value in values}


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)
