"""Compare the catalog's configuration at two refs: govkit.yaml, the units, the packs, the waivers.

A change to these files bears on every entry at once: a looser export level
releases more, a level whose `pod` stops being public-facing drops the
exemptions and personal-data redaction of its releases, and a pack no longer
enabled stops judging, its `change` rules (AL006) included. These changes are
judged here, in code, not by the packs' `change` rules, since the packs are
what such a change may switch off.

A loosening of govkit.yaml is an error (GK521) unless govkit.yaml's own
`approvals` gain the committee's decision in the same change, as AL006 asks
of a dataset; everything else is reported so that a reviewer sees it (GK522,
GK524-GK527). Findings point at head's files; what no longer exists at head is
shown at its list there, and the message says where it was at base.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import BaseModel

from govkit.catalog.loader import CONFIG_FILE, UNITS_FILE, Entry, load_config, strict_model
from govkit.catalog.models import AccessLevel, Approval, Config, Units
from govkit.catalog.tree import Kind, Tree
from govkit.diff import codes
from govkit.errors import InputError
from govkit.export.selection import NEVER_RELEASED, PUBLIC_FACING
from govkit.findings import Finding, Location
from govkit.policy import library
from govkit.policy.models import Waiver, Waivers
from govkit.policy.waivers import WAIVERS_FILE
from govkit.rules import Rule, Violation
from govkit.yamlio import YAML_MAX_BYTES, YamlDocument, load_yaml

Model = TypeVar("Model", bound=BaseModel)

LOOSENING_DECISIONS = frozenset({"publish", "release"})
# Compared key by key as settings: changing them publishes no more and checks no less.
_SETTINGS = ("govkit", "organisation", "languages")
_EXPORT_SETTINGS = ("out", "formats", "base_url", "normalize")
# What a rule of a pack is judged by; a change to any of them may loosen it.
_RULE_KEYS = ("scope", "when", "assert", "at")
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def compare_config(base: Tree, head: Tree, today: dt.date) -> list[Finding]:
    """Every change to govkit.yaml, catalog/units.yaml, the catalog's own packs and the
    waivers from `base` to `head`, as findings; [] when the catalog is new at head.

    A govkit.yaml that cannot be read at either side is an `InputError`, as in the
    rest of the diff: without it nothing can be ordered or judged.
    """
    if base.kind(CONFIG_FILE) is Kind.MISSING:
        return []
    before, after = _config(base), load_config(head)
    judge = _Judge(before, after, _approval(before.model, after.model, today))
    found = [*judge.levels(), *judge.export_level(), *judge.packs(base), *judge.settings()]
    found.extend(judge.defaults())
    found.extend(_pack_rules(base, head, after))
    found.extend(_units(base, head))
    found.extend(_waivers(base, head))
    return found


def _config(base: Tree) -> Entry[Config]:
    """govkit.yaml at the base; a broken one says at which ref, as the rest of the diff does."""
    try:
        return load_config(base)
    except InputError as error:
        raise InputError(
            replace(problem, message=f"at {base.label}: {problem.message}")
            for problem in error.problems
        ) from None


def _approval(before: Config, after: Config, today: dt.date) -> Approval | None:
    """The decision that allows this change to loosen govkit.yaml, as AL006 counts one."""
    known = {approval.ref for approval in before.approvals}
    latest = max((approval.date for approval in before.approvals), default=dt.date.min)
    for approval in after.approvals:
        if (
            approval.decision in LOOSENING_DECISIONS
            and approval.ref not in known
            and latest <= approval.date <= today
        ):
            return approval
    return None


@dataclass(frozen=True)
class _Judge:
    """govkit.yaml at both sides, and the decision (if any) that allows it to be loosened."""

    before: Entry[Config]
    after: Entry[Config]
    approval: Approval | None

    def at(self, rule: Rule[object], pointer: str, message: str) -> Finding:
        return _at(rule, self.after.document, pointer, message)

    def loosened(self, pointer: str, message: str) -> Finding:
        if self.approval is not None:
            approved = f"{message} (approved: decision {self.approval.ref} of {self.approval.date})"
            return self.at(codes.CONFIG_CHANGED, pointer, approved)
        fix = (
            "; undo it, or record the committee's decision in govkit.yaml `approvals` "
            "({ref: ..., date: YYYY-MM-DD, decision: release}) in the same change"
        )
        return self.at(codes.CONFIG_LOOSENED, pointer, message + fix)

    def changed(self, pointer: str, message: str) -> Finding:
        return self.at(codes.CONFIG_CHANGED, pointer, message)

    # -- access levels --------------------------------------------------------------------

    @property
    def renamed(self) -> dict[str, str]:
        """Base id -> head id of the levels that kept their place under another id."""
        old = [level.id for level in self.before.model.access_levels]
        new = [level.id for level in self.after.model.access_levels]
        return {
            was: now
            for was, now in zip(old, new, strict=False)
            if was not in new and now not in old
        }

    def head_index(self, level: str) -> int:
        ids = [candidate.id for candidate in self.after.model.access_levels]
        return ids.index(level)

    def levels(self) -> Iterator[Finding]:
        renamed = self.renamed
        old_ids = [level.id for level in self.before.model.access_levels]
        new_ids = [level.id for level in self.after.model.access_levels]
        for was, now in renamed.items():
            message = (
                f"access level '{was}' renamed '{now}': entries, exemptions and rules that "
                f"name '{was}' no longer match it"
            )
            yield self.loosened(f"/access_levels/{self.head_index(now)}/id", message)
        for index, was in enumerate(old_ids):
            if was not in new_ids and was not in renamed:
                message = (
                    f"access level '{was}' removed (it was level {index + 1} of "
                    f"{len(old_ids)} at base): entries at '{was}' lose their level"
                )
                yield self.loosened("/access_levels", message)
        for now in new_ids:
            if now not in old_ids and now not in renamed.values():
                message = f"access level '{now}' added"
                yield self.changed(f"/access_levels/{self.head_index(now)}/id", message)
        yield from self.reordered(renamed)
        yield from self.mappings(renamed)

    def reordered(self, renamed: Mapping[str, str]) -> Iterator[Finding]:
        """A level that now ranks more open than a level it ranked after at base."""
        old = [renamed.get(level.id, level.id) for level in self.before.model.access_levels]
        new = [level.id for level in self.after.model.access_levels]
        kept = [level for level in new if level in old]
        for level in kept:
            was_after = {other for other in old[: old.index(level)] if other in kept}
            now_after = set(new[: new.index(level)])
            overtaken = sorted(was_after - now_after, key=old.index)
            if overtaken:
                message = (
                    f"access level '{level}' now ranks more open than "
                    f"{_quoted(overtaken)}, which were more open at base: what is held at "
                    f"'{level}' is released and judged as the more open level"
                )
                yield self.loosened(f"/access_levels/{self.head_index(level)}/id", message)

    def mappings(self, renamed: Mapping[str, str]) -> Iterator[Finding]:
        """`pod`, `eu` and `title` of each level kept; `pod` out of public-facing loosens."""
        now = {level.id: level for level in self.after.model.access_levels}
        for was in self.before.model.access_levels:
            level = now.get(renamed.get(was.id, was.id))
            if level is None:
                continue
            pointer = f"/access_levels/{self.head_index(level.id)}"
            yield from self.mapping(was, level, pointer)

    def mapping(self, was: AccessLevel, now: AccessLevel, pointer: str) -> Iterator[Finding]:
        if was.pod != now.pod:
            message = f"the '{now.id}' level's pod changed from '{was.pod}' to '{now.pod}'"
            if was.pod in PUBLIC_FACING and now.pod not in PUBLIC_FACING:
                message += (
                    f": a release at '{now.id}' no longer applies exemptions or redacts "
                    "personal fields"
                )
                yield self.loosened(f"{pointer}/pod", message)
            else:
                yield self.changed(f"{pointer}/pod", message)
        if was.eu != now.eu:
            message = f"the '{now.id}' level's eu changed from '{was.eu}' to '{now.eu}'"
            yield self.changed(f"{pointer}/eu", message)
        if was.title != now.title:
            yield self.changed(f"{pointer}/title", f"the '{now.id}' level's title changed")

    # -- what a release holds ---------------------------------------------------------------

    def export_level(self) -> Iterator[Finding]:
        was, now = self.before.model.export.level, self.after.model.export.level
        renamed = self.renamed
        released_before = {renamed.get(level, level) for level in _released(self.before.model)}
        more = [level for level in _released(self.after.model) if level not in released_before]
        if more:
            message = (
                f"export.level is '{now}' (was '{was}'): a plain `govkit export` now also "
                f"releases {_quoted(more)}"
            )
            yield self.loosened("/export/level", message)
        elif renamed.get(was, was) != now:
            yield self.changed("/export/level", f"export.level changed from '{was}' to '{now}'")

    def packs(self, base: Tree) -> Iterator[Finding]:
        old, new = self.before.model.policies, self.after.model.policies
        for pack_id in old:
            if pack_id not in new:
                yield self.loosened("/policies", _dropped(base, pack_id))
        for index, pack_id in enumerate(new):
            if pack_id not in old:
                yield self.changed(f"/policies/{index}", f"policy pack '{pack_id}' enabled")

    def defaults(self) -> Iterator[Finding]:
        """`ignore` gaining a rule, `select` narrowing, `fail_on` rising: every run checks less."""
        old, new = self.before.model, self.after.model
        for index, selector in enumerate(new.ignore):
            if selector not in old.ignore:
                message = f"ignore gained '{selector}': every command now leaves its findings out"
                yield self.loosened(f"/ignore/{index}", message)
        dropped = [s for s in old.select if s not in new.select]
        if new.select and (dropped or not old.select):
            message = f"select is now {_quoted(new.select)}: every command reports only those rules"
            yield self.loosened("/select", message)
        elif old.select != new.select:
            yield self.changed("/select", "select changed")
        was, now = old.fail_on or "error", new.fail_on or "error"
        if _SEVERITY_RANK[now] > _SEVERITY_RANK[was]:
            message = f"fail_on is '{now}' (was '{was}'): {was} findings no longer fail a run"
            yield self.loosened("/fail_on", message)
        elif was != now:
            yield self.changed("/fail_on", f"fail_on changed from '{was}' to '{now}'")

    def settings(self) -> Iterator[Finding]:
        old, new = self.before.model, self.after.model
        for name in _SETTINGS:
            if getattr(old, name) != getattr(new, name):
                yield self.changed(f"/{name}", f"{name} changed")
        for name in _EXPORT_SETTINGS:
            was, now = getattr(old.export, name), getattr(new.export, name)
            if was != now:
                yield self.changed(f"/export/{name}", f"export.{name} changed from {was} to {now}")


def _released(config: Config) -> list[str]:
    """The levels a plain `govkit export` releases: up to the export level, never classified."""
    rank = config.level_rank(config.export.level)
    ids = [level.id for level in config.access_levels]
    return [level for level in ids[: (rank or 0) + 1] if level != NEVER_RELEASED]


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _dropped(base: Tree, pack_id: str) -> str:
    """What no longer judges once a pack is not enabled: its change rules are named."""
    message = f"policy pack '{pack_id}' is no longer enabled: its rules no longer judge the catalog"
    change_rules = [code for code, scope in _rules_of(base, pack_id).items() if scope == "change"]
    if change_rules:
        message += (
            f", and the changes its change rules {', '.join(change_rules)} judged pass unchecked"
        )
    return message


def _rules_of(base: Tree, pack_id: str) -> dict[str, str]:
    """Code -> scope of the rules of a pack as the base enabled it; {} if it cannot be read."""
    builtin = library.builtin_pack(pack_id)
    if builtin is not None:
        return {rule.code: rule.spec.scope.value for rule in builtin.rules}
    document = _document(base, library.pack_file(pack_id))
    return {code: str(rule.get("scope")) for code, (_, rule) in _rules(document).items()}


# -- the catalog's own packs ------------------------------------------------------------------


def _pack_rules(base: Tree, head: Tree, config: Entry[Config]) -> Iterator[Finding]:
    """GK524 for the rules of each enabled catalog pack that were removed or changed."""
    for pack_id in dict.fromkeys(config.model.policies):
        if pack_id in library.BUILTIN_PACKS:
            continue
        relative = library.pack_file(pack_id)
        old, new = _document(base, relative), _document(head, relative)
        if old is None or new is None:
            continue  # a pack new in this change is judged by its own test cases
        yield from _rule_changes(old, new, pack_id)


def _rule_changes(old: YamlDocument, new: YamlDocument, pack_id: str) -> Iterator[Finding]:
    was, now = _rules(old), _rules(new)
    for code, (index, rule) in was.items():
        if code not in now:
            line = old.locate(f"/rules/{index}").line
            message = (
                f"rule {code} removed from pack '{pack_id}' (it was at line {line} at base): "
                "it no longer judges the catalog"
            )
            yield _at(codes.PACK_RULES_CHANGED, new, "/rules", message)
            continue
        head_index, changed = now[code]
        what = _weakened(rule, changed)
        if what:
            message = f"rule {code} of pack '{pack_id}': {'; '.join(what)}; check it is no looser"
            yield _at(codes.PACK_RULES_CHANGED, new, f"/rules/{head_index}", message)


def _weakened(was: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    found = [f"`{key}` changed" for key in _RULE_KEYS if was.get(key) != now.get(key)]
    old_rank = _SEVERITY_RANK.get(str(was.get("severity")), 0)
    if _SEVERITY_RANK.get(str(now.get("severity")), 0) < old_rank:
        found.append(f"severity lowered from {was.get('severity')} to {now.get('severity')}")
    return found


def _rules(document: YamlDocument | None) -> dict[str, tuple[int, dict[str, Any]]]:
    listed = document.data.get("rules") if document is not None else None
    return {
        str(rule["code"]): (index, rule)
        for index, rule in enumerate(listed if isinstance(listed, list) else [])
        if isinstance(rule, dict) and "code" in rule
    }


# -- units and waivers --------------------------------------------------------------------------


def _units(base: Tree, head: Tree) -> Iterator[Finding]:
    old, new = _model(base, UNITS_FILE, Units), _model(head, UNITS_FILE, Units)
    if old is None or new is None:
        return  # a missing or broken units file is lint's to report
    now = {unit.id: (index, unit) for index, unit in enumerate(new.model.units)}
    for index, unit in enumerate(old.model.units):
        if unit.id not in now:
            line = old.document.locate(f"/units/{index}").line
            message = (
                f"unit '{unit.id}' removed (it was at line {line} at base): entries that "
                "name it lose their accountable owner"
            )
            yield _at(codes.UNIT_REMOVED, new.document, "/units", message)
            continue
        head_index, kept = now[unit.id]
        if kept.steward != unit.steward:
            message = (
                f"steward of unit '{unit.id}' changed from {_contact(unit.steward)} "
                f"to {_contact(kept.steward)}"
            )
            pointer = f"/units/{head_index}/steward"
            yield _at(codes.UNIT_STEWARD_CHANGED, new.document, pointer, message)


def _contact(contact: Any) -> str:
    return "none" if contact is None else f"{contact.name} <{contact.email}>"


def _waivers(base: Tree, head: Tree) -> Iterator[Finding]:
    new = _model(head, WAIVERS_FILE, Waivers)
    if new is None:
        return  # none at head, or broken: loading the waivers refuses it
    old = _model(base, WAIVERS_FILE, Waivers)
    was = {waiver.id: waiver for waiver in (old.model.waivers if old else [])}
    for index, waiver in enumerate(new.model.waivers):
        widened = _widened(was.get(waiver.id), waiver)
        if widened:
            # No `dataset` on the finding: a waiver may not waive the report of a waiver.
            yield _at(codes.WAIVER_WIDENED, new.document, f"/waivers/{index}", widened)


def _widened(was: Waiver | None, now: Waiver) -> str:
    """What about a waiver lets it suppress more than at base; '' when nothing does."""
    covers = _target(now)
    if was is None:
        return (
            f"waiver '{now.id}' added: it suppresses {now.rule} on {covers} until "
            f"{now.expires} (decision {now.reference})"
        )
    parts = []
    if now.expires > was.expires:
        parts.append(f"extended from {was.expires} to {now.expires}")
    if now.rule != was.rule:
        parts.append(f"now waives {now.rule} instead of {was.rule}")
    if not _within(now, was):
        parts.append(f"now covers {covers} instead of {_target(was)}")
    return f"waiver '{now.id}' {', '.join(parts)}" if parts else ""


def _within(now: Waiver, was: Waiver) -> bool:
    """True when the target at head is the one at base, or a part of it."""
    old, new = was.target, now.target
    return (
        old.dataset == new.dataset
        and old.resource in (None, new.resource)
        and old.field in (None, new.field)
    )


def _target(waiver: Waiver) -> str:
    target = waiver.target
    return "/".join(part for part in (target.dataset, target.resource, target.field) if part)


# -- reading ------------------------------------------------------------------------------------


def _document(tree: Tree, relative: str) -> YamlDocument | None:
    """A file as YAML, or None when it is absent or unreadable (other stages report that)."""
    if tree.kind(relative) is not Kind.FILE:
        return None
    try:
        return load_yaml(tree.read(relative, YAML_MAX_BYTES), relative)
    except (InputError, OSError):
        return None


def _model(tree: Tree, relative: str, model: type[Model]) -> Entry[Model] | None:
    document = _document(tree, relative)
    valid = strict_model(model, document.data) if document is not None else None
    return Entry(valid, document) if valid is not None and document is not None else None


def _at(rule: Rule[object], document: YamlDocument, pointer: str, message: str) -> Finding:
    # A top-level list (a removed unit, level or pack is shown there) at its key's line.
    position = document.locate(pointer, key=pointer.count("/") == 1)
    location = Location(document.path, position.line, position.column, pointer)
    return rule.finding(Violation(message, location))
