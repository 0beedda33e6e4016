"""Every pattern the JSON Schemas of govkit's files hold runs in linear time in Python's `re`.

jsonschema checks `pattern` with Python's backtracking `re`, whatever `maxLength` says, on
text a merge request writes (a steward's e-mail, a licence, an id), up to the 2 MiB cap.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from govkit.catalog.jsonschemas import KINDS, committed
from tests.conftest import run_cli

N = 20_000  # the quadratic e-mail pattern took 19 s on this; a linear one takes milliseconds


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


PATTERNS = sorted({p for kind in KINDS for p in _patterns(committed(kind))})


def _hostile() -> Iterator[str]:
    for char in ".a@ -0/:_+T":
        yield char * N
        yield "a@" + char * N + "@"
        yield "a@" + char * N + " "
        yield "a" + (char + "a") * (N // 2) + "!"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_is_linear(pattern: str) -> None:
    compiled = re.compile(pattern)
    start = time.perf_counter()
    for text in _hostile():
        compiled.search(text)
    assert time.perf_counter() - start < 1.0


def test_a_steward_email_of_dots_is_refused_at_once(catalog: Any) -> None:
    entry = catalog / "catalog" / "finance" / "budget.yaml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("s.ahmadi@example.org", "a@" + "." * N + "@"))

    start = time.perf_counter()
    outcome = run_cli("lint", "--root", str(catalog))

    assert time.perf_counter() - start < 5
    assert outcome.exit_code == 1, outcome.stderr
    assert "catalog/finance/budget.yaml:5:" in outcome.stdout
