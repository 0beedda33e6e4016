"""Value detectors: does a column hold identifiers of people, or their names?

Each detector recognises one kind of value, checksums included where the
identifier has one (national ID, legal ID, Sheba mod 97, bank card Luhn), so
a column of amounts is not taken for national IDs; person names are
recognised by a bundled list of given names and surnames (`names.txt`). A
column is judged by the share of its non-empty values a detector recognises
(`decide`), against the detector's own threshold.

Every detector exists twice with the same semantics, like the checks of
`govkit.engine.iranian` it builds on: a Python function for single values and
a DuckDB macro (`Detector.sql`) that `govkit.pii.scan` counts over whole
columns. Values are stripped of whitespace first (`gk_strip` in SQL).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Final

from govkit.engine import iranian

THRESHOLD: Final = 0.8
"""Share of non-empty values a detector must recognise for the column to count as personal.

High, because checksums are short: one random 10-digit number in 11 passes the national-ID
check, so a small sample of amounts could otherwise be taken for IDs; real identifier
columns are almost all valid."""
MIN_VALUES: Final = 3
"""Fewer non-empty values than this prove nothing either way, but for identifiers that
always name a person (national IDs, mobiles, cards, Sheba): a public table of one row
would otherwise release its one national ID."""

WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""What `str.strip()` removes and `\\s` matches in Python (`str.isspace`), spelled out for SQL."""
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_SQL_NOT_AT_OR_SPACE: Final = "[^@" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"
_TEXT_MACROS: Final = (
    f"CREATE OR REPLACE TEMP MACRO gk_strip(s) AS (trim(s, '{WHITESPACE}'))",
    "CREATE OR REPLACE TEMP MACRO gk_is_email(s) AS (regexp_full_match(gk_strip(s), "
    f"'{_SQL_NOT_AT_OR_SPACE}+@{_SQL_NOT_AT_OR_SPACE}+\\.[A-Za-z]{{2,}}'))",
)


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text.strip()) is not None


# --- person names ---------------------------------------------------------------------------

NAME_THRESHOLD: Final = 0.5
"""Share of non-empty values that must read as person names for the column to count as names.

Lower than `THRESHOLD`: the bundled list holds common names only, so a column of names
has rows it does not know; columns of other things stay far below (see
docs/personal-data.md for the measurement)."""
MAX_NAME_TOKENS: Final = 5
"""A person's name is short (سید محمد حسین موسوی نژاد); longer text is a title or a note."""
NAMES: Final = frozenset(
    line.strip()
    for line in resources.files("govkit.pii").joinpath("names.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
"""Given names and surnames, Persian and Latin (`names.txt`)."""
NOT_NAMES: Final = frozenset(
    {
        # streets, places and buildings, often named after a person
        "خیابان", "خ", "بلوار", "کوچه", "میدان", "بزرگراه", "اتوبان", "جاده", "بنبست", "کوی",
        "آباد", "شهرک", "محله", "منطقه", "ناحیه", "شهر", "بوستان", "پارک", "باغ", "ایستگاه",
        "پل", "برج", "مجتمع", "ساختمان", "بیمارستان", "درمانگاه", "مدرسه", "دبستان",
        "دبیرستان", "دانشگاه", "مسجد", "حسینیه", "امامزاده", "کتابخانه", "فرهنگسرا", "سرای",
        "ورزشگاه", "سالن", "شهید", "امام", "آیت", "حضرت", "تقاطع", "چهارراه", "سهراه",
        "فلکه",
        # organisations (legal persons)
        "شرکت", "موسسه", "مؤسسه", "سازمان", "اداره", "گروه", "بانک", "کارخانه", "فروشگاه",
        "هتل", "رستوران", "تعاونی", "صنایع", "سهامی", "مسئولیت", "تجاری", "بازرگانی",
        "صنعتی", "ساختمانی", "مهندسی", "پیمانکاری", "مشاور", "مشاوران", "خدمات", "شعبه",
        "مرکز", "کانون", "انجمن", "هیئت", "هیات", "بنیاد", "ستاد", "معاونت", "وزارت",
        "دفتر", "شهرداری", "شرکا", "پسران", "برادران",
        # titles of works and projects
        "پروژه", "طرح", "احداث", "بهسازی", "ساخت", "مرمت", "تعمیر", "نگهداری", "خرید",
        "قرارداد", "برنامه", "جشنواره", "همایش", "گزارش",
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "square",
        "highway", "bridge", "park", "garden", "station", "tower", "building", "center",
        "centre", "hospital", "clinic", "school", "college", "university", "mosque", "church",
        "library", "stadium", "hotel", "restaurant", "shop", "store", "market", "abad",
        "bank", "company", "co", "corp", "corporation", "inc", "ltd", "llc", "plc", "group",
        "holding", "holdings", "foundation", "institute", "association", "society", "trust",
        "council", "ministry", "department", "office", "agency", "authority", "services",
        "consulting", "engineering", "construction", "industries", "sons", "project",
        "program", "programme", "plan", "report", "contract", "festival", "intersection",
        "junction", "crossroads", "partners", "brothers",
    }
)  # fmt: skip
"""Words that make a value the name of a place, an organisation or a work, not of a person
(خیابان شهید بهشتی, شرکت ساختمانی کریمی, Karimi & Sons Ltd)."""
NAME_SEPARATORS: Final = WHITESPACE + "\u200c" + string.punctuation + "،؛؟«»"
"""Where a value is split into words: whitespace, the zero-width non-joiner, punctuation."""
_NOT_IN_NAMES: Final = "0123456789@" + "".join(chr(0x06F0 + i) + chr(0x0660 + i) for i in range(10))
"""Characters no person's name holds (an e-mail address or a code is not a name)."""


_NAME_SPLIT: Final = re.compile(f"[{re.escape(NAME_SEPARATORS)}]+")
_ASCII_LOWER: Final = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NOT_A_NAME: Final = re.compile(f"[{re.escape(_NOT_IN_NAMES)}]")


def name_words(text: str) -> list[str]:
    """The words of a value as names are matched: split at `NAME_SEPARATORS`, ASCII letters
    in lower case, Arabic Yeh and Kaf as the Persian letters."""
    folded = iranian.normalize_letters(text).translate(_ASCII_LOWER)
    return [word for word in _NAME_SPLIT.split(folded) if word]


def is_person_name(text: str) -> bool:
    """A short value with a listed given name or surname, no word of a place or a firm, and
    no digit or `@`."""
    words = name_words(text)
    return (
        0 < len(words) <= MAX_NAME_TOKENS
        and not NAMES.isdisjoint(words)
        and NOT_NAMES.isdisjoint(words)
        and _NOT_A_NAME.search(text) is None
    )


def _name_patterns() -> tuple[str, str, str]:
    """RE2 expressions with the semantics of `is_person_name`, without splitting the value (a
    list per value costs DuckDB 30x more): a listed name as a whole word; a word of
    `NOT_NAMES` or a character no name holds; at most `MAX_NAME_TOKENS` words."""
    separator = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in NAME_SEPARATORS) + "]"
    folded = str.maketrans(
        {"ی": "[یي]", "ک": "[کك]"} | {c: f"[{c}{c.upper()}]" for c in string.ascii_lowercase}
    )

    def words(listed: frozenset[str]) -> str:
        alternatives = "|".join(sorted(listed, key=lambda word: (-len(word), word)))
        return f"(?:^|{separator})(?:{alternatives.translate(folded)})(?:{separator}|$)"

    word = f"[^{separator[1:-1]}]+"
    short = f"{separator}*{word}(?:{separator}+{word}){{0,{MAX_NAME_TOKENS - 1}}}{separator}*"
    not_in_names = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in _NOT_IN_NAMES) + "]"
    return words(NAMES), f"{words(NOT_NAMES)}|{not_in_names}", short


def _name_macro() -> str:
    # Every listed word is made of letters: quoted without escapes.
    assert all("'" not in word for word in NAMES | NOT_NAMES)  # noqa: S101 - the package's own
    has_name, not_a_name, short = _name_patterns()
    # AND skips the rest for rows already false: the listed names first, since most values of
    # most columns hold none.
    return (
        "CREATE OR REPLACE TEMP MACRO gk_is_person_name(s) AS ("
        f"regexp_matches(s, '{has_name}') AND NOT regexp_matches(s, '{not_a_name}') "
        f"AND regexp_full_match(s, '{short}'))"
    )


SQL_MACROS: Final = (*_TEXT_MACROS, _name_macro())
"""`gk_strip` (`str.strip`), `gk_is_email` (`is_email`) and `gk_is_person_name`
(`is_person_name`), beside `iranian.SQL_MACROS`."""


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
    threshold: float = THRESHOLD


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
    Detector(
        "person-name",
        "person names",
        is_person_name,
        "gk_is_person_name",
        threshold=NAME_THRESHOLD,
    ),
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
        return f"{self.matched} of {self.examined} non-empty values are {self.detector.label}"


def decide(
    examined: int,
    matched: Mapping[str, int],
    *,
    threshold: float | None = None,
    minimum: int = MIN_VALUES,
) -> Detection | None:
    """The detector that recognises the most of `examined` non-empty values, if it reaches its
    threshold (`threshold` for every detector when given); `matched` counts them by detector
    kind (a missing kind recognised none)."""
    best: Detection | None = None
    for detector in DETECTORS:
        if examined < (1 if detector.personal else minimum) or not examined:
            continue
        count = matched.get(detector.kind, 0)
        share = detector.threshold if threshold is None else threshold
        if count >= share * examined and (best is None or count > best.matched):
            best = Detection(detector, count, examined)
    return best


def detect(
    values: Iterable[str], *, threshold: float | None = None, minimum: int = MIN_VALUES
) -> Detection | None:
    """`decide` over values in Python: what the scan's SQL counts, for a few values at hand."""
    present = [value.strip() for value in values if value.strip()]
    matched = {detector.kind: sum(map(detector.matches, present)) for detector in DETECTORS}
    return decide(len(present), matched, threshold=threshold, minimum=minimum)
