"""Write a synthetic, deterministic municipal catalog for benchmarks.

    python bench/generate_catalog.py OUT_DIR [--datasets 2000] [--seed 1403]

The catalog has the shape DESIGN.md §1 describes: `govkit.yaml`,
`catalog/units.yaml` with 20 units, one YAML entry per dataset under
`catalog/<unit>/<id>.yaml`, 50 Table Schemas under `schemas/` shared by the
datasets, and one small CSV per resource next to its entry
(`catalog/<unit>/<id>/<resource>.csv`) whose rows satisfy the schema.

Entries are meant to be realistic in size and in law as well as in shape:
access levels are spread over the five default levels; every level above
`public` cites an exemption that fits the kind of data (art. 14/15 for personal
data, 16 with a harm test for commercial data, 17 for security and levies, 13
with a classification reference for `classified`); a resource is never looser
than its dataset; `classified` datasets are metadata stubs without data; a
personal field of a Table Schema always carries a redaction or an art. 5 role.

Only the standard library is used, and the output depends on nothing but the
arguments, so two runs with the same arguments write identical files. The
script refuses to write into a folder that is not empty.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DATASETS = 2000
DEFAULT_SEED = 1403
TODAY = dt.date(2026, 11, 28)

# --------------------------------------------------------------------------- values

FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
JALALI_PATTERN = r"1[34][0-9]{2}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])"
# Nowruz (1 Farvardin) of each Solar Hijri year: the start of its fiscal year.
NOWRUZ = {
    1399: dt.date(2020, 3, 20),
    1400: dt.date(2021, 3, 21),
    1401: dt.date(2022, 3, 21),
    1402: dt.date(2023, 3, 21),
    1403: dt.date(2024, 3, 20),
    1404: dt.date(2025, 3, 21),
    1405: dt.date(2026, 3, 21),
}
YEARS = (1400, 1401, 1402, 1403, 1404)

FA_FIRST = ("علی", "مریم", "رضا", "زهرا", "حسین", "فاطمه", "محمد", "نرگس", "امیر", "سارا")
FA_LAST = ("احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی")
FA_COMPANIES = (
    "شرکت ساختمانی آبادگران",
    "شرکت فنی مهندسی پارس راه",
    "شرکت خدمات شهری نوین",
    "مؤسسه مهندسین مشاور شهرآرا",
    "شرکت تجهیزات ترافیکی ایمن‌راه",
    "شرکت فضای سبز آریا",
)
FA_SUBJECTS = (
    "آسفالت و بهسازی معابر",
    "نگهداری فضای سبز",
    "خرید تجهیزات آتش‌نشانی",
    "احداث پل عابر پیاده",
    "لایروبی انهار سطحی",
    "نگهداری روشنایی معابر",
    "پشتیبانی سامانه‌های نرم‌افزاری",
)
FA_PLACES = (
    "میدان انقلاب",
    "بزرگراه همت",
    "خیابان ولیعصر",
    "بوستان لاله",
    "میدان آزادی",
    "خیابان شریعتی",
)
FA_POSTS = ("مدیر کل", "معاون", "شهردار منطقه", "مدیر اداره", "رئیس سازمان", "کارشناس")


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def national_id(rng: random.Random) -> str:
    """A 10-digit کد ملی with a valid check digit (DOMAIN §5)."""
    while True:
        body = _digits(rng, 9)
        if len(set(body)) > 1:
            break
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    rest = total % 11
    return body + str(rest if rest < 2 else 11 - rest)


def legal_id(rng: random.Random) -> str:
    """An 11-digit شناسه ملی with a valid check digit (DOMAIN §5)."""
    body = "10" + _digits(rng, 8)
    step = int(body[9]) + 2
    weights = (29, 27, 23, 19, 17)
    rest = sum((step + int(d)) * weights[i % 5] for i, d in enumerate(body)) % 11
    return body + str(0 if rest == 10 else rest)


def sheba(rng: random.Random) -> str:
    """An Iranian IBAN: IR, two ISO 13616 check digits, 22 digits."""
    bban = "0" + _digits(rng, 21)
    check = 98 - int(bban + "182700") % 97  # I=18, R=27, then 00
    return f"IR{check:02d}{bban}"


def mobile(rng: random.Random) -> str:
    return "09" + rng.choice(("12", "13", "19", "35", "01")) + _digits(rng, 7)


def postal_code(rng: random.Random) -> str:
    return rng.choice("13456789") + _digits(rng, 9)


def jalali(rng: random.Random) -> str:
    """A Solar Hijri date YYYY/MM/DD (days up to 29, so valid in every month)."""
    return f"{rng.choice(YEARS)}/{rng.randint(1, 12):02d}/{rng.randint(1, 29):02d}"


def iso_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FA_FIRST)} {rng.choice(FA_LAST)}"


# --------------------------------------------------------------------------- Table Schemas

Generate = Callable[[random.Random], str]


@dataclass(frozen=True)
class Column:
    """One Table Schema field and how to make a cell that satisfies it."""

    name: str
    title: str
    type: str
    value: Generate
    constraints: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def descriptor(self) -> dict[str, Any]:
        described: dict[str, Any] = {"name": self.name, "title": self.title, "type": self.type}
        described.update(self.extra)
        if self.constraints:
            described["constraints"] = self.constraints
        return described

    @property
    def personal(self) -> bool:
        return self.extra.get("sensitivity") == "personal"


def integer(low: int, high: int) -> Generate:
    return lambda rng: str(rng.randint(low, high))


def amount(low: int, high: int) -> Generate:
    return lambda rng: str(rng.randint(low, high) * 1_000_000)


def number(low: float, high: float, places: int) -> Generate:
    return lambda rng: f"{rng.uniform(low, high):.{places}f}"


def one_of(*options: str) -> Generate:
    return lambda rng: rng.choice(options)


def code(prefix: str, digits: int) -> Generate:
    return lambda rng: prefix + _digits(rng, digits)


def iso(start: dt.date, end: dt.date) -> Generate:
    return lambda rng: iso_date(rng, start, end).isoformat()


REQUIRED = {"required": True}
JALALI = {"calendar": "jalali"}


def jalali_column(name: str, title: str, *, required: bool = True) -> Column:
    constraints: dict[str, Any] = {"pattern": JALALI_PATTERN}
    if required:
        constraints = {"required": True, **constraints}
    return Column(name, title, "string", jalali, constraints, dict(JALALI))


def rial(name: str, title: str, low: int = 1, high: int = 900_000) -> Column:
    return Column(name, title, "integer", amount(low, high), {"required": True, "minimum": 0})


def text(name: str, title: str, options: Sequence[str], max_length: int = 300) -> Column:
    return Column(name, title, "string", one_of(*options), {"maxLength": max_length})


def enum(name: str, title: str, options: Sequence[str]) -> Column:
    constraints = {"required": True, "enum": list(options)}
    return Column(name, title, "string", one_of(*options), constraints)


def personal(column: Column, **extra: str) -> Column:
    """The same column marked as personal data, with how export treats it."""
    return Column(
        column.name,
        column.title,
        column.type,
        column.value,
        {k: v for k, v in column.constraints.items() if k != "required"},
        {**column.extra, "sensitivity": "personal", **extra},
    )


def official(name: str, title: str) -> Column:
    """An official's name: personal, but on the art. 5 allow-list."""
    return personal(
        Column(name, title, "string", person, {"maxLength": 200}), subject_role="official"
    )


FISCAL_YEAR = Column(
    "fiscal_year",
    "سال مالی",
    "integer",
    one_of(*map(str, YEARS)),
    {"required": True, "minimum": 1390, "maximum": 1499},
    {"description": "Solar Hijri fiscal year."},
)
DISTRICT = Column("district", "منطقه", "integer", integer(1, 22), {"minimum": 1, "maximum": 22})
MONTH = Column(
    "month", "ماه", "integer", integer(1, 12), {"required": True, "minimum": 1, "maximum": 12}
)
AREA = Column("area_m2", "مساحت (مترمربع)", "number", number(20, 9000, 1), {"minimum": 0})
UNIT_NAME = text("unit_name", "واحد سازمانی", ("معاونت مالی", "معاونت فنی", "منطقه ۷"))
NOTES = text("notes", "توضیحات", ("-", "تکمیلی", "اصلاح‌شده"), 500)
NATIONAL_ID = personal(
    Column("national_id", "کد ملی", "string", national_id, {}, {"format": "ir-national-id"}),
    redaction="drop",
)
MOBILE = personal(
    Column("mobile", "تلفن همراه", "string", mobile, {}, {"format": "ir-mobile"}),
    redaction="drop",
)
UPDATED = Column(
    "recorded_on", "تاریخ ثبت", "date", iso(dt.date(2021, 3, 21), dt.date(2026, 3, 20))
)
STAFF_NAME = personal(
    Column("full_name", "نام و نام خانوادگی", "string", person, {"maxLength": 200}),
    redaction="mask",
)


UNITS: tuple[tuple[str, str, str], ...] = (
    ("finance", "معاونت برنامه‌ریزی و مالی", "Planning and Finance Department"),
    ("urban-planning", "معاونت شهرسازی و معماری", "Urban Planning and Architecture Department"),
    ("transport", "معاونت حمل‌ونقل و ترافیک", "Transport and Traffic Department"),
    ("services", "معاونت خدمات شهری و محیط زیست", "Urban Services and Environment Department"),
    ("social", "معاونت امور اجتماعی و فرهنگی", "Social and Cultural Affairs Department"),
    ("technical", "معاونت فنی و عمرانی", "Technical and Civil Works Department"),
    ("human-resources", "معاونت توسعه منابع انسانی", "Human Resources Department"),
    ("legal", "اداره کل حقوقی", "Legal Affairs Office"),
    ("procurement", "اداره کل تدارکات و امور قراردادها", "Procurement and Contracts Office"),
    ("property", "اداره کل املاک و مستغلات", "Municipal Property Office"),
    ("revenue", "اداره کل درآمد", "Revenue Office"),
    ("council", "شورای اسلامی شهر", "City Council"),
    ("inspection", "اداره کل بازرسی و ارزیابی عملکرد", "Inspection and Performance Office"),
    ("ict", "سازمان فناوری اطلاعات و ارتباطات", "ICT Organisation"),
    ("fire", "سازمان آتش‌نشانی و خدمات ایمنی", "Fire and Safety Services Organisation"),
    ("parks", "سازمان بوستان‌ها و فضای سبز", "Parks and Green Space Organisation"),
    ("waste", "سازمان مدیریت پسماند", "Waste Management Organisation"),
    ("metro", "شرکت بهره‌برداری متروی شهر", "Metro Operating Company"),
    ("complaints", "سامانه ۱۳۷ ارتباطات مردمی", "137 Citizen Contact Centre"),
    ("crisis", "سازمان پیشگیری و مدیریت بحران", "Crisis Prevention and Management Organisation"),
)
UNIT_NAMES = {slug: (fa, en) for slug, fa, en in UNITS}
EVERY_UNIT = tuple(UNIT_NAMES)  # for a kind of data that every unit keeps


@dataclass(frozen=True)
class Kind:
    """A kind of data a municipality publishes (DOMAIN §4) and its Table Schema columns."""

    slug: str
    title_fa: str
    title_en: str
    units: tuple[str, ...]
    columns: tuple[Column, ...]
    keywords: tuple[str, ...]
    frequency: str
    articles: tuple[str, ...]  # exemptions that fit a non-public dataset of this kind
    primary_key: str | None = None
    rent_generating: bool = False


KINDS: tuple[Kind, ...] = (
    Kind(
        "contracts",
        "قراردادهای",
        "Contracts of",
        EVERY_UNIT,
        (
            Column("contract_no", "شماره قرارداد", "string", code("C-", 7), {"required": True}),
            jalali_column("contract_date", "تاریخ قرارداد"),
            text("counterparty", "طرف قرارداد", FA_COMPANIES),
            Column(
                "counterparty_id",
                "شناسه ملی طرف قرارداد",
                "string",
                legal_id,
                {},
                {"format": "ir-legal-id", "sensitivity": "none", "subject_role": "legal-person"},
            ),
            text("subject", "موضوع قرارداد", FA_SUBJECTS),
            rial("amount_rial", "مبلغ (ریال)"),
            enum("method", "روش انجام معامله", ("مناقصه", "ترک تشریفات", "استعلام")),
            Column("term_months", "مدت (ماه)", "integer", integer(1, 36), {"minimum": 1}),
            personal(MOBILE, redaction="drop"),
        ),
        ("procurement", "contracts", "قرارداد", "معاملات"),
        "R/P1M",
        ("16",),
        "contract_no",
        rent_generating=True,
    ),
    Kind(
        "tenders",
        "مناقصه‌ها و مزایده‌های",
        "Tenders and auctions of",
        ("procurement", "property", "technical", "transport", "services"),
        (
            Column("notice_no", "شماره آگهی", "string", code("T-", 6), {"required": True}),
            text("subject", "موضوع", FA_SUBJECTS),
            jalali_column("deadline", "مهلت ارسال پیشنهاد"),
            rial("estimate_rial", "برآورد (ریال)"),
            Column("bidders", "تعداد شرکت‌کنندگان", "integer", integer(0, 12), {"minimum": 0}),
            text("winner", "برنده", FA_COMPANIES),
            rial("price_rial", "مبلغ پیشنهادی برنده (ریال)"),
        ),
        ("tenders", "auctions", "مناقصه"),
        "continuous",
        ("16",),
        "notice_no",
        rent_generating=True,
    ),
    Kind(
        "payments",
        "پرداخت‌های بالای سقف",
        "Payments over the threshold by",
        EVERY_UNIT,
        (
            jalali_column("payment_date", "تاریخ پرداخت"),
            Column("payee", "دریافت‌کننده", "string", person, {"maxLength": 200}),
            personal(NATIONAL_ID, redaction="hash"),
            Column(
                "budget_line",
                "ردیف بودجه",
                "string",
                code("", 5),
                {"required": True, "pattern": "[0-9]{5}"},
            ),
            rial("amount_rial", "مبلغ (ریال)"),
            NOTES,
        ),
        ("payments", "spending", "پرداخت"),
        "R/P1M",
        ("14", "16"),
    ),
    Kind(
        "budget",
        "بودجه و عملکرد",
        "Budget and spending of",
        EVERY_UNIT,
        (
            FISCAL_YEAR,
            DISTRICT,
            enum("chapter", "فصل", ("جاری", "تملک دارایی", "تعهدات")),
            Column(
                "program_code",
                "کد برنامه",
                "string",
                code("P", 3),
                {"required": True, "pattern": "P[0-9]{3}"},
            ),
            text("program", "عنوان برنامه", FA_SUBJECTS, 200),
            rial("approved_rial", "اعتبار مصوب (ریال)"),
            rial("spent_rial", "هزینه‌شده (ریال)"),
        ),
        ("budget", "public finance", "بودجه"),
        "R/P1Y",
        ("17(c)",),
    ),
    Kind(
        "levy-revenue",
        "درآمد عوارض",
        "Levy revenue of",
        ("revenue", "finance", "urban-planning"),
        (
            FISCAL_YEAR,
            MONTH,
            enum("levy_type", "نوع عوارض", ("نوسازی", "پروانه ساختمانی", "کسب و پیشه")),
            DISTRICT,
            rial("amount_rial", "مبلغ (ریال)"),
            personal(NATIONAL_ID, redaction="aggregate"),
        ),
        ("levies", "revenue", "عوارض"),
        "R/P1M",
        ("17(c)", "14"),
    ),
    Kind(
        "managers-pay",
        "حقوق و مزایای مدیران",
        "Pay of the managers of",
        ("human-resources", "finance", "council"),
        (
            official("full_name", "نام و نام خانوادگی"),
            text("post", "سمت", FA_POSTS),
            UNIT_NAME,
            rial("monthly_pay_rial", "حقوق ماهانه (ریال)", 100, 900),
            personal(NATIONAL_ID, redaction="drop"),
            personal(
                Column("sheba", "شماره شبا", "string", sheba, {}, {"format": "ir-sheba"}),
                redaction="drop",
            ),
        ),
        ("salaries", "managers", "حقوق مدیران"),
        "R/P1Y",
        ("14",),
    ),
    Kind(
        "staff-directory",
        "فهرست کارکنان",
        "Staff directory of",
        EVERY_UNIT,
        (
            STAFF_NAME,
            text("post", "سمت", FA_POSTS),
            UNIT_NAME,
            enum("contract_type", "نوع قرارداد", ("رسمی", "پیمانی", "قراردادی")),
            personal(jalali_column("birth_date", "تاریخ تولد", required=False), redaction="drop"),
            personal(text("home_address", "نشانی منزل", FA_PLACES), redaction="drop"),
            personal(NATIONAL_ID, redaction="drop"),
            personal(MOBILE, redaction="drop"),
        ),
        ("staff", "directory", "کارکنان"),
        "R/P3M",
        ("14", "15"),
    ),
    Kind(
        "foreign-trips",
        "سفرهای خارجی مدیران",
        "Foreign trips of the managers of",
        ("human-resources", "council", "inspection"),
        (
            official("full_name", "نام و نام خانوادگی"),
            text("post", "سمت", FA_POSTS),
            text("destination", "مقصد", ("استانبول", "مسکو", "پکن", "دوحه", "وین")),
            text("purpose", "هدف سفر", ("همایش", "بازدید فنی", "مذاکره خواهرخواندگی")),
            jalali_column("departure", "تاریخ رفت"),
            jalali_column("return", "تاریخ بازگشت"),
            rial("cost_rial", "هزینه (ریال)", 50, 5000),
            personal(
                Column(
                    "passport_no",
                    "شماره گذرنامه",
                    "string",
                    code("P", 8),
                    {"pattern": "[A-Z][0-9]{8}"},
                ),
                redaction="drop",
            ),
        ),
        ("travel", "managers", "سفر"),
        "R/P1M",
        ("14", "17(a)"),
    ),
    Kind(
        "council-resolutions",
        "مصوبات",
        "Resolutions of",
        ("council",),
        (
            Column("resolution_no", "شماره مصوبه", "string", code("R-", 5), {"required": True}),
            jalali_column("session_date", "تاریخ جلسه"),
            text("title", "عنوان", FA_SUBJECTS, 500),
            enum("status", "وضعیت", ("ابلاغ‌شده", "در حال بررسی", "اعتراض‌شده")),
            text("text", "متن مصوبه", FA_SUBJECTS, 2000),
        ),
        ("council", "resolutions", "مصوبات شورا"),
        "continuous",
        ("16",),
        "resolution_no",
    ),
    Kind(
        "council-votes",
        "آرای اعضای",
        "Roll-call votes of",
        ("council",),
        (
            Column("session_no", "شماره جلسه", "integer", integer(1, 400), {"required": True}),
            Column("item_no", "شماره دستور", "integer", integer(1, 20), {"required": True}),
            jalali_column("session_date", "تاریخ جلسه"),
            official("member", "عضو شورا"),
            enum("vote", "رأی", ("موافق", "مخالف", "ممتنع", "غایب")),
        ),
        ("council", "votes", "آرا"),
        "continuous",
        ("16",),
    ),
    Kind(
        "building-permits",
        "پروانه‌های ساختمانی",
        "Building permits issued by",
        ("urban-planning",),
        (
            Column("permit_no", "شماره پروانه", "string", code("BP-", 7), {"required": True}),
            jalali_column("issued_on", "تاریخ صدور"),
            DISTRICT,
            Column(
                "registry_plate",
                "پلاک ثبتی",
                "string",
                lambda rng: f"{rng.randint(1, 9999)}/{rng.randint(1, 999)}",
                {"pattern": "[0-9]{1,5}/[0-9]{1,5}"},
            ),
            enum("land_use", "کاربری", ("مسکونی", "تجاری", "اداری", "آموزشی")),
            Column("floors", "تعداد طبقات", "integer", integer(1, 30), {"minimum": 1}),
            AREA,
            rial("levy_rial", "عوارض (ریال)"),
            personal(
                Column(
                    "owner_id",
                    "کد ملی مالک",
                    "string",
                    national_id,
                    {},
                    {"format": "ir-national-id"},
                ),
                redaction="hash",
            ),
            personal(MOBILE, redaction="drop"),
        ),
        ("permits", "construction", "پروانه ساختمانی"),
        "R/P1W",
        ("14", "16"),
        "permit_no",
        rent_generating=True,
    ),
    Kind(
        "article-100-rulings",
        "آرای کمیسیون ماده ۱۰۰",
        "Article 100 commission rulings of",
        ("urban-planning", "legal"),
        (
            Column("case_no", "شماره پرونده", "string", code("A100-", 6), {"required": True}),
            DISTRICT,
            enum("violation", "تخلف", ("اضافه بنا", "تغییر کاربری", "عدم رعایت پارکینگ")),
            AREA,
            enum("ruling", "رأی", ("جریمه", "تخریب", "ابقا")),
            rial("fine_rial", "جریمه (ریال)"),
            jalali_column("ruled_on", "تاریخ رأی"),
        ),
        ("article 100", "rulings", "ماده ۱۰۰"),
        "R/P1W",
        ("14", "17(b)"),
        "case_no",
    ),
    Kind(
        "land-use-changes",
        "تغییرات کاربری ماده ۵",
        "Article 5 land-use changes in",
        ("urban-planning", "council"),
        (
            Column("parcel_id", "شناسه قطعه", "string", code("PR", 8), {"required": True}),
            enum("use_from", "کاربری پیشین", ("باغ", "صنعتی", "مسکونی")),
            enum("use_to", "کاربری جدید", ("تجاری", "مسکونی", "اداری")),
            AREA,
            Column("resolution_no", "شماره مصوبه", "string", code("K5-", 5), {}),
            text("beneficiary", "ذی‌نفع", FA_COMPANIES),
        ),
        ("land use", "zoning", "کمیسیون ماده ۵"),
        "continuous",
        ("16",),
        rent_generating=True,
    ),
    Kind(
        "property-leases",
        "املاک و اجاره‌های",
        "Property and leases of",
        ("property", "parks", "metro"),
        (
            Column("parcel_id", "شناسه ملک", "string", code("PR", 8), {"required": True}),
            text("address", "نشانی", FA_PLACES),
            Column(
                "postal_code", "کد پستی", "string", postal_code, {}, {"format": "ir-postal-code"}
            ),
            AREA,
            enum("use", "کاربری", ("تجاری", "اداری", "انبار")),
            personal(text("tenant", "مستأجر", FA_LAST), redaction="mask"),
            rial("rent_rial", "اجاره ماهانه (ریال)", 5, 900),
            jalali_column("lease_start", "آغاز اجاره"),
            jalali_column("lease_end", "پایان اجاره", required=False),
        ),
        ("property", "leases", "اجاره"),
        "R/P1Y",
        ("16", "14"),
        "parcel_id",
        rent_generating=True,
    ),
    Kind(
        "kiosks-billboards",
        "کیوسک‌ها و تابلوهای تبلیغاتی",
        "Kiosks and billboards licensed by",
        ("services", "property", "transport"),
        (
            Column("licence_no", "شماره مجوز", "string", code("KB-", 6), {"required": True}),
            text("location", "مکان", FA_PLACES),
            DISTRICT,
            personal(text("holder", "دارنده", FA_LAST), redaction="mask"),
            rial("fee_rial", "بهای ماهانه (ریال)", 1, 300),
            Column("term_months", "مدت (ماه)", "integer", integer(1, 60), {"minimum": 1}),
        ),
        ("kiosks", "billboards", "تبلیغات محیطی"),
        "R/P1M",
        ("16",),
        "licence_no",
        rent_generating=True,
    ),
    Kind(
        "complaints-137",
        "شکایات سامانه ۱۳۷",
        "137 citizen complaints handled by",
        ("complaints", "services", "waste", "transport", "parks"),
        (
            Column("complaint_id", "شناسه", "integer", integer(1, 9_999_999), {"required": True}),
            enum("category", "موضوع", ("پسماند", "معابر", "روشنایی", "فضای سبز", "ترافیک")),
            DISTRICT,
            Column(
                "lat",
                "عرض جغرافیایی (گرد‌شده)",
                "number",
                number(35.55, 35.83, 3),
                {"minimum": 35, "maximum": 36},
            ),
            Column(
                "lon",
                "طول جغرافیایی (گرد‌شده)",
                "number",
                number(51.2, 51.6, 3),
                {"minimum": 51, "maximum": 52},
            ),
            Column("opened", "تاریخ ثبت", "date", iso(dt.date(2024, 3, 20), dt.date(2025, 3, 1))),
            enum("status", "وضعیت", ("باز", "در حال رسیدگی", "بسته")),
            personal(MOBILE, redaction="drop"),
            personal(text("details", "شرح شکایت", FA_SUBJECTS, 2000), redaction="drop"),
        ),
        ("complaints", "137", "شکایات"),
        "R/P1D",
        ("14", "15"),
        "complaint_id",
    ),
    Kind(
        "traffic-permits",
        "مجوزهای طرح ترافیک",
        "Traffic-zone permits of",
        ("transport",),
        (
            FISCAL_YEAR,
            MONTH,
            enum("holder_type", "نوع دارنده", ("خبرنگار", "پزشک", "ساکن", "سازمانی")),
            Column("permits", "تعداد", "integer", integer(0, 5000), {"minimum": 0}),
            rial("fees_rial", "درآمد (ریال)"),
        ),
        ("traffic", "permits", "طرح ترافیک"),
        "R/P1M",
        ("17(a)", "14"),
    ),
    Kind(
        "grants",
        "کمک‌ها و حمایت‌های",
        "Grants and aid by",
        ("social", "finance", "council"),
        (
            text("recipient", "دریافت‌کننده", FA_COMPANIES),
            enum("recipient_type", "نوع", ("سمن", "هیئت", "شخص حقیقی", "ورزشی")),
            rial("amount_rial", "مبلغ (ریال)"),
            text("purpose", "هدف", FA_SUBJECTS),
            jalali_column("granted_on", "تاریخ پرداخت"),
        ),
        ("grants", "aid", "کمک‌های بلاعوض"),
        "R/P3M",
        ("14", "16"),
    ),
    Kind(
        "foi-requests",
        "درخواست‌های دسترسی آزاد به اطلاعات",
        "Freedom-of-information requests to",
        ("legal", "ict", "inspection"),
        (
            Column("request_id", "شناسه درخواست", "string", code("FOI-", 6), {"required": True}),
            Column(
                "received",
                "تاریخ دریافت",
                "date",
                iso(dt.date(2024, 3, 20), dt.date(2025, 3, 1)),
                REQUIRED,
            ),
            text("topic", "موضوع", FA_SUBJECTS),
            Column(
                "days_to_answer",
                "مدت پاسخ (روز)",
                "integer",
                integer(0, 30),
                {"minimum": 0, "maximum": 365},
            ),
            enum("outcome", "نتیجه", ("پاسخ کامل", "پاسخ جزئی", "رد")),
            Column(
                "article",
                "ماده استنادی",
                "string",
                one_of("13", "14", "16", "17"),
                {"pattern": "1[3-7]"},
            ),
        ),
        ("foi", "transparency", "دسترسی آزاد"),
        "R/P1M",
        ("14",),
        "request_id",
    ),
    Kind(
        "gis-assets",
        "دارایی‌ها و لایه‌های مکانی",
        "Assets and GIS layers of",
        EVERY_UNIT,
        (
            Column("asset_id", "شناسه دارایی", "string", code("G", 7), {"required": True}),
            enum("asset_type", "نوع", ("بوستان", "ایستگاه", "مخزن", "پل", "ساختمان")),
            DISTRICT,
            AREA,
            Column(
                "lat",
                "عرض جغرافیایی",
                "number",
                number(35.55, 35.83, 5),
                {"minimum": 35, "maximum": 36},
            ),
            Column(
                "lon",
                "طول جغرافیایی",
                "number",
                number(51.2, 51.6, 5),
                {"minimum": 51, "maximum": 52},
            ),
            Column(
                "inspected", "آخرین بازدید", "date", iso(dt.date(2023, 1, 1), dt.date(2026, 6, 30))
            ),
            Column("operational", "فعال", "boolean", one_of("true", "false")),
        ),
        ("gis", "assets", "دارایی‌ها"),
        "R/P1Y",
        ("17(a)",),
        "asset_id",
    ),
)
EXTRA_COLUMNS = (UPDATED, NOTES)


@dataclass(frozen=True)
class TableSchema:
    file: str
    kind: Kind
    version: int
    columns: tuple[Column, ...]
    primary_key: str | None

    def descriptor(self) -> dict[str, Any]:
        described: dict[str, Any] = {"fields": [c.descriptor() for c in self.columns]}
        if self.primary_key:
            described["primaryKey"] = [self.primary_key]
        if any(not c.constraints.get("required") for c in self.columns):
            described["missingValues"] = ["", "-"]
        return described

    @property
    def personal_fields(self) -> list[str]:
        return [c.name for c in self.columns if c.personal]


def table_schemas(rng: random.Random) -> list[TableSchema]:
    """50 schemas: three versions of each of the first ten kinds, two of the rest."""
    schemas = []
    for index, kind in enumerate(KINDS):
        for version in range(1, (3 if index < 10 else 2) + 1):
            columns = list(kind.columns)
            if version == 2:  # a leaner older version: optional columns dropped at random
                keep = [c for c in columns if c.constraints.get("required") or rng.random() < 0.6]
                columns = keep if len(keep) >= 5 else columns[: max(5, len(keep))]
            elif version == 3:
                names = {c.name for c in columns}
                columns += [c for c in EXTRA_COLUMNS if c.name not in names]
            columns = columns[:12]
            key = kind.primary_key if any(c.name == kind.primary_key for c in columns) else None
            file = f"{kind.slug}-v{version}.schema.yaml"
            schemas.append(TableSchema(file, kind, version, tuple(columns), key))
    return schemas


# ---------------------------------------------------------------- units.yaml, govkit.yaml


def units_document() -> dict[str, Any]:
    return {
        "units": [
            {
                "id": slug,
                "name": {"fa": fa, "en": en},
                "steward": {"name": f"Data steward, {en}", "email": f"{slug}-data@example.org"},
            }
            for slug, fa, en in UNITS
        ]
    }


CONFIG: dict[str, Any] = {
    "govkit": 1,
    "organisation": {
        "name": {"fa": "شهرداری نمونه", "en": "Example Municipality"},
        "homepage": "https://example.org",
        "email": "open-data@example.org",
    },
    "languages": ["fa", "en"],
    "access_levels": [
        {"id": "public", "title": {"fa": "عمومی", "en": "Public"}, "pod": "public", "eu": "PUBLIC"},
        {
            "id": "restricted-public",
            "title": {"fa": "عمومی مشروط", "en": "Restricted public"},
            "pod": "restricted public",
            "eu": "RESTRICTED",
        },
        {"id": "internal", "title": {"fa": "داخلی", "en": "Internal"}},
        {"id": "confidential", "title": {"fa": "محرمانه", "en": "Confidential"}},
        {"id": "classified", "title": {"fa": "طبقه‌بندی‌شده", "en": "Classified"}},
    ],
    "policies": [],
    "export": {"level": "public", "out": "dist", "formats": ["datapackage", "data.json", "dcat"]},
}

# --------------------------------------------------------------------------- datasets

LEVELS = ("public", "restricted-public", "internal", "confidential", "classified")
LEVEL_WEIGHTS = (50, 20, 12, 13, 5)
DECISIONS = {
    "public": "publish",
    "restricted-public": "restrict",
    "internal": "withhold",
    "confidential": "withhold",
    "classified": "withhold",
}
FREQUENCY_WORDS = {
    "R/P1D": ("روزانه", "daily"),
    "R/P1W": ("هفتگی", "weekly"),
    "R/P1M": ("ماهانه", "monthly"),
    "R/P3M": ("فصلی", "quarterly"),
    "R/P1Y": ("سالانه", "yearly"),
    "continuous": ("پیوسته", "continuously"),
}
HARM_TESTED = ("16", "17")


@dataclass(frozen=True)
class Plan:
    """What one dataset is before it is written: enough to write the entry and its data."""

    dataset_id: str
    kind: Kind
    unit: str
    level: str
    years: tuple[int, ...]
    district: int | None
    schemas: tuple[TableSchema, ...]


def plans(rng: random.Random, count: int, schemas: list[TableSchema]) -> Iterator[Plan]:
    by_kind: dict[str, list[TableSchema]] = {}
    for schema in schemas:
        by_kind.setdefault(schema.kind.slug, []).append(schema)
    for serial in range(1, count + 1):
        kind = KINDS[(serial - 1) % len(KINDS)] if serial <= len(KINDS) else rng.choice(KINDS)
        unit = rng.choice(kind.units)
        level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
        resources = 0 if level == "classified" else rng.choices((1, 2, 3), (50, 35, 15))[0]
        first = rng.randint(YEARS[0] + resources - 1, YEARS[-1]) if resources else YEARS[-1]
        years = tuple(range(first, first - max(resources, 1), -1))
        district = rng.randint(1, 22) if rng.random() < 0.4 else None
        where = f"-d{district}" if district else ""
        picked = tuple(rng.choice(by_kind[kind.slug]) for _ in range(resources))
        yield Plan(
            f"{kind.slug}-{unit}{where}-{serial:04d}", kind, unit, level, years, district, picked
        )


def _text(fa: str, en: str) -> dict[str, str]:
    return {"fa": fa, "en": en}


def dataset_document(rng: random.Random, plan: Plan) -> dict[str, Any]:
    kind = plan.kind
    unit_fa, unit_en = UNIT_NAMES[plan.unit]
    year = plan.years[0]
    several = len(plan.years) > 1
    span = f"{plan.years[-1]}–{year}" if several else str(year)
    span_fa = ("سال‌های " if several else "سال ") + span.translate(FA_DIGITS)
    span_en = ("years " if several else "year ") + span
    where_fa = f" منطقه {str(plan.district).translate(FA_DIGITS)}" if plan.district else ""
    where_en = f" district {plan.district}" if plan.district else ""
    often_fa, often_en = FREQUENCY_WORDS.get(kind.frequency, ("نامنظم", "irregularly"))
    start = NOWRUZ[plan.years[-1]]
    end = NOWRUZ[year + 1] - dt.timedelta(days=1)
    document: dict[str, Any] = {
        "id": plan.dataset_id,
        "title": _text(
            f"{kind.title_fa} {unit_fa}{where_fa} در {span_fa}",
            f"{kind.title_en} the {unit_en}{where_en}, {span}",
        ),
        "description": _text(
            f"{kind.title_fa} {unit_fa}{where_fa} در {span_fa} به تفکیک ردیف، "
            f"با مبالغ به ریال و تاریخ‌ها به تقویم هجری شمسی. این داده {often_fa} از سامانه "
            f"یکپارچه {unit_fa} استخراج و پس از بازبینی کارشناس داده منتشر می‌شود؛ "
            "ستون‌های دارای اطلاعات شخصی پیش از انتشار حذف یا پوشانده می‌شوند.",
            f"{kind.title_en} the {unit_en}{where_en} in Solar Hijri {span_en}, one row per "
            f"record, amounts in rials and dates in the Solar Hijri calendar. Extracted "
            f"{often_en} from the {unit_en}'s integrated system and published after review by "
            "the data steward; columns holding personal data are dropped or masked before "
            "release.",
        ),
        "unit": plan.unit,
        "steward": {"name": f"Data steward, {unit_en}", "email": f"{plan.unit}-data@example.org"},
        "keywords": [
            *rng.sample(kind.keywords, k=min(len(kind.keywords), rng.randint(2, 3))),
            unit_fa.split()[-1],
        ],
        "access_level": plan.level,
        "legal_basis": {"law": "ir-foi", "article": rng.choice(("5", "10"))},
    }
    exemption = _exemption(rng, plan)
    if exemption:
        document["exemptions"] = [exemption]
    document["priority"] = {
        "rent_generating": kind.rent_generating,
        "oversight": rng.choice(("low", "medium", "high")),
        "public_interest": rng.randint(1, 5),
        "feasibility": rng.randint(1, 5),
    }
    document["update_frequency"] = kind.frequency
    document["last_updated"] = iso_date(rng, dt.date(2025, 1, 1), TODAY).isoformat()
    document["temporal"] = f"{start.isoformat()}/{end.isoformat()}"
    document["spatial"] = (
        _text(f"منطقه {str(plan.district).translate(FA_DIGITS)}", f"District {plan.district}")
        if plan.district
        else _text("مناطق ۲۲گانه", "Districts 1–22")
    )
    if plan.level in ("public", "restricted-public"):
        document["license"] = "CC-BY-4.0"
    if rng.random() < 0.2:
        document["version"] = f"{rng.randint(1, 3)}.{rng.randint(0, 9)}"
    if plan.level == "public" and rng.random() < 0.05:
        document["flags"] = [rng.choice(("public-health", "environmental-hazard"))]
    document["approvals"] = [
        {
            "ref": f"{year}/{rng.randint(100, 999)}",
            "date": iso_date(rng, NOWRUZ[year], min(NOWRUZ[year + 1], TODAY)).isoformat(),
            "decision": DECISIONS[plan.level],
        }
    ]
    if plan.schemas:
        document["resources"] = [
            _resource(rng, plan, schema, resource_year)
            for schema, resource_year in zip(plan.schemas, plan.years, strict=True)
        ]
    return document


def _exemption(rng: random.Random, plan: Plan) -> dict[str, Any] | None:
    if plan.level == "public":
        return None
    if plan.level == "classified":
        return {
            "law": "ir-foi",
            "article": "13",
            "reason": _text("اسناد طبقه‌بندی‌شده", "Classified documents"),
            "classification_ref": f"CL-{plan.years[0]}-{rng.randint(1, 999):03d}",
        }
    article = rng.choice(plan.kind.articles)
    fields = sorted({f for s in plan.schemas for f in s.personal_fields})
    exemption: dict[str, Any] = {"law": "ir-foi", "article": article}
    if plan.level == "restricted-public" and fields and article in ("14", "15"):
        exemption["fields"] = fields
    exemption["reason"] = _text("حفظ حریم خصوصی و منافع مشروع", "Privacy and legitimate interests")
    if article.startswith(HARM_TESTED):
        exemption["harm_test"] = {
            "date": iso_date(rng, dt.date(2025, 1, 1), dt.date(2026, 10, 31)).isoformat(),
            "ref": f"HT-{rng.randint(1000, 9999)}",
            "summary": _text(
                "آسیب انتشار از منفعت عمومی آن بیشتر است",
                "The harm of release outweighs the public interest",
            ),
        }
    exemption["review_by"] = iso_date(rng, dt.date(2027, 1, 1), dt.date(2028, 12, 31)).isoformat()
    return exemption


def _resource(rng: random.Random, plan: Plan, schema: TableSchema, year: int) -> dict[str, Any]:
    name = f"{plan.kind.slug}-{year}"
    resource: dict[str, Any] = {
        "name": name,
        "title": _text(
            f"{plan.kind.title_fa} {str(year).translate(FA_DIGITS)}",
            f"{plan.kind.title_en.rsplit(' ', 1)[0]} {year}",
        ),
        "path": f"{plan.unit}/{plan.dataset_id}/{name}.csv",
        "schema": schema.file,
        "format": "csv",
        "encoding": "utf-8",
    }
    rank = LEVELS.index(plan.level)
    if rng.random() < 0.15:  # stricter than the dataset, or equal; never classified data
        resource["access_level"] = LEVELS[rng.randint(rank, min(rank + 2, 3))]
    if rng.random() < 0.05:
        resource["dialect"] = {"delimiter": ";"}
    return resource


def data_file(rng: random.Random, schema: TableSchema, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.name for c in schema.columns])
    seen: set[str] = set()
    for _ in range(rng.randint(3, 5)):
        row = [c.value(rng) for c in schema.columns]
        key = (
            row[[c.name for c in schema.columns].index(schema.primary_key)]
            if (schema.primary_key)
            else None
        )
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        writer.writerow(row)
    return buffer.getvalue()


# --------------------------------------------------------------------------- YAML

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t]*$")
_RESOLVES = re.compile(
    r"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|no|No|on|On|off|Off"
    r"|[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$"
)
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_WIDTH = 88


def scalar(value: Any, *, in_flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, dict)):  # only empty ones reach here
        return "[]" if isinstance(value, list) else "{}"
    text = str(value)
    plain = (
        _PLAIN.match(text)
        and not _RESOLVES.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not (in_flow and _FLOW_UNSAFE.search(text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _folds(text: str, indent: int) -> bool:
    return len(text) + indent > _WIDTH and "  " not in text and text == text.strip()


def yaml_lines(value: Any, indent: int = 0) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _member(f"{pad}{key}:", item, indent)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                lines = list(yaml_lines(item, indent + 2))
                yield f"{pad}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{pad}- {scalar(item)}"


def _member(head: str, item: Any, indent: int) -> Iterator[str]:
    if isinstance(item, dict) and item:
        yield head
        yield from yaml_lines(item, indent + 2)
    elif isinstance(item, list) and item and all(not isinstance(i, (dict, list)) for i in item):
        flow = "[" + ", ".join(scalar(i, in_flow=True) for i in item) + "]"
        if len(head) + len(flow) < _WIDTH:
            yield f"{head} {flow}"
        else:
            yield head
            yield from yaml_lines(item, indent + 2)
    elif isinstance(item, list) and item:
        yield head
        yield from yaml_lines(item, indent + 2)
    elif isinstance(item, str) and _folds(item, indent):
        yield f"{head} >-"
        pad = " " * (indent + 2)
        yield from textwrap.wrap(
            item,
            _WIDTH,
            initial_indent=pad,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
    else:
        yield f"{head} {scalar(item)}"


def yaml_text(value: dict[str, Any], comment: str | None = None) -> str:
    head = [f"# {comment}"] if comment else []
    return "\n".join([*head, *yaml_lines(value)]) + "\n"


# --------------------------------------------------------------------------- writing


def write_catalog(out: Path, datasets: int, seed: int) -> int:
    """Write the catalog into `out` (which must be empty or absent); return the file count."""
    rng = random.Random(seed)
    schemas = table_schemas(rng)
    files: dict[str, str] = {
        "govkit.yaml": yaml_text(
            CONFIG, "Synthetic benchmark catalog (bench/generate_catalog.py)."
        ),
        "catalog/units.yaml": yaml_text(units_document()),
    }
    for schema in schemas:
        comment = f"Table Schema: {schema.kind.slug}, version {schema.version}."
        files[f"schemas/{schema.file}"] = yaml_text(schema.descriptor(), comment)
    for plan in plans(rng, datasets, schemas):
        document = dataset_document(rng, plan)
        files[f"catalog/{plan.unit}/{plan.dataset_id}.yaml"] = yaml_text(document)
        for resource, schema in zip(document.get("resources", []), plan.schemas, strict=True):
            delimiter = resource.get("dialect", {}).get("delimiter", ",")
            files[f"catalog/{resource['path']}"] = data_file(rng, schema, delimiter)
    for relative, content in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return len(files)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="empty or new folder")
    parser.add_argument(
        "--datasets",
        type=int,
        default=DEFAULT_DATASETS,
        metavar="N",
        help=f"dataset entries to write (default {DEFAULT_DATASETS})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    if args.datasets < 1:
        parser.error("--datasets must be at least 1")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"error: {out} exists and is not an empty folder; refusing to write", file=sys.stderr)
        return 2
    count = write_catalog(out, args.datasets, args.seed)
    print(f"wrote {count} files for {args.datasets} datasets to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
