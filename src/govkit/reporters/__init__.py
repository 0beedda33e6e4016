"""Reporters: one module per output format, each turning a Report into a string.

Format modules are imported only when asked for, so `govkit --help` does not
pay for rich or ElementTree. Each exposes `render(report, options) -> str` and
never prints; the CLI decides where the string goes.
"""

from __future__ import annotations

import enum
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from govkit.i18n import N_

if TYPE_CHECKING:
    from govkit.errors import Problem
    from govkit.findings import Finding, Report


class Format(enum.StrEnum):
    """The registry of formats, each rendered by the module of its name in this package;
    the CLI's `--format` choices are its members."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"
    markdown = "markdown"


FORMATS = tuple(format.value for format in Format)


@dataclass(frozen=True)
class RenderOptions:
    """How to render: colour only for a terminal; quiet drops the summary; `prefix` is the
    catalog root's path from the repository root (`data/`, or empty), which the formats
    that CI services resolve against the repository (sarif, github) put before each path."""

    color: bool = False
    quiet: bool = False
    prefix: str = ""


def render(
    report: Report, format: str, *, color: bool = False, quiet: bool = False, prefix: str = ""
) -> str:
    """Render `report` in `format` (one of FORMATS); ValueError for any other name."""
    module = _module(format)
    renderer: Callable[[Report, RenderOptions], str] = module.render
    return renderer(report, RenderOptions(color=color, quiet=quiet, prefix=prefix))


def render_error(
    problems: Sequence[Problem], format: str, *, command: str, root: str, prefix: str = ""
) -> str | None:
    """The report of a run that stopped on unusable input (exit 2), in the formats whose
    readers need a file even then (sarif, junit); None for the others."""
    if format == "sarif":
        from govkit.reporters import sarif  # noqa: PLC0415

        return sarif.error_report(root, prefix, problems)
    if format == "junit":
        from govkit.reporters import junit  # noqa: PLC0415

        return junit.error_report(command, problems)
    return None


def _module(format: str) -> ModuleType:
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{format}")


def in_repository(path: str, prefix: str) -> str:
    """`path` (relative to the catalog) from the repository root: `prefix` before it,
    unless it is absolute (a standalone data file named on the command line)."""
    if not path or os.path.isabs(path):
        return path
    return prefix + path


# Wording shared by the human-facing reporters (text, github, markdown), so a
# finding reads the same in a terminal, an annotation and a comment. These
# return raw text: each caller escapes for its own medium.


def where(finding: Finding) -> str:
    """`path:line:col`, the form editors and terminals make clickable."""
    loc = finding.location
    return f"{loc.path}:{loc.line}:{loc.column}"


def context(finding: Finding, value: Callable[[str], str] = str) -> str:
    """What a finding is about beyond its file: `dataset/resource/field, row 57, ir-foi art. 14`.

    `value` is applied to the parts that come from the catalog (names, the law cited), for
    reporters that escape and isolate those apart from the words around them."""
    from govkit.i18n import _, join, number  # noqa: PLC0415

    parts = []
    names = [n for n in (finding.dataset, finding.resource, finding.field) if n]
    if names:
        parts.append(value("/".join(names)))
    if finding.row is not None:
        parts.append(_("row {row}").format(row=number(finding.row)))
    if finding.citation is not None:
        citation = finding.citation
        article = _("{law} art. {article}")
        parts.append(article.format(law=value(citation.law), article=value(citation.article)))
    return join(parts)


def counts(summary: dict[str, int]) -> list[str]:
    """`["2 errors", "1 warning", "3 info"]`, leaving out severities with none."""
    from govkit.i18n import number  # noqa: PLC0415

    return [
        _count(key, summary[key]).format(count=number(summary[key]))
        for key in ("error", "warning", "info")
        if summary[key]
    ]


def _count(severity: str, count: int) -> str:
    from govkit.i18n import ngettext  # noqa: PLC0415

    if severity == "error":
        return ngettext("{count} error", "{count} errors", count)
    if severity == "warning":
        return ngettext("{count} warning", "{count} warnings", count)
    return ngettext("{count} info", "{count} info", count)


def severity(finding: Finding) -> str:
    """The severity's word in the current language (`error`, `خطا`); codes never change."""
    from govkit.i18n import _  # noqa: PLC0415

    return _(SEVERITY_WORDS[finding.severity.value])


SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
