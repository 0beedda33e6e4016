"""The publication plan: every open obligation item and every candidate, planned or withheld
entry, scored, with what blocks it and the next action; the items already met; the gaps.

`build_plan` is the library function behind `govkit plan`; it judges nothing the rules
do not (the gaps are the GK7xx findings, waivers applied) and reads no data file.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from govkit.catalog.loader import Entry
from govkit.catalog.models import Dataset, PlanSettings, Status
from govkit.findings import Finding
from govkit.plan.facts import Facts
from govkit.plan.packs import Item
from govkit.plan.score import Signals, signals


class Quadrant(enum.StrEnum):
    publish_now = "publish-now"
    build_pipeline = "build-the-pipeline"
    legal_review = "legal-review"
    later = "later"


class BlockKind(enum.StrEnum):
    no_data = "no-data"
    not_published = "not-published"
    past_target = "past-target"
    not_public = "not-public"
    partial_release = "partial-release"
    exempt_whole = "exempt-whole"
    missing_columns = "missing-columns"
    below_openness = "below-openness"
    overdue = "overdue"


@dataclass(frozen=True)
class Block:
    """What stands between an item and its publication. `fields` are the missing columns,
    or (partial release) the fields to redact; `publish` the fields to release as they are."""

    kind: BlockKind
    dataset: str | None = None
    fields: tuple[str, ...] = ()
    publish: tuple[str, ...] = ()
    level: str | None = None
    day: dt.date | None = None
    cites: tuple[str, ...] = ()


class Action(enum.StrEnum):
    add_candidate = "add-candidate"
    plan = "plan"
    build = "build"
    replan = "replan"
    partial_release = "partial-release"
    legal_review = "legal-review"
    add_columns = "add-columns"
    open_up = "open-up"
    update = "update"


@dataclass(frozen=True)
class Row:
    kind: str  # "obligation" | "dataset"
    id: str
    title: dict[str, str]
    source: str
    binding: str | None
    datasets: tuple[str, ...]
    signals: Signals
    priority: float
    score: float
    quadrant: Quadrant
    blocks: tuple[Block, ...]
    action: Action
    action_block: Block | None
    rent_generating: bool
    oversight: bool


@dataclass(frozen=True)
class Met:
    id: str
    title: dict[str, str]
    datasets: tuple[str, ...]
    due: dt.date | None


@dataclass(frozen=True)
class Plan:
    today: dt.date
    settings: PlanSettings
    packs: tuple[str, ...]
    rows: tuple[Row, ...]
    met: tuple[Met, ...]
    gaps: tuple[Finding, ...] = field(default=())
    unread: tuple[str, ...] = ()
    """Entries left out because they do not match the catalog format (`govkit lint`)."""
    root: str = "."


def build_plan(facts: Facts, gaps: Sequence[Finding] = (), unread: Sequence[str] = ()) -> Plan:
    settings = facts.catalog.config.model.plan
    rows: list[Row] = []
    met: list[Met] = []
    for item in facts.obligations.items.values():
        row = _item_row(facts, item, settings)
        if row is None:
            met.append(_met(facts, item))
        else:
            rows.append(row)
    named = {item_id for item_id in facts.holders if item_id in facts.obligations.items}
    covered = {h.dataset for item_id in named for h in facts.holders[item_id]}
    for entry in facts.catalog.datasets:
        if entry.model.id not in covered:
            row = _entry_row(facts, entry, settings)
            if row is not None:
                rows.append(row)
    rows.sort(key=lambda r: (-r.score, r.kind, r.id))
    packs = tuple(pack.id for pack in facts.obligations.packs)
    return Plan(facts.today, settings, packs, tuple(rows), tuple(met), tuple(gaps), tuple(unread))


# -- obligation items ----------------------------------------------------------------------


def _item_row(facts: Facts, item: Item, settings: PlanSettings) -> Row | None:
    holders = facts.holders_of(item)
    with_entry = [h for h in holders if h.entry is not None and h.status is not Status.retired]
    entries = {h.dataset: h.entry for h in with_entry if h.entry is not None}
    published = [entries[h.dataset] for h in with_entry if h.published]
    pending = [entries[h.dataset] for h in with_entry if not h.published]
    target = item.spec.target_level
    if published:
        found_blocks = [_published_blocks(facts, item, e) for e in published]
        if any(not found for found in found_blocks):
            return None  # one published entry meets it
        blocks = [b for found in found_blocks for b in found]
    elif pending:
        blocks = [b for e in pending for b in _pending_blocks(facts, e, target)]
    else:
        blocks = [Block(BlockKind.no_data)]
    entry = next(iter(published or pending), None)
    evidence = sum(_evidence(e) for e in entries.values())
    found = signals(
        entry.model.priority if entry else None,
        rent_generating=item.spec.rent_generating,
        oversight=item.spec.oversight,
        evidence=evidence,
        demand_cap=settings.demand_cap,
        has_data=bool(entry and entry.model.resources),
    )
    spec = item.spec
    return _row(
        "obligation", item.id, dict(spec.title), f"{spec.source.ref} ({item.pack})",
        spec.binding.value, tuple(h.dataset for h in holders), found, tuple(blocks), settings,
    )  # fmt: skip


def _evidence(entry: Entry[Dataset]) -> int:
    priority = entry.model.priority
    return len(priority.evidence) if priority else 0


def _published_blocks(facts: Facts, item: Item, entry: Entry[Dataset]) -> list[Block]:
    dataset = entry.model
    blocks = _withheld_blocks(facts, entry, item.spec.target_level)
    missing = facts.missing_columns(dataset, item.spec)
    if missing:
        blocks.append(Block(BlockKind.missing_columns, dataset.id, tuple(missing)))
    gaps = facts.openness_gaps(dataset, item.spec)
    if gaps:
        blocks.append(Block(BlockKind.below_openness, dataset.id, tuple(gaps)))
    due = facts.due(dataset, item.spec)
    if due is not None and due < facts.today:
        blocks.append(Block(BlockKind.overdue, dataset.id, day=due))
    return blocks


def _pending_blocks(facts: Facts, entry: Entry[Dataset], target: str) -> list[Block]:
    dataset = entry.model
    blocks = [Block(BlockKind.not_published, dataset.id, level=dataset.status.value,
                    day=dataset.target_date)]  # fmt: skip
    if dataset.target_date and dataset.target_date < facts.today:
        blocks.append(Block(BlockKind.past_target, dataset.id, day=dataset.target_date))
    # Not yet published is not withheld: only an exemption claimed already is a legal question.
    withheld = _withheld_blocks(facts, entry, target) if dataset.exemptions else []
    return blocks + withheld


def _withheld_blocks(facts: Facts, entry: Entry[Dataset], target: str) -> list[Block]:
    """Not at the target level; and then what the partial-disclosure rule allows: when every
    exemption names its fields, redact those (and personal fields) and publish the rest."""
    dataset = entry.model
    if facts.rank(dataset.access_level) <= facts.rank(target):
        return []
    blocks = [Block(BlockKind.not_public, dataset.id, level=dataset.access_level)]
    cites = tuple(dict.fromkeys(f"art. {e.article}" for e in dataset.exemptions))
    if not dataset.exemptions or any(not e.fields for e in dataset.exemptions):
        return [*blocks, Block(BlockKind.exempt_whole, dataset.id, cites=cites)]
    fields = facts.fields(dataset)
    personal = [
        str(f.get("name"))
        for f in fields
        if f.get("sensitivity") in ("personal", "special") and f.get("subject_role") != "official"
    ]
    redact = tuple(dict.fromkeys([*(n for e in dataset.exemptions for n in e.fields), *personal]))
    publish = tuple(dict.fromkeys(n for f in fields if (n := str(f.get("name"))) not in redact))
    return [*blocks, Block(BlockKind.partial_release, dataset.id, redact, publish, target, None,
                           cites)]  # fmt: skip


def _met(facts: Facts, item: Item) -> Met:
    published = [h for h in facts.holders_of(item) if h.published and h.entry is not None]
    dues = [d for h in published if h.entry and (d := facts.due(h.entry.model, item.spec))]
    return Met(item.id, dict(item.spec.title), tuple(h.dataset for h in published),
               min(dues) if dues else None)  # fmt: skip


# -- entries no obligation names -----------------------------------------------------------


def _entry_row(facts: Facts, entry: Entry[Dataset], settings: PlanSettings) -> Row | None:
    """A candidate, planned or withheld entry (stricter than the export level)."""
    dataset = entry.model
    target = facts.catalog.config.model.export.level
    if dataset.status in (Status.candidate, Status.planned):
        blocks = _pending_blocks(facts, entry, target)
    elif dataset.status is Status.published:
        blocks = _withheld_blocks(facts, entry, target)
    else:
        return None
    if not blocks:
        return None
    priority = dataset.priority
    found = signals(
        priority,
        rent_generating=False,
        oversight=False,
        evidence=len(priority.evidence) if priority else 0,
        demand_cap=settings.demand_cap,
        has_data=bool(dataset.resources),
    )
    return _row("dataset", dataset.id, dict(dataset.title), dataset.unit, None, (dataset.id,),
                found, tuple(blocks), settings)  # fmt: skip


# -- ranking -------------------------------------------------------------------------------


def _row(  # noqa: PLR0917 - one row's facts, in the order Row holds them
    kind: str,
    row_id: str,
    title: dict[str, str],
    source: str,
    binding: str | None,
    datasets: tuple[str, ...],
    found: Signals,
    blocks: tuple[Block, ...],
    settings: PlanSettings,
) -> Row:
    priority = found.priority(settings.weights)
    action, why = next_action(blocks)
    return Row(
        kind, row_id, title, source, binding, datasets, found, priority,
        found.score(settings.weights), quadrant(priority, found, blocks, settings), blocks,
        action, why, found.rent_generating > 0, found.oversight >= 1,
    )  # fmt: skip


def quadrant(
    priority: float, found: Signals, blocks: Sequence[Block], settings: PlanSettings
) -> Quadrant:
    """Lower priority waits; a high one the law may keep back goes to legal review; the rest
    is published now where it is feasible (3 of 5 or more), else its pipeline is built."""
    if priority < settings.high_priority:
        return Quadrant.later
    if any(b.kind is BlockKind.exempt_whole for b in blocks):
        return Quadrant.legal_review
    return Quadrant.publish_now if found.feasibility >= 0.5 else Quadrant.build_pipeline


# The first block that calls for an action decides it, in this order.
_ACTIONS = (
    (BlockKind.no_data, Action.add_candidate),
    (BlockKind.past_target, Action.replan),
    (BlockKind.exempt_whole, Action.legal_review),
    (BlockKind.not_published, Action.plan),
    (BlockKind.partial_release, Action.partial_release),
    (BlockKind.missing_columns, Action.add_columns),
    (BlockKind.below_openness, Action.open_up),
    (BlockKind.overdue, Action.update),
)


def next_action(blocks: Sequence[Block]) -> tuple[Action, Block | None]:
    for kind, action in _ACTIONS:
        block = next((b for b in blocks if b.kind is kind), None)
        if block is None:
            continue
        if action is Action.plan and block.level == Status.planned.value:
            return Action.build, block
        return action, block
    return Action.update, None
