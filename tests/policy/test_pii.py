"""Personal-data detection: detectors over columns, their SQL twins, and `check --scan`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit import api
from govkit.engine.iranian import install_macros, is_national_id
from govkit.pii import scan as scan_module
from govkit.pii.detectors import DETECTORS, SQL_MACROS, WHITESPACE, detect
from govkit.pii.headers import personal_header_word
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
    assert detection.describe() == "4 of 5 non-empty values are national IDs (کد ملی)"
    # An identifier that always names a person is judged however few; others need three.
    assert detect(VALID_NATIONAL_IDS[:1]) is not None
    assert detect(["info@tehran.ir", "press@tehran.ir"]) is None


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
        (("NationalCode",), "national code"),  # camelCase reads as words
        (("ApplicantNationalId",), "national id"),
        (("applicant_national_id",), "national id"),
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
        (("نام خانوادگی",), "نام خانوادگی"),
        (("شماره ملی",), "شماره ملی"),
        (("تلفن همراه",), "تلفن"),
        (("موبایل",), "موبایل"),
        (("آدرس",), "آدرس"),
        (("کد پستی",), "کد پستی"),
        (("شماره حساب",), "شماره حساب"),
        (("شبا",), "شبا"),
        (("تاریخ تولد",), "تاریخ تولد"),
        (("owner_mobile",), "mobile"),
        (("postcode",), "postcode"),
        (("IBAN",), "iban"),
        (("birth_date",), "birth date"),
        (("surname",), "surname"),
        (("phone",), "phone"),
    ],
)
def test_header_words(headers: tuple[str, ...], word: str | None) -> None:
    assert personal_header_word(*headers) == word


@pytest.mark.parametrize(
    "headers",
    [
        ("name",),
        ("نام",),
        ("first_name",),
        ("last name",),
        ("Full Name",),
        ("FirstName",),
        ("applicant_name",),
        ("contractor_name",),
        ("citizen_name",),
        ("employee_name",),
        ("father_name",),
        ("full_name", "نام و نام خانوادگی"),
        ("x", "نام و نام خانوادگی"),
        ("x", "نام پدر"),
        ("x", "نام مستأجر"),
        ("x", "نام دریافت\u200cکننده"),
        ("x", "نام كوچك"),  # Arabic Kaf
        ("name", "Name of the applicant"),
        ("name_fa",),
    ],
)
def test_a_persons_name_is_personal(headers: tuple[str, ...]) -> None:
    assert personal_header_word(*headers) is not None


@pytest.mark.parametrize(
    "headers",
    [
        ("park_name",),
        ("street_name",),
        ("unit_name",),
        ("project_name",),
        ("dataset name",),
        ("district name",),
        ("company_name",),
        ("CompanyName",),
        ("نام پروژه",),
        ("نام پارک",),
        ("name", "نام بوستان"),  # a bare name is judged by its title
        ("name", "Station name"),
        ("title", "عنوان"),
        ("names_count",),
        ("username_hash",),
        ("name_count",),
    ],
)
def test_a_things_name_is_not(headers: tuple[str, ...]) -> None:
    assert personal_header_word(*headers) is None


def test_whitespace_is_what_python_strips() -> None:
    assert "".join(c for c in map(chr, range(0x3001)) if c.isspace()) == WHITESPACE


@pytest.fixture(scope="module")
def connection() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    install_macros(connection)
    for statement in SQL_MACROS:
        connection.execute(statement)
    return connection


TRICKY = [
    *(value for values in EXAMPLES.values() for value in values),
    "\u3000sara@example.org\xa0",
    "\t0076229645\n",
    "sara\u2003x@example.org",
    "sara@example.o",
    "a@b@example.org",
    "sara@exa mple.org",
    "سارا@example.org",
    "\x85",
    "",
]
_CHARACTERS = st.sampled_from([*WHITESPACE, *"@.aZ0-9 _", "\u200c", "۱", "ب"])


def sql_matches(connection: duckdb.DuckDBPyConnection, value: str) -> list[object]:
    columns = ", ".join(f"{d.sql}(gk_strip(?))" for d in DETECTORS)
    row = connection.execute(f"SELECT gk_strip(?), {columns}", [value] * (len(DETECTORS) + 1))
    row = row.fetchone()
    return list(row or ())


def python_matches(value: str) -> list[object]:
    return [value.strip(), *(d.matches(value.strip()) for d in DETECTORS)]


@pytest.mark.parametrize("value", TRICKY)
def test_each_detector_has_an_sql_twin(connection: duckdb.DuckDBPyConnection, value: str) -> None:
    assert sql_matches(connection, value) == python_matches(value)


@settings(deadline=None)  # a new connection defines every macro
@given(st.text(_CHARACTERS, max_size=24))
def test_strip_and_email_agree_with_python(value: str) -> None:
    connection = duckdb.connect()
    for statement in SQL_MACROS:
        connection.execute(statement)
    found = connection.execute("SELECT gk_strip(?), gk_is_email(?)", [value, value]).fetchone()
    email = next(d for d in DETECTORS if d.kind == "email")
    assert found == (value.strip(), email.matches(value))


CONTACTS_SCHEMA = """\
fields:
  - {name: case_id, type: integer}
  - {name: district, type: integer}
  - {name: contact, type: string}
  - {name: owner_national_id, type: string, sensitivity: personal, redaction: drop}
  - {name: office_phone, type: string, sensitivity: none, sensitivity_reason: the office's line}
  - {name: company_id, type: string, sensitivity: none, sensitivity_reason: companies' IDs}
  - {name: note, type: string, sensitivity: none, sensitivity_reason: free text}
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


@pytest.fixture(params=["python", "engine"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Small CSVs are counted in Python, larger ones by the engine: both must agree."""
    if request.param == "engine":
        monkeypatch.setattr(scan_module, "SMALL_CSV", -1)
    return str(request.param)


@pytest.mark.usefixtures("reader")
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
        "non-empty values are mobile numbers; detector: mobile) but is not tagged personal: "
        "tag the field `sensitivity: personal` with a `redaction` in "
        "schemas/contacts.schema.yaml; these values always identify a person, so "
        "`sensitivity: none` does not settle them"
    )
    assert "national IDs" in note  # `sensitivity: none` does not outweigh national IDs
    assert "declare the column in the resource's Table Schema" in unlisted
    report = api.check(catalog, scan=True, select=["GK301"])
    header = report.findings[0].location  # the undeclared column's header cell, the 8th
    assert (header.path, header.line, header.column) == (
        "catalog/finance/contacts/contacts.csv",
        1,
        8,
    )
    where = report.findings[1].location
    assert (where.path, where.line, where.pointer) == (
        "schemas/contacts.schema.yaml",
        4,
        "/fields/2",
    )


def test_scan_reads_only_publishable_resources(catalog: Path) -> None:
    contacts_catalog(catalog, level="confidential")
    assert scan_findings(catalog) == []


def test_a_parquet_resource_is_scanned_too(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    contacts_catalog(catalog, data_format="parquet")
    folder = catalog / "catalog/finance/contacts"
    (folder / "contacts.csv").rename(folder / "source.csv")
    copy = "COPY (SELECT * FROM read_csv('source.csv', all_varchar = true)) TO 'contacts.csv'"
    monkeypatch.chdir(folder)
    duckdb.sql(f"{copy} (FORMAT parquet)")
    (folder / "source.csv").unlink()
    assert (folder / "contacts.csv").read_bytes().startswith(b"PAR1")

    assert [(code, field) for code, field, _ in scan_findings(catalog)] == [
        ("GK301", None),
        ("GK301", "contact"),
        ("GK301", "note"),
    ]


def national_id(serial: int) -> str:
    digits = [int(d) for d in f"{serial:09d}"]
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    return f"{serial:09d}{remainder if remainder < 2 else 11 - remainder}"


@pytest.mark.usefixtures("reader")
def test_the_whole_column_is_counted_not_its_first_rows(catalog: Path) -> None:
    # 5,000 rows: the first 1,000 references are not IDs, the other 4,000 are national IDs.
    # The first 1,000 rows (or any bounded sample of the head) show nothing personal; the
    # whole column is exactly 80 % national IDs, the threshold.
    ids = [national_id(1_000_003 + 7 * n) for n in range(4_000)]
    assert all(map(is_national_id, ids))
    assert len(set(ids)) == 4_000
    rows = [f"{n},case-{n}" for n in range(1_000)] + [f"{1_000 + n},{i}" for n, i in enumerate(ids)]
    contacts_catalog(catalog)
    write(catalog, "schemas/contacts.schema.yaml", "fields:\n  - {name: n, type: integer}\n")
    write(catalog, "catalog/finance/contacts/contacts.csv", "n,reference\n" + "\n".join(rows))

    ((code, field, message),) = scan_findings(catalog)

    assert (code, field) == ("GK301", None)
    assert "column 'reference'" in message
    assert "(4000 of 5000 non-empty values are national IDs" in message
    assert detect(row.split(",")[1] for row in rows[:1_000]) is None


@pytest.mark.parametrize(
    ("data_format", "content", "problem"),
    [
        ("xlsx", "a,b\n1,2\n", "govkit cannot read the xlsx format"),
        ("parquet", CONTACTS, "not a readable parquet file"),
        ("csv", "name\n\udcff\n", "byte 0xff is not valid utf-8 (line 2, byte 5)"),
    ],
)
def test_scan_says_what_it_could_not_read(
    catalog: Path, data_format: str, content: str, problem: str
) -> None:
    contacts_catalog(catalog, data_format=data_format)
    path = catalog / "catalog/finance/contacts/contacts.csv"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))

    (finding,) = api.check(catalog, scan=True, select=["GK3"]).findings

    assert (finding.code, finding.severity.value) == ("GK302", "warning")
    assert finding.location.pointer == "/resources/0/path"
    assert finding.message.startswith(
        "catalog/finance/contacts/contacts.csv was not scanned for personal data: "
    )
    assert problem in finding.message


def test_without_scan_no_data_is_read(catalog: Path) -> None:
    contacts_catalog(catalog)
    assert api.check(catalog, scan=False, select=["GK3"]).findings == ()


def test_check_reads_the_values_by_default(catalog: Path) -> None:
    contacts_catalog(catalog)
    assert {f.code for f in api.check(catalog, select=["GK3"]).findings} == {"GK301"}
