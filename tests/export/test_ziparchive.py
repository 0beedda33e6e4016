"""The reproducible zip writer: readable by every tool, the same bytes for the same files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from govkit.export import ziparchive
from govkit.export.ziparchive import Deflater, Entry, compress, write_zip

EPOCH = 1700000000


def packed(tmp_path: Path, files: dict[str, bytes], name: str = "out.zip") -> Path:
    entries = []
    for index, (member, content) in enumerate(files.items()):
        source = tmp_path / f"source-{index}"
        source.write_bytes(content)
        entries.append(Entry(member, compress(source, tmp_path / f"stream-{index}")))
    target = tmp_path / name
    write_zip(target, entries, EPOCH)
    return target


FILES = {
    "b/data.csv": b"a,b\n1,2\n" * 1000,
    "a/datapackage.json": '{"title": "قراردادها"}\n'.encode(),
    "empty.txt": b"",
    "c/\u0642\u0631\u0627\u0631\u062f\u0627\u062f.csv": b"x\n",
}


def test_zipfile_reads_every_entry_back(tmp_path: Path) -> None:
    with zipfile.ZipFile(packed(tmp_path, FILES)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == FILES


def test_entries_are_sorted_with_fixed_attributes(tmp_path: Path) -> None:
    with zipfile.ZipFile(packed(tmp_path, FILES)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(FILES, key=lambda n: n.encode())
    for info in infos:
        assert info.date_time == (2023, 11, 14, 22, 13, 20)
        assert info.external_attr == 0o100644 << 16
        assert info.create_system == 3
        assert info.extra == b""
        assert info.comment == b""
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_the_same_files_give_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = packed(tmp_path / "one", FILES)
    reordered = dict(reversed(list(FILES.items())))
    second = packed(tmp_path / "two", reordered)
    assert first.read_bytes() == second.read_bytes()


def test_write_zip_returns_the_sha256_of_what_it_wrote(tmp_path: Path) -> None:
    source = tmp_path / "s"
    source.write_bytes(b"hello")
    target = tmp_path / "z.zip"
    digest = write_zip(target, [Entry("s", compress(source, tmp_path / "d"))], EPOCH)
    assert digest == hashlib.sha256(target.read_bytes()).hexdigest()


def test_compress_measures_the_source(tmp_path: Path) -> None:
    source = tmp_path / "s"
    source.write_bytes(b"abc" * 100_000)
    done = compress(source, tmp_path / "d")
    assert (done.size, done.crc) == (300_000, zlib.crc32(b"abc" * 100_000))
    assert done.sha256 == hashlib.sha256(b"abc" * 100_000).hexdigest()
    assert done.compressed == (tmp_path / "d").stat().st_size < 2_000


def test_zip64_records_when_sizes_overflow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Real 4 GiB files are too slow for a test: lower the limit the writer switches at.
    monkeypatch.setattr(ziparchive, "ZIP64_LIMIT", 100)
    monkeypatch.setattr(ziparchive, "ENTRY_LIMIT", 2)
    files = {f"f{i}.csv": bytes(range(256)) * 4 for i in range(3)}
    target = packed(tmp_path, files)
    raw = target.read_bytes()
    assert b"PK\x06\x06" in raw  # the ZIP64 end of central directory record
    assert b"PK\x06\x07" in raw  # and its locator
    with zipfile.ZipFile(target) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == files
    if shutil.which("unzip"):
        done = subprocess.run(["unzip", "-tq", str(target)], capture_output=True, check=False)
        assert done.returncode == 0, done.stdout


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs the unzip tool")
def test_unzip_tests_the_archive(tmp_path: Path) -> None:
    done = subprocess.run(
        ["unzip", "-tq", str(packed(tmp_path, FILES))], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [(315532800, (1980, 1, 1, 0, 0, 0)), (4354819199, (2107, 12, 31, 23, 59, 58))],
)
def test_the_timestamp_range_of_a_zip(
    tmp_path: Path, epoch: int, expected: tuple[int, ...]
) -> None:
    source = tmp_path / "s"
    source.write_bytes(b"x")
    target = tmp_path / "z.zip"
    write_zip(target, [Entry("s", compress(source, tmp_path / "d"))], epoch)
    with zipfile.ZipFile(target) as archive:
        assert archive.infolist()[0].date_time == expected


def test_blocks_deflated_in_parallel_make_one_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ziparchive, "BLOCK", 1000)  # many blocks from a small file
    content = b"".join(f"{i},row {i % 97},{'x' * (i % 13)}\n".encode() for i in range(5000))
    source = tmp_path / "s"
    source.write_bytes(content)
    alone = compress(source, tmp_path / "alone")
    with Deflater(4) as deflater:
        spread = deflater.submit(source, tmp_path / "spread").result()
    assert (tmp_path / "alone").read_bytes() == (tmp_path / "spread").read_bytes()
    assert (alone.crc, alone.size, alone.sha256) == (spread.crc, spread.size, spread.sha256)
    assert zlib.decompress((tmp_path / "spread").read_bytes(), -zlib.MAX_WBITS) == content
    assert alone.compressed < len(content) / 3


@pytest.mark.parametrize("size", [0, 1000, 3000])
def test_block_boundaries_at_the_end_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(ziparchive, "BLOCK", 1000)
    source = tmp_path / "s"
    source.write_bytes(bytes(i % 251 for i in range(size)))
    done = compress(source, tmp_path / "d")
    assert zlib.decompress((tmp_path / "d").read_bytes(), -zlib.MAX_WBITS) == source.read_bytes()
    assert done.size == size
