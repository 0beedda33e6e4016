"""Which resources name one data file: paths compared as the file system reads them.

`finance/a.csv`, `./finance/a.csv` and `finance//a.csv` are one file; case
is significant (a catalog is read on Linux, in CI). Paths that are unsafe
(absolute, `..`, `~`) are refused elsewhere and never compared.
"""

from __future__ import annotations

import posixpath

from govkit.catalog.loader import Catalog
from govkit.catalog.scope import EntryIndex
from govkit.catalog.tree import Tree


def data_file(path: str) -> str:
    """The path of a resource's data file in one spelling: no `.` parts, no repeated `/`."""
    return posixpath.normpath(path).lstrip("/")


def entries_naming(tree: Tree, catalog: Catalog, index: EntryIndex | None = None) -> set[str]:
    """The entry files of `tree` whose text names the file name of a data file of `catalog`
    (a part of the tree): those that may share a file with it, to be read with it. A change
    gate that reads only the changed entries reads these too, for `shared-data-file`."""
    names = {
        posixpath.basename(data_file(resource.path))
        for entry in catalog.datasets
        for resource in entry.model.resources
    }
    return (index or EntryIndex(tree)).mentioning(names)
