"""Evaluating packs over a catalog: findings, their locations and citations, rule errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import GovkitError
from govkit.policy.expressions import add_period
from tests.conftest import run_cli
from tests.policy.packs import enable, pack, rule, write

BUDGET = "catalog/finance/budget.yaml"
SCHEMA = "schemas/budget.schema.yaml"


def add_dataset(root: Path, dataset_id: str, *, drop: str = "", level: str = "public") -> None:
    """A second dataset like the base one, sharing its schema and data file."""
    text = (root / BUDGET).read_text(encoding="utf-8").replace("id: budget", f"id: {dataset_id}")
    text = text.replace("access_level: public", f"access_level: {level}")
    lines = [line for line in text.splitlines() if not (drop and line.startswith(drop))]
    write(root, f"catalog/finance/{dataset_id}.yaml", "\n".join(lines) + "\n")


def codes(root: Path, **options: object) -> list[tuple[str, str | None]]:
    report = api.check(root, **options)  # type: ignore[arg-type]
    return [(finding.code, finding.dataset) for finding in report.findings]


def test_a_rule_that_fails_on_one_dataset_is_a_finding_there_and_the_rest_go_on(
    catalog: Path,
) -> None:
    add_dataset(catalog, "grants", drop="license")
    add_dataset(catalog, "payments")
    unguarded = rule(assertion="dataset.license.startsWith('CC')", message="{{ dataset.id }}")
    other = rule("LC002", "always", assertion='"false"', message="{{ dataset.id }} checked")
    write(catalog, "policies/local.yaml", pack(unguarded, other))
    enable(catalog, "local")

    report = api.check(catalog)

    assert [(f.code, f.dataset) for f in report.findings] == [
        ("LC002", "budget"),
        ("GK401", "grants"),
        ("LC002", "grants"),
        ("LC002", "payments"),
    ]
    error = report.findings[1]
    assert error.severity.value == "error"
    assert error.location.path == "catalog/finance/grants.yaml"
    assert "policy rule LC001 needs-licence could not be evaluated here" in error.message
    assert "no key 'license'; guard optional keys with has()" in error.message
    assert "fix the rule in policies/local.yaml" in error.message


def test_a_finding_carries_code_citation_and_a_rendered_message(catalog: Path) -> None:
    write(
        catalog,
        BUDGET,
        (catalog / BUDGET).read_text(encoding="utf-8").replace("license: CC-BY-4.0\n", ""),
    )
    enable(catalog, "governance")

    report = api.check(catalog, select=["GV003"])

    (finding,) = report.findings
    record = finding.as_record()
    assert record["code"] == "GV003"
    assert record["name"] == "missing-licence"
    assert record["citation"] == {"law": "tsc-charter", "article": "4"}
    assert record["message"].startswith("'budget' is published without a licence")
    # `at: /license` is absent, so the finding points at the entry itself.
    assert (record["path"], record["line"], record["column"]) == (BUDGET, 1, 1)
    assert record["pointer"] == "/license"


def test_resource_rules_point_at_the_resource(catalog: Path) -> None:
    text = (
        (catalog / BUDGET)
        .read_text(encoding="utf-8")
        .replace("access_level: public", "access_level: confidential")
    )
    text += "    access_level: public\n"
    write(catalog, BUDGET, text)
    enable(catalog, "access-levels")

    report = api.check(catalog, select=["AL001"])

    (finding,) = report.findings
    assert (finding.dataset, finding.resource) == ("budget", "budget-1405")
    assert (finding.location.line, finding.location.pointer) == (15, "/resources/0/access_level")
    assert "a resource may only be stricter" in finding.message


def test_field_rules_point_at_the_field_in_its_table_schema_once_per_dataset(
    catalog: Path,
) -> None:
    schema = (
        (catalog / SCHEMA)
        .read_text(encoding="utf-8")
        .replace("{name: approved,", "{name: approved, sensitivity: personal,")
    )
    write(catalog, SCHEMA, schema)
    add_dataset(catalog, "payments")
    add_dataset(catalog, "archive", level="internal")
    enable(catalog, "ir-foi")

    report = api.check(catalog, select=["IR011"])

    assert [(f.dataset, f.resource, f.field) for f in report.findings] == [
        ("budget", "budget-1405", "approved"),
        ("payments", "budget-1405", "approved"),
    ]
    location = report.findings[0].location
    assert (location.path, location.line, location.column) == (SCHEMA, 3, 5)
    assert report.findings[0].citation is not None
    assert report.findings[0].citation.article == "14"


def test_select_and_ignore_take_pack_codes_prefixes_and_names(catalog: Path) -> None:
    add_dataset(catalog, "grants", drop="license")
    enable(catalog, "governance", "ir-foi")

    everything = codes(catalog)
    assert ("GV003", "grants") in everything
    assert ("GV005", "budget") in everything
    assert {code for code, _ in codes(catalog, select=["GV003"])} == {"GV003"}
    assert {code for code, _ in codes(catalog, select=["missing-licence"])} == {"GV003"}
    assert all(not code.startswith("GV") for code, _ in codes(catalog, ignore=["GV"]))
    with pytest.raises(GovkitError, match="unknown rule 'GV999'"):
        api.check(catalog, select=["GV999"])


def test_today_decides_what_is_stale(catalog: Path) -> None:
    text = (catalog / BUDGET).read_text(encoding="utf-8")
    write(catalog, BUDGET, text.replace("license:", "update_frequency: R/P1M\nlicense:"))
    enable(catalog, "freshness")

    assert codes(catalog, today=dt.date(2026, 11, 22)) == []
    assert codes(catalog, today=dt.date(2026, 11, 23)) == [("FR001", "budget")]


def test_check_on_the_command_line(catalog: Path) -> None:
    add_dataset(catalog, "grants", drop="license")
    enable(catalog, "governance")
    root = ["--root", str(catalog)]

    outcome = run_cli("check", *root, "--select", "GV003")

    assert outcome.exit_code == 1
    assert "catalog/finance/grants.yaml:1:1 GV003 error 'grants' is published without" in (
        outcome.stdout
    )
    assert "(grants, tsc-charter art. 4)" in outcome.stdout
    assert outcome.stderr == ""
    report = json.loads(run_cli("check", *root, "-f", "json", "--today", "2026-01-01").stdout)
    assert report["command"] == "check"
    assert run_cli("check", *root, "--select", "GV003", "--fail-on", "never").exit_code == 0
    assert run_cli("check", *root, "--today", "yesterday").exit_code == 2


@pytest.mark.parametrize(
    ("date", "period", "due"),
    [
        ("2025-01-31", "R/P1M", "2025-02-28"),
        ("2024-01-31", "R/P1M", "2024-02-29"),
        ("2025-03-20", "R/P1Y", "2026-03-20"),
        ("2025-03-20", "R/P3M", "2025-06-20"),
        ("2025-12-31", "R/P1W", "2026-01-07"),
        ("2025-12-31", "R/P1D", "2026-01-01"),
        ("2025-12-31", "R/PT6H", "2026-01-01"),
        ("2025-12-31", "P1Y2M10D", "2027-03-10"),
        ("2025-12-31", "irregular", None),
        ("2025-02-30", "R/P1M", None),
        ("9999-12-01", "R/P1M", None),
    ],
)
def test_add_period(date: str, period: str, due: str | None) -> None:
    assert add_period(date, period) == due
