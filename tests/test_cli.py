"""The command line: exit codes, streams, formats and options, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from govkit import api
from govkit.catalog.jsonschemas import KINDS
from govkit.cli.describe import rules_markdown
from govkit.errors import GovkitError
from tests.conftest import run_cli

BUDGET = "catalog/finance/budget.yaml"


def break_unit(root: Path) -> None:
    path = root / BUDGET
    path.write_text(path.read_text(encoding="utf-8").replace("unit: finance", "unit: roads"))


def test_help_lists_the_commands() -> None:
    outcome = run_cli("--help")
    assert outcome.exit_code == 0
    for command in ("lint", "rules", "explain", "schema", "init", "diff", "ci", "log"):
        assert command in outcome.stdout


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govkit", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("govkit ")


def test_clean_catalog_exits_0(catalog: Path) -> None:
    outcome = run_cli("lint", "--root", str(catalog))
    assert (outcome.exit_code, outcome.stdout, outcome.stderr) == (0, "All checks passed.\n", "")


def test_findings_exit_1_as_plain_text_on_stdout(catalog: Path) -> None:
    break_unit(catalog)
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 1
    assert f"{BUDGET}:4:7 GK102" in outcome.stdout
    assert "\x1b[" not in outcome.stdout
    assert outcome.stderr == ""


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif", "markdown"])
def test_every_format_renders_the_same_finding(fmt: str, catalog: Path) -> None:
    break_unit(catalog)
    outcome = run_cli("lint", "--root", str(catalog), "--format", fmt)
    assert outcome.exit_code == 1
    assert "GK102" in outcome.stdout
    assert BUDGET in outcome.stdout


def test_json_report_shape(catalog: Path) -> None:
    break_unit(catalog)
    report = json.loads(run_cli("lint", "--root", str(catalog), "-f", "json").stdout)
    assert report["govkit"] == "1.0"
    assert report["command"] == "lint"
    assert report["summary"] == {"error": 1, "warning": 0, "info": 0, "suppressed": 0}
    (finding,) = report["findings"]
    assert finding["pointer"] == "/unit"
    assert (finding["line"], finding["column"], finding["dataset"]) == (4, 7, "budget")


def test_output_file_gets_the_report_and_stderr_a_summary(catalog: Path, tmp_path: Path) -> None:
    break_unit(catalog)
    target = tmp_path / "out" / "report.sarif"
    outcome = run_cli("lint", "--root", str(catalog), "-f", "sarif", "--output", str(target))
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    assert "1 errors" in outcome.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert [p.name for p in target.parent.iterdir()] == ["report.sarif"]


def test_fail_on_never_and_select_and_ignore(catalog: Path) -> None:
    break_unit(catalog)
    root = ["--root", str(catalog)]
    assert run_cli("lint", *root, "--fail-on", "never").exit_code == 0
    assert run_cli("lint", *root, "--ignore", "unknown-unit").exit_code == 0
    assert run_cli("lint", *root, "--select", "GK105,GK106").exit_code == 0
    assert run_cli("lint", *root, "--select", "GK105", "--select", "GK102").exit_code == 1


def test_unknown_rule_or_format_is_a_usage_error(catalog: Path) -> None:
    outcome = run_cli("lint", "--root", str(catalog), "--select", "GK999")
    assert outcome.exit_code == 2
    assert "unknown rule 'GK999'" in outcome.stderr
    assert run_cli("lint", "--root", str(catalog), "--format", "xml").exit_code == 2


def test_rules_lists_every_rule(catalog: Path) -> None:
    outcome = run_cli("rules")
    assert outcome.exit_code == 0
    for info in api.rules():
        assert f"{info.code}  {info.name}" in outcome.stdout
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in listed] == [r.code for r in api.rules()]


@pytest.mark.parametrize("selector", ["GK105", "gk105", "unsafe-path"])
def test_explain_by_code_or_name(selector: str) -> None:
    outcome = run_cli("explain", selector)
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("GK105 unsafe-path (error)\n")
    assert "Fix:" in outcome.stdout


def test_explain_unknown_rule() -> None:
    outcome = run_cli("explain", "no-such-rule")
    assert outcome.exit_code == 2
    assert "`govkit rules` lists them all" in outcome.stderr


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_prints_the_committed_json_schema(kind: str) -> None:
    outcome = run_cli("schema", kind)
    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout)["$schema"].endswith("2020-12/schema")


def test_an_internal_error_exits_3_without_a_traceback(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "lint", explode)
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 3
    assert "internal error: RuntimeError: boom" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    debug = run_cli("lint", "--root", str(catalog), "--debug")
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr


def test_interrupt_exits_130(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "lint", interrupt)
    assert run_cli("lint", "--root", str(catalog)).exit_code == 130


@pytest.mark.parametrize(
    "raised",
    [
        RuntimeError("Query interrupted"),  # Ctrl-C during a DuckDB query, as DuckDB reports it
        GovkitError("budget.csv: cannot be read for export: INTERRUPT Error"),
    ],
)
def test_ctrl_c_inside_duckdb_exits_130(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, raised: Exception
) -> None:
    def interrupt(*_args: object, **_kwargs: object) -> None:
        if isinstance(raised, GovkitError):
            try:
                raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")
            except duckdb.InterruptException as cause:
                raise raised from cause
        raise raised

    monkeypatch.setattr(api, "lint", interrupt)
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 130
    assert "govkit: interrupted" in outcome.stderr


def test_input_errors_are_escaped_before_they_reach_the_terminal(catalog: Path) -> None:
    (catalog / BUDGET).write_text("id: x\n'\u202ekey': 1\n'\u202ekey': 2\n", encoding="utf-8")
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 2
    assert "\u202e" not in outcome.stderr
    assert "\\u202e" in outcome.stderr


def test_init_then_lint_passes(tmp_path: Path) -> None:
    target = tmp_path / "city"
    created = run_cli("init", str(target))
    assert created.exit_code == 0, created.stderr
    assert "Created a catalog" in created.stdout
    assert run_cli("lint", "--root", str(target)).exit_code == 0
    again = run_cli("init", str(target))
    assert again.exit_code == 2
    assert not again.stdout


def test_rule_reference_in_docs_is_generated_from_the_registry() -> None:
    committed = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run `python -m govkit.cli.describe > docs/rules.md`"
