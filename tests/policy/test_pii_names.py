"""Person names: by header words, by value (the bundled list, in Python and in SQL), the
steward's `sensitivity_reason`, and `scan_resources` over what a release holds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit import api, validation
from govkit.catalog.loader import Catalog, load_catalog
from govkit.catalog.tree import FileTree
from govkit.engine.iranian import install_macros, normalize_letters
from govkit.engine.validate import validate_table
from govkit.pii import scan as scan_module
from govkit.pii.detectors import (
    NAME_SEPARATORS,
    NAME_THRESHOLD,
    NAMES,
    NOT_NAMES,
    SQL_MACROS,
    detect,
    is_person_name,
)
from govkit.pii.scan import Counted, scan_resources
from tests.policy import name_columns
from tests.policy.packs import write
from tests.policy.test_pii import contacts_catalog


def test_the_list_is_written_as_it_is_matched() -> None:
    assert len(NAMES) > 300
    for word in NAMES | NOT_NAMES:
        assert word == normalize_letters(word).lower(), word
        assert not set(word) & set(NAME_SEPARATORS), word
    assert not NAMES & NOT_NAMES


def test_the_generated_people_include_names_the_list_does_not_know() -> None:
    unlisted = name_columns.GIVEN_UNLISTED + name_columns.SURNAMES_UNLISTED
    assert NAMES.isdisjoint(unlisted)
    assert set(name_columns.GIVEN_LISTED + name_columns.SURNAMES_LISTED) <= NAMES


@pytest.mark.parametrize(
    "value",
    [
        "علی رضایی",
        "سید محمد‌حسین موسوی",  # a zero-width non-joiner inside a compound
        "فاطمه كريمي",  # Arabic Kaf and Yeh
        "ZAHRA Ahmadi",
        "Mary Johnson",
        "رضایی، علی",
        "کاوه احمدی",  # an unlisted given name, a listed surname
    ],
)
def test_a_persons_name(value: str) -> None:
    assert is_person_name(value)


@pytest.mark.parametrize(
    "value",
    [
        "خیابان شهید بهشتی",
        "تقاطع شریعتی و مطهری",
        "شرکت کریمی و شرکا",
        "Karimi Trading Co.",
        "بوستان شهید چمران",
        "یوسف آباد",
        "sara.ahmadi@example.org",
        "علی 12",
        "اینجانب علی رضایی درخواست رسیدگی دارم",  # too long for a name
        "کاوه رستگار",  # neither name is listed
        "alireza1",
        "",
    ],
)
def test_not_a_persons_name(value: str) -> None:
    assert not is_person_name(value)


_NAME_ALPHABET = st.sampled_from(
    [
        *(" ", "\u200c", ".", "-", "،", "@", "1", "۱", "\t", "ي", "ك", "A", "Z", "x"),
        *("علی", "رضایی", "ali", "Ali", "ALI", "خیابان", "park", "ا", "ی", "PARK"),
        *("\u017f", "\u0130", "\u212a", "\xdf", "\u200d", "hassan", "KIAN", "ki"),  # case folding
    ]
)


_SHARED: list[duckdb.DuckDBPyConnection] = []


def shared_connection() -> duckdb.DuckDBPyConnection:
    """One connection for every example: compiling the name macro's expressions once."""
    if not _SHARED:
        connection = duckdb.connect()
        install_macros(connection)
        for statement in SQL_MACROS:
            connection.execute(statement)
        _SHARED.append(connection)
    return _SHARED[0]


@settings(deadline=None)  # the first example compiles the expressions
@given(st.lists(_NAME_ALPHABET, max_size=12).map("".join))
def test_the_sql_twin_agrees(value: str) -> None:
    row = shared_connection().execute("SELECT gk_is_person_name(?)", [value]).fetchone()
    assert row == (is_person_name(value),)


def test_the_threshold_is_between_people_and_things() -> None:
    for seed in range(1, 6):
        for kind, values in name_columns.generated_columns(seed, 400).items():
            person, _ = name_columns.KINDS[kind]
            assert (name_columns.share(values) >= NAME_THRESHOLD) is person, (seed, kind)


def test_the_example_catalogs_name_columns_are_found_and_nothing_else() -> None:
    verdicts = {}
    for path, label, values in name_columns.catalog_columns(name_columns.ROOT):
        detection = detect(values)
        verdicts[f"{path}:{label}"] = detection is not None and (
            detection.detector.kind == "person-name"
        )
        if label in name_columns.PERSON_NAME_FIELDS:
            assert verdicts[f"{path}:{label}"], (path, label)
        elif label not in name_columns.MIXED_FIELDS:
            assert not verdicts[f"{path}:{label}"], (path, label)
    assert sum(verdicts.values()) == 8  # 7 person-name columns, and taxpayer_name


GENERATED_SCHEMA_HEAD = "fields:\n"


def generated_catalog(root: Path, seed: int = 7, rows: int = 200) -> list[str]:
    """The generated columns as one public CSV under neutral headers; the person columns'."""
    columns = name_columns.generated_columns(seed, rows)
    headers = [f"c{i:02d}" for i in range(len(columns))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(zip(*columns.values(), strict=True))
    contacts_catalog(root)
    fields = "".join(f"  - {{name: {h}, type: string}}\n" for h in headers)
    write(root, "schemas/contacts.schema.yaml", GENERATED_SCHEMA_HEAD + fields)
    (root / "catalog/finance/contacts/contacts.csv").write_text(out.getvalue(), encoding="utf-8")
    kinds = list(columns)
    return [h for h, kind in zip(headers, kinds, strict=True) if name_columns.KINDS[kind][0]]


@pytest.mark.parametrize("reader", ["python", "engine"])
def test_the_scan_finds_the_generated_person_columns(
    catalog: Path, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reader == "engine":
        monkeypatch.setattr(scan_module, "SMALL_CSV", -1)
    people = generated_catalog(catalog)

    findings = api.check(catalog, scan=True, select=["GK301"]).findings

    assert sorted(f.field or "" for f in findings) == people
    first = findings[0].message
    assert first.startswith(
        f"column '{findings[0].field}' of catalog/finance/contacts/contacts.csv"
    )
    assert "non-empty values are person names; detector: person-name)" in first
    assert "`sensitivity: none` with a `sensitivity_reason` saying why" in first


NAMES_SCHEMA = """\
fields:
  - {name: applicant_name, type: string}
  - {name: park_name, type: string}
  - {name: applicant_national_id, type: string}
  - {name: contractor, type: string}
  - {name: keeper, type: string, sensitivity: none}
  - {name: ref, type: string, sensitivity: none, sensitivity_reason: the parks' own codes}
"""
NAMES_DATA = """\
applicant_name,park_name,applicant_national_id,contractor,keeper,ref
علی رضایی,بوستان لاله,-,مریم احمدی,زهرا کریمی,0076229645
مریم احمدی,بوستان ملت,-,حسین موسوی,علی رضایی,1583250689
حسین موسوی,بوستان نیاوران,-,فاطمه جعفری,مهدی صادقی,0018465986
"""


def names_catalog(root: Path) -> Catalog:
    contacts_catalog(root)
    write(root, "schemas/contacts.schema.yaml", NAMES_SCHEMA)
    write(root, "catalog/finance/contacts/contacts.csv", NAMES_DATA)
    catalog, findings = load_catalog(FileTree(root))
    assert findings == []
    return catalog


def fields_of(findings: list[object]) -> list[str | None]:
    return [getattr(f, "field", None) for f in findings]


def test_the_scan_judges_names_headers_and_the_stewards_reason(catalog: Path) -> None:
    names_catalog(catalog)

    findings = api.check(catalog, scan=True, select=["GK301"]).findings

    by_field = {f.field: f.message for f in findings}
    assert sorted(by_field) == [
        "applicant_name",  # header word, and values
        "applicant_national_id",  # header word
        "contractor",  # values: 3 of 3 are person names
        "keeper",  # `sensitivity: none` without a reason does not settle names
        "ref",  # a reason never settles national IDs
    ]
    assert (
        "(3 of 3 non-empty values are person names; detector: person-name)"
        in (by_field["contractor"])
    )
    assert (
        "its header names personal data ('national id'; detector: header words)"
        in (by_field["applicant_national_id"])
    )
    assert "always identify a person, so `sensitivity: none` does not settle" in by_field["ref"]


def test_a_reason_settles_names_and_header_words(catalog: Path) -> None:
    names_catalog(catalog)
    reason = "sensitivity: none, sensitivity_reason: the park keepers' office"
    schema = NAMES_SCHEMA.replace("sensitivity: none}", reason + "}")
    schema = schema.replace(
        "{name: applicant_national_id, type: string}",
        "{name: applicant_national_id, type: string, " + reason + "}",
    )
    write(catalog, "schemas/contacts.schema.yaml", schema)

    findings = api.check(catalog, scan=True, select=["GK301"]).findings

    assert sorted(f.field or "" for f in findings) == ["applicant_name", "contractor", "ref"]


def test_an_empty_reason_is_a_schema_error(catalog: Path) -> None:
    names_catalog(catalog)
    schema = NAMES_SCHEMA.replace(
        "sensitivity_reason: the parks' own codes", "sensitivity_reason: ''"
    )
    write(catalog, "schemas/contacts.schema.yaml", schema)

    findings = api.check(catalog, select=["GK108"]).findings

    assert [(f.code, f.location.pointer) for f in findings] == [
        ("GK108", "/fields/5/sensitivity_reason")
    ]


def test_headers_alone_open_no_data_file(catalog: Path) -> None:
    catalog_model = names_catalog(catalog)
    # Bytes that no reader could load: the header pass must not open the file.
    (catalog / "catalog/finance/contacts/contacts.csv").write_bytes(b"\xff\xfe\x00garbage")
    entry = next(e for e in catalog_model.datasets if e.model.id == "contacts")

    findings = scan_resources(catalog_model, [(entry, 0, None)], values=False)

    assert sorted(fields_of(findings)) == ["applicant_name", "applicant_national_id"]
    assert {f.code for f in findings} == {"GK301"}


def test_withheld_and_redacted_fields_are_not_judged(catalog: Path) -> None:
    catalog_model = names_catalog(catalog)
    entry = next(e for e in catalog_model.datasets if e.model.id == "contacts")
    released = frozenset({"park_name", "contractor", "ref"})

    with_values = scan_resources(catalog_model, [(entry, 0, released)], values=True)
    headers_only = scan_resources(catalog_model, [(entry, 0, released)], values=False)

    assert sorted(fields_of(with_values)) == ["contractor", "ref"]
    assert headers_only == []
    assert scan_resources(catalog_model, [], values=True) == []


def large_names_catalog(root: Path) -> Catalog:
    """The names catalog with a data file above the size the scan counts in Python."""
    catalog = names_catalog(root)
    header, *rows = NAMES_DATA.splitlines(keepends=True)
    copies = scan_module.SMALL_CSV // len("".join(rows).encode()) + 1
    write(root, "catalog/finance/contacts/contacts.csv", header + "".join(rows) * copies)
    return catalog


def test_validation_counts_the_values_so_the_scan_reads_no_file_again(catalog: Path) -> None:
    catalog_model = large_names_catalog(catalog)
    entry = next(e for e in catalog_model.datasets if e.model.id == "contacts")
    released = [(entry, 0, None)]
    expected = scan_resources(catalog_model, released, values=True)
    jobs = validation.catalog_jobs(catalog_model, catalog, [])
    job, _ = jobs["contacts/contacts"]
    counted = Counted(catalog_model, released)
    survey = counted.survey("contacts/contacts")
    assert survey is not None
    assert counted.survey("contacts/other") is None

    validate_table(job.table, survey=survey)
    # Bytes no reader could load: the findings can only come from validation's counts.
    (catalog / "catalog/finance/contacts/contacts.csv").write_bytes(b"\xff\xfe\x00garbage")
    found = scan_resources(catalog_model, released, values=True, counted=counted)

    assert sorted(fields_of(found)) == sorted(fields_of(expected))
    assert [f.message for f in found] == [f.message for f in expected]
    assert "contractor" in fields_of(found)


def test_a_release_judgment_counts_the_values_where_validation_reads_them(
    catalog: Path,
) -> None:
    large_names_catalog(catalog)

    before = api.check(catalog, scan=True, select=["GK301"]).findings
    with_data = api.check(catalog, level="public", select=["GK301"]).findings

    assert [f.message for f in with_data] == [f.message for f in before]
    assert "contractor" in fields_of(with_data)
