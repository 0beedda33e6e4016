"""One streaming pass over a data file's bytes, before DuckDB reads it.

In 1 MiB chunks, never the whole file in memory, it measures what DuckDB cannot
tell: the size and a digest (for `bytes` and `hash`), whether every byte is valid
in the *declared* encoding (and where the first bad one is), whether there are
blank lines (DuckDB skips them, which would shift row numbers), and the number
of header labels. A file in another encoding than UTF-8 is transcoded to a
temporary UTF-8 copy for DuckDB, in the same pass.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
# A cell may be megabytes long; the csv module's default cap is 128 KiB.
csv.field_size_limit(1 << 30)
_UTF8 = {"utf-8", "utf8", "utf_8", "ascii", "us-ascii"}


@dataclass(frozen=True)
class EncodingProblem:
    line: int
    byte: int
    message: str


@dataclass(frozen=True)
class Scan:
    size: int
    digest: str | None
    """Hex digest with the algorithm asked for; None when none was (hashing costs time)."""
    encoding_problem: EncodingProblem | None
    has_blank_lines: bool
    readable: Path
    """The file DuckDB should read: the original, or its UTF-8 transcoding."""
    first_text: str
    """The decoded beginning of the file, for the header."""


def scan(path: Path, encoding: str, workdir: Path, algorithm: str | None = None) -> Scan:
    """Read the file once; transcode it into `workdir` when it is not UTF-8."""
    codec = codecs.lookup(encoding)  # LookupError for an unknown encoding: the caller reports it
    transcode = codec.name not in {codecs.lookup(e).name for e in _UTF8}
    readable = workdir / (path.name + ".utf8") if transcode else path
    with path.open("rb") as source:
        if transcode:
            with readable.open("wb") as sink:
                return _pass(source, codec.name, sink, readable, algorithm)
        return _pass(source, "utf-8-sig", None, readable, algorithm)


def digest_of(path: Path, algorithm: str) -> tuple[int, str]:
    """Size and hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    size = 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _pass(
    source: BinaryIO, encoding: str, sink: BinaryIO | None, readable: Path, algorithm: str | None
) -> Scan:
    digest = hashlib.new(algorithm) if algorithm else None
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    size = lines = 0
    problem: EncodingProblem | None = None
    blank = False
    first_text = ""
    tail = b""
    while chunk := source.read(CHUNK):
        if digest is not None:
            digest.update(chunk)
        if problem is None:
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line = lines + chunk[: error.start].count(b"\n") + 1
                problem = EncodingProblem(line, size + error.start, _describe(error, encoding))
                text = ""
            if sink is not None and text:
                sink.write(text.encode("utf-8"))
            if len(first_text) < 65536:
                first_text += text[: 65536 - len(first_text)]
        blank = blank or _has_blank_line(tail, chunk, at_start=size == 0)
        tail = chunk[-2:]
        lines += chunk.count(b"\n")
        size += len(chunk)
    hexdigest = digest.hexdigest() if digest is not None else None
    return Scan(size, hexdigest, problem, blank, readable, first_text)


def _has_blank_line(tail: bytes, chunk: bytes, *, at_start: bool) -> bool:
    """An empty line in this chunk, or across its boundary with the previous one."""
    if at_start and chunk[:1] in (b"\n", b"\r"):
        return True
    seam = tail + chunk[:2]
    return any(mark in text for mark in (b"\n\n", b"\n\r\n") for text in (seam, chunk))


def _describe(error: UnicodeDecodeError, encoding: str) -> str:
    bad = error.object[error.start : error.start + 1]
    shown = bad.hex() if isinstance(bad, bytes) else repr(bad)
    name = "utf-8" if encoding == "utf-8-sig" else encoding
    return f"byte 0x{shown} is not valid {name}"


def header_labels(first_text: str, delimiter: str, quote_char: str) -> list[str]:
    """The first non-blank record of the file (DuckDB skips blank lines too)."""
    reader = csv.reader(io.StringIO(first_text), delimiter=delimiter, quotechar=quote_char)
    try:
        return next(record for record in reader if record)
    except (StopIteration, csv.Error):
        return []


def blank_records(readable: Path, delimiter: str, quote_char: str) -> list[int]:
    """0-based indices of blank records after the first record (the rare, slow path).

    Blank lines before the first record are not rows: they are dropped, not counted.
    """
    indices: list[int] = []
    index = -1
    with readable.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.reader(handle, delimiter=delimiter, quotechar=quote_char):
            if index < 0 and not record:
                continue
            index += 1
            if not record:
                indices.append(index)
    return indices
