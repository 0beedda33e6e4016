"""Text for `govkit rules` and `govkit explain`, built from the rule registry."""

from __future__ import annotations

import json
from pathlib import Path

from govkit import api
from govkit.cli.output import OutputFormat
from govkit.errors import GovkitError
from govkit.findings import RuleInfo
from govkit.i18n import _
from govkit.reporters.escape import safe


def rules_listing(format: OutputFormat, root: Path | None = None) -> str:
    infos = api.rules(root or api.nearest_root())
    if format is OutputFormat.json:
        records = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary}
            for r in infos
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if format is OutputFormat.markdown:
        return _markdown_table(infos)
    if format is not OutputFormat.text:
        raise GovkitError(
            _("`govkit rules` writes text, json or markdown, not {format}").format(
                format=format.value
            )
        )
    width = max(len(r.name) for r in infos)
    lines = [f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}" for r in infos]
    return "\n".join(lines) + "\n"


def _markdown_table(infos: list[RuleInfo]) -> str:
    header = (_("code"), _("name"), _("severity"), _("summary"))
    lines = [_row(header), _row(("---",) * len(header))]
    lines.extend(_row((f"`{r.code}`", f"`{r.name}`", r.severity.value, r.summary)) for r in infos)
    return "\n".join(lines) + "\n"


def _row(cells: tuple[str, ...]) -> str:
    # A pipe would end the cell; a newline would end the table.
    escaped = (safe(cell).replace("|", "\\|") for cell in cells)
    return "| " + " | ".join(escaped) + " |"


def rule_page(selector: str, root: Path | None = None) -> str:
    info = api.explain(selector, root or api.nearest_root())
    header = f"{info.code} {info.name} ({info.severity.value})"
    return f"{header}\n{'=' * len(header)}\n\n{info.doc}\n"


def rules_markdown() -> str:
    """docs/rules.md: the rule reference, generated from the registry."""
    parts = [
        "# Rules\n",
        "Generated from govkit's rule registry (`python -m govkit.cli.describe > docs/rules.md`);",
        "`govkit rules` lists them and `govkit explain CODE` shows one.\n",
    ]
    for info in api.rules():
        parts.append(f"## {info.code} `{info.name}` ({info.severity.value})\n")
        parts.append(f"{info.doc}\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(rules_markdown(), end="")
