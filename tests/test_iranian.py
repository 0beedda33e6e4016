"""Iranian data conventions: the Python checks, the Jalali calendar, and their DuckDB twins."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit.engine import iranian as ir

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
ARABIC_YEH, ARABIC_KAF, ZWNJ = "\u064a", "\u0643", "\u200c"


# --- independent reference implementations, used to build valid values --------------------


def national_id_from(first9: str) -> str:
    r = sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
    return first9 + str(r if r < 2 else 11 - r)


def legal_id_from(first10: str) -> str:
    c = int(first10[9]) + 2
    s = sum((c + int(d)) * (29, 27, 23, 19, 17)[i % 5] for i, d in enumerate(first10))
    return first10 + str(0 if s % 11 == 10 else s % 11)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(number)):
        doubled = int(char) * (2 if i % 2 else 1)
        total += doubled // 10 + doubled % 10
    return total % 10 == 0


def seeded(seed: int) -> random.Random:
    """A reproducible generator for test data (not for secrets)."""
    return random.Random(seed)  # noqa: S311


def sheba_from(bban: str) -> str:
    check = 98 - int(bban + "182700") % 97
    return f"IR{check:02}{bban}"


# --- Python checks --------------------------------------------------------------------------


def test_digits_are_normalised_and_detected() -> None:
    assert ir.normalize_digits(f"{PERSIAN}|{ARABIC_INDIC}|0123456789") == (
        "0123456789|0123456789|0123456789"
    )
    assert ir.normalize_digits("کد ۱۲۳-٤٥") == "کد 123-45"
    assert ir.has_non_ascii_digits("12۳")
    assert ir.has_non_ascii_digits("٩")
    assert not ir.has_non_ascii_digits("0123456789 abc")
    assert not ir.has_non_ascii_digits("\u0967\uff11")  # Devanagari and fullwidth: not mapped


def test_arabic_yeh_and_kaf_become_persian_and_zwnj_stays() -> None:
    arabic = f"{ARABIC_KAF}تاب{ZWNJ}ها {ARABIC_YEH}"
    assert ir.has_arabic_letters(arabic)
    assert ir.normalize_letters(arabic) == f"کتاب{ZWNJ}ها ی"
    assert not ir.has_arabic_letters(ir.normalize_letters(arabic))
    assert not ir.has_arabic_letters("کتاب‌های ایرانی")


def test_compact_drops_only_spaces_and_hyphens() -> None:
    assert ir.compact(" ۰۰۷-۶۲۲۹۶۴-۵ ") == "0076229645"
    assert ir.compact("a\tb_c.d") == "a\tb_c.d"


@pytest.mark.parametrize(
    "value",
    [
        "0076229645",
        "1583250689",
        "0018465986",
        "۰۰۷۶۲۲۹۶۴۵",
        "٠٠٧٦٢٢٩٦٤٥",
        "007-622964-5",
        "007 622 964 5",
        "76229645",  # 8 digits, read as 0076229645
        "018465986",  # 9 digits, read as 0018465986
    ],
)
def test_valid_national_ids(value: str) -> None:
    assert ir.is_national_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "1234567890",
        "9999999999",
        "0000000000",
        "00000000",  # pads to ten zeros
        "0076229644",
        "7622964",  # 7 digits
        "00076229645",  # 11 digits
        "007622964a",
        "007622964.5",
        "",
        " ",
        "007622964\u0665x",
    ],
)
def test_invalid_national_ids(value: str) -> None:
    assert not ir.is_national_id(value)


def test_legal_ids() -> None:
    # 10380284790, the example the persian-tools library documents: c = 9 + 2 = 11;
    # (11+1)·29 + (11+0)·27 + (11+3)·23 + (11+8)·19 + (11+0)·17
    #   + (11+2)·29 + (11+8)·27 + (11+4)·23 + (11+7)·19 + (11+9)·17
    # = 348 + 297 + 322 + 361 + 187 + 377 + 513 + 345 + 342 + 340 = 3432 = 312·11, r = 0.
    assert ir.is_legal_id("10380284790")
    # 1010000000 + check: c = 0 + 2 = 2; 3·29 + 2·27 + 3·23 + 2·19 + 2·17 + 2·(29+27+23+19+17)
    # = 87 + 54 + 69 + 38 + 34 + 230 = 512 = 46·11 + 6, so the check digit is 6.
    assert ir.is_legal_id("10100000006")
    # 1010000003 + check: c = 3 + 2 = 5; 6·29 + 5·27 + 6·23 + 5·19 + 5·17 + 5·29 + 5·27
    # + 5·23 + 5·19 + 8·17 = 1253 = 113·11 + 10; a remainder of 10 counts as 0.
    assert ir.is_legal_id("10100000030")
    assert ir.is_legal_id("۱۰۳۸۰۲۸۴۷۹۰")
    assert ir.is_legal_id("103-8028479-0")
    for wrong in ("10380284791", "10100000000", "10100000031", "1038028479", "103802847900"):
        assert not ir.is_legal_id(wrong), wrong
    rng = seeded(11)
    for _ in range(200):
        valid = legal_id_from("".join(rng.choices("0123456789", k=10)))
        assert ir.is_legal_id(valid)
        bad = valid[:10] + str((int(valid[10]) + rng.randint(1, 9)) % 10)
        assert not ir.is_legal_id(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09121234567", True),
        ("9121234567", True),
        ("+989121234567", True),
        ("00989121234567", True),
        ("۰۹۱۲۱۲۳۴۵۶۷", True),
        ("0912 123 4567", True),
        ("0912-123-4567", True),
        ("08121234567", False),
        ("0912123456", False),
        ("091212345678", False),
        ("+9809121234567", False),
        ("98 9121234567", False),
        ("(0912)1234567", False),
    ],
)
def test_mobile(value: str, expected: bool) -> None:
    assert ir.is_mobile(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("02188776655", True),
        ("021-88776655", True),
        ("021 8877 6655", True),
        ("+982188776655", True),
        ("00983133445566", True),
        ("۰۲۱۸۸۷۷۶۶۵۵", True),
        ("09121234567", False),  # a mobile number
        ("00188776655", False),
        ("2188776655", False),
        ("0218877665", False),
        ("021887766550", False),
        ("(021) 88776655", False),
    ],
)
def test_landline(value: str, expected: bool) -> None:
    assert ir.is_landline(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1461964361", True),
        ("81465-16311", True),
        ("۱۴۶۱۹ ۶۴۳۶۱", True),
        ("1111100000", True),
        ("3333300000", True),
        ("1111111111", False),  # all equal
        ("0461964361", False),  # 0 in the first five
        ("1421964361", False),  # 2 in the first five
        ("146196436", False),
        ("14619643611", False),
    ],
)
def test_postal_code(value: str, expected: bool) -> None:
    assert ir.is_postal_code(value) is expected


def test_sheba() -> None:
    # IR82 0540 1026 8002 0817 9090 02: BBAN + "1827" (I = 18, R = 27) + "82" is
    # 0540102680020817909002182782; mod 97 in pieces: 054010268 → 86, 860020817 → 96,
    # 969090021 → 75, 7582782 → 1.
    assert ir.is_sheba("IR820540102680020817909002")
    assert ir.is_sheba("IR82 0540 1026 8002 0817 9090 02")
    assert ir.is_sheba("ir820540102680020817909002")
    assert ir.is_sheba("IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲")
    assert ir.is_sheba("IR062960000000100324200001")
    for wrong in (
        "IR820540102680020817909003",
        "IR280540102680020817909002",
        "IR82054010268002081790900",
        "IR8205401026800208179090021",
        "GB820540102680020817909002",
        "820540102680020817909002",
        "IR82054010268002081790900A",
    ):
        assert not ir.is_sheba(wrong), wrong
    rng = seeded(97)
    for _ in range(200):
        assert ir.is_sheba(sheba_from("".join(rng.choices("0123456789", k=22))))


def test_bank_card() -> None:
    # 6037 9912 3456 7893, doubling every second digit from the right:
    # 3 + 18→9 + 8 + 14→5 + 6 + 10→1 + 4 + 6 + 2 + 2 + 9 + 18→9 + 7 + 6 + 0 + 12→3 = 80.
    assert ir.is_bank_card("6037991234567893")
    assert ir.is_bank_card("6037-9912-3456-7893")
    assert ir.is_bank_card("6037 9912 3456 7893")
    assert ir.is_bank_card("۶۰۳۷۹۹۱۲۳۴۵۶۷۸۹۳")
    for wrong in ("6037991234567890", "603799123456789", "60379912345678930", "6037x91234567893"):
        assert not ir.is_bank_card(wrong), wrong
    rng = seeded(16)
    for _ in range(300):
        number = "".join(rng.choices("0123456789", k=16))
        assert ir.is_bank_card(number) is luhn_ok(number)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12ب345-67", True),
        ("12 ب 345 ایران 67", True),
        ("12ب34567", True),
        ("۱۲ ب ۳۴۵ - ۶۷", True),
        ("۱۲ الف ۳۴۵ ايران ۶۷", True),  # Arabic Yeh in ایران
        ("12 ی 345 - 67", True),
        (f"12 {ARABIC_YEH} 345 - 67", True),
        ("12 ژ 345 67", True),
        ("12B345-67", False),
        ("12 بب 345 67", False),
        ("1ب345-67", False),
        ("12ب34-67", False),
        ("12ب345-6", False),
        ("12ب345 تهران 67", False),
        ("12345-67", False),
    ],
)
def test_vehicle_plate(value: str, expected: bool) -> None:
    assert ir.is_vehicle_plate(value) is expected


# --- Jalali calendar --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1403, 1, 1), dt.date(2024, 3, 20)),
        ((1404, 1, 1), dt.date(2025, 3, 21)),
        ((1403, 12, 30), dt.date(2025, 3, 20)),
        ((1399, 1, 1), dt.date(2020, 3, 20)),
        ((1400, 1, 1), dt.date(2021, 3, 21)),
        ((1357, 11, 22), dt.date(1979, 2, 11)),
        ((1300, 1, 1), dt.date(1921, 3, 21)),
        ((1, 1, 1), dt.date(622, 3, 22)),
    ],
)
def test_known_dates(jalali: tuple[int, int, int], gregorian: dt.date) -> None:
    assert ir.jalali_to_gregorian(*jalali) == gregorian
    assert ir.gregorian_to_jalali(gregorian) == jalali


def test_leap_years() -> None:
    leaps = [year for year in range(1390, 1420) if ir.is_jalali_leap(year)]
    assert leaps == [1391, 1395, 1399, 1403, 1408, 1412, 1416]
    # Eight leap years in every 33 over the stretch jalaali-js calls regular.
    for start in range(1300, 1468):
        assert sum(ir.is_jalali_leap(y) for y in range(start, start + 33)) == 8


def _days(first: dt.date, last: dt.date, step: int = 1) -> Iterator[dt.date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1, step):
        yield dt.date.fromordinal(ordinal)


def test_every_day_from_1300_to_1500_round_trips_in_order() -> None:
    first, end = ir.jalali_to_gregorian(1300, 1, 1), ir.jalali_to_gregorian(1501, 1, 1)
    previous = (1299, 12, 29)  # 1299 is not leap
    for day in _days(first, end - dt.timedelta(days=1)):
        y, m, d = jalali = ir.gregorian_to_jalali(day)
        assert ir.jalali_to_gregorian(y, m, d) == day
        py, pm, pd = previous
        if d > 1:
            assert jalali == (py, pm, pd + 1)
        elif m > 1:
            assert (py, pm + 1, pd) == (y, m, ir.jalali_month_length(y, m - 1))
        else:
            assert (py + 1, pm, pd) == (y, 12, ir.jalali_month_length(y - 1, 12))
        previous = jalali
    assert previous == (1500, 12, ir.jalali_month_length(1500, 12))


def test_the_whole_supported_range_round_trips() -> None:
    first = ir.jalali_to_gregorian(ir.JALALI_MIN_YEAR, 1, 1)
    last = ir.jalali_to_gregorian(ir.JALALI_MAX_YEAR, 12, 29)
    for day in _days(first, last, step=89):
        assert ir.jalali_to_gregorian(*ir.gregorian_to_jalali(day)) == day
    for year in range(ir.JALALI_MIN_YEAR, ir.JALALI_MAX_YEAR):
        length = ir.jalali_to_gregorian(year + 1, 1, 1) - ir.jalali_to_gregorian(year, 1, 1)
        assert length.days == (366 if ir.is_jalali_leap(year) else 365)


@pytest.mark.parametrize(
    "call",
    [
        lambda: ir.jalali_to_gregorian(1404, 12, 30),
        lambda: ir.jalali_to_gregorian(1403, 7, 31),
        lambda: ir.jalali_to_gregorian(1403, 13, 1),
        lambda: ir.jalali_to_gregorian(1403, 1, 0),
        lambda: ir.jalali_to_gregorian(0, 1, 1),
        lambda: ir.jalali_to_gregorian(ir.JALALI_MAX_YEAR + 1, 1, 1),
        lambda: ir.gregorian_to_jalali(dt.date(622, 3, 21)),
        lambda: ir.gregorian_to_jalali(dt.date(9999, 1, 1)),
        lambda: ir.is_jalali_date("1403/01/01", ""),
        lambda: ir.is_jalali_date("1403/01/01", "//"),
        lambda: ir.is_jalali_date("1403/01/01", "0"),
    ],
)
def test_out_of_range_raises(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        call()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1403/12/30", True),
        ("۱۴۰۳/۱۲/۳۰", True),
        ("١٤٠٣/١٢/٣٠", True),
        ("1404/12/29", True),
        ("1403/06/31", True),
        ("1000/01/01", True),
        ("3177/01/01", True),
        ("1404/12/30", False),
        ("1403/07/31", False),
        ("1403/13/01", False),
        ("1403/00/10", False),
        ("1403/01/00", False),
        ("1403/1/5", False),
        ("1403-01-01", False),
        ("1403/01-01", False),
        (" 1403/01/01", False),
        ("0999/01/01", False),
        ("3178/01/01", False),
        ("14030101", False),
        ("", False),
    ],
)
def test_is_jalali_date(value: str, expected: bool) -> None:
    assert ir.is_jalali_date(value) is expected


def test_is_jalali_date_with_another_separator() -> None:
    assert ir.is_jalali_date("1403-12-30", separator="-")
    assert ir.is_jalali_date("۱۴۰۳.۰۱.۰۱", separator=".")
    assert not ir.is_jalali_date("1403/12/30", separator="-")
    assert not ir.is_jalali_date("1403-12/30", separator="-")


# --- DuckDB macros ------------------------------------------------------------------------------


def test_importing_the_module_does_not_import_duckdb() -> None:
    code = "import sys, govkit.engine.iranian; assert 'duckdb' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    ir.install_macros(connection)
    yield connection
    connection.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> Any:
    """The single value a one-row, one-column query returns."""
    row = con.execute(sql, list(params) or None).fetchone()
    assert row is not None
    return row[0]


def test_install_is_repeatable_and_works_on_a_read_only_database(tmp_path: Path) -> None:
    path = str(tmp_path / "data.duckdb")
    with duckdb.connect(path) as connection:
        connection.execute("CREATE TABLE t AS SELECT '0076229645' AS v")
    with duckdb.connect(path, read_only=True) as connection:
        ir.install_macros(connection)
        ir.install_macros(connection)
        assert connection.execute("SELECT gk_is_national_id(v) FROM t").fetchall() == [(True,)]
    with duckdb.connect(path) as connection:  # TEMP macros left nothing in the file
        macros = connection.execute(
            "SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'gk_%'"
        ).fetchone()
        assert macros == (0,)


SQL_TWINS: dict[str, Callable[[str], object]] = {
    "gk_normalize_digits(v)": ir.normalize_digits,
    "gk_normalize_letters(v)": ir.normalize_letters,
    "gk_compact(v)": ir.compact,
    "gk_has_non_ascii_digits(v)": ir.has_non_ascii_digits,
    "gk_has_arabic_letters(v)": ir.has_arabic_letters,
    "gk_is_national_id(v)": ir.is_national_id,
    "gk_is_legal_id(v)": ir.is_legal_id,
    "gk_is_mobile(v)": ir.is_mobile,
    "gk_is_landline(v)": ir.is_landline,
    "gk_is_postal_code(v)": ir.is_postal_code,
    "gk_is_sheba(v)": ir.is_sheba,
    "gk_is_bank_card(v)": ir.is_bank_card,
    "gk_is_vehicle_plate(v)": ir.is_vehicle_plate,
    "gk_is_jalali_date(v)": ir.is_jalali_date,
    "gk_is_jalali_date(v, sep := '-')": lambda text: ir.is_jalali_date(text, "-"),
}


def test_every_macro_maps_null_to_null(con: duckdb.DuckDBPyConnection) -> None:
    calls = ", ".join(SQL_TWINS)
    row = con.execute(f"SELECT {calls} FROM (SELECT NULL::VARCHAR AS v)")  # noqa: S608
    assert row.fetchone() == (None,) * len(SQL_TWINS)


def _digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choices("0123456789", k=k))


def _valid_values(rng: random.Random) -> list[str]:
    """A few of each kind the module recognises."""
    letters = [*"بپتثجدزسشصطعقکگلمنوهیژ", "الف", ARABIC_YEH, ARABIC_KAF]
    values = []
    for _ in range(250):
        year = rng.randint(995, 3180)
        month = rng.randint(0, 13)
        day = rng.choice([1, 15, 29, 30, 31, 32, rng.randint(0, 40)])
        values += [
            national_id_from(_digits(rng, 9)),
            national_id_from("00" + _digits(rng, 7)).lstrip("0"),
            legal_id_from(_digits(rng, 10)),
            rng.choice(["", "0", "+98", "0098"]) + "9" + _digits(rng, 9),
            rng.choice(["0", "+98", "0098"]) + str(rng.randint(1, 8)) + _digits(rng, 9),
            "".join(rng.choices("13456789", k=5)) + _digits(rng, 5),
            sheba_from(_digits(rng, 22)),
            next(n for n in (_digits(rng, 16) for _ in range(100)) if luhn_ok(n)),
            f"{_digits(rng, 2)} {rng.choice(letters)} {_digits(rng, 3)}"
            f"{rng.choice(['', ' ایران ', ' ايران ', '-', ''])}{_digits(rng, 2)}",
            f"{year:04}/{month:02}/{day:02}",
            f"{rng.randint(1000, 3177)}/12/30",
            f"{year:04}-{month:02}-{day:02}",
        ]
    return values


def _mutate(value: str, rng: random.Random) -> str:
    """One random edit of the kinds real data shows."""
    position = rng.randint(0, len(value))
    match rng.randrange(9):
        case 0:
            return "".join(PERSIAN[int(c)] if c.isascii() and c.isdigit() else c for c in value)
        case 1:
            return "".join(
                ARABIC_INDIC[int(c)] if c.isascii() and c.isdigit() and rng.random() < 0.5 else c
                for c in value
            )
        case 2:
            return value[:position] + rng.choice([" ", "-", "  ", "\t", "_"]) + value[position:]
        case 3:
            return value[:position] + rng.choice("0123456789") + value[position + 1 :]
        case 4:
            return value[:position] + value[position + 1 :]
        case 5:
            return value + rng.choice(["0", "۵", " ", "\n", "x"])
        case 6:
            return rng.choice(["", " ", "+", "IR", "ir", "ı", "0", "a"]) + value
        case 7:
            return value.lower() if rng.random() < 0.5 else value.replace("/", rng.choice("-.\n "))
        case _:
            return ir.normalize_letters(value) if rng.random() < 0.5 else value[::-1]


def _value_pool() -> list[str | None]:
    rng = seeded(1403)
    valid = _valid_values(rng)
    mutated = [_mutate(v, rng) for v in valid for _ in range(2)]
    junk_alphabet = "0123456789" + PERSIAN + ARABIC_INDIC + " -+/IRirب" + ARABIC_YEH + ZWNJ
    junk = ["".join(rng.choices(junk_alphabet, k=rng.randint(0, 30))) for _ in range(800)]
    specials = ["", " ", "-", "/", "IR", "\n", "\x00", "٠", "۰۰۰۰۰۰۰۰۰۰", "1111111111"]
    return [*valid, *mutated, *junk, *specials, None]


VALUES = _value_pool()


@pytest.fixture(scope="module")
def values_table(con: duckdb.DuckDBPyConnection) -> str:
    con.execute(
        "CREATE TABLE pool AS SELECT generate_subscripts($1, 1) AS i, unnest($1) AS v",
        [VALUES],
    )
    assert scalar(con, "SELECT count(*) FROM pool") == len(VALUES)
    return "pool"


@pytest.mark.parametrize("call", list(SQL_TWINS))
def test_each_macro_agrees_with_its_python_twin(
    con: duckdb.DuckDBPyConnection, values_table: str, call: str
) -> None:
    twin = SQL_TWINS[call]
    sql = scalar(con, f"SELECT list({call} ORDER BY i) FROM {values_table}")  # noqa: S608
    python = [None if value is None else twin(value) for value in VALUES]
    mismatches = [(v, s, p) for v, s, p in zip(VALUES, sql, python, strict=True) if s != p]
    assert mismatches == []
    if isinstance(python[0], bool):  # the pool exercises both answers
        assert python.count(True) >= 50
        assert python.count(False) >= 50


def test_the_sql_leap_rule_matches_the_algorithm(con: duckdb.DuckDBPyConnection) -> None:
    years = range(ir.DATE_MIN_YEAR, ir.JALALI_MAX_YEAR + 1)
    sql = scalar(
        con,
        "SELECT list(gk_is_jalali_date(y || '/12/30') ORDER BY y) FROM unnest($1) t(y)",
        list(years),
    )
    assert sql == [ir.is_jalali_leap(year) for year in years]


def test_macros_handle_a_large_column(con: duckdb.DuckDBPyConnection) -> None:
    # 200,000 ten-digit strings spread over 0..10**10: the SQL count must match Python's.
    count = scalar(
        con,
        "SELECT count(*) FILTER (WHERE gk_is_national_id(lpad((n * 49999)::VARCHAR, 10, '0')))"
        " FROM range(200000) t(n)",
    )
    assert count == sum(ir.is_national_id(f"{n * 49999:010}") for n in range(200000))
    assert count > 10000


NUMERIC_TEXT = st.text(
    alphabet=st.sampled_from([*"0123456789", *PERSIAN[:3], *ARABIC_INDIC[-3:], *" -+/Ii\n"]),
    max_size=30,
)
NUMERIC_MACROS = [
    "gk_is_national_id",
    "gk_is_legal_id",
    "gk_is_mobile",
    "gk_is_postal_code",
    "gk_is_sheba",
    "gk_is_bank_card",
    "gk_is_jalali_date",
]


@settings(max_examples=300, deadline=None)
@given(text=NUMERIC_TEXT)
def test_numeric_macros_agree_on_generated_text(con: duckdb.DuckDBPyConnection, text: str) -> None:
    calls = ", ".join(f"{name}($1)" for name in NUMERIC_MACROS)
    sql = con.execute(f"SELECT {calls}", [text]).fetchone()
    python = tuple(SQL_TWINS[f"{name}(v)"](text) for name in NUMERIC_MACROS)
    assert sql == python


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20))
def test_text_macros_agree_on_any_unicode(con: duckdb.DuckDBPyConnection, text: str) -> None:
    sql = con.execute(
        "SELECT gk_normalize_digits($1), gk_normalize_letters($1), gk_has_non_ascii_digits($1),"
        " gk_has_arabic_letters($1), gk_is_vehicle_plate($1), gk_is_jalali_date($1)",
        [text],
    ).fetchone()
    assert sql == (
        ir.normalize_digits(text),
        ir.normalize_letters(text),
        ir.has_non_ascii_digits(text),
        ir.has_arabic_letters(text),
        ir.is_vehicle_plate(text),
        ir.is_jalali_date(text),
    )
