"""The data rules: every way a data file can break its Table Schema, each with a stable code.

The names follow frictionless's error types where one exists, so users of
frictionless recognise them; tests/differential maps one to the other.
"""

from __future__ import annotations

from govkit.findings import Severity
from govkit.rules import Rule, declare

DATA_UNREADABLE = declare(
    "GK201",
    "data-unreadable",
    Severity.ERROR,
    """A data file cannot be read as the format its resource declares.

    An empty file, a file that is not CSV (or Parquet, JSON lines...) at all, a
    CSV whose quoting never closes, a compressed file (gzip, bzip2, xz, zstd, zip:
    govkit reads data uncompressed, so no reader inflates a small file to gigabytes),
    lines that end in a carriage return alone, or a line longer than the reader
    takes (32 MiB, given with its line): nothing in it can be checked.

    Fix: check the file and the resource's `format` and `dialect`; commit data
    uncompressed, with LF or CRLF line endings.
    """,
)
ENCODING_ERROR = declare(
    "GK202",
    "encoding-error",
    Severity.ERROR,
    """Bytes that are not valid in the resource's declared encoding.

    Encodings are declared, never guessed: a `windows-1256` file read as UTF-8
    would turn Persian text into garbage without anyone noticing.

    Only text encodings may be declared (UTF-8, UTF-16, UTF-32, windows-1256,
    ISO-8859-6 and the other common code pages): codecs that transform bytes
    (`zlib`, `base64`, `rot13`...) or are not for files (`idna`, `punycode`) are
    refused by name. `utf-16` and `utf-32` need a byte-order mark; without one,
    declare `utf-16-le`, `utf-16-be`, `utf-32-le` or `utf-32-be`.

    Fix: save the file in the declared encoding (UTF-8 by default), or declare
    the encoding it really has, e.g. `encoding: windows-1256`.
    """,
)
BLANK_LABEL = declare(
    "GK203",
    "blank-label",
    Severity.ERROR,
    """A column of the header row has no label.

    Fix: name the column after its field in the Table Schema.
    """,
)
DUPLICATE_LABEL = declare(
    "GK204",
    "duplicate-label",
    Severity.ERROR,
    """Two columns of the header row have the same label.

    Fix: rename one of them; each column maps to one field.
    """,
)
MISSING_LABEL = declare(
    "GK205",
    "missing-label",
    Severity.ERROR,
    """A field of the Table Schema has no column in the file.

    Fix: add the column, or remove the field from the schema (or set the
    schema's `fieldsMatch` to allow it).
    """,
)
EXTRA_LABEL = declare(
    "GK206",
    "extra-label",
    Severity.ERROR,
    """The file has a column that the Table Schema does not describe.

    Undescribed columns are published without anyone having decided what they
    hold, which is how personal data leaks.

    Fix: add the field to the schema, or drop the column.
    """,
)
INCORRECT_LABEL = declare(
    "GK207",
    "incorrect-label",
    Severity.ERROR,
    """A column's label is not the name of the field at its position.

    Fix: put the columns in the schema's order with the schema's names.
    """,
)
BLANK_ROW = declare(
    "GK208",
    "blank-row",
    Severity.ERROR,
    """A row with no values at all.

    Fix: remove the empty row.
    """,
)
EXTRA_CELL = declare(
    "GK209",
    "extra-cell",
    Severity.ERROR,
    """A row has more cells than the header.

    Usually an unquoted delimiter inside a value.

    Fix: quote the value, or remove the extra cell.
    """,
)
MISSING_CELL = declare(
    "GK210",
    "missing-cell",
    Severity.ERROR,
    """A row has fewer cells than the header.

    Fix: add the missing cells (empty if the value is unknown).
    """,
)
TYPE_ERROR = declare(
    "GK211",
    "type-error",
    Severity.ERROR,
    """A cell's value is not of its field's type or format.

    Covers every Table Schema type (integer, number, date, ...) and format
    (email, uri, a date pattern...), govkit's Iranian identifier formats
    (`ir-national-id` and the others, with their checksums) and Jalali dates
    that do not exist in the calendar (1404/12/30).

    Fix: correct the value, or the field's `type`/`format` if the schema is wrong.
    """,
)
REQUIRED = declare(
    "GK212",
    "required",
    Severity.ERROR,
    """A required field has no value (the cell is empty or one of `missingValues`).

    Fix: fill in the value, or drop `required` if the value may be unknown.
    """,
)
UNIQUE = declare(
    "GK213",
    "unique",
    Severity.ERROR,
    """A value of a `unique` field appears in more than one row.

    The first row with a value is accepted; every later row with it is reported.

    Fix: correct the duplicates.
    """,
)
MINIMUM = declare(
    "GK214",
    "minimum",
    Severity.ERROR,
    """A value is below the field's `minimum` (or not above `exclusiveMinimum`).

    Fix: correct the value, or the constraint.
    """,
)
MAXIMUM = declare(
    "GK215",
    "maximum",
    Severity.ERROR,
    """A value is above the field's `maximum` (or not below `exclusiveMaximum`).

    Fix: correct the value, or the constraint.
    """,
)
MIN_LENGTH = declare(
    "GK216",
    "min-length",
    Severity.ERROR,
    """A value is shorter than the field's `minLength`.

    Fix: correct the value, or the constraint.
    """,
)
MAX_LENGTH = declare(
    "GK217",
    "max-length",
    Severity.ERROR,
    """A value is longer than the field's `maxLength`.

    Fix: correct the value, or the constraint.
    """,
)
PATTERN = declare(
    "GK218",
    "pattern",
    Severity.ERROR,
    """A value does not match the field's `pattern` (the whole value must match).

    Fix: correct the value, or the pattern.
    """,
)
ENUM = declare(
    "GK219",
    "enum",
    Severity.ERROR,
    """A value is not one of the field's `enum` values.

    Fix: use one of the listed values, or add the value to the enum.
    """,
)
PRIMARY_KEY = declare(
    "GK220",
    "primary-key",
    Severity.ERROR,
    """Two rows share a primary key, or a row's primary key is empty.

    Fix: make the key columns identify each row exactly once.
    """,
)
FOREIGN_KEY = declare(
    "GK221",
    "foreign-key",
    Severity.ERROR,
    """A row refers to a row that does not exist in the referenced resource.

    Fix: add the referenced row, or correct the reference.
    """,
)
BYTE_COUNT = declare(
    "GK222",
    "byte-count",
    Severity.ERROR,
    """The file's size is not the `bytes` its resource declares.

    Fix: update `bytes`, or restore the file that was meant.
    """,
)
HASH_COUNT = declare(
    "GK223",
    "hash-count",
    Severity.ERROR,
    """The file's hash is not the `hash` its resource declares.

    Fix: update `hash` (`sha256:<hex>`), or restore the file that was meant.
    """,
)
NON_ASCII_DIGITS = declare(
    "GK224",
    "non-ascii-digits",
    Severity.WARNING,
    """A numeric value is written with Persian (۰–۹) or Arabic-Indic (٠–٩) digits.

    The value is read as the number it means, but many programs that open the
    published file will not.

    Fix: write the digits as ASCII 0–9 (export can do it for you).
    """,
)
ARABIC_LETTERS = declare(
    "GK225",
    "arabic-letters",
    Severity.WARNING,
    """A text value uses Arabic Yeh (ي) or Kaf (ك) where Persian ی and ک are meant.

    Common in data from legacy systems; searches for the Persian spelling miss it.
    Checked in Persian text only: a catalog's when govkit.yaml's `languages`
    include `fa`, and a field's that says `language: fa`; a field with another
    `language` (Arabic text rightly has these letters) is not checked.

    Fix: replace them with Persian ی (U+06CC) and ک (U+06A9) (export can do it for you).
    """,
)

# The data rules by code, for the engine's results (every code the engine reports is here).
BY_CODE: dict[str, Rule[object]] = {
    candidate.code: candidate
    for candidate in list(globals().values())
    if isinstance(candidate, Rule)
}
