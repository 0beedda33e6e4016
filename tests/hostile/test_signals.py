"""SIGTERM and SIGINT stop govkit within a second and leave no temporary file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import DATA

SPARSE = 16 << 30  # a long byte pass, and not a byte of it on disk


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 128 + signal.SIGTERM), ("SIGINT", 130)])
def test_a_signal_stops_validation_and_cleans_up(
    catalog: Path, tmp_path: Path, name: str, code: int
) -> None:
    with (catalog / DATA).open("r+b") as data:
        data.truncate(SPARSE)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(temporary),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "govkit", "validate", "--no-cache", "--root", str(catalog)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert _wait_for(lambda: any(temporary.iterdir()), 30), "validation never started"
        time.sleep(0.3)
        sent = time.monotonic()
        process.send_signal(getattr(signal, name))
        _, stderr = process.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        process.kill()
        process.wait()

    assert process.returncode == code, stderr
    assert took < 1.0
    assert "Traceback" not in stderr.decode()
    assert list(temporary.iterdir()) == []
