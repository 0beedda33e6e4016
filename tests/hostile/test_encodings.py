"""Declared encodings: only text encodings, by an allow-list; a missing BOM is a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile.conftest import DATA, declare

NOT_TEXT = ["rot13", "zlib", "base64", "hex", "uu", "quopri", "idna", "punycode", "undefined"]


def _findings(root: Path) -> tuple[int, list[dict[str, object]], str]:
    outcome = run_cli("validate", "--root", str(root), "--format", "json")
    assert "Traceback" not in outcome.stderr, outcome.stderr
    report = json.loads(outcome.stdout) if outcome.stdout else {"findings": []}
    return outcome.exit_code, report["findings"], outcome.stderr


@pytest.mark.parametrize("encoding", NOT_TEXT)
def test_a_codec_that_is_not_a_text_encoding_is_refused_by_name(
    catalog: Path, encoding: str
) -> None:
    declare(catalog, "encoding", encoding)

    code, findings, stderr = _findings(catalog)

    assert code == 1, stderr
    [finding] = [f for f in findings if f["code"] == "GK202"]
    assert f"'{encoding}'" in str(finding["message"])
    assert "utf-8" in str(finding["message"])  # says what may be declared


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_a_finding(
    catalog: Path, encoding: str
) -> None:
    data = catalog / DATA
    data.write_bytes(data.read_text(encoding="utf-8").encode(f"{encoding}-le"))
    declare(catalog, "encoding", encoding)

    code, findings, stderr = _findings(catalog)

    assert code == 1, stderr
    [finding] = [f for f in findings if f["code"] == "GK202"]
    assert "byte-order mark" in str(finding["message"])
    assert f"{encoding}-le" in str(finding["message"])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32-be", "windows-1256"])
def test_text_encodings_are_read(catalog: Path, encoding: str) -> None:
    data = catalog / DATA
    data.write_bytes(data.read_text(encoding="utf-8").encode(encoding))
    declare(catalog, "encoding", encoding)

    code, findings, stderr = _findings(catalog)

    assert (code, findings) == (0, []), stderr


@pytest.mark.parametrize("encoding", ["undefined", "idna", "utf-16"])
def test_the_personal_data_scan_refuses_what_the_engine_refuses(
    catalog: Path, encoding: str
) -> None:
    # The scan reads small files in Python; it must decode them as the byte pass does.
    declare(catalog, "encoding", encoding)

    outcome = run_cli("check", "--root", str(catalog), "--format", "json")

    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.exit_code in (0, 1), outcome.stderr
    codes = [f["code"] for f in json.loads(outcome.stdout)["findings"]]
    assert "GK302" in codes  # not scanned, and says so
