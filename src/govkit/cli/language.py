"""The command line in the chosen language: help texts, usage lines and usage errors.

Help texts are written with `N_()` where the commands are declared, in English,
and translated when the command tree is about to run: the language is chosen
from `--lang` (read from the arguments before Click parses them, so that
`govkit --lang fa --help` is Persian), GOVKIT_LANG or the locale. The words
Click and Typer add themselves (`Usage:`, `Options`, `[default: text]`) are
translated by the help formatter; usage errors are shown translated in Persian.
English output is Click's own, unchanged.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from govkit import i18n
from govkit.i18n import N_, _

# The words the command-line framework writes, marked here so that they are extracted;
# the help formatter below translates them.
_USAGE = N_("Usage: ")
_FRAMEWORK = (N_("Options"), N_("Arguments"), N_("Commands"), N_("Show this message and exit."))
_EXTRA = re.compile(r"\[(default: (?P<default>[^\]]*)|(?P<required>required))\]")
# Click's usage errors, recognised by their English wording.
_USAGE_ERRORS = (
    (r"No such option: (?P<name>\S+)(?P<rest>.*)", N_("No such option: {name}")),
    (r"No such command '(?P<name>[^']*)'\.(?P<rest>.*)", N_("No such command '{name}'.")),
    (r"Missing option '(?P<name>[^']*)'\.(?P<rest>.*)", N_("Missing option '{name}'.")),
    (r"Missing argument '(?P<name>[^']*)'\.(?P<rest>.*)", N_("Missing argument '{name}'.")),
    (r"Invalid value for (?P<name>'[^']*'(?: / '[^']*')*): (?P<rest>.*)",
     N_("Invalid value for {name}:")),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.*)\)(?P<rest>)",
     N_("Unexpected extra arguments: {name}")),
    (r"Option '(?P<name>[^']*)' requires an argument\.(?P<rest>)",
     N_("Option '{name}' needs a value.")),
    (r"Missing command\.(?P<name>)(?P<rest>)", N_("Missing command.")),
)  # fmt: skip
# Why a value is invalid, as Typer words it after `Invalid value for '--x':`.
_REASONS = (
    (r"(?:Value error, )?'(?P<value>[^']*)' is not one of (?P<choices>.*)\.",
     N_("'{value}' is not one of {choices}.")),
    (r"Input should be greater than or equal to (?P<limit>\S+)", N_("must be at least {limit}")),
    (r"Input should be a valid integer.*", N_("must be a whole number")),
)  # fmt: skip


def lang_option(args: Sequence[str]) -> str | None:
    """The value of the global `--lang`, read from the arguments before the command name."""
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--lang":
            return args[position + 1] if position + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
        if not arg.startswith("-") or arg == "--":
            return None
        position += 1
    return None


class GovkitGroup(TyperGroup):
    """The root command: chooses the language, then translates the tree before it runs."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        spoken = i18n.current()
        i18n.use(i18n.choose(lang_option(arguments), os.environ))
        try:
            return self._run(
                arguments,
                prog_name,
                complete_var,
                standalone_mode,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        finally:
            # In-process callers (tests, embedding programs) keep the language they had.
            i18n.use(spoken)

    def _run(
        self,
        arguments: list[str],
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        **extra: Any,
    ) -> Any:
        for command in _tree(self):
            _translate(command)
        run = functools.partial(
            super().main,
            arguments,
            prog_name,
            complete_var,
            **extra,
        )
        if i18n.current() == i18n.DEFAULT or not standalone_mode:
            return run(standalone_mode=standalone_mode)
        # Persian: Click's English usage errors are caught and shown translated.
        try:
            code = run(standalone_mode=False)
        except ClickException as error:
            show_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo(_("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _tree(command: Command) -> Iterator[Command]:
    yield command
    for child in getattr(command, "commands", {}).values():
        yield from _tree(child)


def _translate(command: Command) -> None:
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _(text)  # type: ignore[attr-defined]
    command.context_class = _TranslatedContext


class _TranslatedFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(prefix or _USAGE))

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **options: Any) -> None:
        super().write_dl([(term, _extras(_(text))) for term, text in rows], *args, **options)


def _extras(text: str) -> str:
    """`[default: text]` and `[required]`, which Typer appends to a help text."""

    def word(match: re.Match[str]) -> str:
        if match["required"]:
            return "[" + _("required") + "]"
        return "[" + _("default: {value}").format(value=match["default"]) + "]"

    return _EXTRA.sub(word, text) if i18n.current() != i18n.DEFAULT else text


class _TranslatedContext(typer.Context):
    formatter_class = _TranslatedFormatter


def show_error(error: ClickException) -> None:
    """A usage error as Click shows it, in the current language."""
    if isinstance(error, NoArgsIsHelpError):
        error.show()  # the help itself, already translated
        return
    if isinstance(error, UsageError) and error.ctx is not None:
        context: Context = error.ctx
        typer.echo(context.get_usage(), err=True)
        hint = _("Try '{command} {option}' for help.").format(
            command=context.command_path, option=context.help_option_names[0]
        )
        typer.echo(hint + "\n", err=True)
    typer.echo(_("Error: {message}").format(message=usage_error(error.format_message())), err=True)


def usage_error(message: str) -> str:
    """Click's English message of a usage error, translated where its wording is known."""
    for pattern, template in _USAGE_ERRORS:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match is not None:
            head = _(template).format(name=match["name"])
            return f"{head} {_reason(match['rest'].strip())}".strip()
    return message


def _reason(text: str) -> str:
    for pattern, template in _REASONS:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match is not None:
            return _(template).format(**match.groupdict())
    return text
