"""Waivers: suppressed findings in every format, expiry, and the waivers file's refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import InputError
from govkit.findings import FailOn
from tests.conftest import run_cli
from tests.policy.packs import enable, write

BUDGET = "catalog/finance/budget.yaml"
TODAY = dt.date(2026, 12, 1)


def unlicensed(root: Path) -> None:
    """The base dataset without its licence and with a personal field: GV003 and IR011."""
    text = (root / BUDGET).read_text(encoding="utf-8").replace("license: CC-BY-4.0\n", "")
    write(root, BUDGET, text)
    schema = root / "schemas/budget.schema.yaml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("{name: approved,", "{name: approved, sensitivity: personal,"))
    enable(root, "governance", "ir-foi")


def waiver(
    rule: str, target: str, approved: str = "2026-11-24", expires: str = "2027-01-20"
) -> str:
    return f"""\
  - id: waiver-{rule.lower()}
    rule: {rule}
    target: {target}
    reason: {{en: Being fixed.}}
    approver: Transparency committee
    reference: "1405/041"
    approved: {approved}
    expires: {expires}
"""


def waive(root: Path, *entries: str) -> None:
    write(root, "policies/waivers.yaml", "waivers:\n" + "".join(entries))


def test_waived_findings_stay_reported_as_suppressed(catalog: Path) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("missing-licence", "{dataset: budget}"))

    report = api.check(catalog, select=["GV003", "IR011"], today=TODAY)

    by_code = {f.code: f for f in report.findings}
    assert by_code["GV003"].suppressed_by == "waiver-missing-licence"
    assert by_code["IR011"].suppressed_by is None
    assert report.summary() == {"error": 1, "warning": 0, "info": 0, "suppressed": 1}


def test_suppressed_in_json_and_sarif_and_text(catalog: Path) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("GV003", "{dataset: budget}"), waiver("IR011", "{dataset: budget}"))
    root = ["--root", str(catalog), "--today", "2026-12-01", "--select", "GV003,IR011"]

    outcome = run_cli("check", *root, "-f", "json")
    assert outcome.exit_code == 0  # every error is waived
    report = json.loads(outcome.stdout)
    assert report["summary"]["suppressed"] == 2
    assert {f["code"]: f["suppressed_by"] for f in report["findings"]} == {
        "GV003": "waiver-gv003",
        "IR011": "waiver-ir011",
    }

    sarif = json.loads(run_cli("check", *root, "-f", "sarif").stdout)
    suppressions = [r["suppressions"] for r in sarif["runs"][0]["results"]]
    assert {s[0]["justification"] for s in suppressions} == {
        "waived by waiver-gv003",
        "waived by waiver-ir011",
    }
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert (
        rules["IR011"]["shortDescription"]["text"] == "Personal field published without redaction"
    )
    assert "Art. 14, Privacy" in rules["IR011"]["fullDescription"]["text"]

    assert "(suppressed by waiver-gv003)" in run_cli("check", *root).stdout


@pytest.mark.parametrize(
    ("target", "waived"),
    [
        ("{dataset: budget}", True),
        ("{dataset: budget, resource: budget-1405}", True),
        ("{dataset: budget, resource: budget-1405, field: approved}", True),
        ("{dataset: budget, resource: budget-1405, field: programme}", False),
        ("{dataset: budget, resource: other}", False),
        ("{dataset: other}", False),
    ],
)
def test_a_waiver_covers_its_target_only(catalog: Path, target: str, waived: bool) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("IR011", target))

    (finding,) = api.check(catalog, select=["IR011"], today=TODAY).findings

    assert (finding.suppressed_by is not None) is waived


def test_an_expired_waiver_suppresses_nothing_and_is_an_error(catalog: Path) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("GV003", "{dataset: budget}", "2026-06-03", "2026-11-30"))

    report = api.check(catalog, select=["GV003", "GK402"], today=TODAY)

    expired = next(f for f in report.findings if f.code == "GK402")
    assert (expired.location.path, expired.location.line, expired.location.column) == (
        "policies/waivers.yaml",
        9,
        14,
    )
    assert "waiver 'waiver-gv003' of GV003 on budget expired on 2026-11-30" in expired.message
    assert all(f.suppressed_by is None for f in report.findings)
    assert report.failed(FailOn.ERROR)
    # On its last day a waiver still holds.
    last_day = api.check(catalog, select=["GV003", "GK402"], today=dt.date(2026, 11, 30))
    assert [(f.code, f.suppressed_by) for f in last_day.findings] == [("GV003", "waiver-gv003")]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            waiver("GV003", "{dataset: budget}", "2026-11-24", "2026-11-01"),
            "policies/waivers.yaml:9:14: waiver 'waiver-gv003' expires before it was approved",
        ),
        (
            waiver("GV003", "{dataset: budget}").replace("    expires: 2027-01-20\n", ""),
            "policies/waivers.yaml:2:5: '/waivers/0' is missing the required key 'expires'",
        ),
        (
            waiver("GV003", "{dataset: budget}", "2026-01-01", "2026-06-30"),
            "policies/waivers.yaml:9:14: waiver 'waiver-gv003' runs 180 days",
        ),
        (
            waiver("GV003", "{dataset: budget}", "2026-01-01", "2026-07-01"),
            "policies/waivers.yaml:9:14: waiver 'waiver-gv003' runs 181 days; a waiver may run "
            "at most 180 days after approval (here until 2026-06-30)",
        ),
        (
            waiver("FR001", "{dataset: budget}"),
            "policies/waivers.yaml:3:11: waiver 'waiver-fr001' names rule 'FR001', which no "
            "enabled pack or govkit rule has",
        ),
        (
            waiver("GV003", "{dataset: budget}") + waiver("GV003", "{dataset: budget}"),
            "policies/waivers.yaml:10:9: waiver id 'waiver-gv003' is used twice",
        ),
    ],
)
def test_malformed_waivers_are_unusable_input(catalog: Path, entry: str, problem: str) -> None:
    unlicensed(catalog)
    waive(catalog, entry)

    if "runs 180 days" in problem:  # exactly 180 days is allowed
        api.check(catalog, today=TODAY)
        return
    with pytest.raises(InputError) as caught:
        api.check(catalog, today=TODAY)
    assert str(caught.value).startswith(problem)


def test_a_waiver_may_name_a_govkit_rule(catalog: Path) -> None:
    text = (catalog / BUDGET).read_text(encoding="utf-8").replace("unit: finance", "unit: roads")
    write(catalog, BUDGET, text)
    waive(catalog, waiver("unknown-unit", "{dataset: budget}"))

    (finding,) = api.check(catalog, today=TODAY).findings

    assert (finding.code, finding.suppressed_by) == ("GK102", "waiver-unknown-unit")


def test_a_waiver_approved_after_today_suppresses_nothing_and_is_an_error(catalog: Path) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("GV003", "{dataset: budget}", "9999-01-01", "9999-06-01"))

    report = api.check(catalog, select=["GV003", "GK403"], today=TODAY)

    assert [(f.code, f.suppressed_by) for f in report.findings] == [
        ("GV003", None),
        ("GK403", None),
    ]
    future = report.findings[1]
    assert (future.location.path, future.location.line, future.location.column) == (
        "policies/waivers.yaml",
        8,
        15,
    )
    assert "waiver 'waiver-gv003' of GV003 on budget is approved on 9999-01-01" in future.message
    assert report.failed(FailOn.ERROR)
    # Approved today, it holds today.
    same_day = waiver("GV003", "{dataset: budget}", "2026-12-01", "2027-01-20")
    waive(catalog, same_day)
    held = api.check(catalog, select=["GV003", "GK403"], today=TODAY)
    assert [(f.code, f.suppressed_by) for f in held.findings] == [("GV003", "waiver-gv003")]


def test_a_future_waiver_fails_the_command_line_check(catalog: Path) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("GV003", "{dataset: budget}", "9999-01-01", "9999-06-01"))

    outcome = run_cli("check", "--root", str(catalog), "--today", "2026-12-01")

    assert outcome.exit_code == 1
    assert "policies/waivers.yaml:8:15" in outcome.stdout
    assert "GK403" in outcome.stdout
