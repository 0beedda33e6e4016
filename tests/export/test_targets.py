"""The export targets' registry: every target a module, the config's allowed values and the
documentation taken from it, an unknown format refused by lint with its place in govkit.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from govkit import api
from govkit.catalog.jsonschemas import committed
from govkit.catalog.models import ExportSettings
from govkit.errors import InputError
from govkit.export import targets
from tests.export.builders import ENVIRON
from tests.export.test_portal import leases_catalog

DOCS = Path(__file__).parents[2] / "docs" / "export.md"


@pytest.mark.parametrize("name", targets.NAMES)
def test_every_target_is_a_module_with_files(name: str) -> None:
    assert callable(targets.load(name).files)


def test_the_config_allows_the_registry_s_names_and_defaults_to_all() -> None:
    items = committed("config")["$defs"]["ExportSettings"]["properties"]["formats"]["items"]
    assert [n for n in targets.NAMES if re.match(items["pattern"], n)] == list(targets.NAMES)
    assert not re.match(items["pattern"], "rdf")
    assert ExportSettings().formats == list(targets.NAMES)


def test_the_docs_table_is_the_registry() -> None:
    text = DOCS.read_text("utf-8")
    block = text.split("tests/export/test_targets.py -->\n", 1)[1].split("<!-- /targets -->")[0]
    assert block == targets.markdown()


def test_an_unknown_format_is_refused_at_its_place_in_govkit_yaml(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c", formats=["datapackage", "rdf"])
    with pytest.raises(InputError) as refused:
        api.lint(root)
    [problem] = refused.value.problems
    assert (problem.path, problem.line) == ("govkit.yaml", 14)
    assert "'rdf'" in problem.message
    assert "data\\.json|dcat|ckan" in problem.message


def test_only_the_packages_without_portal_formats_need_no_base_url(tmp_path: Path) -> None:
    root = leases_catalog(tmp_path / "c", formats=["datapackage"])
    settings = yaml.safe_load((root / "govkit.yaml").read_text("utf-8"))
    del settings["organisation"]["homepage"]
    (root / "govkit.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    api.export(root, level="restricted-public", out=out, allow_dirty=True, environ=ENVIRON)
    assert (out / "datasets/leases/datapackage.json").is_file()
    assert not (out / "data.json").exists()
