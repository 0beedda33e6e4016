"""Data files read the same way everywhere, with nothing dropped or misread in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit.engine import load, source
from tests.conftest import run_cli
from tests.hostile.conftest import DATA


def _validate(root: Path) -> tuple[int, list[dict[str, object]]]:
    outcome = run_cli("validate", "--root", str(root), "--format", "json")
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.exit_code in (0, 1), outcome.stderr
    return outcome.exit_code, json.loads(outcome.stdout)["findings"]


def test_cr_only_line_endings_are_named(catalog: Path) -> None:
    (catalog / DATA).write_bytes(b"programme,approved\rroads,12\rparks,45\r")

    code, findings = _validate(catalog)

    assert code == 1
    [finding] = findings
    assert finding["code"] == "GK201"
    assert "carriage return" in str(finding["message"])


def test_crlf_line_endings_are_read(catalog: Path) -> None:
    (catalog / DATA).write_bytes(b"programme,approved\r\nroads,12\r\nparks,45\r\n")

    assert _validate(catalog) == (0, [])


def test_a_last_line_longer_than_the_reader_takes_is_a_finding_with_its_row(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limits made small, so the test need not write 32 MiB; the byte pass reads in
    # chunks smaller than a line may be, as it does with the real limits.
    monkeypatch.setattr(load, "MAX_LINE", 2048)
    monkeypatch.setattr(load, "BUFFER", 4096)
    monkeypatch.setattr(source, "CHUNK", 1000)
    (catalog / DATA).write_text("programme,approved\nroads,12\n" + "x" * 5000 + ",1\n")

    code, findings = _validate(catalog)

    assert code == 1
    [finding] = findings
    assert finding["code"] == "GK201"
    assert finding["row"] == 3
    assert "line 3" in str(finding["message"])


def test_an_invalid_byte_in_an_extra_cell_is_the_encoding_finding(catalog: Path) -> None:
    (catalog / DATA).write_bytes(b"programme,approved\nroads,12,\xff\xfe\nparks,45\n")

    code, findings = _validate(catalog)

    assert code == 1
    assert [(f["code"], f["row"]) for f in findings] == [("GK202", 2)]


def test_blank_lines_before_the_header_validate_and_export_alike(
    catalog: Path, tmp_path: Path
) -> None:
    (catalog / DATA).write_bytes(b"\n\n\nprogramme,approved\nroads,12\nparks,45\n")
    with (catalog / "govkit.yaml").open("a", encoding="utf-8") as config:
        config.write("export:\n  base_url: https://example.org/data/\n")

    assert _validate(catalog) == (0, [])
    out = tmp_path / "release"
    outcome = run_cli(
        "export", "--root", str(catalog), "--level", "public", "--allow-dirty", "--out", str(out)
    )
    assert outcome.exit_code == 0, outcome.stderr
    released = next(out.rglob("budget-1405.csv")).read_text(encoding="utf-8")
    assert released.splitlines() == ["programme,approved", "roads,12", "parks,45"]
