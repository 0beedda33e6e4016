"""The CEL library, imported without its interactive shell.

`import cel` also imports cel.cli (prompt_toolkit and more): 0.14 s on every
`check` and `ci` for a module govkit never uses. A placeholder takes its place.
"""

from __future__ import annotations

import sys
import types

sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))

import cel  # noqa: E402 - must follow the placeholder

__all__ = ["cel"]
