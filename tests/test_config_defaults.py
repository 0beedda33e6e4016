"""govkit.yaml's `select`, `ignore` and `fail_on`: the defaults of every command, replaced by
the command line's options, checked where they are written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import InputError
from tests.conftest import run_cli
from tests.export.conftest import copy_example
from tests.test_cli import BUDGET, break_unit


def configure(root: Path, lines: str) -> None:
    config = root / "govkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + lines, encoding="utf-8")


def codes(outcome_stdout: str) -> list[str]:
    return [finding["code"] for finding in json.loads(outcome_stdout)["findings"]]


def test_the_configured_ignore_applies_and_an_option_replaces_it(catalog: Path) -> None:
    break_unit(catalog)
    configure(catalog, "ignore: [unknown-unit]\n")
    root = ["--root", str(catalog), "-f", "json"]
    assert codes(run_cli("lint", *root).stdout) == []
    assert run_cli("lint", *root).exit_code == 0
    replaced = run_cli("lint", *root, "--ignore", "GK105")
    assert (replaced.exit_code, codes(replaced.stdout)) == (1, ["GK102"])


def test_the_configured_select_applies_in_the_api_too(catalog: Path) -> None:
    break_unit(catalog)
    configure(catalog, "select: [GK105]\n")
    assert api.lint(catalog).findings == ()
    assert [f.code for f in api.lint(catalog, select=["GK1"]).findings] == ["GK102"]


def test_an_unknown_configured_rule_is_located_with_a_suggestion(catalog: Path) -> None:
    configure(catalog, "select: [GK102]\nignore:\n  - GK105\n  - unknown-unti\n")
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 2
    expected = (
        "govkit.yaml:8:5: unknown rule 'unknown-unti'; `govkit rules` lists them all; "
        "did you mean 'unknown-unit'?"
    )
    assert expected in outcome.stderr
    with pytest.raises(InputError) as raised:
        api.lint(catalog)
    ((problem),) = raised.value.problems
    assert (problem.path, problem.line, problem.column) == ("govkit.yaml", 8, 5)


def test_a_misspelt_code_gets_the_nearest_code() -> None:
    from govkit.errors import GovkitError  # noqa: PLC0415
    from govkit.ruleset import RuleSet  # noqa: PLC0415

    with pytest.raises(GovkitError, match="did you mean 'GK225'"):
        RuleSet.builtin().lookup("GK2255")


def test_the_config_cannot_ignore_the_gate_on_its_own_changes(catalog: Path) -> None:
    configure(catalog, "ignore: [GK5]\n")
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 2
    assert "govkit.yaml:5:10: 'GK5' would ignore GK521 (config-loosened)" in outcome.stderr
    # On the command line it is the person running govkit who decides.
    config = catalog / "govkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("ignore: [GK5]\n", ""))
    assert run_cli("lint", "--root", str(catalog), "--ignore", "GK5").exit_code == 0


def test_a_configured_select_keeps_the_gate(catalog: Path) -> None:
    from govkit.catalog.loader import load_config  # noqa: PLC0415
    from govkit.catalog.tree import FileTree  # noqa: PLC0415
    from govkit.defaults import settle  # noqa: PLC0415

    configure(catalog, "select: [GK1]\n")
    config = load_config(FileTree(catalog))
    assert settle(config, (), (), lambda _: None).select == ("GK1", "GK521")
    assert settle(config, ("GK2",), (), lambda _: None).select == ("GK2",)


def test_a_bad_fail_on_value_is_located(catalog: Path) -> None:
    configure(catalog, "fail_on: never\n")
    outcome = run_cli("lint", "--root", str(catalog))
    assert outcome.exit_code == 2
    assert "govkit.yaml:5:" in outcome.stderr
    assert "fail_on" in outcome.stderr


def test_the_configured_fail_on_and_the_option_that_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_example(tmp_path / "city")  # its data has ten warnings (GK225)
    assert run_cli("validate", "--root", str(root), "-q").exit_code == 0
    configure(root, "fail_on: warning\n")
    assert run_cli("validate", "--root", str(root), "-q").exit_code == 1
    assert run_cli("validate", "--root", str(root), "-q", "--fail-on", "error").exit_code == 0
    assert api.fail_on(root) == "warning"


def test_fail_on_outside_a_catalog_is_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert api.fail_on() == "error"
    assert BUDGET  # the corpus entry the other tests break
