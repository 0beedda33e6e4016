"""Opening DuckDB the way every part of govkit uses it, and stopping it all at once."""

from __future__ import annotations

import contextlib
import errno
import tempfile
import threading
import weakref

import duckdb

from govkit.errors import GovkitError

_OPEN: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()
_STOPPING = threading.Event()


def open_database(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory, or a database file) that prints nothing."""
    connection = duckdb.connect(database)
    # DuckDB draws a progress bar on standard output for a query over two seconds, whether
    # or not it is a terminal: it would land inside a JSON or SARIF report written there.
    connection.execute("SET enable_progress_bar=false")
    _OPEN.add(connection)
    return connection


def interrupt_all() -> None:
    """Stop every query running in any thread (on Ctrl-C: threads that wait for one
    another would otherwise run to the end first)."""
    _STOPPING.set()
    for connection in list(_OPEN):
        with contextlib.suppress(duckdb.Error):
            connection.interrupt()


def start() -> None:
    """A new run: what an earlier interrupted one asked to stop is forgotten."""
    _STOPPING.clear()


def check_interrupted() -> None:
    """For loops over a file's bytes in worker threads, which no query interrupt reaches:
    they stop within a chunk of Ctrl-C or SIGTERM, so their thread pool can end. The main
    thread gets the signal itself, and may go on to another run after it."""
    if _STOPPING.is_set() and threading.current_thread() is not threading.main_thread():
        raise KeyboardInterrupt


# Failures of the machine, not of the data: no finding is true of the file, and a result
# cached from them would fail every later run too.
_ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.ENOMEM, errno.EMFILE, errno.ENFILE, errno.EROFS}
)
_ENVIRONMENT_WORDS = ("No space left on device", "Disk quota exceeded", "File too large")


def refuse_environment_failure(error: Exception) -> None:
    """Raise a `GovkitError` (exit 2) when `error` is the machine's (a full temporary
    folder, no memory left), so that it is neither a finding about the data nor cached."""
    if isinstance(error, OSError):
        failed = error.errno in _ENVIRONMENT_ERRNOS
        reason = error.strerror or str(error)
    else:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        failed = isinstance(error, duckdb.OutOfMemoryException) or any(
            words in str(error) for words in _ENVIRONMENT_WORDS
        )
    if failed:
        raise GovkitError(
            f"the data could not be checked: {reason}; the temporary folder "
            f"({tempfile.gettempdir()}) or memory ran out: free space, or set TMPDIR to a "
            "folder with room"
        ) from None
