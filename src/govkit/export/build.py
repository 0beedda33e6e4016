"""Build a release: source, selection, gate, then (unless it is a dry run) the files.

The release folder holds, for an export level:

    datasets/DATASET/datapackage.json     a Data Package v2 per released dataset
    datasets/DATASET/data/RESOURCE.csv    its released, redacted data
    datasets/DATASET.zip                  the package as one reproducible zip
    data.json  dcat.jsonld  ckan/DATASET.json     portal metadata
    catalog.zip                           everything above, in one bundle
    manifest.json                         every file with its size and sha256
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govkit.catalog.loader import CATALOG_DIR, SCHEMAS_DIR, Catalog, load_catalog
from govkit.catalog.models import AccessLevel, Config, Unit
from govkit.engine.database import interrupt_all, start
from govkit.errors import GovkitError
from govkit.export import codes, conformance, release, targets
from govkit.export.datapackage import FileFacts, ReleasedResource
from govkit.export.gate import Checked, check_gate, forced
from govkit.export.manifest import manifest
from govkit.export.portal import Portal, PortalDataset
from govkit.export.provenance import Release, Source, open_source, release_facts
from govkit.export.redaction import Column, HashKey, Options, columns, hash_key
from govkit.export.selection import (
    FieldChoice,
    PackageChoice,
    ResourceChoice,
    Selection,
    Treatment,
    export_level,
)
from govkit.export.tableschema import released_schema
from govkit.export.writer import Growing, Written, table_for, write_table
from govkit.export.ziparchive import Compressed, Deflater, Entry, write_zip
from govkit.findings import Finding, Location, Report
from govkit.pipeline import Judgment
from govkit.pipeline import Options as JudgmentOptions
from govkit.progress import Step
from govkit.rules import Rule, Violation

BUNDLE = "catalog.zip"
DATASETS = "datasets"


@dataclass(frozen=True)
class ExportOptions:
    level: str | None = None
    out: Path | None = None
    ref: str | None = None
    dry_run: bool = False
    force_reason: str | None = None
    allow_dirty: bool = False
    escape_formulas: bool = False
    today: dt.date | None = None
    max_findings: int = 100
    cache: Path | None = None
    progress: Callable[[str], None] | None = None


@dataclass(frozen=True)
class ExportResult:
    report: Report
    out: Path
    release: Release
    written: bool = False
    refused: bool = False
    files: tuple[FileFacts, ...] = ()


def export_release(root: Path, options: ExportOptions, environ: Mapping[str, str]) -> ExportResult:
    """Release what `options.level` may see from the catalog at `root`."""
    if options.force_reason is not None and not options.force_reason.strip():
        raise GovkitError(
            "--force needs a --reason TEXT saying why; it is written into the release"
        )
    with open_source(root, options.ref, allow_dirty=options.allow_dirty) as source:
        catalog, loaded = load_catalog(source.tree)
        config = catalog.config.model
        level = export_level(config, options.level or config.export.level)
        out = options.out or release.configured_destination(root, catalog.config)
        release.check_destination(
            out, root, [root / d for d in (CATALOG_DIR, SCHEMAS_DIR, "policies", ".git")]
        )
        facts = release_facts(source, level.id, environ, options.force_reason)
        judged = check_gate(
            catalog, loaded=loaded, source=source, options=_judging(options, level.id)
        )
        key = hash_key(list(judged.selection.resources), environ)
        job = _Job(catalog, source, judged.selection, facts, key, options, out)
        return job.run(judged)


def _judging(options: ExportOptions, level: str) -> JudgmentOptions:
    today = options.today or dt.date.today()
    return JudgmentOptions(
        today, level=level, max_findings=options.max_findings, cache=options.cache,
        progress=options.progress, configured=False,
    )  # fmt: skip


@dataclass
class _Job:
    catalog: Catalog
    source: Source
    selection: Selection
    release: Release
    key: HashKey | None
    options: ExportOptions
    out: Path
    findings: list[Finding] = field(default_factory=list)
    written_rows: dict[str, int] = field(default_factory=dict)
    """Data rows written, by `dataset/resource`."""
    scratch: Path = field(default_factory=Path)
    """Private temporary folder: data files read out of a commit, the dry run's DuckDB."""
    judged: Judgment | None = None
    """The gate that admitted the written release, frictionless's verdict on it included."""

    @property
    def config(self) -> Config:
        return self.catalog.config.model

    def run(self, checked: Checked) -> ExportResult:
        with tempfile.TemporaryDirectory(prefix="govkit-export-") as scratch:
            self.scratch = Path(scratch)
            if self.options.dry_run or self._settled(checked.gate).errors:
                return self._refused_or_previewed(self._settled(checked.with_data(self.scratch)))
            # The data is validated while the release is written; the release replaces the
            # previous one only if the validation passes.
            start()  # an interrupted run before this one does not stop this one's threads
            with ThreadPoolExecutor(1, thread_name_prefix="govkit-validate") as pool:
                validating = pool.submit(checked.with_data, self.scratch)
                try:
                    files = self._written(
                        lambda staging: self._admit(self._judge(validating.result(), staging))
                    )
                except _Refused as refused:
                    self.findings.clear()  # nothing was released
                    return self._refused_or_previewed(refused.gate)
                except GovkitError:
                    # Data that cannot be written is often data that fails validation: then
                    # the refusal, with its findings, is the answer.
                    gate = self._settled(validating.result())
                    if not gate.errors:
                        raise
                    self.findings.clear()
                    return self._refused_or_previewed(gate)
                except KeyboardInterrupt:
                    interrupt_all()  # the validation would otherwise run to its end first
                    raise
            gate = self.judged or self._settled(validating.result())
        self.findings[:0] = gate.findings
        return ExportResult(self._report(gate), self.out, self.release, True, False, files)

    def _refused_or_previewed(self, gate: Judgment) -> ExportResult:
        self.findings[:0] = gate.findings
        refused = gate.errors > 0
        if not refused:
            self._preview(gate)
        return ExportResult(self._report(gate), self.out, self.release, refused=refused)

    def _settled(self, gate: Judgment) -> Judgment:
        """The gate, its errors suppressed when `--force --reason` says so."""
        if self.options.force_reason is not None and gate.errors:
            return forced(gate, self.options.force_reason)
        return gate

    def _judge(self, gate: Judgment, staging: Path) -> Judgment:
        """The settled gate, with what frictionless rejects in the staged release when
        nothing else refuses it (data that fails validation fails frictionless too)."""
        if not gate.errors:
            rejected = conformance.check_release(staging, self.selection)
            gate = replace(gate, findings=(*gate.findings, *rejected))
        self.judged = self._settled(gate)
        return self.judged

    def _admit(self, gate: Judgment) -> None:
        """With the release written and before it replaces the previous one: refuse it if
        the gate has errors, and stop if a table's rows are not the rows validated."""
        if gate.errors:
            raise _Refused(gate)
        for key, rows in self.written_rows.items():
            validated = gate.rows.get(key)
            if validated is not None and validated != rows:
                raise GovkitError(
                    f"{key}: {rows:,} rows were written where validation read {validated:,}; "
                    f"nothing was released ({self.out} is unchanged). This is a bug in govkit: "
                    "please report it"
                )

    def _report(self, gate: Judgment) -> Report:
        return Report(
            "export",
            str(self.source.root),
            tuple(self.findings),
            rules={**gate.rules.infos, **{r.code: r.info for r in _EXPORT_RULES}},
            unlisted=gate.tallies,
        )

    # -- dry run ---------------------------------------------------------------------------

    def _preview(self, gate: Judgment) -> None:
        for choice in self.selection.resources:
            written = self._table(choice, None)
            self._describe(choice, gate.rows.get(choice.key, written.rows), written)

    # -- writing ---------------------------------------------------------------------------

    def _written(self, admit: Callable[[Path], None]) -> tuple[FileFacts, ...]:
        """The release written, then kept if `admit` raises nothing; any failure to write
        leaves `out` as it was."""
        try:
            return self._write(admit)
        except OSError as error:
            reason = error.strerror or str(error)
            where = f" ({error.filename})" if error.filename else ""
            raise GovkitError(
                f"the release could not be written: {reason}{where}; {self.out} is unchanged"
            ) from error

    def _write(self, admit: Callable[[Path], None]) -> tuple[FileFacts, ...]:
        with release.staged(self.out) as staging:
            streams = staging / ".streams"  # deflated files, for the zips; gone before the swap
            streams.mkdir()
            with Deflater(os.cpu_count() or 1) as deflater:
                writing = _Writing(staging, streams, deflater, self.release.epoch)
                chosen = targets.chosen(self.config.export.formats)
                portal = self._portal(chosen)
                per_package = [t for t in chosen if t.always]
                packages = [
                    self._package(p, writing, portal, per_package) for p in self.selection.packages
                ]
                for kind in (t for t in chosen if not t.always):
                    writing.target(kind, portal, packages)
                writing.bundle()
            files = writing.manifest(self.release)
            shutil.rmtree(streams)
            admit(staging)
        return files

    def _package(
        self,
        package: PackageChoice,
        writing: _Writing,
        portal: Portal,
        per_package: list[targets.TargetInfo],
    ) -> PortalDataset:
        dataset = package.dataset
        folder = f"{DATASETS}/{dataset.id}"
        pending = []
        for choice in package.resources:
            relative = f"data/{choice.resource.name}.csv"
            target = Growing(writing.staging / folder / relative)
            target.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                future = writing.compress(f"{folder}/{relative}", target)
                written = self._table_through(choice, target, future)
            finally:
                target.finish()
            pending.append((choice, relative, written, future))
            self.written_rows[choice.key] = written.rows
            if self.options.progress:
                self.options.progress(
                    Step(f"{choice.key} written", resource=choice.key, phase="written",
                         rows=written.rows, size=target.path.stat().st_size)
                )  # fmt: skip
        released = {
            c.resource.name: {f.name for f in c.fields if f.treatment is Treatment.keep}
            for c in package.resources
        }
        resources = []
        for choice, relative, written, future in pending:
            facts = writing.facts(future.result())
            schema = released_schema(choice, released, self._cleanups())
            resources.append(_released(choice, relative, facts, schema, written.rows))
            self._describe(choice, written.rows, written)
        unit = self._unit(dataset.unit)
        level = self._level(dataset.access_level)
        item = PortalDataset(dataset, unit, level, resources, folder)
        for kind in per_package:  # before the zip, which holds what they write
            writing.target(kind, portal, [item])
        writing.zip(f"{folder}.zip", folder, dataset.id)
        return item

    def _portal(self, chosen: list[targets.TargetInfo]) -> Portal:
        """The release as the targets see it; links need a base URL only if one is for a
        portal."""
        base_url = self._base_url() if any(t.portal for t in chosen) else ""
        return Portal(self.config, self.release, base_url)

    def _table(self, choice: ResourceChoice, target: Growing | None) -> Written:
        """Write `target` (or, without one, only measure) one released table. DuckDB's own
        files live in the private scratch folder, never next to the release, where a killed
        export would leave them."""
        options = self._cleanups()
        path = self.source.local_path(choice.data_path, self.scratch)
        table = table_for(
            choice.resource, choice.schema.data, path, self.source.data_root(self.scratch)
        )
        missing = [str(v) for v in choice.schema.data.get("missingValues", [""])]

        def plan(positions: Mapping[str, int]) -> list[Column]:
            return columns(choice, positions, missing, options)

        workdir = Path(tempfile.mkdtemp(prefix="duckdb-", dir=self.scratch))
        return write_table(table, plan, target, workdir, self.key)

    def _cleanups(self) -> Options:
        normalize = self.config.export.normalize
        return Options("digits" in normalize, "letters" in normalize, self.options.escape_formulas)

    def _table_through(
        self, choice: ResourceChoice, target: Growing, reader: Future[Compressed]
    ) -> Written:
        try:
            return self._table(choice, target)
        except OSError as error:
            # The reader may have failed first (a full disk), and its own error says why; it
            # ends once the target is finished (which nothing may have done yet, if the
            # table never started).
            target.finish()
            cause = reader.exception()
            raise (cause if cause is not None else error) from None

    def _describe(self, choice: ResourceChoice, rows: int, written: Written) -> None:
        """The released-resource finding, and a formula finding per field that has them."""
        self.findings.append(
            self._at_resource(codes.RELEASED, choice, _released_message(choice, rows))
        )
        for name, (count, row) in sorted(written.formula_cells.items()):
            column = written.columns.get(name, 1)
            self.findings.append(_formula_finding(choice, name, count, row, column))

    def _at_resource(self, rule: Rule[object], choice: ResourceChoice, message: str) -> Finding:
        entry = next(e for e in self.catalog.datasets if e.model.id == choice.dataset.id)
        index = entry.model.resources.index(choice.resource)
        violation = entry.violation(
            f"/resources/{index}", message, dataset=choice.dataset.id, resource=choice.resource.name
        )
        finding: Finding = rule.finding(violation)
        return finding

    def _unit(self, unit_id: str) -> Unit | None:
        units = self.catalog.units.model.units if self.catalog.units else []
        return next((unit for unit in units if unit.id == unit_id), None)

    def _level(self, level: str) -> AccessLevel:
        return next(candidate for candidate in self.config.access_levels if candidate.id == level)

    def _base_url(self) -> str:
        base = self.config.export.base_url or self.config.organisation.homepage
        if not base:
            raise GovkitError(
                "portal metadata needs absolute links: set export.base_url in govkit.yaml "
                "(where the release folder is served), or organisation.homepage"
            )
        return base if base.endswith("/") else base + "/"


_EXPORT_RULES = (
    codes.RELEASED,
    codes.WITHHELD_DATASET,
    codes.WITHHELD_RESOURCE,
    codes.WITHHELD_FIELD,
    codes.FORMULA_CELLS,
    codes.AGGREGATE_REFUSED,
    codes.FORCED,
    codes.ISO_DATE_COLUMN,
    codes.NOT_COMMITTED,
    codes.KEEP_WHERE,
    codes.NOT_FRICTIONLESS_VALID,
)


def _released(
    choice: ResourceChoice, relative: str, facts: FileFacts, schema: dict[str, Any], rows: int
) -> ReleasedResource:
    return ReleasedResource(
        choice.resource.name,
        FileFacts(relative, facts.bytes, facts.sha256),
        schema,
        rows,
        choice.resource.title,
        choice.resource.description,
    )


def _released_message(choice: ResourceChoice, rows: int) -> str:
    """`released as PATH: N rows (a masked, b hashed; ISO dates added: c; 2 fields withheld)`."""
    treated = [_treated(f) for f in choice.fields if f.treatment is not Treatment.keep]
    isos = [str(f.spec["iso_date"]) for f in choice.fields if "iso_date" in f.spec]
    parts = [", ".join(treated)] if treated else []
    if isos:
        parts.append(f"ISO dates added: {', '.join(isos)}")
    if choice.dropped:
        parts.append(f"{_plural(len(choice.dropped), 'field')} withheld")
    path = f"{DATASETS}/{choice.dataset.id}/data/{choice.resource.name}.csv"
    details = f" ({'; '.join(parts)})" if parts else ""
    return f"released as {path}: {_plural(rows, 'row')}{details}"


def _treated(field: FieldChoice) -> str:
    """`name masked`, or `name masked but where kind is legal-person`."""
    keep = field.spec.get("keep_where")
    treated = f"{field.name} {field.treatment.value}ed"
    if not isinstance(keep, Mapping):
        return treated
    values = " or ".join(str(value) for value in keep.get("in", []))
    return f"{treated} but where {keep.get('field')} is {values}"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _formula_finding(
    choice: ResourceChoice, name: str, count: int, row: int, column: int
) -> Finding:
    cells = _plural(count, "cell")
    message = (
        f"{cells} of field '{name}' start like a spreadsheet formula (= + - @), first at row "
        f"{row}; check the data, or export with --escape-formulas"
    )
    location = Location(choice.data_path, row, column)
    violation = Violation(message, location, choice.dataset.id, choice.resource.name, name, row)
    return codes.FORMULA_CELLS.finding(violation)


class _Refused(Exception):
    """The gate refused a release already written: it does not replace the previous one."""

    def __init__(self, gate: Judgment) -> None:
        super().__init__("refused")
        self.gate = gate


class _Writing:
    """The files of one release being written into the staging folder."""

    def __init__(self, staging: Path, streams: Path, deflater: Deflater, epoch: int) -> None:
        self.staging = staging
        self.streams = streams
        self.deflater = deflater
        self.epoch = epoch
        self.compressed: dict[str, Future[Compressed]] = {}
        self.files: dict[str, FileFacts] = {}

    def compress(self, relative: str, pieces: Iterable[bytes] | None = None) -> Future[Compressed]:
        """Compress a file written, or (with `pieces`) write it from them as it is compressed."""
        stream = self.streams / f"{len(self.compressed)}.deflate"
        future = self.deflater.submit(self.staging / relative, stream, pieces)
        self.compressed[relative] = future
        return future

    def facts(self, compressed: Compressed) -> FileFacts:
        relative = compressed.source.relative_to(self.staging).as_posix()
        facts = FileFacts(relative, compressed.size, compressed.sha256)
        self.files[relative] = facts
        return facts

    def target(
        self, target: targets.TargetInfo, portal: Portal, datasets: list[PortalDataset]
    ) -> None:
        for relative, content in targets.load(target.name).files(portal, datasets):
            self.json(relative, content)

    def json(self, relative: str, content: Any) -> None:
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_json_bytes(content))
        self.facts(self.compress(relative).result())

    def zip(self, relative: str, folder: str, prefix: str) -> None:
        """A zip of everything written under `folder`, entries named `prefix/...`."""
        members = [
            Entry(prefix + name[len(folder) :], future.result())
            for name, future in self.compressed.items()
            if name.startswith(folder + "/")
        ]
        self._zip(relative, members)

    def bundle(self) -> None:
        members = [Entry(name, future.result()) for name, future in self.compressed.items()]
        self._zip(BUNDLE, members)

    def _zip(self, relative: str, members: list[Entry]) -> None:
        target = self.staging / relative
        digest = write_zip(target, members, self.epoch)
        self.files[relative] = FileFacts(relative, target.stat().st_size, digest)

    def manifest(self, facts: Release) -> tuple[FileFacts, ...]:
        files = tuple(sorted(self.files.values(), key=lambda f: f.path))
        content = _json_bytes(manifest(facts, files))
        (self.staging / release.MANIFEST).write_bytes(content)
        return files


def _json_bytes(content: Any) -> bytes:
    return (json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(
        "utf-8"
    )
