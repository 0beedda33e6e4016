"""`manifest.json`: every file of a release with its size and sha256, and where it came from.

Written last, it is what a portal or an auditor checks a release against, and
what marks a folder as one govkit wrote. Its bytes depend only on the release
(sorted keys, sorted files, no clock, no paths of the machine that made it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govkit import __version__
from govkit.export.datapackage import FileFacts
from govkit.export.provenance import Release

MANIFEST_VERSION = 1


def manifest(release: Release, files: Iterable[FileFacts]) -> dict[str, Any]:
    return {
        "govkit": __version__,
        "manifest": MANIFEST_VERSION,
        "release": release.as_dict(),
        "files": [
            {"path": f.path, "bytes": f.bytes, "sha256": f.sha256}
            for f in sorted(files, key=lambda f: f.path)
        ],
    }
