"""`govkit plan` on the bundled example catalog, in every format (golden files), and what
the plan shows on purpose: an overdue publication, a partial release, unfulfilled items.

Run with GOVKIT_UPDATE_GOLDENS=1 to rewrite the golden files, then review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from govkit.cli.plan import PlanFormat
from govkit.plan.render import RENDERERS
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parents[1] / "golden" / "plan"
UPDATE = os.environ.get("GOVKIT_UPDATE_GOLDENS") == "1"
DAY = "2026-11-28"
SUFFIX = {"text": "text", "json": "json", "markdown": "md", "csv": "csv"}


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the plan names its root as the user would write it: "."
    monkeypatch.delenv("GOVKIT_LANG", raising=False)


def plan(*args: str, lang: str = "en") -> str:
    outcome = run_cli("--lang", lang, "plan", "--today", DAY, *args)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


def check_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"golden {name} differs"


def test_every_format_is_a_renderer() -> None:
    assert [f.value for f in PlanFormat] == list(RENDERERS) == list(SUFFIX)


@pytest.mark.parametrize("format", list(SUFFIX))
def test_the_example_plan_in_every_format(format: str) -> None:
    outcome = run_cli("plan", "--today", DAY, "-f", format)
    assert outcome.exit_code == 0
    check_golden(f"example.{SUFFIX[format]}", outcome.stdout)


def test_the_example_plan_in_persian() -> None:
    check_golden("fa/example.text", plan(lang="fa"))


def test_the_example_plan_shows_what_it_is_meant_to() -> None:
    record = json.loads(run_cli("plan", "--today", DAY, "-f", "json").stdout)
    blocks = [(item["id"], b) for item in record["items"] for b in item["blocks"]]
    overdue = [(i, b["dataset"], b["day"]) for i, b in blocks if b["kind"] == "overdue"]
    assert overdue == [("ir-managers-pay", "managers-pay", "2026-09-10")]
    partial = {i: b for i, b in blocks if b["kind"] == "partial-release"}
    assert partial["ir-grants"]["redact"] == ["recipient_national_id", "recipient_name"]
    assert "amount_irr" in partial["ir-grants"]["publish"]
    assert "recipient_national_id" not in partial["ir-grants"]["publish"]
    unfulfilled = {i for i, b in blocks if b["kind"] == "no-data"}
    assert {"odc-lobbying-register", "odc-audits"} <= unfulfilled
    scores = [item["score"] for item in record["items"]]
    assert scores == sorted(scores, reverse=True)
    assert record["summary"]["met"] == len(record["met"]) > 0
    assert {g["code"] for g in record["gaps"]} >= {"GK702", "GK703", "GK704", "GK707"}


def test_the_score_follows_the_configured_weights(tmp_path: Path) -> None:
    """No hidden weights: with only feasibility weighed, the score is the feasibility."""
    import shutil  # noqa: PLC0415

    root = tmp_path / "example"
    root.mkdir()
    for name in ("govkit.yaml", "catalog", "schemas", "policies"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    config = root / "govkit.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "plan:\n",
            "plan:\n  weights: {rent_generating: 0, oversight: 0, public_interest: 0, demand: 0,"
            " feasibility: 1}\n",
        ),
        encoding="utf-8",
    )
    outcome = run_cli("plan", "--root", str(root), "--today", DAY, "-f", "json")
    items = json.loads(outcome.stdout)["items"]
    assert items
    assert all(item["score"] == round(100 * item["signals"]["feasibility"], 1) for item in items)


def test_csv_has_one_row_per_item() -> None:
    rows = list(csv.DictReader(io.StringIO(plan("-f", "csv"))))
    record = json.loads(plan("-f", "json"))
    assert [r["id"] for r in rows] == [i["id"] for i in record["items"]]


def test_the_page_and_the_report_are_written_whole(tmp_path: Path) -> None:
    page, report = tmp_path / "plan.html", tmp_path / "plan.md"
    outcome = run_cli("plan", "--today", DAY, "-f", "markdown", "-o", str(report),
                      "--html", str(page))  # fmt: skip
    assert outcome.exit_code == 0
    assert outcome.stdout == ""
    assert report.read_text(encoding="utf-8").startswith("# Publication plan of . as of")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not any(word in html for word in ("src=", "href=", "url(", "@import")), "self-contained"
