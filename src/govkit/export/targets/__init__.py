"""Export targets: one module a standard, behind one registry.

A target turns the released datasets into the files one kind of consumer reads
(a portal's catalog, a harvester's feed). The registry is plain data, so the
config's allowed values (`export.formats`), the documentation and the checks
read it without importing any target; a target's module is imported only when
a release writes it. Adding a target is one module here and one entry below.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from govkit.export.portal import Portal, PortalDataset


@dataclass(frozen=True)
class TargetInfo:
    """What a target is, for the config, the docs and the registry."""

    name: str
    """Its value in `export.formats`."""
    module: str
    """Its module under govkit.export.targets."""
    files: str
    """What it writes in the release folder."""
    standard: str
    """The standard, and the version of it the files meet."""
    always: bool = False
    """Written whatever `export.formats` says (the packages are the release)."""
    portal: bool = True
    """Needs absolute links (`export.base_url`): written for a portal to read."""


class Target(Protocol):
    """A target's module: `files` yields each file to write, relative to the release."""

    def files(
        self, portal: Portal, datasets: Sequence[PortalDataset]
    ) -> Iterator[tuple[str, Any]]: ...


TARGETS = (
    TargetInfo(
        "datapackage",
        "datapackage",
        "`datasets/DATASET/datapackage.json`",
        "Frictionless Data Package v2.0",
        always=True,
        portal=False,
    ),
    TargetInfo("data.json", "pod", "`data.json`", "Project Open Data Metadata Schema v1.1"),
    TargetInfo("dcat", "dcat", "`dcat.jsonld`", "DCAT-AP 3.0.1 (JSON-LD)"),
    TargetInfo("ckan", "ckan", "`ckan/DATASET.json`", "CKAN 2.x `package_create` payloads"),
)
BY_NAME = {target.name: target for target in TARGETS}
NAMES = tuple(BY_NAME)
DEFAULT = NAMES


def load(name: str) -> Target:
    """The module of target `name` (one of NAMES); KeyError for any other."""
    module: Target = importlib.import_module(f"{__name__}.{BY_NAME[name].module}")
    return module


def chosen(formats: Sequence[str]) -> list[TargetInfo]:
    """The targets a release writes for `export.formats`, in registry order."""
    return [t for t in TARGETS if t.always or t.name in formats]


def markdown() -> str:
    """The table of targets in docs/export.md (tests/export/test_targets.py checks it)."""
    lines = ["| `export.formats` | writes | standard met |", "|---|---|---|"]
    for target in TARGETS:
        always = " (always written)" if target.always else ""
        lines.append(f"| `{target.name}`{always} | {target.files} | {target.standard} |")
    return "\n".join(lines) + "\n"
