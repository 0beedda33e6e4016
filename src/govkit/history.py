"""A dataset's access-level and publication timeline, read from git history (`govkit log`).

The audit trail the committee's information-security duty asks for: each
commit that changed who may see a dataset, with its date and author, the
level before and after, and the approvals recorded with it. Every version of
the entry is read from its own commit (never from the working tree),
following renames; a version that cannot be read is listed, not skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkit.catalog.loader import load_config
from govkit.catalog.models import Config
from govkit.catalog.scope import EntryIndex, is_entry
from govkit.errors import GovkitError, InputError
from govkit.gitio import Commit, Repository, Revision
from govkit.yamlio import load_yaml


@dataclass(frozen=True)
class Version:
    """What one version of an entry says about access: None fields where it says nothing."""

    exists: bool
    level: str | None = None
    resources: Mapping[str, str] = field(default_factory=dict)  # own levels only
    approvals: Mapping[str, str] = field(default_factory=dict)  # ref -> "date, decision"
    problem: str | None = None


GONE = Version(exists=False)


@dataclass(frozen=True)
class Event:
    """One change of access: `change` is created, removed, published, withdrawn, loosened,
    tightened, or unreadable; `resource` names a resource whose own level changed."""

    commit: str
    date: str
    author: str
    path: str
    change: str
    old: str | None
    new: str | None
    approvals: tuple[str, ...] = ()
    resource: str | None = None
    note: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date,
            "author": self.author,
            "path": self.path,
            "change": self.change,
            "resource": self.resource,
            "old": self.old,
            "new": self.new,
            "approvals": list(self.approvals),
            "note": self.note,
        }


@dataclass(frozen=True)
class Timeline:
    dataset: str
    path: str
    head: Commit
    events: tuple[Event, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "govkit": "1.0",
            "command": "log",
            "dataset": self.dataset,
            "path": self.path,
            "head": self.head.label,
            "head_commit": self.head.sha,
            "events": [event.as_record() for event in self.events],
        }


def timeline(root: Path, dataset: str) -> Timeline:
    """The access timeline of a dataset (an id, or the path of its entry) up to HEAD."""
    with Repository(root) as repository:
        head = repository.head()
        path = _entry_path(repository, head, dataset)
        revisions = list(reversed(repository.history(path, head)))
        if not revisions:
            raise GovkitError(f"{path} has no history in commits reachable from {head.label}")
        config = _config(repository, head)
        versions = [_version(repository, revision) for revision in revisions]
        boundary = repository.shallow_boundary()
    events = tuple(_events(revisions, versions, config, boundary))
    return Timeline(dataset, path, head, events)


def _entry_path(repository: Repository, head: Commit, dataset: str) -> str:
    if is_entry(dataset):
        return dataset
    found = sorted(EntryIndex(repository.tree(head)).with_ids([dataset]))
    if not found:
        raise GovkitError(
            f"no dataset '{dataset}' in the catalog at {head.label}; for a dataset that was "
            "removed, give the path its entry had: govkit log catalog/<unit>/<id>.yaml"
        )
    return found[0]


def _config(repository: Repository, head: Commit) -> Config | None:
    """govkit.yaml at HEAD, to tell published levels from the others (None if unreadable)."""
    try:
        return load_config(repository.tree(head)).model
    except GovkitError:
        return None


def _version(repository: Repository, revision: Revision) -> Version:
    try:
        content = repository.read_at(revision.sha, revision.path)
    except OSError as error:
        return Version(exists=True, problem=f"{revision.path} {error.strerror}")
    if content is None:
        return GONE
    try:
        data = load_yaml(content, revision.path).data
    except InputError as error:
        return Version(exists=True, problem=str(error.problems[0]))
    return Version(True, _text(data.get("access_level")), _own_levels(data), _approvals(data))


def _own_levels(data: Mapping[str, Any]) -> dict[str, str]:
    resources = data.get("resources")
    listed = resources if isinstance(resources, list) else []
    return {
        str(r.get("name")): r["access_level"]
        for r in listed
        if isinstance(r, dict) and isinstance(r.get("access_level"), str)
    }


def _approvals(data: Mapping[str, Any]) -> dict[str, str]:
    approvals = data.get("approvals")
    listed = approvals if isinstance(approvals, list) else []
    return {
        str(a.get("ref")): f"{a.get('date')}, {a.get('decision')}"
        for a in listed
        if isinstance(a, dict) and a.get("ref") is not None
    }


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _events(
    revisions: list[Revision],
    versions: list[Version],
    config: Config | None,
    boundary: frozenset[str] = frozenset(),
) -> Iterator[Event]:
    previous = GONE
    for revision, version in zip(revisions, versions, strict=True):
        if revision.sha in boundary and version.exists and version.problem is None:
            # A shallow clone's first commit holds every file as if it had added them: what
            # came before is not known, so the entry is not said to be created there.
            yield _history_starts(revision, version)
        else:
            yield from _changes(revision, previous, version, config)
        if version.problem is None:
            previous = version


def _history_starts(revision: Revision, version: Version) -> Event:
    note = (
        "this clone is shallow and its history starts here; earlier changes are not known: "
        "git fetch --unshallow"
    )
    author = f"{revision.author} <{revision.email}>"
    return Event(
        revision.sha, revision.date, author, revision.path, "history-starts", None,
        version.level, note=note,
    )  # fmt: skip


def _changes(
    revision: Revision, old: Version, new: Version, config: Config | None
) -> Iterator[Event]:
    def event(change: str, was: str | None, now: str | None, **extra: Any) -> Event:
        added = tuple(
            f"{ref} ({detail})" for ref, detail in new.approvals.items() if ref not in old.approvals
        )
        author = f"{revision.author} <{revision.email}>"
        return Event(
            revision.sha, revision.date, author, revision.path, change, was, now, added, **extra
        )

    if new.problem is not None:
        yield event("unreadable", None, None, note=new.problem)
        return
    if not new.exists:
        if old.exists:
            yield event("removed", old.level, None)
        return
    if not old.exists:
        yield event("created", None, new.level)
    elif old.level != new.level:
        yield event(_level_change(old.level, new.level, config), old.level, new.level)
    for name in sorted(set(old.resources) | set(new.resources)):
        # Effective levels, for resources that set their own at either version.
        was, now = old.resources.get(name) or old.level, new.resources.get(name) or new.level
        if was != now and old.exists:
            yield event(_level_change(was, now, config), was, now, resource=name)


def _level_change(old: str | None, new: str | None, config: Config | None) -> str:
    """published / withdrawn when the export level is crossed, else loosened / tightened."""
    if config is None or old is None or new is None:
        return "changed"
    was, now = config.level_rank(old), config.level_rank(new)
    if was is None or now is None:
        return "changed"
    limit = config.level_rank(config.export.level)
    if limit is not None and was > limit >= now:
        return "published"
    if limit is not None and now > limit >= was:
        return "withdrawn"
    return "loosened" if now < was else "tightened"
