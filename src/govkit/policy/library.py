"""Where packs come from: the catalog's own `policies/<id>.yaml` first, then govkit's built-ins.

The built-in packs live in the repository's top-level `policies/` folder and
are shipped in the wheel as `govkit/policies/` (pyproject's force-include);
an editable install reads them from the source tree instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import govkit
from govkit.catalog.loader import CONFIG_FILE, Entry, load_config
from govkit.catalog.models import Config
from govkit.catalog.tree import Kind, Tree
from govkit.errors import GovkitError, InputError, Problem
from govkit.findings import RuleInfo
from govkit.policy.pack import CompiledRule, PolicyPack, load_pack

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
    """The catalog's own pack of that id, else the built-in one, else None."""
    relative = f"{POLICIES_DIR}/{pack_id}.yaml"
    kind = tree.kind(relative)
    if kind is Kind.SYMLINK:
        raise InputError.at(relative, 1, 1, "is a symbolic link; govkit does not follow it")
    if kind is not Kind.FILE:
        return builtin_pack(pack_id)
    pack = load_pack(tree.read(relative), relative)
    if pack.id != pack_id:
        at = pack.model.metadata.id
        raise InputError.at(
            relative, 1, 1, f"this file holds pack '{at}'; rename it to policies/{at}.yaml"
        )
    return pack


def enabled_packs(tree: Tree, config: Entry[Config]) -> tuple[PolicyPack, ...]:
    """The packs govkit.yaml enables, in its order; unknown names and clashes are exit 2."""
    packs: list[PolicyPack] = []
    problems: list[Problem] = []
    for index, pack_id in enumerate(config.model.policies):
        at = config.document.locate(f"/policies/{index}")
        if pack_id in config.model.policies[:index]:
            problems.append(
                Problem(CONFIG_FILE, at.line, at.column, f"'{pack_id}' is listed twice")
            )
            continue
        try:
            pack = None if pack_id == WAIVERS_NAME else find_pack(tree, pack_id)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if pack is None:
            problems.append(Problem(CONFIG_FILE, at.line, at.column, _unknown(pack_id)))
        else:
            packs.append(pack)
    if problems:
        raise InputError(problems)
    check_unique(packs)
    return tuple(packs)


def _unknown(pack_id: str) -> str:
    if pack_id == WAIVERS_NAME:
        return "'waivers' is the waivers file (policies/waivers.yaml), not a pack; remove it here"
    return (
        f"unknown policy pack '{pack_id}': there is no {POLICIES_DIR}/{pack_id}.yaml in the "
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
    """Every built-in pack, then a catalog's enabled packs (its own copy replaces a built-in)."""
    packs = {pack.id: pack for pack in builtin_packs()}
    if tree is not None:
        packs.update((pack.id, pack) for pack in enabled_packs(tree, load_config(tree)))
    return tuple(packs.values())


def rule_infos(packs: Iterable[PolicyPack]) -> dict[str, RuleInfo]:
    return {rule.code: rule.info for pack in packs for rule in pack.rules}


def check_selectors(selectors: Iterable[str], infos: Mapping[str, RuleInfo]) -> None:
    """Refuse `--select/--ignore` values that name no rule and prefix no code."""
    for selector in selectors:
        prefix = selector.upper()
        if not any(
            code.startswith(prefix) or info.name == selector for code, info in infos.items()
        ):
            raise GovkitError(f"unknown rule '{selector}'; `govkit rules` lists them all")


def resolve_pack(tree: Tree | None, name: str) -> PolicyPack:
    """A pack named on the command line: a pack file's path, or an id looked up as govkit.yaml's."""
    file = Path(name)
    if file.suffix in (".yaml", ".yml") and file.is_file():
        return load_pack(file.read_bytes(), file.as_posix())
    pack = find_pack(tree, name) if tree is not None else builtin_pack(name)
    if pack is None:
        raise GovkitError(_unknown(name))
    return pack
