"""`govkit diff BASE [HEAD]`: every report format, the change rules, selection and waivers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govkit import api
from tests.conftest import run_cli
from tests.git.conftest import TODAY, GitRepo

COMPLAINTS = "catalog/services/complaints.yaml"
PERMITS = "catalog/services/permits.yaml"


@pytest.fixture
def changed(repo: GitRepo) -> GitRepo:
    """Complaints loosened without approval; a breaking schema change to published permits."""
    repo.edit(COMPLAINTS, "access_level: internal", "access_level: public")
    repo.edit(
        "schemas/permits.schema.yaml",
        "{name: permit_no, type: string,",
        "{name: permit_no, type: integer,",
    )
    repo.commit("open complaints, permit numbers become integers")
    return repo


def diff(repo: GitRepo, *extra: str) -> tuple[int, str, str]:
    outcome = run_cli("diff", "HEAD~1", "--root", str(repo.root), "--today", TODAY, *extra)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif", "markdown"])
def test_every_format(changed: GitRepo, fmt: str) -> None:
    code, stdout, stderr = diff(changed, "--format", fmt)

    assert code == 1
    for rule in ("AL006", "GV010", "GK504", "GK510"):
        assert rule in stdout, (fmt, rule)
    assert f"compared HEAD~1 ({changed.shas[0][:7]}) with working tree" in stderr


def test_markdown_for_a_merge_request_comment(changed: GitRepo) -> None:
    _, stdout, _ = diff(changed, "--format", "markdown")

    assert stdout.startswith("### govkit diff\n\nChanges from HEAD\\~1 (")
    assert "❌ Found 2 errors, 2 info." in stdout
    assert "| ❌ error | AL006 | catalog/services/complaints.yaml:6:15 |" in stdout


def test_the_change_rules_findings_and_their_citations(changed: GitRepo) -> None:
    report = api.diff("HEAD~1", root=changed.root)

    rules = {f.code: f for f in report.findings}
    assert set(rules) == {"AL006", "GV010", "GK504", "GK510"}
    assert rules["AL006"].citation is not None
    assert (rules["AL006"].citation.law, rules["AL006"].citation.article) == ("tsc-charter", "7")
    assert rules["GV010"].dataset == "permits"
    assert "permits-1405" in rules["GV010"].message
    assert rules["GK510"].message == (
        "field 'permit_no' type changed from string to integer (used by permits/permits-1405)"
    )
    assert report.refs["base_commit"] == changed.shas[0]


def test_select_ignore_and_fail_on(changed: GitRepo) -> None:
    assert diff(changed, "--select", "GK5")[0] == 0  # the description alone fails nothing
    assert diff(changed, "--ignore", "AL006,GV010")[0] == 0
    assert diff(changed, "--fail-on", "never")[0] == 0
    assert diff(changed, "--select", "NOPE")[0] == 2


def test_a_version_note_and_an_approval_settle_it(changed: GitRepo) -> None:
    changed.edit(PERMITS, "version: '1.0'", "version: '2.0'")
    changed.edit(
        COMPLAINTS,
        "resources:",
        '  - {ref: "1404/088", date: 2025-05-20, decision: publish}\nresources:',
    )

    code, stdout, _ = diff(changed, "--format", "json")

    assert code == 0
    assert {f["code"] for f in json.loads(stdout)["findings"]} == {"GK504", "GK510"}


def test_a_waiver_covers_a_change_rule(changed: GitRepo) -> None:
    changed.write(
        "policies/waivers.yaml",
        """\
waivers:
  - id: permits-numbers
    rule: breaking-change-without-version
    target: {dataset: permits}
    reason: {en: No one uses the numbers yet.}
    approver: Transparency committee
    reference: "1404/090"
    approved: 2025-05-01
    expires: 2025-08-01
""",
    )

    day = dt.date.fromisoformat(TODAY)
    report = api.diff("HEAD~1", root=changed.root, select=["GV010"], today=day)

    (waived,) = report.findings
    assert waived.suppressed_by == "permits-numbers"


def test_diff_between_two_commits_ignores_the_working_tree(changed: GitRepo) -> None:
    changed.edit(PERMITS, "version: '1.0'", "version: '2.0'")

    report = api.diff("HEAD~1", "HEAD", root=changed.root)

    assert "GV010" in {f.code for f in report.findings}
    assert report.refs["not_read"] == "1 uncommitted catalog file(s) of the working tree"
