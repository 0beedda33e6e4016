"""The bundled example catalog: its files follow the format, its data follows its schemas."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import frictionless
import pytest
import yaml

from govkit.catalog.models import Config, Dataset, TableSchema, Units

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalog"
SCHEMAS = ROOT / "schemas"
GENERATOR = CATALOG / "generate_data.py"
LEVELS = ("public", "restricted-public", "internal", "confidential", "classified")
GOVKIT_FIELD_KEYS = frozenset({"sensitivity", "redaction", "calendar", "subject_role"})

DATASET_FILES = sorted(p for p in CATALOG.rglob("*.yaml") if p.name != "units.yaml")
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.yaml"))


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def datasets() -> tuple[Dataset, ...]:
    return tuple(Dataset.model_validate(load_yaml(path)) for path in DATASET_FILES)


def frictionless_descriptor(path: Path) -> dict[str, Any]:
    """A govkit Table Schema as plain frictionless sees it: no govkit keys or ir-* formats."""
    descriptor: dict[str, Any] = load_yaml(path)
    fields = []
    for field in descriptor["fields"]:
        plain = {key: value for key, value in field.items() if key not in GOVKIT_FIELD_KEYS}
        if str(plain.get("format", "")).startswith("ir-"):
            del plain["format"]
        fields.append(plain)
    return {**descriptor, "fields": fields}


def test_config_validates() -> None:
    config = Config.model_validate(load_yaml(ROOT / "govkit.yaml"))
    assert [level.id for level in config.access_levels] == list(LEVELS)
    assert config.languages == ["fa", "en"]
    assert config.export.level == "public"


def test_units_validate() -> None:
    units = Units.model_validate(load_yaml(CATALOG / "units.yaml"))
    ids = [unit.id for unit in units.units]
    assert len(ids) == len(set(ids)) >= 6
    assert all(unit.steward is not None for unit in units.units)
    assert all(set(unit.name) == {"fa", "en"} for unit in units.units)


@pytest.mark.parametrize("path", DATASET_FILES, ids=lambda p: p.relative_to(CATALOG).as_posix())
def test_dataset_validates(path: Path) -> None:
    dataset = Dataset.model_validate(load_yaml(path))
    units = {unit.id for unit in Units.model_validate(load_yaml(CATALOG / "units.yaml")).units}
    assert path.stem == dataset.id
    assert path.parent.name == dataset.unit
    assert dataset.unit in units
    assert set(dataset.title) == set(dataset.description) == {"fa", "en"}
    assert dataset.access_level in LEVELS
    rank = LEVELS.index(dataset.access_level)
    for resource in dataset.resources:
        level = resource.access_level or dataset.access_level
        assert LEVELS.index(level) >= rank, f"{resource.name} is looser than its dataset"
    if dataset.access_level == "classified":
        assert not dataset.resources
        assert any(e.article == "13" and e.classification_ref for e in dataset.exemptions)
    for exemption in dataset.exemptions:
        if exemption.article.startswith(("16", "17")):
            assert exemption.harm_test is not None, f"art. {exemption.article} needs a harm test"
            assert exemption.review_by is not None


def test_catalog_spread() -> None:
    ids = [dataset.id for dataset in datasets()]
    assert len(ids) == len(set(ids)) >= 12
    assert len({dataset.unit for dataset in datasets()}) >= 5
    levels = Counter(dataset.access_level for dataset in datasets())
    assert set(levels) == set(LEVELS)
    assert levels["classified"] == 1
    assert any(
        dataset.access_level == "public"
        and any((r.access_level or "public") != "public" for r in dataset.resources)
        for dataset in datasets()
    ), "a public dataset should show a stricter resource beside a public one"


def test_resource_paths_and_schemas_exist() -> None:
    for dataset in datasets():
        for resource in dataset.resources:
            data = (CATALOG / resource.path).resolve()
            schema = (SCHEMAS / resource.schema_).resolve()
            assert data.is_relative_to(CATALOG), resource.path
            assert data.is_file(), resource.path
            assert schema.is_relative_to(SCHEMAS), resource.schema_
            assert schema.is_file(), resource.schema_


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_table_schema_is_valid(path: Path) -> None:
    TableSchema.model_validate(load_yaml(path))
    report = frictionless.Schema.validate_descriptor(frictionless_descriptor(path))
    assert report.valid, [error.message for error in report.errors]


def test_every_schema_is_used() -> None:
    used = {r.schema_ for dataset in datasets() for r in dataset.resources}
    assert used == {path.name for path in SCHEMA_FILES}


def test_generator_reproduces_committed_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    generated = {p.relative_to(tmp_path / "catalog") for p in (tmp_path / "catalog").rglob("*.csv")}
    committed = {p.relative_to(CATALOG) for p in CATALOG.rglob("*.csv")}
    referenced = {Path(r.path) for dataset in datasets() for r in dataset.resources}
    assert generated == committed == referenced
    for relative in sorted(generated):
        fresh = (tmp_path / "catalog" / relative).read_bytes()
        assert fresh == (CATALOG / relative).read_bytes(), f"{relative} differs from the generator"
        assert b"\r" not in fresh


def test_data_files_are_small() -> None:
    total = sum(path.stat().st_size for path in CATALOG.rglob("*.csv"))
    assert total < 400_000


@pytest.mark.parametrize(
    "path",
    [p for p in DATASET_FILES if load_yaml(p).get("resources")],
    ids=lambda p: p.stem,
)
def test_data_validates_against_schemas(path: Path) -> None:
    """Each dataset is validated as one package, so foreign keys between its resources hold."""
    dataset = Dataset.model_validate(load_yaml(path))
    resources = [
        frictionless.Resource(
            name=resource.name,
            path=resource.path,
            format=resource.format.value,
            encoding=resource.encoding,
            schema=frictionless.Schema.from_descriptor(
                frictionless_descriptor(SCHEMAS / resource.schema_)
            ),
        )
        for resource in dataset.resources
    ]
    package = frictionless.Package(resources=resources, basepath=str(CATALOG))
    report = package.validate()
    assert report.valid, {
        task.name: task.flatten(["rowNumber", "fieldName", "note"])
        for task in report.tasks
        if not task.valid
    }
    for task in report.tasks:
        assert task.stats["rows"] >= 10, f"{task.name} has too few rows"


def test_legacy_resource_is_windows_1256() -> None:
    legacy = [
        (dataset, resource)
        for dataset in datasets()
        for resource in dataset.resources
        if resource.encoding != "utf-8"
    ]
    assert [(resource.encoding) for _, resource in legacy] == ["windows-1256"]
    raw = (CATALOG / legacy[0][1].path).read_bytes()
    text = raw.decode("windows-1256")
    assert "ي" in text  # Arabic Yeh: windows-1256 has no Persian Yeh
    assert "ی" not in text
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
