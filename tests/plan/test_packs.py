"""Obligation packs: the built-in ones, and what makes a pack or its enabling unusable (exit 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govkit import api
from govkit.plan import cases, packs
from tests.conftest import run_cli
from tests.plan.conftest import edit

BUILTIN = packs.builtin_packs()
PREFIXES = {"ir-foi-proactive": "ir-", "odc-anti-corruption": "odc-", "uk-lgtc-2015": "lgtc-",
            "eu-hvd": "hvd-"}  # fmt: skip
OUTCOMES = [(pack.id, outcome) for pack in BUILTIN for outcome in cases.run_item_cases(pack)]


def test_the_four_packs_are_built_in() -> None:
    assert [pack.id for pack in BUILTIN] == list(packs.BUILTIN) == list(PREFIXES)


@pytest.mark.parametrize("pack", BUILTIN, ids=lambda p: p.id)
def test_every_item_cites_its_source_in_both_languages(pack: packs.LoadedPack) -> None:
    assert pack.model.metadata.source.title
    for item in pack.model.items:
        assert item.id.startswith(PREFIXES[pack.id])
        assert item.source.ref.strip(), f"{item.id} cites its source"
        assert {"fa", "en"} <= set(item.title), f"{item.id} has a bilingual title"
        if item.threshold and item.threshold.column:
            assert item.threshold.column in {c.concept for c in item.columns}


@pytest.mark.parametrize(
    ("pack", "outcome"),
    OUTCOMES,
    ids=[f"{outcome.item}-{outcome.case.name}" for _, outcome in OUTCOMES],
)
def test_builtin_item_case(pack: str, outcome: cases.Outcome) -> None:
    assert outcome.problem is None, f"{pack}: {outcome.problem}"


def test_every_builtin_item_has_a_pass_and_a_fail_case() -> None:
    for pack in BUILTIN:
        for item in pack.model.items:
            expected = [case.expected for case in cases.item_cases(item)]
            assert expected.count(None) == 1
            assert len(expected) >= 3, item.id


def test_a_case_fails_when_the_item_is_not_what_the_rules_see(planned: Path) -> None:
    """The harness can fail: an item whose required column the pass case cannot hold."""
    pack = packs.load_pack((planned / "obligations/local.yaml").read_bytes(), "local.yaml")
    item = pack.model.items[0]
    broken = cases.Case("meets it", None, cases._entry(item), [{"name": "elsewhere"}])
    outcome = cases.Outcome(item.id, broken, tuple(cases._judged(pack, broken)))
    assert outcome.problem == "expected no finding, got GK705"


def test_a_catalog_pack_is_enabled_and_overridden(planned: Path) -> None:
    overrides = "plan:\n  overrides:\n    local-budget: {period: P1M}\n"
    edit(planned / "govkit.yaml", "obligations: [local]\n", f"obligations: [local]\n{overrides}")
    plan = api.plan(planned, today=dt.date(2026, 12, 30))
    overdue = [b for row in plan.rows for b in row.blocks if b.kind.value == "overdue"]
    assert [(b.dataset, b.day) for b in overdue] == [("budget", dt.date(2026, 12, 22))]


BAD_PACKS = [
    ("unknown field", "    period: P1Y\n", "    period: P1Y\n    cadence: monthly\n", 14, 5,
     "cadence"),
    ("bad period", "    period: P1Y\n", "    period: yearly\n", 13, 13, "period"),
    ("duplicate id", "  - id: local-leases\n", "  - id: local-budget\n", 16, 9,
     "'local-budget' is used twice"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "old", "new", "line", "column", "says"), BAD_PACKS,
                         ids=[c[0] for c in BAD_PACKS])  # fmt: skip
def test_a_bad_pack_is_exit_2_at_its_position(  # noqa: PLR0917 - one parametrized case
    planned: Path, case: str, old: str, new: str, line: int, column: int, says: str
) -> None:
    edit(planned / "obligations/local.yaml", old, new)
    for command in (("lint",), ("check",), ("plan",)):
        outcome = run_cli(*command, "--root", str(planned))
        assert outcome.exit_code == 2, (command, outcome.stdout)
        first = outcome.stderr.splitlines()[0]
        assert first.startswith(f"obligations/local.yaml:{line}:{column}: "), first
        assert says in first


def test_an_unknown_pack_is_exit_2_in_govkit_yaml(planned: Path) -> None:
    edit(planned / "govkit.yaml", "obligations: [local]", "obligations: [local, odc-anti-corupt]")
    outcome = run_cli("plan", "--root", str(planned))
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("govkit.yaml:5:22: unknown obligation pack 'odc-anti-corupt'")
    assert "did you mean 'odc-anti-corruption'?" in outcome.stderr


def test_an_override_of_no_item_suggests_one(planned: Path) -> None:
    overrides = "plan:\n  overrides:\n    local-budgets: {deadline: P2M}\n"
    edit(planned / "govkit.yaml", "obligations: [local]\n", f"obligations: [local]\n{overrides}")
    outcome = run_cli("check", "--root", str(planned))
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("govkit.yaml:8:5: override of 'local-budgets'")
    assert "did you mean 'local-budget'?" in outcome.stderr


def test_an_items_id_is_unique_across_packs(planned: Path) -> None:
    edit(planned / "obligations/local.yaml", "  - id: local-leases\n", "  - id: odc-grants\n")
    both = "obligations: [odc-anti-corruption, local]"
    edit(planned / "govkit.yaml", "obligations: [local]", both)
    outcome = run_cli("lint", "--root", str(planned))
    assert outcome.exit_code == 2
    assert "obligations/local.yaml:16:9: item id 'odc-grants' is already an item of pack " \
        "'odc-anti-corruption'" in outcome.stderr  # fmt: skip


def test_the_pack_example_in_the_docs_loads() -> None:
    import re  # noqa: PLC0415

    doc = (Path(__file__).parents[2] / "docs" / "plan.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)
                 if b.startswith("metadata:"))  # fmt: skip
    pack = packs.load_pack(block.encode(), "docs/plan.md")
    assert [o.problem for o in cases.run_item_cases(pack)] == [None] * 7
