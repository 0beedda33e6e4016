"""The built-in rules' documentation in the current language: the gettext domain `rules`.

A rule's doc is written in English where the rule is declared (its docstring, or the
doc given to `declare`). Its translation is in locale/<lang>/LC_MESSAGES/rules.po, one
entry a rule: msgctxt is the rule's code, msgid its English doc. Editing a doc in
English makes a new msgid, so the old translation no longer matches and English is
shown until it is translated again (tests/test_i18n.py fails meanwhile). A domain of
its own keeps these long texts apart from govkit.po, and `govkit --help` never loads it:
a catalog is read the first time a rule's text is asked for in a language.

The docs are docstrings and `declare` arguments, which pybabel does not extract, so
locale/rules.pot is generated from the rule registry instead; a test fails when the
committed one drifts. After adding or editing a rule:
    python -m govkit.i18n_rules --write
    pybabel update -i src/govkit/locale/rules.pot -d src/govkit/locale -D rules \\
        --ignore-obsolete --no-fuzzy-matching
then translate the new entries of src/govkit/locale/fa/LC_MESSAGES/rules.po.
"""

from __future__ import annotations

import gettext
import sys
from functools import cache
from typing import Final

from govkit import i18n

DOMAIN: Final = "rules"
TEMPLATE: Final = i18n.LOCALE_DIR / f"{DOMAIN}.pot"


def doc(code: str, english: str) -> str:
    """`english`, the doc of rule `code`, in the current language (English when untranslated)."""
    language = i18n.current()
    if not english or language == i18n.DEFAULT:
        return english
    return _catalog(language).pgettext(code, english)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return i18n.load(language, DOMAIN) or gettext.NullTranslations()


def template() -> str:
    """rules.pot as the registry makes it: every built-in rule, by code, with its name noted."""
    import io  # noqa: PLC0415 - the generator needs Babel, a build and test tool

    from babel.messages.catalog import Catalog  # noqa: PLC0415
    from babel.messages.pofile import write_po  # noqa: PLC0415

    from govkit.ruleset import code_rules  # noqa: PLC0415 - the registry imports this module

    catalog = Catalog(project="govkit")
    for rule in code_rules():
        message = catalog.add(rule.doc, context=rule.code, auto_comments=[rule.name])
        if message is not None:
            message.flags.clear()  # a doc is shown as written, never formatted
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=True, no_location=True)
    return buffer.getvalue().decode("utf-8")


def _write() -> None:
    from govkit.atomic import write_atomic  # noqa: PLC0415

    write_atomic(TEMPLATE, template().encode("utf-8"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write()
    else:
        sys.exit("usage: python -m govkit.i18n_rules --write")
