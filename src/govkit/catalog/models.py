"""The catalog format v1: pydantic models are the source of truth for every file's shape.

The JSON Schemas under `govkit/jsonschema/` are generated from these models
(`python -m govkit.catalog.jsonschemas --write`) and a test fails when they drift.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from govkit.catalog.days import as_day

FORMAT_VERSION = 1

Day = Annotated[dt.date, BeforeValidator(as_day)]
"""A day written ISO (`2025-11-20`) or Jalali (`1404/08/29`, Persian or Latin digits)."""

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100),
    Field(description="Lowercase kebab-case identifier, stable once published."),
]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
# A dot inside the domain, neither first nor last. Written so that it has one way to match:
# jsonschema runs it with Python's backtracking `re`, where `[^@\s]+\.[^@\s]+` takes cubic
# time on a domain of dots (hours on a megabyte) before `maxLength` is looked at.
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$", max_length=254)
]
Text = Annotated[
    dict[LanguageTag, NonEmpty],
    Field(
        min_length=1,
        description="Text in one or more languages, keyed by language tag: {fa: ..., en: ...}.",
    ),
]
Frequency = Annotated[
    str,
    StringConstraints(
        pattern=r"^(R/P(\d+[YMWD])+(T(\d+[HMS])+)?|R/PT(\d+[HMS])+|irregular|continuous)$"
    ),
    Field(description="ISO 8601 repeating interval such as R/P1M, or irregular / continuous."),
]
Interval = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}/(\d{4}-\d{2}-\d{2}|\.\.)$"),
    Field(description="Time covered, as an ISO 8601 interval start/end (end may be '..')."),
]
Article = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9A-Za-z().\-]{1,20}$"),
    Field(description="Article of the law, e.g. '14' or '17(c)'."),
]
RelativePath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1024),
    Field(description="A relative POSIX path that stays inside the catalog root."),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Strict):
    name: NonEmpty
    email: Email
    phone: str | None = None


class AccessLevel(Strict):
    """One level of the ordered access scheme; `pod` and `eu` map it for export."""

    id: Slug
    title: Text | None = None
    pod: str = Field(
        default="non-public",
        pattern=r"^(public|restricted public|non-public)$",
        description="US Project Open Data accessLevel this level exports as.",
    )
    eu: str = Field(
        default="NON_PUBLIC",
        pattern=r"^(PUBLIC|RESTRICTED|NON_PUBLIC)$",
        description="EU access-right vocabulary term this level exports as.",
    )


DEFAULT_ACCESS_LEVELS: tuple[AccessLevel, ...] = (
    AccessLevel(id="public", pod="public", eu="PUBLIC"),
    AccessLevel(id="restricted-public", pod="restricted public", eu="RESTRICTED"),
    AccessLevel(id="internal"),
    AccessLevel(id="confidential"),
    AccessLevel(id="classified"),
)


class Organisation(Strict):
    name: Text
    homepage: str | None = None
    email: Email | None = None


class ExportSettings(Strict):
    level: Slug = Field(default="public", description="Access level released by default.")
    out: RelativePath = Field(
        default="dist",
        description="Output folder inside the root (no '..', '~', absolute path or symbolic "
        "link; not under catalog/, schemas/, policies/ or .git/); `--out DIR` overrides it.",
    )
    formats: list[str] = Field(
        default_factory=lambda: ["datapackage", "data.json", "dcat", "ckan"],
        description="Metadata formats written next to the packages "
        "(datapackage, data.json, dcat, ckan); the Data Packages are always written.",
    )
    base_url: (
        Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$", max_length=2000)] | None
    ) = Field(
        default=None,
        description="Where the release folder is served (ending in '/'); portal metadata "
        "links to its files from there. Default: the organisation's homepage.",
    )
    normalize: list[Annotated[str, StringConstraints(pattern=r"^(digits|letters)$")]] = Field(
        default_factory=lambda: ["digits", "letters"],
        description="Clean-ups applied on export: `digits` (Persian and Arabic-Indic digits "
        "to ASCII in numeric fields), `letters` (Arabic Yeh and Kaf to Persian in text fields).",
    )


class Approval(Strict):
    ref: NonEmpty = Field(description="Committee decision reference, e.g. 1403/512.")
    date: Day
    decision: Annotated[str, StringConstraints(pattern=r"^(publish|withhold|restrict|release)$")]
    note: Text | None = None


class Config(Strict):
    """`govkit.yaml` at the catalog root."""

    govkit: int = Field(
        description="Catalog format version this file is written for.",
        ge=FORMAT_VERSION,
        le=FORMAT_VERSION,
    )
    organisation: Organisation
    languages: list[LanguageTag] = Field(
        min_length=1, description="Languages of titles and descriptions; the first is primary."
    )
    access_levels: list[AccessLevel] = Field(
        default_factory=lambda: list(DEFAULT_ACCESS_LEVELS),
        min_length=1,
        description="Ordered from the most open to the most restricted.",
    )
    policies: list[Slug] = Field(
        default_factory=list, description="Policy packs enabled for this catalog, by id."
    )
    export: ExportSettings = Field(default_factory=ExportSettings)
    approvals: list[Approval] = Field(
        default_factory=list,
        description="Committee decisions that allow a change to this file which publishes "
        "more or checks less (docs/ci.md).",
    )

    def level_rank(self, level: str) -> int | None:
        """Position of a level in the ordered scheme: higher is more restricted."""
        for rank, candidate in enumerate(self.access_levels):
            if candidate.id == level:
                return rank
        return None


class Unit(Strict):
    id: Slug
    name: Text
    steward: Contact | None = None


class Units(Strict):
    """`catalog/units.yaml`: the organisation's units (departments)."""

    units: list[Unit] = Field(min_length=1)


class LegalBasis(Strict):
    law: Slug
    article: Article | None = None
    note: Text | None = None


class HarmTest(Strict):
    """The public-interest test record a harm-test exemption needs."""

    date: Day
    ref: NonEmpty
    summary: Text | None = None


class Exemption(Strict):
    """A claim that justifies withholding all or part of a dataset."""

    law: Slug
    article: Article
    fields: list[NonEmpty] = Field(
        default_factory=list, description="Fields the exemption covers; empty means all."
    )
    resources: list[Slug] = Field(
        default_factory=list, description="Resources it covers; empty means all."
    )
    reason: Text | None = None
    harm_test: HarmTest | None = None
    classification_ref: NonEmpty | None = None
    review_by: Day | None = None


class Oversight(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Priority(Strict):
    """The committee's priority assessment of a dataset."""

    rent_generating: bool = False
    oversight: Oversight = Oversight.medium
    public_interest: int = Field(default=3, ge=1, le=5)
    feasibility: int = Field(default=3, ge=1, le=5)


class Dialect(Strict):
    """The subset of a CSV dialect a resource may declare."""

    delimiter: Annotated[str, StringConstraints(min_length=1, max_length=1)] = ","
    quote_char: Annotated[str, StringConstraints(min_length=1, max_length=1)] = '"'
    header: bool = True


class DataFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"
    jsonl = "jsonl"
    json = "json"
    xlsx = "xlsx"


class Resource(Strict):
    name: Slug
    path: RelativePath = Field(description="Data file, relative to catalog/.")
    schema_: RelativePath = Field(
        alias="schema", description="Table Schema file, relative to schemas/."
    )
    format: DataFormat
    encoding: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{1,40}$")] = "utf-8"
    title: Text | None = None
    description: Text | None = None
    access_level: Slug | None = Field(
        default=None, description="Only stricter than the dataset's level."
    )
    dialect: Dialect | None = None
    bytes: int | None = Field(default=None, ge=0, description="Size of the data file, checked.")
    hash: Annotated[str, StringConstraints(pattern=r"^(sha256:)?[0-9a-fA-F]{64}$")] | None = Field(
        default=None, description="sha256 of the data file (`sha256:<hex>`), checked."
    )


class Dataset(Strict):
    """One dataset entry: a YAML file under `catalog/`."""

    id: Slug
    title: Text
    description: Text
    unit: Slug
    steward: Contact
    keywords: list[NonEmpty] = Field(default_factory=list)
    access_level: Slug
    legal_basis: LegalBasis | None = None
    exemptions: list[Exemption] = Field(default_factory=list)
    priority: Priority | None = None
    update_frequency: Frequency | None = None
    last_updated: Day | None = None
    temporal: Interval | None = None
    spatial: Text | None = None
    license: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+\-]{1,64}$")] | None = Field(
        default=None, description="SPDX licence identifier, e.g. CC-BY-4.0."
    )
    version: NonEmpty | None = None
    flags: list[Slug] = Field(
        default_factory=list, description="Facts that defeat exemptions, e.g. public-health."
    )
    approvals: list[Approval] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)


class Sensitivity(StrEnum):
    none = "none"
    personal = "personal"
    special = "special"
    commercial = "commercial"
    security = "security"


class Redaction(StrEnum):
    drop = "drop"
    mask = "mask"
    hash = "hash"
    aggregate = "aggregate"


class KeepWhere(Strict):
    """The rows where a masked or hashed field is released as it is."""

    field: NonEmpty = Field(description="Another field of the same schema.")
    in_: list[NonEmpty] = Field(
        alias="in",
        min_length=1,
        max_length=1000,
        description="The values of that field, as written in the data, that keep the row's value.",
    )


Reason = Annotated[str, StringConstraints(max_length=1000, pattern=r"\S")]


class Open(BaseModel):
    """A mapping whose standard keys have a shape; other keys pass through."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Constraints(Open):
    enum: list[Any] | None = None
    pattern: str | None = None


Names = str | list[str]


class SchemaField(Open):
    """govkit's own properties on a Table Schema field; standard ones have their shape,
    so that a list where the standard says text is a finding, not a crash."""

    name: NonEmpty
    type_: str | None = Field(default=None, alias="type")
    format_: str | None = Field(default=None, alias="format")
    constraints: Constraints | None = None
    missing_values: list[str | dict[str, Any]] | None = Field(default=None, alias="missingValues")
    sensitivity: Sensitivity | None = None
    sensitivity_reason: Reason | None = Field(
        default=None,
        description="Why the field is not personal data although it looks so (`sensitivity: "
        "none`): the personal-data scan then accepts its header words and values that may "
        "belong to an office or a company, never national IDs, mobiles, cards or Sheba numbers.",
    )
    redaction: Redaction | None = None
    calendar: Annotated[str, StringConstraints(pattern=r"^(gregorian|jalali)$")] | None = None
    subject_role: (
        Annotated[str, StringConstraints(pattern=r"^(official|staff|citizen|legal-person)$")] | None
    ) = Field(default=None, description="Whose data the field holds (art. 5 allow-list).")
    iso_date: (
        Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\s]+$")] | None
    ) = Field(
        default=None,
        description="On export, add a column of this name after a `calendar: jalali` field, "
        "holding the same date in ISO 8601 (YYYY-MM-DD).",
    )
    keep_where: KeepWhere | None = Field(
        default=None,
        description="With `redaction: mask` or `hash`: release the value as it is in the rows "
        "where another field holds one of the listed values (data about legal persons, say); "
        "every other row stays redacted.",
    )


class Reference(Open):
    resource: str | None = None
    fields: Names


class ForeignKey(Open):
    fields: Names
    reference: Reference


class TableSchema(Open):
    """A Frictionless Table Schema as govkit reads it: standard, plus field extensions."""

    profile: str | None = Field(default=None, alias="$schema")
    fields: list[SchemaField]
    primary_key: Names | None = Field(default=None, alias="primaryKey")
    unique_keys: list[Names] | None = Field(default=None, alias="uniqueKeys")
    foreign_keys: list[ForeignKey] | None = Field(default=None, alias="foreignKeys")
    missing_values: list[str | dict[str, Any]] | None = Field(default=None, alias="missingValues")
