"""Build hook: compile the gettext catalogs (src/govkit/locale/*/LC_MESSAGES/*.po) to .mo files.

The .mo files are build products, ignored by git: they are written next to their .po
files, so that an editable install (which imports from src/) finds them as a wheel
does, and listed as artifacts so the wheel ships them although git ignores them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/govkit/locale")


def compile_catalogs(root: Path) -> list[Path]:
    """Write a .mo beside every .po under the locale folder; return the .mo files."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - a build requirement
    from babel.messages.pofile import read_po  # noqa: PLC0415

    written = []
    for source in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with source.open("rb") as file:
            catalog = read_po(file)
        target = source.with_suffix(".mo")
        with target.open("wb") as file:
            write_mo(file, catalog)
        written.append(target)
    return written


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for compiled in compile_catalogs(root):
            build_data["artifacts"].append(compiled.relative_to(root).as_posix())
