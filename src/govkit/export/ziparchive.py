"""Reproducible zip files, each file compressed once and in parallel.

A zip is the same bytes for the same files: entries sorted by name, one fixed
timestamp (`SOURCE_DATE_EPOCH`, in UTC), mode 0644, no extra fields (except
the ZIP64 sizes a file over 4 GiB needs), no comments, no directory entries.

Files are deflated at level 6 (as `zip -6`) into raw streams first, so a file
shared by several zips (a package's zip and the catalog-wide bundle) is
compressed once, and the zips are assembled by copying those streams. Python's
`zipfile` cannot take a compressed stream, hence this small writer (PKWARE
APPNOTE 6.3). As pigz does, a file is cut into 4 MiB blocks deflated in
parallel threads (zlib-ng releases the GIL), each primed with the 32 KiB before
it and ended with a sync flush, so together they make one valid stream; the
bytes depend on the block size and the zlib-ng version only, never on the
threads. zlib-ng writes the same DEFLATE format as zlib, 2-3x faster at the same
level, and any unzip reads it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import struct
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from zlib_ng import zlib_ng

LEVEL = 6
CHUNK = 1 << 20
BLOCK = 1 << 22
_WINDOW = 1 << 15  # deflate looks back at most 32 KiB
ZIP64_LIMIT = 0xFFFFFFFF
"""Sizes and offsets from here on go into ZIP64 records (a test lowers it)."""
ENTRY_LIMIT = 0xFFFF
_MAX32, _MAX16 = 0xFFFFFFFF, 0xFFFF  # "see the ZIP64 record" in a 32- or 16-bit field
_VERSION_MADE_BY = (3 << 8) | 45  # Unix, APPNOTE 4.5
_ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--
_UTF8_NAMES = 0x0800


@dataclass(frozen=True)
class Compressed:
    """A file deflated into a raw stream, with what a zip entry needs to know of it."""

    source: Path
    stream: Path
    crc: int
    size: int
    compressed: int
    sha256: str
    """Of the source file, computed in the same pass."""


@dataclass(frozen=True)
class Entry:
    name: str
    data: Compressed


class Deflater:
    """Deflates files, each in blocks spread over worker threads.

    Two pools, so that a file's job, which waits for its blocks, never holds a
    thread a block needs.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._blocks = ThreadPoolExecutor(self.workers, thread_name_prefix="govkit-deflate")
        self._files = ThreadPoolExecutor(self.workers, thread_name_prefix="govkit-compress")

    def __enter__(self) -> Deflater:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._files.shutdown(wait=True, cancel_futures=True)
        self._blocks.shutdown(wait=True, cancel_futures=True)

    def submit(
        self, source: Path, stream: Path, pieces: Iterable[bytes] | None = None
    ) -> Future[Compressed]:
        return self._files.submit(self._compress, source, stream, pieces)

    def _compress(self, source: Path, stream: Path, pieces: Iterable[bytes] | None) -> Compressed:
        try:
            return compress(source, stream, self._blocks, 2 * self.workers, pieces)
        finally:
            # However this ends, the producer of `pieces` must know nobody reads any more.
            close = getattr(pieces, "close", None)
            if callable(close):
                close()


def compress(
    source: Path,
    stream: Path,
    blocks: Executor | None = None,
    ahead: int = 1,
    pieces: Iterable[bytes] | None = None,
) -> Compressed:
    """Deflate `source` into `stream` (raw deflate), reading it once; with an executor, up to
    `ahead` blocks are deflated at a time, so memory stays a few blocks whatever the size.

    With `pieces`, the content comes from them (the file read as it is being written), so a
    file is compressed while it is still being made."""
    digest = hashlib.sha256()
    crc = size = written = 0
    pending: deque[Future[bytes]] = deque()
    with contextlib.ExitStack() as files:
        writer = files.enter_context(stream.open("wb"))
        if pieces is None:
            reader = files.enter_context(source.open("rb"))
            pieces = iter(lambda: reader.read(BLOCK), b"")
        primer = b""
        for block, last in _blocks(pieces):
            digest.update(block)
            crc = zlib_ng.crc32(block, crc)
            size += len(block)
            pending.append(_deflate(blocks, block, primer, last=last))
            primer = block[-_WINDOW:]
            while pending and (last or len(pending) > ahead):
                written += writer.write(pending.popleft().result())
    return Compressed(source, stream, crc, size, written, digest.hexdigest())


def _blocks(pieces: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """(block, whether it is the last) for the content of `pieces` cut into BLOCK bytes,
    whatever the pieces' sizes (the deflated bytes depend on where blocks end); one empty
    block when there is no content."""
    buffer = bytearray()
    held: bytes | None = None  # a full block, until it is known whether more follows
    for piece in pieces:
        buffer += piece
        while len(buffer) >= BLOCK:
            if held is not None:
                yield held, False
            held = bytes(buffer[:BLOCK])
            del buffer[:BLOCK]
    if held is not None and buffer:
        yield held, False
    elif held is not None:
        yield held, True
        return
    yield bytes(buffer), True


def _deflate(blocks: Executor | None, block: bytes, primer: bytes, *, last: bool) -> Future[bytes]:
    if blocks is not None:
        return blocks.submit(deflate_block, block, primer, last)
    done: Future[bytes] = Future()
    done.set_result(deflate_block(block, primer, last))
    return done


def deflate_block(block: bytes, primer: bytes, last: bool) -> bytes:
    """One block of a stream: primed with the data before it, ended by a sync flush (or,
    for the last, the final block)."""
    if primer:
        deflater = zlib_ng.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=primer)
    else:
        deflater = zlib_ng.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return deflater.compress(block) + deflater.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def write_zip(target: Path, entries: Iterable[Entry], epoch: int) -> str:
    """Write a zip of `entries` (sorted by name) to `target`; return its sha256."""
    stamp = _dos_time(epoch)
    ordered = sorted(entries, key=lambda entry: entry.name.encode("utf-8"))
    with target.open("wb") as raw:
        writer = _Hashing(raw)
        offsets = [_local_entry(writer, entry, stamp) for entry in ordered]
        start = writer.offset
        for entry, offset in zip(ordered, offsets, strict=True):
            writer.write(_central_header(entry, stamp, offset))
        _end_records(writer, len(ordered), start, writer.offset - start)
    return writer.digest.hexdigest()


class _Hashing:
    """A file writer that counts and hashes what passes through."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.offset = 0
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.raw.write(data)
        self.digest.update(data)
        self.offset += len(data)


def _local_entry(writer: _Hashing, entry: Entry, stamp: tuple[int, int]) -> int:
    offset = writer.offset
    name = entry.name.encode("utf-8")
    data = entry.data
    big = data.size >= ZIP64_LIMIT or data.compressed >= ZIP64_LIMIT
    extra = struct.pack("<HHQQ", 1, 16, data.size, data.compressed) if big else b""
    sizes = (_MAX32, _MAX32) if big else (data.compressed, data.size)
    writer.write(
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            45 if big else 20,
            _flags(entry.name),
            zlib.DEFLATED,
            stamp[1],
            stamp[0],
            data.crc,
            *sizes,
            len(name),
            len(extra),
        )
        + name
        + extra
    )
    with data.stream.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            writer.write(chunk)
    return offset


def _central_header(entry: Entry, stamp: tuple[int, int], offset: int) -> bytes:
    name = entry.name.encode("utf-8")
    data = entry.data
    # ZIP64 extra: only the values that overflow, in this order (APPNOTE 4.5.3).
    large = [v for v in (data.size, data.compressed, offset) if v >= ZIP64_LIMIT]
    extra = struct.pack(f"<HH{len(large)}Q", 1, 8 * len(large), *large) if large else b""
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            _VERSION_MADE_BY,
            45 if large else 20,
            _flags(entry.name),
            zlib.DEFLATED,
            stamp[1],
            stamp[0],
            data.crc,
            _MAX32 if data.compressed >= ZIP64_LIMIT else data.compressed,
            _MAX32 if data.size >= ZIP64_LIMIT else data.size,
            len(name),
            len(extra),
            0,
            0,
            0,
            _ATTRIBUTES,
            _MAX32 if offset >= ZIP64_LIMIT else offset,
        )
        + name
        + extra
    )


def _end_records(writer: _Hashing, count: int, start: int, size: int) -> None:
    if count >= ENTRY_LIMIT or start >= ZIP64_LIMIT or size >= ZIP64_LIMIT:
        record = writer.offset
        writer.write(
            struct.pack(
                "<IQHHIIQQQQ", 0x06064B50, 44, _VERSION_MADE_BY, 45, 0, 0, count, count, size, start
            )
        )
        writer.write(struct.pack("<IIQI", 0x07064B50, 0, record, 1))
    writer.write(
        struct.pack(
            "<IHHHHIIH",
            0x06054B50,
            0,
            0,
            _MAX16 if count >= ENTRY_LIMIT else count,
            _MAX16 if count >= ENTRY_LIMIT else count,
            _MAX32 if size >= ZIP64_LIMIT else size,
            _MAX32 if start >= ZIP64_LIMIT else start,
            0,
        )
    )


def _flags(name: str) -> int:
    return 0 if name.isascii() else _UTF8_NAMES


def _dos_time(epoch: int) -> tuple[int, int]:
    """(date, time) in MS-DOS form, from UTC, to the even second below."""
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    date = ((moment.year - 1980) << 9) | (moment.month << 5) | moment.day
    time = (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2)
    return date, time


def entries_under(prefix: str, files: Sequence[tuple[str, Compressed]]) -> list[Entry]:
    """Zip entries named `prefix/relative` for (relative name, compressed file) pairs."""
    return [Entry(f"{prefix}/{name}" if prefix else name, data) for name, data in files]
