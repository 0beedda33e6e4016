"""Write a synthetic, deterministic 8-column CSV and its Table Schema for the validation benchmark.

    python bench/generate_table.py OUT_DIR [--rows 1000000] [--seed 1403] [--errors RATE]

Writes into OUT_DIR:

- `schema.json`: a Table Schema with 8 fields and constraints: `required` on six
  fields, `id` as the primary key, `pattern` (district), `enum` (status),
  `minimum` (amount, score), `maximum` (score), `maxLength` (name), a `date` field
  and an `email` format. Email and score are optional and empty in about 5 % of
  the rows.
- `table.csv`: `--rows` data rows under a header, all of them valid. Names are
  Persian (UTF-8), so a row is about 86 bytes: 1M rows make 82 MiB.
- with `--errors RATE`: `table-errors.csv`, the same rows with errors injected
  into round(rows × RATE) distinct rows, one error per row, spread evenly over
  five kinds, and `expected-errors.json` with the exact count per kind and per
  (kind, field), and under `errors` every injected error as [row, kind, field].
  Row numbers are counted as frictionless counts them: the header is row 1, the
  first data row row 2.

The five kinds, named as frictionless names them (constraint errors by their
constraint):

| kind | how | field(s) |
|---|---|---|
| `type-error` | `N/A`, `2025-02-30`, `7.5` | amount, signed_on, score |
| `minimum` | a negative value | amount, score |
| `enum` | `archived`, `PAID`, `unknown` | status |
| `primary-key` | the id of the nearest earlier row that is not itself a duplicate | id |
| `required` | an empty cell | name, district, amount, signed_on, status |

Only the standard library is used. Row i's values depend only on the seed and i
(one random stream per 10,000 rows), so the file of N rows is the first N rows of
any larger one; the error rows depend
on the seed, the number of rows and the rate. The script refuses to write into a
folder that is not empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

DEFAULT_ROWS = 1_000_000
DEFAULT_SEED = 1403
CHUNK = 10_000

HEADER = ("id", "name", "district", "amount", "signed_on", "status", "email", "score")
STATUSES = ("draft", "submitted", "approved", "paid", "cancelled")
FIRST = (
    ("علی", "ali"),
    ("مریم", "maryam"),
    ("رضا", "reza"),
    ("زهرا", "zahra"),
    ("حسین", "hossein"),
    ("فاطمه", "fatemeh"),
    ("محمد", "mohammad"),
    ("نرگس", "narges"),
    ("امیر", "amir"),
    ("سارا", "sara"),
    ("مهدی", "mahdi"),
    ("لیلا", "leila"),
)
LAST = (
    ("رضایی", "rezaei"),
    ("احمدی", "ahmadi"),
    ("کریمی", "karimi"),
    ("حسینی", "hosseini"),
    ("موسوی", "mousavi"),
    ("جعفری", "jafari"),
    ("محمدی", "mohammadi"),
    ("صادقی", "sadeghi"),
    ("نوری", "nouri"),
    ("کاظمی", "kazemi"),
)
DOMAINS = ("tehran.ir", "example.org", "mail.com", "shahr.ir")
FIRST_DAY = dt.date(2020, 3, 20)
LAST_DAY = dt.date(2026, 11, 28)
DATES = tuple(
    (FIRST_DAY + dt.timedelta(days=n)).isoformat() for n in range((LAST_DAY - FIRST_DAY).days + 1)
)
DISTRICTS = tuple(f"D{n:02d}" for n in range(1, 23))

# Columns (0-based) of the fields an injected error touches.
ID, NAME, DISTRICT, AMOUNT, SIGNED_ON, STATUS, EMAIL, SCORE = range(8)
KINDS = ("type-error", "minimum", "enum", "primary-key", "required")
TYPE_ERRORS = ((AMOUNT, "N/A"), (SIGNED_ON, "2025-02-30"), (SCORE, "7.5"))
BAD_STATUSES = ("archived", "PAID", "unknown")
REQUIRED_COLUMNS = (NAME, DISTRICT, AMOUNT, SIGNED_ON, STATUS)


def schema() -> dict[str, Any]:
    """The Table Schema of the generated table (frictionless 5 reads it as it is)."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": [
            {
                "name": "id",
                "type": "integer",
                "title": "Contract number",
                "constraints": {"required": True},
            },
            {
                "name": "name",
                "type": "string",
                "title": "Contractor (نام پیمانکار)",
                "constraints": {"required": True, "maxLength": 60},
            },
            {
                "name": "district",
                "type": "string",
                "title": "Municipal district, D01 to D22",
                "constraints": {"required": True, "pattern": "D(0[1-9]|1[0-9]|2[0-2])"},
            },
            {
                "name": "amount",
                "type": "number",
                "title": "Amount (million rials)",
                "constraints": {"required": True, "minimum": 0},
            },
            {
                "name": "signed_on",
                "type": "date",
                "title": "Signed on",
                "constraints": {"required": True},
            },
            {
                "name": "status",
                "type": "string",
                "title": "Status",
                "constraints": {"required": True, "enum": list(STATUSES)},
            },
            {"name": "email", "type": "string", "format": "email", "title": "Contact email"},
            {
                "name": "score",
                "type": "integer",
                "title": "Inspection score",
                "constraints": {"minimum": 0, "maximum": 100},
            },
        ],
        "primaryKey": ["id"],
        "missingValues": [""],
    }


def row(rng: random.Random, index: int) -> list[str]:
    """The valid cells of data row `index` (0-based), drawn from `rng`."""
    draw = rng.random
    first = FIRST[int(draw() * len(FIRST))]
    last = LAST[int(draw() * len(LAST))]
    cents = int(draw() * 5_000_000)
    email = (
        ""
        if draw() < 0.05
        else f"{first[1]}.{last[1]}{int(draw() * 100)}@{DOMAINS[int(draw() * len(DOMAINS))]}"
    )
    score = "" if draw() < 0.05 else str(int(draw() * 101))
    return [
        str(index + 1),
        f"{first[0]} {last[0]}",
        DISTRICTS[int(draw() * len(DISTRICTS))],
        f"{cents // 100}.{cents % 100:02d}",
        DATES[int(draw() * len(DATES))],
        STATUSES[int(draw() * len(STATUSES))],
        email,
        score,
    ]


class Injector:
    """Picks the error rows and kinds, and turns a valid row into its broken copy."""

    def __init__(self, rows: int, rate: float, seed: int) -> None:
        if rows < 2:
            raise SystemExit("--errors needs at least 2 rows (a duplicate id needs an earlier row)")
        count = min(round(rows * rate), rows - 1)
        rng = random.Random(f"{seed}-errors-{rows}-{rate}")
        # Never the first data row: a duplicate id repeats an earlier row's.
        chosen = sorted(rng.sample(range(1, rows), count))
        kinds = [KINDS[n % len(KINDS)] for n in range(count)]
        rng.shuffle(kinds)
        self.kind_of: dict[int, str] = dict(zip(chosen, kinds, strict=True))
        self._variant = {index: rng.randrange(60) for index in chosen}
        self.expected: Counter[tuple[str, str]] = Counter()
        self.cells: list[tuple[int, str, str]] = []
        self._last_original = 0  # index of the nearest earlier row whose id is its own

    def apply(self, index: int, cells: list[str]) -> list[str]:
        kind = self.kind_of.get(index)
        if kind != "primary-key":
            self._last_original = index
        if kind is None:
            return cells
        broken = list(cells)
        variant = self._variant[index]
        column = self._break(kind, variant, broken)
        self.expected[(kind, HEADER[column])] += 1
        self.cells.append((index + 2, kind, HEADER[column]))
        return broken

    def _break(self, kind: str, variant: int, cells: list[str]) -> int:
        """Inject one error of `kind` into `cells`; the column it went into."""
        if kind == "type-error":
            column, value = TYPE_ERRORS[variant % len(TYPE_ERRORS)]
            cells[column] = value
        elif kind == "minimum":
            column = (AMOUNT, SCORE)[variant % 2]
            value = cells[column]
            cells[column] = "-" + value if value and float(value) > 0 else "-1"
        elif kind == "enum":
            column = STATUS
            cells[column] = BAD_STATUSES[variant % len(BAD_STATUSES)]
        elif kind == "primary-key":
            column = ID
            cells[column] = str(self._last_original + 1)
        else:  # required
            column = REQUIRED_COLUMNS[variant % len(REQUIRED_COLUMNS)]
            cells[column] = ""
        return column

    def report(self, rows: int, rate: float, seed: int) -> dict[str, Any]:
        totals = Counter[str]()
        for (kind, _), count in self.expected.items():
            totals[kind] += count
        return {
            "rows": rows,
            "seed": seed,
            "rate": rate,
            "total": sum(totals.values()),
            "by_kind": {kind: totals[kind] for kind in KINDS},
            "by_kind_and_field": {
                f"{kind}/{name}": count for (kind, name), count in sorted(self.expected.items())
            },
            "errors": [list(cell) for cell in self.cells],
        }


def generate(
    out: Path,
    rows: int,
    seed: int,
    rate: float | None,
    progress: Callable[[int], None] = lambda _: None,
) -> dict[str, Any] | None:
    """Write the files into `out`; the expected errors (or None without `rate`)."""
    (out / "schema.json").write_text(
        json.dumps(schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    injector = Injector(rows, rate, seed) if rate is not None else None
    with _open(out / "table.csv") as clean, _open_errors(out, injector) as broken:
        header = ",".join(HEADER) + "\n"
        clean.write(header)
        if broken is not None:
            broken.write(header)
        for start in range(0, rows, CHUNK):
            lines, broken_lines = [], []
            # One stream per chunk keeps row i the same whatever the number of rows.
            rng = random.Random(f"{seed}-rows-{start // CHUNK}")
            for index in range(start, min(start + CHUNK, rows)):
                cells = row(rng, index)
                lines.append(",".join(cells))
                if injector is not None:
                    broken_lines.append(",".join(injector.apply(index, cells)))
            clean.write("\n".join(lines) + "\n")
            if broken is not None:
                broken.write("\n".join(broken_lines) + "\n")
            progress(min(start + CHUNK, rows))
    if injector is None:
        return None
    expected = injector.report(rows, rate or 0.0, seed)
    (out / "expected-errors.json").write_text(json.dumps(expected, indent=1) + "\n")
    return expected


def _open(path: Path) -> TextIO:
    return path.open("w", encoding="utf-8", newline="\n")


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _open_errors(out: Path, injector: Injector | None) -> TextIO | _Nothing:
    return _Nothing() if injector is None else _open(out / "table-errors.csv")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created; must be empty)")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="data rows (default 1M)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 1403)")
    parser.add_argument(
        "--errors",
        type=float,
        metavar="RATE",
        help="also write table-errors.csv with errors in this share of the rows (e.g. 0.01)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.errors is not None and not 0 <= args.errors <= 1:
        parser.error("--errors is a share of the rows, between 0 and 1")
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()

    def progress(done: int) -> None:
        if not args.quiet and (done % 1_000_000 == 0 or done == args.rows):
            elapsed = time.perf_counter() - start
            print(f"{done:,} rows in {elapsed:.1f} s", file=sys.stderr)

    expected = generate(out, args.rows, args.seed, args.errors, progress)
    if expected is not None and not args.quiet:
        print(f"injected {expected['total']:,} errors: {expected['by_kind']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
