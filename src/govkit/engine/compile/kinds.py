"""The field types: each type's reader, type-error note, supported constraints and
literal reader (how a constraint value becomes SQL of the type), with the list and any
readers."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from govkit.engine.compile.geo import _geopoint, _read_geojson, _read_geopoint, _read_json
from govkit.engine.compile.moments import _read_duration, _reader_for_moment
from govkit.engine.compile.numbers import (
    _read_boolean,
    _read_integer,
    _read_number,
    _read_year,
    _read_yearmonth,
    _year_range,
)
from govkit.engine.compile.sql import Field, _let, _text, _when
from govkit.engine.compile.strings import _read_string

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
