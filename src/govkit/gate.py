"""The change gate: the catalog compared between git refs, for `govkit diff` and `govkit ci`.

`diff` reads, at both refs, only the entries that changed and those that use
a changed Table Schema or data file; describes each change (GK5xx); and runs
the packs' `change` rules on every changed dataset.

`ci` measures a merge request from where it left its base (the merge base,
as `git diff BASE...` does) to the working tree. It checks what the request
touched the way `lint`, `validate` and `check` check a whole catalog, then
adds the diff. A change to govkit.yaml, units.yaml, a policy pack or an obligation
pack can affect any entry, so then the whole catalog is checked.

Every report says which commits it read (`Report.refs`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from govkit.catalog.datafiles import entries_naming
from govkit.catalog.loader import (
    CONFIG_FILE,
    SCHEMAS_DIR,
    UNITS_FILE,
    YAML_SUFFIXES,
    Catalog,
    load_catalog,
)
from govkit.catalog.scope import EntryIndex, Subset, is_entry
from govkit.catalog.tree import FileTree, Tree
from govkit.diff.compare import DatasetPair, compare, pair_datasets
from govkit.diff.config import compare_config
from govkit.diff.snapshot import Side, read_side
from govkit.findings import Finding, Report
from govkit.gitio import ChangedPath, Commit, Repository
from govkit.pipeline import WHOLE, Data, Judging, Options
from govkit.pipeline import Scope as PipelineScope
from govkit.policy.context import plain_side
from govkit.policy.evaluate import DatasetChange, evaluate_changes
from govkit.policy.pack import PolicyPack

WORKING_TREE = "working tree"
_ID_LINE = re.compile(rb"""^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$""", re.M)


@dataclass(frozen=True)
class Reading:
    """The entries a run reads at head and at base; None reads every entry."""

    head: frozenset[str] | None
    base: frozenset[str] | None

    @classmethod
    def whole(cls) -> Reading:
        return cls(None, None)


# -- govkit diff ---------------------------------------------------------------------------


def diff(root: Path, base_ref: str, head_ref: str | None, options: Options) -> Report:
    """The changes between two refs (`head_ref` None: the working tree), judged by the packs."""
    with Repository(root) as repository:
        base = repository.resolve(base_ref)
        head = repository.resolve(head_ref) if head_ref else None
        changed = repository.changed(base, head)
        head_tree: Tree = repository.tree(head) if head else FileTree(root)
        scope = _scope(changed, head_tree, whole_on_config=False)
        head_label = head.label if head else WORKING_TREE
        head_side = read_side(head_tree, "head", head_label, scope.head)
        base_side = read_side(
            repository.tree(base), "base", base.label, scope.base, head_side.catalog.config
        )
        refs = _refs(repository, base, head)
        configured = compare_config(repository.tree(base), head_tree, options.today)
    # The change rules only: the entries themselves are `ci`'s to judge.
    judging = Judging(head_side.catalog, (), replace(options, data=Data.NONE), WHOLE)
    changes = [*configured, *_changes(base_side, head_side, changed, judging.packs, options.today)]
    return judging.settle(changes).report("diff", str(root), refs)


# -- govkit ci -----------------------------------------------------------------------------


def ci(root: Path, base_ref: str, options: Options) -> Report:
    """Lint, validate and check what changed since `base_ref`, then the change rules."""
    read = _read_change(root, base_ref, options.today)
    scope = PipelineScope(read.extras, read.fresh_schemas)
    judging = Judging(read.catalog, read.loaded, options, scope)
    judged = judging.with_data(judging.metadata(), root)
    head = Side("head", WORKING_TREE, read.catalog, skipped=read.left_out)
    changes = [
        *read.configured,
        *_changes(read.base, head, read.changed, judging.packs, options.today),
    ]
    return judged.plus(judging.settle(changes)).report("ci", str(root), read.refs)


@dataclass(frozen=True)
class _Change:
    """What `ci` read: the working tree's entries in scope (with the loader's findings), the
    entries read only for their foreign keys, the base side, and the commits."""

    catalog: Catalog
    loaded: list[Finding]
    extras: frozenset[str]
    base: Side
    changed: list[ChangedPath]
    fresh_schemas: frozenset[str] | None
    refs: dict[str, str]
    configured: list[Finding]
    """The changes to govkit.yaml, units.yaml, the packs and the waivers, judged."""

    @property
    def left_out(self) -> frozenset[str]:
        return frozenset(f.location.path for f in self.loaded if f.code in _LEFT_OUT)


def _read_change(root: Path, base_ref: str, today: dt.date) -> _Change:
    with Repository(root) as repository:
        tip = repository.resolve(base_ref)
        head = repository.head()
        base = repository.merge_base(tip, head)
        changed = repository.changed(base, None)
        base_tree = repository.tree(base)
        head_tree = FileTree(root)
        index = EntryIndex(head_tree)  # one scan of the entries' bytes, for every question
        scope = _scope(changed, head_tree, whole_on_config=True, base_tree=base_tree, index=index)
        catalog, loaded = load_catalog(Subset(head_tree, scope.head))
        catalog, loaded, extras = _with_references(head_tree, scope, catalog, loaded, index)
        scope = _widened(scope, extras)
        base_side = read_side(base_tree, "base", tip.label, scope.base, catalog.config)
        refs = {**_refs(repository, tip, None), "merge_base": base.sha}
        configured = compare_config(base_tree, head_tree, today)
    fresh = _changed_schemas(changed, scope)
    return _Change(catalog, loaded, extras, base_side, changed, fresh, refs, configured)


# Loader findings whose entry is left out of the catalog.
_LEFT_OUT = frozenset({"GK101", "GK112"})


def _changed_schemas(changed: list[ChangedPath], scope: Reading) -> frozenset[str] | None:
    """Table Schemas (by name under schemas/) that changed; None when everything is checked."""
    if scope.head is None:
        return None
    paths = {path for change in changed for path in change.paths}
    return frozenset(p.removeprefix("schemas/") for p in paths if p.startswith("schemas/"))


# -- shared ----------------------------------------------------------------------------------


def _changes(
    base: Side,
    head: Side,
    changed: list[ChangedPath],
    packs: Sequence[PolicyPack],
    today: dt.date,
) -> list[Finding]:
    """The GK5xx description of every change, then the packs' change rules on each dataset."""
    renames = {change.path: change.old_path for change in changed if change.old_path}
    pairs = pair_datasets(base, head, renames)
    findings = compare(base, head, pairs)
    changes = [_dataset_change(pair, base, head) for pair in pairs]
    moved = [change for change in changes if change.before != change.after]
    findings.extend(evaluate_changes(head.catalog, moved, packs, today))
    return findings


def _dataset_change(pair: DatasetPair, base: Side, head: Side) -> DatasetChange:
    before = plain_side(pair.before.document.data if pair.before else None, base.fields_of)
    after = plain_side(pair.after.document.data if pair.after else None, head.fields_of)
    return DatasetChange(pair.dataset, before, after, pair.document)


def _scope(
    changed: list[ChangedPath],
    head_tree: Tree,
    *,
    whole_on_config: bool,
    base_tree: Tree | None = None,
    index: EntryIndex | None = None,
) -> Reading:
    """The entries that changed, and those that use a changed Table Schema or data file.

    With `base_tree` (ci), also the entries that share an id with a changed entry whose id
    is new, so lint can see a duplicate id, and those whose foreign keys point into a changed
    entry's tables, whose keys the change may break.
    """
    paths = {path for change in changed for path in change.paths}
    if whole_on_config and any(_affects_every_entry(path) for path in paths):
        return Reading.whole()
    head = {change.path for change in changed if change.status != "D" and is_entry(change.path)}
    used = [path.removeprefix("schemas/") for path in paths if path.startswith("schemas/")]
    used += [
        path.removeprefix("catalog/")
        for path in paths
        if path.startswith("catalog/") and not is_entry(path)
    ]
    index = index or EntryIndex(head_tree)
    head |= index.mentioning(used)
    if base_tree is not None:
        head |= index.with_ids(_new_ids(changed, head_tree, base_tree))
        head |= _pointing_into(head, index, head_tree)
    base = head | {path for path in paths if is_entry(path)}
    return Reading(frozenset(head), frozenset(base))


def _pointing_into(entries: set[str], index: EntryIndex, tree: Tree) -> set[str]:
    """Entries using a Table Schema whose text names `DATASET/` of one of `entries`: a
    foreign key into another dataset is written `resource: DATASET/RESOURCE`. Like the
    index, this may find too much, never too little."""
    ids = {found for path in entries for found in _ID_LINE.findall(index.contents.get(path, b""))}
    if not ids:
        return set()
    needles = [dataset_id + b"/" for dataset_id in ids]
    schemas = []
    for path in tree.files(SCHEMAS_DIR, (*YAML_SUFFIXES, ".json")):
        try:
            content = tree.read(path)
        except OSError:  # a link or an unreadable file; lint reports it
            continue
        if any(needle in content for needle in needles):
            schemas.append(path.removeprefix(f"{SCHEMAS_DIR}/"))
    return index.mentioning(schemas)


def _affects_every_entry(path: str) -> bool:
    # An obligation pack may ask any entry that fulfils it for a new column.
    return path in (CONFIG_FILE, UNITS_FILE) or path.startswith(("policies/", "obligations/"))


def _new_ids(changed: list[ChangedPath], head_tree: Tree, base_tree: Tree) -> set[str]:
    """Ids of changed entries that their file did not have at base."""
    new: set[str] = set()
    for change in changed:
        if change.status == "D" or not is_entry(change.path):
            continue
        now = _entry_ids(head_tree, change.path)
        was = _entry_ids(base_tree, change.old_path or change.path)
        new |= now - was
    return new


def _entry_ids(tree: Tree, path: str) -> set[str]:
    try:
        content = tree.read(path)
    except OSError:
        return set()
    return {found.decode("utf-8") for found in _ID_LINE.findall(content)}


def _with_references(
    tree: Tree, scope: Reading, catalog: Catalog, loaded: list[Finding], index: EntryIndex
) -> tuple[Catalog, list[Finding], frozenset[str]]:
    """Add the entries whose resources the scope's foreign keys name (`dataset/resource`), so
    their keys can be checked, and those that may name the same data files, so that a file
    both released and withheld is seen; they are read, not reported on."""
    if scope.head is None:
        return catalog, loaded, frozenset()
    have = {entry.model.id for entry in catalog.datasets}
    wanted = _referenced_datasets(catalog) - have
    extras = frozenset(
        ((index.with_ids(wanted) if wanted else set()) | entries_naming(tree, catalog, index))
        - scope.head
    )
    if not extras:
        return catalog, loaded, frozenset()
    catalog, loaded = load_catalog(Subset(tree, scope.head | extras))
    return catalog, loaded, extras


def _referenced_datasets(catalog: Catalog) -> set[str]:
    named: set[str] = set()
    for document in catalog.table_schemas.values():
        keys = document.data.get("foreignKeys")
        for foreign in keys if isinstance(keys, list) else []:
            reference = foreign.get("reference") if isinstance(foreign, dict) else None
            target = reference.get("resource") if isinstance(reference, dict) else None
            if isinstance(target, str) and "/" in target:
                named.add(target.split("/", 1)[0])
    return named


def _widened(scope: Reading, extras: frozenset[str]) -> Reading:
    if scope.head is None or scope.base is None or not extras:
        return scope
    return Reading(scope.head | extras, scope.base | extras)


def _refs(repository: Repository, base: Commit, head: Commit | None) -> dict[str, str]:
    """Which commits were read. A diff of two commits also says whether the working tree has
    catalog changes it did not read; the working tree is named with the commit it sits on."""
    current = repository.head()
    refs = {"base": base.label, "base_commit": base.sha}
    if head is None:
        return refs | {"head": f"{WORKING_TREE} (HEAD {current.short})", "head_commit": current.sha}
    refs |= {"head": head.label, "head_commit": head.sha}
    uncommitted = len(repository.dirty(current))
    if uncommitted:
        refs["not_read"] = f"{uncommitted} uncommitted catalog file(s) of the working tree"
    return refs
