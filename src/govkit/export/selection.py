"""What one access level may see: the datasets, resources and fields a release holds.

A resource's level is the stricter of its own and its dataset's; it is released
when that level is at most as strict as the export level, and `classified`
never is. At a public-facing level (one that maps to POD `public` or
`restricted public`) exemptions are applied as well, and a personal field
leaves only through a redaction. Everything left out is reported with why, as
a finding, so a dry run says exactly what a release would hold. A resource
whose data file is also the file of a withheld one is withheld as well, with
an error: one file is never both released and withheld.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from govkit.catalog.datafiles import data_file
from govkit.catalog.loader import CATALOG_DIR, SCHEMAS_DIR, Catalog, Entry
from govkit.catalog.models import Config, Dataset, Exemption, Resource
from govkit.catalog.tree import FileTree, Kind, unsafe_reason
from govkit.errors import GovkitError
from govkit.export import codes
from govkit.findings import Citation, Finding, Location
from govkit.rules import Rule, Violation
from govkit.yamlio import YamlDocument

NEVER_RELEASED = "classified"
PUBLIC_FACING = frozenset({"public", "restricted public"})
PERSONAL = frozenset({"personal", "special"})
STRING_TYPES = frozenset({"string"})
NUMERIC_TYPES = frozenset({"integer", "number", "year", "yearmonth"})


class Treatment(enum.StrEnum):
    """What happens to a released field's values."""

    keep = "keep"
    mask = "mask"
    hash = "hash"


@dataclass(frozen=True)
class Level:
    """The export level: its id, its rank in the ordered scheme, and whether the public sees it."""

    id: str
    rank: int
    public_facing: bool


@dataclass(frozen=True)
class FieldChoice:
    """A released field: its descriptor as written, its position, and its treatment."""

    index: int
    spec: Mapping[str, Any]
    treatment: Treatment

    @property
    def name(self) -> str:
        return str(self.spec.get("name"))

    @property
    def type(self) -> str:
        # Table Schema v1's default type; v2 says `any`, which is read as text too.
        return str(self.spec.get("type", "string"))


@dataclass(frozen=True)
class ResourceChoice:
    dataset: Dataset
    resource: Resource
    schema: YamlDocument
    fields: tuple[FieldChoice, ...]
    dropped: tuple[str, ...] = ()
    """Names of the fields left out."""

    @property
    def key(self) -> str:
        return f"{self.dataset.id}/{self.resource.name}"

    @property
    def data_path(self) -> str:
        return f"{CATALOG_DIR}/{self.resource.path}"


@dataclass(frozen=True)
class PackageChoice:
    entry: Entry[Dataset]
    resources: tuple[ResourceChoice, ...]

    @property
    def dataset(self) -> Dataset:
        return self.entry.model


@dataclass(frozen=True)
class Selection:
    level: Level
    packages: tuple[PackageChoice, ...]
    findings: tuple[Finding, ...]
    withheld: frozenset[tuple[str, str | None]] = field(default_factory=frozenset)
    """(dataset, None) for a withheld dataset, (dataset, resource) for a withheld resource."""

    @property
    def resources(self) -> Iterator[ResourceChoice]:
        for package in self.packages:
            yield from package.resources


def export_level(config: Config, level: str) -> Level:
    """The level to release, or a usage error naming the levels there are."""
    rank = config.level_rank(level)
    ids = [candidate.id for candidate in config.access_levels]
    if rank is None:
        raise GovkitError(f"unknown access level '{level}'; govkit.yaml declares {', '.join(ids)}")
    if level == NEVER_RELEASED:
        raise GovkitError(
            f"'{NEVER_RELEASED}' data is never exported: its catalog entries are metadata "
            "stubs only; choose a less restricted --level"
        )
    pod = config.access_levels[rank].pod
    return Level(level, rank, pod in PUBLIC_FACING)


def select(catalog: Catalog, level: Level) -> Selection:
    """Split the catalog into what `level` releases and what it withholds (with findings)."""
    run = _Selecting(catalog, level)
    packages = [package for entry in catalog.datasets if (package := run.dataset(entry))]
    packages = run.unshared(packages)
    return Selection(level, tuple(packages), tuple(run.findings), frozenset(run.withheld))


def _first_of_each(names: Sequence[str]) -> list[bool]:
    """Which entries are the first of their name (a repeated id is a lint error; a forced
    release keeps the first, so that no two share a file)."""
    seen: set[str] = set()
    firsts = []
    for name in names:
        firsts.append(name not in seen)
        seen.add(name)
    return firsts


@dataclass
class _Selecting:
    catalog: Catalog
    level: Level
    findings: list[Finding] = field(default_factory=list)
    withheld: set[tuple[str, str | None]] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    repeats: set[int] = field(default_factory=set)
    """Resources withheld only because their dataset id or their name is repeated: their file
    is the first one's to release."""

    def unshared(self, packages: Sequence[PackageChoice]) -> list[PackageChoice]:
        """The packages without the resources whose data file a withheld resource names."""
        released = {id(choice.resource) for p in packages for choice in p.resources}
        withheld = {
            data_file(resource.path): (entry.model.id, resource.name)
            for entry in self.catalog.datasets
            for resource in entry.model.resources
            if id(resource) not in released and id(resource) not in self.repeats
        }
        return [self._unshared(package, withheld) for package in packages]

    def _repeated(self, dataset: Dataset, resources: Sequence[Resource]) -> None:
        for resource in resources:
            if self._resource_reason(dataset, resource) is None:
                self.repeats.add(id(resource))

    def _unshared(
        self, package: PackageChoice, withheld: Mapping[str, tuple[str, str]]
    ) -> PackageChoice:
        kept = []
        for choice in package.resources:
            other = withheld.get(data_file(choice.resource.path))
            if other is None:
                kept.append(choice)
                continue
            self.withheld.add((choice.dataset.id, choice.resource.name))
            index = next(i for i, r in enumerate(choice.dataset.resources) if r is choice.resource)
            message = (
                f"'{choice.resource.name}' is withheld: its data file {choice.data_path} is also "
                f"the file of '{other[0]}/{other[1]}', which is withheld at '{self.level.id}'; "
                "give it its own file, or give both one access level"
            )
            violation = package.entry.violation(f"/resources/{index}/path", message)
            self._report(codes.SHARED_FILE, violation, choice.dataset.id, choice.resource.name)
        return replace(package, resources=tuple(kept))

    def rank(self, level: str) -> int | None:
        return self.catalog.config.model.level_rank(level)

    def dataset(self, entry: Entry[Dataset]) -> PackageChoice | None:
        dataset = entry.model
        reason = self._level_reason(dataset.access_level)
        whole = _whole_exemption(dataset.exemptions)
        if reason is None and dataset.id in self.ids:
            reason = f"another entry has the id '{dataset.id}'"
            if whole is None or not self.level.public_facing:
                self._repeated(dataset, dataset.resources)
        self.ids.add(dataset.id)
        if reason is None and whole is not None and self.level.public_facing:
            reason = f"an exemption ({whole.law} art. {whole.article}) covers it whole"
        if reason is not None:
            self.withheld.add((dataset.id, None))
            violation = entry.violation("/access_level", f"'{dataset.id}' is withheld: {reason}")
            self._report(codes.WITHHELD_DATASET, violation, dataset=dataset.id)
            return None
        firsts = _first_of_each([resource.name for resource in dataset.resources])
        resources = [
            choice
            for index, resource in enumerate(dataset.resources)
            if (choice := self.resource(entry, index, resource, first=firsts[index]))
        ]
        return PackageChoice(entry, tuple(resources))

    def resource(
        self, entry: Entry[Dataset], index: int, resource: Resource, *, first: bool = True
    ) -> ResourceChoice | None:
        dataset = entry.model
        reason = self._resource_reason(dataset, resource)
        if reason is None and not first:
            reason = f"another resource of '{dataset.id}' has the name '{resource.name}'"
            self._repeated(dataset, [resource])
        schema = self.catalog.table_schemas.get(resource.schema_)
        if reason is None and schema is None:
            reason = f"its Table Schema {SCHEMAS_DIR}/{resource.schema_} cannot be read"
        if reason is None and schema is not None:
            reason = self._aggregate_reason(entry, index, resource, schema)
        if reason is not None or schema is None:
            self.withheld.add((dataset.id, resource.name))
            message = f"'{resource.name}' is withheld: {reason}"
            violation = entry.violation(f"/resources/{index}", message)
            self._report(codes.WITHHELD_RESOURCE, violation, dataset.id, resource.name)
            return None
        choice = self._fields(dataset, resource, schema)
        if not choice.fields:
            self.withheld.add((dataset.id, resource.name))
            message = f"'{resource.name}' is withheld: every one of its fields is withheld"
            violation = entry.violation(f"/resources/{index}", message)
            self._report(codes.WITHHELD_RESOURCE, violation, dataset.id, resource.name)
            return None
        return choice

    def _level_reason(self, level: str) -> str | None:
        rank = self.rank(level)
        if level == NEVER_RELEASED:
            return f"'{NEVER_RELEASED}' data is never exported"
        if rank is None:
            return f"its access level '{level}' is not declared in govkit.yaml"
        if rank > self.level.rank:
            return f"its access level '{level}' is stricter than '{self.level.id}'"
        return None

    def _resource_reason(self, dataset: Dataset, resource: Resource) -> str | None:
        own = resource.access_level or dataset.access_level
        reason = self._level_reason(own)
        if reason is None and self.level.public_facing:
            exemption = _resource_exemption(dataset.exemptions, resource.name)
            if exemption is not None:
                reason = f"an exemption ({exemption.law} art. {exemption.article}) covers it"
        if reason is None:
            reason = self._data_reason(resource)
        return reason

    def _data_reason(self, resource: Resource) -> str | None:
        unsafe = unsafe_reason(resource.path)
        if unsafe is not None:
            return f"its data path {unsafe}"
        relative = f"{CATALOG_DIR}/{resource.path}"
        kind = self.catalog.tree.kind(relative)
        if kind is not Kind.FILE:
            tree = self.catalog.tree
            words = _kind_words(kind)
            if isinstance(tree, FileTree) and tree.unseen(relative):
                words = "ignored by git or inside a submodule, so not in the release's commit"
            return f"its data file {relative} is {words}"
        return None

    def _aggregate_reason(
        self, entry: Entry[Dataset], index: int, resource: Resource, schema: YamlDocument
    ) -> str | None:
        for position, spec in _fields(schema):
            if spec.get("redaction") == "aggregate":
                message = (
                    f"field '{spec.get('name')}' asks for `redaction: aggregate`, which a "
                    f"row-level export cannot apply; '{resource.name}' is withheld (publish an "
                    "aggregated resource, or choose drop, mask or hash)"
                )
                violation = _schema_violation(schema, position, message)
                self._report(
                    codes.AGGREGATE_REFUSED,
                    violation,
                    entry.model.id,
                    resource.name,
                    str(spec.get("name")),
                )
                return "a field asks for `redaction: aggregate`"
        return None

    def _fields(self, dataset: Dataset, resource: Resource, schema: YamlDocument) -> ResourceChoice:
        chosen: list[FieldChoice] = []
        dropped: list[str] = []
        judged = []
        for position, spec in _fields(schema):
            name = str(spec.get("name"))
            exemption = _field_exemption(dataset.exemptions, resource.name, name)
            judged.append((position, spec, exemption, self._field_verdict(spec, exemption)))
        # What a `keep_where` may depend on: fields released as they are (each of them, when
        # a name is repeated).
        kept_as_is = {str(s.get("name")) for _, s, _, v in judged if v is Treatment.keep} - {
            str(s.get("name")) for _, s, _, v in judged if v is not Treatment.keep
        }
        for position, spec, exemption, verdict in judged:
            if isinstance(verdict, Treatment):
                released = self._iso_date_checked(dataset, resource, schema, position, spec)
                problem = self._keep_where_problem(released, exemption, kept_as_is)
                if problem is not None:
                    released = self._without_keep_where(
                        dataset, resource, schema, position, released, problem=problem
                    )
                chosen.append(FieldChoice(position, released, verdict))
                continue
            dropped.append(str(spec.get("name")))
            message = f"field '{spec.get('name')}' is withheld: {verdict}"
            finding = codes.WITHHELD_FIELD.finding(_schema_violation(schema, position, message))
            finding = replace(
                finding, dataset=dataset.id, resource=resource.name, field=str(spec.get("name"))
            )
            if exemption is not None and self.level.public_facing:
                finding = replace(finding, citation=Citation(exemption.law, exemption.article))
            self.findings.append(finding)
        return ResourceChoice(dataset, resource, schema, tuple(chosen), tuple(dropped))

    def _iso_date_checked(
        self,
        dataset: Dataset,
        resource: Resource,
        schema: YamlDocument,
        position: int,
        spec: Mapping[str, Any],
    ) -> Mapping[str, Any]:
        """The field as released: its `iso_date` dropped (and reported) when it cannot apply."""
        iso = spec.get("iso_date")
        if iso is None:
            return spec
        names = [str(f.get("name")) for _, f in _fields(schema)]
        others = [f.get("iso_date") for i, f in _fields(schema) if i != position]
        problem = None
        if spec.get("calendar") != "jalali":
            problem = "needs `calendar: jalali` on the field"
        elif spec.get("redaction") is not None:
            problem = f"is redacted (`redaction: {spec.get('redaction')}`): the date would show"
        elif iso in names or iso in others:
            problem = f"'{iso}' is already the name of a field"
        if problem is None:
            return spec
        message = f"field '{spec.get('name')}' asks for an ISO date column, but it {problem}"
        violation = _schema_violation(schema, position, message)
        self._report(
            codes.ISO_DATE_COLUMN, violation, dataset.id, resource.name, str(spec.get("name"))
        )
        return {key: value for key, value in spec.items() if key != "iso_date"}

    def _keep_where_problem(
        self,
        spec: Mapping[str, Any],
        exemption: Exemption | None,
        kept_as_is: set[str],
    ) -> str | None:
        """Why the field's `keep_where` cannot apply; None when it can (or there is none).

        It only tells personal data from data about legal persons: it never applies to other
        sensitive data, to a field an exemption covers (whose rows the exemption covers, all
        of them), or with a condition that is not itself released as it is (which rows are
        redacted would show the condition)."""
        keep = spec.get("keep_where")
        if keep is None:
            return None
        target = str(keep.get("field")) if isinstance(keep, Mapping) else ""
        if spec.get("redaction") not in (Treatment.mask, Treatment.hash):
            return "applies to `redaction: mask` or `hash` only"
        if spec.get("sensitivity") not in (None, "none", "personal"):
            return (
                f"would publish {spec.get('sensitivity')} data; it only tells personal data "
                "from data about legal persons"
            )
        if exemption is not None and self.level.public_facing:
            return (
                f"would publish rows that an exemption ({exemption.law} art. "
                f"{exemption.article}) covers: take the field out of the exemption's `fields`, "
                "or remove `keep_where`"
            )
        if target == spec.get("name") or target not in kept_as_is:
            return (
                f"names '{target}', which is not another field of the schema released as it "
                "is (which rows are redacted would show it)"
            )
        return None

    def _without_keep_where(
        self,
        dataset: Dataset,
        resource: Resource,
        schema: YamlDocument,
        position: int,
        spec: Mapping[str, Any],
        *,
        problem: str,
    ) -> Mapping[str, Any]:
        """The field without its `keep_where` (every row redacted), and the error reported."""
        message = f"field '{spec.get('name')}' has a `keep_where` that {problem}"
        violation = _schema_violation(schema, position, message)
        self._report(codes.KEEP_WHERE, violation, dataset.id, resource.name, str(spec.get("name")))
        return {key: value for key, value in spec.items() if key != "keep_where"}

    def _field_verdict(
        self, spec: Mapping[str, Any], exemption: Exemption | None
    ) -> Treatment | str:
        """The field's treatment, or why it is withheld."""
        redaction = spec.get("redaction")
        if redaction == "drop":
            return "its schema says `redaction: drop`"
        if redaction in (Treatment.mask, Treatment.hash):
            return Treatment(redaction)
        if self.level.public_facing and exemption is not None:
            return (
                f"an exemption ({exemption.law} art. {exemption.article}) covers it and "
                "it has no redaction"
            )
        if self.level.public_facing and spec.get("sensitivity") in PERSONAL:
            return _personal_reason(spec)
        return Treatment.keep

    def _report(
        self,
        rule: Rule[object],
        violation: Violation,
        dataset: str | None = None,
        resource: str | None = None,
        field_name: str | None = None,
    ) -> None:
        finding = rule.finding(violation)
        self.findings.append(replace(finding, dataset=dataset, resource=resource, field=field_name))


def _personal_reason(spec: Mapping[str, Any]) -> str:
    reason = (
        f"it is {spec.get('sensitivity')} data without a redaction, and export never publishes "
        "such a field as it is (give it `redaction: mask` or `hash`)"
    )
    if spec.get("subject_role") in ("official", "legal-person"):
        # The allow-list is the pack's to apply (govkit check); what is published as it is
        # must say so in its own tag, not in an exception to `personal`.
        reason += (
            "; if it holds only what the privacy guideline's art. 5 says is not personal data "
            "(officials' names with their post, legal persons), tag it `sensitivity: none` "
            f"and keep `subject_role: {spec.get('subject_role')}`"
        )
    return reason


def _fields(schema: YamlDocument) -> Iterator[tuple[int, Mapping[str, Any]]]:
    listed = schema.data.get("fields")
    for position, spec in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(spec, dict):
            yield position, spec


def _schema_violation(schema: YamlDocument, position: int, message: str) -> Violation:
    pointer = f"/fields/{position}"
    at = schema.locate(pointer)
    return Violation(message, Location(schema.path, at.line, at.column, pointer))


def _whole_exemption(exemptions: Sequence[Exemption]) -> Exemption | None:
    return next((e for e in exemptions if not e.fields and not e.resources), None)


def _resource_exemption(exemptions: Sequence[Exemption], resource: str) -> Exemption | None:
    return next((e for e in exemptions if not e.fields and _names(resource, e.resources)), None)


def _field_exemption(
    exemptions: Sequence[Exemption], resource: str, field_name: str
) -> Exemption | None:
    return next(
        (
            e
            for e in exemptions
            if _names(field_name, e.fields) and (not e.resources or _names(resource, e.resources))
        ),
        None,
    )


def _names(name: str, listed: Sequence[str]) -> bool:
    """Whether an exemption's list names `name`. Case is ignored: an exemption written
    `Amount` for `amount` (an error lint reports) withholds the field rather than publish it."""
    folded = name.casefold()
    return any(folded == entry.casefold() for entry in listed)


def _kind_words(kind: Kind) -> str:
    return {
        Kind.MISSING: "missing",
        Kind.SYMLINK: "a symbolic link, which govkit never follows",
        Kind.DIRECTORY: "a folder",
    }.get(kind, "not a regular file")
