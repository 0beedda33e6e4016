"""Validate one table against its Table Schema: every check is SQL that an embedded DuckDB runs.

The file is loaded once into a DuckDB table of VARCHAR columns (`c0`, `c1`, ...,
plus `extra`, which catches cells beyond the header). A short row's absent
cells are SQL NULL, an empty cell is ''. Every row and cell check is a
predicate; one pass records each failure as (row id, check id) in `fails`, key
checks add theirs, and then totals are counted and the first failures listed
by row. So every bad cell is counted, however many there are, and only
`max_listed` are turned into messages.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from govkit.engine import rules
from govkit.engine.compile import CompiledField, compile_field
from govkit.engine.database import open_database, refuse_environment_failure
from govkit.engine.iranian import install_macros
from govkit.engine.load import Loaded, Table, load_table
from govkit.findings import Severity

MEMORY_LIMIT = "160MB"  # with Python and the buffers, peak RSS stays under 300 MB
IN_MEMORY_BYTES = 96 << 20  # a table takes ~1.5x its CSV in DuckDB: up to here it fits
PREFILTER_ROWS = 50_000
ARABIC_SCRIPT_WARNINGS = frozenset({rules.NON_ASCII_DIGITS.code, rules.ARABIC_LETTERS.code})


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    row: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class TableResult:
    rows: int
    listed: tuple[Issue, ...]
    totals: Mapping[tuple[str, str | None], int]
    """Every failure counted, listed or not, by (rule code, field)."""
    columns: Mapping[str, int] = field(default_factory=dict)
    """Each field's column in the file (1-based), for findings' `line:column`."""

    @property
    def valid(self) -> bool:
        return not any(
            count and rules.BY_CODE[code].severity is Severity.ERROR
            for (code, _), count in self.totals.items()
        )


@dataclass(frozen=True)
class _Check:
    code: str
    field: str | None
    fails: str
    note: str
    column: int | None = None


@dataclass
class _Run:
    """One validation: its connection, the loaded table, its checks and what it found."""

    table: Table
    connection: duckdb.DuckDBPyConnection
    workdir: Path
    loaded: Loaded
    checks: list[_Check] = field(default_factory=list)
    early: list[Issue] = field(default_factory=list)
    blank: str = "false"
    """SQL that is TRUE for a blank row (reported once, as blank, and by no other check)."""
    typed: dict[str, str] = field(default_factory=dict)
    """Typed value of each checked column (`v3` -> SQL), computed once per row."""
    columns: dict[str, int] = field(default_factory=dict)
    """Each field's column in the header (0-based)."""

    @property
    def data_rows(self) -> str:
        return f"rowid >= {self.loaded.first_record}"

    def note(
        self, code: str, message: str, row: int | None = None, name: str | None = None
    ) -> None:
        self.early.append(Issue(code, message, row, name))

    def add(self, check: _Check) -> int:
        self.checks.append(check)
        return len(self.checks) - 1


References = Callable[[str], "Table | None"]
Survey = Callable[[duckdb.DuckDBPyConnection, Table, Loaded], None]
"""Another look at a table while validation has it loaded as `t` (the personal-data scan's
counts), so that one read of the file serves both."""


def validate_table(
    table: Table,
    *,
    max_listed: int = 100,
    references: References = lambda _: None,
    survey: Survey | None = None,
) -> TableResult:
    """Every problem of one data file, counted in full, the first `max_listed` listed."""
    with tempfile.TemporaryDirectory(prefix="govkit-") as folder:
        workdir = Path(folder)
        connection = connect(workdir, _size(table.path))
        early: list[Issue] = []
        try:
            loaded = load_table(connection, table, "t", workdir, _collector(early))
            if loaded is None:
                return _summarise(early, [], None, rows=0, max_listed=max_listed)
            run = _Run(table, connection, workdir, loaded, early=early)
            rows = _check(run, references)
            result = _summarise(run.early, run.checks, run, rows, max_listed)
            if survey is not None:
                survey(connection, table, loaded)
            return result
        except (OSError, duckdb.Error) as error:
            refuse_environment_failure(error)
            # One unreadable file (permissions, a disk error, DuckDB refusing it) must not
            # stop the others: it becomes this resource's finding.
            reason = error.strerror if isinstance(error, OSError) else _first_line(error)
            early.append(Issue(rules.DATA_UNREADABLE.code, f"could not be checked: {reason}"))
            return _summarise(early, [], None, rows=0, max_listed=max_listed)
        finally:
            connection.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the file is read


def _collector(issues: list[Issue]) -> Callable[[str, str, int | None], None]:
    return lambda code, message, row: issues.append(Issue(code, message, row))


def connect(workdir: Path, size: int) -> duckdb.DuckDBPyConnection:
    # DuckDB cannot evict an in-memory table, so a file that would not fit under the memory
    # limit gets a database file in the temp folder (2x slower, but a 2 GB file needs no 2 GB).
    target = str(workdir / "engine.duckdb") if size > IN_MEMORY_BYTES else ":memory:"
    connection = open_database(target)
    # Spill to the temp folder rather than grow without bound on a 2 GB file.
    connection.execute(f"SET memory_limit='{MEMORY_LIMIT}'")
    connection.execute(f"SET temp_directory='{_sql_text(str(workdir))}'")
    connection.execute("SET preserve_insertion_order=true")
    install_macros(connection)
    return connection


def _check(run: _Run, references: References) -> int:
    """Run every check; the number of data rows."""
    for record in run.loaded.blank_records:  # skipped by DuckDB, found by the byte scan
        run.note(rules.BLANK_ROW.code, "row is blank", row=record + 1)
    fields = [dict(f) for f in run.table.schema.get("fields", [])]
    columns = _match_header(run, fields)
    run.columns = columns
    compiled = _compile(run, fields, columns)
    run.typed = {f"v{columns[name]}": column.typed for name, column in compiled.items()}
    run.blank = _row_checks(run, columns)
    # Without a byte that starts an Arabic-script character, those warnings cannot fire;
    # Arabic Yeh and Kaf are a slip only in Persian text (Arabic text rightly has them).
    skipped = frozenset() if run.loaded.arabic_script else ARABIC_SCRIPT_WARNINGS
    for name, column in compiled.items():
        persian = _persian(run.table, fields, name)
        off = skipped if persian else skipped | {rules.ARABIC_LETTERS.code}
        for cell in column.checks:
            if cell.code not in off:
                run.add(_Check(cell.code, name, cell.fails, cell.note, columns[name]))
    rows = _count_rows(run)
    _record_failures(run, rows)
    for name, column in compiled.items():
        if _constraints(fields, name).get("unique") is True:
            note = "repeats a value of this unique field"
            check = _Check(rules.UNIQUE.code, name, "", note, columns[name])
            _later_duplicates(run, [column.typed], check)
    _primary_key(run, compiled)
    _foreign_keys(run, compiled, references)
    return rows


def _persian(table: Table, fields: list[dict[str, Any]], name: str) -> bool:
    """Whether a field's text is Persian: its own `language`, else the table's."""
    for descriptor in fields:
        if descriptor.get("name") == name and isinstance(descriptor.get("language"), str):
            return str(descriptor["language"]).split("-")[0].lower() == "fa"
    return table.persian


def _count_rows(run: _Run) -> int:
    found = run.connection.execute(f"SELECT count(*) FROM t WHERE {run.data_rows}").fetchone()
    return int(found[0]) if found else 0


# -- header --------------------------------------------------------------------------------


def _match_header(run: _Run, fields: list[dict[str, Any]]) -> dict[str, int]:
    """Report header problems; map each field name to the column that holds it."""
    # Labels are compared stripped, as frictionless does: `id, name` is a common header.
    labels = [label.strip() for label in run.loaded.labels]
    names = [str(f.get("name", "")) for f in fields]
    if run.loaded.has_header:
        for index, label in enumerate(labels):
            if not label.strip():
                run.note(rules.BLANK_LABEL.code, f"column {index + 1} has no label", row=1)
            elif label in labels[:index]:
                run.note(rules.DUPLICATE_LABEL.code, f"label '{label}' is repeated", row=1)
    match = str(run.table.schema.get("fieldsMatch", "exact"))
    if match == "exact" or not run.loaded.has_header:
        return _match_exact(run, labels, names)
    return _match_by_name(run, labels, names, match)


def _match_exact(run: _Run, labels: list[str], names: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if index >= len(labels):
            run.note(rules.MISSING_LABEL.code, f"field '{name}' has no column", row=1, name=name)
            continue
        label = labels[index]
        repeated = label in labels[:index]  # reported as a duplicate label already
        if run.loaded.has_header and label and not repeated and label != name:
            message = f"column {index + 1} is labelled '{label}'; the schema names it '{name}'"
            run.note(rules.INCORRECT_LABEL.code, message, row=1, name=name)
        columns[name] = index
    for label in labels[len(names) :]:
        run.note(rules.EXTRA_LABEL.code, f"column '{label}' is not in the schema", row=1)
    return columns


def _match_by_name(run: _Run, labels: list[str], names: list[str], match: str) -> dict[str, int]:
    columns = {name: labels.index(name) for name in names if name in labels}
    none_match = match == "partial" and not columns
    if match in ("equal", "subset") or none_match:
        for name in (n for n in names if n not in columns):
            run.note(rules.MISSING_LABEL.code, f"field '{name}' has no column", row=1, name=name)
    if match in ("equal", "superset") or none_match:
        for label in (label for label in labels if label not in names):
            run.note(rules.EXTRA_LABEL.code, f"column '{label}' is not in the schema", row=1)
    return columns


# -- row and cell checks -------------------------------------------------------------------


def _compile(
    run: _Run, fields: list[dict[str, Any]], columns: dict[str, int]
) -> dict[str, CompiledField]:
    missing = run.table.schema.get("missingValues", [""])
    compiled: dict[str, CompiledField] = {}
    for descriptor in fields:
        name = str(descriptor.get("name"))
        if name in columns:
            try:
                index = columns[name]
                compiled[name] = compile_field(
                    descriptor, f"c{index}", missing, typed_as=f"v{index}"
                )
            except ValueError as error:
                message = f"field '{name}' cannot be checked: {error}"
                run.note(rules.TYPE_ERROR.code, message, name=name)
    return compiled


def _row_checks(run: _Run, columns: dict[str, int]) -> str:
    """Blank rows, extra and missing cells; returns the SQL that says a row is blank."""
    width = len(run.loaded.labels)
    field_at = {index: name for name, index in columns.items()}
    empty = [f"coalesce(c{i}, '') = ''" for i in range(width)]
    blank = "(" + " AND ".join([*empty, "extra IS NULL"]) + ")"
    run.add(_Check(rules.BLANK_ROW.code, None, blank, "is blank"))
    run.add(
        _Check(rules.EXTRA_CELL.code, None, "extra IS NOT NULL", "has more cells than the header")
    )
    for index in range(width):
        note = f"has no cell for column {index + 1}"
        check = _Check(rules.MISSING_CELL.code, field_at.get(index), f"c{index} IS NULL", note)
        run.add(check)
    return blank


def _record_failures(run: _Run, rows: int) -> None:
    """One pass over the table: every failing (row, check) pair into `fails`."""
    conditions = []
    for check in run.checks:
        blank_row = check.code == rules.BLANK_ROW.code
        conditions.append(check.fails if blank_row else f"(({check.fails}) AND NOT {run.blank})")
    flags = ", ".join(f"CASE WHEN {c} THEN {i} END" for i, c in enumerate(conditions))
    where = "true"
    if rows > PREFILTER_ROWS:
        # Most rows pass: one OR over them is cheaper than building a list per row, but
        # planning the doubled expression costs ~60 ms, which only a large table repays.
        where = " OR ".join(conditions)
    # Each typed value is computed once, in the inner query, and read by every check.
    typed = "".join(f", {sql} AS {alias}" for alias, sql in run.typed.items())
    run.connection.execute(
        "CREATE TEMP TABLE fails AS SELECT r, unnest(list_filter("
        f"[{flags}], lambda x: x IS NOT NULL)) AS k FROM (SELECT rowid AS r, *{typed} FROM t "
        f"WHERE {run.data_rows}) WHERE {where}"
    )


# -- keys ----------------------------------------------------------------------------------


def _later_duplicates(
    run: _Run, typed: Sequence[str], check: _Check, *, nulls_repeat: bool = False
) -> None:
    """Record every row whose value (or tuple of values) appeared in an earlier row.

    A null never repeats for `unique`; in a primary key, frictionless compares
    nulls like values unless the whole key is null (reported on its own).
    """
    index = run.add(check)
    keys = ", ".join(f"{t} AS k{i}" for i, t in enumerate(typed))
    names = ", ".join(f"k{i}" for i in range(len(typed)))
    joiner = " OR " if nulls_repeat else " AND "
    present = joiner.join(f"k{i} IS NOT NULL" for i in range(len(typed)))
    same = " AND ".join(f"keyed.k{i} IS NOT DISTINCT FROM repeated.k{i}" for i in range(len(typed)))
    # Group first (a cheap hash aggregate); number rows only within the repeated keys.
    run.connection.execute(
        f"INSERT INTO fails WITH keyed AS (SELECT rowid AS r, {keys} FROM t "
        f"WHERE {run.data_rows} AND NOT {run.blank}), repeated AS (SELECT {names} FROM keyed "
        f"WHERE {present} GROUP BY ALL HAVING count(*) > 1) SELECT r, {index} FROM (SELECT r, "
        f"row_number() OVER (PARTITION BY {names} ORDER BY r) AS n FROM keyed SEMI JOIN "
        f"repeated ON {same}) WHERE n > 1"
    )


def _primary_key(run: _Run, compiled: dict[str, CompiledField]) -> None:
    names = _names(run.table.schema.get("primaryKey"))
    if not names or any(n not in compiled for n in names):
        return
    typed = [compiled[n].typed for n in names]
    label = ", ".join(names)
    note = f"repeats the primary key ({label}) of an earlier row"
    check = _Check(rules.PRIMARY_KEY.code, None, "", note)
    _later_duplicates(run, typed, check, nulls_repeat=True)
    empty = " AND ".join(f"({t}) IS NULL" for t in typed)
    index = run.add(_Check(rules.PRIMARY_KEY.code, None, "", f"has an empty primary key ({label})"))
    run.connection.execute(
        f"INSERT INTO fails SELECT rowid, {index} FROM t "
        f"WHERE {run.data_rows} AND NOT {run.blank} AND {empty}"
    )


def _foreign_keys(run: _Run, compiled: dict[str, CompiledField], references: References) -> None:
    descriptors = {str(f.get("name")): f for f in run.table.schema.get("fields", [])}
    for number, foreign in enumerate(run.table.schema.get("foreignKeys") or []):
        local = _names(foreign.get("fields"))
        reference = foreign.get("reference") or {}
        remote = _names(reference.get("fields"))
        target = str(reference.get("resource", ""))
        if len(local) != len(remote) or any(n not in compiled for n in local):
            continue
        theirs = _referenced_keys(run, number, target, remote, references)
        if theirs is None:
            message = f"the referenced resource '{target}' cannot be read, so keys were not checked"
            run.note(rules.FOREIGN_KEY.code, message)
            continue
        note = f"refers to a row of '{target or 'this resource'}' that does not exist"
        index = run.add(_Check(rules.FOREIGN_KEY.code, ", ".join(local), "", note))
        mine = [
            f"{_comparable(descriptors[n], compiled[n].typed)} AS k{i}" for i, n in enumerate(local)
        ]
        on = " AND ".join(f"mine.k{i} IS NOT DISTINCT FROM theirs.k{i}" for i in range(len(local)))
        present = " OR ".join(f"mine.k{i} IS NOT NULL" for i in range(len(local)))
        run.connection.execute(
            f"INSERT INTO fails SELECT mine.r, {index} FROM "
            f"(SELECT rowid AS r, {', '.join(mine)} FROM t WHERE {run.data_rows}) mine "
            f"ANTI JOIN ({theirs}) theirs ON {on} WHERE {present}"
        )


def _referenced_keys(
    run: _Run, number: int, target: str, remote: list[str], references: References
) -> str | None:
    """A SELECT of the referenced key values as k0, k1, ...; None if they cannot be read."""
    if target == "":
        table, name, loaded = run.table, "t", run.loaded
    else:
        referenced = references(target)
        if referenced is None:
            return None
        name = f"ref{number}"
        ignored: list[Issue] = []
        try:
            found = load_table(run.connection, referenced, name, run.workdir, _collector(ignored))
        except OSError:
            return None
        if found is None:
            return None
        table, loaded = referenced, found
    fields = {str(f.get("name")): f for f in table.schema.get("fields", [])}
    missing = table.schema.get("missingValues", [""])
    keys = []
    for i, field_name in enumerate(remote):
        if field_name not in fields or field_name not in loaded.labels:
            return None
        column = f"c{loaded.labels.index(field_name)}"
        typed = compile_field(fields[field_name], column, missing).typed
        keys.append(f"{_comparable(fields[field_name], typed)} AS k{i}")
    return f"SELECT DISTINCT {', '.join(keys)} FROM {name} WHERE rowid >= {loaded.first_record}"


# -- results -------------------------------------------------------------------------------


def _summarise(
    early: list[Issue], checks: list[_Check], run: _Run | None, rows: int, max_listed: int
) -> TableResult:
    totals: Counter[tuple[str, str | None]] = Counter((i.code, i.field) for i in early)
    listed = list(early)
    if run is not None:
        counts = run.connection.execute("SELECT k, count(*) FROM fails GROUP BY k").fetchall()
        for index, count in counts:
            check = checks[int(index)]
            totals[(check.code, check.field)] += int(count)
        listed.extend(_listing(run, max(0, max_listed - len(listed))))
    shown = sorted(listed[: max(max_listed, len(early))], key=lambda i: i.row or 0)
    columns = {name: index + 1 for name, index in run.columns.items()} if run else {}
    return TableResult(rows, tuple(shown), dict(totals), columns)


def _listing(run: _Run, limit: int) -> list[Issue]:
    """The first `limit` failures by row, with the value of each bad cell."""
    if limit == 0:
        return []
    found = run.connection.execute(
        f"SELECT f.r, f.k, t.* FROM (SELECT r, k FROM fails ORDER BY r, k LIMIT {limit}) f "
        "JOIN t ON t.rowid = f.r ORDER BY f.r, f.k"
    ).fetchall()
    issues = []
    for record in found:
        check = run.checks[int(record[1])]
        value = record[2 + check.column] if check.column is not None else None
        row = run.loaded.row_number(int(record[0]))
        issues.append(Issue(check.code, _message(check, value), row, check.field))
    return issues


def _message(check: _Check, value: Any) -> str:
    if check.field is None or check.column is None:
        return f"row {check.note}"
    shown = "" if value is None else str(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"'{shown}' {check.note}"


def _comparable(descriptor: Mapping[str, Any], typed: str) -> str:
    """A key value as text tagged with its kind: 1 (integer) never matches '1' (string),
    while integer 1 and number 1.0 match, as they do for frictionless."""
    kind = str(descriptor.get("type", "string"))
    if kind in ("integer", "number"):
        return f"'n:' || CAST(CAST({typed} AS DOUBLE) AS VARCHAR)"
    return f"'{_sql_text(kind)}:' || CAST({typed} AS VARCHAR)"


def _constraints(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for descriptor in fields:
        if descriptor.get("name") == name:
            return dict(descriptor.get("constraints") or {})
    return {}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
