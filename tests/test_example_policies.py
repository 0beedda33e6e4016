"""`govkit check` on the bundled example catalog reports exactly the intended findings.

The example is judged as of a fixed day, since freshness and waivers depend on
the date. What it shows on purpose:

- `air-quality` promises daily updates and was last updated on 2026-11-22: on
  2026-11-28 it is stale (FR001, a warning: the committee's monitoring list);
- `complaints-137` is stale the same way, but the committee waived it while the
  137 system moves (policies/waivers.yaml): reported, suppressed, not failing;
- everything else passes the four packs govkit.yaml enables, and `--scan`
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
        30,
        "complaints-137",
        "complaints-137-export-paused",
    ),
    ("FR001", "catalog/environment/air-quality.yaml", 23, "air-quality", None),
]


def findings(report: Report) -> list[tuple[str, str, int, str | None, str | None]]:
    return [
        (f.code, f.location.path, f.location.line, f.dataset, f.suppressed_by)
        for f in report.findings
    ]


def test_check_reports_exactly_the_intended_findings() -> None:
    report = api.check(ROOT, today=DAY)

    assert findings(report) == INTENDED
    assert report.summary() == {"error": 0, "warning": 1, "info": 0, "suppressed": 1}
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
