"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Paths are relative to `%SRCROOT%`, the repository root (the catalog may sit in a
subfolder of it: `RenderOptions.prefix`), so the same log is valid on any
checkout and code scanning finds the files. Message texts pass through safe():
dashboards show them to reviewers, where a bidi override could disguise what a
finding says. Within GitHub's limits: descriptions of at most 1,024 characters,
`help.text` on every rule, and `partialFingerprints` that stay the same when a
line moves, so an alert is not reopened as new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import govkit
from govkit.findings import Finding, Report, RuleInfo, Severity
from govkit.reporters import RenderOptions, in_repository
from govkit.reporters.escape import safe

if TYPE_CHECKING:
    from govkit.errors import Problem

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_HOME = "https://govkit.dev"
_BASE_ID = "%SRCROOT%"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning truncates or rejects longer descriptions.
MAX_DESCRIPTION = 1024
_FINGERPRINT = "govkit/v1"


def render(report: Report, options: RenderOptions) -> str:
    rules = _rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = [_result(finding, index[finding.code], options.prefix) for finding in report.findings]
    return _log(_run(report.root, options.prefix, rules, results))


def error_report(root: str, prefix: str, problems: Sequence[Problem]) -> str:
    """The log of a run that could not read its input (exit 2): no results, and one
    `toolExecutionNotification` a problem, so an upload step has a valid file that says why."""
    run = _run(root, prefix, [], [])
    run["invocations"] = [
        {
            "executionSuccessful": False,
            "exitCode": 2,
            "toolExecutionNotifications": [_notification(p, prefix) for p in problems],
        }
    ]
    return _log(run)


def _run(root: str, prefix: str, rules: list[RuleInfo], results: list[Any]) -> dict[str, Any]:
    return {
        "tool": {"driver": _driver(rules)},
        "originalUriBaseIds": {_BASE_ID: _base(root, prefix)},
        # govkit counts columns in characters, as editors do.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }


def _log(run: dict[str, Any]) -> str:
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _notification(problem: Problem, prefix: str) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": safe(problem.message, multiline=True)},
    }
    if problem.path:
        region = {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)}
        notification["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(problem.path, prefix),
                    "region": region,
                }
            }
        ]
    return notification


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
    doc = safe(rule.doc or rule.summary, multiline=True)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _within(safe(rule.summary))},
        "fullDescription": {"text": _within(doc)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "helpUri": f"{_HOME}/rules/{quote(rule.code)}",
    }


def _within(text: str) -> str:
    """At most MAX_DESCRIPTION characters: the whole text, else the paragraphs that fit,
    else the first cut at a word (the whole text is in `help`)."""
    text = text.strip()
    if len(text) <= MAX_DESCRIPTION:
        return text
    kept = ""
    for paragraph in text.split("\n\n"):
        longer = f"{kept}\n\n{paragraph}" if kept else paragraph
        if len(longer) > MAX_DESCRIPTION:
            break
        kept = longer
    if kept:
        return kept
    return text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


def _base(root: str, prefix: str) -> dict[str, Any]:
    """Where %SRCROOT% (the repository root) is: a file URI when the root is absolute;
    otherwise only a description, since SARIF wants an absolute URI here and resolving a
    relative root would write this machine's layout into the log."""
    path = Path(root)
    if path.is_absolute():
        for _part in PurePosixPath(prefix).parts:
            path = path.parent
        uri = path.as_uri()
        return {"uri": uri if uri.endswith("/") else f"{uri}/"}
    return {"description": {"text": "The root of the repository that holds the catalog."}}


def _artifact(path: str, prefix: str) -> dict[str, str]:
    if Path(path).is_absolute():  # a standalone file named on the command line
        return {"uri": Path(path).as_uri()}
    # A URI reference: spaces, `%` and non-ASCII letters must be percent-encoded.
    return {"uri": quote(in_repository(path, prefix)), "uriBaseId": _BASE_ID}


def _result(finding: Finding, rule_index: int, prefix: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": safe(finding.message, multiline=True)},
        "partialFingerprints": {_FINGERPRINT: _fingerprint(finding, prefix)},
    }
    if finding.location.path:
        result["locations"] = [_location(finding, prefix)]
    properties = _properties(finding)
    if properties:
        result["properties"] = properties
    if finding.suppressed_by is not None:
        justification = f"waived by {safe(finding.suppressed_by)}"
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    return result


def _fingerprint(finding: Finding, prefix: str) -> str:
    """What a finding is about, not where its line is today: rule, file, JSON pointer,
    dataset/resource/field and data row. Editing other lines keeps the alert the same."""
    about = (
        finding.code,
        in_repository(finding.location.path, prefix),
        finding.location.pointer or "",
        finding.dataset or "",
        finding.resource or "",
        finding.field or "",
        "" if finding.row is None else str(finding.row),
    )
    return hashlib.sha256("\x1f".join(about).encode("utf-8")).hexdigest()


def _location(finding: Finding, prefix: str) -> dict[str, Any]:
    loc = finding.location
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact(loc.path, prefix),
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
