"""Readers of string cells and their formats: email, uuid, uri, base64 (binary), WKT and
the Iranian identifiers checked by the `gk_*` macros."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from govkit.engine.compile.geo import _is_wkt
from govkit.engine.compile.sql import _SPACE_CLASS, Field, _format, _matches, _text, _when

# -- strings -------------------------------------------------------------------------------

_EXTENDED_LATIN: Final = r"\x{100}-\x{17f}\x{180}-\x{24f}\x{a0}-\x{ff}"
_ATOM: Final = f"[{_EXTENDED_LATIN}0-9a-z!#$%&'*+/=?^_`{{}}|~\\-]+"
_EMAIL_USER: Final = (
    # validators.email, case-insensitive: a dot-atom or a quoted string, then $ (which also
    # matches before a final newline). Its extended-latin first alternative adds nothing.
    f"(?i)(?:{_ATOM}(?:\\.{_ATOM})*"
    f'|"(?:[{_EXTENDED_LATIN}\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\t.])*")\\n?'
)
# Domain labels as validators.domain reads the idna-encoded name. A label that is not
# ASCII becomes xn--...: govkit accepts it when it holds letters, digits and hyphens.
_IDN_LABEL: Final = r"[a-z0-9\-]*[\x{80}-\x{10ffff}][a-z0-9\-\x{80}-\x{10ffff}]{0,62}"
_EMAIL_DOMAIN: Final = (
    f"(?i)(?:(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?|{_IDN_LABEL})\\.)+"
    f"(?:[a-z0-9][a-z0-9-]{{0,61}}[a-z]|{_IDN_LABEL})"
)


# A plain address (at most 64 characters, ASCII atoms, letters-only top-level label) is
# one the full grammar below accepts too: one regex decides the common case.
_PLAIN_EMAIL: Final = (
    r"(?i)[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"[a-z]{2,24}"
)


def _is_email(x: str) -> str:
    plain = f"(length({x}) <= 64 AND {_matches(x, _PLAIN_EMAIL)})"
    return f"(CASE WHEN {plain} THEN true ELSE {_full_email(x)} END)"


def _full_email(x: str) -> str:
    user, domain = f"split_part({x}, '@', 1)", f"split_part({x}, '@', 2)"
    return f"""(length({x}) - length(replace({x}, '@', '')) = 1
        AND length({user}) <= 64 AND length({domain}) <= 253
        AND {_matches(user, _EMAIL_USER)}
        AND NOT regexp_matches({domain}, {_text(_SPACE_CLASS + "|__")})
        AND {_matches(domain, _EMAIL_DOMAIN)})"""


def _is_uuid(x: str) -> str:
    # uuid.UUID(): drop 'urn:' and 'uuid:', strip braces, drop hyphens, then 32 hex digits.
    hexa = f"replace(trim(replace(replace({x}, 'urn:', ''), 'uuid:', ''), '{{}}'), '-', '')"
    return _matches(hexa, "[0-9a-fA-F]{32}")


_B64: Final = "[A-Za-z0-9+/]"


def _is_base64(x: str) -> str:
    """base64.b64decode without validate: other characters are skipped, and decoding stops
    at the padding that completes a quantum (CPython's a2b_base64)."""
    d = _B64
    quantum = f"(?:{d}=*{d}=*{d}=?{d}=*)"
    end = f"(?:{d}=*{d}(?:==|=?{d}=)[A-Za-z0-9+/=]*)"
    data = f"regexp_replace({x}, '[^A-Za-z0-9+/=]', '', 'g')"
    ascii_only = _matches(x, "[\\x00-\\x7f]*")
    return f"({ascii_only} AND {_matches(data, f'=*{quantum}*{end}?')})"


def _macro_check(macro: str) -> Callable[[str], str]:
    return lambda x: f"coalesce({macro}({x}), false)"


def _is_uri(x: str) -> str:
    # rfc3986 with a required scheme: any string that starts with one.
    return f"regexp_matches({x}, '^[a-zA-Z][a-zA-Z0-9+.\\-]*:')"


def _string_formats() -> dict[str, Callable[[str], str]]:
    return {
        "uri": _is_uri,
        "email": _is_email,
        "uuid": _is_uuid,
        "binary": _is_base64,
        "wkt": _is_wkt,
        "ir-national-id": _macro_check("gk_is_national_id"),
        "ir-legal-id": _macro_check("gk_is_legal_id"),
        "ir-mobile": _macro_check("gk_is_mobile"),
        "ir-postal-code": _macro_check("gk_is_postal_code"),
        "ir-sheba": _macro_check("gk_is_sheba"),
    }


_STRING_FORMATS: Final = _string_formats()


def _read_string(field: Field, x: str) -> str:
    if field.get("calendar") == "jalali":
        return _when(f"gk_is_jalali_date({x})", x)
    fmt = _format(field, ["default", *_STRING_FORMATS])
    check = _STRING_FORMATS.get(fmt)
    return _when(check(x), x) if check else x
