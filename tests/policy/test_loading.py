"""Loading packs: lookup, compile-time refusals with positions, and the scopes' variables.

The bad-input corpus (tests/corpus/bad/policy-*, waiver-*) runs each refusal
through the command line; these tests cover the rest through the library.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import InputError
from govkit.policy import library
from govkit.policy.pack import load_pack
from tests.policy.packs import enable, pack, rule, write


def problems_of(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        api.check(root)
    return [str(problem) for problem in caught.value.problems]


def test_every_problem_of_a_pack_is_reported_at_once(catalog: Path) -> None:
    write(
        catalog,
        "policies/local.yaml",
        pack(
            rule(assertion="has(datset.license)"),
            rule("LC002", "second", when="dataset.id +", assertion='"true"'),
        ),
    )
    enable(catalog, "local")

    problems = problems_of(catalog)

    assert len(problems) == 2
    assert problems[0].startswith("policies/local.yaml:17:17: LC001 `assert`: unknown variable")
    assert problems[1].startswith("policies/local.yaml:28:23: LC002 `when`: not valid CEL")


def test_a_position_inside_a_quoted_expression(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack(rule(assertion='"has(dataset.licence) && datset"')))
    enable(catalog, "local")

    (problem,) = problems_of(catalog)

    # `datset` is the 25th character of the expression, which starts after the quote.
    assert problem.startswith(
        "policies/local.yaml:17:38: LC001 `assert`: unknown variable 'datset'"
    )


def test_a_catalogs_file_with_a_built_in_packs_id_does_not_replace_it(catalog: Path) -> None:
    own = pack(rule("IR901", "own-rule", assertion="dataset.id == 'nothing'"), pack_id="ir-foi")
    write(catalog, "policies/ir-foi.yaml", own)
    enable(catalog, "ir-foi")

    report = api.check(catalog)

    codes = {f.code for f in report.findings}
    assert "IR901" not in codes
    assert "GK523" in codes  # the file is reported, and ignored
    builtin = {rule.code for rule in library.builtin_pack("ir-foi").rules}  # type: ignore[union-attr]
    assert codes - {"GK523"} <= builtin


def test_a_pack_file_must_hold_the_pack_it_is_named_after(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack(pack_id="other"))
    enable(catalog, "local")

    assert problems_of(catalog) == [
        "policies/local.yaml:1:1: this file holds pack 'other'; rename it to policies/other.yaml"
    ]


def test_a_symlinked_pack_is_refused(catalog: Path, tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere.yaml", pack())
    (catalog / "policies").mkdir()
    os.symlink(outside, catalog / "policies" / "local.yaml")
    enable(catalog, "local")

    assert problems_of(catalog) == [
        "policies/local.yaml:1:1: is a symbolic link; govkit does not follow it"
    ]


def test_a_pack_listed_twice_and_the_waivers_file_are_refused(catalog: Path) -> None:
    enable(catalog, "ir-foi", "ir-foi", "waivers")

    problems = problems_of(catalog)

    assert problems[0] == "govkit.yaml:5:20: 'ir-foi' is listed twice"
    assert problems[1].startswith("govkit.yaml:5:28: 'waivers' is the waivers file")


def test_a_pack_rule_may_not_take_the_name_of_a_govkit_rule(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack(rule(name="unknown-unit")))
    enable(catalog, "local")

    (problem,) = problems_of(catalog)

    assert "rule name 'unknown-unit' is already used by govkit's rule GK102" in problem


def test_codes_of_one_pack_are_unique(catalog: Path) -> None:
    write(catalog, "policies/local.yaml", pack(rule(), rule(name="again")))
    enable(catalog, "local")

    assert problems_of(catalog) == ["policies/local.yaml:22:11: rule code 'LC001' is used twice"]


def test_a_citation_of_another_law(catalog: Path) -> None:
    text = pack().replace("citation: {law: local-guideline", "citation: {law: ir-foi")
    write(catalog, "policies/local.yaml", text)
    enable(catalog, "local")

    (problem,) = problems_of(catalog)

    assert "cites law 'ir-foi', but this pack encodes 'local-guideline'" in problem


def test_a_function_cel_does_not_have_is_refused_when_the_pack_loads() -> None:
    text = pack(rule(assertion="dataset.id.lowerAscii() == 'budget'"))

    with pytest.raises(InputError) as caught:
        load_pack(text.encode(), "policies/local.yaml")

    assert str(caught.value).startswith(
        "policies/local.yaml:17:24: LC001 `assert`: unknown function 'lowerAscii'"
    )


@pytest.mark.parametrize(
    ("scope", "expression", "allowed"),
    [
        ("dataset", "field.name == 'x'", False),
        ("dataset", "unit.id == 'finance' && config.languages.size() > 0", True),
        ("resource", "resource.name == dataset.id", True),
        ("resource", "field.name == 'x'", False),
        ("field", "field.name == resource.name", True),
        ("change", "before.access_level == after.access_level", True),
        ("change", "dataset.id == 'x'", False),
        ("dataset", "dataset.exemptions.all(e, e.law == 'ir-foi')", True),
    ],
)
def test_each_scope_has_its_variables(scope: str, expression: str, allowed: bool) -> None:
    text = pack(rule(scope=scope, assertion=f'"{expression} || true"', message="m", failing="{}"))
    if allowed:
        loaded = load_pack(text.encode(), "local.yaml")
        assert loaded.rules[0].scope.value == scope
    else:
        with pytest.raises(InputError, match="unknown variable"):
            load_pack(text.encode(), "local.yaml")


def test_change_rules_are_defined_and_tested_but_not_checked(catalog: Path) -> None:
    change = rule(
        "LC002",
        "loosened-without-approval",
        scope="change",
        assertion='"level_rank(after.access_level) >= level_rank(before.access_level)"',
        message="{{ after.id }} was loosened",
        passing="{after: {access_level: confidential}, before: {access_level: public}}",
        failing="{before: {access_level: confidential}, after: {access_level: public}}",
    )
    write(catalog, "policies/local.yaml", pack(rule(), change))
    enable(catalog, "local")

    assert [f.code for f in api.check(catalog).findings] == []
    (tested,) = api.policy_test(catalog)
    assert [(r.rule.code, r.expected, r.problem) for r in tested.results] == [
        ("LC001", "pass", None),
        ("LC001", "fail", None),
        ("LC002", "pass", None),
        ("LC002", "fail", None),
    ]
