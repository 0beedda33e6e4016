"""Header words that signal personal data, in Persian and English (DOMAIN §5).

A header is normalised before matching: lower case, Arabic Yeh and Kaf read
as Persian, and `_`, `-`, `.`, `/` and the zero-width non-joiner read as
spaces, so `national_id`, `National-ID` and `کد‌ملی` all match. Words match
whole: `tel` is found in `owner_tel`, not in `hotel`.
"""

from __future__ import annotations

import re
from typing import Final

from govkit.engine.iranian import normalize_letters

PERSIAN_WORDS: Final = (
    "کد ملی",
    "کدملی",
    "شماره ملی",
    "تلفن",
    "همراه",
    "موبایل",
    "نشانی",
    "آدرس",
    "کد پستی",
    "کدپستی",
    "شبا",
    "شماره کارت",
    "شماره حساب",
    "تاریخ تولد",
    "نام پدر",
    "شماره شناسنامه",
    "گذرنامه",
    "پلاک",
    "ایمیل",
    "پست الکترونیک",
)
ENGLISH_WORDS: Final = (
    "national id",
    "national code",
    "nid",
    "ssn",
    "passport",
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cellphone",
    "cell phone",
    "address",
    "postal code",
    "postcode",
    "zip",
    "sheba",
    "iban",
    "card number",
    "card no",
    "account number",
    "birth date",
    "birthdate",
    "date of birth",
    "dob",
    "father name",
    "fathers name",
    "birth certificate",
    "plate",
    "email",
    "e mail",
)
# Phrases that contain a personal-data word but name something else: a land-registry plate
# (پلاک ثبتی) identifies a parcel of land, not a person or a vehicle.
NOT_PERSONAL: Final = ("پلاک ثبتی", "registry plate", "land plate")
_SEPARATORS: Final = re.compile(r"[\s_\-./\u200c]+")
_WORDS: Final = tuple(
    (word, re.compile(rf"(?:^| ){re.escape(word)}(?: |$)"))
    for word in (*PERSIAN_WORDS, *ENGLISH_WORDS)
)


def normalize_header(header: str) -> str:
    spaced = _SEPARATORS.sub(" ", normalize_letters(header).lower().replace("'", ""))
    return spaced.strip()


def personal_header_word(*headers: str) -> str | None:
    """The first personal-data word found in any of the headers (a column name, a title)."""
    for header in headers:
        normalized = normalize_header(header)
        for phrase in NOT_PERSONAL:
            normalized = normalized.replace(phrase, " ")
        for word, pattern in _WORDS:
            if pattern.search(normalized):
                return word
    return None
