"""Write files so a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> None:
    """Temp file in the destination folder, fsync, then `os.replace` over the target.

    The file gets the target's current mode, or the user's usual one for a new
    file (the temp file would otherwise stay private, 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all_atomic(contents: Mapping[Path, bytes]) -> None:
    """Several files, all or none: every temp file is written and fsynced before the first
    `os.replace`, so a refused write (a read-only folder, a full disk) changes nothing."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in contents.items():
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fchmod(handle.fileno(), _mode_for(path))
                os.fsync(handle.fileno())
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process umask (Python has no getter: set and restore at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
