"""The catalog's defaults for `--select`, `--ignore` and `--fail-on`, from govkit.yaml.

An option given on the command line (or an argument of the API) replaces the
config's value; none given, the config's applies. The config cannot hide GK521
(config-loosened), the change gate's finding on govkit.yaml itself, or a change
could switch off the check that would have caught it: `select` always keeps it,
and an `ignore` that would drop it is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from govkit.catalog.loader import CONFIG_FILE, Entry
from govkit.catalog.models import Config
from govkit.errors import GovkitError, InputError, Problem
from govkit.i18n import _

GATE = "GK521"
GATE_NAME = "config-loosened"


@dataclass(frozen=True)
class Selectors:
    select: tuple[str, ...]
    ignore: tuple[str, ...]


def settle(
    config: Entry[Config],
    select: Sequence[str],
    ignore: Sequence[str],
    check: Callable[[Sequence[str]], None],
) -> Selectors:
    """The selectors a run uses; the config's are checked by `check` (which raises
    GovkitError for an unknown rule), and every problem is an InputError at its place."""
    problems = list(_problems(config, check))
    if problems:
        raise InputError(problems)
    model = config.model
    chosen = tuple(select) or _with_gate(model.select)
    return Selectors(chosen, tuple(ignore) or tuple(model.ignore))


def fail_on(config: Config, option: str | None) -> str:
    return option or config.fail_on or "error"


def _with_gate(select: Sequence[str]) -> tuple[str, ...]:
    return (*select, GATE) if select else ()


def _problems(config: Entry[Config], check: Callable[[Sequence[str]], None]) -> list[Problem]:
    found = []
    for key in ("select", "ignore"):
        for index, selector in enumerate(getattr(config.model, key)):
            message = _unknown(selector, check)
            if message is None and key == "ignore" and _hides_gate(selector):
                message = _(
                    "'{selector}' would ignore {code} ({name}), the change gate's finding on "
                    "govkit.yaml itself; name the rules to ignore more narrowly, or pass "
                    "--ignore on the command line"
                ).format(selector=selector, code=GATE, name=GATE_NAME)
            if message is not None:
                at = config.document.locate(f"/{key}/{index}")
                found.append(Problem(CONFIG_FILE, at.line, at.column, message))
    return found


def _unknown(selector: str, check: Callable[[Sequence[str]], None]) -> str | None:
    try:
        check([selector])
    except GovkitError as error:
        return str(error)
    return None


def _hides_gate(selector: str) -> bool:
    return selector == GATE_NAME or GATE.startswith(selector.upper())
