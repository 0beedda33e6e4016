"""Reporters checked with the official definitions: SARIF 2.1.0's JSON Schema, the JUnit XSD of
Jenkins' xUnit plugin; and the limits GitHub puts on SARIF, annotations and comments."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from govkit import reporters
from govkit.errors import Problem
from govkit.findings import Finding, Location, Report, RuleInfo, Severity
from tests import standards

GOLDEN = Path(__file__).parents[1] / "golden" / "reporters"
DATA = "permits/permits-1404.csv"
LONG_DOC = "Field values are read by people and programs alike. " * 30 + "\n\nUse the code list."
RULES = {
    "GK211": RuleInfo("GK211", "bad-cell", Severity.ERROR, "A cell fails its field.", LONG_DOC),
    "GK101": RuleInfo("GK101", "missing-description", Severity.WARNING, "Describe it."),
}


def cell(row: int, column: int, field: str, message: str = "bad cell") -> Finding:
    return Finding(
        "GK211", "bad-cell", Severity.ERROR, message, Location(DATA, row, column),
        dataset="permits", resource="permits-1404", field=field, row=row,
    )  # fmt: skip


def twice_in_one_place() -> Report:
    """Two findings of one rule at the same line and column, and text GitHub would link."""
    findings = (
        cell(5, 3, "district"),
        cell(5, 3, "district", "ask @octocat, see https://example.org/codes or mail a@b.org"),
    )
    return Report("validate", ".", findings, rules=RULES)


def many_errors(count: int) -> Report:
    return Report("validate", ".", tuple(cell(row, 2, "area") for row in range(2, 2 + count)))


@pytest.mark.parametrize("path", sorted(GOLDEN.rglob("*.sarif.json")), ids=str)
def test_golden_sarif_is_valid_sarif_2_1_0(path: Path) -> None:
    assert standards.sarif(json.loads(path.read_text("utf-8"))) == []


@pytest.mark.parametrize("path", sorted(GOLDEN.rglob("*.junit.xml")), ids=str)
def test_golden_junit_is_valid_for_jenkins_xunit(path: Path) -> None:
    assert standards.junit(path.read_text("utf-8")) == []


def test_the_junit_check_rejects_skipped_on_testsuites() -> None:
    xml = (GOLDEN / "report.junit.xml").read_text("utf-8")
    rejected = xml.replace('<testsuites name="govkit"', '<testsuites skipped="1" name="govkit"')
    assert any("skipped" in problem for problem in standards.junit(rejected))


def test_junit_names_are_unique_where_two_findings_share_a_place() -> None:
    xml = reporters.render(twice_in_one_place(), "junit")
    assert standards.junit(xml) == []
    names = re.findall(r'<testcase classname="([^"]*)" name="([^"]*)"', xml)
    assert names == [(DATA, "GK211 5:3"), (DATA, "GK211 5:3 (2)")]


def test_sarif_rules_have_help_and_short_enough_descriptions() -> None:
    log = json.loads(reporters.render(twice_in_one_place(), "sarif"))
    assert standards.sarif(log) == []
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    [rule] = run["tool"]["driver"]["rules"]
    assert rule["help"]["text"] == LONG_DOC.strip()
    assert len(rule["fullDescription"]["text"]) <= 1024
    assert rule["fullDescription"]["text"].endswith("…")


def test_sarif_fingerprints_survive_a_moved_line_and_tell_rows_apart() -> None:
    def fingerprint(finding: Finding) -> str:
        log = json.loads(reporters.render(Report("check", ".", (finding,)), "sarif"))
        value: str = log["runs"][0]["results"][0]["partialFingerprints"]["govkit/v1"]
        return value

    at_yaml = Finding(
        "GK101", "missing-description", Severity.WARNING, "No description.",
        Location("catalog/parks.yaml", 3, 1, "/description"), dataset="parks",
    )  # fmt: skip
    moved = replace(at_yaml, location=Location("catalog/parks.yaml", 9, 1, "/description"))
    assert fingerprint(at_yaml) == fingerprint(moved)
    assert fingerprint(cell(5, 3, "district")) != fingerprint(cell(6, 3, "district"))


def test_sarif_paths_are_relative_to_the_repository() -> None:
    report = Report("check", "/work/repo/data", (cell(5, 3, "district"),), rules=RULES)
    log = json.loads(reporters.render(report, "sarif", prefix="data/"))
    assert standards.sarif(log) == []
    [run] = log["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"] == {"uri": "file:///work/repo/"}
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": f"data/{DATA}", "uriBaseId": "%SRCROOT%"}


def test_github_annotations_are_relative_to_the_repository() -> None:
    output = reporters.render(twice_in_one_place(), "github", prefix="data/")
    assert output.startswith(f"::error file=data/{DATA},line=5,col=3,")


def test_github_shows_ten_of_a_kind_and_counts_the_rest() -> None:
    lines = reporters.render(many_errors(13), "github").splitlines()
    assert [line[:7] for line in lines[:10]] == ["::error"] * 10
    assert len(lines) == 11
    assert lines[10].startswith("govkit: 3 more findings not shown as annotations")
    assert len(reporters.render(many_errors(10), "github").splitlines()) == 10


def test_markdown_puts_urls_addresses_and_mentions_in_code_spans() -> None:
    output = reporters.render(twice_in_one_place(), "markdown")
    assert "`@octocat`" in output
    assert "`https://example.org/codes`" in output
    assert "`a@b.org`" in output
    outside_code = re.sub(r"`[^`]*`", "", output)
    assert "@octocat" not in outside_code
    assert "https://" not in outside_code


PROBLEMS = (
    Problem("catalog/parks.yaml", 4, 7, "mapping values are not allowed here"),
    Problem("catalog/units.yaml", 1, 1, "duplicate key 'id'"),
)


def test_sarif_error_report_is_valid_and_says_why() -> None:
    log = json.loads(
        reporters.render_error(PROBLEMS, "sarif", command="ci", root="/r/data", prefix="data/")
        or "null"
    )
    assert standards.sarif(log) == []
    [run] = log["runs"]
    assert run["results"] == []
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [first, _second] = invocation["toolExecutionNotifications"]
    assert first["message"]["text"] == "mapping values are not allowed here"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "data/catalog/parks.yaml"
    assert location["region"] == {"startLine": 4, "startColumn": 7}


def test_junit_error_report_is_valid_with_an_errored_case_a_problem() -> None:
    xml = reporters.render_error(PROBLEMS, "junit", command="ci", root=".") or ""
    assert standards.junit(xml) == []
    assert '<testsuite name="govkit" tests="2" failures="0" errors="2"' in xml
    assert 'name="ci catalog/parks.yaml:4:7"' in xml
    assert reporters.render_error(PROBLEMS, "json", command="ci", root=".") is None


def test_sarif_keeps_the_paragraphs_of_a_long_doc_that_fit() -> None:
    doc = "What it does: one line.\n\n" + "Why: " + "a reason. " * 150
    rules = {"GK211": RuleInfo("GK211", "bad-cell", Severity.ERROR, "A cell fails.", doc)}
    report = Report("validate", ".", (cell(5, 3, "district"),), rules=rules)
    [rule] = json.loads(reporters.render(report, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert rule["fullDescription"]["text"] == "What it does: one line."
    assert rule["help"]["text"] == doc


def test_an_absolute_path_gets_no_repository_prefix() -> None:
    finding = replace(cell(5, 3, "district"), location=Location("/srv/trips.csv", 3, 2))
    report = Report("validate", "/srv", (finding,))
    assert "file=/srv/trips.csv," in reporters.render(report, "github", prefix="data/")
    log = json.loads(reporters.render(report, "sarif", prefix="data/"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "file:///srv/trips.csv"}
    assert standards.sarif(log) == []
