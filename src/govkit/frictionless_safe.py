"""The one way govkit imports frictionless.

frictionless discovers plugins by importing every top-level `frictionless_*`
module on `sys.path`, so a file of that name in the folder govkit runs from
would be executed. The current directory is taken off `sys.path` first.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType


def load() -> ModuleType:
    cwd = os.getcwd()
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and _resolved(p) != cwd]
    import frictionless  # noqa: PLC0415 - heavy; imported only when a schema is checked

    return frictionless


def _resolved(path: str) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return path
