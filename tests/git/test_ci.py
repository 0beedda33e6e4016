"""`govkit ci --base`: the merge-request gate, end to end in real repositories.

The scenario of issue 5's "Done when": a change that loosens a level without
the committee's approval fails with an annotation on the changed line, and
passes once the approval is recorded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from govkit.findings import FailOn
from tests.conftest import run_cli
from tests.git.conftest import TODAY, GitRepo

COMPLAINTS = "catalog/services/complaints.yaml"
BUDGET = "catalog/finance/budget.yaml"
APPROVAL = """  - {ref: "1404/088", date: 2025-05-20, decision: publish}
resources:"""


@pytest.fixture
def loosened(repo: GitRepo) -> GitRepo:
    """A feature branch that makes `complaints` public without an approval."""
    repo.git("checkout", "-q", "-b", "open-complaints")
    repo.edit(COMPLAINTS, "access_level: internal", "access_level: public")
    repo.commit("publish complaints")
    return repo


def ci(repo: GitRepo, *extra: str) -> tuple[int, str, str]:
    outcome = run_cli("ci", "--base", "main", "--root", str(repo.root), "--today", TODAY, *extra)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_loosening_without_approval_fails_with_an_annotation_on_the_changed_line(
    loosened: GitRepo,
) -> None:
    line = loosened.line_of(COMPLAINTS, "access_level: public")

    code, stdout, stderr = ci(loosened, "--format", "github")

    assert code == 1
    annotation = next(row for row in stdout.splitlines() if "AL006" in row)
    assert annotation.startswith(f"::error file={COMPLAINTS},line={line},col=15,title=AL006 ")
    assert "loosened from 'internal' to 'public' without a committee approval" in annotation
    assert f"::notice file={COMPLAINTS},line={line}" in stdout  # GK504, the change itself
    assert "from their merge base" in stderr


def test_the_same_change_passes_once_the_approval_is_recorded(loosened: GitRepo) -> None:
    loosened.edit(COMPLAINTS, "resources:", APPROVAL)
    loosened.commit("the committee's decision")

    code, stdout, _ = ci(loosened, "--format", "github")

    assert code == 0
    assert "AL006" not in stdout
    assert "GK504" in stdout


def test_an_approval_in_the_working_tree_counts_before_it_is_committed(
    loosened: GitRepo,
) -> None:
    loosened.edit(COMPLAINTS, "resources:", APPROVAL)

    assert ci(loosened)[0] == 0


def test_on_github_actions_annotations_and_a_summary_appended(
    loosened: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("## An earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    code, stdout, _ = ci(loosened)

    assert code == 1
    assert stdout.startswith("::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n### govkit ci\n")
    assert "Changes from main (" in text
    assert "| ❌ error | AL006 |" in text


def test_sarif_for_code_scanning(loosened: GitRepo) -> None:
    code, stdout, _ = ci(loosened, "--format", "sarif")

    assert code == 1
    run = json.loads(stdout)["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "AL006")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == loosened.line_of(COMPLAINTS, "access_level: public")
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"AL006", "GK504"}


def test_only_the_changed_datasets_are_checked(repo: GitRepo) -> None:
    """An unchanged dataset's old problem is not this change's: ci leaves it to `check`."""
    repo.edit(BUDGET, "update_frequency: R/P1M\n", "")  # GV005 on budget, on main
    repo.commit("budget loses its frequency")
    repo.git("checkout", "-q", "-b", "relicense")
    repo.edit("catalog/services/permits.yaml", "license: CC-BY-4.0", "license: CC0-1.0")

    report = api.ci("main", root=repo.root)

    assert {f.dataset for f in report.findings} == {"permits"}
    assert [f.code for f in report.findings] == ["GK514"]
    assert "GV005" in {f.code for f in api.check(repo.root).findings}


def test_a_schema_change_checks_every_dataset_that_uses_it(repo: GitRepo) -> None:
    repo.edit(
        "schemas/budget.schema.yaml", "constraints: {minimum: 0}", "constraints: {minimum: 1}"
    )
    repo.write("catalog/finance/budget/budget-1405.csv", "programme,approved\nroads,0\n")

    report = api.ci("main", root=repo.root)

    found = {(f.code, f.dataset) for f in report.findings}
    assert ("GK510", "budget") in found  # the tightened constraint, on its only user
    assert ("GV010", "budget") in found  # published, broken, no new version
    assert any(code.startswith("GK2") for code, _ in found)  # the data no longer passes


def test_a_changed_data_file_is_validated(repo: GitRepo) -> None:
    repo.write("catalog/finance/budget/budget-1405.csv", "programme,approved\nroads,-5\n")

    code, stdout, _ = ci(repo, "--format", "json")

    assert code == 1
    findings = json.loads(stdout)["findings"]
    assert [(f["code"], f["path"], f["row"]) for f in findings] == [
        ("GK214", "catalog/finance/budget/budget-1405.csv", 2)
    ]


def test_a_new_entry_reusing_an_id_is_caught(repo: GitRepo) -> None:
    text = (repo.root / BUDGET).read_text(encoding="utf-8")
    repo.write("catalog/services/budget-copy.yaml", text.replace("finance/budget/", "finance/"))

    report = api.ci("main", root=repo.root)

    assert "GK103" in {f.code for f in report.findings}


def test_a_change_to_units_checks_the_whole_catalog(repo: GitRepo) -> None:
    """govkit.yaml, units.yaml and policy packs bear on every entry, changed or not."""
    units = (repo.root / "catalog/units.yaml").read_text(encoding="utf-8")
    repo.write("catalog/units.yaml", units[: units.index("  - id: services")])

    report = api.ci("main", root=repo.root)

    unknown = sorted(f.dataset or "" for f in report.findings if f.code == "GK102")
    assert unknown == ["complaints", "permits"]


def test_a_broken_entry_in_the_working_tree_is_exit_2_as_lint_says(repo: GitRepo) -> None:
    repo.write(BUDGET, "id: budget\n  bad: indentation\n")

    code, _, stderr = ci(repo)

    assert code == 2
    assert f"{BUDGET}:2:" in stderr


def test_removing_a_published_dataset_warns_and_names_it(repo: GitRepo) -> None:
    (repo.root / BUDGET).unlink()

    report = api.ci("main", root=repo.root)

    found = {f.code: f for f in report.findings}
    assert found["GV011"].severity.value == "warning"
    assert "published dataset 'budget' is withdrawn" in found["GV011"].message
    assert found["GV011"].location.path == BUDGET  # where it was, at base
    assert "GK502" in found
    assert not report.failed(FailOn.ERROR)


def test_removing_a_personal_tag_from_a_published_field_is_an_error(repo: GitRepo) -> None:
    repo.edit("schemas/permits.schema.yaml", "    sensitivity: personal\n    redaction: drop\n", "")

    report = api.ci("main", root=repo.root)

    found = {f.code: f for f in report.findings}
    assert "IR013" in found
    assert found["IR013"].dataset == "permits"
    assert "permits-1405" in found["IR013"].message
    assert found["GK513"].location.path == "schemas/permits.schema.yaml"


def test_a_changed_table_schema_gets_the_full_descriptor_check(repo: GitRepo) -> None:
    repo.edit("schemas/budget.schema.yaml", "type: integer", "type: integr")

    report = api.ci("main", root=repo.root)

    invalid = [f for f in report.findings if f.code == "GK108"]
    assert [f.location.path for f in invalid] == ["schemas/budget.schema.yaml"]
