"""What the benchmark scripts share: timing a command in a subprocess, failing loudly, and
naming the machine the figures come from."""

from __future__ import annotations

import os
import platform
import shutil
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


def machine() -> str:
    """Cores, system and Python: what a figure in bench/README.md depends on."""
    nproc = shutil.which("nproc")
    cores = (
        subprocess.run([nproc], capture_output=True, text=True, check=True).stdout.strip()
        if nproc
        else str(os.cpu_count())
    )
    system = f"{platform.system()} {platform.release()} {platform.machine()}"
    return f"{cores} cores, {system}, Python {platform.python_version()}"
