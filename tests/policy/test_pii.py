"""Personal-data detection: detectors over columns, bounded samples, and `check --scan`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govkit import api
from govkit.engine.iranian import is_national_id
from govkit.pii.detectors import detect
from govkit.pii.headers import personal_header_word
from govkit.pii.sample import Dialect, SampleError, read_sample
from tests.policy.packs import write

VALID_NATIONAL_IDS = ["0076229645", "1583250689", "0018465986"]
INVALID_NATIONAL_IDS = ["1234567890", "9999999999", "0000000000", "0076229646", "12345"]
EXAMPLES = {
    "national-id": VALID_NATIONAL_IDS,
    "legal-id": ["10100854324", "10320263404", "10861000170"],
    "sheba": [
        "IR270170000000100324200001",
        "IR330120020000009520817001",
        "IR3301 2002 0000 0095 2081 7001",
    ],
    "bank-card": ["6037991234567893", "6273-5310-0000-0019", "6104330000001233"],
    "mobile": ["09121234567", "+989351234567", "۰۹۱۲۱۲۳۴۵۶۷"],
    "landline": ["02188776655", "031-3222-1100", "+982188776655"],
    "postal-code": ["1315735519", "1969833115", "8174673111"],
    "email": ["sara@example.org", "r.tavakoli@tehran.ir", "x_y@mail.co"],
    "vehicle-plate": ["12ب345-67", "۴۵ الف ۱۲۳ ایران ۱۱", "33د444-55"],
}


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_each_detector_recognises_its_values(kind: str) -> None:
    detection = detect(EXAMPLES[kind])
    assert detection is not None
    assert (detection.detector.kind, detection.matched, detection.examined) == (kind, 3, 3)


def test_national_ids_need_their_checksum() -> None:
    assert detect(INVALID_NATIONAL_IDS) is None
    assert detect(["۰۰۷۶۲۲۹۶۴۵", "۱۵۸۳۲۵۰۶۸۹", "0018465986"]) is not None  # Persian digits


def test_the_share_threshold_counts_non_empty_values() -> None:
    three_of_five = [*VALID_NATIONAL_IDS, "1234567890", "9999999999"]
    four_of_five = [*VALID_NATIONAL_IDS, "0067749828", "9999999999"]
    assert detect(three_of_five) is None
    detection = detect([*four_of_five, "", " ", ""])
    assert detection is not None
    assert detection.describe() == "4 of 5 sampled values are national IDs (کد ملی)"
    assert detect(VALID_NATIONAL_IDS[:2]) is None  # too few to judge


def test_amounts_and_dates_are_not_personal() -> None:
    assert detect(["125000000000", "98000000000", "4500000000", "310000000000"]) is None
    assert detect(["1403/01/05", "1403/02/11", "1403/12/30"]) is None
    assert detect(["1403", "1404", "1405"]) is None


def test_date_and_number_fields_are_not_read_for_identifiers(catalog: Path) -> None:
    # Hyphens are dropped from identifiers as typed, so these dates read as 8-digit
    # numbers, which pass the national-ID checksum: only a text field is judged by values.
    dates = ["2025-01-01", "2025-01-18", "2025-01-26", "2025-02-07"]
    assert all(is_national_id(date) for date in dates)
    write(catalog, "schemas/budget.schema.yaml", "fields:\n  - {name: recorded_on, type: date}\n")
    rows = "recorded_on\n" + "\n".join(dates) + "\n"
    write(catalog, "catalog/finance/budget/budget-1405.csv", rows)
    assert api.check(catalog, scan=True, select=["GK3"]).findings == ()


@pytest.mark.parametrize(
    ("headers", "word"),
    [
        (("national_id",), "national id"),
        (("NationalCode",), None),
        (("National-Code",), "national code"),
        (("کد ملی",), "کد ملی"),
        (("کد\u200cملی",), "کد ملی"),
        (("كد ملي",), "کد ملی"),  # Arabic Kaf and Yeh
        (("owner_tel",), "tel"),
        (("hotel_name",), None),
        (("x", "شماره تلفن همراه"), "تلفن"),
        (("home_address",), "address"),
        (("registry_plate", "پلاک ثبتی"), None),
        (("vehicle_plate",), "plate"),
        (("amount", "مبلغ"), None),
    ],
)
def test_header_words(headers: tuple[str, ...], word: str | None) -> None:
    assert personal_header_word(*headers) == word


def sample(content: bytes, dialect: Dialect | None = None, **limits: int) -> tuple[object, ...]:
    read = read_sample(io.BytesIO(content), dialect or Dialect(), **limits)
    return read.header, read.columns, read.rows


def test_a_sample_is_read_by_column_in_the_declared_dialect() -> None:
    content = "\ufeffname;mobile\nسارا;09121234567\nرضا;\n".encode()
    assert sample(content, Dialect(delimiter=";")) == (
        ("name", "mobile"),
        (("سارا", "رضا"), ("09121234567", "")),
        2,
    )


def test_a_sample_honours_windows_1256_and_a_missing_header() -> None:
    content = "علي,0076229645\n".encode("windows-1256")
    assert sample(content, Dialect(encoding="windows-1256", header=False)) == (
        None,
        (("علي",), ("0076229645",)),
        1,
    )


def test_a_sample_stops_at_its_row_and_byte_limits() -> None:
    rows = b"id\n" + b"".join(b"%d\n" % n for n in range(10_000))
    assert sample(rows, rows=5)[2] == 5
    _header, columns, count = sample(rows, max_bytes=64)
    assert count < 30
    assert columns[0][-1] == str(count - 1)


def test_a_huge_cell_is_a_sample_error_not_a_memory_problem() -> None:
    class Endless(io.RawIOBase):
        """Ten gigabytes of one cell, of which only the cap is ever read."""

        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            self.served += len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(SampleError, match="no complete row in its first 1,000,000 bytes"):
        read_sample(io.BufferedReader(stream), Dialect(), max_bytes=1_000_000)
    assert stream.served <= 1_100_000


def test_an_unknown_encoding_is_a_sample_error() -> None:
    with pytest.raises(SampleError, match="unknown encoding 'utf-9'"):
        read_sample(io.BytesIO(b"a\n1\n"), Dialect(encoding="utf-9"))


CONTACTS_SCHEMA = """\
fields:
  - {name: case_id, type: integer}
  - {name: district, type: integer}
  - {name: contact, type: string}
  - {name: owner_national_id, type: string, sensitivity: personal, redaction: drop}
  - {name: office_phone, type: string, sensitivity: none}
  - {name: company_id, type: string, sensitivity: none}
  - {name: note, type: string, sensitivity: none}
"""
CONTACTS = """\
case_id,district,contact,owner_national_id,office_phone,company_id,note,unlisted_mobile
1,3,09121234567,0076229645,02188776655,10100854324,0076229645,09351234567
2,5,09351234567,1583250689,02188776656,10320263404,1583250689,09121234567
3,7,09191112233,0018465986,02188776657,10861000170,0018465986,09191112233
"""


def contacts_catalog(root: Path, level: str = "public", data_format: str = "csv") -> None:
    write(root, "schemas/contacts.schema.yaml", CONTACTS_SCHEMA)
    write(root, "catalog/finance/contacts/contacts.csv", CONTACTS)
    budget = (root / "catalog/finance/budget.yaml").read_text(encoding="utf-8")
    entry = budget.replace("id: budget", "id: contacts").split("resources:")[0]
    entry = entry.replace("access_level: public", f"access_level: {level}")
    entry += (
        "resources:\n  - name: contacts\n    path: finance/contacts/contacts.csv\n"
        f"    schema: contacts.schema.yaml\n    format: {data_format}\n"
    )
    write(root, "catalog/finance/contacts.yaml", entry)


def scan_findings(root: Path) -> list[tuple[str, str | None, str]]:
    report = api.check(root, scan=True, select=["GK3"])
    return [(f.code, f.field, f.message) for f in report.findings]


def test_scan_reports_untagged_personal_columns_of_a_real_file(catalog: Path) -> None:
    contacts_catalog(catalog)

    findings = scan_findings(catalog)

    assert [(code, field) for code, field, _ in findings] == [
        ("GK301", None),  # the data file's own column, sorted first by path
        ("GK301", "contact"),
        ("GK301", "note"),
    ]
    unlisted, contact, note = (message for _, _, message in findings)
    assert contact.startswith(
        "column 'contact' of catalog/finance/contacts/contacts.csv looks personal (3 of 3 "
        "sampled values are mobile numbers) but is not tagged personal: tag the field "
        "`sensitivity: personal` with a `redaction` in schemas/contacts.schema.yaml"
    )
    assert "national IDs" in note  # `sensitivity: none` does not outweigh national IDs
    assert "declare the column in the resource's Table Schema" in unlisted
    report = api.check(catalog, scan=True, select=["GK301"])
    where = report.findings[1].location
    assert (where.path, where.line, where.pointer) == (
        "schemas/contacts.schema.yaml",
        4,
        "/fields/2",
    )


def test_scan_reads_only_publishable_resources(catalog: Path) -> None:
    contacts_catalog(catalog, level="confidential")
    assert scan_findings(catalog) == []


def test_scan_says_what_it_could_not_read(catalog: Path) -> None:
    contacts_catalog(catalog, data_format="parquet")

    (finding,) = api.check(catalog, scan=True, select=["GK3"]).findings

    assert (finding.code, finding.severity.value) == ("GK302", "warning")
    assert finding.location.pointer == "/resources/0/path"
    assert "parquet files are read by the data engine" in finding.message


def test_without_scan_no_data_is_read(catalog: Path) -> None:
    contacts_catalog(catalog)
    assert api.check(catalog, select=["GK3"]).findings == ()
