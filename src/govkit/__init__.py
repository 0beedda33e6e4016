"""govkit: data governance for open-data catalogs kept in git.

The library's main functions and records are importable from here
(`from govkit import lint, check, export, Report`); see docs/api.md. They are
loaded on first use, so `import govkit` costs nothing until one is asked for.
"""

from __future__ import annotations

import sys

__version__ = "0.1.0"

# Not `typing.TYPE_CHECKING`: importing typing alone would triple the cost of `import
# govkit`; mypy honours any constant of this name.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from govkit.api import (
        check,
        ci,
        diff,
        explain,
        export,
        find_root,
        fix,
        lint,
        log,
        policy_test,
        rules,
        schema,
        validate,
    )
    from govkit.errors import GovkitError, InputError
    from govkit.findings import FailOn, Finding, Location, Report, Severity

# Public name -> the module that defines it.
_LAZY = {
    **dict.fromkeys(
        (
            "check", "ci", "diff", "explain", "export", "find_root", "fix", "lint", "log",
            "policy_test", "rules", "schema", "validate",
        ),
        "govkit.api",
    ),
    **dict.fromkeys(("GovkitError", "InputError"), "govkit.errors"),
    **dict.fromkeys(("FailOn", "Finding", "Location", "Report", "Severity"), "govkit.findings"),
}  # fmt: skip

__all__ = [
    "FailOn", "Finding", "GovkitError", "InputError", "Location", "Report", "Severity",
    "check", "ci", "diff", "explain", "export", "find_root", "fix", "lint", "log",
    "policy_test", "rules", "schema", "validate",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govkit' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Facade(type(sys)):  # type: ignore[misc]  # the type of a module, without `types`
    """`export`, `diff`, `fix` and `rules` are also subpackages and modules of govkit: importing
    one binds it as an attribute of this package, which would hide the function of the
    same name. Those bindings are refused here, so `govkit.export` stays the function;
    the subpackages stay importable by their full names (`from govkit.export.build ...`)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, type(sys)):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
