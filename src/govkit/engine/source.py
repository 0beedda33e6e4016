"""One streaming pass over a data file's bytes, before DuckDB reads it.

In 1 MiB chunks, never the whole file in memory, it measures what DuckDB does
not: the size and, when a `hash` is declared, the digest; the number of line
breaks (DuckDB skips blank lines, so when its row count and the line count
disagree, the slow `blank_records` pass finds where); whether any byte could
start an Arabic-script character (if none, the Persian-digit and Arabic-letter
warnings need not run); and the beginning of the text, for the header.

UTF-8 is checked by DuckDB as it reads; only when it refuses a file does
`encoding_problem` locate the first bad byte. A file in another declared
encoding is decoded here, strictly, and transcoded to a temporary UTF-8 copy.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from govkit.engine.database import check_interrupted

CHUNK = 1 << 20
HEAD = 1 << 16
# A cell may be megabytes long; the csv module's default cap is 128 KiB.
csv.field_size_limit(1 << 30)
_UTF8 = {codecs.lookup(name).name for name in ("utf-8", "ascii")}
# The encodings a data file may declare. Python's codec registry also holds byte transforms
# (zlib, base64, rot13, uu, quopri) and codecs that are not for files (idna, punycode,
# undefined); declared on a resource they would crash the byte pass or hide what DuckDB reads.
TEXT_ENCODINGS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "utf-8-sig", "ascii", "utf-16", "utf-16-le", "utf-16-be",
        "utf-32", "utf-32-le", "utf-32-be", "windows-1256", "iso-8859-6", "cp720", "cp864",
        "mac-arabic", "mac-farsi", "latin-1", "iso-8859-2", "iso-8859-5", "iso-8859-7",
        "iso-8859-8", "iso-8859-9", "iso-8859-15", "windows-1250", "windows-1251",
        "windows-1252", "windows-1253", "windows-1254", "windows-1255", "windows-1257",
        "windows-1258", "koi8-r", "koi8-u", "cp437", "cp850", "cp866", "gb18030", "gbk",
        "big5", "shift_jis", "euc-jp", "euc-kr",
    )
)  # fmt: skip
_BOM_NEEDED = {codecs.lookup(name).name: name for name in ("utf-16", "utf-32")}
# UTF-8 lead bytes of U+0600–U+06FF, where Persian/Arabic digits and letters live.
_ARABIC_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb")


# Compressed files, known by their first bytes. govkit reads data uncompressed only: a reader
# that inflates a file on its own (DuckDB does, by extension) would check bytes the byte pass
# never saw, and a small file can inflate to gigabytes.
_MAGIC = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"PK\x03\x04": "zip",
}


def compression_of(head: bytes) -> str | None:
    """The compression a file's first bytes announce, or None."""
    return next((name for magic, name in _MAGIC.items() if head.startswith(magic)), None)


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
    """The first byte the declared encoding refuses, for transcoded files."""
    line_breaks: int
    ends_with_line_break: bool
    arabic_script: bool
    readable: Path
    """The file DuckDB should read: the original, or its UTF-8 transcoding."""
    first_text: str
    """The decoded beginning of the file, for the header."""
    compression: str | None = None
    """The compression the file's first bytes announce (then nothing else here is its text)."""
    longest_line: tuple[int, int] = (0, 1)
    """The length in bytes and the 1-based number of the longest line that spans chunks
    (a line inside one chunk is shorter than any line limit a reader has)."""

    @property
    def lines(self) -> int:
        return self.line_breaks + (0 if self.ends_with_line_break or not self.size else 1)


def scan(path: Path, encoding: str, workdir: Path, algorithm: str | None = None) -> Scan:
    """Read the file once; transcode it into `workdir` when it is not UTF-8. `path` is the
    name of an opened file (`catalog.tree.OpenedFile.name`)."""
    codec = text_codec(encoding)  # LookupError, saying why: the caller reports it
    if codec.name in _UTF8:
        with path.open("rb") as source:
            return _pass(source, None, None, path, algorithm)
    # A name of govkit's own, unique in the folder: two tables may be transcoded side by side.
    handle, name = tempfile.mkstemp(prefix="transcoded-", suffix=".csv", dir=workdir)
    os.close(handle)
    readable = Path(name)
    with path.open("rb") as source, readable.open("wb") as sink:
        return _pass(source, codec.name, sink, readable, algorithm)


def text_codec(encoding: str) -> codecs.CodecInfo:
    """The codec of a declared encoding, or LookupError with a message for the user."""
    hint = "declare a text encoding such as utf-8, utf-16 or windows-1256"
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise LookupError(f"unknown encoding '{encoding}'; {hint}") from None
    if codec.name not in TEXT_ENCODINGS:
        raise LookupError(f"'{encoding}' is not a text encoding a data file can have; {hint}")
    return codec


def decoded(content: bytes, encoding: str) -> str:
    """A small file's text, decoded as the byte pass decodes (UnicodeError or LookupError)."""
    decoder = codecs.getincrementaldecoder(text_codec(encoding).name)(errors="strict")
    return decoder.decode(content, final=True)


def _pass(
    source: BinaryIO,
    transcode: str | None,
    sink: BinaryIO | None,
    readable: Path,
    algorithm: str | None,
) -> Scan:
    digest = hashlib.new(algorithm) if algorithm else None
    decoder = codecs.getincrementaldecoder(transcode or "utf-8-sig")(errors="strict")
    size = breaks = 0
    problem: EncodingProblem | None = None
    arabic = False
    head = b""
    last = b""
    longest = _Longest()
    while chunk := source.read(CHUNK):
        check_interrupted()
        longest.feed(chunk, breaks)
        if digest is not None:
            digest.update(chunk)
        if transcode is not None and problem is None:
            problem = _transcode(
                decoder, chunk, sink, offset=size, breaks=breaks, encoding=transcode
            )
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        arabic = arabic or any(lead in chunk for lead in _ARABIC_LEADS)
        breaks += chunk.count(b"\n")
        size += len(chunk)
        last = chunk[-1:]
    if transcode is not None:
        arabic = True  # the transcoding, not the file, is what DuckDB reads
    return Scan(
        size=size,
        digest=digest.hexdigest() if digest is not None else None,
        encoding_problem=problem,
        line_breaks=breaks,
        ends_with_line_break=last == b"\n",
        arabic_script=arabic,
        readable=readable,
        first_text=_head_text(head, transcode),
        compression=compression_of(head),
        longest_line=longest.result(),
    )


class _Longest:
    """The longest run of bytes between line breaks across chunks, at O(1) a chunk."""

    def __init__(self) -> None:
        self.run = 0
        self.run_line = 1
        self.best = (0, 1)

    def feed(self, chunk: bytes, breaks_before: int) -> None:
        first = chunk.find(b"\n")
        if first < 0:
            self.run += len(chunk)
            return
        self._close(self.run + first)
        self.run = len(chunk) - chunk.rfind(b"\n") - 1
        self.run_line = breaks_before + chunk.count(b"\n") + 1

    def _close(self, length: int) -> None:
        if length > self.best[0]:
            self.best = (length, self.run_line)

    def result(self) -> tuple[int, int]:
        self._close(self.run)
        return self.best


def _transcode(
    decoder: codecs.IncrementalDecoder,
    chunk: bytes,
    sink: BinaryIO | None,
    *,
    offset: int,
    breaks: int,
    encoding: str,
) -> EncodingProblem | None:
    try:
        text = decoder.decode(chunk)
    except UnicodeDecodeError as error:
        line = breaks + chunk[: error.start].count(b"\n") + 1
        return EncodingProblem(line, offset + error.start, _describe(chunk, error.start, encoding))
    except UnicodeError as error:  # no position: UTF-16/32 without a byte-order mark
        name = _BOM_NEEDED.get(encoding)
        if name is None:
            return EncodingProblem(breaks + 1, offset, f"not valid {encoding}: {error}")
        return EncodingProblem(
            1, 0, f"the file does not start with a byte-order mark, which {name} needs; "
            f"declare {name}-le or {name}-be",
        )  # fmt: skip
    if sink is not None:
        sink.write(text.encode("utf-8"))
    return None


def _head_text(head: bytes, encoding: str | None) -> str:
    # The cut at HEAD may split a character; the header is far shorter.
    return head.decode(encoding or "utf-8-sig", errors="replace")


def encoding_problem(path: Path, encoding: str = "utf-8") -> EncodingProblem | None:
    """Where the first byte is that `encoding` refuses (the slow pass, run on failure only)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = breaks = 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            check_interrupted()
            found = _transcode(
                decoder, chunk, None, offset=offset, breaks=breaks, encoding=encoding
            )
            if found is not None:
                return found
            breaks += chunk.count(b"\n")
            offset += len(chunk)
    return None


def digest_of(path: Path, algorithm: str) -> tuple[int, str]:
    """Size and hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    size = 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            check_interrupted()
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _describe(chunk: bytes, start: int, encoding: str) -> str:
    name = "utf-8" if encoding == "utf-8-sig" else encoding
    return f"byte 0x{chunk[start : start + 1].hex()} is not valid {name}"


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
