"""A small catalog with an obligation pack of its own, for the plan's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS

LOCAL_PACK = """\
metadata:
  id: local
  title: {en: Local duties}
  version: 1.0.0
  source: {title: {en: The committee's charter}}
items:
  - id: local-budget
    title: {fa: بودجه, en: The budget}
    source: {ref: art. 1}
    columns:
      - {concept: programme}
      - {concept: approved, names: [approved, approved_irr]}
    period: P1Y
    deadline: P1M
    oversight: true
  - id: local-leases
    title: {en: Leases}
    binding: should
    source: {ref: art. 2}
    rent_generating: true
"""


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    """tests/corpus/base with the `local` obligation pack enabled; `budget` fulfils
    local-budget, nothing fulfils local-leases."""
    root = tmp_path / "catalog-root"
    shutil.copytree(CORPUS / "base", root, symlinks=True)
    (root / "obligations").mkdir()
    (root / "obligations" / "local.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    config = root / "govkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "obligations: [local]\n", "utf-8")
    edit(root / "catalog/finance/budget.yaml", "access_level: public\n",
         "access_level: public\nfulfils: [local-budget]\n")  # fmt: skip
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
