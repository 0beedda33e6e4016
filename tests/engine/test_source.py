"""The byte pass before DuckDB: size and hash, encodings, blank lines, the header."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from govkit.engine import source


def scan(tmp_path: Path, content: bytes, encoding: str = "utf-8") -> source.Scan:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    return source.scan(path, encoding, tmp_path, "sha256")


def test_size_and_sha256(tmp_path: Path) -> None:
    content = "id,name\n1,علی\n".encode()
    result = scan(tmp_path, content)
    assert result.size == len(content)
    assert result.digest == hashlib.sha256(content).hexdigest()
    assert result.encoding_problem is None
    assert result.readable == tmp_path / "data.csv"


def test_the_first_bad_byte_is_located_by_line(tmp_path: Path) -> None:
    result = scan(tmp_path, b"id,name\n1,a\n2,caf\xe9\n3,b\n")
    assert result.encoding_problem == source.EncodingProblem(3, 17, "byte 0xe9 is not valid utf-8")


def test_a_bom_is_not_part_of_the_header(tmp_path: Path) -> None:
    result = scan(tmp_path, b"\xef\xbb\xbfid,name\n1,a\n")
    assert source.header_labels(result.first_text, ",", '"') == ["id", "name"]


def test_windows_1256_is_transcoded_to_utf8(tmp_path: Path) -> None:
    content = "id,name\n1,علي\n".encode("windows-1256")
    result = scan(tmp_path, content, "windows-1256")
    assert result.encoding_problem is None
    assert result.readable != tmp_path / "data.csv"
    assert result.readable.read_text(encoding="utf-8") == "id,name\n1,علي\n"
    # Size and hash are of the file as it is, not of the transcoding.
    assert result.digest == hashlib.sha256(content).hexdigest()


def test_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        scan(tmp_path, b"id\n1\n", "klingon-8")


@pytest.mark.parametrize(
    ("content", "blank"),
    [
        (b"a\n1\n2\n", False),
        (b"a\n1\n\n2\n", True),
        (b"a\r\n1\r\n\r\n2\r\n", True),
        (b"\na\n1\n", True),
        (b'a\n"x\n\ny"\n', True),  # inside quotes: the slow path will find no blank record
    ],
)
def test_blank_lines_are_noticed(tmp_path: Path, content: bytes, blank: bool) -> None:
    assert scan(tmp_path, content).has_blank_lines is blank


def test_blank_lines_across_a_chunk_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "CHUNK", 4)
    assert scan(tmp_path, b"abc\n\ndef\n").has_blank_lines
    assert not scan(tmp_path, b"abc\ndef\n").has_blank_lines


def test_blank_records_ignore_newlines_inside_quotes(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('a,b\n1,"x\n\ny"\n\n2,z\n', encoding="utf-8")
    assert source.blank_records(path, ",", '"') == [2]


def test_a_10_mb_cell_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("id,text\n1," + "x" * 10_000_000 + "\n", encoding="utf-8")
    assert source.blank_records(path, ",", '"') == []
