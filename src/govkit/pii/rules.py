"""The personal-data rules (GK3xx): pure functions over what was counted in publishable data.

Counting is `govkit.pii.scan`'s job (SQL over whole columns); these rules only judge the
counts, so they never see a value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govkit.catalog.loader import Entry
from govkit.catalog.models import Dataset
from govkit.findings import Location, Severity
from govkit.pii.detectors import Detection, decide
from govkit.pii.headers import personal_header_word
from govkit.rules import Violation, rule
from govkit.yamlio import YamlDocument

PERSONAL_TAGS = frozenset({"personal", "special"})
# Art. 5 of the privacy guideline: data of legal persons, and officials' work details, are
# not personal data; a field marked with such a role has been judged by its steward.
REVIEWED_ROLES = frozenset({"legal-person", "official"})
TEXT_TYPES = frozenset({"string", "any"})


@dataclass(frozen=True)
class ColumnCounts:
    """One column of a data file, counted: its header label (None without a header row),
    its non-empty values, and how many of them each detector recognises, by kind. Values
    are counted only in columns `judged_by_values` (0 and nothing matched elsewhere)."""

    label: str | None
    values: int
    matched: Mapping[str, int]

    def detection(self) -> Detection | None:
        return decide(self.values, self.matched)


@dataclass(frozen=True)
class ResourceScan:
    """One publishable resource and its columns as counted; None, with the `problem`,
    when the data engine could not read it."""

    entry: Entry[Dataset]
    index: int
    data_path: str
    schema: YamlDocument | None
    columns: tuple[ColumnCounts, ...] | None
    problem: str | None = None
    released: frozenset[str] | None = None
    """The fields released as they are (None: every field); the others are not judged."""

    @property
    def name(self) -> str:
        return self.entry.model.resources[self.index].name

    def fields(self) -> list[dict[str, Any]]:
        return schema_fields(self.schema)


def schema_fields(schema: YamlDocument | None) -> list[dict[str, Any]]:
    """The fields of a Table Schema, an empty spec for each that is not a mapping."""
    fields = schema.data.get("fields") if schema else None
    if not isinstance(fields, list):
        return []
    return [f if isinstance(f, dict) else {} for f in fields]


def column_field(
    fields: Sequence[dict[str, Any]], label: str | None, position: int
) -> tuple[int | None, dict[str, Any] | None]:
    """The field a column is declared by (its index, its spec): by header label, or by
    position when the file has no header row."""
    if label is None:
        index: int | None = position
    else:
        index = {f.get("name"): i for i, f in enumerate(fields)}.get(label)
    if index is None or index >= len(fields):
        return None, None
    return index, fields[index]


def judged_by_values(field: dict[str, Any] | None, released: frozenset[str] | None = None) -> bool:
    """Whether a column's values can make it personal: not when its field is tagged personal
    or reviewed, nor when it is not text (a date, number or boolean holds no identifiers,
    whatever its digits), nor when it is not released as it is (withheld or redacted)."""
    spec = field or {}
    if spec.get("sensitivity") in PERSONAL_TAGS or spec.get("subject_role") in REVIEWED_ROLES:
        return False
    return spec.get("type", "string") in TEXT_TYPES and is_released(field, released)


def is_released(field: dict[str, Any] | None, released: frozenset[str] | None) -> bool:
    """Whether a column is released as it is; one its schema does not declare always is."""
    return released is None or field is None or field.get("name") in released


def settled_by_reason(field: dict[str, Any] | None) -> bool:
    """Whether the steward recorded that a field is not personal, and why."""
    spec = field or {}
    reason = spec.get("sensitivity_reason")
    return spec.get("sensitivity") == "none" and isinstance(reason, str) and bool(reason.strip())


@rule("GK301", "untagged-personal-column", Severity.ERROR)
def untagged_personal_column(scans: Sequence[ResourceScan]) -> Iterator[Violation]:
    """A column of a publishable resource looks personal, but its field is not tagged personal.

    What it checks (`govkit check`, `ci` and `export`): the fields each resource released at a
    public-facing target level keeps as they are, by their header words and titles, and (unless
    `check --no-scan`) by the values of its rows, in any format the data engine reads (CSV, TSV,
    Parquet, JSON), counted column by column in SQL (a large file on a random sample of 20,000
    rows first, then whole in the columns that come near a threshold, so the counts reported are
    exact). A column is personal-looking when, of its non-empty values (at least 3; one for
    identifiers that always name a person), 80 percent or more are national IDs, legal IDs,
    mobile or landline numbers, postal codes, Sheba numbers, bank cards (checksums verified),
    email addresses or vehicle plates (in text fields: dates and numbers hold no identifiers),
    or when its header or its field's title names personal data (کد ملی, تلفن, نشانی, address,
    mobile...).

    Why: export redacts the fields tagged `sensitivity: personal`; an untagged
    personal column would be published as it is, against art. 14 of the law
    and the privacy guideline.

    Fix: tag the field `sensitivity: personal` and give it a `redaction`, or
    publish the resource at a stricter level. If the values are not about
    people (a park's street address, a company's name or legal ID), record
    that judgement: `sensitivity: none` with a `sensitivity_reason` saying why
    settles a header word and values that may belong to an office or a
    company (landlines, postal codes, emails, legal IDs, plates, names), and
    `subject_role: legal-person` or `official` settles any match. National
    IDs, mobiles, bank cards and Sheba numbers always identify a person, so
    they outweigh `sensitivity: none` whatever its reason.
    """
    for item in scans:
        if item.columns is None:
            continue
        fields = item.fields()
        for position, counts in enumerate(item.columns):
            column = counts.label
            index, field = column_field(fields, column, position)
            if not is_released(field, item.released):
                continue
            evidence = _personal_evidence(
                column or (field or {}).get("name", ""), field, counts.detection()
            )
            if evidence is None:
                continue
            name = column or (field or {}).get("name") or f"#{position + 1}"
            yield _violation(item, name, index, evidence, position)


@dataclass(frozen=True)
class Evidence:
    """Why a column looks personal, and whether `sensitivity: none` with a reason settles it."""

    reason: str
    overridable: bool


def _personal_evidence(
    column: str, field: dict[str, Any] | None, detection: Detection | None
) -> Evidence | None:
    spec = field or {}
    sensitivity = spec.get("sensitivity")
    if sensitivity in PERSONAL_TAGS or spec.get("subject_role") in REVIEWED_ROLES:
        return None
    if not judged_by_values(field):
        detection = None
    if detection is not None and detection.detector.personal:
        return Evidence(_detected(detection), overridable=False)
    if sensitivity not in (None, "none") or settled_by_reason(field):
        # A steward judged the field: only values that always identify a person outweigh that.
        return None
    if detection is not None:
        return Evidence(_detected(detection), overridable=True)
    title = spec.get("title")
    word = personal_header_word(column, title if isinstance(title, str) else "")
    if word is None:
        return None
    return Evidence(f"its header names personal data ('{word}'; detector: header words)", True)


def _detected(detection: Detection) -> str:
    return f"{detection.describe()}; detector: {detection.detector.kind}"


def _violation(
    item: ResourceScan, column: str, index: int | None, evidence: Evidence, position: int
) -> Violation:
    dataset = item.entry.model.id
    if item.schema is not None and index is not None:
        pointer = f"/fields/{index}"
        at = item.schema.locate(f"{pointer}/sensitivity")
        location = Location(item.schema.path, at.line, at.column, pointer)
        fix = f"tag the field `sensitivity: personal` with a `redaction` in {item.schema.path}"
    else:
        location = Location(item.data_path, 1, position + 1)  # its header cell
        fix = "declare the column in the resource's Table Schema as `sensitivity: personal`"
    if evidence.overridable:
        fix += (
            "; if the values are not about people, `sensitivity: none` with a "
            "`sensitivity_reason` saying why"
        )
    else:
        fix += (
            "; these values always identify a person, so `sensitivity: none` does not settle "
            "them (`subject_role: official` does, for officials' work details)"
        )
    message = (
        f"column '{column}' of {item.data_path} looks personal ({evidence.reason}) but is not "
        f"tagged personal: {fix}; or publish the resource at a stricter level"
    )
    field = column if index is not None else None
    return Violation(message, location, dataset=dataset, resource=item.name, field=field)


@rule("GK302", "resource-not-scanned", Severity.WARNING)
def resource_not_scanned(scans: Sequence[ResourceScan]) -> Iterator[Violation]:
    """A publishable resource could not be scanned for personal data.

    The scan loads each resource a public-facing level releases into the data engine,
    as `govkit validate` does; this one could not be loaded (bytes that are
    not in its declared encoding, a file that is not the CSV, Parquet or JSON
    its `format` says, a format such as xlsx that the engine does not read),
    so whether it holds personal data is unknown. The message says why.

    Fix: correct the resource's `format`, `encoding` or `dialect`, or the
    file; `govkit validate` shows the same problem.
    """
    for item in scans:
        if item.problem is None:
            continue
        at = item.entry.document.locate(f"/resources/{item.index}/path")
        location = Location(
            item.entry.document.path, at.line, at.column, f"/resources/{item.index}/path"
        )
        yield Violation(
            f"{item.data_path} was not scanned for personal data: {item.problem}",
            location,
            dataset=item.entry.model.id,
            resource=item.name,
        )
