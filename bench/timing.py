"""What the benchmark scripts share: timing a command in a subprocess, and failing loudly."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall time of one run, and the finished process."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, done


def expect_success(done: subprocess.CompletedProcess[bytes], label: str) -> None:
    """A command that failed makes every figure meaningless: stop with its output."""
    if done.returncode != 0:
        sys.stderr.write(done.stdout.decode(errors="replace")[-4000:])
        sys.stderr.write(done.stderr.decode(errors="replace")[-4000:])
        raise SystemExit(f"`{label}` exited with {done.returncode}; the benchmark is void")
