"""Every released package is one frictionless accepts, and the export proves it before the
release replaces the previous one (GK611).

frictionless itself is the oracle: `frictionless.validate` of each released
`datapackage.json`, data and all, as a consumer of the release would run it.
"""

from __future__ import annotations

import csv
import io
import json
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from govkit import api, frictionless_safe
from govkit.catalog.loader import load_catalog
from govkit.export import conformance
from govkit.export.build import ExportResult
from govkit.export.provenance import open_source
from govkit.export.selection import Selection, export_level, select
from govkit.export.tableschema import JALALI_PATTERN
from tests.conftest import run_cli
from tests.export.builders import ENVIRON, dataset, resource, write_catalog
from tests.export.builders import csv as csv_text
from tests.export.test_release_folder import leftovers, snapshot

PERMIT_FIELDS: list[dict[str, Any]] = [
    {"name": "permit", "type": "string", "constraints": {"required": True, "unique": True}},
    {
        "name": "issued",
        "type": "date",
        "calendar": "jalali",
        "iso_date": "issued_iso",
        "description": "Day the permit was issued.",
        "constraints": {"required": True, "minimum": "1390/01/01"},
    },
    {"name": "expires", "type": "date", "calendar": "jalali", "format": "%Y/%m/%d"},
    {"name": "district", "type": "integer"},
]
PERMIT_ROWS = [
    ["P-1", "1404/01/15", "1405/01/15", "1"],
    ["P-2", "۱۴۰۳/۱۲/۳۰", "", "22"],
    ["P-3", "1399/12/30", "1400/06/31", "7"],
]


def permits_catalog(root: Path, rows: Sequence[Sequence[str]] = PERMIT_ROWS) -> Path:
    """A public dataset whose dates are Jalali `date` fields, one with an ISO column asked for."""
    header = [str(f["name"]) for f in PERMIT_FIELDS]
    return write_catalog(
        root,
        [dataset("permits", "public", [resource("permits", "permits")])],
        {"permits": {"fields": PERMIT_FIELDS, "missingValues": [""]}},
        {"permits": csv_text(header, rows)},
    )


def cities_catalog(root: Path, cities: Sequence[str]) -> Path:
    """A public dataset whose `city` is a unique key, with the cities as given."""
    fields = [
        {"name": "city", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "population", "type": "integer"},
    ]
    rows = [[city, str(1000 + i)] for i, city in enumerate(cities)]
    return write_catalog(
        root,
        [dataset("cities", "public", [resource("cities", "cities")])],
        {"cities": {"fields": fields, "primaryKey": ["city"]}},
        {"cities": csv_text(["city", "population"], rows)},
    )


def export(root: Path, out: Path, **options: Any) -> ExportResult:
    return api.export(root, out=out, allow_dirty=True, environ=ENVIRON, **options)


def released_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def frictionless_errors(out: Path) -> dict[str, list[list[Any]]]:
    """What `frictionless validate` (whole files, every check) says of each released package."""
    frictionless = frictionless_safe.load()
    packages = sorted(out.glob("datasets/*/datapackage.json"))
    assert packages
    return {
        package.parent.name: frictionless.validate(str(package)).flatten(["type", "note"])
        for package in packages
    }


def selection_of(root: Path, level: str = "public") -> Selection:
    with open_source(root, None, allow_dirty=True) as source:
        catalog, _ = load_catalog(source.tree)
        return select(catalog, export_level(catalog.config.model, level))


def schema_fields(out: Path, dataset_id: str) -> dict[str, dict[str, Any]]:
    package = json.loads((out / f"datasets/{dataset_id}/datapackage.json").read_text("utf-8"))
    return {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}


def rejected(result: ExportResult) -> list[Any]:
    return [f for f in result.report.findings if f.code == "GK611"]


# -- a Jalali date ----------------------------------------------------------------------------


def test_a_jalali_date_field_is_released_so_that_frictionless_accepts_every_row(
    tmp_path: Path,
) -> None:
    root = permits_catalog(tmp_path / "city")
    out = tmp_path / "release"
    result = export(root, out)
    assert result.written, [f.message for f in result.report.findings]
    assert frictionless_errors(out) == {"permits": []}
    # The values are the source's, as written; the ISO column is the same days.
    header, *rows = released_rows(out / "datasets/permits/data/permits.csv")
    assert header == ["permit", "issued", "issued_iso", "expires", "district"]
    assert [[r[0], r[1], r[3], r[4]] for r in rows] == PERMIT_ROWS
    assert [r[2] for r in rows] == ["2025-04-04", "2025-03-20", "2021-03-20"]


def test_a_released_jalali_date_says_what_it_holds(tmp_path: Path) -> None:
    out = tmp_path / "release"
    export(permits_catalog(tmp_path / "city"), out)
    fields = schema_fields(out, "permits")
    issued = fields["issued"]
    assert issued["type"] == "string"
    assert issued["calendar"] == "jalali"
    assert issued["constraints"] == {"required": True, "pattern": JALALI_PATTERN}
    assert issued["description"].startswith("Day the permit was issued.\n\n")
    assert "Solar Hijri (Jalali)" in issued["description"]
    assert "'issued_iso'" in issued["description"]
    # What only a date may carry is govkit's own, so that nothing of the source is lost.
    assert issued["_govkit"] == {"type": "date", "constraints": {"minimum": "1390/01/01"}}
    assert fields["expires"]["_govkit"] == {"type": "date", "format": "%Y/%m/%d"}
    assert "format" not in fields["expires"]
    assert fields["issued_iso"]["type"] == "date"


def test_a_jalali_string_field_is_released_as_it_was_declared(tmp_path: Path) -> None:
    """A Jalali field already declared a string keeps the author's descriptor."""
    declared = {"name": "signed", "type": "string", "calendar": "jalali", "title": "Signed"}
    root = write_catalog(
        tmp_path / "city",
        [dataset("deeds", "public", [resource("deeds", "deeds")])],
        {"deeds": {"fields": [declared]}},
        {"deeds": csv_text(["signed"], [["1404/01/15"]])},
    )
    out = tmp_path / "release"
    export(root, out)
    assert schema_fields(out, "deeds")["signed"] == declared
    assert frictionless_errors(out) == {"deeds": []}


# -- what else govkit writes differently from the source ------------------------------------

APPLICANT_FIELDS: list[dict[str, Any]] = [
    {"name": "ref", "type": "string", "constraints": {"required": True, "unique": True}},
    {
        "name": "national_id",
        "type": "string",
        "format": "ir-national-id",
        "sensitivity": "personal",
        "redaction": "hash",
        "constraints": {"required": True, "unique": True, "pattern": "^[0-9]{10}$"},
    },
    {
        "name": "applicant",
        "type": "string",
        "sensitivity": "personal",
        "redaction": "mask",
        "example": "Maryam Karimi",
        "missingValues": ["", "n/a"],
        "constraints": {"minLength": 5, "pattern": "^[A-Z].*$", "enum": ["Maryam Karimi", "n/a"]},
    },
    {
        "name": "income",
        "type": "integer",
        "sensitivity": "personal",
        "redaction": "mask",
        "constraints": {"minimum": 1000},
    },
    {"name": "email", "type": "string", "format": "email", "redaction": "mask"},
    {"name": "born", "type": "date", "calendar": "jalali", "redaction": "mask"},
    {"name": "company_id", "type": "string", "format": "ir-legal-id"},
    {"name": "kind", "type": "string", "constraints": {"enum": ["person", "company"]}},
    {
        "name": "party",
        "type": "string",
        "sensitivity": "personal",
        "redaction": "hash",
        "keep_where": {"field": "kind", "in": ["company"]},
        "constraints": {"maxLength": 20},
    },
    {"name": "city", "type": "string", "constraints": {"enum": ["كرج", "تهران"]}},
    {"name": "code", "type": "string", "constraints": {"enum": ["=A1", "B2"]}},
    {"name": "internal", "type": "string", "redaction": "drop"},
    {"name": "referred_by", "type": "string", "redaction": "mask"},
]
APPLICANT_ROWS = [
    [
        "A-1",
        "0076229645",
        "Maryam Karimi",
        "1200",
        "m@example.org",
        "1370/01/01",
        "10100387790",
        "person",
        "Maryam Karimi",
        "كرج",
        "=A1",
        "x",
        "A-2",
    ],
    [
        "A-2",
        "1583250689",
        "n/a",
        "5000",
        "",
        "1365/12/29",
        "",
        "company",
        "Abrah Co.",
        "تهران",
        "B2",
        "y",
        "",
    ],
]


def applicants_catalog(root: Path) -> Path:
    header = [str(f["name"]) for f in APPLICANT_FIELDS]
    schema = {
        "fields": APPLICANT_FIELDS,
        "primaryKey": ["national_id"],
        "uniqueKeys": [["ref", "internal"], ["applicant"]],
        "foreignKeys": [
            {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["kind"]}},
            {"fields": ["referred_by"], "reference": {"resource": "", "fields": ["ref"]}},
        ],
    }
    kinds = {"fields": [{"name": "kind", "type": "string"}], "primaryKey": ["kind"]}
    resources = [resource("applicants", "applicants"), resource("applicants", "kinds")]
    return write_catalog(
        root,
        [dataset("applicants", "public", resources)],
        {"applicants": schema, "kinds": kinds},
        {
            "applicants": csv_text(header, APPLICANT_ROWS),
            "kinds": csv_text(["kind"], [["person"], ["company"]]),
        },
    )


def test_redacted_cleaned_and_keyed_fields_are_described_as_released(tmp_path: Path) -> None:
    out = tmp_path / "release"
    result = export(applicants_catalog(tmp_path / "city"), out, escape_formulas=True)
    assert result.written, [f.message for f in result.report.findings if f.code != "GK601"]
    assert frictionless_errors(out) == {"applicants": []}
    fields = schema_fields(out, "applicants")
    assert fields["national_id"]["constraints"] == {"required": True, "unique": True}
    assert "format" not in fields["national_id"]
    assert fields["applicant"] == {
        "name": "applicant",
        "type": "string",
        "sensitivity": "personal",
        "redaction": "mask",
        "missingValues": ["", "n/a"],
    }
    assert fields["income"]["type"] == "string"
    assert "format" not in fields["email"]
    assert fields["born"]["type"] == "string"
    assert fields["company_id"]["_govkit"] == {"format": "ir-legal-id"}
    assert "constraints" not in fields["party"]
    # Cleaned up as the cells are: Persian Kaf, and a formula escaped.
    assert fields["city"]["constraints"]["enum"] == ["کرج", "تهران"]
    assert fields["code"]["constraints"]["enum"] == ["'=A1", "B2"]
    assert "internal" not in fields
    package = json.loads((out / "datasets/applicants/datapackage.json").read_text("utf-8"))
    schema = package["resources"][0]["schema"]
    assert schema["primaryKey"] == ["national_id"]
    assert "uniqueKeys" not in schema
    assert schema["foreignKeys"] == [
        {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["kind"]}}
    ]


# -- the example catalog -------------------------------------------------------------------


def test_the_example_release_passes_the_frictionless_check_package_by_package(
    example_repo: Path, example_release: ExportResult
) -> None:
    assert example_release.written
    assert rejected(example_release) == []
    selection = selection_of(example_repo)
    packages = sorted(example_release.out.glob("datasets/*/datapackage.json"))
    assert sorted(p.dataset.id for p in selection.packages) == [p.parent.name for p in packages]
    for package in selection.packages:
        checked = Selection(selection.level, (package,), ())
        assert conformance.check_release(example_release.out, checked) == [], package.dataset.id


# -- refused releases ----------------------------------------------------------------------


def test_a_release_frictionless_rejects_is_refused_and_the_previous_one_stays(
    tmp_path: Path,
) -> None:
    """Two cities that differ only by Arabic and Persian Kaf are distinct in the source; the
    export's clean-up makes them one, which a unique key then refuses."""
    root = cities_catalog(tmp_path / "city", ["کرج", "تهران"])
    out = tmp_path / "release"
    assert export(root, out).written
    before = snapshot(out)
    cities_catalog(root, ["كرج", "کرج", "تهران"])
    result = export(root, out)
    assert result.refused
    assert not result.written
    assert snapshot(out) == before
    assert leftovers(out) == []
    by_pointer = {f.location.pointer: f for f in rejected(result)}
    assert set(by_pointer) == {"/fields/0", "/primaryKey"}
    unique = by_pointer["/fields/0"]
    assert unique.location.path == "schemas/cities.schema.yaml"
    assert (unique.dataset, unique.resource, unique.field) == ("cities", "cities", "city")
    assert "datasets/cities/data/cities.csv" in unique.message
    assert "first at row 3: unique-error" in unique.message
    assert unique.severity.value == "error"


def test_a_forced_release_keeps_what_frictionless_rejects_in_the_report(tmp_path: Path) -> None:
    root = cities_catalog(tmp_path / "city", ["كرج", "کرج"])
    result = export(root, tmp_path / "release", force_reason="ticket 1404/12")
    assert result.written
    found = rejected(result)
    assert found
    assert all(f.suppressed_by == "--force: ticket 1404/12" for f in found)
    assert [f.code for f in result.report.findings if f.code == "GK607"] == ["GK607"]


def test_a_row_left_with_no_value_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """The row is not blank in the source, but every value it keeps is missing."""
    fields = [
        {"name": "applicant", "type": "string", "redaction": "drop"},
        {"name": "note", "type": "string"},
    ]
    root = write_catalog(
        tmp_path / "city",
        [dataset("notes", "public", [resource("notes", "notes")])],
        {"notes": {"fields": fields}},
        {"notes": csv_text(["applicant", "note"], [["Maryam Karimi", ""], ["Reza", "fine"]])},
    )
    result = export(root, tmp_path / "release")
    assert result.refused
    [finding] = rejected(result)
    assert (finding.location.path, finding.location.pointer) == (
        "catalog/finance/notes.yaml",
        "/resources/0",
    )
    assert "first at row 2: blank-row: every cell of the row is empty as released" in (
        finding.message
    )


def test_data_that_fails_validation_is_not_reported_again_by_frictionless(
    tmp_path: Path,
) -> None:
    root = permits_catalog(tmp_path / "city", [["P-1", "1404/13/40", "", "1"]])
    result = export(root, tmp_path / "release")
    assert result.refused
    assert rejected(result) == []
    assert any(f.severity.value == "error" and f.field == "issued" for f in result.report.findings)


# -- the check, on a staged folder made by hand ------------------------------------------


@pytest.fixture
def permits_release(tmp_path: Path) -> tuple[Path, Selection]:
    root = permits_catalog(tmp_path / "city")
    out = tmp_path / "staged"
    assert export(root, out).written
    return out, selection_of(root)


def rewrite_descriptor(out: Path, change: Any) -> None:
    path = out / "datasets/permits/datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package), encoding="utf-8")


def test_a_descriptor_error_is_found_at_the_schema_field_it_comes_from(
    permits_release: tuple[Path, Selection],
) -> None:
    out, selection = permits_release

    def unadapted(package: dict[str, Any]) -> None:
        fields = package["resources"][0]["schema"]["fields"]
        fields[1]["format"] = "jalali"  # a format frictionless does not know
        fields[2]["constraints"] = {"minimum": "2025-01-01", "pattern": "x"}  # not on a date

    rewrite_descriptor(out, unadapted)
    found = conformance.check_release(out, selection)
    at = sorted((f.location.pointer, f.field) for f in found)
    # issued (source field 1), and issued_iso, which the export adds after it.
    assert at == [("/fields/1", "issued"), ("/fields/1", "issued")]
    assert all(f.location.path == "schemas/permits.schema.yaml" for f in found)
    assert any("'jalali' is not one of" in f.message for f in found)
    assert any('"pattern" is not supported by type "date"' in f.message for f in found)


def test_a_package_error_is_found_at_the_dataset_entry(
    permits_release: tuple[Path, Selection],
) -> None:
    out, selection = permits_release
    rewrite_descriptor(out, lambda package: package.update(licenses=[{"title": 7}]))
    [finding] = conformance.check_release(out, selection)
    assert finding.location.path == "catalog/finance/permits.yaml"
    assert finding.location.pointer == ""
    assert finding.dataset == "permits"
    assert "licenses" in finding.message


def test_a_resource_error_is_found_at_the_resource_of_the_entry(
    permits_release: tuple[Path, Selection],
) -> None:
    out, selection = permits_release
    rewrite_descriptor(out, lambda package: package["resources"][0].update(encoding=9))
    [finding] = conformance.check_release(out, selection)
    assert (finding.location.path, finding.location.pointer) == (
        "catalog/finance/permits.yaml",
        "/resources/0",
    )
    assert finding.resource == "permits"


def long_permits(count: int, bad_at: int) -> Iterator[list[str]]:
    for i in range(count):
        district = "not a number" if i == bad_at else str(i % 22 + 1)
        yield [f"P-{i}", "1404/01/15", "1405/01/15", district]


def test_rows_are_sampled_from_the_start_of_each_file(tmp_path: Path) -> None:
    """A row past the sample is not read (the data was validated whole on the source)."""
    root = permits_catalog(tmp_path / "city")
    selection = selection_of(root)
    out = tmp_path / "staged"
    assert export(root, out).written
    data = out / "datasets/permits/data/permits.csv"
    header = data.read_text(encoding="utf-8").splitlines()[0]
    rows = [",".join([p, d, "2025-04-04", e, n]) for p, d, e, n in long_permits(1500, 1200)]
    data.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    rewrite_descriptor(out, lambda package: package["resources"][0].pop("hash"))
    rewrite_descriptor(out, lambda package: package["resources"][0].pop("bytes"))
    assert conformance.check_release(out, selection, sample_rows=1000) == []
    [finding] = conformance.check_release(out, selection, sample_rows=1500)
    assert finding.field == "district"
    assert "in 1 row of datasets/permits/data/permits.csv" in finding.message
    assert "first at row 1202: type-error" in finding.message


def test_the_check_makes_no_network_request(
    permits_release: tuple[Path, Selection], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, selection = permits_release
    remote = "https://data.test.example/permits.csv"
    rewrite_descriptor(out, lambda package: package["resources"][0].update(path=remote))

    def no_network(*args: object) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    [finding] = conformance.check_release(out, selection)
    assert finding.dataset == "permits"
    assert "offline" in finding.message


def test_the_command_line_refuses_such_a_release_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = cities_catalog(tmp_path / "city", ["كرج", "کرج"])
    for name, value in ENVIRON.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "release"
    outcome = run_cli("export", "--root", str(root), "--out", str(out), "--allow-dirty")
    assert outcome.exit_code == 1, outcome.stderr
    assert "schemas/cities.schema.yaml:2:3 GK611 error frictionless rejects field 'city'" in (
        outcome.stdout
    )
    assert not out.exists()
