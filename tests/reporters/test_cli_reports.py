"""The CI-facing reports through the command line: paths from the repository root when the
catalog sits in a subfolder, and a report that says why when the input is unusable (exit 2)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests import standards
from tests.conftest import CORPUS, run_cli


def repository_with_catalog_in(tmp_path: Path, folder: str) -> Path:
    """A git repository holding the small corpus catalog in `folder`; returns the catalog."""
    repo = tmp_path / "repo"
    catalog = repo / folder
    shutil.copytree(CORPUS / "base", catalog, symlinks=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return catalog


def break_yaml(catalog: Path) -> str:
    entry = sorted((catalog / "catalog").rglob("*.yaml"))[-1]
    entry.write_text("id: [unclosed\n", encoding="utf-8")
    return entry.relative_to(catalog).as_posix()


def test_sarif_paths_start_at_the_repository_root(tmp_path: Path) -> None:
    catalog = repository_with_catalog_in(tmp_path, "data")
    entry = catalog / "catalog/finance/budget.yaml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("description:", "x_unknown: 1\ndescription:", 1), "utf-8")
    out = tmp_path / "lint.sarif"
    outcome = run_cli("lint", "--root", str(catalog), "-f", "sarif", "-o", str(out))
    assert outcome.exit_code == 1, outcome.stderr
    log = json.loads(out.read_text("utf-8"))
    assert standards.sarif(log) == []
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for location in result.get("locations", [])
    }
    assert uris
    assert all(uri.startswith("data/") for uri in uris), uris
    assert all((tmp_path / "repo" / uri).is_file() for uri in uris), uris


def test_unusable_yaml_still_writes_a_sarif_that_says_why(tmp_path: Path) -> None:
    catalog = repository_with_catalog_in(tmp_path, "data")
    broken = break_yaml(catalog)
    out = tmp_path / "lint.sarif"
    outcome = run_cli("lint", "--root", str(catalog), "-f", "sarif", "-o", str(out))
    assert outcome.exit_code == 2
    assert f"{broken}:" in outcome.stderr
    log = json.loads(out.read_text("utf-8"))
    assert standards.sarif(log) == []
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [location] = invocation["toolExecutionNotifications"][0]["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == f"data/{broken}"


def test_unusable_yaml_still_writes_junit_with_an_errored_case(tmp_path: Path) -> None:
    catalog = repository_with_catalog_in(tmp_path, "data")
    broken = break_yaml(catalog)
    out = tmp_path / "check.xml"
    also = tmp_path / "also.xml"
    outcome = run_cli(
        "check", "--root", str(catalog), "-f", "junit", "-o", str(out), "--junit-xml", str(also)
    )
    assert outcome.exit_code == 2
    for file in (out, also):
        xml = file.read_text("utf-8")
        assert standards.junit(xml) == []
        assert f'classname="{broken}"' in xml
        assert 'errors="1"' in xml


def test_unusable_input_writes_no_report_in_other_formats(tmp_path: Path) -> None:
    catalog = repository_with_catalog_in(tmp_path, "data")
    break_yaml(catalog)
    out = tmp_path / "lint.json"
    outcome = run_cli("lint", "--root", str(catalog), "-f", "json", "-o", str(out))
    assert outcome.exit_code == 2
    assert not out.exists()


def test_data_findings_point_at_the_cell(tmp_path: Path) -> None:
    catalog = repository_with_catalog_in(tmp_path, "data")
    data = catalog / "catalog/finance/budget/budget-1405.csv"
    data.write_text("programme,approved\nroads,1200000000\nparks,-5\n,7\n", encoding="utf-8")
    outcome = run_cli("validate", "--root", str(catalog), "-f", "json")
    assert outcome.exit_code == 1, outcome.stderr
    located = {
        (f["code"], f["field"]): (f["line"], f["column"])
        for f in json.loads(outcome.stdout)["findings"]
        if f["path"].endswith(".csv")
    }
    assert located[("GK214", "approved")] == (3, 2), located  # below its minimum
    assert located[("GK212", "programme")] == (4, 1), located  # a required value missing
    annotations = run_cli("validate", "--root", str(catalog), "-f", "github").stdout
    assert "file=data/catalog/finance/budget/budget-1405.csv,line=3,col=2," in annotations


def test_the_format_choices_are_the_reporters_registry() -> None:
    from govkit.reporters import FORMATS  # noqa: PLC0415

    outcome = run_cli("lint", "-f", "nope")
    assert outcome.exit_code == 2
    for name in FORMATS:
        assert f"'{name}'" in outcome.stderr, outcome.stderr


EXAMPLE = Path(__file__).parents[2]


def test_the_example_catalog_s_check_is_valid_sarif_and_junit(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "check.sarif", tmp_path / "check.xml"
    outcome = run_cli(
        "check", "--root", str(EXAMPLE), "-f", "sarif", "-o", str(sarif), "--junit-xml", str(junit)
    )
    assert outcome.exit_code == 0, outcome.stderr
    log = json.loads(sarif.read_text("utf-8"))
    assert standards.sarif(log) == []
    assert log["runs"][0]["results"], "the example has warnings to show"
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["help"]["text"]
        assert len(rule["fullDescription"]["text"]) <= 1024
    assert standards.junit(junit.read_text("utf-8")) == []
