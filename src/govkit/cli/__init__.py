"""The command line: thin Typer commands over `govkit.api`. The only module that imports typer.

Heavy modules (the api, frictionless, jsonschema, pydantic) are imported inside
the commands, so `govkit --help` stays fast.
"""

from __future__ import annotations

import datetime
import enum
from pathlib import Path
from typing import Annotated

import typer

from govkit import __version__
from govkit.cli.dates import parse_day
from govkit.cli.language import GovkitGroup
from govkit.cli.output import OutputFormat, Reported, ReportOutput, emit, finish, split, threshold
from govkit.cli.plan import PlanFormat
from govkit.i18n import N_, _, number

app = typer.Typer(
    name="govkit",
    cls=GovkitGroup,
    help=N_(
        "Data governance for open-data catalogs kept in git: "
        "validate, check policies, gate changes, export."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class FailOnChoice(enum.StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ListingFormat(enum.StrEnum):
    """What `govkit rules` and `govkit log` write: no findings, so none of the CI formats."""

    text = "text"
    json = "json"
    markdown = "markdown"


class TestsFormat(enum.StrEnum):
    text = "text"
    json = "json"


class SchemaKind(enum.StrEnum):
    config = "config"
    units = "units"
    dataset = "dataset"
    table_schema = "table-schema"
    policy_pack = "policy-pack"
    waivers = "waivers"
    obligation_pack = "obligation-pack"


Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help=N_("Catalog root (default: the nearest folder up with govkit.yaml)."),
        show_default=False,
    ),
]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help=N_("Report format."))]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help=N_("Write the report to FILE."), show_default=False),
]
FailOnOpt = Annotated[
    FailOnChoice | None,
    typer.Option(
        "--fail-on",
        help=N_(
            "Lowest severity that makes the exit code 1 (default: fail_on of govkit.yaml, "
            "else error)."
        ),
        show_default=False,
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help=N_(
            "Only these rules (codes, code prefixes or names; default: select of govkit.yaml)."
        ),
        show_default=False,
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help=N_(
            "Skip these rules (codes, code prefixes or names; default: ignore of govkit.yaml)."
        ),
        show_default=False,
    ),
]
CiFormat = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=N_("Report format (default: github on GitHub Actions, else text)."),
        show_default=False,
    ),
]
JunitXml = Annotated[
    Path | None,
    typer.Option(
        "--junit-xml",
        help=N_(
            "Also write the report as JUnit XML to FILE (for GitLab's and Jenkins' test "
            "reports), from the same run."
        ),
        show_default=False,
    ),
]
Today = Annotated[
    datetime.date | None,
    typer.Option(
        "--today",
        parser=parse_day,
        metavar="DATE",
        help=N_(
            "Judge dates as of this day (default: today), for a reproducible report; "
            "YYYY-MM-DD or Jalali YYYY/MM/DD."
        ),
        show_default=False,
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=N_("Findings only, no summary."))]
Debug = Annotated[bool, typer.Option("--debug", help=N_("Show tracebacks of internal errors."))]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="fa|en",
            help=N_(
                "Language of messages and reports (default: GOVKIT_LANG, else the locale, "
                "else English)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Data governance for open-data catalogs kept in git. `--lang` is read by GovkitGroup
    before the arguments are parsed; it is declared here so that it is accepted and listed."""


@app.command(
    help=N_("Check the catalog's metadata: YAML, file formats, references, Table Schemas.")
)
def lint(
    root: Root = None,
    format: Format = OutputFormat.text,
    output: Output = None,
    fail_on: FailOnOpt = None,
    select: Select = None,
    ignore: Ignore = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415

        report = api.lint(root, select=split(select), ignore=split(ignore))
        return emit(report, ReportOutput(format, output, quiet), threshold(fail_on, root))

    finish(run, debug, Reported("lint", ReportOutput(format, output, quiet), root))


@app.command(
    help=N_("Lint, then check every data file against its Table Schema; every bad cell is counted.")
)
def validate(
    target: Annotated[
        Path | None,
        typer.Argument(
            help=N_(
                "A datapackage.json/.yaml, or a data file with --schema "
                "(default: the catalog's resources)."
            ),
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        Path | None,
        typer.Option(
            "--schema", help=N_("Table Schema for a standalone data file."), show_default=False
        ),
    ] = None,
    root: Root = None,
    max_findings: Annotated[
        int,
        typer.Option(
            "--max-findings", min=0, help=N_("Findings listed per resource (all are counted).")
        ),
    ] = 100,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=N_("Check every file again."))
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help=N_("Where results are cached (default: ~/.cache/govkit)."),
            show_default=False,
        ),
    ] = None,
    format: Format = OutputFormat.text,
    output: Output = None,
    fail_on: FailOnOpt = None,
    select: Select = None,
    ignore: Ignore = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.progress import progress_bar  # noqa: PLC0415
        from govkit.engine.resources import default_cache_folder  # noqa: PLC0415

        cache = None if no_cache else (cache_dir or default_cache_folder())
        with progress_bar(_("validating")) as progress:
            report = api.validate(
                target,
                root=root,
                schema=schema,
                select=split(select),
                ignore=split(ignore),
                max_findings=max_findings,
                cache=cache,
                progress=progress,
            )
        return emit(report, ReportOutput(format, output, quiet), threshold(fail_on, root))

    finish(run, debug, Reported("validate", ReportOutput(format, output, quiet), root))


@app.command(
    help=N_(
        "Lint, the policy packs govkit.yaml enables, and the release judgment: may it be "
        "published, is personal data protected, and is what is withheld withheld for a "
        "lawful reason? The same judgment as `govkit ci` and `govkit export`. On GitHub "
        "Actions: annotations, and a summary appended to $GITHUB_STEP_SUMMARY."
    )
)
def check(
    root: Root = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help=N_(
                "Judge the release of this access level as `govkit export` does, its data "
                "validated too (default: export.level of govkit.yaml, without the data)."
            ),
            show_default=False,
        ),
    ] = None,
    scan: Annotated[
        bool,
        typer.Option(
            "--scan/--no-scan",
            help=N_(
                "Read the values of what the level releases for personal data "
                "(header words are always judged)."
            ),
        ),
    ] = True,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=N_("Check every file again."))
    ] = False,
    today: Today = None,
    format: CiFormat = None,
    output: Output = None,
    junit_xml: JunitXml = None,
    fail_on: FailOnOpt = None,
    select: Select = None,
    ignore: Ignore = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.ci import also_junit, append_step_summary, ci_format  # noqa: PLC0415
        from govkit.cli.progress import progress_bar  # noqa: PLC0415
        from govkit.engine.resources import default_cache_folder  # noqa: PLC0415

        with progress_bar(_("validating")) as progress:
            report = api.check(
                root,
                select=split(select),
                ignore=split(ignore),
                level=level,
                scan=scan,
                today=today,
                cache=None if no_cache else default_cache_folder(),
                progress=progress,
            )
        append_step_summary(report)
        also_junit(report, junit_xml)
        return emit(
            report, ReportOutput(ci_format(format), output, quiet), threshold(fail_on, root)
        )

    finish(
        run,
        debug,
        Reported(
            "check", ReportOutput(format or OutputFormat.text, output, quiet), root, junit_xml
        ),
    )


@app.command(
    help=N_(
        "The catalog's semantic changes between two git refs, judged by the packs' change rules."
    )
)
def diff(
    base: Annotated[str, typer.Argument(help=N_("The git ref to compare from, e.g. origin/main."))],
    head: Annotated[
        str | None,
        typer.Argument(help=N_("The git ref to compare to (default: the working tree).")),
    ] = None,
    root: Root = None,
    today: Today = None,
    format: Format = OutputFormat.text,
    output: Output = None,
    fail_on: FailOnOpt = None,
    select: Select = None,
    ignore: Ignore = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.ci import compared  # noqa: PLC0415

        report = api.diff(
            base,
            head,
            root=root,
            select=split(select),
            ignore=split(ignore),
            today=today,
        )
        if not quiet:
            typer.echo(compared(report), err=True)
        return emit(report, ReportOutput(format, output, quiet), threshold(fail_on, root))

    finish(run, debug, Reported("diff", ReportOutput(format, output, quiet), root))


@app.command(
    help=N_(
        "Lint, validate and check what changed since --base, then the change rules: one "
        "exit code. On GitHub Actions: annotations, and a summary appended to "
        "$GITHUB_STEP_SUMMARY."
    )
)
def ci(
    base: Annotated[
        str,
        typer.Option(
            "--base",
            help=N_("The git ref the change is measured from, e.g. origin/main."),
            show_default=False,
        ),
    ],
    root: Root = None,
    today: Today = None,
    format: CiFormat = None,
    output: Output = None,
    junit_xml: JunitXml = None,
    fail_on: FailOnOpt = None,
    select: Select = None,
    ignore: Ignore = None,
    max_findings: Annotated[
        int, typer.Option("--max-findings", min=0, help=N_("Data findings listed per resource."))
    ] = 100,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=N_("Check every file again."))
    ] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.ci import also_junit, append_step_summary, ci_format, compared  # noqa: PLC0415
        from govkit.engine.resources import default_cache_folder  # noqa: PLC0415

        report = api.ci(
            base,
            root=root,
            select=split(select),
            ignore=split(ignore),
            today=today,
            max_findings=max_findings,
            cache=None if no_cache else default_cache_folder(),
        )
        if not quiet:
            typer.echo(compared(report), err=True)
        append_step_summary(report)
        also_junit(report, junit_xml)
        return emit(
            report, ReportOutput(ci_format(format), output, quiet), threshold(fail_on, root)
        )

    finish(
        run,
        debug,
        Reported("ci", ReportOutput(format or OutputFormat.text, output, quiet), root, junit_xml),
    )


@app.command(
    help=N_(
        "A dataset's access-level and publication timeline from git history: commit, "
        "date, author, old → new level, approvals."
    )
)
def log(
    dataset: Annotated[
        str, typer.Argument(help=N_("A dataset id, or the path of its entry (catalog/...yaml)."))
    ],
    root: Root = None,
    format: Annotated[
        ListingFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ListingFormat.text,
    output: Output = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.output import write  # noqa: PLC0415
        from govkit.cli.timeline import render_timeline  # noqa: PLC0415

        timeline = api.log(dataset, root=root)
        write(render_timeline(timeline, OutputFormat(format.value)), output)
        return 0

    finish(run, debug)


@app.command(
    help=N_(
        "Release what an access level may see: Data Packages, data.json, DCAT-AP, CKAN "
        "payloads, reproducible zips and a manifest, written atomically; refused while it"
        " has errors."
    )
)
def export(
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help=N_("Access level to release (default: export.level)."),
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=N_("Release folder, replaced whole (default: export.out)."),
            show_default=False,
        ),
    ] = None,
    ref: Annotated[
        str | None,
        typer.Option(
            "--ref",
            help=N_("Release this git commit, tag or branch, not the working tree."),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help=N_("Report what would be released and withheld; write nothing.")
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Release despite errors (needs --reason)."))
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help=N_("Why --force is used; written into the release."),
            show_default=False,
        ),
    ] = None,
    allow_dirty: Annotated[
        bool,
        typer.Option("--allow-dirty", help=N_("Release a working tree with uncommitted changes.")),
    ] = False,
    escape_formulas: Annotated[
        bool,
        typer.Option(
            "--escape-formulas", help=N_("Prefix ' to text cells that start like a formula.")
        ),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=N_("Validate every file again."))
    ] = False,
    root: Root = None,
    format: Format = OutputFormat.text,
    output: Output = None,
    fail_on: FailOnOpt = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.export import force_reason, outcome  # noqa: PLC0415
        from govkit.cli.progress import progress_bar  # noqa: PLC0415
        from govkit.engine.resources import default_cache_folder  # noqa: PLC0415

        with progress_bar(_("exporting")) as progress:
            result = api.export(
                root, level=level, out=out, ref=ref, dry_run=dry_run,
                force_reason=force_reason(force, reason), allow_dirty=allow_dirty,
                escape_formulas=escape_formulas, progress=progress,
                cache=None if no_cache else default_cache_folder(),
            )  # fmt: skip
        code = emit(result.report, ReportOutput(format, output, quiet), threshold(fail_on, root))
        if not quiet or result.refused:
            typer.echo(outcome(result, dry_run=dry_run), err=True)
        return code

    finish(run, debug, Reported("export", ReportOutput(format, output, quiet), root))


@app.command(
    help=N_(
        "The publication plan: what the catalog owes (its obligation packs), what blocks "
        "each item, and what to publish next, ranked by a documented score (docs/plan.md)."
    )
)
def plan(
    root: Root = None,
    today: Today = None,
    format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help=N_("text, json, markdown or csv."))
    ] = PlanFormat.text,
    output: Output = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help=N_("Also write the priority × feasibility quadrant as a self-contained page."),
            show_default=False,
        ),
    ] = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit.cli.plan import write_plan  # noqa: PLC0415

        return write_plan(root, today, format, output, html)

    finish(run, debug)


@app.command(
    help=N_(
        "Apply the mechanical fixes to the catalog's data and YAML files: Persian digits in "
        "numeric fields, Arabic Yeh and Kaf, spaces at line ends; never what a value means."
    )
)
def fix(
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help=N_("Show the fixes as a unified diff and write nothing; exit 1 if any.")
        ),
    ] = False,
    root: Root = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.fixes import outcome  # noqa: PLC0415
        from govkit.cli.output import write  # noqa: PLC0415

        result = api.fix(root, apply=not diff)
        if diff:
            write(result.diff(), None)
        typer.echo(outcome(result), err=True)
        return 1 if diff and result.fixed else 0

    finish(run, debug)


policy_app = typer.Typer(
    name="policy",
    help=N_("Policy packs: run the test cases they carry."),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(policy_app)


@policy_app.command(
    "test",
    help=N_("Run the pass and fail cases of policy packs, like `opa test`; exit 1 if one fails."),
)
def policy_test(
    packs: Annotated[
        list[str] | None,
        typer.Argument(
            help=N_("Pack ids or pack files (default: every pack govkit.yaml enables)."),
            show_default=False,
        ),
    ] = None,
    root: Root = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=N_("List passing cases too."))
    ] = False,
    format: Annotated[
        TestsFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = TestsFormat.text,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.policy import render_tests  # noqa: PLC0415

        tests = api.policy_test(root, packs=packs or ())
        shown = render_tests(tests, OutputFormat(format.value), verbose=verbose)
        typer.echo(shown, nl=False)
        return 1 if any(test.failures for test in tests) else 0

    finish(run, debug)


@app.command(help=N_("List every rule with its code, name, default severity and summary."))
def rules(
    format: Annotated[
        ListingFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ListingFormat.text,
    root: Root = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit.cli.describe import rules_listing  # noqa: PLC0415

        typer.echo(rules_listing(OutputFormat(format.value), root), nl=False)
        return 0

    finish(run, debug)


@app.command(help=N_("Show a rule's documentation: what it checks, why, and how to fix it."))
def explain(
    rule: Annotated[
        str, typer.Argument(help=N_("A rule code (GK101) or name (schema-violation)."))
    ],
    root: Root = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit.cli.describe import rule_page  # noqa: PLC0415

        typer.echo(rule_page(rule, root), nl=False)
        return 0

    finish(run, debug)


@app.command(help=N_("Print the JSON Schema of a govkit file, for editors' YAML language servers."))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=N_("Which file's JSON Schema to print."))],
    output: Output = None,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit import api  # noqa: PLC0415
        from govkit.cli.output import write  # noqa: PLC0415

        write(api.schema(kind.value), output)
        return 0

    finish(run, debug)


@app.command(
    help=N_(
        "Create a new catalog repository: config, a first dataset, CI workflow, pre-commit hook."
    )
)
def init(
    directory: Annotated[Path, typer.Argument(help=N_("Folder to create the catalog in."))],
    force: Annotated[
        bool, typer.Option("--force", help=N_("Write into a non-empty folder (never overwrites)."))
    ] = False,
    debug: Debug = False,
) -> None:

    def run() -> int:
        from govkit.scaffold import init_catalog  # noqa: PLC0415

        written = init_catalog(directory, force=force)
        typer.echo(
            _("Created a catalog in {folder} ({count} files).").format(
                folder=directory, count=number(len(written))
            )
        )
        typer.echo(_("Next: cd {folder} && git init && govkit lint").format(folder=directory))
        return 0

    finish(run, debug)


def main() -> None:
    app()
