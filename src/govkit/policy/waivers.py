"""Waivers: the committee accepts one rule's findings on one target, for at most 180 days.

`policies/waivers.yaml` is optional. A waived finding stays in the report,
marked `suppressed_by` the waiver's id (SARIF `suppressions`), and no longer
counts towards the exit code. An expired waiver suppresses nothing and is
itself an error, so a temporary exception cannot become a permanent one
unnoticed. A waiver approved after today suppresses nothing either and is an
error too: both depend on the day of the run, not on the file. A waiver that
cannot be read as one (no expiry, longer than 180 days, an unknown rule) makes
the input unusable: exit 2 with its position.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from govkit.catalog import structure
from govkit.catalog.tree import Kind, Tree
from govkit.errors import InputError, Problem
from govkit.findings import Finding, Location, RuleInfo
from govkit.policy.codes import EXPIRED_WAIVER, FUTURE_WAIVER
from govkit.policy.models import Waiver, Waivers, WaiverTarget
from govkit.rules import Violation
from govkit.yamlio import YAML_MAX_BYTES, YamlDocument, load_yaml

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
    document = load_yaml(tree.read(WAIVERS_FILE, YAML_MAX_BYTES), WAIVERS_FILE)
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
    """Mark the findings that live waivers cover; add an error for each waiver that has
    expired or is approved after `today`."""
    live: dict[tuple[str, str], list[Waiver]] = {}
    lapsed: list[Finding] = []
    for index, (waiver, code) in enumerate(zip(loaded.waivers, loaded.codes, strict=True)):
        if loaded.document is not None and waiver.approved > today:
            lapsed.append(_future(loaded.document, index, waiver))
        elif loaded.document is not None and waiver.expires < today:
            lapsed.append(_expired(loaded.document, index, waiver))
        else:
            live.setdefault((code, _key(waiver.target)), []).append(waiver)
    return [*(_waived(finding, live) for finding in findings), *lapsed]


def _key(target: WaiverTarget) -> str:
    """Datasets and obligation items have ids of one shape: the key tells them apart."""
    return f"dataset:{target.dataset}" if target.dataset else f"obligation:{target.obligation}"


def _waived(finding: Finding, live: Mapping[tuple[str, str], list[Waiver]]) -> Finding:
    if finding.dataset is not None:
        key = f"dataset:{finding.dataset}"
    elif finding.obligation is not None:
        key = f"obligation:{finding.obligation}"
    else:
        return finding
    for waiver in live.get((finding.code, key), ()):
        target = waiver.target
        if target.resource not in (None, finding.resource):
            continue
        if target.field not in (None, finding.field):
            continue
        return replace(finding, suppressed_by=waiver.id)
    return finding


def _expired(document: YamlDocument, index: int, waiver: Waiver) -> Finding:
    expires = _written(document, index, "expires")
    message = (
        f"waiver '{waiver.id}' of {waiver.rule} on {_target(waiver)} expired on {expires} "
        f"(decision {waiver.reference}); fix the finding and remove the waiver, or record a "
        "new decision"
    )
    violation = _at(document, f"/waivers/{index}/expires", message, waiver)
    return EXPIRED_WAIVER.finding(violation)


def _future(document: YamlDocument, index: int, waiver: Waiver) -> Finding:
    approved = _written(document, index, "approved")
    message = (
        f"waiver '{waiver.id}' of {waiver.rule} on {_target(waiver)} is approved on "
        f"{approved}, after today: it suppresses nothing until then; give it the date "
        f"of the decision (reference {waiver.reference}), and an expiry at most {MAX_DAYS} "
        "days after it"
    )
    violation = _at(document, f"/waivers/{index}/approved", message, waiver)
    return FUTURE_WAIVER.finding(violation)


def _written(document: YamlDocument, index: int, key: str) -> str:
    """A waiver's day as the file writes it (ISO or Jalali)."""
    return str(document.data["waivers"][index][key])


def _target(waiver: Waiver) -> str:
    target = waiver.target
    if target.obligation:
        return f"obligation {target.obligation}"
    return "/".join(part for part in (target.dataset, target.resource, target.field) if part)


def _at(document: YamlDocument, pointer: str, message: str, waiver: Waiver) -> Violation:
    at = document.locate(pointer)
    location = Location(WAIVERS_FILE, at.line, at.column, pointer)
    return Violation(message, location, dataset=waiver.target.dataset)
