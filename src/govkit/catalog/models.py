"""The catalog format v1: pydantic models are the source of truth for every file's shape.

The JSON Schemas under `govkit/jsonschema/` are generated from these models
(`python -m govkit.catalog.jsonschemas --write`) and a test fails when they drift.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from govkit.catalog.days import as_day, as_interval
from govkit.export import targets as export_targets

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
# A rule code, code prefix or name, as `--select` takes them.
Selector = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9-]*$", max_length=100)]
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
_WRITTEN_DAY = r"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9۰-۹٠-٩]{4}/[0-9۰-۹٠-٩]{1,2}/[0-9۰-۹٠-٩]{1,2})"
Interval = Annotated[
    str,
    BeforeValidator(as_interval),
    StringConstraints(pattern=rf"^{_WRITTEN_DAY}/({_WRITTEN_DAY}|\.\.)$"),
    Field(
        description="Time covered, as an interval start/end (end may be '..'), its days ISO "
        "8601 or Jalali: 2025-03-21/2026-03-20, 1404/01/01/1404/12/29."
    ),
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


# The export targets' registry (plain data) gives the values `export.formats` allows.
_TARGET_NAMES = "^(" + "|".join(re.escape(name) for name in export_targets.NAMES) + ")$"


class ExportSettings(Strict):
    level: Slug = Field(default="public", description="Access level released by default.")
    out: RelativePath = Field(
        default="dist",
        description="Output folder inside the root (no '..', '~', absolute path or symbolic "
        "link; not under catalog/, schemas/, policies/ or .git/); `--out DIR` overrides it.",
    )
    formats: list[Annotated[str, StringConstraints(pattern=_TARGET_NAMES)]] = Field(
        default_factory=lambda: list(export_targets.DEFAULT),
        description="Metadata formats written next to the packages "
        f"({', '.join(export_targets.NAMES)}); the Data Packages are always written.",
    )
    base_url: (
        Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$", max_length=2000)] | None
    ) = Field(
        default=None,
        description="Where the release folder is served (ending in '/'); portal metadata "
        "links to its files from there. Default: the organisation's homepage.",
    )
    bureau_code: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{3}:[0-9]{2}$")]] = Field(
        default_factory=list,
        description="Project Open Data `bureauCode` of every dataset in data.json (OMB "
        "agency:bureau codes, `015:11`); federal agencies give it with `program_code`, and "
        "data.json then meets the federal v1.1 schema.",
    )
    program_code: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{3}:[0-9]{3}$")]] = Field(
        default_factory=list,
        description="Project Open Data `programCode` of every dataset in data.json (Federal "
        "Program Inventory codes, `015:001`).",
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


Period = Annotated[
    str,
    StringConstraints(pattern=r"^P([0-9]+[YMWD])+$", max_length=40),
    Field(description="An ISO 8601 duration in days, weeks, months or years: P1M, P3M, P1Y."),
]


class Threshold(Strict):
    """Only what is above an amount must be published (payments over 5,000, say)."""

    amount: float = Field(ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 code, e.g. IRR, GBP, EUR."
    )
    column: NonEmpty | None = Field(
        default=None, description="The concept (required column) the amount is compared with."
    )


class ObligationOverride(Strict):
    """A catalog's own threshold, period, deadline or target level for one obligation item."""

    threshold: Threshold | None = None
    period: Period | None = None
    deadline: Period | None = None
    target_level: Slug | None = None


class ScoreWeights(Strict):
    """The weights of `govkit plan`'s score (docs/plan.md); 0 turns a signal off."""

    rent_generating: float = Field(default=3, ge=0, le=100)
    oversight: float = Field(default=2, ge=0, le=100)
    public_interest: float = Field(default=2, ge=0, le=100)
    demand: float = Field(default=1, ge=0, le=100)
    feasibility: float = Field(default=2, ge=0, le=100)


class PlanSettings(Strict):
    """How `govkit plan` ranks: the score's weights, where priority counts as high, and the
    catalog's overrides of obligation items."""

    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    high_priority: float = Field(
        default=50, ge=0, le=100, description="Priority (0-100) from which an item is high."
    )
    demand_cap: int = Field(
        default=5, ge=1, le=10_000, description="Pieces of evidence that count as full demand."
    )
    overrides: dict[Slug, ObligationOverride] = Field(
        default_factory=dict, description="Obligation item id -> the catalog's own values."
    )


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
    obligations: list[Slug] = Field(
        default_factory=list,
        description="Obligation packs enabled for this catalog, by id (docs/plan.md).",
    )
    plan: PlanSettings = Field(default_factory=PlanSettings)
    export: ExportSettings = Field(default_factory=ExportSettings)
    approvals: list[Approval] = Field(
        default_factory=list,
        description="Committee decisions that allow a change to this file which publishes "
        "more or checks less (docs/ci.md).",
    )
    select: list[Selector] = Field(
        default_factory=list,
        description="Rules every command reports (codes, code prefixes or names), unless "
        "`--select` names others; default: all.",
    )
    ignore: list[Selector] = Field(
        default_factory=list,
        description="Rules every command leaves out (codes, code prefixes or names), unless "
        "`--ignore` names others; never GK521, the change gate's finding on this file.",
    )
    # No `never`: the catalog may make its checks stricter, not switch the exit code off.
    fail_on: Literal["error", "warning", "info"] | None = Field(
        default=None,
        description="Lowest severity that makes a command exit 1, unless `--fail-on` is given; "
        "default: error.",
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


class EvidenceKind(StrEnum):
    foi_request = "foi-request"
    complaint = "complaint"
    press = "press"
    audit = "audit"
    council = "council"
    other = "other"


class Evidence(Strict):
    """Something behind a priority assessment: an FOI request, a complaint, a press report."""

    kind: EvidenceKind
    ref: NonEmpty = Field(description="Its reference: request number, article, decision.")
    date: Day | None = None
    note: Text | None = None


class Priority(Strict):
    """The committee's priority assessment of a dataset."""

    rent_generating: bool = False
    oversight: Oversight = Oversight.medium
    public_interest: int = Field(default=3, ge=1, le=5)
    feasibility: int = Field(default=3, ge=1, le=5)
    evidence: list[Evidence] = Field(
        default_factory=list, description="What the assessment rests on; counts as demand."
    )


class Status(StrEnum):
    """Where an entry stands: the committee's inventory (candidate, planned) or a release."""

    candidate = "candidate"
    planned = "planned"
    published = "published"
    retired = "retired"


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


class HvdCategory(StrEnum):
    """The high-value dataset categories of Commission Implementing Regulation (EU) 2023/138."""

    geospatial = "geospatial"
    earth_observation = "earth-observation"
    meteorological = "meteorological"
    statistics = "statistics"
    companies = "companies"
    mobility = "mobility"


class Dataset(Strict):
    """One dataset entry: a YAML file under `catalog/`."""

    id: Slug
    title: Text
    description: Text
    unit: Slug
    steward: Contact
    keywords: list[NonEmpty] = Field(default_factory=list)
    access_level: Slug
    status: Status = Field(
        default=Status.published,
        description="candidate -> planned -> published -> retired; a candidate or planned "
        "entry may have no resources yet.",
    )
    target_date: Day | None = Field(
        default=None, description="When a planned entry is to be published."
    )
    fulfils: list[Slug] = Field(
        default_factory=list, description="Ids of the obligation items this dataset fulfils."
    )
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
    hvd_category: HvdCategory | None = Field(
        default=None,
        description="High-value dataset category (EU regulation 2023/138): geospatial, "
        "earth-observation, meteorological, statistics, companies or mobility; DCAT-AP then "
        "carries the HVD extension.",
    )
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
    language: LanguageTag | None = Field(
        default=None,
        description="The language of the field's text, where it is not the catalog's: Arabic "
        "Yeh and Kaf are a slip (GK225) only in Persian text (`fa`), which a catalog's text is "
        "when govkit.yaml's `languages` include `fa`.",
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
