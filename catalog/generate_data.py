"""Write the synthetic data files of the example catalog.

Every value is made up: names are drawn from short lists of common Persian
first and last names, identifiers are generated so that their checksums hold
(national ID, legal-entity ID, Sheba), and Jalali dates are real calendar days.
The output is deterministic: each table has its own `random.Random` seeded by
its name, so running the script twice writes byte-identical files, and editing
one table does not reshuffle the others.

Usage, from the project root:

    python catalog/generate_data.py [OUTPUT_ROOT]

OUTPUT_ROOT defaults to the project root; files go to OUTPUT_ROOT/catalog/...
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

Cell = str | int | float | bool | None
Row = tuple[Cell, ...]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Jalali calendar: 1 Farvardin of the years the data needs. A table is enough
# for a fixed range and is easy to check against DOMAIN.md (1403 is leap:
# 1403/12/30 = 2025-03-20).
# ---------------------------------------------------------------------------

NOWRUZ: dict[int, dt.date] = {
    1399: dt.date(2020, 3, 20),
    1400: dt.date(2021, 3, 21),
    1401: dt.date(2022, 3, 21),
    1402: dt.date(2023, 3, 21),
    1403: dt.date(2024, 3, 20),
    1404: dt.date(2025, 3, 21),
    1405: dt.date(2026, 3, 21),
    1406: dt.date(2027, 3, 21),
}
MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30)  # Esfand depends on the year


@dataclass(frozen=True, order=True)
class JDate:
    year: int
    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/{self.day:02d}"


def to_jalali(day: dt.date) -> JDate:
    year = max(y for y, start in NOWRUZ.items() if start <= day)
    if year == max(NOWRUZ):
        raise ValueError(f"{day} is past the calendar table")
    offset = (day - NOWRUZ[year]).days
    for month, length in enumerate(MONTH_DAYS, start=1):
        if offset < length:
            return JDate(year, month, offset + 1)
        offset -= length
    return JDate(year, 12, offset + 1)


def to_gregorian(jdate: JDate) -> dt.date:
    offset = sum(MONTH_DAYS[: jdate.month - 1]) + jdate.day - 1
    day = NOWRUZ[jdate.year] + dt.timedelta(days=offset)
    if to_jalali(day) != jdate:
        raise ValueError(f"{jdate} is not a day of the Jalali calendar")
    return day


def random_day(rng: random.Random, start: JDate, end: JDate) -> dt.date:
    """A Gregorian day between two Jalali days, both included."""
    first, last = to_gregorian(start), to_gregorian(end)
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def random_jdate(rng: random.Random, start: JDate, end: JDate) -> JDate:
    return to_jalali(random_day(rng, start, end))


def old_jdate(rng: random.Random, first_year: int, last_year: int) -> JDate:
    """A Jalali day outside the table's range: days up to 29 exist in every month."""
    return JDate(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 29))


FY_START = JDate(1405, 1, 1)
DATA_END = JDate(1405, 8, 30)  # the data runs to the end of Aban 1405 (2026-11-21)

# ---------------------------------------------------------------------------
# Iranian identifiers (DOMAIN.md §5), generated valid.
# ---------------------------------------------------------------------------


def digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def national_id(rng: random.Random) -> str:
    while True:
        body = rng.choice(("001", "002", "003", "004", "005", "006", "007", "008", "044"))
        body += digits(rng, 6)
        total = sum(int(d) * (10 - i) for i, d in enumerate(body))
        remainder = total % 11
        code = body + str(remainder if remainder < 2 else 11 - remainder)
        if len(set(code)) > 1:
            return code


def legal_id(rng: random.Random) -> str:
    body = "10" + digits(rng, 8)
    weights = (29, 27, 23, 19, 17)
    c = int(body[9]) + 2
    remainder = sum((c + int(d)) * weights[i % 5] for i, d in enumerate(body)) % 11
    return body + str(0 if remainder == 10 else remainder)


def sheba(rng: random.Random) -> str:
    bban = "0" + rng.choice(("017", "012", "018", "019", "062", "055")) + digits(rng, 18)
    check = 98 - int(bban + "1827" + "00") % 97  # I=18, R=27, check digits 00
    return f"IR{check:02d}{bban}"


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("912", "913", "919", "935", "936", "937", "939", "901", "902", "921"))
    return "0" + prefix + digits(rng, 7)


def postal_code(rng: random.Random) -> str:
    head = "1" + "".join(rng.choice("13456789") for _ in range(3))
    return head + rng.choice("13467") + "".join(rng.choice("0134567890") for _ in range(5))


def work_phone(rng: random.Random) -> str:
    return "021" + rng.choice(("5", "6", "8", "2")) + digits(rng, 7)


def registry_plate(rng: random.Random) -> str:
    return f"{rng.randint(1, 4500)}/{rng.randint(1, 900)}"


def persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


# ---------------------------------------------------------------------------
# Vocabulary. Synthetic people are combinations of common names.
# ---------------------------------------------------------------------------

MALE_NAMES = (
    "علی", "محمد", "حسین", "رضا", "مهدی", "امیر", "حمید", "سعید", "مجید", "کاوه",
    "بهروز", "فرهاد", "مسعود", "پویا", "آرش", "بابک", "داوود", "یوسف", "کامران", "نیما",
)  # fmt: skip
FEMALE_NAMES = (
    "زهرا", "فاطمه", "مریم", "سارا", "نرگس", "لیلا", "مهسا", "الهام", "شیرین", "نازنین",
    "سمیرا", "پریسا", "مینا", "فرزانه", "آزاده", "هانیه", "رویا", "ژاله", "کیمیا", "ترانه",
)  # fmt: skip
LAST_NAMES = (
    "افشار", "بهرامی", "پارسا", "توکلی", "ثابتی", "جلالی", "خسروی", "دانشور", "رستگار",
    "زارعی", "سلطانی", "شریفی", "طاهری", "فرهادی", "کاظمی", "گودرزی", "مرادی", "نوروزی",
    "وحیدی", "هاشمی", "یزدانی", "اکبری", "صدری", "قربانی", "میرزایی", "نیک‌نام", "کرمانی",
    "شجاعی", "فتحی", "ملکی",
)  # fmt: skip
STREETS = (
    "آزادی", "انقلاب", "ولیعصر", "شریعتی", "دماوند", "پیروزی", "ستارخان", "جمهوری",
    "کارگر", "مطهری", "نواب", "پاسداران", "فاطمی", "هفت‌تیر", "جیحون", "خاوران",
)  # fmt: skip
ALLEYS = ("لاله", "نسترن", "یاس", "اقاقیا", "بهار", "گلستان", "سرو", "نارون", "شقایق", "مهر")
COMPANY_KINDS = ("ساختمانی", "مهندسی", "فنی و مهندسی", "بازرگانی", "خدمات شهری", "مشاوره")
COMPANY_NAMES = (
    "پارس‌سازه", "آبادگران البرز", "نیک‌اندیشان", "راهسازان شمال", "سپهر ترابر", "آرمان پویش",
    "بهین‌سازان", "کیان‌پی", "ره‌آوران", "پیشگامان سبز", "فن‌آوران داده", "ایمن‌گستر",
    "آب‌راهه", "نورگستر", "سازه‌پایدار", "گلبرگ سبز", "روشنا", "پیمان‌گستر",
)  # fmt: skip
COMPANY_FORMS = ("(سهامی خاص)", "(با مسئولیت محدود)")
DISTRICTS = range(1, 23)

UNIT_TITLES_FA = {
    "finance": "مدیریت امور مالی و بودجه",
    "procurement": "اداره کل قراردادها و تدارکات",
    "urban-planning": "معاونت شهرسازی و معماری",
    "transport": "معاونت حمل‌ونقل و ترافیک",
    "environment": "اداره کل محیط زیست و توسعه پایدار",
    "citizen-services": "مدیریت ارتباطات مردمی",
    "human-resources": "معاونت توسعه منابع انسانی",
    "urban-services": "معاونت خدمات شهری",
}


def district_title(district: int) -> str:
    return "منطقه " + persian_digits(str(district))


def person_name(rng: random.Random) -> str:
    first = rng.choice(MALE_NAMES if rng.random() < 0.55 else FEMALE_NAMES)
    return f"{first} {rng.choice(LAST_NAMES)}"


def home_address(rng: random.Random) -> str:
    text = (
        f"خیابان {rng.choice(STREETS)}، کوچه {rng.choice(ALLEYS)}، "
        f"پلاک {rng.randint(1, 180)}، واحد {rng.randint(1, 24)}"
    )
    return persian_digits(text)


def money(rng: random.Random, low: float, high: float, step: int = 1_000_000) -> int:
    """An amount in IRR, rounded to `step`."""
    return int(rng.uniform(low, high)) // step * step


# ---------------------------------------------------------------------------
# Shared entities: the same companies, staff and council appear in several
# datasets, as they would in a real catalog.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Company:
    name: str
    legal_id: str


@functools.cache
def companies() -> tuple[Company, ...]:
    rng = random.Random("companies")
    names = [
        f"شرکت {kind} {name} {rng.choice(COMPANY_FORMS)}"
        for name in COMPANY_NAMES
        for kind in rng.sample(COMPANY_KINDS, 2)
    ]
    return tuple(Company(name, legal_id(rng)) for name in names)


@dataclass(frozen=True)
class Staff:
    staff_id: int
    name: str
    father_name: str
    national_id: str
    birth_date: JDate
    hire_date: JDate
    post: str
    unit: str
    contract_type: str
    work_phone: str
    home_address: str
    postal_code: str
    mobile: str
    sheba: str
    manager: bool


DEPUTIES = (
    ("معاون مالی و اقتصاد شهری", "finance"),
    ("معاون شهرسازی و معماری", "urban-planning"),
    ("معاون حمل‌ونقل و ترافیک", "transport"),
    ("معاون خدمات شهری", "urban-services"),
    ("معاون توسعه منابع انسانی", "human-resources"),
    ("مدیرکل قراردادها و تدارکات", "procurement"),
    ("مدیرکل محیط زیست و توسعه پایدار", "environment"),
    ("مدیر ارتباطات مردمی", "citizen-services"),
)
STAFF_POSTS = (
    ("کارشناس مالی", "finance"),
    ("حسابدار", "finance"),
    ("کارشناس بودجه", "finance"),
    ("کارشناس قراردادها", "procurement"),
    ("کارشناس شهرسازی", "urban-planning"),
    ("کارشناس صدور پروانه", "urban-planning"),
    ("کارشناس ترافیک", "transport"),
    ("کارشناس محیط زیست", "environment"),
    ("کارشناس فضای سبز", "urban-services"),
    ("پاسخگوی سامانه ۱۳۷", "citizen-services"),
    ("کارشناس منابع انسانی", "human-resources"),
    ("مسئول دفتر", "human-resources"),
)
CONTRACT_TYPES = ("permanent", "contractual", "fixed-term", "outsourced")


@functools.cache
def staff() -> tuple[Staff, ...]:
    rng = random.Random("staff")
    posts: list[tuple[str, str, bool]] = [
        (f"شهردار {district_title(d)}", district_title(d), True) for d in DISTRICTS
    ]
    posts += [(post, UNIT_TITLES_FA[unit], True) for post, unit in DEPUTIES]
    while len(posts) < 100:
        post, unit = rng.choice(STAFF_POSTS)
        where = (
            UNIT_TITLES_FA[unit] if rng.random() < 0.5 else district_title(rng.choice(DISTRICTS))
        )
        posts.append((post, where, False))
    people = []
    for number, (post, unit, manager) in enumerate(posts, start=1):
        born = old_jdate(rng, 1340, 1366) if manager else old_jdate(rng, 1345, 1378)
        people.append(
            Staff(
                staff_id=1000 + number,
                name=person_name(rng),
                father_name=rng.choice(MALE_NAMES),
                national_id=national_id(rng),
                birth_date=born,
                hire_date=old_jdate(rng, max(1370, born.year + 22), 1403),
                post=post,
                unit=unit,
                contract_type="permanent" if manager else rng.choice(CONTRACT_TYPES),
                work_phone=work_phone(rng),
                home_address=home_address(rng),
                postal_code=postal_code(rng),
                mobile=mobile(rng),
                sheba=sheba(rng),
                manager=manager,
            )
        )
    return tuple(people)


# ---------------------------------------------------------------------------
# Tables. Each returns the file's path under catalog/, its header and rows.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    path: str
    header: tuple[str, ...]
    rows: list[Row]
    encoding: str = "utf-8"


@dataclass(frozen=True)
class BudgetLine:
    code: str
    title: str
    approved_1405: int
    allocated: int
    spent: int
    proposed_1406: int

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def level(self) -> str:
        return ("chapter", "programme", "project")[self.code.count(".")]


BUDGET_TREE: tuple[tuple[str, str], ...] = (
    ("1", "اعتبارات هزینه‌ای"),
    ("1.01", "اداری و پشتیبانی"),
    ("1.02", "خدمات شهری و نگهداری فضای سبز"),
    ("1.03", "خدمات اجتماعی و فرهنگی"),
    ("1.04", "یارانه حمل‌ونقل عمومی"),
    ("1.05", "مدیریت پسماند"),
    ("2", "تملک دارایی‌های سرمایه‌ای"),
    ("2.01", "توسعه شبکه مترو"),
    ("2.01.01", "تکمیل خطوط در دست احداث مترو"),
    ("2.01.02", "خرید و نوسازی واگن"),
    ("2.02", "توسعه و بهسازی معابر"),
    ("2.02.01", "بهسازی و روکش آسفالت معابر"),
    ("2.02.02", "احداث تقاطع‌های غیرهمسطح"),
    ("2.03", "ایجاد و توسعه بوستان‌ها"),
    ("2.03.01", "احداث بوستان‌های محله‌ای"),
    ("2.03.02", "بهسازی بوستان‌های موجود"),
    ("2.04", "ایمنی و مدیریت بحران"),
    ("2.04.01", "احداث ایستگاه‌های آتش‌نشانی"),
    ("2.04.02", "مقاوم‌سازی ساختمان‌های عمومی"),
    ("2.05", "نوسازی بافت فرسوده"),
    ("3", "تملک دارایی‌های مالی"),
    ("3.01", "بازپرداخت اصل و سود اوراق مشارکت"),
    ("3.02", "تسویه بدهی به پیمانکاران"),
)


def leaf_budget_codes() -> list[str]:
    """Lines with no line below them, in tree order (a list, so draws never depend on hashing)."""
    codes = [code for code, _ in BUDGET_TREE]
    return [code for code in codes if not any(c.startswith(code + ".") for c in codes)]


@functools.cache
def budget_lines() -> tuple[BudgetLine, ...]:
    rng = random.Random("budget")
    leaves = leaf_budget_codes()
    amounts: dict[str, tuple[int, int, int, int]] = {}
    for code in leaves:
        approved = money(rng, 8e12, 90e12, step=1_000_000_000)
        allocated = int(approved * rng.uniform(0.38, 0.55)) // 1_000_000 * 1_000_000
        spent = int(allocated * rng.uniform(0.55, 0.97)) // 1_000_000 * 1_000_000
        proposed = int(approved * rng.uniform(0.95, 1.45)) // 1_000_000_000 * 1_000_000_000
        amounts[code] = (approved, allocated, spent, proposed)
    lines = []
    for code, title in BUDGET_TREE:
        below = [amounts[c] for c in leaves if c == code or c.startswith(code + ".")]
        sums = [sum(column) for column in zip(*below, strict=True)]
        lines.append(BudgetLine(code, title, *sums))
    return tuple(lines)


def budget_execution() -> Table:
    rows: list[Row] = [
        (
            line.code,
            line.parent,
            line.level,
            1405,
            line.title,
            line.approved_1405,
            line.allocated,
            line.spent,
            round(100 * line.spent / line.approved_1405, 1),
            "1405/06/31",
        )
        for line in budget_lines()
    ]
    header = (
        "code", "parent_code", "level", "fiscal_year", "title", "approved_irr",
        "allocated_irr", "spent_irr", "execution_pct", "as_of",
    )  # fmt: skip
    return Table("finance/budget-execution/budget-execution-1405.csv", header, rows)


def budget_proposal() -> Table:
    rows: list[Row] = [
        (
            line.code,
            line.parent,
            line.level,
            line.title,
            line.approved_1405,
            line.proposed_1406,
            round(100 * (line.proposed_1406 - line.approved_1405) / line.approved_1405, 1),
        )
        for line in budget_lines()
    ]
    header = (
        "code", "parent_code", "level", "title", "approved_1405_irr", "proposed_1406_irr",
        "change_pct",
    )  # fmt: skip
    return Table("finance/budget-proposal-1406/budget-proposal-1406-draft-3.csv", header, rows)


PAYING_UNITS = [district_title(d) for d in DISTRICTS] + list(UNIT_TITLES_FA.values())
CONTRACT_SUBJECTS = (
    "بهسازی و روکش آسفالت معابر",
    "نگهداری فضای سبز",
    "رفت‌وروب و جمع‌آوری پسماند",
    "احداث پل عابر پیاده",
    "نگهداری تأسیسات روشنایی",
    "لایروبی انهار و کانال‌های سطحی",
    "خرید خدمات پشتیبانی نرم‌افزار",
    "احداث بوستان محله‌ای",
    "مقاوم‌سازی مدرسه",
    "تأمین اتوبوس برقی",
    "نظارت کارگاهی پروژه",
    "تعمیر و نگهداری ناوگان",
)
AUCTION_SUBJECTS = (
    "مزایده اجاره غرفه‌های بازار میوه و تره‌بار",
    "مزایده فروش ضایعات فلزی",
    "مزایده اجاره تابلوهای تبلیغاتی",
    "مزایده اجاره کیوسک‌های مطبوعاتی",
    "مزایده بهره‌برداری از پارکینگ طبقاتی",
)
CONTRACT_METHODS = ("open-tender", "limited-tender", "waived", "direct")


@dataclass(frozen=True)
class Contract:
    number: str
    signed: JDate
    unit: str
    company: Company | None
    person: tuple[str, str] | None  # name, national ID of a natural-person contractor
    subject: str
    amount: int
    method: str
    term_months: int
    tender: str | None


@dataclass(frozen=True)
class Tender:
    notice: str
    kind: str
    title: str
    published: JDate
    deadline: JDate
    estimate: int
    status: str
    bids: tuple[tuple[Company, int, float], ...]  # bidder, price, technical score

    @property
    def ranked_bids(self) -> list[tuple[Company, int, float]]:
        """Best first: the lowest price wins a tender, the highest an auction."""
        return sorted(self.bids, key=lambda bid: bid[1], reverse=self.kind == "auction")

    @property
    def winner(self) -> tuple[Company, int, float] | None:
        return self.ranked_bids[0] if self.status == "awarded" else None


@functools.cache
def tenders() -> tuple[Tender, ...]:
    rng = random.Random("tenders")
    result = []
    for number in range(1, 61):
        published = random_jdate(rng, FY_START, JDate(1405, 8, 10))
        deadline = to_jalali(to_gregorian(published) + dt.timedelta(days=rng.randint(10, 21)))
        kind = "auction" if rng.random() < 0.2 else "tender"
        if kind == "auction":
            title, estimate = rng.choice(AUCTION_SUBJECTS), money(rng, 5e9, 120e9)
            low, high = 1.0, 1.4
        else:
            title, estimate = "مناقصه " + rng.choice(CONTRACT_SUBJECTS), money(rng, 20e9, 900e9)
            low, high = 0.82, 1.12
        days_since = (to_gregorian(DATA_END) - to_gregorian(deadline)).days
        if days_since < 0:
            status = "open"
        elif days_since < 30:
            status = rng.choices(("awarded", "evaluating", "cancelled"), (4, 5, 1))[0]
        else:
            status = rng.choices(("awarded", "cancelled"), (9, 1))[0]
        bids: tuple[tuple[Company, int, float], ...] = ()
        if status in {"awarded", "evaluating"}:
            bidders = rng.sample(companies(), rng.randint(2, 5))
            bids = tuple(
                (c, money(rng, estimate * low, estimate * high), round(rng.uniform(60, 98), 1))
                for c in bidders
            )
        result.append(
            Tender(f"T-1405-{number:03d}", kind, title, published, deadline, estimate, status, bids)
        )
    return tuple(result)


def tenders_table() -> Table:
    rows: list[Row] = []
    for tender in tenders():
        winner = tender.winner
        rows.append(
            (
                tender.notice,
                tender.kind,
                tender.title,
                str(tender.published),
                str(tender.deadline),
                tender.estimate,
                tender.status,
                len(tender.bids) if tender.status != "open" else None,
                winner[0].name if winner else None,
                winner[0].legal_id if winner else None,
                winner[1] if winner else None,
            )
        )
    header = (
        "notice_no", "kind", "title", "published", "deadline", "estimate_irr", "status",
        "bidder_count", "winner_name", "winner_legal_id", "winning_price_irr",
    )  # fmt: skip
    return Table("procurement/tenders/tenders-1405.csv", header, rows)


def tender_bids_table() -> Table:
    rng = random.Random("tender-bids")
    rows: list[Row] = []
    for tender in tenders():
        for rank, (company, price, score) in enumerate(tender.ranked_bids, start=1):
            days_before = rng.randint(0, 5)
            submitted = to_jalali(to_gregorian(tender.deadline) - dt.timedelta(days=days_before))
            bid_id = f"{tender.notice}-B{rank}"
            rows.append(
                (bid_id, tender.notice, company.name, company.legal_id, str(submitted), price,
                 score, rank)
            )  # fmt: skip
    header = (
        "bid_id", "notice_no", "bidder_name", "bidder_legal_id", "submitted", "bid_price_irr",
        "technical_score", "price_rank",
    )  # fmt: skip
    return Table("procurement/tenders/tender-bids-1405.csv", header, rows)


@functools.cache
def contracts() -> tuple[Contract, ...]:
    rng = random.Random("contracts")
    awarded = [t for t in tenders() if t.status == "awarded" and t.kind == "tender"]
    result = []
    for number in range(1, 91):
        tender = awarded.pop(0) if awarded and rng.random() < 0.5 else None
        winner = tender.winner if tender else None
        if winner and tender:
            signed = to_jalali(
                to_gregorian(tender.deadline) + dt.timedelta(days=rng.randint(7, 25))
            )
            signed = min(signed, DATA_END)
            company: Company | None = winner[0]
            person = None
            subject, amount, method = tender.title.removeprefix("مناقصه "), winner[1], "open-tender"
        else:
            signed = random_jdate(rng, FY_START, DATA_END)
            method = rng.choices(CONTRACT_METHODS[1:], (3, 2, 2))[0]
            natural = rng.random() < 0.15
            company = None if natural else rng.choice(companies())
            person = (person_name(rng), national_id(rng)) if natural else None
            subject = rng.choice(CONTRACT_SUBJECTS)
            high = 3e9 if natural else 250e9
            amount = money(rng, 500e6, high)
        result.append(
            Contract(
                number=f"C-1405-{number:04d}",
                signed=signed,
                unit=rng.choice(PAYING_UNITS),
                company=company,
                person=person,
                subject=subject,
                amount=amount,
                method=method,
                term_months=rng.choice((3, 6, 9, 12, 12, 18, 24, 36)),
                tender=tender.notice if tender else None,
            )
        )
    return tuple(sorted(result, key=lambda c: (c.signed, c.number)))


def contracts_table() -> Table:
    rows: list[Row] = []
    for c in contracts():
        rows.append(
            (
                c.number,
                str(c.signed),
                c.unit,
                c.company.name if c.company else c.person[0] if c.person else None,
                "legal-person" if c.company else "natural-person",
                c.company.legal_id if c.company else None,
                c.person[1] if c.person else None,
                c.subject,
                c.amount,
                c.method,
                c.term_months,
                c.tender,
            )
        )
    header = (
        "contract_no", "signed", "contracting_unit", "counterparty_name", "counterparty_type",
        "counterparty_legal_id", "counterparty_national_id", "subject", "amount_irr", "method",
        "term_months", "tender_notice_no",
    )  # fmt: skip
    return Table("procurement/contracts/contracts-1405.csv", header, rows)


PAYMENT_THRESHOLD = 5_000_000_000  # IRR


def payments_table() -> Table:
    rng = random.Random("payments")
    big = [c for c in contracts() if c.amount >= 2 * PAYMENT_THRESHOLD]
    codes = leaf_budget_codes()
    rows: list[Row] = []
    for number in range(1, 121):
        contract = rng.choice(big)
        instalment = rng.randint(1, 6)
        paid = max(PAYMENT_THRESHOLD, money(rng, contract.amount * 0.1, contract.amount * 0.35))
        day = (
            random_jdate(rng, contract.signed, DATA_END) if contract.signed < DATA_END else DATA_END
        )
        name = (
            contract.company.name
            if contract.company
            else contract.person[0]
            if contract.person
            else ""
        )
        rows.append(
            (
                f"P-1405-{number:05d}",
                str(day),
                contract.unit,
                name,
                "legal-person" if contract.company else "natural-person",
                contract.company.legal_id if contract.company else None,
                contract.person[1] if contract.person else None,
                rng.choice(codes),
                contract.number,
                persian_digits(f"صورت‌وضعیت شماره {instalment}"),
                paid,
            )
        )
    rows.sort(key=lambda row: (str(row[1]), str(row[0])))
    header = (
        "payment_id", "paid_on", "paying_unit", "payee_name", "payee_type", "payee_legal_id",
        "payee_national_id", "budget_code", "contract_no", "description", "amount_irr",
    )  # fmt: skip
    return Table("finance/payments-over-threshold/payments-1405.csv", header, rows)


LEVY_TYPES = ("building-permit", "property-renewal", "business", "billboard")


def levy_revenue_table() -> Table:
    rng = random.Random("levy-revenue")
    scale = {
        "building-permit": 900e9,
        "property-renewal": 250e9,
        "business": 180e9,
        "billboard": 60e9,
    }
    rows: list[Row] = []
    for quarter in (1, 2):
        for district in DISTRICTS:
            weight = 2.2 if district in {1, 2, 3, 5, 22} else 1.0
            for levy in LEVY_TYPES:
                payers = rng.randint(40, 2500) if levy != "billboard" else rng.randint(5, 60)
                amount = money(rng, 0.3 * scale[levy] * weight, scale[levy] * weight)
                rows.append((1405, quarter, district, levy, payers, amount))
    header = ("fiscal_year", "quarter", "district", "levy_type", "payer_count", "amount_irr")
    return Table("finance/levy-revenue/levy-revenue-1405.csv", header, rows)


def levy_assessments_table() -> Table:
    rng = random.Random("levy-assessments")
    rows: list[Row] = []
    for number in range(1, 151):
        levy = rng.choice(LEVY_TYPES)
        legal = rng.random() < 0.35
        assessed = money(rng, 50e6, 40e9)
        status = rng.choices(("paid", "instalments", "unpaid", "objected"), (5, 2, 2, 1))[0]
        paid = {
            "paid": assessed,
            "instalments": money(rng, 0.1 * assessed, 0.7 * assessed),
            "unpaid": 0,
            "objected": 0,
        }[status]
        rows.append(
            (
                f"L-1405-{number:05d}",
                str(random_jdate(rng, FY_START, DATA_END)),
                rng.choice(DISTRICTS),
                levy,
                "legal-person" if legal else "natural-person",
                None if legal else person_name(rng),
                None if legal else national_id(rng),
                legal_id(rng) if legal else None,
                registry_plate(rng),
                assessed,
                paid,
                status,
            )
        )
    header = (
        "assessment_id", "assessed_on", "district", "levy_type", "taxpayer_type",
        "taxpayer_name", "taxpayer_national_id", "taxpayer_legal_id", "registry_plate",
        "assessed_irr", "paid_irr", "status",
    )  # fmt: skip
    return Table("finance/levy-revenue/levy-assessments-1405.csv", header, rows)


GRANT_PURPOSES = {
    "ngo": ("برنامه توانمندسازی زنان سرپرست خانوار", "آموزش کودکان کار", "کمک به معلولان"),
    "natural-person": ("کمک هزینه درمان", "کمک هزینه مسکن اضطراری", "کمک به آسیب‌دیدگان حریق"),
    "religious-body": ("برگزاری مراسم مذهبی", "بازسازی حسینیه"),
    "sports-club": ("حمایت از تیم محله‌ای", "برگزاری مسابقات ورزشی"),
    "cultural-institute": ("برگزاری جشنواره تئاتر محله", "انتشار کتاب محله"),
}
INSTITUTE_NAMES = (
    "مؤسسه خیریه مهر", "انجمن حمایت از کودکان", "باشگاه ورزشی امید", "هیئت محبان",
    "کانون فرهنگی نگاه", "مؤسسه نیکوکاری پرتو", "باشگاه فرهنگی ورزشی ستاره",
    "انجمن دوستداران کتاب",
)  # fmt: skip


def grants_table() -> Table:
    rng = random.Random("grants")
    rows: list[Row] = []
    for number in range(1, 61):
        kind = rng.choices(tuple(GRANT_PURPOSES), (3, 3, 1, 2, 1))[0]
        natural = kind == "natural-person"
        amount = money(rng, 20e6, 300e6) if natural else money(rng, 200e6, 6e9)
        rows.append(
            (
                f"G-1405-{number:04d}",
                str(random_jdate(rng, FY_START, DATA_END)),
                kind,
                person_name(rng) if natural else rng.choice(INSTITUTE_NAMES),
                None if natural else legal_id(rng),
                national_id(rng) if natural else None,
                rng.choice(DISTRICTS),
                rng.choice(GRANT_PURPOSES[kind]),
                amount,
            )
        )
    rows.sort(key=lambda row: (str(row[1]), str(row[0])))
    header = (
        "grant_id", "decided_on", "recipient_type", "recipient_name", "recipient_legal_id",
        "recipient_national_id", "district", "purpose", "amount_irr",
    )  # fmt: skip
    return Table("finance/grants-and-aid/grants-1405.csv", header, rows)


LAND_USES = ("residential", "commercial", "office", "mixed", "educational", "health")


def building_permits_table() -> Table:
    rng = random.Random("building-permits")
    rows: list[Row] = []
    for number in range(1, 151):
        use = rng.choices(LAND_USES, (12, 3, 2, 3, 1, 1))[0]
        floors = rng.randint(2, 6) if use == "residential" else rng.randint(1, 14)
        land = float(rng.randint(150, 1200))
        built = round(land * floors * rng.uniform(0.55, 0.8), 1)
        units = max(1, int(built // rng.randint(80, 140))) if use in {"residential", "mixed"} else 1
        rows.append(
            (
                f"BP-1405-{number:05d}",
                str(random_jdate(rng, FY_START, DATA_END)),
                rng.choice(DISTRICTS),
                registry_plate(rng),
                use,
                floors,
                units,
                land,
                built,
                money(rng, built * 2e6, built * 9e6),
                national_id(rng),
                mobile(rng),
            )
        )
    rows.sort(key=lambda row: (str(row[1]), str(row[0])))
    header = (
        "permit_no", "issued", "district", "registry_plate", "land_use", "floors", "units",
        "land_area_m2", "built_area_m2", "levy_irr", "owner_national_id", "owner_mobile",
    )  # fmt: skip
    return Table("urban-planning/building-permits/building-permits-1405.csv", header, rows)


VIOLATIONS = (
    "excess-floor-area",
    "no-permit",
    "change-of-use",
    "parking-shortfall",
    "setback-violation",
)


def article_100_table() -> Table:
    rng = random.Random("article-100")
    rows: list[Row] = []
    for number in range(1, 121):
        violation = rng.choice(VIOLATIONS)
        commission = "appeal" if rng.random() < 0.25 else "primary"
        ruling = rng.choices(
            ("fine", "demolition", "fine-and-correction", "acquitted"), (6, 1, 2, 1)
        )[0]
        area = round(rng.uniform(4, 450), 1)
        fine = 0 if ruling in {"demolition", "acquitted"} else money(rng, area * 30e6, area * 120e6)
        rows.append(
            (
                f"A100-1405-{number:05d}",
                rng.choice(DISTRICTS),
                str(random_jdate(rng, FY_START, DATA_END)),
                commission,
                violation,
                rng.choices(LAND_USES[:4], (6, 3, 2, 1))[0],
                area,
                ruling,
                fine,
            )
        )
    rows.sort(key=lambda row: (str(row[2]), str(row[0])))
    header = (
        "case_no", "district", "ruled_on", "commission", "violation", "land_use", "area_m2",
        "ruling", "fine_irr",
    )  # fmt: skip
    return Table("urban-planning/article-100-rulings/article-100-rulings-1405.csv", header, rows)


ARTICLE_5_USES = (
    "residential", "commercial", "office", "mixed", "green-space", "industrial", "educational",
    "services",
)  # fmt: skip


def article_5_table() -> Table:
    rng = random.Random("article-5")
    rows: list[Row] = []
    sessions = sorted({random_jdate(rng, FY_START, DATA_END) for _ in range(8)})
    number = 0
    for session_no, session in enumerate(sessions, start=301):
        for item in range(1, rng.randint(3, 7)):
            number += 1
            use_from, use_to = rng.sample(ARTICLE_5_USES, 2)
            beneficiary = rng.choices(("legal-person", "natural-person", "public-body"), (4, 3, 1))[
                0
            ]
            decision = rng.choices(("approved", "rejected", "deferred"), (5, 2, 1))[0]
            area = round(rng.uniform(300, 25000), 1)
            levy = money(rng, area * 5e6, area * 40e6) if decision == "approved" else 0
            rows.append(
                (
                    f"M5-1405-{number:03d}",
                    session_no,
                    item,
                    str(session),
                    rng.choice(DISTRICTS),
                    registry_plate(rng),
                    use_from,
                    use_to,
                    area,
                    beneficiary,
                    legal_id(rng) if beneficiary != "natural-person" else None,
                    decision,
                    levy,
                )
            )
    header = (
        "case_no", "session_no", "item_no", "session_date", "district", "registry_plate",
        "use_from", "use_to", "area_m2", "beneficiary_type", "beneficiary_legal_id", "decision",
        "added_value_levy_irr",
    )  # fmt: skip
    return Table(
        "urban-planning/article-5-land-use-changes/article-5-changes-1405.csv", header, rows
    )


LEASED_USES = ("shop", "kiosk", "office", "warehouse", "land", "billboard-site")
LEASED_AREAS = {
    "shop": (18.0, 250.0),
    "kiosk": (6.0, 24.0),
    "office": (60.0, 900.0),
    "warehouse": (200.0, 2500.0),
    "land": (500.0, 6000.0),
    "billboard-site": (12.0, 60.0),
}


def property_leases_table() -> Table:
    rng = random.Random("property-leases")
    rows: list[Row] = []
    for number in range(1, 81):
        use = rng.choices(LEASED_USES, (5, 4, 2, 1, 1, 2))[0]
        area = round(rng.uniform(*LEASED_AREAS[use]), 1)
        natural = use in {"kiosk", "shop"} and rng.random() < 0.6
        company = rng.choice(companies())
        start = random_jdate(rng, JDate(1401, 1, 1), DATA_END)
        years = rng.choice((1, 2, 3, 5))
        while start.year + years <= DATA_END.year:  # only leases in force are listed
            years += 1
        end = JDate(start.year + years, start.month, min(start.day, 29))
        rows.append(
            (
                f"LS-{number:04d}",
                registry_plate(rng),
                rng.choice(DISTRICTS),
                persian_digits(f"خیابان {rng.choice(STREETS)}، پلاک {rng.randint(1, 400)}"),
                use,
                area,
                "natural-person" if natural else "legal-person",
                person_name(rng) if natural else company.name,
                None if natural else company.legal_id,
                national_id(rng) if natural else None,
                str(start),
                str(end),
                money(rng, area * 0.4e6, area * 3e6, step=100_000),
                rng.choices(("auction", "renewal", "direct"), (5, 3, 1))[0],
            )
        )
    header = (
        "lease_id", "registry_plate", "district", "property_address", "use", "area_m2",
        "tenant_type", "tenant_name", "tenant_legal_id", "tenant_national_id", "starts",
        "ends", "monthly_rent_irr", "award_method",
    )  # fmt: skip
    return Table("urban-planning/municipal-property-leases/leases-1405.csv", header, rows)


# Council ---------------------------------------------------------------------

COMMITTEES = (
    "budget",
    "urban-planning",
    "transport",
    "health-environment",
    "culture-social",
    "legal",
)
RESOLUTION_TOPICS = {
    "budget": ("اصلاحیه بودجه سال ۱۴۰۵", "انتشار اوراق مشارکت مترو", "تعرفه عوارض محلی"),
    "urban-planning": ("ضوابط نمای ساختمان‌ها", "طرح موضعی بافت فرسوده", "ساماندهی حریم شهر"),
    "transport": ("نرخ کرایه تاکسی و اتوبوس", "توسعه خطوط دوچرخه", "محدوده طرح ترافیک"),
    "health-environment": ("کاهش آلودگی هوا", "مدیریت پسماند خشک", "ساماندهی حیوانات بلاصاحب"),
    "culture-social": ("ساماندهی کودکان کار", "نام‌گذاری معابر", "حمایت از سالمندان"),
    "legal": ("آیین‌نامه شفافیت قراردادها", "اساسنامه سازمان فاوا", "آیین‌نامه اجاره املاک"),
}
MEMBER_ROLES = ("chair", "vice-chair", "secretary", "secretary", "spokesperson")


@dataclass(frozen=True)
class Resolution:
    number: str
    session_no: int
    item_no: int
    session_date: JDate
    committee: str
    title: str
    status: str
    votes: tuple[str, ...]  # one per member: for / against / abstain / absent


@functools.cache
def council_members() -> tuple[tuple[int, str, str, str], ...]:
    rng = random.Random("council")
    members = []
    for member_id in range(1, 22):
        role = MEMBER_ROLES[member_id - 1] if member_id <= len(MEMBER_ROLES) else "member"
        members.append((member_id, person_name(rng), role, rng.choice(COMMITTEES)))
    return tuple(members)


@functools.cache
def resolutions() -> tuple[Resolution, ...]:
    rng = random.Random("resolutions")
    dates = sorted({random_jdate(rng, FY_START, DATA_END) for _ in range(16)})
    result = []
    number = 0
    for session_no, session in enumerate(dates, start=401):
        for item_no in range(1, rng.randint(3, 6)):
            number += 1
            committee = rng.choice(COMMITTEES)
            present = rng.randint(16, 21)
            support = rng.uniform(0.35, 0.95)
            votes = []
            for member in range(21):
                if member >= present:
                    votes.append("absent")
                else:
                    votes.append(
                        rng.choices(("for", "against", "abstain"), (support, 1 - support, 0.1))[0]
                    )
            rng.shuffle(votes)
            approved = votes.count("for") >= 11
            status = "approved" if approved else "rejected"
            if approved and rng.random() < 0.1:
                status = "objected-by-governor"
            result.append(
                Resolution(
                    number=f"1405-{number:03d}",
                    session_no=session_no,
                    item_no=item_no,
                    session_date=session,
                    committee=committee,
                    title=rng.choice(RESOLUTION_TOPICS[committee]),
                    status=status,
                    votes=tuple(votes),
                )
            )
    return tuple(result)


def council_resolutions_table() -> Table:
    rows: list[Row] = [
        (
            r.number,
            r.session_no,
            r.item_no,
            str(r.session_date),
            r.committee,
            r.title,
            r.status,
            r.votes.count("for"),
            r.votes.count("against"),
            r.votes.count("abstain"),
        )
        for r in resolutions()
    ]
    header = (
        "resolution_no", "session_no", "item_no", "session_date", "committee", "title",
        "status", "votes_for", "votes_against", "abstentions",
    )  # fmt: skip
    return Table("council-secretariat/council-resolutions/resolutions-1405.csv", header, rows)


def council_members_table() -> Table:
    rows: list[Row] = [(*member, 6) for member in council_members()]
    header = ("member_id", "full_name", "role", "committee", "term")
    return Table("council-secretariat/council-roll-call-votes/council-members.csv", header, rows)


def roll_call_table() -> Table:
    rows: list[Row] = []
    for r in resolutions():
        if r.session_no % 3 != 0:  # roll calls of every third session keep the file small
            continue
        for (member_id, *_), vote in zip(council_members(), r.votes, strict=True):
            rows.append((r.session_no, str(r.session_date), r.item_no, r.number, member_id, vote))
    header = ("session_no", "session_date", "item_no", "resolution_no", "member_id", "vote")
    return Table(
        "council-secretariat/council-roll-call-votes/roll-call-votes-1405.csv", header, rows
    )


# Citizen services ------------------------------------------------------------

COMPLAINT_CATEGORIES = {
    "street-cleaning": "زباله جلوی منزل چند روز است جمع‌آوری نشده",
    "potholes": "چاله عمیق در سطح خیابان",
    "street-lighting": "خاموشی چراغ‌های روشنایی کوچه",
    "green-space": "خشک شدن درختان بلوار",
    "traffic": "نبود علائم راهنمایی در تقاطع",
    "construction-violation": "ساخت‌وساز بدون پروانه در همسایگی",
    "stray-animals": "حضور سگ‌های بلاصاحب در پارک",
    "water-drainage": "آب‌گرفتگی معبر پس از بارندگی",
    "noise": "سروصدای کارگاه ساختمانی در شب",
}


def complaints() -> list[tuple[Row, Row]]:
    rng = random.Random("complaints-137")
    result = []
    for number in range(1, 121):
        category = rng.choice(tuple(COMPLAINT_CATEGORIES))
        opened_day = random_day(rng, JDate(1405, 7, 1), DATA_END)
        status = rng.choices(("resolved", "in-progress", "open", "rejected"), (6, 2, 1, 1))[0]
        days = rng.randint(0, 25) if status in {"resolved", "rejected"} else None
        closed_day = opened_day + dt.timedelta(days=days) if days is not None else None
        if closed_day and closed_day > to_gregorian(DATA_END):
            status, closed_day, days = "in-progress", None, None
        lat, lon = rng.uniform(35.60, 35.80), rng.uniform(51.20, 51.60)
        request_id = f"137-1405-{number:06d}"
        public: Row = (
            request_id,
            rng.choices(("phone", "app", "web"), (5, 4, 1))[0],
            category,
            rng.choice(DISTRICTS),
            round(lat, 2),
            round(lon, 2),
            str(to_jalali(opened_day)),
            str(to_jalali(closed_day)) if closed_day else None,
            status,
            days,
        )
        contact: Row = (
            request_id,
            person_name(rng),
            mobile(rng),
            home_address(rng),
            postal_code(rng),
            round(lat, 6),
            round(lon, 6),
            COMPLAINT_CATEGORIES[category],
        )
        result.append((public, contact))
    return result


def complaints_table() -> Table:
    header = (
        "request_id", "channel", "category", "district", "lat_rounded", "lon_rounded",
        "opened", "closed", "status", "days_to_close",
    )  # fmt: skip
    rows = [public for public, _ in complaints()]
    return Table("citizen-services/complaints-137/complaints-137-1405.csv", header, rows)


def complaint_contacts_table() -> Table:
    header = (
        "request_id", "citizen_name", "mobile", "address", "postal_code", "lat", "lon",
        "complaint_text",
    )  # fmt: skip
    rows = [contact for _, contact in complaints()]
    return Table("citizen-services/complaints-137/complaints-137-1405-contacts.csv", header, rows)


FOI_TOPICS = ("contracts", "budget", "permits", "staff", "environment", "transport", "other")


def foi_requests_table() -> Table:
    rng = random.Random("foi-requests")
    rows: list[Row] = []
    for number in range(1, 101):
        received = random_day(rng, FY_START, DATA_END)
        outcome = rng.choices(
            ("granted", "partly-granted", "refused", "transferred", "pending"), (5, 2, 1, 1, 1)
        )[0]
        working_days = rng.randint(2, 18) if outcome != "pending" else None
        answered = (
            received + dt.timedelta(days=working_days * 7 // 5)
            if working_days is not None
            else None
        )
        if answered and answered > to_gregorian(DATA_END):
            outcome, answered, working_days = "pending", None, None
        article = (
            rng.choice(("14", "15", "16", "17"))
            if outcome in {"refused", "partly-granted"}
            else None
        )
        rows.append(
            (
                f"FOI-1405-{number:04d}",
                str(to_jalali(received)),
                rng.choices(("portal", "letter", "in-person"), (8, 1, 1))[0],
                rng.choice(FOI_TOPICS),
                str(to_jalali(answered)) if answered else None,
                working_days,
                outcome,
                article,
            )
        )
    rows.sort(key=lambda row: (str(row[1]), str(row[0])))
    header = (
        "request_id", "received", "channel", "topic", "answered", "working_days", "outcome",
        "article_cited",
    )  # fmt: skip
    return Table("transparency-office/foi-requests/foi-requests-1405.csv", header, rows)


# Human resources -------------------------------------------------------------


def managers_pay_table() -> Table:
    rng = random.Random("managers-pay")
    rows: list[Row] = []
    for person in staff():
        if not person.manager:
            continue
        base = money(rng, 1.1e9, 1.9e9)
        allowances = money(rng, 0.3e9, 0.9e9)
        bonuses = money(rng, 0, 0.25e9)
        rows.append(
            (
                person.staff_id,
                1404,
                person.name,
                person.post,
                person.unit,
                base,
                allowances,
                bonuses,
                base + allowances + bonuses,
                person.national_id,
            )
        )
    header = (
        "staff_id", "fiscal_year", "full_name", "post", "unit", "base_pay_irr",
        "allowances_irr", "bonuses_irr", "total_pay_irr", "national_id",
    )  # fmt: skip
    return Table("human-resources/managers-pay/managers-pay-1404.csv", header, rows)


def staff_directory_table() -> Table:
    rows: list[Row] = [
        (p.staff_id, p.name, p.post, p.unit, p.contract_type, p.work_phone) for p in staff()
    ]
    header = ("staff_id", "full_name", "post", "unit", "contract_type", "work_phone")
    return Table("human-resources/staff-directory/staff-directory-1405.csv", header, rows)


def staff_register_table() -> Table:
    rows: list[Row] = [
        (
            p.staff_id,
            p.name,
            p.father_name,
            p.national_id,
            str(p.birth_date),
            str(p.hire_date),
            p.home_address,
            p.postal_code,
            p.mobile,
            p.sheba,
        )
        for p in staff()
    ]
    header = (
        "staff_id", "full_name", "father_name", "national_id", "birth_date", "hire_date",
        "home_address", "postal_code", "mobile", "sheba",
    )  # fmt: skip
    return Table("human-resources/staff-register/staff-register-1405.csv", header, rows)


DESTINATIONS = (
    ("استانبول", "TR", "اجلاس شهرداران کلان‌شهرها"),
    ("مسکو", "RU", "نمایشگاه حمل‌ونقل ریلی شهری"),
    ("پکن", "CN", "بازدید از سامانه اتوبوس برقی"),
    ("کوالالامپور", "MY", "همایش شهر هوشمند"),
    ("دوحه", "QA", "نشست مدیریت پسماند"),
    ("ایروان", "AM", "امضای تفاهم‌نامه خواهرخواندگی"),
    ("سئول", "KR", "دوره آموزشی مدیریت ترافیک"),
    ("وین", "AT", "کنفرانس کیفیت هوا"),
)


def foreign_trips_table() -> Table:
    rng = random.Random("foreign-trips")
    managers = [p for p in staff() if p.manager]
    rows: list[Row] = []
    for number in range(1, 29):
        person = rng.choice(managers)
        city, country, purpose = rng.choice(DESTINATIONS)
        departure = random_day(rng, FY_START, JDate(1405, 8, 20))
        days = rng.randint(3, 8)
        funded = rng.choices(("municipality", "host", "shared"), (5, 2, 2))[0]
        cost = 0 if funded == "host" else money(rng, 0.6e9, 4.5e9)
        rows.append(
            (
                f"TR-1405-{number:03d}",
                person.name,
                person.post,
                city,
                country,
                purpose,
                str(to_jalali(departure)),
                str(to_jalali(departure + dt.timedelta(days=days))),
                days,
                funded,
                cost,
            )
        )
    rows.sort(key=lambda row: (str(row[6]), str(row[0])))
    header = (
        "trip_id", "traveller_name", "post", "destination_city", "destination_country",
        "purpose", "departure", "return", "days", "funded_by", "cost_irr",
    )  # fmt: skip
    return Table("human-resources/foreign-trips/foreign-trips-1405.csv", header, rows)


# Transport --------------------------------------------------------------------

PERMIT_HOLDERS = (
    "resident",
    "journalist",
    "medical",
    "disabled",
    "public-body",
    "business",
    "taxi",
)
SMALL_COUNT = 5  # published aggregates suppress counts below this


def traffic_zone_permits_table() -> Table:
    rng = random.Random("traffic-zone-permits")
    typical = {"resident": 9000, "journalist": 700, "medical": 1500, "disabled": 3,
               "public-body": 2500, "business": 4000, "taxi": 1200}  # fmt: skip
    fee = {"resident": 0, "journalist": 4_500_000, "medical": 6_000_000, "disabled": 0,
           "public-body": 12_000_000, "business": 15_000_000, "taxi": 0}  # fmt: skip
    rows: list[Row] = []
    for month in range(1, 9):
        for zone in ("central-traffic-zone", "low-emission-zone"):
            for holder in PERMIT_HOLDERS:
                scale = typical[holder] * (1 if zone == "central-traffic-zone" else 3)
                count = max(0, int(rng.gauss(scale, scale * 0.15)))
                suppressed = count < SMALL_COUNT
                shown = None if suppressed else count
                fees = None if suppressed else count * fee[holder]
                rows.append((1405, month, zone, holder, shown, suppressed, fees))
    header = (
        "fiscal_year",
        "month",
        "zone",
        "holder_category",
        "permits",
        "suppressed",
        "fees_irr",
    )
    return Table("transport/traffic-zone-permits/traffic-zone-permits-1405.csv", header, rows)


def enforcement_cameras_table() -> Table:
    rng = random.Random("enforcement-cameras")
    rows: list[Row] = []
    for number in range(1, 81):
        kind = rng.choices(("red-light", "speed", "traffic-zone-anpr", "cctv"), (4, 3, 2, 3))[0]
        street, cross = rng.sample(STREETS, 2)
        rows.append(
            (
                f"CAM-{number:04d}",
                rng.choice(DISTRICTS),
                f"تقاطع {street} و {cross}",
                round(rng.uniform(35.60, 35.80), 6),
                round(rng.uniform(51.20, 51.60), 6),
                kind,
                str(random_jdate(rng, JDate(1399, 1, 1), DATA_END)),
                rng.choices(("active", "maintenance", "decommissioned"), (8, 1, 1))[0],
            )
        )
    header = (
        "camera_id",
        "district",
        "location",
        "lat",
        "lon",
        "camera_type",
        "installed",
        "status",
    )
    return Table("transport/enforcement-cameras/enforcement-cameras.csv", header, rows)


# Environment -----------------------------------------------------------------

STATIONS = (
    ("AQ-01", "ایستگاه آزادی", 9, "roadside"),
    ("AQ-02", "ایستگاه شهرری", 20, "industrial"),
    ("AQ-03", "ایستگاه پونک", 5, "urban-background"),
    ("AQ-04", "ایستگاه ستاد بحران", 3, "urban-background"),
    ("AQ-05", "ایستگاه شریف", 2, "roadside"),
    ("AQ-06", "ایستگاه مسعودیه", 15, "urban-background"),
    ("AQ-07", "ایستگاه میدان فتح", 18, "industrial"),
    ("AQ-08", "ایستگاه پیروزی", 13, "roadside"),
    ("AQ-09", "ایستگاه دروس", 1, "urban-background"),
    ("AQ-10", "ایستگاه رسالت", 8, "roadside"),
    ("AQ-11", "ایستگاه منطقه ۱۶", 16, "urban-background"),
    ("AQ-12", "ایستگاه گلبرگ", 13, "roadside"),
)
AQI_BREAKPOINTS = (  # US EPA PM2.5 breakpoints (µg/m³) and AQI ranges
    (0.0, 9.0, 0, 50, "good"),
    (9.1, 35.4, 51, 100, "moderate"),
    (35.5, 55.4, 101, 150, "unhealthy-sensitive"),
    (55.5, 125.4, 151, 200, "unhealthy"),
    (125.5, 225.4, 201, 300, "very-unhealthy"),
    (225.5, 325.4, 301, 500, "hazardous"),
)


def aqi(pm25: float) -> tuple[int, str]:
    for low, high, aqi_low, aqi_high, category in AQI_BREAKPOINTS:
        if pm25 <= high:
            clipped = max(pm25, low)
            return round((aqi_high - aqi_low) / (high - low) * (clipped - low) + aqi_low), category
    return 500, "hazardous"


def air_quality_stations_table() -> Table:
    rng = random.Random("air-quality-stations")
    rows: list[Row] = [
        (code, name, district, round(rng.uniform(35.6, 35.8), 5), round(rng.uniform(51.2, 51.6), 5),
         kind)
        for code, name, district, kind in STATIONS
    ]  # fmt: skip
    header = ("station_id", "name", "district", "lat", "lon", "station_type")
    return Table("environment/air-quality/air-quality-stations.csv", header, rows)


def air_quality_daily_table() -> Table:
    rng = random.Random("air-quality-daily")
    first = to_gregorian(JDate(1405, 8, 16))
    rows: list[Row] = []
    for offset in range(15):
        day = first + dt.timedelta(days=offset)
        inversion = 1.0 + 1.6 * max(0.0, 1 - abs(offset - 9) / 4)  # an inversion episode
        for code, _, _, kind in STATIONS:
            boost = {"roadside": 1.25, "industrial": 1.35, "urban-background": 1.0}[kind]
            pm25 = round(rng.uniform(18, 42) * boost * inversion, 1)
            value, category = aqi(pm25)
            rows.append(
                (
                    code,
                    day.isoformat(),
                    str(to_jalali(day)),
                    pm25,
                    round(pm25 * rng.uniform(1.6, 2.3), 1),
                    round(rng.uniform(8, 45), 1),
                    round(rng.uniform(20, 70) * boost, 1),
                    value,
                    category,
                )
            )
    header = ("station_id", "date", "date_jalali", "pm25", "pm10", "o3", "no2", "aqi", "category")
    return Table("environment/air-quality/air-quality-daily-1405.csv", header, rows)


PARK_NAMES = (
    "لاله", "نیلوفر", "شقایق", "گلستان", "یاس", "ارغوان", "بهاران", "سرو", "چنار", "نسترن",
    "اقاقیا", "آفتاب", "مهتاب", "کوهسار", "رودکی", "سعدی", "حافظ", "فردوسی", "پروین", "نیما",
    "ملت", "شفق", "ستاره", "امید",
)  # fmt: skip
PARK_TYPES = ("neighbourhood", "local", "district", "regional", "forest-park")


def legacy_text(text: str) -> str:
    """Text as the old GIS system stored it: Arabic Yeh, ASCII digits (windows-1256)."""
    legacy = text.replace("ی", "ي")
    legacy.encode("windows-1256")  # fail loudly if a character cannot be encoded
    return legacy


def parks_table() -> Table:
    rng = random.Random("parks")
    rows: list[Row] = []
    for number, name in enumerate(PARK_NAMES, start=1):
        kind = rng.choices(PARK_TYPES, (6, 4, 3, 1, 1))[0]
        low, high = {
            "neighbourhood": (800, 8_000),
            "local": (8_000, 30_000),
            "district": (30_000, 150_000),
            "regional": (150_000, 600_000),
            "forest-park": (500_000, 4_000_000),
        }[kind]
        rows.append(
            (
                f"PK-{number:03d}",
                legacy_text(f"بوستان {name}"),
                rng.choice(DISTRICTS),
                kind,
                rng.randint(low, high),
                round(rng.uniform(35.60, 35.80), 5),
                round(rng.uniform(51.20, 51.60), 5),
                rng.randint(1350, 1403),
                rng.random() < 0.7,
                rng.random() < 0.4,
            )
        )
    header = (
        "park_id", "name", "district", "park_type", "area_m2", "lat", "lon", "opened_year",
        "has_playground", "has_accessible_toilet",
    )  # fmt: skip
    return Table("environment/parks/parks-1405.csv", header, rows, encoding="windows-1256")


TABLES: tuple[Callable[[], Table], ...] = (
    budget_execution,
    budget_proposal,
    payments_table,
    levy_revenue_table,
    levy_assessments_table,
    grants_table,
    contracts_table,
    tenders_table,
    tender_bids_table,
    building_permits_table,
    article_100_table,
    article_5_table,
    property_leases_table,
    council_resolutions_table,
    council_members_table,
    roll_call_table,
    complaints_table,
    complaint_contacts_table,
    foi_requests_table,
    managers_pay_table,
    staff_directory_table,
    staff_register_table,
    foreign_trips_table,
    traffic_zone_permits_table,
    enforcement_cameras_table,
    air_quality_stations_table,
    air_quality_daily_table,
    parks_table,
)


def render(table: Table) -> bytes:
    def cell(value: Cell) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    for row in table.rows:
        if len(row) != len(table.header):
            raise ValueError(f"{table.path}: row {row!r} does not match the header")
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode(table.encoding)


def write_all(root: Path) -> list[Path]:
    written = []
    for build in TABLES:
        table = build()
        target = root / "catalog" / table.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(table))
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: generate_data.py [OUTPUT_ROOT]", file=sys.stderr)
        return 2
    root = Path(args[0]) if args else PROJECT_ROOT
    written = write_all(root)
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} files, {total:,} bytes, under {root / 'catalog'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
