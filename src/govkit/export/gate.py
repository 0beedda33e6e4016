"""The export gate: what `govkit check` and `govkit validate` say about what is released.

A release is refused while the catalog has errors about anything it would
hold: the lint and policy findings of `check` (waivers apply), and every data
error of the released resources. Findings about what is withheld do not stop
it; findings that belong to no dataset (govkit.yaml, a broken entry whose
level is unknown) do, since they may concern anything. `--force --reason`
releases anyway: the errors stay in the report, suppressed, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from govkit.catalog import lint as lint_rules
from govkit.catalog.loader import CONFIG_FILE, SCHEMAS_DIR, Catalog
from govkit.engine.resources import ResultCache, validate_all
from govkit.export import codes
from govkit.export.provenance import Source
from govkit.export.selection import Selection
from govkit.findings import Finding, Location, RuleInfo, Severity, Tally
from govkit.rules import Violation, all_rules


@dataclass(frozen=True)
class Gate:
    findings: tuple[Finding, ...]
    tallies: tuple[Tally, ...]
    rules: dict[str, RuleInfo]
    rows: dict[str, int]
    """Data rows of each released resource, by `dataset/resource`."""

    @property
    def errors(self) -> int:
        listed = sum(1 for f in self.findings if _blocking(f))
        return listed + sum(t.count for t in self.tallies if t.severity is Severity.ERROR)


@dataclass(frozen=True)
class DataCheck:
    """How the released data is validated: the listing cap, the cache, a progress callback."""

    scratch: Path
    max_findings: int = 100
    cache: Path | None = None
    progress: Callable[[str], None] | None = None


@dataclass(frozen=True)
class Checked:
    """The gate without the data: lint and policy findings, which take a moment; the data's
    validation, which takes as long as reading it, follows (`with_data`)."""

    gate: Gate
    catalog: Catalog
    selection: Selection
    source: Source
    linted: tuple[Finding, ...]

    def with_data(self, data: DataCheck) -> Gate:
        listed, tallies, rows = _validate(
            self.catalog, self.linted, self.selection, self.source, data
        )
        gate = self.gate
        return replace(
            gate, findings=gate.findings + tuple(listed), tallies=tuple(tallies), rows=rows
        )


def check_gate(
    catalog: Catalog,
    *,
    loaded: Sequence[Finding],
    selection: Selection,
    source: Source,
    today: dt.date,
) -> Checked:
    from govkit.policy import library, waivers  # noqa: PLC0415 - compiles CEL
    from govkit.policy.evaluate import evaluate  # noqa: PLC0415

    packs = library.enabled_packs(catalog.tree, catalog.config)
    infos = {**{r.code: r.info for r in all_rules()}, **library.rule_infos(packs)}
    waived = waivers.load_waivers(catalog.tree, infos)
    linted = list(lint_rules.run(catalog))
    checked = [*loaded, *linted, *evaluate(catalog, packs, today)]
    marked = waivers.apply_waivers(checked, waived, today)
    scope = _Scope(catalog, selection)
    findings = [f for f in marked if scope.concerns(f)]
    findings.extend(selection.findings)
    findings.extend(_uncommitted(selection, source))
    gate = Gate(tuple(findings), (), infos, {})
    return Checked(gate, catalog, selection, source, (*loaded, *linted))


def forced(gate: Gate, reason: str) -> Gate:
    """The gate's errors suppressed by `--force`, with one warning that records it."""
    reason = reason.strip()
    by = f"--force: {reason}"
    suppressed = tuple(replace(f, suppressed_by=by) if _blocking(f) else f for f in gate.findings)
    message = (
        f"released despite {gate.errors} error{'s' if gate.errors != 1 else ''}, "
        f"with --force: {reason}"
    )
    warning = codes.FORCED.finding(Violation(message, Location(CONFIG_FILE)))
    kept = tuple(t for t in gate.tallies if t.severity is not Severity.ERROR)
    return replace(gate, findings=(*suppressed, warning), tallies=kept)


def _blocking(finding: Finding) -> bool:
    return finding.severity is Severity.ERROR and finding.suppressed_by is None


@dataclass
class _Scope:
    """Which findings are about something released (or possibly released)."""

    catalog: Catalog
    selection: Selection

    def __post_init__(self) -> None:
        self.loaded = {entry.model.id for entry in self.catalog.datasets}
        self.datasets = {package.dataset.id for package in self.selection.packages}
        self.resources = {(c.dataset.id, c.resource.name) for c in self.selection.resources}
        used = {choice.resource.schema_ for choice in self.selection.resources}
        every = {r.schema_ for e in self.catalog.datasets for r in e.model.resources}
        self.withheld_schemas = {f"{SCHEMAS_DIR}/{name}" for name in every - used}

    def concerns(self, finding: Finding) -> bool:
        """Released wins over withheld where an id or a name is repeated."""
        if finding.dataset is None:
            return finding.location.path not in self.withheld_schemas
        if finding.dataset not in self.loaded:
            return True  # an entry that could not be read: its level is unknown
        if finding.dataset not in self.datasets:
            return False
        if finding.resource is None or (finding.dataset, finding.resource) in self.resources:
            return True
        return (finding.dataset, finding.resource) not in self.selection.withheld


def _uncommitted(selection: Selection, source: Source) -> Iterable[Finding]:
    for choice in selection.resources:
        if not source.is_committed(choice.data_path):
            commit = source.commit.short if source.commit else "HEAD"
            message = (
                f"{choice.data_path} is not in commit {commit}; commit it, or pass --allow-dirty"
            )
            violation = Violation(
                message, Location(choice.data_path), choice.dataset.id, choice.resource.name
            )
            yield codes.NOT_COMMITTED.finding(violation)


def _validate(
    catalog: Catalog,
    lint_findings: Sequence[Finding],
    selection: Selection,
    source: Source,
    data: DataCheck,
) -> tuple[list[Finding], list[Tally], dict[str, int]]:
    from govkit import validation  # noqa: PLC0415 - pulls in DuckDB

    data_root = source.data_root(data.scratch)
    jobs = validation.catalog_jobs(catalog, data_root, lint_findings)
    released = {choice.key for choice in selection.resources}
    chosen = {key: jobs[key] for key in sorted(released) if key in jobs}
    for job, _ in chosen.values():
        for table in (job.table, *job.references.values()):
            source.local_path(table.path.relative_to(data_root).as_posix(), data.scratch)
    results = validate_all(
        [job for job, _ in chosen.values()],
        max_listed=data.max_findings,
        cache=ResultCache(data.cache) if data.cache else None,
        progress=data.progress,
    )
    findings: list[Finding] = []
    tallies: list[Tally] = []
    for key, (_, target) in chosen.items():
        findings.extend(validation.findings_of(results[key], target))
        tallies.extend(validation.tallies_of(results[key], target))
    return findings, tallies, {key: results[key].rows for key in chosen}
