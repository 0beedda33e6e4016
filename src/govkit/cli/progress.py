"""A progress bar on stderr for long data runs: only on a terminal, never in CI logs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str], None] | None]:
    """Yield a callback to advance the bar by one item, or None when no bar is wanted."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.progress import Progress  # noqa: PLC0415

    with Progress(transient=True, console=None, redirect_stdout=False) as bar:
        task = bar.add_task(description, total=None)
        yield lambda item: bar.update(task, advance=1, description=f"{description} {item}")
