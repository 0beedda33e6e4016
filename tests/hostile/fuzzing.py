"""Hostile inputs for the fuzz tests and `bench/fuzz.py`: catalogs and data files.

Each strategy draws a change to the valid corpus catalog (tests/corpus/base); `run` applies
it in a scratch copy and runs govkit in-process, and `assert_contract` holds the result to
the contract: exit 0, 1 or 2, never 3, no traceback, within the time allowed.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.conftest import CORPUS, Outcome, run_cli

ENTRY = "catalog/finance/budget.yaml"
SCHEMA = "schemas/budget.schema.yaml"
DATA = "catalog/finance/budget/budget-1405.csv"
CATALOG_FILES = (ENTRY, SCHEMA, "govkit.yaml", "catalog/units.yaml")
MAX_SECONDS = 5.0


@dataclass(frozen=True)
class Change:
    """Files to write over the corpus catalog, and the command to run on it."""

    files: dict[str, bytes]
    command: str


def _base(relative: str) -> bytes:
    return (CORPUS / "base" / relative).read_bytes()


# -- catalog files ---------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "..", "../x", "/etc/passwd", "~", "http://x", "1403/13/40", "ir-foi"]),
    st.sampled_from(["2026-13-45", "\u202e", "::error::x", "a@" + "." * 2000, "\x00", "-x"]),
)
_KEYS = [
    "id", "title", "fields", "name", "type", "format", "constraints", "enum", "pattern",
    "primaryKey", "foreignKeys", "reference", "resource", "resources", "path", "schema",
    "encoding", "dialect", "access_level", "missingValues", "$schema", "units", "steward",
]  # fmt: skip
_NODES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.text(max_size=12) | st.sampled_from(_KEYS), inner, max_size=6),
    ),
    max_leaves=40,
)


def _replace_at(document: Any, path: list[int], value: Any) -> Any:
    """`document` with the node that `path` walks to (an index at each level) replaced."""
    if not path or not isinstance(document, (dict, list)) or not document:
        return value
    if isinstance(document, dict):
        keys = list(document)
        key = keys[path[0] % len(keys)]
        return {**document, key: _replace_at(document[key], path[1:], value)}
    index = path[0] % len(document)
    replaced = _replace_at(document[index], path[1:], value)
    return [*document[:index], replaced, *document[index + 1 :]]


@st.composite
def _structural(draw: st.DrawFn, relative: str) -> bytes:
    original = yaml.safe_load(_base(relative))
    path = draw(st.lists(st.integers(min_value=0, max_value=50), max_size=5))
    changed = _replace_at(original, path, draw(_NODES))
    return yaml.safe_dump(changed, allow_unicode=True).encode("utf-8", "surrogatepass")


@st.composite
def _mutated(draw: st.DrawFn, relative: str) -> bytes:
    text = bytearray(_base(relative))
    pieces = st.sampled_from(
        [b":", b"-", b"[", b"{", b"}", b"]", b"&a", b"*a", b"!!python/object", b"\t", b"\n",
         b"'", b'"', b"#", b"%YAML 1.1\n", b"---\n", b"\xff", b"\xef\xbb\xbf", b"? ", b"|", b">"]
    )  # fmt: skip
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()) and text:
            del text[at : at + draw(st.integers(min_value=1, max_value=20))]
        else:
            text[at:at] = draw(pieces)
    return bytes(text)


@st.composite
def _deep_or_wide(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(min_value=1, max_value=80))
    width = draw(st.integers(min_value=1, max_value=3000))
    if draw(st.booleans()):
        return ("fields: " + "[" * depth + "x" + "]" * depth + "\n").encode()
    keys = "".join(f"  k{i}: {i}\n" for i in range(width))
    return f"id: budget\nextra:\n{keys}".encode()


@st.composite
def catalog_changes(draw: st.DrawFn) -> Change:
    relative = draw(st.sampled_from(CATALOG_FILES))
    content = draw(
        st.one_of(
            _structural(relative),
            _mutated(relative),
            _deep_or_wide(),
            st.binary(max_size=300),
        )
    )
    return Change({relative: content}, "lint")


# -- data files ------------------------------------------------------------------------------

_TYPES = [
    "string", "integer", "number", "boolean", "date", "time", "datetime", "year",
    "yearmonth", "duration", "geopoint", "object", "array", "any", "strng",
]  # fmt: skip
_CELLS = [
    "", "a", "1", "-1", "2.5", "1e400", " ", '"', '""', ",", ";", "\t", "\n", "\r\n", "\r",
    "\xff", "۱۲۳", "١٤٠٣/٠١/٠١", "1403/12/30", "2024-02-30", "true", "NaN", "null", "x" * 300,
    "a@b.io", "0012345678", "\u202e", "'", "=1+1", "\x00",
]  # fmt: skip


@st.composite
def _field(draw: st.DrawFn, name: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": draw(st.sampled_from(_TYPES))}
    constraints: dict[str, Any] = {}
    if draw(st.booleans()):
        constraints["required"] = draw(st.booleans())
    if draw(st.booleans()):
        constraints["unique"] = draw(st.booleans())
    if draw(st.booleans()):
        constraints["minimum"] = draw(st.integers(-5, 5) | st.sampled_from(["a", "1403/01/01"]))
    if draw(st.booleans()):
        constraints["maxLength"] = draw(st.integers(0, 5))
    if draw(st.booleans()):
        patterns = ["^[a-z]+$", "(a|aa)+$", "(a+)+b", "[", ".*"]
        constraints["pattern"] = draw(st.sampled_from(patterns))
    if draw(st.booleans()):
        constraints["enum"] = draw(st.lists(st.sampled_from(_CELLS[:12]), max_size=4))
    if constraints:
        field["constraints"] = constraints
    if draw(st.booleans()):
        field["format"] = draw(st.sampled_from(["default", "email", "ir-national-id", "%Y", "any"]))
    return field


@st.composite
def data_changes(draw: st.DrawFn) -> Change:
    names = draw(st.lists(st.sampled_from(["a", "b", "c", "programme"]), min_size=1, max_size=4))
    fields = [draw(_field(name)) for name in names]
    schema: dict[str, Any] = {"fields": fields}
    if draw(st.booleans()):
        schema["primaryKey"] = [names[0]]
    if draw(st.booleans()):
        schema["missingValues"] = draw(st.lists(st.sampled_from(["", "-", "NA"]), max_size=2))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote = draw(st.sampled_from(['"', "'"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "windows-1256", "utf-16", "latin-1"]))
    rows = draw(st.lists(st.lists(st.sampled_from(_CELLS), max_size=6), max_size=12))
    breaks = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = breaks.join([delimiter.join(names), *(delimiter.join(row) for row in rows)]) + breaks
    body = text.encode(encoding, "replace") if encoding != "utf-8" else text.encode("utf-8")
    if draw(st.booleans()):
        body = draw(st.binary(max_size=400))
    header = draw(st.booleans())
    dialect = yaml.safe_dump(
        {"delimiter": delimiter, "quote_char": quote, "header": header}, default_flow_style=True
    )
    declared = f"    format: csv\n    encoding: {encoding}\n    dialect: {dialect.strip()}\n"
    entry = _base(ENTRY).decode().replace("    format: csv\n", declared)
    files = {
        ENTRY: entry.encode(),
        SCHEMA: yaml.safe_dump(schema, allow_unicode=True).encode(),
        DATA: body,
    }
    return Change(files, draw(st.sampled_from(["validate", "check"])))


# -- running ---------------------------------------------------------------------------------


def run(change: Change, scratch: Path) -> tuple[Outcome, float]:
    """Apply the change to a fresh copy of the corpus catalog and run its command."""
    root = scratch / "root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(CORPUS / "base", root)
    for relative, content in change.files.items():
        (root / relative).write_bytes(content)
    start = time.perf_counter()
    outcome = run_cli(change.command, "--root", str(root), "--format", "json")
    return outcome, time.perf_counter() - start


def assert_contract(outcome: Outcome, seconds: float) -> None:
    output = outcome.stdout + outcome.stderr
    assert outcome.exit_code in (0, 1, 2), output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert seconds < MAX_SECONDS, f"took {seconds:.1f} s"
