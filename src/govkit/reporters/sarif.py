"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Paths stay relative to `%SRCROOT%` (the catalog root), so the same log is
valid on any checkout. Message texts pass through safe(): dashboards show them
to reviewers, where a bidi override could disguise what a finding says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import govkit
from govkit.findings import Finding, Report, RuleInfo, Severity
from govkit.reporters import RenderOptions
from govkit.reporters.escape import safe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_HOME = "https://govkit.dev"
_BASE_ID = "%SRCROOT%"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, options: RenderOptions) -> str:
    rules = _rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    run = {
        "tool": {"driver": _driver(rules)},
        "originalUriBaseIds": {_BASE_ID: _base(report.root)},
        "results": [_result(finding, index[finding.code]) for finding in report.findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _rules(report: Report) -> list[RuleInfo]:
    """The rules that occur, by code; a code the report has no RuleInfo for is made up
    from its first finding, since every result must point at a rule."""
    seen: dict[str, RuleInfo] = {}
    for finding in report.findings:
        if finding.code not in seen:
            seen[finding.code] = report.rules.get(finding.code) or RuleInfo(
                code=finding.code,
                name=finding.name,
                severity=finding.severity,
                summary=finding.name,
            )
    return [seen[code] for code in sorted(seen)]


def _driver(rules: list[RuleInfo]) -> dict[str, Any]:
    return {
        "name": "govkit",
        "version": govkit.__version__,
        "informationUri": _HOME,
        "rules": [_rule(rule) for rule in rules],
    }


def _rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": safe(rule.summary)},
        "fullDescription": {"text": safe(rule.doc or rule.summary, multiline=True)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "helpUri": f"{_HOME}/rules/{quote(rule.code)}",
    }


def _base(root: str) -> dict[str, Any]:
    """Where %SRCROOT% is: a file URI when the root is absolute; otherwise only a
    description, since SARIF wants an absolute URI here and resolving a relative
    root would write this machine's layout into the log."""
    path = Path(root)
    if path.is_absolute():
        uri = path.as_uri()
        return {"uri": uri if uri.endswith("/") else f"{uri}/"}
    return {"description": {"text": "The root of the govkit catalog."}}


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": safe(finding.message, multiline=True)},
    }
    if finding.location.path:
        result["locations"] = [_location(finding)]
    properties = _properties(finding)
    if properties:
        result["properties"] = properties
    if finding.suppressed_by is not None:
        justification = f"waived by {safe(finding.suppressed_by)}"
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    return result


def _location(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    location: dict[str, Any] = {
        "physicalLocation": {
            # A URI reference: spaces, `%` and non-ASCII letters must be percent-encoded.
            "artifactLocation": {"uri": quote(loc.path), "uriBaseId": _BASE_ID},
            "region": {"startLine": loc.line, "startColumn": loc.column},
        }
    }
    logical = _logical(finding)
    if logical:
        location["logicalLocations"] = [logical]
    return location


def _logical(finding: Finding) -> dict[str, Any]:
    """The innermost of dataset/resource/field, named by its path from the dataset."""
    kinds = (("dataset", finding.dataset), ("resource", finding.resource), ("field", finding.field))
    present = [(kind, name) for kind, name in kinds if name]
    if not present:
        return {}
    kind, name = present[-1]
    qualified = "/".join(name for _, name in present)
    return {"name": safe(name), "fullyQualifiedName": safe(qualified), "kind": kind}


def _properties(finding: Finding) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if finding.location.pointer:
        properties["pointer"] = finding.location.pointer
    if finding.row is not None:
        properties["row"] = finding.row
    if finding.citation is not None:
        properties["citation"] = {"law": finding.citation.law, "article": finding.citation.article}
    return properties
