"""Every way a data file may be written is read for export as `govkit validate` reads it:
TSV, another delimiter and quote, no header row, quoted line breaks, columns in another
order, Parquet and JSON lines. The released CSV is always UTF-8, comma-separated, with the
schema's columns in the schema's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from govkit import api
from govkit.errors import GovkitError
from tests.export.builders import ENVIRON, dataset, write_catalog

FIELDS = [{"name": "programme", "type": "string"}, {"name": "approved", "type": "integer"}]
RELEASED = 'programme,approved\nroads,1200\n"parks, north",800\n'


def release(tmp_path: Path, described: dict[str, Any], data: str, **schema: Any) -> str:
    """Export one resource `budget` (data written as `data`, or replaced after) and return
    the released CSV."""
    entry = dataset(
        "budget", "public", [{"name": "budget", "schema": "budget.schema.yaml", **described}]
    )
    root = write_catalog(
        tmp_path / "c", [entry], {"budget": {"fields": FIELDS, **schema}}, {"budget": data}
    )
    return export(root, tmp_path)


def export(root: Path, tmp_path: Path) -> str:
    result = api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    assert result.written, [
        f.message for f in result.report.findings if f.severity.value == "error"
    ]
    return (tmp_path / "out/datasets/budget/data/budget.csv").read_text(encoding="utf-8")


def test_tsv(tmp_path: Path) -> None:
    data = "programme\tapproved\nroads\t1200\nparks, north\t800\n"
    described = {"path": "finance/budget/budget.tsv", "format": "tsv"}
    assert release(tmp_path, described, data) == RELEASED


def test_another_delimiter_and_quote(tmp_path: Path) -> None:
    data = "programme;approved\nroads;1200\n'parks, north';800\n"
    described = {
        "path": "finance/budget/budget.csv",
        "format": "csv",
        "dialect": {"delimiter": ";", "quote_char": "'"},
    }
    assert release(tmp_path, described, data) == RELEASED


def test_no_header_row(tmp_path: Path) -> None:
    data = 'roads,1200\n"parks, north",800\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv", "dialect": {"header": False}}
    assert release(tmp_path, described, data) == RELEASED


def test_quoted_line_breaks_stay_in_their_cell(tmp_path: Path) -> None:
    data = 'programme,approved\n"roads\nand bridges",1200\n"parks, north",800\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    released = release(tmp_path, described, data)
    assert released == RELEASED.replace("roads,", '"roads\nand bridges",')


def test_columns_in_another_order_are_matched_by_label(tmp_path: Path) -> None:
    data = 'approved,programme\n1200,roads\n800,"parks, north"\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    assert release(tmp_path, described, data, fieldsMatch="equal") == RELEASED


def parquet_or_jsonl(tmp_path: Path, fmt: str) -> str:
    suffix = {"parquet": "parquet", "jsonl": "jsonl"}[fmt]
    described = {"path": f"finance/budget/budget.{suffix}", "format": fmt}
    entry = dataset(
        "budget", "public", [{"name": "budget", "schema": "budget.schema.yaml", **described}]
    )
    root = write_catalog(tmp_path / "c", [entry], {"budget": {"fields": FIELDS}}, {"budget": ""})
    target = root / "catalog" / described["path"]
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT json"
    rows = "SELECT * FROM (VALUES ('roads', 1200), ('parks, north', 800)) v(programme, approved)"
    duckdb.connect().execute(f"COPY ({rows}) TO '{target}' ({options})")
    return export(root, tmp_path)


def test_parquet(tmp_path: Path) -> None:
    assert parquet_or_jsonl(tmp_path, "parquet") == RELEASED


def test_json_lines(tmp_path: Path) -> None:
    assert parquet_or_jsonl(tmp_path, "jsonl") == RELEASED


def test_a_byte_order_mark_is_not_part_of_the_first_label(tmp_path: Path) -> None:
    data = '\ufeffapproved,programme\n1200,roads\n800,"parks, north"\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    assert release(tmp_path, described, data, fieldsMatch="equal") == RELEASED


def test_a_file_with_a_header_only_releases_a_header_only(tmp_path: Path) -> None:
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    assert release(tmp_path, described, "programme,approved\n") == "programme,approved\n"


def test_blank_lines_before_the_header_are_not_rows(tmp_path: Path) -> None:
    data = '\n\nprogramme,approved\nroads,1200\n"parks, north",800\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    assert release(tmp_path, described, data) == RELEASED


def test_labels_are_read_as_validation_reads_them(tmp_path: Path) -> None:
    data = 'approved, "programme"\n1200,roads\n800,"parks, north"\n'
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    assert release(tmp_path, described, data, fieldsMatch="equal") == RELEASED


def test_bytes_that_are_not_utf8_refuse_the_release_with_the_finding(tmp_path: Path) -> None:
    described = {"path": "finance/budget/budget.csv", "format": "csv"}
    entry = dataset(
        "budget", "public", [{"name": "budget", "schema": "budget.schema.yaml", **described}]
    )
    root = write_catalog(
        tmp_path / "c", [entry], {"budget": {"fields": FIELDS}}, {"budget": "programme,approved\n"}
    )
    (root / "catalog/finance/budget/budget.csv").write_bytes(b"programme,approved\nro\xffds,1\n")
    result = api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    assert result.refused
    assert any(f.code == "GK202" for f in result.report.findings)
    assert not (tmp_path / "out").exists()
    with pytest.raises(GovkitError, match=r"budget\.csv: cannot be read for export"):
        api.export(
            root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
        )
    assert not (tmp_path / "out").exists()
