"""Portal metadata from small catalogs: POD data.json, DCAT-AP and CKAN at a restricted level,
links from `export.base_url`, and packages frictionless accepts with every redaction in them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govkit import api, frictionless_safe
from govkit.errors import GovkitError
from tests.export.builders import (
    ENVIRON,
    config,
    csv,
    dataset,
    resource,
    small_catalog,
    write_catalog,
)
from tests.export.test_example_release import POD_REQUIRED


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def leases_catalog(root: Path, **export: Any) -> Path:
    schema = {"fields": [{"name": "parcel", "type": "string"}, {"name": "rent", "type": "integer"}]}
    entry = dataset(
        "leases",
        "restricted-public",
        [resource("leases", "leases-1403")],
        exemptions=[{"law": "ir-foi", "article": "16", "fields": ["rent"]}],
        legal_basis={"law": "ir-foi", "article": "10"},
    )
    data = csv(["parcel", "rent"], [["P-1", "900"]])
    settings = config(**export)
    return write_catalog(root, [entry], {"leases-1403": schema}, {"leases-1403": data}, settings)


def test_a_restricted_release_explains_its_rights(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c", base_url="https://files.test.example/restricted/")
    out = tmp_path / "out"
    api.export(root, level="restricted-public", out=out, allow_dirty=True, environ=ENVIRON)
    [entry] = read_json(out / "data.json")["dataset"]
    assert not [key for key in POD_REQUIRED if not entry.get(key)]
    assert entry["accessLevel"] == "restricted public"
    rights = "Released at the 'restricted-public' access level under ir-foi art. 16."
    assert entry["rights"] == rights
    assert entry["distribution"][0]["downloadURL"] == (
        "https://files.test.example/restricted/datasets/leases/data/leases-1403.csv"
    )
    [node] = read_json(out / "dcat.jsonld")["dcat:dataset"]
    assert node["dct:accessRights"]["@id"].endswith("/access-right/RESTRICTED")
    payload = read_json(out / "ckan/leases.json")
    extras = {extra["key"]: extra["value"] for extra in payload["extras"]}
    assert extras["pod_access_level"] == "restricted public"
    assert extras["legal_basis"] == "ir-foi art. 10"
    header = (out / "datasets/leases/data/leases-1403.csv").read_text().splitlines()[0]
    assert header == "parcel", "the exempt field without a redaction is withheld"


def test_portal_files_follow_export_formats(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c", formats=["datapackage", "data.json"])
    out = tmp_path / "out"
    api.export(root, level="restricted-public", out=out, allow_dirty=True, environ=ENVIRON)
    assert (out / "data.json").is_file()
    assert not (out / "dcat.jsonld").exists()
    assert not (out / "ckan").exists()


def test_portal_links_need_a_base(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c")
    settings = (
        (root / "govkit.yaml").read_text().replace("  homepage: https://data.test.example/\n", "")
    )
    (root / "govkit.yaml").write_text(settings)
    with pytest.raises(GovkitError, match=r"set export\.base_url"):
        api.export(
            root, level="restricted-public", out=tmp_path / "o", allow_dirty=True, environ=ENVIRON
        )


def test_redacted_packages_pass_frictionless_validate(tmp_path: Path) -> None:
    root = small_catalog(tmp_path / "c")
    out = tmp_path / "out"
    api.export(root, out=out, allow_dirty=True, environ=ENVIRON)
    frictionless = frictionless_safe.load()
    for package in sorted(out.glob("datasets/*/datapackage.json")):
        report = frictionless.validate(str(package))
        assert report.valid, (package, report.flatten(["type", "note"])[:5])
