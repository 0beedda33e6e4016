"""Progress on stderr for long data runs: only on a terminal, never in CI logs or pipes.

A line is printed for each table as its work finishes (what, rows, bytes), and below them
a live line counts the tables done of the total, the rows and bytes so far, the time
elapsed and the rate. The live line never names a table still in progress as done.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from govkit.i18n import _, join, number
from govkit.progress import Step
from govkit.reporters.escape import safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str], None] | None]:
    """Yield a callback for each finished piece of work, or None when no display is wanted."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console  # noqa: PLC0415
    from rich.live import Live  # noqa: PLC0415

    console = Console(stderr=True)
    tracker = Tracker(description)
    with Live(tracker.text(), console=console, transient=True, refresh_per_second=4) as live:
        tracker.live = live
        yield tracker.advance


class Tracker:
    """The totals of one run, and the lines that say them."""

    def __init__(self, description: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.description = description
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.total: int | None = None
        self.rows = 0
        self.size = 0
        self.live: Any = None

    def advance(self, item: str) -> None:
        self.done += 1
        if isinstance(item, Step):
            self.total = item.total if item.phase == "validated" else self.total
            self.rows += item.rows or 0
            self.size += item.size or 0
        if self.live is not None:
            console: Console = self.live.console
            console.print(finished_line(item), highlight=False, markup=False)
            self.live.update(self.text())

    def text(self) -> Text:
        from rich.text import Text  # noqa: PLC0415 - rich only with a terminal

        return Text(self.status())  # plain: rich would colour the numbers at random

    def status(self) -> str:
        """`validating: 3/10 tables, 1,204,332 rows, 48.1 MB, 12 s, 100,361 rows/s`."""
        elapsed = max(self.clock() - self.started, 1e-9)
        tables = f"{number(self.done)}/{number(self.total)}" if self.total else number(self.done)
        parts = [
            _("{tables} tables").format(tables=tables),
            _("{rows} rows").format(rows=number(self.rows)),
            size_text(self.size),
            _("{seconds} s").format(seconds=number(int(elapsed))),
            _("{rate} rows/s").format(rate=number(int(self.rows / elapsed))),
        ]
        return f"{self.description}: {join(parts)}"


def finished_line(item: str) -> str:
    """`✓ parks/parks-1405 validated: 25 rows, 1.2 kB`; a plain item as it is."""
    if not isinstance(item, Step):
        return f"✓ {safe(item)}"
    details = []
    if item.rows is not None:
        details.append(_("{rows} rows").format(rows=number(item.rows)))
    if item.size is not None:
        details.append(size_text(item.size))
    phase = _("validated") if item.phase == "validated" else _("written")
    head = f"✓ {safe(item.resource)} {phase}"
    return f"{head}: {join(details)}" if details else head


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{number(size)} B"
