"""Ways a release could get what it must not hold, each closed: a misspelt exemption, one
data file under two entries, names listed as missing values, a destination outside the
catalog named in govkit.yaml."""

from __future__ import annotations

import csv as csv_module
import hashlib
import hmac
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from govkit import api, frictionless_safe
from govkit.catalog.datafiles import entries_naming
from govkit.catalog.loader import load_catalog
from govkit.catalog.scope import Subset
from govkit.catalog.tree import FileTree
from govkit.export.build import ExportResult
from govkit.findings import Finding
from tests.conftest import run_cli
from tests.export.builders import (
    ENVIRON,
    HASH_KEY,
    csv,
    dataset,
    dump,
    resource,
    small_catalog,
    write_catalog,
)
from tests.export.conftest import TODAY, commit_all

GRANTS = "catalog/finance/grants.yaml"
LEAK = "catalog/finance/leak.yaml"


def export(root: Path, **options: Any) -> ExportResult:
    return api.export(
        root, out=root.parent / "out", allow_dirty=True, environ=ENVIRON, today=TODAY, **options
    )


def released_bytes(out: Path) -> bytes:
    """Every byte of the release, zips decompressed."""
    pieces = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        pieces.append(path.read_bytes())
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                pieces += [archive.read(name) for name in archive.namelist()]
    return b"".join(pieces)


def where(finding: Finding) -> str:
    return f"{finding.location.path}:{finding.location.line}:{finding.location.column}"


def of(result: ExportResult, code: str) -> list[Finding]:
    return [f for f in result.report.findings if f.code == code]


# -- an exemption that names no field or resource -------------------------------------------


def exempt(root: Path, exemption: str) -> None:
    path = root / GRANTS
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"exemptions:\n- {exemption}\n", encoding="utf-8")


def test_an_exemption_naming_a_misspelt_field_refuses_the_release(small: Path) -> None:
    exempt(small, "{law: ir-foi, article: '14', fields: [Amount]}")

    result = export(small)

    assert result.refused
    assert not (small.parent / "out").exists()
    (finding,) = of(result, "GK120")
    assert where(finding) == f"{GRANTS}:25:41"
    assert "did you mean 'amount'?" in finding.message


def test_a_forced_release_withholds_the_field_a_misspelt_exemption_meant(small: Path) -> None:
    exempt(small, "{law: ir-foi, article: '14', fields: [Amount]}")

    result = export(small, force_reason="the exemption is being corrected")

    assert result.written
    withheld = {(f.resource, f.field) for f in of(result, "GK604")}
    assert ("grants-1403", "amount") in withheld
    header = (small.parent / "out/datasets/grants/data/grants-1403.csv").read_text().split("\n")[0]
    assert "amount" not in header.split(",")


def test_an_exemption_naming_no_resource_of_its_dataset_refuses_the_release(small: Path) -> None:
    exempt(small, "{law: ir-foi, article: '14', resources: [grants-1430]}")

    result = export(small)

    assert result.refused
    (finding,) = of(result, "GK121")
    assert where(finding) == f"{GRANTS}:25:44"
    assert "did you mean 'grants-1403'?" in finding.message


def test_check_reports_a_misspelt_exemption(small: Path) -> None:
    exempt(small, "{law: ir-foi, article: '14', fields: [Amount]}")

    outcome = run_cli("check", "--root", str(small), "--today", TODAY.isoformat())

    assert outcome.exit_code == 1
    assert f"{GRANTS}:25:41" in outcome.stdout
    assert "GK120" in outcome.stdout


# -- one data file, two entries ---------------------------------------------------------------


def leak(root: Path, path: str = "finance/staff/staff-1403.csv", level: str = "public") -> None:
    """A public dataset whose resource is the confidential `staff` dataset's file, with a new
    schema that has no sensitivity tags."""
    described = resource("leak", "leak-1403")
    described["path"] = path
    (root / LEAK).write_text(dump(dataset("leak", level, [described])), encoding="utf-8")
    schema = {"fields": [{"name": "staff_name", "type": "string"}]}
    (root / "schemas/leak-1403.schema.yaml").write_text(dump(schema), encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "finance/staff/staff-1403.csv",
        "./finance/staff/staff-1403.csv",
        "finance//staff/./staff-1403.csv",
    ],
)
def test_a_file_withheld_under_one_entry_is_not_released_under_another(
    small: Path, path: str
) -> None:
    leak(small, path)

    refused = export(small)

    assert refused.refused
    assert not (small.parent / "out").exists()
    (finding,) = of(refused, "GK620")
    assert where(finding) == f"{LEAK}:21:9"
    assert (finding.dataset, finding.resource) == ("leak", "leak-1403")
    assert "also the file of 'staff/staff-1403', which is withheld at 'public'" in finding.message
    forced = export(small, force_reason="checking what a forced release holds")
    assert forced.written
    assert b"STAFF-NAME-SECRET" not in released_bytes(small.parent / "out")
    assert ("leak", "leak-1403") not in {(f.dataset, f.resource) for f in of(forced, "GK601")}


def test_a_file_released_under_two_entries_at_one_level_is_fine(small: Path) -> None:
    leak(small, level="confidential")

    result = export(small, level="confidential")

    assert not result.refused
    assert not of(result, "GK620")
    assert {("staff", "staff-1403"), ("leak", "leak-1403")} <= {
        (f.dataset, f.resource) for f in of(result, "GK601")
    }


def test_case_makes_another_file(small: Path) -> None:
    staff = small / "catalog/finance/staff/staff-1403.csv"
    (staff.parent / "Staff-1403.csv").write_text("staff_name\nPUBLIC-NAME\n", encoding="utf-8")
    leak(small, "finance/staff/Staff-1403.csv")

    result = export(small)

    assert not of(result, "GK620")
    # Refused only because the other file's untagged `staff_name` names a person.
    errors = {f.code for f in result.report.findings if f.severity.value == "error"}
    assert errors == {"GK301"}


def test_the_entries_a_change_gate_must_read_with_a_changed_one(small: Path) -> None:
    leak(small, "./finance//staff/staff-1403.csv")
    changed, _ = load_catalog(Subset(FileTree(small), frozenset({LEAK})))

    assert entries_naming(FileTree(small), changed) == {LEAK, "catalog/finance/staff.yaml"}


def test_lint_reports_a_public_entry_pointing_at_a_confidential_file(small: Path) -> None:
    leak(small)

    (finding,) = [f for f in api.lint(small).findings if f.code == "GK122"]

    assert where(finding) == f"{LEAK}:21:9"


def test_ci_refuses_a_change_that_points_a_public_entry_at_a_confidential_file(
    small: Path,
) -> None:
    commit_all(small)
    leak(small)
    commit_all(small, "add a public view of the staff register")

    outcome = run_cli("ci", "--root", str(small), "--base", "HEAD~1", "--today", "2026-11-23")

    assert outcome.exit_code == 1, outcome.stdout
    assert f"{LEAK}:21:9" in outcome.stdout
    assert "GK122" in outcome.stdout


# -- names and numbers listed as missing values -------------------------------------------

SECRETS = ("Ali Rezaei", "09121112233", "1234567891")
PAYEES = [
    {"name": "payee", "type": "string", "sensitivity": "personal", "redaction": "mask"},
    {"name": "mobile", "type": "string", "sensitivity": "personal", "redaction": "hash"},
    {
        "name": "national_id",
        "type": "string",
        "sensitivity": "personal",
        "redaction": "drop",
        "missingValues": ["", "1234567891"],
    },
    {"name": "amount", "type": "integer"},
    {"name": "note", "type": "string", "missingValues": ["", "n/a", "Zahra Moradi"]},
]
PAYEE_ROWS = [
    ["Ali Rezaei", "09121112233", "1234567891", "100", "paid"],
    ["Maryam Karimi", "09351234567", "1583250689", "-", "n/a"],
    ["-", "", "", "Ali Rezaei", "Zahra Moradi"],
    ["", "-", "-", "", ""],
]


def payees(root: Path) -> Path:
    """A public dataset whose schema lists real names and numbers as missing values."""
    schema = {"fields": PAYEES, "missingValues": ["", "-", "Ali Rezaei", "09121112233"]}
    write_catalog(
        root,
        [dataset("payments", "public", [resource("payments", "payees")])],
        {"payees": schema},
        {"payees": csv([f["name"] for f in PAYEES], PAYEE_ROWS)},
    )
    # As JSON (which is YAML), so that a number with a leading 0 stays a string.
    schema_file = root / "schemas/payees.schema.yaml"
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=1), encoding="utf-8")
    return root


def test_values_listed_as_missing_are_redacted_and_never_released(tmp_path: Path) -> None:
    root = payees(tmp_path / "city")

    result = export(root)

    assert result.written, [f.message for f in result.report.findings]
    everything = released_bytes(root.parent / "out")
    assert [secret for secret in SECRETS if secret.encode() in everything] == []


def test_a_masked_or_hashed_field_redacts_every_non_empty_cell(tmp_path: Path) -> None:
    root = payees(tmp_path / "city")

    export(root)

    released = table(root.parent / "out")
    assert [row["payee"] for row in released] == ["***", "***", "***", ""]
    assert released[1]["mobile"] == keyed_hash("09351234567")
    assert [row["mobile"] for row in released][2:] == ["", keyed_hash("-")]
    assert "national_id" not in released[0]


def test_kept_fields_write_withheld_missing_values_empty(tmp_path: Path) -> None:
    root = payees(tmp_path / "city")

    export(root)

    released = table(root.parent / "out")
    assert [row["amount"] for row in released] == ["100", "-", "", ""]
    # A kept field's own list is about its own cells, which are published anyway.
    assert [row["note"] for row in released] == ["paid", "n/a", "Zahra Moradi", ""]


def test_the_released_schema_lists_only_tokens_as_missing(tmp_path: Path) -> None:
    root = payees(tmp_path / "city")

    export(root)

    package = json.loads((root.parent / "out/datasets/payments/datapackage.json").read_text())
    schema = package["resources"][0]["schema"]
    assert schema["missingValues"] == ["", "-"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["note"]["missingValues"] == ["", "n/a", "Zahra Moradi"]
    assert "missingValues" not in fields["payee"]
    report = frictionless_safe.load().validate(str(root.parent / "out/datasets/payments"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_a_schema_without_redacted_fields_keeps_its_missing_values(small: Path) -> None:
    export(small, level="internal")

    package = json.loads((small.parent / "out/datasets/budget/datapackage.json").read_text())
    assert "missingValues" not in package["resources"][0]["schema"]
    grants = json.loads((small.parent / "out/datasets/grants/datapackage.json").read_text())
    assert grants["resources"][0]["schema"]["missingValues"] == ["", "-"]


def table(out: Path) -> list[dict[str, str]]:
    text = (out / "datasets/payments/data/payees.csv").read_text(encoding="utf-8")
    return list(csv_module.DictReader(io.StringIO(text)))


def keyed_hash(value: str) -> str:
    return hmac.new(HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


# -- export.out in govkit.yaml stays inside the catalog -------------------------------------


@pytest.fixture(autouse=True)
def _release_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENVIRON.items():
        monkeypatch.setenv(name, value)


def outside_release(tmp_path: Path) -> Path:
    """A folder beside the catalog that an earlier export wrote (so it may be replaced)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "manifest.json").write_text('{"govkit": "1.0"}\n', encoding="utf-8")
    (folder / "keep.txt").write_text("another team's release\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("../elsewhere", "contains '..'"),
        ("dist/../../elsewhere", "contains '..'"),
        ("{tmp}/elsewhere", "is absolute"),
        ("~/elsewhere", "starts with '~'"),
        (".", "is the catalog root"),
        ("./", "is the catalog root"),
        ("catalog/release", "is inside catalog/"),
        ("schemas", "is inside schemas/"),
        ("policies/out", "is inside policies/"),
        (".git/out", "is inside .git/"),
    ],
)
def test_export_out_in_govkit_yaml_must_stay_inside_the_root(
    tmp_path: Path, out: str, reason: str
) -> None:
    elsewhere = outside_release(tmp_path)
    root = small_catalog(tmp_path / "city", out=out.format(tmp=tmp_path))
    before = sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir())

    outcome = run_cli("export", "--root", str(root), "--allow-dirty")

    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert f"govkit.yaml:12:8: export.out '{out.format(tmp=tmp_path)}' {reason}" in outcome.stderr
    assert "give --out DIR on the command line" in outcome.stderr
    assert sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir()) == before
    (finding,) = [f for f in api.lint(root).findings if f.code == "GK124"]
    assert where(finding) == "govkit.yaml:12:8"


def test_export_out_through_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    elsewhere = outside_release(tmp_path)
    root = small_catalog(tmp_path / "city", out="dist/public")
    (root / "dist").symlink_to(elsewhere.parent)

    outcome = run_cli("export", "--root", str(root), "--allow-dirty")

    assert outcome.exit_code == 2
    assert "govkit.yaml:12:8: export.out 'dist/public' goes through a symbolic link" in (
        outcome.stderr
    )
    assert not (tmp_path / "public").exists()
    assert [f.code for f in api.lint(root).findings] == ["GK124"]


def test_out_on_the_command_line_may_point_anywhere(tmp_path: Path) -> None:
    elsewhere = outside_release(tmp_path)
    root = small_catalog(tmp_path / "city")

    outcome = run_cli("export", "--root", str(root), "--allow-dirty", "--out", str(elsewhere))

    assert outcome.exit_code == 0, outcome.stderr
    assert (elsewhere / "datasets/grants/datapackage.json").is_file()
    assert not (elsewhere / "keep.txt").exists()


def test_the_default_and_a_folder_inside_the_root_are_fine(tmp_path: Path) -> None:
    root = small_catalog(tmp_path / "city", out="releases/./public")

    outcome = run_cli("export", "--root", str(root), "--allow-dirty")

    assert outcome.exit_code == 0, outcome.stderr
    assert (root / "releases/public/manifest.json").is_file()


def test_ci_reports_a_misspelt_exemption_in_a_merge_request(small: Path) -> None:
    commit_all(small)
    exempt(small, "{law: ir-foi, article: '14', fields: [Amount]}")
    commit_all(small, "withhold the amounts")

    outcome = run_cli("ci", "--root", str(small), "--base", "HEAD~1", "--today", "2026-11-23")

    assert outcome.exit_code == 1, outcome.stdout
    assert f"{GRANTS}:25:41" in outcome.stdout
    assert "did you mean 'amount'?" in outcome.stdout


def test_ci_reports_an_export_out_outside_the_root(small: Path) -> None:
    commit_all(small)
    config = small / "govkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "export: {out: ../public}\n")
    commit_all(small, "release next to the catalog")

    outcome = run_cli("ci", "--root", str(small), "--base", "HEAD~1", "--today", "2026-11-23")

    assert outcome.exit_code == 1, outcome.stdout
    assert "govkit.yaml:11:15 GK124 error" in outcome.stdout
