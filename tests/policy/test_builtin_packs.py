"""The built-in packs: every rule's pass and fail cases, their codes, and how they ship."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from govkit.policy import library
from govkit.policy.cases import BASELINE, case_problem, rule_cases
from govkit.policy.pack import CompiledRule, cited_articles, load_pack
from govkit.scaffold import template_files
from govkit.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
PACKS = library.builtin_packs()
RULES = [rule for pack in PACKS for rule in pack.rules]
CASES = [(rule, expected, number) for rule in RULES for expected, number, _ in rule_cases(rule)]
PREFIXES = {
    "ir-foi": "IR",
    "access-levels": "AL",
    "governance": "GV",
    "freshness": "FR",
    "us-foia": "US",
    "uk-foi": "UK",
}


@pytest.mark.parametrize(
    ("rule", "expected", "number"),
    CASES,
    ids=[f"{rule.code}-{expected}-{number}" for rule, expected, number in CASES],
)
def test_builtin_rule_case(rule: CompiledRule, expected: str, number: int) -> None:
    case = {(e, n): c for e, n, c in rule_cases(rule)}[(expected, number)]
    assert case_problem(rule, expected, case) is None


def test_every_issue_pack_is_built_in() -> None:
    assert [pack.id for pack in PACKS] == list(library.BUILTIN_PACKS) == list(PREFIXES)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_pack_codes_share_its_prefix_and_cite_its_law(pack: library.PolicyPack) -> None:
    codes = [rule.code for rule in pack.rules]
    assert codes == sorted(codes)
    assert all(re.fullmatch(PREFIXES[pack.id] + r"\d{3}", code) for code in codes)
    for rule in pack.rules:
        assert rule.citation.law == pack.model.metadata.law.id
        assert cited_articles(pack.model.metadata.law, rule.citation.article)
        assert {"en", "fa"} <= set(rule.spec.title) or pack.id.startswith(("us-", "uk-"))
        assert rule.spec.description, f"{rule.code} says why it exists"
        assert rule.spec.fix, f"{rule.code} says how to fix a finding"


def test_codes_and_names_are_unique_across_all_built_in_packs() -> None:
    library.check_unique(PACKS)


def test_ir_foi_covers_every_consequence_of_the_law() -> None:
    """DOMAIN.md §2 "machine-checkable consequences", one or more rules each."""
    cited = {rule.spec.citation.article for rule in library.builtin_pack("ir-foi").rules}  # type: ignore[union-attr]
    assert {"10", "13-17", "16-17", "13", "17-note-1", "secrets-guideline", "14", "bylaw"} <= cited


def test_the_wheel_ships_exactly_the_built_in_packs() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert shipped == {f"policies/{p}.yaml": f"govkit/policies/{p}.yaml" for p in PREFIXES}


def test_built_in_packs_are_read_from_the_source_tree_in_an_editable_install() -> None:
    folder = library.builtin_folder()
    assert sorted(p.name for p in folder.iterdir() if p.name != "waivers.yaml") == sorted(
        f"{p}.yaml" for p in PREFIXES
    )


def test_the_scaffolds_own_pack_passes_its_cases() -> None:
    text = template_files()["policies/local.yaml"]
    pack = load_pack(text, "policies/local.yaml")
    results = [case_problem(r, e, c) for r in pack.rules for e, _, c in rule_cases(r)]
    assert results
    assert all(problem is None for problem in results)


def test_the_documented_baseline_is_the_one_cases_use() -> None:
    doc = (ROOT / "docs" / "policy-packs.md").read_text(encoding="utf-8")
    block = next(
        b for b in re.findall(r"```yaml\n(.*?)```", doc, flags=re.S) if "# The baseline" in b
    )
    assert load_yaml(block.encode(), "docs").data == dict(BASELINE)


def test_the_documented_pack_example_loads() -> None:
    doc = (ROOT / "docs" / "policy-packs.md").read_text(encoding="utf-8")
    block = next(
        b for b in re.findall(r"```yaml\n(.*?)```", doc, flags=re.S) if b.startswith("metadata:")
    )
    pack = load_pack(block.encode(), "docs/policy-packs.md")
    assert [rule.code for rule in pack.rules] == ["LC001"]
