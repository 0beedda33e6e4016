"""The one thing export must never do: publish what it should not.

Hypothesis builds random small catalogs (levels of datasets and resources,
exemptions, field sensitivities and redactions, forced or not) whose every
cell holds a unique marker, releases them at a random level, and searches the
bytes of every released file, and of every member of every zip, for markers
that must not be there: any value of a resource above the level (or
classified, or exempt), and any raw value of a field that is dropped, masked,
hashed, exempt, or personal without a redaction, except in the rows a valid
`keep_where` keeps (every resource has a `kind` column saying which). Some
schemas list values of their redacted fields as `missingValues`, which must
not bring them into the data or the released schema.

Public-facing resources may also hold a column with no `sensitivity` whose
every cell is a canary: a valid national ID (کد ملی) or mobile number, unique
in the catalog, in one row or more (an identifier that always names a person
is judged from its first value). The values are looked at, so no canary may
be released at a public-facing level: the export refuses, or (with `--force --reason`) says in its
report which resource's personal-looking column it released anyway.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govkit import api
from tests.export.builders import ENVIRON, csv, dataset, resource, write_catalog

LEVELS = ["public", "restricted-public", "internal", "confidential", "classified"]
PUBLIC_FACING = {"public", "restricted-public"}
SENSITIVITIES = [None, "none", "personal", "special", "commercial"]
REDACTIONS = [None, None, "drop", "mask", "hash", "aggregate"]


@dataclass
class Markers:
    """Unique, fixed-width cell values, so one is never part of another."""

    count: int = 0

    def next(self) -> str:
        self.count += 1
        return f"MK{self.count:06d}Q"


@dataclass
class Canaries:
    """Unique personal values: national IDs from 3000000000, mobiles from 09350000000, so
    that none is part of another, of a marker or of the release's timestamps."""

    count: int = 0

    def next(self, kind: str) -> str:
        self.count += 1
        if kind == "mobile":
            return f"0935{self.count:07d}"
        body = f"3{self.count:08d}"
        total = sum(int(digit) * (10 - i) for i, digit in enumerate(body)) % 11
        return body + str(total if total < 2 else 11 - total)


@dataclass
class Oracle:
    forbidden: set[str] = field(default_factory=set)
    expected: set[str] = field(default_factory=set)
    """Markers of kept fields of released resources: they must be in a written release."""
    canaries: dict[str, str] = field(default_factory=dict)
    """Canary of an untagged personal column: the resource it is in."""


KIND = "kind"
KEEP, HIDE = "KEEPQ", "HIDEQ"
fields_strategy = st.lists(
    st.tuples(st.sampled_from(SENSITIVITIES), st.sampled_from(REDACTIONS), st.booleans()),
    min_size=1,
    max_size=4,
)
# Open levels come up more often, so that most examples release something to search.
open_levels = st.sampled_from(["public", "public", "restricted-public", *LEVELS])
CANARY = "ref"
canary_strategy = st.sampled_from([None, None, "national-id", "mobile"])
resource_strategy = st.tuples(
    st.one_of(st.none(), st.none(), open_levels),
    fields_strategy,
    st.integers(1, 3),
    st.booleans(),
    canary_strategy,
)
exemption_strategy = st.sampled_from(["none", "whole", "resource", "field"])
dataset_strategy = st.tuples(
    open_levels,
    st.lists(resource_strategy, min_size=1, max_size=2),
    exemption_strategy,
)
catalog_strategy = st.lists(dataset_strategy, min_size=1, max_size=3)


def build(root: Path, shapes: list[Any], level: str) -> Oracle:
    markers, canaries, oracle = Markers(), Canaries(), Oracle()
    entries, schemas, data = [], {}, {}
    for d_index, (d_level, resources, exemption_kind) in enumerate(shapes):
        dataset_id = f"ds{d_index:03d}q"
        described, exemptions = [], []
        for r_index, (r_level, field_shapes, row_count, listed, drawn_canary) in enumerate(
            resources
        ):
            name = f"rs{d_index:03d}{r_index:03d}q"
            described.append(resource(dataset_id, name, r_level))
            fields = [_field(f_index, shape) for f_index, shape in enumerate(field_shapes)]
            canary = drawn_canary if _public_facing(d_level, r_level) else None
            kinds = [KEEP if r % 2 == 0 else HIDE for r in range(row_count)]
            rows = [[markers.next() for _ in fields] for _ in range(row_count)]
            missing = [""]
            if listed and row_count > 1:  # a row that `keep_where` never keeps
                missing += [v for v, f in zip(rows[1], fields, strict=True) if _redacted(f)]
            extra: list[dict[str, Any]] = []
            if canary is not None:
                extra = [{"name": CANARY, "type": "string"}]  # no sensitivity
                for row in rows:
                    row.append(canaries.next(canary))
                    oracle.canaries[row[-1]] = name
            schemas[name] = {"fields": [*fields, *extra, {"name": KIND}], "missingValues": missing}
            data[name] = csv(
                [*(f["name"] for f in (*fields, *extra)), KIND],
                [[*row, kind] for row, kind in zip(rows, kinds, strict=True)],
            )
            exemption = _exemption(exemption_kind, name, fields)
            if exemption is not None:
                exemptions.append(exemption)
            withheld = _resource_withheld(level, d_level, r_level, exemption_kind, fields)
            for column, spec in enumerate(fields):
                for row, kind in zip(rows, kinds, strict=True):
                    kept = kind == KEEP and _kept_where(level, spec, exemption)
                    if withheld or (_field_withheld(level, spec, exemption) and not kept):
                        oracle.forbidden.add(row[column])
                    else:
                        oracle.expected.add(row[column])
        entries.append(dataset(dataset_id, d_level, described, exemptions=exemptions))
    write_catalog(root, entries, schemas, data)
    return oracle


def _field(index: int, shape: tuple[str | None, str | None, bool]) -> dict[str, Any]:
    sensitivity, redaction, keep = shape
    spec: dict[str, Any] = {"name": f"f{index}", "type": "string"}
    if sensitivity is not None:
        spec["sensitivity"] = sensitivity
    if redaction is not None:
        spec["redaction"] = redaction
    if keep:  # on any field: where it cannot apply, it is refused or ignored
        spec["keep_where"] = {"field": KIND, "in": [KEEP]}
    return spec


def _redacted(spec: dict[str, Any]) -> bool:
    return spec.get("redaction") in ("drop", "mask", "hash")


def _kept_where(level: str, spec: dict[str, Any], exemption: dict[str, Any] | None) -> bool:
    """Whether a `keep_where` row of this field may be released as it is: only personal
    data (or untagged) that no exemption covers, masked or hashed elsewhere."""
    if "keep_where" not in spec or spec.get("redaction") not in ("mask", "hash"):
        return False
    if spec.get("sensitivity") not in (None, "none", "personal"):
        return False
    exempt = exemption is not None and spec["name"] in exemption.get("fields", [])
    return not (exempt and level in PUBLIC_FACING)


def _exemption(kind: str, name: str, fields: list[dict[str, Any]]) -> dict[str, Any] | None:
    base = {"law": "ir-foi", "article": "14"}
    if kind == "whole" and name.endswith("000q"):
        return base
    if kind == "resource":
        return {**base, "resources": [name]}
    if kind == "field":
        return {**base, "resources": [name], "fields": [fields[0]["name"]]}
    return None


def _public_facing(d_level: str, r_level: str | None) -> bool:
    """Whether a resource's own level (the stricter of its and its dataset's) is public."""
    level = r_level if _rank(r_level) > _rank(d_level) else d_level
    return level in PUBLIC_FACING


def _rank(level: str | None) -> int:
    return LEVELS.index(level) if level is not None else -1


def _resource_withheld(
    level: str, d_level: str, r_level: str | None, exemption: str, fields: list[dict[str, Any]]
) -> bool:
    if "classified" in (d_level, r_level):
        return True
    if max(_rank(d_level), _rank(r_level)) > _rank(level):
        return True
    if level in PUBLIC_FACING and exemption in ("whole", "resource"):
        return True
    return any(f.get("redaction") == "aggregate" for f in fields)


def _field_withheld(level: str, spec: dict[str, Any], exemption: dict[str, Any] | None) -> bool:
    if spec.get("redaction") in ("drop", "mask", "hash"):
        return True  # its raw values never leave, whatever else happens
    if level not in PUBLIC_FACING:
        return False
    exempt = exemption is not None and spec["name"] in exemption.get("fields", [])
    return exempt or spec.get("sensitivity") in ("personal", "special")


def released_bytes(out: Path) -> list[bytes]:
    """Every file of the release, and every member of every zip in it."""
    contents = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        contents.append(path.read_bytes())
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                contents.extend(archive.read(name) for name in archive.namelist())
    return contents


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    shapes=catalog_strategy,
    level=st.sampled_from(["public", "public", *LEVELS[:-1]]),
    forced=st.booleans(),
)
def test_nothing_leaks(shapes: list[Any], level: str, forced: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="govkit-leak-") as folder:
        root, out = Path(folder) / "catalog", Path(folder) / "release"
        oracle = build(root, shapes, level)
        result = api.export(
            root,
            level=level,
            out=out,
            allow_dirty=True,
            force_reason="property test" if forced else None,
            environ=ENVIRON,
        )
        event("with canaries" if oracle.canaries else "without canaries")
        event("written" if result.written else "refused")
        if not result.written:
            assert not out.exists()
            return
        released = released_bytes(out)
        everything = b"\n".join(released)
        leaked = sorted(m for m in oracle.forbidden if m.encode() in everything)
        assert not leaked, f"released what it must not: {leaked}"
        missing = sorted(m for m in oracle.expected if m.encode() not in everything)
        assert not missing, f"withheld what it may release: {missing}"
        # A level only staff see releases personal data as it is, tagged or not.
        published = (
            {name for canary, name in oracle.canaries.items() if canary.encode() in everything}
            if level in PUBLIC_FACING
            else set()
        )
        assert forced or not published, f"released the personal values of {sorted(published)}"
        forced_past = {
            f.resource for f in result.report.findings if f.code == "GK301" and f.suppressed_by
        }
        assert published <= forced_past, (
            f"released {sorted(published - forced_past)} without saying so"
        )


@pytest.mark.parametrize("rows", [1, 2])
def test_a_short_public_table_does_not_release_untagged_national_ids(
    rows: int, tmp_path: Path
) -> None:
    canaries = Canaries()
    ids = [canaries.next("national-id") for _ in range(rows)]
    entries = [dataset("grants", "public", [resource("grants", "grants-1405")])]
    schemas = {"grants-1405": {"fields": [{"name": "grant_id"}, {"name": CANARY}]}}
    data = {"grants-1405": csv(["grant_id", CANARY], [[f"G-{i}", v] for i, v in enumerate(ids)])}
    root = write_catalog(tmp_path / "catalog", entries, schemas, data)

    result = api.export(root, out=tmp_path / "release", allow_dirty=True, environ=ENVIRON)

    everything = b"\n".join(released_bytes(tmp_path / "release")) if result.written else b""
    assert not [value for value in ids if value.encode() in everything]
