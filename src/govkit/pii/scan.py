"""`govkit check --scan`: sample every publishable resource and run the GK3xx rules on it.

Only resources at a publishable level are read (at most as strict as
`export.level` in govkit.yaml): personal data in a withheld resource is
expected. Missing or unsafe data files are lint's findings and are skipped here.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO

from govkit.catalog.loader import CATALOG_DIR, Catalog, Entry
from govkit.catalog.models import DataFormat, Dataset
from govkit.catalog.tree import FileTree, Kind, Tree, unsafe_reason
from govkit.findings import Finding
from govkit.pii.rules import ResourceSample, resource_not_scanned, untagged_personal_column
from govkit.pii.sample import Dialect, SampleError, read_sample

_DELIMITED = {DataFormat.csv: ",", DataFormat.tsv: "\t"}


def scan(catalog: Catalog) -> list[Finding]:
    samples = list(publishable_samples(catalog))
    return [*untagged_personal_column.run(samples), *resource_not_scanned.run(samples)]


def publishable_samples(catalog: Catalog) -> Iterator[ResourceSample]:
    config = catalog.config.model
    limit = config.level_rank(config.export.level)
    for entry in catalog.datasets:
        for index, resource in enumerate(entry.model.resources):
            rank = config.level_rank(resource.access_level or entry.model.access_level)
            if rank is None or limit is None or rank > limit:
                continue
            relative = f"{CATALOG_DIR}/{resource.path}"
            safe = unsafe_reason(resource.path) is None
            if safe and catalog.tree.kind(relative) is Kind.FILE:
                yield _sample(catalog, entry, index, relative)


def _sample(catalog: Catalog, entry: Entry[Dataset], index: int, relative: str) -> ResourceSample:
    resource = entry.model.resources[index]
    schema = catalog.table_schemas.get(resource.schema_)
    delimiter = _DELIMITED.get(resource.format)
    if delimiter is None:
        problem = f"{resource.format.value} files are read by the data engine, not sampled here"
        return ResourceSample(entry, index, relative, schema, None, problem)
    declared = resource.dialect
    dialect = Dialect(
        encoding=resource.encoding,
        delimiter=declared.delimiter if declared else delimiter,
        quote_char=declared.quote_char if declared else '"',
        header=declared.header if declared else True,
    )
    try:
        with _open(catalog.tree, relative) as stream:
            sample = read_sample(stream, dialect)
    except (SampleError, OSError) as error:
        return ResourceSample(entry, index, relative, schema, None, str(error))
    return ResourceSample(entry, index, relative, schema, sample)


def _open(tree: Tree, relative: str) -> AbstractContextManager[BinaryIO]:
    """A stream of the file; from disk without following a symlink at the last step either."""
    if isinstance(tree, FileTree):
        fd = os.open(tree.root / relative, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        return os.fdopen(fd, "rb")
    return io.BytesIO(tree.read(relative))  # a git blob is in memory already
