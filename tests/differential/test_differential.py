"""govkit against frictionless, case by case: the same verdict and the same errors.

Each folder under cases/ is validated by frictionless (the reference, run as
`frictionless validate` would: never trusted, encoding declared) and by govkit's
engine; both sides are reduced to (row, field, code) through mapping.py. A case
with `differs:` documents a deliberate difference and pins govkit's own
`expected` result instead; a case with `govkit_bug:` is a strict xfail that
turns green, and so fails, as soon as govkit is fixed. See README.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from govkit import api
from govkit.engine import rules as data_rules
from govkit.engine.load import Table
from govkit.engine.validate import TableResult, validate_table
from govkit.rules import Rule
from tests.differential import oracle
from tests.differential.cases import CASES, MAIN, Case, ResourceSpec, all_cases
from tests.differential.make_binary_cases import binary_cases
from tests.differential.mapping import (
    CONSTRAINTS,
    SCOPES,
    TYPES,
    WARNINGS,
    Key,
    UnmappedError,
    from_govkit,
)

ALL = all_cases()
TEXT_FORMATS = ("csv", "tsv")
EVERY = 1_000_000
"""A listing cap no case reaches: every failure is listed, so listed and totals must agree."""


@dataclass(frozen=True)
class Outcome:
    """govkit's result for each resource of a case."""

    results: dict[str, TableResult]

    def keys(self, resource: str) -> frozenset[Key]:
        found = (from_govkit(i.code, i.row, i.field) for i in self.results[resource].listed)
        return frozenset(k for k in found if k is not None)

    def raw(self, resource: str) -> frozenset[Key]:
        return frozenset(Key(i.row, i.field, i.code) for i in self.results[resource].listed)

    @property
    def valid(self) -> bool:
        return all(result.valid for result in self.results.values())


def _param(case: Case) -> object:
    marks = []
    if case.govkit_bug:
        marks.append(pytest.mark.xfail(strict=True, reason=f"govkit bug: {case.govkit_bug}"))
    return pytest.param(case, id=case.name, marks=marks)


def _table(case: Case, spec: ResourceSpec, workdir: Path) -> Table:
    path = case.folder / spec.path
    if spec.format not in TEXT_FORMATS:
        path = _converted(path, spec, workdir)
    return Table(
        path=path,
        schema=spec.schema,
        format=spec.format,
        encoding=spec.encoding,
        delimiter=str(spec.dialect.get("delimiter", ",")),
        quote_char=str(spec.dialect.get("quoteChar", '"')),
        header=bool(spec.dialect.get("header", True)),
        bytes=spec.bytes,
        hash=spec.hash,
    )


def _converted(csv_path: Path, spec: ResourceSpec, workdir: Path) -> Path:
    """The case's CSV as Parquet or JSON lines: text columns, or typed ones when `typed`."""
    target = workdir / f"{csv_path.stem}.{spec.format}"
    copy_format = {"parquet": "parquet", "jsonl": "json"}[spec.format]
    all_varchar = "false" if spec.typed else "true"
    quoted = str(target).replace("'", "''")
    # COPY takes no parameter for its target: the path is quoted, the rest is fixed text.
    select = f"SELECT * FROM read_csv(?, header=true, all_varchar={all_varchar})"  # noqa: S608
    copy = f"COPY ({select}) TO '{quoted}' (FORMAT {copy_format})"
    with duckdb.connect(":memory:") as connection:
        connection.execute(copy, [str(csv_path)])
    return target


def run_govkit(case: Case, workdir: Path, max_listed: int = EVERY) -> Outcome:
    tables = {spec.name: _table(case, spec, workdir) for spec in case.resources}
    return Outcome(
        {
            name: validate_table(table, max_listed=max_listed, references=tables.get)
            for name, table in tables.items()
        }
    )


def _explain(case: Case, truth: oracle.Verdict, mine: Outcome) -> str:
    lines = [f"case {case.name}: {case.covers}", "frictionless:"]
    for name, errors in truth.raw.items():
        lines.extend(f"  {name} {error}" for error in errors)
    lines.append("govkit:")
    for name, result in mine.results.items():
        lines.extend(
            f"  {name} {i.code} row={i.row} field={i.field}: {i.message}" for i in result.listed
        )
    return "\n".join(lines)


@pytest.mark.parametrize("case", [_param(case) for case in ALL])
def test_same_findings_as_frictionless(case: Case, tmp_path: Path) -> None:
    truth = oracle.validate(case)
    mine = run_govkit(case, tmp_path)
    why = _explain(case, truth, mine)
    main = case.main.name
    if case.differs:
        assert mine.keys(main) == case.expected, why
        assert mine.valid is case.valid, why
        assert _frictionless_differs(case, truth), f"frictionless now agrees: drop `differs`\n{why}"
    else:
        assert truth.valid is case.valid, f"the case does not show what it says\n{why}"
        if case.expected is not None:
            assert truth.keys(main) == case.expected, why
        assert mine.valid is truth.valid, why
        for spec in case.resources:
            theirs, ours = truth.keys(spec.name), mine.keys(spec.name)
            assert ours == theirs, (
                f"{spec.name}: only frictionless: {sorted(map(str, theirs - ours))}; "
                f"only govkit: {sorted(map(str, ours - theirs))}\n{why}"
            )
    assert case.also_expected <= mine.raw(main), why
    for name, result in mine.results.items():
        listed = Counter((issue.code, issue.field) for issue in result.listed)
        assert result.totals == listed, f"{name}: totals are not the listed issues\n{why}"


def _frictionless_differs(case: Case, truth: oracle.Verdict) -> bool:
    try:
        return truth.valid is not case.valid or truth.keys(case.main.name) != case.expected
    except UnmappedError:
        return True


@pytest.mark.parametrize("case", [c for c in ALL if c.max_listed is not None], ids=str)
def test_totals_count_past_the_listing_cap(case: Case, tmp_path: Path) -> None:
    assert case.max_listed is not None
    every = Counter((k.code, k.field) for k in oracle.validate(case).keys(case.main.name))
    result = run_govkit(case, tmp_path, max_listed=case.max_listed).results[case.main.name]
    assert len(result.listed) == case.max_listed < sum(every.values())
    assert result.totals == every


def _standalone(case: Case) -> bool:
    """A single CSV with the default options: what `govkit validate --schema S DATA` can express."""
    spec = case.main
    plain = spec == ResourceSpec(spec.name, spec.path, spec.schema)
    return len(case.resources) == 1 and plain and not case.differs and not case.govkit_bug


@pytest.mark.parametrize("case", [c for c in ALL if _standalone(c)], ids=str)
def test_standalone_validate_agrees(case: Case) -> None:
    """`api.validate(DATA, schema=S)`, the library form of `govkit validate --schema`."""
    report = api.validate(
        case.folder / "data.csv", schema=case.folder / "schema.json", max_findings=EVERY
    )
    found = (from_govkit(f.code, f.row, f.field) for f in report.findings)
    assert frozenset(k for k in found if k is not None) == oracle.validate(case).keys(MAIN)


def test_enough_cases() -> None:
    assert len(ALL) >= 40
    assert sum(case.valid for case in ALL) >= 10
    assert sum(bool(case.differs) for case in ALL) * 10 <= len(ALL), "differences stay few"


def test_byte_exact_cases_are_as_generated() -> None:
    for name, content in binary_cases().items():
        assert (CASES / name / "data.csv").read_bytes() == content, name


def test_mapping_covers_every_data_rule() -> None:
    data_codes = {r.code for r in vars(data_rules).values() if isinstance(r, Rule)}
    assert set(SCOPES) | WARNINGS == data_codes
    assert set(TYPES.values()) | set(CONSTRAINTS.values()) == set(SCOPES)
