"""The plan's page in a real headless Chromium: it renders, its script runs without a
console message, it is right-to-left in Persian and left-to-right in English, and it
loads nothing from anywhere (the browser runs with networking off)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--enable-logging=stderr", "--v=0",
)  # fmt: skip


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(ROOT)
    written = {}
    for lang in ("fa", "en"):
        page = tmp_path / f"plan-{lang}.html"
        outcome = run_cli("--lang", lang, "plan", "--today", "2026-11-28", "--html", str(page))
        assert outcome.exit_code == 0, outcome.stderr
        written[lang] = page
    return written


def test_the_persian_page_renders_right_to_left(pages: dict[str, Path], tmp_path: Path) -> None:
    done = browse(pages["fa"], tmp_path / "profile", "--dump-dom")
    dom = done.stdout
    assert re.search(r'<html lang="fa" dir="rtl">', dom)
    rendered = re.search(r'data-rendered="(\d+):(\d+)"', dom)
    assert rendered, "the page's script ran"
    items, marks = int(rendered[1]), int(rendered[2])
    assert items == marks > 0, "every item is listed and drawn"
    assert dom.count('class="quadrant"') == 4
    assert console(done.stderr) == []


def test_the_english_page_renders_left_to_right(pages: dict[str, Path], tmp_path: Path) -> None:
    done = browse(pages["en"], tmp_path / "profile", "--dump-dom")
    assert '<html lang="en" dir="ltr">' in done.stdout
    assert "publish now" in done.stdout
    assert console(done.stderr) == []


def test_a_page_with_an_error_is_seen(tmp_path: Path) -> None:
    """The console check can fail: a script error reaches the browser's log."""
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>noSuchFunction();</script></body></html>", "utf-8")
    done = browse(page, tmp_path / "profile", "--dump-dom")
    assert any("noSuchFunction" in line for line in console(done.stderr))


def test_the_page_draws_something(pages: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "plan.png"
    browse(pages["fa"], tmp_path / "profile", "--window-size=1000,1400", f"--screenshot={shot}")
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG")
    assert len(png) > 20_000, "more than a blank page"
