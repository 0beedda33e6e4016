"""Text for `govkit policy test`: each pack's cases, failures spelled out, then the totals."""

from __future__ import annotations

import json
from collections.abc import Sequence

from govkit.cli.output import OutputFormat
from govkit.errors import GovkitError
from govkit.i18n import DEFAULT, _, current, ngettext, number
from govkit.policy.cases import CaseResult, PackTest
from govkit.reporters.escape import isolate, safe


def render_tests(tests: Sequence[PackTest], format: OutputFormat, *, verbose: bool) -> str:
    if format is OutputFormat.json:
        return json.dumps([_record(test) for test in tests], ensure_ascii=False, indent=2) + "\n"
    if format is not OutputFormat.text:
        raise GovkitError(
            _("`govkit policy test` writes text or json, not {format}").format(format=format.value)
        )
    lines: list[str] = []
    for test in tests:
        lines.append(_pack_line(test))
        for result in test.results:
            if result.problem is not None:
                lines.append(f"  FAIL {safe(result.label)}: {safe(result.problem)}")
            elif verbose:
                lines.append(f"  PASS {safe(result.label)}")
    total = sum(len(test.results) for test in tests)
    failures = sum(len(test.failures) for test in tests)
    counts = {"passed": number(total - failures), "total": number(total)}
    if failures:
        tally = _("{passed}/{total} cases passed, {failed} failed")
        lines.append(tally.format(**counts, failed=number(failures)))
    else:
        lines.append(_("{passed}/{total} cases passed").format(**counts))
    return "\n".join(lines) + "\n"


def _pack_line(test: PackTest) -> str:
    cases = len(test.results)
    failed = len(test.failures)
    if failed:
        text = ngettext(
            "{path}: {cases} case, {failed} failed", "{path}: {cases} cases, {failed} failed", cases
        )
    else:
        text = ngettext("{path}: {cases} case, ok", "{path}: {cases} cases, ok", cases)
    path = isolate(safe(test.pack.path), always=current() != DEFAULT)
    return text.format(path=path, cases=number(cases), failed=number(failed))


def _record(test: PackTest) -> dict[str, object]:
    return {
        "pack": test.pack.id,
        "path": test.pack.path,
        "cases": [_case(result) for result in test.results],
    }


def _case(result: CaseResult) -> dict[str, object]:
    return {
        "rule": result.rule.code,
        "expected": result.expected,
        "number": result.number,
        "name": result.case.name,
        "passed": result.problem is None,
        "problem": result.problem,
    }
