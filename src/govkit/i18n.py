"""The language govkit speaks: which one, and its translations.

Messages are written in English in the code and marked for extraction:
`_("...")` translates when called, `N_("...")` only marks a text that is
translated later (help texts built at import time). `pybabel extract` (see
babel.cfg) collects them into locale/messages.pot; each language's
locale/<lang>/LC_MESSAGES/govkit.po is compiled to a .mo file when the wheel
is built (hatch_build.py). At run time only the standard library's gettext
reads them, so Babel is a build and test tool, not a dependency.
The built-in rules' docs are a domain of their own, `rules` (govkit.i18n_rules),
read only when a rule's text is shown.

The language is chosen once per run: `--lang`, then GOVKIT_LANG, then the
locale (LC_ALL, LC_MESSAGES, LANG; `fa_IR.UTF-8` is Persian), English by
default. An unknown name is English, never an error: a message in the wrong
language is better than no message.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("en", "fa")
DEFAULT: Final = "en"
DOMAIN: Final = "govkit"
LOCALE_DIR: Final = Path(__file__).parent / "locale"
# The locale variables in the order POSIX gives them precedence.
_LOCALE_VARIABLES: Final = ("LC_ALL", "LC_MESSAGES", "LANG")
_PERSIAN_DIGITS: Final = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# An ISO day, with the time of an RFC 3339 moment after it if there is one.
_ISO_MOMENT: Final = re.compile(
    r"\b([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)(Z|[+-][0-9]{2}:[0-9]{2})?)?\b"
)

_language: str = DEFAULT
_catalog: gettext.NullTranslations = gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    """`message` in the current language ('' stays '': gettext would give the catalog's header)."""
    return _catalog.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits `count`, in the current language."""
    return _catalog.ngettext(singular, plural, count)


def current() -> str:
    return _language


def choose(option: str | None, environ: Mapping[str, str]) -> str:
    """The language to speak: `option`, then GOVKIT_LANG, then the locale, then English."""
    for value in (option, environ.get("GOVKIT_LANG")):
        if value:
            return _known(value)
    for variable in _LOCALE_VARIABLES:
        if environ.get(variable):
            return _known(environ[variable])
    return DEFAULT


def _known(value: str) -> str:
    """`fa`, `FA`, `fa_IR.UTF-8`, `fa-IR` -> fa; anything not translated -> English."""
    name = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return name if name in LANGUAGES else DEFAULT


def use(language: str) -> str:
    """Speak `language` from now on (English when it has no catalog); return what is spoken."""
    global _language, _catalog  # one language a process, chosen when it starts
    language = _known(language)
    catalog = load(language)
    if catalog is None:
        language, catalog = DEFAULT, gettext.NullTranslations()
    _language, _catalog = language, catalog
    return language


def load(language: str, domain: str = DOMAIN) -> gettext.NullTranslations | None:
    """The catalog of `domain` in `language` (None when there is none); English is the code's."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled, source = folder / f"{domain}.mo", folder / f"{domain}.po"
    # A wheel ships the .mo alone. A source checkout may have no .mo, or one older than
    # the .po just edited: there the .po is compiled in memory, when Babel is installed.
    if source.is_file() and (not compiled.is_file() or _newer(source, compiled)):
        fresh = _compile(source)
        if fresh is not None:
            return fresh
    if compiled.is_file():
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    return None


def _newer(source: Path, compiled: Path) -> bool:
    return source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime


def _compile(source: Path) -> gettext.NullTranslations | None:
    try:
        from babel.messages.mofile import write_mo  # noqa: PLC0415
        from babel.messages.pofile import read_po  # noqa: PLC0415
    except ImportError:
        return None
    import io  # noqa: PLC0415

    with source.open("rb") as file:
        messages = read_po(file)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def join(parts: list[str]) -> str:
    """Parts of a phrase as a list: `a, b` in English, `a، b` in Persian."""
    return ("، " if _language == "fa" else ", ").join(parts)


def digits(text: str) -> str:
    """`text` with its ASCII digits in the current language's own (Persian: ۰–۹)."""
    return text.translate(_PERSIAN_DIGITS) if _language == "fa" else text


def number(count: int) -> str:
    """A count for people: `1,234` in English, `۱٬۲۳۴` in Persian."""
    if _language == "fa":
        return digits(f"{count:,}".replace(",", "٬"))
    return f"{count:,}"


def day(date: dt.date) -> str:
    """A date for people: ISO in English, Jalali with Persian digits in Persian."""
    if _language != "fa":
        return date.isoformat()
    from govkit.engine.iranian import gregorian_to_jalali  # noqa: PLC0415 - stdlib only

    year, month, day_ = gregorian_to_jalali(date)
    return digits(f"{year:04}/{month:02}/{day_:02}")


def days_in(text: str) -> str:
    """`text` with the ISO days and moments in it shown as `day()` shows them: Persian text
    reads `۱۴۰۵/۰۹/۱۱ ۱۶:۰۰:۰۰Z` where English keeps `2026-12-02T16:00:00Z`."""
    if _language != "fa":
        return text
    return _ISO_MOMENT.sub(_jalali_moment, text)


def _jalali_moment(match: re.Match[str]) -> str:
    try:
        shown = day(dt.date.fromisoformat(match[1]))
    except ValueError:
        return match[0]
    if match[2]:
        shown += " " + digits(match[2] + (match[3] or ""))
    return shown
