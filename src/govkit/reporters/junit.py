"""JUnit XML, the lowest common denominator of CI test-report viewers.

One suite a file, one test case a finding: errors and warnings fail, suppressed
findings are skipped, info findings pass with their message kept in
`system-out`. A clean run is one passing case, so viewers show a green run
rather than "no tests". No timestamps or durations: the same report gives the
same bytes.

Valid against the JUnit XSD of Jenkins' xUnit plugin (`junit-10.xsd`), which
has no `skipped` on `<testsuites>`. Within a suite every classname+name is
unique, since GitLab keeps only the first case of each name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from govkit.findings import Finding, Report, Severity
from govkit.reporters import RenderOptions, context, where
from govkit.reporters.escape import safe

if TYPE_CHECKING:
    from govkit.errors import Problem

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="govkit")
    suites = _file_suites(report) or [_clean_suite(report)]
    root.extend(suites)
    _set_counts(root, suites)
    ET.indent(root)
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _file_suites(report: Report) -> list[ET.Element]:
    suites = []
    for path, group in groupby(report.findings, key=lambda f: f.location.path):
        suite = ET.Element("testsuite", name=_xml(path))
        cases = _unique([_case(finding) for finding in group])
        suite.extend(cases)
        _set_counts(suite, cases)
        suites.append(suite)
    return suites


def _unique(cases: list[ET.Element]) -> list[ET.Element]:
    """Cases named `GK211 5:3`, `GK211 5:3 (2)`, ... where two findings share a place."""
    seen: dict[str, int] = {}
    for case in cases:
        name = case.get("name", "")
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            case.set("name", f"{name} ({seen[name]})")
    return cases


def error_report(command: str, problems: Sequence[Problem]) -> str:
    """The report of a run that could not read its input (exit 2): one errored case a
    problem, so a CI viewer shows why there are no results rather than nothing."""
    root = ET.Element("testsuites", name="govkit")
    suite = ET.SubElement(root, "testsuite", name="govkit")
    for problem in problems:
        where = f"{problem.path}:{problem.line}:{problem.column}" if problem.path else ""
        case = ET.SubElement(suite, "testcase", classname=_xml(problem.path or "govkit"))
        case.set("name", _xml(f"{command} {where}".strip()))
        error = ET.SubElement(case, "error", type="input-error", message=_xml(problem.message))
        error.text = _xml(f"{where}: {problem.message}" if where else problem.message)
    _unique(list(suite))
    _set_counts(suite, list(suite))
    _set_counts(root, [suite])
    ET.indent(root)
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _clean_suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name="govkit")
    case = ET.SubElement(suite, "testcase", classname="govkit", name=_xml(report.command))
    _set_counts(suite, [case])
    return suite


def _case(finding: Finding) -> ET.Element:
    loc = finding.location
    case = ET.Element(
        "testcase", classname=_xml(loc.path), name=f"{finding.code} {loc.line}:{loc.column}"
    )
    if finding.suppressed_by is not None:
        ET.SubElement(case, "skipped", message=_xml(f"waived by {finding.suppressed_by}"))
    elif finding.severity is Severity.INFO:
        ET.SubElement(case, "system-out").text = _xml(_details(finding))
    else:
        failure = ET.SubElement(case, "failure", type=finding.code, message=_xml(finding.message))
        failure.text = _xml(_details(finding))
    return case


def _details(finding: Finding) -> str:
    lines = [
        f"{where(finding)}: {finding.severity.value} {finding.code} {finding.name}",
        finding.message,
    ]
    about = context(finding)
    if about:
        lines.append(about)
    if finding.location.pointer:
        lines.append(f"pointer: {finding.location.pointer}")
    return "\n".join(lines)


def _set_counts(parent: ET.Element, children: list[ET.Element]) -> None:
    """Totals over test cases, or over suites (summing theirs) for <testsuites>."""
    if parent.tag == "testsuites":
        for key in ("tests", "failures", "errors"):
            parent.set(key, str(sum(int(suite.get(key, "0")) for suite in children)))
        return
    parent.set("tests", str(len(children)))
    parent.set("failures", str(sum(case.find("failure") is not None for case in children)))
    parent.set("errors", str(sum(case.find("error") is not None for case in children)))
    parent.set("skipped", str(sum(case.find("skipped") is not None for case in children)))


def _xml(text: str) -> str:
    # ElementTree writes control characters through as they are, which makes the
    # document ill-formed XML 1.0; safe() turns them into visible escapes.
    return safe(text, multiline=True)
