"""One side of a diff: a catalog as read at a ref, and the files that could not be read there.

A catalog file can be valid at one ref and broken at the other. The diff must
still run on the rest: a file the loader refuses is left out of that side
(the tree hides it and the catalog is read again), and it is reported once,
with the ref, as GK519 (base) or GK520 (head). Its dataset is then neither
"added" nor "removed": its changes are simply not judged. Only a broken
`govkit.yaml` stops the diff, since without it no level can be ordered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from govkit.catalog.loader import CONFIG_FILE, Catalog, Entry, load_catalog
from govkit.catalog.models import Config
from govkit.catalog.scope import Subset
from govkit.catalog.tree import Kind, Tree
from govkit.diff.codes import UNREADABLE
from govkit.errors import InputError, Problem
from govkit.findings import Finding, Location
from govkit.rules import Violation


@dataclass(frozen=True)
class Side:
    """`name` is "base" or "head"; `label` says which ref (or the working tree) was read.

    `unreadable` reports the files left out; `skipped` names files left out whose
    problems are reported elsewhere (by lint, in `govkit ci`).
    """

    name: str
    label: str
    catalog: Catalog
    unreadable: tuple[Finding, ...] = ()
    skipped: frozenset[str] = frozenset()

    @property
    def not_compared(self) -> frozenset[str]:
        """Files whose dataset cannot be compared: it is neither added nor removed."""
        return self.skipped | {finding.location.path for finding in self.unreadable}

    def fields_of(self, schema: object) -> list[dict[str, object]]:
        """The fields of a Table Schema as written at this side; [] if it was not read."""
        document = self.catalog.table_schemas.get(schema) if isinstance(schema, str) else None
        listed = document.data.get("fields") if document is not None else None
        return [spec for spec in listed or [] if isinstance(spec, dict)]


def read_side(
    tree: Tree,
    name: str,
    label: str,
    entries: Collection[str] | None,
    fallback_config: Entry[Config] | None = None,
) -> Side:
    """Read the chosen entries of one side, leaving out (and reporting) files it cannot read.

    With `fallback_config`, a side that has no govkit.yaml yet (the change that creates
    the catalog) reads as an empty catalog under the other side's configuration.
    """
    if fallback_config is not None and tree.kind(CONFIG_FILE) is Kind.MISSING:
        return Side(name, label, Catalog(tree, fallback_config, None, ()))
    problems: tuple[Problem, ...] = ()
    try:
        catalog, findings = load_catalog(Subset(tree, entries))
    except InputError as error:
        _refuse_broken_config(error, label)
        problems = error.problems
        hidden = {problem.path for problem in problems}
        catalog, findings = load_catalog(Subset(tree, entries, hidden))
    rule = UNREADABLE[name]
    hidden_paths = {problem.path for problem in problems}
    unreadable = [rule.finding(_problem_violation(problem, label)) for problem in problems]
    unreadable += [
        _relabelled(rule.finding(_finding_violation(finding)), label)
        for finding in findings
        if finding.location.path not in hidden_paths
    ]
    return Side(name, label, catalog, tuple(_first_per_file(unreadable)))


def _refuse_broken_config(error: InputError, label: str) -> None:
    if any(problem.path == CONFIG_FILE for problem in error.problems):
        raise InputError(
            replace(problem, message=f"at {label}: {problem.message}")
            for problem in error.problems
            if problem.path == CONFIG_FILE
        )


def _problem_violation(problem: Problem, label: str) -> Violation:
    message = f"cannot be read at {label}: {problem.message}; its changes are not compared"
    return Violation(message, Location(problem.path, problem.line, problem.column))


def _finding_violation(finding: Finding) -> Violation:
    return Violation(finding.message, finding.location, dataset=finding.dataset)


def _relabelled(finding: Finding, label: str) -> Finding:
    message = (
        f"not a valid catalog file at {label}: {finding.message}; its changes are not compared"
    )
    return replace(finding, message=message)


def _first_per_file(findings: Iterable[Finding]) -> list[Finding]:
    """One report per file is enough to say its changes were not compared."""
    seen: set[str] = set()
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        if finding.location.path not in seen:
            seen.add(finding.location.path)
            kept.append(finding)
    return kept
