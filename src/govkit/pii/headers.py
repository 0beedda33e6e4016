"""Header words that signal personal data, in Persian and English (DOMAIN §5).

A header is normalised before matching: camelCase split, lower case, Arabic
Yeh and Kaf read as Persian, and `_`, `-`, `.`, `/` and the zero-width
non-joiner read as spaces, so `national_id`, `NationalId`, `National-ID` and
`کد‌ملی` all match. Words match whole: `tel` is found in `owner_tel`, not in
`hotel`.

A *name* is personal only when it is a person's: `name` / `نام` alone, or
qualified by a word for a person or a part of a person's name (`applicant_name`,
`first_name`, `نام پدر`, `نام مستأجر`). Qualified by anything else it names a
thing (`park_name`, `company_name`, `نام پروژه`), and a bare `name` column whose
title qualifies it (`name` titled `نام بوستان`) is judged by its title. Names
the headers miss are left to the values (`detectors` recognises columns of
person names).
"""

from __future__ import annotations

import re
from typing import Final

from govkit.engine.iranian import normalize_letters

PERSIAN_WORDS: Final = (
    "کد ملی",
    "کدملی",
    "شماره ملی",
    "نام خانوادگی",
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
    "محل تولد",
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
    "birth place",
    "place of birth",
    "birth certificate",
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "forename",
    "plate",
    "email",
    "e mail",
)
NAME_WORDS: Final = ("name", "نام")
LANGUAGE_TAGS: Final = frozenset({"fa", "en", "ar", "ku", "az", "tr", "latin"})
"""Words after `name` that only say its language (`name_fa`): still the name itself."""
PERSON_ROLES: Final = frozenset(
    {
        # parts of a person's name
        "first", "last", "full", "given", "family", "middle", "maiden", "nick", "father",
        "fathers", "mother", "mothers", "خانوادگی", "کوچک", "پدر", "مادر",
        # people a public body keeps records of
        "person", "personal", "applicant", "owner", "contractor", "citizen", "employee",
        "staff", "resident", "tenant", "landlord", "taxpayer", "payee", "recipient",
        "beneficiary", "traveller", "traveler", "passenger", "driver", "patient", "student",
        "customer", "client", "user", "member", "manager", "spouse", "child", "guardian",
        "heir", "witness", "complainant", "requester", "requestor", "petitioner", "contact",
        "holder", "buyer", "seller", "victim", "deceased", "worker", "volunteer", "author",
        "شهروند", "مالک", "متقاضی", "پیمانکار", "کارمند", "مستأجر", "مستاجر", "موجر",
        "مؤدی", "مودی", "دریافت", "دریافتکننده", "ذینفع", "ذی", "مسافر", "راننده",
        "بیمار", "دانشآموز", "دانش", "مشتری", "کاربر", "عضو", "مدیر", "همسر", "فرزند",
        "سرپرست", "وارث", "شاهد", "شاکی", "متهم", "درخواستکننده", "درخواست", "متوفی",
        "خریدار", "فروشنده", "کارگر", "نماینده", "شخص", "فرد", "متصدی",
    }
)  # fmt: skip
"""Words that make a qualified name a person's (`applicant_name`, `نام مالک`)."""
# Phrases that contain a personal-data word but name something else: a land-registry plate
# (پلاک ثبتی) identifies a parcel of land, not a person or a vehicle.
NOT_PERSONAL: Final = ("پلاک ثبتی", "registry plate", "land plate")
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS: Final = re.compile(r"[\s_\-./\u200c]+")
_WORDS: Final = tuple(
    (word, re.compile(rf"(?:^| ){re.escape(word)}(?: |$)"))
    for word in (*PERSIAN_WORDS, *ENGLISH_WORDS)
)


def normalize_header(header: str) -> str:
    split = _CAMEL.sub(" ", normalize_letters(header))
    return _SEPARATORS.sub(" ", split.lower().replace("'", "")).strip()


def personal_header_word(*headers: str) -> str | None:
    """The first personal-data word found in any of the headers (a column name, a title):
    a word of its own, or a person's name (see the module's docstring)."""
    normalized = [_without_exceptions(normalize_header(header)) for header in headers]
    for header in normalized:
        for word, pattern in _WORDS:
            if pattern.search(header):
                return word
    return _person_name(normalized)


def _without_exceptions(header: str) -> str:
    for phrase in NOT_PERSONAL:
        header = header.replace(phrase, " ")
    return header


def _person_name(headers: list[str]) -> str | None:
    """The name word when the headers name a person's name: qualified by a person's role in
    any header, or bare and not qualified as a thing's name by another."""
    bare = None
    qualified_as_thing = False
    for header in headers:
        words = header.split()
        for i, word in enumerate(words):
            if word not in NAME_WORDS:
                continue
            following = words[i + 1] if i + 1 < len(words) else None
            if word == "name" and following is not None and following not in LANGUAGE_TAGS:
                continue  # English puts the head last: name_count counts, name_fa is a name
            # English puts the qualifier first (owner name), Persian after (نام مالک).
            qualifier = words[i + 1 : i + 2] if word == "نام" else words[max(i - 1, 0) : i]
            if not qualifier or qualifier == ["و"]:  # نام و نام خانوادگی
                bare = word
            elif qualifier[0] in PERSON_ROLES:
                return word
            else:
                qualified_as_thing = True
    return None if qualified_as_thing else bare
