"""govkit's change codes: what `govkit diff` and `govkit ci` report a change as.

The diff describes; the policy packs judge. Every change is `info`, so a diff
fails nothing by itself: whether loosening a level needs an approval, or a
breaking schema change a version note, is decided by the packs' `change`
rules (docs/policy-packs.md). The two exceptions are a catalog file that
cannot be read at one of the refs, since its changes cannot be judged at all.
"""

from __future__ import annotations

from govkit.findings import Severity
from govkit.rules import Rule, declare

DATASET_ADDED = declare(
    "GK501",
    "dataset-added",
    Severity.INFO,
    """A dataset was added to the catalog.

    Reported at the new entry's `id`. Whether it may be published is for
    `govkit check` (and `govkit ci`) to say.
    """,
)
DATASET_REMOVED = declare(
    "GK502",
    "dataset-removed",
    Severity.INFO,
    """A dataset was removed from the catalog.

    Reported at its `id` as it was at the base ref (the file is gone at HEAD).
    Removing a published dataset takes it away from the people who use it; the
    governance pack warns about that (GV011).
    """,
)
DATASET_RENAMED = declare(
    "GK503",
    "dataset-renamed",
    Severity.INFO,
    """A dataset's id changed: the same entry (the same file, or a file git saw renamed)
    carries a new id.

    Ids are how a dataset is cited, exported and linked to; a published id
    should be stable. If the change is intended, keep the old id findable
    (mention it in the description).
    """,
)
LEVEL_LOOSENED = declare(
    "GK504",
    "access-level-loosened",
    Severity.INFO,
    """A dataset's access level became more open (by the order of `access_levels` in
    govkit.yaml).

    The access-levels pack asks for a committee approval recorded in the entry's
    `approvals` (AL006).
    """,
)
LEVEL_TIGHTENED = declare(
    "GK505",
    "access-level-tightened",
    Severity.INFO,
    """A dataset's access level became more restricted.

    If the dataset was published, it is withdrawn from publication at the next
    release; the governance pack warns about that (GV011).
    """,
)
RESOURCE_ADDED = declare(
    "GK506",
    "resource-added",
    Severity.INFO,
    """A resource (a data file) was added to a dataset.""",
)
RESOURCE_REMOVED = declare(
    "GK507",
    "resource-removed",
    Severity.INFO,
    """A resource was removed from a dataset.

    Reported where it was at the base ref.
    """,
)
RESOURCE_LOOSENED = declare(
    "GK508",
    "resource-more-public",
    Severity.INFO,
    """A resource's own access level became more open.

    The access-levels pack asks for a committee approval (AL007).
    """,
)
RESOURCE_TIGHTENED = declare(
    "GK509",
    "resource-less-public",
    Severity.INFO,
    """A resource's own access level became more restricted.""",
)
SCHEMA_BREAKING = declare(
    "GK510",
    "schema-breaking-change",
    Severity.INFO,
    """A Table Schema changed in a way that breaks those who consume the data.

    Breaking: a field removed or renamed, a type or format changed, a constraint
    tightened (`required` or `unique` set, a bound narrowed, a `pattern` added or
    replaced, an `enum` that lost values), fields reordered (CSV columns are read
    by position), the primary key changed. Reported at the field in the schema
    (at the base ref for a removed field), with the resources that use it. The
    governance pack asks published datasets for a version note (GV010).
    """,
)
SCHEMA_COMPATIBLE = declare(
    "GK511",
    "schema-compatible-change",
    Severity.INFO,
    """A Table Schema changed in a way existing consumers can live with: a field added,
    a constraint loosened.""",
)
SENSITIVITY_ADDED = declare(
    "GK512",
    "sensitivity-tag-added",
    Severity.INFO,
    """A field was tagged with a `sensitivity` (personal, special, commercial, security).

    Export will redact or drop it as its `redaction` says.
    """,
)
SENSITIVITY_REMOVED = declare(
    "GK513",
    "sensitivity-tag-removed",
    Severity.INFO,
    """A field's `sensitivity` tag was removed or changed.

    Untagged fields are exported as they are. The ir-foi pack makes removing a
    `personal` tag from a field of a published resource an error (IR013).
    """,
)
LICENCE_CHANGED = declare(
    "GK514",
    "licence-changed",
    Severity.INFO,
    """A dataset's licence changed.

    Data already downloaded stays under the licence it was published with; say
    in the description from when the new one applies.
    """,
)
UNIT_CHANGED = declare(
    "GK515",
    "unit-changed",
    Severity.INFO,
    """A dataset moved to another owning unit.""",
)
STEWARD_CHANGED = declare(
    "GK516",
    "steward-changed",
    Severity.INFO,
    """A dataset's steward (its contact) changed.""",
)
LEGAL_BASIS_CHANGED = declare(
    "GK517",
    "legal-basis-changed",
    Severity.INFO,
    """The law or article a dataset is published under changed.""",
)
EXEMPTIONS_CHANGED = declare(
    "GK518",
    "exemptions-changed",
    Severity.INFO,
    """The exemptions that justify withholding a dataset (or part of it) changed: one
    added, removed, or its fields, resources or review date changed.""",
)
UNREADABLE_AT_BASE = declare(
    "GK519",
    "unreadable-at-base",
    Severity.WARNING,
    """A catalog file could not be read at the base ref, so its changes are not compared.

    The message gives the ref and what is wrong (invalid YAML, a file that breaks
    the catalog format, a symbolic link). The rest of the diff still runs. If
    the change at hand fixes the file, there is nothing to do.
    """,
)
UNREADABLE_AT_HEAD = declare(
    "GK520",
    "unreadable-at-head",
    Severity.ERROR,
    """A catalog file cannot be read at the head of the comparison, so its changes are
    not compared.

    The message gives the ref (or "working tree") and what is wrong. The rest of
    the diff still runs. Fix: correct the file at the position given.
    """,
)

UNREADABLE: dict[str, Rule[object]] = {"base": UNREADABLE_AT_BASE, "head": UNREADABLE_AT_HEAD}
