"""The obligations stage of the one judgment (`govkit.pipeline`): lint's references always,
the gaps where the policies run. A release is not refused for what the catalog owes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from govkit.catalog.loader import Catalog
from govkit.findings import Finding
from govkit.plan import packs
from govkit.plan.facts import Facts
from govkit.plan.rules import GAPS, LINT, ObligationViolation


def facts_of(catalog: Catalog, today: dt.date) -> Facts:
    return Facts(catalog, packs.enabled(catalog.tree, catalog.config), today)


def obligation_findings(catalog: Catalog, today: dt.date, *, gaps: bool) -> list[Finding]:
    facts = facts_of(catalog, today)
    found = []
    for plan_rule in (*LINT, *GAPS) if gaps else LINT:
        if plan_rule.check is None:
            continue
        for violation in plan_rule.check(facts):
            finding = plan_rule.finding(violation)
            if isinstance(violation, ObligationViolation):
                finding = replace(finding, obligation=violation.obligation)
            found.append(finding)
    return found
