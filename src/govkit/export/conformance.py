"""Whether frictionless, the reference implementation, accepts each package of a staged release.

The export writes its packages to be valid Data Packages; this is the proof, made
before the release replaces the previous one. For each released dataset, frictionless
reads `datasets/DATASET/datapackage.json` and validates the descriptor (Data Package
v2 and every Table Schema in it), then reads the first `SAMPLE_ROWS` rows of each
resource and checks them against its schema: types, constraints, and the primary and
unique keys over those rows. A sample keeps the check's cost the same whatever the
size of the release; the whole data has been validated on the source already.

Foreign keys are checked in the descriptor only: frictionless checks their values by
reading the whole referenced table, and a sample would find references to rows past it.

frictionless runs untrusted (a resource's path must stay inside its package's folder)
and offline: every request its HTTP session would make fails.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from govkit import frictionless_safe
from govkit.export import codes
from govkit.export.selection import PackageChoice, ResourceChoice, Selection
from govkit.findings import Finding, Location
from govkit.rules import Violation

SAMPLE_ROWS = 1000
DATASETS = "datasets"
DESCRIPTOR = "datapackage.json"


def check_release(
    staging: Path, selection: Selection, sample_rows: int = SAMPLE_ROWS
) -> list[Finding]:
    """What frictionless rejects in the release staged at `staging`, one finding per
    problem (a field's row errors are counted in one), at the catalog's own place for it."""
    frictionless = frictionless_safe.load()
    findings: list[Finding] = []
    with frictionless.system.use_context(trusted=False, http_session=_Offline()):
        for package in selection.packages:
            folder = staging / DATASETS / package.dataset.id
            findings.extend(_PackageCheck(frictionless, folder, package).findings(sample_rows))
    return findings


class _Offline:
    """frictionless's HTTP session, making no request: a release is checked offline."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}

    def request(self, method: str, url: str, *args: object, **kwargs: object) -> NoReturn:
        raise OSError(f"a release is checked offline; frictionless asked for {method} {url}")

    def get(self, url: str, *args: object, **kwargs: object) -> NoReturn:
        self.request("GET", url)

    def post(self, url: str, *args: object, **kwargs: object) -> NoReturn:
        self.request("POST", url)


@dataclass(frozen=True)
class _Problem:
    """A frictionless error, before it has a place in the catalog."""

    kind: str
    note: str
    row: int | None = None
    field: str | None = None


@dataclass
class _PackageCheck:
    frictionless: Any
    folder: Path
    package: PackageChoice

    @property
    def relative(self) -> str:
        return f"{DATASETS}/{self.package.dataset.id}/{DESCRIPTOR}"

    def findings(self, sample_rows: int) -> list[Finding]:
        path = self.folder / DESCRIPTOR
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return [self._at_dataset(f"{self.relative} cannot be read: {error}")]
        exception = self.frictionless.FrictionlessException
        try:
            problems = self._metadata(descriptor)
            if problems:
                return problems
            return self._rows(descriptor, sample_rows)
        except (exception, OSError) as error:
            return [self._at_dataset(f"frictionless cannot read {self.relative}: {error}")]

    # -- the descriptor --------------------------------------------------------------------

    def _metadata(self, descriptor: Mapping[str, Any]) -> list[Finding]:
        """Descriptor errors, each at the field, resource or dataset it is about. frictionless
        does not say where, so when the package fails it is validated again in parts: alone,
        then with each resource alone, then with each field alone; each part's errors are
        those its whole had not."""
        whole = self._descriptor_errors(descriptor)
        if not whole:
            return []
        own = self._descriptor_errors({**descriptor, "resources": []})
        found = [
            self._at_dataset(f"frictionless rejects {self.relative}: {problem.note}")
            for problem in own
        ]
        resources = descriptor.get("resources")
        for position, resource in enumerate(resources if isinstance(resources, list) else []):
            if isinstance(resource, dict):
                found.extend(self._resource_metadata(descriptor, position, resource, own))
        if not found:  # what only the whole shows
            found = [
                self._at_dataset(f"frictionless rejects {self.relative}: {problem.note}")
                for problem in whole
            ]
        return found

    def _resource_metadata(
        self,
        descriptor: Mapping[str, Any],
        position: int,
        resource: Mapping[str, Any],
        known: Sequence[_Problem],
    ) -> list[Finding]:
        choice = self._choice(resource.get("name"))
        where = f"frictionless rejects {self.relative} resources[{position}]"
        bare = self._part_errors(descriptor, {**resource, "schema": {"fields": []}}, known)
        found = [self._at_resource(choice, f"{where}: {problem.note}") for problem in bare]
        fields = _mapping(resource.get("schema")).get("fields")
        for field in fields if isinstance(fields, list) else []:
            alone = {**resource, "schema": {"fields": [field]}}
            name = field.get("name") if isinstance(field, dict) else None
            for problem in self._part_errors(descriptor, alone, [*known, *bare]):
                message = f"{where} field '{name}': {problem.note}"
                found.append(self._at_field(choice, name, message))
        if not found:  # the fields are valid one by one: the keys are not
            for problem in self._part_errors(descriptor, resource, known):
                found.append(self._at_resource(choice, f"{where} schema: {problem.note}"))
        return found

    def _part_errors(
        self, descriptor: Mapping[str, Any], resource: Mapping[str, Any], known: Sequence[_Problem]
    ) -> list[_Problem]:
        """The errors of the package holding only `resource`, less those already `known`."""
        alone = {**descriptor, "resources": [resource]}
        return [p for p in self._descriptor_errors(alone) if p not in known]

    def _descriptor_errors(self, descriptor: Mapping[str, Any]) -> list[_Problem]:
        report = self.frictionless.Package.validate_descriptor(dict(descriptor))
        return [_Problem(error.type, error.note) for error in report.errors]

    # -- the rows --------------------------------------------------------------------------

    def _rows(self, descriptor: Mapping[str, Any], sample_rows: int) -> list[Finding]:
        sampled = copy.deepcopy(dict(descriptor))
        for resource in sampled.get("resources", []):
            schema = resource.get("schema")
            if isinstance(schema, dict):
                schema.pop("foreignKeys", None)
        package = self.frictionless.Package.from_descriptor(sampled, basepath=str(self.folder))
        found: list[Finding] = []
        for resource in package.resources:
            report = resource.validate(limit_rows=sample_rows)
            problems = [_problem(error) for task in report.tasks for error in task.errors]
            problems += [_problem(error) for error in report.errors]
            found.extend(self._row_findings(resource, problems, sample_rows))
        return found

    def _row_findings(
        self, resource: Any, problems: Sequence[_Problem], sample_rows: int
    ) -> Iterator[Finding]:
        """One finding per field and kind of error, with how many rows and the first."""
        choice = self._choice(resource.name)
        released = f"{DATASETS}/{self.package.dataset.id}/{resource.path}"
        grouped: dict[tuple[str | None, str], list[_Problem]] = {}
        for problem in problems:
            grouped.setdefault((problem.field, problem.kind), []).append(problem)
        for (field, kind), same in grouped.items():
            first = same[0]
            if first.row is None:
                message = f"frictionless rejects {released}: {kind}: {first.note}"
                yield self._at_resource(choice, message)
                continue
            rows = f"{_rows(len(same))} of {released} (of the first {sample_rows:,} it reads)"
            found = f"first at row {first.row}: {kind}: {first.note}"
            if field is not None:
                message = f"frictionless rejects field '{field}' in {rows}, {found}"
                yield self._at_field(choice, field, message)
            elif kind == "primary-key" and choice is not None:
                yield self._at_schema(
                    choice, "/primaryKey", None, f"frictionless rejects {rows}, {found}"
                )
            else:
                hint = _HINTS.get(kind, "")
                yield self._at_resource(choice, f"frictionless rejects {rows}, {found}{hint}")

    # -- places ----------------------------------------------------------------------------

    def _choice(self, name: object) -> ResourceChoice | None:
        return next((c for c in self.package.resources if c.resource.name == name), None)

    def _at_dataset(self, message: str) -> Finding:
        dataset = self.package.dataset.id
        violation = self.package.entry.violation("", message, dataset=dataset)
        return codes.NOT_FRICTIONLESS_VALID.finding(violation)

    def _at_resource(self, choice: ResourceChoice | None, message: str) -> Finding:
        if choice is None:
            return self._at_dataset(message)
        index = self.package.dataset.resources.index(choice.resource)
        violation = self.package.entry.violation(
            f"/resources/{index}", message, dataset=choice.dataset.id, resource=choice.resource.name
        )
        return codes.NOT_FRICTIONLESS_VALID.finding(violation)

    def _at_field(self, choice: ResourceChoice | None, name: object, message: str) -> Finding:
        """At the source schema's field the released one comes from (an ISO date column
        comes from its Jalali field), or else at the resource."""
        source = (
            next((f for f in choice.fields if name in (f.name, f.spec.get("iso_date"))), None)
            if choice
            else None
        )
        if choice is None or source is None:
            return self._at_resource(choice, message)
        return self._at_schema(choice, f"/fields/{source.index}", source.name, message)

    def _at_schema(
        self, choice: ResourceChoice, pointer: str, field: str | None, message: str
    ) -> Finding:
        at = choice.schema.locate(pointer)
        location = Location(choice.schema.path, at.line, at.column, pointer)
        violation = Violation(message, location, choice.dataset.id, choice.resource.name, field)
        return codes.NOT_FRICTIONLESS_VALID.finding(violation)


_HINTS = {
    "blank-row": (
        "every cell of the row is empty as released (the fields that hold its values are "
        "withheld); release a field that is never empty, or take such rows out of the data"
    ),
}
"""What to do, for the errors that the export's own changes cause."""


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _problem(error: Any) -> _Problem:
    """A frictionless error's kind, note, row and field, when it has them."""
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    return _Problem(
        error.type,
        error.note,
        row if isinstance(row, int) else None,
        field if isinstance(field, str) else None,
    )


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"
