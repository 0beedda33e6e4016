"""`open_inside` finds exactly one regular file below a root, crossing no symbolic link, and
DuckDB reads it by the opened descriptor's name, whatever the file's own name holds."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from govkit import api
from govkit.catalog.tree import open_inside, opened, read_inside
from govkit.engine.load import Table
from govkit.engine.validate import validate_table


def test_a_file_below_the_root_is_opened_by_its_literal_name(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d/*.csv").write_text("a\nliteral\n")
    (tmp_path / "d/other.csv").write_text("a\nother\n")
    with opened(tmp_path, tmp_path / "d/*.csv") as data:
        assert data.size == len("a\nliteral\n")
        assert not any(char in data.name for char in "*?[]{}~$\\\n")
        read = duckdb.connect().execute("SELECT * FROM read_csv(?, all_varchar=true)", [data.name])
        rows = read.fetchall()
    assert rows == [("literal",)]


@pytest.mark.parametrize("where", ["d/link.csv", "linked/file.csv"], ids=["file", "folder"])
def test_a_symbolic_link_at_any_component_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d/file.csv").write_text("a\n1\n")
    (tmp_path / "d/link.csv").symlink_to(tmp_path / "d/file.csv")
    (tmp_path / "linked").symlink_to(tmp_path / "d")
    with pytest.raises(OSError, match="symbolic link") as refused:
        open_inside(tmp_path, tmp_path / where)
    assert refused.value.strerror == "is a symbolic link, which govkit never follows"


def test_a_fifo_a_folder_and_a_path_outside_are_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")  # opening it for reading would wait for a writer
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError, match="not a regular file"):
        open_inside(tmp_path, tmp_path / "pipe.csv")
    with pytest.raises(OSError, match="a folder"):
        open_inside(tmp_path, tmp_path / "folder")
    with pytest.raises(OSError, match="not inside"):
        open_inside(tmp_path / "folder", tmp_path / "pipe.csv")
    with pytest.raises(OSError, match="not a file inside"):
        open_inside(tmp_path, tmp_path / "folder/../pipe.csv")


def test_read_inside_reads_the_bytes(tmp_path: Path) -> None:
    (tmp_path / "a[1].csv").write_bytes(b"x\n")
    assert read_inside(tmp_path, tmp_path / "a[1].csv") == b"x\n"


def test_validation_of_a_linked_data_file_says_why_and_reads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\nSECRET-VALUE\n")
    (tmp_path / "root").mkdir()
    (tmp_path / "root/data.csv").symlink_to(secret)
    schema = {"fields": [{"name": "a", "type": "integer"}]}
    result = validate_table(Table(tmp_path / "root/data.csv", schema, root=tmp_path / "root"))
    [issue] = result.listed
    assert issue.code == "GK201"
    assert "symbolic link" in issue.message
    assert "SECRET" not in issue.message
    # A file named on the command line (no root) is read as the user named it.
    named = validate_table(Table(tmp_path / "root/data.csv", schema))
    assert "SECRET-VALUE" in " ".join(issue.message for issue in named.listed)


def test_a_file_named_on_the_command_line_is_read_literally(tmp_path: Path) -> None:
    (tmp_path / "a*.csv").write_text("n\n1\n")
    (tmp_path / "ab.csv").write_text("n\nNOT-A-NUMBER\n")
    schema = tmp_path / "schema.json"
    schema.write_text('{"fields": [{"name": "n", "type": "integer"}]}')
    report = api.validate(tmp_path / "a*.csv", schema=schema)
    assert [f.message for f in report.findings] == []
