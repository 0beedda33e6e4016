"""JSON values and geometry: the json.loads() check behind object and array fields,
GeoJSON and TopoJSON, WKT text, and geopoints in their three formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final

from govkit.engine.compile.numbers import _decimal_value
from govkit.engine.compile.sql import (
    Field,
    _digits,
    _format,
    _let,
    _matches,
    _strip,
    _text,
    _when,
)

# -- WKT -----------------------------------------------------------------------------------

_WKT_NUMBER: Final = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_WKT_POINT: Final = f"{_WKT_NUMBER}(?:\\s+{_WKT_NUMBER}){{1,3}}"
_SP: Final = r"\s*"
_WKT_PLACEHOLDER: Final = r"\x01"


def _wkt_list(item: str) -> str:
    return f"(?:EMPTY|\\({_SP}{item}(?:{_SP},{_SP}{item})*{_SP}\\))"


def _wkt_grammar(depth: int) -> str:
    """frictionless's WKT grammar as a regex over text whose points are already \\x01;
    collections nest `depth` levels deep."""
    zm = f"(?:{_SP}(?:ZM|Z|M))?{_SP}"
    point = f"(?:EMPTY|\\({_SP}{_WKT_PLACEHOLDER}{_SP}\\))"
    line = _wkt_list(_WKT_PLACEHOLDER)
    circular = f"CIRCULARSTRING{zm}{line}"
    compound = f"COMPOUNDCURVE{zm}{_wkt_list(f'(?:{line}|{circular})')}"
    ring = f"(?:{line}|{circular}|{compound})"
    polygon = _wkt_list(line)
    triangle = f"(?:EMPTY|\\({_SP}{line}{_SP}\\))"
    curvepolygon = _wkt_list(ring)
    surface = f"(?:CURVEPOLYGON{_SP}{curvepolygon}|{polygon})"
    single = [
        f"POINT{zm}{point}",
        f"LINESTRING{zm}{line}",
        circular,
        compound,
        f"CURVEPOLYGON{zm}{curvepolygon}",
        f"POLYGON{zm}{polygon}",
        f"TRIANGLE{zm}{triangle}",
        f"MULTIPOINT{zm}{_wkt_list(point)}",
        f"MULTICURVE{zm}{_wkt_list(ring)}",
        f"MULTILINESTRING{zm}{_wkt_list(line)}",
        f"MULTISURFACE{zm}{_wkt_list(surface)}",
        f"MULTIPOLYGON{zm}{_wkt_list(polygon)}",
        f"POLYHEDRALSURFACE{zm}{_wkt_list(polygon)}",
        f"TIN{zm}{_wkt_list(triangle)}",
    ]
    geometry = "(?:" + "|".join(single) + ")"
    for _ in range(depth):
        geometry = f"(?:{geometry}|GEOMETRYCOLLECTION{zm}{_wkt_list(geometry)})"
    return f"{_SP}{geometry}{_SP}"


_WKT: Final = _wkt_grammar(depth=4)


def _is_wkt(x: str) -> str:
    # Points first become \x01 (which WKT never holds): the grammar's regex stays small
    # enough for RE2.
    points = f"regexp_replace({x}, {_text(_WKT_POINT)}, chr(1), 'g')"
    return f"(NOT contains({x}, chr(1)) AND {_matches(points, _WKT)})"


# -- JSON ----------------------------------------------------------------------------------

_JSON_STRING: Final = r'"(?:[^"\\]|\\.)*"'
_JSON_WORDS: Final = r"true|false|null|NaN|Infinity|[0-9][eE]"


def _json_ok(x: str) -> str:
    """json.loads() accepts it: DuckDB's parser also takes trailing commas and spellings
    of NaN and infinity that Python refuses, so those are looked for outside strings."""
    skeleton = f"regexp_replace({x}, {_text(_JSON_STRING)}, '\"\"', 'g')"
    words = f"regexp_replace(gk_j, {_text(_JSON_WORDS)}, '', 'g')"
    python = (
        f"NOT regexp_matches(gk_j, ',[ \\t\\n\\r]*[\\]}}]') AND NOT contains(gk_j, '-NaN') "
        f"AND NOT regexp_matches({words}, '[A-Za-z]')"
    )
    return f"(json_valid({x}) AND {_let('gk_j', skeleton, python)})"


def _read_json(kind: str) -> Callable[[Field, str], str]:
    def read(field: Field, x: str) -> str:
        return _when(f"{_json_ok(x)} AND json_type({x}) = '{kind}'", f"json({x})")

    return read


def _json_items(sql: str, depth: int, check: Callable[[str, int], str], least: int = 0) -> str:
    """SQL: `sql` is a JSON array of at least `least` items that all pass `check`."""
    item = f"gk_e{depth}"
    items = f"json_extract({sql}, '$[*]')"
    each = f"coalesce(list_bool_and([{check(item, depth + 1)} for {item} in {items}]), true)"
    return (
        f"(coalesce(json_type({sql}) = 'ARRAY', false) "
        f"AND json_array_length({sql}) >= {least} AND {each})"
    )


def _json_number(sql: str, depth: int = 0) -> str:
    return f"coalesce(json_type({sql}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT'), false)"


def _position(sql: str, depth: int) -> str:
    return f"(json_array_length({sql}) = 2 AND {_json_items(sql, depth, _json_number)})"


def _line(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _position, least=2)


def _ring(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _position, least=4)


def _polygon(sql: str, depth: int) -> str:
    return _json_items(sql, depth, _ring)


_COORDINATES: Final[dict[str, Callable[[str, int], str]]] = {
    "Point": _position,
    "MultiPoint": lambda sql, depth: _json_items(sql, depth, _position),
    "LineString": _line,
    "MultiLineString": lambda sql, depth: _json_items(sql, depth, _line),
    "Polygon": _polygon,
    "MultiPolygon": lambda sql, depth: _json_items(sql, depth, _polygon),
}


def _member(sql: str, key: str) -> str:
    return f"json_extract({sql}, {_text('$.' + json.dumps(key))})"


def _geometry(sql: str, depth: int) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    coordinates = _member(sql, "coordinates")
    cases = " ".join(
        f"WHEN {_text(name)} THEN {check(coordinates, depth)}"
        for name, check in _COORDINATES.items()
    )
    return (
        f"(coalesce(json_type({sql}) = 'OBJECT', false) AND json_exists({sql}, '$.coordinates') "
        f"AND coalesce(CASE {kind} {cases} ELSE false END, false))"
    )


def _has_type(sql: str, name: str) -> str:
    """JSON Schema `properties.type.enum`: checked only when the member is there."""
    named = f"json_extract_string({sql}, '$.type') = {_text(name)}"
    return f"coalesce({named}, NOT json_exists({sql}, '$.type'))"


def _feature(sql: str, depth: int) -> str:
    geometry, properties = _member(sql, "geometry"), _member(sql, "properties")
    return (
        f"(json_type({sql}) <> 'OBJECT' OR ({_has_type(sql, 'Feature')} "
        f"AND json_exists({sql}, '$.geometry') AND json_exists({sql}, '$.properties') "
        f"AND (json_type({geometry}) = 'NULL' OR {_geometry(geometry, depth)}) "
        f"AND json_type({properties}) IN ('OBJECT', 'NULL')))"
    )


def _geojson_kind(sql: str) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    geometries = _member(sql, "geometries")
    features = _member(sql, "features")
    return f"""CASE {kind}
        WHEN 'GeometryCollection' THEN json_exists({sql}, '$.geometries')
            AND {_json_items(geometries, 0, _geometry)}
        WHEN 'Feature' THEN {_feature(sql, 0)}
        WHEN 'FeatureCollection' THEN json_exists({sql}, '$.features')
            AND {_json_items(features, 0, _feature)}
        ELSE {_geometry(sql, 0)} END"""


def _geojson_extras(sql: str) -> str:
    bbox, crs = _member(sql, "bbox"), _member(sql, "crs")
    return (
        f"(NOT json_exists({sql}, '$.bbox') OR {_json_items(bbox, 0, _json_number)}) "
        f"AND (NOT json_exists({sql}, '$.crs') OR json_type({crs}) IN ('OBJECT', 'NULL'))"
    )


def _topojson(sql: str) -> str:
    kind = f"json_extract_string({sql}, '$.type')"
    objects, arcs = _member(sql, "objects"), _member(sql, "arcs")
    return (
        f"CASE {kind} WHEN 'Topology' THEN coalesce(json_type({objects}) = 'OBJECT' "
        f"AND json_type({arcs}) = 'ARRAY', false) "
        f"ELSE {kind} IN ({', '.join(map(_text, [*_COORDINATES, 'GeometryCollection']))}) END"
    )


def _read_geojson(field: Field, x: str) -> str:
    if _format(field, ["default", "topojson"]) == "topojson":
        check = _topojson("gk_g")
    else:
        check = f"{_geojson_extras('gk_g')} AND {_geojson_kind('gk_g')}"
    return _let("gk_g", _read_json("OBJECT")(field, x), _when(f"coalesce({check}, false)", "gk_g"))


# -- geopoint ------------------------------------------------------------------------------


def _geo_number(text: str) -> str:
    """Decimal() of a string: stripped, Persian digits read."""
    return _let("gk_n", _strip(_digits(text)), _decimal_value("gk_n"))


def _json_coordinate(sql: str) -> str:
    """Decimal() of a JSON value: a number, a numeric string, or a boolean (1 or 0)."""
    return f"""CASE json_type({sql})
        WHEN 'VARCHAR' THEN {_geo_number(f"json_extract_string({sql}, '$')")}
        WHEN 'BOOLEAN' THEN CASE WHEN json_extract_string({sql}, '$') = 'true' THEN 1.0 ELSE 0.0 END
        WHEN 'NULL' THEN NULL
        WHEN 'ARRAY' THEN NULL
        WHEN 'OBJECT' THEN NULL
        ELSE {_decimal_value(f"json_extract_string({sql}, '$')")} END"""


def _geopoint(lon: str, lat: str) -> str:
    point = f"{{'lon': CAST({lon} AS DOUBLE), 'lat': CAST({lat} AS DOUBLE)}}"
    # NaN fails too: Decimal NaN cannot be compared, so frictionless rejects it.
    in_range = "gk_pt.lon BETWEEN -180 AND 180 AND gk_pt.lat BETWEEN -90 AND 90"
    return _let("gk_pt", point, _when(in_range, "gk_pt"))


def _read_geopoint(field: Field, x: str) -> str:
    fmt = _format(field, ["default", "array", "object"])
    if fmt == "array":
        ok = f"{_json_ok(x)} AND json_type({x}) = 'ARRAY' AND json_array_length({x}) = 2"
        point = _geopoint(
            _json_coordinate(f"json_extract({x}, '$[0]')"),
            _json_coordinate(f"json_extract({x}, '$[1]')"),
        )
        return _when(ok, point)
    if fmt == "object":
        keys = f"list_sort(list_distinct(json_keys({x})))"
        ok = f"{_json_ok(x)} AND json_type({x}) = 'OBJECT' AND {keys} = ['lat', 'lon']"
        point = _geopoint(_json_coordinate(_member(x, "lon")), _json_coordinate(_member(x, "lat")))
        return _when(ok, point)
    parts = f"string_split({x}, ',')"
    point = _geopoint(_geo_number("gk_parts[1]"), _geo_number("gk_parts[2]"))
    return _let("gk_parts", parts, _when("len(gk_parts) = 2", point))
