"""Read a bounded sample of a delimited text file: the first rows, never the whole file.

The file is read as a stream through Python's csv module in the resource's
declared encoding and dialect; reading stops after `rows` rows or
`max_bytes` bytes, whichever comes first, so a 2 GB file costs what its
first rows cost. Undecodable bytes become U+FFFD rather than stopping the
scan: a wrong encoding is the data engine's finding, and the other values
of a row can still be personal.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO, Final

if TYPE_CHECKING:
    from _csv import Reader

SAMPLE_ROWS: Final = 1000
SAMPLE_BYTES: Final = 4 * 1024 * 1024


class SampleError(Exception):
    """The file cannot be sampled as the delimited text its resource declares."""


@dataclass(frozen=True)
class Sample:
    """The first rows of a file, by column: `header` is None when the file has no header row."""

    header: tuple[str, ...] | None
    columns: tuple[tuple[str, ...], ...]
    rows: int


@dataclass(frozen=True)
class Dialect:
    encoding: str = "utf-8"
    delimiter: str = ","
    quote_char: str = '"'
    header: bool = True


class _Capped(io.RawIOBase):
    """A binary stream that ends after `limit` bytes, whatever the file's size."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.left = limit
        self.capped = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.left <= 0:
            self.capped = True
            return 0
        chunk = self.stream.read(min(len(buffer), self.left))
        buffer[: len(chunk)] = chunk
        self.left -= len(chunk)
        return len(chunk)


def read_sample(
    stream: BinaryIO,
    dialect: Dialect,
    *,
    rows: int = SAMPLE_ROWS,
    max_bytes: int = SAMPLE_BYTES,
) -> Sample:
    codec = _codec(dialect.encoding)
    capped = _Capped(stream, max_bytes)
    text = io.TextIOWrapper(io.BufferedReader(capped), encoding=codec, errors="replace", newline="")
    reader = csv.reader(text, delimiter=dialect.delimiter, quotechar=dialect.quote_char)
    records = list(_records(reader, rows + int(dialect.header)))
    if capped.capped:
        if len(records) < 2:
            raise SampleError(f"no complete row in its first {max_bytes:,} bytes")
        records.pop()  # the byte cap may have cut the last row short
    header = tuple(records.pop(0)) if dialect.header and records else None
    width = max([len(header or ())] + [len(record) for record in records])
    columns = tuple(
        tuple(record[index] if index < len(record) else "" for record in records)
        for index in range(width)
    )
    return Sample(header, columns, len(records))


def _codec(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise SampleError(f"unknown encoding '{encoding}'") from None
    return "utf-8-sig" if name == "utf-8" else name  # a UTF-8 BOM is not part of the header


def _records(reader: Reader, limit: int) -> Iterator[list[str]]:
    try:
        yield from islice(reader, limit)
    except csv.Error as error:
        raise SampleError(f"not readable as CSV near line {reader.line_num}: {error}") from None
