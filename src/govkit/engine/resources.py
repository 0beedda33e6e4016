"""Validate the data of many resources: in parallel, each result cached by content.

A resource's result depends only on its bytes, its Table Schema, the tables
its foreign keys point at, how it is read, the listing cap and govkit's
version, so that is the cache key: an unchanged resource is not read again.
The data file's sha256 is remembered by (path, size, mtime), so a cache hit
does not even read the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from govkit import __version__
from govkit.atomic import write_atomic
from govkit.catalog.tree import opened
from govkit.engine.database import interrupt_all, start
from govkit.engine.load import Table
from govkit.engine.validate import Issue, Survey, TableResult, validate_table
from govkit.progress import Step

References = Callable[[str], "Table | None"]


@dataclass(frozen=True)
class Job:
    """One resource to validate, with how to resolve the resources its foreign keys name."""

    key: str
    table: Table
    references: Mapping[str, Table]
    survey: Survey | None = None
    """Run on the loaded table after validation; not part of the result, nor of its key."""


class ResultCache:
    """Results on disk, keyed by content; a missing or corrupt entry is just a miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, job: Job, max_listed: int) -> str:
        parts = {
            "govkit": __version__,
            "stored": 2,  # results now keep each field's column
            "max_listed": max_listed,
            "table": _describe(job.table, self.digest(job.table)),
            "references": {
                name: _describe(table, self.digest(table))
                for name, table in sorted(job.references.items())
            },
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def get(self, key: str) -> TableResult | None:
        try:
            stored = json.loads((self.folder / "results" / f"{key}.json").read_text("utf-8"))
            return _result_from(stored)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: TableResult) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self.folder / "results" / f"{key}.json", _result_to(result))

    def digest(self, table: Table) -> str:
        """sha256 of a data file (opened as the engine opens it), remembered by (path, size,
        mtime) so a hit reads nothing."""
        try:
            with opened(table.root, table.path) as data:
                status = os.fstat(data.descriptor)
                stamp = f"{table.path.resolve()}|{status.st_size}|{status.st_mtime_ns}"
                marker = self.folder / "digests" / hashlib.sha256(stamp.encode()).hexdigest()
                try:
                    return marker.read_text("ascii")
                except OSError:
                    digest = _sha256(Path(data.name))
        except OSError as error:
            return f"unreadable: {error.strerror}"
        with contextlib.suppress(OSError):
            write_atomic(marker, digest.encode("ascii"))
        return digest


def validate_all(
    jobs: Iterable[Job],
    *,
    max_listed: int = 100,
    cache: ResultCache | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, TableResult]:
    """Validate every job (in parallel threads: DuckDB releases the GIL); results by job key."""
    pending = list(jobs)
    results: dict[str, TableResult] = {}

    def run(job: Job) -> tuple[str, TableResult]:
        key = cache.key(job, max_listed) if cache else ""
        result = cache.get(key) if cache else None
        if result is None:
            refs = dict(job.references)
            result = validate_table(
                job.table, max_listed=max_listed, references=refs.get, survey=job.survey
            )
            if cache:
                cache.put(key, result)
        return job.key, result

    count = workers or min(4, os.cpu_count() or 1)
    start()
    with ThreadPoolExecutor(max_workers=count) as pool:
        try:
            finished = zip(pending, pool.map(run, pending), strict=True)
            for done, (job, (key, result)) in enumerate(finished, 1):
                results[key] = result
                if progress:
                    progress(_step(job, result, done, len(pending)))
        except KeyboardInterrupt:
            interrupt_all()
            pool.shutdown(cancel_futures=True)  # the jobs not begun never begin
            raise
    return results


def _step(job: Job, result: TableResult, done: int, total: int) -> Step:
    size = job.table.bytes
    if size is None:
        with contextlib.suppress(OSError):
            size = job.table.path.stat().st_size
    return Step(
        job.key, resource=job.key, phase="validated", rows=result.rows, size=size,
        done=done, total=total,
    )  # fmt: skip


def default_cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govkit"


def _describe(table: Table, digest: str) -> dict[str, Any]:
    described = asdict(table)
    described["path"] = digest
    del described["root"]  # where the file is does not change its result; its bytes do
    described["schema"] = json.loads(json.dumps(table.schema, sort_keys=True, default=str))
    return described


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _result_to(result: TableResult) -> bytes:
    stored = {
        "rows": result.rows,
        "listed": [asdict(issue) for issue in result.listed],
        "totals": [[code, name, count] for (code, name), count in result.totals.items()],
        "columns": dict(result.columns),
    }
    return json.dumps(stored, ensure_ascii=False).encode("utf-8")


def _result_from(stored: dict[str, Any]) -> TableResult:
    return TableResult(
        rows=int(stored["rows"]),
        listed=tuple(Issue(**issue) for issue in stored["listed"]),
        totals={(str(code), name): int(count) for code, name, count in stored["totals"]},
        columns={str(name): int(index) for name, index in stored["columns"].items()},
    )
