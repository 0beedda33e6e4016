"""The bad-input corpus: each case is a small catalog that must fail cleanly.

Every case under tests/corpus/bad/<name>/ overlays files on the valid catalog
in tests/corpus/base, and its case.yaml says the exit code, a message the
output must contain and the `file:line:col` it must point at. None may crash
or print a traceback.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CORPUS, run_cli

CASES = sorted(p for p in (CORPUS / "bad").iterdir() if p.is_dir())


def _build(case: Path, root: Path, spec: dict[str, Any]) -> None:
    shutil.copytree(CORPUS / "base", root, symlinks=True)
    for relative in spec.get("remove", []):
        (root / relative).unlink()
    for source in case.rglob("*"):
        relative = source.relative_to(case)
        if source.is_file() and relative.as_posix() != "case.yaml":
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / relative)
    for link, target in spec.get("symlinks", {}).items():
        os.symlink(target, root / link)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    root = tmp_path / "root"
    _build(case, root, spec)
    args = [a.format(root=root) for a in spec.get("args", ["lint"])]
    if "--root" not in args:
        args += ["--root", str(root)]

    outcome = run_cli(*args)

    output = outcome.stdout + outcome.stderr
    assert outcome.exit_code == spec["exit"], output
    assert spec["message"] in output
    if "location" in spec:
        assert spec["location"] in output
    assert "Traceback" not in output
    # Exit 2 is a tool-level error: reported on stderr, nothing on stdout.
    if spec["exit"] == 2:
        assert outcome.stdout == ""
