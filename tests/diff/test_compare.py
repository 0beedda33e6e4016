"""The semantic diff of two catalog snapshots, read from folders (no git needed): each change
kind, where it points, and datasets paired by id or, when the id changed, by file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govkit.catalog.tree import FileTree
from govkit.diff.compare import compare, pair_datasets
from govkit.diff.snapshot import read_side
from govkit.findings import Finding
from tests.git.catalog import CLEAN_CATALOG

BUDGET = "catalog/finance/budget.yaml"
PERMITS = "catalog/services/permits.yaml"
COMPLAINTS = "catalog/services/complaints.yaml"


def write_catalog(root: Path) -> Path:
    for relative, content in CLEAN_CATALOG.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, text: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    return write_catalog(tmp_path / "base"), write_catalog(tmp_path / "head")


def diff(base: Path, head: Path, renames: dict[str, str] | None = None) -> list[Finding]:
    head_side = read_side(FileTree(head), "head", "HEAD", None)
    base_side = read_side(FileTree(base), "base", "BASE", None, head_side.catalog.config)
    return compare(base_side, head_side, pair_datasets(base_side, head_side, renames or {}))


def found(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.dataset) for f in findings]


def test_identical_catalogs_have_no_changes(sides: tuple[Path, Path]) -> None:
    assert diff(*sides) == []


Edit = Callable[[Path], None]

METADATA: list[tuple[str, Edit, str, str]] = [
    (
        "GK514",
        lambda head: edit(head, BUDGET, "license: CC-BY-4.0", "license: CC0-1.0"),
        "licence of 'budget' changed from CC-BY-4.0 to CC0-1.0",
        "license:",
    ),
    (
        "GK515",
        lambda head: edit(head, BUDGET, "unit: finance", "unit: services"),
        "unit of 'budget' changed from finance to services",
        "unit:",
    ),
    (
        "GK516",
        lambda head: edit(head, BUDGET, "name: Sara Ahmadi", "name: Ali Rezaei"),
        "steward of 'budget' changed from Sara Ahmadi <s.ahmadi@example.org> to Ali Rezaei",
        "steward:",
    ),
    (
        "GK517",
        lambda head: edit(head, BUDGET, 'article: "10"', 'article: "5"'),
        "legal basis of 'budget' changed from ir-foi art. 10 to ir-foi art. 5",
        "legal_basis:",
    ),
    (
        "GK518",
        lambda head: edit(
            head,
            BUDGET,
            "approvals:",
            'exemptions: [{law: ir-foi, article: "14", fields: [programme]}]\napprovals:',
        ),
        "exemptions of 'budget' changed: ir-foi art. 14 added",
        "exemptions:",
    ),
]


@pytest.mark.parametrize(
    ("code", "change", "message", "line"), METADATA, ids=[m[0] for m in METADATA]
)
def test_metadata_changes_point_at_the_changed_key(
    sides: tuple[Path, Path], code: str, change: Edit, message: str, line: str
) -> None:
    base, head = sides
    change(head)

    (finding,) = diff(base, head)

    assert (finding.code, finding.dataset) == (code, "budget")
    assert finding.message.startswith(message)
    assert finding.location.path == BUDGET
    assert finding.location.line == line_of(head, BUDGET, line)


def test_levels_loosened_and_tightened_by_the_configured_order(sides: tuple[Path, Path]) -> None:
    base, head = sides
    edit(head, COMPLAINTS, "access_level: internal", "access_level: restricted-public")
    edit(head, BUDGET, "access_level: public", "access_level: confidential")

    changes = diff(base, head)

    assert found(changes) == [("GK505", "budget"), ("GK504", "complaints")]
    assert changes[1].message == (
        "access level of 'complaints' loosened from internal to restricted-public"
    )
    assert changes[1].location.line == line_of(head, COMPLAINTS, "access_level:")
    assert changes[1].location.column == 15


def test_added_removed_and_renamed_datasets(sides: tuple[Path, Path]) -> None:
    base, head = sides
    (head / BUDGET).unlink()
    edit(head, PERMITS, "id: permits", "id: building-permits")
    text = (head / COMPLAINTS).read_text(encoding="utf-8")
    (head / "catalog/services/roads.yaml").write_text(text.replace("complaints", "roads"))

    changes = diff(base, head)

    assert found(changes) == [
        ("GK502", "budget"),
        ("GK503", "building-permits"),
        ("GK501", "roads"),
    ]
    removed = changes[0]
    assert removed.message == (f"dataset 'budget' (public) removed; it was {BUDGET} at BASE")
    assert (removed.location.path, removed.location.line) == (BUDGET, 1)  # base side
    assert changes[1].message == "dataset id changed from 'permits' to 'building-permits'"


def test_a_moved_file_with_a_new_id_is_a_rename_when_git_says_so(
    sides: tuple[Path, Path],
) -> None:
    base, head = sides
    moved = "catalog/services/building-permits.yaml"
    (head / PERMITS).rename(head / moved)
    edit(head, moved, "id: permits", "id: building-permits")

    assert found(diff(base, head, {moved: PERMITS})) == [("GK503", "building-permits")]
    assert found(diff(base, head)) == [("GK501", "building-permits"), ("GK502", "permits")]


def test_resources_added_removed_and_made_more_or_less_public(sides: tuple[Path, Path]) -> None:
    base, head = sides
    edit(base, BUDGET, "    format: csv\n", "    format: csv\n    access_level: internal\n")
    extra = (
        "  - name: budget-1404\n    path: finance/budget/budget-1404.csv\n"
        "    schema: budget.schema.yaml\n    format: csv\n    access_level: confidential\n"
    )
    (head / BUDGET).write_text((head / BUDGET).read_text() + extra, encoding="utf-8")
    edit(base, PERMITS, "    format: csv\n", "    format: csv\n    access_level: internal\n")
    edit(head, PERMITS, "    format: csv\n", "    format: csv\n    access_level: confidential\n")
    edit(head, COMPLAINTS, "  - name: complaints-1405", "  - name: complaints-all")

    changes = diff(base, head)

    assert [(f.code, f.dataset, f.resource) for f in changes] == [
        ("GK508", "budget", "budget-1405"),
        ("GK506", "budget", "budget-1404"),
        ("GK506", "complaints", "complaints-all"),
        ("GK507", "complaints", "complaints-1405"),
        ("GK509", "permits", "permits-1405"),
    ]
    assert changes[0].message == "resource 'budget-1405' made more public: internal → public"
    assert "shown where it was at BASE" in changes[3].message


def test_a_changed_schema_is_reported_once_with_its_users(sides: tuple[Path, Path]) -> None:
    base, head = sides
    edit(
        head,
        "schemas/permits.schema.yaml",
        "    sensitivity: personal\n    redaction: drop\n",
        "",
    )
    edit(head, "schemas/budget.schema.yaml", "constraints: {minimum: 0}", "constraints: {}")
    edit(
        head,
        "schemas/budget.schema.yaml",
        "  - {name: approved",
        "  - {name: note}\n  - {name: approved",
    )

    changes = diff(base, head)

    assert [(f.code, f.location.path, f.field) for f in changes] == [
        ("GK511", "schemas/budget.schema.yaml", "note"),
        ("GK511", "schemas/budget.schema.yaml", "approved"),
        ("GK513", "schemas/permits.schema.yaml", "applicant_mobile"),
    ]
    assert changes[1].message == (
        "field 'approved' constraint minimum loosened: 0 → none (used by budget/budget-1405)"
    )
    assert changes[2].message == (
        "field 'applicant_mobile' sensitivity personal removed (now no tag) "
        "(used by permits/permits-1405)"
    )


def test_a_resource_that_names_another_schema_is_compared_with_the_old_one(
    sides: tuple[Path, Path],
) -> None:
    base, head = sides
    (head / "schemas/budget-v2.schema.yaml").write_text(
        "fields:\n  - {name: programme, type: string, constraints: {required: true}}\n"
        "primaryKey: [programme]\n",
        encoding="utf-8",
    )
    edit(head, BUDGET, "schema: budget.schema.yaml", "schema: budget-v2.schema.yaml")

    (change,) = diff(base, head)

    assert (change.code, change.dataset, change.resource) == ("GK510", "budget", "budget-1405")
    assert change.message.startswith(
        "resource 'budget-1405' now uses budget-v2.schema.yaml instead of budget.schema.yaml: "
        "field 'approved' removed"
    )
    assert change.location.path == "schemas/budget.schema.yaml"  # where it was, at base
