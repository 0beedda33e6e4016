"""One release judgment: `check`, `ci` and `export` refuse the same things, at the same places.

Each scenario starts from the clean catalog of tests/git/catalog.py in a real repository,
makes a change on a branch, and asks all three commands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import pytest

from govkit import api
from govkit.findings import FailOn, Finding
from tests.conftest import run_cli
from tests.export.builders import ENVIRON
from tests.git.conftest import TODAY, GitRepo

BUDGET_SCHEMA = "schemas/budget.schema.yaml"
BUDGET_DATA = "catalog/finance/budget/budget-1405.csv"
HOMEPAGE = "organisation:\n  homepage: https://city.example/\n  name:"


def national_id(seed: int) -> str:
    """A national ID (کد ملی) whose check digit is valid."""
    body = f"{seed:09d}"
    total = sum(int(digit) * (10 - i) for i, digit in enumerate(body)) % 11
    return body + str(total if total < 2 else 11 - total)


@pytest.fixture
def branch(repo: GitRepo) -> GitRepo:
    repo.edit("govkit.yaml", "organisation:\n  name:", HOMEPAGE)
    repo.commit("the portal's address")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def errors(findings: tuple[Finding, ...]) -> set[tuple[str, str, int]]:
    return {
        (f.code, f.location.path, f.location.line)
        for f in findings
        if f.severity.value == "error" and f.suppressed_by is None
    }


def verdicts(repo: GitRepo, tmp_path: Path) -> tuple[set[tuple[str, str, int]], ...]:
    """The errors of `ci --base main`, of `check --level public` and of the export of the
    branch's commit, which must be refused."""
    ci = api.ci("main", root=repo.root, today=_today())
    check = api.check(repo.root, level="public", today=_today())
    out = tmp_path / "release"
    exported = api.export(repo.root, out=out, environ=ENVIRON, today=_today())
    assert exported.refused
    assert not out.exists()
    return errors(ci.findings), errors(check.findings), errors(exported.report.findings)


def _today() -> dt.date:
    return dt.date.fromisoformat(TODAY)


def test_untagged_national_ids_fail_ci_check_and_export_alike(
    branch: GitRepo, tmp_path: Path
) -> None:
    branch.edit(BUDGET_SCHEMA, "primaryKey", "  - {name: ref, type: string}\nprimaryKey")
    rows = [f"roads,1200,{national_id(1234)}", f"parks,800,{national_id(98765)}"]
    rows.append(f"lights,5,{national_id(4242)}")
    branch.write(BUDGET_DATA, "programme,approved,ref\n" + "\n".join(rows) + "\n")
    branch.commit("a reference column")

    ci, check, export = verdicts(branch, tmp_path)

    line = branch.line_of(BUDGET_SCHEMA, "name: ref")
    assert ("GK301", BUDGET_SCHEMA, line) in export
    assert export <= ci
    assert export <= check


def test_a_personal_header_word_is_judged_without_reading_the_values(branch: GitRepo) -> None:
    branch.edit(
        BUDGET_SCHEMA, "primaryKey", "  - {name: applicant_national_id, type: string}\nprimaryKey"
    )
    branch.write(BUDGET_DATA, "programme,approved,applicant_national_id\nroads,1,x\n")
    branch.commit("an applicant column")

    report = api.check(branch.root, scan=False, today=_today())

    (finding,) = [f for f in report.findings if f.code == "GK301"]
    assert finding.field == "applicant_national_id"
    assert "national id" in finding.message


def test_a_keep_where_without_a_redaction_fails_the_merge_request_as_it_fails_the_release(
    branch: GitRepo, tmp_path: Path
) -> None:
    branch.edit(
        BUDGET_SCHEMA,
        "  - {name: approved",
        "  - {name: kind, type: string}\n"
        "  - {name: approved, type: integer, keep_where: {field: kind, in: [company]}}\n"
        "  - {name: old_approved",
    )
    branch.write(BUDGET_DATA, "programme,kind,approved,old_approved\nroads,company,1,1\n")
    branch.commit("a keep_where")

    ci, check, export = verdicts(branch, tmp_path)

    assert {code for code, _, _ in export} == {"GK610"}
    assert export == ci == check


def test_a_green_merge_request_releases(branch: GitRepo, tmp_path: Path) -> None:
    branch.edit(BUDGET_DATA, "parks,800", "parks,900")
    branch.commit("a new figure")

    assert not api.ci("main", root=branch.root, today=_today()).failed(FailOn.ERROR)
    result = api.export(branch.root, out=tmp_path / "release", environ=ENVIRON, today=_today())
    assert result.written


def test_ci_validates_the_datasets_whose_foreign_keys_point_into_a_changed_table(
    repo: GitRepo,
) -> None:
    repo.write(
        "schemas/complaints.schema.yaml",
        "fields:\n  - {name: request_id, type: string}\n  - {name: programme, type: string}\n"
        "foreignKeys:\n"
        "  - {fields: programme, reference: {resource: budget/budget-1405, fields: programme}}\n",
    )
    repo.write(
        "catalog/services/complaints/complaints-1405.csv",
        "request_id,programme\nR-1,roads\nR-2,parks\n",
    )
    repo.commit("complaints name a programme")
    assert not api.validate(root=repo.root).failed(FailOn.ERROR)
    repo.git("checkout", "-q", "-b", "change")
    repo.write(BUDGET_DATA, "programme,approved\nroads,1200\n")  # parks is gone
    repo.commit("parks are no longer funded")

    full = api.validate(root=repo.root)
    report = api.ci("main", root=repo.root, today=_today())

    broken = {(f.code, f.dataset) for f in full.findings if f.severity.value == "error"}
    assert broken == {("GK221", "complaints")}
    assert broken <= {(f.code, f.dataset) for f in report.findings}


def test_every_listed_rule_can_be_selected_in_every_command(repo: GitRepo) -> None:
    for command in ("lint", "validate", "check"):
        outcome = run_cli(command, "--root", str(repo.root), "--select", "GK201")
        assert outcome.exit_code == 0, (command, outcome.stderr)
    outcome = run_cli("ci", "--base", "main", "--root", str(repo.root), "--select", "GK610")
    assert outcome.exit_code == 0, outcome.stderr


def test_one_ci_run_shows_the_findings_and_writes_junit_xml(
    branch: GitRepo, tmp_path: Path
) -> None:
    branch.edit(BUDGET_SCHEMA, "primaryKey", "  - {name: owner_mobile, type: string}\nprimaryKey")
    branch.write(BUDGET_DATA, "programme,approved,owner_mobile\nroads,1,x\n")
    branch.commit("an owner column")
    junit = tmp_path / "govkit-junit.xml"

    outcome = run_cli("ci", "--base", "main", "--root", str(branch.root), "--junit-xml", str(junit))

    assert outcome.exit_code == 1
    assert "GK301" in outcome.stdout
    root = ElementTree.fromstring(junit.read_text(encoding="utf-8"))  # noqa: S314 - our own file
    assert root.tag == "testsuites"
    assert any("GK301" in (case.get("name") or "") for case in root.iter("testcase"))


def test_check_on_github_actions_annotates_and_appends_a_summary(
    branch: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    branch.edit(BUDGET_SCHEMA, "primaryKey", "  - {name: home_address, type: string}\nprimaryKey")
    branch.write(BUDGET_DATA, "programme,approved,home_address\nroads,1,x\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    outcome = run_cli("check", "--root", str(branch.root), "--level", "public")

    assert outcome.exit_code == 1
    assert f"::error file={BUDGET_SCHEMA}," in outcome.stdout
    assert "GK301" in summary.read_text(encoding="utf-8")


def test_a_pack_rule_may_be_selected_where_the_packs_do_not_run(repo: GitRepo) -> None:
    for command in ("lint", "validate"):
        outcome = run_cli(command, "--root", str(repo.root), "--ignore", "AL006")
        assert outcome.exit_code == 0, (command, outcome.stderr)
    outcome = run_cli("lint", "--root", str(repo.root), "--select", "AL0NOPE")
    assert outcome.exit_code == 2
    assert "unknown rule 'AL0NOPE'" in outcome.stderr
