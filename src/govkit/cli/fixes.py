"""The line `govkit fix` ends with: what was fixed (or would be), and what could not be."""

from __future__ import annotations

from govkit.fix import DIGITS, LETTERS, SPACES, FixResult
from govkit.i18n import _, join, ngettext, number
from govkit.reporters.escape import safe


def _kind(kind: str, count: int) -> str:
    if kind == DIGITS:
        text = ngettext(
            "{count} number with Persian digits", "{count} numbers with Persian digits", count
        )
    elif kind == LETTERS:
        text = ngettext(
            "{count} value with Arabic letters", "{count} values with Arabic letters", count
        )
    else:
        text = ngettext("{count} line ending in spaces", "{count} lines ending in spaces", count)
    return text.format(count=number(count))


def outcome(result: FixResult) -> str:
    lines = [
        _("{path}: not fixed: {reason}").format(path=safe(s.path), reason=s.reason)
        for s in result.skipped
    ]
    if not result.fixed:
        lines.append(_("Nothing to fix."))
        return "\n".join(lines)
    what = join(
        [
            _kind(kind, result.counts[kind])
            for kind in (DIGITS, LETTERS, SPACES)
            if kind in result.counts
        ]
    )
    files = len(result.fixed)
    if result.applied:
        text = ngettext("Fixed {what} in {files} file.", "Fixed {what} in {files} files.", files)
    else:
        text = ngettext(
            "Would fix {what} in {files} file; run `govkit fix` to apply.",
            "Would fix {what} in {files} files; run `govkit fix` to apply.",
            files,
        )
    lines.append(text.format(what=what, files=number(files)))
    return "\n".join(lines)
