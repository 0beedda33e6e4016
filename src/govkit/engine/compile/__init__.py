"""A Table Schema field compiled to vectorised DuckDB SQL over an all-VARCHAR column.

`compile_field` turns one field descriptor into SQL expressions over the column's raw
text: whether the cell is a missing value, its typed value, and one boolean per check
(type, constraints, warnings), each TRUE exactly where frictionless 5 would report that
cell. Everything is plain DuckDB SQL (regexp_full_match, try_cast, json and list
functions, the `gk_*` macros of `iranian.py`), so a whole column is checked in one pass
and every bad cell is found.

The semantics are frictionless's (`Field.read_cell` and the field classes), checked by
tests/engine/test_compile.py against frictionless itself, except where govkit differs on
purpose:

* Numbers: Python's int() and Decimal() accept underscores (`1_000`) and every Unicode
  digit; govkit accepts ASCII, Persian and Arabic-Indic digits (with a GK224 warning)
  and no underscores. Integers must fit in HUGEINT (±1.7e38) and yearmonth years in
  BIGINT; numbers are compared as DOUBLE (17 significant digits, ±1.8e308).
* Integer fields honour Table Schema v2 `groupChar`, which frictionless ignores.
* Dates and times in a strptime pattern follow Python's strptime regexes, with ASCII
  digits only and English month and day names (the C locale). Only the directives
  %a %A %b %B %d %f %H %I %j %m %M %p %S %u %w %y %Y %z and %% are read; any other
  (%U, %W, %c, %Z...) or a stray % is a ValueError, where frictionless would read some
  of them and fail every cell for the others.
* `default` datetimes and times are read as dateutil's isoparse reads them, except the
  ISO week and ordinal dates and the basic (no-dash) date form, which are type errors.
* `any` dates and times are a fixed list of common forms (ISO, `2020/01/05`,
  `01/05/2020` month first then day first, `5 Jan 2020`, `Jan 5, 2020`, `20200105`,
  `10:20`, `10:20 PM`...), not dateutil's open-ended parser; values dateutil reads
  relative to today (`10:20` as a date, `2020` alone) are type errors.
* Time zones: datetimes with an offset are compared in UTC and naive ones as written,
  where Python cannot compare them at all; times with an offset are moved to UTC and
  wrap around midnight.
* Durations: the `PYYYY-MM-DDThh:mm:ss` alternative form is a type error; a duration's
  typed value is {months, micros}.
* JSON (object, array, geojson, geopoint array/object): lone surrogate escapes such as
  "\\ud800" are refused; a geopoint array must hold two numbers, numeric strings or
  booleans (Python would also unpack a two-character string or a two-key object). Enum
  and unique compare minified JSON text, so key order matters.
* GeoJSON follows frictionless's JSON Schema by type (positions, rings, features,
  bbox), with `crs` only checked to be an object or null; topojson is checked by its
  `type` and the members a Topology requires.
* `wkt` strings follow frictionless's WKT grammar with keywords in capitals, collections
  nested at most four deep.
* Email domains that are not ASCII are accepted when every label is letters, digits
  and hyphens; the idna codec's finer rules are not applied.
* Patterns run in RE2 as a full match: `\\d`, `\\w` and `\\s` outside a character class
  (and positive ones inside it) are made Unicode-aware as in Python, but `\\b` stays
  ASCII; a top-level alternation `a|b` is one alternative of the whole value (frictionless
  builds `^a|b$`), and `$` does not match before a final newline. A pattern RE2 cannot
  compile (lookaround, backreferences) is a ValueError naming the field.
* A minimum, maximum or similar bound that is not a value of the field's type is a
  ValueError (frictionless raises a TypeError while reading).
* Table Schema v2 `categories` (string and integer fields), which frictionless 5 ignores,
  are checked: a value outside them is an enum error (GK219).
* GK224 (Persian or Arabic-Indic digits in a valid integer, number or year) and GK225
  (Arabic Yeh or Kaf in a string) are govkit's own warnings.

A NULL cell (the row is short) fails nothing: the runner reports the missing cell.
"""

from __future__ import annotations

from govkit.engine.compile.core import CellCheck, CompiledField, compile_field

__all__ = ["CellCheck", "CompiledField", "compile_field"]
