"""Where obligation packs come from, and the items a catalog owes.

A built-in pack's id always means govkit's pack (shipped in `govkit/plan/obligations/`);
any other id is the catalog's own `obligations/<id>.yaml`. `govkit.yaml` enables packs by
id (`obligations:`) and may override an item's threshold, period, deadline or target level
(`plan.overrides`). A pack that does not match the format, a duplicate item id, an unknown
pack or an override of no item is unusable input: exit 2 at its `file:line:col`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from pydantic import ValidationError

from govkit.catalog import structure
from govkit.catalog.loader import CONFIG_FILE, Entry, listed_packs
from govkit.catalog.models import Config
from govkit.catalog.tree import Kind, Tree
from govkit.errors import InputError, Problem
from govkit.plan.models import Obligation, ObligationPack
from govkit.yamlio import Position, YamlDocument, load_yaml

BUILTIN = ("ir-foi-proactive", "odc-anti-corruption", "uk-lgtc-2015", "eu-hvd")
OBLIGATIONS_DIR = "obligations"


@dataclass(frozen=True)
class Item:
    """One obligation item as a catalog owes it: the catalog's overrides applied."""

    spec: Obligation
    pack: str
    path: str
    position: Position
    enabled_at: Position
    """Where govkit.yaml enables its pack: findings about the item point there."""
    enabled_index: int

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class LoadedPack:
    path: str
    model: ObligationPack
    document: YamlDocument

    @property
    def id(self) -> str:
        return self.model.metadata.id


@dataclass(frozen=True)
class Obligations:
    """The items a catalog owes, by id, in the order of govkit.yaml's packs."""

    items: Mapping[str, Item]
    packs: tuple[LoadedPack, ...]

    def suggest(self, unknown: str) -> str | None:
        close = difflib.get_close_matches(unknown, list(self.items), n=1, cutoff=0.6)
        return close[0] if close else None


NONE = Obligations(MappingProxyType({}), ())


def load_pack(content: bytes, path: str) -> LoadedPack:
    """Read one obligation pack, or raise one `InputError` listing every problem in it."""
    document = load_yaml(content, path)
    shape = list(structure.violations(document, "obligation-pack"))
    if shape:
        raise InputError(
            Problem(path, v.location.line, v.location.column, v.message) for v in shape
        )
    try:
        model = ObligationPack.model_validate(document.data)
    except ValidationError as error:  # only if the model is stricter than its JSON Schema
        raise InputError.at(path, 1, 1, str(error)) from None
    problems = list(_duplicates(document, model))
    if problems:
        raise InputError(problems)
    return LoadedPack(path, model, document)


def _duplicates(document: YamlDocument, model: ObligationPack) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(model.items):
        if item.id in seen:
            at = document.locate(f"/items/{index}/id")
            yield Problem(document.path, at.line, at.column, f"item id '{item.id}' is used twice")
        seen.add(item.id)


@cache
def builtin_pack(pack_id: str) -> LoadedPack | None:
    if pack_id not in BUILTIN:
        return None
    file = resources.files("govkit.plan") / "obligations" / f"{pack_id}.yaml"
    return load_pack(file.read_bytes(), f"govkit/plan/obligations/{pack_id}.yaml")


def builtin_packs() -> tuple[LoadedPack, ...]:
    return tuple(pack for pack_id in BUILTIN if (pack := builtin_pack(pack_id)))


def find_pack(tree: Tree, pack_id: str) -> LoadedPack | None:
    """The built-in pack of that id, else the catalog's `obligations/<id>.yaml`, else None."""
    if pack_id in BUILTIN:
        return builtin_pack(pack_id)
    relative = f"{OBLIGATIONS_DIR}/{pack_id}.yaml"
    kind = tree.kind(relative)
    if kind is Kind.SYMLINK:
        raise InputError.at(relative, 1, 1, "is a symbolic link; govkit does not follow it")
    if kind is not Kind.FILE:
        return None
    pack = load_pack(tree.read(relative), relative)
    if pack.id != pack_id:
        at = pack.document.locate("/metadata/id")
        raise InputError.at(
            relative, at.line, at.column, f"this file holds pack '{pack.id}'; name it {pack_id}"
        )
    return pack


def enabled(tree: Tree, config: Entry[Config]) -> Obligations:
    """The items of the packs govkit.yaml enables, overrides applied; exit 2 on any problem."""
    if not config.model.obligations:
        _check_overrides(config, {})
        return NONE
    items: dict[str, Item] = {}
    found, problems = listed_packs(
        config,
        "obligations",
        config.model.obligations,
        lambda pack_id: find_pack(tree, pack_id),
        _unknown,
    )
    packs = [pack for _, _, pack in found]
    for index, at, pack in found:
        problems.extend(_gather(pack, items, config, at, index))
    if problems:
        raise InputError(problems)
    _check_overrides(config, items)
    return Obligations(MappingProxyType(items), tuple(packs))


def _gather(
    pack: LoadedPack, items: dict[str, Item], config: Entry[Config], at: Position, index: int
) -> Iterator[Problem]:
    overrides = config.model.plan.overrides
    for number, written in enumerate(pack.model.items):
        where = pack.document.locate(f"/items/{number}/id")
        if written.id in items:
            other = items[written.id]
            message = f"item id '{written.id}' is already an item of pack '{other.pack}'"
            yield Problem(pack.path, where.line, where.column, message)
            continue
        spec, override = written, overrides.get(written.id)
        if override is not None:
            changes = override.model_dump(exclude_none=True)
            spec = written.model_copy(update={k: getattr(override, k) for k in changes})
        items[spec.id] = Item(spec, pack.id, pack.path, where, at, index)


def _check_overrides(config: Entry[Config], items: dict[str, Item]) -> None:
    problems = []
    for item_id in config.model.plan.overrides:
        if item_id not in items:
            at = config.document.locate(f"/plan/overrides/{item_id}", key=True)
            close = difflib.get_close_matches(item_id, list(items), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = f"override of '{item_id}', which no enabled obligation pack has{hint}"
            problems.append(Problem(CONFIG_FILE, at.line, at.column, message))
    if problems:
        raise InputError(problems)


def _unknown(pack_id: str) -> str:
    close = difflib.get_close_matches(pack_id, BUILTIN, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return (
        f"unknown obligation pack '{pack_id}': there is no {OBLIGATIONS_DIR}/{pack_id}.yaml in "
        f"the catalog and no built-in pack of that name (built in: {', '.join(BUILTIN)}){hint}"
    )
