"""Reading part of a catalog: the entries a change touches, and the ones that depend on them.

`govkit diff` and `govkit ci` read the entries that changed, not the 2,000
that did not. Two things make that safe. A `Subset` is a tree whose
`catalog/` listing holds only the chosen entries (every other file reads as
before), so the loader, the rules and the packs run unchanged on the part.
And an `EntryIndex`, a scan of the raw bytes of every entry without parsing
YAML, finds the entries that depend on a changed file: those naming a changed
Table Schema or data file, and those sharing an id with a changed entry. The
scan may find too much (a schema's name in a description), never too little
for entries written in block style, and whatever it finds is then loaded and
judged properly.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from govkit.catalog.loader import CATALOG_DIR, UNITS_FILE, YAML_SUFFIXES
from govkit.catalog.tree import Kind, Tree

_ID_LINE = re.compile(rb"""^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$""", re.M)


class Subset:
    """A tree that lists only some catalog entries and hides files that cannot be read.

    `entries` None lists every entry. A hidden file reads as missing: the diff
    hides a file that is broken at one ref, reports it, and compares the rest.
    """

    def __init__(
        self, tree: Tree, entries: Collection[str] | None, hidden: Collection[str] = ()
    ) -> None:
        self.tree = tree
        self.entries = None if entries is None else frozenset(entries)
        self.hidden = frozenset(hidden)

    @property
    def label(self) -> str:
        return self.tree.label

    def kind(self, relative: str) -> Kind:
        return Kind.MISSING if relative in self.hidden else self.tree.kind(relative)

    def read(self, relative: str, limit: int | None = None) -> bytes:
        if relative in self.hidden:
            raise FileNotFoundError(2, "left out: it cannot be read at this ref")
        return self.tree.read(relative, limit)

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        below = folder.rstrip("/") + "/"
        if self.entries is None or folder != CATALOG_DIR:
            listed = self.tree.files(folder, suffixes)
        else:
            listed = [
                path
                for path in self.entries
                if path.startswith(below)
                and path.endswith(suffixes)
                and self.tree.kind(path) is not Kind.MISSING
            ]
        return sorted(path for path in listed if path not in self.hidden)


@dataclass
class EntryIndex:
    """What each entry's bytes mention, scanned lazily and once per tree."""

    tree: Tree
    _contents: dict[str, bytes] | None = field(default=None, init=False, repr=False)

    @property
    def contents(self) -> dict[str, bytes]:
        if self._contents is None:
            self._contents = {}
            for path in entry_paths(self.tree):
                try:
                    self._contents[path] = self.tree.read(path)
                except OSError:  # a link or an unreadable file; the loader reports it
                    continue
        return self._contents

    def mentioning(self, names: Iterable[str]) -> set[str]:
        """Entries whose text contains any of the names (schema files, data paths)."""
        needles = [name.encode("utf-8") for name in names if name]
        if not needles:
            return set()
        return {
            path
            for path, content in self.contents.items()
            if any(needle in content for needle in needles)
        }

    def with_ids(self, ids: Collection[str]) -> set[str]:
        """Entries whose top-level `id:` line is one of `ids`."""
        if not ids:
            return set()
        wanted = {dataset_id.encode("utf-8") for dataset_id in ids}
        return {
            path
            for path, content in self.contents.items()
            if any(found in wanted for found in _ID_LINE.findall(content))
        }


def entry_paths(tree: Tree) -> list[str]:
    """Every dataset entry of a tree (the loader's own listing, less the units file)."""
    return [path for path in tree.files(CATALOG_DIR, YAML_SUFFIXES) if path != UNITS_FILE]


def is_entry(path: str) -> bool:
    return (
        path.startswith(f"{CATALOG_DIR}/") and path.endswith(YAML_SUFFIXES) and (path != UNITS_FILE)
    )
