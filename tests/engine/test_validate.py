"""`govkit validate` end to end: catalogs, standalone files, and the bad inputs of the issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from govkit.engine import source
from govkit.engine import validate as engine
from govkit.engine.load import Table
from govkit.engine.validate import validate_table
from tests.conftest import run_cli

DATA = "catalog/finance/budget/budget-1405.csv"
BUDGET = "catalog/finance/budget.yaml"


def codes(report: api.Report) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.field) for f in report.findings]


def write(root: Path, content: str | bytes) -> None:
    path = root / DATA
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def test_the_valid_catalog_validates_clean(catalog: Path) -> None:
    report = api.validate(root=catalog)
    assert report.findings == ()
    assert report.unlisted == ()


def test_bad_cells_are_found_with_row_and_field(catalog: Path) -> None:
    write(catalog, "programme,approved\nroads,12\nparks,-3\nlights,many\nroads,5\n")
    report = api.validate(root=catalog)
    assert codes(report) == [
        ("GK214", 3, "approved"),
        ("GK211", 4, "approved"),
        ("GK220", 5, None),
    ]
    (first, *_) = report.findings
    assert first.location.path == DATA
    assert first.location.line == 3
    assert (first.dataset, first.resource) == ("budget", "budget-1405")
    assert first.message == "'-3' is below the minimum 0"


def test_totals_count_everything_past_the_listing_limit(catalog: Path) -> None:
    rows = "".join(f"p{i},x\n" for i in range(250))
    write(catalog, "programme,approved\n" + rows)
    report = api.validate(root=catalog, max_findings=10)
    assert len(report.findings) == 10
    (tally,) = report.unlisted
    assert (tally.code, tally.field, tally.count) == ("GK211", "approved", 240)
    assert report.summary()["error"] == 250


def test_lint_problems_come_first_and_block_only_their_resource(catalog: Path) -> None:
    (catalog / DATA).unlink()
    report = api.validate(root=catalog)
    assert [f.code for f in report.findings] == ["GK106"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", [("GK201", None)]),
        (b"programme,approved\n", []),
        (b"programme,approved\r\nroads,1\r\nparks,2\r\n", []),
        (b"\xef\xbb\xbfprogramme,approved\nroads,1\n", []),
        (b"programme,approved\nroads,1,9\nparks\n", [("GK209", 2), ("GK210", 3)]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", [("GK202", 1)]),
        (b"programme,approved\nroads,1\n\nparks,2\n", [("GK208", 3)]),
        (b'programme,approved\n"long\nname",1\nparks,x\n', [("GK211", 3)]),
    ],
    ids=["empty", "header-only", "crlf", "bom", "ragged", "not-csv", "blank-row", "quoted-newline"],
)
def test_bad_and_awkward_files(
    catalog: Path, content: bytes, expected: list[tuple[str, int | None]]
) -> None:
    write(catalog, content)
    report = api.validate(root=catalog)
    assert [(f.code, f.row) for f in report.findings] == expected


def test_windows_1256_declared_or_not(catalog: Path) -> None:
    write(catalog, "programme,approved\nجاده,1\nپارک,2\n".encode("windows-1256"))
    undeclared = api.validate(root=catalog)
    assert [(f.code, f.row) for f in undeclared.findings] == [("GK202", 2)]
    assert "byte 0x" in undeclared.findings[0].message
    entry = catalog / BUDGET
    entry.write_text(
        entry.read_text(encoding="utf-8") + "    encoding: windows-1256\n", encoding="utf-8"
    )
    assert api.validate(root=catalog).findings == ()


def test_a_10_mb_cell(catalog: Path) -> None:
    write(catalog, "programme,approved\n" + "x" * 10_000_000 + ",1\n")
    assert api.validate(root=catalog).findings == ()


def test_a_pattern_re2_cannot_run_is_a_finding_not_a_crash(catalog: Path) -> None:
    schema = catalog / "schemas/budget.schema.yaml"
    text = schema.read_text(encoding="utf-8").replace(
        "constraints: {required: true}", "constraints: {required: true, pattern: '(?=r)\\w+'}"
    )
    schema.write_text(text, encoding="utf-8")
    report = api.validate(root=catalog)
    assert [f.code for f in report.findings] == ["GK211"]
    assert "cannot be checked" in report.findings[0].message


def test_a_file_larger_than_the_memory_limit_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a 2 GB file would be: larger than memory, so the table lives on disk.
    monkeypatch.setattr(engine, "MEMORY_LIMIT", "32MB")
    monkeypatch.setattr(engine, "IN_MEMORY_BYTES", 0)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,amount\n")
        for i in range(1_500_000):
            handle.write(f"{i},{-1 if i % 1000 == 0 else i}\n")
    schema = {
        "fields": [
            {"name": "id", "type": "integer"},
            {"name": "amount", "type": "integer", "constraints": {"minimum": 0}},
        ],
        "primaryKey": ["id"],
    }
    result = validate_table(Table(path, schema), max_listed=3)
    assert result.rows == 1_500_000
    assert result.totals == {("GK214", "amount"): 1_500}
    assert [issue.row for issue in result.listed] == [2, 1002, 2002]


def test_cached_results_are_reused_and_refreshed_on_change(catalog: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    write(catalog, "programme,approved\nroads,x\n")
    first = api.validate(root=catalog, cache=cache)
    assert len(list((cache / "results").iterdir())) == 1
    assert api.validate(root=catalog, cache=cache).findings == first.findings
    write(catalog, "programme,approved\nroads,1\n")
    assert api.validate(root=catalog, cache=cache).findings == ()


def test_standalone_data_file_with_a_schema(tmp_path: Path) -> None:
    data = tmp_path / "trips.csv"
    data.write_text("id,cost\n1,10\n2,ten\n", encoding="utf-8")
    schema = tmp_path / "trips.schema.json"
    schema.write_text(
        json.dumps(
            {"fields": [{"name": "id", "type": "integer"}, {"name": "cost", "type": "integer"}]}
        )
    )
    outcome = run_cli("validate", "--no-cache", "--schema", str(schema), str(data))
    assert outcome.exit_code == 1
    assert f"{data}:3:2 GK211" in outcome.stdout


def test_standalone_data_package(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/trips.csv").write_text("id,cost\n1,10\n", encoding="utf-8")
    package = {
        "name": "trips",
        "resources": [
            {
                "name": "trips",
                "path": "data/trips.csv",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "integer"},
                        {"name": "cost", "type": "integer"},
                    ]
                },
            }
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    outcome = run_cli("validate", "--no-cache", str(tmp_path / "datapackage.json"))
    assert (outcome.exit_code, outcome.stderr) == (0, "")


def test_standalone_package_paths_stay_inside(tmp_path: Path) -> None:
    package = {"resources": [{"name": "x", "path": "../../etc/passwd", "schema": {"fields": []}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    outcome = run_cli("validate", "--no-cache", str(tmp_path / "datapackage.json"))
    assert outcome.exit_code == 2
    assert "inside the package" in outcome.stderr


def test_validate_cli_on_a_catalog(catalog: Path) -> None:
    write(catalog, "programme,approved\nroads,x\n")
    outcome = run_cli("validate", "--no-cache", "--root", str(catalog), "-f", "json")
    assert outcome.exit_code == 1
    report = json.loads(outcome.stdout)
    assert report["command"] == "validate"
    assert [(f["code"], f["row"], f["field"]) for f in report["findings"]] == [
        ("GK211", 2, "approved")
    ]


def test_an_unreadable_file_is_a_finding_for_its_resource(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root here, which no file mode denies: the refusal is simulated.
    def refuse(path: Path, *_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(source, "scan", refuse)
    report = api.validate(root=catalog)
    assert [(f.code, f.resource) for f in report.findings] == [("GK201", "budget-1405")]
    assert report.findings[0].message == "could not be checked: Permission denied"


ARABIC_TEXT = "programme,approved\nكتاب عربي,5\n"  # Arabic Kaf and Yeh, rightly, in Arabic


def test_arabic_letters_are_a_slip_only_in_persian_text(catalog: Path) -> None:
    write(catalog, ARABIC_TEXT)
    # The catalog's languages include fa: its text is Persian.
    assert codes(api.validate(root=catalog)) == [("GK225", 2, "programme")]

    config = catalog / "govkit.yaml"
    config.write_text(config.read_text("utf-8").replace("[fa, en]", "[en]"), "utf-8")
    assert codes(api.validate(root=catalog)) == []

    schema = catalog / "schemas/budget.schema.yaml"
    persian = schema.read_text("utf-8").replace("title: برنامه,", "title: برنامه, language: fa,")
    schema.write_text(persian, "utf-8")
    assert codes(api.validate(root=catalog)) == [("GK225", 2, "programme")]


def test_a_field_in_arabic_in_a_persian_catalog_keeps_its_letters(catalog: Path) -> None:
    write(catalog, ARABIC_TEXT)
    schema = catalog / "schemas/budget.schema.yaml"
    arabic = schema.read_text("utf-8").replace("title: برنامه,", "title: برنامه, language: ar,")
    schema.write_text(arabic, "utf-8")
    assert codes(api.validate(root=catalog)) == []


def test_standalone_text_is_persian_only_where_a_field_says_so(tmp_path: Path) -> None:
    data = tmp_path / "books.csv"
    data.write_text("title\nكتاب عربي\n", "utf-8")
    plain = {"fields": [{"name": "title", "type": "string"}]}
    persian = {"fields": [{"name": "title", "type": "string", "language": "fa"}]}

    assert validate_table(Table(data, plain)).totals == {}
    assert validate_table(Table(data, persian)).totals == {("GK225", "title"): 1}
