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
    path = tmp_path / "data.csv"
    path.write_bytes(b"id,name\n1,a\n2,caf\xe9\n3,b\n")
    expected = source.EncodingProblem(3, 17, "byte 0xe9 is not valid utf-8")
    assert source.encoding_problem(path) == expected
    assert source.encoding_problem(path, "windows-1256") is None


def test_a_bad_byte_in_a_transcoded_file_is_found_in_the_pass(tmp_path: Path) -> None:
    result = scan(tmp_path, "id\nعلي\n".encode("windows-1256") + b"\x81\n", "cp1255")
    assert result.encoding_problem is not None
    assert result.encoding_problem.line in (2, 3)


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
    ("content", "lines"),
    [(b"a\n1\n2\n", 3), (b"a\n1\n2", 3), (b"a\r\n1\r\n\r\n2\r\n", 4), (b"\na\n", 2)],
)
def test_lines_are_counted_for_the_blank_row_check(
    tmp_path: Path, content: bytes, lines: int
) -> None:
    assert scan(tmp_path, content).lines == lines


def test_arabic_script_is_noticed(tmp_path: Path) -> None:
    assert not scan(tmp_path, b"id,name\n1,ali\n").arabic_script
    assert scan(tmp_path, "id,name\n1,علی\n".encode()).arabic_script
    assert scan(tmp_path, "id\n۱۲\n".encode()).arabic_script


def test_blank_records_ignore_newlines_inside_quotes(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('a,b\n1,"x\n\ny"\n\n2,z\n', encoding="utf-8")
    assert source.blank_records(path, ",", '"') == [2]


def test_a_10_mb_cell_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("id,text\n1," + "x" * 10_000_000 + "\n", encoding="utf-8")
    assert source.blank_records(path, ",", '"') == []
