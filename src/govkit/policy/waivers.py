"""Waivers: the committee accepts one rule's findings on one target, for at most 180 days.

`policies/waivers.yaml` is optional. A waived finding stays in the report,
marked `suppressed_by` the waiver's id (SARIF `suppressions`), and no longer
counts towards the exit code. An expired waiver suppresses nothing and is
itself an error, so a temporary exception cannot become a permanent one
unnoticed. A waiver that cannot be read as one (no expiry, longer than 180
days, an unknown rule) makes the input unusable: exit 2 with its position.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from govkit.catalog import structure
from govkit.catalog.tree import Kind, Tree
from govkit.errors import InputError, Problem
from govkit.findings import Finding, Location, RuleInfo
from govkit.policy.codes import EXPIRED_WAIVER
from govkit.policy.models import Waiver, Waivers
from govkit.rules import Violation
from govkit.yamlio import YamlDocument, load_yaml

WAIVERS_FILE = "policies/waivers.yaml"
MAX_DAYS = 180


@dataclass(frozen=True)
class LoadedWaivers:
    document: YamlDocument | None
    waivers: tuple[Waiver, ...]
    codes: tuple[str, ...]  # the code of each waiver's rule, in the same order


NO_WAIVERS = LoadedWaivers(None, (), ())


def load_waivers(tree: Tree, rules: Mapping[str, RuleInfo]) -> LoadedWaivers:
    """Read `policies/waivers.yaml`, if there is one; `rules` are the rules it may name."""
    kind = tree.kind(WAIVERS_FILE)
    if kind is Kind.MISSING:
        return NO_WAIVERS
    if kind is not Kind.FILE:
        raise InputError.at(WAIVERS_FILE, 1, 1, f"is a {kind.value}; it must be a regular file")
    document = load_yaml(tree.read(WAIVERS_FILE), WAIVERS_FILE)
    shape = list(structure.violations(document, "waivers"))
    if shape:
        raise InputError(
            Problem(WAIVERS_FILE, v.location.line, v.location.column, v.message) for v in shape
        )
    waivers = tuple(Waivers.model_validate(document.data).waivers)
    by_selector = {**{info.name: code for code, info in rules.items()}, **{c: c for c in rules}}
    problems = list(_problems(document, waivers, by_selector))
    if problems:
        raise InputError(problems)
    codes = tuple(by_selector.get(w.rule) or by_selector[w.rule.upper()] for w in waivers)
    return LoadedWaivers(document, waivers, codes)


def _problems(
    document: YamlDocument, waivers: Iterable[Waiver], rules: Mapping[str, str]
) -> Iterator[Problem]:
    def problem(pointer: str, message: str) -> Problem:
        at = document.locate(pointer)
        return Problem(WAIVERS_FILE, at.line, at.column, message)

    seen: set[str] = set()
    for index, waiver in enumerate(waivers):
        base = f"/waivers/{index}"
        if waiver.id in seen:
            yield problem(f"{base}/id", f"waiver id '{waiver.id}' is used twice")
        seen.add(waiver.id)
        if waiver.rule not in rules and waiver.rule.upper() not in rules:
            yield problem(
                f"{base}/rule",
                f"waiver '{waiver.id}' names rule '{waiver.rule}', which no enabled pack or "
                "govkit rule has; `govkit rules` lists them",
            )
        days = (waiver.expires - waiver.approved).days
        if days < 0:
            yield problem(f"{base}/expires", f"waiver '{waiver.id}' expires before it was approved")
        elif days > MAX_DAYS:
            yield problem(
                f"{base}/expires",
                f"waiver '{waiver.id}' runs {days} days; a waiver may run at most {MAX_DAYS} days "
                f"after approval (here until {waiver.approved + dt.timedelta(days=MAX_DAYS)})",
            )


def apply_waivers(
    findings: Iterable[Finding], loaded: LoadedWaivers, today: dt.date
) -> list[Finding]:
    """Mark the findings that live waivers cover; add an error for each expired waiver."""
    live: dict[tuple[str, str], list[Waiver]] = {}
    expired: list[tuple[int, Waiver]] = []
    for index, (waiver, code) in enumerate(zip(loaded.waivers, loaded.codes, strict=True)):
        if waiver.expires < today:
            expired.append((index, waiver))
        else:
            live.setdefault((code, waiver.target.dataset), []).append(waiver)
    marked = [_waived(finding, live) for finding in findings]
    if loaded.document is not None:
        marked.extend(_expired(loaded.document, index, waiver) for index, waiver in expired)
    return marked


def _waived(finding: Finding, live: Mapping[tuple[str, str], list[Waiver]]) -> Finding:
    if finding.dataset is None:
        return finding
    for waiver in live.get((finding.code, finding.dataset), ()):
        target = waiver.target
        if target.resource not in (None, finding.resource):
            continue
        if target.field not in (None, finding.field):
            continue
        return replace(finding, suppressed_by=waiver.id)
    return finding


def _expired(document: YamlDocument, index: int, waiver: Waiver) -> Finding:
    pointer = f"/waivers/{index}/expires"
    at = document.locate(pointer)
    target = "/".join(
        part
        for part in (waiver.target.dataset, waiver.target.resource, waiver.target.field)
        if part
    )
    message = (
        f"waiver '{waiver.id}' of {waiver.rule} on {target} expired on {waiver.expires} "
        f"(decision {waiver.reference}); fix the finding and remove the waiver, or record a "
        "new decision"
    )
    location = Location(WAIVERS_FILE, at.line, at.column, pointer)
    return EXPIRED_WAIVER.finding(Violation(message, location, dataset=waiver.target.dataset))
