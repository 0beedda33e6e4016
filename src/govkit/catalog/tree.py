"""The files of a catalog, read without ever following a symlink or leaving the root.

The loader reads through this interface only, so a catalog can later be read
from a git commit's tree the same way as from the working directory.
"""

from __future__ import annotations

import enum
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Protocol

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


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


class Tree(Protocol):
    """What the loader needs of a catalog's files: a folder on disk or a git commit's tree.

    Paths are POSIX, relative to the root; no implementation follows a symlink.
    """

    @property
    def label(self) -> str:
        """The root as users know it: a folder, or `REF:` for a commit."""
        ...

    def kind(self, relative: str) -> Kind: ...

    def read(self, relative: str) -> bytes: ...

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]: ...


class FileTree:
    """A catalog root on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._kinds: dict[str, Kind] = {}

    @property
    def label(self) -> str:
        return str(self.root)

    def kind(self, relative: str) -> Kind:
        """What is at a path, checking every component so no symlink is ever crossed."""
        # Many resources share folders and schemas: ask the file system once per path.
        known = self._kinds.get(relative)
        if known is None:
            known = self._kinds[relative] = self._lookup(relative)
        return known

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
        if stat.S_ISLNK(mode):
            return Kind.SYMLINK
        if stat.S_ISREG(mode):
            return Kind.FILE
        return Kind.DIRECTORY if stat.S_ISDIR(mode) else Kind.OTHER

    def read(self, relative: str) -> bytes:
        """Bytes of a regular file; refuses symlinks at the last component too."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.root / relative, flags)
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        """Regular files and symlinks under a folder, sorted, without descending into links."""
        found: list[str] = []
        base = self.root / folder
        for directory, subdirs, names in os.walk(base, followlinks=False):
            subdirs.sort()
            here = Path(directory).relative_to(self.root).as_posix()
            found.extend(f"{here}/{name}" for name in names if name.endswith(suffixes))
        return sorted(found)
