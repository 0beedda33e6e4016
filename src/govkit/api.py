"""The library facade: everything the command line does, callable from Python."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from govkit.catalog import lint as lint_rules
from govkit.catalog.jsonschemas import KINDS, committed_text
from govkit.catalog.loader import CONFIG_FILE, load_catalog
from govkit.catalog.tree import FileTree
from govkit.errors import GovkitError
from govkit.findings import Report, RuleInfo
from govkit.rules import all_rules, check_selectors, lookup


def find_root(root: Path | None = None) -> Path:
    """The catalog root: `root` itself, or the nearest folder up from here with a govkit.yaml."""
    if root is not None:
        if not root.is_dir():
            raise GovkitError(f"--root {root}: no such folder")
        if not (root / CONFIG_FILE).is_file():
            raise GovkitError(
                f"--root {root}: no {CONFIG_FILE} there; "
                "point --root at a catalog, or create one with `govkit init DIR`"
            )
        return root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise GovkitError(
        f"no {CONFIG_FILE} in {here} or any folder above it; "
        "run govkit inside a catalog, pass --root DIR, or create one with `govkit init DIR`"
    )


def lint(
    root: Path | None = None, *, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> Report:
    """Check the catalog's metadata: YAML, file formats, references, Table Schemas."""
    check_selectors([*select, *ignore])
    found = find_root(root)
    catalog, findings = load_catalog(FileTree(found))
    findings.extend(lint_rules.run(catalog))
    report = Report("lint", _display(found), tuple(findings), rules=rule_index())
    return report.select(select, ignore)


def rules() -> list[RuleInfo]:
    """Every code rule, ordered by code."""
    return [r.info for r in all_rules()]


def rule_index() -> dict[str, RuleInfo]:
    return {info.code: info for info in rules()}


def explain(selector: str) -> RuleInfo:
    """One rule by code or name."""
    all_rules()
    return lookup(selector).info


def schema(kind: str) -> str:
    """The JSON Schema of one of govkit's file kinds."""
    if kind not in KINDS:
        raise GovkitError(f"unknown file kind '{kind}'; choose one of: {', '.join(KINDS)}")
    return committed_text(kind)


def _display(root: Path) -> str:
    """The root as the user would write it: relative when it is under the current folder."""
    try:
        relative = os.path.relpath(root.resolve(), Path.cwd().resolve())
    except ValueError:
        return str(root)
    return str(root.resolve()) if relative.startswith("..") else Path(relative).as_posix()
