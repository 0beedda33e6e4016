"""The library facade: everything the command line does, callable from Python."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govkit.catalog.jsonschemas import KINDS, committed_text
from govkit.catalog.loader import CONFIG_FILE, load_catalog
from govkit.catalog.tree import FileTree
from govkit.errors import GovkitError
from govkit.findings import Report, RuleInfo
from govkit.pipeline import Data, Options, judge
from govkit.ruleset import RuleSet

if TYPE_CHECKING:
    from govkit.export.build import ExportResult
    from govkit.fix import FixResult
    from govkit.history import Timeline
    from govkit.plan.build import Plan
    from govkit.policy.cases import PackTest


def find_root(root: Path | str | None = None) -> Path:
    """The catalog root: `root` itself, or the nearest folder up from here with a govkit.yaml."""
    if root is not None:
        root = Path(root)
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
    found = find_root(root)
    catalog, loaded = load_catalog(FileTree(found))
    options = Options(select=select, ignore=ignore, policies=False)
    return judge(catalog, loaded, options).report("lint", _display(found))


def validate(
    target: Path | None = None,
    *,
    root: Path | None = None,
    schema: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    max_findings: int = 100,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Lint the catalog, then check every resource's data against its Table Schema.

    `target` may instead be a standalone Data Package descriptor, or (with
    `schema`) one data file, as with `frictionless validate`. Every problem is
    counted; `max_findings` caps how many are listed per resource.
    """
    options = Options(
        select=select, ignore=ignore, policies=False, data=Data.ALL,
        max_findings=max_findings, cache=cache, progress=progress,
    )  # fmt: skip
    if schema is None and target is None:
        found = find_root(root)
        catalog, loaded = load_catalog(FileTree(found))
        return judge(catalog, loaded, options).report("validate", _display(found))
    from govkit.pipeline import check_selectors, validated  # noqa: PLC0415 - pulls in DuckDB

    rules = RuleSet.builtin()
    check_selectors(rules, [*select, *ignore], None)
    shown, jobs = _standalone(target, schema)
    findings, tallies, _ = validated(jobs, options)
    report = Report("validate", shown, tuple(findings), dict(rules.infos), tuple(tallies))
    return report.select(select, ignore)


def _standalone(target: Path | None, schema: Path | None) -> tuple[str, dict[str, Any]]:
    from govkit import validation  # noqa: PLC0415

    if target is None:
        raise GovkitError("--schema needs a data file: govkit validate --schema S.json DATA.csv")
    if not target.is_file():
        raise GovkitError(f"{target}: no such file")
    if schema is not None:
        return ".", validation.file_job(target, schema)
    return _display(target.parent), validation.package_jobs(target)


def fail_on(root: Path | None = None) -> str:
    """The catalog's `fail_on` (govkit.yaml), else `error`; `error` outside a catalog too."""
    from govkit import defaults  # noqa: PLC0415
    from govkit.catalog.loader import load_config  # noqa: PLC0415

    try:
        config = load_config(FileTree(find_root(root))).model
    except GovkitError:
        return "error"
    return defaults.fail_on(config, None)


def rules(root: Path | None = None) -> list[RuleInfo]:
    """Every code rule, ordered by code; then the rules of the built-in policy packs and,
    given a catalog `root`, of the packs it enables."""
    from govkit.policy import library  # noqa: PLC0415 - compiles the packs' CEL

    tree = FileTree(find_root(root)) if root is not None else None
    return list(RuleSet.builtin().with_packs(library.known_packs(tree)).infos.values())


def explain(selector: str, root: Path | None = None) -> RuleInfo:
    """One rule by code or name: a code rule, or a rule of a built-in or enabled pack."""
    try:
        return RuleSet.builtin().lookup(selector)
    except GovkitError:
        for info in rules(root):
            if selector.upper() == info.code or selector == info.name:
                return info
        raise


def nearest_root() -> Path | None:
    """The catalog around the current folder, or None outside any catalog."""
    try:
        return find_root()
    except GovkitError:
        return None


def check(
    root: Path | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    level: str | None = None,
    scan: bool = True,
    today: dt.date | None = None,
    max_findings: int = 100,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Lint, the policy packs govkit.yaml enables, what would refuse a release at `level`
    (govkit.yaml's `export.level` by default), and personal data in what it would release:
    header words always, the values unless `scan` is False. Naming a `level` also
    validates the data it would release, so the verdict is the export's. Waived findings
    stay in the report, suppressed."""
    found = find_root(root)
    catalog, loaded = load_catalog(FileTree(found))
    options = Options(
        today or dt.date.today(), select, ignore, level=level,
        data=Data.RELEASED if level else Data.NONE, values=scan,
        max_findings=max_findings, cache=cache, progress=progress,
    )  # fmt: skip
    return judge(catalog, loaded, options).report("check", _display(found))


def diff(
    base: str,
    head: str | None = None,
    *,
    root: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: dt.date | None = None,
) -> Report:
    """The catalog's semantic changes from git ref `base` to `head` (None: the working tree),
    with the findings of the enabled packs' change rules."""
    from govkit import gate  # noqa: PLC0415 - imports git

    found = find_root(root)
    options = Options(today or dt.date.today(), select, ignore)
    return replace(gate.diff(found, base, head, options), root=_display(found))


def ci(
    base: str,
    *,
    root: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: dt.date | None = None,
    max_findings: int = 100,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Lint, validate and check what changed since git ref `base` (from where the working tree
    branched off it), then the change rules: the merge-request gate."""
    from govkit import gate  # noqa: PLC0415 - imports git

    found = find_root(root)
    options = Options(
        today or dt.date.today(), select, ignore, data=Data.ALL,
        max_findings=max_findings, cache=cache, progress=progress,
    )  # fmt: skip
    return replace(gate.ci(found, base, options), root=_display(found))


def fix(root: Path | None = None, *, apply: bool = False) -> FixResult:
    """The mechanical fixes of the catalog's data and YAML files (digits in numeric fields,
    Arabic Yeh and Kaf, spaces at line ends); with `apply`, written, all files or none."""
    # By its full name: `govkit.fix` is this function, the module only `govkit.fix.*`.
    from govkit.fix import apply as write_fixes  # noqa: PLC0415
    from govkit.fix import find_fixes  # noqa: PLC0415

    found = find_root(root)
    catalog, _ = load_catalog(FileTree(found))
    result = find_fixes(catalog, found)
    return write_fixes(result) if apply and result.fixed else result


def log(dataset: str, *, root: Path | None = None) -> Timeline:
    """A dataset's access-level and publication timeline from the catalog's git history."""
    from govkit.history import timeline  # noqa: PLC0415 - imports git

    return timeline(find_root(root), dataset)


def export(
    root: Path | None = None,
    *,
    level: str | None = None,
    out: Path | None = None,
    ref: str | None = None,
    dry_run: bool = False,
    force_reason: str | None = None,
    allow_dirty: bool = False,
    escape_formulas: bool = False,
    today: dt.date | None = None,
    environ: Mapping[str, str] | None = None,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> ExportResult:
    """Release what an access level may see: Data Packages, portal metadata, zips and a
    manifest, replacing `out` atomically; or, with `dry_run`, only the report of what would
    be released and what is withheld and why. `environ` (default: the process environment)
    gives SOURCE_DATE_EPOCH and the hashing key GOVKIT_HASH_KEY."""
    from govkit.export.build import ExportOptions, export_release  # noqa: PLC0415 - DuckDB, git

    found = find_root(root)
    options = ExportOptions(
        level, out, ref, dry_run, force_reason, allow_dirty, escape_formulas, today,
        cache=cache, progress=progress,
    )  # fmt: skip
    result = export_release(found, options, os.environ if environ is None else environ)
    return replace(result, report=replace(result.report, root=_display(found)))


def policy_test(root: Path | None = None, *, packs: Sequence[str] = ()) -> list[PackTest]:
    """Run the test cases of the named packs (ids or files), else of every enabled pack."""
    from govkit.catalog.loader import load_config  # noqa: PLC0415
    from govkit.policy import cases, library  # noqa: PLC0415

    if not packs:
        tree = FileTree(find_root(root))
        enabled = library.enabled_packs(tree, load_config(tree))
        return [cases.run_pack_cases(pack) for pack in enabled]
    found = find_root(root) if root is not None else nearest_root()
    tree_or_none = FileTree(found) if found is not None else None
    return [cases.run_pack_cases(library.resolve_pack(tree_or_none, name)) for name in packs]


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


def plan(root: Path | None = None, *, today: dt.date | None = None) -> Plan:
    """The publication plan: every open obligation item and every candidate, planned or
    withheld entry, ranked by the score of docs/plan.md, with its blocks and next action;
    the items already met; and the gaps (GK7xx findings, waivers applied)."""
    from govkit.plan.stage import plan_of  # noqa: PLC0415

    found = find_root(root)
    catalog, loaded = load_catalog(FileTree(found))
    return replace(plan_of(catalog, loaded, today or dt.date.today()), root=_display(found))
