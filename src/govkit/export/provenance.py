"""Where a release comes from: the commit it is made of, its version and its timestamp.

Releasing from `--ref` reads the commit's tree, never the working directory.
Without it the working tree is released, and only when it is clean: a release
is meant to be made again, byte for byte, from a commit. `SOURCE_DATE_EPOCH`
(reproducible-builds.org) fixes the timestamp; else it is the commit's.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit.catalog.tree import FileTree, Kind, Tree
from govkit.errors import GovkitError
from govkit.gitio import Commit, GitTree, Repository

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z: a zip cannot say anything earlier
ZIP_LAST = 4354819199  # 2107-12-31T23:59:59Z: nor anything later
_SHOWN_DIRTY = 10
_COPYING = threading.Lock()
_NO_GIT = ("not inside a git repository", "git is not installed")


@dataclass(frozen=True)
class Release:
    """The facts every package and the manifest carry about the release."""

    level: str
    version: str
    epoch: int
    commit: str | None = None
    tag: str | None = None
    dirty: bool = False
    forced: str | None = None

    @property
    def created(self) -> str:
        """RFC 3339, UTC, to the second."""
        moment = dt.datetime.fromtimestamp(self.epoch, dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def as_dict(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"level": self.level, "version": self.version}
        facts["created"] = self.created
        for key, value in (("commit", self.commit), ("tag", self.tag), ("forced", self.forced)):
            if value is not None:
                facts[key] = value
        if self.dirty:
            facts["dirty"] = True
        return facts


@dataclass(frozen=True)
class Source:
    """The catalog files to release: a clean working tree or a commit's tree."""

    tree: Tree
    root: Path
    commit: Commit | None
    repository: Repository | None
    dirty: tuple[str, ...] = ()
    tag: str | None = None
    committed: Tree | None = None
    """HEAD's tree when the working tree is released, to check data files are committed."""

    @property
    def from_commit(self) -> bool:
        return isinstance(self.tree, GitTree)

    def data_root(self, scratch: Path) -> Path:
        """Where data files are read from: the root, or their copies out of the commit."""
        return scratch / "commit" if self.from_commit else self.root

    def local_path(self, relative: str, scratch: Path) -> Path:
        """A path DuckDB can read: the file itself, or a commit's blob written (a chunk at a
        time) to `scratch`."""
        if not isinstance(self.tree, GitTree):
            return self.root / relative
        target = self.data_root(scratch) / relative
        # The validation and the writing run side by side; git's object reader is one
        # process, and a file half copied must not pass for a copy.
        with _COPYING:
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".partial")
                self.tree.copy_to(relative, partial)
                partial.rename(target)
        return target

    def is_committed(self, relative: str) -> bool:
        return self.committed is None or self.committed.kind(relative) is Kind.FILE


@contextmanager
def open_source(root: Path, ref: str | None, *, allow_dirty: bool) -> Iterator[Source]:
    """The tree to release; a usage error for a dirty tree unless `allow_dirty`."""
    if ref is not None:
        with Repository(root) as repository:
            commit = repository.resolve(ref)
            tree = repository.tree(commit)
            tag = _tag(repository, ref, commit) or _first(repository.tags_at(commit))
            yield Source(tree, root, commit, repository, tag=tag)
        return
    working = _repository(root, allow_dirty=allow_dirty)
    if working is None:
        yield Source(FileTree(root), root, None, None)
        return
    with working as repository:
        head = repository.head()
        dirty = tuple(sorted({change.path for change in repository.dirty(head)}))
        if dirty and not allow_dirty:
            raise GovkitError(_dirty_message(dirty))
        # With --allow-dirty, files git does not hold (even ignored ones) are accepted as they
        # are, too; a submodule's content is still not the catalog's.
        committed = None if allow_dirty else repository.tree(head)
        # A tag names the commit, not what the working tree may hold beside it (changes, or
        # with --allow-dirty files git does not track): only a clean release has one.
        tag = None if allow_dirty or dirty else _first(repository.tags_at(head))
        on_disk = FileTree(root, ignored=allow_dirty)
        yield Source(on_disk, root, head, repository, dirty, tag, committed)


def release_facts(
    source: Source, level: str, environ: Mapping[str, str], forced: str | None
) -> Release:
    epoch = source_date_epoch(environ)
    if epoch is None:
        epoch = _commit_time(source) if source.commit else int(dt.datetime.now(dt.UTC).timestamp())
    epoch = max(epoch, ZIP_EPOCH)
    commit = source.commit.sha if source.commit else None
    version = source.tag or (source.commit.sha[:12] if source.commit else "unversioned")
    return Release(level, version, epoch, commit, source.tag, bool(source.dirty), forced)


def source_date_epoch(environ: Mapping[str, str]) -> int | None:
    """`SOURCE_DATE_EPOCH` as seconds, None when unset; a usage error when it is not usable."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"[0-9]{1,12}", raw):
        raise GovkitError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since 1970-01-01 UTC; "
            "set it to the commit's time (`git log -1 --format=%ct`), or unset it to use "
            "the commit's time"
        )
    seconds = int(raw)
    if seconds == 0:
        raise GovkitError(
            "SOURCE_DATE_EPOCH=0 (1970-01-01) is almost always a value that was never set; "
            "set it to the commit's time (`git log -1 --format=%ct`), or unset it to use "
            "the commit's time"
        )
    if seconds > ZIP_LAST:
        raise GovkitError(
            f"SOURCE_DATE_EPOCH={seconds} is after 2107-12-31, the last date a zip file can hold"
        )
    return seconds


def _repository(root: Path, *, allow_dirty: bool) -> Repository | None:
    try:
        return Repository(root)
    except GovkitError as error:
        no_git = any(words in str(error) for words in _NO_GIT)
        if allow_dirty and no_git:
            return None
        if no_git:
            raise GovkitError(
                f"{root} is not in a git repository; a release is made from a commit so that "
                "it can be made again: commit the catalog, or pass --allow-dirty to release "
                "the folder as it is"
            ) from None
        raise


def _tag(repository: Repository, ref: str, commit: Commit) -> str | None:
    """The ref itself when it names a tag of that commit (the release's version)."""
    name = ref.removeprefix("refs/tags/")
    try:
        tagged = repository.resolve(f"refs/tags/{name}")
    except GovkitError:
        return None
    return name if tagged.sha == commit.sha else None


def _commit_time(source: Source) -> int:
    if source.repository is None or source.commit is None:
        raise GovkitError("no commit to take the release time from; set SOURCE_DATE_EPOCH")
    return source.repository.commit_time(source.commit)


def _first(names: list[str]) -> str | None:
    return names[0] if names else None


def _dirty_message(paths: tuple[str, ...]) -> str:
    shown = ", ".join(paths[:_SHOWN_DIRTY])
    more = f" and {len(paths) - _SHOWN_DIRTY} more" if len(paths) > _SHOWN_DIRTY else ""
    return (
        f"the working tree has uncommitted catalog changes ({shown}{more}); a release is made "
        "from a commit: commit them, release a commit with --ref REF, or pass --allow-dirty"
    )
