"""Evaluate the enabled packs over a catalog: every dataset, resource and field, into findings.

A rule fires where `when` holds and `assert` does not. A rule that fails to
evaluate on one entry (a missing key, a type mismatch) becomes a GK401
finding for that entry, and evaluation goes on with the rest.

Findings of dataset and resource rules point into the dataset's entry; those
of field rules point at the field in its Table Schema, where the field's
`sensitivity` and `redaction` are declared. `change` rules compare a dataset
at two refs: `evaluate_changes` runs them once per changed dataset for `govkit
diff` and `govkit ci`, and their findings point into the entry at head (at
base for a removed dataset).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govkit.catalog.loader import Catalog, Entry
from govkit.catalog.models import Dataset
from govkit.findings import Finding, Location
from govkit.policy.codes import RULE_ERROR
from govkit.policy.context import plain_config, plain_dataset, plain_resource, plain_units
from govkit.policy.expressions import Bindings, EvaluationError
from govkit.policy.models import Scope
from govkit.policy.pack import CompiledRule, PolicyPack
from govkit.rules import Violation
from govkit.yamlio import YamlDocument

_MEMBER = r"\b{name}\b(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)?"
# A field rule whose `when` reads only these gives the same answer for a field wherever the
# field's Table Schema is used, so it is evaluated once per schema field.
_FIELD_ONLY = frozenset({"field", "config", "today"})


@dataclass(frozen=True)
class _Target:
    """What one evaluation is about, and where its findings point."""

    document: YamlDocument
    pointer: str
    dataset: str
    resource: str | None = None
    field: str | None = None

    def location(self, at: str | None) -> Location:
        pointer = self.pointer + (at or "")
        position = self.document.locate(pointer)
        return Location(self.document.path, position.line, position.column, pointer)


@dataclass
class _Evaluation:
    catalog: Catalog
    rules: dict[Scope, list[CompiledRule]]
    bindings: Bindings
    keys: dict[str, frozenset[str] | None]
    findings: list[Finding] = field(default_factory=list)
    field_applies: dict[tuple[str, int, str], bool | EvaluationError] = field(default_factory=dict)
    holding: dict[str, object] = field(default_factory=dict)

    def bind(self, name: str, key: object, value: dict[str, Any]) -> None:
        """Bind a variable unless it holds that value already (converting it is the cost)."""
        if self.holding.get(name) != key:
            keys = self.keys[name]
            self.bindings.bind(name, value if keys is None else _project(value, keys))
            self.holding[name] = key

    def check(self, rule: CompiledRule, target: _Target) -> None:
        context = self.bindings.context
        try:
            rule.when.check_cost(self.bindings.longest)
            rule.assertion.check_cost(self.bindings.longest)
            if not rule.when.holds(context) or rule.assertion.holds(context):
                return
        except EvaluationError as error:
            self.findings.append(_rule_error(rule, target, error))
            return
        self.findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=rule.message.render(context),
                location=target.location(rule.spec.at),
                dataset=target.dataset,
                resource=target.resource,
                field=target.field,
                citation=rule.citation,
            )
        )


def evaluate(catalog: Catalog, packs: Sequence[PolicyPack], today: dt.date) -> list[Finding]:
    """Findings of every dataset, resource and field rule of `packs` over `catalog`."""
    rules: dict[Scope, list[CompiledRule]] = {scope: [] for scope in Scope}
    for pack in packs:
        for rule in pack.rules:
            rules[rule.scope].append(rule)
    bindings = Bindings(plain_config(catalog.config.model), today.isoformat())
    keys = {name: _keys_read(packs, name) for name in ("dataset", "unit", "resource", "field")}
    evaluation = _Evaluation(catalog, rules, bindings, keys)
    units = plain_units(catalog.units.model if catalog.units else None)
    for entry in catalog.datasets:
        _dataset(evaluation, entry, units)
    return evaluation.findings


@dataclass(frozen=True)
class DatasetChange:
    """One dataset at two refs as change rules read it: `before` and `after` built by
    `plain_side` (`{}` where the dataset does not exist), and the entry findings point into."""

    dataset: str
    before: dict[str, Any]
    after: dict[str, Any]
    document: YamlDocument


def evaluate_changes(
    catalog: Catalog, changes: Iterable[DatasetChange], packs: Sequence[PolicyPack], today: dt.date
) -> list[Finding]:
    """Findings of every `change` rule of `packs` over each changed dataset; `catalog` (the
    head side) gives `config`."""
    rules: dict[Scope, list[CompiledRule]] = {scope: [] for scope in Scope}
    for pack in packs:
        for rule in pack.rules:
            rules[rule.scope].append(rule)
    if not rules[Scope.change]:
        return []
    bindings = Bindings(plain_config(catalog.config.model), today.isoformat())
    evaluation = _Evaluation(catalog, rules, bindings, {"before": None, "after": None})
    for number, change in enumerate(changes):
        evaluation.bind("before", (number, "before"), change.before)
        evaluation.bind("after", (number, "after"), change.after)
        target = _Target(change.document, "", change.dataset)
        for rule in rules[Scope.change]:
            evaluation.check(rule, target)
    return evaluation.findings


def _dataset(evaluation: _Evaluation, entry: Entry[Dataset], units: dict[str, Any]) -> None:
    dataset = plain_dataset(entry.document.data)
    evaluation.bind("dataset", id(entry), dataset)
    evaluation.bind("unit", dataset["unit"], units.get(dataset["unit"], {}))
    target = _Target(entry.document, "", entry.model.id)
    for rule in evaluation.rules[Scope.dataset]:
        evaluation.check(rule, target)
    if not (evaluation.rules[Scope.resource] or evaluation.rules[Scope.field]):
        return
    for index, resource in enumerate(dataset["resources"]):
        evaluation.bind("resource", (id(entry), index), plain_resource(resource, dataset))
        at = _Target(entry.document, f"/resources/{index}", entry.model.id, resource["name"])
        for rule in evaluation.rules[Scope.resource]:
            evaluation.check(rule, at)
        _fields(evaluation, at, resource)


def _fields(evaluation: _Evaluation, resource: _Target, entry: dict[str, Any]) -> None:
    schema = evaluation.catalog.table_schemas.get(entry["schema"])
    rules = evaluation.rules[Scope.field]
    if schema is None or not rules:
        return
    for index, spec in _schema_fields(schema):
        for rule in rules:
            applies = _applies_to_field(evaluation, schema.path, index, rule, spec)
            if applies is False:
                continue
            target = _Target(
                schema, f"/fields/{index}", resource.dataset, resource.resource, spec["name"]
            )
            if isinstance(applies, EvaluationError):
                evaluation.findings.append(_rule_error(rule, target, applies))
                continue
            evaluation.bind("field", (schema.path, index), spec)
            evaluation.check(rule, target)


def _applies_to_field(
    evaluation: _Evaluation, schema: str, index: int, rule: CompiledRule, spec: dict[str, Any]
) -> bool | EvaluationError | None:
    """A cached verdict of `when` for a field-only `when`; None means evaluate in context."""
    if not rule.when.variables <= _FIELD_ONLY:
        return None
    key = (schema, index, rule.code)
    if key not in evaluation.field_applies:
        evaluation.bind("field", (schema, index), spec)
        try:
            evaluation.field_applies[key] = rule.when.holds(evaluation.bindings.context)
        except EvaluationError as error:
            evaluation.field_applies[key] = error
    return evaluation.field_applies[key]


def _schema_fields(schema: YamlDocument) -> Iterable[tuple[int, dict[str, Any]]]:
    """Fields well-formed enough to evaluate; lint reports the others."""
    fields = schema.data.get("fields")
    if not isinstance(fields, list):
        return
    for index, spec in enumerate(fields):
        if isinstance(spec, dict) and isinstance(spec.get("name"), str):
            yield index, spec


def _rule_error(rule: CompiledRule, target: _Target, error: EvaluationError) -> Finding:
    message = (
        f"policy rule {rule.code} {rule.name} could not be evaluated here: {error}; "
        f"fix the rule in {rule.path}"
    )
    violation = Violation(
        message,
        target.location(None),
        dataset=target.dataset,
        resource=target.resource,
        field=target.field,
    )
    return RULE_ERROR.finding(violation)


def _keys_read(packs: Sequence[PolicyPack], name: str) -> frozenset[str] | None:
    """The top-level keys of variable `name` that any rule reads, or None if one reads it whole.

    Converting data into CEL costs about a microsecond per node, and a dataset entry is
    mostly prose no rule reads, so only the keys that rules name are converted. A use
    other than `name.key` (`name['key']`, `name` alone) keeps the whole entry.
    """
    keys: set[str] = set()
    pattern = re.compile(_MEMBER.format(name=re.escape(name)))
    for rule in (rule for pack in packs for rule in pack.rules):
        for source in rule.sources():
            for found in pattern.finditer(source):
                if found[1] is None:
                    return None
                keys.add(found[1].lstrip(" \t\n.").strip())
    return frozenset(keys)


def _project(entry: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key in keys}
