"""The differential cases: one folder each under cases/, described by its case.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.differential.mapping import Key

CASES = Path(__file__).parent / "cases"
MAIN = "data"
"""The name of the resource every case is about (data.csv with schema.json)."""


@dataclass(frozen=True)
class ResourceSpec:
    """One resource of a case, with how both tools must read it."""

    name: str
    path: str
    schema: Mapping[str, Any]
    format: str = "csv"
    encoding: str = "utf-8"
    """Always declared to both tools: the Data Package default, never guessed."""
    dialect: Mapping[str, Any] = field(default_factory=dict)
    typed: bool = False
    """For Parquet and JSON lines built from the CSV: typed columns, not text."""
    bytes: int | None = None
    hash: str | None = None


@dataclass(frozen=True)
class Case:
    """One case folder: what it covers, its resources and what is expected of govkit."""

    name: str
    folder: Path
    covers: str
    valid: bool
    resources: tuple[ResourceSpec, ...]
    differs: str | None = None
    """Why govkit deliberately reports otherwise than frictionless; then `expected` rules."""
    expected: frozenset[Key] | None = None
    """govkit's comparable findings for the main resource; required when `differs`."""
    also_expected: frozenset[Key] = frozenset()
    """Raw govkit (row, field, code) issues that must be listed, beyond the comparison."""
    govkit_bug: str | None = None
    """A known govkit bug this case shows: the test is a strict xfail until it is fixed."""
    max_listed: int | None = None
    """A listing cap below the case's number of failures, to test that totals still count all."""

    @property
    def main(self) -> ResourceSpec:
        return self.resources[0]

    def __str__(self) -> str:
        return self.name


def load_case(folder: Path) -> Case:
    meta = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
    resource = dict(meta.get("resource") or {})
    main = _resource(folder, MAIN, "data.csv", "schema.json", resource)
    others = [
        _resource(folder, str(o["name"]), str(o["path"]), str(o["schema"]), o)
        for o in meta.get("package") or []
    ]
    expected = meta.get("expected")
    case = Case(
        name=folder.name,
        folder=folder,
        covers=str(meta["covers"]),
        valid=bool(meta["valid"]),
        resources=(main, *others),
        differs=meta.get("differs"),
        expected=None if expected is None else _keys(expected),
        also_expected=_keys(meta.get("also_expected") or []),
        govkit_bug=meta.get("govkit_bug"),
        max_listed=meta.get("max_listed"),
    )
    if case.differs and case.expected is None:
        raise ValueError(f"{folder.name}: a case that differs must list govkit's `expected`")
    return case


def all_cases() -> list[Case]:
    return [load_case(folder) for folder in sorted(CASES.iterdir()) if folder.is_dir()]


def _resource(
    folder: Path, name: str, path: str, schema: str, options: Mapping[str, Any]
) -> ResourceSpec:
    descriptor = yaml.safe_load((folder / schema).read_text("utf-8"))
    return ResourceSpec(
        name=name,
        path=path,
        schema=descriptor,
        format=str(options.get("format", "csv")),
        encoding=str(options.get("encoding", "utf-8")),
        dialect=dict(options.get("dialect") or {}),
        typed=bool(options.get("typed", False)),
        bytes=options.get("bytes"),
        hash=options.get("hash"),
    )


def _keys(triples: list[list[Any]]) -> frozenset[Key]:
    return frozenset(Key(row, field, str(code)) for row, field, code in triples)
