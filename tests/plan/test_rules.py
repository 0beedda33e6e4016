"""The gaps as rules: found by lint, check and explain; waivable like every finding."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.plan.conftest import edit

BUDGET = "catalog/finance/budget.yaml"


def findings(root: Path, command: str = "check") -> list[dict[str, object]]:
    outcome = run_cli(command, "--root", str(root), "--today", "2026-11-28", "-f", "json")
    records: list[dict[str, object]] = json.loads(outcome.stdout)["findings"]
    return [r for r in records if str(r["code"]).startswith("GK7")]


def test_check_reports_an_unfulfilled_recommendation_at_the_pack(planned: Path) -> None:
    found = findings(planned)
    assert [(f["code"], f["path"], f["line"], f["obligation"]) for f in found] == [
        ("GK703", "govkit.yaml", 5, "local-leases")
    ]


def test_an_unknown_obligation_is_a_lint_finding_with_a_suggestion(planned: Path) -> None:
    edit(planned / BUDGET, "fulfils: [local-budget]", "fulfils: [local-budgte]")
    outcome = run_cli("lint", "--root", str(planned))
    assert outcome.exit_code == 1
    assert (
        f"{BUDGET}:7:11 GK701 error 'local-budgte' is no item of the enabled obligation "
        "packs; did you mean 'local-budget'?"
    ) in outcome.stdout


def test_removing_the_fulfils_leaves_a_duty_unfulfilled(planned: Path) -> None:
    edit(planned / BUDGET, "fulfils: [local-budget]\n", "")
    assert ("GK702", "local-budget") in {(f["code"], f["obligation"]) for f in findings(planned)}
    assert run_cli("check", "--root", str(planned)).exit_code == 1


def test_a_missing_required_column_is_an_error(planned: Path) -> None:
    edit(planned / "schemas/budget.schema.yaml", "  - {name: approved,", "  - {name: allotted,")
    found = findings(planned)
    assert [(f["code"], f["severity"], f["line"]) for f in found if f["code"] == "GK705"] == [
        ("GK705", "error", 7)
    ]
    assert "lack approved" in str(next(f["message"] for f in found if f["code"] == "GK705"))


def test_overdue_and_withheld_are_warnings(planned: Path) -> None:
    edit(planned / BUDGET, "last_updated: 2026-10-22", "last_updated: 2025-01-10")
    found = {(f["code"], f["severity"]) for f in findings(planned)}
    assert ("GK707", "warning") in found


def test_a_plan_past_its_date_and_one_without_a_date(planned: Path) -> None:
    edit(planned / BUDGET, "access_level: public\n",
         "access_level: public\nstatus: planned\ntarget_date: 1405/08/01\n")  # fmt: skip
    codes = [f["code"] for f in findings(planned)]
    assert "GK709" in codes  # 1405/08/01 is 2026-10-23, before 2026-11-28
    edit(planned / BUDGET, "target_date: 1405/08/01\n", "")
    outcome = run_cli("lint", "--root", str(planned))
    assert "GK710 error 'budget' is planned but has no target_date" in outcome.stdout


def test_a_rent_generating_item_wants_an_assessed_priority(planned: Path) -> None:
    edit(planned / BUDGET, "fulfils: [local-budget]", "fulfils: [local-budget, local-leases]")
    found = findings(planned)
    assert [f["code"] for f in found] == ["GK708"]
    edit(planned / BUDGET, "license:", "priority: {rent_generating: true}\nlicense:")
    assert findings(planned) == []


def test_a_waiver_names_an_obligation_item(planned: Path) -> None:
    (planned / "policies").mkdir()
    (planned / "policies/waivers.yaml").write_text(
        """\
waivers:
  - id: leases-next-year
    rule: GK703
    target: {obligation: local-leases}
    reason: {en: The leases register is rebuilt this year.}
    approver: Transparency committee
    reference: "1405/090"
    approved: 2026-11-01
    expires: 2027-03-01
""",
        encoding="utf-8",
    )
    assert [f["suppressed_by"] for f in findings(planned)] == ["leases-next-year"]
    assert run_cli("check", "--root", str(planned), "--fail-on", "warning").exit_code == 0


def test_a_waiver_names_a_dataset_or_an_obligation(planned: Path) -> None:
    (planned / "policies").mkdir()
    (planned / "policies/waivers.yaml").write_text(
        "waivers:\n  - id: both\n    rule: GK703\n    target: {dataset: budget, obligation: x}\n"
        "    reason: {en: r}\n    approver: a\n    reference: r\n    approved: 2026-11-01\n"
        "    expires: 2027-03-01\n",
        encoding="utf-8",
    )
    outcome = run_cli("check", "--root", str(planned))
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith(
        "policies/waivers.yaml:4:13: '/waivers/0/target' must have exactly one of: dataset, "
        "obligation"
    )


def test_every_gap_is_explained() -> None:
    for code in ("GK701", "GK702", "GK703", "GK704", "GK705", "GK706", "GK707", "GK708",
                 "GK709", "GK710"):  # fmt: skip
        outcome = run_cli("explain", code)
        assert outcome.exit_code == 0
        assert "Fix:" in outcome.stdout, code
