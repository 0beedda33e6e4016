"""A Report in Python: a short summary for print() and the REPL, an HTML table for Jupyter."""

from __future__ import annotations

from html.parser import HTMLParser

from govkit.findings import Finding, Location, Report, RuleInfo, Severity, Tally
from govkit.i18n import use

DOC = "What it does: a long page of documentation that print(report) must not show."


def finding(number: int, message: str = "value is not a number", **extra: object) -> Finding:
    location = Location("catalog/finance/contracts.yaml", number, 5, f"/resources/{number}")
    return Finding(
        "GK101",
        "schema-violation",
        Severity.ERROR,
        message,
        location,
        **extra,  # type: ignore[arg-type]
    )


def report(*findings: Finding, unlisted: tuple[Tally, ...] = ()) -> Report:
    rules = {"GK101": RuleInfo("GK101", "schema-violation", Severity.ERROR, "summary", DOC)}
    return Report("lint", "city", findings, rules, unlisted)


def test_a_clean_report_prints_one_line() -> None:
    assert str(report()) == "govkit lint of city: all checks passed"


def test_print_shows_the_counts_and_the_findings_not_the_documentation() -> None:
    text = str(report(finding(3), finding(7, dataset="contracts", row=12)))
    assert text.splitlines() == [
        "govkit lint of city: 2 errors in 1 file",
        "  catalog/finance/contracts.yaml:3:5 error GK101 value is not a number",
        "  catalog/finance/contracts.yaml:7:5 error GK101 value is not a number"
        " (contracts, row 12)",
    ]
    assert DOC not in text


def test_print_lists_ten_findings_and_counts_the_rest() -> None:
    text = str(report(*(finding(n) for n in range(1, 26))))
    lines = text.splitlines()
    assert lines[0] == "govkit lint of city: 25 errors in 1 file"
    assert len(lines) == 12
    assert lines[-1] == "  … and 15 more findings (report.findings lists them all)"


def test_suppressed_and_unlisted_findings_are_counted() -> None:
    waived = finding(2, suppressed_by="waivers.yaml#1")
    tally = Tally("GK101", "schema-violation", Severity.WARNING, "data.csv", 40)
    text = str(report(waived, unlisted=(tally,)))
    assert text.splitlines()[0] == "govkit lint of city: 40 warnings in 1 file (1 suppressed)"


def test_repr_is_one_line_of_counts() -> None:
    shown = repr(report(finding(1), finding(2, suppressed_by="w")))
    assert shown == "<Report lint 'city': error=1 warning=0 info=0 suppressed=1>"


def test_the_summary_follows_the_language() -> None:
    use("fa")
    try:
        assert str(report(finding(1))).splitlines()[0] == "govkit lint از city: ۱ خطا در ۱ پرونده"
    finally:
        use("en")


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.cells: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "td":
            self.cells.append("")

    def handle_data(self, data: str) -> None:
        if self.cells and self.tags[-1] == "td":
            self.cells[-1] += data


def test_html_is_a_table_with_every_finding_escaped_and_self_contained() -> None:
    hostile = '<script>alert("x")</script> & \x1b[31m'
    shown = report(finding(1, hostile, dataset="قراردادها"), finding(2))._repr_html_()
    parsed = _Parsed()
    parsed.feed(shown)
    assert "script" not in parsed.tags
    assert parsed.tags.count("tr") == 3  # the header and one row a finding
    assert '<script>alert("x")</script> & \\x1b[31m' in parsed.cells
    assert "قراردادها" in parsed.cells
    assert {"link", "img", "style", "iframe"}.isdisjoint(parsed.tags)
    assert not [name for name, _ in parsed.attributes if name in {"src", "href"}]
    assert DOC not in shown


def test_html_of_a_clean_report_has_no_table() -> None:
    shown = report()._repr_html_()
    assert "<table" not in shown
    assert "all checks passed" in shown
