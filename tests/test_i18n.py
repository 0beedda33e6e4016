"""Languages: every message has its Persian translation, the language is chosen as documented,
dates are read in Jalali and shown in it, and the command line speaks Persian end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from typer.testing import CliRunner

from govkit import i18n, i18n_rules
from govkit.cli import app
from govkit.cli.dates import parse_day
from govkit.cli.language import lang_option, usage_error
from govkit.engine.iranian import is_jalali_leap
from govkit.gitio import Commit
from govkit.history import Event, Timeline
from govkit.ruleset import RuleSet, code_rules

PROJECT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT / "src" / "govkit"
TEMPLATE = PACKAGE / "locale" / "messages.pot"
PERSIAN = PACKAGE / "locale" / "fa" / "LC_MESSAGES" / "govkit.po"
RULE_DOCS = PACKAGE / "locale" / "fa" / "LC_MESSAGES" / "rules.po"
GOLDEN = Path(__file__).parent / "golden" / "rules" / "fa"
UPDATE = os.environ.get("GOVKIT_UPDATE_GOLDENS") == "1"
FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def persian() -> Iterator[None]:
    i18n.use("fa")
    yield
    i18n.use("en")


# --- the catalogs ---------------------------------------------------------------------------


def extracted() -> Catalog:
    """The messages marked in the code, extracted as `pybabel extract` does with babel.cfg."""
    with (PROJECT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="govkit")
    for filename, _lineno, message, _comments, context in extract_from_dir(
        PACKAGE, method_map, options_map
    ):
        catalog.add(message, None, [(filename, 0)], context=context)
    return catalog


def persian_catalog() -> Catalog:
    with PERSIAN.open("rb") as file:
        return read_po(file)


def msgids(catalog: Catalog) -> set[str]:
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
    }


def placeholders(text: str) -> list[str]:
    """`{name}` fields and `%(name)s` conversions, sorted, so order may change in a translation."""
    fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted(fields + re.findall(r"%\((\w+)\)[sdifr]", text))


def forms(message: Message) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs: one for a message, every form of a plural one."""
    if isinstance(message.id, str):
        return [(message.id, str(message.string))]
    singular, plural = message.id
    return [(singular if i == 0 else plural, s) for i, s in enumerate(message.string)]


def test_the_committed_template_is_what_the_code_marks() -> None:
    buffer = io.BytesIO()
    write_po(buffer, extracted(), omit_header=True, no_location=True, sort_output=True)
    stale = "messages.pot is stale: run the pybabel extract line of babel.cfg"
    assert buffer.getvalue().decode("utf-8") == TEMPLATE.read_text(encoding="utf-8"), stale


def test_every_message_has_a_persian_translation() -> None:
    translated = {
        (message.id if isinstance(message.id, str) else message.id[0])
        for message in persian_catalog()
        if message.id and all(text for _, text in forms(message)) and not message.fuzzy
    }
    assert sorted(msgids(extracted()) - translated) == []


def test_no_translation_is_left_over_from_a_message_gone() -> None:
    assert sorted(msgids(persian_catalog()) - msgids(extracted())) == []


def test_translations_keep_the_placeholders_of_their_message() -> None:
    mismatched = [
        (source, translation)
        for message in persian_catalog()
        if message.id
        for source, translation in forms(message)
        if translation and placeholders(source) != placeholders(translation)
    ]
    assert mismatched == []


def test_placeholders_are_read_in_both_styles() -> None:
    assert placeholders("{b} of %(a)s and {c}") == ["a", "b", "c"]
    assert placeholders("no fields, 100%") == []


def test_persian_is_spoken_once_chosen(persian: None) -> None:
    assert i18n.current() == "fa"
    assert i18n._("All checks passed.") == "همهٔ بررسی‌ها گذشت."
    assert i18n.ngettext("{count} error", "{count} errors", 3) == "{count} خطا"
    assert i18n.number(1234) == "۱٬۲۳۴"


def test_iso_days_in_persian_text_are_jalali(persian: None) -> None:
    assert i18n.days_in("released 2026-12-02T16:05:09Z") == "released ۱۴۰۵/۰۹/۱۱ ۱۶:۰۵:۰۹Z"
    assert i18n.days_in("DEC-7 (2025-11-19, approved)") == "DEC-7 (۱۴۰۴/۰۸/۲۸, approved)"
    assert i18n.days_in("not a day: 2025-13-40") == "not a day: 2025-13-40"
    assert i18n.days_in("GK2025-11-19x") == "GK2025-11-19x"


def test_an_empty_text_is_not_the_catalog_header(persian: None) -> None:
    assert i18n._("") == ""


def test_english_is_the_code_itself() -> None:
    assert i18n.use("en") == "en"
    assert i18n._("All checks passed.") == "All checks passed."
    assert i18n.number(1234) == "1,234"
    assert i18n.days_in("2026-12-02T16:05:09Z") == "2026-12-02T16:05:09Z"


# --- the rules' documentation ----------------------------------------------------------------


def rule_docs() -> dict[str, Message]:
    """The Persian rule docs by rule code (their msgctxt)."""
    with RULE_DOCS.open("rb") as file:
        return {str(message.context): message for message in read_po(file) if message.id}


def marks(text: str) -> tuple[list[str], list[str]]:
    """The code spans and the rule codes of a doc, sorted: a translation keeps them all."""
    spans = re.findall(r"`[^`]*`", text)
    return sorted(spans), sorted(re.findall(r"\b[A-Z]{2,3}[0-9]{3}\b", text))


def test_the_committed_rules_template_is_what_the_registry_holds() -> None:
    stale = "rules.pot is stale: run `python -m govkit.i18n_rules --write` and pybabel update"
    assert i18n_rules.template() == i18n_rules.TEMPLATE.read_text(encoding="utf-8"), stale


def test_every_rule_doc_has_a_persian_translation_of_its_english() -> None:
    translations = rule_docs()
    untranslated = [
        rule.code
        for rule in code_rules()
        if (found := translations.get(rule.code)) is None
        or found.id != rule.doc  # the English changed since it was translated
        or found.fuzzy
        or not str(found.string).strip()
    ]
    assert untranslated == []


def test_no_rule_doc_is_left_over_from_a_rule_gone() -> None:
    assert sorted(set(rule_docs()) - {rule.code for rule in code_rules()}) == []


def test_rule_docs_keep_their_code_spans_and_rule_codes() -> None:
    mismatched = [
        (code, marks(str(message.id)), marks(str(message.string)))
        for code, message in rule_docs().items()
        if marks(str(message.id)) != marks(str(message.string))
    ]
    assert mismatched == []


def test_the_rule_docs_pass_the_checks_of_pybabel_compile() -> None:
    # A doc is never formatted, but Babel reads `80 % or` as a %-conversion and refuses to
    # compile a translation without it: the English docs must not look like format strings.
    with RULE_DOCS.open("rb") as file:
        problems = [(message.context, errors) for message, errors in read_po(file).check()]
    assert problems == []


def test_marks_are_code_spans_and_codes() -> None:
    assert marks("see `a b` and GK102, then `c`; not GK1 nor x") == (["`a b`", "`c`"], ["GK102"])


def test_the_rule_set_speaks_the_current_language(persian: None) -> None:
    persian_infos = RuleSet.builtin().infos
    unit = persian_infos["GK102"]
    assert (unit.code, unit.name) == ("GK102", "unknown-unit")
    assert unit.summary == (
        "یک مجموعه‌داده واحدی را نام می‌برد که در `catalog/units.yaml` تعریف نشده است."
    )
    assert unit.doc.splitlines()[0] == unit.summary
    assert "رفع: " in unit.doc
    english = {rule.code: rule for rule in code_rules()}
    assert [
        code for code, info in persian_infos.items() if info.summary == english[code].summary
    ] == []
    i18n.use("en")
    assert RuleSet.builtin().infos["GK102"].summary == english["GK102"].summary
    assert RuleSet.builtin().infos["GK102"].summary.startswith("A dataset names a unit")


def test_an_english_doc_without_translation_stays_english(persian: None) -> None:
    assert i18n_rules.doc("GK102", "A doc no one translated.") == "A doc no one translated."
    first = code_rules()[0].doc
    assert i18n_rules.doc("GK999", first) == first  # a translation is of one rule's doc only


def test_sarif_describes_the_rules_in_persian(catalog: Path) -> None:
    entry = catalog / "catalog" / "finance" / "budget.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("unit: finance", "unit: nosuch"))
    code, out, _ = invoke("--lang", "fa", "lint", "--root", str(catalog), "-f", "sarif")
    assert code == 1
    (described,) = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert (described["id"], described["name"]) == ("GK102", "unknown-unit")
    assert described["shortDescription"]["text"] == (
        "یک مجموعه‌داده واحدی را نام می‌برد که در `catalog/units.yaml` تعریف نشده است."
    )
    assert "رفع: واحد را به `catalog/units.yaml` بیفزایید" in described["fullDescription"]["text"]


def test_help_reads_no_rule_docs() -> None:
    # `govkit --help` stays quick in Persian: the rules' catalog is read by explain and reports.
    code = (
        "import sys; from govkit.cli import app\n"
        "try: app(['--lang', 'fa', '--help'])\n"
        "except SystemExit as done: assert done.code == 0\n"
        "assert 'govkit.i18n_rules' not in sys.modules, 'the rules domain was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        pytest.skip("golden file rewritten")
    assert output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", ["GK102", "GK301", "GK610"])
def test_explain_in_persian(code: str) -> None:
    status, out, err = invoke("--lang", "fa", "explain", code)
    assert (status, err) == (0, "")
    golden(f"explain-{code}.text", out)


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "text"), ("json", "json")])
def test_rules_in_persian(catalog: Path, fmt: str, suffix: str) -> None:
    status, out, err = invoke("--lang", "fa", "rules", "--root", str(catalog), "-f", fmt)
    assert (status, err) == (0, "")
    golden(f"rules.{suffix}", out)


def test_the_persian_rule_listing_keeps_codes_names_and_keys(catalog: Path) -> None:
    persian = json.loads(invoke("--lang", "fa", "rules", "--root", str(catalog), "-f", "json")[1])
    english = json.loads(invoke("rules", "--root", str(catalog), "-f", "json")[1])
    assert [(r["code"], r["name"], r["severity"]) for r in persian] == [
        (r["code"], r["name"], r["severity"]) for r in english
    ]
    assert [sorted(r) for r in persian] == [sorted(r) for r in english]
    builtin = {rule.code for rule in code_rules()}
    changed = {
        p["code"] for p, e in zip(persian, english, strict=True) if p["summary"] != e["summary"]
    }
    assert changed == builtin  # the packs' texts are data, shown as they carry them


# --- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "fa_IR.UTF-8"}, "fa"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "fa_IR", "LANG": "en_US.UTF-8"}, "fa"),
        (None, {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fa_IR"}, "en"),
        (None, {"LC_ALL": "", "LANG": "fa_IR.UTF-8"}, "fa"),
        (None, {"GOVKIT_LANG": "en", "LC_ALL": "fa_IR.UTF-8"}, "en"),
        (None, {"GOVKIT_LANG": "FA"}, "fa"),
        ("fa", {"GOVKIT_LANG": "en"}, "fa"),
        ("en", {"LANG": "fa_IR.UTF-8"}, "en"),
        ("de", {"LANG": "fa_IR.UTF-8"}, "en"),
        ("fa-IR", {}, "fa"),
    ],
)
def test_the_language_is_chosen_in_order(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(option, environ) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "fa", "lint"], "fa"),
        (["--lang=fa", "--help"], "fa"),
        (["--version", "--lang", "en"], "en"),
        (["lint", "--lang", "fa"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_lang_is_read_before_the_command_only(args: list[str], expected: str | None) -> None:
    assert lang_option(args) == expected


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {"GOVKIT_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    result = CliRunner().invoke(app, list(args), env=environment | (env or {}))
    return result.exit_code, result.stdout, result.stderr


def test_help_is_persian_with_lang_fa() -> None:
    code, out, _ = invoke("--lang", "fa", "check", "--help")
    assert code == 0
    assert out.startswith("کاربرد: ")
    assert "گزینه‌ها:" in out
    assert "--today DATE" in out  # option names never change
    assert "این پیام را نشان بده و خارج شو." in out
    assert "[پیش‌فرض: scan]" in out


def test_help_is_persian_from_the_locale_and_english_by_default() -> None:
    assert invoke("--help", env={"LANG": "fa_IR.UTF-8"})[1].startswith("کاربرد: ")
    assert invoke("--help")[1].startswith("Usage: ")


def test_an_unknown_language_is_english_without_a_crash(catalog: Path) -> None:
    assert invoke("--lang", "xx", "lint", "--root", str(catalog)) == (0, "All checks passed.\n", "")


def test_the_summary_is_persian(catalog: Path) -> None:
    assert invoke("--lang", "fa", "lint", "--root", str(catalog)) == (0, "همهٔ بررسی‌ها گذشت.\n", "")


def test_usage_errors_are_persian() -> None:
    code, _, err = invoke("--lang", "fa", "lint", "--bogus")
    assert code == 2
    assert "خطا: چنین گزینه‌ای وجود ندارد: --bogus" in err
    assert "کاربرد: " in err


def test_no_arguments_show_the_persian_help() -> None:
    code, out, err = invoke(env={"GOVKIT_LANG": "fa"})
    assert code == 2
    assert (out + err).startswith("کاربرد: ")
    assert "فرمان‌ها:" in out + err
    assert "خطا:" not in out + err


def test_a_run_leaves_the_language_it_found() -> None:
    invoke("--lang", "fa", "--help")
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["lint", "-f", "xml"], "خطا: مقدار نادرست برای '--format' / '-f': «xml» یکی از 'text',"),
        (["validate", "--max-findings", "-3"], "'--max-findings': باید دست‌کم 0 باشد"),
        (["ci"], "خطا: گزینهٔ «--base» داده نشده است."),
        (["explain"], "خطا: آرگومان «rule» داده نشده است."),
        (["nosuch"], "خطا: فرمان «nosuch» وجود ندارد."),
        (["lint", "extra"], "خطا: آرگومان‌های اضافهٔ ناخواسته: extra"),
        (["lint", "--root"], "خطا: گزینهٔ «--root» مقدار می‌خواهد."),
    ],
)
def test_click_usage_errors_are_persian(args: list[str], says: str) -> None:
    code, _, err = invoke("--lang", "fa", *args)
    assert code == 2
    assert says in err


def test_an_unknown_usage_error_keeps_its_words() -> None:
    assert usage_error("Something Click says.") == "Something Click says."


# --- Jalali dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026-12-02", dt.date(2026, 12, 2)),
        ("1405/09/11", dt.date(2026, 12, 2)),
        ("۱۴۰۵/۰۹/۱۱", dt.date(2026, 12, 2)),
        ("1404/08/29", dt.date(2025, 11, 20)),
        ("1404/8/29", dt.date(2025, 11, 20)),
        ("1403/12/30", dt.date(2025, 3, 20)),  # 1403 is a leap year: Esfand has 30 days
    ],
)
def test_date_options_read_iso_and_jalali(written: str, day: dt.date) -> None:
    assert parse_day(written) == day


def test_the_leap_years_are_the_engines() -> None:
    assert is_jalali_leap(1403)
    assert not is_jalali_leap(1404)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("1404/13/01", "a Jalali year has months 1 to 12, not 13"),
        ("1403/12/31", "month 12 has 30 days, not 31"),
        ("1404/12/30", "Esfand 1404 has 29 days: 1404 is not a leap year"),
        ("1404/07/31", "month 7 has 30 days, not 31"),
        ("۱۴۰۵/09/11", "mixes Persian and Latin digits"),
        ("2026-02-30", "is not a day of the calendar"),
        ("0999/01/01", "year 999 is outside 1000..3177"),
        ("tomorrow", "write YYYY-MM-DD or a Jalali YYYY/MM/DD"),
    ],
)
def test_a_date_that_names_no_day_is_a_usage_error(catalog: Path, written: str, says: str) -> None:
    code, out, err = invoke("check", "--root", str(catalog), "--today", written)
    assert (code, out) == (2, "")
    assert "Invalid value for '--today'" in err
    assert says in err
    assert "Traceback" not in err


def test_a_jalali_today_judges_as_the_same_iso_day(catalog: Path) -> None:
    iso = invoke("check", "--root", str(catalog), "--today", "2026-12-02", "-f", "json")
    jalali = invoke("check", "--root", str(catalog), "--today", "۱۴۰۵/۰۹/۱۱", "-f", "json")
    assert iso[0] == jalali[0] == 0
    assert iso[1] == jalali[1]


def test_every_date_option_reads_jalali() -> None:
    command = typer.main.get_command(app)
    dated = sorted(
        name
        for name, sub in getattr(command, "commands", {}).items()
        for param in sub.params
        if param.name == "today"
    )
    assert dated == ["check", "ci", "diff", "plan"]
    for name in dated:
        assert "Jalali YYYY/MM/DD" in " ".join(invoke(name, "--help")[1].split())


@pytest.mark.parametrize("args", [["diff", "HEAD"], ["ci", "--base", "main"]])
def test_the_change_commands_refuse_a_jalali_day_that_is_not(args: list[str]) -> None:
    code, _, err = invoke(*args, "--today", "1404/13/01")
    assert code == 2
    assert "Invalid value for '--today'" in err


def test_a_persian_invalid_date_is_explained_in_persian(catalog: Path) -> None:
    code, _, err = invoke("--lang", "fa", "check", "--root", str(catalog), "--today", "1404/12/30")
    assert code == 2
    assert "مقدار نادرست برای '--today':" in err
    assert "اسفند ۱۴۰۴ ۲۹ روز دارد" in err


# --- govkit log in Persian ------------------------------------------------------------------


def timeline() -> Timeline:
    event = Event(
        commit="1a2b3c4d5e6f",
        date="2025-11-20T10:30:00+03:30",
        author="Sara <sara@example.org>",
        path="catalog/finance/budget.yaml",
        change="published",
        old="internal",
        new="public",
        approvals=("DEC-7 (2025-11-19, approved)",),
    )
    return Timeline("budget", "catalog/finance/budget.yaml", Commit("main", "9" * 40), (event,))


def test_the_timeline_in_persian_has_jalali_dates_and_persian_words(persian: None) -> None:
    from govkit.cli.output import OutputFormat  # noqa: PLC0415
    from govkit.cli.timeline import render_timeline  # noqa: PLC0415

    text = render_timeline(timeline(), OutputFormat.text)
    assert "۱۴۰۴/۰۸/۲۹" in text
    assert "DEC-7 (۱۴۰۴/۰۸/۲۸, approved)" in text
    assert "منتشر شد" in text
    assert "2025-11-20" not in text
    assert f"{FSI}budget{PDI}" in text
    markdown = render_timeline(timeline(), OutputFormat.markdown)
    assert markdown.startswith('<div dir="rtl">\n')
    assert "| ۱۴۰۴/۰۸/۲۹ |" in markdown


def test_the_timeline_json_keeps_iso_and_english(persian: None) -> None:
    from govkit.cli.output import OutputFormat  # noqa: PLC0415
    from govkit.cli.timeline import render_timeline  # noqa: PLC0415

    as_json = render_timeline(timeline(), OutputFormat.json)
    assert '"date": "2025-11-20T10:30:00+03:30"' in as_json
    assert '"change": "published"' in as_json


def test_the_timeline_in_english_is_unchanged() -> None:
    from govkit.cli.output import OutputFormat  # noqa: PLC0415
    from govkit.cli.timeline import render_timeline  # noqa: PLC0415

    text = render_timeline(timeline(), OutputFormat.text)
    assert text.splitlines()[0] == (
        "Access history of 'budget' (catalog/finance/budget.yaml), commits up to main (9999999)"
    )
    assert "2025-11-20  1a2b3c4  Sara <sara@example.org>  published" in text
