"""Findings and reports: the records every check produces and every reporter reads."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

REPORT_FORMAT_VERSION = "1.0"


class Severity(enum.Enum):
    """How bad a finding is; ordered so `--fail-on` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class FailOn(enum.Enum):
    """The threshold at which findings make the run fail (exit 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def trips(self, severity: Severity) -> bool:
        if self is FailOn.NEVER:
            return False
        return severity.rank >= Severity(self.value).rank


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding points: a file relative to the catalog root, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1
    pointer: str = ""


@dataclass(frozen=True)
class Citation:
    """The law and article a finding rests on."""

    law: str
    article: str


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    dataset: str | None = None
    resource: str | None = None
    field: str | None = None
    row: int | None = None
    citation: Citation | None = None
    suppressed_by: str | None = None
    obligation: str | None = None
    """The obligation item a finding is about, when it is about no dataset (docs/plan.md)."""

    @property
    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.row or 0, self.message)

    def as_record(self) -> dict[str, Any]:
        """The flat, JSON-ready shape of DESIGN §3 shared by every reporter; `obligation`
        only where a finding names one."""
        record: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "pointer": self.location.pointer,
            "dataset": self.dataset,
            "resource": self.resource,
            "field": self.field,
            "row": self.row,
            "citation": (
                {"law": self.citation.law, "article": self.citation.article}
                if self.citation
                else None
            ),
            "suppressed_by": self.suppressed_by,
        }
        if self.obligation is not None:
            record["obligation"] = self.obligation
        return record


@dataclass(frozen=True)
class Tally:
    """Findings of one rule in one file (and field) counted but not listed, past a listing cap."""

    code: str
    name: str
    severity: Severity
    path: str
    count: int
    field: str | None = None
    dataset: str | None = None
    resource: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "field": self.field,
            "dataset": self.dataset,
            "resource": self.resource,
            "count": self.count,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of one command: what was run, on what, and what it found.

    `unlisted` counts findings a command found but did not list (data checks
    list the first N of each resource); they count in the summary and in
    `failed()` like listed ones. `refs` says which commits a command that
    compares git refs read (`base`, `head`, and their commit ids).
    """

    command: str
    root: str
    findings: tuple[Finding, ...] = ()
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    unlisted: tuple[Tally, ...] = ()
    refs: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(sorted(self.findings, key=_sort_key)))

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that count: not suppressed by a waiver."""
        return tuple(f for f in self.findings if f.suppressed_by is None)

    def summary(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.active)
        for tally in self.unlisted:
            counts[tally.severity.value] += tally.count
        return {
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "suppressed": len(self.findings) - len(self.active),
        }

    def failed(self, fail_on: FailOn) -> bool:
        severities = [f.severity for f in self.active] + [t.severity for t in self.unlisted]
        return any(fail_on.trips(severity) for severity in severities)

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
        """Keep findings whose code or name is selected (all when none is) and not ignored."""
        chosen, dropped = set(select), set(ignore)

        def wanted(rule: Finding | Tally) -> bool:
            return (not chosen or _matches(rule, chosen)) and not _matches(rule, dropped)

        kept = tuple(f for f in self.findings if wanted(f))
        return replace(self, findings=kept, unlisted=tuple(t for t in self.unlisted if wanted(t)))

    def as_records(self) -> list[dict[str, Any]]:
        return [f.as_record() for f in self.findings]

    def as_dict(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "govkit": REPORT_FORMAT_VERSION,
            "command": self.command,
            "root": self.root,
        }
        if self.refs:
            report["refs"] = dict(self.refs)
        report["summary"] = self.summary()
        report["findings"] = self.as_records()
        report["unlisted"] = [t.as_record() for t in self.unlisted]
        return report

    def __str__(self) -> str:
        """The summary line and the first findings; `print(report)` in a notebook."""
        from govkit.notebook import summary_text  # noqa: PLC0415

        return summary_text(self)

    def __repr__(self) -> str:
        counts = " ".join(f"{key}={value}" for key, value in self.summary().items())
        return f"<Report {self.command} {self.root!r}: {counts}>"

    def _repr_html_(self) -> str:
        """Jupyter's rendering: the findings as an HTML table."""
        from govkit.notebook import summary_html  # noqa: PLC0415

        return summary_html(self)


@dataclass(frozen=True)
class RuleInfo:
    """What reporters need to know of a rule (SARIF `rules[]`, `govkit explain`)."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""


def _sort_key(finding: Finding) -> tuple[Any, ...]:
    return finding.sort_key


def _matches(finding: Finding | Tally, selectors: set[str]) -> bool:
    """A selector is a rule name, or a code or code prefix in any case (`gk1`, `IR`)."""
    return any(finding.name == s or finding.code.startswith(s.upper()) for s in selectors)
