"""The one judgment: what govkit says about a catalog, put together in one place.

Every command that judges a catalog composes these stages, in this order:

    loaded catalog ─► lint ─► obligations ─► policy packs ─► release readiness ─► personal data
                   ─► data validation ─► waivers ─► scope ─► --select/--ignore

*Release readiness* is the export's own selection at the target level (by
default govkit.yaml's `export.level`): its errors (a `keep_where` that cannot
apply, an `iso_date` on a redacted field...) refuse a release, so `check` and
`ci` report them too. *Personal data* judges every resource the target level
would release, field by field: the header words and titles always, the values
unless a run turns that off; a run that validates the data counts the values as
validation reads each file (one read for both), and reports them with the data.
So `lint`, `validate`, `check`, `ci` and the export gate differ only in their
`Options` (which stages run, on which data) and their `Scope` (the whole
catalog, a merge request's entries, a release's resources); none assembles
checks of its own.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from govkit import defaults
from govkit.catalog import lint as lint_rules
from govkit.catalog import structure
from govkit.catalog.loader import SCHEMAS_DIR, Catalog
from govkit.errors import GovkitError
from govkit.export import codes as export_codes
from govkit.findings import Finding, Report, Severity, Tally
from govkit.ruleset import RuleSet

if TYPE_CHECKING:
    from govkit.catalog.tree import Tree
    from govkit.engine.resources import Job
    from govkit.export.selection import Selection
    from govkit.pii.scan import Counted, Released
    from govkit.policy.pack import PolicyPack
    from govkit.policy.waivers import LoadedWaivers
    from govkit.validation import Target


class Data(enum.Enum):
    """Which resources' data a run validates against their Table Schemas."""

    NONE = "none"
    RELEASED = "released"  # what the target level releases: the export gate, `check --level`
    ALL = "all"  # every resource: `validate`, `ci`


@dataclass(frozen=True)
class Options:
    """What a run judges and how; one type for every command."""

    today: dt.date = field(default_factory=dt.date.today)
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    policies: bool = True
    """The packs, release readiness and personal data; off for `lint` and `validate`."""
    level: str | None = None
    """The target access level; None is govkit.yaml's `export.level`."""
    data: Data = Data.NONE
    values: bool = True
    """Read the released resources' values for personal data (header words are always judged)."""
    max_findings: int = 100
    cache: Path | None = None
    progress: Callable[[str], None] | None = None
    configured: bool = True
    """govkit.yaml's `select` and `ignore` apply when none are given; off for the export's
    gate, which no selection may weaken."""


@dataclass(frozen=True)
class Scope:
    """What a run reports on: the whole catalog by default.

    `extras` are entries read only so that foreign keys into them can be checked
    (a merge request's scope); `fresh_schemas` are the Table Schemas that changed
    (None: all), the others get lint's structural check only; `release` keeps only
    the findings about what a release holds (or may hold)."""

    extras: frozenset[str] = frozenset()
    fresh_schemas: frozenset[str] | None = None
    release: bool = False


WHOLE = Scope()


@dataclass(frozen=True)
class Judgment:
    """Findings (waived ones suppressed), tallies past the listing cap, the rules they cite,
    the release selection judged, the data rows of each validated resource, and what the
    report keeps (`--select`, `--ignore`)."""

    findings: tuple[Finding, ...]
    tallies: tuple[Tally, ...]
    rules: RuleSet
    selection: Selection | None
    rows: dict[str, int] = field(default_factory=dict)
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()

    @property
    def errors(self) -> int:
        listed = sum(1 for f in self.findings if blocking(f))
        return listed + sum(t.count for t in self.tallies if t.severity is Severity.ERROR)

    def plus(self, other: Judgment) -> Judgment:
        """This judgment with another's findings, tallies and rows (a later stage's)."""
        return replace(
            self,
            findings=self.findings + other.findings,
            tallies=self.tallies + other.tallies,
            rows={**self.rows, **other.rows},
        )

    def report(self, command: str, root: str, refs: dict[str, str] | None = None) -> Report:
        rules = dict(self.rules.infos)
        report = Report(command, root, self.findings, rules, self.tallies, refs or {})
        return report.select(self.select, self.ignore)


def blocking(finding: Finding) -> bool:
    return finding.severity is Severity.ERROR and finding.suppressed_by is None


def judge(
    catalog: Catalog,
    loaded: Sequence[Finding],
    options: Options,
    scope: Scope = WHOLE,
    *,
    data_root: Path | None = None,
) -> Judgment:
    """The whole judgment of a loaded catalog, data included when `options.data` says so."""
    judging = Judging(catalog, loaded, options, scope)
    found = judging.metadata()
    if options.data is not Data.NONE:
        found = judging.with_data(found, data_root or catalog_root(catalog))
    return found


def catalog_root(catalog: Catalog) -> Path:
    root = getattr(catalog.tree, "root", None)
    if not isinstance(root, Path):
        raise GovkitError("the data of a catalog read from git needs a folder to be copied to")
    return root


class Judging:
    """One catalog judged in two steps: the metadata (a moment), then the data (as long as
    reading it takes), so that an export can write its files meanwhile."""

    def __init__(
        self, catalog: Catalog, loaded: Sequence[Finding], options: Options, scope: Scope
    ) -> None:
        self.catalog = catalog
        self.loaded = tuple(loaded)
        self.scope = scope
        self.packs = _packs(catalog) if options.policies else ()
        self.rules = RuleSet.builtin().with_packs(self.packs)
        check_selectors(self.rules, [*options.select, *options.ignore], catalog.tree)
        chosen = defaults.settle(
            catalog.config,
            options.select,
            options.ignore,
            lambda selectors: check_selectors(self.rules, selectors, catalog.tree),
        )
        if options.configured:
            self.options = replace(options, select=chosen.select, ignore=chosen.ignore)
        else:
            self.options = options
        self.waivers = _waivers(catalog, self.rules) if options.policies else None
        self.linted: tuple[Finding, ...] = ()

    @cached_property
    def alongside(self) -> frozenset[str]:
        """Ids of the entries read only alongside the scope's (`Scope.extras`)."""
        extras = self.scope.extras
        return frozenset(e.model.id for e in self.catalog.datasets if e.document.path in extras)

    @cached_property
    def selection(self) -> Selection | None:
        """What the target level releases; None when the policies do not run."""
        return _selection(self.catalog, self.options) if self.options.policies else None

    def metadata(self) -> Judgment:
        """Lint, the packs, release readiness and personal data."""
        self.linted = (*self.loaded, *_lint(self.catalog, self.scope.fresh_schemas))
        found = [*self.linted, *_shadowed(self.catalog), *self._obligations()]
        if self.options.policies:
            from govkit.policy.evaluate import evaluate  # noqa: PLC0415 - compiles CEL

            found.extend(evaluate(self.catalog, self.packs, self.options.today))
            found.extend(self._readiness())
            if not self._values_with_data:
                found.extend(self._personal_data(self._released_fields()))
        return self.settle(found)

    def with_data(
        self,
        judged: Judgment,
        data_root: Path,
        fetch: Callable[[str], object] | None = None,
    ) -> Judgment:
        """`judged` with the data validated: of every resource or of the released ones.
        `fetch` is given each data path before it is read (an export from a commit copies
        the file out of git there)."""
        from govkit import validation  # noqa: PLC0415 - pulls in DuckDB

        jobs = validation.catalog_jobs(self.catalog, data_root, self.linted)
        # An entry read alongside is the referenced end of a foreign key, not a job.
        jobs = {key: job for key, job in jobs.items() if job[1].dataset not in self.alongside}
        if self.options.data is Data.RELEASED:
            released = {c.key for c in self.selection.resources} if self.selection else set()
            jobs = {key: jobs[key] for key in sorted(released) if key in jobs}
        if fetch is not None:
            for job, _ in jobs.values():
                for table in (job.table, *job.references.values()):
                    fetch(table.path.relative_to(data_root).as_posix())
        scanned = self._released_fields() if self._values_with_data else []
        if not scanned:
            return judged.plus(self.settle(*validated(jobs, self.options)))
        # The personal data of the released values, counted as validation reads each file.
        from govkit.pii.scan import Counted  # noqa: PLC0415 - DuckDB

        counted = Counted(self.catalog, scanned)
        jobs = {
            key: (replace(job, survey=counted.survey(key)), at) for key, (job, at) in jobs.items()
        }
        findings, tallies, rows = validated(jobs, self.options)
        findings.extend(self._personal_data(scanned, counted))
        return judged.plus(self.settle(findings, tallies, rows))

    # -- stages ------------------------------------------------------------------------------

    def _obligations(self) -> list[Finding]:
        """What the catalog owes (docs/plan.md): the references always, the gaps where the
        policies run; a release is judged on what it holds, never refused for what is owed."""
        from govkit.plan.stage import obligation_findings  # noqa: PLC0415

        gaps = self.options.policies and not self.scope.release
        return obligation_findings(self.catalog, self.options.today, gaps=gaps)

    def _readiness(self) -> Iterator[Finding]:
        """The release's own findings: all of them for an export, what would refuse it (or
        should be looked at) elsewhere; what is withheld, and why, is the export's to say."""
        if self.selection is None:
            return
        for finding in self.selection.findings:
            if self.scope.release or finding.severity is not Severity.INFO:
                yield finding

    @property
    def _values_with_data(self) -> bool:
        """Whether the released values are read with the data (counted as validation reads
        each file) rather than before it, in a read of their own."""
        return self.options.values and self.options.data is not Data.NONE

    def _released_fields(self) -> list[Released]:
        """What personal data is judged in: each resource a public-facing level releases, with
        the fields it releases as they are (a level only staff see releases personal fields
        as they are, tagged or not)."""
        if self.selection is None or not self.selection.level.public_facing:
            return []
        released: list[Released] = []
        for package in self.selection.packages:
            if package.dataset.id in self.alongside:
                continue
            for choice in package.resources:
                index = package.entry.model.resources.index(choice.resource)
                kept = frozenset(f.name for f in choice.fields if f.treatment.value == "keep")
                released.append((package.entry, index, kept))
        return released

    def _personal_data(
        self, released: list[Released], counted: Counted | None = None
    ) -> list[Finding]:
        """Untagged personal data in the released fields: header words, and values unless the
        run turns them off."""
        if not released:
            return []
        from govkit.pii.scan import scan_resources  # noqa: PLC0415 - DuckDB, with values

        options = self.options
        return scan_resources(
            self.catalog, released, values=options.values, cache=options.cache, counted=counted
        )

    # -- the end of every stage --------------------------------------------------------------

    def settle(
        self,
        findings: Iterable[Finding],
        tallies: Iterable[Tally] = (),
        rows: dict[str, int] | None = None,
    ) -> Judgment:
        """Findings of any stage (the change rules' too) kept by the scope, waivers applied."""
        found, kept = self._in_scope(list(findings), list(tallies))
        marked = self._waived(found)
        return Judgment(
            tuple(marked),
            tuple(kept),
            self.rules,
            self.selection,
            rows or {},
            self.options.select,
            self.options.ignore,
        )

    def _waived(self, findings: list[Finding]) -> list[Finding]:
        if self.waivers is None:
            return findings
        from govkit.policy import waivers  # noqa: PLC0415

        return waivers.apply_waivers(findings, self.waivers, self.options.today)

    def _in_scope(
        self, findings: list[Finding], tallies: list[Tally]
    ) -> tuple[list[Finding], list[Tally]]:
        scope = self.scope
        outside = self.alongside
        found = [
            f
            for f in findings
            if f.code in _BETWEEN_ENTRIES
            or (f.location.path not in scope.extras and f.dataset not in outside)
        ]
        kept = [t for t in tallies if t.dataset not in outside]
        if scope.release and self.selection is not None:
            concerns = _Released(self.catalog, self.selection).concerns
            own = frozenset(self.selection.findings)  # what is withheld, and why: in scope
            found = [f for f in found if f in own or concerns(f)]
            kept = [t for t in kept if concerns(t)]
        return found, kept


# Findings about one data file that two entries name: a change to either is a change to
# both, so they are reported when the other entry was read only alongside it.
_BETWEEN_ENTRIES = frozenset({lint_rules.shared_data_file.code, export_codes.SHARED_FILE.code})


def check_selectors(rules: RuleSet, selectors: Sequence[str], tree: Tree | None) -> None:
    """Refuse `--select/--ignore` values that name no rule `govkit rules` lists: a pack rule
    is accepted by a command that does not run the packs (it selects nothing there)."""
    try:
        rules.check_selectors(selectors)
    except GovkitError:
        from govkit.policy import library  # noqa: PLC0415 - compiles CEL

        rules.with_packs(library.known_packs(tree)).check_selectors(selectors)


def validated(
    jobs: dict[str, tuple[Job, Target]], options: Options
) -> tuple[list[Finding], list[Tally], dict[str, int]]:
    """The engine run on `jobs`, its results as findings and tallies, and each job's rows."""
    from govkit import validation  # noqa: PLC0415 - pulls in DuckDB
    from govkit.engine.resources import ResultCache, validate_all  # noqa: PLC0415

    if not jobs:
        return [], [], {}
    results = validate_all(
        [job for job, _ in jobs.values()],
        max_listed=options.max_findings,
        cache=ResultCache(options.cache) if options.cache else None,
        progress=options.progress,
    )
    findings: list[Finding] = []
    tallies: list[Tally] = []
    for key, (_, where) in jobs.items():
        findings.extend(validation.findings_of(results[key], where))
        tallies.extend(validation.tallies_of(results[key], where))
    return findings, tallies, {key: results[key].rows for key in jobs}


def _packs(catalog: Catalog) -> tuple[PolicyPack, ...]:
    from govkit.policy import library  # noqa: PLC0415 - compiles CEL

    return library.enabled_packs(catalog.tree, catalog.config)


def _shadowed(catalog: Catalog) -> Iterator[Finding]:
    """A catalog pack file with a built-in pack's id (GK523): the built-in pack is used."""
    from govkit.policy.library import shadowed_packs  # noqa: PLC0415

    return shadowed_packs(catalog.tree, catalog.config)


def _waivers(catalog: Catalog, rules: RuleSet) -> LoadedWaivers:
    from govkit.policy import waivers  # noqa: PLC0415

    return waivers.load_waivers(catalog.tree, dict(rules.infos))


def _selection(catalog: Catalog, options: Options) -> Selection | None:
    """What the target level releases. A level named on the command line must exist; the
    configured one, when it cannot be exported, is lint's finding and judges no release."""
    from govkit.export.selection import export_level, select  # noqa: PLC0415

    config = catalog.config.model
    try:
        level = export_level(config, options.level or config.export.level)
    except GovkitError:
        if options.level is not None:
            raise
        return None
    return select(catalog, level)


def _lint(catalog: Catalog, fresh: frozenset[str] | None) -> Iterator[Finding]:
    """The lint rules. A Table Schema unchanged since a merge request's base gets its
    structural check only: frictionless's descriptor validation (GK108's slow part, 0.1 s
    with its import) ran when the schema changed, and `govkit lint` runs it on every schema."""
    for rule in lint_rules.RULES:
        if rule is not lint_rules.invalid_table_schema or fresh is None:
            yield from rule.run(catalog)
            continue
        schemas = catalog.table_schemas
        yield from rule.run(
            replace(catalog, table_schemas={n: schemas[n] for n in fresh & schemas.keys()})
        )
        for name in sorted(schemas.keys() - fresh):
            yield from map(rule.finding, structure.violations(schemas[name], "table-schema"))


@dataclass
class _Released:
    """Which findings are about something a release holds (or may hold)."""

    catalog: Catalog
    selection: Selection

    def __post_init__(self) -> None:
        self.loaded = {entry.model.id for entry in self.catalog.datasets}
        self.datasets = {package.dataset.id for package in self.selection.packages}
        self.resources = {(c.dataset.id, c.resource.name) for c in self.selection.resources}
        used = {choice.resource.schema_ for choice in self.selection.resources}
        every = {r.schema_ for e in self.catalog.datasets for r in e.model.resources}
        self.withheld_schemas = {f"{SCHEMAS_DIR}/{name}" for name in every - used}

    def concerns(self, item: Finding | Tally) -> bool:
        """Released wins over withheld where an id or a name is repeated; a finding about no
        dataset (govkit.yaml, a broken entry whose level is unknown) may concern anything."""
        path = item.location.path if isinstance(item, Finding) else item.path
        if item.dataset is None:
            return path not in self.withheld_schemas
        if item.dataset not in self.loaded:
            return True
        if item.dataset not in self.datasets:
            return False
        if item.resource is None or (item.dataset, item.resource) in self.resources:
            return True
        return (item.dataset, item.resource) not in self.selection.withheld
