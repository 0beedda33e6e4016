"""The export rules (GK6xx): what a release holds, what it withholds and why.

Declared here, away from the export machinery, so listing rules stays cheap.
"""

from __future__ import annotations

from govkit.findings import Severity
from govkit.rules import declare

RELEASED = declare(
    "GK601",
    "released-resource",
    Severity.INFO,
    """A resource is released at the export level, with what was done to its fields.

    The message says where its data goes in the release, how many rows it has
    and which fields were masked, hashed or normalised, so a dry run is a
    complete preview of the release.
    """,
)
WITHHELD_DATASET = declare(
    "GK602",
    "withheld-dataset",
    Severity.INFO,
    """A dataset is left out of the release, and why.

    A dataset is released only when its access level is at most as strict as
    the export level; a `classified` dataset never is, whatever the level; at
    a public level a dataset that an exemption covers whole is withheld too.
    Nothing of it (not even its title) appears in the release.
    """,
)
WITHHELD_RESOURCE = declare(
    "GK603",
    "withheld-resource",
    Severity.INFO,
    """A resource of a released dataset is left out of the release, and why.

    A resource's level is its own or else its dataset's; it is released only
    when that level is at most as strict as the export level. At a public
    level, a resource an exemption names is withheld, and a resource whose
    data or Table Schema cannot be read is never released.
    """,
)
WITHHELD_FIELD = declare(
    "GK604",
    "withheld-field",
    Severity.INFO,
    """A field of a released resource is left out of its data and its schema, and why.

    `redaction: drop` removes a field. At a public level, a field an exemption
    covers is removed unless the schema gives it a redaction (the redaction is
    how the exemption is applied), and a `personal` or `special` field without
    a redaction is always removed: export never publishes personal data as it
    is, whatever the rest of the catalog says.

    Fix: if the field should be published, give it a `redaction` (mask, hash).
    """,
)
FORMULA_CELLS = declare(
    "GK605",
    "formula-cells",
    Severity.WARNING,
    """Text cells start like a spreadsheet formula (`=`, `+`, `-`, `@`, tab or return).

    A spreadsheet opening the released CSV may run such a cell as a formula
    (CSV injection): `=HYPERLINK(...)` can leak what a reader's sheet holds.
    Numbers are never flagged, only text fields.

    Fix: check the source data; or export with `--escape-formulas`, which puts
    a `'` before such cells in text fields (never in numbers).
    """,
)
AGGREGATE_REFUSED = declare(
    "GK606",
    "aggregate-redaction",
    Severity.ERROR,
    """A field asks for `redaction: aggregate`, which a row-level export cannot apply.

    Aggregation publishes counts or sums instead of rows; the export writes
    rows, so it cannot honour the redaction, and it will not publish the field
    as it is. The resource is withheld.

    Fix: publish an aggregated resource made for the purpose, choose `drop`,
    `mask` or `hash` for the field, or restrict the resource.
    """,
)
FORCED = declare(
    "GK607",
    "forced-export",
    Severity.WARNING,
    """The release was made despite errors, with `--force --reason TEXT`.

    The errors stay in the report, suppressed, and the reason is written into
    every package and the manifest, so whoever reads the release can see that
    it was forced and why. Redaction and withholding still apply in full.
    """,
)
ISO_DATE_COLUMN = declare(
    "GK608",
    "iso-date-column",
    Severity.ERROR,
    """A field's `iso_date` cannot be added to the release.

    `iso_date: NAME` asks the export to add a column NAME with the ISO 8601
    form of a Jalali date; it needs `calendar: jalali` on the field, and NAME
    must not be the name of another field.

    Fix: add `calendar: jalali`, or choose another name.
    """,
)
NOT_COMMITTED = declare(
    "GK609",
    "data-not-committed",
    Severity.ERROR,
    """A data file to be released is not in the commit being released.

    A release is made from a commit, so that it can be made again byte for
    byte. A data file that git does not track would be released from the
    working tree only. (An ignored file is not part of the working tree at all:
    govkit reads it as git sees it, and withholds the resource as missing, as
    the commit would.)

    Fix: commit the file, or pass `--allow-dirty` to release the working tree as it is.
    """,
)
KEEP_WHERE = declare(
    "GK610",
    "keep-where",
    Severity.ERROR,
    """A field's `keep_where` cannot apply: the release is refused (with `--force`,
    every row of the field is redacted).

    `keep_where: {field: F, in: [V, ...]}` releases a masked or hashed field as
    it is in the rows where field F holds exactly one of the values V: it tells
    personal data from data about legal persons (privacy guideline art. 5). It
    applies only to a field with `redaction: mask` or `hash` that is personal
    or untagged, that no exemption names (an exemption covers every row), and
    with an F that is another field released as it is (which rows are redacted
    would otherwise show F).

    Fix: name a released field; take the field out of the exemption's `fields`
    (what the exemption meant to cover is then `keep_where`'s to say); or
    remove `keep_where`.
    """,
)
NOT_FRICTIONLESS_VALID = declare(
    "GK611",
    "release-not-frictionless-valid",
    Severity.ERROR,
    """frictionless rejects a package of the release: the release is refused.

    Before a release replaces the previous one, frictionless (the reference
    implementation of the Data Package standard) reads each released
    `datapackage.json` as any consumer would: it validates the descriptor
    (Data Package v2, and the Table Schema of every resource) and the first
    1,000 rows of each resource against its schema. Whatever it rejects is
    reported here, at the dataset's entry, the resource or the schema's field;
    the message names the released file, the row of its first failure and
    frictionless's own error. Foreign keys are checked in the descriptor only
    (their values are checked by `govkit validate` on the source data).

    Most of what the export writes differently from the source is adapted so
    that this cannot happen (a Jalali date is released as a string, a masked
    field loses the constraints a mask breaks); what is left is data that the
    export's clean-ups change, such as two values of a `unique` field that
    `export.normalize` makes equal (Arabic and Persian Yeh or Kaf), and a row
    whose every released cell is empty once the fields that held its values
    are withheld (frictionless calls it a blank row).

    Fix: correct the data or the schema at the place given; take the clean-up
    that changed the values out of `export.normalize`; release a field that is
    never empty.
    """,
)
SHARED_FILE = declare(
    "GK620",
    "withheld-data-file",
    Severity.ERROR,
    """A resource to be released names the data file of a resource that is withheld.

    One file is never both released and withheld: a public entry pointing at a
    confidential dataset's file (with a schema of its own, without the
    `sensitivity` tags) would publish the confidential rows. The resource is
    withheld too, and the release is refused. Paths are compared as the file
    system reads them (`./a.csv`, `a//b.csv`); case counts.

    Fix: give the released resource its own file (an aggregate or a redacted
    copy), or give both resources one access level.
    """,
)
