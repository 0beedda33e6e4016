"""The files of a catalog, read without ever following a symlink or leaving the root.

The loader reads through this interface only, so a catalog can later be read
from a git commit's tree the same way as from the working directory.

Every data file is opened by `open_inside`: one component at a time from the
root, never through a symbolic link, and only a regular file. What reads it
afterwards (DuckDB above all, whose readers take `*`, `?`, `[...]` and `**`
as globs and expand a leading `~`) is given the opened descriptor's name,
`/proc/self/fd/N`, which holds no such character and names that very file.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import functools
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Opening /proc/self/fd/N opens the file anew (its own offset); elsewhere /dev/fd/N is a dup.
_DESCRIPTORS = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


class Kind(enum.Enum):
    FILE = "file"
    DIRECTORY = "directory"
    SYMLINK = "symlink"
    OTHER = "other"
    MISSING = "missing"


def unsafe_reason(relative: str) -> str | None:
    """Why a path written in the catalog may not be used, or None when it is safe."""
    if _SCHEME.match(relative) and not re.match(r"^[A-Za-z]:[\\/]", relative):
        return "is a URL; govkit reads local files only"
    if relative.startswith("~"):
        return "starts with '~'; write it relative to the folder"
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", relative):
        return "is absolute; write it relative to the folder"
    if "\\" in relative:
        return "uses '\\'; separate folders with '/'"
    if "\x00" in relative:
        return "contains a NUL character"
    if ".." in PurePosixPath(relative).parts:
        return "contains '..'; it must stay inside the catalog"
    return None


@dataclass(frozen=True)
class OpenedFile:
    """A regular file held open: whatever its name, `name` opens exactly it."""

    path: Path
    """Where it is, for messages."""
    descriptor: int
    size: int

    @property
    def name(self) -> str:
        """A name without glob or expansion characters that opens this file, and no other
        (the descriptor's: if the path is replaced meanwhile, this is still the file opened)."""
        return f"{_DESCRIPTORS}/{self.descriptor}"


def open_inside(root: Path | None, path: Path) -> int:
    """A read-only descriptor of the regular file at `path`, which lies below `root` and is
    reached from it one component at a time, never through a symbolic link; OSError saying
    what is wrong otherwise. With no root (a file named on the command line) the path is
    opened as given, but still only a regular file."""
    if root is None:
        return _regular(os.open(path, _READ), path)
    parts = _parts(root, path)
    folder = os.open(root, _READ | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            below = os.open(part, _READ | _NOFOLLOW | getattr(os, "O_DIRECTORY", 0), dir_fd=folder)
            os.close(folder)
            folder = below
        return _regular(os.open(parts[-1], _READ | _NOFOLLOW, dir_fd=folder), path)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR) and _is_link(root, parts):
            raise OSError(errno.ELOOP, "is a symbolic link, which govkit never follows") from None
        raise
    finally:
        os.close(folder)


@contextlib.contextmanager
def opened(root: Path | None, path: Path) -> Iterator[OpenedFile]:
    """The file `open_inside` finds, held open while the block runs."""
    descriptor = open_inside(root, path)
    try:
        yield OpenedFile(path, descriptor, os.fstat(descriptor).st_size)
    finally:
        os.close(descriptor)


class TooLarge(OSError):
    """A file above a size cap, found from its size before any of it is read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size:,} bytes; the limit is {limit:,}")


def check_size(size: int, limit: int | None) -> None:
    if limit is not None and size > limit:
        raise TooLarge(size, limit)


def read_inside(root: Path | None, path: Path, limit: int | None = None) -> bytes:
    """The bytes of the file `open_inside` finds; TooLarge above `limit` bytes."""
    with os.fdopen(open_inside(root, path), "rb") as handle:
        check_size(os.fstat(handle.fileno()).st_size, limit)
        return handle.read()


def _parts(root: Path, path: Path) -> list[str]:
    try:
        parts = list(path.relative_to(root).parts)
    except ValueError:
        raise OSError(errno.EACCES, f"is not inside {root}") from None
    if not parts or any(part in ("", ".", "..") for part in parts):
        raise OSError(errno.EACCES, f"is not a file inside {root}")
    return parts


def _regular(descriptor: int, path: Path) -> int:
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return descriptor
    os.close(descriptor)
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    raise OSError(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL, f"is {what}", str(path))


def _is_link(root: Path, parts: list[str]) -> bool:
    """Whether a component of the path is a symbolic link (to word the refusal)."""
    here = root
    for part in parts:
        here = here / part
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(here).st_mode):
                return True
    return False


class Tree(Protocol):
    """What the loader needs of a catalog's files: a folder on disk or a git commit's tree.

    Paths are POSIX, relative to the root; no implementation follows a symlink.
    """

    @property
    def label(self) -> str:
        """The root as users know it: a folder, or `REF:` for a commit."""
        ...

    def kind(self, relative: str) -> Kind: ...

    def read(self, relative: str, limit: int | None = None) -> bytes:
        """The file's bytes; `TooLarge`, unread, when it is above `limit` bytes."""
        ...

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]: ...


class FileTree:
    """A catalog root on disk, seen as git sees it when it is in a git repository: tracked
    files and untracked ones that are not ignored (ignored ones too with `ignored`), never
    a submodule's content. Outside a repository, every file under the root."""

    def __init__(self, root: Path, *, ignored: bool = False) -> None:
        self.root = root
        self.ignored = ignored
        self._kinds: dict[str, Kind] = {}

    @property
    def label(self) -> str:
        return str(self.root)

    @functools.cached_property
    def _seen(self) -> _Listing | None:
        from govkit.gitio import seen_files  # noqa: PLC0415 - gitio imports this module

        listed = seen_files(self.root, ignored=self.ignored)
        return None if listed is None else _Listing(listed)

    def kind(self, relative: str) -> Kind:
        """What is at a path, checking every component so no symlink is ever crossed."""
        # Many resources share folders and schemas: ask the file system once per path.
        known = self._kinds.get(relative)
        if known is None:
            known = self._kinds[relative] = self._lookup(relative)
        return known

    def unseen(self, relative: str) -> bool:
        """Whether a path is on disk but git does not see it (ignored, in a submodule)."""
        return (
            self._seen is not None
            and self.kind(relative) is Kind.MISSING
            and (os.path.lexists(self.root / relative))
        )

    def _lookup(self, relative: str) -> Kind:
        parent, _, _ = relative.rpartition("/")
        if parent:
            above = self.kind(parent)
            if above is not Kind.DIRECTORY:
                return Kind.SYMLINK if above is Kind.SYMLINK else Kind.MISSING
        try:
            mode = os.lstat(self.root / relative).st_mode
        except OSError:
            return Kind.MISSING
        found = _kind(mode)
        seen = self._seen
        return found if seen is None else seen.kind(relative, found)

    def read(self, relative: str, limit: int | None = None) -> bytes:
        """Bytes of a regular file git sees; refuses symlinks at every component."""
        if self._seen is not None and self.kind(relative) is Kind.MISSING:
            raise FileNotFoundError(
                errno.ENOENT, "git does not see it (ignored, or in a submodule)"
            )
        return read_inside(self.root, self.root / relative, limit)

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        """Regular files and symlinks under a folder, sorted, without descending into links."""
        if self._seen is not None:
            return self._seen.files(folder, suffixes, self.kind)
        found: list[str] = []
        base = self.root / folder
        for directory, subdirs, names in os.walk(base, followlinks=False):
            subdirs.sort()
            here = Path(directory).relative_to(self.root).as_posix()
            found.extend(f"{here}/{name}" for name in names if name.endswith(suffixes))
        return sorted(found)


def _kind(mode: int) -> Kind:
    if stat.S_ISLNK(mode):
        return Kind.SYMLINK
    if stat.S_ISREG(mode):
        return Kind.FILE
    return Kind.DIRECTORY if stat.S_ISDIR(mode) else Kind.OTHER


class _Listing:
    """The paths git lists under a root: each file, and the folders that hold them."""

    def __init__(self, paths: frozenset[str]) -> None:
        # A submodule or a nested repository is listed as one path: it is not a folder of ours.
        self.paths = frozenset(path.rstrip("/") for path in paths)
        self.folders = {path[:index] for path in self.paths for index in _slashes(path)}

    def kind(self, relative: str, found: Kind) -> Kind:
        relative = relative.strip("/")
        if not relative:
            return found
        if relative in self.paths:
            return Kind.OTHER if found is Kind.DIRECTORY else found
        if relative in self.folders and found is Kind.DIRECTORY:
            return Kind.DIRECTORY
        return Kind.MISSING

    def files(
        self, folder: str, suffixes: tuple[str, ...], kind: Callable[[str], Kind]
    ) -> list[str]:
        below = folder.rstrip("/") + "/"
        return sorted(
            path
            for path in self.paths
            if path.startswith(below)
            and path.endswith(suffixes)
            and kind(path) in (Kind.FILE, Kind.SYMLINK)
        )


def _slashes(path: str) -> Iterator[int]:
    index = path.find("/")
    while index > 0:
        yield index
        index = path.find("/", index + 1)
