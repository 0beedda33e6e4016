"""Compressed data files are refused by name, before any reader decompresses them."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile.conftest import DATA, ENTRY

COMPRESSORS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": (".gz", gzip.compress),
    "bzip2": (".bz2", bz2.compress),
    "xz": (".xz", lzma.compress),
}


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_compressed_csv_is_refused_by_name(catalog: Path, kind: str, command: str) -> None:
    suffix, compress = COMPRESSORS[kind]
    data = catalog / DATA
    packed = data.with_name(data.name + suffix)
    packed.write_bytes(compress(data.read_bytes()))
    entry = catalog / ENTRY
    entry.write_text(entry.read_text().replace("budget-1405.csv", packed.name))

    outcome = run_cli(command, "--root", str(catalog), "--format", "json")

    assert outcome.exit_code in (0, 1), outcome.stderr
    messages = [f["message"] for f in json.loads(outcome.stdout)["findings"]]
    assert any(f"{kind}-compressed" in m for m in messages), messages
