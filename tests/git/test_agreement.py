"""One release judgment, as a property: what `export --level L` refuses, `ci` and `check` fail on.

A base catalog (one or two datasets at generated levels, each with a personal
field redacted on export, the second's rows naming the first's by a foreign
key) is committed on `main` by a merge request that `ci` passes;
there `check --level L` and the export of level L pass too. A branch then
makes one generated change: a column of national IDs or mobiles with no
`sensitivity`, a column whose header names personal data, a personal field
with or without a redaction, a `keep_where` that can apply or cannot, an
exemption, an access level of the dataset made looser or stricter (with the
committee's approval or without) or one of its resource's own, a waiver of
GK301 for its untagged national IDs (live, expired, or approved in the
future), a bad integer, an ISO date column on a redacted field, a Jalali
date typed `date`,
a key that a foreign key names, a name among the missing values, a new
dataset (one of them reading another's data file), a new figure. Then, for
the branch's commit:

- if the export of level L refuses, `ci --base main` and `check --level L`
  fail, and every error that refuses it (code, file, line) is among theirs;
- if `ci` passes, the export succeeds.

The converse of the first is not asked: `ci` may be stricter (loosening an
access level needs the committee's approval in a merge request, not in a
release). The level L is govkit.yaml's `export.level`, the one `ci` judges a
release at. The generated examples export as a dry run, which judges what a
real export judges without writing it; the hand-made scenarios write the
release as well and check that the two say the same. In each generated
example `ci`, `check` and the export share one result cache, as they share
`~/.cache/govkit` on a steward's machine.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govkit import api
from govkit.export.build import ExportResult
from govkit.findings import FailOn, Finding, Report
from tests.export.builders import ENVIRON
from tests.git.catalog import UNITS, entry
from tests.git.conftest import TODAY, GitRepo
from tests.git.test_one_judgment import national_id

LEVELS = ("public", "restricted-public", "internal", "confidential", "classified")
TARGETS = ("public", "restricted-public", "internal", "confidential")
REDACTIONS = ("mask", "hash", "drop")
HOLDERS = ("Maryam Karimi", "Reza Hosseini", "Narges Moradi", "Hamid Jafari")
ROWS = 4
NEW_APPROVAL = '  - {ref: "1404/77", date: 2025-05-01, decision: publish}\n'

LIVE = ("2025-05-01", "2025-10-01")  # a waiver's approval and expiry around TODAY
EXEMPTION = {"law": "ir-foi", "article": "14", "review_by": "2026-03-01"}

Errors = set[tuple[str, str, int]]


def mobile(seed: int) -> str:
    return f"0912{seed:07d}"


# -- the catalog ---------------------------------------------------------------------------


@dataclass
class Table:
    """One dataset with one resource: its entry's facts, its Table Schema and its data."""

    dataset: str
    level: str
    fields: list[dict[str, Any]]
    columns: dict[str, list[str]]
    exemptions: list[dict[str, Any]] = field(default_factory=list)
    approved: bool = False
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    missing_values: list[str] = field(default_factory=list)
    resource_level: str | None = None
    reads: Table | None = None
    """Another dataset whose data file this one's resource names (it has none of its own)."""

    @classmethod
    def base(cls, index: int, level: str) -> Table:
        redaction = REDACTIONS[index % len(REDACTIONS)]
        fields = [
            {"name": "item", "type": "string", "constraints": {"required": True}},
            {"name": "amount", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "holder", "type": "string", "sensitivity": "personal", "redaction": redaction},
        ]
        columns = {
            "item": [f"I-{row}" for row in range(ROWS)],
            "amount": [str(100 * (row + 1)) for row in range(ROWS)],
            "holder": list(HOLDERS[:ROWS]),
        }
        table = cls(f"ds{index}", level, fields, columns)
        if level == "confidential":  # a refusing level cites its exemption (IR002)
            table.exemptions.append(dict(EXEMPTION))
        return table

    @property
    def schema_path(self) -> str:
        return f"schemas/{self.dataset}.schema.yaml"

    @property
    def data_path(self) -> str:
        return f"catalog/finance/{self.dataset}/{self.dataset}-1405.csv"

    @property
    def entry_path(self) -> str:
        return f"catalog/finance/{self.dataset}.yaml"

    def add(self, spec: dict[str, Any], values: list[str]) -> None:
        self.fields.append(spec)
        self.columns[spec["name"]] = values

    def spec(self, name: str) -> dict[str, Any]:
        return next(f for f in self.fields if f["name"] == name)

    def files(self) -> dict[str, str]:
        extra = ""
        if self.exemptions:
            extra = yaml.safe_dump({"exemptions": self.exemptions}, sort_keys=False)
        text = entry(self.dataset, "finance", self.level, schema=f"{self.dataset}.schema.yaml")
        text = text.replace("license: CC-BY-4.0\n", f"license: CC-BY-4.0\n{extra}")
        if self.approved:
            text = text.replace("approvals:\n", f"approvals:\n{NEW_APPROVAL}")
        if self.resource_level is not None:
            text += f"    access_level: {self.resource_level}\n"
        schema: dict[str, Any] = {"fields": self.fields, "primaryKey": ["item"]}
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        if self.missing_values:
            schema["missingValues"] = self.missing_values
        files = {self.schema_path: yaml.safe_dump(schema, sort_keys=False, allow_unicode=True)}
        if self.reads is not None:
            own, read = (t.data_path.removeprefix("catalog/") for t in (self, self.reads))
            return {**files, self.entry_path: text.replace(f"path: {own}", f"path: {read}")}
        names = list(self.columns)
        rows = [",".join(self.columns[n][row] for n in names) for row in range(ROWS)]
        return {
            **files,
            self.entry_path: text,
            self.data_path: "\n".join([",".join(names), *rows]) + "\n",
        }


def config(target: str) -> str:
    return f"""\
govkit: 1
organisation:
  homepage: https://city.example/
  name: {{fa: شهرداری نمونه, en: Sample municipality}}
languages: [fa, en]
policies: [ir-foi, access-levels, governance]
export:
  level: {target}
"""


@dataclass(frozen=True)
class Base:
    """The catalog on `main`: the levels of its datasets, the target level, and whether the
    second dataset's rows name the first's items (a foreign key)."""

    levels: tuple[str, ...]
    target: str
    linked: bool = False

    def tables(self) -> list[Table]:
        tables = [Table.base(index, level) for index, level in enumerate(self.levels)]
        if self.linked:
            first, second = tables[0], tables[1]
            second.add({"name": "item_of", "type": "string"}, list(first.columns["item"]))
            reference = {"resource": f"{first.dataset}/{first.dataset}-1405", "fields": "item"}
            second.foreign_keys.append({"fields": "item_of", "reference": reference})
        return tables


def write(repo: GitRepo, tables: list[Table]) -> None:
    for table in tables:
        for relative, content in table.files().items():
            repo.write(relative, content)


# -- the changes ---------------------------------------------------------------------------


class Draft(list[Table]):
    """The branch's datasets, and the other files it writes (a waiver file)."""

    def __init__(self, tables: list[Table]) -> None:
        super().__init__(tables)
        self.files: dict[str, str] = {}


Edit = Callable[[Draft], None]


@dataclass(frozen=True)
class Change:
    """One change a branch makes, shown as the call that made it."""

    call: str
    apply: Edit = field(repr=False, compare=False)

    def __repr__(self) -> str:
        return self.call


def named(function: Callable[..., Edit]) -> Callable[..., Change]:
    def build(*args: Any) -> Change:
        shown = ", ".join(map(repr, args))
        return Change(f"{function.__name__}({shown})", function(*args))

    build.__name__ = build.__qualname__ = function.__name__
    return build


def _at(tables: Draft, index: int) -> Table:
    return tables[index % len(tables)]


@named
def untagged(index: int, detector: str, everywhere: bool) -> Edit:
    """A column `ref` with no `sensitivity`: national IDs, mobiles or IDs whose check digit
    is wrong, in every row or in one."""

    def change(tables: Draft) -> None:
        table = _at(tables, index)
        values = [_value(detector, 1000 * index + row) for row in range(ROWS)]
        if not everywhere:
            values[1:] = [f"R-{row}" for row in range(1, ROWS)]
        table.add({"name": "ref", "type": "string"}, values)

    return change


def _value(detector: str, seed: int) -> str:
    if detector == "national-id":
        return national_id(seed + 1234567)
    if detector == "mobile":
        return mobile(seed + 1234)
    good = national_id(seed + 1234567)
    return good[:-1] + str((int(good[-1]) + 1) % 10)  # a check digit that is wrong


@named
def header_word(index: int, name: str) -> Edit:
    """An untagged column whose header names personal data; its values name no one."""

    def change(tables: Draft) -> None:
        _at(tables, index).add({"name": name, "type": "string"}, ["x"] * ROWS)

    return change


@named
def tagged(index: int, sensitivity: str, redaction: str | None) -> Edit:
    """A column `ref` of national IDs whose field says what it is (or wrongly says `none`)."""

    def change(tables: Draft) -> None:
        spec: dict[str, Any] = {"name": "ref", "type": "string", "sensitivity": sensitivity}
        if redaction is not None:
            spec["redaction"] = redaction
        _at(tables, index).add(spec, [national_id(77000 + row) for row in range(ROWS)])

    return change


@named
def keep_where(index: int, on: str) -> Edit:
    """A `kind` column, and a `keep_where` on one field: the personal `holder` (which can
    apply only where it is masked or hashed) or the plain `amount` (which cannot)."""

    def change(tables: Draft) -> None:
        table = _at(tables, index)
        kinds = ["company" if row % 2 else "person" for row in range(ROWS)]
        table.add({"name": "kind", "type": "string"}, kinds)
        table.spec(on)["keep_where"] = {"field": "kind", "in": ["company"]}

    return change


@named
def exempt(index: int, covers: str) -> Edit:
    """An exemption of the whole dataset, of its resource, or of one field (`Amount` names
    no field)."""

    def change(tables: Draft) -> None:
        table = _at(tables, index)
        exemption: dict[str, Any] = dict(EXEMPTION)
        if covers != "whole":
            exemption["resources"] = [f"{table.dataset}-1405"]
        if covers not in ("whole", "resource"):
            exemption["fields"] = [covers]
        table.exemptions.append(exemption)

    return change


@named
def relevel(index: int, level: str, approved: bool) -> Edit:
    """The dataset's access level changed, with a new approval of the committee or without."""

    def change(tables: Draft) -> None:
        table = _at(tables, index)
        table.level, table.approved = level, approved

    return change


@named
def resource_level(index: int, level: str) -> Edit:
    """The resource given its own access level, stricter or looser than its dataset's."""

    def change(tables: Draft) -> None:
        _at(tables, index).resource_level = level

    return change


@named
def waived(index: int, rule: str, dates: tuple[str, str]) -> Edit:
    """A column of national IDs with no `sensitivity`, and a waiver of the committee for the
    rule it breaks, live or expired (or approved in a future that has not come)."""

    def change(tables: Draft) -> None:
        untagged(index, "national-id", True).apply(tables)
        waiver = {
            "id": "ids-accepted",
            "rule": rule,
            "target": {"dataset": _at(tables, index).dataset},
            "reason": {"en": "The references are being replaced.", "fa": "در حال جایگزینی"},
            "approver": "Transparency and Smart City committee",
            "reference": "1404/78",
            "approved": dates[0],
            "expires": dates[1],
        }
        tables.files["policies/waivers.yaml"] = yaml.safe_dump(
            {"waivers": [waiver]}, sort_keys=False, allow_unicode=True
        )

    return change


@named
def bad_integer(index: int) -> Edit:
    def change(tables: Draft) -> None:
        _at(tables, index).columns["amount"][1] = "12x"

    return change


@named
def iso_date(index: int, redaction: str | None) -> Edit:
    """A Jalali date column that asks for an ISO date column beside it, redacted or not."""

    def change(tables: Draft) -> None:
        spec: dict[str, Any] = {"name": "granted", "type": "string", "calendar": "jalali"}
        spec["iso_date"] = "granted_iso"
        if redaction is not None:
            spec |= {"sensitivity": "personal", "redaction": redaction}
        _at(tables, index).add(spec, [f"1403/0{row + 1}/15" for row in range(ROWS)])

    return change


@named
def jalali_date(index: int) -> Edit:
    """A field of `type: date` whose values are Jalali dates."""

    def change(tables: Draft) -> None:
        spec = {"name": "granted", "type": "date", "calendar": "jalali"}
        _at(tables, index).add(spec, [f"1404/0{row + 1}/15" for row in range(ROWS)])

    return change


@named
def renamed_item(index: int) -> Edit:
    """An item's key changed: the rows of a dataset whose foreign key names it now name
    nothing."""

    def change(tables: Draft) -> None:
        _at(tables, index).columns["item"][1] = "I-9"

    return change


@named
def missing_values(index: int) -> Edit:
    """A holder's name listed among the schema's missing values."""

    def change(tables: Draft) -> None:
        _at(tables, index).missing_values = ["", HOLDERS[0]]

    return change


@named
def same_file(index: int, level: str) -> Edit:
    """A new dataset whose resource is another dataset's data file, with a Table Schema
    that tags nothing."""

    def change(tables: Draft) -> None:
        read = _at(tables, index)
        reader = Table.base(len(tables), level)
        reader.fields = [
            {key: value for key, value in spec.items() if key not in ("sensitivity", "redaction")}
            for spec in read.fields
        ]
        reader.reads = read
        tables.append(reader)

    return change


@named
def new_figure(index: int) -> Edit:
    def change(tables: Draft) -> None:
        _at(tables, index).columns["amount"][0] = "150"

    return change


@named
def new_dataset(level: str, with_ids: bool) -> Edit:
    """A dataset added, its holders redacted, with a column of national IDs or without."""

    def change(tables: Draft) -> None:
        tables.append(Table.base(len(tables), level))
        if with_ids:
            untagged(len(tables) - 1, "national-id", True).apply(tables)

    return change


# Which dataset a change touches is drawn as any index, then taken modulo the base's size.
index = st.integers(0, 2)
changes = st.one_of(
    st.builds(
        untagged,
        index,
        st.sampled_from(["national-id", "national-id", "mobile", "bad-check-digit"]),
        st.booleans(),
    ),
    st.builds(header_word, index, st.sampled_from(["applicant_national_id", "mobile", "address"])),
    st.builds(
        tagged,
        index,
        st.sampled_from(["personal", "special", "none"]),
        st.sampled_from([None, "drop", "mask", "hash", "aggregate"]),
    ),
    st.builds(keep_where, index, st.sampled_from(["holder", "amount"])),
    st.builds(exempt, index, st.sampled_from(["whole", "resource", "holder", "amount", "Amount"])),
    st.builds(relevel, index, st.sampled_from(LEVELS), st.booleans()),
    st.builds(bad_integer, index),
    st.builds(resource_level, index, st.sampled_from(LEVELS)),
    st.builds(
        waived,
        index,
        st.sampled_from(["GK301", "untagged-personal-column"]),
        st.sampled_from([LIVE, ("2025-01-01", "2025-03-01"), ("9999-01-01", "9999-05-01")]),
    ),
    st.builds(iso_date, index, st.sampled_from([None, "mask", "hash"])),
    st.builds(new_figure, index),
    st.builds(renamed_item, index),
    st.builds(jalali_date, index),
    st.builds(missing_values, index),
    st.builds(same_file, index, st.sampled_from(LEVELS[:4])),
    st.builds(new_dataset, st.sampled_from(LEVELS[:4]), st.booleans()),
)
# Few bases, so that each is built and checked once and copied for the examples that use it;
# of two datasets, the second's rows always name the first's items.
bases = st.builds(
    lambda levels, target: Base(levels, target, linked=len(levels) > 1),
    st.lists(st.sampled_from(["public", "internal", "confidential"]), min_size=1, max_size=2).map(
        lambda levels: tuple(sorted(levels))
    ),
    st.sampled_from(TARGETS),
)


# -- the three verdicts --------------------------------------------------------------------


def errors(findings: tuple[Finding, ...]) -> Errors:
    return {
        (f.code, f.location.path, f.location.line)
        for f in findings
        if f.severity.value == "error" and f.suppressed_by is None
    }


@dataclass(frozen=True)
class Verdicts:
    """`ci --base main`, `check --level L` and `export --level L` of one commit."""

    ci: Report
    check: Report
    export: ExportResult

    @classmethod
    def of(cls, root: Path, level: str, out: Path, *, cache: Path | None) -> Verdicts:
        """The three, the export a dry run."""
        today = dt.date.fromisoformat(TODAY)
        return cls(
            api.ci("main", root=root, today=today, cache=cache),
            api.check(root, level=level, today=today, cache=cache),
            api.export(
                root, level=level, out=out, dry_run=True, environ=ENVIRON, today=today,
                cache=cache,
            ),
        )  # fmt: skip

    @property
    def refusing(self) -> Errors:
        return errors(self.export.report.findings)

    def agree(self) -> None:
        """What the export refuses, ci and check fail on; what ci passes, the export releases."""
        ci_failed, check_failed = self.ci.failed(FailOn.ERROR), self.check.failed(FailOn.ERROR)
        if self.export.refused:
            assert ci_failed, f"the export refuses {self.refusing}, ci passes"
            assert check_failed, f"the export refuses {self.refusing}, check passes"
            assert self.refusing <= errors(self.ci.findings), self.refusing - errors(
                self.ci.findings
            )
            assert self.refusing <= errors(self.check.findings), self.refusing - errors(
                self.check.findings
            )
        if not ci_failed:
            assert not self.export.refused, f"ci passes, the export refuses {self.refusing}"


# -- repositories --------------------------------------------------------------------------


class Templates:
    """Each base built once in a real repository, checked clean, and copied for each example
    (with the results its check cached) into a fresh folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[Base, Path] = {}

    def copy(self, base: Base, into: Path) -> tuple[GitRepo, Path]:
        if base not in self.built:
            self.built[base] = self._build(base, self.folder / f"base-{len(self.built)}")
        shutil.copytree(self.built[base], into, symlinks=True, dirs_exist_ok=True)
        return GitRepo(into / "city", commits=2), into / "cache"

    @staticmethod
    def _build(base: Base, folder: Path) -> Path:
        repo = committed_base(folder / "city", base, folder / "cache")
        today = dt.date.fromisoformat(TODAY)
        check = api.check(repo.root, level=base.target, today=today, cache=folder / "cache")
        assert not check.failed(FailOn.ERROR), (base, errors(check.findings))
        export = api.export(
            repo.root, level=base.target, out=folder / "release", dry_run=True, environ=ENVIRON,
            today=today, cache=folder / "cache",
        )  # fmt: skip
        assert not export.refused, (base, errors(export.report.findings))
        return folder


def committed_base(root: Path, base: Base, cache: Path | None = None) -> GitRepo:
    """`base` on `main`, added there by a merge request that `ci` passes."""
    root.mkdir(parents=True)
    repo = GitRepo(root)
    repo.git("init", "-q")
    repo.write("govkit.yaml", config(base.target))
    repo.write("catalog/units.yaml", UNITS)
    repo.commit("the catalog's settings")
    repo.git("checkout", "-q", "-b", "datasets")
    write(repo, base.tables())
    repo.commit("the datasets")
    added = api.ci("main", root=root, today=dt.date.fromisoformat(TODAY), cache=cache)
    assert not added.failed(FailOn.ERROR), errors(added.findings)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "datasets")
    return repo


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("bases"))


def branched(repo: GitRepo, base: Base, change: Change) -> None:
    repo.git("checkout", "-q", "-b", "change")
    draft = Draft(base.tables())
    change.apply(draft)
    write(repo, draft)
    for relative, content in draft.files.items():
        repo.write(relative, content)
    repo.commit(repr(change))


# -- the property --------------------------------------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(base=bases, change=changes)
def test_what_export_refuses_ci_and_check_fail_on_where_it_does(
    templates: Templates, base: Base, change: Change
) -> None:
    with tempfile.TemporaryDirectory(prefix="govkit-agree-") as folder:
        repo, cache = templates.copy(base, Path(folder))
        branched(repo, base, change)
        verdicts = Verdicts.of(repo.root, base.target, Path(folder) / "release", cache=cache)
        event("export refused" if verdicts.export.refused else "export released")
        event("ci failed" if verdicts.ci.failed(FailOn.ERROR) else "ci passed")
        verdicts.agree()


# -- hand-made scenarios -------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A change to a base, and what the export of its level must say: the codes that refuse
    it (empty: it releases; None: whatever the other commands agree with), and whether `ci`
    passes."""

    base: Base
    change: Change
    refused_by: frozenset[str] | None = frozenset()
    ci_passes: bool | None = None


PUBLIC = Base(("public",), "public")
WITHHELD_BESIDE_PUBLIC = Base(("confidential", "public"), "public")
SCENARIOS = {
    "untagged national IDs": Scenario(
        PUBLIC, untagged(0, "national-id", True), frozenset({"GK301"})
    ),
    "untagged mobiles": Scenario(PUBLIC, untagged(0, "mobile", True), frozenset({"GK301"})),
    "one national ID among references": Scenario(
        PUBLIC, untagged(0, "national-id", False), ci_passes=True
    ),
    "national IDs whose check digit is wrong": Scenario(
        PUBLIC, untagged(0, "bad-check-digit", True), ci_passes=True
    ),
    "a personal header word": Scenario(
        PUBLIC, header_word(0, "applicant_national_id"), frozenset({"GK301"})
    ),
    "national IDs said to be no one's": Scenario(
        PUBLIC, tagged(0, "none", None), frozenset({"GK301"})
    ),
    "national IDs tagged personal and hashed": Scenario(
        PUBLIC, tagged(0, "personal", "hash"), ci_passes=True
    ),
    "a personal field without a redaction": Scenario(
        PUBLIC, tagged(0, "personal", None), frozenset({"IR011"})
    ),
    "an aggregate redaction": Scenario(
        PUBLIC, tagged(0, "personal", "aggregate"), frozenset({"GK606"})
    ),
    "a keep_where on a field without a redaction": Scenario(
        PUBLIC, keep_where(0, "amount"), frozenset({"GK610"})
    ),
    "a keep_where on a masked field": Scenario(PUBLIC, keep_where(0, "holder"), ci_passes=True),
    "an ISO date column of a redacted field": Scenario(
        PUBLIC, iso_date(0, "mask"), frozenset({"GK608"})
    ),
    "an ISO date column": Scenario(PUBLIC, iso_date(0, None), ci_passes=True),
    "a Jalali date typed `date`": Scenario(PUBLIC, jalali_date(0), None),
    "a bad integer": Scenario(PUBLIC, bad_integer(0), frozenset({"GK211"})),
    "untagged national IDs that the committee waived": Scenario(
        PUBLIC, waived(0, "GK301", LIVE), ci_passes=True
    ),
    "untagged national IDs whose waiver expired": Scenario(
        PUBLIC, waived(0, "GK301", ("2025-01-01", "2025-03-01")), frozenset({"GK301", "GK402"})
    ),
    "a resource looser than its dataset": Scenario(
        Base(("internal",), "public"), resource_level(0, "public"), None, ci_passes=False
    ),
    "a new figure": Scenario(PUBLIC, new_figure(0), ci_passes=True),
    "a holder's name among the missing values": Scenario(PUBLIC, missing_values(0), None),
    "a public dataset that reads a confidential dataset's file": Scenario(
        WITHHELD_BESIDE_PUBLIC, same_file(0, "public"), None
    ),
    "an item renamed that another dataset's foreign key names": Scenario(
        Base(("public", "public"), "public", linked=True), renamed_item(0), frozenset({"GK221"})
    ),
    "a new public dataset with untagged national IDs": Scenario(
        PUBLIC, new_dataset("public", True), frozenset({"GK301"})
    ),
    "untagged mobiles at restricted-public": Scenario(
        Base(("public",), "restricted-public"), untagged(0, "mobile", True), frozenset({"GK301"})
    ),
    "a withheld confidential dataset with untagged national IDs": Scenario(
        WITHHELD_BESIDE_PUBLIC, untagged(0, "national-id", True), ci_passes=True
    ),
    "a public dataset withheld by an exemption": Scenario(
        PUBLIC, exempt(0, "whole"), ci_passes=True
    ),
    "an internal dataset made public without the committee": Scenario(
        Base(("internal", "public"), "public"), relevel(0, "public", False), ci_passes=False
    ),
    "an internal dataset made public by the committee": Scenario(
        Base(("internal", "public"), "public"), relevel(0, "public", True), ci_passes=True
    ),
}


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_export_ci_and_check_agree_on(scenario: Scenario, tmp_path: Path) -> None:
    base = scenario.base
    repo = committed_base(tmp_path / "city", base)
    branched(repo, base, scenario.change)

    verdicts = Verdicts.of(repo.root, base.target, tmp_path / "release", cache=None)
    written = api.export(
        repo.root, level=base.target, out=tmp_path / "written", environ=ENVIRON,
        today=dt.date.fromisoformat(TODAY),
    )  # fmt: skip

    verdicts.agree()
    if scenario.refused_by is not None:
        assert {code for code, _, _ in verdicts.refusing} == scenario.refused_by
    assert written.refused == verdicts.export.refused
    assert errors(written.report.findings) == verdicts.refusing
    assert written.written == (tmp_path / "written").is_dir() == (not written.refused)
    if scenario.refused_by == frozenset():
        assert not verdicts.check.failed(FailOn.ERROR), errors(verdicts.check.findings)
    if scenario.ci_passes is not None:
        assert verdicts.ci.failed(FailOn.ERROR) != scenario.ci_passes, errors(verdicts.ci.findings)
