"""The mechanical fixes of a catalog, found and (on request) written: the clean-ups that
export applies on the way out (`export.normalize`), applied to the files themselves.

- data (CSV and TSV resources): Persian and Arabic-Indic digits to ASCII in numeric
  fields (GK224), Arabic Yeh and Kaf to Persian ی and ک in text fields (GK225). Only the
  characters change, cell by cell: quoting, delimiters, line ends and the header stay
  byte for byte.
- YAML (govkit.yaml, the units, the entries, the Table Schemas; never the policy packs,
  whose CEL would change meaning): Arabic Yeh and Kaf in values, and spaces at the ends
  of lines. Each fixed file is read back: it must hold the same data, the letters aside,
  with the same keys and the same Table Schema field names, or it is left alone.

A file that cannot hold the fix (a windows-1256 file has no Persian ی) is skipped and
says why. Nothing is written unless asked, and then every file at once: all are staged
before the first is replaced (`govkit.atomic.write_all_atomic`).
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkit.atomic import write_all_atomic
from govkit.catalog.loader import CATALOG_DIR, Catalog
from govkit.catalog.models import DataFormat, Resource
from govkit.engine.iranian import has_arabic_letters, normalize_digits, normalize_letters
from govkit.errors import InputError
from govkit.export.selection import NUMERIC_TYPES, STRING_TYPES
from govkit.i18n import _
from govkit.yamlio import load_yaml

# What a fix is called in a summary; the keys are stable, the words translated.
DIGITS, LETTERS, SPACES = "digits", "letters", "trailing-spaces"
_TRAILING = re.compile(r"[ \t]+(?=\r?$)", flags=re.M)
_DELIMITERS = {DataFormat.csv: ",", DataFormat.tsv: "\t"}


@dataclass(frozen=True)
class FileFix:
    """One file's fixes: its bytes before and after, and how many values of each kind."""

    path: str
    before: bytes
    after: bytes
    encoding: str
    counts: Mapping[str, int]

    def diff(self) -> str:
        old = self.before.decode(self.encoding).splitlines(keepends=True)
        new = self.after.decode(self.encoding).splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class FixResult:
    root: Path
    fixed: tuple[FileFix, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    applied: bool = False
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return sum(self.counts.values())

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(fix.path for fix in self.fixed)

    def diff(self) -> str:
        return "".join(fix.diff() for fix in self.fixed)


def find_fixes(catalog: Catalog, root: Path) -> FixResult:
    fixed: list[FileFix] = []
    skipped: list[Skipped] = []
    for outcome in (*_data_fixes(catalog, root), *_yaml_fixes(catalog, root)):
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        elif outcome.before != outcome.after:
            fixed.append(outcome)
    fixed.sort(key=lambda fix: fix.path)
    total: Counter[str] = Counter()
    for fix in fixed:
        total.update(fix.counts)
    return FixResult(root, tuple(fixed), tuple(skipped), counts=dict(total))


def apply(result: FixResult) -> FixResult:
    """Write every fixed file, all staged before any is replaced."""
    write_all_atomic({result.root / fix.path: fix.after for fix in result.fixed})
    return FixResult(result.root, result.fixed, result.skipped, True, result.counts)


# -- data ----------------------------------------------------------------------------------


def _data_fixes(catalog: Catalog, root: Path) -> Iterator[FileFix | Skipped]:
    seen: set[str] = set()
    for entry in catalog.datasets:
        for resource in entry.model.resources:
            relative = f"{CATALOG_DIR}/{resource.path}"
            schema = catalog.table_schemas.get(resource.schema_)
            if relative in seen or resource.format not in _DELIMITERS or schema is None:
                continue
            seen.add(relative)
            path = root / relative
            if path.is_symlink() or not path.is_file():
                continue
            yield _data_fix(relative, path.read_bytes(), resource, schema.data)


def _data_fix(relative: str, before: bytes, resource: Resource, schema: Any) -> FileFix | Skipped:
    encoding = codecs.lookup(resource.encoding).name
    try:
        text = before.decode(encoding)
    except UnicodeDecodeError:
        return Skipped(relative, _("not {encoding} as declared").format(encoding=resource.encoding))
    types = {
        spec.get("name"): spec.get("type", "string")
        for spec in (schema.get("fields") or [] if isinstance(schema, dict) else [])
        if isinstance(spec, dict)
    }
    dialect = resource.dialect
    delimiter = dialect.delimiter if dialect else _DELIMITERS[resource.format]
    quote = dialect.quote_char if dialect else '"'
    # Without a header row, columns are the schema's fields in order.
    order = None if dialect is None or dialect.header else list(types)
    counts: Counter[str] = Counter()
    fixed = _fix_cells(text, (delimiter, quote), types, order, counts)
    try:
        after = fixed.encode(encoding)
    except UnicodeEncodeError:
        reason = _("{encoding} cannot hold Persian ی and ک; re-encode it as utf-8 first")
        return Skipped(relative, reason.format(encoding=resource.encoding))
    return FileFix(relative, before, after, encoding, dict(counts))


def _fix_cells(
    text: str,
    syntax: tuple[str, str],
    types: Mapping[Any, Any],
    order: list[Any] | None,
    counts: Counter[str],
) -> str:
    """`text` with each cell after the header fixed by its field's type; one pass over the
    characters, so that what is not a fixed character is copied as it is."""
    delimiter, quote = syntax
    lines = text.splitlines(keepends=True)
    header, body = (order, lines) if order is not None else _header(lines, delimiter, quote)
    fixers = [_fixer(types.get(name)) for name in header]
    out = list(lines[: len(lines) - len(body)])
    column, quoted = 0, False
    cell: list[str] = []
    for char in "".join(body):
        if char == quote:
            quoted = not quoted
        elif not quoted and char in (delimiter, "\n", "\r"):
            out.append(_flush(cell, fixers, column, counts))
            cell = []
            column = 0 if char in "\r\n" else column + 1
            out.append(char)
            continue
        cell.append(char)
    out.append(_flush(cell, fixers, column, counts))
    return "".join(out)


def _header(lines: list[str], delimiter: str, quote: str) -> tuple[list[str], list[str]]:
    import csv  # noqa: PLC0415

    if not lines:
        return [], []
    # A byte-order mark is not part of the first column's name.
    first = lines[0].removeprefix("\ufeff")
    names = next(csv.reader([first], delimiter=delimiter, quotechar=quote), [])
    return names, lines[1:]


def _fixer(field_type: Any) -> tuple[str, Callable[[str], str]] | None:
    if field_type in NUMERIC_TYPES:
        return DIGITS, normalize_digits
    if field_type in STRING_TYPES:
        return LETTERS, normalize_letters
    return None


def _flush(
    cell: list[str],
    fixers: list[tuple[str, Callable[[str], str]] | None],
    column: int,
    counts: Counter[str],
) -> str:
    raw = "".join(cell)
    fixer = fixers[column] if column < len(fixers) else None
    if fixer is None or not raw:
        return raw
    kind, fix = fixer
    fixed = fix(raw)
    if fixed != raw:
        counts[kind] += 1
    return fixed


# -- YAML ----------------------------------------------------------------------------------


def _yaml_fixes(catalog: Catalog, root: Path) -> Iterator[FileFix | Skipped]:
    documents = [catalog.config.document]
    if catalog.units is not None:
        documents.append(catalog.units.document)
    documents.extend(entry.document for entry in catalog.datasets)
    schemas = {document.path for document in catalog.table_schemas.values()}
    documents.extend(catalog.table_schemas.values())
    for path in sorted({document.path for document in documents}):
        target = root / path
        if not target.is_symlink() and target.is_file():
            yield _yaml_fix(path, target.read_bytes(), schema=path in schemas)


def _yaml_fix(relative: str, before: bytes, *, schema: bool) -> FileFix:
    text = before.decode("utf-8-sig" if before.startswith(codecs.BOM_UTF8) else "utf-8")
    original = load_yaml(before, relative).data
    counts: Counter[str] = Counter()
    spaces = len(_TRAILING.findall(text))
    stripped = _TRAILING.sub("", text)
    letters = sum(1 for line in stripped.splitlines() if has_arabic_letters(line))
    # The most that keeps the meaning: a literal block's trailing spaces are its content,
    # and a field name must keep the spelling the data's header has.
    candidates = (
        (normalize_letters(stripped), letters, spaces),
        (stripped, 0, spaces),
        (normalize_letters(text), sum(has_arabic_letters(line) for line in text.splitlines()), 0),
    )
    for candidate, letter_lines, space_lines in candidates:
        if _same_meaning(original, candidate, relative, letters=letter_lines > 0, schema=schema):
            counts.update({LETTERS: letter_lines, SPACES: space_lines})
            return FileFix(relative, before, _encoded(candidate, before), "utf-8", +counts)
    return FileFix(relative, before, before, "utf-8", {})


def _encoded(text: str, before: bytes) -> bytes:
    bom = codecs.BOM_UTF8 if before.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def _same_meaning(original: Any, text: str, relative: str, *, letters: bool, schema: bool) -> bool:
    try:
        reread = load_yaml(_encoded(text, b""), relative).data
    except InputError:
        return False
    return bool(reread == _expected(original, letters=letters, names=schema))


def _expected(value: Any, *, letters: bool, names: bool, key: str = "") -> Any:
    """The data a fixed file must hold: every text value's letters fixed (with `letters`),
    but no key, and in a Table Schema (`names`) no field name or key reference."""
    if isinstance(value, dict):
        return {k: _expected(v, letters=letters, names=names, key=k) for k, v in value.items()}
    if isinstance(value, list):
        return [_expected(v, letters=letters, names=names, key=key) for v in value]
    if isinstance(value, str) and letters and not (names and key in _NAME_KEYS):
        return normalize_letters(value)
    return value


# Keys of a Table Schema whose values name fields, which the data's header must match.
_NAME_KEYS = frozenset({"name", "primaryKey", "fields", "uniqueKeys"})
