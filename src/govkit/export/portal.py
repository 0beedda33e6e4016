"""What every portal target shares: the release, its links, and each released dataset.

Links point into the release folder as it will be served, from
`export.base_url` (or the organisation's homepage). The targets themselves are
in govkit.export.targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from govkit.catalog.models import AccessLevel, Config, Dataset, Unit
from govkit.export.datapackage import ReleasedResource, primary
from govkit.export.provenance import Release


@dataclass(frozen=True)
class PortalDataset:
    """A released dataset as the portals see it."""

    dataset: Dataset
    unit: Unit | None
    level: AccessLevel
    resources: Sequence[ReleasedResource]
    folder: str
    """The package's folder in the release (its datapackage.json and data files)."""


@dataclass(frozen=True)
class Portal:
    config: Config
    release: Release
    base_url: str

    @property
    def language(self) -> str:
        return self.config.languages[0]

    def url(self, relative: str) -> str:
        return self.base_url + quote(relative)

    def publisher(self) -> str:
        return primary(self.config.organisation.name, self.language)


def legal_basis(dataset: Dataset) -> str:
    """`ir-foi art. 10`: the law and article a dataset is published under."""
    assert dataset.legal_basis is not None  # noqa: S101 - the caller checked
    basis = dataset.legal_basis
    article = f" art. {basis.article}" if basis.article else ""
    return f"{basis.law}{article}"
