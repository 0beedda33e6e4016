"""What `govkit export` says on standard error besides its report: the outcome in one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govkit.errors import GovkitError

if TYPE_CHECKING:
    from govkit.export.build import ExportResult


def force_reason(force: bool, reason: str | None) -> str | None:
    """The reason a forced export records; `--force` and `--reason` come together."""
    if force and not (reason or "").strip():
        raise GovkitError("--force needs --reason TEXT: the reason is written into the release")
    if reason is not None and not force:
        raise GovkitError("--reason is the reason for --force; pass both, or neither")
    return reason if force else None


def outcome(result: ExportResult, *, dry_run: bool) -> str:
    released = sum(1 for f in result.report.findings if f.code == "GK601")
    errors = result.report.summary()["error"] + sum(
        t.count for t in result.report.unlisted if t.severity.value == "error"
    )
    if result.refused:
        return (
            f"govkit: export refused: {errors} error{'s' if errors != 1 else ''} in what would be "
            f"released; nothing was written ({result.out} is unchanged). Fix them, or release "
            "anyway with --force --reason TEXT"
        )
    nouns = f"{released} resource{'s' if released != 1 else ''}"
    if dry_run:
        return f"govkit: dry run: would release {nouns} at '{result.release.level}' to {result.out}"
    files = len(result.files) + 1
    return (
        f"govkit: released {nouns} at '{result.release.level}' to {result.out} "
        f"({files} files, version {result.release.version}, {result.release.created})"
    )
