"""Jalali days in catalog metadata: read as the ISO day they name, everywhere a day is read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from govkit import api
from govkit.catalog.days import NotADay, read_day
from govkit.catalog.loader import load_catalog
from govkit.catalog.tree import FileTree
from tests.conftest import run_cli
from tests.policy.test_waivers import unlicensed, waive, waiver

BUDGET = "catalog/finance/budget.yaml"


def written(root: Path, last_updated: str, approval_day: str) -> None:
    """The budget entry with these days, monthly, approved; the freshness pack enabled."""
    path = root / BUDGET
    text = path.read_text(encoding="utf-8").replace(
        "last_updated: 2026-10-22",
        f"last_updated: {last_updated}\nupdate_frequency: R/P1M\n"
        f"approvals:\n  - {{ref: 1405/512, date: {approval_day}, decision: publish}}",
    )
    path.write_text(text, encoding="utf-8")
    config = root / "govkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "policies: [freshness]\n")


def check(root: Path, today: str) -> list[dict[str, object]]:
    outcome = run_cli("check", "--root", str(root), "--today", today, "-f", "json")
    findings: list[dict[str, object]] = json.loads(outcome.stdout)["findings"]
    return findings


@pytest.mark.parametrize("jalali", ["1405/09/09", "۱۴۰۵/۰۹/۰۹", "1405/9/9"])
def test_a_jalali_day_is_judged_as_its_iso_day(catalog: Path, tmp_path: Path, jalali: str) -> None:
    iso = tmp_path / "iso"
    shutil.copytree(catalog, iso)
    written(iso, "2026-11-30", "2026-11-01")
    written(catalog, jalali, "1405/08/10")
    # As text, every Jalali day sorts before every ISO one: only ISO days judge alike.
    for today, stale in (("2026-12-15", False), ("1405/10/25", True)):
        assert check(iso, today) == check(catalog, today)
        assert any(f["name"] == "stale-dataset" for f in check(catalog, today)) is stale


def test_the_loaded_entry_holds_iso_days(catalog: Path) -> None:
    written(catalog, "۱۴۰۴/۰۸/۲۹", "1404/08/28")
    loaded, findings = load_catalog(FileTree(catalog))
    assert findings == []
    (entry,) = [e for e in loaded.datasets if e.model.id == "budget"]
    assert entry.model.last_updated == dt.date(2025, 11, 20)
    assert entry.document.data["last_updated"] == "2025-11-20"
    assert entry.document.data["approvals"][0]["date"] == "2025-11-19"
    assert entry.document.locate("/last_updated").line == 8  # positions stay those written


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1404/13/01", "1404/13/01 is not a Jalali date: a Jalali year has months 1 to 12, not 13"),
        ("1404/00/10", "a Jalali year has months 1 to 12, not 0"),
        ("1404/01/00", "month 1 has 31 days, not 0"),
        ("1403/12/31", "month 12 has 30 days, not 31"),
        ("۱۴۰۴/08/29", "mixes Persian and Latin digits"),
        ("29/08/1404", "is not a date; write YYYY-MM-DD or a Jalali YYYY/MM/DD"),
    ],
)
def test_texts_that_name_no_day(text: str, reason: str) -> None:
    with pytest.raises(NotADay, match=reason):
        read_day(text)


def test_an_iso_shape_is_gregorian_even_for_a_jalali_year() -> None:
    assert read_day("1404-08-29") == dt.date(1404, 8, 29)


def test_a_waiver_written_in_jalali_days_holds_and_lapses_as_its_iso_days(catalog: Path) -> None:
    unlicensed(catalog)
    # 1405/03/13 is 2026-06-03, 1405/09/09 is 2026-11-30.
    waive(catalog, waiver("GV003", "{dataset: budget}", "۱۴۰۵/۰۳/۱۳", "1405/09/09"))

    held = api.check(catalog, select=["GV003", "GK402"], today=dt.date(2026, 11, 30))
    lapsed = api.check(catalog, select=["GV003", "GK402"], today=dt.date(2026, 12, 1))

    assert [(f.code, f.suppressed_by) for f in held.findings] == [("GV003", "waiver-gv003")]
    (expired,) = [f for f in lapsed.findings if f.code == "GK402"]
    assert "expired on 1405/09/09 (decision" in expired.message  # shown as written


@pytest.mark.parametrize(
    ("expires", "problem"),
    [
        ("1405/13/01", "a Jalali year has months 1 to 12, not 13"),
        ("1404/12/30", "Esfand 1404 has 29 days"),
        ("1405/09/2۰", "mixes Persian and Latin digits"),
    ],
)
def test_a_waiver_day_that_is_none_is_refused_at_its_line(
    catalog: Path, expires: str, problem: str
) -> None:
    unlicensed(catalog)
    waive(catalog, waiver("GV003", "{dataset: budget}", "1405/09/01", expires))

    outcome = run_cli("check", "--root", str(catalog), "--today", "2026-12-01")

    assert outcome.exit_code == 2
    assert "policies/waivers.yaml:9:14" in outcome.stderr
    assert problem in outcome.stderr


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1405/01/01/1405/08/30", "2026-03-21/2026-11-21"),
        ("۱۴۰۵/۰۱/۰۱/..", "2026-03-21/.."),
        ("2026-03-21/1405/08/30", "2026-03-21/2026-11-21"),
    ],
)
def test_a_jalali_temporal_is_read_as_its_iso_interval(
    catalog: Path, written: str, iso: str
) -> None:
    path = catalog / BUDGET
    path.write_text(path.read_text(encoding="utf-8") + f"temporal: {written}\n", "utf-8")

    loaded, findings = load_catalog(FileTree(catalog))

    assert findings == []
    (entry,) = [e for e in loaded.datasets if e.model.id == "budget"]
    assert entry.model.temporal == iso
    assert entry.document.data["temporal"] == iso


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("1405/01/01/1403/12/31", "month 12 has 30 days, not 31"),
        ("1405/1/1/1405", "'/temporal' is '1405/1/1/1405': 1405 is not a date"),
    ],
)
def test_a_temporal_that_names_no_day_is_a_lint_finding(
    catalog: Path, written: str, problem: str
) -> None:
    path = catalog / BUDGET
    path.write_text(path.read_text(encoding="utf-8") + f"temporal: {written}\n", "utf-8")

    outcome = run_cli("lint", "--root", str(catalog), "-f", "json")

    (finding,) = json.loads(outcome.stdout)["findings"]
    assert finding["code"] == "GK101"
    assert problem in finding["message"]
    assert finding["path"] == BUDGET
