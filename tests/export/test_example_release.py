"""The example catalog's public release: valid packages, portal metadata, zips, manifest, and
the same bytes every time for the same commit."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from govkit import api, frictionless_safe
from govkit.export.build import ExportResult
from tests.export.builders import ENVIRON, EPOCH
from tests.export.conftest import EXAMPLE_ROOT, TODAY, isolated

POD_REQUIRED = (
    "title",
    "description",
    "keyword",
    "modified",
    "publisher",
    "contactPoint",
    "identifier",
    "accessLevel",
)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_release_is_written_without_errors(example_release: ExportResult) -> None:
    assert example_release.written
    assert example_release.report.summary()["error"] == 0
    released = {f.dataset for f in example_release.report.findings if f.code == "GK601"}
    assert {"contracts", "budget-execution", "staff-directory"} <= released


def test_every_datapackage_passes_frictionless_validate(example_release: ExportResult) -> None:
    frictionless = frictionless_safe.load()
    packages = sorted(example_release.out.glob("datasets/*/datapackage.json"))
    assert len(packages) >= 15
    for package in packages:
        report = frictionless.validate(str(package))
        assert report.valid, (package, report.flatten(["type", "note"])[:5])


def test_datapackages_carry_the_metadata(example_release: ExportResult) -> None:
    package = read_json(example_release.out / "datasets/contracts/datapackage.json")
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["title"] == "قراردادهای شهرداری"  # the first language is plain
    assert package["_govkit"]["title"] == {"fa": "قراردادهای شهرداری", "en": "Municipal contracts"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["created"] == "2023-11-14T22:13:20Z"
    assert package["version"] == package["_govkit"]["release"]["commit"][:12]
    roles = [c["roles"] for c in package["contributors"]]
    assert ["ContactPerson", "DataCurator"] in roles
    resource = package["resources"][0]
    data = example_release.out / "datasets/contracts" / resource["path"]
    assert resource["bytes"] == data.stat().st_size
    assert resource["hash"] == "sha256:" + hashlib.sha256(data.read_bytes()).hexdigest()


def test_redactions_of_the_example_are_applied(example_release: ExportResult) -> None:
    contracts = (example_release.out / "datasets/contracts/data/contracts-1405.csv").read_text()
    header = contracts.splitlines()[0].split(",")
    assert "counterparty_national_id" not in header
    released = list(csv.DictReader(io.StringIO(contracts)))
    source = (EXAMPLE_ROOT / "catalog/procurement/contracts/contracts-1405.csv").read_text()
    originals = list(csv.DictReader(io.StringIO(source)))
    assert len(released) == len(originals) > 0
    # `keep_where`: legal persons' names are published (art. 5), natural persons' masked.
    for row, original in zip(released, originals, strict=True):
        if original["counterparty_type"] == "legal-person":
            assert row["counterparty_name"] == original["counterparty_name"]
        else:
            assert row["counterparty_name"] == "***"
    assert {"legal-person", "natural-person"} <= {o["counterparty_type"] for o in originals}
    package = read_json(example_release.out / "datasets/contracts/datapackage.json")
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert "counterparty_national_id" not in fields
    assert fields["counterparty_name"]["type"] == "string"
    assert fields["counterparty_legal_id"]["format"] == "default"
    assert fields["counterparty_legal_id"]["_govkit"] == {"format": "ir-legal-id"}


def test_nothing_withheld_is_in_the_release(example_release: ExportResult) -> None:
    everything = b"".join(files_of(example_release.out).values())
    for withheld in (
        b"critical-infrastructure-security-plan",
        b"staff-register",
        b"enforcement-cameras",
        b"complaints-137-1405-contacts",
        b"tender-bids-1405",
        b"budget-proposal-1406",
        b"0076427854",  # a contractor's national ID in the source data
    ):
        assert withheld not in everything, withheld


def test_data_json_has_the_pod_required_fields(example_release: ExportResult) -> None:
    catalog = read_json(example_release.out / "data.json")
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert catalog["dataset"]
    for dataset in catalog["dataset"]:
        missing = [key for key in POD_REQUIRED if not dataset.get(key)]
        assert not missing, (dataset["identifier"], missing)
        assert isinstance(dataset["keyword"], list)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dataset["modified"])
        assert dataset["publisher"]["name"]
        assert dataset["contactPoint"]["fn"]
        assert dataset["contactPoint"]["hasEmail"].startswith("mailto:")
        assert dataset["accessLevel"] in ("public", "restricted public", "non-public")
        if dataset["accessLevel"] != "public":
            assert dataset["rights"]
        for distribution in dataset["distribution"]:
            assert distribution["downloadURL"].startswith("https://opendata.example.org/")
            assert re.fullmatch(r"[\w.+-]+/[\w.+-]+", distribution["mediaType"])


def test_dcat_ap_has_its_mandatory_properties_and_checksums(example_release: ExportResult) -> None:
    catalog = read_json(example_release.out / "dcat.jsonld")
    for key in ("dct:title", "dct:description", "dct:publisher", "dcat:dataset"):
        assert catalog[key], key
    for dataset in catalog["dcat:dataset"]:
        for key in ("dct:title", "dct:description", "dct:accessRights"):
            assert dataset[key], key
        assert dataset["dct:accessRights"]["@id"].endswith("/PUBLIC")
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:accessURL"]["@id"]
            relative = url.removeprefix("https://opendata.example.org/")
            data = (example_release.out / relative).read_bytes()
            checksum = distribution["spdx:checksum"]["spdx:checksumValue"]["@value"]
            assert checksum == hashlib.sha256(data).hexdigest()
    contracts = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "contracts")
    assert contracts["dcatap:applicableLegislation"][0]["dct:identifier"] == "ir-foi art. 10"
    assert contracts["dct:accrualPeriodicity"]["@id"].endswith("/MONTHLY")


def test_ckan_payloads_match_the_packages(example_release: ExportResult) -> None:
    payloads = sorted(example_release.out.glob("ckan/*.json"))
    packages = sorted(example_release.out.glob("datasets/*/datapackage.json"))
    assert [p.stem for p in payloads] == [p.parent.name for p in packages]
    payload = read_json(example_release.out / "ckan/contracts.json")
    assert payload["name"] == "contracts"
    assert payload["resources"][0]["url"].endswith("/datasets/contracts/data/contracts-1405.csv")
    assert payload["private"] is False


def test_the_manifest_lists_every_file_with_its_sha256(example_release: ExportResult) -> None:
    manifest = read_json(example_release.out / "manifest.json")
    files = files_of(example_release.out)
    del files["manifest.json"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files)
    for path, content in files.items():
        assert listed[path]["sha256"] == hashlib.sha256(content).hexdigest()
        assert listed[path]["bytes"] == len(content)
    assert manifest["release"]["level"] == "public"


def test_zips_hold_the_loose_files_sorted_with_fixed_attributes(
    example_release: ExportResult,
) -> None:
    out = example_release.out
    with zipfile.ZipFile(out / "catalog.zip") as bundle:
        assert bundle.testzip() is None
        names = bundle.namelist()
        assert names == sorted(names)
        loose = files_of(out)
        for info in bundle.infolist():
            assert bundle.read(info) == loose[info.filename]
            assert info.external_attr >> 16 == 0o100644
            assert info.extra == b""
            assert info.date_time == (2023, 11, 14, 22, 13, 20)
    with zipfile.ZipFile(out / "datasets/contracts.zip") as package:
        assert package.namelist() == [
            "contracts/data/contracts-1405.csv",
            "contracts/datapackage.json",
        ]


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs the unzip tool")
def test_unzip_accepts_the_zips(example_release: ExportResult) -> None:
    for archive in (
        example_release.out / "catalog.zip",
        example_release.out / "datasets/parks.zip",
    ):
        done = subprocess.run(["unzip", "-tq", str(archive)], capture_output=True, check=False)
        assert done.returncode == 0, done.stdout


def test_the_same_commit_gives_the_same_bytes(
    example_repo: Path, example_release: ExportResult, tmp_path: Path
) -> None:
    patch = isolated(example_repo.parent)
    try:
        again = api.export(example_repo, out=tmp_path / "again", environ=ENVIRON, today=TODAY)
        by_ref = api.export(
            example_repo, out=tmp_path / "ref", ref="HEAD", environ=ENVIRON, today=TODAY
        )
    finally:
        patch.undo()
    first = files_of(example_release.out)
    assert files_of(again.out) == first
    assert files_of(by_ref.out) == first


def test_without_source_date_epoch_the_commit_time_is_used(
    example_repo: Path, tmp_path: Path
) -> None:
    patch = isolated(example_repo.parent)
    try:
        result = api.export(
            example_repo,
            out=tmp_path / "out",
            environ={"GOVKIT_HASH_KEY": ENVIRON["GOVKIT_HASH_KEY"]},
            today=TODAY,
        )
    finally:
        patch.undo()
    assert result.release.created == "2025-01-01T06:30:00Z"  # 10:00 at +03:30
    assert EPOCH not in (result.out / "manifest.json").read_text()
