"""DuckDB never prints into govkit's output."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from govkit.engine.database import interrupt_all, open_database

LONG_QUERY = "SELECT count(*) FROM range(2500000000) t(i) WHERE i % 7 = 3"


def test_no_progress_bar_on_standard_output(tmp_path: Path) -> None:
    """A query over two seconds would make DuckDB draw its bar on standard output (a
    report written there would hold it), even when that is a file."""
    script = (
        "from govkit.engine.database import open_database\n"
        f"print(open_database().execute({LONG_QUERY!r}).fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout == "357142857\n"
    assert "%" not in done.stderr


def test_every_kind_of_connection_is_quiet(tmp_path: Path) -> None:
    for database in (":memory:", str(tmp_path / "engine.duckdb")):
        connection = open_database(database)
        setting = connection.execute("SELECT current_setting('enable_progress_bar')").fetchone()
        assert setting == (False,)
        connection.close()


def test_interrupt_all_stops_queries_running_in_other_threads() -> None:
    closed = open_database()
    closed.close()  # a closed connection is passed over
    connection = open_database()
    outcome: list[str] = []

    def run() -> None:
        try:
            connection.execute(LONG_QUERY.replace("2500000000", "250000000000")).fetchall()
            outcome.append("finished")
        except duckdb.InterruptException:
            outcome.append("interrupted")

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    deadline = time.monotonic() + 60
    while worker.is_alive() and time.monotonic() < deadline:  # until the query has begun
        interrupt_all()
        worker.join(timeout=0.2)
    assert outcome == ["interrupted"]
