"""Field treatments: mask, keyed hash, drop, normalisations, ISO dates, formula cells, and the
released Table Schema that describes them."""

from __future__ import annotations

import csv as csv_module
import datetime as dt
import hashlib
import hmac
import io
import json
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

from govkit import api
from govkit.engine import iranian
from govkit.errors import GovkitError
from govkit.export.redaction import HashKey, jalali_macro
from tests.export.builders import ENVIRON, HASH_KEY, csv, dataset, resource, write_catalog


def release(root: Path, **options: Any) -> Path:
    environ = options.pop("environ", ENVIRON)
    out = root.parent / "out"
    api.export(root, out=out, allow_dirty=True, environ=environ, **options)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv_module.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def grants(out: Path) -> list[dict[str, str]]:
    return rows(out / "datasets/grants/data/grants-1403.csv")


def schema_fields(out: Path, package: str = "grants") -> dict[str, dict[str, Any]]:
    described = json.loads((out / f"datasets/{package}/datapackage.json").read_text())
    return {f["name"]: f for f in described["resources"][0]["schema"]["fields"]}


def test_mask_hides_every_non_empty_value_and_keeps_empty_ones(small: Path) -> None:
    released = grants(release(small))
    # `-` is a missing value of the schema, but a list of missing values can hold anything
    # (a name), so only an empty cell is left as it is.
    assert [r["recipient"] for r in released] == ["***", "***", "***"]


def test_hash_is_hmac_sha256_with_the_key_from_the_environment(small: Path) -> None:
    released = grants(release(small))
    expected = hmac.new(HASH_KEY.encode(), b"0076229645", hashlib.sha256).hexdigest()
    assert released[0]["national_id"] == expected
    assert released[2]["national_id"] == hmac.new(HASH_KEY.encode(), b"-", "sha256").hexdigest()


def test_the_key_is_written_nowhere(small: Path) -> None:
    out = release(small)
    key = HASH_KEY.encode()
    pads = HashKey.of(key)
    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key not in content
            assert pads.inner not in content
            assert pads.outer not in content


def test_hmac_pads_follow_rfc_2104_for_long_keys() -> None:
    key = b"k" * 100
    pads = HashKey.of(key)
    connection = duckdb.connect()
    found = connection.execute(
        "SELECT sha256($gk_outer || unhex(sha256($gk_inner || encode('x'))))", pads.parameters
    ).fetchone()
    assert found == (hmac.new(key, b"x", hashlib.sha256).hexdigest(),)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"SOURCE_DATE_EPOCH": "1700000000"},
            "grants/grants-1403.national_id is hashed on export, and GOVKIT_HASH_KEY is not set",
        ),
        ({"GOVKIT_HASH_KEY": "short"}, "GOVKIT_HASH_KEY is shorter than 16 bytes"),
    ],
)
def test_a_hashed_field_needs_a_usable_key(
    small: Path, environ: dict[str, str], message: str
) -> None:
    with pytest.raises(GovkitError) as raised:
        release(small, environ=environ)
    assert message in str(raised.value)
    assert not (small.parent / "out").exists()


def test_dropped_and_unredacted_personal_fields_are_gone(small: Path) -> None:
    out = release(small)
    header = list(grants(out)[0])
    assert header == [
        "grant_id",
        "recipient",
        "national_id",
        "amount",
        "granted",
        "granted_iso",
        "note",
        "city",
    ]
    fields = schema_fields(out)
    assert "internal_code" not in fields
    assert "phone" not in fields


def test_normalisations_apply_by_field_type(small: Path) -> None:
    released = grants(release(small))
    assert released[0]["amount"] == "1200"  # Persian digits in an integer field
    assert [r["city"] for r in released] == ["کرج", "تهران", "شیراز"]  # Persian Kaf and Yeh


def test_normalisations_can_be_turned_off(tmp_path: Path) -> None:
    from tests.export.builders import small_catalog  # noqa: PLC0415

    root = small_catalog(tmp_path / "c", normalize=[])
    released = grants(release(root))
    assert released[0]["amount"] == "۱۲۰۰"
    assert released[0]["city"] == "كرج"


def test_an_iso_date_column_follows_a_jalali_field(small: Path) -> None:
    out = release(small)
    assert [r["granted_iso"] for r in grants(out)] == ["2025-03-20", "2025-03-21", ""]
    fields = schema_fields(out)
    assert fields["granted_iso"]["type"] == "date"


def test_the_iso_macro_agrees_with_the_python_calendar() -> None:
    connection = duckdb.connect()
    iranian.install_macros(connection)
    connection.execute(jalali_macro())
    generator = random.Random(1405)  # noqa: S311 - reproducible test dates, not secrets
    days = [
        dt.date(1990, 1, 1) + dt.timedelta(days=generator.randrange(40_000)) for _ in range(500)
    ]
    written = []
    for day in days:
        year, month, date = iranian.gregorian_to_jalali(day)
        written.append(f"{year:04}/{month:02}/{date:02}")
    written[0] = iranian.normalize_digits(written[0]).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    found = connection.execute(
        "SELECT gk_jalali_iso(s) FROM unnest(?) AS t(s)", [written]
    ).fetchall()
    assert [row[0] for row in found] == [day.isoformat() for day in days]
    invalid = connection.execute(
        "SELECT gk_jalali_iso(s) FROM unnest(['1404/12/30', '1403/13/01', 'x', '', NULL]) t(s)"
    ).fetchall()
    assert invalid == [(None,)] * 5


def formula_catalog(root: Path) -> Path:
    schema = {
        "fields": [
            {"name": "label", "type": "string"},
            {"name": "delta", "type": "integer"},
        ]
    }
    entry = dataset("sheet", "public", [resource("sheet", "sheet-1403")])
    data = csv(
        ["label", "delta"], [["=HYPERLINK(1)", "-5"], ["+1", "+7"], ["safe", "3"], ["-2", "-2"]]
    )
    return write_catalog(root, [entry], {"sheet-1403": schema}, {"sheet-1403": data})


def test_formula_cells_are_reported_in_text_fields_only(tmp_path: Path) -> None:
    root = formula_catalog(tmp_path / "c")
    result = api.export(root, out=tmp_path / "out", dry_run=True, allow_dirty=True, environ=ENVIRON)
    [finding] = [f for f in result.report.findings if f.code == "GK605"]
    assert (finding.field, finding.row) == ("label", 2)
    assert finding.message.startswith("3 cells of field 'label'")


def test_escape_formulas_neutralises_text_and_never_numbers(tmp_path: Path) -> None:
    out = release(formula_catalog(tmp_path / "c"), escape_formulas=True)
    released = rows(out / "datasets/sheet/data/sheet-1403.csv")
    assert [r["label"] for r in released] == ["'=HYPERLINK(1)", "'+1", "safe", "'-2"]
    assert [r["delta"] for r in released] == ["-5", "+7", "3", "-2"]


def test_redacted_fields_lose_constraints_that_would_not_hold(small: Path) -> None:
    fields = schema_fields(release(small))
    assert fields["recipient"] == {
        "name": "recipient",
        "type": "string",
        "sensitivity": "personal",
        "redaction": "mask",
    }
    assert "format" not in fields["national_id"]


def keyed_catalog(root: Path, redaction: str) -> Path:
    people = {
        "fields": [
            {
                "name": "person_id",
                "type": "string",
                "constraints": {"unique": True},
                "sensitivity": "personal",
                "redaction": redaction,
            },
            {"name": "district", "type": "integer"},
        ],
        "primaryKey": ["person_id"],
    }
    visits = {
        "fields": [{"name": "visit", "type": "string"}, {"name": "district", "type": "integer"}],
        "foreignKeys": [
            {
                "fields": ["district"],
                "reference": {"resource": "districts", "fields": ["district"]},
            },
            {"fields": ["visit"], "reference": {"resource": "people", "fields": ["person_id"]}},
        ],
    }
    districts = {"fields": [{"name": "district", "type": "integer"}], "primaryKey": ["district"]}
    entry = dataset(
        "care",
        "public",
        [resource("care", "people"), resource("care", "visits"), resource("care", "districts")],
    )
    data = {
        "people": csv(["person_id", "district"], [["A", "1"], ["B", "2"]]),
        "visits": csv(["visit", "district"], [["A", "1"]]),
        "districts": csv(["district"], [["1"], ["2"]]),
    }
    schemas = {"people": people, "visits": visits, "districts": districts}
    return write_catalog(root, [entry], schemas, data)


def package_schemas(out: Path) -> dict[str, dict[str, Any]]:
    described = json.loads((out / "datasets/care/datapackage.json").read_text())
    return {r["name"]: r["schema"] for r in described["resources"]}


def test_keys_follow_the_redactions(tmp_path: Path) -> None:
    hashed = package_schemas(release(keyed_catalog(tmp_path / "h", "hash")))
    assert hashed["people"]["primaryKey"] == ["person_id"]
    assert hashed["people"]["fields"][0]["constraints"] == {"unique": True}
    masked = package_schemas(release(keyed_catalog(tmp_path / "m", "mask")))
    assert "primaryKey" not in masked["people"]
    assert "constraints" not in masked["people"]["fields"][0]
    # The key into a released, unchanged field stays; the one into a redacted field goes.
    assert [fk["reference"]["resource"] for fk in masked["visits"]["foreignKeys"]] == ["districts"]


def parties_catalog(root: Path, keep_where: dict[str, Any], redaction: str = "mask") -> Path:
    schema = {
        "fields": [
            {
                "name": "party",
                "type": "string",
                "sensitivity": "personal",
                "redaction": redaction,
                "keep_where": keep_where,
            },
            {"name": "party_type", "type": "string"},
        ],
        "missingValues": ["", "-"],
    }
    entry = dataset("parties", "public", [resource("parties", "parties-1403")])
    data = csv(
        ["party", "party_type"],
        [
            ["Abrah Engineering Co.", "legal-person"],
            ["Hamid Maleki", "natural-person"],
            ["Sara Ahmadi", ""],
            ["-", "legal-person"],
            ["Parsian Roads Ltd", "Legal-Person"],
        ],
    )
    return write_catalog(root, [entry], {"parties-1403": schema}, {"parties-1403": data})


def parties(out: Path) -> list[str]:
    return [r["party"] for r in rows(out / "datasets/parties/data/parties-1403.csv")]


def test_keep_where_releases_legal_persons_and_masks_everyone_else(tmp_path: Path) -> None:
    keep = {"field": "party_type", "in": ["legal-person"]}
    released = parties(release(parties_catalog(tmp_path / "c", keep)))
    # Only an exact match keeps a value; a missing value stays missing.
    assert released == ["Abrah Engineering Co.", "***", "***", "-", "***"]


def test_keep_where_with_hash_hashes_the_rows_it_does_not_keep(tmp_path: Path) -> None:
    keep = {"field": "party_type", "in": ["legal-person", "Legal-Person"]}
    released = parties(release(parties_catalog(tmp_path / "c", keep, "hash")))
    expected = hmac.new(HASH_KEY.encode(), b"Hamid Maleki", hashlib.sha256).hexdigest()
    assert released == ["Abrah Engineering Co.", expected, released[2], "-", "Parsian Roads Ltd"]
    assert len(released[2]) == 64


def test_a_keep_where_that_names_no_field_refuses_the_release(tmp_path: Path) -> None:
    root = parties_catalog(tmp_path / "c", {"field": "party_kind", "in": ["legal-person"]})
    result = api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    assert result.refused
    [finding] = [f for f in result.report.findings if f.code == "GK610"]
    assert "names 'party_kind', which is not another field of the schema" in finding.message
    assert finding.location.path == "schemas/parties-1403.schema.yaml"
    assert not (tmp_path / "out").exists()


def test_keep_where_stays_out_of_the_released_schema(tmp_path: Path) -> None:
    keep = {"field": "party_type", "in": ["legal-person"]}
    fields = schema_fields(release(parties_catalog(tmp_path / "c", keep)), "parties")
    assert "keep_where" not in fields["party"]


@pytest.mark.parametrize("sensitivity", ["special", "commercial", "security"])
def test_keep_where_tells_only_personal_data_apart(tmp_path: Path, sensitivity: str) -> None:
    root = parties_catalog(tmp_path / "c", {"field": "party_type", "in": ["legal-person"]})
    schema = root / "schemas/parties-1403.schema.yaml"
    schema.write_text(schema.read_text().replace("personal", sensitivity))
    result = api.export(
        root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
    )
    [refusal] = [f for f in result.report.findings if f.code == "GK610"]
    assert f"would publish {sensitivity} data" in refusal.message
    assert parties(tmp_path / "out") == ["***"] * 5


def test_keep_where_never_opens_rows_an_exemption_covers(tmp_path: Path) -> None:
    root = parties_catalog(tmp_path / "c", {"field": "party_type", "in": ["legal-person"]})
    entry = root / "catalog/finance/parties.yaml"
    exemption = "exemptions:\n- {law: ir-foi, article: '13', fields: [party]}\n"
    entry.write_text(entry.read_text().replace("resources:", exemption + "resources:"))
    result = api.export(
        root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
    )
    [refusal] = [f for f in result.report.findings if f.code == "GK610"]
    assert "an exemption (ir-foi art. 13) covers" in refusal.message
    assert parties(tmp_path / "out") == ["***"] * 5


def test_keep_where_needs_a_condition_released_as_it_is(tmp_path: Path) -> None:
    """Which rows are masked would show a condition that is itself withheld."""
    root = parties_catalog(tmp_path / "c", {"field": "party_type", "in": ["legal-person"]})
    schema = root / "schemas/parties-1403.schema.yaml"
    text = schema.read_text().replace(
        "name: party_type\n", "name: party_type\n  sensitivity: special\n  redaction: drop\n"
    )
    schema.write_text(text)
    result = api.export(
        root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
    )
    [refusal] = [f for f in result.report.findings if f.code == "GK610"]
    assert "not another field of the schema released as it is" in refusal.message
    assert parties(tmp_path / "out") == ["***"] * 5


def test_an_iso_date_is_never_added_to_a_redacted_date(tmp_path: Path) -> None:
    field = {"calendar": "jalali", "iso_date": "day_iso", "redaction": "mask"}
    root = iso_dates_catalog(tmp_path / "c", field)
    result = api.export(
        root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
    )
    [refusal] = [f for f in result.report.findings if f.code == "GK608"]
    assert "is redacted (`redaction: mask`): the date would show" in refusal.message
    released = (tmp_path / "out/datasets/days/data/days-1403.csv").read_text()
    assert released == "day,n\n***,1\n"


def iso_dates_catalog(root: Path, field: dict[str, Any]) -> Path:
    schema = {
        "fields": [{"name": "day", "type": "string", **field}, {"name": "n", "type": "integer"}]
    }
    entry = dataset("days", "public", [resource("days", "days-1403")])
    data = csv(["day", "n"], [["1403/01/01", "1"]])
    return write_catalog(root, [entry], {"days-1403": schema}, {"days-1403": data})


def test_the_report_says_which_rows_keep_their_value(tmp_path: Path) -> None:
    root = parties_catalog(tmp_path / "c", {"field": "party_type", "in": ["legal-person"]})
    result = api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    [released] = [f for f in result.report.findings if f.code == "GK601"]
    assert "(party masked but where party_type is legal-person)" in released.message


def test_formula_findings_point_at_the_field_s_column(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "delta", "type": "integer"}, {"name": "label", "type": "string"}]}
    entry = dataset("sheet", "public", [resource("sheet", "sheet-1403")])
    data = csv(["delta", "label"], [["3", "safe"], ["-5", "=HYPERLINK(1)"]])
    root = write_catalog(tmp_path / "c", [entry], {"sheet-1403": schema}, {"sheet-1403": data})
    result = api.export(root, out=tmp_path / "out", dry_run=True, allow_dirty=True, environ=ENVIRON)
    [finding] = [f for f in result.report.findings if f.code == "GK605"]
    assert (finding.location.line, finding.location.column) == (3, 2)
