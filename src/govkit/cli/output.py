"""How commands end: render the report, write it, map outcomes and errors to exit codes.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 unusable input, usage or environment; 3 an internal error (a bug);
130 interrupted.
"""

from __future__ import annotations

import enum
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from govkit.i18n import _, ngettext
from govkit.reporters import Format

if TYPE_CHECKING:
    from govkit.findings import Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that it stops the queries and removes the
    temporary files as Ctrl-C does (Python's default would end the process on the spot)."""


def _terminate(_signal: int, _frame: object) -> None:
    raise Terminated


# The `--format` choices: the reporters' registry itself.
OutputFormat = Format


@dataclass(frozen=True)
class ReportOutput:
    format: OutputFormat
    file: Path | None
    quiet: bool


@dataclass(frozen=True)
class Reported:
    """What a command reports on, so that a run that stops on unusable input (exit 2) still
    writes a report its CI upload step can read (sarif, junit)."""

    command: str
    output: ReportOutput
    root: Path | None = None
    junit: Path | None = None
    """`--junit-xml FILE`, the JUnit report written beside the one shown."""


def split(values: Sequence[str] | None) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def emit(report: Report, output: ReportOutput, fail_on: str) -> int:
    """Render and write the report; the exit code follows --fail-on."""
    from govkit import reporters  # noqa: PLC0415
    from govkit.findings import FailOn  # noqa: PLC0415

    color = (
        output.format is OutputFormat.text
        and output.file is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    prefix = repository_prefix(Path(report.root))
    text = reporters.render(
        report, output.format.value, color=color, quiet=output.quiet, prefix=prefix
    )
    write(text, output.file)
    if output.file is not None and not output.quiet:
        from govkit.i18n import number  # noqa: PLC0415

        counts = report.summary()
        wrote = _("wrote {format} report to {file}: {errors} errors, {warnings} warnings")
        typer.echo(
            wrote.format(
                format=output.format.value,
                file=output.file,
                errors=number(counts["error"]),
                warnings=number(counts["warning"]),
            ),
            err=True,
        )
    return EXIT_FINDINGS if report.failed(FailOn(fail_on)) else EXIT_OK


def threshold(option: enum.Enum | None, root: Path | None) -> str:
    """`--fail-on` if given, else the catalog's `fail_on`, else error."""
    if option is not None:
        return str(option.value)
    from govkit import api  # noqa: PLC0415

    return api.fail_on(root)


def write(text: str, file: Path | None) -> None:
    if file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from govkit.atomic import write_atomic  # noqa: PLC0415

    write_atomic(file, text.encode("utf-8"))


def repository_prefix(root: Path) -> str:
    """The catalog root's path from the root of the git repository holding it (`data/`),
    empty when they are the same folder or no repository holds it. CI services resolve
    report paths against the repository, govkit's are relative to the catalog."""
    folder = root.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            relative = folder.relative_to(candidate).as_posix()
            return "" if relative == "." else f"{relative}/"
    return ""


def finish(run: Callable[[], int], debug: bool, reported: Reported | None = None) -> None:
    """Run a command body and exit with its code; errors never surface as raw tracebacks."""
    raise typer.Exit(_exit_code(run, debug or bool(os.environ.get("GOVKIT_DEBUG")), reported))


def _exit_code(run: Callable[[], int], debug: bool, reported: Reported | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return run()
    except KeyboardInterrupt as interrupt:
        typer.echo(_("govkit: interrupted"), err=True)
        return EXIT_TERMINATED if isinstance(interrupt, Terminated) else EXIT_INTERRUPTED
    except Exception as error:
        if _interrupted(error):
            typer.echo(_("govkit: interrupted"), err=True)
            return EXIT_INTERRUPTED
        code = _failed(error, debug)
        if code == EXIT_INPUT and reported is not None:
            _report_unusable(error, reported)
        return code


def _report_unusable(error: Exception, reported: Reported) -> None:
    """Write the error report of `-f sarif|junit -o FILE`: the upload step that runs
    `if: always()` then finds a file that says why there are no results."""
    from govkit import reporters  # noqa: PLC0415
    from govkit.errors import InputError, Problem  # noqa: PLC0415

    files = [(reported.output.format.value, reported.output.file), ("junit", reported.junit)]
    wanted = [(format, file) for format, file in files if file is not None]
    if not wanted:
        return
    unusable = (Problem("", 0, 0, str(error)),)
    problems = error.problems if isinstance(error, InputError) else unusable
    root = _catalog_root(reported.root)
    for format, file in wanted:
        text = reporters.render_error(
            problems, format, command=reported.command, root=str(root),
            prefix=repository_prefix(root),
        )  # fmt: skip
        if text is None:
            continue
        try:
            write(text, file)
        except OSError as failure:
            typer.echo(_("govkit: error: {error}").format(error=failure), err=True)


def _catalog_root(root: Path | None) -> Path:
    """The catalog root as the command would have found it; the current folder when
    there is none (the error may be that there is none)."""
    from govkit.api import find_root  # noqa: PLC0415
    from govkit.errors import GovkitError  # noqa: PLC0415

    try:
        return find_root(root)
    except GovkitError:
        return root if root is not None else Path.cwd()


def _failed(error: Exception, debug: bool) -> int:
    from govkit.errors import GovkitError, InputError  # noqa: PLC0415
    from govkit.reporters.escape import safe  # noqa: PLC0415

    if isinstance(error, InputError):
        for problem in error.problems:
            typer.echo(f"{safe(str(problem))}", err=True)
        typer.echo(_count(len(error.problems)), err=True)
        return EXIT_INPUT
    if isinstance(error, GovkitError | OSError):
        typer.echo(_("govkit: error: {error}").format(error=safe(str(error))), err=True)
        return EXIT_INPUT
    if debug:
        traceback.print_exception(error)
    bug = _(
        "govkit: internal error: {kind}: {error}\n"
        "This is a bug in govkit. Rerun with --debug and report the traceback."
    )
    typer.echo(bug.format(kind=type(error).__name__, error=safe(str(error))), err=True)
    return EXIT_BUG


def _interrupted(error: BaseException | None) -> bool:
    """Ctrl-C while DuckDB runs a query reaches Python as DuckDB's own error (`Query
    interrupted`, or an InterruptException), possibly wrapped in another."""
    while error is not None:
        if type(error).__name__ == "InterruptException":
            return True
        if isinstance(error, RuntimeError) and str(error) == "Query interrupted":
            return True
        error = error.__cause__ or error.__context__
    return False


def _count(problems: int) -> str:
    from govkit.i18n import number  # noqa: PLC0415

    text = ngettext(
        "govkit: {count} file problem; fix and run again",
        "govkit: {count} file problems; fix and run again",
        problems,
    )
    return text.format(count=number(problems))
