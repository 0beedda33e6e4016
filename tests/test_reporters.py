"""Reporters: golden files for every format, plus structural checks of each.

Run with GOVKIT_UPDATE_GOLDENS=1 to rewrite the golden files after an intended
change, then review the diff. golden/reporters/fa/ holds the same reports in Persian.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govkit import i18n, reporters
from govkit.findings import Citation, Finding, Location, Report, RuleInfo, Severity, Tally
from govkit.reporters import RenderOptions
from govkit.reporters.escape import safe
from govkit.reporters.github import escape_data, escape_property

GOLDEN = Path(__file__).parent / "golden" / "reporters"
UPDATE = os.environ.get("GOVKIT_UPDATE_GOLDENS") == "1"

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
PERSIAN = "عنوان «درمان\u200cگاه‌ها» توضیح ندارد"  # with ZWNJ, which must survive
TRICKY = "share is 50% | see `notes`\nsecond line, with: colon"

RULES = {
    "GK101": RuleInfo(
        "GK101",
        "missing-description",
        Severity.WARNING,
        "Datasets need a description.",
        "A description tells readers what the data is.\nWrite one sentence at least.",
    ),
    "GK301": RuleInfo("GK301", "pii-in-public", Severity.ERROR, "Personal data made public."),
    "GK120": RuleInfo("GK120", "title-not-persian", Severity.INFO, "Titles should be Persian."),
    "GK210": RuleInfo("GK210", "bad-field-name", Severity.ERROR, "Field names must be plain."),
}


def make_report() -> Report:
    """One fixed report: several files, every severity, a waiver, awkward text."""
    contracts = "catalog/finance/contracts.yaml"
    clinics = "catalog/health/clinics.yaml"
    findings = (
        Finding(
            "GK301",
            "pii-in-public",
            Severity.ERROR,
            "Column looks like national IDs but the resource is public.",
            Location(contracts, 12, 5, "/resources/0/schema/fields/3"),
            dataset="contracts",
            resource="contracts-1403",
            field="national_id",
            row=57,
            citation=Citation("ir-foi", "14"),
        ),
        Finding(
            "GK101",
            "missing-description",
            Severity.WARNING,
            TRICKY,
            Location(contracts, 3, 1),
            dataset="contracts",
        ),
        Finding(
            "GK120",
            "title-not-persian",
            Severity.INFO,
            PERSIAN,
            Location(clinics, 2, 8),
            dataset="clinics",
        ),
        Finding(
            "GK101",
            "missing-description",
            Severity.WARNING,
            "No description.",
            Location(clinics, 1, 1),
            dataset="clinics",
            suppressed_by="W-2024-07",
        ),
        Finding(
            "GK210",
            "bad-field-name",
            Severity.ERROR,
            f"Field name 'abc{RLO}def' has control text \x1b[31mred\x1b[0m.",
            Location("data/budget,1403.csv", 1, 3),
            row=1,
        ),
        # A code with no RuleInfo: SARIF must still describe it.
        Finding(
            "GK999",
            "internal-check",
            Severity.WARNING,
            "A rule unknown to the registry.",
            Location("govkit.yaml", 4, 2),
        ),
    )
    return Report(command="check", root=".", findings=findings, rules=RULES)


def make_clean() -> Report:
    return Report(command="lint", root=".", rules=RULES)


GOLDEN_CASES = [
    ("report.text", "text", make_report),
    ("report.json", "json", make_report),
    ("report.github", "github", make_report),
    ("report.junit.xml", "junit", make_report),
    ("report.sarif.json", "sarif", make_report),
    ("report.md", "markdown", make_report),
    ("clean.text", "text", make_clean),
    ("clean.json", "json", make_clean),
    ("clean.junit.xml", "junit", make_clean),
    ("clean.sarif.json", "sarif", make_clean),
    ("clean.md", "markdown", make_clean),
]


@pytest.mark.parametrize(("name", "fmt", "build"), GOLDEN_CASES)
def test_golden(name: str, fmt: str, build: Any) -> None:
    output = reporters.render(build(), fmt)
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        pytest.skip("golden file rewritten")
    assert output == path.read_text(encoding="utf-8")


def make_unlisted() -> Report:
    """Findings past the listing cap, and a change between refs: the rest of the wording."""
    tally = Tally("GK101", "schema-violation", Severity.ERROR, "data/بودجه.csv", 1234, "مبلغ")
    refs = {"base": "origin/main", "merge_base": "1a2b3c4d"}
    return Report(command="ci", root=".", rules=RULES, unlisted=(tally,), refs=refs)


GOLDEN_FA_CASES = [
    *[(f"fa/{name}", fmt, build) for name, fmt, build in GOLDEN_CASES],
    ("fa/unlisted.text", "text", make_unlisted),
    ("fa/unlisted.md", "markdown", make_unlisted),
]


@pytest.fixture
def persian() -> Iterator[None]:
    i18n.use("fa")
    yield
    i18n.use("en")


@pytest.mark.parametrize(("name", "fmt", "build"), GOLDEN_FA_CASES)
def test_golden_persian(name: str, fmt: str, build: Any, persian: None) -> None:
    test_golden(name, fmt, build)


def test_every_format_renders() -> None:
    report = make_report()
    for fmt in reporters.FORMATS:
        output = reporters.render(report, fmt)
        assert output.endswith("\n"), fmt


def test_every_format_has_a_golden_file() -> None:
    covered = {fmt for _, fmt, build in GOLDEN_CASES if build is make_report}
    assert covered == set(reporters.FORMATS)


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        reporters.render(make_report(), "xml")


def test_module_render_takes_options() -> None:
    from govkit.reporters import text  # noqa: PLC0415 - the lazy modules themselves

    assert text.render(make_report(), RenderOptions(quiet=True)) == reporters.render(
        make_report(), "text", quiet=True
    )


# --- escaping -----------------------------------------------------------------------------


def test_safe_escapes_controls_and_bidi_but_keeps_persian() -> None:
    assert safe("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe("x\ny\tz\r") == "x\\ny\\tz\\r"
    assert safe(f"a{RLO}b\u2066c\u2069") == "a\\u202eb\\u2066c\\u2069"
    assert safe("\x85\x9b\u2028") == "\\x85\\x9b\\u2028"
    assert safe(PERSIAN) == PERSIAN
    assert safe("lrm\u200e rlm\u200f") == "lrm\u200e rlm\u200f"


def test_safe_multiline_keeps_newline_and_tab_only() -> None:
    assert safe("a\nb\tc\rd\x00", multiline=True) == "a\nb\tc\\rd\\x00"


def test_safe_escapes_what_utf8_and_xml_cannot_carry() -> None:
    assert safe("\ud800\uffff") == "\\ud800\\uffff"


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "sarif"])
def test_no_raw_bidi_or_escape_in_human_facing_output(fmt: str) -> None:
    output = reporters.render(make_report(), fmt, color=False)
    assert RLO not in output
    assert "\x1b" not in output
    assert "\u200c" in output  # the ZWNJ of Persian words survives


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_output_cannot_forge_a_command() -> None:
    forged = Finding(
        "GK1", "x", Severity.ERROR, "innocent\n::error file=x::forged", Location("a:b,c.yaml", 2, 3)
    )
    output = reporters.render(Report("check", ".", (forged,)), "github")
    assert output == (
        "::error file=a%3Ab%2Cc.yaml,line=2,col=3,title=GK1 x::innocent%0A::error file=x::forged\n"
    )


def test_github_omits_suppressed_and_maps_info_to_notice() -> None:
    lines = reporters.render(make_report(), "github").splitlines()
    assert len(lines) == len(make_report().active)
    assert not any("W-2024-07" in line for line in lines)
    assert sum(line.startswith("::notice ") for line in lines) == 1
    assert "file=data/budget%2C1403.csv" in "\n".join(lines)


def test_github_is_empty_without_findings() -> None:
    assert reporters.render(make_clean(), "github") == ""


# --- text ---------------------------------------------------------------------------------


def test_text_without_color_has_no_ansi() -> None:
    assert "\x1b" not in reporters.render(make_report(), "text", color=False)


def test_text_with_color_is_the_plain_text_coloured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # the caller decided: the environment must not
    monkeypatch.setenv("COLUMNS", "20")  # change colour or wrapping
    coloured = reporters.render(make_report(), "text", color=True)
    assert "\x1b[" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == reporters.render(make_report(), "text", color=False)


def test_text_summary_and_quiet() -> None:
    assert reporters.render(make_report(), "text").endswith(
        "\nFound 2 errors, 2 warnings, 1 info (1 suppressed) in 4 files.\n"
    )
    assert reporters.render(make_clean(), "text") == "All checks passed.\n"
    assert reporters.render(make_clean(), "text", quiet=True) == ""
    quiet = reporters.render(make_report(), "text", quiet=True)
    assert "Found" not in quiet
    assert not quiet.endswith("\n\n")


def test_text_markup_in_messages_stays_literal() -> None:
    finding = Finding("GK1", "x", Severity.ERROR, "[bold]not bold[/bold]", Location("a.yaml"))
    output = reporters.render(Report("lint", ".", (finding,)), "text", color=True)
    assert "[bold]not bold[/bold]" in output


# --- junit --------------------------------------------------------------------------------


def test_junit_parses_and_counts_match() -> None:
    report = make_report()
    root = ET.fromstring(reporters.render(report, "junit").encode("utf-8"))  # noqa: S314 - our own output
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted({f.location.path for f in report.findings})
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped", "")) == len(suite.findall("testcase/skipped"))
    summary = report.summary()
    assert root.get("tests") == str(len(report.findings))
    assert root.get("failures") == str(summary["error"] + summary["warning"])
    # The xUnit plugin's XSD has no `skipped` on <testsuites>: the suites carry it.
    assert root.get("skipped") is None
    assert sum(int(s.get("skipped", "")) for s in suites) == summary["suppressed"]
    assert root.get("errors") == "0"


def test_junit_clean_is_one_passing_case() -> None:
    root = ET.fromstring(reporters.render(make_clean(), "junit").encode("utf-8"))  # noqa: S314
    (case,) = root.iter("testcase")
    assert (case.get("classname"), case.get("name")) == ("govkit", "lint")
    assert len(case) == 0
    assert root.get("tests") == "1"


# --- sarif --------------------------------------------------------------------------------


def _sarif(report: Report) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(reporters.render(report, "sarif"))
    return log


def test_sarif_is_structurally_valid() -> None:
    log = _sarif(make_report())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govkit"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["helpUri"] == f"https://govkit.dev/rules/{rule['id']}"
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == len(make_report().findings)
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1


def test_sarif_rules_cover_unknown_codes_and_suppressions() -> None:
    run = _sarif(make_report())["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"GK101", "GK120", "GK210", "GK301", "GK999"}
    assert rules["GK999"]["name"] == "internal-check"
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert suppressed == [next(r for r in run["results"] if r.get("suppressions"))]
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "justification": "waived by W-2024-07"}
    ]


def test_sarif_extras_and_uri_encoding() -> None:
    results = _sarif(make_report())["runs"][0]["results"]
    pii = next(r for r in results if r["ruleId"] == "GK301")
    assert pii["properties"] == {
        "pointer": "/resources/0/schema/fields/3",
        "row": 57,
        "citation": {"law": "ir-foi", "article": "14"},
    }
    (logical,) = pii["locations"][0]["logicalLocations"]
    assert logical["fullyQualifiedName"] == "contracts/contracts-1403/national_id"
    budget = next(r for r in results if r["ruleId"] == "GK210")
    uri = budget["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "data/budget%2C1403.csv"


def test_sarif_absolute_root_is_a_file_uri() -> None:
    report = Report("check", str(Path("/srv/catalog").absolute()))
    base = _sarif(report)["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert base["uri"].startswith("file://")
    assert base["uri"].endswith("/")


# --- markdown -----------------------------------------------------------------------------


def test_markdown_cells_cannot_break_the_table() -> None:
    output = reporters.render(make_report(), "markdown")
    row = next(line for line in output.splitlines() if "GK101" in line and "50%" in line)
    assert row.count(" | ") == 3  # four cells, no more
    assert "\\|" in row
    assert "\\`notes\\`" in row
    assert "<br>" in row


def test_markdown_caps_the_table() -> None:
    many = tuple(
        Finding("GK1", "x", Severity.WARNING, f"n{i}", Location("a.yaml", i + 1))
        for i in range(205)
    )
    output = reporters.render(Report("check", ".", many), "markdown")
    assert sum(line.startswith("| ⚠️") for line in output.splitlines()) == 200
    assert "… and 5 more findings not shown" in output


def test_markdown_puts_errors_first() -> None:
    output = reporters.render(make_report(), "markdown")
    rows = [line for line in output.splitlines() if line.startswith("| ") and "---" not in line]
    severities = [row.split(" | ")[0] for row in rows[1:5]]
    assert severities == ["| ❌ error", "| ❌ error", "| ⚠️ warning", "| ⚠️ warning"]


# --- Persian and bidi -------------------------------------------------------------------------

FSI, PDI = "\u2068", "\u2069"


def test_persian_text_isolates_every_catalog_value(persian: None) -> None:
    lines = reporters.render(make_report(), "text").splitlines()
    assert lines[0] == f"{FSI}catalog/finance/contracts.yaml{PDI}"
    assert lines[2].startswith(f"  {FSI}catalog/finance/contracts.yaml:12:5{PDI} GK301 خطا {FSI}")
    names = f"{FSI}contracts/contracts-1403/national_id{PDI}"
    assert f"({names}، سطر ۵۷، {FSI}ir-foi{PDI} مادهٔ {FSI}14{PDI})" in lines[2]
    assert lines[-1] == "۲ خطا، ۲ هشدار، ۱ اطلاع (۱ مورد معاف) در ۴ پرونده یافت شد."


def test_isolates_in_the_input_are_still_escaped(persian: None) -> None:
    finding = Finding("GK1", "x", Severity.ERROR, f"a{PDI}b{FSI}c", Location("a.yaml"))
    output = reporters.render(Report("lint", ".", (finding,)), "text")
    assert f"{FSI}a\\u2069b\\u2068c{PDI}" in output
    assert output.count(FSI) == output.count(PDI)


def test_english_text_isolates_only_right_to_left_values() -> None:
    output = reporters.render(make_report(), "text")
    assert f"{FSI}{PERSIAN}{PDI}" in output
    assert output.count(FSI) == output.count(PDI) == 1


def test_persian_markdown_is_right_to_left(persian: None) -> None:
    output = reporters.render(make_report(), "markdown")
    assert output.startswith('<div dir="rtl">\n\n### govkit check\n')
    assert output.endswith("\n\n</div>\n")
    assert "| شدت | کد | مکان | پیام |" in output


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_do_not_change_with_the_language(fmt: str) -> None:
    english = reporters.render(make_report(), fmt)
    i18n.use("fa")
    try:
        assert reporters.render(make_report(), fmt) == english
    finally:
        i18n.use("en")


def test_junit_keeps_its_names_and_attributes_in_persian() -> None:
    def shape(xml: str) -> list[tuple[str, dict[str, str]]]:
        root = ET.fromstring(xml.encode("utf-8"))  # noqa: S314 - our own output
        return [(element.tag, element.attrib) for element in root.iter()]

    english = shape(reporters.render(make_report(), "junit"))
    i18n.use("fa")
    try:
        persian = reporters.render(make_report(), "junit")
    finally:
        i18n.use("en")
    assert shape(persian) == english
    assert "سطر ۵۷" in persian  # the text a person reads follows the language
