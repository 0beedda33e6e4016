"""A rule's test cases: contexts built from a baseline, run like `opa test`.

A case is a set of JSON merge patches (RFC 7396) over the baseline context
below: a key set to null removes it, a mapping merges, anything else
replaces. The baseline is a complete, public, up-to-date dataset with one
resource and one plain field, so a case only says what it changes.
`docs/policy-packs.md` shows the same baseline (a test keeps the two equal).

The cases serve twice: `govkit policy test` runs them, and loading a pack
evaluates its expressions on them to refuse any that does not return a boolean.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from govkit.catalog import structure
from govkit.catalog.models import Config
from govkit.policy.context import plain_config, plain_dataset, plain_resource, plain_side
from govkit.policy.expressions import Bindings, EvaluationError, Expression, cel_type
from govkit.policy.models import Case, Scope
from govkit.yamlio import YamlDocument

if TYPE_CHECKING:
    import cel

    from govkit.policy.pack import CompiledRule, PolicyPack

BASELINE: Mapping[str, Any] = {
    "today": "2025-06-01",
    "dataset": {
        "id": "contracts",
        "title": {"fa": "قراردادهای شهرداری", "en": "Municipal contracts"},
        "description": {
            "fa": "قراردادهای منعقدشده شهرداری به تفکیک ماه",
            "en": "Contracts the municipality signed, by month",
        },
        "unit": "finance",
        "steward": {"name": "Data steward, Finance", "email": "finance-data@example.org"},
        "keywords": ["contracts", "procurement"],
        "access_level": "public",
        "legal_basis": {"law": "ir-foi", "article": "10"},
        "update_frequency": "R/P1M",
        "last_updated": "2025-05-20",
        "temporal": "2024-03-20/2025-03-20",
        "spatial": {"fa": "مناطق ۲۲گانه", "en": "Districts 1–22"},
        "license": "CC-BY-4.0",
        "resources": [
            {
                "name": "contracts-1403",
                "path": "finance/contracts/contracts-1403.csv",
                "schema": "contracts.schema.yaml",
                "format": "csv",
            }
        ],
    },
    "unit": {
        "id": "finance",
        "name": {"fa": "معاونت مالی", "en": "Finance"},
        "steward": {"name": "Data steward, Finance", "email": "finance-data@example.org"},
    },
    "resource": {
        "name": "contracts-1403",
        "path": "finance/contracts/contracts-1403.csv",
        "schema": "contracts.schema.yaml",
        "format": "csv",
    },
    "field": {"name": "amount", "type": "integer", "title": "مبلغ (ریال)"},
    "config": {
        "govkit": 1,
        "organisation": {"name": {"fa": "شهرداری نمونه", "en": "Example Municipality"}},
        "languages": ["fa", "en"],
    },
}


@dataclass(frozen=True)
class CaseResult:
    """How one case of one rule went: `problem` is None when it behaved as expected."""

    rule: CompiledRule
    expected: str  # "pass" or "fail"
    number: int  # 1-based, within its list
    case: Case
    problem: str | None

    @property
    def label(self) -> str:
        name = f" ({self.case.name})" if self.case.name else ""
        return f"{self.rule.code} {self.expected} #{self.number}{name}"


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: null removes a key, a mapping merges into a mapping, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _patched(name: str, patch: dict[str, Any] | None) -> dict[str, Any]:
    patched: dict[str, Any] = merge_patch(BASELINE[name], patch or {})
    return patched


def case_values(scope: Scope, case: Case) -> dict[str, Any]:
    """The variables a case gives a rule of `scope`, as the evaluator would build them."""
    if scope is Scope.change:
        return {
            "before": plain_side(_side(case.before), _inline_fields),
            "after": plain_side(_side(case.after), _inline_fields),
        }
    dataset = plain_dataset(_patched("dataset", case.dataset))
    values = {"dataset": dataset, "unit": _patched("unit", case.unit)}
    if scope in (Scope.resource, Scope.field):
        resource = _patched("resource", case.resource)
        values["resource"] = plain_resource(resource, dataset)
    if scope is Scope.field:
        values["field"] = _patched("field", case.field)
    return values


def _side(patch: dict[str, Any] | None) -> dict[str, Any] | None:
    """A change case's side: `{}` stands for no dataset there (added, or removed), since an
    empty patch would only repeat the baseline."""
    return None if patch == {} else _patched("dataset", patch)


def _inline_fields(_schema: object) -> list[dict[str, Any]]:
    return []  # a case gives a resource's fields inline, as `fields: [...]`


def case_config(case: Case) -> dict[str, Any]:
    return _patched("config", case.config)


def _context(scope: Scope, case: Case) -> cel.Context:
    bindings = (
        _default_bindings()
        if case.config is None and case.today is None
        else _bindings(case_config(case), case.today.isoformat() if case.today else None)
    )
    for name, value in case_values(scope, case).items():
        bindings.bind(name, value)
    return bindings.context


@cache
def _default_bindings() -> Bindings:
    return _bindings(BASELINE["config"], None)


def _bindings(config: Mapping[str, Any], today: str | None) -> Bindings:
    try:
        full = plain_config(Config.model_validate(config))
    except ValidationError:  # `policy test` reports the case's config as invalid
        full = dict(config)
    return Bindings(full, today or BASELINE["today"])


def rule_cases(rule: CompiledRule) -> Iterator[tuple[str, int, Case]]:
    for expected, listed in (("pass", rule.spec.tests.passing), ("fail", rule.spec.tests.failing)):
        for number, case in enumerate(listed, start=1):
            yield expected, number, case


def run_cases(rule: CompiledRule) -> list[CaseResult]:
    """Every case of a rule, checked: a pass case must not fire it, a fail case must."""
    return [
        CaseResult(rule, expected, number, case, case_problem(rule, expected, case))
        for expected, number, case in rule_cases(rule)
    ]


def case_problem(rule: CompiledRule, expected: str, case: Case) -> str | None:
    invalid = _invalid_data(rule.scope, case)
    if invalid:
        return invalid
    context = _context(rule.scope, case)
    try:
        fires = rule.when.holds(context) and not rule.assertion.holds(context)
    except EvaluationError as error:
        return f"the rule could not be evaluated: {error}"
    if expected == "pass":
        return f"the rule fired: {rule.message.render(context)}" if fires else None
    if not fires:
        return "the rule did not fire"
    message = rule.message.render(context)
    if case.message and case.message not in message:
        return f"the message does not contain {case.message!r}: {message}"
    return None


def _invalid_data(scope: Scope, case: Case) -> str | None:
    """A case whose data no catalog could hold proves nothing: say what is wrong with it."""
    values = case_values(scope, case)
    checks: list[tuple[str, Any, str]] = [("config", case_config(case), "config")]
    if "dataset" in values:
        checks.append(("dataset", values["dataset"], "dataset"))
    if scope is Scope.change:
        checks.extend(_side_checks(case))
    if "resource" in values:
        holder = {**values["dataset"], "resources": [values["resource"]]}
        checks.append(("resource", holder, "dataset"))
    if "field" in values:
        checks.append(("field", {"fields": [values["field"]]}, "table-schema"))
    if "unit" in values:
        checks.append(("unit", {"units": [values["unit"]]}, "units"))
    for name, data, kind in checks:
        violation = next(iter(structure.violations(_document(name, data), kind)), None)
        if violation is not None:
            return f"the case's {name} is not valid: {violation.message}"
    return None


def _side_checks(case: Case) -> Iterator[tuple[str, Any, str]]:
    """Each side as a dataset entry, and each resource's inline `fields` as a Table Schema."""
    for name, patch in (("before", case.before), ("after", case.after)):
        side = _side(patch)
        if side is None:
            continue
        listed = side.get("resources")
        resources = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
        bare = [{key: value for key, value in r.items() if key != "fields"} for r in resources]
        yield name, {**side, "resources": bare} if resources else side, "dataset"
        for resource in resources:
            if "fields" in resource:
                yield f"{name} fields", {"fields": resource["fields"]}, "table-schema"


def _document(name: str, data: Mapping[str, Any]) -> YamlDocument:
    return YamlDocument(name, dict(data), {}, {})


def type_problems(pack: PolicyPack) -> Iterator[tuple[str, str]]:
    """(pointer, message) for each expression that returns something other than true or false
    on one of its rule's cases. Cases that raise are left to `policy test` to report."""
    for index, rule in enumerate(pack.rules):
        found: dict[str, str] = {}
        for expected, number, case in rule_cases(rule):
            context = _context(rule.scope, case)
            for key, expression in (("when", rule.when), ("assert", rule.assertion)):
                problem = _type_problem(expression, context, f"{expected} case #{number}")
                if problem and key not in found:
                    found[key] = problem
        for key, problem in found.items():
            yield f"/rules/{index}/{key}", f"{rule.code} `{key}` {problem}"


def _type_problem(expression: Expression, context: cel.Context, case: str) -> str | None:
    try:
        value = expression.evaluate(context)
    except EvaluationError:
        return None
    if not isinstance(value, bool):
        return f"returns {cel_type(value)} on its {case}, not true or false"
    return None


@dataclass(frozen=True)
class PackTest:
    """The outcome of one pack's cases, as `govkit policy test` reports it."""

    pack: PolicyPack
    results: tuple[CaseResult, ...]

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(result for result in self.results if result.problem is not None)


def run_pack_cases(pack: PolicyPack) -> PackTest:
    return PackTest(pack, tuple(result for rule in pack.rules for result in run_cases(rule)))
