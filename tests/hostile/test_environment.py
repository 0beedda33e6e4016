"""A temporary folder that is full is an environment error (exit 2), and never cached."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.hostile.conftest import DATA, declare

LIMIT = 1 << 20  # bytes a file may grow to: the transcoded copy of the data needs more


def _limit_file_size() -> None:
    # A write past the limit then fails with EFBIG, as a full disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _validate(root: Path, cache: Path, *, limited: bool) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    return subprocess.run(
        [sys.executable, "-m", "govkit", "validate", "--root", str(root)],
        env=env, capture_output=True, text=True, check=False, timeout=120,
        preexec_fn=_limit_file_size if limited else None,
    )  # fmt: skip


def test_a_full_temporary_folder_is_exit_2_and_not_remembered(
    catalog: Path, tmp_path: Path
) -> None:
    rows = "".join(f"programme-{i:07d},{i}\n" for i in range(150_000))
    (catalog / DATA).write_text("programme,approved\n" + rows, encoding="cp1256")
    declare(catalog, "encoding", "windows-1256")  # transcoded to a temporary copy
    cache = tmp_path / "cache"

    full = _validate(catalog, cache, limited=True)

    assert full.returncode == 2, full.stdout + full.stderr
    assert full.stdout == ""
    assert "temporary" in full.stderr
    assert "Traceback" not in full.stderr
    again = _validate(catalog, cache, limited=False)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_full_temporary_folder_during_export_from_a_ref_is_exit_2(
    catalog: Path, tmp_path: Path
) -> None:
    rows = "".join(f"programme-{i:07d},{i}\n" for i in range(150_000))
    (catalog / DATA).write_text("programme,approved\n" + rows, encoding="utf-8")
    with (catalog / "govkit.yaml").open("a", encoding="utf-8") as config:
        config.write("export:\n  base_url: https://example.org/data/\n")
    pinned = {
        **os.environ, "GIT_AUTHOR_NAME": "Sara", "GIT_AUTHOR_EMAIL": "s@example.org",
        "GIT_COMMITTER_NAME": "Sara", "GIT_COMMITTER_EMAIL": "s@example.org",
        "GIT_AUTHOR_DATE": "2025-01-01T10:00:00Z", "GIT_COMMITTER_DATE": "2025-01-01T10:00:00Z",
    }  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "catalog"]):
        subprocess.run(["git", *args], cwd=catalog, env=pinned, check=True)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }

    done = subprocess.run(
        [sys.executable, "-m", "govkit", "export", "--root", str(catalog), "--ref", "HEAD",
         "--level", "public", "--out", str(tmp_path / "release")],
        env=env, capture_output=True, text=True, check=False, timeout=120,
        preexec_fn=_limit_file_size,
    )  # fmt: skip

    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "release").exists()
