"""`govkit check` on the bundled example catalog reports exactly the intended findings.

The example is judged as of a fixed day, since freshness and waivers depend on
the date. What it shows on purpose:

- `air-quality` promises daily updates and was last updated on 2026-11-22: on
  2026-11-28 it is stale (FR001, a warning: the committee's monitoring list);
- `complaints-137` is stale the same way, but the committee waived it while the
  137 system moves (policies/waivers.yaml): reported, suppressed, not failing;
- the obligation packs (ir-foi-proactive, odc-anti-corruption) show what is owed:
  withheld grants and leases, an overdue publication, a plan past its date, and the
  items no published entry fulfils (two art. 10 duties waived while they are built);
- everything else passes the four policy packs govkit.yaml enables, and `--scan`
  finds no untagged personal column in the published data.

When the waiver lapses (after 2027-01-20) it turns into a GK402 error, which
the last test shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govkit import api
from govkit.findings import FailOn, Report
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 28)
INTENDED = [
    (
        "FR001",
        "catalog/citizen-services/complaints-137.yaml",
        31,
        "complaints-137",
        "complaints-137-export-paused",
    ),
    ("FR001", "catalog/environment/air-quality.yaml", 23, "air-quality", None),
    # What the obligation packs show (docs/plan.md): grants and leases withheld from the
    # public they are owed to (a partial release would do), managers' pay overdue under
    # the committee's quarterly override, a planned entry past its target date.
    ("GK704", "catalog/finance/grants-and-aid.yaml", 18, "grants-and-aid", None),
    ("GK704", "catalog/finance/grants-and-aid.yaml", 18, "grants-and-aid", None),
    ("GK707", "catalog/human-resources/managers-pay.yaml", 28, "managers-pay", None),
    (
        "IR012",
        "catalog/human-resources/senior-managers-asset-declarations.yaml",
        22,
        "senior-managers-asset-declarations",
        None,
    ),
    (
        "GK709",
        "catalog/urban-planning/kiosk-billboard-permits.yaml",
        18,
        "kiosk-billboard-permits",
        None,
    ),
    (
        "GK704",
        "catalog/urban-planning/municipal-property-leases.yaml",
        18,
        "municipal-property-leases",
        None,
    ),
    # Art. 10 duties planned for the end of 1405, waived meanwhile; recommendations unmet.
    ("GK702", "govkit.yaml", 43, "ir-foi-10-participation", "participation-channels-planned"),
    ("GK702", "govkit.yaml", 43, "ir-foi-10-services", "services-catalogue-planned"),
    ("GK703", "govkit.yaml", 43, "ir-article-5-beneficiaries", None),
    ("GK703", "govkit.yaml", 43, "ir-kiosk-billboard-permits", None),
    ("GK703", "govkit.yaml", 43, "odc-asset-declarations", None),
    ("GK703", "govkit.yaml", 43, "odc-audits", None),
    ("GK703", "govkit.yaml", 43, "odc-lobbying-register", None),
    ("GK703", "govkit.yaml", 43, "odc-procurement-complaints", None),
]


def findings(report: Report) -> list[tuple[str, str, int, str | None, str | None]]:
    return [
        (f.code, f.location.path, f.location.line, f.dataset or f.obligation, f.suppressed_by)
        for f in report.findings
    ]


def test_check_reports_exactly_the_intended_findings() -> None:
    report = api.check(ROOT, today=DAY)

    assert findings(report) == INTENDED
    assert report.summary() == {"error": 0, "warning": 13, "info": 0, "suppressed": 3}
    assert not report.failed(FailOn.ERROR)


def test_the_scan_adds_nothing() -> None:
    assert findings(api.check(ROOT, today=DAY, scan=True)) == INTENDED


def test_the_example_enables_the_iranian_packs() -> None:
    config = (ROOT / "govkit.yaml").read_text(encoding="utf-8")
    assert "policies: [ir-foi, access-levels, governance, freshness]" in config


def test_the_enabled_packs_pass_their_cases() -> None:
    outcome = run_cli("policy", "test", "--root", str(ROOT))
    assert outcome.exit_code == 0, outcome.stdout


def test_a_lapsed_waiver_fails_the_run() -> None:
    report = api.check(ROOT, today=dt.date(2027, 1, 21))

    lapsed = [f for f in report.findings if f.code == "GK402"]
    assert [(f.location.path, f.dataset) for f in lapsed] == [
        ("policies/waivers.yaml", "complaints-137")
    ]
    assert report.failed(FailOn.ERROR)
