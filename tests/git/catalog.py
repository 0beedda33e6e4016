"""The catalog the git tests start from: three datasets that `govkit check` finds clean.

- `budget`: public, one resource;
- `permits`: public, whose schema has a personal field redacted on export;
- `complaints`: internal (a draft, explained), the one a change loosens.
"""

from __future__ import annotations

CONFIG = """\
govkit: 1
organisation:
  name: {fa: شهرداری نمونه, en: Sample municipality}
languages: [fa, en]
policies: [ir-foi, access-levels, governance]
"""

UNITS = """\
units:
  - id: finance
    name: {fa: معاونت مالی, en: Finance}
    steward: {name: Sara Ahmadi, email: s.ahmadi@example.org}
  - id: services
    name: {fa: خدمات شهری, en: City services}
    steward: {name: Ali Rezaei, email: a.rezaei@example.org}
"""


def entry(dataset: str, unit: str, level: str, *, schema: str, extra: str = "") -> str:
    """A complete entry with one resource, `<dataset>-1405`, whose data sits beside it."""
    resource = f"{dataset}-1405"
    return f"""\
id: {dataset}
title: {{fa: عنوان {dataset}, en: Title of {dataset}}}
description: {{fa: شرح {dataset}, en: Description of {dataset}}}
unit: {unit}
steward: {{name: Sara Ahmadi, email: s.ahmadi@example.org}}
access_level: {level}
legal_basis: {{law: ir-foi, article: "10", note: {{en: Kept back until it is checked.}}}}
update_frequency: R/P1M
temporal: 2024-03-20/2025-03-20
spatial: {{fa: مناطق ۲۲گانه, en: Districts 1–22}}
license: CC-BY-4.0
{extra}approvals:
  - {{ref: "1403/512", date: 2025-01-01, decision: publish}}
resources:
  - name: {resource}
    path: {unit}/{dataset}/{resource}.csv
    schema: {schema}
    format: csv
"""


BUDGET_SCHEMA = """\
fields:
  - {name: programme, type: string, title: برنامه, constraints: {required: true}}
  - {name: approved, type: integer, title: اعتبار مصوب, constraints: {minimum: 0}}
primaryKey: [programme]
"""

PERMITS_SCHEMA = """\
fields:
  - {name: permit_no, type: string, title: شماره پروانه, constraints: {required: true}}
  - name: applicant_mobile
    type: string
    title: تلفن همراه متقاضی
    sensitivity: personal
    redaction: drop
primaryKey: [permit_no]
"""

COMPLAINTS_SCHEMA = """\
fields:
  - {name: request_id, type: string, title: شماره درخواست, constraints: {required: true}}
  - {name: district, type: integer, title: منطقه, constraints: {minimum: 1, maximum: 22}}
"""

CLEAN_CATALOG = {
    "govkit.yaml": CONFIG,
    "catalog/units.yaml": UNITS,
    "catalog/finance/budget.yaml": entry(
        "budget", "finance", "public", schema="budget.schema.yaml"
    ),
    "catalog/finance/budget/budget-1405.csv": "programme,approved\nroads,1200\nparks,800\n",
    "catalog/services/permits.yaml": entry(
        "permits", "services", "public", schema="permits.schema.yaml", extra="version: '1.0'\n"
    ),
    "catalog/services/permits/permits-1405.csv": (
        "permit_no,applicant_mobile\nP-1,09121234567\nP-2,09351234567\n"
    ),
    "catalog/services/complaints.yaml": entry(
        "complaints", "services", "internal", schema="complaints.schema.yaml"
    ),
    "catalog/services/complaints/complaints-1405.csv": "request_id,district\nR-1,3\nR-2,12\n",
    "schemas/budget.schema.yaml": BUDGET_SCHEMA,
    "schemas/permits.schema.yaml": PERMITS_SCHEMA,
    "schemas/complaints.schema.yaml": COMPLAINTS_SCHEMA,
}
