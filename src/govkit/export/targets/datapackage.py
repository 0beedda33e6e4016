"""`datasets/DATASET/datapackage.json`: the Frictionless Data Package v2 of each dataset.

Always written, since the packages are the release; each is written before its
dataset's zip, which holds it (govkit.export.datapackage builds the descriptor).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from govkit.export.datapackage import descriptor
from govkit.export.portal import Portal, PortalDataset


def files(portal: Portal, datasets: Sequence[PortalDataset]) -> Iterator[tuple[str, Any]]:
    for item in datasets:
        described = descriptor(
            item.dataset, item.resources, portal.config, item.unit, portal.release
        )
        yield f"{item.folder}/datapackage.json", described
