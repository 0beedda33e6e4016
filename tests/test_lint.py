"""Every lint rule through the library: the valid catalog passes, one edit makes it fail."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import GovkitError, InputError
from govkit.findings import FailOn, Severity

BUDGET = "catalog/finance/budget.yaml"
SCHEMA = "schemas/budget.schema.yaml"


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def add(relative: str, content: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")

    return apply


def add_copy_of_budget(relative: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / relative).write_bytes((root / BUDGET).read_bytes())

    return apply


def remove(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def link(relative: str, target: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / relative).unlink()
        os.symlink(target, root / relative)

    return apply


RESOURCE = "    format: csv\n"
SECOND_RESOURCE = (
    "  - name: budget-1405\n"
    "    path: finance/budget/budget-1405.csv\n"
    "    schema: budget.schema.yaml\n"
    "    format: csv\n"
)


EXEMPTION = 'license: CC-BY-4.0\nexemptions:\n  - {law: ir-foi, article: "14", %s}\n'
STAFF = """\
id: staff
title: {en: Staff}
description: {en: Staff register}
unit: finance
steward: {name: Sara Ahmadi, email: s.ahmadi@example.org}
access_level: confidential
last_updated: 2026-10-22
resources:
  - name: staff-1405
    path: ./finance//budget/budget-1405.csv
    schema: budget.schema.yaml
    format: csv
"""


def _exempt(what: str) -> Callable[[Path], None]:
    return edit(BUDGET, "license: CC-BY-4.0\n", EXEMPTION % what)


def add_config(text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        config = root / "govkit.yaml"
        config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")

    return apply


def _missing_name(root: Path) -> None:
    edit(SCHEMA, "type: string, title", "type: string, sensitivity: personal, title")(root)
    edit(SCHEMA, "primaryKey", 'missingValues: ["", "-", Sara Ahmadi]\nprimaryKey')(root)


def _looser_level(root: Path) -> None:
    edit(BUDGET, "access_level: public", "access_level: internal")(root)
    edit(BUDGET, RESOURCE, RESOURCE + "    access_level: public\n")(root)


# rule code -> (edit that breaks the catalog, the finding's file:line:col, a message fragment)
FAILURES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "GK101": (edit(BUDGET, "format: csv", "format: cvs"), f"{BUDGET}:14:13", "did you mean 'csv'"),
    "GK102": (edit(BUDGET, "unit: finance", "unit: roads"), f"{BUDGET}:4:7", "unit 'roads'"),
    "GK103": (add_copy_of_budget("catalog/finance/budget-2.yaml"), f"{BUDGET}:1:5", "already used"),
    "GK104": (
        edit(BUDGET, RESOURCE, RESOURCE + SECOND_RESOURCE),
        f"{BUDGET}:15:11",
        "more than once",
    ),
    "GK105": (edit(BUDGET, "path: finance/", "path: ../finance/"), f"{BUDGET}:12:11", "'..'"),
    "GK106": (
        remove("catalog/finance/budget/budget-1405.csv"),
        f"{BUDGET}:12:11",
        "does not exist",
    ),
    "GK107": (remove(SCHEMA), f"{BUDGET}:13:13", "schemas/budget.schema.yaml does not exist"),
    "GK108": (
        edit(SCHEMA, "primaryKey: [programme]", "primaryKey: [program]"),
        f"{SCHEMA}:4:13",
        "primary key",
    ),
    "GK109": (_looser_level, f"{BUDGET}:15:19", "looser than the dataset's 'internal'"),
    "GK110": (
        edit(BUDGET, "access_level: public", "access_level: open"),
        f"{BUDGET}:6:15",
        "'open'",
    ),
    "GK111": (
        remove("catalog/units.yaml"),
        "catalog/units.yaml:1:1",
        "declare the organisation's units",
    ),
    "GK112": (link(BUDGET, "/etc/hostname"), f"{BUDGET}:1:1", "symbolic link"),
    "GK113": (
        edit("catalog/units.yaml", "units:\n", "units:\n  - {id: finance, name: {en: Finance}}\n"),
        "catalog/units.yaml:3:9",
        "declared more than once",
    ),
    "GK114": (
        edit(BUDGET, "id: budget", "id: budget-plan"),
        f"{BUDGET}:1:5",
        "rename it to budget-plan.yaml",
    ),
    "GK120": (
        _exempt("fields: [Approved]"),
        f"{BUDGET}:11:43",
        "names field 'Approved', which no resource it covers has; did you mean 'approved'?",
    ),
    "GK121": (
        _exempt("resources: [budget-1404]"),
        f"{BUDGET}:11:46",
        "resource 'budget-1404', which 'budget' does not have; did you mean 'budget-1405'?",
    ),
    "GK122": (
        add("catalog/finance/staff.yaml", STAFF),
        f"{BUDGET}:12:11",
        "catalog/finance/budget/budget-1405.csv is also the data file of 'staff/staff-1405' "
        "(catalog/finance/staff.yaml), which is 'confidential' where this one is 'public'",
    ),
    "GK123": (_missing_name, f"{SCHEMA}:4:26", "missing value 'Sara Ahmadi' looks like a value"),
    "GK124": (
        add_config("export: {out: ../public}\n"),
        "govkit.yaml:5:15",
        "export.out '../public' contains '..'; write a folder inside the catalog root",
    ),
}


def test_the_valid_catalog_has_no_findings(catalog: Path) -> None:
    report = api.lint(catalog)
    assert report.findings == ()
    assert not report.failed(FailOn.INFO)


def test_every_lint_rule_has_a_failing_case() -> None:
    assert set(FAILURES) == {r.code for r in api.rules() if r.code.startswith("GK1")}


@pytest.mark.parametrize("code", sorted(FAILURES))
def test_rule_fails(code: str, catalog: Path) -> None:
    breaks, where, fragment = FAILURES[code]
    breaks(catalog)

    report = api.lint(catalog)

    found = [f for f in report.findings if f.code == code]
    assert found, [f"{f.code} {f.message}" for f in report.findings]
    finding = found[0]
    location = f"{finding.location.path}:{finding.location.line}:{finding.location.column}"
    assert location == where
    assert fragment in finding.message
    assert finding.severity is api.explain(code).severity


def test_findings_name_their_dataset_and_resource(catalog: Path) -> None:
    FAILURES["GK106"][0](catalog)
    (finding,) = api.lint(catalog).findings
    assert (finding.dataset, finding.resource) == ("budget", "budget-1405")
    assert finding.location.pointer == "/resources/0/path"


def test_every_yaml_problem_in_the_catalog_is_reported_at_once(catalog: Path) -> None:
    add("catalog/finance/broken.yaml", "id: [\n")(catalog)
    (catalog / SCHEMA).write_text("fields: &a []\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        api.lint(catalog)
    assert [str(p) for p in caught.value.problems] == [
        "catalog/finance/broken.yaml:2:1: invalid YAML: did not find expected node content",
        "schemas/budget.schema.yaml:1:9: anchors are not allowed (&a); remove it",
    ]


def test_select_and_ignore_by_code_prefix_or_name(catalog: Path) -> None:
    edit(BUDGET, "unit: finance", "unit: roads")(catalog)
    edit(BUDGET, "id: budget", "id: budget-plan")(catalog)
    assert {f.code for f in api.lint(catalog).findings} == {"GK102", "GK114"}
    assert {f.code for f in api.lint(catalog, select=["GK102"]).findings} == {"GK102"}
    assert {f.code for f in api.lint(catalog, select=["entry-name-mismatch"]).findings} == {"GK114"}
    assert {f.code for f in api.lint(catalog, ignore=["GK1"]).findings} == set()
    assert {f.code for f in api.lint(catalog, select=["gk10"]).findings} == {"GK102"}
    assert {f.code for f in api.lint(catalog, ignore=["unknown-unit"]).findings} == {"GK114"}


def test_unknown_selector_is_a_usage_error(catalog: Path) -> None:
    with pytest.raises(GovkitError, match="unknown rule 'GK999'"):
        api.lint(catalog, select=["GK999"])


def test_fail_on_thresholds(catalog: Path) -> None:
    edit(BUDGET, "id: budget", "id: budget-plan")(catalog)
    report = api.lint(catalog)
    assert [f.severity for f in report.findings] == [Severity.WARNING]
    assert not report.failed(FailOn.ERROR)
    assert report.failed(FailOn.WARNING)
    assert not report.failed(FailOn.NEVER)


def test_root_is_found_from_a_subfolder(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(catalog / "catalog" / "finance")
    assert api.lint().root == str(catalog.resolve())


def test_no_catalog_anywhere_up_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GovkitError, match=r"no govkit\.yaml"):
        api.lint()


def test_an_entry_with_schema_errors_is_left_out_of_other_rules(catalog: Path) -> None:
    edit(BUDGET, "format: csv", "format: cvs")(catalog)
    edit(BUDGET, "unit: finance", "unit: roads")(catalog)
    assert [f.code for f in api.lint(catalog).findings] == ["GK101"]


def test_schema_problems_are_reported_once_however_many_resources_use_it(catalog: Path) -> None:
    edit(BUDGET, RESOURCE, RESOURCE + SECOND_RESOURCE.replace("name: budget-1405", "name: copy"))(
        catalog
    )
    edit(SCHEMA, "type: integer", "type: intger")(catalog)
    assert [f.code for f in api.lint(catalog).findings] == ["GK108"]


def test_iranian_formats_are_govkits_and_only_on_strings(catalog: Path) -> None:
    edit(SCHEMA, "type: integer,", "type: integer, format: ir-national-id,")(catalog)
    edit(SCHEMA, "type: string,", "type: string, format: ir-mobile,")(catalog)
    (finding,) = api.lint(catalog).findings
    assert finding.message == "format 'ir-national-id' applies to string fields, not integer"


def test_exemption_names_match_case_sensitively_and_need_data_to_be_judged(catalog: Path) -> None:
    _exempt("fields: [approved], resources: [budget-1405]")(catalog)
    assert api.lint(catalog).findings == ()
    edit(BUDGET, "resources:\n", "resources: []\nold_resources:\n")(catalog)
    text = (catalog / BUDGET).read_text(encoding="utf-8").split("old_resources:")[0]
    misspelt = text.replace("[approved], resources: [budget-1405]", "[Approved]")
    (catalog / BUDGET).write_text(misspelt, encoding="utf-8")
    assert api.lint(catalog).findings == ()  # no data yet: nothing to withhold by that name
