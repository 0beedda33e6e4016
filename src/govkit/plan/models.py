"""The obligation-pack format: pydantic models, the source of its JSON Schema.

An obligation pack is a list of what a law, a code or a charter says a public
body must (or should) publish: each item with its source, the columns the data
must hold, a threshold, how often and how soon after each period, how open, at
which access level, and whether it creates rents or enables oversight.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from govkit.catalog.models import NonEmpty, Period, Slug, Strict, Text, Threshold
from govkit.policy.models import Version


class Binding(StrEnum):
    must = "must"  # a duty: an unfulfilled item is an error
    should = "should"  # a recommendation: a warning


class SourceDocument(Strict):
    """The law, code or charter a pack encodes."""

    title: Text
    enacted: NonEmpty | None = Field(default=None, description="When it was passed or issued.")
    url: NonEmpty | None = None


class ItemSource(Strict):
    """Where in the source document an item comes from."""

    ref: NonEmpty = Field(description="Article, paragraph or section, e.g. 'art. 10(b)'.")
    text: Text | None = Field(default=None, description="What it says, or a summary.")


class Column(Strict):
    """A concept the data must hold; a Table Schema field holds it by one of `names`, or by
    declaring `concept: <concept>`."""

    concept: Slug
    names: list[NonEmpty] = Field(
        default_factory=list, description="Field names that hold it (default: the concept)."
    )
    title: Text | None = None

    @property
    def accepted(self) -> frozenset[str]:
        return frozenset(self.names or [self.concept])


class Openness(Strict):
    """How open the published data must be."""

    machine_readable: bool = True
    open_format: bool = True
    open_licence: bool = True


class Obligation(Strict):
    id: Slug = Field(description="Unique across the enabled packs; entries name it in `fulfils`.")
    title: Text
    description: Text | None = None
    source: ItemSource
    binding: Binding = Binding.must
    columns: list[Column] = Field(default_factory=list)
    threshold: Threshold | None = None
    period: Period | None = Field(
        default=None, description="How often (P1M, P3M, P1Y); none: as things happen."
    )
    deadline: Period | None = Field(
        default=None, description="How soon after each period ends (P1M: within one month)."
    )
    openness: Openness = Field(default_factory=Openness)
    target_level: Slug = Field(default="public", description="The access level it is owed at.")
    rent_generating: bool = False
    oversight: bool = False


class ObligationPackMetadata(Strict):
    id: Slug
    title: Text
    description: Text | None = None
    version: Version
    source: SourceDocument


class ObligationPack(Strict):
    """An obligation pack: `obligations/<id>.yaml` in a catalog, or one of govkit's own."""

    metadata: ObligationPackMetadata
    items: list[Obligation] = Field(min_length=1)
