"""Code rules: stable codes and names, default severities, documentation.

A rule is a pure function of a context that yields `Violation`s; the rule
turns them into `Finding`s carrying its identity, so a check never needs to
know its own code. The docstring is the documentation (`govkit explain`).
Defining a rule registers nothing: `govkit.ruleset` lists the modules that
define rules and builds the set on demand.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from govkit import i18n_rules
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
        return _first_line(self.doc) or self.name

    @property
    def info(self) -> RuleInfo:
        """What reports and `govkit explain` show of the rule, in the current language
        (its code and name never change with it)."""
        doc = i18n_rules.doc(self.code, self.doc)
        return RuleInfo(self.code, self.name, self.severity, _first_line(doc) or self.name, doc)

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


def _first_line(doc: str) -> str:
    return doc.strip().splitlines()[0] if doc.strip() else ""


def rule(
    code: str, name: str, severity: Severity
) -> Callable[[Callable[[Context], Iterable[Violation]]], Rule[Context]]:
    """Make a check function a rule; its docstring documents it. The rule set
    (`govkit.ruleset`) gathers the rules from the modules that define them."""

    def wrap(check: Callable[[Context], Iterable[Violation]]) -> Rule[Context]:
        return Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), check)

    return wrap


def declare(code: str, name: str, severity: Severity, doc: str) -> Rule[object]:
    """A rule whose findings another stage emits (the loader, say)."""
    return Rule(code, name, severity, inspect.cleandoc(doc))
