"""The policy-pack and waivers file formats: pydantic models, the source of their JSON Schemas.

A pack is a law (or a committee's charter) with its articles, and rules that
cite them. Rules are CEL expressions over plain data (docs/policy-packs.md);
each carries test cases that must pass and fail. Waivers are committee
decisions that suppress one rule's findings on one target, for a bounded time.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from govkit.catalog.models import Article, Day, NonEmpty, Slug, Strict, Text
from govkit.findings import Severity

RuleCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2,6}[0-9]{3}$"),
    Field(
        description="Stable code: 2-6 capital letters and 3 digits, e.g. IRF001 "
        "(GK is reserved for govkit's own rules)."
    ),
]
CelSource = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000),
    Field(description="A CEL expression over the rule's context (docs/policy-packs.md)."),
]
Pointer = Annotated[
    str,
    StringConstraints(pattern=r"^(/[^/]+)*$", max_length=200),
    Field(description="JSON pointer, relative to the scope's entry, that findings point at."),
]
Version = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]+\.[0-9]+(\.[0-9]+)?$"),
    Field(description="Version of the pack, e.g. 1.0.0."),
]


class Scope(StrEnum):
    """What one evaluation of a rule looks at."""

    dataset = "dataset"
    resource = "resource"
    field = "field"
    change = "change"


class LawArticle(Strict):
    id: Article
    title: Text
    text: Text | None = Field(default=None, description="The article's text, or a summary.")


class Law(Strict):
    """The law (or charter) a pack encodes; rules cite its articles."""

    id: Slug
    title: Text
    enacted: NonEmpty | None = Field(default=None, description="When it was passed or approved.")
    url: NonEmpty | None = None
    articles: list[LawArticle] = Field(min_length=1)


class PackMetadata(Strict):
    id: Slug
    title: Text
    description: Text | None = None
    version: Version
    law: Law


class RuleCitation(Strict):
    """The article a rule rests on: one article, or a range such as 16-17."""

    law: Slug
    article: Article


class Case(Strict):
    """One test case: JSON merge patches over the baseline context (docs/policy-packs.md)."""

    name: NonEmpty | None = Field(default=None, description="What the case shows.")
    dataset: dict[str, Any] | None = None
    resource: dict[str, Any] | None = None
    field: dict[str, Any] | None = None
    unit: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    today: dt.date | None = None
    message: NonEmpty | None = Field(
        default=None, description="For a failing case: text the finding's message must contain."
    )


class Cases(Strict):
    passing: list[Case] = Field(alias="pass", min_length=1)
    failing: list[Case] = Field(alias="fail", min_length=1)


class PolicyRule(Strict):
    code: RuleCode
    name: Slug
    title: Text
    severity: Severity
    citation: RuleCitation
    scope: Scope
    when: CelSource = Field(default="true", description="The rule applies only where this holds.")
    assert_: CelSource = Field(alias="assert", description="What must hold where it applies.")
    message: NonEmpty = Field(
        description="The finding's message; {{ expression }} inserts a CEL value."
    )
    at: Pointer | None = None
    description: Text | None = Field(default=None, description="Why the rule exists.")
    fix: Text | None = Field(default=None, description="What to do about a finding.")
    tests: Cases


class Pack(Strict):
    """A policy pack: `policies/<id>.yaml` in a catalog, or one of govkit's built-in packs."""

    metadata: PackMetadata
    rules: list[PolicyRule] = Field(min_length=1)


class WaiverTarget(Strict):
    """What a waiver covers: a dataset, or one resource or field of it; or an obligation
    item no dataset fulfils yet (`obligation`, docs/plan.md)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"oneOf": [{"required": ["dataset"]}, {"required": ["obligation"]}]},
    )

    dataset: Slug | None = None
    resource: Slug | None = None
    field: NonEmpty | None = None
    obligation: Slug | None = None

    @model_validator(mode="after")
    def _one_target(self) -> WaiverTarget:
        if (self.dataset is None) == (self.obligation is None):
            raise ValueError("a waiver's target names a dataset or an obligation, not both")
        return self


class Waiver(Strict):
    id: Slug
    rule: NonEmpty = Field(description="The waived rule's code or name.")
    target: WaiverTarget
    reason: Text
    approver: NonEmpty = Field(description="Who approved it: a person with their post, or a body.")
    reference: NonEmpty = Field(description="The decision's reference, e.g. 1405/212.")
    approved: Day
    expires: Day = Field(description="At most 180 days after `approved`.")


class Waivers(Strict):
    """`policies/waivers.yaml`: findings the committee has decided to accept, for a time."""

    waivers: list[Waiver] = Field(default_factory=list)
