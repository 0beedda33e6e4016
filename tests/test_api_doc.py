"""docs/api.md runs: its Python cells, in order, on a copy of the example catalog, print
what the page shows after each of them; and `import govkit` gives the documented names."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govkit import api
from tests.export.conftest import copy_example

DOC = Path(__file__).parents[1] / "docs" / "api.md"
CELL = re.compile(r"```python\n((?:(?!```).)*)```\n\n```text\n((?:(?!```).)*)```", flags=re.S)


def cells() -> list[tuple[str, str]]:
    return CELL.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_cells_to_run() -> None:
    assert len(cells()) >= 6


def test_every_cell_prints_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(copy_example(tmp_path / "city"))
    namespace: dict[str, object] = {}
    for number, (code, shown) in enumerate(cells(), start=1):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"docs/api.md cell {number}", "exec"), namespace)  # noqa: S102
        assert printed.getvalue() == shown, f"cell {number}:\n{code}"


def test_the_import_line_of_the_page_works() -> None:
    imports = re.search(r"```python\n(from govkit import .*?)\n```", DOC.read_text("utf-8"))
    assert imports is not None
    namespace: dict[str, object] = {}
    exec(imports.group(1), namespace)  # noqa: S102
    assert namespace["lint"] is api.lint
    assert namespace["export"] is api.export
    assert namespace["diff"] is api.diff
    assert namespace["fix"] is api.fix


def test_the_functions_win_over_subpackages_of_the_same_name() -> None:
    import govkit.diff.compare  # noqa: PLC0415
    import govkit.export.build  # noqa: PLC0415
    import govkit.fix  # noqa: PLC0415

    assert govkit.export is api.export
    assert govkit.diff is api.diff
    assert govkit.fix is api.fix
    assert govkit.rules is api.rules
    assert "lint" in dir(govkit)
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = govkit.no_such_name  # type: ignore[attr-defined]


def test_import_govkit_loads_none_of_its_modules() -> None:
    probe = "import sys, govkit; print(sorted(m for m in sys.modules if m.startswith('govkit')))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "['govkit']"
