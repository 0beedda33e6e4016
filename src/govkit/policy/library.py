"""Where packs come from: govkit's built-ins by their ids, every other id from `policies/<id>.yaml`.

A built-in pack cannot be replaced by a catalog's file of the same id: a copy
without the pack's `change` rules would silently let a loosened access level
through. The built-in pack is used and the file is reported (GK523,
`shadowed_packs`), so a catalog that wants its own version gives it its own id.

The built-in packs live in the repository's top-level `policies/` folder and
are shipped in the wheel as `govkit/policies/` (pyproject's force-include);
an editable install reads them from the source tree instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import govkit
from govkit.catalog.loader import Entry, listed_packs, load_config
from govkit.catalog.models import Config
from govkit.catalog.tree import Kind, Tree
from govkit.diff.codes import BUILTIN_PACK_SHADOWED
from govkit.errors import GovkitError, InputError, Problem
from govkit.findings import Finding, Location
from govkit.policy.pack import CompiledRule, PolicyPack, load_pack
from govkit.rules import Violation
from govkit.yamlio import YAML_MAX_BYTES, load_yaml

BUILTIN_PACKS = ("ir-foi", "access-levels", "governance", "freshness", "us-foia", "uk-foi")
POLICIES_DIR = "policies"
WAIVERS_NAME = "waivers"


def builtin_folder() -> Traversable:
    packaged = resources.files("govkit") / "policies"
    if packaged.is_dir():
        return packaged
    # An editable install imports govkit from src/; the packs sit beside it at the top level.
    return Path(govkit.__file__).resolve().parents[2] / POLICIES_DIR


@cache
def builtin_pack(pack_id: str) -> PolicyPack | None:
    if pack_id not in BUILTIN_PACKS:
        return None
    file = builtin_folder() / f"{pack_id}.yaml"
    # Named as it sits in the installed package, wherever the file was read from.
    return load_pack(file.read_bytes(), f"govkit/policies/{pack_id}.yaml", builtin=True)


def builtin_packs() -> tuple[PolicyPack, ...]:
    return tuple(pack for pack_id in BUILTIN_PACKS if (pack := builtin_pack(pack_id)))


def find_pack(tree: Tree, pack_id: str) -> PolicyPack | None:
    """The built-in pack of that id, else the catalog's own pack, else None."""
    if pack_id in BUILTIN_PACKS:
        return builtin_pack(pack_id)
    relative = pack_file(pack_id)
    kind = tree.kind(relative)
    if kind is Kind.SYMLINK:
        raise InputError.at(relative, 1, 1, "is a symbolic link; govkit does not follow it")
    if kind is not Kind.FILE:
        return None
    pack = load_pack(tree.read(relative, YAML_MAX_BYTES), relative)
    if pack.id != pack_id:
        at = pack.model.metadata.id
        fix = (
            f"'{at}' is a built-in pack's id: give this pack its own id"
            if at in BUILTIN_PACKS
            else f"rename it to {pack_file(at)}"
        )
        raise InputError.at(relative, 1, 1, f"this file holds pack '{at}'; {fix}")
    return pack


def pack_file(pack_id: str) -> str:
    """Where a catalog keeps its own pack of that id."""
    return f"{POLICIES_DIR}/{pack_id}.yaml"


def enabled_packs(tree: Tree, config: Entry[Config]) -> tuple[PolicyPack, ...]:
    """The packs govkit.yaml enables, in its order; unknown names and clashes are exit 2."""
    found, problems = listed_packs(
        config,
        "policies",
        config.model.policies,
        lambda pack_id: None if pack_id == WAIVERS_NAME else find_pack(tree, pack_id),
        _unknown,
    )
    packs = [pack for _, _, pack in found]
    if problems:
        raise InputError(problems)
    check_unique(packs)
    return tuple(packs)


def shadowed_packs(tree: Tree, config: Entry[Config]) -> Iterator[Finding]:
    """GK523 for each enabled built-in pack that the catalog also has a file of; cheap enough
    for `govkit lint` (no expression is compiled)."""
    for pack_id in dict.fromkeys(config.model.policies):
        relative = pack_file(pack_id)
        present = pack_id in BUILTIN_PACKS and tree.kind(relative) is not Kind.MISSING
        if present and not _is_builtin_copy(tree, relative, pack_id):
            yield BUILTIN_PACK_SHADOWED.finding(_shadowing(tree, relative, pack_id))


def _is_builtin_copy(tree: Tree, relative: str, pack_id: str) -> bool:
    """A file that is the built-in pack byte for byte hides nothing (govkit's own repository
    is a catalog whose `policies/` holds the built-in packs)."""
    if tree.kind(relative) is not Kind.FILE:
        return False
    try:
        return tree.read(relative) == (builtin_folder() / f"{pack_id}.yaml").read_bytes()
    except OSError:
        return False


def _shadowing(tree: Tree, relative: str, pack_id: str) -> Violation:
    line = column = 1
    if tree.kind(relative) is Kind.FILE:
        try:
            at = load_yaml(tree.read(relative, YAML_MAX_BYTES), relative).locate("/metadata/id")
            line, column = at.line, at.column
        except (InputError, OSError):
            pass  # the file is ignored, broken or not: its first line is where to look
    message = (
        f"{relative} has the id of govkit's built-in pack '{pack_id}', which govkit.yaml "
        "enables: the built-in pack is used and this file is ignored; give the catalog's "
        f"pack its own id and rule codes (e.g. '{pack_id}-local') and enable it in govkit.yaml"
    )
    return Violation(message, Location(relative, line, column, "/metadata/id"))


def _unknown(pack_id: str) -> str:
    if pack_id == WAIVERS_NAME:
        return "'waivers' is the waivers file (policies/waivers.yaml), not a pack; remove it here"
    return (
        f"unknown policy pack '{pack_id}': there is no {pack_file(pack_id)} in the "
        f"catalog and no built-in pack of that name (built in: {', '.join(BUILTIN_PACKS)})"
    )


def check_unique(packs: Iterable[PolicyPack]) -> None:
    """Codes and names identify rules in selectors, waivers and reports: each names one rule."""
    from govkit.ruleset import code_rules  # noqa: PLC0415 - the rule set lists this package

    taken: dict[str, str] = {}
    for code_rule in code_rules():
        taken[code_rule.code] = taken[code_rule.name] = f"govkit's rule {code_rule.code}"
    problems = []
    for pack in packs:
        for rule in pack.rules:
            for what, key in (("code", rule.code), ("name", rule.name)):
                if key in taken:
                    problems.append(_clash(rule, what, key, taken[key]))
                else:
                    taken[key] = f"{rule.code} in {rule.path}:{rule.position.line}"
    if problems:
        raise InputError(problems)


def _clash(rule: CompiledRule, what: str, key: str, holder: str) -> Problem:
    message = (
        f"rule {what} '{key}' is already used by {holder}; "
        "codes and names must be unique across the enabled packs"
    )
    return Problem(rule.path, rule.position.line, rule.position.column, message)


def known_packs(tree: Tree | None) -> tuple[PolicyPack, ...]:
    """Every built-in pack, then a catalog's own enabled packs."""
    packs = {pack.id: pack for pack in builtin_packs()}
    if tree is not None:
        packs.update((pack.id, pack) for pack in enabled_packs(tree, load_config(tree)))
    return tuple(packs.values())


def resolve_pack(tree: Tree | None, name: str) -> PolicyPack:
    """A pack named on the command line: a pack file's path, or an id looked up as govkit.yaml's."""
    file = Path(name)
    if file.suffix in (".yaml", ".yml") and file.is_file():
        return load_pack(file.read_bytes(), file.as_posix())
    pack = find_pack(tree, name) if tree is not None else builtin_pack(name)
    if pack is None:
        raise GovkitError(_unknown(name))
    return pack
