"""Load a catalog root into a `Catalog`: every file parsed, checked for shape, and modelled.

A file that is not YAML at all makes the input unusable (`InputError`, exit 2,
every such file listed); a file that is YAML but breaks its JSON Schema is a
finding, and the entry is left out of the `Catalog` so later rules only see
well-formed models. `govkit.yaml` is the tool's own configuration: any problem
with it is an `InputError`.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from govkit.catalog import structure
from govkit.catalog.models import FORMAT_VERSION, Config, Dataset, Units
from govkit.catalog.tree import Kind, Tree, unsafe_reason
from govkit.errors import GovkitError, InputError, Problem
from govkit.findings import Finding, Location, Severity
from govkit.rules import Violation, declare
from govkit.yamlio import YAML_MAX_BYTES, Position, YamlDocument, load_yaml, pointer_join

CONFIG_FILE = "govkit.yaml"
CATALOG_DIR = "catalog"
UNITS_FILE = "catalog/units.yaml"
SCHEMAS_DIR = "schemas"
YAML_SUFFIXES = (".yaml", ".yml")

Model = TypeVar("Model", bound=BaseModel)
Pack = TypeVar("Pack")

SCHEMA_VIOLATION = declare(
    "GK101",
    "schema-violation",
    Severity.ERROR,
    """A catalog file does not match the catalog format.

    Every file has a JSON Schema (`govkit schema` prints them); an entry that
    breaks it is reported here and left out of every other check, because the
    other rules need its keys to be what they claim.

    Fix: correct the key or value at the position given; unknown keys are often
    misspellings, and the message suggests the closest known key.
    """,
)
MISSING_UNITS = declare(
    "GK111",
    "missing-units-file",
    Severity.ERROR,
    """`catalog/units.yaml` is missing.

    Every dataset names its owning unit, and the units file is where units and
    their stewards are declared, so without it no ownership can be checked.

    Fix: create `catalog/units.yaml` with a `units:` list (`govkit init` writes one).
    """,
)
UNSAFE_ENTRY = declare(
    "GK112",
    "symlinked-entry",
    Severity.ERROR,
    """A catalog entry is a symbolic link.

    govkit never follows symlinks: a link can point outside the catalog, and
    what reviewers see in a change would not be what is read.

    Fix: replace the link with the file itself.
    """,
)


@dataclass(frozen=True)
class Entry(Generic[Model]):
    """A validated model and the document it was read from (for positions)."""

    model: Model
    document: YamlDocument

    def violation(
        self,
        pointer: str,
        message: str,
        *,
        key: bool = False,
        dataset: str | None = None,
        resource: str | None = None,
        field: str | None = None,
    ) -> Violation:
        position = self.document.locate(pointer, key=key)
        location = Location(self.document.path, position.line, position.column, pointer)
        return Violation(message, location, dataset=dataset, resource=resource, field=field)


@dataclass(frozen=True)
class Catalog:
    tree: Tree
    config: Entry[Config]
    units: Entry[Units] | None
    datasets: tuple[Entry[Dataset], ...]
    table_schemas: Mapping[str, YamlDocument] = field(default_factory=dict)

    @property
    def unit_ids(self) -> frozenset[str] | None:
        """Declared unit ids, or None when the units file could not be read."""
        if self.units is None:
            return None
        return frozenset(unit.id for unit in self.units.model.units)


@dataclass
class _Loading:
    """What one load has gathered so far: findings, and problems that make it unusable."""

    tree: Tree
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def document(self, relative: str) -> YamlDocument | None:
        try:
            return load_yaml(self.tree.read(relative, YAML_MAX_BYTES), relative)
        except InputError as error:
            self.problems.extend(error.problems)
        except OSError as error:
            self.problems.append(Problem(relative, 1, 1, f"cannot read: {error.strerror}"))
        return None

    def model(
        self, document: YamlDocument, kind: str, model: type[Model], dataset: str | None = None
    ) -> Model | None:
        read = self._model(document, kind, model, dataset)
        if read is not None:
            days_as_iso(read, document.data)
        return read

    def _model(
        self, document: YamlDocument, kind: str, model: type[Model], dataset: str | None
    ) -> Model | None:
        fast = strict_model(model, document.data)
        if fast is not None:
            return fast
        shape = list(structure.violations(document, kind, dataset))
        if not shape:  # only if a model is stricter than its committed JSON Schema
            try:
                return model.model_validate(document.data)
            except ValidationError as error:
                shape = list(_pydantic_violations(document, error, dataset))
        self.findings.extend(SCHEMA_VIOLATION.finding(v) for v in shape)
        return None


def days_as_iso(model: BaseModel, data: Any) -> None:
    """Rewrite the days of `data` that are written Jalali in ISO, as its model read them, so
    that what reads the plain data (policy rules, change rules) compares ISO days. A text
    the model holds otherwise than written was normalised so (a Jalali interval)."""
    if not isinstance(data, dict):
        return
    for name, field_info in type(model).model_fields.items():
        key = field_info.alias or name
        value = getattr(model, name)
        if isinstance(value, dt.date) and isinstance(data.get(key), str):
            data[key] = value.isoformat()
        elif isinstance(value, str) and isinstance(data.get(key), str):
            data[key] = value
        elif isinstance(value, BaseModel):
            days_as_iso(value, data.get(key))
        elif isinstance(value, list) and isinstance(data.get(key), list):
            for item, written in zip(value, data[key], strict=False):
                if isinstance(item, BaseModel):
                    days_as_iso(item, written)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Loading builds ~100k small, acyclic, long-lived objects; the cycle collector would
    rescan them over and over (40% of the load time). Reference counting still frees garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def strict_model(model: type[Model], data: dict[str, Any]) -> Model | None:
    """The model if `data` is valid, else None: the fast path, 20x faster than the JSON Schema.

    Strict JSON-mode validation accepts what the committed JSON Schema accepts
    (tests/test_jsonschemas.py holds them to it), except that the schema has no
    nulls while an optional model field takes one: so data holding a null takes
    the slow path, where the JSON Schema explains every problem.
    """
    if _holds_null(data):
        return None
    try:
        return model.model_validate_json(json.dumps(data), strict=True)
    except ValidationError:
        return None


def _holds_null(node: Any) -> bool:
    if node is None:
        return True
    if isinstance(node, dict):
        return any(_holds_null(value) for value in node.values())
    if isinstance(node, list):
        return any(_holds_null(item) for item in node)
    return False


def load_catalog(tree: Tree) -> tuple[Catalog, list[Finding]]:
    """Read every catalog file under a root; raise `InputError` if any is not usable YAML."""
    loading = _Loading(tree)
    with _cycle_collector_paused():
        config = _load_config(tree)
        units = _load_units(loading)
        datasets = tuple(_load_datasets(loading))
        schemas = _load_table_schemas(loading, datasets)
    if loading.problems:
        raise InputError(loading.problems)
    catalog = Catalog(tree, config, units, datasets, schemas)
    return catalog, loading.findings


def load_config(tree: Tree) -> Entry[Config]:
    """Read govkit.yaml alone, for commands that need no datasets (`govkit rules`)."""
    return _load_config(tree)


def _load_config(tree: Tree) -> Entry[Config]:
    kind = tree.kind(CONFIG_FILE)
    if kind is not Kind.FILE:
        raise GovkitError(
            f"{tree.label}/{CONFIG_FILE}: {kind.value}; a catalog root has a govkit.yaml file "
            "(create one with `govkit init DIR`, or pass --root)"
        )
    try:
        document = load_yaml(tree.read(CONFIG_FILE, YAML_MAX_BYTES), CONFIG_FILE)
    except OSError as error:
        raise InputError.at(CONFIG_FILE, 1, 1, f"cannot read: {error.strerror}") from None
    _check_format_version(document)
    config = strict_model(Config, document.data)
    if config is None:
        shape = list(structure.violations(document, "config"))
        raise InputError(_as_problem(v) for v in shape or [_config_mismatch(document)])
    _check_levels(config, document)
    return Entry(config, document)


def _check_format_version(document: YamlDocument) -> None:
    version = document.data.get("govkit")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        at = document.locate("/govkit")
        raise InputError.at(
            CONFIG_FILE,
            at.line,
            at.column,
            f"this catalog is written for catalog format {version}; this govkit reads format "
            f"{FORMAT_VERSION}: upgrade govkit",
        )


def _config_mismatch(document: YamlDocument) -> Violation:
    message = "govkit.yaml breaks the catalog format in a way its JSON Schema does not describe"
    return Violation(message, Location(document.path))


def _check_levels(config: Config, document: YamlDocument) -> None:
    ids = [level.id for level in config.access_levels]
    for index, level in enumerate(ids):
        if level in ids[:index]:
            at = document.locate(f"/access_levels/{index}/id")
            raise InputError.at(
                CONFIG_FILE, at.line, at.column, f"access level '{level}' is declared twice"
            )
    if config.export.level not in ids:
        at = document.locate("/export/level")
        raise InputError.at(
            CONFIG_FILE,
            at.line,
            at.column,
            f"export level '{config.export.level}' is not an access level ({', '.join(ids)})",
        )


def _load_units(loading: _Loading) -> Entry[Units] | None:
    kind = loading.tree.kind(UNITS_FILE)
    if kind is not Kind.FILE:
        message = f"{UNITS_FILE} is {kind.value}; declare the organisation's units there"
        loading.findings.append(MISSING_UNITS.finding(Violation(message, Location(UNITS_FILE))))
        return None
    document = loading.document(UNITS_FILE)
    if document is None:
        return None
    units = loading.model(document, "units", Units)
    return Entry(units, document) if units else None


def _load_datasets(loading: _Loading) -> Iterable[Entry[Dataset]]:
    for relative in loading.tree.files(CATALOG_DIR, YAML_SUFFIXES):
        if relative == UNITS_FILE:
            continue
        if loading.tree.kind(relative) is not Kind.FILE:
            message = (
                f"{relative} is a symbolic link or not a regular file; govkit does not follow it"
            )
            loading.findings.append(UNSAFE_ENTRY.finding(Violation(message, Location(relative))))
            continue
        document = loading.document(relative)
        if document is None:
            continue
        dataset_id = document.data.get("id")
        label = dataset_id if isinstance(dataset_id, str) else None
        dataset = loading.model(document, "dataset", Dataset, label)
        if dataset is not None:
            yield Entry(dataset, document)


def _load_table_schemas(
    loading: _Loading, datasets: Iterable[Entry[Dataset]]
) -> dict[str, YamlDocument]:
    """Parse each Table Schema that resources name, once, if its path is safe and present."""
    schemas: dict[str, YamlDocument] = {}
    wanted = sorted({r.schema_ for entry in datasets for r in entry.model.resources})
    for name in wanted:
        relative = f"{SCHEMAS_DIR}/{name}"
        if unsafe_reason(name) is None and loading.tree.kind(relative) is Kind.FILE:
            document = loading.document(relative)
            if document is not None:
                schemas[name] = document
    return schemas


def _pydantic_violations(
    document: YamlDocument, error: ValidationError, dataset: str | None
) -> Iterable[Violation]:
    # Only reached if a model is stricter than its committed JSON Schema.
    for detail in error.errors():
        pointer = ""
        for token in detail["loc"]:
            pointer = pointer_join(pointer, token)
        position = document.locate(pointer)
        location = Location(document.path, position.line, position.column, pointer)
        reason = detail.get("ctx", {}).get("error")
        if detail["type"] == "value_error" and isinstance(reason, ValueError):
            # A validator's own reason (a day that is none) says more than pydantic's words.
            message = f"'{pointer}' is '{detail['input']}': {reason}"
        else:
            message = f"'{pointer}': {detail['msg']}"
        yield Violation(message, location, dataset=dataset)


def _as_problem(violation: Violation) -> Problem:
    loc = violation.location
    return Problem(loc.path, loc.line, loc.column, violation.message)


def listed_packs(
    config: Entry[Config],
    key: str,
    ids: Sequence[str],
    find: Callable[[str], Pack | None],
    unknown: Callable[[str], str],
) -> tuple[list[tuple[int, Position, Pack]], list[Problem]]:
    """The packs a list of govkit.yaml (`policies`, `obligations`) names, in its order, each
    with its index and position; a name listed twice, naming no pack (`unknown` says why)
    or naming a pack that does not load is a problem at its line."""
    found: list[tuple[int, Position, Pack]] = []
    problems: list[Problem] = []
    for index, pack_id in enumerate(ids):
        at = config.document.locate(f"/{key}/{index}")
        if pack_id in ids[:index]:
            problems.append(
                Problem(CONFIG_FILE, at.line, at.column, f"'{pack_id}' is listed twice")
            )
            continue
        try:
            pack = find(pack_id)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if pack is None:
            problems.append(Problem(CONFIG_FILE, at.line, at.column, unknown(pack_id)))
        else:
            found.append((index, at, pack))
    return found, problems
