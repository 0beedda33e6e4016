"""Value detectors: does a column hold identifiers of people? Pure functions over values.

Each detector recognises one kind of value, checksums included where the
identifier has one (national ID, legal ID, Sheba mod 97, bank card Luhn), so
a column of amounts is not taken for national IDs. A column is judged by the
share of its non-empty values a detector recognises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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
_PROBE: Final = 20
# Detectors run first on this many values; one that recognises under half the threshold
# there is not run on the rest (most columns are nothing personal, and this keeps them cheap).

_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class Detector:
    """One kind of value; `personal` when it always points at a natural person (a national ID)
    rather than possibly at an office or a company (a landline, a legal ID)."""

    kind: str
    label: str
    matches: Callable[[str], bool]
    personal: bool = False


DETECTORS: Final = (
    Detector("national-id", "national IDs (کد ملی)", iranian.is_national_id, personal=True),
    Detector("legal-id", "legal-entity IDs (شناسه ملی)", iranian.is_legal_id),
    Detector("sheba", "Sheba account numbers", iranian.is_sheba, personal=True),
    Detector("bank-card", "bank card numbers", iranian.is_bank_card, personal=True),
    Detector("mobile", "mobile numbers", iranian.is_mobile, personal=True),
    Detector("landline", "landline numbers", iranian.is_landline),
    Detector("postal-code", "postal codes", iranian.is_postal_code),
    Detector("email", "email addresses", is_email),
    Detector("vehicle-plate", "vehicle plates", iranian.is_vehicle_plate),
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
        return f"{self.matched} of {self.examined} sampled values are {self.detector.label}"


def detect(
    values: Iterable[str], *, threshold: float = THRESHOLD, minimum: int = MIN_VALUES
) -> Detection | None:
    """The detector that recognises the largest share of the values, if it reaches `threshold`."""
    present = [value.strip() for value in values if value and value.strip()]
    if len(present) < minimum:
        return None
    probe = present[:_PROBE]
    best: Detection | None = None
    for detector in DETECTORS:
        if sum(map(detector.matches, probe)) < threshold / 2 * len(probe):
            continue
        matched = sum(map(detector.matches, present))
        if matched >= threshold * len(present) and (best is None or matched > best.matched):
            best = Detection(detector, matched, len(present))
    return best
