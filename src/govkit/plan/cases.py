"""Pass and fail cases of obligation items, as `govkit policy test` runs a pack's rules.

For each item, a one-entry catalog is built in memory and loaded by the real loader: the
*pass* case publishes an entry that meets the item (at its target level, with one field of
each required column, an open format and licence, updated yesterday, assessed); each *fail*
case breaks one thing and names the rule that must fire about that item. So every item's
columns, period and flags are exercised by the rules that judge catalogs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from govkit.catalog.loader import load_catalog
from govkit.catalog.tree import Kind, check_size
from govkit.findings import Finding
from govkit.plan.models import Binding, Obligation
from govkit.plan.packs import LoadedPack
from govkit.plan.rules import GAPS, LINT
from govkit.plan.stage import _findings, facts_of

TODAY = dt.date(2026, 6, 1)


@dataclass(frozen=True)
class Case:
    name: str
    expected: str | None  # the code that must fire about the item; None: nothing may
    dataset: dict[str, Any] | None
    fields: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    item: str
    case: Case
    findings: tuple[Finding, ...]

    @property
    def problem(self) -> str | None:
        about = [f for f in self.findings if _about(f, self.item)]
        codes = sorted({f.code for f in about})
        if self.case.expected is None:
            return f"expected no finding, got {', '.join(codes)}" if about else None
        if self.case.expected not in codes:
            return f"expected {self.case.expected}, got {', '.join(codes) or 'nothing'}"
        return None


def item_cases(item: Obligation) -> Iterator[Case]:
    """The pass case, then one fail case per thing the item asks for."""
    fields = [{"name": (column.names or [column.concept])[0], "type": "string"}
              for column in item.columns]  # fmt: skip
    meets = _entry(item)
    yield Case("meets it", None, meets, fields)
    unfulfilled = "GK702" if item.binding is Binding.must else "GK703"
    yield Case("no entry fulfils it", unfulfilled, None)
    if item.columns:
        yield Case(f"no '{item.columns[0].concept}' column", "GK705", meets, fields[1:])
    if item.period:
        stale = {**meets, "last_updated": "2000-01-01"}
        yield Case("not updated since 2000", "GK707", stale, fields)
    withheld = {**meets, "access_level": "confidential", "exemptions": [
        {"law": "ir-foi", "article": "14", "reason": {"en": "Private."}}]}  # fmt: skip
    yield Case("withheld at confidential", "GK704", withheld, fields)
    if item.openness.open_licence:
        yield Case("no licence", "GK706", {k: v for k, v in meets.items() if k != "license"},
                   fields)  # fmt: skip
    if item.rent_generating:
        unassessed = {k: v for k, v in meets.items() if k != "priority"}
        yield Case("priority not assessed", "GK708", unassessed, fields)


def run_item_cases(pack: LoadedPack) -> list[Outcome]:
    outcomes = []
    for item in pack.model.items:
        for case in item_cases(item):
            outcomes.append(Outcome(item.id, case, tuple(_judged(pack, case))))
    return outcomes


def _entry(item: Obligation) -> dict[str, Any]:
    return {
        "id": "sample", "title": {"en": "Sample"}, "description": {"en": "A sample."},
        "unit": "finance", "steward": {"name": "Steward", "email": "steward@example.org"},
        "access_level": item.target_level, "fulfils": [item.id],
        "legal_basis": {"law": "ir-foi", "article": "10"},
        "priority": {"rent_generating": item.rent_generating, "oversight": "high"},
        "update_frequency": "R/P1M", "last_updated": (TODAY - dt.timedelta(days=1)).isoformat(),
        "license": "CC-BY-4.0",
        "resources": [{"name": "sample", "path": "finance/sample.csv",
                       "schema": "sample.schema.json", "format": "csv"}],
    }  # fmt: skip


def _judged(pack: LoadedPack, case: Case) -> list[Finding]:
    files = {
        "govkit.yaml": {"govkit": 1, "organisation": {"name": {"en": "Sample"}},
                        "languages": ["en"], "obligations": [pack.id]},
        "catalog/units.yaml": {"units": [{"id": "finance", "name": {"en": "Finance"}}]},
        "schemas/sample.schema.json": {"fields": case.fields or [{"name": "other"}]},
    }  # fmt: skip
    if case.dataset is not None:
        files["catalog/finance/sample.yaml"] = case.dataset
    tree = _MemoryTree({path: json.dumps(content).encode() for path, content in files.items()},
                       pack)  # fmt: skip
    catalog, loaded = load_catalog(tree)
    if loaded:
        return loaded  # a case that is not catalog data proves nothing: shown as its finding
    return _findings(facts_of(catalog, TODAY), (*LINT, *GAPS))


def _about(finding: Finding, item_id: str) -> bool:
    return finding.obligation == item_id or f"'{item_id}'" in finding.message


class _MemoryTree:
    """A catalog held in memory; `obligations/` serves the pack under test, so a catalog's
    own pack is tested exactly as a built-in one."""

    def __init__(self, files: dict[str, bytes], pack: LoadedPack) -> None:
        self.contents = dict(files)
        self.contents[f"obligations/{pack.id}.yaml"] = json.dumps(pack.document.data).encode()

    @property
    def label(self) -> str:
        return "<cases>"

    def kind(self, relative: str) -> Kind:
        if relative in self.contents:
            return Kind.FILE
        below = relative.rstrip("/") + "/"
        return Kind.DIRECTORY if any(p.startswith(below) for p in self.contents) else Kind.MISSING

    def read(self, relative: str, limit: int | None = None) -> bytes:
        if relative not in self.contents:
            raise FileNotFoundError(2, "no such file", relative)
        check_size(len(self.contents[relative]), limit)
        return self.contents[relative]

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        below = folder.rstrip("/") + "/"
        return sorted(p for p in self.contents if p.startswith(below) and p.endswith(suffixes))
