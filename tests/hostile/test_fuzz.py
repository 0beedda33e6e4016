"""Fuzz of the catalog loader and lint, and of the data engine, on a small budget.

`bench/fuzz.py` runs the same strategies on a large one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.hostile import fuzzing

_SMALL = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SMALL
@given(fuzzing.catalog_changes())
def test_catalog_inputs_keep_the_contract(change: fuzzing.Change) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        fuzzing.assert_contract(*fuzzing.run(change, Path(scratch)))


@_SMALL
@given(fuzzing.data_changes())
def test_data_files_keep_the_contract(change: fuzzing.Change) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        fuzzing.assert_contract(*fuzzing.run(change, Path(scratch)))
