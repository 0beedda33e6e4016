"""Columns of person names and of things named like people, to measure the name detector.

    PYTHONPATH=src:. python -m tests.policy.name_columns [--tables 10] [--rows 400]

`generated_columns` writes, deterministically from a seed, one column of each kind:
person names (Persian, Latin transliterations, English, given names alone), and
the things a municipal table names after people or with people's words: streets,
junctions, companies, parks, budget and project titles, free text, codes,
neighbourhoods. A third of the given names and surnames drawn for people are
*not* in the bundled list (`govkit/pii/names.txt`), so recall is measured on
names the list does not know too.

Run as a module, it prints the share of values `is_person_name` recognises in
every text column of the example catalog's data and in `--tables` generated
tables, and the precision and recall of the detector at `NAME_THRESHOLD`
(docs/personal-data.md quotes the figures).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from govkit.catalog.loader import CATALOG_DIR, load_catalog
from govkit.catalog.tree import FileTree
from govkit.pii.detectors import NAME_THRESHOLD, NAMES, is_person_name
from govkit.pii.rules import schema_fields

ROOT = Path(__file__).resolve().parents[2]

# People: listed names, and others the list does not hold (checked by a test).
GIVEN_LISTED = ("علی", "محمد", "زهرا", "مریم", "حسین", "فاطمه", "رضا", "سارا", "مهدی", "لیلا")
GIVEN_UNLISTED = ("کاوه", "آیلار", "ترلان", "هیربد", "سپهر", "مانی", "غزاله", "یلدا", "تارا")
SURNAMES_LISTED = ("رضایی", "احمدی", "کریمی", "حسینی", "موسوی", "جعفری", "صادقی", "قاسمی")
SURNAMES_UNLISTED = ("رستگار", "دانشور", "نیکو", "پارسا", "آذرنوش", "بختیاری", "سپهری")
LATIN_GIVEN = ("ali", "maryam", "reza", "zahra", "mehdi", "sara", "kaveh", "aylar", "sepehr")
LATIN_SURNAMES = ("Rezaei", "Ahmadi", "Karimi", "Hosseini", "Rastegar", "Daneshvar", "Parsa")
ENGLISH_GIVEN = ("John", "Mary", "James", "Linda", "David", "Emma", "Travis", "Brooke", "Dale")
ENGLISH_SURNAMES = ("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Hughes")
PREFIXES = ("", "", "", "", "سید ", "آقای ", "خانم ", "دکتر ")
# Things.
STREETS = ("آزادی", "انقلاب", "ولیعصر", "شریعتی", "مطهری", "بهشتی", "کارگر", "جمهوری")
STREET_KINDS = ("خیابان", "بلوار", "کوچه", "میدان", "بزرگراه")
COMPANY_WORDS = ("پارس‌سازه", "نیک‌اندیشان", "ایمن‌گستر", "آبادگران", "سپهر ترابر")
COMPANY_FORMS = ("(سهامی خاص)", "(با مسئولیت محدود)", "")
PARKS = ("لاله", "ملت", "نیاوران", "شهید چمران", "آب و آتش", "گفتگو", "قیطریه", "پردیسان")
TITLES = (
    "حقوق و دستمزد کارکنان", "خرید تجهیزات روشنایی", "احداث پل عابر پیاده",
    "بهسازی معابر منطقه", "نگهداری فضای سبز", "تعمیر ناوگان اتوبوسرانی",
    "مطالعات جامع ترافیک", "جشنواره فرهنگی نوروز", "Street lighting upgrade",
    "Purchase of buses", "Park maintenance", "Salaries and wages",
)  # fmt: skip
SENTENCES = (
    "چراغ‌های روشنایی کوچه از هفته گذشته خاموش است و پیگیری نشده",
    "اینجانب علی رضایی درخواست رسیدگی به وضعیت آسفالت خیابان را دارم",
    "زباله‌ها در محل جمع‌آوری نمی‌شود و بوی نامطبوع آزاردهنده است",
    "The bus stop near the school has no shelter and no lighting at night",
    "آقای محمد کریمی از پاسخگویی سریع کارشناس منطقه تشکر کرده است",
)
NEIGHBOURHOODS = ("یوسف آباد", "حسن آباد", "علی آباد", "نارمک", "تجریش", "ونک", "پونک")


def _person(rng: random.Random, given: tuple[str, ...], surnames: tuple[str, ...]) -> str:
    return f"{rng.choice(PREFIXES)}{rng.choice(given)} {rng.choice(surnames)}"


def _persian_person(rng: random.Random) -> str:
    given = GIVEN_UNLISTED if rng.random() < 1 / 3 else GIVEN_LISTED
    surnames = SURNAMES_UNLISTED if rng.random() < 1 / 3 else SURNAMES_LISTED
    name = _person(rng, given, surnames)
    if rng.random() < 0.1:  # typed on an Arabic keyboard
        name = name.replace("ی", "ي").replace("ک", "ك")
    return name


def _given(rng: random.Random) -> str:
    return rng.choice(GIVEN_UNLISTED if rng.random() < 1 / 3 else GIVEN_LISTED)


def _company(rng: random.Random) -> str:
    owner = rng.choice(SURNAMES_LISTED)
    return rng.choice(
        (
            f"شرکت ساختمانی {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_FORMS)}",
            f"شرکت {owner} و شرکا",
            f"برادران {owner}",
            f"{owner.title()} Trading Co.",
            f"گروه صنعتی {rng.choice(COMPANY_WORDS)}",
        )
    ).strip()


KINDS: dict[str, tuple[bool, Callable[[random.Random], str]]] = {
    "persian-names": (True, _persian_person),
    "latin-names": (True, lambda r: f"{r.choice(LATIN_GIVEN).title()} {r.choice(LATIN_SURNAMES)}"),
    "english-names": (True, lambda r: _person(r, ENGLISH_GIVEN, ENGLISH_SURNAMES).strip()),
    "given-names": (True, _given),
    "streets": (False, lambda r: f"{r.choice(STREET_KINDS)} {r.choice(('شهید ', ''))}{r.choice(STREETS)}"),  # noqa: E501
    "bare-streets": (False, lambda r: r.choice(STREETS)),
    "junctions": (False, lambda r: f"تقاطع {r.choice(STREETS)} و {r.choice(STREETS)}"),
    "companies": (False, _company),
    "parks": (False, lambda r: f"{r.choice(('بوستان', 'پارک'))} {r.choice(PARKS)}"),
    "titles": (False, lambda r: r.choice(TITLES)),
    "free-text": (False, lambda r: r.choice(SENTENCES)),
    "codes": (False, lambda r: f"BP-1405-{r.randint(1, 99999):05d}"),
    "neighbourhoods": (False, lambda r: r.choice(NEIGHBOURHOODS)),
}  # fmt: skip
"""Each kind of column: whether it holds person names, and how a value is drawn."""


def generated_columns(seed: int, rows: int) -> dict[str, list[str]]:
    """One column of `rows` values of each kind; one value in 20 is empty."""
    rng = random.Random(seed)  # noqa: S311 - test data, deterministic by design
    return {
        kind: ["" if rng.random() < 0.05 else draw(rng) for _ in range(rows)]
        for kind, (_, draw) in KINDS.items()
    }


def share(values: list[str]) -> float:
    present = [value.strip() for value in values if value.strip()]
    return sum(map(is_person_name, present)) / len(present) if present else 0.0


PERSON_NAME_FIELDS = frozenset({"full_name", "father_name", "traveller_name", "citizen_name"})
"""The example catalog's columns of person names only, by field name (from the schemas);
`taxpayer_name`, `tenant_name`, `recipient_name`, `payee_name` and `counterparty_name`
hold natural and legal persons alike and are counted by the share of people in them."""
MIXED_FIELDS = frozenset(
    {"taxpayer_name", "tenant_name", "recipient_name", "payee_name", "counterparty_name"}
)


def catalog_columns(root: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(resource path, field name, values) of every text column of the catalog's CSVs."""
    catalog, _ = load_catalog(FileTree(root))
    for entry in catalog.datasets:
        for resource in entry.model.resources:
            path = root / CATALOG_DIR / resource.path
            if resource.format.value != "csv" or not path.is_file():
                continue
            text = path.read_bytes().decode(resource.encoding).removeprefix("\ufeff")
            header, *records = list(csv.reader(io.StringIO(text)))
            fields = schema_fields(catalog.table_schemas.get(resource.schema_))
            types = {f.get("name"): f.get("type", "string") for f in fields}
            for i, label in enumerate(header):
                if types.get(label, "string") in ("string", "any"):
                    yield resource.path, label, [r[i] for r in records if i < len(r)]


def _report(rows: list[tuple[str, bool, float]]) -> None:
    flagged = [(person, s >= NAME_THRESHOLD) for _, person, s in rows]
    true_positive = sum(person and hit for person, hit in flagged)
    detected = sum(hit for _, hit in flagged)
    people = sum(person for person, _ in flagged)
    precision = true_positive / detected if detected else 1.0
    print(
        f"  precision {precision:.2f} ({true_positive}/{detected}), "
        f"recall {true_positive / people:.2f} ({true_positive}/{people})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--rows", type=int, default=400)
    options = parser.parse_args()
    print(f"threshold {NAME_THRESHOLD}; {len(NAMES)} listed names")
    print("example catalog (text columns with a share above 0; every other one is 0):")
    rows = []
    for path, label, values in catalog_columns(ROOT):
        if label in MIXED_FIELDS:
            print(f"  mixed {share(values):.2f} {path}:{label}")
            continue
        rows.append((f"{path}:{label}", label in PERSON_NAME_FIELDS, share(values)))
    for name, person, value in sorted(rows, key=lambda row: -row[2]):
        if value > 0:
            print(f"  {'person' if person else 'other '} {value:.2f} {name}")
    print(f"  {len(rows)} columns, {sum(person for _, person, _ in rows)} of person names")
    _report(rows)
    print(f"generated: {options.tables} tables of {options.rows} rows (seeds 1..)")
    generated = []
    for seed in range(1, options.tables + 1):
        for kind, values in generated_columns(seed, options.rows).items():
            generated.append((kind, KINDS[kind][0], share(values)))
    for kind, (person, _) in KINDS.items():
        shares = [s for k, _, s in generated if k == kind]
        label = "person" if person else "other "
        print(f"  {label} {kind:15} share {min(shares):.2f} to {max(shares):.2f}")
    _report(generated)


if __name__ == "__main__":
    main()
