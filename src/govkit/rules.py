"""The registry of code rules: stable codes and names, default severities, documentation.

A rule is a pure function of a context that yields `Violation`s; the registry
turns them into `Finding`s carrying the rule's identity, so a rule never needs
to know its own code. The docstring is the documentation (`govkit explain`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from govkit.errors import GovkitError
from govkit.findings import Finding, Location, RuleInfo, Severity

Context = TypeVar("Context")


@dataclass(frozen=True)
class Violation:
    """What a rule found, before the registry gives it a code and a severity."""

    message: str
    location: Location
    dataset: str | None = None
    resource: str | None = None
    field: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class Rule(Generic[Context]):
    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[[Context], Iterable[Violation]] | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(self.code, self.name, self.severity, self.summary, self.doc)

    def finding(self, violation: Violation) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=violation.message,
            location=violation.location,
            dataset=violation.dataset,
            resource=violation.resource,
            field=violation.field,
            row=violation.row,
        )

    def run(self, context: Context) -> Iterator[Finding]:
        if self.check is not None:
            yield from (self.finding(v) for v in self.check(context))


REGISTRY: dict[str, Rule[object]] = {}


def _register(rule: Rule[Context]) -> Rule[Context]:
    clash = REGISTRY.get(rule.code) or next(
        (r for r in REGISTRY.values() if r.name == rule.name), None
    )
    if clash is not None:
        raise RuntimeError(f"rule {rule.code} {rule.name} clashes with {clash.code} {clash.name}")
    REGISTRY[rule.code] = rule  # type: ignore[assignment]
    return rule


def rule(
    code: str, name: str, severity: Severity
) -> Callable[[Callable[[Context], Iterable[Violation]]], Rule[Context]]:
    """Register a check function as a rule; its docstring documents it."""

    def wrap(check: Callable[[Context], Iterable[Violation]]) -> Rule[Context]:
        doc = inspect.cleandoc(check.__doc__ or "")
        return _register(Rule(code, name, severity, doc, check))

    return wrap


def declare(code: str, name: str, severity: Severity, doc: str) -> Rule[object]:
    """Register a rule whose findings another stage emits (the loader, say)."""
    return _register(Rule(code, name, severity, inspect.cleandoc(doc)))


def lookup(selector: str) -> Rule[object]:
    """Find a rule by code or name, or raise a usage error that says how to list them."""
    found = REGISTRY.get(selector.upper()) or next(
        (r for r in REGISTRY.values() if r.name == selector), None
    )
    if found is None:
        raise GovkitError(f"unknown rule '{selector}'; `govkit rules` lists them all")
    return found


def check_selectors(selectors: Iterable[str]) -> None:
    """Refuse `--select/--ignore` values that name no rule and prefix no code."""
    for selector in selectors:
        if not any(r.code.startswith(selector.upper()) for r in REGISTRY.values()):
            lookup(selector)


def all_rules() -> list[Rule[object]]:
    _load_builtin_rules()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def _load_builtin_rules() -> None:
    # Importing the rule modules registers their rules.
    import govkit.catalog.lint  # noqa: PLC0415
    import govkit.diff.codes  # noqa: PLC0415
    import govkit.engine.rules  # noqa: PLC0415
    import govkit.export.codes  # noqa: PLC0415
    import govkit.pii.rules  # noqa: PLC0415
    import govkit.policy.codes  # noqa: F401, PLC0415
