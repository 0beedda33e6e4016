"""Which resources name one data file: paths compared as the file system reads them.

`finance/a.csv`, `./finance/a.csv` and `finance//a.csv` are one file; case
is significant (a catalog is read on Linux, in CI). Paths that are unsafe
(absolute, `..`, `~`) are refused elsewhere and never compared.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection

from govkit.catalog.loader import Catalog
from govkit.catalog.scope import EntryIndex
from govkit.catalog.tree import Tree


def data_file(path: str) -> str:
    """The path of a resource's data file in one spelling: no `.` parts, no repeated `/`."""
    return posixpath.normpath(path).lstrip("/")


def sharing(catalog: Catalog, ids: Collection[str]) -> frozenset[str]:
    """Ids of the datasets, outside `ids`, with a resource whose data file is also the file
    of a resource of a dataset in `ids`: a change to one must be judged with the others."""
    files = {
        data_file(resource.path)
        for entry in catalog.datasets
        if entry.model.id in ids
        for resource in entry.model.resources
    }
    return frozenset(
        entry.model.id
        for entry in catalog.datasets
        if entry.model.id not in ids
        and any(data_file(resource.path) in files for resource in entry.model.resources)
    )


def entries_naming(tree: Tree, catalog: Catalog) -> set[str]:
    """The entry files of `tree` whose text names the file name of a data file of `catalog`
    (a part of the tree): those that may share a file with it, to be read with it. A change
    gate that reads only the changed entries reads these too, for `shared-data-file`."""
    names = {
        posixpath.basename(data_file(resource.path))
        for entry in catalog.datasets
        for resource in entry.model.resources
    }
    return EntryIndex(tree).mentioning(names)
