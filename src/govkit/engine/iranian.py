"""Iranian data conventions (DOMAIN.md §5) as plain Python checks and as DuckDB SQL macros.

Each check exists twice with the same semantics: a small pure-Python function for single
values (personal-data detection, messages) and a pure-SQL DuckDB macro for whole columns
(the data engine). `install_macros` defines the macros on a connection; the tests run
thousands of values through both and require identical answers.

Shared conventions:

* Digits: Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits count as digits
  everywhere; `normalize_digits` maps them to ASCII. Nothing else is a digit (`[0-9]`, never
  `\\d`, which in Python matches every Unicode digit).
* Identifier checks first call `compact`: digits normalised, and the separators people type
  inside numbers (ASCII space and hyphen-minus) removed, so `007-622964-5`, `IR06 2960 ...`
  and `6037 9911 ...` are read as written on cards. Nothing else is stripped.
* SQL macros return NULL for a NULL argument; Python functions take `str`.

The Jalali calendar follows the well-known jalaali-js algorithm (`jalCal` with its table
of breaks; govkit supports Jalali years 1..3177). It is a few lines, so govkit carries it
rather than depend on jdatetime or persiantools. Only the standard library is imported
here: duckdb appears for type checking only, since `install_macros` is handed a connection,
so importing this module stays cheap for the CLI.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import duckdb

# --- digits and letters -------------------------------------------------------------------

_PERSIAN_DIGITS: Final = "".join(chr(0x06F0 + i) for i in range(10))
_ARABIC_INDIC_DIGITS: Final = "".join(chr(0x0660 + i) for i in range(10))
_DIGIT_TABLE: Final = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, "0123456789" * 2)
_NON_ASCII_DIGIT: Final = re.compile("[\u06f0-\u06f9\u0660-\u0669]")

_ARABIC_YEH, _PERSIAN_YEH = "\u064a", "\u06cc"
_ARABIC_KAF, _PERSIAN_KAF = "\u0643", "\u06a9"
_LETTER_TABLE: Final = str.maketrans(_ARABIC_YEH + _ARABIC_KAF, _PERSIAN_YEH + _PERSIAN_KAF)
_ARABIC_LETTER: Final = re.compile(f"[{_ARABIC_YEH}{_ARABIC_KAF}]")
ARABIC_LETTERS: Final = (_ARABIC_YEH, _ARABIC_KAF)
"""The Arabic letters that Persian text writes with other code points."""
_SEPARATORS: Final = str.maketrans("", "", " -")


def normalize_digits(text: str) -> str:
    """Map Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits to ASCII 0–9."""
    return text.translate(_DIGIT_TABLE)


def has_non_ascii_digits(text: str) -> bool:
    """True when `text` holds a Persian or Arabic-Indic digit (one `normalize_digits` changes)."""
    return _NON_ASCII_DIGIT.search(text) is not None


def normalize_letters(text: str) -> str:
    """Map Arabic Yeh U+064A and Kaf U+0643 to Persian ی U+06CC and ک U+06A9; ZWNJ is kept."""
    return text.translate(_LETTER_TABLE)


def has_arabic_letters(text: str) -> bool:
    """True when `text` holds Arabic Yeh U+064A or Kaf U+0643 where Persian ی / ک are meant."""
    return _ARABIC_LETTER.search(text) is not None


def compact(text: str) -> str:
    """Normalise digits and drop the spaces and hyphens typed inside numbers."""
    return normalize_digits(text).translate(_SEPARATORS)


# --- identifiers ---------------------------------------------------------------------------

_NATIONAL_ID: Final = re.compile("[0-9]{8,10}")
_LEGAL_ID: Final = re.compile("[0-9]{11}")
_MOBILE: Final = re.compile(r"(?:\+98|0098|0)?9[0-9]{9}")
_LANDLINE: Final = re.compile(r"(?:0|\+98|0098)[1-8][0-9]{9}")
_POSTAL_CODE: Final = re.compile("[13-9]{5}[0-9]{5}")
_SHEBA: Final = re.compile("[Ii][Rr][0-9]{24}")
_BANK_CARD: Final = re.compile("[0-9]{16}")
_LEGAL_WEIGHTS: Final = (29, 27, 23, 19, 17)


def _digits(code: str) -> list[int]:
    return [ord(char) - 48 for char in code]


def is_national_id(text: str) -> bool:
    """کد ملی: 8–10 digits, zero-padded to 10, not ten equal digits, and the check digit holds.

    s = Σ d[i]·(10−i) for i = 0..8, r = s mod 11; valid when d[9] = r if r < 2 else 11 − r.
    """
    code = compact(text)
    if _NATIONAL_ID.fullmatch(code) is None:
        return False
    code = code.zfill(10)
    if code == code[0] * 10:
        return False
    digits = _digits(code)
    r = sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return digits[9] == (r if r < 2 else 11 - r)


def is_legal_id(text: str) -> bool:
    """شناسه ملی: 11 digits; c = d[9] + 2, s = Σ (c + d[i])·w[i mod 5] for i = 0..9.

    w = 29, 27, 23, 19, 17; r = s mod 11 with 10 read as 0; valid when r = d[10].
    """
    code = compact(text)
    if _LEGAL_ID.fullmatch(code) is None:
        return False
    digits = _digits(code)
    c = digits[9] + 2
    s = sum((c + d) * _LEGAL_WEIGHTS[i % 5] for i, d in enumerate(digits[:10]))
    return s % 11 % 10 == digits[10]


def is_mobile(text: str) -> bool:
    """Mobile number: `^(?:\\+98|0098|0)?9\\d{9}$` on the compacted text."""
    return _MOBILE.fullmatch(compact(text)) is not None


def is_landline(text: str) -> bool:
    """Landline: 0, a two-digit area code, eight digits (021 1234 5678); +98 or 0098 may replace 0.

    Area codes start with 1–8 (9 starts mobile numbers, 0 the international prefix).
    """
    return _LANDLINE.fullmatch(compact(text)) is not None


def is_postal_code(text: str) -> bool:
    """کد پستی: 10 digits, not all equal; the first five never use 0 or 2.

    Iran Post leaves 0 and 2 out of the first five digits because in handwriting they are
    confused with 5 and 3 (۰/۵, ۲/۳).
    """
    code = compact(text)
    return _POSTAL_CODE.fullmatch(code) is not None and code != code[0] * 10


def is_sheba(text: str) -> bool:
    """شبا (Iranian IBAN): `IR` + 24 digits and ISO 13616 mod 97 = 1.

    The first four characters move to the end and letters become numbers (I = 18, R = 27).
    """
    code = compact(text)
    if _SHEBA.fullmatch(code) is None:
        return False
    return int(code[4:] + "1827" + code[2:4]) % 97 == 1


def is_bank_card(text: str) -> bool:
    """Bank card number: 16 digits passing the Luhn check."""
    code = compact(text)
    if _BANK_CARD.fullmatch(code) is None:
        return False
    total = 0
    for position, digit in enumerate(reversed(_digits(code))):
        total += digit if position % 2 == 0 else 2 * digit - 9 * (digit // 5)
    return total % 10 == 0


# Plates carry one letter of the Persian alphabet (written الف for alef); the set in use has
# changed over time, so any Persian letter is accepted rather than a list that would go stale.
_PLATE_LETTERS: Final = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_PLATE: Final = re.compile(f"[0-9]{{2}}(?:الف|[{_PLATE_LETTERS}])[0-9]{{3}}(?:ایران)?[0-9]{{2}}")


def is_vehicle_plate(text: str) -> bool:
    """Vehicle plate: 2 digits, a Persian letter, 3 digits, optionally ایران, a 2-digit region.

    Digits and Arabic Yeh/Kaf are normalised and spaces and hyphens removed first, so
    `12ب345-67`, `12 ب 345 ایران 67` and `۱۲ الف ۳۴۵ ايران ۶۷` are all plates.
    """
    return _PLATE.fullmatch(normalize_letters(compact(text))) is not None


# --- Jalali calendar (jalaali-js) -----------------------------------------------------------

_BREAKS: Final = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
    1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)  # fmt: skip
JALALI_MIN_YEAR: Final = 1
JALALI_MAX_YEAR: Final = _BREAKS[-1] - 1
DATE_MIN_YEAR: Final = 1000
"""`is_jalali_date` reads four-digit years, so its years run DATE_MIN_YEAR..JALALI_MAX_YEAR."""


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as jalaali-js's `~~(a / b)`."""
    return a // b if a >= 0 else -(-a // b)


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jal_cal(jy: int) -> tuple[int, int, int]:
    """jalaali-js `jalCal`: (years since the last leap year, Gregorian year, March day of 1/1)."""
    if not JALALI_MIN_YEAR <= jy <= JALALI_MAX_YEAR:
        raise ValueError(f"Jalali year {jy} is outside {JALALI_MIN_YEAR}..{JALALI_MAX_YEAR}")
    leap_j, jp, jump = -14, _BREAKS[0], 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    gy = jy + 621
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return (4 if leap == -1 else leap), gy, 20 + leap_j - leap_g


def is_jalali_leap(year: int) -> bool:
    """True when Esfand of Jalali `year` has 30 days (jalaali-js: `jalCal(year).leap == 0`)."""
    return _jal_cal(year)[0] == 0


def jalali_month_length(year: int, month: int) -> int:
    """Months 1–6 have 31 days, 7–11 have 30, Esfand 29, or 30 in a leap year."""
    if not 1 <= month <= 12:
        raise ValueError(f"Jalali month {month} is outside 1..12")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_jalali_leap(year) else 29


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of Jalali year/month/day; ValueError when that day does not exist."""
    if not 1 <= day <= jalali_month_length(year, month):
        raise ValueError(f"{year}/{month:02}/{day:02} is not a Jalali date")
    _, gy, march = _jal_cal(year)
    offset = (month - 1) * 31 - (month // 7) * (month - 7) + day - 1
    return dt.date.fromordinal(dt.date(gy, 3, march).toordinal() + offset)


def gregorian_to_jalali(day: dt.date) -> tuple[int, int, int]:
    """The Jalali (year, month, day) of a Gregorian date (jalaali-js `d2j`)."""
    jy = day.year - 621
    leap, gy, march = _jal_cal(jy)
    k = day.toordinal() - dt.date(gy, 3, march).toordinal()
    if 0 <= k <= 185:
        return jy, 1 + k // 31, k % 31 + 1
    if k >= 0:
        k -= 186
    else:
        if jy == JALALI_MIN_YEAR:
            raise ValueError(f"{day} is before 1 Farvardin {JALALI_MIN_YEAR}")
        jy -= 1
        k += 180 if leap == 1 else 179
    return jy, 7 + k // 30, k % 30 + 1


_JALALI_DATE: Final = re.compile("([0-9]{4})([^0-9])([0-9]{2})([^0-9])([0-9]{2})")


def is_jalali_date(text: str, separator: str = "/") -> bool:
    """`YYYY/MM/DD` (Persian digits allowed) naming a real Jalali day, years 1000–3177.

    Months and days take two digits; `separator` is one non-digit character.
    """
    if len(separator) != 1 or separator in "0123456789":
        raise ValueError(f"separator must be one non-digit character, not {separator!r}")
    match = _JALALI_DATE.fullmatch(normalize_digits(text))
    if match is None or match[2] != separator or match[4] != separator:
        return False
    year, month, day = int(match[1]), int(match[3]), int(match[5])
    if not DATE_MIN_YEAR <= year <= JALALI_MAX_YEAR or not 1 <= month <= 12:
        return False
    return 1 <= day <= jalali_month_length(year, month)


# --- DuckDB macros ----------------------------------------------------------------------------


def _nth_digit(number: str, power: int) -> str:
    """SQL for the digit worth 10**power in the integer expression `number`."""
    return f"({number} // {10**power} % 10)"


def _let(name: str, value: str, body: str) -> str:
    """SQL evaluating `value` once and `body` with it bound to `name` (a one-item list
    comprehension: DuckDB does not share repeated subexpressions inside CASE)."""
    return f"[{body} for {name} in [{value}]][1]"


def _checked_number(pattern: str, check: str) -> str:
    """SQL: NULL for NULL; false unless the compacted text matches `pattern`; else `check`.

    `check` reads the compacted text as `gk_c` and its integer value as `gk_x`.
    """
    checked = _let("gk_x", "TRY_CAST(gk_c AS BIGINT)", check)
    return _let(
        "gk_c",
        "gk_compact(s)",
        f"""CASE WHEN gk_c IS NULL THEN NULL
            WHEN regexp_full_match(gk_c, '{pattern}') THEN {checked}
            ELSE false END""",
    )


def _national_id_sql() -> str:
    weighted = " + ".join(f"{_nth_digit('gk_x', 9 - i)} * {10 - i}" for i in range(9))
    check_digit = _let(
        "gk_r",
        f"({weighted}) % 11",
        f"{_nth_digit('gk_x', 0)} = CASE WHEN gk_r < 2 THEN gk_r ELSE 11 - gk_r END",
    )
    return _checked_number(_NATIONAL_ID.pattern, f"gk_x % 1111111111 <> 0 AND {check_digit}")


def _legal_id_sql() -> str:
    # Σ (c + d[i])·w[i mod 5] = c·Σw + Σ d[i]·w[i mod 5], and Σw over i = 0..9 is 230.
    weighted = " + ".join(
        f"{_nth_digit('gk_x', 10 - i)} * {_LEGAL_WEIGHTS[i % 5]}" for i in range(10)
    )
    s = f"(({_nth_digit('gk_x', 1)} + 2) * 230 + {weighted})"
    return _checked_number(_LEGAL_ID.pattern, f"{s} % 11 % 10 = {_nth_digit('gk_x', 0)}")


def _bank_card_sql() -> str:
    terms = []
    for power in range(16):
        digit = _nth_digit("gk_x", power)
        terms.append(digit if power % 2 == 0 else f"(2 * {digit} - 9 * ({digit} // 5))")
    return _checked_number(_BANK_CARD.pattern, f"({' + '.join(terms)}) % 10 = 0")


def _sheba_sql() -> str:
    rearranged = "substr(gk_c, 5, 22) || '1827' || substr(gk_c, 3, 2)"
    return _checked_number(_SHEBA.pattern, f"CAST({rearranged} AS HUGEINT) % 97 = 1")


def _postal_code_sql() -> str:
    return _checked_number(_POSTAL_CODE.pattern, "gk_x % 1111111111 <> 0")


def _jalali_date_sql() -> str:
    leap_years = [y for y in range(DATE_MIN_YEAR, JALALI_MAX_YEAR + 1) if is_jalali_leap(y)]
    year, month, day = (
        f"CAST(substr(gk_n, {a}, {b}) AS INTEGER)" for a, b in ((1, 4), (6, 2), (9, 2))
    )
    fields = _let(
        "gk_ymd",
        f"[{year}, {month}, {day}]",
        f"""gk_ymd[1] BETWEEN {DATE_MIN_YEAR} AND {JALALI_MAX_YEAR}
            AND gk_ymd[2] BETWEEN 1 AND 12
            AND gk_ymd[3] BETWEEN 1 AND CASE
                WHEN gk_ymd[2] <= 6 THEN 31
                WHEN gk_ymd[2] <= 11 THEN 30
                WHEN list_contains({leap_years}, gk_ymd[1]) THEN 30
                ELSE 29 END""",
    )
    return _let(
        "gk_n",
        "gk_normalize_digits(s)",
        f"""CASE WHEN gk_n IS NULL THEN NULL
            WHEN regexp_full_match(gk_n, '[0-9]{{4}}[^0-9][0-9]{{2}}[^0-9][0-9]{{2}}')
                AND substr(gk_n, 5, 1) = sep AND substr(gk_n, 8, 1) = sep THEN {fields}
            ELSE false END""",
    )


def _macro(name: str, params: str, body: str) -> str:
    return f"CREATE OR REPLACE TEMP MACRO {name}({params}) AS ({body})"


def _sql_macros() -> tuple[str, ...]:
    non_ascii_digit = r"[\x{6F0}-\x{6F9}\x{660}-\x{669}]"
    translate_digits = (
        f"translate(s, '{_PERSIAN_DIGITS}{_ARABIC_INDIC_DIGITS}', '{'0123456789' * 2}')"
    )
    compacted = "gk_compact(s)"
    return (
        # translate() is slow, so it runs only on the rare values that need it; strlen =
        # length holds for ASCII text only, and is cheaper than the regular expression.
        _macro(
            "gk_normalize_digits",
            "s",
            f"CASE WHEN strlen(s) <> length(s) AND regexp_matches(s, '{non_ascii_digit}') "
            f"THEN {translate_digits} ELSE s END",
        ),
        _macro(
            "gk_normalize_letters",
            "s",
            f"translate(s, '{_ARABIC_YEH}{_ARABIC_KAF}', '{_PERSIAN_YEH}{_PERSIAN_KAF}')",
        ),
        _macro("gk_compact", "s", "replace(replace(gk_normalize_digits(s), ' ', ''), '-', '')"),
        # strlen = length only for ASCII text: a cheap test that skips the regex for most cells.
        _macro(
            "gk_has_non_ascii_digits",
            "s",
            f"strlen(s) <> length(s) AND regexp_matches(s, '{non_ascii_digit}')",
        ),
        _macro(
            "gk_has_arabic_letters",
            "s",
            r"strlen(s) <> length(s) AND regexp_matches(s, '[\x{64A}\x{643}]')",
        ),
        _macro("gk_is_national_id", "s", _national_id_sql()),
        _macro("gk_is_legal_id", "s", _legal_id_sql()),
        _macro("gk_is_mobile", "s", f"regexp_full_match({compacted}, '{_MOBILE.pattern}')"),
        _macro("gk_is_landline", "s", f"regexp_full_match({compacted}, '{_LANDLINE.pattern}')"),
        _macro("gk_is_postal_code", "s", _postal_code_sql()),
        _macro("gk_is_sheba", "s", _sheba_sql()),
        _macro("gk_is_bank_card", "s", _bank_card_sql()),
        _macro(
            "gk_is_vehicle_plate",
            "s",
            f"regexp_full_match(gk_normalize_letters({compacted}), '{_PLATE.pattern}')",
        ),
        _macro("gk_is_jalali_date", "s, sep := '/'", _jalali_date_sql()),
    )


SQL_MACROS: Final[tuple[str, ...]] = _sql_macros()
"""`CREATE OR REPLACE TEMP MACRO` statements, in dependency order, one per SQL twin."""


def install_macros(connection: duckdb.DuckDBPyConnection) -> None:
    """Define the `gk_*` macros on `connection`.

    They are TEMP macros: installing them on a connection to a database file (even a
    read-only one) never writes to that file.
    """
    for statement in SQL_MACROS:
        connection.execute(statement)
