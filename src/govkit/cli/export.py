"""What `govkit export` says on standard error besides its report: the outcome in one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govkit.errors import GovkitError
from govkit.i18n import _, days_in, ngettext, number

if TYPE_CHECKING:
    from govkit.export.build import ExportResult


def force_reason(force: bool, reason: str | None) -> str | None:
    """The reason a forced export records; `--force` and `--reason` come together."""
    if force and not (reason or "").strip():
        raise GovkitError(_("--force needs --reason TEXT: the reason is written into the release"))
    if reason is not None and not force:
        raise GovkitError(_("--reason is the reason for --force; pass both, or neither"))
    return reason if force else None


def outcome(result: ExportResult, *, dry_run: bool) -> str:
    released = sum(1 for f in result.report.findings if f.code == "GK601")
    errors = result.report.summary()["error"] + sum(
        t.count for t in result.report.unlisted if t.severity.value == "error"
    )
    if result.refused:
        refused = ngettext(
            "govkit: export refused: {count} error in what would be released; nothing was "
            "written ({out} is unchanged). Fix them, or release anyway with --force --reason TEXT",
            "govkit: export refused: {count} errors in what would be released; nothing was "
            "written ({out} is unchanged). Fix them, or release anyway with --force --reason TEXT",
            errors,
        )
        return refused.format(count=number(errors), out=result.out)
    where = {"count": number(released), "level": result.release.level, "out": result.out}
    if dry_run:
        return ngettext(
            "govkit: dry run: would release {count} resource at '{level}' to {out}",
            "govkit: dry run: would release {count} resources at '{level}' to {out}",
            released,
        ).format(**where)
    released_text = ngettext(
        "govkit: released {count} resource at '{level}' to {out} "
        "({files} files, version {version}, {created})",
        "govkit: released {count} resources at '{level}' to {out} "
        "({files} files, version {version}, {created})",
        released,
    )
    return released_text.format(
        **where,
        files=number(len(result.files) + 1),
        version=result.release.version,
        created=days_in(result.release.created),
    )
