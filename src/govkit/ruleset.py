"""The rule set: every code rule govkit has, and the rules of the packs a run loads.

The modules below define rules and register nothing; this module, above them,
lists them and builds the set on demand, so every code `govkit rules` prints
can be selected, ignored, waived and explained in every command, whichever
stages the command runs.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from govkit import i18n
from govkit.errors import GovkitError
from govkit.findings import RuleInfo
from govkit.rules import Rule

if TYPE_CHECKING:
    from govkit.policy.pack import PolicyPack

# The modules that define govkit's code rules, each a stage of the pipeline.
RULE_MODULES = (
    "govkit.catalog.loader",
    "govkit.catalog.lint",
    "govkit.engine.rules",
    "govkit.pii.rules",
    "govkit.policy.codes",
    "govkit.diff.codes",
    "govkit.export.codes",
    "govkit.plan.rules",
)


@cache
def code_rules() -> tuple[Rule[object], ...]:
    """Every code rule, ordered by code; two rules sharing a code or a name is a bug."""
    found: dict[str, Rule[object]] = {}
    names: dict[str, str] = {}
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        for candidate in vars(module).values():
            if not isinstance(candidate, Rule) or found.get(candidate.code) is candidate:
                continue
            clash = found.get(candidate.code) or found.get(names.get(candidate.name, ""))
            if clash is not None:
                raise RuntimeError(
                    f"rule {candidate.code} {candidate.name} clashes with {clash.code} {clash.name}"
                )
            found[candidate.code] = candidate
            names[candidate.name] = candidate.code
    return tuple(sorted(found.values(), key=lambda r: r.code))


@dataclass(frozen=True)
class RuleSet:
    """The rules a run knows, by code: govkit's own, then those of the packs it loaded."""

    infos: Mapping[str, RuleInfo]

    @classmethod
    def builtin(cls) -> RuleSet:
        return _builtin(i18n.current())

    def with_packs(self, packs: Iterable[PolicyPack]) -> RuleSet:
        extra = {rule.code: rule.info for pack in packs for rule in pack.rules}
        return RuleSet(MappingProxyType({**self.infos, **extra})) if extra else self

    def lookup(self, selector: str) -> RuleInfo:
        """A rule by code (any case) or name, or a usage error that says how to list them."""
        found = self.infos.get(selector.upper()) or next(
            (info for info in self.infos.values() if info.name == selector), None
        )
        if found is None:
            raise GovkitError(
                f"unknown rule '{selector}'; `govkit rules` lists them all{self._nearest(selector)}"
            )
        return found

    def _nearest(self, selector: str) -> str:
        codes = difflib.get_close_matches(selector.upper(), list(self.infos), n=1, cutoff=0.7)
        names = [info.name for info in self.infos.values()]
        close = codes or difflib.get_close_matches(selector, names, n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""

    def check_selectors(self, selectors: Iterable[str]) -> None:
        """Refuse `--select/--ignore` values that name no rule and prefix no code."""
        for selector in selectors:
            prefix = selector.upper()
            if not any(code.startswith(prefix) for code in self.infos):
                self.lookup(selector)


@cache
def _builtin(language: str) -> RuleSet:
    """The code rules' infos, their docs in the current language, which is `language`: it
    keys the cache, as tests (and nothing else) change the language within one process."""
    return RuleSet(MappingProxyType({rule.code: rule.info for rule in code_rules()}))
