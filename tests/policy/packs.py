"""Helpers that write real catalog files for policy tests: packs, waivers, govkit.yaml."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def enable(root: Path, *packs: str) -> None:
    """Enable packs in the catalog's govkit.yaml (the base catalog enables none)."""
    config = root / "govkit.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f"{text}policies: [{', '.join(packs)}]\n", encoding="utf-8")


def rule(
    code: str = "LC001",
    name: str = "needs-licence",
    *,
    scope: str = "dataset",
    when: str = "",
    assertion: str = "has(dataset.license)",
    message: str = "'{{ dataset.id }}' has no licence",
    severity: str = "error",
    at: str = "",
    passing: str = "{}",
    failing: str = "{dataset: {license: null}}",
) -> str:
    """One rule as YAML, indented for a pack's `rules:` list."""
    lines = [
        f"  - code: {code}",
        f"    name: {name}",
        "    title: {en: A rule of the tests}",
        f"    severity: {severity}",
        '    citation: {law: local-guideline, article: "1"}',
        f"    scope: {scope}",
    ]
    if when:
        lines.append(f"    when: {when}")
    lines += [f"    assert: {assertion}", f'    message: "{message}"']
    if at:
        lines.append(f"    at: {at}")
    lines += ["    tests:", f"      pass: [{passing}]", f"      fail: [{failing}]"]
    return "\n".join(lines) + "\n"


def pack(*rules: str, pack_id: str = "local") -> str:
    header = f"""\
metadata:
  id: {pack_id}
  title: {{en: Local rules}}
  version: 1.0.0
  law:
    id: local-guideline
    title: {{en: Local guideline}}
    articles:
      - {{id: "1", title: {{en: Publication}}, text: {{en: Published data is reusable.}}}}
rules:
"""
    return header + "".join(rules or (rule(),))
