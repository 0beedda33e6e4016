"""The gaps between what a catalog owes and what it publishes, as rules (GK7xx).

Each rule is a pure function of the `Facts` of a catalog and its enabled obligation
packs. Findings about an item no entry fulfils point at the line of govkit.yaml that
enables the item's pack and carry the item's id (`obligation`), so a waiver can name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from govkit.catalog.loader import CONFIG_FILE, Entry
from govkit.catalog.models import Dataset, Status
from govkit.findings import Location, Severity
from govkit.plan.facts import Facts, Holder
from govkit.plan.models import Binding
from govkit.plan.packs import Item
from govkit.rules import Violation, rule


@dataclass(frozen=True)
class ObligationViolation(Violation):
    obligation: str | None = None


@rule("GK701", "unknown-obligation", Severity.ERROR)
def unknown_obligation(facts: Facts) -> Iterator[Violation]:
    """An entry's `fulfils` names an obligation item that no enabled obligation pack has.

    An entry that claims to fulfil something govkit cannot find is counted for
    nothing: the obligation it meant stays unfulfilled, silently.

    Fix: correct the id (the message suggests the closest one), or enable the pack
    that holds it in govkit.yaml (`obligations:`).
    """
    items = facts.obligations.items
    for entry in facts.catalog.datasets:
        for index, item_id in enumerate(entry.model.fulfils):
            if item_id in items:
                continue
            close = facts.obligations.suggest(item_id)
            if close:
                hint = f"; did you mean '{close}'?"
            elif not items:
                hint = "; govkit.yaml enables no obligation pack (`obligations:`)"
            else:
                hint = "; `govkit plan` lists the items of the enabled packs"
            message = f"'{item_id}' is no item of the enabled obligation packs{hint}"
            yield entry.violation(f"/fulfils/{index}", message, dataset=entry.model.id)


@rule("GK702", "unfulfilled-obligation", Severity.ERROR)
def unfulfilled_obligation(facts: Facts) -> Iterator[Violation]:
    """An obligation item that the law or code makes a duty (`binding: must`) is fulfilled
    by no published entry.

    The committee must know what it owes: an item nobody publishes is information
    the public is entitled to and does not get.

    Fix: name the item in the `fulfils` of the published entry that holds it; or add a
    `candidate` or `planned` entry for it (and, while it is being built, a waiver with
    `target: {obligation: ID}` recording the committee's decision).
    """
    yield from _unfulfilled(facts, Binding.must)


@rule("GK703", "unfulfilled-recommendation", Severity.WARNING)
def unfulfilled_recommendation(facts: Facts) -> Iterator[Violation]:
    """A recommended obligation item (`binding: should`) is fulfilled by no published entry.

    Recommendations (the Open Data Charter's anti-corruption datasets, a portal's
    practice) are what similar bodies publish; a gap is worth a decision.

    Fix: as for GK702: name it in a published entry's `fulfils`, or plan it.
    """
    yield from _unfulfilled(facts, Binding.should)


def _unfulfilled(facts: Facts, binding: Binding) -> Iterator[Violation]:
    for item in facts.obligations.items.values():
        if item.spec.binding is not binding:
            continue
        holders = facts.holders_of(item)
        if any(h.published for h in holders):
            continue
        pending = [h for h in holders if h.status in (Status.candidate, Status.planned)]
        state = (
            "; in the inventory as " + ", ".join(f"'{h.dataset}' ({h.status})" for h in pending)
            if pending
            else ""
        )
        message = (
            f"no published dataset fulfils '{item.id}' ({_title(item)}, {item.spec.source.ref},"
            f" pack {item.pack}){state}"
        )
        location = Location(CONFIG_FILE, item.enabled_at.line, item.enabled_at.column,
                            f"/obligations/{item.enabled_index}")  # fmt: skip
        yield ObligationViolation(message, location, obligation=item.id)


@rule("GK704", "obligation-withheld", Severity.WARNING)
def obligation_withheld(facts: Facts) -> Iterator[Violation]:
    """A published entry fulfils an obligation item at a stricter access level than the
    item is owed at (its `target_level`, public by default).

    The obligation is met only where the public can reach it. Where an exemption
    covers some fields only, the law's partial-disclosure rule asks for the rest:
    `govkit plan` says which fields to redact and which to publish.

    Fix: publish at the target level with the exempt fields redacted, or record why
    the whole dataset is exempt.
    """
    for item, holder, entry in _published(facts):
        if facts.withheld(entry.model, item.spec):
            message = (
                f"'{holder.dataset}' fulfils '{item.id}' but is {entry.model.access_level}; "
                f"the item is owed at {item.spec.target_level}"
            )
            yield entry.violation("/access_level", message, dataset=holder.dataset)


@rule("GK705", "missing-required-columns", Severity.ERROR)
def missing_required_columns(facts: Facts) -> Iterator[Violation]:
    """A published entry fulfils an obligation item, but its Table Schemas lack columns the
    item requires.

    An obligation names what the data must hold (a payment's payee and amount, a
    contract's counterparty and method); without those columns it is not met, and a
    change that removes one breaks it.

    Fix: add the column to the resource's Table Schema (a field named as the item
    accepts, or any field with `concept: <concept>`), or stop naming the item.
    """
    for item, holder, entry in _published(facts):
        missing = facts.missing_columns(entry.model, item.spec)
        if not missing:
            continue
        if entry.model.resources:
            message = f"'{holder.dataset}' fulfils '{item.id}' but its Table Schemas lack "
        else:
            message = f"'{holder.dataset}' fulfils '{item.id}' but has no resources to hold "
        message += ", ".join(missing)
        yield entry.violation("/fulfils", message, dataset=holder.dataset)


@rule("GK706", "below-required-openness", Severity.WARNING)
def below_required_openness(facts: Facts) -> Iterator[Violation]:
    """A published entry fulfils an obligation item below the openness the item requires:
    a format that is not machine-readable or not open, or no open licence.

    Fix: publish a CSV (or another open format) beside the spreadsheet, and an open
    licence such as CC-BY-4.0.
    """
    for item, holder, entry in _published(facts):
        gaps = facts.openness_gaps(entry.model, item.spec)
        if gaps:
            message = f"'{item.id}' asks for {' and '.join(gaps)}; '{holder.dataset}' lacks it"
            yield entry.violation("/license", message, dataset=holder.dataset)


@rule("GK707", "overdue-publication", Severity.WARNING)
def overdue_publication(facts: Facts) -> Iterator[Violation]:
    """A published entry fulfils a periodic obligation item and its next publication is
    overdue: its `last_updated`, plus the item's period, plus the deadline after the
    period ends, is before today.

    Fix: publish the update and set `last_updated`; a catalog whose duty runs on
    another calendar overrides the item's period or deadline in govkit.yaml
    (`plan.overrides`).
    """
    for item, holder, entry in _published(facts):
        due = facts.due(entry.model, item.spec)
        if due is not None and due < facts.today:
            message = (
                f"'{holder.dataset}' is overdue for '{item.id}': last updated "
                f"{entry.model.last_updated}, due by {due} ({item.spec.period} + "
                f"{item.spec.deadline or 'P0D'})"
            )
            yield entry.violation("/last_updated", message, dataset=holder.dataset)


@rule("GK708", "unassessed-priority", Severity.WARNING)
def unassessed_priority(facts: Facts) -> Iterator[Violation]:
    """An entry fulfils a rent-generating obligation item (permits, contracts, land-use
    changes, leases, subsidies) and has no `priority` assessment.

    Information that creates rents or privileges comes first in the committee's
    duties; without an assessment, `govkit plan` ranks it on defaults.

    Fix: add `priority:` with `rent_generating`, `oversight`, `public_interest`,
    `feasibility` and the `evidence` behind them.
    """
    flagged: set[str] = set()
    for item in facts.obligations.items.values():
        if not item.spec.rent_generating:
            continue
        for holder in facts.holders_of(item):
            entry = holder.entry
            if entry is None or entry.model.priority is not None or holder.dataset in flagged:
                continue
            if holder.status is Status.retired:
                continue
            flagged.add(holder.dataset)
            message = (
                f"'{holder.dataset}' fulfils the rent-generating item '{item.id}' but its "
                "priority is not assessed"
            )
            yield entry.violation("", message, dataset=holder.dataset)


@rule("GK709", "planned-past-target", Severity.WARNING)
def planned_past_target(facts: Facts) -> Iterator[Violation]:
    """A `planned` entry's `target_date` has passed and it is not published.

    Fix: publish it (status `published`, with its resources), or record a new target
    date with the reason for the delay.
    """
    for entry in facts.catalog.datasets:
        model = entry.model
        if model.status is Status.planned and model.target_date and model.target_date < facts.today:
            message = f"'{model.id}' was planned for {model.target_date} and is not published"
            yield entry.violation("/target_date", message, dataset=model.id)


@rule("GK710", "planned-without-target", Severity.ERROR)
def planned_without_target(facts: Facts) -> Iterator[Violation]:
    """A `planned` entry has no `target_date`.

    A plan is a date: without one nothing can be late, and nothing is planned.

    Fix: add `target_date:` (ISO or Jalali), or keep the entry a `candidate`.
    """
    for entry in facts.catalog.datasets:
        if entry.model.status is Status.planned and entry.model.target_date is None:
            message = f"'{entry.model.id}' is planned but has no target_date"
            yield entry.violation("/status", message, dataset=entry.model.id)


def _published(facts: Facts) -> Iterator[tuple[Item, Holder, Entry[Dataset]]]:
    for item in facts.obligations.items.values():
        for holder in facts.holders_of(item):
            if holder.published and holder.entry is not None:
                yield item, holder, holder.entry


def _title(item: Item) -> str:
    title = item.spec.title
    return title.get("en") or next(iter(title.values()))


# Run by every command that lints: references and the shape of a plan.
LINT = (unknown_obligation, planned_without_target)
# Run where the policies run (`check`, `ci`): the gaps.
GAPS = (
    unfulfilled_obligation,
    unfulfilled_recommendation,
    obligation_withheld,
    missing_required_columns,
    below_required_openness,
    overdue_publication,
    unassessed_priority,
    planned_past_target,
)
