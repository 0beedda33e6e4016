"""Progress of long data runs: a finished line for each table with its rows and bytes, a live
line with the totals, elapsed time and rate; nothing at all when stderr is not a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from govkit.cli.progress import Tracker, finished_line, size_text
from govkit.progress import Step
from tests.export.conftest import copy_example


def step(key: str, rows: int, size: int, done: int, total: int = 3) -> Step:
    return Step(key, resource=key, phase="validated", rows=rows, size=size, done=done, total=total)


def test_a_finished_line_names_the_table_its_rows_and_bytes() -> None:
    assert finished_line(step("parks/parks-1405", 25, 1234, 1)) == (
        "✓ parks/parks-1405 validated: 25 rows, 1.2 kB"
    )
    written = Step("a/b written", resource="a/b", phase="written", rows=2_000_000, size=48_100_000)
    assert finished_line(written) == "✓ a/b written: 2,000,000 rows, 48.1 MB"
    assert finished_line("plain") == "✓ plain"


def test_the_live_line_counts_tables_rows_bytes_time_and_rate() -> None:
    now = [100.0]
    tracker = Tracker("validating", clock=lambda: now[0])
    tracker.advance(step("a/one", 1_000_000, 30_000_000, 1))
    now[0] = 110.0
    tracker.advance(step("a/two", 200_000, 6_000_000, 2))
    assert tracker.status() == (
        "validating: 2/3 tables, 1,200,000 rows, 36.0 MB, 10 s, 120,000 rows/s"
    )


def test_sizes_read_as_people_write_them() -> None:
    assert [size_text(n) for n in (512, 1500, 2_500_000, 3_000_000_000)] == [
        "512 B", "1.5 kB", "2.5 MB", "3.0 GB",
    ]  # fmt: skip


def run_validate(root: Path, *, terminal: bool) -> str:
    """`govkit validate` in a child process, its stderr a pseudo-terminal or a pipe."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PYTHONPATH=str(Path(__file__).parents[1] / "src"), COLUMNS="200", TERM="xterm")
    command = [sys.executable, "-m", "govkit", "validate", "--root", str(root), "--no-cache"]
    if not terminal:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        return done.stderr
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    child.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_a_terminal_sees_each_table_finish_and_a_pipe_sees_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "city")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", run_validate(root, terminal=True))
    finished = [line for line in shown.splitlines() if line.startswith("✓ ")]
    size = size_text((root / "catalog/environment/parks/parks-1405.csv").stat().st_size)
    assert f"✓ parks/parks-1405 validated: 24 rows, {size}" in finished
    assert len(finished) == len(set(finished)) >= 10  # one line a table, each once
    assert re.search(r"validating: [0-9]+/[0-9]+ tables, [0-9,]+ rows, .* rows/s", shown)
    assert run_validate(root, terminal=False) == ""
