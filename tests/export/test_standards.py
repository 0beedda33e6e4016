"""The example catalog's release checked with the official definitions of each standard:
POD v1.1 (GSA's non-federal schema), Data Package v2 profiles, DCAT-AP 3.0.1 SHACL shapes and
CKAN's `package_create` rules (tests/standards/README.md says where each comes from)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govkit import api
from govkit.export.build import ExportResult
from govkit.export.targets.ckan import ckan_tag
from tests import standards
from tests.export.builders import ENVIRON, csv, dataset, resource, write_catalog
from tests.export.test_portal import leases_catalog
from tests.standards.ckan import package_problems

EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
HVD = "http://data.europa.eu/eli/reg_impl/2023/138/oj"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_data_json_is_valid_pod_1_1(example_release: ExportResult) -> None:
    catalog = read_json(example_release.out / "data.json")
    assert standards.pod_catalog(catalog) == []
    assert len(catalog["dataset"]) >= 15


def test_the_pod_check_rejects_a_catalog_without_its_context(
    example_release: ExportResult,
) -> None:
    catalog = read_json(example_release.out / "data.json")
    del catalog["@context"]
    assert standards.pod_catalog(catalog) == ["/: '@context' is a dependency of '@type'"]


def test_every_datapackage_is_valid_data_package_v2(example_release: ExportResult) -> None:
    packages = sorted(example_release.out.glob("datasets/*/datapackage.json"))
    assert len(packages) >= 15
    for package in packages:
        assert standards.datapackage(read_json(package)) == [], package


def test_dcat_jsonld_passes_the_dcat_ap_shapes(example_release: ExportResult) -> None:
    assert standards.dcat_ap((example_release.out / "dcat.jsonld").read_text("utf-8")) == []


def test_the_shapes_reject_a_language_outside_the_eu_table(
    example_release: ExportResult,
) -> None:
    document = read_json(example_release.out / "dcat.jsonld")
    document["dct:language"] = [{"@id": "http://id.loc.gov/vocabulary/iso639-1/fa"}]
    problems = standards.dcat_ap(json.dumps(document))
    assert any("language" in problem for problem in problems)


def test_dcat_languages_licences_and_standards_are_eu_terms(
    example_release: ExportResult,
) -> None:
    document = read_json(example_release.out / "dcat.jsonld")
    assert [lang["@id"] for lang in document["dct:language"]] == [
        EU_LANGUAGE + "FAS",
        EU_LANGUAGE + "ENG",
    ]
    distribution = document["dcat:dataset"][0]["dcat:distribution"][0]
    assert distribution["dct:license"] == {
        "@id": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
        "@type": "dct:LicenseDocument",
    }
    assert distribution["dct:conformsTo"]["@type"] == "dct:Standard"


def test_applicable_legislation_is_an_iri_described_in_the_catalog(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c", base_url="https://files.test.example/r/")
    out = tmp_path / "out"
    api.export(root, level="restricted-public", out=out, allow_dirty=True, environ=ENVIRON)
    text = (out / "dcat.jsonld").read_text("utf-8")
    assert standards.dcat_ap(text) == []
    [node] = json.loads(text)["dcat:dataset"]
    assert node["dcatap:applicableLegislation"] == [
        {
            "@id": "https://files.test.example/r/dcat.jsonld#legislation/ir-foi/10",
            "@type": "eli:LegalResource",
            "dct:identifier": "ir-foi art. 10",
        }
    ]
    assert standards.pod_catalog(read_json(out / "data.json")) == []
    assert package_problems(read_json(out / "ckan/leases.json")) == []


def test_every_ckan_payload_is_accepted(example_release: ExportResult) -> None:
    payloads = sorted(example_release.out.glob("ckan/*.json"))
    assert len(payloads) >= 15
    for payload in payloads:
        assert package_problems(read_json(payload)) == [], payload


def test_ckan_tags_lose_the_zwnj_and_keep_the_keywords_in_an_extra(
    example_release: ExportResult,
) -> None:
    payload = read_json(example_release.out / "ckan/council-roll-call-votes.json")
    assert {"name": "رأی گیری"} in payload["tags"]
    extras = {extra["key"]: extra["value"] for extra in payload["extras"]}
    assert "رأی\u200cگیری" in json.loads(extras["keywords"])
    assert payload["license_id"] == "cc-by"
    assert extras["license_spdx"] == "CC-BY-4.0"


@pytest.mark.parametrize(
    ("keyword", "tag"),
    [
        ("رأی\u200cگیری", "رأی گیری"),
        ("open data", "open data"),
        ("a/b, c", "a b c"),
        ("x", None),
        ("\u200c\u200c", None),
        ("k" * 120, "k" * 100),
    ],
)
def test_ckan_tag(keyword: str, tag: str | None) -> None:
    assert ckan_tag(keyword) == tag


def test_with_bureau_and_program_codes_data_json_meets_the_federal_schema(
    tmp_path: Path,
) -> None:
    federal = {"bureau_code": ["015:11"], "program_code": ["015:001"]}
    root = leases_catalog(tmp_path / "c", base_url="https://files.test.example/r/", **federal)
    out = tmp_path / "out"
    api.export(root, level="restricted-public", out=out, allow_dirty=True, environ=ENVIRON)
    catalog = read_json(out / "data.json")
    assert standards.pod_catalog(catalog, federal=True) == []
    [entry] = catalog["dataset"]
    assert (entry["bureauCode"], entry["programCode"]) == (["015:11"], ["015:001"])


def test_without_the_codes_the_federal_schema_asks_for_them(example_release: ExportResult) -> None:
    problems = standards.pod_catalog(read_json(example_release.out / "data.json"), federal=True)
    assert "/dataset/0: 'bureauCode' is a required property" in problems


def test_a_high_value_dataset_passes_the_hvd_shapes(tmp_path: Path) -> None:
    entry = dataset("census", "public", [resource("census", "census-1403")])
    entry["hvd_category"] = "statistics"
    schema = {"fields": [{"name": "district", "type": "integer"}]}
    root = write_catalog(
        tmp_path / "c",
        [entry],
        {"census-1403": schema},
        {"census-1403": csv(["district"], [["1"]])},
    )
    out = tmp_path / "out"
    api.export(root, out=out, allow_dirty=True, environ=ENVIRON)
    text = (out / "dcat.jsonld").read_text("utf-8")
    assert standards.dcat_ap(text, hvd=True) == []
    [node] = json.loads(text)["dcat:dataset"]
    assert node["dcatap:hvdCategory"]["@id"] == "http://data.europa.eu/bna/c_e1da4e07"
    assert {"@id": HVD, "@type": "eli:LegalResource"} in node["dcatap:applicableLegislation"]
    [distribution] = node["dcat:distribution"]
    assert distribution["dcatap:applicableLegislation"]["@id"] == HVD


def test_the_hvd_shapes_reject_a_dataset_without_its_category(
    example_release: ExportResult,
) -> None:
    problems = standards.dcat_ap((example_release.out / "dcat.jsonld").read_text("utf-8"), hvd=True)
    assert any("hvdCategory" in problem for problem in problems)
