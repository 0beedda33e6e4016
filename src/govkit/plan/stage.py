"""The obligations stage of the one judgment (`govkit.pipeline`): lint's references always,
the gaps where the policies run. A release is not refused for what the catalog owes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from govkit.catalog.loader import Catalog
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
    from govkit.pipeline import WHOLE, Judging, Options  # noqa: PLC0415 - it imports this module

    facts = facts_of(catalog, today)
    judging = Judging(catalog, loaded, Options(today), WHOLE)
    gaps = judging.settle(_findings(facts, (*LINT, *GAPS))).findings
    unread = sorted({f.location.path for f in loaded if f.code in ("GK101", "GK112")})
    return build_plan(facts, gaps, unread)


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
