"""What each level releases, and what it withholds and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govkit import api
from govkit.errors import GovkitError
from govkit.export.build import ExportResult
from tests.export.builders import (
    ENVIRON,
    config,
    csv,
    dataset,
    resource,
    small_catalog,
    write_catalog,
)


def dry_run(root: Path, level: str = "public", **options: Any) -> ExportResult:
    return api.export(
        root, level=level, out=root.parent / "out", dry_run=True, allow_dirty=True,
        environ=ENVIRON, **options,
    )  # fmt: skip


def codes(result: ExportResult, code: str) -> set[tuple[str | None, str | None, str | None]]:
    return {(f.dataset, f.resource, f.field) for f in result.report.findings if f.code == code}


def test_public_releases_public_resources_only(small: Path) -> None:
    result = dry_run(small)
    assert codes(result, "GK601") == {
        ("grants", "grants-1403", None),
        ("budget", "budget-1403", None),
    }
    assert codes(result, "GK603") == {("budget", "budget-notes", None)}
    assert codes(result, "GK602") == {("staff", None, None), ("plan", None, None)}
    assert not (small.parent / "out").exists(), "a dry run writes nothing"


def test_a_stricter_level_releases_more_but_never_classified(small: Path) -> None:
    internal = dry_run(small, "internal")
    assert ("budget", "budget-notes", None) in codes(internal, "GK601")
    assert ("staff", None, None) in codes(internal, "GK602")
    confidential = dry_run(small, "confidential")
    assert ("staff", "staff-1403", None) in codes(confidential, "GK601")
    [plan] = [f for f in confidential.report.findings if f.dataset == "plan"]
    assert "'classified' data is never exported" in plan.message


def test_personal_fields_need_a_redaction_at_public_levels_only(small: Path) -> None:
    assert ("grants", "grants-1403", "phone") in codes(dry_run(small), "GK604")
    assert ("grants", "grants-1403", "phone") not in codes(dry_run(small, "internal"), "GK604")


@pytest.mark.parametrize(
    ("level", "message"),
    [
        ("classified", "'classified' data is never exported"),
        ("secret", "unknown access level 'secret'; govkit.yaml declares public, restricted-public"),
    ],
)
def test_levels_that_cannot_be_released(small: Path, level: str, message: str) -> None:
    with pytest.raises(GovkitError, match=message):
        dry_run(small, level)


def exempt_catalog(root: Path, exemptions: list[dict[str, Any]], **fields: Any) -> Path:
    schema = {
        "fields": [
            {"name": "case_id", "type": "string"},
            {"name": "owner", "type": "string", **fields},
            {"name": "area", "type": "integer"},
        ]
    }
    entry = dataset(
        "permits",
        "public",
        [resource("permits", "permits-a"), resource("permits", "permits-b")],
        exemptions=exemptions,
    )
    data = csv(["case_id", "owner", "area"], [["P-1", "OWNER-1", "120"]])
    return write_catalog(
        root,
        [entry],
        {"permits-a": schema, "permits-b": schema},
        {"permits-a": data, "permits-b": data},
    )


def test_an_exemption_of_the_whole_dataset_withholds_it(tmp_path: Path) -> None:
    root = exempt_catalog(tmp_path / "c", [{"law": "ir-foi", "article": "16"}])
    result = dry_run(root)
    [withheld] = [f for f in result.report.findings if f.code == "GK602"]
    assert "an exemption (ir-foi art. 16) covers it whole" in withheld.message
    assert dry_run(root, "internal").report.summary()["error"] == 0
    assert ("permits", "permits-a", None) in codes(dry_run(root, "internal"), "GK601")


def test_an_exemption_of_a_resource_withholds_that_resource(tmp_path: Path) -> None:
    exemption = {"law": "ir-foi", "article": "14", "resources": ["permits-b"]}
    result = dry_run(exempt_catalog(tmp_path / "c", [exemption]))
    assert codes(result, "GK601") == {("permits", "permits-a", None)}
    assert codes(result, "GK603") == {("permits", "permits-b", None)}


def test_an_exempt_field_is_dropped_unless_a_redaction_applies_it(tmp_path: Path) -> None:
    exemption = {"law": "ir-foi", "article": "14", "fields": ["owner"], "resources": ["permits-a"]}
    result = dry_run(exempt_catalog(tmp_path / "a", [exemption]))
    [dropped] = [f for f in result.report.findings if f.code == "GK604"]
    assert (dropped.resource, dropped.field) == ("permits-a", "owner")
    assert dropped.citation is not None
    assert dropped.citation.article == "14"
    masked = dry_run(exempt_catalog(tmp_path / "b", [exemption], redaction="mask"))
    assert not codes(masked, "GK604")
    assert "owner masked" in next(f.message for f in masked.report.findings if f.code == "GK601")


def test_a_resource_with_every_field_withheld_is_withheld(tmp_path: Path) -> None:
    exemption = {"law": "ir-foi", "article": "14", "fields": ["case_id", "owner", "area"]}
    result = dry_run(exempt_catalog(tmp_path / "c", [exemption]))
    assert codes(result, "GK603") == {
        ("permits", "permits-a", None),
        ("permits", "permits-b", None),
    }
    assert any("every one of its fields" in f.message for f in result.report.findings)


def aggregate_catalog(root: Path) -> Path:
    schema = {"fields": [{"name": "plate", "type": "string", "redaction": "aggregate"}]}
    entry = dataset("traffic", "public", [resource("traffic", "traffic-1403")])
    data = csv(["plate"], [["PLATE-SECRET-1"]])
    return write_catalog(root, [entry], {"traffic-1403": schema}, {"traffic-1403": data})


def test_aggregate_is_refused_for_a_row_level_export(tmp_path: Path) -> None:
    root = aggregate_catalog(tmp_path / "c")
    result = api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    assert result.refused
    assert not result.written
    [refusal] = [f for f in result.report.findings if f.code == "GK606"]
    assert "row-level export cannot apply" in refusal.message
    assert refusal.location.path == "schemas/traffic-1403.schema.yaml"
    assert not (tmp_path / "out").exists()


def test_forcing_past_aggregate_still_withholds_the_resource(tmp_path: Path) -> None:
    root = aggregate_catalog(tmp_path / "c")
    result = api.export(
        root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON, force_reason="audit"
    )
    assert result.written
    release = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert b"PLATE-SECRET-1" not in release
    assert b"traffic-1403" not in release


def iso_catalog(root: Path, field: dict[str, Any]) -> Path:
    schema = {
        "fields": [{"name": "day", "type": "string", **field}, {"name": "n", "type": "integer"}]
    }
    entry = dataset("days", "public", [resource("days", "days-1403")])
    data = csv(["day", "n"], [["1403/01/01", "1"]])
    return write_catalog(root, [entry], {"days-1403": schema}, {"days-1403": data})


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ({"iso_date": "day_iso"}, "needs `calendar: jalali`"),
        ({"iso_date": "n", "calendar": "jalali"}, "'n' is already the name of a field"),
    ],
)
def test_an_iso_date_column_that_cannot_be_added(
    tmp_path: Path, field: dict[str, Any], problem: str
) -> None:
    result = dry_run(iso_catalog(tmp_path / "c", field))
    [finding] = [f for f in result.report.findings if f.code == "GK608"]
    assert problem in finding.message
    assert result.refused


def test_the_export_level_defaults_to_govkit_yaml(tmp_path: Path) -> None:
    root = small_catalog(tmp_path / "c", level="internal", out="release/internal")
    result = api.export(root, allow_dirty=True, environ=ENVIRON)
    assert result.release.level == "internal"
    assert result.out == root / "release/internal"
    manifest = json.loads((root / "release/internal/manifest.json").read_text())
    assert manifest["release"]["level"] == "internal"


def test_unknown_portal_formats_are_refused(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "c", [], {}, {}, config(formats=["data.json", "rdf"]))
    with pytest.raises(GovkitError, match=r"govkit.yaml:\d+:\d+: .*'rdf'"):
        dry_run(root)


def test_a_repeated_resource_name_is_released_once(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "n", "type": "integer"}]}
    entry = dataset("twice", "public", [resource("twice", "part"), resource("twice", "part")])
    root = write_catalog(tmp_path / "c", [entry], {"part": schema}, {"part": csv(["n"], [["1"]])})
    refused = dry_run(root)
    assert refused.refused, "the repeated name is a lint error about a released dataset"
    forced = dry_run(root, force_reason="one file is enough")
    assert codes(forced, "GK601") == {("twice", "part", None)}
    [repeat] = [f for f in forced.report.findings if f.code == "GK603"]
    assert "another resource of 'twice' has the name 'part'" in repeat.message


def officials_catalog(root: Path, sensitivity: str) -> Path:
    field = {"name": "traveller", "type": "string", "subject_role": "official"}
    schema = {"fields": [{**field, "sensitivity": sensitivity}, {"name": "post", "type": "string"}]}
    entry = dataset("trips", "public", [resource("trips", "trips-1403")])
    data = csv(["traveller", "post"], [["Sara Ahmadi", "Deputy Mayor"]])
    return write_catalog(root, [entry], {"trips-1403": schema}, {"trips-1403": data})


def test_an_officials_name_tagged_personal_is_withheld_with_the_way_to_publish_it(
    tmp_path: Path,
) -> None:
    [withheld] = [
        f
        for f in dry_run(officials_catalog(tmp_path / "c", "personal")).report.findings
        if f.code == "GK604"
    ]
    assert withheld.field == "traveller"
    assert "tag it `sensitivity: none` and keep `subject_role: official`" in withheld.message


def test_an_officials_name_not_tagged_personal_is_published(tmp_path: Path) -> None:
    root = officials_catalog(tmp_path / "c", "none")
    api.export(root, out=tmp_path / "out", allow_dirty=True, environ=ENVIRON)
    released = (tmp_path / "out/datasets/trips/data/trips-1403.csv").read_text()
    assert released == "traveller,post\nSara Ahmadi,Deputy Mayor\n"
