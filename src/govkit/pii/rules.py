"""The personal-data rules (GK3xx): pure functions over samples of publishable resources.

Reading the samples is `govkit.pii.scan`'s job; these rules only judge them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from govkit.catalog.loader import Entry
from govkit.catalog.models import Dataset
from govkit.findings import Location, Severity
from govkit.pii.detectors import detect
from govkit.pii.headers import personal_header_word
from govkit.pii.sample import Sample
from govkit.rules import Violation, rule
from govkit.yamlio import YamlDocument

PERSONAL_TAGS = frozenset({"personal", "special"})
# Art. 5 of the privacy guideline: data of legal persons, and officials' work details, are
# not personal data; a field marked with such a role has been judged by its steward.
REVIEWED_ROLES = frozenset({"legal-person", "official"})
TEXT_TYPES = frozenset({"string", "any"})


@dataclass(frozen=True)
class ResourceSample:
    """One publishable resource and what could be read of its data."""

    entry: Entry[Dataset]
    index: int
    data_path: str
    schema: YamlDocument | None
    sample: Sample | None
    problem: str | None = None

    @property
    def name(self) -> str:
        return self.entry.model.resources[self.index].name

    def fields(self) -> list[dict[str, Any]]:
        fields = self.schema.data.get("fields") if self.schema else None
        if not isinstance(fields, list):
            return []
        return [f if isinstance(f, dict) else {} for f in fields]


@rule("GK301", "untagged-personal-column", Severity.ERROR)
def untagged_personal_column(samples: Sequence[ResourceSample]) -> Iterator[Violation]:
    """A column of a publishable resource looks personal, but its field is not tagged personal.

    What it checks (`govkit check --scan`): in the first rows of each resource
    at a publishable level (at most as strict as `export.level`), a column is
    personal-looking when 80 % of its values or more are national IDs, legal
    IDs, mobile or landline numbers, postal codes, Sheba numbers, bank cards
    (checksums verified), email addresses or vehicle plates (in text fields:
    dates and numbers hold no identifiers), or when its header
    or its field's title names personal data (کد ملی, تلفن, نشانی, address,
    mobile...).

    Why: export redacts the fields tagged `sensitivity: personal`; an untagged
    personal column would be published as it is, against art. 14 of the law
    and the privacy guideline.

    Fix: tag the field `sensitivity: personal` and give it a `redaction`, or
    publish the resource at a stricter level. If the values are not about
    people (a park's street address, a company's legal ID), record that
    judgement: `sensitivity: none` settles a header word and values that may
    belong to an office or a company (landlines, postal codes, emails, legal
    IDs, plates), and `subject_role: legal-person` or `official` settles any
    match. National IDs, mobiles, bank cards and Sheba numbers always
    identify a person, so they outweigh `sensitivity: none`.
    """
    for item in samples:
        if item.sample is None:
            continue
        fields = item.fields()
        by_name = {f.get("name"): i for i, f in enumerate(fields)}
        for position, values in enumerate(item.sample.columns):
            column = item.sample.header[position] if item.sample.header else None
            index = by_name.get(column) if column is not None else position
            field = fields[index] if index is not None and index < len(fields) else None
            reason = _personal_evidence(column or (field or {}).get("name", ""), field, values)
            if reason is None:
                continue
            name = column or (field or {}).get("name") or f"#{position + 1}"
            yield _violation(item, name, index if field is not None else None, reason)


def _personal_evidence(
    column: str, field: dict[str, Any] | None, values: Sequence[str]
) -> str | None:
    spec = field or {}
    sensitivity = spec.get("sensitivity")
    if sensitivity in PERSONAL_TAGS or spec.get("subject_role") in REVIEWED_ROLES:
        return None
    # Identifiers are text: a date, number or boolean field holds none, whatever its digits.
    textual = spec.get("type", "string") in TEXT_TYPES
    detection = detect(values) if textual else None
    if sensitivity is not None:
        # A steward judged the field: only values that always identify a person outweigh that.
        return detection.describe() if detection and detection.detector.personal else None
    if detection is not None:
        return detection.describe()
    title = spec.get("title")
    word = personal_header_word(column, title if isinstance(title, str) else "")
    return f"its header names personal data ('{word}')" if word else None


def _violation(item: ResourceSample, column: str, index: int | None, reason: str) -> Violation:
    dataset = item.entry.model.id
    if item.schema is not None and index is not None:
        pointer = f"/fields/{index}"
        at = item.schema.locate(f"{pointer}/sensitivity")
        location = Location(item.schema.path, at.line, at.column, pointer)
        fix = f"tag the field `sensitivity: personal` with a `redaction` in {item.schema.path}"
    else:
        location = Location(item.data_path, 1, 1)
        fix = "declare the column in the resource's Table Schema as `sensitivity: personal`"
    message = (
        f"column '{column}' of {item.data_path} looks personal ({reason}) but is not tagged "
        f"personal: {fix}, or publish the resource at a stricter level"
    )
    field = column if index is not None else None
    return Violation(message, location, dataset=dataset, resource=item.name, field=field)


@rule("GK302", "resource-not-scanned", Severity.WARNING)
def resource_not_scanned(samples: Sequence[ResourceSample]) -> Iterator[Violation]:
    """A publishable resource could not be scanned for personal data.

    `--scan` reads a sample of each resource at a publishable level; this one
    could not be read as delimited text (an unknown encoding, a cell beyond
    the CSV reader's limit, a format such as Parquet that only the data
    engine reads), so whether it holds personal data is unknown.

    Fix: correct the resource's `format`, `encoding` or `dialect`, or check
    its data with `govkit validate`.
    """
    for item in samples:
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
