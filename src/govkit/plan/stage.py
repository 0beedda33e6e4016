"""The obligations stage of the one judgment (`govkit.pipeline`): lint's references always,
the gaps where the policies run. A release is not refused for what the catalog owes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from govkit.catalog.loader import Catalog
from govkit.catalog.tree import Kind
from govkit.errors import InputError
from govkit.findings import Finding
from govkit.plan import packs
from govkit.plan.build import Plan, build_plan
from govkit.plan.facts import Facts
from govkit.plan.rules import GAPS, LINT, ObligationViolation
from govkit.rules import Rule


def facts_of(catalog: Catalog, today: dt.date) -> Facts:
    return Facts(catalog, packs.enabled(catalog.tree, catalog.config), today)


def obligation_findings(catalog: Catalog, today: dt.date, *, gaps: bool) -> list[Finding]:
    return _findings(facts_of(catalog, today), (*LINT, *GAPS) if gaps else LINT)


def plan_of(catalog: Catalog, loaded: Sequence[Finding], today: dt.date) -> Plan:
    """The plan of a loaded catalog; its gaps are the GK7xx findings with the waivers a
    `govkit check` applies."""
    facts = facts_of(catalog, today)
    gaps = _waived(catalog, _findings(facts, (*LINT, *GAPS)), today)
    unread = sorted({f.location.path for f in loaded if f.code in ("GK101", "GK112")})
    return build_plan(facts, gaps, unread)


def _waived(catalog: Catalog, findings: list[Finding], today: dt.date) -> list[Finding]:
    """The waivers applied as `govkit check` applies them, without what else a check builds
    (the release's selection): the policy packs are compiled only when a waiver names one
    of their rules. A lapsed waiver is `check`'s finding, not a gap."""
    from govkit.policy import waivers  # noqa: PLC0415
    from govkit.ruleset import RuleSet  # noqa: PLC0415

    if catalog.tree.kind(waivers.WAIVERS_FILE) is Kind.MISSING:
        return findings
    rules = RuleSet.builtin()
    try:
        loaded = waivers.load_waivers(catalog.tree, dict(rules.infos))
    except InputError:
        from govkit.policy import library  # noqa: PLC0415 - compiles CEL

        packs = library.enabled_packs(catalog.tree, catalog.config)
        loaded = waivers.load_waivers(catalog.tree, dict(rules.with_packs(packs).infos))
    judged = waivers.apply_waivers(findings, loaded, today)
    return [finding for finding in judged if finding.code.startswith("GK7")]


def _findings(facts: Facts, rules: Sequence[Rule[Facts]]) -> list[Finding]:
    found = []
    for plan_rule in rules:
        if plan_rule.check is None:
            continue
        for violation in plan_rule.check(facts):
            finding = plan_rule.finding(violation)
            if isinstance(violation, ObligationViolation):
                finding = replace(finding, obligation=violation.obligation)
            found.append(finding)
    return found
