"""Value detectors: does a column hold identifiers of people?

Each detector recognises one kind of value, checksums included where the
identifier has one (national ID, legal ID, Sheba mod 97, bank card Luhn), so
a column of amounts is not taken for national IDs. A column is judged by the
share of its non-empty values a detector recognises (`decide`).

Every detector exists twice with the same semantics, like the checks of
`govkit.engine.iranian` it builds on: a Python function for single values and
a DuckDB macro (`Detector.sql`) that `govkit.pii.scan` counts over whole
columns. Values are stripped of whitespace first (`gk_strip` in SQL).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from govkit.engine import iranian

THRESHOLD: Final = 0.8
"""Share of non-empty values a detector must recognise for the column to count as personal.

High, because checksums are short: one random 10-digit number in 11 passes the national-ID
check, so a small sample of amounts could otherwise be taken for IDs; real identifier
columns are almost all valid."""
MIN_VALUES: Final = 3
"""Fewer non-empty values than this prove nothing either way."""

WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""What `str.strip()` removes and `\\s` matches in Python (`str.isspace`), spelled out for SQL."""
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_SQL_NOT_AT_OR_SPACE: Final = "[^@" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"
SQL_MACROS: Final = (
    f"CREATE OR REPLACE TEMP MACRO gk_strip(s) AS (trim(s, '{WHITESPACE}'))",
    "CREATE OR REPLACE TEMP MACRO gk_is_email(s) AS (regexp_full_match(gk_strip(s), "
    f"'{_SQL_NOT_AT_OR_SPACE}+@{_SQL_NOT_AT_OR_SPACE}+\\.[A-Za-z]{{2,}}'))",
)
"""`gk_strip` (`str.strip`) and `gk_is_email` (`is_email`), beside `iranian.SQL_MACROS`."""


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class Detector:
    """One kind of value; `personal` when it always points at a natural person (a national ID)
    rather than possibly at an office or a company (a landline, a legal ID). `sql` names the
    DuckDB macro with the semantics of `matches`."""

    kind: str
    label: str
    matches: Callable[[str], bool]
    sql: str
    personal: bool = False


DETECTORS: Final = (
    Detector(
        "national-id",
        "national IDs (کد ملی)",
        iranian.is_national_id,
        "gk_is_national_id",
        personal=True,
    ),
    Detector("legal-id", "legal-entity IDs (شناسه ملی)", iranian.is_legal_id, "gk_is_legal_id"),
    Detector("sheba", "Sheba account numbers", iranian.is_sheba, "gk_is_sheba", personal=True),
    Detector(
        "bank-card", "bank card numbers", iranian.is_bank_card, "gk_is_bank_card", personal=True
    ),
    Detector("mobile", "mobile numbers", iranian.is_mobile, "gk_is_mobile", personal=True),
    Detector("landline", "landline numbers", iranian.is_landline, "gk_is_landline"),
    Detector("postal-code", "postal codes", iranian.is_postal_code, "gk_is_postal_code"),
    Detector("email", "email addresses", is_email, "gk_is_email"),
    Detector("vehicle-plate", "vehicle plates", iranian.is_vehicle_plate, "gk_is_vehicle_plate"),
)


@dataclass(frozen=True)
class Detection:
    detector: Detector
    matched: int
    examined: int

    @property
    def share(self) -> float:
        return self.matched / self.examined

    def describe(self) -> str:
        return f"{self.matched} of {self.examined} values are {self.detector.label}"


def decide(
    examined: int,
    matched: Mapping[str, int],
    *,
    threshold: float = THRESHOLD,
    minimum: int = MIN_VALUES,
) -> Detection | None:
    """The detector that recognises the most of `examined` non-empty values, if it reaches
    `threshold`; `matched` counts them by detector kind (a missing kind recognised none)."""
    if examined < minimum:
        return None
    best: Detection | None = None
    for detector in DETECTORS:
        count = matched.get(detector.kind, 0)
        if count >= threshold * examined and (best is None or count > best.matched):
            best = Detection(detector, count, examined)
    return best


def detect(
    values: Iterable[str], *, threshold: float = THRESHOLD, minimum: int = MIN_VALUES
) -> Detection | None:
    """`decide` over values in Python: what the scan's SQL counts, for a few values at hand."""
    present = [value.strip() for value in values if value.strip()]
    matched = {detector.kind: sum(map(detector.matches, present)) for detector in DETECTORS}
    return decide(len(present), matched, threshold=threshold, minimum=minimum)
