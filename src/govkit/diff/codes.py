"""govkit's change codes: what `govkit diff` and `govkit ci` report a change as.

The diff describes; the policy packs judge. Every change is `info`, so a diff
fails nothing by itself: whether loosening a level needs an approval, or a
breaking schema change a version note, is decided by the packs' `change`
rules (docs/policy-packs.md). The exceptions are a catalog file that cannot
be read at one of the refs, since its changes cannot be judged at all, and the
changes to the configuration (GK521-GK527): govkit.yaml says which packs judge
and what a release holds, so a change that weakens it cannot be left to the
packs it weakens.
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

CONFIG_LOOSENED = declare(
    "GK521",
    "config-loosened",
    Severity.ERROR,
    """A change to govkit.yaml publishes more or checks less, without the committee's approval.

    Loosening: `export.level` moved to a level that releases more; a level's
    `pod` changed from `public` or `restricted public` to `non-public` (a
    release at that level then applies no exemption and redacts no personal
    field); an access level removed, renamed, or moved ahead of a level that
    was more open (entries and rules that name it no longer mean what they
    meant); a policy pack no longer enabled (its rules stop judging, and with
    a pack's `change` rules, such as AL006, the changes they judged pass
    unchecked); a rule added to `ignore`, a `select` that reports fewer rules,
    or a `fail_on` raised towards `error`. Reported at the changed key of
    govkit.yaml at head. No `select` or `ignore` of govkit.yaml can hide this
    rule's findings.

    Fix: undo the change, or record the committee's decision in govkit.yaml's
    own `approvals` in the same change: `{ref: "1405/300", date: YYYY-MM-DD,
    decision: release}`. As with AL006, an approval counts when its reference
    is new in this change, it is not dated after today, it is no older than
    the approvals already there, and it decides `publish` or `release`. The
    change is then reported as GK522 with the decision's reference.
    """,
)
CONFIG_CHANGED = declare(
    "GK522",
    "config-changed",
    Severity.INFO,
    """govkit.yaml changed in a way that publishes no more and checks no less, or a
    loosening change carries the committee's approval.

    For example `export.out`, `export.formats`, `export.normalize`,
    `export.base_url`, the languages or the organisation; an access level or a
    policy pack added; a level's title or EU mapping. Reported at the changed
    key, so a reviewer sees every change to the catalog's configuration.
    """,
)
BUILTIN_PACK_SHADOWED = declare(
    "GK523",
    "builtin-pack-shadowed",
    Severity.ERROR,
    """A catalog's own pack file carries the id of one of govkit's built-in packs.

    `policies/access-levels.yaml` beside `policies: [access-levels]` would
    replace the built-in pack with whatever the file holds, and a copy without
    its `change` rules (AL006) would let an access level be loosened without
    an approval, with nothing in the report to say so. govkit uses the
    built-in pack and ignores the file; this error says so, in `govkit
    check`, `govkit lint` and the change gate alike.

    Fix: give the catalog's pack its own id (the file name and `metadata.id`,
    e.g. `access-levels-tehran`) and its own rule codes, and enable it in
    govkit.yaml. Disabling the built-in pack is a loosening of govkit.yaml
    that needs the committee's approval (GK521).
    """,
)
PACK_RULES_CHANGED = declare(
    "GK524",
    "pack-rules-changed",
    Severity.WARNING,
    """A rule of one of the catalog's own enabled packs was removed, lowered in severity,
    or had its expression, scope or location changed.

    Whether a new expression is looser cannot be told from the text, so the
    reviewer is asked to read it. Reported at the rule in the pack file at
    head (at the `rules` list for a removed rule). Adding a rule is not
    reported: the pack's test cases and `govkit check` judge it.
    """,
)
UNIT_REMOVED = declare(
    "GK525",
    "unit-removed",
    Severity.WARNING,
    """A unit was removed from `catalog/units.yaml`.

    Entries that name it lose their accountable owner and fail GK102; a unit
    merged into another should have its entries moved in the same change.
    Reported at the `units` list at head; the message says where it was.
    """,
)
UNIT_STEWARD_CHANGED = declare(
    "GK526",
    "unit-steward-changed",
    Severity.INFO,
    """A unit's steward (the contact accountable for its datasets) changed, was added or
    removed.""",
)
WAIVER_WIDENED = declare(
    "GK527",
    "waiver-widened",
    Severity.WARNING,
    """A waiver in `policies/waivers.yaml` was added, extended, or made to cover more.

    A waiver suppresses findings for as long as it runs: a reviewer should see
    each one that is new, that expires later than before, that names another
    rule, or whose target is wider (another dataset, or no longer limited to
    one resource or field). Reported at the waiver at head.
    """,
)

UNREADABLE: dict[str, Rule[object]] = {"base": UNREADABLE_AT_BASE, "head": UNREADABLE_AT_HEAD}
