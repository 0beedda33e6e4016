"""`govkit policy test`, and pack rules in `govkit rules` and `govkit explain`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from tests.conftest import run_cli
from tests.policy.packs import enable, pack, rule, write


def test_help_lists_check_and_policy() -> None:
    outcome = run_cli("--help")
    assert "check" in outcome.stdout
    assert "policy" in outcome.stdout
    assert "test" in run_cli("policy", "--help").stdout


def test_policy_test_runs_the_enabled_packs(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack())
    enable(catalog, "ir-foi", "local")

    outcome = run_cli("policy", "test", "--root", str(catalog))

    assert outcome.exit_code == 0, outcome.stdout
    assert outcome.stdout.splitlines() == [
        "govkit/policies/ir-foi.yaml: 40 cases, ok",
        "policies/local.yaml: 2 cases, ok",
        "42/42 cases passed",
    ]


def test_a_failing_case_exits_1_and_says_why(catalog: Path) -> None:
    wrong = rule(failing="{dataset: {license: ODbL-1.0}}", passing="{dataset: {license: null}}")
    write(catalog, "policies/local.yaml", pack(wrong))
    enable(catalog, "local")

    outcome = run_cli("policy", "test", "--root", str(catalog), "-v")

    assert outcome.exit_code == 1
    assert outcome.stdout.splitlines() == [
        "policies/local.yaml: 2 cases, 2 failed",
        "  FAIL LC001 pass #1: the rule fired: 'contracts' has no licence",
        "  FAIL LC001 fail #1: the rule did not fire",
        "0/2 cases passed, 2 failed",
    ]
    records = json.loads(run_cli("policy", "test", "--root", str(catalog), "-f", "json").stdout)
    assert records[0]["pack"] == "local"
    assert [case["passed"] for case in records[0]["cases"]] == [False, False]


def test_a_case_with_data_no_catalog_could_hold_fails(catalog: Path) -> None:
    misspelt = rule(failing="{dataset: {license: null, lisence: x}}")
    write(catalog, "policies/local.yaml", pack(misspelt))
    enable(catalog, "local")

    outcome = run_cli("policy", "test", "--root", str(catalog))

    assert outcome.exit_code == 1
    assert "the case's dataset is not valid: unknown key 'lisence'" in outcome.stdout


def test_policy_test_takes_pack_ids_and_files_outside_a_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = write(tmp_path, "draft.yaml", pack(pack_id="draft"))
    monkeypatch.chdir(tmp_path)

    outcome = run_cli("policy", "test", "us-foia", str(draft))

    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert outcome.stdout.splitlines()[-1] == "10/10 cases passed"
    unknown = run_cli("policy", "test", "no-such-pack")
    assert unknown.exit_code == 2
    assert "unknown policy pack 'no-such-pack'" in unknown.stderr


def test_a_broken_pack_is_exit_2_for_policy_test_too(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack(rule(assertion="has(dataset.license")))
    enable(catalog, "local")

    outcome = run_cli("policy", "test", "--root", str(catalog))

    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert outcome.stderr.startswith("policies/local.yaml:17:32: LC001 `assert`: not valid CEL")


def test_explain_shows_the_law_and_its_text() -> None:
    outcome = run_cli("explain", "IR011")

    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    assert lines[0] == "IR011 personal-field-published (error)"
    assert "Law: Law on Publication and Free Access to Information (ir-foi)" in lines
    assert any(
        line.startswith("- Art. 14, Privacy: Information on the private life") for line in lines
    )
    assert any(line.startswith("Fix: ") for line in lines)
    assert any(line.startswith("Pack: ir-foi 1.0.0 (") for line in lines)
    assert any(line.endswith("policies/ir-foi.yaml); scope: field") for line in lines)
    assert run_cli("explain", "personal-field-published").stdout == outcome.stdout


def test_explain_a_range_citation_lists_each_article() -> None:
    page = run_cli("explain", "IR004").stdout
    assert "- Art. 16, Commercial and financial interests" in page
    assert "- Art. 17, Security, crime, taxes, immigration" in page


def test_rules_and_explain_see_a_catalogs_own_pack(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack())
    enable(catalog, "local")
    root = ["--root", str(catalog)]

    listing = run_cli("rules", *root).stdout
    page = run_cli("explain", "LC001", *root)

    assert "LC001  needs-licence" in listing
    assert "IR011  personal-field-published" in listing
    assert page.exit_code == 0
    assert "Law: Local guideline (local-guideline)" in page.stdout
    assert run_cli("explain", "LC001").exit_code == 2  # not a rule outside that catalog


def test_the_rule_listing_has_every_built_in_pack_rule() -> None:
    codes = [info.code for info in api.rules()]
    assert codes[: len([c for c in codes if c.startswith("GK")])] == sorted(
        c for c in codes if c.startswith("GK")
    )
    for prefix, count in (("IR", 13), ("AL", 7), ("GV", 11), ("FR", 3), ("US", 4), ("UK", 3)):
        assert len([c for c in codes if c.startswith(prefix)]) == count
    assert {"GK301", "GK302", "GK401", "GK402"} <= set(codes)
